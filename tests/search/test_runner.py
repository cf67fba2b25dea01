"""The run: one query at a time with a pause, capped, stopped politely by a refusal, never
"nothing found" for a query the engine did not answer."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from footprint.errors import InputError
from footprint.models import QueryStatus, SearchClass
from footprint.plugins.search import EngineConfig, EngineFailure, RawResult, SearchEngine
from footprint.search import SearchOptions, run_search
from tests.search.conftest import WATCH_WORDS, searcher


def engine_answering(answer: Callable[[str], list[RawResult]], sent: list[str]) -> type[SearchEngine]:
    class Fake(SearchEngine):
        name = "fake"
        title = "a test engine"

        async def search(self, query: str, max_results: int) -> list[RawResult]:
            sent.append(query)
            return answer(query)[:max_results]

    return Fake


def search(engine: type[SearchEngine], pauses: list[float] | None = None, **options: object):  # type: ignore[no-untyped-def]
    async def sleep(seconds: float) -> None:
        (pauses if pauses is not None else []).append(seconds)

    chosen = SearchOptions(engine="fake", **options)  # type: ignore[arg-type]
    return asyncio.run(run_search(searcher(pause=1.5), chosen, engines={"fake": engine}, sleep=sleep))


def test_every_query_is_sent_once_with_a_pause_between_and_results_are_merged() -> None:
    sent: list[str] = []
    pauses: list[float] = []
    page = [
        RawResult("https://www.fife.gov.uk/team", "Jamie Reid, social worker", "Fife Council"),
        RawResult("https://photography.example/", "Jamie Reid Photography", ""),
    ]
    found = search(engine_answering(lambda q: page if q == '"Jamie Reid"' else page[::-1], sent), pauses)
    assert len(sent) == 8 and pauses == [1.5] * 7
    assert found.status == "complete" and found.reason is None
    team = next(h for h in found.results if h.url == "https://www.fife.gov.uk/team")
    assert team.rank == 1 and len(team.queries) == 8 and team.names_you
    assert team.result_class is SearchClass.EMPLOYER
    for query in sent:
        assert not any(word.lower() in query.lower() for word in WATCH_WORDS)


def test_caps_on_queries_and_results_per_query() -> None:
    sent: list[str] = []
    many = [RawResult(f"https://site{i}.example/", f"r{i}") for i in range(40)]
    found = search(engine_answering(lambda q: many, sent), max_queries=2, max_results=5)
    assert len(sent) == 2
    assert {q.results for q in found.queries if q.status is QueryStatus.ANSWERED} == {5}
    assert len(found.results) == 5


@pytest.mark.parametrize(
    "status", [QueryStatus.REFUSED, QueryStatus.RATE_LIMITED, QueryStatus.CAPTCHA, QueryStatus.UNREACHABLE]
)
def test_a_refusal_stops_the_run_and_the_section_is_incomplete_not_empty(status: QueryStatus) -> None:
    sent: list[str] = []

    def answer(query: str) -> list[RawResult]:
        if len(sent) >= 2:
            raise EngineFailure(status, "the engine said no")
        return []

    found = search(engine_answering(answer, sent))
    assert len(sent) == 2
    states = [q.status for q in found.queries]
    assert states[:2] == [QueryStatus.ANSWERED, status]
    assert set(states[2:]) == {QueryStatus.NOT_SENT, QueryStatus.WITHHELD}
    assert found.status == "incomplete"
    assert "the engine said no" in (found.reason or "")


def test_an_unexpected_engine_error_is_an_error_and_the_run_goes_on() -> None:
    sent: list[str] = []

    def answer(query: str) -> list[RawResult]:
        if len(sent) == 1:
            raise ValueError("bad parse")
        return []

    found = search(engine_answering(answer, sent))
    assert len(sent) == 8
    assert found.queries[0].status is QueryStatus.ERROR and "bad parse" in (found.queries[0].reason or "")
    assert found.status == "incomplete"


def test_unknown_engine_and_unconfigured_engine_are_input_errors() -> None:
    with pytest.raises(InputError, match="no search engine called 'nope'"):
        asyncio.run(run_search(searcher(), SearchOptions(engine="nope"), engines={}))

    class NeedsKey(SearchEngine):
        name = "keyed"
        title = "needs a key"

        @classmethod
        def problem(cls, config: EngineConfig) -> tuple[str, str | None] | None:
            return ("the keyed engine needs a key", "set KEY")

        async def search(self, query: str, max_results: int) -> list[RawResult]:
            raise AssertionError("never called")

    with pytest.raises(InputError, match="needs a key"):
        asyncio.run(run_search(searcher(), SearchOptions(engine="keyed"), engines={"keyed": NeedsKey}))
