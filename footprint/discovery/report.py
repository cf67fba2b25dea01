"""Turn a discovery run into report data: the `Report.discovered` entries, handed to the core.

A found account that the user did not declare is listed with its evidence and a confidence
(how sure footprint is that the account is the user's, not merely that it exists), and with the
user's name when its page shows it. The findings are the checks' to make, through the core: the
`identity.linkable` check (`check_discovered`) reports a name taken from an account declared
anonymous that turns up on a page showing the user's real name. So `--skip identity.linkable`
stops it like any other check.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from footprint.core import Analyser, build_report, extend_report, no_rules, reads_discovery
from footprint.discovery.runner import Probed, RunOutcome
from footprint.guidance import Catalogue
from footprint.models import DiscoveredAccount, DiscoveryState, Profile, Report
from footprint.plugins.checks import Check

#: The checks `footprint discover` runs on its own (an audit with --discover runs those of its checks that read discovery).
DISCOVERY_CHECKS = ("identity.linkable",)


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
            evidence.append(
                f"{candidate.handle!r} is a variant of {candidate.derived_from!r}: it may belong to someone else"
            )
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
                name_shown=result.name_shown if result.state is DiscoveryState.FOUND else None,
                name_excerpt=result.name_excerpt if result.state is DiscoveryState.FOUND else None,
            )
        )
    order = {
        DiscoveryState.FOUND: 0,
        DiscoveryState.INCONCLUSIVE: 1,
        DiscoveryState.BLOCKED: 2,
        DiscoveryState.ERROR: 3,
        DiscoveryState.NOT_FOUND: 4,
        DiscoveryState.INVALID: 5,
    }
    out.sort(key=lambda d: (order[d.state], d.declared, -(d.confidence or 0), d.site, d.handle.casefold()))
    return out


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
    profile: Profile,
    outcome: RunOutcome,
    catalogue: Catalogue,
    checks: Sequence[type[Check]],
    warnings: Sequence[str] = (),
) -> Report:
    """A report of discovery alone (`footprint discover`): what was probed, and what the checks that read it found."""
    accounts = discovered_accounts(outcome)
    analyser = Analyser(profile, [c for c in checks if reads_discovery(c)], no_rules())  # no text is scanned here
    analyser.discovered(accounts)
    report = build_report(
        profile,
        [],
        analyser,
        catalogue,
        mode="live",
        discovered=accounts,
        stats=stats(outcome),
        warnings=[*warnings, *_deadline_warning(outcome), *_failure_warning(outcome)],
    )
    for key in ("accounts", "posts_read"):  # NOTE: discovery reads no account; its own counts say what it did
        report.stats.pop(key, None)
    return report.remeasure()


def attach(
    report: Report,
    profile: Profile,
    outcome: RunOutcome,
    catalogue: Catalogue,
    checks: Sequence[type[Check]],
    warnings: Sequence[str] = (),
) -> Report:
    """The audit's report with discovery added (`footprint audit --discover`): the discovered accounts, and the
    findings of those of the audit's checks that read discovery (so a skipped check stays skipped)."""
    accounts = discovered_accounts(outcome)
    ran = [c for c in checks if c.id in report.checks_run and reads_discovery(c)]
    analyser = Analyser(profile, ran, no_rules())  # the audit's texts were scanned already
    analyser.discovered(accounts)
    return extend_report(
        report,
        analyser,
        catalogue,
        discovered=accounts,
        stats=stats(outcome),
        warnings=[*warnings, *_deadline_warning(outcome), *_failure_warning(outcome)],
    )


def _failure_warning(outcome: RunOutcome) -> list[str]:
    """A loud line when most probes failed: 'not found' cannot be told from 'not asked' there. (When the
    network was down nothing was asked, and the run's own warning says so.)"""
    if outcome.offline:
        return []
    counts = outcome.counts()
    failed = counts.get(DiscoveryState.ERROR, 0) + counts.get(DiscoveryState.BLOCKED, 0)
    total = len(outcome.probes)
    if not total or failed * 2 <= total:
        return []
    return [
        f"most sites could not be asked: {failed} of {total} probes ended blocked or in error, so an account "
        "there may simply not have been seen"
    ]


def _deadline_warning(outcome: RunOutcome) -> list[str]:
    if not outcome.deadline_hit:
        return []
    late = sum(1 for p in outcome.probes if p.result.late)
    return [f"discovery stopped at its deadline: {late} probes had not answered and are reported as errors"]
