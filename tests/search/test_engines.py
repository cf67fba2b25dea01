"""Each engine against its documented answer shape (respx for the HTTP ones, a fake module behind
the ddgs library's own interface), and every way an engine can fail to answer, kept apart from
"nothing found"."""

from __future__ import annotations

import asyncio
import sys
import types
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import respx

from footprint.http import Http, Limits
from footprint.models import QueryStatus
from footprint.plugins.search import EngineConfig, EngineFailure, RawResult, SearchEngine
from footprint.search.engines.brave import ENDPOINT, BraveEngine
from footprint.search.engines.ddgs import DdgsEngine
from footprint.search.engines.searxng import SearxngEngine
from tests.search.conftest import searcher

FAST = Limits(retries=0, backoff=0.0)
BASE = "https://search.example"


def run(
    engine_cls: type[SearchEngine], environ: dict[str, str], query: str = '"Jamie Reid"', **search: object
) -> list[RawResult]:
    async def go() -> list[RawResult]:
        async with Http(limits=FAST, resolve_dns=False) as http:
            engine = engine_cls(http, EngineConfig(settings=searcher(**search).search, environ=environ))
            return await engine.search(query, 20)

    return asyncio.run(go())


def failure(call: Callable[[], object]) -> EngineFailure:
    with pytest.raises(EngineFailure) as info:
        call()
    return info.value


# --------------------------------------------------------------------------- SearXNG

# The shape of SearXNG's /search?format=json answer (docs.searxng.org/dev/search_api.html).
SEARXNG_ANSWER: dict[str, Any] = {
    "query": '"Jamie Reid"',
    "number_of_results": 0,
    "results": [
        {
            "url": "https://www.fife.example/team",
            "title": "Team <b>page</b>",
            "content": "Jamie Reid &amp; colleagues",
            "engine": "duckduckgo",
            "parsed_url": ["https", "www.fife.example", "/team", "", "", ""],
            "template": "default.html",
            "engines": ["duckduckgo", "bing"],
            "positions": [1, 3],
            "score": 2.5,
            "category": "general",
            "publishedDate": None,
        },
        {
            "url": "https://news.example/story",
            "title": "Story",
            "content": "",
            "engine": "bing",
            "engines": ["bing"],
            "positions": [2],
            "score": 1.0,
            "category": "general",
        },
    ],
    "answers": [],
    "corrections": [],
    "infoboxes": [],
    "suggestions": [],
    "unresponsive_engines": [],
}
SEARX_ENV = {"FOOTPRINT_SEARXNG_URL": BASE}


@respx.mock
def test_searxng_reads_results_in_the_documented_shape() -> None:
    route = respx.get(f"{BASE}/search").mock(return_value=httpx.Response(200, json=SEARXNG_ANSWER))
    results = run(SearxngEngine, SEARX_ENV)
    assert results == [
        RawResult("https://www.fife.example/team", "Team page", "Jamie Reid & colleagues"),
        RawResult("https://news.example/story", "Story", ""),
    ]
    sent = route.calls.last.request.url.params
    assert (sent["q"], sent["format"]) == ('"Jamie Reid"', "json")


@respx.mock
def test_searxng_base_url_comes_from_the_profile_when_the_environment_has_none() -> None:
    respx.get("https://searx.example/sx/search").mock(
        return_value=httpx.Response(200, json={**SEARXNG_ANSWER, "results": []})
    )
    assert run(SearxngEngine, {}, searxng_url="https://searx.example/sx/") == []


@respx.mock
def test_searxng_with_json_turned_off_is_a_refusal_that_says_why() -> None:
    respx.get(f"{BASE}/search").mock(return_value=httpx.Response(403, text="Forbidden"))
    got = failure(lambda: run(SearxngEngine, SEARX_ENV))
    assert got.status is QueryStatus.REFUSED
    assert "search.formats" in got.reason and "public instances" in got.reason


@respx.mock
def test_searxng_answering_a_bot_check_page_is_a_captcha() -> None:
    page = "<html><title>Just a moment</title><div class='cf-challenge'>Verify you are human</div></html>"
    respx.get(f"{BASE}/search").mock(return_value=httpx.Response(200, text=page, headers={"content-type": "text/html"}))
    assert failure(lambda: run(SearxngEngine, SEARX_ENV)).status is QueryStatus.CAPTCHA


@pytest.mark.parametrize(
    ("why", "status"),
    [
        ("CAPTCHA", QueryStatus.CAPTCHA),
        ("too many requests", QueryStatus.RATE_LIMITED),
        ("timeout", QueryStatus.UNREACHABLE),
    ],
)
@respx.mock
def test_searxng_with_no_results_because_its_engines_failed_is_not_nothing_found(why: str, status: QueryStatus) -> None:
    answer = {**SEARXNG_ANSWER, "results": [], "unresponsive_engines": [["google", why], ["bing", why]]}
    respx.get(f"{BASE}/search").mock(return_value=httpx.Response(200, json=answer))
    got = failure(lambda: run(SearxngEngine, SEARX_ENV))
    assert got.status is status
    assert "google" in got.reason


@respx.mock
def test_searxng_rate_limit_and_connection_failure() -> None:
    respx.get(f"{BASE}/search").mock(return_value=httpx.Response(429))
    assert failure(lambda: run(SearxngEngine, SEARX_ENV)).status is QueryStatus.RATE_LIMITED
    respx.get(f"{BASE}/search").mock(side_effect=httpx.ConnectError("connection refused"))
    assert failure(lambda: run(SearxngEngine, SEARX_ENV)).status is QueryStatus.UNREACHABLE


def test_searxng_without_an_address_cannot_run() -> None:
    config = EngineConfig(settings=searcher().search, environ={})
    problem = SearxngEngine.problem(config)
    assert problem is not None and "FOOTPRINT_SEARXNG_URL" in (problem[1] or "")


# --------------------------------------------------------------------------- Brave

# The shape of Brave's web search answer (WebSearchApiResponse: web.results[].title/url/description).
BRAVE_ANSWER: dict[str, Any] = {
    "type": "search",
    "query": {"original": '"Jamie Reid"', "more_results_available": False},
    "mixed": {"type": "mixed", "main": [{"type": "web", "index": 0, "all": False}]},
    "web": {
        "type": "search",
        "results": [
            {
                "type": "search_result",
                "title": "Jamie Reid - <strong>Social Worker</strong>",
                "url": "https://www.fife.example/team",
                "description": "Meet <strong>Jamie Reid</strong>, our duty social worker.",
                "is_source_local": False,
                "is_source_both": False,
                "language": "en",
                "family_friendly": True,
                "profile": {"name": "Fife", "url": "https://www.fife.example", "long_name": "fife.example"},
                "meta_url": {
                    "scheme": "https",
                    "netloc": "www.fife.example",
                    "hostname": "www.fife.example",
                    "path": "› team",
                },
            },
        ],
        "family_friendly": True,
    },
}
BRAVE_ENV = {"FOOTPRINT_BRAVE_API_KEY": "test-key-not-real"}


@respx.mock
def test_brave_reads_web_results_and_sends_the_key_in_its_header() -> None:
    route = respx.get(ENDPOINT).mock(return_value=httpx.Response(200, json=BRAVE_ANSWER))
    results = run(BraveEngine, BRAVE_ENV)
    assert results == [
        RawResult(
            "https://www.fife.example/team", "Jamie Reid - Social Worker", "Meet Jamie Reid, our duty social worker."
        )
    ]
    request = route.calls.last.request
    assert request.headers["X-Subscription-Token"] == "test-key-not-real"
    assert (request.url.params["q"], request.url.params["count"], request.url.params["country"]) == (
        '"Jamie Reid"',
        "20",
        "GB",
    )


@respx.mock
def test_brave_without_a_web_block_found_nothing() -> None:
    respx.get(ENDPOINT).mock(return_value=httpx.Response(200, json={"type": "search", "query": {"original": "x"}}))
    assert run(BraveEngine, BRAVE_ENV) == []


@respx.mock
def test_brave_bad_key_is_a_refusal_with_the_apis_own_words() -> None:
    body = {
        "type": "ErrorResponse",
        "error": {
            "id": "0",
            "status": 422,
            "code": "SUBSCRIPTION_TOKEN_INVALID",
            "detail": "The provided subscription token is invalid.",
            "meta": {},
        },
    }
    respx.get(ENDPOINT).mock(return_value=httpx.Response(422, json=body))
    got = failure(lambda: run(BraveEngine, BRAVE_ENV))
    assert got.status is QueryStatus.REFUSED
    assert "subscription token is invalid" in got.reason


@respx.mock
def test_brave_spent_budget_is_a_rate_limit() -> None:
    body = {
        "type": "ErrorResponse",
        "error": {"status": 429, "code": "RATE_LIMITED", "detail": "Request rate limit exceeded."},
    }
    respx.get(ENDPOINT).mock(return_value=httpx.Response(429, json=body, headers={"x-ratelimit-remaining": "0"}))
    assert failure(lambda: run(BraveEngine, BRAVE_ENV)).status is QueryStatus.RATE_LIMITED


def test_brave_without_a_key_cannot_run() -> None:
    problem = BraveEngine.problem(EngineConfig(settings=searcher().search, environ={}))
    assert problem is not None and "FOOTPRINT_BRAVE_API_KEY" in (problem[1] or "")


# --------------------------------------------------------------------------- ddgs, behind its own interface


class _DDGSException(Exception):
    pass


class _RatelimitException(_DDGSException):
    pass


class _TimeoutException(_DDGSException):
    pass


def fake_ddgs(
    monkeypatch: pytest.MonkeyPatch, answer: Callable[[str, dict[str, Any]], list[dict[str, Any]]]
) -> list[tuple[str, dict[str, Any]]]:
    """Install a stand-in for the ddgs package with the same names: DDGS(timeout=…).text(query, **kwargs)
    returning [{title, href, body}], and ddgs.exceptions with the same three exception classes."""
    calls: list[tuple[str, dict[str, Any]]] = []

    class DDGS:
        def __init__(self, proxy: str | None = None, timeout: int | None = 5, *, verify: bool = True) -> None:
            self.timeout = timeout

        def text(self, query: str, **kwargs: Any) -> list[dict[str, Any]]:
            calls.append((query, kwargs))
            return answer(query, kwargs)

    package = types.ModuleType("ddgs")
    package.DDGS = DDGS  # type: ignore[attr-defined]
    exceptions = types.ModuleType("ddgs.exceptions")
    exceptions.DDGSException = _DDGSException  # type: ignore[attr-defined]
    exceptions.RatelimitException = _RatelimitException  # type: ignore[attr-defined]
    exceptions.TimeoutException = _TimeoutException  # type: ignore[attr-defined]
    package.exceptions = exceptions  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "ddgs", package)
    monkeypatch.setitem(sys.modules, "ddgs.exceptions", exceptions)
    return calls


def test_ddgs_maps_title_href_body_and_passes_region_and_count(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [
        {"title": "Jamie Reid | Fife", "href": "https://www.fife.example/team", "body": "Duty social worker"},
        {"title": "no address"},
    ]
    calls = fake_ddgs(monkeypatch, lambda q, kw: rows)
    assert run(DdgsEngine, {}) == [
        RawResult("https://www.fife.example/team", "Jamie Reid | Fife", "Duty social worker")
    ]
    query, kwargs = calls[0]
    assert query == '"Jamie Reid"'
    assert kwargs["region"] == "uk-en" and kwargs["max_results"] == 20


def test_ddgs_no_results_found_is_an_honest_empty_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    def nothing(q: str, kw: dict[str, Any]) -> list[dict[str, Any]]:
        raise _DDGSException("No results found.")

    fake_ddgs(monkeypatch, nothing)
    assert run(DdgsEngine, {}) == []


@pytest.mark.parametrize(
    ("exc", "status"),
    [
        (_RatelimitException("https://html.duckduckgo.com 202 Ratelimit"), QueryStatus.RATE_LIMITED),
        (_TimeoutException("timed out"), QueryStatus.UNREACHABLE),
        (_DDGSException("Bing: captcha page returned"), QueryStatus.CAPTCHA),
        (_DDGSException("403 Forbidden"), QueryStatus.REFUSED),
        (_DDGSException("ConnectError: dns error"), QueryStatus.UNREACHABLE),
    ],
)
def test_ddgs_failures_are_reported_as_such(
    monkeypatch: pytest.MonkeyPatch, exc: Exception, status: QueryStatus
) -> None:
    def boom(q: str, kw: dict[str, Any]) -> list[dict[str, Any]]:
        raise exc

    fake_ddgs(monkeypatch, boom)
    assert failure(lambda: run(DdgsEngine, {})).status is status


def test_the_fake_has_the_real_librarys_names() -> None:
    real = pytest.importorskip("ddgs", reason="the optional ddgs extra is not installed")
    exceptions = pytest.importorskip("ddgs.exceptions")
    assert callable(real.DDGS.text)
    assert issubclass(exceptions.RatelimitException, exceptions.DDGSException)
    assert issubclass(exceptions.TimeoutException, exceptions.DDGSException)


def test_ddgs_missing_library_is_a_clear_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ddgs", None)
    problem = DdgsEngine.problem(EngineConfig(settings=searcher().search, environ={}))
    assert problem is not None and "footprint-audit[search]" in (problem[1] or "")
