"""Rule files: keyword categories and patterns that checks read, kept as validated data.

A rule file (YAML) holds named categories of terms, each with the negative contexts that
cancel a match, and named regular-expression patterns. The built-in files live in
`checks/rules/`; a user adds their own with `--rules DIR`, and every file is merged into one
`RuleSet` whose phrase index is shared by all checks.
"""

from __future__ import annotations

import re
from typing import Literal
from functools import cached_property
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from footprint.errors import InputError
from footprint.text import PhraseIndex
from footprint.yamlfile import load_model


class NearRule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    window: int = Field(default=3, ge=1, le=20)
    words: list[str] = Field(min_length=1)


class Category(BaseModel):
    """A named list of terms, with the contexts that mean a match is not what it seems."""

    model_config = ConfigDict(extra="forbid")
    description: str = ""
    terms: list[str] = Field(default_factory=list)
    negative: list[str] = Field(default_factory=list, description="Phrases that cancel an overlapping match.")
    not_near: NearRule | None = Field(default=None, description="Words that cancel a match close by.")
    lookup: Literal["phrases", "words"] = Field(
        default="phrases", description="'words': a plain word list a check reads with terms(), not matched in texts."
    )


class Pattern(BaseModel):
    """A named regular expression (matched case-insensitively) with optional cancelling words."""

    model_config = ConfigDict(extra="forbid")
    description: str = ""
    regex: list[str] = Field(min_length=1)
    not_near: NearRule | None = None

    @field_validator("regex")
    @classmethod
    def _compiles(cls, values: list[str]) -> list[str]:
        for value in values:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"regex {value!r} does not compile: {exc}") from None
        return values


class RuleFile(BaseModel):
    """One rule file as written on disk."""

    model_config = ConfigDict(extra="forbid")
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
                merged.negative.extend(cat.negative)
                merged.not_near = cat.not_near or merged.not_near
            for name, pattern in file.patterns.items():
                if name in self.patterns:
                    self.patterns[name].regex.extend(pattern.regex)
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

    def search(self, name: str, text: str) -> list[re.Match[str]]:
        """Every match of pattern `name` in `text`, minus those with a cancelling word close by."""
        regex = self.compiled.get(name)
        if regex is None:
            return []
        found = list(regex.finditer(text))
        near = self.patterns[name].not_near
        if not found or near is None:
            return found
        words = {w.lower() for w in near.words}
        kept = []
        for m in found:
            before = _WORD.findall(text[: m.start()].lower())[-near.window :]
            after = _WORD.findall(text[m.end() :].lower())[: near.window]
            if not words.intersection(before) and not words.intersection(after):
                kept.append(m)
        return kept

    @cached_property
    def compiled(self) -> dict[str, re.Pattern[str]]:
        """Each pattern's alternatives compiled into one case-insensitive regex."""
        return {
            name: re.compile("|".join(f"(?:{r})" for r in p.regex), re.IGNORECASE) for name, p in self.patterns.items()
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


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def _has_word(term: str) -> bool:
    return bool(_WORD.search(term.rstrip("*")))


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
