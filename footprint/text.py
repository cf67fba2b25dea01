"""Fast text views for the checks: words, tokens with offsets, phrase lookup, excerpts.

(Turning HTML into text, for the sources and readers, is `footprint.markup`'s job.)

A post is tokenised once into a `TextView`; every check then asks the shared `PhraseIndex`
(built once from the rule files) for the categories it cares about. Matching is one pass of
dictionary look-ups over the tokens, so adding terms does not slow a scan down.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import compress
from typing import cast

#: A word: letters and digits (never `_`), with inner apostrophes ("don't", "Smith's"). The one definition
#: every part of footprint tokenises with (the phrase index, the rules, the checks' name variants).
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_CAMEL = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_CAMEL_TAG = re.compile(r"#\w*?(?:[a-z][A-Z]|[A-Z]{2}[a-z])")


class Match:
    """A term found in a text: what it was, which category, and where.

    Token positions are known at once; character offsets (`start`, `end`) are worked out from
    the text only when asked for, which most matches never are.
    """

    __slots__ = ("category", "term", "first_token", "last_token", "_view")

    def __init__(self, category: str, term: str, first_token: int, last_token: int, view: TextView) -> None:
        self.category = category
        self.term = term
        self.first_token = first_token
        self.last_token = last_token
        self._view = view

    @property
    def start(self) -> int:
        """Character offset of the first matched token."""
        return self._view.starts[self.first_token]

    @property
    def end(self) -> int:
        """Character offset just after the last matched token."""
        return self._view.ends[self.last_token]

    def __repr__(self) -> str:
        return f"Match({self.category!r}, {self.term!r}, tokens {self.first_token}-{self.last_token})"


class TextView:
    """A text split into lower-case tokens that remember their character offsets.

    Tokens are found with one C-level `findall` on the lower-cased text; the character
    offsets are computed only when a match needs them. `memo` lets checks share work
    derived from this one text (for example one analysis per post for every check).
    """

    __slots__ = ("text", "tokens", "_starts", "_ends", "_hits", "memo", "_lower", "_last")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None
        self._ends: list[int] | None = None
        self._hits: dict[int, dict[str, list[Match]]] = {}
        self._last: tuple[PhraseIndex | None, dict[str, list[Match]]] = (None, {})
        self.memo: dict[object, object] = {}
        self._lower = ""
        if "#" in text and _CAMEL_TAG.search(text):
            self._tokenise_slowly()
        else:
            self._lower = lower = text.lower()
            tokens = WORD.findall(lower)
            self.tokens = [t.replace("’", "'") for t in tokens] if "’" in text else tokens

    def _tokenise_slowly(self) -> None:
        tokens: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        text = self.text
        for m in WORD.finditer(text):
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
        self._starts = starts
        self._ends = ends

    @property
    def starts(self) -> list[int]:
        """Each token's first character offset in `text`."""
        if self._starts is None:
            self._offsets()
        return cast("list[int]", self._starts)  # NOTE: _offsets() always fills it

    @property
    def ends(self) -> list[int]:
        """Each token's end offset (exclusive) in `text`."""
        if self._ends is None:
            self._offsets()
        return cast("list[int]", self._ends)  # NOTE: _offsets() always fills it

    def _offsets(self) -> None:
        lower = self._lower
        if lower and len(lower) == len(self.text) and "’" not in lower:
            # Each token was found in this very string, in order: str.find walks to it.
            starts, ends, pos, find = [], [], 0, lower.find
            for token in self.tokens:
                pos = find(token, pos)
                starts.append(pos)
                pos += len(token)
                ends.append(pos)
            self._starts, self._ends = starts, ends
            return
        spans = [m.span() for m in WORD.finditer(self.text)]
        if len(spans) != len(self.tokens):  # lower-casing changed the tokens (rare scripts): redo it slowly
            self._tokenise_slowly()
            return
        self._starts = [a for a, _ in spans]
        self._ends = [b for _, b in spans]

    @property
    def has_digit(self) -> bool:
        """True when the text contains a digit (cheap gate for number patterns)."""
        found = self.memo.get("has_digit")
        if found is None:
            found = self.memo["has_digit"] = _DIGIT.search(self.text) is not None
        return cast(bool, found)

    @property
    def digit_count(self) -> int:
        """How many ASCII digits the text holds (a phone number needs nine or more)."""
        found = self.memo.get("digits")
        if found is None:
            found = self.memo["digits"] = sum(map(self.text.count, "0123456789")) if self.has_digit else 0
        return cast(int, found)

    def original(self, i: int) -> str:
        """Token i as written (with its capitals)."""
        return self.text[self.starts[i] : self.ends[i]]

    def capitalised(self, i: int) -> bool:
        """True when token i is written with a capital first letter."""
        return self.text[self.starts[i]].isupper()

    def after_hash(self, i: int) -> bool:
        """True when token i starts a hashtag."""
        start = self.starts[i]
        return start > 0 and self.text[start - 1] == "#"

    def matches(self, index: PhraseIndex, category: str) -> list[Match]:
        """Every match of `category` that no negative context cancels."""
        return self._hits_for(index).get(category, [])

    def has(self, index: PhraseIndex, category: str) -> bool:
        return bool(self.matches(index, category))

    def hits(self, index: PhraseIndex) -> dict[str, list[Match]]:
        """Every category's matches at once (computed on first use, then cached)."""
        last = self._last
        if last[0] is index:
            return last[1]
        found = self._hits_for(index)
        self._last = (index, found)
        return found

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


_Candidates = (
    tuple  # (one-word entries, {2nd word: two-word entries}, {2nd word: {3rd word: longer entries}}, two-word stems)
)
_NOTHING: tuple = ()  # falsy, so compress() skips words that start no term


class _Memo(dict[str, _Candidates]):
    """Candidates per word, computed on first sight (bounded, so hostile input cannot grow it forever)."""

    def __init__(self, index: PhraseIndex) -> None:
        super().__init__()
        self.index = index

    def __missing__(self, token: str) -> _Candidates:
        result = self.index._candidates(token)
        if len(self) < 200_000:
            self[token] = result
        return result


_DIGIT = re.compile(r"\d")


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
    _memo: _Memo = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._memo = _Memo(self)

    def add(self, category: str, term: str, *, negative: bool = False) -> None:
        """Index one term (or negative phrase) under a category."""
        raw = term.strip()
        prefix = raw.endswith("*")
        tokens = tuple(t.lower().replace("’", "'") for t in WORD.findall(raw.rstrip("*")))
        if not tokens:
            raise ValueError(f"term {term!r} in {category} has no words")
        entry = _Entry(tokens, prefix, category, negative, raw)
        self._memo.clear()
        if prefix and len(tokens) == 1:
            self.by_stem[tokens[0]].append(entry)
            self.stem_lengths.add(len(tokens[0]))
        else:
            self.by_first[tokens[0]].append(entry)

    def _candidates(self, token: str) -> _Candidates:
        """The entries that may start at `token`, split for speed, remembered per token.

        One-word entries (and one-word stems) match at once; longer entries are filed under
        their second and third words ("on the" starts many phrases, "on the rota" few), so that
        most are never tried at all. A three-word entry whose last word is a stem is filed
        under its second word alone (third word None).
        """
        singles: list[_Entry] = []
        twos: dict[str, list[_Entry]] = {}
        longer: dict[str, dict[str | None, list[_Entry]]] = {}
        slow: list[_Entry] = []
        for entry in self.by_first.get(token, ()):
            size = len(entry.tokens)
            if size == 1 and not entry.prefix:
                singles.append(entry)
            elif size == 2 and entry.prefix:
                slow.append(entry)
            elif size == 2:
                twos.setdefault(entry.tokens[1], []).append(entry)
            else:
                third = None if (size == 3 and entry.prefix) else entry.tokens[2]
                longer.setdefault(entry.tokens[1], {}).setdefault(third, []).append(entry)
        for length in self.stem_lengths:
            if len(token) >= length:
                singles.extend(self.by_stem.get(token[:length], ()))
        if not (singles or twos or longer or slow):
            return _NOTHING
        return (
            tuple(singles),
            {k: tuple(v) for k, v in twos.items()},
            {k: {t: tuple(v) for t, v in by_third.items()} for k, by_third in longer.items()},
            tuple(slow),
        )

    def categories(self) -> set[str]:
        """Every category with at least one positive term."""
        return {
            e.category
            for entries in (*self.by_first.values(), *self.by_stem.values())
            for e in entries
            if not e.negative
        }

    def cancel_near(self, category: str, words: list[str], window: int) -> None:
        """Cancel matches of `category` when one of `words` is within `window` tokens."""
        self.near[category] = (frozenset(w.lower() for w in words), window)

    def scan(self, view: TextView) -> dict[str, list[Match]]:
        """Find every category's matches in one pass, then drop those a negative cancels."""
        tokens = view.tokens
        positives: dict[str, list[Match]] = defaultdict(list)
        negatives: dict[str, list[tuple[int, int]]] = defaultdict(list)
        memo = self._memo
        n = len(tokens)
        found: list[tuple[_Entry, int, int]] = []
        append = found.append
        candidates = list(map(memo.__getitem__, tokens))  # unseen words are filed by _Memo.__missing__
        last = n - 1
        for i in compress(range(n), candidates):
            singles, twos, longer, slow = candidates[i]
            for entry in singles:
                append((entry, i, i))
            if i < last:
                if twos:
                    for entry in twos.get(tokens[i + 1], ()):
                        append((entry, i, i + 1))
                if longer:
                    by_third = longer.get(tokens[i + 1])
                    if by_third:
                        for third in (tokens[i + 2], None) if i + 2 < n else (None,):
                            for entry in by_third.get(third, ()):
                                j = _match_at(tokens, i, n, entry)
                                if j >= 0:
                                    append((entry, i, j))
            for entry in slow:
                j = _match_at(tokens, i, n, entry)
                if j >= 0:
                    append((entry, i, j))
        if not found:
            return {}
        for entry, i, j in found:
            if entry.negative:
                negatives[entry.category].append((i, j))
            else:
                positives[entry.category].append(Match(entry.category, entry.term, i, j, view))
        result = dict(positives)
        for category, spans in negatives.items():
            matches = result.get(category)
            if matches:
                covered = {i for a, b in spans for i in range(a, b + 1)}  # linear, whatever the input
                kept = [m for m in matches if covered.isdisjoint(range(m.first_token, m.last_token + 1))]
                if kept:
                    result[category] = kept
                else:
                    del result[category]
        for category, (words, window) in self.near.items():
            matches = result.get(category)
            if matches:
                kept = [m for m in matches if not view.token_near(m, words, window)]
                if kept:
                    result[category] = kept
                else:
                    del result[category]
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


def words(text: str) -> list[str]:
    """The words of a text, as `WORD` finds them."""
    return WORD.findall(text)


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
