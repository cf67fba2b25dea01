"""identity.linkable: the chain of evidence that ties an anonymous account to the user."""

from __future__ import annotations

from footprint.core import Analyser
from footprint.models import Post, ProfileField, Severity, Snapshot
from footprint.plugins import discover
from footprint.rules import load_rules
from tests.conftest import make_profile


def run(*snapshots: Snapshot) -> list:
    analyser = Analyser(make_profile(), [discover().checks["identity.linkable"]], load_rules())
    for snap in snapshots:
        analyser.account(snap)
    return analyser.finish()


NAMED = Snapshot(
    platform="mastodon",
    handle="@janesmith@social.example",
    display_name="Jane Smith",
    url="https://social.example/@janesmith",
    links=["https://janesmith.example/"],
)


def test_a_shared_link_ties_the_accounts() -> None:
    anon = Snapshot(
        platform="mastodon",
        handle="@quietsw@other.example",
        anonymous=True,
        links=["https://janesmith.example"],
        bio="Just a walker.",
    )
    (finding,) = run(NAMED, anon)
    assert finding.account == "@quietsw@other.example"
    assert any("janesmith.example" in d for d in finding.details)
    assert finding.severity is Severity.MEDIUM


def test_reused_handle_ties_the_accounts() -> None:
    anon = Snapshot(platform="x", handle="janesmith", anonymous=True)
    (finding,) = run(NAMED, anon)
    assert any("same handle" in d for d in finding.details)


def test_details_that_single_you_out_and_serious_content_make_it_high() -> None:
    anon = Snapshot(
        platform="x",
        handle="nightowl",
        anonymous=True,
        bio="Children and families social worker in Kirkcaldy. Views my own.",
        posts=[Post(id="1", text="My team manager is a clueless idiot")],
    )
    (finding,) = run(NAMED, anon)
    assert finding.severity is Severity.HIGH
    assert any("single you out" in d for d in finding.details)
    assert "conduct" in finding.why


def test_an_unconnected_anonymous_account_is_not_reported() -> None:
    anon = Snapshot(
        platform="x",
        handle="nightowl",
        anonymous=True,
        bio="Hills and baking.",
        fields=[ProfileField(name="web", value="https://baking.example")],
        links=["https://baking.example"],
        posts=[Post(id="1", text="Loaf number four")],
    )
    assert run(NAMED, anon) == []


def test_named_accounts_are_never_reported() -> None:
    assert run(NAMED) == []
