"""The real `footprint audit` command against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from footprint.demo import demo_site
from footprint.demo.fixture_site import Answer
from tests.localserver import dead_port, serve

PROFILE = """\
person:
  name: Jamie Reid
  role: social worker
  employer: Fife Council
  localities: [Kirkcaldy]
accounts:
  - {{platform: mastodon, handle: "@jamiereid@mastodon.example"}}
  - {{platform: mastodon, handle: "@nobody@mastodon.example"}}
endpoints:
  mastodon: {base}/mastodon
"""


def mirror(prefix: str):
    """Serve the demo's Mastodon fixtures under /<prefix>, whatever the instance."""
    site = demo_site()

    def respond(url: str) -> Answer:
        path = url.split("/", 3)[3] if url.count("/") >= 3 else ""
        if not path.startswith(prefix + "/"):
            return Answer(404, {"content-type": "text/plain"}, b"no such mirror")
        return site.answer("https://mirror.example/" + path[len(prefix) + 1 :], any_host=True)

    return respond


def audit(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOOTPRINT_")}
    return subprocess.run(
        [sys.executable, "-m", "footprint", "audit", str(profile), "-f", "json", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_audit_reads_mastodon_from_a_local_mirror_and_reports_a_missing_account(tmp_path: Path) -> None:
    with serve(mirror("mastodon")) as server:
        profile = tmp_path / "profiles.yaml"
        profile.write_text(PROFILE.format(base=server.base))
        proc = audit(profile)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    status = {a["account"]: a for a in report["accounts"]}
    assert status["@jamiereid@mastodon.example"]["status"] == "checked"
    assert status["@jamiereid@mastodon.example"]["posts_read"] == 6
    assert status["@nobody@mastodon.example"]["status"] == "not_found"
    assert any(f["check"] == "identity.real-name" for f in report["findings"])
    assert any("/mastodon/api/v1/accounts/401/statuses" in r for r in server.requests)


def test_an_unreachable_server_never_aborts_the_audit(tmp_path: Path) -> None:
    profile = tmp_path / "profiles.yaml"
    profile.write_text(PROFILE.format(base=f"http://127.0.0.1:{dead_port()}"))
    proc = audit(profile)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert [a["status"] for a in report["accounts"]] == ["error", "error"]
    assert all("could not connect" in a["reason"] for a in report["accounts"])


def test_environment_variable_points_the_audit_at_the_mirror(tmp_path: Path) -> None:
    with serve(mirror("elsewhere")) as server:
        profile = tmp_path / "profiles.yaml"
        profile.write_text(PROFILE.format(base=f"http://127.0.0.1:{dead_port()}"))
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("FOOTPRINT_")},
            "FOOTPRINT_ENDPOINT_MASTODON": f"{server.base}/elsewhere",
        }
        proc = subprocess.run(
            [sys.executable, "-m", "footprint", "audit", str(profile), "-f", "json"],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
    report = json.loads(proc.stdout)
    assert report["accounts"][0]["status"] == "checked"
