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

from footprint.plugins.search import EngineConfig, EngineFailure, RawResult, SearchEngine
from footprint.search.report import attach, search_report
from footprint.search.runner import SearchOptions, choose_engine, run_search

__all__ = [
    "EngineConfig", "EngineFailure", "RawResult", "SearchEngine", "SearchOptions",
    "attach", "choose_engine", "run_search", "search_report",
]
