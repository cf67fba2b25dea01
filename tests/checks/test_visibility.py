"""visibility.public and visibility.indexable: account-level settings."""

from __future__ import annotations

import pytest

from footprint.core import Analyser
from footprint.models import Post, Severity, Snapshot, VisibilityFacts
from footprint.plugins import discover
from footprint.rules import load_rules
from tests.conftest import make_profile


def run(check: str, snapshot: Snapshot) -> list:
    analyser = Analyser(make_profile(), [discover().checks[check]], load_rules())
    analyser.account(snapshot)
    return analyser.finish()


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (VisibilityFacts(indexable=True, noindex=False), True),
        (VisibilityFacts(noindex=False), True),
        (VisibilityFacts(no_unauthenticated_label=False), True),
        (VisibilityFacts(indexable=False, noindex=True), False),
        (VisibilityFacts(no_unauthenticated_label=True), False),
        (VisibilityFacts(), False),  # unknown is not reported as indexable
    ],
)
def test_indexable_table(facts: VisibilityFacts, expected: bool) -> None:
    found = run("visibility.indexable", Snapshot(platform="mastodon", handle="@j@x.example", visibility=facts))
    assert bool(found) is expected
    if found:
        assert found[0].severity is Severity.LOW and found[0].details


def test_indexable_ignores_archives() -> None:
    snap = Snapshot(platform="x", handle="j", origin="archive", visibility=VisibilityFacts(indexable=True))
    assert run("visibility.indexable", snap) == []


@pytest.mark.parametrize(
    ("snapshot", "expected"),
    [
        (
            Snapshot(
                platform="mastodon",
                handle="@j@x.example",
                visibility=VisibilityFacts(public_profile=True),
                posts=[Post(id="1", text="hi")],
            ),
            Severity.LOW,
        ),
        (
            Snapshot(platform="mastodon", handle="@j@x.example", visibility=VisibilityFacts(public_profile=True)),
            Severity.INFO,
        ),
        (Snapshot(platform="mastodon", handle="@j@x.example", visibility=VisibilityFacts(public_profile=False)), None),
        (Snapshot(platform="x", handle="j", origin="archive", posts=[Post(id="1", text="hi")]), None),
    ],
)
def test_public_table(snapshot: Snapshot, expected: Severity | None) -> None:
    found = run("visibility.public", snapshot)
    assert (found[0].severity if found else None) is expected


def test_bluesky_label_is_explained_as_a_request_only() -> None:
    snap = Snapshot(
        platform="bluesky",
        handle="j.bsky.social",
        posts=[Post(id="1", text="hi")],
        visibility=VisibilityFacts(public_profile=True, no_unauthenticated_label=True),
    )
    (finding,) = run("visibility.public", snap)
    assert "only a request" in finding.why
