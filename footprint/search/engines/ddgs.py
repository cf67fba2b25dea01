"""ddgs, the maintained metasearch library of that name: no key, no account. The default engine.

ddgs sends the query to web search services it picks itself (in ddgs 9.16.1: Brave, DuckDuckGo,
Grokipedia, Mojeek, Startpage, Wikipedia and Yahoo) and merges their answers. It is an
optional extra (`pip install 'footprint-audit[search]'`) because it brings a compiled HTTP
library of its own; it does not go through footprint's HTTP client, so it is called in a
worker thread. Its errors are kept apart: a rate limit, a timeout, a captcha and "No results
found." are four different answers, and only the last means nothing was found.
"""

from __future__ import annotations

import asyncio
import importlib
from types import ModuleType
from typing import Any

from footprint.models import QueryStatus
from footprint.plugins.search import EngineConfig, EngineFailure, RawResult, SearchEngine, plain

NO_RESULTS = "No results found."  # what ddgs raises when every service answered and none had anything
TIMEOUT = 10


def _library() -> ModuleType | None:
    try:
        return importlib.import_module("ddgs")
    except ImportError:
        return None


class DdgsEngine(SearchEngine):
    name = "ddgs"
    title = "ddgs metasearch library (no key needed)"
    sends_to = "the web search services the ddgs library picks for itself (see `ddgs.engines.ENGINES['text']`)"

    @classmethod
    def problem(cls, config: EngineConfig) -> tuple[str, str | None] | None:
        if _library() is None:
            return (
                "the ddgs engine needs the ddgs library, which is not installed",
                "pip install 'footprint-audit[search]', or choose --engine searxng or --engine brave",
            )
        return None

    async def search(self, query: str, max_results: int) -> list[RawResult]:
        library = _library()
        if library is None:
            raise EngineFailure(QueryStatus.ERROR, "the ddgs library is not installed")
        exceptions = importlib.import_module("ddgs.exceptions")
        region = self.config.settings.region

        def call() -> list[dict[str, Any]]:
            return library.DDGS(timeout=TIMEOUT).text(
                query, region=region, safesearch="moderate", max_results=max_results
            )

        try:
            rows = await asyncio.to_thread(call)
        except exceptions.RatelimitException as exc:
            raise EngineFailure(
                QueryStatus.RATE_LIMITED, f"ddgs: the search services are rate limiting ({_short(exc)})"
            ) from None
        except exceptions.TimeoutException as exc:
            raise EngineFailure(
                QueryStatus.UNREACHABLE, f"ddgs: the search services did not answer in time ({_short(exc)})"
            ) from None
        except exceptions.DDGSException as exc:
            text = str(exc).strip()
            if text == NO_RESULTS:
                return []
            lowered = text.lower()
            if "captcha" in lowered:
                raise EngineFailure(
                    QueryStatus.CAPTCHA, f"ddgs: a search service asked for a captcha ({_short(exc)})"
                ) from None
            if "ratelimit" in lowered or "429" in lowered or "too many" in lowered:
                raise EngineFailure(
                    QueryStatus.RATE_LIMITED, f"ddgs: the search services are rate limiting ({_short(exc)})"
                ) from None
            if "403" in lowered or "forbidden" in lowered:
                raise EngineFailure(
                    QueryStatus.REFUSED, f"ddgs: a search service refused the request ({_short(exc)})"
                ) from None
            raise EngineFailure(QueryStatus.UNREACHABLE, f"ddgs: no search service answered ({_short(exc)})") from None
        out = []
        for row in rows or []:
            url = row.get("href") if isinstance(row, dict) else None
            if isinstance(url, str) and url:
                out.append(RawResult(url=url, title=plain(row.get("title")), snippet=plain(row.get("body"))))
        return out[:max_results]


def _short(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0][:160]
