"""visibility.public: can a logged-out stranger read this account?"""

from __future__ import annotations

from collections.abc import Iterable

from footprint.models import Finding, Severity, Snapshot
from footprint.plugins import Check


class PublicVisibilityCheck(Check):
    """The account's profile or posts can be read by anyone, without logging in."""

    id = "visibility.public"
    title = "Readable by a logged-out stranger"
    reads = ("profile", "posts")

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
        severity = Severity.LOW if count else Severity.INFO
        yield self.finding(snapshot, severity=severity, why=why, details=details)
