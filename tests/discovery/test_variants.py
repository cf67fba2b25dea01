"""The names to look for: declared handles normalised, variants only on request, anonymity carried along."""

from __future__ import annotations

import random

from footprint.discovery.catalogue import Grammar
from footprint.discovery.runner import canary_name
from footprint.discovery.variants import declared, variants
from tests.conftest import make_profile


def test_declared_handles_are_bare_names_with_their_origin() -> None:
    profile = make_profile(
        accounts=[
            {"platform": "mastodon", "handle": "@Jane_SW@mastodon.scot"},
            {"platform": "bluesky", "handle": "nightowl.bsky.social", "anonymous": True},
            {"platform": "reddit", "handle": "u/jane_sw"},
            {"platform": "blog", "url": "https://jane.example/"},
        ]
    )
    got = {(c.handle, c.anonymous, c.host) for c in declared(profile)}
    assert got == {
        ("Jane_SW", False, "mastodon.scot"),
        ("nightowl", True, None),
    }  # u/jane_sw is the same name as Jane_SW


def test_an_anonymous_declaration_wins_for_a_shared_name() -> None:
    profile = make_profile(
        accounts=[
            {"platform": "mastodon", "handle": "@owl@a.example"},
            {"platform": "reddit", "handle": "owl", "anonymous": True},
        ]
    )
    assert [c.anonymous for c in declared(profile)] == [True]


def test_variants_of_the_name_and_handles() -> None:
    profile = make_profile(accounts=[{"platform": "mastodon", "handle": "@jane.smith@m.example"}])
    names = [c.handle for c in variants(profile)]
    for expected in ("janesmith", "jane_smith", "jane-smith", "jsmith", "j.smith", "smithjane", "smith.jane", "janeys"):
        assert expected in names
    assert "jane.smith" not in names  # already declared
    assert len(names) == len({n.casefold() for n in names}) <= 24
    assert all(c.origin == "variant" for c in variants(profile))


def test_variants_fold_accents_and_carry_anonymity() -> None:
    profile = make_profile(
        person={"name": "Zoë O'Brien-Hart"}, accounts=[{"platform": "reddit", "handle": "owl_night", "anonymous": True}]
    )
    found = {c.handle: c for c in variants(profile)}
    assert "zoehart" in found and "zoe.hart" in found
    assert found["owlnight"].anonymous and found["owlnight"].derived_from == "owl_night"
    assert not found["zoehart"].anonymous


def test_canary_names_fit_the_grammar() -> None:
    rng = random.Random(7)
    for grammar in (
        Grammar(),
        Grammar(pattern="^[a-z]+$", max_length=8),
        Grammar(pattern="^[0-9]+$", min_length=3, max_length=6),
        Grammar(pattern="^[A-Z]{4}$", min_length=4, max_length=4),
    ):
        name = canary_name(grammar, rng)
        assert name is not None and grammar.problem(name) is None
    assert canary_name(Grammar(pattern="^jane$"), rng) is None
