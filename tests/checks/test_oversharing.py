"""oversharing.service-user and oversharing.workplace: positives, hard negatives, severity and wording."""

from __future__ import annotations

import pytest

from footprint.models import Severity
from tests.checks.helpers import found, one

SU = "oversharing.service-user"
WORK = "oversharing.workplace"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # combinations of details single a person out, with or without words like "client"
        ("Took a wee girl (8) from Templehall to her Children's Hearing, her dad never showed", True),
        ("The 16yo from Dysart I'm working with got remanded today. His gran is in bits.", True),
        ("Bella, 91, ex-postie from Leven, refusing her tablets again on the ward", True),
        ("Lovely old gent, 84, lives alone above the bakery in Methil, hasn't eaten in days", True),
        ("Sat with a 29yo mum of two at the hospital today, her kids went into care last week", True),
        ("K.D., 52, came in with bruises again. Safeguarding raised.", True),
        ("One of my residents has dementia now and doesn't know her own daughter", True),
        ("Section 2 in Kirkcaldy this afternoon: 40yo joiner, hadn't slept in a week", True),
        # hard negatives: same words, nobody singled out
        ("That Kirkcaldy Sheriff Court case in the paper today is grim reading", False),
        ("Playing at the tennis court in Beveridge Park with the kids, then chips", False),
        ("Proud mum moment: my son (7) got star of the week at school!", False),
        ("Hearing test for the wee one at the Victoria, all clear", False),
        ("Mac and cheese with 12-year-old cheddar tonight, the kids loved it", False),
        ("Uni case study today: Mrs X, 80, fictional, lives in a made-up town", False),
        ("Detained at Edinburgh airport for three hours, flight delayed again", False),
        ("As a social worker I think we should talk more about burnout", False),
        ("Rewatching the series where the mother of the family gets arrested, so good", False),
    ],
)
def test_service_user_table(text: str, expected: bool) -> None:
    assert (SU in found(text)) is expected


def test_service_user_finding_explains_the_combination() -> None:
    finding = one(SU, "Took a wee lad (7) from Templehall to his Children's Hearing today. His mum didn't turn up.")
    assert finding.severity is Severity.HIGH
    assert any(d.startswith("an age") for d in finding.details)
    assert any(d.startswith("a place") for d in finding.details)
    assert "an age (7)" in finding.why and "a place (Templehall)" in finding.why
    assert finding.excerpt is not None and finding.excerpt.matched.lower() == "lad"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kirkcaldy C&F office: 3 off sick, 2 vacancies and duty covered by one person all week", True),
        ("Moira on our team has put in a formal grievance against the service manager", True),
        ("Management suspended Dave over the incident on Friday and the whole team is raging", True),
        ("Our team is down to 3 workers and management say no backfill until summer", True),
        ("We've got 48 unallocated cases and two of us on the duty rota", True),
        ("Fiona got a written warning for something the senior told her to do", True),
        ("Proud of my team for getting through inspection week", False),
        ("Colleagues, we have 6 vacancies in the Kirkcaldy team, apply now!", False),
        # hard negatives
        ("Huge thanks to the admin team at work who got me out of a hole today", False),
        ("The office is empty on Fridays, lovely and quiet for writing reports", False),
        ("Got custody of my pal's cat for a fortnight while she's in Spain. Cat has already sacked me.", False),
    ],
)
def test_workplace_table(text: str, expected: bool) -> None:
    assert (WORK in found(text)) is expected


def test_workplace_naming_a_colleague_in_an_hr_matter_is_high() -> None:
    finding = one(WORK, "Can't believe they suspended Kev over that incident. Management hung him out to dry.")
    assert finding.severity is Severity.HIGH
    assert any("Kev" in d for d in finding.details)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the idea in wording the rules were not written from (invented for these tests); False rows are hard negatives
        ("Nine year old in P5 on Hoy, mum in hospital again, gran doing her best", True),
        ("The retired ferryman up in Dounby, in his eighties, won't accept the carers", True),
        ("Twelve-year-old from the Fernlea estate, third school exclusion this term, dad on remand", True),
    ],
)
def test_service_user_new_wording(text: str, expected: bool) -> None:
    assert ("oversharing.service-user" in found(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the idea in wording the rules were not written from (invented for these tests); False rows are hard negatives
        ("Duty team: three of us covering what seven used to, and two reviews missed statutory timescales", True),
        ("Tomorrow's weather looks great for the team walk", False),
    ],
)
def test_workplace_new_wording(text: str, expected: bool) -> None:
    assert ("oversharing.workplace" in found(text)) is expected
