"""The terminal report, drawn with rich. Every fetched string enters as `Text`, never as markup.

By default a summary a person reads in a screen or two: the verdict and coverage, the accounts,
the top findings worst first (one line of evidence, the first thing to do, at most two clauses),
then the seek-advice footer. With `details` (`--details`, `-v`): the summary by guidance principle,
every finding in full, and the checklists for accounts that must be checked by hand.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from footprint.models import AccountStatus, DiscoveryState, Finding, Report, Severity
from footprint.render import RenderOptions, text_console, view
from footprint.safetext import clean_model

SEVERITY_STYLE = {
    Severity.HIGH: "bold white on red",
    Severity.MEDIUM: "bold black on yellow",
    Severity.LOW: "bold black on cyan",
    Severity.INFO: "black on white",
}
RATING_STYLE = {
    "act now": "bold white on red",
    "needs attention": "bold black on yellow",
    "minor points": "bold black on cyan",
    "good": "bold white on green",
    "incomplete": "bold white on magenta",
}
STATUS_STYLE = {AccountStatus.CHECKED: "green"}
MAX_REFS = 3
SUMMARY_REFS = 2
TOP_FINDINGS = 5
SEARCH_HITS = 3


def render(reports: Sequence[Report], options: RenderOptions) -> str:
    """Draw each report in turn, then the footer once."""
    reports = [clean_model(r) for r in reports]  # fetched text loses its control sequences before drawing
    console, buffer = text_console(options.width, options.color)
    for report in reports:
        if options.details:
            _draw(console, report)
        else:
            _summary(console, report)
    console.print(_footer(reports))
    return buffer.getvalue()


def _summary(console: Console, report: Report) -> None:
    """Verdict and coverage, accounts, the top findings worst first, and how to see the rest."""
    console.print(_header(report))
    if report.accounts:
        console.print(_accounts(report, details=False))
    manual = [a for a in report.accounts if a.checklist]
    if manual:
        names = ", ".join(f"{a.platform} {a.account}" for a in manual)
        console.print(
            Text(f"To check by hand ({len(manual)}): {names}. `--details` prints a checklist for each.", style="dim")
        )
    top = report.findings[:TOP_FINDINGS]
    if top:
        console.print()
        console.rule(Text(f" TOP FINDINGS, WORST FIRST ({len(top)} of {len(report.findings)}) ", style="bold"))
        for finding in top:
            console.print(_brief(finding, console.width))
        rest = report.findings[TOP_FINDINGS:]
        if rest:
            tally = view.by_severity(rest)
            console.print(
                Text(
                    f"…and {view.plural(len(rest), 'more finding')} ({tally}): run with --details "
                    "(or -v) to see every finding in full, or write -o report.html.",
                    style="bold",
                )
            )
    else:
        console.print(Text(view.nothing_found_line(report), style="green" if report.complete else "bold magenta"))
    _discovered(console, report)
    if report.search is not None:
        _search_brief(console, report)
    for warning in report.warnings:
        console.print(Text(f"warning: {warning}", style="yellow"))
    console.print()


def _brief(finding: Finding, width: int) -> Group:
    """One finding in a few lines: severity, check id and title; where; one line of evidence; first step; clauses."""
    head = Text(f" {finding.severity.value.upper()} ", style=SEVERITY_STYLE[finding.severity])
    head.append(f" [{finding.check}] ", style="dim")
    head.append(finding.title, style="bold")
    lines: list[Text] = [head, Text("   " + " · ".join(view.where(finding)), style="dim")]
    if finding.excerpt:
        before, hit, after = view.one_line(
            finding.excerpt.before, finding.excerpt.matched, finding.excerpt.after, max(width - 8, 20)
        )
        quote = Text("   “", style="dim")
        quote.append(before)
        quote.append(hit, style="bold reverse")
        quote.append(after)
        quote.append("”", style="dim")
        quote.no_wrap = True
        quote.overflow = "ellipsis"
        lines.append(quote)
    rows = Table.grid(padding=(0, 1))
    rows.add_column(no_wrap=True, min_width=3)
    rows.add_column(overflow="fold")
    steps = view.advice(finding)
    if steps:
        rows.add_row(Text("  →", style="bold green"), Text(steps[0]))
    refs = finding.guidance[:SUMMARY_REFS]
    if refs:
        rows.add_row(Text("  §", style="dim"), Text("; ".join(ref.citation for ref in refs), style="dim"))
    return Group(*lines, rows, Text(""))


def _draw(console: Console, report: Report) -> None:
    console.print(_header(report))
    if report.accounts:
        console.print(_accounts(report, details=True))
    if report.findings:
        console.print(_principles(report))
    for severity in (Severity.HIGH, Severity.MEDIUM):
        found = [f for f in report.findings if f.severity is severity]
        if found:
            console.rule(Text(f" {severity.value.upper()} ({len(found)}) ", style=SEVERITY_STYLE[severity]))
            for finding in found:
                console.print(_finding(finding))
    minor = view.minor(report)
    if minor:
        console.rule(Text(f" MINOR POINTS ({len(minor)}), grouped by check ", style=SEVERITY_STYLE[Severity.LOW]))
        for group in view.grouped(minor):
            console.print(_group(group))
    if not report.findings:
        console.print(Text(view.nothing_found_line(report), style="green" if report.complete else "bold magenta"))
    _checklists(console, report)
    _discovered(console, report)
    if report.search is not None:
        _search(console, report)
    for warning in report.warnings:
        console.print(Text(f"warning: {warning}", style="yellow"))
    console.print()


def _checklists(console: Console, report: Report) -> None:
    """Accounts footprint cannot see from outside, each with the steps to check it by hand."""
    manual = [a for a in report.accounts if a.checklist]
    if not manual:
        return
    console.rule(Text(f" TO CHECK BY HAND ({len(manual)}) ", style="bold"))
    for acc in manual:
        console.print(Text(f"{acc.platform} {acc.account}", style="bold"))
        for step in acc.checklist:
            console.print(Text(f"  ☐ {step}"))
    console.print()


def _discovered(console: Console, report: Report) -> None:
    found_elsewhere = [d for d in report.discovered if d.state is DiscoveryState.FOUND and not d.declared]
    if report.discovered:
        console.print(Text("Probes by state: " + view.discovery_tally(report), style="bold"))
    if found_elsewhere:
        table = Table(title="Other accounts found under your names", title_justify="left", expand=True)
        table.add_column("Site", no_wrap=True)
        table.add_column("Name", overflow="fold")
        table.add_column("Address", overflow="fold")
        table.add_column("Confidence", no_wrap=True)
        table.add_column("Evidence", overflow="fold", ratio=2)
        for item in found_elsewhere:
            sure = "" if item.confidence is None else f"{item.confidence:.2f}"
            table.add_row(
                Text(item.site_name), Text(item.handle), Text(item.url), Text(sure), Text("; ".join(item.evidence))
            )
        console.print(table)


def _search_brief(console: Console, report: Report) -> None:
    """The search section in a few lines: engine and verdict, then each class of result with its count."""
    found = report.search
    assert found is not None
    console.rule(Text(f" {view.SEARCH_TITLE} ", style="bold"))
    console.print(Text(view.search_summary(report)))
    complete = found.status == "complete"
    console.print(Text(view.search_verdict(report), style="green" if complete else "bold black on yellow"))
    if not complete:
        for query in found.queries:
            if query.status.value not in ("answered", "withheld"):
                console.print(Text(f"  {query.text}: {view.query_note(query)}", style="yellow"))
    for group in view.search_groups(report):
        console.print(Text(f"• {group.label} ({len(group.hits)})", style="bold"))
        for hit in group.hits[:SEARCH_HITS]:
            line = Text(f"  {hit.title or hit.url}")
            line.append(f" — {hit.url}", style="dim")
            if hit.opt_out:
                line.append(f" (opt-out page: {hit.opt_out})")
            console.print(line)
        if len(group.hits) > SEARCH_HITS:
            console.print(Text(f"  …and {len(group.hits) - SEARCH_HITS} more", style="dim"))
    console.print(Text("`--details` lists every query sent and every result, with what to do.", style="dim"))


def _search(console: Console, report: Report) -> None:
    """What a search for your name shows: the engine and verdict, each query, then the results by class."""
    found = report.search
    assert found is not None
    console.rule(Text(f" {view.SEARCH_TITLE} ", style="bold"))
    console.print(Text(view.search_summary(report)))
    complete = found.status == "complete"
    console.print(Text(view.search_verdict(report), style="green" if complete else "bold black on yellow"))
    queries = Table(title="Queries sent", title_justify="left", expand=True)
    queries.add_column("Query", overflow="fold", ratio=2)
    queries.add_column("From", no_wrap=True)
    queries.add_column("Answer", overflow="fold", ratio=3)
    for query in found.queries:
        style = "" if query.status.value in ("answered", "withheld") else "yellow"
        queries.add_row(Text(query.text), Text(query.purpose), Text(view.query_note(query), style=style))
    console.print(queries)
    for group in view.search_groups(report):
        parts: list[Text | Table | Padding] = []
        for hit in group.hits:
            line = Text("• ", style="dim")
            line.append(hit.title or hit.url, style="bold")
            line.append(f"  #{hit.rank}", style="dim")
            parts.append(line)
            lines = [Text(hit.url, style="dim")]
            if hit.snippet:
                lines.append(Text(hit.snippet, style="italic"))
            if hit.note:
                lines.append(Text(hit.note, style="dim"))
            if hit.opt_out:
                lines.append(Text(f"opt-out page: {hit.opt_out}"))
            parts.append(Padding(Group(*lines), (0, 0, 0, 2)))
        if group.advice:
            parts.append(Text("What to do:", style="bold"))
            steps = Table.grid(padding=(0, 1))
            steps.add_column(no_wrap=True)
            steps.add_column(overflow="fold")
            for line_text in group.advice:
                steps.add_row(Text("  →", style="bold green"), Text(line_text))
            parts.append(steps)
        title = Text(f" {group.label} ", style="bold")
        title.append(f"({len(group.hits)}) ", style="")
        console.print(Panel(Group(*parts), title=title, title_align="left", border_style="dim"))


def _header(report: Report) -> Panel:
    who = Text(report.subject.name, style="bold")
    who.append(f" — {view.role(report)}")
    if report.redacted:
        who.append("  REDACTED FOR DISPLAY", style="bold magenta")
    meta = Text(
        f"{report.mode} audit · framework {report.framework.upper()} · {report.generated_at:%Y-%m-%d %H:%M} UTC",
        style="dim",
    )
    line = Text("Overall: ")
    line.append(
        f" {view.VERDICT_WORDS.get(report.rating, report.rating.upper())} ",
        style=RATING_STYLE.get(report.rating, "bold"),
    )
    if not report.complete:
        line.append(f"  {view.in_what_was_read(report)}", style="bold")
    line.append("   ")
    for severity, count in view.counts(report):
        line.append(f" {count} {severity.value} ", style=SEVERITY_STYLE[severity] if count else "dim")
        line.append(" ")
    parts = [who, meta, line, Text("Coverage: " + view.coverage_line(report))]
    for gap in report.coverage.gaps if report.coverage else []:
        parts.append(Text(f"Not checked: {gap}", style="bold magenta"))
    return Panel(Group(*parts), title="footprint", title_align="left")


MAX_GRID_ACCOUNTS = 8


def _accounts(report: Report, details: bool) -> Table:
    table = Table(title="Accounts", title_justify="left", expand=True)
    table.add_column("", no_wrap=True, style="bold")
    table.add_column("Platform", no_wrap=True)
    table.add_column("Account", overflow="fold", ratio=2, min_width=12)
    table.add_column("Status", no_wrap=True)
    table.add_column("Findings", justify="right")
    table.add_column("Worst", no_wrap=True)
    if details:
        table.add_column("Notes", overflow="fold", ratio=3, min_width=16)
    else:
        table.add_column("Notes", overflow="fold", ratio=3, min_width=16)
    for number, row in enumerate(view.grid(report).rows, start=1):
        acc = row.account
        name = Text(acc.account)
        if acc.anonymous:
            name.append(" (anonymous)", style="italic dim")
        status = Text(view.status_label(acc), style=STATUS_STYLE.get(acc.status, "yellow"))
        notes = Text(view.account_note(acc) if details else view.short_note(acc))
        if details:
            for note in acc.notes:
                notes.append(f"\n{note}", style="dim")
        worst = Text(row.worst.value, style=SEVERITY_STYLE[row.worst]) if row.worst else Text("—", style="dim")
        table.add_row(f"A{number}", acc.platform, name, status, str(sum(c.count for c in row.cells)), worst, notes)
    return table


def _principles(report: Report) -> Table:
    """The summary by guidance principle; with few accounts, one column per account (A1, A2, …) shows
    the worst finding of that account under the principle, so the table doubles as the at-a-glance grid."""
    grid = view.grid(report)
    per_account = 0 < len(grid.rows) <= MAX_GRID_ACCOUNTS
    table = Table(title=f"By guidance principle ({report.framework.upper()})", title_justify="left", expand=True)
    table.add_column("Principle", overflow="fold", ratio=2)
    if per_account:
        for number in range(1, len(grid.rows) + 1):
            table.add_column(f"A{number}", justify="center", no_wrap=True)
    table.add_column("Findings", justify="right")
    table.add_column("Worst", no_wrap=True)
    table.add_column("Cited as", overflow="fold", ratio=3)
    for index, row in enumerate(view.principles(report)):
        cells = []
        if per_account:
            for grid_row in grid.rows:
                cell = grid_row.cells[index]
                cells.append(
                    Text(f" {cell.count} ", style=SEVERITY_STYLE[cell.worst]) if cell.worst else Text("·", style="dim")
                )
        table.add_row(
            Text(row.theme),
            *cells,
            str(row.count),
            Text(row.worst.value, style=SEVERITY_STYLE[row.worst]),
            Text("\n".join(row.citations)),
        )
    return table


def _finding(finding: Finding) -> Panel:
    parts: list[Text] = [Text(finding.title, style="bold")]  # NOTE: in the body, so a narrow panel title cuts nothing
    where = Text(" · ".join(view.where(finding)), style="dim")
    if finding.item.url:
        where.append(f" · {finding.item.url}", style="dim")
    parts.append(where)
    if finding.excerpt:
        quote = Text("“", style="dim")
        quote.append(finding.excerpt.before)
        quote.append(finding.excerpt.matched, style="bold reverse")
        quote.append(finding.excerpt.after)
        quote.append("”", style="dim")
        parts.append(quote)
    if finding.details:
        parts.append(Text("Details: " + "; ".join(finding.details), style="italic"))
    parts.append(Text("Why it matters: ", style="bold").append(Text(finding.why, style="")))
    for ref in finding.guidance[:MAX_REFS]:  # NOTE: the JSON, Markdown and HTML reports carry them all
        parts.append(Text("Guidance: ", style="bold").append(Text(f"{ref.citation} — {ref.summary}", style="")))
    if len(finding.guidance) > MAX_REFS:
        more = len(finding.guidance) - MAX_REFS
        parts.append(
            Text(
                f"(and {more} more clause{'s' if more != 1 else ''} in the JSON, Markdown and HTML reports)",
                style="dim",
            )
        )
    parts_group: list[Text | Table] = list(parts)
    if finding.advice:
        parts_group.append(Text("What to do:", style="bold"))
        steps = Table.grid(padding=(0, 1))
        steps.add_column(no_wrap=True)
        steps.add_column(overflow="fold")
        for line in view.advice(finding):
            steps.add_row(Text("  →", style="bold green"), Text(line))
        parts_group.append(steps)
    title = Text(f" {finding.severity.value.upper()} ", style=SEVERITY_STYLE[finding.severity])
    title.append(f" [{finding.check}] ", style="dim")
    return Panel(Group(*parts_group), title=title, title_align="left", border_style="dim")


def _group(group: view.FindingGroup) -> Panel:
    """Minor findings of one check on one platform: each place in a line, then the clauses and advice once."""
    parts: list[Text | Table] = [
        Text(f"{group.first.title} · {group.platform} · {view.plural(len(group.findings), 'place')}", style="bold")
    ]
    for finding in group.findings:
        line = Text("• ", style="dim")
        line.append(" · ".join(view.where(finding)[1:]), style="dim")
        if finding.excerpt:
            line.append("  “")
            line.append(finding.excerpt.before)
            line.append(finding.excerpt.matched, style="bold reverse")
            line.append(finding.excerpt.after)
            line.append("”")
        parts.append(line)
        parts.append(Text("  " + finding.why, style="italic"))
    first = group.first
    for ref in first.guidance[:SUMMARY_REFS]:
        parts.append(Text("Guidance: ", style="bold").append(Text(f"{ref.citation} — {ref.summary}", style="")))
    if first.advice:
        parts.append(Text("What to do:", style="bold"))
        steps = Table.grid(padding=(0, 1))
        steps.add_column(no_wrap=True)
        steps.add_column(overflow="fold")
        for step in view.advice(first):
            steps.add_row(Text("  →", style="bold green"), Text(step))
        parts.append(steps)
    title = Text(f" {group.severity.value.upper()} ", style=SEVERITY_STYLE[group.severity])
    title.append(f" [{group.check}] ", style="dim")
    return Panel(Group(*parts), title=title, title_align="left", border_style="dim")


def _footer(reports: Sequence[Report]) -> Text:
    text = Text()
    for line in view.footer(tuple(reports)):
        text.append("ⓘ ", style="bold")
        text.append(line + "\n", style="dim")
    return text
