"""identity.real-name and identity.role: does the account say who you are and what you do?"""

from __future__ import annotations

from collections.abc import Iterable

from footprint.models import Finding, Severity, Snapshot
from footprint.plugins import Check, CheckContext, TextItem
from footprint.text import PhraseIndex


class RealNameCheck(Check):
    """Your declared name, or one of your other names, appears on the account."""

    id = "identity.real-name"
    title = "Your real name is shown"
    reads = ("profile", "posts")

    def __init__(self, context: CheckContext) -> None:
        super().__init__(context)
        self.index = PhraseIndex()
        for name in self.profile.names():
            if len(name.split()) >= 2:
                self.index.add("name", name)

    def check_text(self, text: TextItem, snapshot: Snapshot) -> Iterable[Finding]:
        for match in text.view.matches(self.index, "name")[:1]:
            where = "profile" if text.item.kind != "post" else "a post"
            severity = Severity.MEDIUM if snapshot.anonymous else Severity.LOW
            why = f"Your name appears in {where}, so anyone searching for you by name can find this account."
            if snapshot.anonymous:
                why += " You declared this account as anonymous: the name ties it to you."
            yield self.finding(
                snapshot, severity=severity, why=why, item=text.item, text=text.text,
                span=(match.start, match.end), details=[f"name: {match.term}"],
            )


class RoleCheck(Check):
    """The account says you work in social work or social care."""

    id = "identity.role"
    title = "Your profession is shown"
    reads = ("profile", "posts")

    def check_text(self, text: TextItem, snapshot: Snapshot) -> Iterable[Finding]:
        for match in text.view.matches(self.rules.index, "role.title")[:1]:
            where = "your profile" if text.item.kind != "post" else "a post"
            yield self.finding(
                snapshot, severity=Severity.LOW, item=text.item, text=text.text, span=(match.start, match.end),
                why=f"{where.capitalize()} says you work as a {match.term}. Once people know your role, what you post "
                "is read as coming from a member of the profession.",
                details=[f"role: {match.term}"],
            )
