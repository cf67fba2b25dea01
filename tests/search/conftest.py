"""Search tests: no engine settings leak in from the environment, and a fictional profile to search for."""

from __future__ import annotations

import pytest

from footprint.models import Profile


@pytest.fixture(autouse=True)
def _no_engine_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in ("FOOTPRINT_SEARXNG_URL", "FOOTPRINT_BRAVE_API_KEY", "DDGS_PROXY"):
        monkeypatch.delenv(key, raising=False)


WATCH_WORDS = ["Lintmill Primary", "Sam Hollis", "Templehall", "LAC review", "Wester Brae"]


def searcher(**search: object) -> Profile:
    """Jamie Reid, fictional, with watch lists full of words that must never be sent."""
    return Profile.model_validate(
        {
            "person": {
                "name": "Jamie Reid",
                "also_known_as": ["Jamie Reid-Kerr"],
                "role": "social worker",
                "employer": "Fife Council",
                "team": "Children and Families, Kirkcaldy",
                "localities": ["Kirkcaldy", "Templehall"],
            },
            "watch": {
                "places": ["Lintmill Primary", "Templehall"],
                "words": ["LAC review", "Wester Brae"],
                "people": ["Sam Hollis"],
            },
            "accounts": [
                {"platform": "mastodon", "handle": "@jamiereid@mastodon.example"},
                {"platform": "mastodon", "handle": "@nightshiftsw@social.example", "anonymous": True},
                {"platform": "blog", "url": "https://jamiereid.example/"},
            ],
            "search": {"pause": 0, **search},
        }
    )
