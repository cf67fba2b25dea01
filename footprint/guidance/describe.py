"""`footprint guidance`: a framework's documents and clauses, how each is cited, and the checks mapped to it."""

from __future__ import annotations

import textwrap

from footprint.guidance import Catalogue, frameworks


def describe(catalogue: Catalogue, width: int = 100) -> str:
    """Plain text: the framework, its caveats, then each document's clauses with the checks mapped to them."""

    def wrap(text: str, indent: str) -> str:
        return textwrap.fill(text, width, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False)

    others = [f for f in frameworks() if f != catalogue.framework]
    lines = [
        f"{catalogue.framework.upper()}: {catalogue.title}",
        wrap(
            f"Cites the {catalogue.edition} edition of {catalogue.documents[catalogue.primary].title}. "
            f"Other frameworks: {', '.join(others)} (choose with --framework or `framework:` in the profile).",
            "",
        ),
    ]
    if catalogue.notes:
        lines.append("")
        lines.extend(wrap(note, "  ").replace("  ", "- ", 1) for note in catalogue.notes)
    for key, document in catalogue.documents.items():
        clauses = [c for c in catalogue.clauses if c.document == key]
        if not clauses:
            continue
        lines += ["", f"{document.title} ({document.edition})", f"  {document.url}"]
        for clause in clauses:
            ref = catalogue.ref(clause)
            lines.append("")
            lines.append(f"  {clause.id}")
            lines.append(
                wrap(f"cited as: {ref.citation}" + ("" if clause.verified else "  (no number: not verified)"), "    ")
            )
            lines.append(wrap(clause.summary, "    "))
            checks = catalogue.checks_for(clause.id)
            lines.append(wrap(f"checks: {', '.join(checks)}", "    "))
    lines += ["", "Checks and the clauses they cite (primary first):"]
    for check, ids in sorted(catalogue.mappings.items()):
        lines.append(wrap(f"{check}: {', '.join(ids)}", "  "))
    if catalogue.kinds:
        lines += ["", "By what the post did (a finding's kind; best fit first, older editions folded in):"]
        for check, table in sorted(catalogue.kinds.items()):
            for kind in table:
                ids = catalogue.clause_ids_for(check, kind, platform=None)
                lines.append(wrap(f"{check} / {kind}: {', '.join(ids)}", "  "))
    return "\n".join(lines) + "\n"
