"""Masked and leetspeak spellings read back into words: "f**k" → "fuck", "b*****d" → "bastard", "sh1t" → "shit".

People hide abuse from filters by starring out letters or swapping them for digits and symbols; a reader
still sees the word, and so should the checks. Each masked word is replaced by the first word of the
same length from the `conduct.profanity` word list whose visible letters agree, so the text keeps its
length and every character offset (an excerpt drawn from the original text still points at the word).
A run of stars alone stands for a swear word before "off", "you" or "up" ("just **** off") and for an
insult elsewhere ("he's a complete *******"): the first word of that length in the matching list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# A word with at least one masking star (or a leet symbol) between letters, or a bare run of stars.
_MASKED = re.compile(r"(?<![\w*])(?:[a-z@$][a-z0-9@$!*]*\*[a-z0-9@$!*]*|\*{3,}[a-z]*)(?![\w*])", re.IGNORECASE)
_LEET = re.compile(
    r"(?<![\w@$])[a-z]+[0-9@$!][a-z0-9@$!]*[a-z](?![\w@$])|(?<![\w@$])[a-z]*[@$][a-z]+(?![\w@$])", re.IGNORECASE
)
_LEET_MAP = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"})
_VERB_NEXT = frozenset(
    {
        "off",
        "you",
        "u",
        "ya",
        "yourself",
        "urself",
        "sake",
        "up",
        "me",
        "it",
        "this",
        "that",
        "knows",
        "all",
        "everything",
        "them",
        "him",
        "her",
        "ing",
        "ed",
        "in",
    }
)
_NEXT_WORD = re.compile(r"\W*(\w+)")
_GATE = re.compile(r"\w\*|\*\w|\*{3}|[a-z][013457@$!][a-z]", re.IGNORECASE)


class Unmasker:
    """Reads masked words back from one ordered word list."""

    def __init__(self, words: Sequence[str], nouns: Sequence[str] = ()) -> None:
        self.words = [w.lower() for w in words if w.isalpha()]
        self._by_length: dict[int, list[str]] = {}
        for word in self.words:
            self._by_length.setdefault(len(word), []).append(word)
        self._nouns: dict[int, list[str]] = {}
        for word in (w.lower() for w in nouns if w.isalpha()):
            self._nouns.setdefault(len(word), []).append(word)

    def word_for(self, masked: str, *, noun: bool = False) -> str | None:
        """The list's word this masked spelling stands for, or None (`noun`: a run of stars naming a person)."""
        plain = masked.lower().translate(_LEET_MAP)
        if noun and plain.strip("*") == "":
            nouns = self._nouns.get(len(plain))
            if nouns:
                return nouns[0]
        for word in self._by_length.get(len(plain), ()):
            if all(c == "*" or c == w for c, w in zip(plain, word, strict=False)):
                return word
        return None

    def unmask(self, text: str) -> str:
        """`text` with each masked word spelt out (same length), or `text` itself when nothing is masked."""
        if not text or _GATE.search(text) is None:
            return text
        out = text
        for regex in (_MASKED, _LEET):
            for m in regex.finditer(out):
                raw = m.group()
                if raw.isalpha() or raw.strip("*") == "" and not 4 <= len(raw) <= 8:
                    continue
                after = _NEXT_WORD.match(out, m.end())
                noun = after is None or after.group(1).lower() not in _VERB_NEXT
                word = self.word_for(raw, noun=noun)
                if word is not None and (word != raw.lower()):
                    if raw[0].isupper():
                        word = word.capitalize()
                    out = out[: m.start()] + word + out[m.end() :]
        return out
