"""Discovery: find the accounts the user forgot, fast and without false alarms.

`footprint discover` (and `footprint audit --discover`) probes the declared handles, and on
request simple variants of them and of the declared name, across a catalogue of sites, and
reports how each probe ended: found, not found, blocked, invalid, inconclusive or error.

    catalogue.py  the site model and its JSON Schema      formats.py  our, WhatsMyName and Sherlock files
    client.py     sharded, honest, bounded HTTP           probe.py    one site × one name → one state
    variants.py   the names to look for                   runner.py   deadline, concurrency, canaries
    report.py     results → Report.discovered, handed to the core (footprint.core), whose checks make the findings
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from footprint.core import Progress
from footprint.discovery.catalogue import Site
from footprint.discovery.formats import SitesFormat, load_builtin, load_sites, merge
from footprint.discovery.probe import ProbeResult
from footprint.discovery.report import DISCOVERY_CHECKS, attach, discovery_report
from footprint.discovery.runner import Probed, RunOptions, RunOutcome, run
from footprint.discovery.variants import Candidate, declared, variants
from footprint.errors import InputError
from footprint.guidance import load_catalogue
from footprint.models import DiscoveryState, Profile, Report
from footprint.plugins import Registry
from footprint.plugins import discover as installed


@dataclass
class DiscoverOptions:
    """What to probe and how, as the CLI or a library caller chooses."""

    sites_files: Sequence[Path] = ()
    sites_format: SitesFormat = "auto"
    builtin: bool = True
    categories: Sequence[str] = ()
    variants: bool = False
    run: RunOptions = field(default_factory=RunOptions)


@dataclass
class Catalogued:
    sites: list[Site]
    warnings: list[str]


def choose_sites(options: DiscoverOptions) -> Catalogued:
    """The built-in catalogue plus the user's files, filtered by category."""
    extra = load_sites(options.sites_files, options.sites_format, allow_private=options.run.allow_private)
    sites = merge(load_builtin() if options.builtin else [], extra.sites)
    if options.categories:
        wanted = {c.strip().lower() for c in options.categories}
        known = sorted({s.category.value for s in sites})
        unknown = sorted(wanted - set(known))
        if unknown:
            raise InputError(f"no site has the category {unknown[0]!r} (known: {', '.join(known)})")
        sites = [s for s in sites if s.category.value in wanted]
    if not sites:
        raise InputError("no sites to probe", hint="drop --no-builtin-sites or pass --sites FILE")
    return Catalogued(sites, extra.warnings)


async def discover(
    profile: Profile,
    options: DiscoverOptions,
    *,
    progress: Progress | None = None,
) -> tuple[RunOutcome, list[str]]:
    """Probe the chosen sites for the profile's names. Returns the run and any warnings."""
    chosen = choose_sites(options)
    candidates = declared(profile) + (variants(profile) if options.variants else [])
    if not candidates:
        raise InputError(
            "the profile declares no account handles to look for",
            hint="add accounts with a handle, or pass --variants to look for variants of your name",
        )
    names = tuple(n for n in profile.names() if len(n.split()) >= 2)
    unresolved = await unresolvable(chosen.sites)
    if unresolved:
        return offline_outcome(chosen.sites, candidates, unresolved), [
            *chosen.warnings,
            f"no network: none of the sites' names could be resolved ({', '.join(unresolved)}), so discovery "
            "stopped before probing; nothing was checked. Connect to the internet and run it again.",
        ]
    outcome = await run(chosen.sites, candidates, names=names, options=options.run, progress=progress)
    return outcome, chosen.warnings


PREFLIGHT_HOSTS = 4
PREFLIGHT_TIMEOUT = 5.0


async def unresolvable(sites: Sequence[Site]) -> list[str]:
    """The first few sites' host names when not one of them resolves (no network), else []."""
    hosts: list[str] = []
    for site in sites:
        host = urlsplit(site.check_url or site.url.replace("{handle}", "x")).hostname
        if host and host not in hosts:
            hosts.append(host)
        if len(hosts) >= PREFLIGHT_HOSTS:
            break
    loop = asyncio.get_running_loop()

    async def resolves(host: str) -> bool:
        try:
            await asyncio.wait_for(loop.getaddrinfo(host, 443), PREFLIGHT_TIMEOUT)
        except (TimeoutError, OSError):
            return False
        return True

    results = await asyncio.gather(*(resolves(h) for h in hosts))
    return [] if not hosts or any(results) else hosts


def offline_outcome(sites: Sequence[Site], candidates: Sequence[Candidate], hosts: Sequence[str]) -> RunOutcome:
    """Every probe ended as an error saying why it was never sent: the names of sites do not resolve."""
    reason = f"not probed: no network (could not resolve {', '.join(hosts)})"
    probes = [
        Probed(c, ProbeResult(site, c.handle, site.profile_url(c.handle), DiscoveryState.ERROR, reason))
        for site in sites
        for c in candidates
    ]
    return RunOutcome(probes, 0.0, False, 0, offline=True)


async def discover_report(
    profile: Profile,
    options: DiscoverOptions,
    *,
    framework: str | None = None,
    registry: Registry | None = None,
    progress: Progress | None = None,
) -> Report:
    """`footprint discover`: a report of discovery alone, with the findings of the checks that read it."""
    registry = registry or installed()
    checks = [registry.check(cid) for cid in DISCOVERY_CHECKS]
    outcome, warnings = await discover(profile, options, progress=progress)
    return discovery_report(profile, outcome, load_catalogue(framework or profile.framework), checks, warnings)


async def add_discovery(
    report: Report,
    profile: Profile,
    options: DiscoverOptions,
    *,
    registry: Registry | None = None,
    progress: Progress | None = None,
) -> Report:
    """`footprint audit --discover`: the audit's report with discovery added; the audit's own checks
    (those of `report.checks_run` that read discovery) make the findings."""
    outcome, warnings = await discover(profile, options, progress=progress)
    checks = list((registry or installed()).checks.values())
    return attach(report, profile, outcome, load_catalogue(report.framework), checks, warnings)
