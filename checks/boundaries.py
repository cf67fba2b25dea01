"""boundaries.service-user-contact: signs of personal online contact with people who use services
or their families."""

from __future__ import annotations

from collections.abc import Iterator

from checks._evidence import analyse, service_user_details
from checks._terms import TermsCheck
from footprint.models import Finding, Severity, Snapshot
from footprint.plugins import TextItem

_FAMILY = frozenset({"son", "daughter", "mum", "dad", "sister", "brother", "wife", "husband", "family", "granddaughter", "grandson"})


class ServiceUserContactCheck(TermsCheck):
    """Signs of personal contact (friend requests, follows, messages, meeting up) with people you work with."""

    id = "boundaries.service-user-contact"
    title = "Personal contact with a person you work with"

    def wants(self, text: TextItem) -> bool:
        hits = text.view.hits(self.terms.index)
        return "boundaries.contact" in hits or "boundaries.platform" in hits

    def _check_text(self, text: TextItem, snapshot: Snapshot) -> Iterator[Finding]:
        view = text.view
        hits = view.hits(self.terms.index)
        contact = hits.get("boundaries.contact") or _platform_contact(text.view, hits)
        if not contact or "context.fiction" in hits:
            return
        a = analyse(view, self.terms)
        who = a.first("person.caseload") or a.first("boundaries.person")
        relative = _someones_relative(view)
        if who is None and relative is None:
            relative = _known_through_work(self.rules, text.text, view)
        if who is None and relative is None and a.subject is not None and not a.own \
                and ("age" in a.details or service_user_details(a)):
            who = a.subject  # someone described by age, place or history: a person known through work
        if who is None and relative is None:
            return
        if who is None and a.own and not a.about_work:
            return
        offline = hits.get("boundaries.offline")
        severity = Severity.HIGH if offline or self.terms.role_shown(snapshot) else Severity.MEDIUM
        first = contact[0]
        described = who.term if who is not None else relative
        details = [f"contact: {first.term}", f"person: {described}"]
        if offline:
            details.append(f"beyond messages: {offline[0].term}")
        if "context.worry" in hits:
            details.append(f"you wonder about it: {hits['context.worry'][0].term}")
        yield self.finding(
            snapshot, severity=severity, item=text.item, text=text.text, span=(first.start, first.end),
            why=f"This post describes personal contact (\"{first.term}\") with someone you seem to know through "
            f"work ({described}). Personal connections with people who use services, or their families, blur "
            "professional boundaries, and the post makes the link public.",
            details=details,
            advice=["Do not accept or keep personal connections with people you support or their families; "
                    "redirect them to work channels.",
                    "If you live in a small community where this cannot be avoided, agree how to handle it with "
                    "your manager and record it."],
        )


def _someones_relative(view) -> str | None:  # type: ignore[no-untyped-def]
    """'Agnes's daughter', 'Jean's son': a relative of someone named (not the author's own)."""
    tokens = view.tokens
    for i, tok in enumerate(tokens[:-1]):
        if tok.endswith("'s") and tokens[i + 1] in _FAMILY and (view.capitalised(i) or tok[0].isdigit()) \
                and tokens[i - 1 if i else 0] != "my":
            return f"{view.original(i - 1) + ' ' if tok[0].isdigit() and i else ''}{view.original(i)} {tokens[i + 1]}"
    return None


_KNOWN = ("boundaries.known", "boundaries.known-case", "boundaries.known-left", "boundaries.known-list",
          "boundaries.known-slot", "boundaries.known-role", "boundaries.known-group")


def _known_through_work(rules, text: str, view) -> str | None:  # type: ignore[no-untyped-def]
    """Someone described as known through work: "a woman I was involved with", "whose case I closed"."""
    for name in _KNOWN:
        found = rules.search(name, text, view)
        if found:
            return found[0].group()
    return None


_SELF = frozenset({"me", "my", "i", "i'm", "i've", "mine"})


def _platform_contact(view, hits) -> list:  # type: ignore[no-untyped-def]
    """A personal channel named in a post that also speaks of the author ("messaged me on insta")."""
    platforms = hits.get("boundaries.platform")
    if platforms and not _SELF.isdisjoint(view.tokens):
        return platforms
    return []
