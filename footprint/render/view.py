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


def short_note(account: AccountSummary) -> str:
    """The account's note cut to its first clause (the summary's accounts table; --details has it whole)."""
    note = account_note(account)
    return note.split(": ")[0] if not account.status.was_read else note


def nothing_found_line(report: Report) -> str:
    """What to say when there are no findings: never 'nothing found' when nothing could be read."""
    if report.complete:
        return "No findings: nothing a stranger could learn was found in what could be read."
    if not read_anything(report):
        return "Nothing could be read, so nothing was checked: this is not a clean bill of health (see above)."
    return "No findings in what could be read, but part of your footprint was not checked (see above)."


def by_check(findings: list[Finding]) -> Counter[str]:
    return Counter(f.check for f in findings)


# --------------------------------------------------------------------------- verdict, coverage and advice

VERDICT_WORDS = {
    "incomplete": "INCOMPLETE",
    "act now": "ACT NOW",
    "needs attention": "NEEDS ATTENTION",
    "minor points": "MINOR POINTS",
    "good": "GOOD",
}


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 account', '2 accounts' (or the given plural)."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def role(report: Report) -> str:
    """The role as declared, or 'role not declared': never assumed."""
    return report.subject.role or "role not declared"


def coverage_line(report: Report) -> str:
    """One line saying how much was read: accounts read of declared, posts read, checks run (or sites answered)."""
    cov = report.coverage
    if cov is None:
        return ""
    if report.search is not None and cov.sites_probed is None and not report.accounts:
        answered = sum(1 for q in report.search.queries if q.status.value == "answered")
        return (
            f"{answered} of {plural(len(report.search.queries), 'search query', 'search queries')} answered · "
            f"{plural(cov.checks_run, 'check')} run"
        )
    if cov.sites_probed is not None and not report.accounts:
        return f"{cov.sites_answered} of {plural(cov.sites_probed, 'site')} answered · {plural(cov.checks_run, 'check')} run"
    return (
        f"{cov.accounts_read} of {plural(cov.accounts_declared, 'account')} read · "
        f"{plural(cov.posts_read, 'post')} read · {plural(cov.checks_run, 'check')} run"
    )


def read_anything(report: Report) -> bool:
    """True when at least one account was read, or one site answered."""
    cov = report.coverage
    if report.search is not None and not report.accounts and cov is not None and cov.sites_probed is None:
        return any(q.status.value == "answered" for q in report.search.queries)
    return cov is None or cov.accounts_read > 0 or bool(cov.sites_answered)


def in_what_was_read(report: Report) -> str:
    """'in what was read: act now', or 'nothing could be read' when nothing was."""
    return f"in what was read: {report.findings_rating}" if read_anything(report) else "nothing could be read"


def verdict_line(report: Report) -> str:
    """The overall verdict in words; an incomplete report also says what was found in what was read."""
    words = VERDICT_WORDS.get(report.rating, report.rating.upper())
    if report.rating == "incomplete":
        return f"{words}: part of your footprint was not checked; {in_what_was_read(report)}"
    return words


def scope_note(report: Report) -> str:
    """What the report covers, for the footer: declared accounts, a data download, or a site search."""
    if report.mode == "archive":
        return (
            "footprint shows what the data download holds; it is not legal advice and not a fitness-to-practise "
            "judgement."
        )
    if report.discovered and not report.accounts:
        return (
            "footprint shows which sites answered for your names; it is not legal advice and not a "
            "fitness-to-practise judgement."
        )
    return FOOTER[-1]


def footer(reports: list[Report] | tuple[Report, ...]) -> tuple[str, ...]:
    """The footer lines, its last one fitted to what the reports cover."""
    notes = {scope_note(r) for r in reports}
    last = notes.pop() if len(notes) == 1 else FOOTER[-1]
    return (*FOOTER[:-1], last)


def advice(finding: Finding) -> list[str]:
    """The finding's advice with near-duplicates merged (one rule for the whole tool: guidance.merge_advice,
    the same that merged it when the finding was built; reports read back from older files get it too)."""
    from footprint.guidance import merge_advice

    return merge_advice(finding.advice)


def one_line(excerpt_before: str, matched: str, after: str, width: int) -> tuple[str, str, str]:
    """An excerpt cut to about `width` characters on one line, keeping the matched words whole."""
    flat = [" ".join(part.split()) for part in (excerpt_before, matched, after)]
    before, hit, rest = flat
    if excerpt_before[-1:].isspace() and before:
        before += " "
    if after[:1].isspace() and rest:
        rest = " " + rest
    room = max(width - len(hit), 10)
    if len(before) + len(rest) <= room:
        return before, hit, rest
    keep_before = min(len(before), room // 3)
    keep_after = room - keep_before
    if len(rest) < keep_after:
        keep_before = room - len(rest)
        keep_after = len(rest)
    before = ("…" + before[len(before) - keep_before + 1 :]) if len(before) > keep_before else before
    rest = (rest[: keep_after - 1] + "…") if len(rest) > keep_after else rest
    return before, hit, rest


def by_severity(findings: list[Finding]) -> str:
    """'2 high, 3 low': how many findings of each severity, worst first, leaving out the absent ones."""
    tally = Counter(f.severity for f in findings)
    return ", ".join(f"{tally[s]} {s.value}" for s in SEVERITIES if tally[s])


def discovery_tally(report: Report) -> str:
    """How the discovery probes ended, one count per state: 'found 2 · not found 180 · error 19'."""
    from footprint.models import DiscoveryState

    parts = []
    for state in DiscoveryState:
        count = report.stats.get(f"discovery_{state.value}")
        if count is None:
            count = sum(1 for d in report.discovered if d.state is state)
        if count:
            parts.append(f"{state.value.replace('_', ' ')} {count}")
    return " · ".join(parts) or "none"


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
    return [
        SearchGroup(cls, SEARCH_CLASS_LABELS[cls], hits, list(found.advice.get(cls.value, [])))
        for cls, hits in found.by_class().items()
    ]


def search_summary(report: Report) -> str:
    """One line: the engine, queries sent and answered, results, and whether the search is complete."""
    found = report.search
    if found is None:
        return ""
    sent = [q for q in found.queries if q.status not in (QueryStatus.WITHHELD, QueryStatus.NOT_SENT)]
    answered = [q for q in found.queries if q.status is QueryStatus.ANSWERED]
    line = (
        f"Engine: {found.engine} · {len(sent)} quer{'y' if len(sent) == 1 else 'ies'} sent, {len(answered)} answered · "
        f"{len(found.results)} result{'s' if len(found.results) != 1 else ''}"
    )
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
