"""The terminal report, drawn with rich. Every fetched string enters as `Text`, never as markup."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from footprint.models import AccountStatus, Finding, Report, Severity
from footprint.render import RenderOptions

SEVERITY_STYLE = {
    Severity.HIGH: "bold white on red",
    Severity.MEDIUM: "bold black on yellow",
    Severity.LOW: "bold black on cyan",
    Severity.INFO: "dim",
}
RATING_STYLE = {"act now": "bold red", "needs attention": "bold yellow", "minor points": "cyan", "good": "bold green"}
STATUS_STYLE = {AccountStatus.CHECKED: "green"}


def render(reports: Sequence[Report], options: RenderOptions) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=options.width, force_terminal=options.color, no_color=not options.color,
        color_system="standard" if options.color else None, highlight=False, emoji=False,
    )
    for report in reports:
        _draw(console, report)
    return buffer.getvalue()


def _draw(console: Console, report: Report) -> None:
    console.print(_header(report))
    console.print(_accounts(report))
    if report.findings:
        console.print(_principles(report))
    for severity in (Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO):
        found = [f for f in report.findings if f.severity is severity]
        if found:
            console.rule(Text(f"{severity.value.upper()} ({len(found)})", style=SEVERITY_STYLE[severity]))
            for finding in found:
                console.print(_finding(finding))
    if not report.findings:
        console.print(Text("No findings: nothing a stranger could learn was found in what could be read.", style="green"))
    for warning in report.warnings:
        console.print(Text(f"warning: {warning}", style="yellow"))


def _header(report: Report) -> Panel:
    counts = report.counts()
    line = Text()
    line.append("Overall: ")
    line.append(report.rating, style=RATING_STYLE.get(report.rating, "bold"))
    line.append("   ")
    for severity in (Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO):
        line.append(f" {counts[severity]} {severity.value} ", style=SEVERITY_STYLE[severity])
        line.append(" ")
    who = Text(f"{report.subject.name}", style="bold")
    if report.subject.role:
        who.append(f" — {report.subject.role}", style="")
    meta = Text(
        f"{report.mode} audit · framework {report.framework.upper()} · {len(report.accounts)} accounts · "
        f"{report.stats.get('posts_read', 0)} posts read · {report.generated_at:%Y-%m-%d %H:%M} UTC",
        style="dim",
    )
    return Panel(Group(who, meta, line), title="footprint", title_align="left")


def _accounts(report: Report) -> Table:
    table = Table(title="Accounts", title_justify="left", expand=True, show_lines=False)
    table.add_column("Platform", no_wrap=True)
    table.add_column("Account", overflow="fold")
    table.add_column("Status", no_wrap=True)
    table.add_column("Findings", justify="right")
    table.add_column("Notes", overflow="fold", ratio=2)
    per_account = Counter((f.platform, f.account) for f in report.findings)
    for acc in report.accounts:
        name = Text(acc.account)
        if acc.anonymous:
            name.append(" (anonymous)", style="italic dim")
        status = Text(acc.status.value.replace("_", " "), style=STATUS_STYLE.get(acc.status, "yellow"))
        notes = Text(acc.reason or (f"{acc.posts_read} posts read" if acc.status.was_read else ""))
        for note in acc.notes:
            notes.append(f"\n{note}", style="dim")
        for step in acc.checklist:
            notes.append(f"\n☐ {step}", style="dim")
        table.add_row(acc.platform, name, status, str(per_account.get((acc.platform, acc.account), 0)), notes)
    return table


def _principles(report: Report) -> Table:
    table = Table(title=f"By guidance principle ({report.framework.upper()})", title_justify="left", expand=True)
    table.add_column("Principle", overflow="fold")
    table.add_column("Findings", justify="right")
    table.add_column("Worst", no_wrap=True)
    worst: dict[str, Severity] = {}
    count: Counter[str] = Counter()
    for finding in report.findings:
        for ref in finding.guidance[:1] or []:
            key = ref.citation
            count[key] += 1
            if key not in worst or finding.severity.rank > worst[key].rank:
                worst[key] = finding.severity
    for key, n in count.most_common():
        table.add_row(Text(key), str(n), Text(worst[key].value, style=SEVERITY_STYLE[worst[key]]))
    return table


def _finding(finding: Finding) -> Panel:
    parts: list[Text] = []
    where = Text(f"{finding.platform} · {finding.account} · {finding.item.kind}", style="dim")
    if finding.item.channel == "private":
        where.append(" · private channel", style="magenta")
    if finding.item.date:
        where.append(f" · {finding.item.date:%Y-%m-%d}")
    if finding.item.url or finding.item.location:
        where.append(f" · {finding.item.url or finding.item.location}")
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
    for ref in finding.guidance[:3]:
        parts.append(Text("Guidance: ", style="bold").append(Text(f"{ref.citation} — {ref.summary}", style="")))
    for line in finding.advice:
        parts.append(Text("→ ", style="bold green").append(Text(line, style="")))
    title = Text(f" {finding.severity.value.upper()} ", style=SEVERITY_STYLE[finding.severity])
    title.append(f" {finding.title} ", style="bold")
    title.append(f"[{finding.check}]", style="dim")
    return Panel(Group(*parts), title=title, title_align="left", border_style="dim")
