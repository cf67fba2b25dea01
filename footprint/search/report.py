"""Turn a search section into report data: `Report.search`, the `search.results` findings, and the
text checks' findings in the titles and snippets of results that name the user.

Text checks run only over results that show the user's name (the others are most likely about
someone else), never over a regulator's register page (lawful and expected) nor a people-search
page (`search.results` reports an address or number there, with the opt-out advice that fits),
and, in an audit, not over the declared accounts (the audit reads those in full). The identity checks are left
out here: every scanned result shows the name by construction, and `search.results` reports
name, role and employer seen together.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from footprint.core import Analyser, build_report, extend_report
from footprint.guidance import Catalogue
from footprint.models import Item, Profile, Report, SearchClass, SearchHit, SearchSection, Snapshot
from footprint.plugins import Registry
from footprint.plugins.checks import Check, TextItem
from footprint.rules import RuleSet
from footprint.search.classify import host_of

SEARCH_CHECK = "search.results"
PLATFORM = "search"


def _text_checks(registry: Registry, only: Sequence[str], skip: Sequence[str]) -> list[type[Check]]:
    chosen = registry.select_checks(only, skip)
    return [cls for cls in chosen if cls.id == SEARCH_CHECK or not cls.id.startswith("identity.")]


def scanned(hit: SearchHit, *, declared_too: bool) -> bool:
    """True when the text checks should read this result's title and snippet."""
    if not hit.names_you or hit.result_class in (SearchClass.REGULATOR, SearchClass.PEOPLE_SEARCH):
        return False
    return declared_too or hit.result_class is not SearchClass.DECLARED


def search_analyser(
    profile: Profile,
    found: SearchSection,
    registry: Registry,
    rules: RuleSet,
    *,
    only: Sequence[str] = (),
    skip: Sequence[str] = (),
    declared_too: bool = True,
) -> Analyser:
    """The core's analyser, with the text checks run over the titles and snippets of the results that name the user."""
    analyser = Analyser(profile, _text_checks(registry, only, skip), rules, search=found)
    for hit in found.results:
        if scanned(hit, declared_too=declared_too):
            snapshot = Snapshot(platform=PLATFORM, handle=host_of(hit.url) or hit.url, url=hit.url)
            text = "\n".join(t for t in (hit.title, hit.snippet) if t)
            analyser.texts(snapshot, [TextItem(Item(kind="search-result", id=hit.url, url=hit.url), text)])
    return analyser


def _stats(found: SearchSection) -> dict[str, int]:
    out = {
        "search_queries_sent": sum(1 for q in found.queries if q.status.value not in ("withheld", "not_sent")),
        "search_queries_answered": sum(1 for q in found.queries if q.status.value == "answered"),
        "search_results": len(found.results),
    }
    for cls in SearchClass:
        out[f"search_{cls.value.replace('-', '_')}"] = sum(1 for h in found.results if h.result_class is cls)
    return out


def search_report(
    profile: Profile,
    found: SearchSection,
    registry: Registry,
    rules: RuleSet,
    catalogue: Catalogue,
    *,
    only: Sequence[str] = (),
    skip: Sequence[str] = (),
    mode: Literal["live", "demo"] = "live",
) -> Report:
    """A report of the search alone (`footprint search`)."""
    analyser = search_analyser(profile, found, registry, rules, only=only, skip=skip)
    warnings = [f"search incomplete: {found.reason}"] if found.reason else []
    return build_report(
        profile, [], analyser, catalogue, mode=mode, search=found, warnings=warnings, stats=_stats(found)
    )


def attach(
    report: Report,
    profile: Profile,
    found: SearchSection,
    registry: Registry,
    rules: RuleSet,
    catalogue: Catalogue,
    *,
    only: Sequence[str] = (),
    skip: Sequence[str] = (),
) -> Report:
    """The audit's report with the search added (`footprint audit --search`)."""
    analyser = search_analyser(profile, found, registry, rules, only=only, skip=skip, declared_too=False)
    warnings = [f"search incomplete: {found.reason}"] if found.reason else []
    return extend_report(report, analyser, catalogue, search=found, warnings=warnings, stats=_stats(found))
