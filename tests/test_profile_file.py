"""The profile file: valid files load, every mistake is one located line."""

from __future__ import annotations

from pathlib import Path

import pytest

from footprint.errors import InputError
from footprint.guidance import frameworks
from footprint.plugins import discover
from footprint.profile_file import endpoint_overrides, load_profile

GOOD = """\
person:
  name: Jane Smith
  also_known_as: [Janey Smith]
  role: social worker
  employer: Fife Council
  team: Children and Families, Kirkcaldy
  localities: [Kirkcaldy, Fife]
watch:
  places: [Kirkcaldy Sheriff Court]
  words: [LAC review]
accounts:
  - {platform: mastodon, handle: "@janesmith@mastodon.example"}
framework: sssc
"""


def load(tmp_path: Path, text: str):
    path = tmp_path / "profiles.yaml"
    path.write_text(text, encoding="utf-8")
    return load_profile(path, discover().sources, frameworks())


def error_of(tmp_path: Path, text: str) -> str:
    with pytest.raises(InputError) as info:
        load(tmp_path, text)
    return info.value.message


def test_a_good_file_loads(tmp_path: Path) -> None:
    profile = load(tmp_path, GOOD)
    assert profile.person.name == "Jane Smith"
    assert profile.names() == ["Jane Smith", "Janey Smith"]
    assert profile.accounts[0].platform == "mastodon"
    assert profile.fetch.max_posts == 200 and profile.fetch.max_age_days == 365


def test_unknown_platform_is_located_and_lists_the_known_ones(tmp_path: Path) -> None:
    message = error_of(tmp_path, GOOD.replace("platform: mastodon", "platform: mastadon"))
    assert message.startswith(f"{tmp_path / 'profiles.yaml'}:12:16: accounts[0].platform: unknown platform 'mastadon'")
    assert "mastodon" in message.split("known:")[1]


def test_impossible_handle_says_so(tmp_path: Path) -> None:
    message = error_of(tmp_path, GOOD.replace("@janesmith@mastodon.example", "jane smith"))
    assert ":12:" in message and "accounts[0].handle" in message
    assert "cannot be a valid Mastodon handle" in message


def test_missing_name_is_located(tmp_path: Path) -> None:
    message = error_of(tmp_path, GOOD.replace("  name: Jane Smith\n", ""))
    assert message.endswith("person.name: required but missing")
    assert ":2:" in message


def test_misspelt_key_is_located(tmp_path: Path) -> None:
    message = error_of(tmp_path, GOOD.replace("employer:", "emplyer:"))
    assert ":5:3: person.emplyer: unknown key" in message


def test_wrong_type_is_located(tmp_path: Path) -> None:
    message = error_of(tmp_path, GOOD.replace("localities: [Kirkcaldy, Fife]", "localities: {a: 1}"))
    assert ":7:15: person.localities:" in message


def test_broken_yaml_is_located(tmp_path: Path) -> None:
    message = error_of(tmp_path, GOOD.replace("role: social worker", "role: [social worker"))
    assert "not valid YAML" in message
    assert message.split(":")[1].isdigit()


def test_unknown_framework_lists_the_shipped_ones(tmp_path: Path) -> None:
    message = error_of(tmp_path, GOOD.replace("framework: sssc", "framework: gmc"))
    assert ":13:12: framework: unknown framework 'gmc'" in message and "sssc" in message


@pytest.mark.parametrize(
    "text, expected",
    [("", "the file is empty"), ("- a\n- b\n", "expected a mapping"), ("person: {name: J}\naccounts: [{platform: mastodon}]\n", "needs a handle or a url")],
)
def test_other_malformed_files(tmp_path: Path, text: str, expected: str) -> None:
    assert expected in error_of(tmp_path, text)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        load_profile(tmp_path / "nope.yaml", discover().sources)


def test_endpoint_must_be_http_and_a_known_platform(tmp_path: Path) -> None:
    assert "not an http(s) URL" in error_of(tmp_path, GOOD + "endpoints: {mastodon: 'ftp://x'}\n")
    assert "unknown platform 'myspace'" in error_of(tmp_path, GOOD + "endpoints: {myspace: 'http://127.0.0.1:1'}\n")


def test_environment_overrides_win_over_the_file(tmp_path: Path) -> None:
    profile = load(tmp_path, GOOD + "endpoints: {mastodon: 'http://127.0.0.1:1/file/'}\n")
    assert endpoint_overrides(profile, {}) == {"mastodon": "http://127.0.0.1:1/file"}
    merged = endpoint_overrides(profile, {"FOOTPRINT_ENDPOINT_MASTODON": "http://127.0.0.1:2/env"})
    assert merged == {"mastodon": "http://127.0.0.1:2/env"}
    with pytest.raises(InputError, match="FOOTPRINT_ENDPOINT_GITHUB"):
        endpoint_overrides(profile, {"FOOTPRINT_ENDPOINT_GITHUB": "not a url"})


def test_a_key_written_twice_is_an_error_not_silently_dropped(tmp_path: Path) -> None:
    message = error_of(tmp_path, GOOD + "framework: swe\n")
    assert message.endswith("14:1: the key 'framework' appears twice in the same mapping (first on line 13); only one is kept, so merge them")
