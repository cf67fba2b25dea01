"""MastodonSource against respx routes in Mastodon's real response shapes."""

from __future__ import annotations

import httpx
import pytest
import respx

from footprint.models import AccountStatus
from footprint.sources.mastodon import MastodonSource
from tests.sources.conftest import data, read

HOST = "https://social.example"
HANDLE = "@robinq@social.example"
STATUSES = f"{HOST}/api/v1/accounts/109001/statuses"


def site(mock: respx.MockRouter, *, page2: bool = True) -> None:
    mock.get(f"{HOST}/.well-known/webfinger", params={"resource": "acct:robinq@social.example"}).respond(
        200, json=data("mastodon", "webfinger.json"), headers={"content-type": "application/jrd+json"}
    )
    mock.get(f"{HOST}/api/v1/accounts/lookup", params={"acct": "robinq"}).respond(
        200, json=data("mastodon", "account.json")
    )
    link = f'<{STATUSES}?limit=40&max_id=114550000000000001>; rel="next", <{STATUSES}?limit=40&min_id=114550000000000003>; rel="prev"'
    mock.get(STATUSES, params={"max_id": "114550000000000001"}).respond(
        200, json=data("mastodon", "statuses_page2.json") if page2 else []
    )
    mock.get(STATUSES).respond(200, json=data("mastodon", "statuses_page1.json"), headers={"link": link})


def test_reads_profile_fields_flags_posts_warnings_and_alt_text(mock: respx.MockRouter) -> None:
    site(mock)
    outcome = read(MastodonSource, handle=HANDLE)
    assert outcome.status is AccountStatus.CHECKED, outcome.reason
    snap = outcome.snapshot
    assert snap.display_name == "Robin Quill"
    assert "social worker in Eastvale" in snap.bio
    assert [(f.name, f.verified) for f in snap.fields] == [("Pronouns", False), ("Blog", True), ("Works at", False)]
    assert snap.fields[2].value == "Eastvale County Children's Services"
    assert snap.links == ["https://robinquill.example"]
    v = snap.visibility
    assert (v.locked, v.discoverable, v.indexable, v.noindex, v.public_posts) == (False, True, False, True, True)
    first = snap.posts[0]
    assert first.content_warning == "work stress"
    assert first.alt_texts == ["My desk with the case board behind it"]
    assert "Birch Lane" in first.text and first.created_at.year == 2026
    reply = snap.posts[1]
    assert reply.kind == "reply" and reply.visibility == "unlisted" and "Late shift" in reply.text


def test_follows_the_link_header_and_skips_boosts(mock: respx.MockRouter) -> None:
    site(mock)
    outcome = read(MastodonSource, handle=HANDLE)
    ids = [p.id for p in outcome.snapshot.posts]
    assert ids == ["114550000000000003", "114550000000000002", "114400000000000001", "100000000000000001"]
    assert outcome.snapshot.posts[2].alt_texts == ["Daffodils by the pond"]


def test_max_posts_and_max_age_stop_the_reading(mock: respx.MockRouter) -> None:
    site(mock)
    assert len(read(MastodonSource, handle=HANDLE, max_posts=1).snapshot.posts) == 1
    aged = read(MastodonSource, handle=HANDLE, max_age_days=3650).snapshot.posts
    assert [p.id for p in aged][-1] == "114400000000000001"  # the 2001 post is outside the window


def test_webfinger_points_at_the_real_host_for_split_domains(mock: respx.MockRouter) -> None:
    mock.get("https://quill.example/.well-known/webfinger").respond(200, json=data("mastodon", "webfinger_split.json"))
    lookup = mock.get("https://masto.quill.example/api/v1/accounts/lookup", params={"acct": "robinq"}).respond(
        200, json=data("mastodon", "account.json")
    )
    mock.get("https://masto.quill.example/api/v1/accounts/109001/statuses").respond(200, json=[])
    outcome = read(MastodonSource, handle="@robinq@quill.example")
    assert outcome.status is AccountStatus.CHECKED and lookup.called
    assert outcome.snapshot.posts == [] and outcome.snapshot.visibility.public_posts is None


def test_unknown_account_is_not_found(mock: respx.MockRouter) -> None:
    mock.get(f"{HOST}/.well-known/webfinger").respond(404)
    outcome = read(MastodonSource, handle="@nobody@social.example")
    assert outcome.status is AccountStatus.NOT_FOUND
    assert "no account called nobody" in outcome.reason


def test_lookup_404_after_webfinger_is_not_found(mock: respx.MockRouter) -> None:
    mock.get(f"{HOST}/.well-known/webfinger").respond(200, json=data("mastodon", "webfinger.json"))
    mock.get(f"{HOST}/api/v1/accounts/lookup").respond(404, json=data("mastodon", "error_404.json"))
    assert read(MastodonSource, handle=HANDLE).status is AccountStatus.NOT_FOUND


@pytest.mark.parametrize("answer", [{"status_code": 410}, {"status_code": 200, "json": "suspended"}])
def test_suspended_accounts(mock: respx.MockRouter, answer: dict) -> None:
    mock.get(f"{HOST}/.well-known/webfinger").respond(200, json=data("mastodon", "webfinger.json"))
    if answer.get("json"):
        mock.get(f"{HOST}/api/v1/accounts/lookup").respond(200, json=data("mastodon", "account_suspended.json"))
    else:
        mock.get(f"{HOST}/api/v1/accounts/lookup").respond(410)
    outcome = read(MastodonSource, handle=HANDLE)
    assert outcome.status is AccountStatus.SUSPENDED, outcome.reason


def test_gotosocial_style_401_is_restricted(mock: respx.MockRouter) -> None:
    mock.get(f"{HOST}/.well-known/webfinger").respond(200, json=data("mastodon", "webfinger.json"))
    mock.get(f"{HOST}/api/v1/accounts/lookup").respond(401, json=data("mastodon", "error_401.json"))
    outcome = read(MastodonSource, handle=HANDLE)
    assert outcome.status is AccountStatus.RESTRICTED
    assert "logged-in" in outcome.reason


def test_pixelfed_style_redirect_to_login_is_restricted(mock: respx.MockRouter) -> None:
    mock.get(f"{HOST}/.well-known/webfinger").respond(200, json=data("mastodon", "webfinger.json"))
    mock.get(f"{HOST}/api/v1/accounts/lookup").respond(302, headers={"location": f"{HOST}/login"})
    mock.get(f"{HOST}/login").respond(200, html="<html><title>Login</title></html>")
    assert read(MastodonSource, handle=HANDLE).status is AccountStatus.RESTRICTED


def test_posts_closed_but_profile_open_is_checked_with_a_note(mock: respx.MockRouter) -> None:
    mock.get(f"{HOST}/.well-known/webfinger").respond(200, json=data("mastodon", "webfinger.json"))
    mock.get(f"{HOST}/api/v1/accounts/lookup").respond(200, json=data("mastodon", "account.json"))
    mock.get(STATUSES).respond(401, json=data("mastodon", "error_401.json"))
    outcome = read(MastodonSource, handle=HANDLE)
    assert outcome.status is AccountStatus.CHECKED
    assert outcome.snapshot.visibility.public_posts is False
    assert "could not be read logged out" in outcome.snapshot.notes[0]


def test_a_failing_second_page_keeps_the_first(mock: respx.MockRouter) -> None:
    site(mock)
    mock.get(STATUSES, params={"max_id": "114550000000000001"}).respond(
        429, json=data("mastodon", "error_429.json"), headers={"retry-after": "600"}
    )
    outcome = read(MastodonSource, handle=HANDLE)
    assert outcome.status is AccountStatus.CHECKED
    assert len(outcome.snapshot.posts) == 2
    assert "Only part of this account" in outcome.snapshot.notes[-1]


def test_rate_limited_lookup(mock: respx.MockRouter) -> None:
    mock.get(f"{HOST}/.well-known/webfinger").respond(200, json=data("mastodon", "webfinger.json"))
    route = mock.get(f"{HOST}/api/v1/accounts/lookup").respond(429, json=data("mastodon", "error_429.json"))
    outcome = read(MastodonSource, handle=HANDLE)
    assert outcome.status is AccountStatus.RATE_LIMITED
    assert route.call_count == 3  # one try and two retries


def test_timeout_and_malformed(mock: respx.MockRouter) -> None:
    mock.get(f"{HOST}/.well-known/webfinger").respond(200, json=data("mastodon", "webfinger.json"))
    mock.get(f"{HOST}/api/v1/accounts/lookup").mock(side_effect=httpx.ReadTimeout("slow"))
    assert read(MastodonSource, handle=HANDLE).status is AccountStatus.TIMED_OUT
    mock.get(f"{HOST}/api/v1/accounts/lookup").respond(
        200, text="<html>oops</html>", headers={"content-type": "text/html"}
    )
    outcome = read(MastodonSource, handle=HANDLE)
    assert outcome.status is AccountStatus.MALFORMED and "text/html" in outcome.reason
    mock.get(f"{HOST}/api/v1/accounts/lookup").respond(200, json=["not", "an", "account"])
    assert read(MastodonSource, handle=HANDLE).status is AccountStatus.MALFORMED


def test_endpoint_override_ignores_webfinger_hosts_and_private_handles_are_refused(mock: respx.MockRouter) -> None:
    mock.get("http://127.0.0.1:9/mastodon/.well-known/webfinger").respond(200, json=data("mastodon", "webfinger.json"))
    mock.get("http://127.0.0.1:9/mastodon/api/v1/accounts/lookup").respond(200, json=data("mastodon", "account.json"))
    mock.get("http://127.0.0.1:9/mastodon/api/v1/accounts/109001/statuses").respond(200, json=[])
    outcome = read(MastodonSource, handle=HANDLE, base_url="http://127.0.0.1:9/mastodon")
    assert outcome.status is AccountStatus.CHECKED
    refused = read(MastodonSource, handle="@robinq@10.0.0.5")
    assert refused.status is AccountStatus.ERROR and "private, loopback or link-local" in refused.reason


@pytest.mark.parametrize(
    "handle,ok",
    [
        ("@robinq@social.example", True),
        ("robinq@social.example", True),
        ("robinq", False),
        ("@robin q@social.example", False),
        ("@robinq@localhost", False),
    ],
)
def test_handle_grammar(handle: str, ok: bool) -> None:
    from footprint.models import Account

    assert (MastodonSource.validate(Account(platform="mastodon", handle=handle)) is None) is ok


def _one_page(mock: respx.MockRouter, account: str, statuses: str) -> None:
    mock.get(f"{HOST}/.well-known/webfinger", params={"resource": "acct:robinq@social.example"}).respond(
        200, json=data("mastodon", "webfinger.json"), headers={"content-type": "application/jrd+json"}
    )
    mock.get(f"{HOST}/api/v1/accounts/lookup", params={"acct": "robinq"}).respond(200, json=data("mastodon", account))
    mock.get(STATUSES).respond(200, json=data("mastodon", statuses))


def test_profile_links_are_the_users_own_not_hashtags_or_mentions(mock: respx.MockRouter) -> None:
    _one_page(mock, "account_tags.json", "statuses_quote.json")
    snap = read(MastodonSource, handle=HANDLE).snapshot
    assert snap.links == ["https://robinquill.example", "https://shop.example.org/robin"]


def test_quote_posts_keep_only_the_users_words(mock: respx.MockRouter) -> None:
    _one_page(mock, "account.json", "statuses_quote.json")
    snap = read(MastodonSource, handle=HANDLE).snapshot
    assert [p.text for p in snap.posts] == ["Not my team, but this is worth reading."]
