"""footprint.text: tokens with offsets, one-pass phrase matching, negatives, excerpts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from footprint.markup import extract_links, html_to_text
from footprint.text import PhraseIndex, TextView, excerpt_around


def index(**categories: list[str]) -> PhraseIndex:
    idx = PhraseIndex()
    for name, terms in categories.items():
        for term in terms:
            negative = term.startswith("!")
            idx.add(name.replace("_", "."), term.lstrip("!"), negative=negative)
    return idx


def test_tokens_are_lower_case_with_offsets() -> None:
    view = TextView("Took a Wee lad’s bike")
    assert view.tokens == ["took", "a", "wee", "lad's", "bike"]
    assert [view.text[a:b] for a, b in zip(view.starts, view.ends, strict=False)] == [
        "Took",
        "a",
        "Wee",
        "lad’s",
        "bike",
    ]
    assert view.capitalised(2) and not view.capitalised(1)


def test_camel_case_hashtags_are_split_into_words() -> None:
    view = TextView("Long day #SocialWorkLife and #NQSW")
    assert view.tokens == ["long", "day", "social", "work", "life", "and", "nqsw"]
    assert view.after_hash(2) and not view.after_hash(3) and view.after_hash(6)


def test_phrases_stems_and_negatives() -> None:
    idx = index(legal=["court", "children's hearing", "!tennis court"], drink=["drunk*"], work=["home visit"])
    view = TextView("Tennis court, then a Children's Hearing, then drunken home visit at the court")
    hits = view.hits(idx)
    assert [m.term for m in hits["legal"]] == ["children's hearing", "court"]
    assert [view.text[m.start : m.end] for m in hits["drink"]] == ["drunken"]
    assert hits["work"][0].first_token == hits["work"][0].last_token - 1


def test_near_words_cancel_a_match() -> None:
    idx = index(legal=["detained"])
    idx.cancel_near("legal", ["airport"], 3)
    assert not TextView("Detained at Glasgow airport again").has(idx, "legal")
    assert TextView("Detained under the Act last night").has(idx, "legal")


def test_hits_are_computed_once_per_index() -> None:
    idx = index(a=["x"])
    view = TextView("x y x")
    assert view.hits(idx) is view.hits(idx)
    assert len(view.matches(idx, "a")) == 2


@given(st.text(max_size=200))
def test_any_text_scans_and_offsets_line_up(text: str) -> None:
    view = TextView(text)
    idx = index(a=["a", "b c"])
    for m in view.hits(idx).get("a", []):
        assert 0 <= m.start <= m.end <= len(text)
    assert len(view.starts) == len(view.tokens) == len(view.ends)


@pytest.mark.parametrize("width", [5, 80])
def test_excerpt_keeps_the_span(width: int) -> None:
    text = "one two three four five six seven eight nine ten " * 4
    start = text.index("five")
    snippet, s, e = excerpt_around(text, start, start + 4, width)
    assert snippet[s:e] == "five"


def test_html_helpers() -> None:
    assert html_to_text("<p>Hi &amp; bye</p><p>two</p>") == "Hi & bye\ntwo"
    assert extract_links('<a href="https://a.example/x">a</a><a href="mailto:x">m</a>') == ["https://a.example/x"]


def test_long_phrases_sharing_two_words_match_by_their_third() -> None:
    idx = index(rota=["on the rota", "on the amhp rota", "on the rota*", "on the"], end=["on the ward round"])
    view = TextView("On the AMHP rota tonight, on the rotation after, then on the ward round and on the")
    terms = [(m.category, m.term) for ms in view.hits(idx).values() for m in ms]
    assert ("rota", "on the amhp rota") in terms
    assert ("rota", "on the rota*") in terms  # a stem as the third word
    assert ("end", "on the ward round") in terms
    assert sum(1 for c, t in terms if t == "on the") == 4  # short phrases still match, ending the text too
    assert ("rota", "on the rota") not in terms
