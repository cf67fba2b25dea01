"""`footprint cohort REPORT.json…`: an anonymous summary of a group's redacted reports, for a trainer.

Students each run their own audit and hand over `footprint audit --redact -f json -o me.json`.
The cohort summary counts, across those reports: how many there are, how much of each could be
read (coverage), the share of people with at least one high finding, and per check, per guidance
principle and per platform how many people had findings — plus the advice most people were given.

What it never shows: a name, a handle, an excerpt, a file name, or any sentence of one person's
report. Only counts, check ids, platform keys, the fixed names of guidance principles and advice
lines given to at least `ADVICE_MIN_PEOPLE` people leave this module. Reports that are not
redacted are refused unless the trainer passes `--allow-names` (and even then the summary stays
anonymous). Reports of another schema major version are refused by the loader; reports under
different frameworks are compared by guidance principle, which every framework shares.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from footprint import __version__
from footprint.diff import load_reports
from footprint.errors import InputError
from footprint.guidance import THEMES
from footprint.models import Report, Severity
from footprint.render import text_console, view

if TYPE_CHECKING:
    from rich.console import JustifyMethod

    from footprint.models import Finding

COHORT_VERSION = "1.0"
ADVICE_MIN_PEOPLE = 2
TOP_ADVICE = 8
NOTICE = (
    "Anonymous summary: counts only. No name, handle, excerpt or file name from any report is shown, "
    "and advice is listed only when at least {n} people were given it."
)
MASKS = ("[name]", "[place]", "[workplace]", "[number]", "[handle]", "[email]", "[link]", "[account")


class Tally(BaseModel):
    """How many people (reports) had at least one finding under this key, and how many findings in all."""

    key: str
    people: int
    findings: int
    high_people: int = Field(description="People with at least one high finding under this key.")


class PlatformTally(BaseModel):
    platform: str
    accounts: int = Field(description="Accounts declared on this platform, across every report.")
    read: int = Field(description="Of those, accounts whose content could be read.")
    people: int = Field(description="People with at least one finding on this platform.")
    findings: int


class AdviceTally(BaseModel):
    advice: str
    people: int


class CohortSummary(BaseModel):
    """The cohort summary as JSON: only counts and the tool's own words."""

    kind: str = "footprint cohort summary"
    cohort_version: str = COHORT_VERSION
    tool_version: str = __version__
    generated_at: dt.datetime
    notice: str
    reports: int
    duplicates_ignored: int = 0
    unredacted_reports: int = Field(0, description="Reports accepted with --allow-names although not redacted.")
    schema_versions: dict[str, int]
    frameworks: dict[str, int]
    modes: dict[str, int]
    accounts_declared: int
    accounts_read: int
    people_fully_read: int = Field(description="People every one of whose declared accounts could be read.")
    people_with_high: int
    share_with_high: float = Field(description="people_with_high / reports, 0 to 1.")
    people_by_worst: dict[str, int] = Field(description="People by their worst finding: high, medium, low, info, none.")
    by_check: list[Tally]
    by_principle: list[Tally]
    by_platform: list[PlatformTally]
    common_advice: list[AdviceTally]

    @property
    def coverage(self) -> float:
        return self.accounts_read / self.accounts_declared if self.accounts_declared else 0.0


@dataclass
class Loaded:
    reports: list[Report]
    duplicates: int
    unredacted: int


def report_files(paths: Iterable[Path]) -> list[Path]:
    """The JSON files named, with each folder replaced by the *.json files in it (sorted)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(path.glob("*.json"))
            if not found:
                raise InputError(f"{path}: no *.json reports in this folder")
            files.extend(found)
        else:
            files.append(path)
    if not files:
        raise InputError("no reports given: name the students' JSON reports, or a folder of them")
    return files


def load(paths: Iterable[Path], *, allow_names: bool = False) -> Loaded:
    """Read every report; refuse unredacted ones unless allowed; fold exact duplicates (the same report twice)."""
    reports: list[Report] = []
    seen: set[tuple[str, ...]] = set()
    duplicates = unredacted = 0
    for path in report_files(paths):
        for index, report in enumerate(load_reports(path)):
            if not report.redacted:
                if not allow_names:
                    where = f"{path}" + (f" (report {index + 1})" if index else "")
                    raise InputError(
                        f"{where}: this report is not redacted, so it holds names, handles and excerpts; ask for one made "
                        "with `footprint audit --redact -f json -o FILE`, or pass --allow-names to accept it"
                    )
                unredacted += 1
            key = (report.generated_at.isoformat(), report.subject.name, *sorted(f.id for f in report.findings))
            if key in seen:
                duplicates += 1
                continue
            seen.add(key)
            reports.append(report)
    return Loaded(reports, duplicates, unredacted)


def _tallies(
    reports: Sequence[Report], key_of: Callable[[Finding], str], order: Callable[[Tally], Any] | None = None
) -> list[Tally]:
    people: Counter[str] = Counter()
    high: Counter[str] = Counter()
    findings: Counter[str] = Counter()
    for report in reports:
        keys = [key_of(f) for f in report.findings]
        findings.update(keys)
        people.update(set(keys))
        high.update({key_of(f) for f in report.findings if f.severity is Severity.HIGH})
    rows = [Tally(key=k, people=people[k], findings=findings[k], high_people=high[k]) for k in people]
    return sorted(rows, key=order or (lambda t: (-t.people, -t.findings, t.key)))


def _safe_advice(line: str) -> bool:
    return not any(mask in line for mask in MASKS)


def summarise(loaded: Loaded, *, now: dt.datetime | None = None) -> CohortSummary:
    """Count across the reports. Nothing but counts, ids, platform keys, principle names and shared advice."""
    reports = loaded.reports
    if not reports:
        raise InputError("no reports to summarise")
    accounts = [a for r in reports for a in r.accounts]
    worst: Counter[str] = Counter()
    for report in reports:
        top = report.max_severity()
        worst[top.value if top else "none"] += 1
    platforms = sorted({a.platform for a in accounts} | {f.platform for r in reports for f in r.findings})
    by_platform = []
    for platform in platforms:
        mine = [a for a in accounts if a.platform == platform]
        on = [[f for f in r.findings if f.platform == platform] for r in reports]
        by_platform.append(
            PlatformTally(
                platform=platform,
                accounts=len(mine),
                read=sum(a.status.was_read for a in mine),
                people=sum(1 for found in on if found),
                findings=sum(len(found) for found in on),
            )
        )
    by_platform.sort(key=lambda p: (-p.people, -p.accounts, p.platform))
    advice: Counter[str] = Counter()
    for report in reports:
        advice.update({line.strip() for f in report.findings for line in f.advice if line.strip()})
    common = [
        AdviceTally(advice=line, people=n)
        for line, n in advice.most_common()
        if n >= ADVICE_MIN_PEOPLE and _safe_advice(line)
    ][:TOP_ADVICE]
    order_theme = lambda t: (THEMES.index(t.key) if t.key in THEMES else len(THEMES), t.key)  # noqa: E731
    with_high = worst[Severity.HIGH.value]
    return CohortSummary(
        generated_at=now or dt.datetime.now(dt.UTC),
        notice=NOTICE.format(n=ADVICE_MIN_PEOPLE),
        reports=len(reports),
        duplicates_ignored=loaded.duplicates,
        unredacted_reports=loaded.unredacted,
        schema_versions=dict(sorted(Counter(r.schema_version for r in reports).items())),
        frameworks=dict(sorted(Counter(r.framework for r in reports).items())),
        modes=dict(sorted(Counter(r.mode for r in reports).items())),
        accounts_declared=len(accounts),
        accounts_read=sum(a.status.was_read for a in accounts),
        people_fully_read=sum(1 for r in reports if r.accounts and all(a.status.was_read for a in r.accounts)),
        people_with_high=with_high,
        share_with_high=round(with_high / len(reports), 4),
        people_by_worst={k: worst[k] for k in (*(s.value for s in view.SEVERITIES), "none")},
        by_check=_tallies(reports, lambda f: f.check),
        by_principle=_tallies(reports, view.principle, order_theme),
        by_platform=by_platform,
        common_advice=common,
    )


# --------------------------------------------------------------------------- drawing


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


def to_json(summary: CohortSummary) -> str:
    return summary.model_dump_json(indent=2) + "\n"


def to_text(summary: CohortSummary, *, color: bool = False, width: int = 100) -> str:
    """The summary for a terminal: the notice first, then the headline figures and one table per count."""
    from rich.table import Table
    from rich.text import Text

    console, buffer = text_console(width, color)
    console.print(Text(summary.notice, style="bold"))
    console.print()
    n = summary.reports
    console.print(Text(f"footprint cohort summary: {n} report{'s' if n != 1 else ''}", style="bold"))
    lines = [
        f"People with at least one high finding: {summary.people_with_high} of {n} ({_pct(summary.people_with_high, n)})",
        f"Coverage: {summary.accounts_read} of {summary.accounts_declared} declared accounts read "
        f"({_pct(summary.accounts_read, summary.accounts_declared)}); every account read for {summary.people_fully_read} of {n} people",
        "Worst finding per person: " + ", ".join(f"{k} {v}" for k, v in summary.people_by_worst.items()),
        "Frameworks: " + ", ".join(f"{k} ({v})" for k, v in summary.frameworks.items()),
        *(
            ["  (mixed: principles are compared by theme, which every framework shares)"]
            if len(summary.frameworks) > 1
            else []
        ),
        "Report schema versions: " + ", ".join(f"{k} ({v})" for k, v in summary.schema_versions.items()),
    ]
    if summary.duplicates_ignored:
        lines.append(f"Duplicates ignored: {summary.duplicates_ignored} (the same report handed in twice)")
    if summary.unredacted_reports:
        lines.append(f"Unredacted reports accepted with --allow-names: {summary.unredacted_reports}")
    for line in lines:
        console.print(Text("  " + line))

    def table(title: str, header: str, rows: Sequence[Tally]) -> None:
        t = Table(title=title, title_justify="left", title_style="bold", expand=False)
        t.add_column(header)
        t.add_column("people", justify="right")
        t.add_column("share", justify="right")
        t.add_column("with a high", justify="right")
        t.add_column("findings", justify="right")
        for row in rows:
            t.add_row(row.key, str(row.people), _pct(row.people, n), str(row.high_people), str(row.findings))
        console.print()
        console.print(t if rows else Text(f"{title}: no findings"))

    table("By guidance principle", "principle", summary.by_principle)
    table("By check", "check", summary.by_check)
    platforms = Table(title="By platform", title_justify="left", title_style="bold")
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        ("platform", "left"),
        ("accounts", "right"),
        ("read", "right"),
        ("people with findings", "right"),
        ("findings", "right"),
    )
    for column, justify in columns:
        platforms.add_column(column, justify=justify)
    for p in summary.by_platform:
        platforms.add_row(
            p.platform, str(p.accounts), f"{p.read} ({_pct(p.read, p.accounts)})", str(p.people), str(p.findings)
        )
    console.print()
    console.print(platforms)
    console.print()
    console.print(Text("Most common advice", style="bold"))
    if not summary.common_advice:
        console.print(Text(f"  none given to {ADVICE_MIN_PEOPLE} or more people"))
    for item in summary.common_advice:
        console.print(Text(f"  {item.people:>3} people  {item.advice}"))
    return buffer.getvalue()


@dataclass
class Bar:
    label: str
    value: int
    share: str
    y: int
    width: float


def chart(rows: Sequence[Tally], total: int, width: int = 420) -> list[Bar]:
    """Bars for the share of people with findings under each key, in SVG user units."""
    return [
        Bar(r.key, r.people, _pct(r.people, total), 8 + i * 30, round(width * r.people / total, 1) if total else 0.0)
        for i, r in enumerate(rows)
    ]


def to_html(summary: CohortSummary) -> str:
    """One self-contained HTML page with inline SVG charts; jinja2 autoescaping on, no script, no external assets."""
    from footprint.render import templates

    env = templates()
    return env.get_template("cohort.html.j2").render(
        s=summary,
        pct=_pct,
        principle_bars=chart(summary.by_principle, summary.reports),
        check_bars=chart(summary.by_check, summary.reports),
        version=__version__,
    )
