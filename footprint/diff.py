"""`footprint diff OLD.json NEW.json`: what was fixed, what is new and what remains since the last audit.

Findings are matched by their stable `id` (a hash of the check, platform, account, item and the
matched words), which stays the same across runs and through `--redact`.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError
from rich.console import Console
from rich.text import Text

from footprint.errors import InputError
from footprint.models import SCHEMA_VERSION, Finding, Report, Severity


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


class DiffSummary(BaseModel):
    """The diff as JSON: finding ids and enough to read them without the reports."""

    old_generated_at: list[str]
    new_generated_at: list[str]
    fixed: list[Finding]
    new: list[Finding]
    remaining: list[Finding]


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
            raise InputError(f"{where}: report schema version {item.get('schema_version')!r} is not supported "
                             f"(this footprint reads {SCHEMA_VERSION.split('.')[0]}.x)")
        try:
            reports.append(Report.model_validate(item))
        except ValidationError as exc:
            error = exc.errors()[0]
            field = ".".join(str(p) for p in error["loc"])
            raise InputError(f"{where}: not a valid footprint report: {field}: {error['msg']}") from None
    return reports


def diff(old: Sequence[Report], new: Sequence[Report]) -> DiffResult:
    """Match findings by id across every report in each file."""
    before = {f.id: f for r in old for f in r.findings}
    after = {f.id: f for r in new for f in r.findings}
    fixed = [f for fid, f in before.items() if fid not in after]
    added = [f for fid, f in after.items() if fid not in before]
    remaining = [Change(before[fid], f) for fid, f in after.items() if fid in before]
    order = lambda f: (-f.severity.rank, f.check, f.platform, f.account, f.id)  # noqa: E731
    return DiffResult(
        old=list(old), new=list(new),
        fixed=sorted(fixed, key=order), added=sorted(added, key=order),
        remaining=sorted(remaining, key=lambda c: order(c.new)),
    )


def to_json(result: DiffResult) -> str:
    summary = DiffSummary(
        old_generated_at=[r.generated_at.isoformat() for r in result.old],
        new_generated_at=[r.generated_at.isoformat() for r in result.new],
        fixed=result.fixed, new=result.added, remaining=[c.new for c in result.remaining],
    )
    return summary.model_dump_json(indent=2) + "\n"


_STYLE = {Severity.HIGH: "bold red", Severity.MEDIUM: "bold yellow", Severity.LOW: "cyan", Severity.INFO: "dim"}


def to_text(result: DiffResult, *, color: bool = False, width: int = 100) -> str:
    """The diff for a terminal: a one-line tally, then fixed, new and remaining findings."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False, markup=False, emoji=False)
    when_old = ", ".join(f"{r.generated_at:%Y-%m-%d %H:%M}" for r in result.old)
    when_new = ", ".join(f"{r.generated_at:%Y-%m-%d %H:%M}" for r in result.new)
    console.print(Text(f"footprint diff: {when_old} UTC → {when_new} UTC", style="bold"))
    tally = Text()
    tally.append(f"{len(result.fixed)} fixed", style="bold green")
    tally.append(" · ")
    tally.append(f"{len(result.added)} new", style="bold red" if result.added else "")
    tally.append(" · ")
    tally.append(f"{len(result.remaining)} remaining")
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
