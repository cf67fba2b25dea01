"""Fast text views for the checks: tokens with offsets, phrase lookup, excerpts.

A post is tokenised once into a `TextView`; every check then asks the shared `PhraseIndex`
(built once from the rule files) for the categories it cares about. Matching is one pass of
dictionary look-ups over the tokens, so adding terms does not slow a scan down.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_CAMEL = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


@dataclass(frozen=True, slots=True)
class Match:
    """A term found in a text: what it was, which category, and where (character offsets)."""

    category: str
    term: str
    start: int
    end: int
    first_token: int
    last_token: int


class TextView:
    """A text split into lower-case tokens that remember their character offsets."""

    __slots__ = ("text", "tokens", "starts", "ends", "_hits")

    def __init__(self, text: str) -> None:
        self.text = text
        tokens: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        for m in _TOKEN.finditer(text):
            start, word = m.start(), m.group()
            if start and text[start - 1] == "#" and not word.islower() and not word.isupper():
                # NOTE: #SocialWorkLife is read as "social work life" so phrases match inside hashtags.
                for part in _CAMEL.finditer(word):
                    tokens.append(part.group().lower())
                    starts.append(start + part.start())
                    ends.append(start + part.end())
                continue
            tokens.append(word.lower().replace("’", "'"))
            starts.append(start)
            ends.append(m.end())
        self.tokens = tokens
        self.starts = starts
        self.ends = ends
        self._hits: dict[int, dict[str, list[Match]]] = {}

    def matches(self, index: PhraseIndex, category: str) -> list[Match]:
        """Every match of `category` that no negative context cancels."""
        return self._hits_for(index).get(category, [])

    def has(self, index: PhraseIndex, category: str) -> bool:
        return bool(self.matches(index, category))

    def _hits_for(self, index: PhraseIndex) -> dict[str, list[Match]]:
        key = id(index)
        hits = self._hits.get(key)
        if hits is None:
            hits = index.scan(self)
            self._hits[key] = hits
        return hits

    def token_near(self, match: Match, words: frozenset[str], window: int) -> bool:
        """True when one of `words` stands within `window` tokens of the match."""
        lo = max(0, match.first_token - window)
        hi = min(len(self.tokens), match.last_token + window + 1)
        return any(self.tokens[i] in words for i in range(lo, hi) if not match.first_token <= i <= match.last_token)


@dataclass
class _Entry:
    tokens: tuple[str, ...]
    prefix: bool
    category: str
    negative: bool
    term: str


@dataclass
class PhraseIndex:
    """All terms of all categories, indexed by their first token for one-pass matching.

    A term is a phrase of words; a trailing `*` makes its last word a prefix ("drunk*").
    Negative phrases cancel any positive match of the same category that they overlap
    ("tennis court" cancels "court"); `near` words cancel a match within a token window.
    """

    by_first: dict[str, list[_Entry]] = field(default_factory=lambda: defaultdict(list))
    by_stem: dict[str, list[_Entry]] = field(default_factory=lambda: defaultdict(list))
    stem_lengths: set[int] = field(default_factory=set)
    near: dict[str, tuple[frozenset[str], int]] = field(default_factory=dict)

    def add(self, category: str, term: str, *, negative: bool = False) -> None:
        """Index one term (or negative phrase) under a category."""
        raw = term.strip()
        prefix = raw.endswith("*")
        tokens = tuple(t.lower().replace("’", "'") for t in _TOKEN.findall(raw.rstrip("*")))
        if not tokens:
            raise ValueError(f"term {term!r} in {category} has no words")
        entry = _Entry(tokens, prefix, category, negative, raw)
        if prefix and len(tokens) == 1:
            self.by_stem[tokens[0]].append(entry)
            self.stem_lengths.add(len(tokens[0]))
        else:
            self.by_first[tokens[0]].append(entry)

    def cancel_near(self, category: str, words: list[str], window: int) -> None:
        """Cancel matches of `category` when one of `words` is within `window` tokens."""
        self.near[category] = (frozenset(w.lower() for w in words), window)

    def scan(self, view: TextView) -> dict[str, list[Match]]:
        """Find every category's matches in one pass, then drop those a negative cancels."""
        tokens = view.tokens
        positives: dict[str, list[Match]] = defaultdict(list)
        negatives: dict[str, list[tuple[int, int]]] = defaultdict(list)
        by_first, by_stem, lengths = self.by_first, self.by_stem, self.stem_lengths
        n = len(tokens)
        for i, token in enumerate(tokens):
            candidates = by_first.get(token)
            if lengths:
                for length in lengths:
                    if len(token) >= length:
                        stemmed = by_stem.get(token[:length])
                        if stemmed:
                            candidates = [*(candidates or ()), *stemmed]
            if not candidates:
                continue
            for entry in candidates:
                j = _match_at(tokens, i, n, entry)
                if j < 0:
                    continue
                if entry.negative:
                    negatives[entry.category].append((i, j))
                else:
                    positives[entry.category].append(
                        Match(entry.category, entry.term, view.starts[i], view.ends[j], i, j)
                    )
        if not positives:
            return {}
        result: dict[str, list[Match]] = {}
        for category, found in positives.items():
            cancel = negatives.get(category, ())
            near = self.near.get(category)
            kept = [
                m
                for m in found
                if not any(a <= m.last_token and m.first_token <= b for a, b in cancel)
                and not (near and view.token_near(m, near[0], near[1]))
            ]
            if kept:
                result[category] = kept
        return result


def _match_at(tokens: list[str], i: int, n: int, entry: _Entry) -> int:
    """The index of the last token if `entry` matches at position i, else -1."""
    want = entry.tokens
    last = len(want) - 1
    if i + last >= n:
        return -1
    for k, word in enumerate(want):
        got = tokens[i + k]
        if k == last and entry.prefix:
            if not got.startswith(word):
                return -1
        elif got != word:
            return -1
    return i + last


def excerpt_around(text: str, start: int, end: int, width: int = 80) -> tuple[str, int, int]:
    """A window of about `width` characters either side of a span, with the span's new offsets."""
    lo = max(0, start - width)
    hi = min(len(text), end + width)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space != -1 else hi
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(text) else ""
    snippet = prefix + text[lo:hi].replace("\n", " ") + suffix
    offset = len(prefix) - lo
    return snippet, start + offset, end + offset


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
