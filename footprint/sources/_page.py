"""What an HTML page says about its author: title, meta tags, rel="me" links, feeds, JSON-LD Person.

A tolerant one-pass parser over the standard library's HTMLParser; it never executes anything
and reads only the tags that carry identity or indexing hints.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

_FEED_TYPES = ("application/rss+xml", "application/atom+xml")  # what feedparser reads; JSON Feed is skipped


@dataclass
class PageMeta:
    """The identity-bearing parts of one HTML page, URLs made absolute."""

    title: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    me_links: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    wp_api: str | None = None
    people: list[dict[str, Any]] = field(default_factory=list)

    @property
    def noindex(self) -> bool:
        robots = f"{self.meta.get('robots', '')},{self.meta.get('googlebot', '')}".lower()
        return "noindex" in robots or "none" in [p.strip() for p in robots.split(",")]


class _Parser(HTMLParser):
    def __init__(self, page_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.url = page_url
        self.page = PageMeta()
        self._in_title = False
        self._ld: list[str] | None = None
        self._ld_blocks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        rel = a.get("rel", "").lower().split()
        if tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or "").strip().lower()
            if key and "content" in a:
                self.page.meta.setdefault(key, a["content"].strip())
        elif tag in ("a", "link") and a.get("href"):
            href = urljoin(self.url, a["href"].strip())
            if "me" in rel and href not in self.page.me_links:
                self.page.me_links.append(href)
            if (
                tag == "link"
                and "alternate" in rel
                and a.get("type", "").lower() in _FEED_TYPES
                and href not in self.page.feeds
            ):
                self.page.feeds.append(href)
            if tag == "link" and "https://api.w.org/" in rel:
                self.page.wp_api = href
        elif tag == "script" and a.get("type", "").lower() == "application/ld+json":
            self._ld = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "script" and self._ld is not None:
            self._ld_blocks.append("".join(self._ld))
            self._ld = None

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.page.title += data
        elif self._ld is not None:
            self._ld.append(data)


def read_page(markup: str, page_url: str) -> PageMeta:
    """Parse a page; broken markup or JSON-LD is skipped, never fatal."""
    parser = _Parser(page_url)
    parser.feed(markup)
    parser.close()
    page = parser.page
    page.title = " ".join(page.title.split())
    for block in parser._ld_blocks:
        try:
            data = json.loads(block)
        except ValueError:
            continue
        page.people.extend(_people(data))
    return page


def _people(data: Any) -> list[dict[str, Any]]:
    """Every schema.org Person in a JSON-LD document, including inside @graph or as an author."""
    found: list[dict[str, Any]] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if "Person" in kinds:
                found.append(item)
            stack.extend(v for k, v in item.items() if k in ("@graph", "author", "mainEntity", "creator", "founder"))
    return found


def person_fields(person: dict[str, Any]) -> list[tuple[str, str]]:
    """Name/value pairs a JSON-LD Person states about its subject."""
    pairs: list[tuple[str, str]] = []
    for key, label in (("name", "Name"), ("jobTitle", "Job title"), ("email", "Email"), ("telephone", "Telephone")):
        if isinstance(person.get(key), str) and person[key].strip():
            pairs.append((label, person[key].strip()))
    works = person.get("worksFor")
    for org in works if isinstance(works, list) else [works]:
        name = org.get("name") if isinstance(org, dict) else org
        if isinstance(name, str) and name.strip():
            pairs.append(("Works for", name.strip()))
    address = person.get("address")
    if isinstance(address, dict):
        parts = [address.get(k) for k in ("streetAddress", "addressLocality", "addressRegion", "postalCode")]
        text = ", ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())
        if text:
            pairs.append(("Address", text))
    elif isinstance(address, str) and address.strip():
        pairs.append(("Address", address.strip()))
    return pairs


def same_as(person: dict[str, Any]) -> list[str]:
    value = person.get("sameAs")
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, str) and v.startswith(("http://", "https://"))]
