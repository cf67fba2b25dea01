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
    [
        ("", "the file is empty"),
        ("- a\n- b\n", "expected a mapping"),
        ("person: {name: J}\naccounts: [{platform: mastodon}]\n", "needs a handle or a url"),
    ],
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
    assert message.endswith(
        "14:1: the key 'framework' appears twice in the same mapping (first on line 13); only one is kept, so merge them"
    )


# --------------------------------------------------------------------------- issue 11: points 4 to 7

ROOT = Path(__file__).resolve().parent.parent


MISTAKES = "<!-- mistakes on purpose"


def _readme_blocks() -> list[tuple[bool, str, str]]:
    """(meant to be valid, the YAML, the text after it) for each README yaml block holding a profile."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    parts = text.split("```yaml\n")
    out = []
    for before, block in zip(parts, parts[1:], strict=False):
        body, _, after = block.partition("```")
        first = next((line for line in body.splitlines() if line.strip() and not line.startswith("#")), "")
        if first.startswith("person:"):  # NOTE: a profile file (persona files, which embed one, start otherwise)
            out.append((MISTAKES not in before.splitlines()[-1], body, after))
    return out


def _readme_profiles() -> list[str]:
    return [body for valid, body, _ in _readme_blocks() if valid]


def test_the_readme_example_of_mistakes_gives_the_errors_it_shows(tmp_path: Path) -> None:
    wrong = [(body, after) for valid, body, after in _readme_blocks() if not valid]
    assert wrong
    body, after = wrong[0]
    shown = after.split("```text\n", 1)[1].split("```", 1)[0].strip().splitlines()
    path = tmp_path / "bad.yaml"
    path.write_text(body)
    with pytest.raises(InputError) as info:
        load_profile(path, discover().sources, frameworks())
    got = [f"error: {line}".replace(str(path), "bad.yaml") for line in info.value.message.splitlines()]
    assert got == shown


def test_every_profile_snippet_in_the_readme_and_the_example_file_validates(tmp_path: Path) -> None:
    snippets = _readme_profiles()
    assert snippets, "the README shows a profile file"
    for snippet in [*snippets, (ROOT / "profiles.example.yaml").read_text(encoding="utf-8")]:
        profile = load(tmp_path, snippet)
        assert profile.accounts


@pytest.mark.parametrize("handle", ["MysteriousSocialWorker", "jane smith"])
def test_refused_handles_say_the_rule_broken(tmp_path: Path, handle: str) -> None:
    message = error_of(
        tmp_path,
        GOOD.replace(
            '{platform: mastodon, handle: "@janesmith@mastodon.example"}', f"{{platform: x, handle: {handle}}}"
        ),
    )
    assert "cannot be a valid X (Twitter) handle: at most 15 letters, digits or _" in message


def test_every_platform_states_its_handle_rule() -> None:
    for platform, source in discover().sources.items():
        assert source.needs == "url" or source.handle_rule, platform


def test_every_problem_in_the_file_is_reported_at_once(tmp_path: Path) -> None:
    text = GOOD.replace("  role: social worker\n", "  rol: social worker\n").replace(
        "framework: sssc", "framework: ssc"
    )
    text = text.replace(
        '  - {platform: mastodon, handle: "@janesmith@mastodon.example"}\n',
        "  - {platform: mastadon, handle: x}\n  - {platform: x, handle: MysteriousSocialWorker}\n",
    )
    lines = error_of(tmp_path, text).splitlines()
    assert len(lines) == 4, lines
    assert "person.rol: unknown key; did you mean 'role'?" in lines[0]
    assert "unknown platform 'mastadon'; did you mean 'mastodon'?" in lines[1]
    assert "accounts[1].handle: 'MysteriousSocialWorker' cannot be a valid X (Twitter) handle" in lines[2]
    assert "framework: unknown framework 'ssc'; did you mean 'sssc'?" in lines[3]
    assert [int(line.split(":")[1]) for line in lines] == sorted(int(line.split(":")[1]) for line in lines)


def test_too_many_problems_are_cut_to_a_sensible_number(tmp_path: Path) -> None:
    accounts = "".join(f"  - {{platform: nosuch{i}, handle: x}}\n" for i in range(25))
    lines = error_of(tmp_path, "person:\n  name: Jane\naccounts:\n" + accounts).splitlines()
    assert len(lines) == 11 and "and 15 more problems" in lines[-1]


@pytest.mark.parametrize(
    ("platform", "given", "expected"),
    [
        ("github", "https://github.com/moragc", "moragc"),
        ("mastodon", "https://mastodon.example/@moragc", "@moragc@mastodon.example"),
        ("x", "https://twitter.com/MoragC", "MoragC"),
        ("bluesky", "https://bsky.app/profile/moragc.example", "moragc.example"),
        ("reddit", "https://www.reddit.com/user/moragc_sw/", "u/moragc_sw"),
        ("youtube", "https://www.youtube.com/@moragc", "@moragc"),
        ("linkedin", "https://www.linkedin.com/in/morag-c-sw", "morag-c-sw"),
    ],
)
def test_profile_addresses_are_reduced_to_handles(tmp_path: Path, platform: str, given: str, expected: str) -> None:
    profile = load(
        tmp_path,
        GOOD.replace(
            '{platform: mastodon, handle: "@janesmith@mastodon.example"}',
            f'{{platform: {platform}, handle: "{given}"}}',
        ),
    )
    assert profile.accounts[0].handle == expected


@pytest.mark.parametrize(
    ("alias", "platform"), [("twitter", "x"), ("Twitter", "x"), ("bsky", "bluesky"), ("fb", "facebook")]
)
def test_common_aliases_are_accepted(tmp_path: Path, alias: str, platform: str) -> None:
    handle = (
        "jane.smith.123" if platform == "facebook" else "janesmith.example" if platform == "bluesky" else "JaneExample"
    )
    profile = load(
        tmp_path,
        GOOD.replace(
            '{platform: mastodon, handle: "@janesmith@mastodon.example"}', f"{{platform: {alias}, handle: {handle}}}"
        ),
    )
    assert profile.accounts[0].platform == platform


def test_tab_indentation_is_explained(tmp_path: Path) -> None:
    message = error_of(tmp_path, "person:\n\tname: Jane\n")
    assert message.endswith("tab characters cannot indent YAML; use spaces")


@pytest.mark.parametrize(
    "text",
    [
        "person: Jane Smith\n",
        "person:\n  name: Jane\naccounts: mastodon\n",
        "person:\n  name: Jane\nfetch:\n  max_posts: lots\n",
    ],
)
def test_no_validation_library_jargon(tmp_path: Path, text: str) -> None:
    message = error_of(tmp_path, text)
    assert "Input should" not in message and "instance of" not in message and "dictionary" not in message
    assert "expected" in message


def test_missing_profile_suggests_init(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_profile(tmp_path / "profiles.yaml", discover().sources)
    assert "footprint init" in (info.value.hint or "")


def test_profile_schema_lists_platforms_and_frameworks() -> None:
    from footprint.models import profile_json_schema

    schema = profile_json_schema(sorted(discover().sources), frameworks())
    assert "mastodon" in schema["$defs"]["Account"]["properties"]["platform"]["enum"]
    assert schema["properties"]["framework"]["enum"] == frameworks()


def test_role_is_not_assumed(tmp_path: Path) -> None:
    assert load(tmp_path, GOOD.replace("  role: social worker\n", "")).person.role is None


def _hosts_asked(path: Path) -> list[str]:
    """Audit a profile through a transport that records every address asked for, and answers 404."""
    import asyncio

    import httpx

    from footprint.engine import audit
    from footprint.rules import load_rules

    asked: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        return httpx.Response(404)

    registry = discover()
    profile = load_profile(path, registry.sources, frameworks())
    asyncio.run(audit(profile, registry, load_rules(None), transport=httpx.MockTransport(handler)))
    return asked


def test_the_example_file_and_the_readme_reach_no_real_account(tmp_path: Path) -> None:
    readme = tmp_path / "readme.yaml"
    readme.write_text(_readme_profiles()[0])
    for path in (ROOT / "profiles.example.yaml", readme):
        asked = _hosts_asked(path)
        assert asked
        assert all(".example" in url for url in asked), [u for u in asked if ".example" not in u]


def test_init_yes_uses_reserved_example_names_only(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from footprint.cli import app

    target = tmp_path / "profiles.yaml"
    assert CliRunner().invoke(app, ["init", str(target), "--yes"]).exit_code == 0
    assert "mastodon.scot" not in target.read_text()
    asked = _hosts_asked(target)
    assert asked and all(".example" in url for url in asked)


def test_init_takes_several_accounts_and_asks_again_after_a_bad_answer(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from footprint.cli import app

    target = tmp_path / "p.yaml"
    answers = (
        "\n".join(
            [
                "Robin Quill",
                "",
                "",
                "",
                "",
                "mastadon:@robinq@social.example",  # unknown platform: asked again
                "github",  # no handle: asked again
                "mastodon:@robinq@social.example",
                "twitter:https://x.com/RobinQ_Example",
                "blog:https://robinq.example/",
                "",
            ]
        )
        + "\n"
    )
    result = CliRunner().invoke(app, ["init", str(target)], input=answers)
    assert result.exit_code == 0, result.output
    assert "did you mean 'mastodon'?" in result.output and "write it as platform:handle" in result.output
    profile = load_profile(target, discover().sources, frameworks())
    assert [(a.platform, a.ident) for a in profile.accounts] == [
        ("mastodon", "@robinq@social.example"),
        ("x", "RobinQ_Example"),
        ("blog", "https://robinq.example/"),
    ]
    assert profile.person.role is None and profile.person.employer is None
