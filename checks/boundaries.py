"""boundaries.service-user-contact: signs of personal online contact with people who use services
or their families."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from checks._evidence import analyse, extra_part, implicit_person, kinded, service_user_details
from footprint.models import Finding, Severity, Snapshot
from footprint.plugins.checks import TermsCheck, TextItem
from footprint.rules import RuleSet
from footprint.text import Match, TextView

_FAMILY = frozenset(
    {
        "son",
        "daughter",
        "mum",
        "dad",
        "sister",
        "brother",
        "wife",
        "husband",
        "family",
        "granddaughter",
        "grandson",
        "sons",
        "daughters",
        "grandsons",
        "granddaughters",
        "grandkids",
        "grandchildren",
        "partner",
        "boyfriend",
        "girlfriend",
    }
)
# Someone's relative, where the someone is from work even uncapitalised ("the resident's grandson").
_WORK_POSSESSIVE = frozenset({"resident's", "client's", "patient's", "tenant's", "service user's", "user's"})


class ServiceUserContactCheck(TermsCheck):
    """Signs of personal contact (friend requests, follows, messages, meeting up) with people you work with."""

    id = "boundaries.service-user-contact"
    title = "Personal contact with a person you work with"

    def wants(self, text: TextItem) -> bool:
        hits = text.view.hits(self.terms.index)
        return (
            "boundaries.contact" in hits
            or "boundaries.platform" in hits
            or "boundaries.gift" in hits
            or ("person.caseload" in hits and "@" in text.text)
        )

    def _check_text(self, text: TextItem, snapshot: Snapshot) -> Iterator[Finding]:
        view = text.view
        hits = view.hits(self.terms.index)
        contact = (
            hits.get("boundaries.contact")
            or hits.get("boundaries.gift")
            or _platform_contact(text.view, hits)
            or _gaming(self.rules, view)
            or _tagged(view, hits)
        )
        if not contact or "context.fiction" in hits:
            return
        a = analyse(view, self.terms)
        who = a.first("person.caseload") or a.first("boundaries.person")
        relative = _someones_relative(view)
        if who is None and relative is None:
            relative = implicit_person(view, self.terms)  # "the lads at the house"
        if who is None and relative is None:
            relative = _known_through_work(self.rules, text.text, view)
        if (
            who is None
            and relative is None
            and a.subject is not None
            and not a.own
            and ("age" in a.details or service_user_details(a))
        ):
            who = a.subject  # someone described by age, place or history: a person known through work
        if who is None and relative is None:
            return
        if a.own and not a.about_work and not a.caseload and (who is None or who.term.startswith(("his ", "her "))):
            return  # "my cousin's wee girl sent me a request… told her mum": "her mum" is the author's own family
        offline = hits.get("boundaries.offline")
        gifts = hits.get("boundaries.gift")
        secret = hits.get("boundaries.secret")
        severity = Severity.HIGH if offline or gifts or secret or self.terms.role_shown(snapshot) else Severity.MEDIUM
        first = contact[0]
        described = who.term if who is not None else relative
        details = [f"contact: {first.term}", f"person: {described}"]
        if gifts:
            details.append(f"money or gifts: {gifts[0].term}")
        if offline:
            details.append(f"beyond messages: {offline[0].term}")
        if secret:
            details.append(f"kept from work: {secret[0].term}")
        if "context.worry" in hits:
            details.append(f"you wonder about it: {hits['context.worry'][0].term}")
        close = hits.get("boundaries.relationship") or [m for m in offline or () if m.term not in _CHANNEL]
        kind = "gifts-loans" if gifts else "relationship" if close else "personal-channel"
        where = extra_part(text.extras, (first.start, first.end), text.text)
        if where is not None:
            details.append(f"found in the {where}")
        yield kinded(
            kind,
            self.finding(
                snapshot,
                severity=severity,
                item=text.item,
                text=text.text,
                span=(first.start, first.end),
                why=f'This post describes personal contact ("{first.term}") with someone you seem to know through '
                f"work ({described}). Personal connections with people who use services, or their families, blur "
                "professional boundaries, and the post makes the link public.",
                details=details,
                advice=[
                    "Do not accept or keep personal connections with people you support or their families; "
                    "redirect them to work channels.",
                    "If you live in a small community where this cannot be avoided, agree how to handle it with "
                    "your manager and record it.",
                ],
            ),
        )


# Offline words that are still a personal channel (a number handed over), not a relationship.
_CHANNEL = frozenset(
    {
        "my number",
        "gave my number",
        "my personal mobile",
        "my mobile",
        "my snapchat",
        "my personal number",
        "personal number",
        "my own number",
        "my number to",
        "my mobile number",
    }
)


def _someones_relative(view: TextView) -> str | None:
    """'Agnes's daughter', 'Jean's son': a relative of someone named (not the author's own)."""
    tokens = view.tokens
    for i, tok in enumerate(tokens[:-1]):
        if (
            tok.endswith("'s")
            and tokens[i + 1] in _FAMILY
            and (view.capitalised(i) or tok[0].isdigit() or tok in _WORK_POSSESSIVE)
            and tokens[i - 1 if i else 0] != "my"
        ):
            return f"{view.original(i - 1) + ' ' if tok[0].isdigit() and i else ''}{view.original(i)} {tokens[i + 1]}"
    return None


_KNOWN = (
    "boundaries.known",
    "boundaries.known-case",
    "boundaries.known-left",
    "boundaries.known-list",
    "boundaries.known-slot",
    "boundaries.known-role",
    "boundaries.known-group",
)


def _known_through_work(rules: RuleSet, text: str, view: TextView) -> str | None:
    """Someone described as known through work: "a woman I was involved with", "whose case I closed"."""
    for name in _KNOWN:
        found = rules.search(name, text, view)
        if found:
            return found[0].group()
    return None


_SELF = frozenset({"me", "my", "i", "i'm", "i've", "mine"})


def _platform_contact(view: TextView, hits: dict[str, list[Match]]) -> list[Match]:
    """A personal channel named in a post that also speaks of the author ("messaged me on insta")."""
    platforms = hits.get("boundaries.platform")
    if platforms and not _SELF.isdisjoint(view.tokens):
        return platforms
    return []


@dataclass(frozen=True)
class _Said:
    """Contact found by a pattern rather than the phrase index (same fields the check reads from a Match)."""

    term: str
    start: int
    end: int


_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_][A-Za-z0-9_.]{2,}(?!@|\.[a-z]{2,}\b)")


def _tagged(view: TextView, hits: dict[str, list[Match]]) -> list[_Said]:
    """Someone from work tagged by their handle ("one of our young people @kaiden.m.0809"): their own account,
    linked from the worker's."""
    if "person.caseload" not in hits or "@" not in view.text:
        return []
    m = _HANDLE.search(view.text)
    return [_Said(f"tagged {m.group()}", m.start(), m.end())] if m else []


def _gaming(rules: RuleSet, view: TextView) -> list[_Said]:
    """Playing an online game with someone: "on the Xbox with", "playing Fortnite tonight with"."""
    found = rules.search("boundaries.gaming", view.text, view)
    return [_Said(m.group(), m.start(), m.end()) for m in found[:1]]
