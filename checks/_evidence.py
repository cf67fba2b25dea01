"""One reading of a text that every check shares: who it is about, in which context, with which details.

`analyse(view, terms)` runs once per post (memoised on the TextView) and answers the
questions the checks ask: does the author say what they do? Is this about work? Is it about a
single person, and which identifying details (age, place, family, school, court, diagnosis…)
come together? Is the story already public (press) or invented (a case study, a novel)?
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar, cast

from footprint.models import Finding
from footprint.plugins.checks import ProfileTerms
from footprint.text import Match, TextView

# The kinds of detail that together can single out a person, in the words the report uses.
KINDS = {
    "age": "an age",
    "name": "a name or initials",
    "place": "a place",
    "family": "a family relationship",
    "school": "a school",
    "legal": "a court, hearing, order or care process",
    "health": "a diagnosis or condition",
    "history": "a past job or life history",
    "origin": "a nationality or immigration status",
    "event": "what happened to them",
    "home": "where or how they live",
}
_DETAIL_CATEGORIES = {
    "detail.family": "family",
    "detail.school": "school",
    "detail.legal": "legal",
    "detail.health": "health",
    "detail.history": "history",
    "detail.origin": "origin",
    "detail.event": "event",
    "detail.living": "home",
    "detail.case": "event",
}
# Only texts with one of these (or a digit) can describe a person in detail.
PERSONISH = frozenset(
    {"person.noun", "person.caseload", "person.group", "profile.place", "profile.locality", *_DETAIL_CATEGORIES}
)
_PREPOSITIONS = frozenset(
    {"from", "fae", "in", "at", "near", "outside", "around", "on", "off", "beside", "by"}
)  # "on Hoy", "up in Dounby"
_ARTICLES = frozenset({"the", "a", "an"})


@dataclass
class Analysis:
    """What one text says, as far as the checks are concerned."""

    hits: dict[str, list[Match]]
    role_self: Match | None = None
    work: bool = False
    caseload: bool = False
    own: bool = False
    public_story: bool = False
    subject: Match | None = None
    jargon: bool = False
    ward: bool = False  # a ward, room, bed or bay number: a care setting
    details: dict[str, str] = field(default_factory=dict)
    anchor_at: Match | tuple[int, int] | None = None

    @property
    def anchor(self) -> tuple[int, int]:
        """The character span the report's excerpt is cut around (the person, or their age)."""
        at = self.anchor_at
        if at is None:
            return (0, 0)
        return at if isinstance(at, tuple) else (at.start, at.end)

    def has(self, category: str) -> bool:
        return category in self.hits

    def first(self, category: str) -> Match | None:
        found = self.hits.get(category)
        return found[0] if found else None

    @property
    def about_work(self) -> bool:
        """The author writes about their own work (cue words, caseload talk, or their role)."""
        return self.work or self.caseload or self.role_self is not None


def analyse(view: TextView, terms: ProfileTerms) -> Analysis:
    """The shared analysis of this text (computed once, then read by every check)."""
    key = ("analysis", id(terms))
    found = view.memo.get(key)
    if found is None:
        found = _analyse(view, terms)
        view.memo[key] = found
    return cast(Analysis, found)  # NOTE: only analyse() writes this key


def _analyse(view: TextView, terms: ProfileTerms) -> Analysis:
    hits = view.hits(terms.index)
    a = Analysis(hits)
    if not hits and not view.has_digit:
        return a
    a.role_self = role_self(view, hits, word_set(terms, "role.not-before"))
    a.work = "context.work" in hits
    a.jargon = "profile.word" in hits
    a.caseload = "person.caseload" in hits or bool(implicit_person(view, terms))
    a.own = (
        "person.own" in hits
        or _kin_as_name(view, hits)
        or bool(terms.rules.search("person.own.phrase", view.text, view))
        or bool(terms.rules.search("person.own.name", view.text, view))
    )
    a.public_story = "context.press" in hits or "context.fiction" in hits
    if view.has_digit or not PERSONISH.isdisjoint(hits):
        _details(view, terms, a)
    return a


_KIN_NAMES = frozenset(
    {
        "mum",
        "mum's",
        "mam",
        "mam's",
        "dad",
        "dad's",
        "grandad",
        "grandad's",
        "granny",
        "granny's",
        "gran",
        "gran's",
        "nan",
        "nan's",
        "nana",
        "nana's",
        "papa",
        "papa's",
        "grandma",
        "grandpa",
    }
)
_CARE_MATTERS = frozenset({"detail.legal", "detail.health", "detail.case", "person.caseload", "context.work"})
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "your", "our", "whose", "that", "this", "of", "no"})


def _kin_as_name(view: TextView, hits: dict[str, list[Match]]) -> bool:
    """ "Grandad was a miner", "Mum's 70 today!": a kinship word written as a name is the author's own family,
    unless a care matter is told with it ("Mum crying in the car park" after a foster placement is a client's mum:
    workers write parents as "Mum" and "Dad")."""
    if not _CARE_MATTERS.isdisjoint(hits):
        return False
    for m in hits.get("detail.family", ())[:20]:
        i = m.first_token
        if (
            m.first_token == m.last_token
            and view.tokens[i] in _KIN_NAMES
            and view.capitalised(i)
            and not (i and (view.tokens[i - 1] in _DETERMINERS or view.tokens[i - 1].endswith("'s")))
        ):
            return True
    return False


def implicit_person(view: TextView, terms: ProfileTerms) -> str | None:
    """Someone from work named only by the setting: "one of the lads at the house", "the girls in the unit"."""
    found = terms.rules.search("person.implicit", view.text, view) or terms.rules.search(
        "person.pupil", view.text, view
    )
    return found[0].group() if found else None


def role_self(view: TextView, hits: dict[str, list[Match]], not_before: frozenset[str] = frozenset()) -> Match | None:
    """A job title the author gives as their own ("as a social worker", "#NQSW", "MHO here")."""
    tokens = view.tokens
    frames = [m.last_token for m in hits.get("role.frame-before", ())[:200] if _frame_is_mine(tokens, m.first_token)]
    after = [m.first_token for m in hits.get("role.frame-after", ())[:200]]
    own = hits.get("role.self")
    if own:
        return own[0]
    for m in hits.get("role.title", ())[:200]:
        if any(m.first_token - 4 <= f < m.first_token for f in frames):
            return m
        if m.first_token and tokens[m.first_token - 1] in not_before:
            continue
        if any(m.last_token < f <= m.last_token + 6 for f in after) and _THIRD_PERSON.isdisjoint(
            tokens[max(0, m.first_token - 4) : m.first_token]
        ):
            return m  # "MHO for 8 years", but not "my mum was a social worker for 30 years"
        if any(
            n.last_token >= m.first_token - 4 and n.first_token < m.first_token for n in hits.get("profile.name", ())
        ):
            return m  # "Aileen Mair, Care Worker of the Year"
    for m in (*hits.get("role.title", ())[:3], *hits.get("role.field", ())[:3]):
        if _opens_text(view, m, not_before):
            return m  # "Resi worker, mum, tired." / "Adult safeguarding social worker, proud of it."
    fields = [m.last_token for m in hits.get("role.frame-field", ())]
    for m in hits.get("role.field", ()):
        if any(m.first_token - 2 <= f < m.first_token for f in fields):
            return m
    for m in hits.get("role.tag", ()):
        if view.after_hash(m.first_token):
            return m
    return None


_I = frozenset({"i", "i'm", "i've", "i'd", "i'll", "im", "ive", "me", "myself"})
# Words before "as a …" that make the title a wish or a plan, not the author's job ("thinking of retraining as a nurse").
_WISH = frozenset(
    {
        "thinking",
        "considering",
        "want",
        "wants",
        "wanted",
        "hoping",
        "hope",
        "dream",
        "dreams",
        "dreaming",
        "retraining",
        "retrain",
        "apply",
        "applying",
        "applied",
        "interview",
        "interviewing",
        "if",
        "would",
        "wish",
        "someday",
        "one day",
        "might",
        "maybe",
    }
)


def _frame_is_mine(tokens: list[str], first: int) -> bool:
    """A frame ("as a", "qualified as a", "been a") gives the author's title unless, in the few words before it,
    someone else is its subject ("my brother just qualified as a…", "she's been a…") or it is a wish or a plan
    ("thinking of retraining as a…"); an "I" closer to the frame than either keeps it the author's."""
    for i in range(first - 1, max(-1, first - 7), -1):
        t = tokens[i]
        if t in _I:
            return True
        if t in _THIRD_PERSON or t in _WISH:
            return False
    return True


_LABEL_END = frozenset(",|.:;-–—/·•")
_NAME_WORTHY = frozenset({"health", "legal", "home", "family", "age"})
# Capitalised words that open sentences about something, not someone ("Life is…", "Work was…").
_NOT_FIRST_NAMES = frozenset(
    {
        "life",
        "work",
        "everything",
        "nothing",
        "something",
        "everyone",
        "everybody",
        "nobody",
        "someone",
        "somebody",
        "this",
        "that",
        "there",
        "here",
        "it",
        "what",
        "which",
        "who",
        "why",
        "how",
        "when",
        "where",
        "today",
        "tonight",
        "yesterday",
        "tomorrow",
        "morning",
        "evening",
        "night",
        "time",
        "weather",
        "traffic",
        "coffee",
        "tea",
        "lunch",
        "dinner",
        "breakfast",
        "football",
        "rugby",
        "covid",
        "brexit",
        "parliament",
        "government",
        "council",
        "police",
        "court",
        "school",
        "college",
        "uni",
        "university",
        "management",
        "staff",
        "team",
        "office",
        "mum",
        "dad",
        "nan",
        "gran",
        "granny",
        "grandad",
        "love",
        "family",
        "she",
        "he",
        "they",
        "we",
        "you",
        "one",
        "each",
        "all",
        "both",
        "none",
        "most",
        "some",
        "any",
        "every",
        "another",
        "other",
        "our",
        "your",
        "their",
        "his",
        "her",
        "its",
        "mine",
        "yours",
        "anyone",
        "sleep",
        "rain",
        "snow",
        "sun",
        "summer",
        "winter",
        "spring",
        "autumn",
        "dog",
        "cat",
        "car",
        "house",
        "home",
        "money",
        "supervision",
        "duty",
        "practice",
        "social",
        "care",
        "kinship",
        "fostering",
        "adoption",
        "safeguarding",
        "training",
        "research",
        "policy",
        "news",
        "media",
        "twitter",
        "google",
        "twins",
        "vet",
        "doctor",
        "gp",
        "nurse",
        "teacher",
        "boss",
        "manager",
        "dentist",
        "consultant",
        "surgeon",
        "sheriff",
        "judge",
        "mam",
        "mammy",
        "mummy",
        "daddy",
        "nana",
        "papa",
        "auntie",
        "uncle",
        "stormont",
        "holyrood",
        "westminster",
    }
)
_THIRD_PERSON = frozenset(
    {
        "he",
        "she",
        "he's",
        "she's",
        "they",
        "they're",
        "mum",
        "dad",
        "mother",
        "father",
        "sister",
        "brother",
        "wife",
        "husband",
        "partner",
        "friend",
        "gran",
        "nan",
        "son",
        "daughter",
        "aunt",
        "auntie",
        "uncle",
        "cousin",
        "pal",
        "mate",
        "neighbour",
    }
)


def _opens_text(view: TextView, m: Match, not_before: frozenset[str]) -> bool:
    """A singular title or field that opens the text as a label, ending at a comma, bar or colon.

    People introduce themselves this way ("Resi worker, mum, tired."); someone else's worker
    comes with a possessive or a verb ("my social worker", "Social worker came round").
    """
    if m.first_token > 3 or m.term.endswith("s") or any(t in not_before for t in view.tokens[: m.first_token]):
        return False
    head = view.text[:120].lower()
    at = head.find(m.term.lower())  # found by text search, so no character offsets are computed
    if at < 0:
        return False
    rest = head[at + len(m.term) : at + len(m.term) + 2].strip()
    return rest[:1] in _LABEL_END


def _details(view: TextView, terms: ProfileTerms, a: Analysis) -> None:
    """Collect the kinds of identifying detail, and whether a single person is the subject."""
    hits, rules, text = a.hits, terms.rules, view.text
    own = hits.get("person.own", ())
    subject = next((m for m in hits.get("person.noun", ()) if not _inside(m, own)), None) or a.first("person.caseload")
    for category, kind in _DETAIL_CATEGORIES.items():
        # "Dad of Isla and Rory" in one's own bio, "my mum's": the author's own family is no detail of a client's
        hit = next((m for m in hits.get(category, ()) if not _inside(m, own)), None)
        if hit is not None:
            a.details.setdefault(kind, hit.term)
    people = word_set(terms, "person.noun")
    for m in rules.search("age", text, view):
        nxt = _next_word(text, m.end())
        spoken = "yo" not in m.group().lower() and "y/o" not in m.group().lower()
        if spoken and nxt and nxt.isalpha() and nxt not in word_set(terms, "age.continuation") and nxt not in people:
            continue  # "a 12-year-old cheddar", "my 7-year-old laptop"
        a.details.setdefault("age", m.group().strip())
        if subject is None:
            a.anchor_at = m.span()
    ages = ["age.pronoun", "age.baby", "age.words", "age.spelled", "age.lead", "age.alone"]
    if a.about_work:
        ages.append("age.parent")
    for name in ages:
        for m in rules.search(name, text, view):
            if name == "age.lead" and (
                char_before(text, m.start()) not in ("", ".", "!", "?", ":")
                or (m.start() and not text[m.start() - 1].isspace())
            ):
                continue  # only a number that opens a sentence ("74, retired postmistress"), not "22.04, "
            a.details.setdefault("age", m.group().strip())
            if subject is None:
                a.anchor_at = m.span()
            break
    stop = word_set(terms, "place.not")
    for m in rules.search("age.after-word", text, view):
        word = _word_before(text, m.start())
        if not word or int(m.group(1)) > 110 or word.lower() in stop:
            continue
        a.details.setdefault("age", m.group(1))
        if word[0].isupper() and word.lower() not in people and not word.isupper():
            a.details.setdefault("name", word)
        if subject is None:
            a.anchor_at = m.span()
    for name in ("named", "named.initials", "named.age"):
        for m in rules.search(name, text, view):
            a.details.setdefault("name", m.group().strip())
    if "name" not in a.details and a.details.keys() & _NAME_WORTHY:  # a first name only matters beside a condition
        not_names = word_set(terms, "place.not") | word_set(terms, "workplace.not-name") | _NOT_FIRST_NAMES
        for m in rules.search("named.subject", text, view)[:5]:
            if m.group().lower() not in not_names:  # "Eileen has MS", not "Today was…" or "Christmas is…"
                a.details["name"] = m.group()
                break
    ward = rules.search("place.ward", text, view)
    if ward:
        a.details.setdefault("place", ward[0].group())
        a.ward = True
    school = rules.search("school.named", text, view) if "detail.school" in hits or "school" in a.details else []
    if school:  # "Whitletts Primary": a named school says which school and where
        a.details["school"] = school[0].group()
        a.details.setdefault("place", school[0].group())
    if a.caseload and "name" not in a.details:
        handle = _MENTION.search(text)
        if handle:  # "one of our young people @kaiden.m.0809": their account is their name
            a.details["name"] = handle.group()
    workplace = [*hits.get("profile.employer", ()), *hits.get("profile.team", ())]
    for category in ("profile.place", "profile.locality"):
        # "Fife" inside "Fife Council": the author's employer, not where a person lives
        hit = next((m for m in hits.get(category, ()) if not _overlaps(m, workplace)), None)
        if hit is not None:
            a.details.setdefault("place", hit.term)
    if "school" not in a.details and rules.search("school.year", text, view):
        a.details["school"] = "a school year"
    if "health" not in a.details:
        injury = rules.search("detail.injury", text, view)
        if injury:  # "a burn on his arm the shape of an iron"
            a.details["health"] = injury[0].group()
    if "history" not in a.details:
        past = rules.search("history.ex", text, view)
        if past:
            a.details["history"] = past[0].group()
    if subject is None and not ("age" in a.details or "name" in a.details or ward):
        return
    a.subject = subject
    if subject is not None:
        a.anchor_at = subject
    if "place" not in a.details:
        street = rules.search("street", text, view)
        place = street[0].group() if street else _capitalised_place(view, terms, hits)
        if place:
            a.details["place"] = place


def named_place(view: TextView, terms: ProfileTerms, hits: dict[str, list[Match]]) -> str | None:
    """A place named in the text: a watched place or locality, or a capitalised name after a preposition."""
    for category in ("profile.place", "profile.locality"):
        m = hits.get(category)
        if m:
            return m[0].term
    return _capitalised_place(view, terms, hits)


def _capitalised_place(view: TextView, terms: ProfileTerms, hits: dict[str, list[Match]]) -> str | None:
    """A capitalised name after from/in/at/near ("from Dysart", "in a Headingley care home")."""
    tokens = view.tokens
    workplace = {
        i
        for c in ("profile.team", "profile.employer")
        for m in hits.get(c, ())
        for i in range(m.first_token, m.last_token + 1)
    }
    stop = word_set(terms, "place.not")
    for i, tok in enumerate(tokens[:-1]):
        if tok not in _PREPOSITIONS:
            continue
        j = i + 1
        if tokens[j] in _ARTICLES and j + 1 < len(tokens):
            j += 1
        if (
            view.capitalised(j)
            and tokens[j] not in stop
            and j not in workplace
            and not tokens[j].isdigit()
            and not (len(tokens[j]) <= 4 and view.original(j).isupper())
        ):  # "from CSV", "in PDF": an acronym
            return view.original(j)
    return None


def _inside(m: Match, others: list[Match] | tuple) -> bool:
    return any(o.first_token <= m.first_token and m.last_token <= o.last_token for o in others)


def _overlaps(m: Match, others: list[Match] | tuple) -> bool:
    return any(o.first_token <= m.last_token and m.first_token <= o.last_token for o in others)


def char_before(text: str, start: int) -> str:
    """The last non-space character before `start` ("" at the start of the text), without copying the text."""
    i = start
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return text[i - 1] if i else ""


def _word_before(text: str, start: int) -> str:
    """The word (letters, digits, dots) that ends right at `start`: "Dougie" in "Dougie, 94,"."""
    while start > 0 and text[start - 1].isspace():
        start -= 1
    i = start
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] in ".'’"):
        i -= 1
    word = text[i:start].strip(".")
    return word if word[:1].isalpha() else ""


def _next_word(text: str, end: int) -> str:
    rest = text[end : end + 30].lstrip(" -")
    word = ""
    for ch in rest:
        if ch.isalnum() or ch in "'’":
            word += ch
        else:
            break
    return word.lower()


def word_set(terms: ProfileTerms, category: str) -> frozenset[str]:
    cache = terms.__dict__.setdefault("_word_sets", {})
    found = cache.get(category)
    if found is None:
        found = frozenset(t.lower() for t in terms.rules.terms(category))
        cache[category] = found
    return found


STRONG = ({"age", "place"}, {"age", "name"}, {"name", "place"})


def service_user_details(a: Analysis) -> dict[str, str] | None:
    """The identifying details about a person who uses services, or None when the text is not that.

    A single person must be the subject; the story must not be already public (press) or
    invented; a story about the author's own family needs a work context to count. With a
    work context two kinds of detail are enough, without one it takes three (or an age with a
    place or a name, which single a person out on their own).
    """
    if a.subject is None and not a.details.keys() & {"age", "name"}:
        return None
    if a.public_story and not a.caseload:
        return None
    work = a.about_work or a.jargon or a.ward
    if a.own and not (a.about_work or a.ward):
        return None  # the author's own family; a watched word alone ("placement", "falls") does not make it work
    if not a.caseload and a.has("personal.home") and (a.has("personal.empty") or a.has("personal.routine")):
        return None  # the author's own home and habits: oversharing.personal speaks for them
    kinds = set(a.details)
    strong = any(combo <= kinds for combo in STRONG)
    # A post about being contacted: the boundaries check speaks for it. There, a care word ("kinship carer's
    # granddaughter") says how the person is known, so it does not count towards the details.
    if a.has("boundaries.contact") and not strong and len(kinds - {"legal"}) < 3:
        return None
    if len(kinds) >= (2 if work else 3) or strong:
        return dict(a.details)
    return None


_IDENTIFYING = frozenset({"age", "name", "place", "school"})
_SERIOUS = frozenset({"legal", "health"})


def case_details(a: Analysis) -> dict[str, str] | None:
    """What happened in a case, told without a name or a single person: a removal, a hearing, an overdose.

    It takes a sensitive matter (a court or care process, a condition, or a case event such as
    "three children safe tonight") about people other than the author's own family, and then one
    of: an age with a condition or order about someone; a work context (said, or implied by a ward
    number or "a long day") with one more kind of detail or with a case event; or, without one, two
    sensitive kinds of which one is a case event (or a third detail besides). News, fiction,
    training case studies, job adverts and posts about being contacted are not case details.
    """
    if a.public_story and not a.caseload:
        return None
    if (a.own and not a.caseload) or a.has("context.recruiting"):
        return None
    if a.has("boundaries.contact") or a.has("boundaries.gift"):
        return None  # a post about being contacted, or about a gift: the boundaries check speaks for it
    details = dict(a.details)
    case = a.first("detail.case")
    if case is not None:
        details.setdefault("event", case.term)
    kinds = set(details)
    serious = kinds & _SERIOUS or case is not None
    people = a.subject is not None or "family" in kinds or a.caseload or a.has("person.group")
    if not serious or not people:
        return None
    if a.subject is not None and "age" in kinds and kinds & _SERIOUS:
        return details  # "our little resident with the wheelchair turned 10": an age and a condition or order
    work = a.about_work or a.jargon or a.ward or a.has("context.day")  # "a long day taking away babies"
    if work and (len(kinds) >= 2 or case is not None):
        return details  # "section 47 on one of my families, the toddler had unexplained bruising"
    sensitive = kinds & (_SERIOUS | {"event"})
    if len(sensitive) >= 2 and (case is not None or len(kinds) >= 3):
        return details  # "three children safe tonight … a foster placement": a removal told as it happened
    return None


def detail_kind(details: dict[str, str]) -> str:
    """'identifying-details' when details that single a person out come together, else 'case-details'."""
    strong = any(combo <= details.keys() for combo in STRONG)
    return "identifying-details" if strong or len(details.keys() & _IDENTIFYING) >= 2 else "case-details"


def extra_part(extras: tuple[tuple[int, int, str], ...], span: tuple[int, int], text: str = "") -> str | None:
    """ "image description" or "content warning" when `span` lies in that part of a post, not its body.

    The parts come from the post's own fields (`extras`), or are written inline in the text as
    exports and copies do ("[alt: …]", "Image description: …", "CW: …").
    """
    for start, end, what in extras:
        if start <= span[0] and span[1] <= end:
            return what
    if text and ("[" in text or ":" in text):
        for m in _INLINE_PART.finditer(text):
            if m.start() <= span[0] and span[1] <= m.end():
                return "content warning" if m.group("cw") else "image description"
    return None


_INLINE_PART = re.compile(
    r"\[(?:alt|alt text|image|image description|img|id|photo|picture|pic)\s*:[^\]]*\]?"
    r"|(?:^|\n)\s*(?:image description|alt text|described image)\s*:[^\n]*"
    r"|(?P<cw>(?:^|\n)\s*(?:cw|tw|content warning|trigger warning)\s*:[^\n.]*)",
    re.IGNORECASE,
)
_MENTION = re.compile(r"(?<![\w@.])@[A-Za-z0-9_][A-Za-z0-9_.]{2,}(?!@|\.[a-z]{2,}\b)")


def kinded(kind: str | None, finding: Finding) -> Finding:
    """The finding with its kind set (what the post did within its check)."""
    finding.kind = kind
    return finding


def describe(details: dict[str, str]) -> str:
    """ "an age (15yo), a place (Templehall) and a family relationship (mum)" in plain words."""
    parts = [f"{KINDS[k]} ({v})" for k, v in details.items()]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


_NEAR_LIMIT = 200  # matches looked at per category, so a hostile post cannot make this quadratic


class Spanned(Protocol):
    """What `near` and the checks read of a match: its tokens, offsets and words (a Match, or a span built like one)."""

    @property
    def first_token(self) -> int: ...
    @property
    def last_token(self) -> int: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def term(self) -> str: ...


_S = TypeVar("_S", bound=Spanned)


def near(a: Spanned, others: Sequence[_S], window: int) -> _S | None:
    """The first of `others` within `window` tokens of `a` (among the first few hundred)."""
    for o in others[:_NEAR_LIMIT]:
        if o.first_token - window <= a.last_token and a.first_token <= o.last_token + window:
            return o
    return None
