"""identity.real-name, identity.role and identity.employer: does the account say who you are,
what you do and where?"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from checks._evidence import Analysis, analyse, service_user_details
from footprint.models import Finding, Item, Severity, Snapshot
from footprint.plugins.checks import CheckContext, TermsCheck, TextItem
from footprint.text import Match, TextView

_ROLE_WORDS = frozenset(
    {"role.title", "role.field", "role.tag", "role.self", "role.activity", "role.practice", "role.topic-tag"}
)
_WORKPLACE = frozenset({"profile.employer", "profile.team", "profile.team-generic", "profile.locality"})


def _where(text: TextItem) -> str:
    return "a post" if text.item.kind == "post" else "your profile"


class RealNameCheck(TermsCheck):
    """Your declared name or an alias appears in the display name, bio, fields, posts or handle."""

    id = "identity.real-name"
    title = "Your real name is shown"

    def check_account(self, snapshot: Snapshot) -> Iterable[Finding]:
        user = re.sub(r"[^a-z0-9]", "", snapshot.handle.lstrip("@").split("@")[0].lower())
        if user and user in self.terms.name_keys:
            yield self.finding(
                snapshot,
                severity=Severity.MEDIUM if snapshot.anonymous else Severity.LOW,
                item=Item(kind="account", url=snapshot.url),
                details=[f"handle: {snapshot.handle}"],
                why=f"The handle {snapshot.handle} spells your name, so a search for your name finds it.",
                advice=["Choose a handle that is not your name if this account should not be tied to you."],
            )

    def wants(self, text: TextItem) -> bool:
        return "profile.name" in text.view.hits(self.terms.index)

    def _check_text(self, text: TextItem, snapshot: Snapshot) -> Iterator[Finding]:
        for match in text.view.matches(self.terms.index, "profile.name"):
            raw = text.text
            before, after = raw[match.start - 1 : match.start] if match.start else "", raw[match.end : match.end + 2]
            if (before and before in ".@_") or after[:1] in ("@", "_") or (after[:1] == "." and after[1:].isalnum()):
                continue  # part of an e-mail address or a web address: contact.personal reports those
            why = f"Your name appears in {_where(text)}, so anyone searching for you by name can find this account."
            if snapshot.anonymous:
                why += " You declared this account as anonymous: the name ties it to you."
            yield self.finding(
                snapshot,
                severity=Severity.MEDIUM if snapshot.anonymous else Severity.LOW,
                why=why,
                item=text.item,
                text=text.text,
                span=(match.start, match.end),
                details=[f"name: {match.term}"],
                advice=["Remove your full name, or keep this account for things you are content to sign."],
            )
            return


class RoleCheck(TermsCheck):
    """The profile or posts say you are a social worker, student, care worker, MHO, AMHP, etc."""

    id = "identity.role"
    title = "Your profession is shown"

    def wants(self, text: TextItem) -> bool:
        return not _ROLE_WORDS.isdisjoint(text.view.hits(self.terms.index))

    def _check_text(self, text: TextItem, snapshot: Snapshot) -> Iterator[Finding]:
        hits = text.view.hits(self.terms.index)
        if _ROLE_WORDS.isdisjoint(hits):
            return
        a = analyse(text.view, self.terms)
        match = a.role_self or _activity_with_support(a)  # a title of one's own, or work activity backed by another cue
        if match is None and text.item.kind != "post" and not a.has("context.recruiting"):
            match = a.first("role.title") or a.first("role.field")
        if match is None and not (a.public_story or a.has("context.recruiting")):
            match = _practice_day(a.hits.get("role.practice", ()))
            if match is None and a.about_work:
                match = next((m for m in a.hits.get("role.topic-tag", ()) if text.view.after_hash(m.first_token)), None)
        if match is None:
            return
        yield self.finding(
            snapshot,
            severity=Severity.LOW,
            item=text.item,
            text=text.text,
            span=(match.start, match.end),
            why=f"{_where(text).capitalize()} says you work in social services ({match.term}). Once people know your "
            "role, what you post is read as coming from a member of the profession.",
            details=[f"role: {match.term}"],
            advice=[
                "Nothing to remove if you are content to be known as a professional here; "
                "post on this account as you would speak in public at work."
            ],
        )


_SUPPORT = ("role.title", "role.field", "role.tag", "role.practice", "role.topic-tag")


def _activity_with_support(a: Analysis) -> Match | None:
    """First-person work activity ("my families", "sleepover shift", "I detained") says the author works in care,
    but on its own it is work context, not a statement of the role (bench/corpus/LABELLING.md: "my caseload" or
    "home visit" on its own does not count). It counts with a second activity in other words, or another role cue
    in other words ("home visit" inside "first home visit" is the same cue), or when the activity is itself a title
    not held by someone the author names ("duty worker", but not "my practice educator")."""
    acts = a.hits.get("role.activity", ())[:20]
    if not acts:
        return None
    taken = {i for m in acts for i in range(m.first_token, m.last_token + 1)}
    apart = [m for m in acts if m.first_token > acts[0].last_token or m.last_token < acts[0].first_token]
    if apart:
        return acts[0]
    for c in _SUPPORT:
        for m in a.hits.get(c, ())[:20]:
            if m.first_token not in taken and m.last_token not in taken:
                return acts[0]
            if c != "role.practice" and not _owned_by_me(acts, m):
                return acts[
                    0
                ]  # the activity is itself a title ("duty worker"), not someone else's ("my practice educator")
    return None


_POSSESSIVE = ("my ", "our ", "his ", "her ", "their ")


def _owned_by_me(acts: Sequence[Match], title: Match) -> bool:
    """The title inside an activity is held by someone the author names with a possessive ("my practice educator",
    "my TM"): a "home visit" inside "first home visit" is the same cue too (role.practice, handled by the caller)."""
    return any(
        m.first_token <= title.first_token and title.last_token <= m.last_token and m.term.startswith(_POSSESSIVE)
        for m in acts
    )


def _practice_day(practice: Sequence[Match]) -> Match | None:
    """The first of three or more different practice tasks ("nine home visits, two court reports and a core
    group"): a list of one's own visits, reports and meetings says the role without the title."""
    seen: dict[str, Match] = {}
    last = -1
    for m in practice[:50]:
        if m.first_token <= last:
            continue  # "capacity assessment" and "assessment" are one task
        last = m.last_token
        seen.setdefault(m.term.rstrip("s"), m)
    return next(iter(seen.values())) if len(seen) >= 3 else None


class EmployerCheck(TermsCheck):
    """Your employer, team, office or a declared locality is named in a work context."""

    id = "identity.employer"
    title = "Your employer or workplace is named"

    def __init__(self, context: CheckContext) -> None:
        super().__init__(context)
        self.not_after = frozenset(t.lower() for t in self.rules.terms("org.not-after-place"))

    def wants(self, text: TextItem) -> bool:
        return not _WORKPLACE.isdisjoint(text.view.hits(self.terms.index))

    def _check_text(self, text: TextItem, snapshot: Snapshot) -> Iterator[Finding]:
        view = text.view
        hits = view.hits(self.terms.index)
        if _WORKPLACE.isdisjoint(hits):
            return
        a = analyse(view, self.terms)
        if (a.has("context.recruiting") or a.public_story) and not a.about_work:
            return
        found = self._named(view, a, text.item.kind != "post")
        if found is None:
            return
        match, what, specific = found
        severity = Severity.MEDIUM if specific or snapshot.anonymous else Severity.LOW
        yield self.finding(
            snapshot,
            severity=severity,
            item=text.item,
            text=text.text,
            span=(match.start, match.end),
            why=f"{_where(text).capitalize()} names {what} ({match.term}). With your name or photo, that tells a "
            "stranger (or someone you work with) where to find you, and ties what you post to your employer.",
            details=[f"{what}: {match.term}"],
            advice=[
                "Remove the employer, team or town from your bio or post, or check it is allowed by your "
                "employer's social media policy."
            ],
        )

    def _named(self, view: TextView, a: Analysis, profile_text: bool) -> tuple[Match, str, bool] | None:
        """(match, what it names, whether it is specific) or None."""
        for m in a.hits.get("profile.employer", ()):
            return m, "your employer", False
        for m in a.hits.get("profile.team", ()):
            return m, "your team or workplace", True
        units = a.hits.get("org.unit", ())
        for m in a.hits.get("profile.locality", ()):
            if any(m.last_token < u.first_token <= m.last_token + 3 and _same_phrase(view, m, u) for u in units):
                return m, "your team or office", True  # "the Ayr team", not "the Crown in Ayr, our team came last"
            nxt = m.last_token + 1
            if nxt < len(view.tokens) and (
                view.tokens[nxt] in self.not_after
                or (
                    view.capitalised(nxt)
                    and not view.text[view.ends[m.last_token] : view.starts[nxt]].strip()
                    and not _inside_any(m, a.hits.get("profile.place", ()))
                )
            ):
                continue  # "Cardiff City", "Highland Carers Awards": another name that starts with the town
            if a.about_work or (profile_text and a.has("role.title")) or service_user_details(a):
                return m, "the area where you work", False
        team = a.first("profile.team-generic")
        if team is not None and (a.about_work or profile_text) and a.has("profile.locality"):
            return team, "your team", True
        return None


def _same_phrase(view: TextView, first: Match, second: Match) -> bool:
    """No comma or sentence break between two matches: they belong to one phrase."""
    between = view.text[view.ends[first.last_token] : view.starts[second.first_token]]
    return not any(c in ",.;:!?()\n" for c in between)


def _inside_any(m: Match, others: Iterable[Match]) -> bool:
    return any(o.first_token <= m.first_token and m.last_token <= o.last_token for o in others)
