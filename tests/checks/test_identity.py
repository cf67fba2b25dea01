"""identity.real-name, identity.role and identity.employer."""

from __future__ import annotations

import pytest

from footprint.models import Severity
from tests.checks.helpers import findings, found, one

NAME, ROLE, EMPLOYER = "identity.real-name", "identity.role", "identity.employer"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jane Smith running the Kirkcaldy 10k for charity, please sponsor me", True),
        ("Janey Smith is back on here, add me if you know me", True),
        ("Jane here, new to this", False),  # a first name alone does not identify
        ("Email jane.smith.choir@gmail.com for tickets", False),  # inside an address: contact.personal's job
        ("Smith and Jane were both at the match", False),
    ],
)
def test_real_name_table(text: str, expected: bool) -> None:
    assert (NAME in found(text)) is expected


def test_real_name_on_an_anonymous_account_is_medium() -> None:
    assert one(NAME, "Jane Smith here", anonymous=True).severity is Severity.MEDIUM


@pytest.mark.parametrize(
    ("text", "bio", "expected"),
    [
        ("As a social worker I see this every week", False, True),
        ("Ten years as an MHO and it still keeps me up at night", False, True),
        ("Final year SW student here, any tips for placement?", False, True),
        ("first week of #NQSW life and I'm exhausted", False, True),
        ("I've been a care worker for six years", False, True),
        ("Social worker | hillwalker | bad at baking", True, True),
        ("Social work student life: essays, placement, repeat", False, True),
        ("Proud to call myself a social worker after 20 years", False, True),
        ("A social worker saved my life when I was 14", False, False),
        # hard negatives: someone else's social worker, adverts, generic talk
        ("My social worker when I was a kid changed my life", False, False),
        ("Angus Council are recruiting social workers, closing date Friday", False, False),
        ("Be kind to carers this Christmas", False, False),
        ("Social workers deserve better pay", False, False),
        ("Her social worker came round again today", False, False),
    ],
)
def test_role_table(text: str, bio: bool, expected: bool) -> None:
    assert (ROLE in found(text, bio=bio)) is expected


@pytest.mark.parametrize(
    ("text", "bio", "expected"),
    [
        ("Proud to work for Fife Council", False, True),
        ("Social worker in Kirkcaldy, views my own", True, True),
        ("Kirkcaldy C&F office is chaos today", False, True),
        ("Home visit in Kirkcaldy then the long drive back", False, True),
        ("Fife Council's contact centre is the number to ring, not me", False, True),
        # hard negatives: the town without work, other organisations
        ("Kirkcaldy under-12s won the cup final!", False, False),
        ("Swim at Kinghorn then chips in Kirkcaldy", False, False),
        ("Jury duty next week in Kirkcaldy, wish me luck", False, False),
        ("Dundee City Council are recruiting, closing date next week", False, False),
        ("Fife | sea swims | sourdough", True, False),
    ],
)
def test_employer_table(text: str, bio: bool, expected: bool) -> None:
    assert (EMPLOYER in found(text, bio=bio)) is expected


def test_team_and_office_are_more_specific_than_the_employer() -> None:
    assert one(EMPLOYER, "Kirkcaldy C&F office is chaos today").severity is Severity.MEDIUM
    assert one(EMPLOYER, "Proud to work for Fife Council").severity is Severity.LOW


def test_handle_that_spells_the_name_is_reported() -> None:
    from footprint.core import Analyser
    from footprint.models import Snapshot
    from footprint.plugins import discover
    from footprint.rules import load_rules
    from tests.conftest import make_profile

    analyser = Analyser(make_profile(), [discover().checks[NAME]], load_rules())
    analyser.account(Snapshot(platform="x", handle="JaneSmith", origin="archive"))
    assert [f.details for f in analyser.finish()] == [["handle: JaneSmith"]]
    assert not findings("nothing to see")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the idea in wording the rules were not written from (invented for these tests); False rows are hard negatives
        ("Back on shift at the unit tonight, three young people and one sleepover", True),
        ("Writing a court report for Tuesday and my caseload is through the roof", True),
        ("On the MHO rota all weekend so no plans for me", True),
        (
            "My practice educator says my reflective logs are getting better",
            False,
        ),  # someone else's title: bench/corpus c0148 is labelled so
        ("On placement in the duty team and my practice educator says my logs are getting better", True),
        ("Resi worker, gran, hillwalker. Views my own", True),
        ("My social worker came round today and was lovely", False),
        ("Applied to be a support worker for the summer, fingers crossed", False),
        ("Proud of my cousin who's just been approved as a foster carer", False),
    ],
)
def test_role_new_wording(text: str, expected: bool) -> None:
    assert (ROLE in found(text)) is expected
