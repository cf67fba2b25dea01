"""What every report format shows, worked out once from the Report: the summary by guidance
principle, the accounts × principles grid, severity counts, and the footer.

Renderers differ only in how they draw these; none of them decides anything of its own.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from footprint.guidance import THEMES
from footprint.models import AccountSummary, Finding, QueryStatus, Report, SearchClass, SearchHit, SearchQuery, Severity

SEVERITIES: tuple[Severity, ...] = (Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO)
OTHER = "other"

FOOTER: tuple[str, ...] = (
    "Before you delete or change anything significant, check your employer's social media policy and talk it "
    "through with your supervisor, tutor or practice educator.",
    "Platforms rename and move their settings: if a menu named here has moved, search the platform's help pages "
    "for the setting's name.",
    "footprint shows what a logged-out stranger could see on the accounts you declared; it is not legal advice and "
    "not a fitness-to-practise judgement.",
)


def principle(finding: Finding) -> str:
    """The guidance principle a finding counts under: the theme of its primary clause."""
    return finding.guidance[0].theme if finding.guidance else OTHER


def _order(theme: str) -> int:
    return THEMES.index(theme) if theme in THEMES else len(THEMES)


@dataclass
class PrincipleRow:
    """One line of the summary by guidance principle."""

    theme: str
    count: int
    worst: Severity
    citations: list[str] = field(default_factory=list)


def principles(report: Report) -> list[PrincipleRow]:
    """Findings grouped by principle, in the fixed order of principles, with the clauses cited first."""
    rows: dict[str, PrincipleRow] = {}
    for finding in report.findings:
        theme = principle(finding)
        row = rows.get(theme)
        if row is None:
            row = rows[theme] = PrincipleRow(theme, 0, finding.severity)
        row.count += 1
        if finding.severity.rank > row.worst.rank:
            row.worst = finding.severity
        if finding.guidance and finding.guidance[0].citation not in row.citations:
            row.citations.append(finding.guidance[0].citation)
    return sorted(rows.values(), key=lambda r: _order(r.theme))


@dataclass
class GridCell:
    """One account under one principle: the worst finding there, and how many."""

    worst: Severity | None = None
    count: int = 0


@dataclass
class GridRow:
    account: AccountSummary
    cells: list[GridCell]
    worst: Severity | None = None


@dataclass
class Grid:
    """Accounts (rows) against the guidance principles that have findings (columns)."""

    themes: list[str]
    rows: list[GridRow]


def grid(report: Report) -> Grid:
    """The accounts × principles grid, each cell holding the worst finding of that account under that principle."""
    themes = [row.theme for row in principles(report)]
    rows = []
    for account in report.accounts:
        cells = [GridCell() for _ in themes]
        worst: Severity | None = None
        for finding in findings_for(report, account):
            cell = cells[themes.index(principle(finding))]
            cell.count += 1
            if cell.worst is None or finding.severity.rank > cell.worst.rank:
                cell.worst = finding.severity
            if worst is None or finding.severity.rank > worst.rank:
                worst = finding.severity
        rows.append(GridRow(account, cells, worst))
    return Grid(themes, rows)


@dataclass
class FindingGroup:
    """Findings of one check on one platform at one severity, shown together (used for minor findings)."""

    check: str
    platform: str
    severity: Severity
    findings: list[Finding]

    @property
    def first(self) -> Finding:
        return self.findings[0]


def grouped(findings: list[Finding]) -> list[FindingGroup]:
    """Findings grouped by (severity, check, platform), keeping the report's worst-first order."""
    groups: dict[tuple[Severity, str, str], FindingGroup] = {}
    for finding in findings:
        key = (finding.severity, finding.check, finding.platform)
        if key not in groups:
            groups[key] = FindingGroup(finding.check, finding.platform, finding.severity, [])
        groups[key].findings.append(finding)
    return list(groups.values())


def serious(report: Report) -> list[Finding]:
    """Findings at medium or above: the ones each get a card of their own."""
    return [f for f in report.findings if f.severity.rank >= Severity.MEDIUM.rank]


def minor(report: Report) -> list[Finding]:
    """Findings at low or info: shown grouped by check."""
    return [f for f in report.findings if f.severity.rank < Severity.MEDIUM.rank]


def anchor(finding: Finding) -> str:
    """A fragment-safe id for a finding."""
    return "f-" + "".join(ch if ch.isalnum() or ch == "-" else "-" for ch in finding.id)


def findings_for(report: Report, account: AccountSummary) -> list[Finding]:
    """The findings about one declared account."""
    return [f for f in report.findings if f.platform == account.platform and f.account == account.account]


def cross_account(report: Report) -> list[Finding]:
    """Findings not tied to any declared account (none today, but a check may make them)."""
    known = {(a.platform, a.account) for a in report.accounts}
    return [f for f in report.findings if (f.platform, f.account) not in known]


def counts(report: Report) -> list[tuple[Severity, int]]:
    """(severity, count) for every severity, worst first."""
    tally = report.counts()
    return [(s, tally[s]) for s in SEVERITIES]


def worst_of(reports: list[Report] | tuple[Report, ...]) -> Severity | None:
    """The worst severity across several reports."""
    found = [r.max_severity() for r in reports]
    return max((s for s in found if s), key=lambda s: s.rank, default=None)


def safe_url(url: str | None) -> str | None:
    """The URL if it is a plain http(s) address a report may link to, else None (shown as text only)."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    if any(ch in url for ch in " \t\r\n\"'<>`\\"):
        return None
    return url


def where(finding: Finding) -> list[str]:
    """Where the evidence is, as short plain-text parts: platform, account, item kind, channel, date."""
    parts = [finding.platform, finding.account, finding.item.kind]
    if finding.item.channel == "private":
        parts.append("private channel")
    if finding.item.date:
        parts.append(f"{finding.item.date:%Y-%m-%d}")
    if finding.item.location and not finding.item.url:
        parts.append(finding.item.location)
    return parts


def status_label(account: AccountSummary) -> str:
    return account.status.value.replace("_", " ")


def account_note(account: AccountSummary) -> str:
    """The one-line note for an account: why it could not be read, or how much was read."""
    if account.reason:
        return account.reason
    if account.status.was_read:
        return f"{account.posts_read} post{'s' if account.posts_read != 1 else ''} read"
    return ""


def by_check(findings: list[Finding]) -> Counter[str]:
    return Counter(f.check for f in findings)


# --------------------------------------------------------------------------- the search section

SEARCH_TITLE = "What a search for your name shows"
SEARCH_CLASS_LABELS: dict[SearchClass, str] = {
    SearchClass.DECLARED: "Your declared accounts",
    SearchClass.UNDECLARED_PROFILE: "Profiles on known platforms that you did not declare: confirm whether each is yours",
    SearchClass.PEOPLE_SEARCH: "People-search and data-broker pages",
    SearchClass.REGULATOR: "A regulator's public register: expected and lawful, for information",
    SearchClass.NEWS: "News, court, tribunal and hearing pages",
    SearchClass.EMPLOYER: "Your employer's, your council's or a public body's pages",
    SearchClass.OTHER: "Everything else (most likely other people with your name)",
}


@dataclass
class SearchGroup:
    """One class of search results, with what to do about them."""

    result_class: SearchClass
    label: str
    hits: list[SearchHit]
    advice: list[str]


def search_groups(report: Report) -> list[SearchGroup]:
    """The search results by class, in the fixed order, each with the section's advice for that class."""
    found = report.search
    if found is None:
        return []
    return [SearchGroup(cls, SEARCH_CLASS_LABELS[cls], hits, list(found.advice.get(cls.value, [])))
            for cls, hits in found.by_class().items()]


def search_summary(report: Report) -> str:
    """One line: the engine, queries sent and answered, results, and whether the search is complete."""
    found = report.search
    if found is None:
        return ""
    sent = [q for q in found.queries if q.status not in (QueryStatus.WITHHELD, QueryStatus.NOT_SENT)]
    answered = [q for q in found.queries if q.status is QueryStatus.ANSWERED]
    line = (f"Engine: {found.engine} · {len(sent)} quer{'y' if len(sent) == 1 else 'ies'} sent, {len(answered)} answered · "
            f"{len(found.results)} result{'s' if len(found.results) != 1 else ''}")
    return line


def search_verdict(report: Report) -> str:
    """COMPLETE, or INCOMPLETE with the reason: an engine that did not answer is never 'nothing found'."""
    found = report.search
    if found is None:
        return ""
    if found.status == "incomplete":
        return f"INCOMPLETE: {found.reason}" if found.reason else "INCOMPLETE"
    if not found.results:
        return "COMPLETE: the engine answered every query and found nothing"
    return "COMPLETE: the engine answered every query"


def query_note(query: SearchQuery) -> str:
    """How one query ended, in a few words."""
    if query.status is QueryStatus.ANSWERED:
        return f"{query.results} result{'s' if query.results != 1 else ''}"
    label = query.status.value.replace("_", " ")
    return f"{label}: {query.reason}" if query.reason else label
