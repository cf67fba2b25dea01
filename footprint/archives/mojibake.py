"""Undo Meta's mojibake: Facebook and Instagram exports write each UTF-8 byte as its own `\\u00XX`.

So `json.loads` gives `"CafÃ©"` for "Café" and four Latin-1 characters for one emoji. The fix is
to re-encode such strings as Latin-1 and decode the bytes as UTF-8; a string that is already
correct (it holds a character above U+00FF, or its bytes are not valid UTF-8) is left alone.
"""

from __future__ import annotations

from typing import Any


def fix_text(text: str) -> str:
    """One string repaired, or unchanged when it was not mojibake."""
    if text.isascii():
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def fix_tree(value: Any) -> Any:
    """Every string key and value in a parsed JSON tree repaired."""
    if isinstance(value, str):
        return fix_text(value)
    if isinstance(value, list):
        return [fix_tree(v) for v in value]
    if isinstance(value, dict):
        return {fix_text(k) if isinstance(k, str) else k: fix_tree(v) for k, v in value.items()}
    return value
