"""Search: what a stranger meets first when they type the user's name into a search engine.

`footprint search` (and `footprint audit --search`) sends a few queries built from the profile's
person and declared handles (never the watch lists) to one engine, classes every result, and
runs the text checks over the titles and snippets of those that name the user.

    engines/     ddgs (default), searxng, brave          queries.py   what is sent
    (the engine plugin contract is footprint.plugins.search, group `footprint.search_engines`)
    classify.py  what each result is (data: sites.yaml)  runner.py    pacing, caps, refusals
    report.py    results → Report.search + findings
"""

from __future__ import annotations

from collections.abc import Sequence

from footprint.core import Progress
from footprint.guidance import Catalogue
from footprint.models import Profile, Report
from footprint.plugins import Registry
from footprint.plugins.search import EngineConfig, EngineFailure, RawResult, SearchEngine
from footprint.rules import RuleSet
from footprint.search.report import attach, search_report
from footprint.search.runner import SearchOptions, choose_engine, run_search

__all__ = [
    "EngineConfig",
    "EngineFailure",
    "RawResult",
    "SearchEngine",
    "SearchOptions",
    "add_search",
    "attach",
    "choose_engine",
    "run_search",
    "search_report",
]


async def add_search(
    report: Report,
    profile: Profile,
    options: SearchOptions,
    registry: Registry,
    rules: RuleSet,
    catalogue: Catalogue,
    *,
    only: Sequence[str] = (),
    skip: Sequence[str] = (),
    progress: Progress | None = None,
) -> Report:
    """`footprint audit --search`: the audit's report with the search's section and findings added."""
    found = await run_search(profile, options, engines=registry.engines, progress=progress)
    return attach(report, profile, found, registry, rules, catalogue, only=only, skip=skip)
