"""A trainer's persona behaves exactly like live accounts: the answers built from the persona file, served by a
real HTTP server on 127.0.0.1 to a plain `footprint audit`, give the very findings `footprint demo --personas` gives.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from footprint.demo.fixture_site import Answer
from footprint.demo.personas import load_persona
from footprint.guidance import frameworks
from footprint.plugins import discover
from tests.localserver import serve

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "personas"


def test_the_example_persona_over_real_http_matches_the_demo(tmp_path: Path) -> None:
    persona = load_persona(EXAMPLE / "dana.yaml", discover().sources, frameworks())

    def respond(url: str) -> Answer:
        path = url.split("/", 3)[3]
        platform, _, rest = path.partition("/")
        return persona.site.answer(f"https://{platform}.mirror.example/{rest}", any_host=True)

    env = {k: v for k, v in os.environ.items() if not k.startswith("FOOTPRINT_")}
    with serve(respond) as server:
        profile = persona.profile.model_copy(
            update={"endpoints": {"mastodon": f"{server.base}/mastodon", "bluesky": f"{server.base}/bluesky"}}
        )
        path = tmp_path / "profiles.yaml"
        path.write_text(json.dumps(profile.model_dump(mode="json", exclude_defaults=True)))  # JSON is YAML
        live = subprocess.run(
            [sys.executable, "-m", "footprint", "audit", str(path), "-f", "json", "--allow-private-addresses"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
    assert live.returncode == 0, live.stderr
    demo = subprocess.run(
        [sys.executable, "-m", "footprint", "demo", "--personas", str(EXAMPLE), "-f", "json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert demo.returncode == 0, demo.stderr
    live_report, demo_report = json.loads(live.stdout), json.loads(demo.stdout)
    assert live_report["mode"] == "live" and demo_report["mode"] == "demo"
    assert any("/mastodon/api/v1/accounts/" in r for r in server.requests)
    assert any("/bluesky/xrpc/app.bsky.feed.getAuthorFeed" in r for r in server.requests)
    status = lambda r: [(a["platform"], a["status"], a["posts_read"]) for a in r["accounts"]]  # noqa: E731
    assert (
        status(live_report)
        == status(demo_report)
        == [("mastodon", "checked", 2), ("bluesky", "checked", 3), ("facebook", "not_checkable", 0)]
    )
    assert sorted(f["id"] for f in live_report["findings"]) == sorted(f["id"] for f in demo_report["findings"])
    assert len(demo_report["findings"]) > 5
