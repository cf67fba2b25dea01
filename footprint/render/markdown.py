"""The Markdown report, for pasting into supervision notes or a placement portfolio.

Every string that came from an account (excerpts, names, notes, URLs) goes through `md()`, which
escapes Markdown punctuation and HTML, so a post cannot add a heading, a table cell, emphasis,
a link or raw HTML to the report. Only the guidance documents' own URLs become links.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from footprint.models import DiscoveryState, Finding, Report
from footprint.render import RenderOptions, view
from footprint.safetext import clean, clean_model

_INLINE = re.compile(r"([\\`*_\[\]|~])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_BLOCK_START = re.compile(r"^(\s*\d*)([#>+=.)-])")
_SPACE = re.compile(r"\s+")
SEVERITY_MARK = {"high": "🔴 HIGH", "medium": "🟠 MEDIUM", "low": "🔵 LOW", "info": "⚪ INFO"}


def md(text: str | None, *, strip: bool = True) -> str:
    """Text made inert for Markdown: one line; `<` and `>` as entities (no raw HTML); an `&` that would
    start an entity escaped; emphasis, code, link, table and strikethrough characters backslash-escaped;
    and a block marker at the start (heading, quote, list) escaped."""
    if not text:
        return ""
    flat = _SPACE.sub(" ", clean(text))
    if strip:
        flat = flat.strip()
    flat = _ENTITY.sub("&amp;", flat).replace("<", "&lt;").replace(">", "&gt;")
    flat = _INLINE.sub(r"\\\1", flat)
    start = _BLOCK_START.match(flat)
    ordered = (
        start and start.group(2) in ".)" and start.group(1).strip() and flat[start.end() : start.end() + 1] in ("", " ")
    )
    if start and (ordered or (start.group(1).strip() == "" and start.group(2) not in ".)")):
        flat = start.group(1) + "\\" + flat[start.end(1) :]
    return flat


def link(label: str, url: str | None) -> str:
    """A Markdown link when the URL is a plain http(s) address, else the escaped label alone."""
    safe = view.safe_url(url)
    if safe is None:
        return md(label)
    return f"[{md(label)}](<{safe}>)"


def render(reports: Sequence[Report], options: RenderOptions) -> str:
    """One document: each report in turn, then the advice footer once."""
    reports = [clean_model(r) for r in reports]  # fetched text loses its control sequences before drawing
    parts: list[str] = []
    if len(reports) > 1:
        parts.append("# footprint: digital footprint reports\n")
        for report in reports:
            parts.append(f"- **{md(report.subject.name)}**: {md(view.verdict_line(report))} ({_counts(report)})")
        parts.append("")
    for report in reports:
        parts.append(_report(report, level=2 if len(reports) > 1 else 1))
    parts.append("---\n")
    parts.extend(f"*{line}*\n" for line in view.footer(tuple(reports)))
    return "\n".join(parts).rstrip() + "\n"


def _counts(report: Report) -> str:
    return " · ".join(f"{n} {s.value}" for s, n in view.counts(report))


def _report(report: Report, level: int) -> str:
    h = "#" * level
    lines: list[str] = []
    who = f"{md(report.subject.name)} ({md(view.role(report))})"
    lines.append(f"{h} footprint report: {who}\n")
    lines.append(f"**Overall: {md(view.verdict_line(report))}** ({_counts(report)})\n")
    lines.append(f"**Coverage:** {md(view.coverage_line(report))}\n")
    for gap in report.coverage.gaps if report.coverage else []:
        lines.append(f"> **Not checked:** {md(gap)}\n")
    if report.redacted:
        lines.append("> **Redacted for display:** names, handles, numbers and places in the evidence are masked.\n")
    lines.append(
        f"{report.mode.capitalize()} audit · framework {md(report.framework.upper())} · "
        f"{report.generated_at:%Y-%m-%d %H:%M} UTC\n"
    )

    rows = view.principles(report)
    if rows:
        lines.append(f"{h}# Summary by guidance principle\n")
        lines.append("| Principle | Findings | Worst | Cited as |")
        lines.append("| --- | ---: | --- | --- |")
        for row in rows:
            lines.append(
                f"| {md(row.theme)} | {row.count} | {row.worst.value} | {'<br>'.join(md(c) for c in row.citations)} |"
            )
        lines.append("")

    lines.append(f"{h}# Accounts\n")
    lines.append("| Platform | Account | Status | Findings | Worst | Notes |")
    lines.append("| --- | --- | --- | ---: | --- | --- |")
    for grid_row in view.grid(report).rows:
        acc = grid_row.account
        name = md(acc.account) + (" *(anonymous)*" if acc.anonymous else "")
        notes = [md(view.account_note(acc)), *(md(n) for n in acc.notes)]
        worst = grid_row.worst.value if grid_row.worst else "—"
        count = sum(c.count for c in grid_row.cells)
        lines.append(
            f"| {md(acc.platform)} | {name} | {view.status_label(acc)} | {count} | {worst} | "
            f"{'<br>'.join(n for n in notes if n)} |"
        )
    lines.append("")

    if report.findings:
        lines.append(f"{h}# Findings\n")
        serious = view.serious(report)
        for number, finding in enumerate(serious, start=1):
            lines.append(_finding(finding, number, h + "##"))
        groups = view.grouped(view.minor(report))
        for number, group in enumerate(groups, start=len(serious) + 1):
            lines.append(_group(group, number, h + "##"))
    else:
        lines.append(f"{md(view.nothing_found_line(report))}\n")

    manual = [a for a in report.accounts if a.checklist]
    if manual:
        lines.append(f"{h}# To check by hand\n")
        for acc in manual:
            lines.append(f"**{md(acc.platform)} {md(acc.account)}**\n")
            lines.extend(f"- [ ] {md(step)}" for step in acc.checklist)
            lines.append("")

    if report.discovered:
        lines.append(f"**Probes by state:** {md(view.discovery_tally(report))}\n")
    found = [d for d in report.discovered if d.state is DiscoveryState.FOUND and not d.declared]
    if found:
        lines.append(f"{h}# Other accounts found under your names\n")
        for item in found:
            lines.append(f"- {md(item.site_name)}: {md(item.handle)} ({md(item.url)})")
        lines.append("")
    if report.search is not None:
        lines.append(_search(report, h))
    for warning in report.warnings:
        lines.append(f"> warning: {md(warning)}\n")
    return "\n".join(lines)


def _search(report: Report, h: str) -> str:
    """What a search for your name shows: engine, verdict, each query, then the results by class with links."""
    found = report.search
    assert found is not None
    lines = [
        f"{h}# {view.SEARCH_TITLE}\n",
        f"{md(view.search_summary(report))}\n",
        f"**{md(view.search_verdict(report))}**\n",
    ]
    lines.append("| Query | From | Answer |")
    lines.append("| --- | --- | --- |")
    for query in found.queries:
        lines.append(f"| {md(query.text)} | {md(query.purpose)} | {md(view.query_note(query))} |")
    lines.append("")
    for group in view.search_groups(report):
        lines.append(f"{h}## {md(group.label)} ({len(group.hits)})\n")
        for hit in group.hits:
            entry = f"- {link(hit.title or hit.url, hit.url)} (#{hit.rank})"
            if hit.snippet:
                entry += f"  \n  *{md(hit.snippet)}*"
            if hit.note:
                entry += f"  \n  {md(hit.note)}"
            if hit.opt_out:
                entry += f"  \n  {link('opt-out page', hit.opt_out)}"
            lines.append(entry)
        lines.append("")
        if group.advice:
            lines.append("**What to do:**\n")
            lines.extend(f"1. {md(a)}" for a in group.advice)
            lines.append("")
    return "\n".join(lines)


def _finding(finding: Finding, number: int, h: str) -> str:
    lines = [f"{h} {number}. {SEVERITY_MARK[finding.severity.value]}: {md(finding.title)}\n"]
    where = " · ".join(md(part) for part in view.where(finding))
    if finding.item.url:
        where += (
            " · " + link("open", finding.item.url) if view.safe_url(finding.item.url) else " · " + md(finding.item.url)
        )
    lines.append(f"- **Where:** {where}")
    lines.append(f"- **Check:** `{finding.check}` · **id:** `{finding.id}`")
    if finding.details:
        lines.append(f"- **Details:** {'; '.join(md(d) for d in finding.details)}")
    lines.append("")
    if finding.excerpt:
        ex = finding.excerpt
        matched = ex.matched.strip()
        lead = ex.matched[: len(ex.matched) - len(ex.matched.lstrip())]
        trail = ex.matched[len(ex.matched.rstrip()) :]
        before = md(ex.before + lead, strip=False).lstrip()
        after = md(trail + ex.after, strip=False).rstrip()
        quote = f"{before}**{md(matched)}**{after}" if matched else before + after
        lines.append(f"> {quote}\n")
    lines.append(f"**Why it matters:** {md(finding.why)}\n")
    lines += _guidance_and_advice(finding)
    return "\n".join(lines)


def _group(group: view.FindingGroup, number: int, h: str) -> str:
    """Minor findings of one check on one platform: each place, then the clauses and advice once."""
    first = group.first
    count = len(group.findings)
    lines = [
        f"{h} {number}. {SEVERITY_MARK[group.severity.value]}: {md(first.title)} "
        f"({md(group.platform)}, {view.plural(count, 'place')})\n"
    ]
    lines.append(f"- **Check:** `{group.check}`\n")
    for finding in group.findings:
        where = " · ".join(md(part) for part in view.where(finding)[1:])
        if finding.excerpt:
            ex = finding.excerpt
            where += f": “{md(ex.before, strip=False).lstrip()}**{md(ex.matched.strip())}**{md(ex.after, strip=False).rstrip()}”"
        lines.append(f"- {where}  \n  *{md(finding.why)}* (`{finding.id}`)")
    lines.append("")
    lines += _guidance_and_advice(first)
    return "\n".join(lines)


def _guidance_and_advice(finding: Finding) -> list[str]:
    """The clauses a finding bears on, then what to do, as Markdown lists."""
    lines: list[str] = []
    if finding.guidance:
        lines.append("**Guidance:**\n")
        for ref in finding.guidance:
            lines.append(f"- {link(ref.citation, ref.url)}: {md(ref.summary)}")
        lines.append("")
    if finding.advice:
        lines.append("**What to do:**\n")
        for advice in view.advice(finding):
            lines.append(f"1. {md(advice)}")
        lines.append("")
    return lines
