"""The real `footprint audit` against a loopback server that misbehaves in every way issue 12 lists.

Each test asserts the outcome: the exit code, no traceback, no hang (a subprocess timeout or a
measured bound), every declared account present in the report, no connection or lookup past
loopback (tests/hostile/jailed.py records any), no raw control character in any output, and
nothing written beside the output file.
"""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any

import pytest

from footprint.demo import demo_site
from footprint.engine import AuditOptions, audit
from footprint.http import Limits
from footprint.models import AccountStatus
from footprint.plugins import discover
from footprint.profile_file import load_profile
from footprint.rules import load_rules
from tests.hostile import faultserver as fs
from tests.hostile.common import HOSTILE, assert_clean_exit, assert_no_raw_control, footprint

ACCOUNTS = ("@jamiereid@mastodon.example", "@nobody@mastodon.example")
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
SITE = demo_site()
# Fields that steer requests (ids, addresses, dates) stay as they are; every other text field is poisoned.
_STEERING = {
    "id",
    "url",
    "uri",
    "href",
    "rel",
    "type",
    "subject",
    "created_at",
    "edited_at",
    "last_status_at",
    "avatar",
    "avatar_static",
    "header",
    "header_static",
    "acct",
    "username",
    "account_id",
    "in_reply_to_id",
    "in_reply_to_account_id",
    "visibility",
    "language",
    "template",
    "preview_url",
    "remote_url",
    "text_url",
}


def mirror(path: str) -> fs.Fault:
    """The demo's Mastodon fixtures, served under /mastodon."""
    if not path.startswith("/mastodon/"):
        return fs.ok(b'{"error": "no such mirror"}', status=404)
    answer = SITE.answer("https://mirror.example/" + path[len("/mastodon/") :], any_host=True)
    return fs.Fault(answer.status, answer.body, dict(answer.headers))


def poisoned(path: str) -> fs.Fault:
    """The mirror with control sequences in every text field of every JSON answer."""
    fault = mirror(path)
    try:
        data = json.loads(fault.body)
    except ValueError:
        return fault
    fault.body = json.dumps(_poison(data)).encode()
    return fault


def _poison(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _poison(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(v, key) for v in value]
    if isinstance(value, str) and key not in _STEERING:
        return f"{HOSTILE}{value}{HOSTILE}"
    return value


def run_audit(tmp_path: Path, base: str, *args: str, **kwargs: Any):  # type: ignore[no-untyped-def]
    profile = tmp_path / "profiles.yaml"
    profile.write_text(PROFILE.format(base=base))
    return footprint(tmp_path, "audit", str(profile), *args, **kwargs)


def statuses(report: dict[str, Any]) -> dict[str, tuple[str, str | None]]:
    got = {a["account"]: (a["status"], a.get("reason")) for a in report["accounts"]}
    assert sorted(got) == sorted(ACCOUNTS), got  # every declared account is in the report
    return got


# --------------------------------------------------------------------------- redirects


REDIRECT_TARGETS = [
    "http://10.0.0.1/admin",
    "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
    "http://foreign.example/collect",
    "http://[::ffff:10.0.0.1]/admin",
    "http://2130706433/admin",  # 127.0.0.1 written as one number
    "http://[fe80::1]/",
    "http://printer.local/",
]


@pytest.mark.parametrize(
    ("target", "hops"), [(t, 0) for t in REDIRECT_TARGETS] + [(t, 2) for t in REDIRECT_TARGETS[:3]]
)
def test_redirects_out_of_an_overridden_endpoint_are_refused_before_any_connection(
    tmp_path: Path, target: str, hops: int
) -> None:
    """An endpoint overridden to a local mirror redirects (after `hops` redirects within it) elsewhere: refused."""

    def respond(path: str) -> fs.Fault:
        step = int(path.rsplit("/hop", 1)[1]) if "/hop" in path else 0
        if step < hops:
            return fs.redirect(f"/mastodon/hop{step + 1}")
        return fs.redirect(target)

    with fs.serve(respond) as server:
        run = run_audit(tmp_path, server.base, "-f", "json")
    assert_clean_exit(run, 0)  # jail log empty: no connection and no lookup past loopback was attempted
    for status, reason in statuses(run.report).values():
        assert status == "error" and reason and "refused" in reason, reason
    assert all(p.startswith("/mastodon/") for p in server.requests)


def test_a_redirect_within_the_overridden_endpoint_is_followed(tmp_path: Path) -> None:
    moved = {"/mastodon/.well-known/webfinger": "/mastodon/moved/.well-known/webfinger"}

    def respond(path: str) -> fs.Fault:
        bare = path.split("?", 1)[0]
        if bare in moved:
            return fs.redirect(moved[bare] + "?" + path.split("?", 1)[1])
        return mirror(path.replace("/mastodon/moved/", "/mastodon/"))

    with fs.serve(respond) as server:
        run = run_audit(tmp_path, server.base, "-f", "json")
    assert_clean_exit(run, 0)
    assert statuses(run.report)["@jamiereid@mastodon.example"][0] == "checked"


def test_a_name_that_changes_its_answer_is_checked_again_when_connecting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every hop passes the policy after name resolution: the connection layer resolves and checks again."""
    from footprint.errors import SourceError
    from footprint.http import Http

    answers = iter([("93.184.215.14", 0), ("10.0.0.7", 0)])  # public when checked, private when connecting

    async def rebinding(self, host, port, **kwargs):  # type: ignore[no-untyped-def]
        return [(2, 1, 6, "", next(answers))]

    monkeypatch.setattr(asyncio.base_events.BaseEventLoop, "getaddrinfo", rebinding)

    async def go() -> None:
        async with Http(
            limits=Limits(retries=0)
        ) as http:  # the real transport; tests/conftest.py fails any connect past loopback
            await http.get("https://rebinding.example/x")

    with pytest.raises(SourceError) as caught:
        asyncio.run(go())
    assert "refused to contact rebinding.example" in caught.value.reason


@pytest.mark.parametrize(
    "target", ["http://10.0.0.1/u/jane", "http://169.254.169.254/latest", "http://foreign.example/u/jane"]
)
def test_discovery_refuses_redirects_out_of_a_trusted_endpoint(target: str) -> None:
    from footprint.discovery.client import ClientLimits, DiscoveryClient, Refused

    async def go(base: str) -> None:
        async with DiscoveryClient(ClientLimits(site_timeout=3), trusted_prefixes=[base]) as client:
            await client.get(f"{base}/u/jane")

    with fs.serve(lambda path: fs.redirect(target)) as server:
        with pytest.raises(Refused, match="refused"):
            asyncio.run(go(server.base))  # tests/conftest.py fails the test on any connect or lookup past loopback
    assert server.requests == ["/u/jane"]


@pytest.mark.parametrize("location", ["file:///etc/passwd", "http://[::1/broken", "gopher://x.example/"])
def test_discovery_never_follows_a_redirect_it_cannot_read(location: str) -> None:
    from footprint.discovery.client import ClientLimits, DiscoveryClient
    from footprint.errors import SourceError

    async def go(base: str):  # type: ignore[no-untyped-def]
        async with DiscoveryClient(ClientLimits(site_timeout=3), trusted_prefixes=[base]) as client:
            return await client.get(f"{base}/u/jane")

    with fs.serve(lambda path: fs.redirect(location)) as server:
        if "[" in location:
            with pytest.raises(SourceError, match="redirected to an address that cannot be read"):
                asyncio.run(go(server.base))
        else:
            page = asyncio.run(go(server.base))
            assert page.status == 302 and page.location is None
    assert server.requests == ["/u/jane"]


# --------------------------------------------------------------------------- slow, hanging, dripping, resetting


def test_a_slow_but_honest_server_is_read(tmp_path: Path) -> None:
    with fs.serve(
        lambda path: fs.slow(mirror(path).body, 0.5) if mirror(path).status == 200 else mirror(path)
    ) as server:
        run = run_audit(tmp_path, server.base, "-f", "json")
    assert_clean_exit(run, 0)
    assert statuses(run.report)["@jamiereid@mastodon.example"][0] == "checked"


def _in_process(base: str, limits: Limits) -> tuple[dict[str, tuple[str, str | None]], float]:
    """The audit in this process, so the limits can be short: real sockets, a real misbehaving server."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "profiles.yaml"
        path.write_text(PROFILE.format(base=base))
        registry = discover()
        profile = load_profile(path, registry.sources)
    start = time.monotonic()
    report = asyncio.run(audit(profile, registry, load_rules(), AuditOptions(limits=limits)))
    elapsed = time.monotonic() - start
    return statuses(json.loads(report.model_dump_json())), elapsed


def test_a_drip_server_ends_at_the_per_account_deadline() -> None:
    """One byte every 0.2 s never trips the read timeout; the account's own deadline ends it, reported as timed out."""
    limits = Limits(connect_timeout=2, read_timeout=5, deadline=30, account_deadline=2, retries=0)
    with fs.serve(lambda path: fs.drip(mirror(path).body or b"{}", 0.2)) as server:
        got, elapsed = _in_process(server.base, limits)
    assert elapsed < 25, (
        elapsed
    )  # far below the 30 s audit deadline and the drip's endless body: the 2 s account deadline ended it
    for status, reason in got.values():
        assert status == AccountStatus.TIMED_OUT.value and reason and "2 s" in reason, reason


def test_a_hanging_server_times_out_and_every_account_is_reported() -> None:
    limits = Limits(connect_timeout=1, read_timeout=1, deadline=3, account_deadline=5, retries=0)
    with fs.serve(lambda path: fs.hang()) as server:
        got, elapsed = _in_process(server.base, limits)
    assert elapsed < 25, elapsed  # a hang guard: without the timeouts the server would hold the audit for ever
    assert {status for status, _ in got.values()} == {"timed_out"}


@pytest.mark.parametrize(
    ("fault", "status", "words"),
    [
        (fs.reset, "error", "could not connect"),
        (lambda: fs.endless(), "malformed", "larger than"),
        (lambda: fs.endless(declared=50_000_000), "malformed", "larger than"),
        (fs.gzip_bomb, "malformed", "larger than"),
        (lambda: fs.ok(b'{"id": "1", "acct": "\xff\xfe\xc3\x28 not utf-8"}'), "malformed", "cannot be parsed"),
        (lambda: fs.ok(b"[" * 200_000 + b"]" * 200_000), "malformed", "cannot be parsed"),
    ],
    ids=["reset", "endless", "declared-huge", "gzip-bomb", "invalid-utf8", "nested-json"],
)
def test_a_hostile_answer_fails_its_account_only(tmp_path: Path, fault: Any, status: str, words: str) -> None:
    with fs.serve(lambda path: fault()) as server:
        run = run_audit(tmp_path, server.base, "-f", "json")
    assert_clean_exit(run, 0)
    for got, reason in statuses(run.report).values():
        assert got == status and reason and words in reason, (got, reason)


# --------------------------------------------------------------------------- hostile text


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "json", "html"])
def test_control_sequences_in_every_text_field_never_reach_the_output(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "out" / f"report.{fmt}"
    out.parent.mkdir()
    with fs.serve(poisoned) as server:
        shown = run_audit(tmp_path, server.base, "-f", fmt)
        written = run_audit(tmp_path, server.base, "-f", fmt, "-o", str(out))
    assert_clean_exit(shown, 0)
    assert_clean_exit(written, 0)
    assert "Jamie" in shown.proc.stdout and "owned" in shown.proc.stdout  # the text is still shown, made inert
    assert_no_raw_control(out.read_text(encoding="utf-8"))
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]  # nothing beside the output file
    if fmt == "json":
        report = json.loads(shown.proc.stdout)
        assert json.dumps(HOSTILE)[1:-1] in json.dumps(report)  # JSON keeps the data, escaped
        statuses(report)
    if fmt == "terminal":
        assert "␛" in shown.proc.stdout and "<U+009B>" in shown.proc.stdout and "<U+202E>" in shown.proc.stdout


def test_an_ascii_only_terminal_still_gets_the_whole_report(tmp_path: Path) -> None:
    with fs.serve(poisoned) as server:
        run = run_audit(tmp_path, server.base, env={"PYTHONIOENCODING": "ascii", "LANG": "C", "LC_ALL": "C"})
    assert_clean_exit(run, 0)
    assert run.proc.stdout.isascii()
    assert "@jamiereid@mastodo" in run.proc.stdout and "not found" in run.proc.stdout and "judgement" in run.proc.stdout
    assert "+--" in run.proc.stdout and "|" in run.proc.stdout  # box lines drawn in ASCII, not lost as '?'
