"""The check plugin contract (entry-point group `footprint.checks`): everything a check needs, in one module.

A check is a pure class: it reads snapshots, the profile and the rules, and yields findings. It
does no I/O of any kind. Subclass `Check` (or `TermsCheck`, which shares the audit's phrase index
with the built-in checks), give it a dotted `id` and a `title`, and override any of its hooks.
The built-in checks in the top-level `checks/` package use exactly what this module offers.
"""

from __future__ import annotations

import re
from abc import ABC
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from footprint.models import DiscoveredAccount, Excerpt, Finding, Item, Post, Profile, SearchSection, Severity, Snapshot
from footprint.plugins import CHECK_ID
from footprint.text import Match, PhraseIndex, TextView, excerpt_around, words

if TYPE_CHECKING:
    from footprint.rules import RuleSet

GROUP = "footprint.checks"
T = TypeVar("T")

__all__ = [
    "CHECK_ID",
    "GROUP",
    "Check",
    "CheckContext",
    "DiscoveredAccount",
    "Excerpt",
    "Finding",
    "Item",
    "Match",
    "Post",
    "ProfileTerms",
    "Severity",
    "Snapshot",
    "TermsCheck",
    "TextItem",
    "TextView",
    "terms_for",
]


# --------------------------------------------------------------------------- checks


@dataclass
class CheckContext:
    """What every check may read besides the account: the user's profile, the rules and, when a search
    for the user's name was run (`footprint search`, `audit --search`), its classified results."""

    profile: Profile
    rules: RuleSet
    search: SearchSection | None = None
    _shared: dict[object, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def shared(self, key: object, build: Callable[[], T]) -> T:
        """The value several checks of this audit share under `key` (say, a phrase index built from the
        profile), built by `build` on first use. A check that needs such a value asks for it here."""
        if key not in self._shared:
            self._shared[key] = build()
        return self._shared[key]


@dataclass
class TextItem:
    """One piece of text to scan (a bio, a field, a post), with where it came from."""

    item: Item
    text: str
    # Parts of `text` that are not the post's body: (start, end, "content warning" | "image description").
    extras: tuple[tuple[int, int, str], ...] = ()
    view: TextView = field(init=False)

    def __post_init__(self) -> None:
        self.view = TextView(self.text)


class Check(ABC):
    """A pure check: it reads snapshots and the profile and yields findings. No I/O of any kind.

    Override any of the hooks; the core calls `check_text` for every bio, profile field and post,
    `check_account` once per readable account, `check_discovered` once with what discovery found
    under the user's names (when discovery ran), and `check_audit` once with every snapshot (for
    findings that need several accounts at once).
    """

    id: ClassVar[str]
    title: ClassVar[str]

    def __init__(self, context: CheckContext) -> None:
        self.context = context
        self.profile = context.profile
        self.rules = context.rules

    def check_account(self, snapshot: Snapshot) -> Iterable[Finding]:
        """Findings about one account as a whole (visibility, profile fields)."""
        return ()

    def check_text(self, text: TextItem, snapshot: Snapshot) -> Iterable[Finding]:
        """Findings in one piece of text from the account."""
        return ()

    def check_discovered(self, accounts: Sequence[DiscoveredAccount]) -> Iterable[Finding]:
        """Findings in what discovery found: every site probed for every name, and how each probe ended."""
        return ()

    def check_audit(self, snapshots: Sequence[Snapshot]) -> Iterable[Finding]:
        """Findings that need every account at once (linking accounts together)."""
        return ()

    def finding(
        self,
        snapshot: Snapshot,
        *,
        severity: Severity,
        why: str,
        item: Item | None = None,
        text: str | None = None,
        span: tuple[int, int] | None = None,
        details: Sequence[str] = (),
        advice: Sequence[str] = (),
        title: str | None = None,
    ) -> Finding:
        """Build a finding for this check, cutting a short excerpt around `span` of `text`."""
        excerpt = None
        if text is not None:
            start, end = span or (0, 0)
            snippet, s, e = excerpt_around(text, start, end)
            excerpt = Excerpt(text=snippet, start=s, end=e)
        return Finding(
            check=self.id,
            title=title or self.title,
            severity=severity,
            platform=snapshot.platform,
            account=snapshot.handle,
            item=item or Item(kind="account", url=snapshot.url),
            excerpt=excerpt,
            details=list(details),
            why=why,
            advice=list(advice),
        )


# --------------------------------------------------------------------------- the audit's shared phrase index
#
# The user's own words (names, employer, team, places) as phrase-index terms, built once per audit.
# Every check shares one `ProfileTerms` per `CheckContext` (`terms_for`): it holds a phrase index that
# merges the rule files' categories with the profile's terms, so a post is tokenised once and scanned
# once for everything. Variants are derived from the profile in general ways (acronyms, "X Trust" for
# "X Health and Social Care Trust", given name with surname), never from any one persona.

# Words that say what kind of team something is, not which one.
GENERIC = frozenset(
    "team service services social work care home centre center hub family families children child adult adults "
    "mental health community hospital justice learning disability disabilities placement night shift young "
    "people's people support unit lodge house and of the for office department older locality area duty "
    "protection assessment resource day residential nursing primary secondary amhp mho sw ld cmht c f "
    "partnership board trust council criminal youth practice fostering adoption intake".split()
)
_ORG_TAIL = {"trust", "council", "partnership", "board", "authority", "university", "college"}
_LEGAL_SUFFIX = re.compile(r"\b(?:ltd|limited|plc|llp|cic)\.?$", re.IGNORECASE)


def acronym(name: str) -> str | None:
    """The initials of a name of three or more significant words ("Aberdeen Royal Infirmary" → "ARI")."""
    significant = [w for w in words(name) if w.lower() not in ("and", "of", "the", "for", "&")]
    if len(significant) < 3:
        return None
    return "".join(w[0] for w in significant).upper()


def org_variants(name: str, places: frozenset[str] = frozenset()) -> list[str]:
    """Ways people write an organisation's name: in full, without "Ltd", shortened, as initials."""
    full = _LEGAL_SUFFIX.sub("", name.strip()).strip(" ,")
    out = [name.strip(), full]
    parts = words(full)
    lower = [p.lower() for p in parts]
    if len(parts) >= 3 and lower[-1] in _ORG_TAIL:
        out.append(f"{parts[0]} {parts[-1]}")  # Belfast Health and Social Care Trust → Belfast Trust
    if len(parts) >= 3 and lower[:2] == ["city", "of"]:
        out.append(" ".join(parts[2:]))  # City of Edinburgh Council → Edinburgh Council
    if lower[:2] == ["university", "of"] and len(parts) >= 3:
        out.append(f"{' '.join(parts[2:])} University")
    if "health and social care partnership" in full.lower():
        out.append(f"{full.lower().split(' health and social care partnership')[0]} HSCP")
    paired = re.match(r"^(\w+) and (\w+) (.+)$", full)
    if paired:
        out.append(f"{paired[1][0]}&{paired[2][0]} {paired[3]}")  # Dumfries and Galloway Council → D&G Council
    initials = acronym(full)
    if initials and len(initials) >= 3:
        out.append(initials)
    distinct = [p for p in parts if p.lower() not in GENERIC]
    if (
        len(parts) >= 2
        and len(distinct) == 1
        and distinct[0] == parts[0]
        and len(parts[0]) >= 5
        and lower[-1] not in _ORG_TAIL
        and parts[0].lower() not in places
    ):
        out.append(parts[0])  # "Glenmorven Care" → "Glenmorven" (never "Cardiff" from "Cardiff Council")
    out += [f"{v}'s" for v in out if len(words(v)) >= 2]
    return _unique(out)


def team_variants(team: str, localities: list[str]) -> tuple[list[str], list[str]]:
    """(distinctive, generic) names for the team: "Wester Brae Young People's Centre" is
    distinctive on its own; "Children and Families" names a workplace only with a place nearby."""
    distinctive: list[str] = []
    generic: list[str] = []
    local = {loc.lower() for loc in localities}
    for part in (p.strip() for p in team.split(",")):
        if not part or part.lower() in local:
            continue
        tokens = words(part)
        lead: list[str] = []
        for tok in tokens:
            if tok.lower() in GENERIC or not tok[0].isupper():
                break
            lead.append(tok)
        if lead and " ".join(lead).lower() not in local:
            distinctive += [part, " ".join(lead)]
            initials = acronym(part)
            if initials:
                distinctive.append(initials)
        else:
            generic.append(part)
            if " and " in part.lower():
                generic.append(re.sub(r"\s+and\s+", " ", part, flags=re.IGNORECASE))
            initials = acronym(part)
            if initials and words(part)[-1].lower() == "team":
                generic.append(initials)  # "Community Mental Health Team" → CMHT
    return _unique(distinctive), _unique(generic)


def name_variants(profile: Profile) -> list[str]:
    """Full names and aliases, plus each given name with each surname ("Cal" + "Dalgetty")."""
    names = [n for n in profile.names() if len(words(n)) >= 2]
    given = {words(n)[0] for n in names}
    surnames = {words(n)[-1] for n in names}
    return _unique([*names, *(f"{g} {s}" for g in given for s in surnames)])


def _unique(items: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        if item and item.strip() and item.lower() not in (k.lower() for k in seen):
            seen[item] = None
    return list(seen)


@dataclass
class ProfileTerms:
    """The merged phrase index for one audit, and the profile facts the checks compare against."""

    profile: Profile
    rules: RuleSet
    index: PhraseIndex = field(init=False)
    extra: dict[str, list[str]] = field(init=False)
    name_keys: set[str] = field(init=False)
    _role_shown: dict[tuple[str, str], bool] = field(default_factory=dict)

    def __post_init__(self) -> None:
        person, watch = self.profile.person, self.profile.watch
        local = frozenset(p.lower() for p in [*person.localities, *watch.places])
        employer = org_variants(person.employer, local) if person.employer else []
        team, team_generic = team_variants(person.team or "", person.localities)
        places = [*watch.places, *(a for p in watch.places if (a := acronym(p)))]
        self.extra = {
            "profile.name": name_variants(self.profile),
            "profile.employer": employer,
            "profile.team": team,
            "profile.team-generic": team_generic,
            "profile.locality": list(person.localities),
            "profile.place": places,
            "profile.word": list(watch.words),
            "profile.person": list(watch.people),
        }
        for category, terms in self.extra.items():
            # "Jane Smith's", "Kirkcaldy's": the tokeniser keeps the possessive on the last word
            self.extra[category] = _unique([*terms, *(f"{t}'s" for t in terms if not t.endswith("'s"))])
        self.index = self.rules.build_index(self.extra)
        self.name_keys = {re.sub(r"[^a-z0-9]", "", n.lower()) for n in self.extra["profile.name"]}

    def hits(self, view: TextView) -> dict:
        """Every category's matches in this text, from the one shared scan."""
        return view.hits(self.index)

    def role_shown(self, snapshot: Snapshot) -> bool:
        """True when the account's own profile (name, bio, fields) says the user's profession."""
        key = (snapshot.platform, snapshot.handle)
        shown = self._role_shown.get(key)
        if shown is None:
            texts = [snapshot.display_name or "", snapshot.bio or "", *(f"{f.name} {f.value}" for f in snapshot.fields)]
            shown = any(
                view.has(self.index, "role.title") or view.has(self.index, "role.field")
                for view in (TextView(t) for t in texts if t)
            )
            self._role_shown[key] = shown
        return shown


def terms_for(context: CheckContext) -> ProfileTerms:
    """The one ProfileTerms of this audit, built on first use and shared by every check."""
    return context.shared(ProfileTerms, lambda: ProfileTerms(context.profile, context.rules))


class TermsCheck(Check):
    """A check that reads the audit's shared phrase index, and looks closer only at texts its gate lets in.

    Subclasses say in `wants` which texts are worth a closer look (cheap tests: the shared index's
    hits, a digit) and do the work in `_check_text`. Most posts pass no gate, so they cost no
    generator at all.
    """

    def __init__(self, context: CheckContext) -> None:
        super().__init__(context)
        self.terms = terms_for(context)

    def wants(self, text: TextItem) -> bool:
        """True when the text may hold what this check looks for."""
        return True

    def check_text(self, text: TextItem, snapshot: Snapshot) -> Iterable[Finding]:
        return self._check_text(text, snapshot) if self.wants(text) else ()

    def _check_text(self, text: TextItem, snapshot: Snapshot) -> Iterable[Finding]:
        return ()
