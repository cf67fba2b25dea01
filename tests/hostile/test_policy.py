"""The address policy hop by hop, in the shared client (mocked transport: no socket is opened)."""

from __future__ import annotations

import asyncio

import httpx
import pytest
import respx

from footprint.errors import SourceError
from footprint.http import Http, Limits

FAST = Limits(connect_timeout=1.0, read_timeout=1.0, deadline=2.0, backoff=0.0, retries=0)
MIRROR = "http://127.0.0.1:8000/mastodon"


def get(url: str, headers: dict[str, str] | None = None, **kwargs: object) -> httpx.Response:
    async def go() -> httpx.Response:
        async with Http(limits=FAST, resolve_dns=False, **kwargs) as http:  # type: ignore[arg-type]
            return await http.get(url, headers=headers)

    return asyncio.run(go())


@pytest.fixture
def mock():  # type: ignore[no-untyped-def]
    with respx.mock(assert_all_called=False) as router:
        yield router


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("http://10.0.0.1/x", "private"),
        ("http://169.254.169.254/latest", "link-local"),
        ("https://public.example/x", "does not extend"),
        ("http://127.0.0.1:8000/admin", "private"),
        ("http://127.0.0.1:8001/mastodon/x", "private"),
    ],
)
def test_trust_in_an_overridden_endpoint_never_extends_to_its_redirects(
    mock: respx.MockRouter, target: str, words: str
) -> None:
    mock.get(f"{MIRROR}/api").respond(302, headers={"location": target})
    elsewhere = mock.get(target).respond(200, text="secret")
    with pytest.raises(SourceError) as caught:
        get(f"{MIRROR}/api", trusted_prefixes=[MIRROR])
    assert words in caught.value.reason and "refused" in caught.value.reason
    assert not elsewhere.called


def test_a_redirect_within_the_endpoint_is_followed(mock: respx.MockRouter) -> None:
    mock.get(f"{MIRROR}/a").respond(301, headers={"location": "/mastodon/b"})
    mock.get(f"{MIRROR}/b").respond(200, text="here")
    response = get(f"{MIRROR}/a", trusted_prefixes=[MIRROR])
    assert response.text == "here" and len(response.history) == 1 and str(response.url) == f"{MIRROR}/b"


def test_a_private_hop_in_the_middle_of_a_public_chain_is_refused(mock: respx.MockRouter) -> None:
    mock.get("https://a.example/1").respond(302, headers={"location": "https://b.example/2"})
    mock.get("https://b.example/2").respond(307, headers={"location": "http://[::ffff:169.254.169.254]/latest"})
    inner = mock.get("http://[::ffff:169.254.169.254]/latest").respond(200)
    with pytest.raises(SourceError, match="refused"):
        get("https://a.example/1")
    assert not inner.called


def test_credentials_are_not_carried_to_another_host(mock: respx.MockRouter) -> None:
    mock.get("https://api.example/me").respond(302, headers={"location": "https://cdn.example/me"})
    landed = mock.get("https://cdn.example/me").respond(200, text="ok")
    get("https://api.example/me", headers={"Authorization": "token not-a-real-secret"})
    assert "authorization" not in landed.calls[0].request.headers


@pytest.mark.parametrize("location", ["file:///etc/passwd", "gopher://x.example/", "http://[::1/broken"])
def test_a_redirect_footprint_cannot_follow_is_an_error_not_a_crash(mock: respx.MockRouter, location: str) -> None:
    mock.get("https://a.example/1").respond(302, headers={"location": location})
    with pytest.raises(SourceError) as caught:
        get("https://a.example/1")
    assert "redirected" in caught.value.reason
