"""What is sent: the name, role, employer, localities, other names and handles; never a watch list."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from footprint.models import Profile
from footprint.search.queries import build, candidates
from tests.search.conftest import WATCH_WORDS, searcher


def test_queries_follow_the_profile_in_order() -> None:
    send, withheld = build(searcher(), 12)
    assert [(q.purpose, q.text) for q in send] == [
        ("name", '"Jamie Reid"'),
        ("role", '"Jamie Reid" social worker'),
        ("employer", '"Jamie Reid" "Fife Council"'),
        ("locality", '"Jamie Reid" Kirkcaldy'),
        ("alias", '"Jamie Reid-Kerr"'),
        ("handle", '"jamiereid"'),
        ("handle", '"nightshiftsw"'),
        ("handle", '"jamiereid.example"'),
    ]
    assert [q.text for q in withheld] == ['"Jamie Reid" Templehall']


def test_the_cap_keeps_the_first_queries() -> None:
    send, _ = build(searcher(), 3)
    assert [q.purpose for q in send] == ["name", "role", "employer"]


def test_no_watch_word_is_in_any_query_sent() -> None:
    send, _ = build(searcher(), 30)
    for query in send:
        for word in WATCH_WORDS:
            assert word.lower() not in query.text.lower()


_word = st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll")), min_size=3, max_size=10)


@settings(max_examples=60, deadline=None)
@given(watch=st.lists(_word, min_size=1, max_size=4), places=st.lists(_word, max_size=3))
def test_watch_entries_never_reach_a_query_whatever_the_profile_says(watch: list[str], places: list[str]) -> None:
    profile = Profile.model_validate(
        {
            "person": {"name": "Robin Quill", "localities": [*places, *watch[:1]], "also_known_as": watch[1:2]},
            "watch": {"places": watch[:2], "words": watch[2:3], "people": watch[3:]},
        }
    )
    send, withheld = build(profile, 30)
    assert len(send) + len(withheld) == len(candidates(profile))
    for query in send:
        for word in watch:
            assert f" {word.lower()} " not in f" {query.text.lower().replace(chr(34), ' ')} "
