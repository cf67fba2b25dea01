"""Run the real built-in checks over one text, the way the engine does, and report which fired."""

from __future__ import annotations

from footprint.core import Analyser
from footprint.models import Finding, Photo, Post, Profile, Snapshot, VisibilityFacts
from footprint.plugins import discover
from footprint.rules import load_rules
from tests.conftest import make_profile

_REGISTRY = discover()
_RULES = load_rules()
TEXT_CHECKS = sorted(c for c in _REGISTRY.checks if not c.startswith("visibility.") and c != "identity.linkable")


def findings(
    text: str = "",
    *,
    profile: Profile | None = None,
    bio: bool = False,
    anonymous: bool = False,
    photos: list[Photo] | None = None,
    visibility: VisibilityFacts | None = None,
    account_bio: str | None = None,
) -> list[Finding]:
    """Every finding the built-in checks make on one post (or bio) of one account."""
    checks = [cls for cls in _REGISTRY.checks.values() if cls.__module__.startswith("checks.")]
    analyser = Analyser(profile or make_profile(), checks, _RULES)
    snapshot = Snapshot(
        platform="mastodon",
        handle="@jane@social.example",
        anonymous=anonymous,
        origin="archive",
        bio=text if bio else account_bio,
        posts=[] if bio or not text else [Post(id="1", text=text)],
        photos=photos or [],
        visibility=visibility or VisibilityFacts(),
    )
    analyser.account(snapshot)
    return analyser.finish()


def found(text: str, **kwargs: object) -> set[str]:
    """The ids of the post-level checks that fired on `text`."""
    return {f.check for f in findings(text, **kwargs) if f.check in TEXT_CHECKS}  # type: ignore[arg-type]


def one(check: str, text: str, **kwargs: object) -> Finding:
    """The single finding of `check` on `text` (fails if there is none)."""
    matches = [f for f in findings(text, **kwargs) if f.check == check]  # type: ignore[arg-type]
    assert matches, f"{check} did not fire on {text!r}"
    return matches[0]
