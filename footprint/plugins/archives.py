"""The archive-reader plugin contract (entry-point group `footprint.archives`), and the helpers every reader shares.

A reader recognises one platform's data download and normalises it into the shared model:
one `Snapshot` per account plus a *stream* of `Post`s (an `ArchiveAccount`). Readers never judge;
the checks do. The `Container` a reader is handed presents a zip, tar.gz, folder or single file
uniformly and safely (sizes, paths and member counts are bounded there). The helpers below read
its members defensively: a damaged member becomes a warning, never a traceback. The built-in
readers use exactly what this module offers.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from typing import IO, Any, ClassVar

from footprint.archives.container import MEMBER_ERRORS, Container, Member
from footprint.archives.jsonstream import JsonStreamError, iter_records, load_small
from footprint.archives.mojibake import fix_tree
from footprint.errors import InputError
from footprint.markup import html_to_text
from footprint.models import Post, ProfileField, Snapshot

GROUP = "footprint.archives"

#: What a reader yields for each account in a download: its snapshot and the stream of its posts.
#: (Not `models.Account`, which is an account the user declares in the profile.)
ArchiveAccount = tuple[Snapshot, Iterator[Post]]

__all__ = [
    "BAD_MEMBER",
    "GROUP",
    "PRIVATE_NOTE",
    "ArchiveAccount",
    "ArchiveReader",
    "Container",
    "Member",
    "MemberProblem",
    "Post",
    "ProfileField",
    "Snapshot",
    "csv_rows",
    "describe",
    "dig",
    "guarded",
    "handle_from_name",
    "html_to_text",
    "listed",
    "pick",
    "records",
    "small_json",
    "text_of",
    "when",
]

PRIVATE_NOTE = "Private messages in this download were not scanned; pass --include-private to scan them too."


class ArchiveReader(ABC):
    """One platform's data-download format."""

    name: ClassVar[str]
    platform: ClassVar[str]
    title: ClassVar[str]

    @abstractmethod
    def detect(self, container: Container) -> float:
        """How sure this reader is that the container is its format, from 0 (not at all) to 1."""

    @abstractmethod
    def parts(self, container: Container, include_private: bool) -> list[Member]:
        """The members `read` will open, in order (for progress)."""

    @abstractmethod
    def read(self, container: Container, include_private: bool) -> Iterator[ArchiveAccount]:
        """Each account in the download: its snapshot, then a stream of its posts."""


# --------------------------------------------------------------------------- reading members safely


class MemberProblem(ValueError):
    """A member's content is wrong at a known place; the message already names the file and line."""


def describe(exc: BaseException) -> str:
    """A short plain reason for a member that could not be read."""
    if isinstance(exc, MemberProblem):
        return str(exc)
    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8 text (another encoding, or not text at all); save it as UTF-8"
    if isinstance(exc, InputError):
        return exc.message
    if isinstance(exc, RecursionError):
        return "nested too deeply to be a real download"
    text = " ".join(str(exc).split()).rstrip(".")
    return text or type(exc).__name__


BAD_MEMBER: tuple[type[BaseException], ...] = (
    MemberProblem,
    JsonStreamError,
    json.JSONDecodeError,
    UnicodeDecodeError,
    csv.Error,
    RecursionError,
    *MEMBER_ERRORS,
)


def guarded(container: Container, member: Member, items: Iterable[Any]) -> Iterator[Any]:
    """Yield from `items`; a damaged member becomes a warning (or an error when it is the only file)."""
    try:
        yield from items
    except BAD_MEMBER as exc:
        message = describe(exc) if isinstance(exc, MemberProblem) else f"{member.name}: {describe(exc)}"
        if container.single_file:
            raise InputError(message) from None
        container.warn(f"{message}; the rest of this file was skipped")


def records(
    container: Container, member: Member, *, keys: Any = None, after: str | None = None, mojibake: bool = False
) -> Iterator[Any]:
    """The records of a JSON member, streamed, optionally with Meta's mojibake repaired."""

    def stream() -> Iterator[Any]:
        with container.open_text(member) as text:
            for record in iter_records(text, keys, after=after):
                yield fix_tree(record) if mojibake else record

    return guarded(container, member, stream())


def small_json(container: Container, member: Member, *, after: str | None = None, mojibake: bool = False) -> Any:
    """A small JSON member as one value, or None (with a warning) when it cannot be read."""
    try:
        with container.open_text(member) as text:
            value = load_small(text, after)
    except BAD_MEMBER as exc:
        if container.single_file:
            raise InputError(f"{member.name}: {describe(exc)}") from None
        container.warn(f"{member.name}: {describe(exc)}; skipped")
        return None
    return fix_tree(value) if mojibake else value


def csv_rows(
    container: Container, member: Member, required: Iterable[str] = (), **fmt: Any
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row keyed by lower-case column name) for each record, finding the header past any preamble.

    `fmt` goes to `csv.reader` for files written with another dialect (a tab delimiter, backslash escapes)."""
    wanted = {r.lower() for r in required}

    def stream() -> Iterator[tuple[int, dict[str, str]]]:
        line = 0
        try:
            with container.open_text(member) as text:
                for line, row in _csv_rows(text, wanted, fmt):
                    yield line, row
        except UnicodeDecodeError:
            raise MemberProblem(f"{member.name}: not UTF-8 text after line {line}; save it as UTF-8") from None
        except csv.Error as exc:
            raise MemberProblem(f"{member.name}: {exc}") from None

    return guarded(container, member, stream())


def _csv_rows(
    text: IO[str], wanted: set[str], fmt: dict[str, Any] | None = None
) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.reader(text, **(fmt or {}))
    header: list[str] | None = None
    last_line = 0
    for row in reader:
        start, last_line = last_line + 1, reader.line_num
        if header is None:
            names = [c.strip().lstrip("\ufeff").lower() for c in row]
            if wanted <= set(names) and any(names):
                header = names
            elif start > 20:
                raise csv.Error(f"no header row with {', '.join(sorted(wanted))} in the first 20 lines")
            continue
        if not any(cell.strip() for cell in row):
            continue
        yield start, {name: (row[i] if i < len(row) else "") for i, name in enumerate(header)}
    if header is None and wanted:
        raise csv.Error(f"no header row with {', '.join(sorted(wanted))}")


def pick(row: dict[str, Any], *names: str) -> str:
    """The first non-empty value among `names` in a row from `csv_rows` (whose keys are lower-case)."""
    for name in names:
        value = row.get(name.lower())
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def dig(value: Any, *path: str | int) -> Any:
    """value[path[0]][path[1]]…, or None as soon as a step is missing or of the wrong type."""
    for step in path:
        if isinstance(step, int):
            if not isinstance(value, list) or not -len(value) <= step < len(value):
                return None
        elif not isinstance(value, dict):
            return None
        value = value[step] if isinstance(step, int) else value.get(step)
    return value


def listed(value: Any) -> list[Any]:
    """The value when it is a list, else an empty list (downloads are not always the shape they should be)."""
    return value if isinstance(value, list) else []


def text_of(value: Any) -> str:
    """A string value stripped, or '' for anything else."""
    return value.strip() if isinstance(value, str) else ""


# --------------------------------------------------------------------------- dates

_LEGACY = re.compile(
    r"^[A-Z][a-z]{2} (?P<month>[A-Z][a-z]{2}) (?P<d>\d{2}) (?P<h>\d{2}):(?P<m>\d{2}):(?P<s>\d{2}) (?P<tz>[+-]\d{4}) (?P<y>\d{4})$"
)
_MONTHS = {
    m: i
    for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), start=1)
}
_FORMATS = ("%a %b %d %H:%M:%S %z %Y", "%Y-%m-%d %H:%M:%S %Z", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d")


def when(value: Any) -> dt.datetime | None:
    """A date from the forms downloads use: ISO 8601, Unix seconds or milliseconds, X's legacy format."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return dt.datetime.fromtimestamp(seconds, dt.UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip():
        return None
    raw = value.strip()
    if raw.isdigit():
        return when(int(raw))
    legacy = _LEGACY.match(raw)
    if legacy and legacy["month"] in _MONTHS:
        # NOTE: X's "Wed Jun 04 10:15:00 +0000 2025", parsed by hand: strptime costs a second per 100,000 tweets.
        tz = legacy["tz"]
        sign = 1 if tz[0] == "+" else -1
        try:
            zone = dt.timezone(sign * dt.timedelta(hours=int(tz[1:3]), minutes=int(tz[3:5])))
            return dt.datetime(
                int(legacy["y"]),
                _MONTHS[legacy["month"]],
                int(legacy["d"]),
                int(legacy["h"]),
                int(legacy["m"]),
                int(legacy["s"]),
                tzinfo=zone,
            )
        except ValueError:
            return None
    try:
        parsed = dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
        for fmt in _FORMATS:
            try:
                parsed = dt.datetime.strptime(raw, fmt)
                break
            except ValueError:
                continue
    if parsed is None:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


_SAFE_HANDLE = re.compile(r"[^\w.@:+-]+")


def handle_from_name(label: str) -> str:
    """A stand-in account name from the archive's file name when the download does not say."""
    stem = label.split(".")[0] or "archive"
    return _SAFE_HANDLE.sub("-", stem).strip("-") or "archive"
