"""visibility.public and visibility.indexable: can a logged-out stranger read this account, and may
search engines index it?"""

from __future__ import annotations

from collections.abc import Iterable

from footprint.models import Finding, Severity, Snapshot
from footprint.plugins.checks import Check


class PublicVisibilityCheck(Check):
    """The account or its posts can be read by a logged-out stranger."""

    id = "visibility.public"
    title = "Readable by a logged-out stranger"

    def check_account(self, snapshot: Snapshot) -> Iterable[Finding]:
        facts = snapshot.visibility
        if snapshot.origin == "archive" or not (facts.public_profile or facts.public_posts or snapshot.posts):
            return
        count = len(snapshot.posts)
        what = f"your profile and {count} recent post{'s' if count != 1 else ''}" if count else "your profile"
        why = f"Anyone, without an account or logging in, can read {what}."
        details = ["public profile"] + ([f"{count} public posts"] if count else [])
        if facts.locked:
            why += " Approving followers (a locked account) does not hide posts that are set to public."
            details.append("locked, but posts still public")
        if facts.no_unauthenticated_label:
            why += (
                " Your 'logged-out visibility' setting is only a request: the public interface still returns the posts."
            )
            details.append("logged-out visibility limited by request only")
        severity = Severity.LOW if count else Severity.INFO
        yield self.finding(
            snapshot,
            severity=severity,
            why=why,
            details=details,
            advice=["Decide what this account is for; if it is personal, make it private or followers-only."],
        )


class IndexableCheck(Check):
    """Search engines may index the account (Mastodon indexable/noindex, Bluesky label, a blog's robots meta)."""

    id = "visibility.indexable"
    title = "Search engines may index this account"

    def check_account(self, snapshot: Snapshot) -> Iterable[Finding]:
        facts = snapshot.visibility
        if snapshot.origin == "archive":
            return
        reasons = []
        if facts.indexable:
            reasons.append("the account allows search indexing (indexable)")
        if facts.noindex is False:
            reasons.append("its pages carry no 'noindex' request to search engines")
        if facts.no_unauthenticated_label is False:
            reasons.append("it does not ask apps to hide it from logged-out visitors")
        if not reasons:
            return
        yield self.finding(
            snapshot,
            severity=Severity.LOW,
            details=reasons,
            why="Search engines may index this account: " + "; ".join(reasons) + ". A search for your name or "
            "handle can then lead straight to it, and cached copies can outlive a deletion.",
            advice=["Turn off search-engine indexing and discoverability in the account's privacy settings."],
        )
