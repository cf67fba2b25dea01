"""A generic file of posts, for any other source or a trainer's prepared example.

JSONL (one JSON object a line) or CSV (a header row), with a `text` field and optional
`created_at`, `url`, `platform`, `handle`, `id` and `visibility`. Both are streamed line by line,
and every post remembers its line (`posts.jsonl:12`) so findings point straight at it. A line
that is not a post is skipped with a warning naming it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any, cast, get_args

from footprint.archives.container import Container, Member
from footprint.models import Post, Snapshot, Visibility
from footprint.plugins.archives import (
    BAD_MEMBER,
    ArchiveAccount,
    ArchiveReader,
    MemberProblem,
    csv_rows,
    guarded,
    handle_from_name,
    when,
)

_JSONL = (".jsonl", ".ndjson")
_VISIBILITIES = set(get_args(Visibility))
_MAX_LINE_WARNINGS = 20
MAX_LINE = 8 * 1024**2
GENERIC = "generic"


def _is_csv(container: Container, member: Member) -> bool:
    if member.suffix != ".csv":
        return False
    first = container.head(member, 2048).split(b"\n", 1)[0].decode("utf-8", "replace").lstrip("\ufeff").lower()
    return "text" in [c.strip().strip('"') for c in first.split(",")]


class GenericReader(ArchiveReader):
    """Generic posts file (JSONL or CSV with a text column)."""

    name = "generic"
    platform = GENERIC
    title = "Generic posts file (JSONL or CSV)"

    def _files(self, container: Container) -> list[Member]:
        return container.find(lambda m: m.suffix in _JSONL or _is_csv(container, m))

    def detect(self, container: Container) -> float:
        files = self._files(container)
        if not files:
            return 0.0
        return 0.5 if any(m.suffix in _JSONL for m in files) else 0.4

    def parts(self, container: Container, include_private: bool) -> list[Member]:
        return self._files(container)

    def read(self, container: Container, include_private: bool) -> Iterator[ArchiveAccount]:
        for member in self._files(container):
            groups = self._accounts(container, member)
            for platform, handle in groups or [(GENERIC, "")]:
                snapshot = Snapshot(
                    platform=platform,
                    handle=handle or handle_from_name(member.basename),
                    origin="archive",
                )
                wanted = (platform, handle) if len(groups) > 1 else None
                yield snapshot, self._posts(container, member, wanted)

    def _accounts(self, container: Container, member: Member) -> list[tuple[str, str]]:
        """The distinct (platform, handle) pairs in the file, in first-seen order, from one cheap pass."""
        seen: dict[tuple[str, str], None] = {}
        if member.suffix in _JSONL:
            try:
                with container.open(member) as stream:
                    for raw in _lines(stream):
                        if raw is None:
                            continue  # an over-long line: the reading pass warns about it
                        if b'"platform"' in raw or b'"handle"' in raw:
                            try:
                                record = json.loads(raw)
                            except (ValueError, RecursionError):
                                continue
                            if isinstance(record, dict) and isinstance(record.get("text"), str):
                                seen.setdefault(_account_of(record), None)
                        elif raw.strip():
                            seen.setdefault((GENERIC, ""), None)
                        if len(seen) > 50:
                            break
            except BAD_MEMBER:
                pass  # NOTE: the reading pass reports the problem with its line number
            return list(seen)
        header = container.head(member, 2048).split(b"\n", 1)[0].lower()
        if b"platform" not in header and b"handle" not in header:
            return []
        for _line, record in self._records(container, member):
            seen.setdefault(_account_of(record), None)
            if len(seen) > 50:
                break
        return list(seen)

    def _records(self, container: Container, member: Member) -> Iterator[tuple[int, dict[str, Any]]]:
        if member.suffix in _JSONL:
            return guarded(container, member, self._jsonl(container, member))
        return (pair for pair in csv_rows(container, member, ["text"]))

    def _jsonl(self, container: Container, member: Member) -> Iterator[tuple[int, dict[str, Any]]]:
        bad = 0
        with container.open(member) as stream:
            for number, raw in enumerate(_lines(stream), start=1):
                if raw is None:
                    # NOTE: one monstrous line costs only itself: it is skipped unread and the scan goes on.
                    container.warn(
                        f"{member.name}:{number}: a line longer than {MAX_LINE:,} bytes is not a post; skipped"
                    )
                    continue
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError:
                    raise MemberProblem(f"{member.name}:{number}: not UTF-8 text; save the file as UTF-8") from None
                if number == 1:
                    line = line.lstrip("\ufeff")
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except RecursionError:
                    record, reason = None, "nested too deeply to be a post"
                except ValueError as exc:
                    record, reason = (
                        None,
                        f"not valid JSON ({exc.msg if isinstance(exc, json.JSONDecodeError) else exc})",
                    )
                else:
                    reason = 'not a JSON object with a "text" string'
                if isinstance(record, dict) and isinstance(record.get("text"), str):
                    yield number, record
                    continue
                bad += 1
                if bad <= _MAX_LINE_WARNINGS:
                    container.warn(f"{member.name}:{number}: {reason}; skipped")
        if bad > _MAX_LINE_WARNINGS:
            container.warn(f"{member.name}: {bad - _MAX_LINE_WARNINGS} more lines were not posts and were skipped")

    def _posts(self, container: Container, member: Member, wanted: tuple[str, str] | None) -> Iterator[Post]:
        for number, record in self._records(container, member):
            if wanted is not None and _account_of(record) != wanted:
                continue
            visibility = str(record.get("visibility") or "public").lower()
            url = record.get("url")
            yield Post(
                id=str(record.get("id") or f"{member.name}:{number}"),
                text=str(record.get("text") or ""),
                url=url if isinstance(url, str) and url.strip() else None,
                created_at=when(record.get("created_at")),
                visibility=cast(Visibility, visibility) if visibility in _VISIBILITIES else "unknown",
                location=f"{member.name}:{number}",
            )


def _lines(stream: IO[bytes]) -> Iterator[bytes | None]:
    """Each line of the stream, or None for a line longer than MAX_LINE (read past in pieces, never held)."""
    while True:
        raw = stream.readline(MAX_LINE + 1)
        if not raw:
            return
        if len(raw) <= MAX_LINE:
            yield raw
            continue
        while raw and not raw.endswith(b"\n"):
            raw = stream.readline(MAX_LINE + 1)
        yield None


def _account_of(record: dict[str, Any]) -> tuple[str, str]:
    platform = record.get("platform")
    handle = record.get("handle")
    return (
        platform.strip().lower() if isinstance(platform, str) and platform.strip() else GENERIC,
        handle.strip() if isinstance(handle, str) else "",
    )
