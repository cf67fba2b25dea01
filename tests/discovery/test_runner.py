"""The runner and the library entry points, against the playground."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

from typer.testing import CliRunner

from footprint.cli import app
from footprint.discovery import DiscoverOptions, add_discovery
from footprint.discovery.client import ClientLimits
from footprint.discovery.formats import load_sites
from footprint.discovery.runner import RunOptions, run
from footprint.discovery.variants import declared
from footprint.models import Profile, Report, Subject, Tool
from footprint.plugins import discover as plugins
from footprint.profile_file import load_profile
from tests.discovery import playground


class Recorder:
    def __init__(self) -> None:
        self.labels: list[str] = []
        self.total = 0

    def start(self, total: int, what: str) -> None:
        self.total = total

    def advance(self, label: str) -> None:
        self.labels.append(label)

    def finish(self) -> None:
        pass


def profile(path: Path) -> Profile:
    return load_profile(path, plugins().sources)


def test_every_site_ends_in_its_expected_state(sites_file: Path, profile_file: Path) -> None:
    sites = load_sites([sites_file], allow_private=True).sites
    progress = Recorder()
    options = RunOptions(deadline=20, limits=ClientLimits(site_timeout=1), allow_private=True)
    outcome = asyncio.run(
        run(sites, declared(profile(profile_file)), names=("Jane Smith",), options=options, progress=progress)
    )
    got: dict[str, dict[str, str]] = {}
    for p in outcome.probes:
        got.setdefault(p.result.site.key, {})[p.candidate.handle] = p.result.state.value
    assert got == playground.EXPECTED
    # the progress bar is told how many sites are done, found and blocked
    assert progress.total == len(sites) and len(progress.labels) == len(sites)
    assert progress.labels[-1].startswith(f"{len(sites)}/{len(sites)} sites · 5 found · 3 blocked")


def _audited(checks_run: list[str]) -> Report:
    return Report(
        tool=Tool(version="test"),
        generated_at=dt.datetime.now(dt.UTC),
        subject=Subject(name="Jane Smith"),
        framework="sssc",
        checks_run=checks_run,
        stats={"accounts": 2},
    )


def test_audit_report_gains_the_discovered_accounts_and_the_linkable_finding(
    sites_file: Path, profile_file: Path
) -> None:
    options = DiscoverOptions(
        sites_files=[sites_file], builtin=False, run=RunOptions(limits=ClientLimits(site_timeout=1), allow_private=True)
    )
    merged = asyncio.run(
        add_discovery(_audited(["identity.linkable", "identity.real-name"]), profile(profile_file), options)
    )
    assert merged.stats["accounts"] == 2 and merged.stats["discovery_probes"] == 22
    assert merged.checks_run == ["identity.linkable", "identity.real-name"]
    assert [f.check for f in merged.findings] == ["identity.linkable"]
    assert merged.findings[0].guidance  # through the core: guidance attached like any finding's
    assert {(d.site, d.handle) for d in merged.discovered if d.state.value == "found"} == {
        ("real", "jane_sw"),
        ("real", "nightowl_sw"),
        ("soft404", "jane_sw"),
        ("api", "nightowl_sw"),
        ("moved", "jane_sw"),
    }


def test_a_skipped_linkable_check_makes_no_finding_from_discovery(sites_file: Path, profile_file: Path) -> None:
    options = DiscoverOptions(
        sites_files=[sites_file], builtin=False, run=RunOptions(limits=ClientLimits(site_timeout=1), allow_private=True)
    )
    merged = asyncio.run(add_discovery(_audited(["identity.real-name"]), profile(profile_file), options))
    assert merged.findings == [] and merged.checks_run == ["identity.real-name"]
    assert any(d.anonymous and d.name_shown for d in merged.discovered)  # found all the same, just not judged


def test_variants_are_probed_when_asked_and_only_informative_ones_are_listed(sites_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("person: {name: Jane Smith}\naccounts: []\n")
    out = CliRunner().invoke(
        app,
        [
            "discover",
            str(path),
            "--no-builtin-sites",
            "--sites",
            str(sites_file),
            "--allow-private-addresses",
            "--timeout",
            "1",
            "--variants",
            "--category",
            "social",
            "-f",
            "json",
        ],
    )
    assert out.exit_code == 0, out.stderr
    import json

    report = json.loads(out.stdout)
    assert report["stats"]["discovery_probes"] > 10
    assert all(d["origin"] == "variant" for d in report["discovered"])
    assert all(d["state"] not in ("not_found", "invalid") for d in report["discovered"])
    assert {d["site"] for d in report["discovered"]} == {"everyone"}


def test_no_handles_and_no_variants_is_a_clear_error(sites_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("person: {name: Jane Smith}\naccounts: []\n")
    out = CliRunner().invoke(
        app, ["discover", str(path), "--no-builtin-sites", "--sites", str(sites_file), "--allow-private-addresses"]
    )
    assert out.exit_code == 2 and "no account handles" in out.stderr and "--variants" in out.stderr


def test_audit_has_a_discover_option() -> None:
    out = CliRunner().invoke(app, ["audit", "--help"])
    assert "--discover" in out.stdout
