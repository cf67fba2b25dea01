"""The live-validation tool's logic, exercised on the loopback playground (the real run is opt-in and never in tests)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from footprint.discovery.client import ClientLimits
from footprint.discovery.formats import load_sites
from footprint.discovery.validate import main, validate


def test_validate_tells_healthy_entries_from_broken_ones(sites_file: Path) -> None:
    sites = load_sites([sites_file], allow_private=True).sites
    checks = {
        c.site.key: c.verdict
        for c in asyncio.run(validate(sites, limits=ClientLimits(site_timeout=1), allow_private=True))
    }
    assert checks["real"] == "ok" and checks["moved"] == "ok" and checks["soft404"] == "ok"
    assert checks["everyone"] == "found-for-anyone"
    assert checks["waf"] == checks["ratelimit"] == checks["loginwall"] == "blocked"
    assert checks["slow"] == checks["dead"] == "error"
    assert checks["api"] == "ok"
    assert checks["strict"] == "known-missing"  # its known name is not served by the playground


def test_the_command_line_exits_1_when_any_entry_is_unhealthy(sites_file: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code = main(
        [
            "--no-builtin",
            "--sites",
            str(sites_file),
            "--allow-private-addresses",
            "--only",
            "real",
            "--only",
            "everyone",
        ]
    )
    out = capsys.readouterr().out
    assert code == 1 and "found-for-anyone" in out and "1 ok" in out
