"""conduct.public-trust found by structure, not one keyword, and the look-alikes that must stay quiet.

Every text here is invented for these tests (none is taken from a benchmark corpus).
"""

from __future__ import annotations

import pytest

from footprint.models import Severity
from tests.checks.helpers import found, one

TRUST, DISPARAGING = "conduct.public-trust", "conduct.disparaging"
WORKPLACE, PERSONAL = "oversharing.workplace", "oversharing.personal"


@pytest.mark.parametrize(
    "text",
    [
        # impairment near a work anchor
        "Shades on for the whole strategy meeting, the room is spinning 🫠",
        "A wee nip of brandy for Dutch courage then into the panel at 10am",
        "Bottomless brunch ran late so I did the afternoon visits on mimosas",
        "Chewing extra strong mints so the sheriff doesn't clock my breath",
        # dishonesty about duties
        "Wrote up the contact as if I'd been there the whole hour, I left after ten minutes",
        "Recorded the home check from my sofa, he sounded fine on the phone",
        "Made up the numbers for the audit, nobody counts them anyway",
        "The gran slipped me forty quid for doing her shopping and I kept it",
        "Let the lad have a go on the quad bike at the farm placement, no helmet, he loved it",
        "Tippexed the date on the visit record so it looks like we were on time",
        "Bit economical with the truth to the panel about how often I see her",
        # contempt for a group, and abuse aimed at someone
        "Families like that shouldn't be allowed to keep pets, never mind weans",
        "People from that estate, you can always tell the minute they open their mouths",
        "Couldn't place her with a same-sex couple, it's just not natural",
        "Told that troll in the comments to go die in a fire, the absolute waste of oxygen",
        "Nobody likes you, you vile wee man, crawl back under your rock",
        "Nurse on the ward kept calling him a retard when he couldn't follow her",
        "Swift half in the beer garden then back for the 2pm core group",
        "Said I'd done the welfare check on the twins, never got round to it",
        "Ripped up the contact notes before the inspection",
        "Made it sound like mum was engaging so the panel would close the case",
        "Kids like that never change, why do we bother",
        "Still rough from the team night out and my first visit is at 9",
        "Told the reviewing officer the school had been consulted. It hadn't. Report's in, case closed",
        "Typed the visit up like I'd seen all three kids, only saw the baby",
        "The granny gave me a bottle of whisky for sorting her care package, result",
        "Asked the chair to keep that bit out of the minutes, saves everyone bother",
        "Replying to the troll: you're a spineless wee weasel and everyone knows it",
    ],
)
def test_public_trust_by_structure(text: str) -> None:
    assert TRUST in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Three gins at Morven's leaving do on Friday night, day off today thank goodness",
        "Did the unconscious bias workshop today, eye-opening stuff about how we talk about families",
        "Reported a colleague for calling a resident a retard. Zero tolerance.",
        "The villain in that new detective series is a proper nasty piece of work",
        "Wee one high on sugar after the party, bedtime is a lost cause",
        "Wasted an hour on hold to the bank, never again",
        "Smashed it at the 10k this morning, legs are jelly",
        "The benefit cap is a cruel policy and the minister should be ashamed",
        "Gave the neighbour's boy a fiver for washing the car",
        "Sunglasses on, sun's out, walking the dog along the prom",
        "Baked a lemon drizzle for the team meeting, went in five minutes",
        "A double amputee on fifteen minute calls, it's a scandal",
        "Told the family I'd ring back tomorrow from the office",
        "My sister lent me her car for the visits this week",
        "After work drinks with the team tonight, a few wines, first visit tomorrow is not till 11",
        "Hungover on my day off, so glad I'm not on shift",
        "Told the family it wasn't their fault, they did everything they could",
        "Told the panel what happened. It wasn't easy, but it was the truth",
        "A wee drink for my brother's birthday, nothing to do with work",
    ],
)
def test_public_trust_look_alikes_stay_quiet(text: str) -> None:
    assert TRUST not in found(text)


def test_abuse_and_slurs_are_high() -> None:
    assert one(TRUST, "Nobody likes you, you vile wee man").severity is Severity.HIGH


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Huge thanks to our service manager for moving team meeting to Friday at 4. Truly visionary stuff", True),
        ("Another masterclass in saying nothing from the psychiatrists this week, at their finest", True),
        ("One of the families on my list, you can always tell they'll be late", True),
        # look-alikes
        ("I'm such an idiot, left my lunch on the bus again", False),
        ("Our midfield was a bunch of pensioners today, relegation form", False),
        ("The new printer is useless, jams every time", False),
        ("The new case management system is an absolute joke, crashes hourly", False),
    ],
)
def test_disparaging_by_structure(text: str, expected: bool) -> None:
    assert (DISPARAGING in found(text)) is expected


@pytest.mark.parametrize(
    ("text", "check"),
    [
        ("So proud of Elspeth on her retirement after 35 years on our team, the office won't be the same", WORKPLACE),
        ("Aberdeenshire Council announces a restructure of adult services today", WORKPLACE),
        ("Night on the rota again tomorrow, love this job", WORKPLACE),
        ("Fantasy football team is a shambles, whoever picked it should be sacked", WORKPLACE),
        ("Congratulations to our new team manager, well deserved after years of service", WORKPLACE),
        ("Eight years today at Rowanbank as a support worker! Love my team, most days", PERSONAL),
        ("The same dads phone the duty desk every Monday at 9 asking for vouchers", PERSONAL),
        ("Discharge sent her home at midnight to an empty house", PERSONAL),
    ],
)
def test_precision_look_alikes(text: str, check: str) -> None:
    assert check not in found(text)


@pytest.mark.parametrize(
    ("text", "check"),
    [
        ("Leaving our house empty from Friday for a week in Lanzarote", PERSONAL),
        ("Swim at Portobello every Tuesday at 7am before the school run", PERSONAL),
        ("Our team manager put in a grievance about the rota and now Fiona is suspended", WORKPLACE),
    ],
)
def test_precision_fixes_keep_real_positives(text: str, check: str) -> None:
    assert check in found(text)
