"""Search: what a stranger meets first when they type the user's name into a search engine.

`footprint search` (and `footprint audit --search`) sends a few queries built from the profile's
person and declared handles (never the watch lists) to one engine, classes every result, and
runs the text checks over the titles and snippets of those that name the user.

    contract.py  the engine plugin contract (group `footprint.search_engines`)
    engines/     ddgs (default), searxng, brave          queries.py   what is sent
    classify.py  what each result is (data: sites.yaml)  runner.py    pacing, caps, refusals
    report.py    results → Report.search + findings
"""

from __future__ import annotations

from footprint.search.contract import ENGINE_GROUP, EngineConfig, EngineFailure, RawResult, SearchEngine, discover_engines
from footprint.search.report import attach, search_report
from footprint.search.runner import SearchOptions, choose_engine, run_search

__all__ = [
    "ENGINE_GROUP", "EngineConfig", "EngineFailure", "RawResult", "SearchEngine", "SearchOptions",
    "attach", "choose_engine", "discover_engines", "run_search", "search_report",
]
