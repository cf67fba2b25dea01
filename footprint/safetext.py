"""Text made safe to show: the one sanitiser for everything footprint prints to a terminal or Markdown.

Fetched pages, profile bios and archive posts are written by other people. Before any of it
reaches a terminal (the report, stderr messages, progress lines) or a Markdown file, `clean`
neutralises every control character except newline and tab: C0 controls (ESC, BEL,
backspace, NUL, carriage return), DEL and the 8-bit C1 controls (0x80-0x9f, among them 0x9b,
the one-byte CSI). Each becomes a visible stand-in (`␛`, `␇`, `<U+009B>`), so `ESC [2J` or
`ESC ]52;` (write the clipboard) show as text and never act. Bidirectional overrides and
isolates are shown as `<U+202E>` rather than applied, so they cannot reorder what is read.
Lone surrogates (a broken `\\udc80` escape in an export) become U+FFFD, so no encoder fails.

`clean_model` applies the same to every string inside a report model, once, before a renderer
draws it. `clean` is idempotent: cleaning clean text changes nothing.
"""

from __future__ import annotations

import enum
import re
from typing import Any, TypeVar

from pydantic import BaseModel

T = TypeVar("T")

#: Bidirectional embeddings, overrides, isolates and marks: shown, never applied.
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

# Everything below U+0020 but tab and newline, DEL, C1, bidi controls and lone surrogates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + BIDI + "\ud800-\udfff]")


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control pictures: ␀ ␇ ␈ ␛ ␍ …
    if code == 0x7F:
        return "\u2421"  # ␡
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return f"<U+{code:04X}>"


def clean(text: str) -> str:
    """`text` with every control character but newline and tab made visible and inert."""
    if not isinstance(text, str):
        return text
    text = text.replace("\r\n", "\n")
    return _UNSAFE.sub(_visible, text)


def clean_line(text: str) -> str:
    """`clean`, with newlines and tabs shown too: for messages that must stay on one line."""
    return clean(text).replace("\n", "\u2424").replace("\t", " ")


_SURROGATE = re.compile("[\ud800-\udfff]")


def encodable(text: str) -> str:
    """Only lone surrogates replaced (U+FFFD): for JSON, which escapes control characters itself."""
    return _SURROGATE.sub("\ufffd", text) if isinstance(text, str) else text


def clean_model(model: T, fix: Any = clean) -> T:
    """A copy of a pydantic model (or a list/dict/str of them) with `fix` applied to every string."""
    return _walk(model, fix)  # type: ignore[no-any-return]


def _walk(value: Any, fix: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value
    if isinstance(value, str):
        new = fix(value)
        return value if new == value else new
    if isinstance(value, BaseModel):
        changes = {}
        for name in type(value).model_fields:
            old = getattr(value, name)
            new = _walk(old, fix)
            if new is not old:
                changes[name] = new
        return value.model_copy(update=changes) if changes else value
    if isinstance(value, list):
        items = [_walk(v, fix) for v in value]
        return items if any(a is not b for a, b in zip(items, value)) else value
    if isinstance(value, tuple):
        items = [_walk(v, fix) for v in value]
        return tuple(items) if any(a is not b for a, b in zip(items, value)) else value
    if isinstance(value, dict):
        out = {_walk(k, fix): _walk(v, fix) for k, v in value.items()}
        return out if any(a is not b for a, b in zip(out.values(), value.values())) or list(out) != list(value) else value
    return value
