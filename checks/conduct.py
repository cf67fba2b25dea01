"""conduct.disparaging and conduct.public-trust: remarks and behaviour that undermine trust in you
and in the profession."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Protocol, TypeVar, cast

from checks._evidence import Spanned, analyse, near, service_user_details
from checks._masked import Unmasker
from footprint.models import Finding, Severity, Snapshot
from footprint.plugins.checks import CheckContext, TermsCheck, TextItem
from footprint.rules import RuleSet
from footprint.text import Match, TextView

_CONDUCT = frozenset(
    {
        "conduct.group",
        "conduct.intox",
        "conduct.rule-boast",
        "conduct.dishonest",
        "conduct.slur",
        "conduct.abuse",
        "conduct.mock",
        "conduct.told",
        "conduct.abuse-alone",
        "conduct.insult-strong",
        "conduct.expel",
        "conduct.insult-aimed",
    }
)
_HATE_WINDOW = 10  # tokens between a group's name and what is claimed about it ("Muslims are a cancer on this country")
_POINTER_GAP = 3  # tokens from "he's a" / "absolute" / "you" to the insult it points at
_KIN = frozenset(
    {
        "mother",
        "mum",
        "mam",
        "father",
        "dad",
        "grandmother",
        "grandfather",
        "gran",
        "granny",
        "nan",
        "grandad",
        "grandma",
        "grandpa",
        "own",
        "sister",
        "brother",
        "husband",
        "wife",
        "partner",
        "son",
        "daughter",
        "kids",
        "friend",
        "friends",
        "boyfriend",
        "girlfriend",
        "family",
        "aunt",
        "auntie",
        "uncle",
        "cousin",
    }
)
_PRONOUNS = frozenset({"her", "him", "he", "she", "them", "they"})
_NEGATORS = frozenset(
    {"not", "no", "never", "isn't", "aren't", "wasn't", "weren't", "don't", "doesn't", "nor", "hardly"}
)
# Own family before a pointer ("my brother is such a twat"): banter at home, not abuse in public.
_OWN = frozenset(
    {
        "husband",
        "hubby",
        "wife",
        "partner",
        "son",
        "daughter",
        "brother",
        "sister",
        "bro",
        "sis",
        "mum",
        "mam",
        "dad",
        "da",
        "kids",
        "kid",
        "boys",
        "girls",
        "boyfriend",
        "girlfriend",
        "bf",
        "gf",
        "dog",
        "cat",
        "puppy",
        "cousin",
        "nephew",
        "niece",
        "uncle",
        "auntie",
        "aunt",
        "grandad",
        "gran",
        "nan",
        "self",
        "me",
        "i",
        "i'm",
    }
)
# Words that are one's own children when "my" or "our" comes first ("my kids are feral today").
_OWN_CHILDREN = frozenset(
    {"kids", "children", "weans", "bairns", "boys", "girls", "lot", "teenagers", "teens", "wains"}
)
_MONEY = re.compile(
    r"£|\b(?:cash|quid|tip|tips|gift|gifts|paid|pay|bung|money|loan|lent|borrow\w*|tenner|fiver)\b", re.IGNORECASE
)
_KINDS = {
    "discriminatory remark": "discrimination",
    "mockery": "discrimination",
    "slur": "discrimination",
    "abuse": "abuse",
    "threat": "abuse",
    "intoxication": "intoxication",
    "dishonesty": "dishonesty",
    "rule broken": "rule-breaking",
    "money": "money-gifts",
}
_LAUGH = re.compile(
    r"[\U0001F602\U0001F923\U0001F480\U0001F606\U0001F639]|\b(?:lol|lmao|lmfao|haha\w*|rofl|can't breathe|crying)\b",
    re.IGNORECASE,
)
_MENTION = re.compile(r"(?<![\w@])@\w{2,}")
_YOU = frozenset({"you", "you're", "youre", "your", "ur", "u", "ya", "yous"})
_QUOTES = {'"': '"', "“": "”", "‘": "’", "'": "'"}
_YOU_WINDOW = 4  # tokens: "you're a spineless wee ___", "___ like you"
_TOLD_WINDOW = 16  # tokens: "told the court the flat was clean. It wasn't."
_PERSON_INSULT = "conduct.insult-person"
# A group named by its tie to the service (a family, a caseload, a colleague), not by identity alone: contempt
# for it is contempt for people the author works with. Identity-only generalisations are conduct.public-trust's.
_WORK_GROUP = frozenset(
    {"family", "families", "list", "run", "lassie", "lads", "lad", "fella", "type", "ones", "mum", "mums", "parents"}
)
_DISPARAGING = frozenset(
    {
        "conduct.insult",
        _PERSON_INSULT,
        "conduct.sarcasm",
        "conduct.mock",
        "conduct.group",
        "conduct.dread",
        "conduct.body-mock",
    }
)
_SHORT = 60  # tokens: in a post this short, words anywhere in it belong together


def _window(view: TextView) -> int:
    return 10_000 if len(view.tokens) <= _SHORT else 15


class _ConductCheck(TermsCheck):
    """Reads a post as a reader would: masked spellings ("f**k", "b*****d", "sh1t") spelt out first."""

    def __init__(self, context: CheckContext) -> None:
        super().__init__(context)
        self.unmasker = _unmasker(self.terms.rules)

    def view(self, text: TextItem) -> TextView:
        """The post's view with masked words spelt out (the same length, so offsets still fit the text)."""
        memo = text.view.memo
        view = memo.get("conduct.unmasked")
        if view is None:
            raw = text.text
            if "*" not in raw and "@" not in raw and "$" not in raw and "!" not in raw and not text.view.has_digit:
                memo["conduct.unmasked"] = text.view  # nothing masked: most posts stop here
                return text.view
            plain = self.unmasker.unmask(raw)
            view = memo["conduct.unmasked"] = text.view if plain is text.text else TextView(plain)
        return cast(TextView, view)  # NOTE: only this method writes the key

    def hits(self, text: TextItem) -> dict[str, list[Match]]:
        return self.view(text).hits(self.terms.index)


_UNMASKERS: dict[int, tuple[RuleSet, Unmasker]] = {}


def _unmasker(rules: RuleSet) -> Unmasker:
    cached = _UNMASKERS.get(id(rules))
    if cached is not None and cached[0] is rules:
        return cached[1]
    found = Unmasker(rules.terms("conduct.profanity"), rules.terms("conduct.profanity-noun"))
    _UNMASKERS.clear()
    _UNMASKERS[id(rules)] = (rules, found)
    return found


_PHRASES: dict[tuple[int, str], frozenset[tuple[str, ...]]] = {}


def _phrases(rules: RuleSet, category: str) -> frozenset[tuple[str, ...]]:
    """A word-list category as a set of token tuples ("he's a" → ("he's", "a")), read once per rule set."""
    key = (id(rules), category)
    found = _PHRASES.get(key)
    if found is None:
        found = _PHRASES[key] = frozenset(
            tuple(TextView(t).tokens) for t in rules.terms(category) if TextView(t).tokens
        )
    return found


def _pointer_before(view: TextView, first: int, pointers: frozenset[tuple[str, ...]]) -> tuple[int, int] | None:
    """(start, end) tokens of a pointer ending within a few tokens before `first` ("he's a total ___", "you ___")."""
    tokens = view.tokens
    for end in range(first - 1, max(-1, first - 1 - 2 * _POINTER_GAP), -1):
        for size in (1, 2, 3):
            start = end - size + 1
            if start < 0:
                break
            words = tuple(tokens[start : end + 1])
            if words in pointers and (first - end <= _POINTER_GAP or words[0] in _YOU):
                return start, end
    return None


class _TokenSpan:
    """Tokens i..j of a view in the shape of a phrase match."""

    __slots__ = ("start", "end", "term", "first_token", "last_token")

    def __init__(self, view: TextView, i: int, j: int) -> None:
        self.first_token, self.last_token = i, j
        self.start, self.end = view.starts[i], view.ends[j]
        self.term = " ".join(view.tokens[i : j + 1])


class _Located(Protocol):
    """What a finding reads of a match: its character offsets and words (a Match, a _TokenSpan or a _Span)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def term(self) -> str: ...


_Remark = tuple[_Located, Spanned | None, bool]  # (insult, target, about people who use services)
_Found = tuple[_Located, _Located, str, Severity, str]  # (match, the other match, kind, severity, why)
_T = TypeVar("_T", bound=Spanned)


class _Span:
    """A regex match in the shape of a phrase match (start, end, term), so findings treat both alike."""

    __slots__ = ("start", "end", "term")

    def __init__(self, m: re.Match[str]) -> None:
        self.start, self.end, self.term = m.start(), m.end(), m.group()


def _written(text: str, match: _Located) -> str:
    """The words of a match as the post wrote them (masked spellings stay masked)."""
    return text[match.start : match.end]


def _own_children(view: TextView, target: Spanned) -> bool:
    """True for "my kids", "our boys": the author's own children, not people on a caseload."""
    first = target.first_token
    words = target.term.lower().split()
    if first > 1 and view.tokens[first - 1] == "own":
        first -= 1  # "my own kids", "our own weans"
    return first > 0 and view.tokens[first - 1] in ("my", "our") and words[-1] in _OWN_CHILDREN and len(words) == 1


def _mentioned(text: str, match: _Located) -> bool:
    """True when the word alone stands in quotation marks ("'Feral' is a word I hear …"): mentioned, not used.
    A longer quotation of the writer's own words ("I called him a 'sleekit wee weasel'") is still used."""
    start, end = match.start, match.end
    if start == 0 or end >= len(text):
        return False
    closing = _QUOTES.get(text[start - 1])
    return closing is not None and text[end] == closing


def _quoted(text: str, start: int, end: int) -> bool:
    """True when text[start:end] stands inside quotation marks: someone else's words, quoted."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    for opening, closing in _QUOTES.items():
        i = text.rfind(opening, line_start, start)
        if i == -1:
            continue
        if opening == "'" and (i > 0 and text[i - 1].isalnum()):
            continue  # an apostrophe ("don't"), not a quotation mark
        j = text.find(closing, end, line_end)
        while opening == "'" and j != -1 and j + 1 < len(text) and text[j + 1].isalpha():
            j = text.find(closing, j + 1, line_end)
        if j != -1:
            return True
    return False


_AUTHOR = frozenset({"i", "me", "i'd", "i'll", "we", "we'd", "i've", "i'm", "gonna", "would"})
_CALLED = frozenset({"call", "calls", "called", "calling", "named", "branded", "labelled", "labeled"})


def _called(view: TextView, match: Spanned) -> bool:
    """True when the word is what someone was called ("a teacher who called her mum a smackhead"): reported."""
    lo = max(0, match.first_token - 4)
    for i in range(lo, match.first_token):
        if view.tokens[i] in _CALLED:
            return i == 0 or view.tokens[i - 1] not in _AUTHOR
    return False


def _negated(view: TextView, match: Spanned) -> bool:
    """True when a negation stands just before the match ("are not vermin", "never a drain")."""
    lo = max(0, match.first_token - 2)
    return any(view.tokens[i] in _NEGATORS for i in range(lo, match.first_token))


_SENTENCE_END = frozenset(".!?\n;")
_CLAUSE_BREAK = frozenset(
    {
        "and",
        "but",
        "because",
        "cos",
        "when",
        "if",
        "while",
        "whilst",
        "whereas",
        "than",
        "so",
        "or",
        "though",
        "although",
        "until",
        "unless",
        "since",
        "as",
        "where",
        "which",
        "whose",
    }
)
_INSTITUTION = frozenset(
    {
        "council",
        "trust",
        "board",
        "management",
        "department",
        "organisation",
        "organization",
        "employer",
        "hr",
        "service",
        "services",
        "authority",
        "government",
        "nhs",
        "workplace",
        "company",
        "agency",
        "partnership",
        "ministry",
        "office",
    }
)
_RELATIVE = frozenset({"who", "whom", "whose", "which", "that"})
_SUBJECT_GAP = 6  # tokens from a target to the verb that links it to a verdict ("Cis people, on the whole, are")
_VERDICT_GAP = 3  # words such as "just", "so", "a", "total" between that verb and the verdict


_WORDS: dict[tuple[int, str], frozenset[str]] = {}  # NOTE: apart from _PHRASES, which holds token tuples per category


def _words(rules: RuleSet, category: str) -> frozenset[str]:
    key = (id(rules), category)
    found = _WORDS.get(key)
    if found is None:
        found = _WORDS[key] = frozenset(rules.terms(category))
    return found


def _same_sentence(text: str, a: int, b: int) -> bool:
    """True when nothing that ends a sentence stands between offsets a and b."""
    return not any(ch in _SENTENCE_END for ch in text[a:b])


def _verdict(
    rules: RuleSet, view: TextView, targets: Sequence[_T], verdicts: Sequence[Match]
) -> tuple[_T, Match] | None:
    """(target, verdict): a strongly negative verdict that the grammar pins on a target in the same sentence.

    Two shapes: the target is the subject of a linking verb whose complement is the verdict ("Cis people,
    on the whole, are just awful", "The WHO is a criminal enterprise"), or the verdict stands right before
    the target as its adjective ("vile Tories"). A target that is the object of a preposition or a verb of
    support ("violence against Muslims is evil", "welcome refugees") is not the one judged, and a verdict
    with a negation before it ("are not awful") is no verdict.
    """
    if not targets or not verdicts:
        return None
    tokens, text = view.tokens, view.text
    copula = _words(rules, "conduct.copula")
    undone = _words(rules, "conduct.verdict-undone")
    filler = _words(rules, "conduct.intensifier")
    leads = _words(rules, "conduct.object-lead")
    for target in targets:
        t0, t1 = target.first_token, target.last_token
        if t0 > 0 and tokens[t0 - 1] in leads:
            continue
        if t1 + 1 < len(tokens) and tokens[t1 + 1] in ("'s", "s"):
            continue  # "the government's policy is awful": the policy is judged
        for verdict in verdicts:
            v0 = verdict.first_token
            if _negated(view, verdict) or (
                verdict.last_token + 1 < len(tokens) and tokens[verdict.last_token + 1] in undone
            ):
                continue
            if v0 > t1:
                if not _same_sentence(text, target.end, verdict.start):
                    continue
                if not _RELATIVE.isdisjoint(tokens[max(0, t0 - 4) : t0]):
                    continue  # "landlords who refuse DSS tenants are a disgrace": the tenants are not the subject
                link = next((i for i in range(t1 + 1, min(v0, t1 + 1 + _SUBJECT_GAP)) if tokens[i] in copula), None)
                if link is None or v0 - link - 1 > _VERDICT_GAP:
                    continue
                gap = text[target.end : view.starts[link]]
                if gap.count(",") % 2 or not _CLAUSE_BREAK.isdisjoint(tokens[t1 + 1 : link]):
                    continue  # "… if the family need it, mobiles are useless": another clause's subject
                if all(tokens[i] in filler for i in range(link + 1, v0)):
                    return target, verdict
            elif verdict.last_token < t0 and t0 - verdict.last_token <= 2:
                if all(tokens[i] in filler for i in range(verdict.last_token + 1, t0)) and _same_sentence(
                    text, verdict.end, target.start
                ):
                    return target, verdict
    return None


def _verdicts(hits: dict[str, list[Match]]) -> list[Match]:
    """Every strongly negative verdict word in a post: the sentiment lexicon's and the obscene insults."""
    return [
        *hits.get("conduct.evaluation", ())[:50],
        *hits.get("conduct.insult-strong", ())[:20],
        *hits.get("conduct.class-slur", ())[:20],
    ]


def _mention_targets(view: TextView) -> list[_TokenSpan]:
    """The tokens of each @-mention ("@SomeMP"), as targets a verdict may be pinned on."""
    found: list[_TokenSpan] = []
    for m in _MENTION.finditer(view.text):
        start = m.start() + 1
        for i, s in enumerate(view.starts):
            if s == start or s == m.start():
                found.append(_TokenSpan(view, i, i))
                break
    return found


class DisparagingCheck(_ConductCheck):
    """Derogatory remarks about people who use services, colleagues, the employer or other professions."""

    id = "conduct.disparaging"
    title = "A post disparages people you work with or for"

    def wants(self, text: TextItem) -> bool:
        hits = self.hits(text)
        if not _DISPARAGING.isdisjoint(hits):
            return True
        verdict = "conduct.evaluation" in hits or "conduct.insult-strong" in hits or "conduct.class-slur" in hits
        if verdict and "conduct.lineage" in hits:
            return True
        view = self.view(text)
        if "conduct.dismiss-word" in hits and self.terms.rules.search("conduct.dismissal", view.text, view):
            return True
        return verdict and (
            "conduct.target.su" in hits
            or "person.caseload" in hits
            or "conduct.target.work" in hits
            or bool(self.terms.rules.search("conduct.pupils", view.text, view))
        )

    def _check_text(self, text: TextItem, snapshot: Snapshot) -> Iterator[Finding]:
        for insult, target, about_users in _disparaged(self, text):
            severity = Severity.HIGH if about_users else Severity.MEDIUM
            if not about_users and self.terms.role_shown(snapshot):
                severity = severity.raised()
            who = (
                "people who use services or their families"
                if about_users
                else "colleagues, your employer or another profession"
            )
            who = f"{who} ({target.term})" if target is not None else "someone you know through work"
            remark = _written(text.text, insult)
            finding = self.finding(
                snapshot,
                severity=severity,
                item=text.item,
                text=text.text,
                span=(insult.start, insult.end),
                why=f'This post calls {who} "{remark}" in public. Derogatory remarks damage '
                "trust in you and in the service, whoever they are about.",
                details=[
                    f"remark: {remark}",
                    f"about: {target.term if target is not None else 'someone met through work'}",
                ],
                advice=[
                    "Delete the post. Raise concerns about colleagues or services through supervision or formal routes."
                ],
            )
            finding.kind = "contempt-service-users" if about_users else "contempt-colleagues"
            yield finding
            return


def _disparaged(check: _ConductCheck, text: TextItem) -> list[_Remark]:
    """The first remark aimed at people met through work: (insult, target, about people who use services)."""
    memo = text.view.memo
    key = ("conduct.disparaged", id(check.terms))
    found = memo.get(key)
    if found is None:
        found = memo[key] = _find_disparaged(check, text)
    return cast("list[_Remark]", found)  # NOTE: only this function writes the key


def _find_disparaged(check: _ConductCheck, text: TextItem) -> list[_Remark]:
    view = check.view(text)
    hits = check.hits(text)
    if "context.fiction" in hits or (_DISPARAGING.isdisjoint(hits) and not _verdicts(hits)):
        return []
    window = _window(view)
    a = analyse(text.view, check.terms)
    person = [a.subject] if a.subject is not None and (a.about_work or service_user_details(a)) else []
    users = [*hits.get("conduct.target.su", ()), *hits.get("person.caseload", ()), *person, *_pupils(check, view)]
    if not (a.about_work or a.jargon):
        users = [u for u in users if not _own_children(view, u)]
    if "conduct.abuse" in hits or _DISPARAGING.intersection(hits):
        # what someone was called, or the word itself held up in quotation marks ("'Feral' is a word I hear …")
        hits = {
            **hits,
            **{
                c: [m for m in hits[c] if not _called(view, m) and not _mentioned(view.text, m)]
                for c in _DISPARAGING
                if c in hits
            },
        }
    about_work = a.about_work or a.jargon or "conduct.on-shift" in hits
    found = list(_aimed(hits, users, window, about_work, view))[:1]
    if not found and about_work:
        found = _body_mocked(check, hits, view, users)
    if not found and "conduct.reported" not in hits:
        found = _judged_at_work(check, hits, view, users) or _lineage(hits, view)
    if not found and about_work:
        dismissals = (
            check.terms.rules.search("conduct.dismissal", view.text, view) if "conduct.dismiss-word" in hits else []
        )
        found = [(_Span(m), None, False) for m in dismissals[:1] if not _quoted(view.text, m.start(), m.end())]
    return found


def _pupils(check: _ConductCheck, view: TextView) -> list[_TokenSpan]:
    """ "my S4", "my year 9s", "my economics class": the people a teacher or tutor works with, as targets."""
    found = []
    for m in check.terms.rules.search("conduct.pupils", view.text, view)[:5]:
        first = next((i for i, e in enumerate(view.ends) if e > m.start()), None)
        last = next((i for i in range(len(view.starts) - 1, -1, -1) if view.starts[i] < m.end()), None)
        if first is not None and last is not None and first <= last:
            found.append(_TokenSpan(view, first, last))
    return found


def _lineage(hits: dict[str, list[Match]], view: TextView) -> list[_Remark]:
    """Contempt handed down a family ("vile like her mother and father", "thick, like the rest of them"): a verdict
    word in the same sentence as the comparison. The writer's own family ("my son is stubborn like his dad") is not."""
    lines = hits.get("conduct.lineage", ())
    if not lines:
        return []
    verdicts = [v for v in _verdicts(hits) if not _quoted(view.text, v.start, v.end) and not _negated(view, v)]
    for line in lines[:5]:
        for verdict in verdicts:
            a, b = sorted((line, verdict), key=lambda m: m.start)
            if not _same_sentence(view.text, a.end, b.start):
                continue
            lo = max(0, a.first_token - 6)
            if any(
                view.tokens[i] in ("my", "our") and i + 1 < len(view.tokens) and view.tokens[i + 1] in _OWN
                for i in range(lo, a.first_token)
            ):
                return []
            return [(verdict, line, True)]
    return []


def _judged_at_work(
    check: _ConductCheck, hits: dict[str, list[Match]], view: TextView, users: Sequence[Spanned]
) -> list[_Remark]:
    """A strongly negative verdict pinned by grammar on people met through work ("the residents on my unit are
    vile", "my manager is a pathetic excuse"): contempt for them."""
    verdicts = [v for v in _verdicts(hits) if not _quoted(view.text, v.start, v.end) and not _called(view, v)]
    if not verdicts:
        return []
    judged = _verdict(check.terms.rules, view, users, verdicts)
    if judged is not None:
        return [(judged[1], judged[0], True)]
    # An institution (the council, the trust, management) judged as "useless" or "a disgrace" is criticism of a
    # service; name-calling of it, or any verdict on a person there, is contempt.
    policy = _words(check.terms.rules, "conduct.policy-verdict")
    people = [t for t in hits.get("conduct.target.work", ())[:20] if _INSTITUTION.isdisjoint(t.term.lower().split())]
    institutions = [t for t in hits.get("conduct.target.work", ())[:20] if t not in people]
    judged = _verdict(check.terms.rules, view, people, verdicts) or _verdict(
        check.terms.rules, view, institutions, [v for v in verdicts if v.term.lower() not in policy]
    )
    if judged is not None:
        return [(judged[1], judged[0], False)]
    return []


def _body_mocked(
    check: _ConductCheck, hits: dict[str, list[Match]], view: TextView, users: Sequence[Spanned]
) -> list[_Remark]:
    """A laugh at a person's body in a post about work ("legs like two pipe cleaners 😂", "Mr 28 stone 💀")."""
    if _LAUGH.search(view.text) is None:
        return []
    mocks = hits.get("conduct.body-mock", ())
    if not mocks:
        return []
    if users:
        return [(mocks[0], users[0], True)]
    people = _phrases(check.terms.rules, "conduct.person")
    tokens = view.tokens
    for i in range(len(tokens)):
        for size in (1, 2):
            if tuple(tokens[i : i + size]) in people:
                return [(mocks[0], _TokenSpan(view, i, i + size - 1), True)]
    return []


def _aimed(
    hits: dict[str, list[Match]], users: Sequence[Spanned], window: int, about_work: bool, view: TextView | None = None
) -> Iterator[_Remark]:
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
    # Mock praise aimed at colleagues, managers, another profession or a family ("Truly visionary stuff"), and
    # dread at the thought of them ("some of my S4 … doesn't bear thinking about").
    for remark in [*hits.get("conduct.sarcasm", ())[:20], *hits.get("conduct.dread", ())[:5]]:
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
    contempt = _contempt(hits, window, view)
    if contempt is not None and not _WORK_GROUP.isdisjoint(contempt[0].term.split()):
        yield contempt[1], contempt[0], True


def _contempt(hits: dict[str, list[Match]], window: int, view: TextView | None = None) -> tuple[Match, Match] | None:
    """(group, claim): a sweeping hostile claim about a group (not one someone else was heard to make)."""
    claims = hits.get("conduct.generalise", ())
    if view is not None and claims:
        claims = [
            c
            for c in claims[:200]
            if not _called(view, c) and not _quoted(view.text, c.start, c.end) and not _negated(view, c)
        ]
    for group in hits.get("conduct.group", ())[:200]:
        claim = near(group, claims, window)
        if claim is not None:
            return group, claim
    return None


def _retraction(text: str, untrue: Match) -> bool:
    """A flat retraction standing as its own sentence ("It wasn't." "They hadn't." "There's no bed.")."""
    before = text[: untrue.start].rstrip()
    opens = not before or before[-1] in ".!?\n"
    rest = text[untrue.end :].lstrip()
    closes = not rest or rest[0] in ".!?\n"
    return opens and (closes or untrue.term.startswith("there"))


class PublicTrustCheck(_ConductCheck):
    """Intoxication at or before work, discriminatory or abusive language, boasting of breaking rules."""

    id = "conduct.public-trust"
    title = "A post could undermine public trust"

    def wants(self, text: TextItem) -> bool:
        hits = self.hits(text)
        if not _CONDUCT.isdisjoint(hits):
            return True
        if "conduct.identity" in hits and ("conduct.dehumanise" in hits or "conduct.hostile-lead" in hits):
            return True  # a group named with a hostile claim or word beside it
        if "conduct.wish-word" in hits:
            view = self.view(text)
            if self.terms.rules.search("conduct.harm-wish", view.text, view):
                return True
        if "conduct.threat-word" in hits:
            view = self.view(text)
            rules = self.terms.rules
            if rules.search("conduct.harm-glad", view.text, view) or rules.search(
                "conduct.vehicle-threat", view.text, view
            ):
                return True
        if "conduct.class-slur" in hits:
            return True
        if "conduct.dismiss-word" in hits:
            view = self.view(text)
            if self.terms.rules.search("conduct.dismissal", view.text, view):
                return True
        return ("conduct.evaluation" in hits or "conduct.insult-strong" in hits) and (
            "conduct.identity" in hits or "conduct.public" in hits or "@" in text.text
        )

    def _check_text(self, text: TextItem, snapshot: Snapshot) -> Iterator[Finding]:
        view = self.view(text)
        hits = self.hits(text)
        if "context.fiction" in hits:
            return
        window = _window(view)
        reported = "conduct.reported" in hits  # the writer reports, challenges or is trained against it
        condemned = reported or "conduct.condemn" in hits
        if "context.press" in hits:
            # Talk about the news: only hate and threats of the writer's own count (the story itself does not).
            found = (None if condemned else self._hate(hits, view)) or (
                None if reported else self._abuse(hits, view, True)
            )
        else:
            found = self._found(text, hits, view, window, reported, condemned)
        if found is None:
            return
        match, other, kind, severity, why = found
        if kind == "dishonesty" and _MONEY.search(text.text[max(0, match.start - 60) : match.end + 60]):
            kind = "money"
        if self.terms.role_shown(snapshot) and severity is Severity.MEDIUM:
            severity = severity.raised()
        finding = self.finding(
            snapshot,
            severity=severity,
            item=text.item,
            text=text.text,
            span=(match.start, match.end),
            why=why,
            details=[f"{kind}: {_written(text.text, match)}", f"with: {_written(text.text, other)}"],
            advice=[
                "Delete the post.",
                "If it describes something that really happened at work, talk to your "
                "manager or supervisor about it before anyone else raises it.",
            ],
        )
        finding.kind = _KINDS.get(kind)
        yield finding

    def _found(
        self, text: TextItem, hits: dict[str, list[Match]], view: TextView, window: int, reported: bool, condemned: bool
    ) -> _Found | None:
        """The first kind of conduct the post shows, in order of gravity.

        Contempt for people met through work is conduct.disparaging's: here it counts only when it names a
        group for who they are (religion, race, sexuality…), or threatens.
        """
        work_people = bool(_disparaged(self, text))
        # Keeping quiet about contact with someone from work ("told her I'm not allowed but …", "keep it quiet") is a
        # boundary, which boundaries.service-user-contact reports.
        contact = "boundaries.contact" in hits and "boundaries.platform" in hits
        return (
            (
                None
                if condemned
                else self._hate(hits, view, groups_only=work_people)
                or self._discrimination(hits, window, view, insults_aside=work_people)
            )
            or (None if reported else self._abuse(hits, view, condemned or work_people))
            or (None if condemned or work_people else self._name_calling(hits, view) or self._judged(hits, view))
            or (None if reported or work_people else self._class_slur(hits, view))
            or self._intoxication(hits, window, view)
            or (None if contact else self._boast(hits, window, view) or self._dishonest(hits, window, view))
        )

    def _hate(self, hits: dict[str, list[Match]], view: TextView, groups_only: bool = False) -> _Found | None:
        """A group named for who they are, made less than human, a danger or unwelcome ("[group] are vermin",
        "send them back", "bloody [group]"): discrimination, with or without any word about work."""
        for expel in () if groups_only else hits.get("conduct.expel", ())[:20]:
            if not _quoted(view.text, expel.start, expel.end) and not _negated(view, expel):
                return (
                    expel,
                    expel,
                    "discriminatory remark",
                    Severity.HIGH,
                    f'This post tells people to leave the country ("{_written(view.text, expel)}"). Discriminatory '
                    "remarks are among the commonest reasons regulators act over social media, at work or away from it.",
                )
        groups = [g for g in hits.get("conduct.identity", ())[:200] if not _quoted(view.text, g.start, g.end)]
        if not groups:
            return None
        claims = [
            c
            for c in hits.get("conduct.dehumanise", ())[:200]
            if not _negated(view, c) and not _quoted(view.text, c.start, c.end) and not _called(view, c)
        ]
        for group in groups:
            claim = near(group, claims, _HATE_WINDOW)
            if claim is not None:
                return (
                    group,
                    claim,
                    "discriminatory remark",
                    Severity.HIGH,
                    f"This post makes a hostile claim about a group of people ({_written(view.text, group)}: "
                    f'"{_written(view.text, claim)}"). Discriminatory remarks are among the commonest reasons '
                    "regulators act over social media, at work or away from it.",
                )
        verdicts = [v for v in _verdicts(hits) if not _quoted(view.text, v.start, v.end) and not _called(view, v)]
        judged = _verdict(self.terms.rules, view, groups, verdicts)
        if judged is not None:
            group, verdict = judged
            return (
                group,
                verdict,
                "discriminatory remark",
                Severity.HIGH,
                f"This post passes a hostile verdict on a group of people ({_written(view.text, group)}: "
                f'"{_written(view.text, verdict)}"). Discriminatory remarks are among the commonest reasons '
                "regulators act over social media, at work or away from it.",
            )
        leads = hits.get("conduct.hostile-lead", ())
        for group in groups:
            for lead in leads:
                gap = group.first_token - lead.last_token
                between = view.tokens[lead.last_token + 1 : group.first_token]
                if (
                    1 <= gap <= 3
                    and all(w in ("the", "all", "these", "those", "of", "them") for w in between)
                    and not _negated(view, lead)
                ):
                    return (
                        group,
                        lead,
                        "discriminatory remark",
                        Severity.HIGH,
                        f'This post names a group of people with contempt ("{view.text[lead.start : group.end]}"). '
                        "Discriminatory remarks are among the commonest reasons regulators act over social media, "
                        "at work or away from it.",
                    )
        return None

    def _judged(self, hits: dict[str, list[Match]], view: TextView) -> _Found | None:
        """A public figure or institution, named or @-mentioned, given a strongly negative verdict ("@SomeMP is a
        disgusting liar", "The WHO is a criminal enterprise"): abuse of a person, not political argument."""
        targets = [*hits.get("conduct.public", ())[:20], *_mention_targets(view)]
        policy = _words(self.terms.rules, "conduct.policy-verdict")
        verdicts = [
            v
            for v in _verdicts(hits)
            if not _quoted(view.text, v.start, v.end) and not _called(view, v) and v.term.lower() not in policy
        ]
        judged = _verdict(self.terms.rules, view, targets, verdicts)
        if judged is None:
            return None
        target, verdict = judged
        return (
            verdict,
            target,
            "abuse",
            Severity.MEDIUM,
            f'This post calls {_written(view.text, target)} "{_written(view.text, verdict)}" in public. Abuse of '
            "named people and bodies, even public ones, breaks the standard of behaviour the regulator expects of "
            "you outside work too.",
        )

    def _class_slur(self, hits: dict[str, list[Match]], view: TextView) -> _Found | None:
        """A sneer at people for their class, poverty or supposed vice ("a scrounger", "pervs", "a bigot"), at anyone:
        still name-calling when the post condemns something else in the same breath."""
        if "conduct.banter" in hits:
            return None
        for slur in hits.get("conduct.class-slur", ())[:5]:
            if not _quoted(view.text, slur.start, slur.end) and not _called(view, slur) and not _negated(view, slur):
                return (
                    slur,
                    slur,
                    "abuse",
                    Severity.MEDIUM,
                    f'This post calls people "{_written(view.text, slur)}". A sneer at people\'s class, poverty or '
                    "supposed vice is abusive name-calling, and regulators treat it as such outside work too.",
                )
        return None

    def _name_calling(self, hits: dict[str, list[Match]], view: TextView) -> _Found | None:
        """An obscene insult pointed at a person ("he's a total c**t", "absolute bellend", "you w*nker")."""
        if "conduct.banter" in hits:
            return None
        for aimed in hits.get("conduct.insult-aimed", ())[:5]:
            if not _quoted(view.text, aimed.start, aimed.end) and not _called(view, aimed):
                return (
                    aimed,
                    aimed,
                    "abuse",
                    Severity.MEDIUM,
                    f'This post calls people "{_written(view.text, aimed)}". Abusive name-calling in public, at anyone, '
                    "breaks the standard of behaviour the regulator expects of you outside work too.",
                )
        pointers = _phrases(self.terms.rules, "conduct.pointer")
        for insult in hits.get("conduct.insult-strong", ())[:50]:
            if _quoted(view.text, insult.start, insult.end) or _called(view, insult):
                continue
            pointer = _pointer_before(view, insult.first_token, pointers)
            if pointer is not None:
                lo = max(0, pointer[0] - 4)
                if any(view.tokens[i] in _OWN for i in range(lo, pointer[0])):
                    return None  # "my brother is such a twat": family banter
                return (
                    insult,
                    insult,
                    "abuse",
                    Severity.MEDIUM,
                    f'This post calls someone "{_written(view.text, insult)}". Abusive name-calling in public, '
                    "at anyone, breaks the standard of behaviour the regulator expects of you outside work too.",
                )
        return None

    def _discrimination(
        self, hits: dict[str, list[Match]], window: int, view: TextView | None = None, insults_aside: bool = False
    ) -> _Found | None:
        contempt = _contempt(hits, window, view)
        if contempt is not None and insults_aside:
            # "these families are scum" is contempt (conduct.disparaging's); "they all smell the same" is a trait
            # pinned on a group, which is discrimination.
            claim = contempt[1]
            if any(
                m.first_token <= claim.last_token and claim.first_token <= m.last_token
                for m in hits.get("conduct.insult", ())
            ):
                contempt = None
        if contempt is not None:
            group, claim = contempt
            return (
                group,
                claim,
                "discriminatory remark",
                Severity.HIGH,
                f'This post makes a sweeping hostile claim about a group ({group.term}: "{claim.term}"). '
                "Discriminatory language is among the most serious conduct concerns for the regulator.",
            )
        for mock in hits.get("conduct.mock", ())[:1]:
            return (
                mock,
                mock,
                "mockery",
                Severity.HIGH,
                f'This post mocks how a person speaks or moves ("{mock.term}"). Ridiculing people for who they '
                "are is discriminatory behaviour the regulator treats as serious.",
            )
        for slur in hits.get("conduct.slur", ())[:1]:
            return (
                slur,
                slur,
                "slur",
                Severity.HIGH,
                f'This post uses a slur ("{slur.term}"). Discriminatory language is among the most serious '
                "conduct concerns for the regulator, whoever it is said about.",
            )
        return None

    def _abuse(self, hits: dict[str, list[Match]], view: TextView, threats_only: bool = False) -> _Found | None:
        """Abuse aimed at a person: an abusive word with "you" beside it, or a wish that someone dies."""
        for alone in hits.get("conduct.abuse-alone", ())[:20]:
            if not _quoted(view.text, alone.start, alone.end) and not _negated(view, alone):
                return (
                    alone,
                    alone,
                    "threat",
                    Severity.HIGH,
                    f'This post wishes harm on someone or threatens them ("{_written(view.text, alone)}"). Threats '
                    "and wishing illness or death on anyone are treated by regulators as serious misconduct, online or off.",
                )
        for m in self.terms.rules.search("conduct.harm-wish", view.text, view)[:5]:
            wish = _Span(m)
            if not _quoted(view.text, wish.start, wish.end):
                return (
                    wish,
                    wish,
                    "threat",
                    Severity.HIGH,
                    f'This post wishes harm on someone ("{_written(view.text, wish)}"). Wishing illness, injury or '
                    "death on anyone is treated by regulators as serious misconduct, online or off.",
                )
        for name in ("conduct.harm-glad", "conduct.vehicle-threat"):
            for m in self.terms.rules.search(name, view.text, view)[:5] if "conduct.threat-word" in hits else ():
                threat = _Span(m)
                if not _quoted(view.text, threat.start, threat.end):
                    return (
                        threat,
                        threat,
                        "threat",
                        Severity.HIGH,
                        f'This post threatens people or rejoices in their harm ("{_written(view.text, threat)}"). '
                        "Threats and gladness at anyone's death or suffering are treated by regulators as serious "
                        "misconduct, online or off.",
                    )
        for m in (
            self.terms.rules.search("conduct.dismissal", view.text, view)[:3] if "conduct.dismiss-word" in hits else ()
        ):
            told = _Span(m)
            if not threats_only and not _quoted(view.text, told.start, told.end):
                return (
                    told,
                    told,
                    "abuse",
                    Severity.MEDIUM,
                    f'This post tells someone, obscenely, where to go ("{_written(view.text, told)}"). Abusive language '
                    "in public, to anyone, breaks the standard of behaviour the regulator expects of you outside work too.",
                )
        if "conduct.banter" in hits:
            return None  # "happy birthday you old boot": teasing a friend
        mention = _MENTION.search(view.text) is not None  # a reply to @someone is aimed at them
        for word in () if threats_only else hits.get("conduct.abuse", ())[:50]:
            you = near(word, hits.get("conduct.you", ()), _YOU_WINDOW) or (word if mention else None)
            if (
                you is not None
                and not _quoted(view.text, word.start, word.end)
                and not _called(view, word)
                and not _negated(view, word)
            ):
                return (word, you, "abuse", Severity.HIGH, self._abuse_why(_written(view.text, word)))
        return None

    @staticmethod
    def _abuse_why(word: str) -> str:
        return (
            f'This post aims abuse at a person ("{word}"). Abusive language in public, to anyone, '
            "breaks the standard of behaviour the regulator expects of you outside work too."
        )

    def _dishonest(self, hits: dict[str, list[Match]], window: int, view: TextView) -> _Found | None:
        """Saying a duty was done when it was not, altering records, misleading a panel, money from families."""
        for act in hits.get("conduct.dishonest", ())[:200]:
            duty = (
                near(act, hits.get("conduct.duty", ()), window)
                or near(act, hits.get("conduct.work-now", ()), window)
                or near(act, hits.get("conduct.family", ()), window)
            )
            if duty is not None:
                return (
                    act,
                    duty,
                    "dishonesty",
                    Severity.MEDIUM,
                    f"This post describes being dishonest about the job or breaking a rule meant to keep people "
                    f'safe ("{act.term}" … "{duty.term}"). It reads as an admission, and the regulator treats '
                    "honesty and safe practice as core to public trust.",
                )
        for told in hits.get("conduct.told", ())[:20]:
            after = [
                u
                for u in hits.get("conduct.untrue", ())
                if u.first_token > told.last_token and _retraction(view.text, u)
            ]
            untrue = near(told, after, _TOLD_WINDOW)
            if untrue is not None:
                return (
                    told,
                    untrue,
                    "dishonesty",
                    Severity.MEDIUM,
                    f'This post says you told someone who relies on you something that was not so ("{told.term}" … '
                    f'"{untrue.term}"). Misleading a court, a panel, a manager or a family is a serious breach of trust.',
                )
        return None

    def _intoxication(self, hits: dict[str, list[Match]], window: int, view: TextView) -> _Found | None:
        if "conduct.off-today" in hits:
            return None  # a drink on a day off or on leave is not drinking at work
        drinks = hits.get("conduct.intox", ())
        if "conduct.after-work" in hits:
            # a drink after work is not drinking at work, unless it is still affecting the writer the next day
            drinks = hits.get("conduct.carryover", ())
        # "her grandmother … drunk on gin" is a family story; "her insulin" is a duty
        duties = [
            d
            for d in hits.get("conduct.duty", ())
            if d.term not in _PRONOUNS
            or d.last_token + 1 >= len(view.tokens)
            or view.tokens[d.last_token + 1] not in _KIN
        ]
        for drink in drinks[:200]:
            work = near(drink, hits.get("conduct.work-now", ()), window) or near(drink, duties, window)
            if work is not None:
                return (
                    drink,
                    work,
                    "intoxication",
                    Severity.MEDIUM,
                    f'This post says you were drunk or hungover ("{drink.term}") at or before work '
                    f'("{work.term}"). It suggests people were put at risk and harms trust in the service.',
                )
        return None

    def _boast(self, hits: dict[str, list[Match]], window: int, view: TextView) -> _Found | None:
        for boast in hits.get("conduct.rule-boast", ())[:200]:
            duty = near(boast, hits.get("conduct.duty", ()), window)
            if duty is not None and _authors_own(boast, hits, view):
                return (
                    boast,
                    duty,
                    "rule broken",
                    Severity.MEDIUM,
                    f'This post boasts of skipping or faking part of the job ("{boast.term}" … "{duty.term}"). '
                    "It reads as an admission of unsafe practice, and may be one.",
                )
        return None


def _authors_own(act: Match, hits: dict[str, list[Match]], view: TextView) -> bool:
    """True unless someone else is the subject of `act` earlier in its sentence, with no "I" or "we" there."""
    text = view.text
    sentence = max(text.rfind(mark, 0, act.start) for mark in ".!?\n") + 1
    first = next((i for i in range(act.first_token - 1, -1, -1) if view.starts[i] < sentence), -1) + 1

    def before(category: str) -> bool:
        return any(first <= m.first_token < act.first_token for m in hits.get(category, ()))

    return before("actor.self") or not before("actor.other")
