"""The real `footprint audit` against a real HTTP server on 127.0.0.1 mirroring every platform.

The CLI runs in a subprocess whose sockets are fenced to loopback by a sitecustomize module, so
nothing here can reach any address outside 127.0.0.0/8 even by mistake.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

from footprint.demo.fixture_site import Answer
from footprint.engine import AuditOptions, audit
from footprint.http import Limits
from footprint.models import AccountStatus
from footprint.plugins import discover
from footprint.profile_file import load_profile
from footprint.rules import load_rules
from tests.integration.mirror import EVERY_PLATFORM, PERSON, TEN_ACCOUNTS, endpoints_yaml, mirror_responder
from tests.localserver import serve

FENCE = """\
import socket
_connect = socket.socket.connect
def _loopback_only(self, address):
    host = address[0] if isinstance(address, tuple) else None
    if host is not None and not (str(host).startswith("127.") or host in ("::1", "localhost")):
        raise OSError(f"integration fence: refused to connect to {address!r}")
    return _connect(self, address)
socket.socket.connect = _loopback_only
"""


def run_audit(tmp_path: Path, profile_text: str) -> subprocess.CompletedProcess[str]:
    """`footprint audit -f json` in a subprocess fenced to loopback."""
    (tmp_path / "fence").mkdir(exist_ok=True)
    (tmp_path / "fence" / "sitecustomize.py").write_text(FENCE)
    profile = tmp_path / "profiles.yaml"
    profile.write_text(profile_text)
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOOTPRINT_")}
    env["PYTHONPATH"] = os.pathsep.join([str(tmp_path / "fence"), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return subprocess.run(
        [sys.executable, "-m", "footprint", "audit", str(profile), "-f", "json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def by_platform(report: dict) -> dict[str, dict]:
    return {f"{a['platform']}:{a['account']}": a for a in report["accounts"]}


def test_every_platform_from_a_local_mirror(tmp_path: Path) -> None:
    with serve(mirror_responder()) as server:
        proc = run_audit(tmp_path, PERSON + EVERY_PLATFORM + endpoints_yaml(server.base))
    assert proc.returncode == 0, proc.stderr
    accounts = by_platform(json.loads(proc.stdout))
    assert len(accounts) == 12
    read = {k: a for k, a in accounts.items() if a["status"] == "checked"}
    assert sorted(k.split(":")[0] for k in read) == ["blog", "bluesky", "github", "mastodon", "reddit", "youtube"]
    assert all(a["posts_read"] > 0 for a in read.values()), read
    assert accounts["mastodon:@robinq@social.example"]["posts_read"] == 4  # two pages through the Link header
    assert accounts["bluesky:samortega.bsky.social"]["posts_read"] == 3
    assert any("still served" in n for n in accounts["bluesky:samortega.bsky.social"]["notes"])
    assert any("public feed" in n for n in accounts["reddit:u/quill_and_ink"]["notes"])
    walled = {k: a for k, a in accounts.items() if a["status"] != "checked"}
    assert sorted(k.split(":")[0] for k in walled) == ["facebook", "instagram", "linkedin", "threads", "tiktok", "x"]
    for account in walled.values():
        assert account["status"] == "not_checkable"
        assert account["reason"].startswith("not checkable from outside") and account["checklist"]
    assert "confirms that @robin.quill.sw exists" in accounts["tiktok:@robin.quill.sw"]["reason"]
    assert "shares its posts to the fediverse" in accounts["threads:@robin.quill"]["reason"]
    assert all(
        requested.startswith(
            tuple(f"/{p}/" for p in ("mastodon", "bluesky", "github", "reddit", "blog", "youtube", "tiktok", "threads"))
        )
        for requested in server.requests
    )


def test_ten_accounts_at_200_ms_each_are_read_concurrently(tmp_path: Path) -> None:
    """Concurrency is shown by the server's peak of requests in flight; bench/bench_sources.py times it."""
    with serve(mirror_responder(delay=0.2)) as server:
        proc = run_audit(tmp_path, PERSON + TEN_ACCOUNTS + endpoints_yaml(server.base))
        peak = server.peak
    assert proc.returncode == 0, proc.stderr
    # all ten mirrors share one host, and the client allows 4 requests at once per host
    assert peak == 4, f"expected the per-host limit of 4 requests in flight, the mirror saw at most {peak}"
    statuses = [a["status"] for a in json.loads(proc.stdout)["accounts"]]
    assert statuses.count("checked") == 6 and statuses.count("blocked") == 1


def failing_mirror() -> object:
    """Each platform's mirror misbehaves in its own way; GitHub's 429 clears after one second."""
    good = mirror_responder()
    calls: dict[str, int] = {}

    def respond(url: str) -> Answer:
        path = "/" + url.split("/", 3)[3]
        calls[path] = calls.get(path, 0) + 1
        if path.startswith("/mastodon/"):
            return Answer(500, {"content-type": "text/html"}, b"<h1>Internal Server Error</h1>")
        if path.startswith("/bluesky/"):
            return Answer(200, {"content-type": "application/json"}, b'{"did": "did:plc:abc", "handle": ')
        if path == "/github/users/robin-quill" and calls[path] == 1:
            return Answer(429, {"content-type": "application/json", "retry-after": "1"}, b'{"message": "slow down"}')
        if path.startswith("/github/users/nobody-here"):
            return Answer(429, {"content-type": "application/json", "retry-after": "3600"}, b'{"message": "slow down"}')
        if path.startswith("/blog/"):
            return Answer(200, {"content-type": "text/html"}, b"<p>" + b"x" * 6_000_000)
        if path.startswith("/youtube/"):
            return Answer(302, {"location": path}, b"")
        return good(url)

    return respond


def test_every_failure_becomes_a_status_and_the_audit_goes_on(tmp_path: Path) -> None:
    accounts = """\
accounts:
  - {platform: mastodon, handle: "@robinq@social.example"}
  - {platform: bluesky, handle: samortega.bsky.social}
  - {platform: github, handle: robin-quill}
  - {platform: github, handle: nobody-here}
  - {platform: blog, url: "https://robinquill.example/"}
  - {platform: youtube, handle: UCAbCdEfGhIjKlMnOpQrStUv}
  - {platform: reddit, handle: u/walled_off}
  - {platform: reddit, handle: u/nobody_at_all}
"""
    with serve(failing_mirror()) as server:  # type: ignore[arg-type]
        proc = run_audit(tmp_path, PERSON + accounts + endpoints_yaml(server.base))
    assert proc.returncode == 0, proc.stderr
    got = {k: (a["status"], a["reason"]) for k, a in by_platform(json.loads(proc.stdout)).items()}
    assert (
        got["mastodon:@robinq@social.example"][0] == "error"
        and "500 after 3 tries" in got["mastodon:@robinq@social.example"][1]
    )
    assert got["bluesky:samortega.bsky.social"][0] == "malformed"
    assert got["github:robin-quill"][0] == "checked"  # the 429 asked for one second, was honoured, then answered
    assert got["github:nobody-here"][0] == "rate_limited" and "3600" in got["github:nobody-here"][1]
    assert (
        got["blog:https://robinquill.example/"][0] == "malformed"
        and "larger than" in got["blog:https://robinquill.example/"][1]
    )
    assert (
        got["youtube:UCAbCdEfGhIjKlMnOpQrStUv"][0] == "error"
        and "redirect" in got["youtube:UCAbCdEfGhIjKlMnOpQrStUv"][1]
    )
    assert got["reddit:u/walled_off"][0] == "blocked" and "footprint scan" in got["reddit:u/walled_off"][1]
    assert got["reddit:u/nobody_at_all"][0] == "not_found"  # a real 404, not a block page
    for _status, reason in got.values():
        assert reason is None or "\n" not in reason


def test_progress_shows_each_account_as_it_completes(tmp_path: Path) -> None:
    fast = mirror_responder()

    def slow_mastodon(url: str) -> Answer:
        answer = fast(url)
        return Answer(answer.status, answer.headers, answer.body, 0.3 if "/mastodon/" in url else 0.0)

    accounts = 'accounts:\n  - {platform: mastodon, handle: "@robinq@social.example"}\n  - {platform: github, handle: robin-quill}\n  - {platform: x, handle: robinquill_sw}\n'
    with serve(slow_mastodon) as server:
        proc = run_audit(tmp_path, PERSON + accounts + endpoints_yaml(server.base))
    lines = [line.strip() for line in proc.stderr.splitlines() if line.strip().startswith(("mastodon", "github", "x "))]
    assert [line.split()[0] for line in lines] == ["x", "github", "mastodon"], proc.stderr
    assert lines[-1].endswith("checked")


def test_a_server_slower_than_the_read_timeout_times_out(tmp_path: Path) -> None:
    """In-process, so the read timeout can be short: real sockets, a real slow server."""
    fast = mirror_responder()

    def slow(url: str) -> Answer:
        answer = fast(url)
        return Answer(answer.status, answer.headers, answer.body, 1.5 if "/github/" in url else 0.0)

    with serve(slow) as server:
        path = tmp_path / "profiles.yaml"
        path.write_text(
            PERSON
            + "accounts:\n  - {platform: github, handle: robin-quill}\n  - {platform: bluesky, handle: samortega.bsky.social}\n"
            + endpoints_yaml(server.base)
        )
        registry = discover()
        profile = load_profile(path, registry.sources)
        options = AuditOptions(limits=Limits(read_timeout=0.4, deadline=1.0), environ={})
        report = asyncio.run(audit(profile, registry, load_rules(), options))
        github_requests = [r for r in server.requests if "/github/" in r]
    status = {a.platform: a for a in report.accounts}
    assert status["github"].status is AccountStatus.TIMED_OUT and "did not answer in time" in status["github"].reason
    assert status["bluesky"].status is AccountStatus.CHECKED
    # NOTE: counted, not timed: the slow server records each request it answered, so a retry would show here.
    assert len(github_requests) == len(set(github_requests)) >= 1, (
        f"a read timeout is not retried, but the server saw {github_requests}"
    )
