"""profiles.example.yaml loads, names every built-in platform once, and every handle fits its platform."""

from __future__ import annotations

from pathlib import Path

from footprint.guidance import frameworks
from footprint.plugins import discover
from footprint.profile_file import load_profile

EXAMPLE = Path(__file__).resolve().parents[2] / "profiles.example.yaml"


def test_the_example_profile_loads_and_covers_every_platform() -> None:
    sources = discover().sources
    profile = load_profile(EXAMPLE, sources, frameworks())
    platforms = [a.platform for a in profile.accounts]
    built_in = [p for p, cls in sources.items() if cls.__module__.startswith("footprint.sources.")]
    assert sorted(platforms) == sorted(built_in), "one account per built-in platform"
    assert all(sources[a.platform].validate(a) is None for a in profile.accounts)
    # NOTE: issue 11: the example's endpoints point at reserved .example hosts, so its made-up handles reach no one.
    assert all(url.split("/")[2].endswith(".example") for url in profile.endpoints.values())
