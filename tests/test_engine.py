"""The engine with fake sources: concurrency, failures as outcomes, findings gathered once."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

import httpx
import pytest

from footprint.core import Analyser
from footprint.engine import audit
from footprint.errors import SourceError
from footprint.models import Account, AccountStatus, Finding, Outcome, Post, Severity, Snapshot
from footprint.plugins import Check, Registry, Source, TextItem
from footprint.rules import load_rules
from tests.conftest import make_profile


class SlowSource(Source):
    platform = "slow"
    title = "Slow"
    in_flight = 0
    peak = 0  # the most fetches under way at once

    async def fetch(self, account: Account) -> Outcome:
        SlowSource.in_flight += 1
        SlowSource.peak = max(SlowSource.peak, SlowSource.in_flight)
        await asyncio.sleep(0.05)
        SlowSource.in_flight -= 1
        snap = Snapshot(
            platform="slow",
            handle=account.handle or "",
            display_name="Jane Smith",
            posts=[Post(id="1", text="hello from Jane Smith")],
        )
        return Outcome(account=account, status=AccountStatus.CHECKED, snapshot=snap)


class FailingSource(Source):
    platform = "failing"
    title = "Failing"

    async def fetch(self, account: Account) -> Outcome:
        if account.handle == "limited":
            raise SourceError(AccountStatus.RATE_LIMITED, "too many requests")
        if account.handle == "network":
            raise httpx.ConnectError("refused")
        raise ZeroDivisionError("a bug in a third-party adapter")


class EchoCheck(Check):
    """Flags the word 'hello'."""

    id = "test.echo"
    title = "Echo"

    def check_text(self, text: TextItem, snapshot: Snapshot) -> Iterable[Finding]:
        if "hello" in text.view.tokens:
            yield self.finding(
                snapshot, severity=Severity.MEDIUM, why="said hello", item=text.item, text=text.text, span=(0, 5)
            )


def registry() -> Registry:
    return Registry(checks={"test.echo": EchoCheck}, sources={"slow": SlowSource, "failing": FailingSource})


def test_accounts_are_read_concurrently_and_failures_become_statuses() -> None:
    accounts = [{"platform": "slow", "handle": f"u{i}"} for i in range(10)]
    accounts += [{"platform": "failing", "handle": h} for h in ("limited", "network", "bug")]
    profile = make_profile(accounts=accounts)
    SlowSource.peak = 0
    report = asyncio.run(audit(profile, registry(), load_rules()))
    assert SlowSource.peak == 10, f"only {SlowSource.peak} of ten accounts were read at once"
    statuses = {a.account: (a.status, a.reason) for a in report.accounts}
    assert statuses["limited"] == (AccountStatus.RATE_LIMITED, "too many requests")
    assert statuses["network"][0] is AccountStatus.ERROR and "ConnectError" in statuses["network"][1]
    assert statuses["bug"][0] is AccountStatus.ERROR and "ZeroDivisionError" in statuses["bug"][1]
    assert sum(1 for a in report.accounts if a.status is AccountStatus.CHECKED) == 10
    assert len([f for f in report.findings if f.check == "test.echo"]) == 10
    assert [a.account for a in report.unchecked()] == ["limited", "network", "bug"]


def test_the_same_evidence_is_reported_once_with_a_stable_id() -> None:
    profile = make_profile()
    analyser = Analyser(profile, [EchoCheck], load_rules())
    snap = Snapshot(platform="slow", handle="u", posts=[Post(id="1", text="hello"), Post(id="1", text="hello")])
    analyser.account(snap)
    first = analyser.finish()
    assert len(first) == 1
    again = Analyser(profile, [EchoCheck], load_rules())
    again.account(snap)
    assert again.finish()[0].id == first[0].id


def test_posts_can_be_streamed_without_a_list() -> None:
    analyser = Analyser(make_profile(), [EchoCheck], load_rules())
    stream = (Post(id=str(i), text="hello" if i % 2 else "bye") for i in range(100))
    analyser.account(Snapshot(platform="x", handle="u"), stream)
    assert analyser.posts_read[("x", "u")] == 100
    assert len(analyser.finish()) == 50


def test_report_exit_codes_follow_fail_on() -> None:
    report = asyncio.run(audit(make_profile(accounts=[{"platform": "slow", "handle": "u"}]), registry(), load_rules()))
    assert report.max_severity() is Severity.MEDIUM
    assert report.exit_code(None) == 0
    assert report.exit_code(Severity.MEDIUM) == 1
    assert report.exit_code(Severity.HIGH) == 0
    assert report.rating == "needs attention"


@pytest.mark.parametrize("name", ["identity.real-name", "identity"])
def test_select_checks_by_id_or_family(name: str) -> None:
    from footprint.plugins import discover

    chosen = discover().select_checks(only=[name])
    assert chosen and all(c.id.startswith("identity") for c in chosen)
