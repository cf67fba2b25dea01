"""boundaries.service-user-contact."""

from __future__ import annotations

import pytest

from footprint.models import Severity
from tests.checks.helpers import found, one

CONTACT = "boundaries.service-user-contact"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Accepted a friend request from one of my mums today, is that bad?", True),
        ("One of the lads I work with found me on Instagram and messaged me", True),
        ("Her dad keeps liking my insta stories, should I block him?", True),
        ("Bumped into one of mine at the pub and bought him a pint", True),
        ("Morag's son added me on here to say thanks for looking after his mum", True),
        ("Went for a drink with a former client on Saturday, he's doing brilliantly", True),
        ("Gave my number to one of the young people from the unit so she can text me", True),
        ("The dad from one of my cases wants to be friends on Facebook. Said yes", True),
        ("A client sent me a DM on Facebook asking about her review", True),
        ("The girl from the café follows me on insta, small world", False),
        ("One of my pals messaged me on whatsapp about Saturday", False),
        # hard negatives
        ("Finally on snapchat, add me if you're one of my pals from school", False),
        ("Got a friend request from a lassie I haven't seen since primary 7!", False),
        ("My mum added me on Facebook and now comments on everything", False),
    ],
)
def test_boundaries_table(text: str, expected: bool) -> None:
    assert (CONTACT in found(text)) is expected


def test_meeting_up_is_more_serious_than_a_follow() -> None:
    assert one(CONTACT, "One of my lads messaged me and we're meeting for a coffee Saturday").severity is Severity.HIGH
    assert one(CONTACT, "One of my mums follows me on insta now").severity is Severity.MEDIUM


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the idea in wording the rules were not written from (invented for these tests); False rows are hard negatives
        ("A teenager I used to keyworker sent me a friend request last night, no idea what to do", True),
        ("Lent one of my tenants twenty quid for the meter out of my own pocket", True),
        ("Gave a lift home in my car to a mum whose case I hold, it was pouring", True),
        ("The lassie I work with asked for my Insta, said no obviously", True),
        ("One of my old residents invited me to her wedding in June and I said yes", True),
        ("My pal from uni added me on Facebook after ten years, lovely to catch up", False),
        ("Coffee with my sister then back to the school run", False),
        ("Our team WhatsApp group is chaos this morning", False),
    ],
)
def test_boundaries_new_wording(text: str, expected: bool) -> None:
    assert ("boundaries.service-user-contact" in found(text)) is expected
