"""Guidance catalogues: the regulators' clauses as validated data, and which checks map to them.

Each framework is one YAML file beside this module (`sssc.yaml`, `swe.yaml`, …). A clause
whose number was not verified against the official text is cited by document, edition and
theme only: the loader refuses a catalogue that would print an unverified number.

How to fix a finding on a given platform (lock the account, stop search indexing, edit a
profile field, delete a post, remove a follower, keep a separate professional account) does
not depend on the regulator, so it lives once in `_advice.yaml` and every catalogue
shares it; a catalogue adds only its framework's own advice lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path

from pydantic import Field, ValidationInfo, field_validator, model_validator

from footprint.errors import InputError
from footprint.models import GuidanceRef, Strict
from footprint.plugins import CHECK_ID
from footprint.yamlfile import load_model, located_error

# The fixed vocabulary of guidance principles. Every clause's theme is one of these, so reports
# can group findings by principle the same way under every framework. Order = display order.
THEMES: tuple[str, ...] = (
    "confidentiality",
    "professional boundaries",
    "conduct in and outside work",
    "public trust in the profession",
    "dignity and respect",
    "honesty and trust",
    "privacy settings",
    "identity disclosure",
    "protecting yourself",
    "employer policy",
    "seeking advice",
)

# Platforms that get their own how-to advice; anything else falls back to 'default'.
PLATFORMS: tuple[str, ...] = (
    "mastodon",
    "bluesky",
    "github",
    "reddit",
    "blog",
    "youtube",
    "x",
    "facebook",
    "instagram",
    "linkedin",
    "tiktok",
    "threads",
)

# What a user can do on a platform; each check's advice names the actions that fix it.
ACTIONS: tuple[str, ...] = ("lock", "noindex", "profile", "post", "follower", "separate")


class Document(Strict):
    """A regulator's document in one edition: what a citation names."""

    title: str = Field(min_length=3)
    edition: str = Field(min_length=4, description="The edition or year cited, e.g. '2024'.")
    url: str = Field(pattern=r"^https?://", description="Where the document (or the page quoting it) was read.")
    platforms: list[str] = Field(
        default_factory=list,
        description="Set when the document is about particular platforms (a Facebook guide): cited only for those.",
    )

    @field_validator("platforms")
    @classmethod
    def _known_platforms(cls, value: list[str]) -> list[str]:
        unknown = [p for p in value if p not in PLATFORMS]
        if unknown:
            raise ValueError(f"unknown platform {unknown[0]!r} (known: {', '.join(PLATFORMS)})")
        return value


class Clause(Strict):
    """One clause or guidance point, paraphrased in footprint's own words."""

    id: str = Field(min_length=3)
    document: str
    number: str | None = Field(default=None, description="The official number; only when verified.")
    verified: bool = False
    theme: str
    summary: str = Field(min_length=10)
    supersedes: str | None = Field(
        default=None,
        description="The id of an older edition's clause that says the same: cited once, in this clause's line.",
    )

    @field_validator("theme")
    @classmethod
    def _known_theme(cls, value: str) -> str:
        if value not in THEMES:
            raise ValueError(f"unknown theme {value!r} (known: {', '.join(THEMES)})")
        return value

    @model_validator(mode="after")
    def _no_unverified_numbers(self) -> Clause:
        if self.number and not self.verified:
            raise ValueError(f"clause {self.id} has a number but is not verified: cite it by theme instead")
        return self


class Catalogue(Strict):
    """A framework's documents, clauses, check mappings and its own advice lines."""

    framework: str = Field(pattern=r"^[a-z]+$")
    title: str
    edition: str = Field(description="The edition of the primary document this catalogue cites.")
    primary: str = Field(description="Key of the primary document (the framework's main code or standards).")
    notes: list[str] = Field(default_factory=list, description="Caveats about editions and unverified numbers.")
    documents: dict[str, Document]
    clauses: list[Clause]
    mappings: dict[str, list[str]] = Field(description="check id → clause ids, primary first")
    kinds: dict[str, dict[str, list[str]]] = Field(
        default_factory=dict,
        description="check id → finding kind → clause ids, the one naming what the post did first; "
        "a kind not listed falls back to the check's mapping",
    )
    advice: dict[str, dict[str, list[str]]] = Field(
        default_factory=dict, description="check id → platform (or 'default') → this framework's advice lines"
    )

    @model_validator(mode="after")
    def _references_resolve(self, info: ValidationInfo) -> Catalogue:
        # The loader checks these itself so it can point at the exact line; built in code, check here.
        if not (info.context or {}).get("loader"):
            found = self.problems()
            if found:
                raise ValueError(found[0][1])
        return self

    def problems(self) -> list[tuple[tuple[str | int, ...], str]]:
        """Cross-references that do not resolve, each with the path of the YAML node at fault."""
        out: list[tuple[tuple[str | int, ...], str]] = []
        if self.primary not in self.documents:
            out.append((("primary",), f"primary document {self.primary!r} is not among the documents"))
        elif self.documents[self.primary].edition != self.edition:
            out.append(
                (
                    ("edition",),
                    f"edition {self.edition!r} differs from the primary document's edition "
                    f"{self.documents[self.primary].edition!r}",
                )
            )
        seen: set[str] = set()
        for index, clause in enumerate(self.clauses):
            if clause.id in seen:
                out.append((("clauses", index, "id"), f"clause id {clause.id!r} appears twice"))
            seen.add(clause.id)
            if clause.document not in self.documents:
                out.append(
                    (("clauses", index, "document"), f"clause {clause.id} names unknown document {clause.document!r}")
                )
        for check, clause_ids in self.mappings.items():
            if not CHECK_ID.match(check):
                out.append((("mappings", check), f"mapping key {check!r} is not a check id like 'identity.role'"))
            if not clause_ids:
                out.append((("mappings", check), f"mapping for {check} lists no clauses"))
            if len(set(clause_ids)) != len(clause_ids):
                out.append((("mappings", check), f"mapping for {check} lists a clause twice"))
            for index, cid in enumerate(clause_ids):
                if cid not in seen:
                    out.append((("mappings", check, index), f"mapping for {check} names unknown clause {cid!r}"))
        vocabulary = finding_kinds()
        for check, table in self.kinds.items():
            if check not in self.mappings:
                out.append((("kinds", check), f"kinds for {check} but no mapping for it"))
            for kind, clause_ids in table.items():
                if kind not in vocabulary.get(check, {}):
                    known = ", ".join(vocabulary.get(check, {})) or "none"
                    out.append((("kinds", check, kind), f"{check} has no kind {kind!r} (known: {known})"))
                if not clause_ids:
                    out.append((("kinds", check, kind), f"kind {kind} of {check} lists no clauses"))
                if len(set(clause_ids)) != len(clause_ids):
                    out.append((("kinds", check, kind), f"kind {kind} of {check} lists a clause twice"))
                for index, cid in enumerate(clause_ids):
                    if cid not in seen:
                        out.append(
                            (("kinds", check, kind, index), f"kind {kind} of {check} names unknown clause {cid!r}")
                        )
        for index, clause in enumerate(self.clauses):
            if clause.supersedes is not None and clause.supersedes not in seen:
                out.append(
                    (
                        ("clauses", index, "supersedes"),
                        f"clause {clause.id} supersedes unknown clause {clause.supersedes!r}",
                    )
                )
        for check, table in self.advice.items():
            if check not in self.mappings:
                out.append((("advice", check), f"advice for {check} but no mapping for it"))
            for platform in table:
                if platform != "default" and platform not in PLATFORMS:
                    out.append((("advice", check, platform), f"advice for {check} names unknown platform {platform!r}"))
        used = {cid for ids in self.mappings.values() for cid in ids}
        used |= {cid for table in self.kinds.values() for ids in table.values() for cid in ids}
        used |= {clause.supersedes for clause in self.clauses if clause.supersedes}
        for index, clause in enumerate(self.clauses):
            if clause.id not in used:
                out.append((("clauses", index, "id"), f"no check maps to clause {clause.id}"))
        return out

    def clause(self, clause_id: str) -> Clause:
        """The clause with this id (KeyError when there is none)."""
        for clause in self.clauses:
            if clause.id == clause_id:
                return clause
        raise KeyError(clause_id)

    def ref(self, clause: Clause) -> GuidanceRef:
        """How a report carries a clause: the number only where it was verified, with the older edition's
        number in the same line when this clause supersedes one."""
        doc = self.documents[clause.document]
        older = self.clause(clause.supersedes) if clause.supersedes else None
        return GuidanceRef(
            framework=self.framework,
            clause=clause.number if clause.verified else None,
            document=doc.title,
            edition=doc.edition,
            theme=clause.theme,
            summary=clause.summary,
            url=doc.url,
            formerly=self._short_citation(older) if older else None,
        )

    def _short_citation(self, clause: Clause) -> str:
        edition = self.documents[clause.document].edition
        year = re.search(r"\d{4}", edition)
        label = f"{year.group(0) if year else edition} edition"
        return f"{label}, {clause.number}" if clause.verified else label

    def clause_ids_for(self, check_id: str, kind: str | None = None, platform: str | None = None) -> list[str]:
        """The clause ids a finding cites, best fit first: the kind's mapping (else the check's), each older
        edition's clause folded into the clause that supersedes it, platform guides only for their platform."""
        ids = self.kinds.get(check_id, {}).get(kind or "", []) or self.mappings.get(check_id, [])
        newer = {c.supersedes: c.id for c in self.clauses if c.supersedes}
        out: list[str] = []
        for cid in ids:
            while cid in newer:
                cid = newer[cid]
            platforms = self.documents[self.clause(cid).document].platforms
            if cid not in out and (not platforms or platform in platforms):
                out.append(cid)
        return out

    def refs_for(self, check_id: str, kind: str | None = None, platform: str | None = None) -> list[GuidanceRef]:
        """The clauses a finding bears on, best fit first (see `clause_ids_for`)."""
        return [self.ref(self.clause(cid)) for cid in self.clause_ids_for(check_id, kind, platform)]

    def advice_for(self, check_id: str, platform: str, kind: str | None = None, first: Sequence[str] = ()) -> list[str]:
        """What to do: the kind's first steps, then `first` (the check's own lines), this framework's lines, how to
        do it on that platform and general advice — near-duplicates merged, the earlier line kept."""
        table = self.advice.get(check_id, {})
        shared = platform_advice()
        return merge_advice(
            [
                *shared.for_kind(check_id, kind),
                *first,
                *table.get(platform, []),
                *shared.how_to(check_id, platform),
                *shared.general(check_id),
                *table.get("default", []),
            ]
        )

    def checks_for(self, clause_id: str) -> list[str]:
        """The check ids mapped to a clause."""
        return sorted(check for check, ids in self.mappings.items() if clause_id in ids)

    def missing(self, check_ids: list[str] | set[str] | tuple[str, ...]) -> list[str]:
        """The given check ids this catalogue has no mapping for."""
        return sorted(set(check_ids) - set(self.mappings))


# --------------------------------------------------------------------------- shared platform advice


class PlatformHowTo(Strict):
    """How to take each action on one platform, in a sentence or two each."""

    title: str
    lock: str
    noindex: str
    profile: str
    post: str
    follower: str
    separate: str


class CheckAdvice(Strict):
    """For one check: which platform actions fix it, and advice that holds everywhere."""

    actions: list[str] = Field(default_factory=list)
    general: list[str] = Field(min_length=1)
    kinds: dict[str, list[str]] = Field(default_factory=dict, description="finding kind → its first steps")

    @field_validator("actions")
    @classmethod
    def _known_actions(cls, value: list[str]) -> list[str]:
        for action in value:
            if action not in ACTIONS:
                raise ValueError(f"unknown action {action!r} (known: {', '.join(ACTIONS)})")
        return value


class PlatformAdvice(Strict):
    """The shared advice file: how-to per platform and action, and each check's actions."""

    platforms: dict[str, PlatformHowTo]
    checks: dict[str, CheckAdvice]
    intents: dict[str, str] = Field(
        default_factory=dict,
        description="action → regular expression: advice lines asking for the same single action are merged",
    )

    @field_validator("intents")
    @classmethod
    def _patterns_compile(cls, value: dict[str, str]) -> dict[str, str]:
        for name, pattern in value.items():
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"intent {name}: not a regular expression ({exc})") from None
        return value

    def intents_of(self, line: str) -> frozenset[str]:
        """The actions an advice line asks for."""
        text = line.casefold()
        return frozenset(name for name, pattern in self.intents.items() if re.search(pattern, text))

    @model_validator(mode="after")
    def _known_kinds(self) -> PlatformAdvice:
        vocabulary = finding_kinds()
        for check, entry in self.checks.items():
            unknown = [k for k in entry.kinds if k not in vocabulary.get(check, {})]
            if unknown:
                raise ValueError(f"advice for unknown kind {unknown[0]!r} of {check}")
        return self

    @model_validator(mode="after")
    def _every_platform(self) -> PlatformAdvice:
        missing = [p for p in (*PLATFORMS, "default") if p not in self.platforms]
        if missing:
            raise ValueError(f"no how-to advice for platforms: {', '.join(missing)}")
        unknown = [p for p in self.platforms if p not in PLATFORMS and p != "default"]
        if unknown:
            raise ValueError(f"how-to advice for unknown platforms: {', '.join(unknown)}")
        return self

    def how_to(self, check_id: str, platform: str) -> list[str]:
        """The platform's how-to lines for the actions that fix this check."""
        entry = self.checks.get(check_id)
        if entry is None:
            return []
        howto = self.platforms.get(platform) or self.platforms["default"]
        return [getattr(howto, action) for action in entry.actions]

    def for_kind(self, check_id: str, kind: str | None) -> list[str]:
        """The first steps for this kind of finding, if the check gives any."""
        entry = self.checks.get(check_id)
        return list(entry.kinds.get(kind or "", [])) if entry else []

    def general(self, check_id: str) -> list[str]:
        """Advice for this check that holds on every platform."""
        entry = self.checks.get(check_id)
        return list(entry.general) if entry else []


_WORD = re.compile(r"[a-z]+")
# Words that carry no advice of their own.
_FILLER = frozenset(
    "a an and any are as at be before but by can do for from if in into is it its may more no not now of on or "
    "so that the their them then there these this those to too up was what when where which who with you your".split()
)
NEAR_DUPLICATE = 0.6


def _advice_words(line: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(line.casefold()) if w not in _FILLER and len(w) > 2)


def near_duplicate(a: str, b: str) -> bool:
    """Line `a` says nothing that the earlier line `b` has not: every action it asks for (the shared advice
    file's `intents`) is one `b` asks for, or most of the shorter one's words are in the longer one."""
    if a.strip() == b.strip():
        return True
    intents = platform_advice().intents_of
    ia = intents(a)
    if ia and ia <= intents(b):
        return True
    wa, wb = _advice_words(a), _advice_words(b)
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= NEAR_DUPLICATE


def merge_advice(lines: Sequence[str]) -> list[str]:
    """The lines in order, each dropped when an earlier one already says the same. A platform's how-to line
    ("On Mastodon, open …") says how, not what: it is kept unless repeated word for word."""
    kept: list[str] = []
    for line in lines:
        how_to = line.startswith("On ")
        if any(
            line == earlier if how_to or earlier.startswith("On ") else near_duplicate(line, earlier)
            for earlier in kept
        ):
            continue
        kept.append(line)
    return kept


# --------------------------------------------------------------------------- loading


def _folder() -> Path:
    return Path(str(resources.files("footprint.guidance")))


def frameworks() -> list[str]:
    """The frameworks shipped, by key."""
    return sorted(p.stem for p in _folder().glob("*.yaml") if not p.name.startswith("_"))


class FindingKinds(Strict):
    """The kinds of finding each check can report (`_kinds.yaml`), with what each means."""

    checks: dict[str, dict[str, str]]

    @field_validator("checks")
    @classmethod
    def _check_ids(cls, value: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
        for check, kinds in value.items():
            if not CHECK_ID.match(check):
                raise ValueError(f"{check!r} is not a check id like 'identity.role'")
            for kind in kinds:
                if not re.fullmatch(r"[a-z][a-z-]*", kind):
                    raise ValueError(f"kind {kind!r} of {check} is not lower-case words joined by '-'")
        return value


@cache
def finding_kinds() -> dict[str, dict[str, str]]:
    """check id → kind → what it means: the vocabulary of `Finding.kind`."""
    path = _folder() / "_kinds.yaml"
    kinds, _ = load_model(path, FindingKinds)
    return kinds.checks


@cache
def platform_advice() -> PlatformAdvice:
    """The shared how-to advice, validated."""
    advice, _ = load_model(_folder() / "_advice.yaml", PlatformAdvice)
    return advice


@cache
def load_catalogue(framework: str) -> Catalogue:
    """Load and validate one framework's catalogue."""
    path = _folder() / f"{framework}.yaml"
    if not re.fullmatch(r"[a-z]+", framework) or not path.is_file():
        raise InputError(f"unknown framework {framework!r} (known: {', '.join(frameworks())})")
    catalogue, located = load_model(path, Catalogue, context={"loader": True})
    for loc, message in catalogue.problems()[:1]:
        raise located_error(path, located, loc, message, at_key=len(loc) == 2 and loc[0] in ("mappings", "advice"))
    if catalogue.framework != framework:
        raise located_error(
            path, located, ("framework",), f"is {catalogue.framework!r} but the file is named {framework}.yaml"
        )
    shared = platform_advice()
    missing = [check for check in catalogue.mappings if check not in shared.checks]
    if missing:
        raise InputError(f"{path}: no shared advice in _advice.yaml for: {', '.join(missing)}")
    return catalogue
