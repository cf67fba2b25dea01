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

import datetime as dt
from collections.abc import Sequence
from typing import Literal

from footprint import __version__
from footprint.core import Analyser, attach_guidance
from footprint.guidance import Catalogue
from footprint.models import Finding, Item, Profile, Report, SearchClass, SearchHit, SearchSection, Snapshot, Subject, Tool
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


def search_findings(
    profile: Profile,
    found: SearchSection,
    registry: Registry,
    rules: RuleSet,
    catalogue: Catalogue,
    *,
    only: Sequence[str] = (),
    skip: Sequence[str] = (),
    declared_too: bool = True,
) -> tuple[list[Finding], list[str]]:
    """(findings with guidance, ids of the checks run) for one search section."""
    checks = _text_checks(registry, only, skip)
    analyser = Analyser(profile, checks, rules, search=found)
    for hit in found.results:
        if scanned(hit, declared_too=declared_too):
            snapshot = Snapshot(platform=PLATFORM, handle=host_of(hit.url) or hit.url, url=hit.url)
            text = "\n".join(t for t in (hit.title, hit.snippet) if t)
            analyser.texts(snapshot, [TextItem(Item(kind="search-result", id=hit.url, url=hit.url), text)])
    return attach_guidance(analyser.finish(), catalogue), [c.id for c in analyser.checks]


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
    findings, checks_run = search_findings(profile, found, registry, rules, catalogue, only=only, skip=skip)
    report = Report(
        tool=Tool(version=__version__),
        generated_at=dt.datetime.now(dt.timezone.utc).replace(microsecond=0),
        mode=mode,
        subject=Subject(name=profile.person.name, role=profile.person.role),
        framework=catalogue.framework,
        checks_run=checks_run,
        findings=findings,
        stats={"accounts": 0, "posts_read": 0, **_stats(found)},
        search=found,
        warnings=[f"search incomplete: {found.reason}"] if found.reason else [],
    )
    report.findings = report.sorted_findings()
    return report


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
    findings, checks_run = search_findings(profile, found, registry, rules, catalogue, only=only, skip=skip, declared_too=False)
    known = {f.id for f in report.findings}
    merged = report.model_copy(update={
        "search": found,
        "findings": [*report.findings, *(f for f in findings if f.id not in known)],
        "checks_run": sorted({*report.checks_run, *checks_run}),
        "stats": {**report.stats, **_stats(found)},
        "warnings": [*report.warnings, *([f"search incomplete: {found.reason}"] if found.reason else [])],
    })
    merged.findings = merged.sorted_findings()
    return merged
