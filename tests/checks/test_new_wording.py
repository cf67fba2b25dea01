"""Wording found missing in a last probe of invented posts: ages after "now", superlative insults, a child's school start.

Every text here is invented for these tests (none is taken from a benchmark corpus).
"""

from __future__ import annotations

import pytest

from tests.checks.helpers import found


@pytest.mark.parametrize(
    "check, text",
    [
        (
            "oversharing.service-user",
            "Bumped into a young woman I used to support, now 22 and nursing at the hospital in Kirkcaldy!",
        ),
        ("conduct.disparaging", "Honestly the parents on my caseload this month are the laziest bunch going."),
        ("conduct.disparaging", "Our new team manager is the most clueless person ever to run a duty rota."),
        ("oversharing.personal", "Mia starts P1 at Fairview Primary on Tuesday, my baby is all grown up!"),
    ],
)
def test_new_wording_is_found(check: str, text: str) -> None:
    assert check in found(text)


@pytest.mark.parametrize(
    "check, text",
    [
        ("oversharing.service-user", "It's now 10 and still raining, no football today."),
        ("conduct.disparaging", "Thickest fog I've seen on the Forth Road Bridge this year."),
        ("oversharing.personal", "Big school shopping list for the church jumble sale is up on the noticeboard."),
    ],
)
def test_look_alikes_stay_quiet(check: str, text: str) -> None:
    assert check not in found(text)
