"""The check plugin contract (entry-point group `footprint.checks`): everything a check needs, in one module.

A check is a pure class: it reads snapshots, the profile and the rules, and yields findings. It
does no I/O of any kind. Subclass `Check` (or `TermsCheck`, which shares the audit's phrase index
with the built-in checks), give it a dotted `id` and a `title`, and override any of its hooks.
The built-in checks in the top-level `checks/` package use exactly what this module offers.
"""

from __future__ import annotations

from abc import ABC
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from footprint.models import DiscoveredAccount, Excerpt, Finding, Item, Post, Profile, SearchSection, Severity, Snapshot
from footprint.plugins import CHECK_ID
from footprint.text import Match, TextView, excerpt_around

if TYPE_CHECKING:
    from footprint.rules import RuleSet

GROUP = "footprint.checks"
T = TypeVar("T")

__all__ = [
    "CHECK_ID", "GROUP", "Check", "CheckContext", "DiscoveredAccount", "Excerpt", "Finding", "Item", "Match", "Post", "ProfileTerms",
    "Severity", "Snapshot", "TermsCheck", "TextItem", "TextView", "terms_for",
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
        return self._shared[key]  # type: ignore[no-any-return]


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


# NOTE: the helpers the built-in checks lean on (the audit's shared phrase index) live in checks/_terms.py
# while the checks are being reworked; they are public here, imported on first use so the contract
# module does not import the built-in checks package.
_SHARED_HELPERS = {"ProfileTerms": "checks._terms", "TermsCheck": "checks._terms", "terms_for": "checks._terms"}


def __getattr__(name: str) -> Any:
    if name in _SHARED_HELPERS:
        from importlib import import_module

        return getattr(import_module(_SHARED_HELPERS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
