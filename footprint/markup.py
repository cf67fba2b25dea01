"""HTML to plain text, and the links in it: what sources and archive readers use to read markup.

It never judges what it reads (the checks do, through `footprint.text`).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser


class _TextOnly(HTMLParser):
    _BREAKS = {"p", "br", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "tr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in self._BREAKS and self.parts:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(markup: str | None) -> str:
    """Plain text from an HTML fragment (Mastodon content, blog bodies): tags out, entities decoded."""
    if not markup:
        return ""
    if "<" not in markup:
        return html.unescape(markup).strip()
    parser = _TextOnly()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    return re.sub(r"[ \t]+", " ", re.sub(r"\n\s*\n+", "\n", text)).strip()


_HREF = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


def extract_links(markup: str | None) -> list[str]:
    """The http(s) link targets in an HTML fragment, in order, without duplicates."""
    if not markup:
        return []
    seen: dict[str, None] = {}
    for raw in _HREF.findall(markup):
        url = html.unescape(raw).strip()
        if url.startswith(("http://", "https://")):
            seen.setdefault(url, None)
    return list(seen)
