"""The shared client: retries, Retry-After, caps, cookies, User-Agent and the private-address guard."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest
import respx

from footprint.errors import SourceError
from footprint.http import USER_AGENT, Http, Limits
from footprint.models import AccountStatus
from tests.sources.conftest import FAST

URL = "https://api.example/thing"


def get(url: str = URL, limits: Limits = FAST, **kwargs: object) -> httpx.Response:
    async def go() -> httpx.Response:
        async with Http(limits=limits, resolve_dns=False, **kwargs) as http:  # type: ignore[arg-type]
            return await http.get(url)

    return asyncio.run(go())


def failure(url: str = URL, limits: Limits = FAST, **kwargs: object) -> SourceError:
    with pytest.raises(SourceError) as caught:
        get(url, limits, **kwargs)
    return caught.value


def test_honest_user_agent_and_no_cookies_kept(mock: respx.MockRouter) -> None:
    route = mock.get(URL).respond(200, text="ok", headers={"set-cookie": "track=1; Path=/"})

    async def twice() -> None:
        async with Http(limits=FAST, resolve_dns=False) as http:
            await http.get(URL)
            await http.get(URL)

    asyncio.run(twice())
    first, second = (call.request for call in route.calls)
    assert first.headers["user-agent"] == USER_AGENT and "footprint" in USER_AGENT and "Mozilla" not in USER_AGENT
    assert "cookie" not in second.headers


def test_5xx_is_retried_then_answered(mock: respx.MockRouter) -> None:
    route = mock.get(URL).mock(side_effect=[httpx.Response(503), httpx.Response(502), httpx.Response(200, text="fine")])
    assert get().text == "fine" and route.call_count == 3


def test_5xx_that_persists_becomes_an_error(mock: respx.MockRouter) -> None:
    route = mock.get(URL).respond(500)
    error = failure()
    assert error.status is AccountStatus.ERROR and "500 after 3 tries" in error.reason and route.call_count == 3


def test_429_honours_a_short_retry_after(mock: respx.MockRouter) -> None:
    mock.get(URL).mock(side_effect=[httpx.Response(429, headers={"retry-after": "1"}), httpx.Response(200, text="ok")])
    started = time.monotonic()
    assert get(limits=Limits(backoff=0.0, retry_after_cap=5.0)).text == "ok"
    assert time.monotonic() - started >= 0.95


def test_429_asking_too_long_a_wait_is_rate_limited_at_once(mock: respx.MockRouter) -> None:
    route = mock.get(URL).respond(429, headers={"retry-after": "3600"})
    error = failure()
    assert error.status is AccountStatus.RATE_LIMITED and "3600 s" in error.reason and route.call_count == 1


def test_retry_after_as_an_http_date(mock: respx.MockRouter) -> None:
    route = mock.get(URL).respond(429, headers={"retry-after": "Wed, 21 Oct 2099 07:28:00 GMT"})
    assert failure().status is AccountStatus.RATE_LIMITED and route.call_count == 1


def test_connection_errors_are_retried_with_a_bound(mock: respx.MockRouter) -> None:
    route = mock.get(URL).mock(side_effect=httpx.ConnectError("refused"))
    error = failure()
    assert error.status is AccountStatus.ERROR and "could not connect" in error.reason and route.call_count == 3
    mock.get(URL).mock(side_effect=[httpx.ConnectTimeout("slow"), httpx.Response(200, text="ok")])
    assert get().text == "ok"


def test_a_read_timeout_is_not_retried(mock: respx.MockRouter) -> None:
    route = mock.get(URL).mock(side_effect=httpx.ReadTimeout("slow"))
    assert failure().status is AccountStatus.TIMED_OUT and route.call_count == 1


def test_oversized_bodies_are_refused_declared_or_not(mock: respx.MockRouter) -> None:
    small = Limits(max_bytes=1000, backoff=0.0)
    mock.get(URL).respond(200, content=b"x" * 5000)
    error = failure(limits=small)
    assert error.status is AccountStatus.MALFORMED and "larger than 1,000 bytes" in error.reason

    async def stream():  # a body with no Content-Length, cut off by counting
        for _ in range(10):
            yield b"y" * 500

    mock.get(URL).mock(return_value=httpx.Response(200, content=stream()))
    assert failure(limits=small).status is AccountStatus.MALFORMED


def test_redirect_loops_stop_at_the_cap(mock: respx.MockRouter) -> None:
    mock.get("https://api.example/a").respond(302, headers={"location": "https://api.example/b"})
    mock.get("https://api.example/b").respond(302, headers={"location": "https://api.example/a"})
    error = failure("https://api.example/a")
    assert error.status is AccountStatus.ERROR and "redirect" in error.reason


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/x",
        "http://10.1.2.3/x",
        "http://169.254.169.254/latest",
        "http://[::1]/x",
        "http://localhost/x",
        "http://printer.local/x",
        "http://192.168.0.1/x",
    ],
)
def test_private_loopback_and_link_local_addresses_are_refused(mock: respx.MockRouter, url: str) -> None:
    route = mock.get(url).respond(200)
    error = failure(url)
    assert "private, loopback or link-local" in error.reason and not route.called


def test_private_addresses_allowed_when_asked_or_under_an_override(mock: respx.MockRouter) -> None:
    mock.get("http://127.0.0.1:8000/blog/feed").respond(200, text="ok")
    assert get("http://127.0.0.1:8000/blog/feed", allow_private=True).text == "ok"
    assert get("http://127.0.0.1:8000/blog/feed", trusted_prefixes=["http://127.0.0.1:8000/blog"]).text == "ok"
    # a prefix only trusts what lies below it, not addresses that merely start with the same characters
    mock.get("http://127.0.0.1:80001/x").respond(200)
    assert failure("http://127.0.0.1:8000/blogger", trusted_prefixes=["http://127.0.0.1:8000/blog"])


def test_a_redirect_to_a_private_address_is_refused(mock: respx.MockRouter) -> None:
    mock.get(URL).respond(302, headers={"location": "http://169.254.169.254/latest/meta-data"})
    inner = mock.get("http://169.254.169.254/latest/meta-data").respond(200)
    assert "link-local" in failure().reason and not inner.called


def test_names_that_resolve_to_private_addresses_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    async def fake_getaddrinfo(self, host, port, **kwargs):  # type: ignore[no-untyped-def]
        return [(2, 1, 6, "", ("10.0.0.7", 0))]

    monkeypatch.setattr(asyncio.base_events.BaseEventLoop, "getaddrinfo", fake_getaddrinfo)

    async def go() -> None:
        async with Http(limits=FAST, resolve_dns=True) as http:
            await http.get("https://intranet.example/x")

    with pytest.raises(SourceError) as caught:
        asyncio.run(go())
    assert "private" in caught.value.reason


def test_per_host_limit_caps_concurrent_requests(mock: respx.MockRouter) -> None:
    active = peak = 0

    async def slow(request: httpx.Request) -> httpx.Response:
        nonlocal active, peak
        active += 1
        peak = max(peak, active)
        await asyncio.sleep(0.02)
        active -= 1
        return httpx.Response(200)

    mock.get(URL).mock(side_effect=slow)

    async def many() -> None:
        async with Http(limits=Limits(per_host=3), resolve_dns=False) as http:
            await asyncio.gather(*(http.get(URL) for _ in range(12)))

    asyncio.run(many())
    assert peak == 3


def test_429_with_no_budget_left_is_not_retried(mock: respx.MockRouter) -> None:
    route = mock.get(URL).respond(429, headers={"x-ratelimit-remaining": "0"})
    assert failure().status is AccountStatus.RATE_LIMITED and route.call_count == 1


def test_an_answer_that_outlasts_the_deadline_times_out(mock: respx.MockRouter) -> None:
    async def drip(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(1.0)
        return httpx.Response(200)

    mock.get(URL).mock(side_effect=drip)
    error = failure(limits=Limits(deadline=0.2, backoff=0.0))
    # NOTE: the answer would arrive (200) after 1 s; TIMED_OUT shows the 0.2 s deadline cut it, no clock needed
    assert error.status is AccountStatus.TIMED_OUT
