"""oversharing.service-user and oversharing.workplace: posts that could identify a person who uses
services, or that expose internal work matters."""

from __future__ import annotations

from collections.abc import Iterator

from checks._evidence import (
    KINDS,
    PERSONISH,
    STRONG,
    Analysis,
    analyse,
    case_details,
    char_before,
    describe,
    detail_kind,
    extra_part,
    kinded,
    service_user_details,
    word_set,
)
from footprint.models import Finding, Severity, Snapshot
from footprint.plugins.checks import TermsCheck, TextItem
from footprint.text import Match, TextView

_STRONG = ({"age", "place"}, {"name"}, {"age", "name"})
_HR = frozenset(
    {
        "grievance",
        "formal grievance",
        "disciplined",
        "disciplinary",
        "suspended",
        "reported",
        "to hr",
        "hr should",
        "hr",
        "complaint about",
        "complaint against",
        "put in a complaint",
        "told off",
        "bully",
        "bullying",
        "reporting everything",
        "walked out",
        "sacked",
    }
)


class ServiceUserCheck(TermsCheck):
    """A post could identify a person who uses services: case detail with an age, place, family, court, etc."""

    id = "oversharing.service-user"
    title = "A post could identify a person you work with"

    def wants(self, text: TextItem) -> bool:
        return text.view.has_digit or not PERSONISH.isdisjoint(text.view.hits(self.terms.index))

    def _check_text(self, text: TextItem, snapshot: Snapshot) -> Iterator[Finding]:
        if PERSONISH.isdisjoint(text.view.hits(self.terms.index)) and not text.view.has_digit:
            return
        a = analyse(text.view, self.terms)
        details = service_user_details(a)
        if details is not None and text.item.kind != "post" and not any(c <= details.keys() for c in STRONG):
            details = None  # a bio describes its author ("GAA mammy", "Newry girl"), unless it singles someone out
        case = False
        if details is None:
            details = case_details(a) if text.item.kind == "post" else None  # a bio tells no case
            if details is None:
                return
            case = True
        kinds = set(details)
        strong = len(kinds) >= 3 or any(combo <= kinds for combo in _STRONG)
        severity = Severity.HIGH if (strong and not case) or self.terms.role_shown(snapshot) else Severity.MEDIUM
        context = "about your work" if a.about_work else "about one person" if not case else "about a case"
        start, end = a.anchor if a.anchor_at is not None else _case_anchor(a)
        kind = detail_kind(details)
        where = extra_part(text.extras, _evidence_span(a, (start, end)), text.text)
        why = (
            f"This post is {context} and puts together {describe(details)}. Details like these combine: "
            "people who know the area or the family could recognise who it is about, even without a name."
        )
        if case:
            why = (
                f"This post is {context} and tells what happened in it: {describe(details)}. Even without a "
                "name, people who know the family, the area or the incident can tell who it is about."
            )
        if where is not None:
            why = f"The post's {where} carries this, not its text. " + why
            kind = "image-description"  # the vocabulary's kind for an image description or a content warning
        yield kinded(
            kind,
            self.finding(
                snapshot,
                severity=severity,
                item=text.item,
                text=text.text,
                span=(start, end),
                why=why,
                details=[f"{KINDS[k]}: {v}" for k, v in details.items()] + ([f"found in the {where}"] if where else []),
                advice=[
                    "Delete or edit the post so that it no longer describes a person you work with.",
                    "Talk it through with your manager or supervisor; a confidentiality breach may need reporting.",
                ],
            ),
        )


def _case_anchor(a: Analysis) -> tuple[int, int]:
    """Where a case told without a person is best shown: its case event, or its first sensitive detail."""
    for category in ("detail.case", "detail.legal", "detail.health", "detail.event", "person.group"):
        m = a.first(category)
        if m is not None:
            return (m.start, m.end)
    return (0, 0)


def _evidence_span(a: Analysis, anchor: tuple[int, int]) -> tuple[int, int]:
    """The span from the first to the last detail-bearing match (to tell whether it lies in an image description)."""
    spans = [anchor] if anchor != (0, 0) else []
    for category in (
        "detail.case",
        "detail.legal",
        "detail.health",
        "detail.event",
        "detail.family",
        "person.noun",
        "person.caseload",
        "person.group",
    ):
        spans += [(m.start, m.end) for m in a.hits.get(category, ())[:1]]
    if not spans:
        return anchor
    return (min(s for s, _ in spans), max(e for _, e in spans))


class WorkplaceCheck(TermsCheck):
    """Internal work matters: staffing, incidents, caseloads or complaints in a named team, colleagues named."""

    id = "oversharing.workplace"
    title = "A post exposes internal work matters"

    def wants(self, text: TextItem) -> bool:
        return "workplace.internal" in text.view.hits(self.terms.index)

    def _others_work(self, text: TextItem) -> bool:
        """The workplace in the post is someone else's, named through them, and the writer says nothing of their own."""
        view, rules = text.view, self.rules
        return (
            bool(rules.search("workplace.others-work", view.text, view))
            and _WE.isdisjoint(view.tokens)
            and not rules.search("workplace.own-work", view.text, view)
        )

    def _check_text(self, text: TextItem, snapshot: Snapshot) -> Iterator[Finding]:
        hits = text.view.hits(self.terms.index)
        internal = hits.get("workplace.internal")
        if not internal:
            return
        a = analyse(text.view, self.terms)
        if a.public_story or a.has("context.recruiting"):
            return
        if "context.sport" in hits:
            return  # "whoever picked the team should be sacked": a football team
        if self._others_work(text):
            return  # "my husband's work has a new manager and morale is through the floor": not the writer's team
        if "workplace.celebrate" in hits and not any(m.term in _HR for m in internal):
            return  # a retirement, a leaving do, an award: praise for a colleague
        if _only_public_news(hits, internal, text.view.tokens):
            return  # a restructure or cuts the employer announced, not told from inside a team
        team = _team(a, internal)
        unit = a.first("org.unit") or a.first("workplace.site")
        place = a.first("profile.locality")
        named_office = unit is not None and (
            (place is not None and 0 < unit.first_token - place.last_token <= 3) or _named_unit(text.view, unit)
        )
        found = _colleagues(
            text.view,
            a,
            word_set(self.terms, "place.not"),
            word_set(self.terms, "workplace.name-next"),
            word_set(self.terms, "workplace.not-name"),
        )
        found += [(m.term, False) for m in a.hits.get("profile.person", ())]  # names on the watch list
        if service_user_details(a) and not found:
            return  # a post about a person who uses services: oversharing.service-user speaks for it
        if team is None and not named_office:
            colleagues = [c for c, opening in found if not opening]  # a name mid-sentence, not "Cat has…"
            if not (colleagues and any(m.term in _HR for m in internal)):
                return
        else:
            colleagues = [c for c, _ in found]
        about_people = bool(colleagues) and any(m.term in _HR for m in internal)
        severity = Severity.HIGH if about_people or self.terms.role_shown(snapshot) else Severity.MEDIUM
        first = internal[0]
        details = [f"internal matter: {m.term}" for m in internal[:3]]
        details += [f"colleague named: {c}" for c in colleagues[:3]]
        if team is not None:
            details.append(f"team: {team.term}")
        yield self.finding(
            snapshot,
            severity=severity,
            item=text.item,
            text=text.text,
            span=(first.start, first.end),
            why="This post discusses internal matters of your team ("
            + ", ".join(m.term for m in internal[:3])
            + ")"
            + (f" and names colleagues ({', '.join(colleagues[:3])})" if colleagues else "")
            + ". Staffing, incidents and complaints belong in supervision or formal channels, not in public.",
            details=details,
            advice=["Delete or edit the post; raise concerns through your manager, union or whistleblowing policy."],
        )


_FIRST_PERSON = frozenset({"our", "my", "we", "us", "we're", "we've", "i", "i'm", "i've", "me"})
_WE = frozenset({"our", "we", "us", "we're", "we've", "ours"})


def _only_public_news(hits: dict[str, list[Match]], internal: list[Match], tokens: list[str]) -> bool:
    """Every internal-looking matter is one an employer announces in public, and no one inside a team speaks."""
    public = {m.term for m in hits.get("workplace.public-news", ())}
    return bool(public) and all(m.term in public for m in internal) and _FIRST_PERSON.isdisjoint(tokens)


def _team(a: Analysis, internal: list[Match]) -> Match | None:
    """The team the post is about; words that are themselves the only internal matter ("on the rota") do not count."""
    for category in ("workplace.team-ref", "profile.team", "profile.team-generic"):
        for m in a.hits.get(category, ()):
            if any(i.last_token < m.first_token or m.last_token < i.first_token for i in internal):
                return m
    return None


def _named_unit(view: TextView, unit: Match) -> bool:
    """A team or office with a name of its own just before it ("Renfrewshire MHO team", "Letham hub")."""
    for i in range(max(0, unit.first_token - 3), unit.first_token):
        tok = view.tokens[i]
        if tok not in ("the", "our", "my", "a", "this", "that", "i") and view.capitalised(i):
            return True
    nxt = unit.last_token + 1  # "Ward 7", "Unit 4B": a unit with a number of its own
    return nxt < len(view.tokens) and view.capitalised(unit.first_token) and view.tokens[nxt][:1].isdigit()


def _colleagues(
    view: TextView, a: Analysis, stop: frozenset[str], name_next: frozenset[str], not_name: frozenset[str]
) -> list[tuple[str, bool]]:
    """Capitalised first names in the post that are not places or titles.

    A name opening a sentence counts only when a verb-like word follows ("Fiona got a warning");
    each name comes with whether it opened a sentence (a weaker sign).
    """
    skip = {
        i
        for ms in a.hits.values()
        for m in ms
        for i in range(m.first_token, m.last_token + 1)
        if m.category.startswith("profile.")
    }
    names = []
    text, tokens = view.text, view.tokens
    for i, tok in enumerate(tokens):
        if i in skip or tok in stop or not view.capitalised(i) or view.original(i).isupper() or len(tok) < 3:
            continue
        if i and tokens[i - 1] in ("in", "from", "at", "to", "for", "near", "on", "of"):
            continue  # "in Spain", "from Oban": a place, not a person
        prev = char_before(text, view.starts[i])
        if prev == "#":
            continue
        opening = prev in ("", ".", "!", "?", ":")
        if opening:
            following = tokens[i + 1] if i + 1 < len(tokens) else ""
            if tok in not_name or following not in name_next:
                continue
        names.append((view.original(i), opening))
        if len(names) >= 20:
            break
    return names
