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


# JSON escapes C0 itself; DEL, C1, bidi controls and line/paragraph separators it would pass through raw.
_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029" + BIDI + "]")


_JSON_RAW_CHARS = [chr(c) for c in range(0x7F, 0xA0)] + ["\u2028", "\u2029", *BIDI]
_JSON_RAW_BYTES = re.compile(b"|".join(re.escape(c.encode("utf-8")) for c in _JSON_RAW_CHARS))


def json_safe_bytes(data: bytes) -> bytes:
    """`json_safe` for UTF-8 JSON bytes (a large report is serialised straight to bytes, never to a str)."""
    if _JSON_RAW_BYTES.search(data) is None:
        return data
    return _JSON_RAW_BYTES.sub(lambda m: b"\\u%04x" % ord(m.group().decode("utf-8")), data)


_NON_ASCII = re.compile("[^\x00-\x7f]")


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_ascii(data: bytes) -> bytes:
    """UTF-8 JSON as pure ASCII: every other character written as a `\\uXXXX` escape (the same data)."""
    return _NON_ASCII.sub(lambda m: _escape(m.group()), data.decode("utf-8")).encode("ascii")


def json_safe(text: str) -> str:
    """JSON text with DEL, C1 and bidi controls written as `\\uXXXX` escapes: the same data, inert on a terminal."""
    if _JSON_RAW.search(text) is None:
        return text  # the common case: nothing to escape, and no copy of a large report
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_BOX = str.maketrans(
    {
        **{
            chr(c): "-"
            for c in (
                0x2500,
                0x2501,
                0x2504,
                0x2505,
                0x2508,
                0x2509,
                0x254C,
                0x254D,
                0x2550,
                0x2574,
                0x2576,
                0x2578,
                0x257A,
            )
        },
        **{
            chr(c): "|"
            for c in (
                0x2502,
                0x2503,
                0x2506,
                0x2507,
                0x250A,
                0x250B,
                0x254E,
                0x254F,
                0x2551,
                0x2575,
                0x2577,
                0x2579,
                0x257B,
            )
        },
        "\u2026": "...",
        "\u00b7": "-",
        "\u2014": "-",
        "\u2013": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2022": "*",
        "\u2192": "->",
        "\u00a0": " ",
        "\u2588": "#",
        "\u2591": ".",
        "\u2592": ":",
        "\u2593": "#",
    }
)


def ascii_fallback(text: str) -> str:
    """Text for an ASCII-only terminal: box lines and common punctuation in ASCII, the rest as '?'."""
    text = text.translate(_BOX)
    text = re.sub("[\u2500-\u257f]", "+", text)  # corners and joints
    return text.encode("ascii", "replace").decode("ascii")


def clean_model(model: T, fix: Any = clean) -> T:
    """A copy of a pydantic model (or a list/dict/str of them) with `fix` applied to every string."""
    return _walk(model, fix, {})


def _walk(value: Any, fix: Any, seen: dict[int, Any]) -> Any:
    # NOTE: `seen` maps the id of a list or model already walked to its result: findings share their clause and
    # advice lists, so each shared list is cleaned once, and stays shared in the copy.
    if isinstance(value, enum.Enum):
        return value
    if isinstance(value, str):
        new = fix(value)
        return value if new == value else new
    if isinstance(value, BaseModel | list):
        done = seen.get(id(value))
        if done is not None:
            return done
        result = _walk_container(value, fix, seen)
        seen[id(value)] = result
        return result
    if isinstance(value, tuple):
        items = [_walk(v, fix, seen) for v in value]
        return tuple(items) if any(a is not b for a, b in zip(items, value, strict=False)) else value
    if isinstance(value, dict):
        out = {_walk(k, fix, seen): _walk(v, fix, seen) for k, v in value.items()}
        return (
            out
            if any(a is not b for a, b in zip(out.values(), value.values(), strict=False)) or list(out) != list(value)
            else value
        )
    return value


def _walk_container(value: BaseModel | list[Any], fix: Any, seen: dict[int, Any]) -> Any:
    if isinstance(value, list):
        items = [_walk(v, fix, seen) for v in value]
        return items if any(a is not b for a, b in zip(items, value, strict=False)) else value
    changes = {}
    for name in type(value).model_fields:
        old = getattr(value, name)
        new = _walk(old, fix, seen)
        if new is not old:
            changes[name] = new
    return value.model_copy(update=changes) if changes else value
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
        return items if any(a is not b for a, b in zip(items, value, strict=False)) else value
    if isinstance(value, tuple):
        items = [_walk(v, fix) for v in value]
        return tuple(items) if any(a is not b for a, b in zip(items, value, strict=False)) else value
    if isinstance(value, dict):
        out = {_walk(k, fix): _walk(v, fix) for k, v in value.items()}
        return (
            out
            if any(a is not b for a, b in zip(out.values(), value.values(), strict=False)) or list(out) != list(value)
            else value
        )
    return value
