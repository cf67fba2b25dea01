"""conduct.disparaging and conduct.public-trust."""

from __future__ import annotations

import pytest

from footprint.models import Severity
from tests.checks.helpers import found, one

DISPARAGING, TRUST = "conduct.disparaging", "conduct.public-trust"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My manager is a clueless idiot who has never done a home visit", True),
        ("Some of these families are an absolute joke, lazy the lot of them", True),
        ("GPs round here are overpaid receptionists with stethoscopes", True),
        ("The police up here are useless, took four hours to turn up", True),
        # hard negatives
        ("Some days you feel useless and some days you make a difference", False),
        ("I'm rubbish at badminton but I love it", False),
        ("That ref was useless today, how was that not a penalty", False),
    ],
)
def test_disparaging_table(text: str, expected: bool) -> None:
    assert (DISPARAGING in found(text)) is expected


def test_disparaging_people_who_use_services_is_high() -> None:
    assert one(DISPARAGING, "These parents are wasters, the lot of them").severity is Severity.HIGH
    assert one(DISPARAGING, "Our service manager is a clueless idiot").severity is Severity.MEDIUM


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Still steaming from last night and first home visit is at 9", True),
        ("Hungover on a 12 hour shift, send help", True),
        ("Didn't bother with the risk assessment for tonight's visit, nobody checks anyway", True),
        ("Left my case notes on the bus again lol", True),
        ("Not racist but these immigrants are all the same", True),
        ("Send them back where they came from, travellers are all thieves", True),
        ("Two bottles of prosecco last night and I've a child protection visit at 10", True),
        ("Skipped the home visit and wrote it up as done, it was lashing down", True),
        ("Signed off the care plan without even meeting her, couldn't be arsed", True),
        ("Wine o'clock after a long shift, feet up", False),
        ("Couple of pints at lunch then back out for the afternoon visits", True),
        ("These asylum seekers get everything handed to them, jumping the queue", True),
        ("Had a few pints at the match then home for tea", False),
        ("Home now, wine poured after a day of visits", False),
        # hard negatives
        ("Drunk in love with this wee man, anniversary dinner tonight", False),
        ("That documentary about the drunk tank was mental", False),
        ("Didn't bother with the gym today, sofa won", False),
        ("Left my laptop case on the bus, green one, nothing in it", False),
        ("Refugees welcome here, proud of our town", False),
    ],
)
def test_public_trust_table(text: str, expected: bool) -> None:
    assert (TRUST in found(text)) is expected


def test_discrimination_is_high() -> None:
    assert one(TRUST, "Not racist but these immigrants are all the same").severity is Severity.HIGH


def test_a_role_on_the_profile_raises_conduct_findings() -> None:
    text = "Still steaming from last night and first home visit is at 9"
    assert one(TRUST, text).severity is Severity.MEDIUM
    assert one(TRUST, text, account_bio="Social worker in Fife. Views my own.").severity is Severity.HIGH


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the idea in wording the rules were not written from (invented for these tests); False rows are hard negatives
        ("Honestly the dads on my list are a bunch of numpties, not one turned up to contact this week", True),
        ("That HV is a total jobsworth, wouldn't bend a rule to save her life", True),
        ("The polis round here are clowns, lost the statement twice", True),
        ("Half the tenants in that block are scroungers who think the council owes them", True),
        ("Our new senior is a glaikit wee eejit who has never held a case", True),
        ("Punters at the drop-in today were feckless as ever", True),
        ("The panel members today hadn't a clue what they were deciding on", True),
        ("Parent at the review called me a bampot and to be fair I'd been late", False),
        ("I'm such an idiot, left my lanyard in the car again", False),
        ("Watched the new cooking series last night, the contestants were useless", False),
        ("Thick fog on the A9 this morning, the kids were late for school", False),
        ("The new housing allocation policy is a shambles and needs rewritten", False),
    ],
)
def test_disparaging_new_wording(text: str, expected: bool) -> None:
    assert (DISPARAGING in found(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the idea in wording the rules were not written from (invented for these tests); False rows are hard negatives
        ("Absolutely hanging this morning and I've the core group at 9", True),
        ("Two bottles of red at lunch then straight into the panel, pray for me", True),
        ("Made up the case notes for Friday's visits, no one will notice", True),
        ("Backdated the risk assessment so the file looks tidy before the audit", True),
        ("Not being funny but travellers are all the same, can't be trusted", True),
        ("Immigrants are ruining this town, should be sent back", True),
        ("Couple of wines at the wedding on Saturday, lovely day off", False),
        ("The dad was steaming drunk at contact so we stopped it early", False),
        ("Supported a family of refugees to find a flat today, so proud of them", False),
        ("Skipped breakfast and lunch, running on coffee", False),
    ],
)
def test_public_trust_new_wording(text: str, expected: bool) -> None:
    assert (TRUST in found(text)) is expected


def test_a_word_that_only_insults_people_needs_no_group_in_a_post_about_work() -> None:
    finding = one(DISPARAGING, "Guy on my order turned up an hour late again, absolute toerag")
    assert finding.details == ["remark: toerag", "about: guy on my order"] and finding.severity is Severity.HIGH
    colleague = one(DISPARAGING, "Supervision today. Total brown-noser sat in again #socialworklife")
    assert colleague.details == ["remark: brown-noser", "about: someone met through work"]
    assert DISPARAGING not in found("Absolute toerag of a seagull nicked my chips at the harbour")
