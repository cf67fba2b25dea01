"""ThreadsSource: still NOT_CHECKABLE, but WebFinger confirms accounts that share to the fediverse."""

from __future__ import annotations

import respx

from footprint.models import AccountStatus
from footprint.sources.threads import ThreadsSource
from tests.sources.conftest import data, read

WEBFINGER = "https://www.threads.net/.well-known/webfinger"


def test_fediverse_sharing_account_is_confirmed(mock: respx.MockRouter) -> None:
    route = mock.get(WEBFINGER).respond(
        200, json=data("threads", "webfinger.json"), headers={"content-type": "application/jrd+json"}
    )
    outcome = read(ThreadsSource, handle="@robin.quill")
    assert outcome.status is AccountStatus.NOT_CHECKABLE
    assert "exists and shares its posts to the fediverse" in outcome.reason
    assert route.calls[0].request.url.params["resource"] == "acct:robin.quill@threads.net"


def test_unknown_to_webfinger_says_it_cannot_tell_why(mock: respx.MockRouter) -> None:
    mock.get(WEBFINGER).respond(404, json=data("threads", "webfinger_missing.json"))
    outcome = read(ThreadsSource, handle="robin.quill")
    assert outcome.status is AccountStatus.NOT_CHECKABLE and "cannot tell which" in outcome.reason
    mock.get(WEBFINGER).respond(200, json=data("threads", "webfinger_missing.json"))
    assert "cannot tell which" in read(ThreadsSource, handle="robin.quill").reason


def test_endpoint_override(mock: respx.MockRouter) -> None:
    mock.get("http://127.0.0.1:9/threads/.well-known/webfinger").respond(200, json=data("threads", "webfinger.json"))
    outcome = read(ThreadsSource, handle="robin.quill", base_url="http://127.0.0.1:9/threads")
    assert "shares its posts" in outcome.reason
