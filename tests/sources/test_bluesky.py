"""BlueskySource against respx routes in the public AppView's real response shapes."""

from __future__ import annotations

import httpx
import pytest
import respx

from footprint.models import Account, AccountStatus
from footprint.sources.bluesky import BlueskySource
from tests.sources.conftest import data, read

API = "https://public.api.bsky.app/xrpc"
DID = "did:plc:abcdefghijklmnopqrstuvwx"


def site(mock: respx.MockRouter, profile: str = "profile.json") -> respx.Route:
    mock.get(f"{API}/app.bsky.actor.getProfile").respond(200, json=data("bluesky", profile))
    mock.get(
        f"{API}/app.bsky.feed.getAuthorFeed", params={"cursor": "2026-05-28T10:15:00.000Z::3lpqrstuv2a2b"}
    ).respond(200, json=data("bluesky", "feed_page2.json"))
    return mock.get(f"{API}/app.bsky.feed.getAuthorFeed", params={"actor": DID}).respond(
        200, json=data("bluesky", "feed_page1.json")
    )


def test_profile_feed_pagination_alt_text_and_reposts_skipped(mock: respx.MockRouter) -> None:
    site(mock)
    outcome = read(BlueskySource, handle="@samortega.bsky.social")
    assert outcome.status is AccountStatus.CHECKED, outcome.reason
    snap = outcome.snapshot
    assert snap.display_name == "Sam Ortega" and "Riverton" in snap.bio
    assert snap.url == "https://bsky.app/profile/samortega.bsky.social"
    assert ("Pronouns", "she/her") in [(f.name, f.value) for f in snap.fields]
    assert snap.links == ["https://samortega.example"]
    assert [p.text for p in snap.posts] == [
        "Back at Riverton General on Monday. #socialwork",
        "Same here, the car park is a nightmare",
        "Quoting this because it is so true",
    ]
    assert snap.posts[0].alt_texts == ["Name badge with my ward number"]
    assert snap.posts[0].url == "https://bsky.app/profile/samortega.bsky.social/post/3lpqrstuv2a2c"
    assert snap.posts[1].kind == "reply"
    assert snap.posts[2].alt_texts == ["Our team noticeboard"]


def test_no_unauthenticated_label_is_reported_plainly(mock: respx.MockRouter) -> None:
    site(mock)
    snap = read(BlueskySource, handle="samortega.bsky.social").snapshot
    assert snap.visibility.no_unauthenticated_label is True
    assert any("only asks" in n and "still served" in n for n in snap.notes)
    assert snap.posts, "the posts are read all the same: that is the point of the note"


def test_without_the_label(mock: respx.MockRouter) -> None:
    site(mock, "profile_plain.json")
    snap = read(BlueskySource, handle="robinquill.example").snapshot
    assert snap.visibility.no_unauthenticated_label is False and snap.notes == []


def test_max_posts_limits_the_feed_request_and_the_reading(mock: respx.MockRouter) -> None:
    first = site(mock)
    snap = read(BlueskySource, handle="samortega.bsky.social", max_posts=1).snapshot
    assert len(snap.posts) == 1 and first.calls[0].request.url.params["limit"] == "1"


@pytest.mark.parametrize(
    "fixture,status",
    [
        ("error_not_found.json", AccountStatus.NOT_FOUND),
        ("error_takedown.json", AccountStatus.SUSPENDED),
        ("error_deactivated.json", AccountStatus.SUSPENDED),
    ],
)
def test_xrpc_errors(mock: respx.MockRouter, fixture: str, status: AccountStatus) -> None:
    mock.get(f"{API}/app.bsky.actor.getProfile").respond(400, json=data("bluesky", fixture))
    outcome = read(BlueskySource, handle="gone.bsky.social")
    assert outcome.status is status
    assert data("bluesky", fixture)["message"] in outcome.reason


def test_rate_limit_timeout_and_malformed(mock: respx.MockRouter) -> None:
    mock.get(f"{API}/app.bsky.actor.getProfile").respond(
        429, json=data("bluesky", "error_rate_limit.json"), headers={"retry-after": "999"}
    )
    assert read(BlueskySource, handle="samortega.bsky.social").status is AccountStatus.RATE_LIMITED
    mock.get(f"{API}/app.bsky.actor.getProfile").mock(side_effect=httpx.ReadTimeout("slow"))
    assert read(BlueskySource, handle="samortega.bsky.social").status is AccountStatus.TIMED_OUT
    mock.get(f"{API}/app.bsky.actor.getProfile").respond(200, text="{not json")
    assert read(BlueskySource, handle="samortega.bsky.social").status is AccountStatus.MALFORMED
    mock.get(f"{API}/app.bsky.actor.getProfile").respond(200, json={"handle": "x.bsky.social"})
    assert read(BlueskySource, handle="samortega.bsky.social").status is AccountStatus.MALFORMED


def test_a_broken_second_page_keeps_the_first(mock: respx.MockRouter) -> None:
    site(mock)
    mock.get(
        f"{API}/app.bsky.feed.getAuthorFeed", params={"cursor": "2026-05-28T10:15:00.000Z::3lpqrstuv2a2b"}
    ).respond(502)
    outcome = read(BlueskySource, handle="samortega.bsky.social")
    assert outcome.status is AccountStatus.CHECKED and len(outcome.snapshot.posts) == 2
    assert "Only part" in outcome.snapshot.notes[-1]


def test_endpoint_override(mock: respx.MockRouter) -> None:
    mock.get("http://127.0.0.1:9/bsky/xrpc/app.bsky.actor.getProfile").respond(
        200, json=data("bluesky", "profile_plain.json")
    )
    mock.get("http://127.0.0.1:9/bsky/xrpc/app.bsky.feed.getAuthorFeed").respond(200, json={"feed": []})
    outcome = read(BlueskySource, handle="robinquill.example", base_url="http://127.0.0.1:9/bsky")
    assert outcome.status is AccountStatus.CHECKED and outcome.snapshot.posts == []


@pytest.mark.parametrize(
    "handle,ok",
    [
        ("samortega.bsky.social", True),
        ("@robin.example", True),
        (DID, True),
        ("did:web:robin.example", True),
        ("samortega", False),
        ("sam ortega.bsky.social", False),
        ("did:plc:short", False),
    ],
)
def test_handle_grammar(handle: str, ok: bool) -> None:
    assert (BlueskySource.validate(Account(platform="bluesky", handle=handle)) is None) is ok


def test_links_in_full_from_facets_and_link_cards_are_read(mock: respx.MockRouter) -> None:
    mock.get(f"{API}/app.bsky.actor.getProfile").respond(200, json=data("bluesky", "profile.json"))
    mock.get(f"{API}/app.bsky.feed.getAuthorFeed").respond(200, json=data("bluesky", "feed_links.json"))
    snap = read(BlueskySource, handle="samortega.bsky.social").snapshot
    assert [p.text for p in snap.posts] == [
        "Our new family support guide is out, see  https://riverton.example.org/family-support-guide-2026.pdf and tell me what you think",
        "Café chat on Tuesday 🎉 notes at https://example.org/notes/café-chat-tuesday #socialwork",
        "Wrote this up at last\nhttps://blog.example.org/posts/a-year-in/\nA year in – Sam Ortega\nWhat a year on the ward at Riverton General taught me.",
    ]
