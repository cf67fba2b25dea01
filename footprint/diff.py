"""`footprint diff OLD.json NEW.json`: what was fixed, what is new and what remains since the last audit.

Findings are matched by their stable `id` (a hash of the check, platform, account, item and the
matched words), which stays the same across runs and through `--redact`. A finding that is gone
counts as fixed only when its account was read in both audits and its check ran in both; otherwise
it is "not re-checked". Reports about different people or frameworks are refused unless asked for.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError
from rich.text import Text

from footprint.errors import InputError
from footprint.models import SCHEMA_VERSION, DiscoveryState, Finding, Report, Severity
from footprint.render import text_console


@dataclass
class Change:
    """A finding present in both audits, with its old and new severity."""

    old: Finding
    new: Finding

    @property
    def severity_changed(self) -> bool:
        return self.old.severity is not self.new.severity


@dataclass
class DiffResult:
    """Findings fixed since the old audit, new in the new one, and those that remain."""

    old: list[Report]
    new: list[Report]
    fixed: list[Finding]
    added: list[Finding]
    remaining: list[Change]
    not_rechecked: list[NotRechecked] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class NotRechecked:
    """A finding absent from the new audit that cannot count as fixed, and why."""

    finding: Finding
    reason: str


class DiffSummary(BaseModel):
    """The diff as JSON: finding ids and enough to read them without the reports."""

    old_generated_at: list[str]
    new_generated_at: list[str]
    fixed: list[Finding]
    new: list[Finding]
    remaining: list[Finding]
    not_rechecked: list[Finding] = []
    not_rechecked_reasons: dict[str, str] = {}
    warnings: list[str] = []


class MismatchError(InputError):
    """The two reports are about different people or frameworks."""


def load_reports(path: Path) -> list[Report]:
    """Read a JSON report (one object) or the demo's array of reports; bad input is one InputError line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a report file") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; expected a report written by `footprint audit -f json`") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    items = data if isinstance(data, list) else [data]
    if not items:
        raise InputError(f"{path}: holds an empty list, not a report")
    reports = []
    for index, item in enumerate(items):
        where = f"{path}" + (f" (report {index + 1})" if isinstance(data, list) else "")
        if not isinstance(item, dict) or "findings" not in item or "schema_version" not in item:
            raise InputError(f"{where}: not a footprint report (write one with `footprint audit -f json -o FILE`)")
        major = str(item.get("schema_version", "")).split(".")[0]
        if major != SCHEMA_VERSION.split(".")[0]:
            raise InputError(
                f"{where}: report schema version {item.get('schema_version')!r} is not supported "
                f"(this footprint reads {SCHEMA_VERSION.split('.')[0]}.x)"
            )
        try:
            reports.append(Report.model_validate(item))
        except ValidationError as exc:
            error = exc.errors()[0]
            field = ".".join(str(p) for p in error["loc"])
            raise InputError(f"{where}: not a valid footprint report: {field}: {error['msg']}") from None
    return reports


def _people(reports: Sequence[Report]) -> set[str]:
    return {" ".join(r.subject.name.split()).casefold() for r in reports}


def mismatch(old: Sequence[Report], new: Sequence[Report]) -> list[str]:
    """Why the two files should not be compared: different people, or different frameworks."""
    problems = []
    redacted = any(r.redacted for r in [*old, *new])
    if not redacted and _people(old) != _people(new):
        names = lambda rs: ", ".join(sorted({r.subject.name for r in rs}))  # noqa: E731
        problems.append(f"the reports are about different people ({names(old)} → {names(new)})")
    frameworks = lambda rs: ", ".join(sorted({r.framework.upper() for r in rs}))  # noqa: E731
    if frameworks(old) != frameworks(new):
        problems.append(
            f"the reports use different frameworks ({frameworks(old)} → {frameworks(new)}), "
            "so their clauses and severities differ"
        )
    return problems


def _read(reports: Sequence[Report], finding: Finding) -> bool:
    """True when the finding's account (or the discovered site it sits on) was read in these reports."""
    for report in reports:
        for account in report.accounts:
            if account.platform == finding.platform and account.account == finding.account:
                return account.status.was_read
        for probed in report.discovered:
            if probed.site == finding.platform and probed.handle == finding.account:
                return probed.state in (DiscoveryState.FOUND, DiscoveryState.NOT_FOUND, DiscoveryState.INVALID)
    return False


def _ran(reports: Sequence[Report], check: str) -> bool:
    return any(check in r.checks_run for r in reports)


def _why_not(old: Sequence[Report], new: Sequence[Report], finding: Finding) -> str | None:
    """None when a vanished finding really was re-checked; else why it was not."""
    if not _ran(new, finding.check):
        return f"the check {finding.check} did not run in the new audit"
    if not _read(new, finding):
        return f"{finding.platform} {finding.account} was not read in the new audit"
    if not _ran(old, finding.check) or not _read(old, finding):
        return "the old audit did not read it fully"
    return None


def diff(old: Sequence[Report], new: Sequence[Report], *, allow_mismatch: bool = False) -> DiffResult:
    """Match findings by id across every report in each file; a vanished finding is fixed only if re-checked."""
    problems = mismatch(old, new)
    if problems and not allow_mismatch:
        raise MismatchError(
            "not comparing: " + "; ".join(problems),
            hint="pass --allow-mismatch to compare them anyway",
        )
    before = {f.id: f for r in old for f in r.findings}
    after = {f.id: f for r in new for f in r.findings}
    fixed, unchecked = [], []
    for fid, finding in before.items():
        if fid in after:
            continue
        reason = _why_not(old, new, finding)
        if reason is None:
            fixed.append(finding)
        else:
            unchecked.append(NotRechecked(finding, reason))
    added = [f for fid, f in after.items() if fid not in before]
    remaining = [Change(before[fid], f) for fid, f in after.items() if fid in before]
    order = lambda f: (-f.severity.rank, f.check, f.platform, f.account, f.id)  # noqa: E731
    warnings = [f"WARNING: {p}" for p in problems]
    return DiffResult(
        old=list(old),
        new=list(new),
        fixed=sorted(fixed, key=order),
        added=sorted(added, key=order),
        remaining=sorted(remaining, key=lambda c: order(c.new)),
        not_rechecked=sorted(unchecked, key=lambda n: order(n.finding)),
        warnings=warnings,
    )


def to_json(result: DiffResult) -> str:
    summary = DiffSummary(
        old_generated_at=[r.generated_at.isoformat() for r in result.old],
        new_generated_at=[r.generated_at.isoformat() for r in result.new],
        fixed=result.fixed,
        new=result.added,
        remaining=[c.new for c in result.remaining],
        not_rechecked=[n.finding for n in result.not_rechecked],
        not_rechecked_reasons={n.finding.id: n.reason for n in result.not_rechecked},
        warnings=result.warnings,
    )
    return summary.model_dump_json(indent=2) + "\n"


_STYLE = {Severity.HIGH: "bold red", Severity.MEDIUM: "bold yellow", Severity.LOW: "cyan", Severity.INFO: "dim"}


def to_text(result: DiffResult, *, color: bool = False, width: int = 100) -> str:
    """The diff for a terminal: a one-line tally, then fixed, new and remaining findings."""
    console, buffer = text_console(width, color)
    when_old = ", ".join(f"{r.generated_at:%Y-%m-%d %H:%M}" for r in result.old)
    when_new = ", ".join(f"{r.generated_at:%Y-%m-%d %H:%M}" for r in result.new)
    console.print(Text(f"footprint diff: {when_old} UTC → {when_new} UTC", style="bold"))
    for warning in result.warnings:
        console.print(Text(warning, style="bold white on red"))
    tally = Text()
    tally.append(f"{len(result.fixed)} fixed", style="bold green")
    tally.append(" · ")
    tally.append(f"{len(result.added)} new", style="bold red" if result.added else "")
    tally.append(" · ")
    tally.append(f"{len(result.remaining)} remaining")
    tally.append(" · ")
    tally.append(f"{len(result.not_rechecked)} not re-checked", style="bold magenta" if result.not_rechecked else "")
    console.print(tally)
    sections = (
        ("Fixed since the last audit", "✓", result.fixed, "green"),
        ("New since the last audit", "+", result.added, "red"),
    )
    for heading, mark, findings, style in sections:
        console.print()
        console.print(Text(f"{heading} ({len(findings)})", style=f"bold {style}"))
        if not findings:
            console.print(Text("  none", style="dim"))
        for finding in findings:
            console.print(_line(mark, finding, style))
    console.print()
    console.print(Text(f"Still there ({len(result.remaining)})", style="bold"))
    if not result.remaining:
        console.print(Text("  none", style="dim"))
    for change in result.remaining:
        was = f"  (was {change.old.severity.value})" if change.severity_changed else ""
        console.print(_line("·", change.new, "", was))
    if result.not_rechecked:
        console.print()
        console.print(
            Text(
                f"Not re-checked ({len(result.not_rechecked)}): gone from the new report, but not because "
                "they were fixed",
                style="bold magenta",
            )
        )
        for item in result.not_rechecked:
            console.print(_line("?", item.finding, "magenta", f"  ({item.reason})"))
    return buffer.getvalue()


def _line(mark: str, finding: Finding, style: str, suffix: str = "") -> Text:
    line = Text(f"  {mark} ", style=style)
    line.append(f"{finding.severity.value:<6}", style=_STYLE[finding.severity])
    line.append(f" {finding.title}")
    line.append(f" — {finding.platform} {finding.account}", style="dim")
    if finding.excerpt and finding.excerpt.matched:
        line.append(f" “{finding.excerpt.matched}”", style="dim")
    if suffix:
        line.append(suffix, style="italic")
    line.append(f"\n      id {finding.id}", style="dim")
    return line
