"""conduct.disparaging and conduct.public-trust: remarks and behaviour that undermine trust in you
and in the profession."""

from __future__ import annotations

from collections.abc import Iterator

from checks._evidence import analyse, near, service_user_details
from checks._terms import TermsCheck
from footprint.models import Finding, Severity, Snapshot
from footprint.plugins import TextItem

_CONDUCT = frozenset({"conduct.group", "conduct.intox", "conduct.rule-boast", "conduct.dishonest", "conduct.slur", "conduct.abuse",
                      "conduct.mock", "conduct.told"})
_YOU_WINDOW = 4  # tokens: "you're a spineless wee ___", "___ like you"
_TOLD_WINDOW = 16  # tokens: "told the court the flat was clean. It wasn't."
_PERSON_INSULT = "conduct.insult-person"
# A group named by its tie to the service (a family, a caseload, a colleague), not by identity alone: contempt
# for it is contempt for people the author works with. Identity-only generalisations are conduct.public-trust's.
_WORK_GROUP = frozenset({"family", "families", "list", "run", "lassie", "lads", "lad", "fella", "type", "ones", "mum",
                         "mums", "parents"})
_DISPARAGING = frozenset({"conduct.insult", _PERSON_INSULT, "conduct.sarcasm", "conduct.mock", "conduct.group"})
_SHORT = 60  # tokens: in a post this short, words anywhere in it belong together


def _window(view) -> int:  # type: ignore[no-untyped-def]
    return 10_000 if len(view.tokens) <= _SHORT else 15


class DisparagingCheck(TermsCheck):
    """Derogatory remarks about people who use services, colleagues, the employer or other professions."""

    id = "conduct.disparaging"
    title = "A post disparages people you work with or for"

    def wants(self, text: TextItem) -> bool:
        hits = text.view.hits(self.terms.index)
        return not _DISPARAGING.isdisjoint(hits)

    def _check_text(self, text: TextItem, snapshot: Snapshot) -> Iterator[Finding]:
        hits = text.view.hits(self.terms.index)
        if "context.fiction" in hits:
            return
        window = _window(text.view)
        a = analyse(text.view, self.terms)
        person = [a.subject] if a.subject is not None and (a.about_work or service_user_details(a)) else []
        users = [*hits.get("conduct.target.su", ()), *hits.get("person.caseload", ()), *person]
        for insult, target, about_users in _aimed(hits, users, window, a.about_work or a.jargon):
            severity = Severity.HIGH if about_users else Severity.MEDIUM
            if not about_users and self.terms.role_shown(snapshot):
                severity = severity.raised()
            who = "people who use services or their families" if about_users else "colleagues, your employer or another profession"
            who = f"{who} ({target.term})" if target is not None else "someone you know through work"
            yield self.finding(
                snapshot, severity=severity, item=text.item, text=text.text, span=(insult.start, insult.end),
                why=f"This post calls {who} \"{insult.term}\" in public. Derogatory remarks damage "
                "trust in you and in the service, whoever they are about.",
                details=[f"remark: {insult.term}", f"about: {target.term if target is not None else 'someone met through work'}"],
                advice=["Delete the post. Raise concerns about colleagues or services through supervision or formal routes."],
            )
            return


def _aimed(hits, users, window, about_work):  # type: ignore[no-untyped-def]
    """(insult, target, about people who use services) for each insult aimed at someone.

    A derogatory word needs a target near it: people who use services (by any name, or the one
    person the post is about), or colleagues, the employer or another profession. A word that can
    only mean contempt for a person ("toerag", "brown-noser") needs no group beside it in a post
    about the author's work: there it is aimed at someone met through work.
    """
    for insult in hits.get("conduct.insult", ())[:200]:
        target = near(insult, users, window)
        if target is not None:
            yield insult, target, True
            return
        target = near(insult, hits.get("conduct.target.work", ()), window)
        if target is not None:
            yield insult, target, False
            return
    if about_work:
        for insult in hits.get(_PERSON_INSULT, ())[:1]:
            if not users and any(0 < insult.first_token - y.last_token <= 3 for y in hits.get("conduct.you", ())[:50]):
                break  # "you stupid cow" in a reply: abuse of that person, which conduct.public-trust reports
            yield insult, (users[0] if users else None), bool(users)
            return
    # Mock praise aimed at colleagues, managers, another profession or a family ("Truly visionary stuff").
    for remark in hits.get("conduct.sarcasm", ())[:20]:
        target = near(remark, users, window)
        if target is not None:
            yield remark, target, True
            return
        target = near(remark, hits.get("conduct.target.work", ()), window)
        if target is not None:
            yield remark, target, False
            return
    if "conduct.reported" in hits:
        return
    # Contempt for people the author works with: mocking how they speak, or a sweeping claim about "them".
    for remark in hits.get("conduct.mock", ())[:1]:
        yield remark, (users[0] if users else None), True
        return
    contempt = _contempt(hits, window)
    if contempt is not None and not _WORK_GROUP.isdisjoint(contempt[0].term.split()):
        yield contempt[1], contempt[0], True


def _contempt(hits, window):  # type: ignore[no-untyped-def]
    """(group, claim): a sweeping hostile claim about a group."""
    for group in hits.get("conduct.group", ())[:200]:
        claim = near(group, hits.get("conduct.generalise", ()), window)
        if claim is not None:
            return group, claim
    return None


def _retraction(text: str, untrue) -> bool:  # type: ignore[no-untyped-def]
    """A flat retraction standing as its own sentence ("It wasn't." "They hadn't." "There's no bed.")."""
    before = text[:untrue.start].rstrip()
    opens = not before or before[-1] in ".!?\n"
    rest = text[untrue.end:].lstrip()
    closes = not rest or rest[0] in ".!?\n"
    return opens and (closes or untrue.term.startswith("there"))


class PublicTrustCheck(TermsCheck):
    """Intoxication at or before work, discriminatory or abusive language, boasting of breaking rules."""

    id = "conduct.public-trust"
    title = "A post could undermine public trust"

    def wants(self, text: TextItem) -> bool:
        return not _CONDUCT.isdisjoint(text.view.hits(self.terms.index))

    def _check_text(self, text: TextItem, snapshot: Snapshot) -> Iterator[Finding]:
        hits = text.view.hits(self.terms.index)
        if _CONDUCT.isdisjoint(hits) or "context.fiction" in hits or "context.press" in hits:
            return
        window = _window(text.view)
        reported = "conduct.reported" in hits  # the writer reports, challenges or is trained against it
        found = (
            (None if reported else self._discrimination(hits, window) or self._abuse(hits, text.view))
            or self._intoxication(hits, window)
            or self._boast(hits, window, text.view)
            or self._dishonest(hits, window, text.view)
        )
        if found is None:
            return
        match, other, kind, severity, why = found
        if self.terms.role_shown(snapshot) and severity is Severity.MEDIUM:
            severity = severity.raised()
        yield self.finding(
            snapshot, severity=severity, item=text.item, text=text.text, span=(match.start, match.end),
            why=why, details=[f"{kind}: {match.term}", f"with: {other.term}"],
            advice=["Delete the post.", "If it describes something that really happened at work, talk to your "
                    "manager or supervisor about it before anyone else raises it."],
        )

    def _discrimination(self, hits, window):  # type: ignore[no-untyped-def]
        contempt = _contempt(hits, window)
        if contempt is not None:
            group, claim = contempt
            return (group, claim, "discriminatory remark", Severity.HIGH,
                    f"This post makes a sweeping hostile claim about a group ({group.term}: \"{claim.term}\"). "
                    "Discriminatory language is among the most serious conduct concerns for the regulator.")
        for mock in hits.get("conduct.mock", ())[:1]:
            return (mock, mock, "mockery", Severity.HIGH,
                    f"This post mocks how a person speaks or moves (\"{mock.term}\"). Ridiculing people for who they "
                    "are is discriminatory behaviour the regulator treats as serious.")
        for slur in hits.get("conduct.slur", ())[:1]:
            return (slur, slur, "slur", Severity.HIGH,
                    f"This post uses a slur (\"{slur.term}\"). Discriminatory language is among the most serious "
                    "conduct concerns for the regulator, whoever it is said about.")
        return None

    def _abuse(self, hits, view):  # type: ignore[no-untyped-def]
        """Abuse aimed at a person: an abusive word with "you" beside it, or a wish that someone dies."""
        alone = hits.get("conduct.abuse-alone")
        if alone:
            return (alone[0], alone[0], "abuse", Severity.HIGH, self._abuse_why(alone[0]))
        for word in hits.get("conduct.abuse", ())[:50]:
            you = near(word, hits.get("conduct.you", ()), _YOU_WINDOW)
            if you is not None:
                return (word, you, "abuse", Severity.HIGH, self._abuse_why(word))
        return None

    @staticmethod
    def _abuse_why(word) -> str:  # type: ignore[no-untyped-def]
        return (f"This post aims abuse at a person (\"{word.term}\"). Abusive language in public, to anyone, "
                "breaks the standard of behaviour the regulator expects of you outside work too.")

    def _dishonest(self, hits, window, view):  # type: ignore[no-untyped-def]
        """Saying a duty was done when it was not, altering records, misleading a panel, money from families."""
        for act in hits.get("conduct.dishonest", ())[:200]:
            duty = (near(act, hits.get("conduct.duty", ()), window) or near(act, hits.get("conduct.work-now", ()), window)
                    or near(act, hits.get("conduct.family", ()), window))
            if duty is not None:
                return (act, duty, "dishonesty", Severity.MEDIUM,
                        f"This post describes being dishonest about the job or breaking a rule meant to keep people "
                        f"safe (\"{act.term}\" … \"{duty.term}\"). It reads as an admission, and the regulator treats "
                        "honesty and safe practice as core to public trust.")
        for told in hits.get("conduct.told", ())[:20]:
            after = [u for u in hits.get("conduct.untrue", ()) if u.first_token > told.last_token and _retraction(view.text, u)]
            untrue = near(told, after, _TOLD_WINDOW)
            if untrue is not None:
                return (told, untrue, "dishonesty", Severity.MEDIUM,
                        f"This post says you told someone who relies on you something that was not so (\"{told.term}\" … "
                        f"\"{untrue.term}\"). Misleading a court, a panel, a manager or a family is a serious breach of trust.")
        return None

    def _intoxication(self, hits, window):  # type: ignore[no-untyped-def]
        if "conduct.off-today" in hits:
            return None  # a drink on a day off or on leave is not drinking at work
        drinks = hits.get("conduct.intox", ())
        if "conduct.after-work" in hits:
            # a drink after work is not drinking at work, unless it is still affecting the writer the next day
            drinks = hits.get("conduct.carryover", ())
        for drink in drinks[:200]:
            work = near(drink, hits.get("conduct.work-now", ()), window) or near(drink, hits.get("conduct.duty", ()), window)
            if work is not None:
                return (drink, work, "intoxication", Severity.MEDIUM,
                        f"This post says you were drunk or hungover (\"{drink.term}\") at or before work "
                        f"(\"{work.term}\"). It suggests people were put at risk and harms trust in the service.")
        return None

    def _boast(self, hits, window, view):  # type: ignore[no-untyped-def]
        for boast in hits.get("conduct.rule-boast", ())[:200]:
            duty = near(boast, hits.get("conduct.duty", ()), window)
            if duty is not None and _authors_own(boast, hits, view):
                return (boast, duty, "rule broken", Severity.MEDIUM,
                        f"This post boasts of skipping or faking part of the job (\"{boast.term}\" … \"{duty.term}\"). "
                        "It reads as an admission of unsafe practice, and may be one.")
        return None


def _authors_own(act, hits, view) -> bool:  # type: ignore[no-untyped-def]
    """True unless someone else is the subject of `act` earlier in its sentence, with no "I" or "we" there."""
    text = view.text
    sentence = max(text.rfind(mark, 0, act.start) for mark in ".!?\n") + 1
    first = next((i for i in range(act.first_token - 1, -1, -1) if view.starts[i] < sentence), -1) + 1

    def before(category: str) -> bool:
        return any(first <= m.first_token < act.first_token for m in hits.get(category, ()))

    return before("actor.self") or not before("actor.other")
