"""Send the queries to one engine, one at a time with a pause between them, and class what comes back.

A refusal, a rate limit, a captcha or an engine that cannot be reached stops the run: the
queries not yet sent are listed as not sent, with the reason, and the section is incomplete.
Nothing is ever reported as "nothing found" unless the engine said so.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import httpx

from footprint.core import NoProgress, Progress
from footprint.errors import InputError
from footprint.http import Http, Limits
from footprint.models import Profile, QueryStatus, SearchClass, SearchHit, SearchQuery, SearchSection
from footprint.plugins import discover
from footprint.plugins.search import EngineConfig, EngineFailure, RawResult, SearchEngine
from footprint.search.classify import Classifier, names_you, site_data
from footprint.search.queries import build

DEFAULT_ENGINE = "ddgs"
FIRST_PAGE = 10


@dataclass
class SearchOptions:
    """Choices for one search, as the CLI or a library caller makes them (None: the profile's setting)."""

    engine: str | None = None
    max_queries: int | None = None
    max_results: int | None = None
    pause: float | None = None
    allow_private_addresses: bool = False
    limits: Limits = field(default_factory=Limits)
    environ: Mapping[str, str] | None = None


def choose_engine(
    profile: Profile, options: SearchOptions, engines: Mapping[str, type[SearchEngine]]
) -> tuple[type[SearchEngine], EngineConfig]:
    """The engine to use, configured: --engine, else the profile's search.engine, else ddgs.

    Raises InputError (one line and a hint) when it is unknown or cannot run as configured."""
    environ = os.environ if options.environ is None else options.environ
    name = (options.engine or profile.search.engine or DEFAULT_ENGINE).strip().lower()
    cls = engines.get(name)
    if cls is None:
        raise InputError(f"no search engine called {name!r} (known: {', '.join(sorted(engines)) or 'none'})")
    config = EngineConfig(settings=profile.search, environ=environ)
    problem = cls.problem(config)
    if problem is not None:
        raise InputError(*problem)
    return cls, config


def _key(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), parts.query, ""))


async def run_search(
    profile: Profile,
    options: SearchOptions | None = None,
    *,
    engines: Mapping[str, type[SearchEngine]] | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    progress: Progress | None = None,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> SearchSection:
    """Search for the profile's name through one engine and return the classified section."""
    options = options or SearchOptions()
    progress = progress or NoProgress()
    cls, config = choose_engine(profile, options, engines if engines is not None else discover().engines)
    settings = profile.search
    limit = options.max_queries or settings.max_queries
    per_query = min(options.max_results or settings.max_results, 20)
    pause = settings.pause if options.pause is None else options.pause
    send, withheld = build(profile, limit)
    queries: list[SearchQuery] = []
    found: dict[str, tuple[RawResult, int, list[str]]] = {}
    async with Http(limits=options.limits, transport=transport, allow_private=options.allow_private_addresses) as http:
        engine = cls(http, config)
        described = engine.describe()
        progress.start(len(send), f"Searching: {len(send)} queries to {engine.sends_to or engine.name}")
        stopped: EngineFailure | None = None
        for index, query in enumerate(send):
            if stopped is not None:
                queries.append(
                    SearchQuery(
                        text=query.text,
                        purpose=query.purpose,
                        status=QueryStatus.NOT_SENT,
                        reason=f"not sent after the engine stopped answering: {stopped.reason}",
                    )
                )
                continue
            if index and pause:
                await sleep(pause)
            try:
                results = await engine.search(query.text, per_query)
            except EngineFailure as failure:
                queries.append(
                    SearchQuery(text=query.text, purpose=query.purpose, status=failure.status, reason=failure.reason)
                )
                if failure.stops_the_run:
                    stopped = failure
            except Exception as exc:
                queries.append(
                    SearchQuery(
                        text=query.text,
                        purpose=query.purpose,
                        status=QueryStatus.ERROR,
                        reason=f"the {engine.name} engine failed unexpectedly ({type(exc).__name__}: {exc})",
                    )
                )
            else:
                results = results[:per_query]
                queries.append(
                    SearchQuery(
                        text=query.text, purpose=query.purpose, status=QueryStatus.ANSWERED, results=len(results)
                    )
                )
                for rank, result in enumerate(results, start=1):
                    key = _key(result.url)
                    kept = found.get(key)
                    if kept is None:
                        found[key] = (result, rank, [query.text])
                    else:
                        found[key] = (kept[0], min(kept[1], rank), [*kept[2], query.text])
            progress.advance(f"{query.text}: {queries[-1].status.value.replace('_', ' ')}")
        progress.finish()
    queries.extend(
        SearchQuery(
            text=q.text,
            purpose=q.purpose,
            status=QueryStatus.WITHHELD,
            reason="not sent: it contains an entry from your watch lists, which are never sent anywhere",
        )
        for q in withheld
    )
    return section(profile, described, queries, found)


def section(
    profile: Profile, engine: str, queries: list[SearchQuery], found: Mapping[str, tuple[RawResult, int, list[str]]]
) -> SearchSection:
    """Class every result and say whether the search is complete."""
    classifier = Classifier(profile)
    hits = []
    for result, rank, asked in found.values():
        classed = classifier.classify(result.url, result.title, result.snippet)
        hits.append(
            SearchHit(
                url=result.url,
                title=result.title,
                snippet=result.snippet,
                result_class=classed.result_class,
                site=classed.site,
                handle=classed.handle,
                rank=rank,
                queries=asked,
                names_you=names_you(f"{result.title}\n{result.snippet}", profile),
                note=classed.note,
                opt_out=classed.opt_out,
            )
        )
    order = {c: i for i, c in enumerate(SearchClass)}
    hits.sort(key=lambda h: (order[h.result_class], h.rank, h.url))
    missing = [q for q in queries if q.status.missing]
    reason = None
    if missing:
        sent = sum(1 for q in queries if q.status is not QueryStatus.WITHHELD)
        reason = f"{len(missing)} of {sent} queries got no answer from the engine: {missing[0].reason}"
    return SearchSection(
        engine=engine,
        status="incomplete" if missing else "complete",
        reason=reason,
        queries=queries,
        results=hits,
        advice={c.value: lines for c, lines in site_data().advice.items()},
    )


def first_page(hit: SearchHit) -> bool:
    """True when the result was on the first page (top ten) of at least one query."""
    return hit.rank <= FIRST_PAGE
