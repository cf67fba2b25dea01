"""The README's worked plugin examples, installed as a throwaway package and run through footprint.

Each ```python block in the README's plugin section that starts with `# footprint_guestbook/…` is
written to that file, and the ```toml block's entry points become the package's entry_points.txt,
so the README and the code cannot drift apart: one plugin of each kind (check, source, archive
reader, search engine) is found by the one loader and does its job through footprint's own path.
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import respx

from footprint.errors import PluginLoadError
from footprint.plugins import KINDS, Registry, discover, load

README = Path(__file__).resolve().parents[1] / "README.md"
PACKAGE = "footprint_guestbook"


def _section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("## Plugins: checks, sources, archive readers, search engines")
    return text[start : text.index("\n## ", start + 1)]


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", _section(), flags=re.DOTALL)


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The README's package, on sys.path with a dist-info declaring its entry points."""
    package = tmp_path / PACKAGE
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    modules = []
    for block in _blocks("python"):
        first = block.splitlines()[0]
        assert first.startswith(f"# {PACKAGE}/"), first
        path = tmp_path / first.removeprefix("# ")
        path.write_text(block, encoding="utf-8")
        modules.append(path.stem)
    assert sorted(modules) == ["archive", "engine", "pets", "source"]
    (toml,) = _blocks("toml")
    groups = tomllib.loads(toml)["project"]["entry-points"]
    assert sorted(groups) == sorted(kind.group for kind in KINDS.values())  # one example per kind
    dist = tmp_path / "footprint_guestbook-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: footprint-guestbook\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text(
        "".join(
            f"[{group}]\n" + "".join(f"{name} = {value}\n" for name, value in eps.items())
            for group, eps in groups.items()
        ),
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        yield tmp_path
    finally:
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            sys.modules.pop(name, None)


def test_one_loader_finds_one_example_of_each_kind_beside_the_built_ins(installed: Path) -> None:
    registry = discover()
    assert registry.checks["personal.pet-name"].__module__ == f"{PACKAGE}.pets"
    assert registry.sources["guestbook"].__module__ == f"{PACKAGE}.source"
    assert registry.archives["guestbook"].__module__ == f"{PACKAGE}.archive"
    assert registry.engines["bingo"].__module__ == f"{PACKAGE}.engine"
    assert {"identity.linkable"} <= set(registry.checks) and {"mastodon"} <= set(registry.sources)
    assert {"x"} <= set(registry.archives) and {"searxng"} <= set(registry.engines)


def test_the_example_check_finds_the_pet(installed: Path) -> None:
    from footprint.core import Analyser
    from footprint.models import Post, Snapshot
    from footprint.rules import load_rules
    from tests.conftest import make_profile

    analyser = Analyser(make_profile(), [discover().checks["personal.pet-name"]], load_rules())
    analyser.account(Snapshot(platform="x", handle="j", posts=[Post(id="1", text="Biscuit the dog says hello")]))
    (finding,) = analyser.finish()
    assert finding.check == "personal.pet-name" and finding.excerpt is not None and "Biscuit" in finding.excerpt.text


def test_the_example_source_reads_a_declared_account_and_its_handles_are_validated(installed: Path) -> None:
    from footprint.engine import read_account
    from footprint.http import Http, Limits
    from footprint.models import Account, AccountStatus
    from footprint.profile_file import load_profile
    from tests.conftest import make_profile

    registry = discover()
    profile_file = installed / "profile.yaml"
    profile_file.write_text("person: {name: Jane Smith}\naccounts:\n  - {platform: guestbook, handle: Not A Handle}\n")
    with pytest.raises(
        Exception, match=r"profile.yaml:3:\d+: accounts\[0\].handle: 'Not A Handle' cannot be a valid Guestbook handle"
    ):
        load_profile(profile_file, registry.sources)

    account = Account(platform="guestbook", handle="janesmith")
    profile = make_profile(accounts=[account.model_dump()], fetch={"max_age_days": 36500})
    answer = {
        "name": "Jane S",
        "about": "Walks with Biscuit",
        "entries": [
            {"id": "1", "text": "Lovely day at the beach", "date": "2025-06-01T10:00:00Z"},
            {"id": "2", "text": "Biscuit found a stick", "date": "2025-06-02T10:00:00Z"},
        ],
    }

    async def go():  # type: ignore[no-untyped-def]
        fast = Limits(connect_timeout=1.0, read_timeout=1.0, deadline=2.0, backoff=0.0, retries=0)
        async with Http(limits=fast, resolve_dns=False) as http:
            return await read_account(account, profile, registry, http, {})

    with respx.mock(assert_all_mocked=True) as router:
        router.get("https://guestbook.example/api/janesmith.json").mock(return_value=httpx.Response(200, json=answer))
        outcome = asyncio.run(go())
    assert outcome.status is AccountStatus.CHECKED and outcome.snapshot is not None
    assert outcome.snapshot.display_name == "Jane S"
    assert [p.text for p in outcome.snapshot.posts] == ["Lovely day at the beach", "Biscuit found a stick"]

    with respx.mock(assert_all_mocked=True) as router:
        router.get("https://guestbook.example/api/janesmith.json").mock(return_value=httpx.Response(404, text="no"))
        assert asyncio.run(go()).status is AccountStatus.NOT_FOUND


def test_the_example_reader_is_chosen_for_its_download_and_scanned(installed: Path) -> None:
    from footprint.rules import load_rules
    from footprint.scan import scan
    from tests.conftest import make_profile

    download = installed / "guestbook-export.json"
    download.write_text(
        json.dumps(
            {
                "owner": {"handle": "janesmith"},
                "entries": [
                    {"id": "a", "text": "Biscuit and I went for a walk", "date": "2025-06-01"},
                    {"id": "b", "text": ""},
                    "not an entry",
                ],
            }
        ),
        encoding="utf-8",
    )
    report = scan(download, make_profile(), discover(), load_rules())
    (account,) = report.accounts
    assert (account.platform, account.account, account.posts_read) == ("guestbook", "janesmith", 1)
    assert [f.check for f in report.findings if f.check == "personal.pet-name"] == ["personal.pet-name"]


def test_the_example_engine_answers_and_fails_the_contract_way(installed: Path) -> None:
    from footprint.http import Http, Limits
    from footprint.models import QueryStatus, SearchSettings
    from footprint.plugins.search import EngineConfig, EngineFailure

    engine_class = discover().engines["bingo"]

    async def ask(query: str):  # type: ignore[no-untyped-def]
        fast = Limits(connect_timeout=1.0, read_timeout=1.0, deadline=2.0, backoff=0.0, retries=0)
        async with Http(limits=fast, resolve_dns=False) as http:
            return await engine_class(http, EngineConfig(SearchSettings(), {})).search(query, 1)

    results = {
        "results": [
            {"url": "https://jane.example/", "title": "<b>Jane</b> Smith", "snippet": "Hello"},
            {"url": "https://other.example/", "title": "Other"},
        ]
    }
    with respx.mock(assert_all_mocked=True) as router:
        router.get("https://search.example/api").mock(return_value=httpx.Response(200, json=results))
        (only,) = asyncio.run(ask('"Jane Smith"'))
    assert (only.url, only.title, only.snippet) == ("https://jane.example/", "Jane Smith", "Hello")
    with respx.mock(assert_all_mocked=True) as router:
        router.get("https://search.example/api").mock(return_value=httpx.Response(429, text="slow down"))
        with pytest.raises(EngineFailure) as failed:
            asyncio.run(ask('"Jane Smith"'))
    assert failed.value.status is QueryStatus.RATE_LIMITED and failed.value.stops_the_run


def test_a_plugin_of_the_wrong_kind_or_a_claimed_key_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "clash_example"
    package.mkdir()
    (package / "__init__.py").write_text(
        "from footprint.plugins.sources import Source\n\n"
        "class NotAReader:\n    name = 'odd'\n\n"
        "class SecondMastodon(Source):\n    platform = 'mastodon'\n    title = 'Mastodon again'\n\n"
        "    async def fetch(self, account):\n        raise NotImplementedError\n",
        encoding="utf-8",
    )
    dist = tmp_path / "clash_example-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: clash-example\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text(
        "[footprint.archives]\nodd = clash_example:NotAReader\n[footprint.sources]\nzz-mastodon = clash_example:SecondMastodon\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        with pytest.raises(PluginLoadError, match="odd = clash_example:NotAReader is not a footprint ArchiveReader"):
            load(KINDS["archives"])
        with pytest.raises(PluginLoadError, match="two sources claim the platform 'mastodon'"):
            load(KINDS["sources"])
    finally:
        sys.modules.pop("clash_example", None)


def test_the_registry_loads_a_kind_only_when_asked_and_a_given_kind_is_used_as_given() -> None:
    registry = discover()
    assert registry._kinds == {}
    assert "mastodon" in registry.sources and set(registry._kinds) == {"sources"}
    handed = Registry(checks={})
    assert handed.checks == {} and handed.archives == {}
