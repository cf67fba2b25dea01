"""The terminal report, drawn with rich. Every fetched string enters as `Text`, never as markup.

Order: the overall rating, the accounts, an accounts × principles grid, the summary by guidance
principle, then each finding (evidence, why, clause, advice), and the seek-advice footer once.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from footprint.models import AccountStatus, DiscoveryState, Finding, Report, Severity
from footprint.render import RenderOptions
from footprint.render import view
from footprint.safetext import clean_model

SEVERITY_STYLE = {
    Severity.HIGH: "bold white on red",
    Severity.MEDIUM: "bold black on yellow",
    Severity.LOW: "bold black on cyan",
    Severity.INFO: "black on white",
}
RATING_STYLE = {"act now": "bold white on red", "needs attention": "bold black on yellow",
                "minor points": "bold black on cyan", "good": "bold white on green"}
STATUS_STYLE = {AccountStatus.CHECKED: "green"}
MAX_REFS = 3


def render(reports: Sequence[Report], options: RenderOptions) -> str:
    """Draw each report in turn, then the footer once."""
    reports = [clean_model(r) for r in reports]  # fetched text loses its control sequences before drawing
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=options.width, force_terminal=options.color, no_color=not options.color,
        color_system="standard" if options.color else None, highlight=False, emoji=False, markup=False,
    )
    for report in reports:
        _draw(console, report)
    console.print(_footer())
    return buffer.getvalue()


def _draw(console: Console, report: Report) -> None:
    console.print(_header(report))
    console.print(_accounts(report))
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
        console.print(Text("No findings: nothing a stranger could learn was found in what could be read.", style="green"))
    found_elsewhere = [d for d in report.discovered if d.state is DiscoveryState.FOUND and not d.declared]
    if found_elsewhere:
        table = Table(title="Other accounts found under your names", title_justify="left", expand=True)
        table.add_column("Site", no_wrap=True)
        table.add_column("Name", overflow="fold")
        table.add_column("Address", overflow="fold")
        table.add_column("Confidence", no_wrap=True)
        table.add_column("Evidence", overflow="fold", ratio=2)
        for item in found_elsewhere:
            sure = "" if item.confidence is None else f"{item.confidence:.2f}"
            table.add_row(Text(item.site_name), Text(item.handle), Text(item.url), Text(sure), Text("; ".join(item.evidence)))
        console.print(table)
    if report.search is not None:
        _search(console, report)
    for warning in report.warnings:
        console.print(Text(f"warning: {warning}", style="yellow"))
    console.print()


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
    if report.subject.role:
        who.append(f" — {report.subject.role}")
    if report.redacted:
        who.append("  REDACTED FOR DISPLAY", style="bold magenta")
    meta = Text(
        f"{report.mode} audit · framework {report.framework.upper()} · {len(report.accounts)} accounts · "
        f"{report.stats.get('posts_read', 0)} posts read · {report.generated_at:%Y-%m-%d %H:%M} UTC",
        style="dim",
    )
    line = Text("Overall: ")
    line.append(f" {report.rating.upper()} ", style=RATING_STYLE.get(report.rating, "bold"))
    line.append("   ")
    for severity, count in view.counts(report):
        line.append(f" {count} {severity.value} ", style=SEVERITY_STYLE[severity] if count else "dim")
        line.append(" ")
    return Panel(Group(who, meta, line), title="footprint", title_align="left")


MAX_GRID_ACCOUNTS = 8


def _accounts(report: Report) -> Table:
    table = Table(title="Accounts", title_justify="left", expand=True)
    table.add_column("", no_wrap=True, style="bold")
    table.add_column("Platform", no_wrap=True)
    table.add_column("Account", overflow="fold", ratio=2, min_width=12)
    table.add_column("Status", no_wrap=True)
    table.add_column("Findings", justify="right")
    table.add_column("Worst", no_wrap=True)
    table.add_column("Notes", overflow="fold", ratio=3, min_width=16)
    for number, row in enumerate(view.grid(report).rows, start=1):
        acc = row.account
        name = Text(acc.account)
        if acc.anonymous:
            name.append(" (anonymous)", style="italic dim")
        status = Text(view.status_label(acc), style=STATUS_STYLE.get(acc.status, "yellow"))
        notes = Text(view.account_note(acc))
        for note in acc.notes:
            notes.append(f"\n{note}", style="dim")
        for step in acc.checklist:
            notes.append(f"\n☐ {step}", style="dim")
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
                cells.append(Text(f" {cell.count} ", style=SEVERITY_STYLE[cell.worst]) if cell.worst else Text("·", style="dim"))
        table.add_row(Text(row.theme), *cells, str(row.count), Text(row.worst.value, style=SEVERITY_STYLE[row.worst]),
                      Text("\n".join(row.citations)))
    return table


def _finding(finding: Finding) -> Panel:
    parts: list[Text] = []
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
    for ref in finding.guidance[:MAX_REFS]:
        parts.append(Text("Guidance: ", style="bold").append(Text(f"{ref.citation} — {ref.summary}", style="")))
    if len(finding.guidance) > MAX_REFS:
        more = len(finding.guidance) - MAX_REFS
        parts.append(Text(f"(and {more} more clause{'s' if more != 1 else ''} in the JSON, Markdown and HTML reports)",
                          style="dim"))
    parts_group: list[Text | Table] = list(parts)
    if finding.advice:
        parts_group.append(Text("What to do:", style="bold"))
        steps = Table.grid(padding=(0, 1))
        steps.add_column(no_wrap=True)
        steps.add_column(overflow="fold")
        for line in finding.advice:
            steps.add_row(Text("  →", style="bold green"), Text(line))
        parts_group.append(steps)
    title = Text(f" {finding.severity.value.upper()} ", style=SEVERITY_STYLE[finding.severity])
    title.append(f" {finding.title} ", style="bold")
    title.append(f"[{finding.check}]", style="dim")
    return Panel(Group(*parts_group), title=title, title_align="left", border_style="dim")


def _group(group: view.FindingGroup) -> Panel:
    """Minor findings of one check on one platform: each place in a line, then the clauses and advice once."""
    parts: list[Text | Table] = []
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
    for ref in first.guidance[:2]:
        parts.append(Text("Guidance: ", style="bold").append(Text(f"{ref.citation} — {ref.summary}", style="")))
    if first.advice:
        parts.append(Text("What to do:", style="bold"))
        steps = Table.grid(padding=(0, 1))
        steps.add_column(no_wrap=True)
        steps.add_column(overflow="fold")
        for line in first.advice:
            steps.add_row(Text("  →", style="bold green"), Text(line))
        parts.append(steps)
    count = len(group.findings)
    title = Text(f" {group.severity.value.upper()} ", style=SEVERITY_STYLE[group.severity])
    title.append(f" {first.title} ", style="bold")
    title.append(f"· {group.platform} · {count} place{'s' if count != 1 else ''} ", style="")
    title.append(f"[{group.check}]", style="dim")
    return Panel(Group(*parts), title=title, title_align="left", border_style="dim")


def _footer() -> Text:
    text = Text()
    for line in view.FOOTER:
        text.append("ⓘ ", style="bold")
        text.append(line + "\n", style="dim")
    return text
