"""Hostile posts (huge, repetitive, built to trip the matchers) are scanned in about linear time."""

from __future__ import annotations

import time

import pytest

from tests.checks.helpers import findings


@pytest.mark.parametrize(
    "text",
    [
        "court " * 40_000 + "tennis court " * 40_000,  # a negative phrase over every positive
        "idiot " * 40_000 + "manager " * 40_000,  # insults far from their targets
        "Management suspended Kev Mhairi Sandra " * 20_000,  # capitalised names after an internal matter
        "x 1, " * 40_000,  # numbers that look like ages but never open a sentence
        "as a " * 20_000 + "social worker " * 20_000,
    ],
)
def test_hostile_posts_finish_quickly(text: str) -> None:
    start = time.process_time()
    findings(text)
    assert time.process_time() - start < 10
