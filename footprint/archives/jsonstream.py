"""Read the records of a big JSON array one at a time, without holding the whole document.

Data downloads put tens of thousands of posts in one array (`tweets.js`, Facebook's
`your_posts_1.json`, Mastodon's `outbox.json` under `orderedItems`). `iter_records` walks the
top level by hand and hands each element to the standard library's C decoder, so memory stays
at about one record plus one read buffer.
"""

from __future__ import annotations

import json
import re
from collections.abc import Container as Keys
from collections.abc import Iterator
from typing import IO, Any

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")
_CHUNK = 1 << 16


class JsonStreamError(ValueError):
    """The document is not the JSON it should be; the message says where."""


class _Reader:
    """A text buffer over a stream that grows on demand and forgets what was consumed."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.buf = ""
        self.pos = 0
        self.base = 0
        self.eof = False

    def _fill(self, at_least: int = _CHUNK) -> bool:
        if self.eof:
            return False
        chunk = self.stream.read(max(at_least, _CHUNK))
        if not chunk:
            self.eof = True
            return False
        self.base += self.pos
        self.buf = self.buf[self.pos :] + chunk
        self.pos = 0
        return True

    def peek(self) -> str:
        """The next character that is not white space ('' at the end)."""
        while True:
            self.pos = _SPACE.match(self.buf, self.pos).end()  # type: ignore[union-attr]  # NOTE: [...]* matches everywhere
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._fill():
                return ""

    def take(self, expected: str) -> None:
        found = self.peek()
        if found != expected:
            raise self.error(f"expected {expected!r}, found {found or 'the end of the file'!r}")
        self.pos += 1

    def skip_to(self, char: str) -> None:
        """Drop everything up to and including the first `char` (the `window.YTD.x.part0 =` wrapper)."""
        while True:
            at = self.buf.find(char, self.pos)
            if at != -1:
                self.pos = at + 1
                return
            self.pos = len(self.buf)
            if not self._fill():
                raise self.error(f"no {char!r} found")

    def value(self) -> Any:
        """The next complete JSON value."""
        self.peek()
        while True:
            try:
                obj, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if self._fill(len(self.buf) - self.pos):
                    continue
                raise self.error(exc.msg, exc.pos) from None
            # NOTE: a number or literal that ends exactly at the buffer's end may continue in the next chunk.
            if end >= len(self.buf) and not self.eof and self._fill(len(self.buf) - self.pos):
                continue
            self.pos = end
            return obj

    def error(self, message: str, pos: int | None = None) -> JsonStreamError:
        where = self.base + (self.pos if pos is None else pos)
        return JsonStreamError(f"not valid JSON at character {where:,}: {message}")


def _elements(reader: _Reader) -> Iterator[Any]:
    reader.take("[")
    if reader.peek() == "]":
        reader.pos += 1
        return
    while True:
        yield reader.value()
        nxt = reader.peek()
        reader.pos += 1
        if nxt == "]":
            return
        if nxt != ",":
            reader.pos -= 1
            raise reader.error(f"expected ',' or ']', found {nxt or 'the end of the file'!r}")


def iter_records(stream: IO[str], keys: Keys[str] | None = None, *, after: str | None = None) -> Iterator[Any]:
    """Each element of the document's array, or of the arrays under `keys` when it is an object.

    With `keys=None` every array directly under a top-level object is streamed. `after` skips a
    wrapper up to a character first (X's archives start `window.YTD.tweets.part0 = [`).
    """
    reader = _Reader(stream)
    if after is not None:
        reader.skip_to(after)
    first = reader.peek()
    if first == "[":
        yield from _elements(reader)
        return
    if first != "{":
        raise reader.error(f"expected an array or an object, found {first or 'nothing'!r}")
    reader.pos += 1
    if reader.peek() == "}":
        return
    while True:
        key = reader.value()
        if not isinstance(key, str):
            raise reader.error("an object key must be a string")
        reader.take(":")
        if reader.peek() == "[" and (keys is None or key in keys):
            yield from _elements(reader)
        else:
            reader.value()
        nxt = reader.peek()
        reader.pos += 1
        if nxt == "}":
            return
        if nxt != ",":
            reader.pos -= 1
            raise reader.error(f"expected ',' or '}}', found {nxt or 'the end of the file'!r}")


def load_small(stream: IO[str], after: str | None = None) -> Any:
    """A whole (small) JSON document, optionally after a wrapper such as `window.YTD.account.part0 =`."""
    reader = _Reader(stream)
    if after is not None:
        reader.skip_to(after)
    value = reader.value()
    rest = reader.peek()
    if rest not in ("", ";"):
        raise reader.error(f"unexpected {rest!r} after the JSON value")
    return value
