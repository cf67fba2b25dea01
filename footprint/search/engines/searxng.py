"""SearXNG through its JSON API: `GET <instance>/search?q=…&format=json`.

An instance answers JSON only when its settings.yml lists `json` under `search: formats:`;
otherwise it answers 403 Forbidden. Public instances usually leave JSON off, so this engine is
meant for an instance you run yourself (for example the official container on your own machine).
The instance passes each query on to the search services it is set up to use.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from footprint.errors import SourceError
from footprint.http import parse_json
from footprint.models import QueryStatus
from footprint.plugins.search import (
    EngineConfig,
    EngineFailure,
    RawResult,
    SearchEngine,
    from_source_error,
    looks_like_captcha,
    plain,
)

ENV_URL = "FOOTPRINT_SEARXNG_URL"
_JSON_OFF = (
    "the instance refused the JSON format (403): SearXNG answers JSON only when its settings.yml lists json "
    "under search.formats, and public instances usually do not"
)


def base_url(config: EngineConfig) -> str | None:
    """The instance address: FOOTPRINT_SEARXNG_URL, else the profile's search.searxng_url."""
    value = (config.environ.get(ENV_URL) or "").strip() or (config.settings.searxng_url or "")
    return value.rstrip("/") or None


class SearxngEngine(SearchEngine):
    name = "searxng"
    title = "SearXNG (an instance you run, JSON format enabled)"
    sends_to = (
        "the SearXNG instance you configured, which passes the query on to the search services it is set up to use"
    )

    @classmethod
    def problem(cls, config: EngineConfig) -> tuple[str, str | None] | None:
        url = base_url(config)
        if url is None:
            return (
                "the searxng engine needs the address of a SearXNG instance",
                f"set search.searxng_url in the profile file or {ENV_URL}",
            )
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return (
                f"{url!r} is not an http(s) address for a SearXNG instance",
                f"check {ENV_URL} or search.searxng_url",
            )
        return None

    def describe(self) -> str:
        return f"searxng ({base_url(self.config)})"

    async def search(self, query: str, max_results: int) -> list[RawResult]:
        base = base_url(self.config)
        assert base is not None
        host = urlsplit(base).netloc
        try:
            response = await self.http.get(
                f"{base}/search", params={"q": query, "format": "json"}, headers={"Accept": "application/json"}
            )
        except SourceError as exc:
            raise from_source_error(exc, f"SearXNG at {host}") from None
        if response.status_code == 403:
            raise EngineFailure(QueryStatus.REFUSED, _JSON_OFF)
        if response.status_code == 429:
            raise EngineFailure(QueryStatus.RATE_LIMITED, f"SearXNG at {host} is rate limiting requests (429)")
        if not response.is_success:
            raise EngineFailure(QueryStatus.ERROR, f"SearXNG at {host} answered {response.status_code}")
        kind = response.headers.get("content-type", "")
        if "json" not in kind.lower():
            if looks_like_captcha(response.content):
                raise EngineFailure(QueryStatus.CAPTCHA, f"SearXNG at {host} answered with a bot check (captcha)")
            raise EngineFailure(QueryStatus.REFUSED, f"SearXNG at {host} sent a web page, not JSON: {_JSON_OFF}")
        try:
            data = parse_json(response)
        except SourceError as exc:
            raise EngineFailure(QueryStatus.ERROR, exc.reason) from None
        if not isinstance(data, dict) or not isinstance(data.get("results"), list):
            raise EngineFailure(QueryStatus.ERROR, f"SearXNG at {host} sent JSON without a results list")
        results = [_result(r) for r in data["results"] if isinstance(r, dict) and isinstance(r.get("url"), str)]
        if not results:
            _no_results(data.get("unresponsive_engines"), host)
        return results[:max_results]


def _result(row: dict[str, Any]) -> RawResult:
    return RawResult(url=row["url"], title=plain(row.get("title")), snippet=plain(row.get("content")))


def _no_results(unresponsive: object, host: str) -> None:
    """No results: an honest "nothing found" only when no engine behind the instance failed."""
    if not isinstance(unresponsive, list) or not unresponsive:
        return
    pairs = [(str(p[0]), str(p[1])) for p in unresponsive if isinstance(p, list | tuple) and len(p) >= 2]
    listed = ", ".join(f"{engine} ({why})" for engine, why in pairs) or "its engines"
    reasons = " ".join(why.lower() for _, why in pairs)
    if "captcha" in reasons:
        raise EngineFailure(
            QueryStatus.CAPTCHA, f"SearXNG at {host} found nothing because its engines met a captcha: {listed}"
        )
    if "too many requests" in reasons or "rate" in reasons or "suspended" in reasons:
        raise EngineFailure(
            QueryStatus.RATE_LIMITED, f"SearXNG at {host} found nothing because its engines are rate limited: {listed}"
        )
    raise EngineFailure(
        QueryStatus.UNREACHABLE, f"SearXNG at {host} found nothing because its engines did not answer: {listed}"
    )
