"""oversharing.personal: empty homes, routines, live check-ins, children's schools, streets, photos."""

from __future__ import annotations

import pytest

from footprint.models import Photo, Severity
from tests.checks.helpers import findings, found, one

PERSONAL = "oversharing.personal"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Off to Tenerife for a fortnight on Saturday, house will be empty!", True),
        ("Every Tuesday 6am at the pool on Bennochy Road, come and race me", True),
        ("At the Costa on the High Street till 4 if anyone wants to come and say hi", True),
        ("Ellie's first day at Torbain Primary today, she didn't look back", True),
        ("Anyone else on Glenview Crescent had no water since this morning? Our whole block is dry", True),
        ("Flat in Leven's empty for a week so no parties", True),
        # hard negatives
        ("Swim at Kinghorn this morning, freezing but brilliant", False),
        ("Tennis court booked for 6, anyone fancy doubles?", False),
        ("The fridge is empty again, teenagers are locusts", False),
        ("Live tonight at the Harbour Bar, doors 8pm", False),
        ("Coffee morning at Dysart Community Hall, 3 Shore Road, KY1 2TQ, all welcome", False),
    ],
)
def test_personal_table(text: str, expected: bool) -> None:
    assert (PERSONAL in found(text)) is expected


def test_combined_details_raise_the_severity() -> None:
    assert (
        one(PERSONAL, "House is empty till the 22nd, anyone on Glenview Crescent keep an eye").severity is Severity.HIGH
    )
    assert one(PERSONAL, "Off to Crete, house will be empty").severity is Severity.MEDIUM


def test_a_photo_with_a_position_names_the_file_and_only_an_approximate_area() -> None:
    photo = Photo(path="holiday/IMG_0042.jpg", latitude=56.1123, longitude=-3.1581)
    hits = [f for f in findings(photos=[photo]) if f.check == PERSONAL]
    assert len(hits) == 1
    finding = hits[0]
    assert "IMG_0042.jpg" in finding.why
    assert "56.1°N, 3.2°W" in finding.why
    assert "56.11" not in finding.why and "3.158" not in finding.why
    assert not [f for f in findings(photos=[Photo(path="no-gps.jpg")]) if f.check == PERSONAL]


def test_watched_names_feed_the_checks() -> None:
    from tests.conftest import make_profile

    profile = make_profile(watch={"places": [], "words": [], "people": ["Ellie Smith", "Moira Dunn"]})
    finding = one(PERSONAL, "Ellie Smith's first day at school today!", profile=profile)
    assert any("Ellie Smith" in d for d in finding.details)
    from tests.checks.helpers import found as run

    assert "oversharing.workplace" in run("Can't believe Moira Dunn got suspended over nothing", profile=profile)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the idea in wording the rules were not written from (invented for these tests); False rows are hard negatives
        ("Off to Crete for a fortnight from Saturday, back on the 14th!", True),
        ("Every Tuesday at 6 you'll find me at the Loanhead pool, lane 3", True),
        ("Drop-off at Ysgol Bryn Teg at 8:40 every morning then the commute", True),
        ("The office is empty this week with half the team on leave", False),
    ],
)
def test_personal_new_wording(text: str, expected: bool) -> None:
    assert ("oversharing.personal" in found(text)) is expected
