"""`footprint discover` starts quickly: it imports only what it runs (bench/bench_discovery.py --cli measures it).

The registry loads a kind of plugin when it is first asked for, and one check alone when that is all a
command runs; sources import their heavy helpers (feedparser, the archive readers' text helpers) on
first use. These tests hold that line in a fresh interpreter, where nothing else has been imported.
"""

from __future__ import annotations

import json
import subprocess
import sys

_PROBE = """
import json, sys
from footprint.cli import app  # noqa: F401
from footprint.discovery import discover_report  # noqa: F401
from footprint.discovery.report import DISCOVERY_CHECKS
from footprint.plugins import discover
registry = discover()
registry.sources
checks = [registry.check(c) for c in DISCOVERY_CHECKS]
print(json.dumps({"checks": [c.id for c in checks], "modules": sorted(sys.modules)}))
"""


def test_discover_imports_no_other_check_no_archive_reader_and_no_feed_parser() -> None:
    out = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True, timeout=120)
    got = json.loads(out.stdout)
    assert got["checks"] == ["identity.linkable"]
    modules = set(got["modules"])
    assert "checks.linkable" in modules and "footprint.sources.mastodon" in modules
    assert not {"checks.conduct", "checks.contact", "checks.oversharing"} & modules
    assert not {m for m in modules if m.startswith("footprint.archives.") or m.startswith("footprint.search.engines")}
    assert "feedparser" not in modules and "phonenumbers" not in modules and "footprint.rules" not in modules
