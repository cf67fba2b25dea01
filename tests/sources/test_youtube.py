"""YouTubeSource: the channel's public videos feed, reached by channel id or @handle."""

from __future__ import annotations

import respx

from footprint.models import Account, AccountStatus
from footprint.sources.youtube import YouTubeSource
from tests.sources.conftest import raw, read

YT = "https://www.youtube.com"
CHANNEL = "UCAbCdEfGhIjKlMnOpQrStUv"
ATOM = {"content-type": "text/xml; charset=UTF-8"}


def test_channel_id_reads_titles_and_descriptions(mock: respx.MockRouter) -> None:
    mock.get(f"{YT}/feeds/videos.xml", params={"channel_id": CHANNEL}).respond(
        200, content=raw("youtube", "videos.xml"), headers=ATOM
    )
    outcome = read(YouTubeSource, handle=CHANNEL)
    assert outcome.status is AccountStatus.CHECKED, outcome.reason
    snap = outcome.snapshot
    assert snap.display_name == "Quill Talks Practice" and snap.url == f"{YT}/channel/{CHANNEL}"
    assert (
        snap.posts[0].text == "A day in child protection (no names!)\nFilmed outside the Eastvale office on Birch Lane."
    )
    assert snap.posts[0].kind == "video" and snap.posts[0].url == f"{YT}/watch?v=a1B2c3D4e5F"
    assert snap.posts[1].text == "Writing a good case note"
    assert len(read(YouTubeSource, handle=CHANNEL, max_posts=1).snapshot.posts) == 1


def test_handle_is_resolved_from_the_channel_page(mock: respx.MockRouter) -> None:
    mock.get(f"{YT}/@quilltalks").respond(
        200, content=raw("youtube", "channel.html"), headers={"content-type": "text/html; charset=utf-8"}
    )
    mock.get(f"{YT}/feeds/videos.xml", params={"channel_id": CHANNEL}).respond(
        200, content=raw("youtube", "videos.xml"), headers=ATOM
    )
    assert read(YouTubeSource, handle="@quilltalks").status is AccountStatus.CHECKED


def test_consent_redirect_is_blocked_with_advice(mock: respx.MockRouter) -> None:
    mock.get(f"{YT}/@quilltalks").respond(
        302,
        headers={"location": "https://consent.youtube.com/m?continue=https%3A%2F%2Fwww.youtube.com%2F%40quilltalks"},
    )
    mock.get("https://consent.youtube.com/m").respond(
        200, content=raw("youtube", "consent.html"), headers={"content-type": "text/html"}
    )
    outcome = read(YouTubeSource, handle="@quilltalks")
    assert outcome.status is AccountStatus.BLOCKED and "channel id" in outcome.reason


def test_failures(mock: respx.MockRouter) -> None:
    mock.get(f"{YT}/@nobody").respond(404, html="<title>404 Not Found</title>")
    assert read(YouTubeSource, handle="@nobody").status is AccountStatus.NOT_FOUND
    mock.get(f"{YT}/@blank").respond(200, html="<html><body>nothing here</body></html>")
    assert read(YouTubeSource, handle="@blank").status is AccountStatus.MALFORMED
    mock.get(f"{YT}/feeds/videos.xml").respond(200, content=b"<html>not a feed", headers={"content-type": "text/html"})
    assert read(YouTubeSource, handle=CHANNEL).status is AccountStatus.MALFORMED
    mock.get(f"{YT}/feeds/videos.xml").respond(404)
    assert read(YouTubeSource, handle=CHANNEL).status is AccountStatus.NOT_FOUND
    mock.get(f"{YT}/feeds/videos.xml").respond(500)
    assert read(YouTubeSource, handle=CHANNEL).status is AccountStatus.ERROR


def test_handle_grammar() -> None:
    for handle, ok in [(CHANNEL, True), ("@quilltalks", True), ("ab", False), ("@has space", False), ("a/b", False)]:
        assert (YouTubeSource.validate(Account(platform="youtube", handle=handle)) is None) is ok, handle
