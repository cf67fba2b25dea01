"""The shipped catalogue: schema-valid, the schema generated from the model, every known name fits its grammar."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
import yaml

from footprint.discovery.catalogue import BLOCK_STATUSES, Site, SiteCatalogue, builtin_paths, catalogue_json_schema
from footprint.discovery.formats import load_builtin, load_sites, private_host
from footprint.discovery.schema import render
from footprint.errors import InputError

SITES_YAML, SCHEMA_JSON = builtin_paths()
SITES = load_builtin()
ISSUE_CATEGORIES = {
    "social",
    "blogging",
    "forum",
    "professional",
    "academic",
    "photo",
    "video",
    "fitness",
    "crowdfunding",
    "petitions",
    "reviews",
    "gaming",
}


def test_shipped_schema_is_the_one_generated_from_the_model() -> None:
    assert json.loads(SCHEMA_JSON.read_text()) == catalogue_json_schema()
    assert SCHEMA_JSON.read_text() == render()


def test_catalogue_validates_against_the_shipped_schema() -> None:
    data = yaml.safe_load(SITES_YAML.read_text())
    jsonschema.Draft202012Validator(json.loads(SCHEMA_JSON.read_text())).validate(data)


def test_schema_rejects_what_the_model_rejects() -> None:
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_JSON.read_text()))
    bad = {
        "sites": [{"key": "x", "name": "X", "category": "social", "url": "https://x.example/{handle}", "colour": "red"}]
    }
    assert list(validator.iter_errors(bad))
    bad = {"sites": [{"key": "x", "name": "X", "category": "knitting", "url": "https://x.example/{handle}"}]}
    assert list(validator.iter_errors(bad))


def test_at_least_150_sites_across_every_category_the_issue_names() -> None:
    assert len(SITES) >= 150
    counts = Counter(s.category.value for s in SITES)
    assert ISSUE_CATEGORIES <= set(counts), ISSUE_CATEGORIES - set(counts)
    assert len({s.key for s in SITES}) == len(SITES)


def test_no_shipped_site_targets_a_private_address_or_plain_http() -> None:
    for site in SITES:
        assert private_host(site) is None, site.key
        assert site.url.startswith("https://") and (site.check_url or "https://").startswith("https://"), site.key


@pytest.mark.parametrize("site", SITES, ids=lambda s: s.key)
def test_known_account_fits_the_grammar_and_a_typical_impossible_name_does_not(site: Site) -> None:
    assert site.known, f"{site.key} has no known account for the live validation run"
    assert site.grammar.problem(site.known) is None
    assert site.grammar.problem("a" * (site.grammar.max_length + 1)) is not None
    assert site.grammar.problem("no spaces/or slashes") is not None or " " in site.grammar.pattern
    assert not set(site.detect.exists.status) & BLOCK_STATUSES


def test_a_user_file_cannot_set_a_user_agent(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "sites:\n  - {key: x, name: X, category: social, url: 'https://x.example/{handle}', headers: {User-Agent: Mozilla}}\n"
    )
    with pytest.raises(InputError, match=r"mine.yaml:2:.*User-Agent header may not be set"):
        load_sites([path])


def test_a_user_file_aimed_at_loopback_is_refused_unless_allowed(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("sites:\n  - {key: x, name: X, category: social, url: 'http://127.0.0.1:8080/{handle}'}\n")
    with pytest.raises(InputError, match=r"mine.yaml:2:.*127\.0\.0\.1.*--allow-private-addresses"):
        load_sites([path])
    assert [s.key for s in load_sites([path], allow_private=True).sites] == ["x"]


@pytest.mark.parametrize(
    "site, problem",
    [
        ({"url": "https://x.example/profile"}, "no {handle} placeholder"),
        ({"url": "ftp://x.example/{handle}"}, "not an http(s) address"),
        ({"grammar": {"pattern": "(["}}, "pattern does not compile"),
        ({"known": "has space"}, "does not fit the grammar"),
        ({"detect": {"missing": [{"status": [429]}]}}, "429 means blocked"),
        ({"detect": {"exists": {"status": [403]}}}, "403 means blocked"),
        ({"detect": {"missing": [{}]}}, "a missing rule needs"),
        ({"key": "Has Caps"}, "key must be lower case"),
    ],
)
def test_bad_entries_are_refused_with_a_reason(site: dict, problem: str) -> None:
    entry = {"key": "x", "name": "X", "category": "social", "url": "https://x.example/{handle}", **site}
    with pytest.raises(
        ValueError, match=problem.replace("(", r"\(").replace(")", r"\)").replace("{", r"\{").replace("}", r"\}")
    ):
        SiteCatalogue.model_validate({"sites": [entry]})


def test_profile_urls_encode_the_name() -> None:
    site = Site(
        key="x", name="X", category="hobby", url="https://x.example/p/?u={handle}", grammar={"pattern": "^[A-Za-z ]+$"}
    )
    assert site.profile_url("Jane Smith") == "https://x.example/p/?u=Jane%20Smith"
