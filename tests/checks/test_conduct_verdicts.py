"""Round 2 of issue 10: rules that hold as classes, each with look-alikes written in new wording.

A verdict word comes from a rated sentiment lexicon (vaderSentiment's vader_lexicon.txt) and counts only
where grammar pins it on a target: a group, a public figure or an @-mention, people met through work.
"""

from __future__ import annotations

import pytest

from footprint.rules import load_rules
from tests.checks.helpers import findings, found

TRUST = "conduct.public-trust"
DISP = "conduct.disparaging"


def kinds(text: str, check: str) -> set[str | None]:
    return {f.kind for f in findings(text) if f.check == check}


# 1. A group given a strongly negative verdict anywhere in the sentence (the lexicon's words, not a phrase list).
@pytest.mark.parametrize(
    "text",
    [
        "Honestly, Catholics, as a rule, are utterly repulsive and always have been",
        "Gypsies round here are just dishonest thieves, every last one",
        "Asylum seekers are so ungrateful it makes my blood boil",
        "Trans people are deceitful, end of.",
        "Vile Sikhs blocking the road again",
    ],
)
def test_group_verdict_is_discrimination(text: str) -> None:
    assert kinds(text, TRUST) == {"discrimination"}


@pytest.mark.parametrize(
    "text",
    [
        # the group is the object of what is judged, not the one judged
        "Violence against Muslims is evil and has no place here",
        "The attacks on Jewish families this week were horrific",
        "Hatred of disabled people is vile. Report it.",
        # suffering and news: the lexicon's sad and harm words are left out
        "Refugees are drowning in the Channel while we argue",
        "Migrants were attacked outside the hostel last night",
        # negated verdicts
        "Immigrants are not criminals, whatever the papers say",
        # praise and neutral statements with a group named
        "Polish people are brilliant neighbours",
    ],
)
def test_group_lookalikes_stay_quiet(text: str) -> None:
    assert TRUST not in found(text)


# 2. Public figures and institutions, named or @-mentioned, called something vile.
@pytest.mark.parametrize(
    "text",
    [
        "@HonMember_Example you are a pathetic, spineless liar",
        "The health secretary is a disgusting hypocrite and everyone knows it",
        "Tories are scum, always have been",
    ],
)
def test_public_figure_verdict_is_abuse(text: str) -> None:
    assert TRUST in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "The government's housing policy is disastrous for families",  # a policy judged, not a person
        "Ministers must act on the awful state of children's mental health services",
        "Cuts by the council have been cruel to disabled tenants",  # object of "to", not the target judged
        "@ExampleCharity thank you for the brilliant training today",
    ],
)
def test_public_lookalikes_stay_quiet(text: str) -> None:
    assert TRUST not in found(text)


# 3. Class slurs and sneers aimed at anyone.
@pytest.mark.parametrize(
    "text",
    [
        "Bloke next door is a workshy scrounger who's never done a day's graft",
        "Town centre was full of pervs and dossers tonight",
        "That columnist is a smug little bigot",
    ],
)
def test_class_slur_is_name_calling(text: str) -> None:
    assert TRUST in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Stand up to bigots and vote on Thursday",
        "The myth of the scrounger does real harm to families on benefits",
        "She was called a scrounger by a stranger and it broke her",  # what someone else called her
        "Lucky bastards are off to Tenerife tomorrow, enjoy!",
    ],
)
def test_class_slur_lookalikes_stay_quiet(text: str) -> None:
    assert TRUST not in found(text)


# 4. Harm wished or enjoyed, and threats with vehicles and weapons.
@pytest.mark.parametrize(
    "text",
    [
        "Dead Tories is what makes my day, honestly",
        "Honestly they all deserve to suffer for this",
        "Block the road in front of my van again and you'll get mowed down",
        "Next protester who sits in the road, I'll run them over",
        "Say that again and I'll glass you",
    ],
)
def test_harm_gladness_and_threats(text: str) -> None:
    assert kinds(text, TRUST) == {"abuse"}


@pytest.mark.parametrize(
    "text",
    [
        "I'll run them over to the station after tea",
        "Can you run me down to the shop?",
        "Someone parked in front of my van again, blocked in for an hour",
        "They deserve to rest after the week they've had",
        "I'll glass the shower screen tomorrow, new panel arrived",
        "Dead batteries are what makes my day go wrong",
    ],
)
def test_threat_lookalikes_stay_quiet(text: str) -> None:
    assert TRUST not in found(text)


# 5. Obscene dismissals of a person.
def test_obscene_dismissal_is_abuse() -> None:
    assert TRUST in found("Told him straight, he can shove his apology up his arse")
    assert TRUST not in found("You can stick it in the freezer for a week")


# 6. People met through work: a verdict, dread, an explicit #sarcasm, contempt handed down a family.
@pytest.mark.parametrize(
    "text",
    [
        "My year 10s were absolutely vile this afternoon",
        "Three more weeks with my S3 class, god give me strength",
        "Loving how my maths class think homework is optional #sarcasm",
        "Met the new one today. Nasty wee thing, like the rest of the family",
    ],
)
def test_contempt_for_people_met_through_work(text: str) -> None:
    assert DISP in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "My year 10s were brilliant in the debate this afternoon",
        "My yoga class was brutal tonight, legs like jelly",
        "My son is stubborn like his dad, nasty habit of sulking",
        "Going back to my first class reunion, god help me",
    ],
)
def test_work_contempt_lookalikes_stay_quiet(text: str) -> None:
    assert DISP not in found(text)


def test_lexicon_is_read_from_the_package_and_filtered() -> None:
    words = set(load_rules().terms("conduct.evaluation"))
    assert {"awful", "pathetic", "vile", "disgusting"} <= words
    # sadness, fear and harm done to people are not verdicts on them
    assert not {"sad", "died", "killed", "terrified", "drowned", "abused", "furious"} & words


# The dishonesty fix: "last year's" alone is not a false record.
def test_last_years_record_is_dishonesty_but_slides_are_not() -> None:
    assert TRUST in found("Copied last year's assessment for the Review panel, changed the dates, nobody noticed")
    assert TRUST not in found("Reused last year's slides for the induction training, saved me a whole evening")


# Persona false alarms: one's own children, and the word held up in quotation marks to object to it.
@pytest.mark.parametrize(
    "text",
    [
        "our own bairns are feral by bedtime, every single night 😂",
        "My own lot are little monsters after a birthday party",
        '"Vermin" is not a word anyone should use about families. Ever.',
    ],
)
def test_own_children_and_quoted_words_are_not_contempt(text: str) -> None:
    assert DISP not in found(text)


def test_children_met_through_work_still_are() -> None:
    assert DISP in found("The weans in the unit are feral tonight 😂")


@pytest.mark.parametrize(
    "text",
    [
        # sport: the team's play is judged, not people's class
        "Our midfield were a bunch of wasters today, relegation form 🏉",
        # dread about harm, not about the people
        "What could have happened to those kids on my caseload doesn't bear thinking about",
        # the verdict belongs to another clause's subject
        "Ring the landline if the family need us, signal is awful in the glen",
        # nerves before a hearing
        "Big hearing for one of my families tomorrow. Wish me luck!",
    ],
)
def test_more_lookalikes_stay_quiet(text: str) -> None:
    assert not {TRUST, DISP} & found(text)


def test_own_words_in_quotation_marks_still_count() -> None:
    text = "Half cut at the leaving do and told the team leader she was a 'useless old bag' to her face"
    assert {TRUST, DISP} & found(text)


# Campaigning: criticism of a public body or its policy is not abuse; name-calling of its people is.
@pytest.mark.parametrize(
    "text",
    [
        "Ministers are cruel to carers, and I'll keep saying it until the cap is lifted",
        "Our MSPs are useless on social care funding. Write to them.",
        "The trust board is a disgrace for cutting the night staff",
        "Low-paid families are the worst hit by the energy cap",
        # the target is inside a relative clause; the landlords are the ones judged
        "Letting agents who turn away tenants on benefits are a disgrace",
    ],
)
def test_campaigning_is_not_abuse(text: str) -> None:
    assert not {TRUST, DISP} & found(text)


@pytest.mark.parametrize(
    "text",
    [
        "The chancellor is a lying scumbag",
        "Management on our floor are scum, every one of them",
    ],
)
def test_name_calling_of_public_and_work_people_still_counts(text: str) -> None:
    assert {TRUST, DISP} & found(text)
