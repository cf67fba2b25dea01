"""TikTokSource: still NOT_CHECKABLE, but TikTok's public oEmbed can confirm the account exists."""

from __future__ import annotations

import httpx
import respx

from footprint.models import AccountStatus
from footprint.sources.tiktok import TikTokSource
from tests.sources.conftest import data, read

OEMBED = "https://www.tiktok.com/oembed"


def test_oembed_confirms_the_account(mock: respx.MockRouter) -> None:
    route = mock.get(OEMBED).respond(200, json=data("tiktok", "oembed.json"))
    outcome = read(TikTokSource, handle="@robin.quill.sw")
    assert outcome.status is AccountStatus.NOT_CHECKABLE
    assert "confirms that @robin.quill.sw exists" in outcome.reason and outcome.checklist
    assert route.calls[0].request.url.params["url"] == "https://www.tiktok.com/@robin.quill.sw"


def test_oembed_does_not_know_the_account(mock: respx.MockRouter) -> None:
    mock.get(OEMBED).respond(400, json=data("tiktok", "oembed_missing.json"))
    outcome = read(TikTokSource, handle="no.such.name")
    assert outcome.status is AccountStatus.NOT_CHECKABLE and "does not know @no.such.name" in outcome.reason


def test_a_failed_probe_still_gives_the_checklist(mock: respx.MockRouter) -> None:
    mock.get(OEMBED).mock(side_effect=httpx.ReadTimeout("slow"))
    outcome = read(TikTokSource, handle="robin.quill.sw")
    assert (
        outcome.status is AccountStatus.NOT_CHECKABLE and "could not ask TikTok" in outcome.reason and outcome.checklist
    )
    mock.get(OEMBED).respond(200, text="<html>shell</html>", headers={"content-type": "text/html"})
    assert "could not ask TikTok" in read(TikTokSource, handle="robin.quill.sw").reason
    mock.get(OEMBED).respond(503)
    assert read(TikTokSource, handle="robin.quill.sw").status is AccountStatus.NOT_CHECKABLE
