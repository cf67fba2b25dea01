"""Turn a discovery run into report data: `Report.discovered` entries and `identity.linkable` findings.

A found account that the user did not declare is listed with its evidence and a confidence
(how sure footprint is that the account is the user's, not merely that it exists). When a name
taken from an account declared anonymous turns up on a site whose page shows the user's real
name, that is an `identity.linkable` finding: anyone can join the two.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from urllib.parse import urlsplit

from footprint import __version__
from footprint.discovery.runner import Probed, RunOutcome
from footprint.engine import attach_guidance
from footprint.guidance import Catalogue
from footprint.models import (
    DiscoveredAccount,
    DiscoveryState,
    Finding,
    Item,
    Profile,
    Report,
    Severity,
    Subject,
    Tool,
)

LINKABLE = "identity.linkable"


def is_declared(probed: Probed) -> bool:
    """True when the probe is for one of the profile's own accounts on this very site."""
    candidate, site = probed.candidate, probed.result.site
    if candidate.origin != "handle" or not site.platform or candidate.platform != site.platform:
        return False
    if candidate.host:
        return _bare_host(urlsplit(site.url.replace("{handle}", "x")).hostname or "") == _bare_host(candidate.host)
    return True


def _bare_host(host: str) -> str:
    return host.lower().removeprefix("www.")


def confidence(probed: Probed) -> float:
    """How sure footprint is that a found account is the user's, from 0 to 1."""
    result, candidate = probed.result, probed.candidate
    score = 0.5 if candidate.origin == "handle" else 0.3
    if probed.canary is not None and probed.canary.state is DiscoveryState.NOT_FOUND:
        score += 0.15
    elif probed.canary is None or probed.canary.state in (DiscoveryState.BLOCKED, DiscoveryState.ERROR):
        score -= 0.1
    if result.name_shown:
        score += 0.35
    handle = candidate.handle
    if len(handle) >= 10 or (len(handle) >= 7 and any(ch.isdigit() or ch in "._-" for ch in handle)):
        score += 0.05  # NOTE: a long or unusual name is a little less likely to be someone else's
    return round(min(max(score, 0.05), 0.95), 2)


def confidence_label(value: float) -> str:
    return "high" if value >= 0.75 else "medium" if value >= 0.5 else "low"


def discovered_accounts(outcome: RunOutcome) -> list[DiscoveredAccount]:
    """Every probe of a declared handle, and the variant probes that found, or could not tell.

    Variant probes that ended "not found" or "invalid" are counted in the stats but not listed:
    with two dozen variants they would bury the answers.
    """
    out = []
    for probed in outcome.probes:
        result, candidate = probed.result, probed.candidate
        if candidate.origin == "variant" and result.state in (DiscoveryState.NOT_FOUND, DiscoveryState.INVALID):
            continue
        evidence = list(result.evidence)
        if result.name_shown:
            evidence.append(f"the page shows your name {result.name_shown!r}")
        value = confidence(probed) if result.state is DiscoveryState.FOUND else None
        if candidate.origin == "variant":
            evidence.append(f"{candidate.handle!r} is a variant of {candidate.derived_from!r}: it may belong to someone else")
        out.append(
            DiscoveredAccount(
                site=result.site.key,
                site_name=result.site.name,
                category=result.site.category.value,
                handle=candidate.handle,
                url=result.url,
                state=result.state,
                reason=result.reason,
                origin="variant" if candidate.origin == "variant" else "handle",
                derived_from=candidate.derived_from,
                declared=is_declared(probed),
                anonymous=candidate.anonymous,
                confidence=value,
                evidence=evidence,
                status_code=result.status,
            )
        )
    order = {DiscoveryState.FOUND: 0, DiscoveryState.INCONCLUSIVE: 1, DiscoveryState.BLOCKED: 2,
             DiscoveryState.ERROR: 3, DiscoveryState.NOT_FOUND: 4, DiscoveryState.INVALID: 5}
    out.sort(key=lambda d: (order[d.state], d.declared, -(d.confidence or 0), d.site, d.handle.casefold()))
    return out


def linkable_findings(outcome: RunOutcome) -> list[Finding]:
    """`identity.linkable` for each anonymous handle found, undeclared, on a page that shows the user's name."""
    findings = []
    for probed in outcome.probes:
        result, candidate = probed.result, probed.candidate
        if not (candidate.anonymous and result.state is DiscoveryState.FOUND and result.name_shown):
            continue
        if is_declared(probed):
            continue
        site = result.site
        findings.append(
            Finding(
                check=LINKABLE,
                title="Your anonymous name is linked to your real name",
                severity=Severity.MEDIUM,
                platform=site.key,
                account=candidate.handle,
                item=Item(kind="account", url=result.url),
                excerpt=result.name_excerpt,
                details=[
                    f"name: {candidate.handle} (from your anonymous account {candidate.derived_from})",
                    f"site: {site.name}",
                    f"shows: {result.name_shown}",
                    f"confidence: {confidence_label(confidence(probed))} ({confidence(probed):.2f})",
                ],
                why=(
                    f"You declared {candidate.derived_from} as anonymous, but an account called {candidate.handle} on "
                    f"{site.name} shows your name. Anyone who searches the name finds both, and the anonymous "
                    "account is then yours in the eyes of anyone who reads it."
                ),
                advice=[
                    f"If the {site.name} account is an old one you no longer use, close it (most sites have "
                    "a 'delete account' page under settings) or rename it so it no longer uses this name.",
                    f"If you keep it, take your real name and photo off the {site.name} profile.",
                    "Search engines keep copies for a while: after closing or renaming, ask them to refresh "
                    "the outdated page.",
                ],
            )
        )
    return findings


def stats(outcome: RunOutcome) -> dict[str, int]:
    """Counts for `Report.stats`: sites, probes, requests, each state and the time taken."""
    counts = outcome.counts()
    out = {
        "discovery_sites": len({p.result.site.key for p in outcome.probes}),
        "discovery_probes": len(outcome.probes),
        "discovery_requests": outcome.requests,
        "discovery_ms": round(outcome.elapsed * 1000),
        "discovery_deadline_hit": int(outcome.deadline_hit),
    }
    for state in DiscoveryState:
        out[f"discovery_{state.value}"] = counts.get(state, 0)
    return out


def discovery_report(
    profile: Profile, outcome: RunOutcome, catalogue: Catalogue, warnings: Sequence[str] = ()
) -> Report:
    """A report of discovery alone (`footprint discover`)."""
    report = Report(
        tool=Tool(version=__version__),
        generated_at=dt.datetime.now(dt.timezone.utc).replace(microsecond=0),
        mode="live",
        subject=Subject(name=profile.person.name, role=profile.person.role),
        framework=catalogue.framework,
        checks_run=[LINKABLE],
        warnings=list(warnings),
    )
    return attach(report, outcome, catalogue, warnings=())


def attach(report: Report, outcome: RunOutcome, catalogue: Catalogue, warnings: Sequence[str] = ()) -> Report:
    """The report with the discovery results added (`footprint audit --discover`)."""
    findings = attach_guidance(linkable_findings(outcome), catalogue)
    known = {f.id for f in report.findings}
    merged = report.model_copy(
        update={
            "discovered": discovered_accounts(outcome),
            "findings": [*report.findings, *(f for f in findings if f.id not in known)],
            "warnings": [*report.warnings, *warnings, *_deadline_warning(outcome),
                         *([] if any(w.startswith("no network") for w in warnings) else _failure_warning(outcome))],
            "stats": {**report.stats, **stats(outcome)},
            "checks_run": sorted({*report.checks_run, LINKABLE}),
        }
    )
    merged.findings = merged.sorted_findings()
    return merged.remeasure()


def _failure_warning(outcome: RunOutcome) -> list[str]:
    """A loud line when most probes failed: 'not found' cannot be told from 'not asked' there."""
    counts = outcome.counts()
    failed = counts.get(DiscoveryState.ERROR, 0) + counts.get(DiscoveryState.BLOCKED, 0)
    total = len(outcome.probes)
    if not total or failed * 2 <= total:
        return []
    return [f"most sites could not be asked: {failed} of {total} probes ended blocked or in error, so an account "
            "there may simply not have been seen"]


def _deadline_warning(outcome: RunOutcome) -> list[str]:
    if not outcome.deadline_hit:
        return []
    late = sum(1 for p in outcome.probes if "overall deadline" in p.result.reason)
    return [f"discovery stopped at its deadline: {late} probes had not answered and are reported as errors"]
