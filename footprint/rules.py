"""Rule files: keyword categories and patterns that checks read, kept as validated data.

A rule file (YAML) holds named categories of terms, each with the negative contexts that
cancel a match, and named regular-expression patterns. The built-in files live in
`checks/rules/`; a user adds their own with `--rules DIR`, and every file is merged into one
`RuleSet` whose phrase index is shared by all checks.
"""

from __future__ import annotations

import re
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Literal, cast

from pydantic import Field, field_validator

from footprint.errors import InputError
from footprint.models import Verbatim
from footprint.text import WORD, PhraseIndex, TextView
from footprint.yamlfile import load_model


class NearRule(Verbatim):
    window: int = Field(default=3, ge=1, le=20)
    words: list[str] = Field(min_length=1)


class Lexicon(Verbatim):
    """Terms read from a word list that an installed package ships as data (a rated sentiment lexicon).

    Each line of the file is `word<TAB>rating…`; the words rated at or below `at_most` join the
    category, except those in `exclude` (a trailing `*` excludes every word that starts so).
    """

    package: str = Field(description="The importable package that ships the file, e.g. vaderSentiment.")
    file: str = Field(description="The file's name inside that package.")
    at_most: float = Field(description="Keep words rated at or below this (negative: the most negative words).")
    exclude: list[str] = Field(default_factory=list, description="Words (or stems ending in *) left out.")


class Category(Verbatim):
    """A named list of terms, with the contexts that mean a match is not what it seems."""

    description: str = ""
    terms: list[str] = Field(default_factory=list)
    lexicon: Lexicon | None = Field(default=None, description="More terms read once from a packaged word list.")
    negative: list[str] = Field(default_factory=list, description="Phrases that cancel an overlapping match.")
    not_near: NearRule | None = Field(default=None, description="Words that cancel a match close by.")
    lookup: Literal["phrases", "words"] = Field(
        default="phrases", description="'words': a plain word list a check reads with terms(), not matched in texts."
    )

    @field_validator("terms", "negative")
    @classmethod
    def _has_words(cls, values: list[str]) -> list[str]:
        for value in values:
            if not _has_word(value):
                raise ValueError(f"term {value!r} has no letters or digits to match")
        return values


class Pattern(Verbatim):
    """A named regular expression (matched case-insensitively) with optional cancelling words."""

    description: str = ""
    regex: list[str] = Field(min_length=1)
    not_near: NearRule | None = None
    case_sensitive: bool = Field(default=False, description="Match capitals exactly (faster, and needed for names).")
    needs_digit: bool = Field(default=False, description="Only try texts that contain a digit.")
    min_digits: int = Field(default=0, ge=0, description="Only try texts with at least this many digits.")
    needs_text: list[str] = Field(default_factory=list, description="Only try texts containing one of these strings.")
    needs_words: list[str] = Field(default_factory=list, description="Only try texts containing one of these words.")

    @field_validator("regex")
    @classmethod
    def _compiles(cls, values: list[str]) -> list[str]:
        for value in values:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"regex {value!r} does not compile: {exc}") from None
        return values


class RuleFile(Verbatim):
    """One rule file as written on disk."""

    version: int = Field(default=1, ge=1, le=1)
    categories: dict[str, Category] = Field(default_factory=dict)
    patterns: dict[str, Pattern] = Field(default_factory=dict)


class RuleSet:
    """Every loaded rule file merged: one phrase index and one compiled regex per pattern."""

    def __init__(self, files: list[RuleFile]) -> None:
        self.categories: dict[str, Category] = {}
        self.patterns: dict[str, Pattern] = {}
        for file in files:
            for name, cat in file.categories.items():
                merged = self.categories.setdefault(name, Category(description=cat.description, lookup=cat.lookup))
                merged.terms.extend(cat.terms)
                if cat.lexicon is not None:
                    merged.terms.extend(lexicon_terms(cat.lexicon))
                merged.negative.extend(cat.negative)
                merged.not_near = cat.not_near or merged.not_near
            for name, pattern in file.patterns.items():
                if name in self.patterns:
                    kept = self.patterns[name]
                    kept.regex.extend(pattern.regex)
                    # A pattern extended by another file is only gated when both files gate it.
                    kept.needs_digit = kept.needs_digit and pattern.needs_digit
                    kept.min_digits = min(kept.min_digits, pattern.min_digits)
                    kept.needs_text = (
                        kept.needs_text + pattern.needs_text if kept.needs_text and pattern.needs_text else []
                    )
                    kept.needs_words = (
                        kept.needs_words + pattern.needs_words if kept.needs_words and pattern.needs_words else []
                    )
                else:
                    self.patterns[name] = pattern.model_copy(deep=True)

    @cached_property
    def index(self) -> PhraseIndex:
        """The shared phrase index over every category."""
        return self.build_index()

    def build_index(self, extra: dict[str, list[str]] | None = None) -> PhraseIndex:
        """A new phrase index over every category plus `extra` terms (a profile's names and places).

        Checks build one such index per audit so that a post is still scanned only once for
        the rule files' words and the user's own words together.
        """
        index = PhraseIndex()
        for name, cat in self.categories.items():
            if cat.lookup == "words":
                continue
            for term in cat.terms:
                index.add(name, term)
            for term in cat.negative:
                index.add(name, term, negative=True)
            if cat.not_near:
                index.cancel_near(name, cat.not_near.words, cat.not_near.window)
        for name, terms in (extra or {}).items():
            for term in terms:
                if _has_word(term):
                    index.add(name, term)
        return index

    def search(self, name: str, text: str, view: TextView | None = None) -> list[re.Match[str]]:
        """Every match of pattern `name` in `text`, minus those with a cancelling word close by.

        A pattern's `needs_*` gates skip texts that cannot match, which keeps scans fast; pass
        the text's `view` so the gates can use its tokens.
        """
        if view is not None and view.text is text:
            gate = self._gates.get(name)
            if gate is None:
                return []
            # NOTE: most calls fail a cheap gate; answer those before building a memo key (a hot path: about
            # twenty patterns are asked of every post about work)
            needs_digit, needs_words = gate[1], gate[3]
            if (needs_digit and view.digit_count < needs_digit) or (
                needs_words is not None and needs_words.isdisjoint(view.tokens)
            ):
                return []
        if view is not None:
            key = ("pattern", name)
            cached = view.memo.get(key)
            if cached is None or view.text is not text:
                cached = self._search(name, text, view)
                if view.text is text:
                    view.memo[key] = cached
            return cast("list[re.Match[str]]", cached)  # NOTE: only this method writes ("pattern", name)
        return self._search(name, text, None)

    def _search(self, name: str, text: str, view: TextView | None) -> list[re.Match[str]]:
        gate = self._gates.get(name)
        if gate is None:
            return []
        regex, needs_digit, needs_text, needs_words, near = gate
        if needs_digit:
            count = view.digit_count if view is not None else len(_DIGIT.findall(text))
            if count < needs_digit:
                return []
        if needs_text is not None and needs_text.search(text) is None:
            return []
        if needs_words is not None and needs_words.isdisjoint(
            view.tokens if view is not None else WORD.findall(text.lower())
        ):
            return []
        found = list(regex.finditer(text))
        if not found or near is None:
            return found
        words = {w.lower() for w in near.words}
        kept = []
        for m in found:
            before = WORD.findall(text[: m.start()].lower())[-near.window :]
            after = WORD.findall(text[m.end() :].lower())[: near.window]
            if not words.intersection(before) and not words.intersection(after):
                kept.append(m)
        return kept

    @cached_property
    def _gates(self) -> dict[str, tuple]:
        """Per pattern: the compiled regex and its precompiled gates."""
        gates = {}
        for name, p in self.patterns.items():
            text_gate = re.compile("|".join(re.escape(t) for t in p.needs_text)) if p.needs_text else None
            word_gate = frozenset(w.lower() for w in p.needs_words) if p.needs_words else None
            digits = max(p.min_digits, 1 if p.needs_digit else 0)
            gates[name] = (self.compiled[name], digits, text_gate, word_gate, p.not_near)
        return gates

    @cached_property
    def compiled(self) -> dict[str, re.Pattern[str]]:
        """Each pattern's alternatives compiled into one case-insensitive regex."""
        return {
            name: re.compile("|".join(f"(?:{r})" for r in p.regex), 0 if p.case_sensitive else re.IGNORECASE)
            for name, p in self.patterns.items()
        }

    def terms(self, category: str) -> list[str]:
        """The terms of a category (empty when no file defines it)."""
        cat = self.categories.get(category)
        return list(cat.terms) if cat else []

    def extend(self, category: str, terms: list[str]) -> None:
        """Add terms to a category before the index is built (profile-specific words)."""
        if "index" in self.__dict__:
            raise RuntimeError("extend() after the index was built")
        self.categories.setdefault(category, Category()).terms.extend(t for t in terms if t.strip())


_DIGIT = re.compile(r"\d")


def _has_word(term: str) -> bool:
    return bool(WORD.search(term.rstrip("*")))


_LEXICONS: dict[tuple, tuple[str, ...]] = {}


def lexicon_terms(source: Lexicon) -> tuple[str, ...]:
    """The words of a packaged lexicon rated at or below `source.at_most`, read once per process."""
    key = (source.package, source.file, source.at_most, tuple(source.exclude))
    found = _LEXICONS.get(key)
    if found is not None:
        return found
    try:
        raw = (resources.files(source.package) / source.file).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError) as exc:
        raise InputError(f"rule lexicon {source.package}/{source.file}: cannot be read ({exc})") from None
    exact = {w for w in source.exclude if not w.endswith("*")}
    stems = tuple(w[:-1] for w in source.exclude if w.endswith("*"))
    words = []
    for line in raw.splitlines():
        word, _, rest = line.partition("\t")
        rating = rest.partition("\t")[0]
        try:
            value = float(rating)
        except ValueError:
            continue
        if value <= source.at_most and WORD.fullmatch(word) and word not in exact and not word.startswith(stems):
            words.append(word)
    found = _LEXICONS[key] = tuple(words)
    return found


def builtin_rule_paths() -> list[Path]:
    """The rule files shipped in the `checks` package."""
    folder = resources.files("checks") / "rules"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith((".yaml", ".yml")))


def load_rules(extra_dirs: list[Path] | None = None) -> RuleSet:
    """Load the built-in rules plus every *.yaml in each extra folder, validating each file."""
    paths = builtin_rule_paths()
    for folder in extra_dirs or []:
        if not folder.is_dir():
            raise InputError(f"{folder}: --rules expects a folder of rule files")
        found = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
        if not found:
            raise InputError(f"{folder}: no .yaml rule files in this folder")
        paths.extend(found)
    return RuleSet([load_model(path, RuleFile)[0] for path in paths])
