"""contact.personal: phone numbers (UK and international), e-mail, addresses, postcodes."""

from __future__ import annotations

import pytest

from checks.contact import personal_phone, spoken_number
from footprint.models import Severity
from tests.checks.helpers import found, one

CONTACT = "contact.personal"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Selling the cot, text me on 07700 900461", True),
        ("Call +44 7700 900123 if you find the dog", True),
        ("Ring me on +33 6 12 34 56 78 while I'm in France", True),
        ("Email me at jane.swims@gmail.com about the club", True),
        ("Collection from 14 Glenview Crescent, KY2 6QX", True),
        ("my number's seven seven zero zero, nine zero zero, four six one", True),
        ("jane dot swims at gmail dot com for the rota", True),
        # hard negatives
        ("Samaritans helpline 116 123, any time", False),
        ("Council contact centre 03451 555555, ring them not me", False),
        ("Enquiries to info@charity.example please", False),
        ("Score was 3-1, 4-2 on aggregate, 10,000 fans", False),
        ("Community hall, 3 Shore Road, KY1 2TQ, all welcome", False),
    ],
)
def test_contact_table(text: str, expected: bool) -> None:
    assert (CONTACT in found(text)) is expected


def test_home_address_is_high_phone_is_medium() -> None:
    assert one(CONTACT, "Collection from 14 Glenview Crescent, KY2 6QX").severity is Severity.HIGH
    assert one(CONTACT, "text me on 07700 900461").severity is Severity.MEDIUM


def test_phone_classification() -> None:
    assert personal_phone("07700 900461") == "+447700900461"
    assert personal_phone("0800 111 1111") is None
    assert personal_phone("0909 879 0000") is None
    assert spoken_number("oh seven seven double oh nine double oh three eight five".split()) == "07700900385"
    assert spoken_number("one two three".split()) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the idea in wording the rules were not written from (invented for these tests); False rows are hard negatives
        ("Text me on 07700/900/412 if you want the pram", True),
        ("Mail me: jo.brodie [at] example [dot] com", True),
        ("Call the duty team on 0800 000 0000 if you are worried about a child", False),
    ],
)
def test_contact_new_wording(text: str, expected: bool) -> None:
    assert ("contact.personal" in found(text)) is expected


def test_drama_landline_and_odd_separators_are_numbers() -> None:
    from checks.contact import personal_phone

    assert personal_phone("01632 960 555") is not None
    assert personal_phone("07700_900_321") == "+447700900321"
    assert personal_phone("0800 000 0000") is None
