"""The Brave Search API: `GET https://api.search.brave.com/res/v1/web/search?q=…` with an
`X-Subscription-Token` header holding your key (from FOOTPRINT_BRAVE_API_KEY).

Brave answers `{"web": {"results": [{"title", "url", "description", …}]}}`; a search with no
results has no `web` block. A bad key is answered 401/422 with an `ErrorResponse`, a spent
budget 429: both are reported as such, never as "nothing found".
"""

from __future__ import annotations

from typing import Any

from footprint.errors import SourceError
from footprint.http import parse_json
from footprint.models import QueryStatus
from footprint.plugins.search import EngineConfig, EngineFailure, RawResult, SearchEngine, from_source_error, plain

ENV_KEY = "FOOTPRINT_BRAVE_API_KEY"
ENDPOINT = "https://api.search.brave.com/res/v1/web/search"
MAX_COUNT = 20  # the API's own limit per request


def api_key(config: EngineConfig) -> str | None:
    return (config.environ.get(ENV_KEY) or "").strip() or None


class BraveEngine(SearchEngine):
    name = "brave"
    title = "Brave Search API (needs your own key)"
    sends_to = "Brave Search's API (api.search.brave.com), with your key"

    @classmethod
    def problem(cls, config: EngineConfig) -> tuple[str, str | None] | None:
        if api_key(config) is None:
            return ("the brave engine needs a Brave Search API key", f"put it in the {ENV_KEY} environment variable")
        return None

    async def search(self, query: str, max_results: int) -> list[RawResult]:
        key = api_key(self.config)
        assert key is not None
        params = {
            "q": query,
            "count": str(min(max_results, MAX_COUNT)),
            "safesearch": "moderate",
            "country": _country(self.config.settings.region),
        }
        try:
            response = await self.http.get(
                ENDPOINT, params=params, headers={"Accept": "application/json", "X-Subscription-Token": key}
            )
        except SourceError as exc:
            raise from_source_error(exc, "Brave Search") from None
        if response.status_code in (401, 403, 422):
            raise EngineFailure(
                QueryStatus.REFUSED, f"Brave Search refused the request ({response.status_code}): {_detail(response)}"
            )
        if response.status_code == 429:
            raise EngineFailure(QueryStatus.RATE_LIMITED, f"Brave Search is rate limiting (429): {_detail(response)}")
        if not response.is_success:
            raise EngineFailure(QueryStatus.ERROR, f"Brave Search answered {response.status_code}: {_detail(response)}")
        try:
            data = parse_json(response)
        except SourceError as exc:
            raise EngineFailure(QueryStatus.ERROR, exc.reason) from None
        if not isinstance(data, dict):
            raise EngineFailure(QueryStatus.ERROR, "Brave Search sent JSON that is not an object")
        web = data.get("web") or {}
        rows = web.get("results") if isinstance(web, dict) else None
        if rows is None:
            return []
        if not isinstance(rows, list):
            raise EngineFailure(QueryStatus.ERROR, "Brave Search sent a web block without a results list")
        return [_result(r) for r in rows if isinstance(r, dict) and isinstance(r.get("url"), str)][:max_results]


def _result(row: dict[str, Any]) -> RawResult:
    return RawResult(url=row["url"], title=plain(row.get("title")), snippet=plain(row.get("description")))


def _country(region: str) -> str:
    code = region.split("-")[0].upper()
    return "GB" if code == "UK" else code or "GB"


def _detail(response: Any) -> str:
    try:
        data = parse_json(response)
    except SourceError:
        return "no details given"
    error = data.get("error") if isinstance(data, dict) else None
    if isinstance(error, dict):
        return str(error.get("detail") or error.get("code") or "no details given")[:200]
    return "no details given"
