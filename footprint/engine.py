"""The live audit: read every declared account concurrently, then hand the snapshots to the core.

It is the live peer of `scan.py` (a data download); both feed `footprint.core`, which runs the
checks and builds the report. It knows no CLI and draws nothing: progress goes to a `Progress`
observer the caller passes in, and the result is a `Report` that any renderer can draw.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import httpx

from footprint.core import Analyser, NoProgress, Progress, attach_guidance, build_report, post_item, text_items
from footprint.errors import SourceError
from footprint.guidance import load_catalogue
from footprint.http import Http, Limits
from footprint.models import Account, AccountStatus, Outcome, Profile, Report
from footprint.plugins import Registry
from footprint.plugins.sources import SourceOptions
from footprint.profile_file import endpoint_overrides
from footprint.rules import RuleSet

if TYPE_CHECKING:
    from footprint.discovery import DiscoverOptions
    from footprint.search import SearchOptions

# NOTE: the core's names stay importable from here for older callers.
__all__ = [
    "Analyser",
    "AuditOptions",
    "NoProgress",
    "Progress",
    "attach_guidance",
    "audit",
    "build_report",
    "post_item",
    "read_account",
    "read_accounts",
    "text_items",
]


@dataclass
class AuditOptions:
    """Choices for one audit, as the CLI or a library caller makes them."""

    only: Sequence[str] = ()
    skip: Sequence[str] = ()
    framework: str | None = None
    allow_private_addresses: bool = False
    limits: Limits = field(default_factory=Limits)
    environ: dict[str, str] | None = None
    discover: DiscoverOptions | None = None  # also look for forgotten accounts (`audit --discover`)
    search: SearchOptions | None = None  # also search for the user's name (`audit --search`)


# --------------------------------------------------------------------------- reading accounts


async def read_accounts(
    profile: Profile,
    registry: Registry,
    http: Http,
    endpoints: dict[str, str],
    progress: Progress,
) -> list[Outcome]:
    """Fetch every declared account concurrently; a failure becomes that account's status."""
    count = len(profile.accounts)
    progress.start(count, f"Reading {profile.person.name}'s {count} account{'s' if count != 1 else ''}")

    async def one(account: Account) -> Outcome:
        outcome = await read_account(account, profile, registry, http, endpoints)
        progress.advance(f"{account.platform} {account.ident}: {outcome.status.value.replace('_', ' ')}")
        return outcome

    outcomes = await asyncio.gather(*(one(a) for a in profile.accounts))
    progress.finish()
    return list(outcomes)


async def read_account(
    account: Account, profile: Profile, registry: Registry, http: Http, endpoints: dict[str, str]
) -> Outcome:
    """Read one account, turning every kind of failure into an Outcome with a reason."""
    source_cls = registry.sources.get(account.platform)
    if source_cls is None:
        return Outcome(
            account=account, status=AccountStatus.ERROR, reason=f"no source installed for {account.platform}"
        )
    options = SourceOptions(
        base_url=endpoints.get(account.platform),
        max_posts=profile.fetch.max_posts,
        max_age_days=profile.fetch.max_age_days,
        allow_private_addresses=http.allow_private,
    )
    try:
        # NOTE: one deadline for the whole account, however many requests it takes: a server that
        # drips bytes, or answers every page just in time, still ends here.
        async with asyncio.timeout(http.limits.account_deadline):
            return await source_cls(http, options).fetch(account)
    except TimeoutError:
        return Outcome(
            account=account,
            status=AccountStatus.TIMED_OUT,
            reason=f"not read within {http.limits.account_deadline:g} s (the server is too slow or keeps the connection open)",
        )
    except SourceError as exc:
        return Outcome(account=account, status=exc.status, reason=exc.reason)
    except ValueError as exc:
        return Outcome(account=account, status=AccountStatus.ERROR, reason=f"its address cannot be read ({exc})")
    except httpx.HTTPError as exc:
        return Outcome(account=account, status=AccountStatus.ERROR, reason=f"network error: {type(exc).__name__}")
    except Exception as exc:
        return Outcome(
            account=account,
            status=AccountStatus.ERROR,
            reason=f"the {account.platform} reader failed unexpectedly ({type(exc).__name__}: {exc})",
        )


# --------------------------------------------------------------------------- the whole audit


async def audit(
    profile: Profile,
    registry: Registry,
    rules: RuleSet,
    options: AuditOptions | None = None,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    progress: Progress | None = None,
    mode: Literal["live", "demo"] = "live",
) -> Report:
    """Read every account as a stranger would, run the checks, and return the report; with `options.discover`
    and `options.search`, discovery and the search add their sections and findings to it."""
    options = options or AuditOptions()
    progress = progress or NoProgress()
    catalogue = load_catalogue(options.framework or profile.framework)
    checks = registry.select_checks(options.only, options.skip)
    if options.search is not None:  # an engine that cannot run is said before the audit, not after it
        from footprint.search import choose_engine

        choose_engine(profile, options.search, registry.engines)
    endpoints = endpoint_overrides(profile, options.environ)
    async with Http(
        limits=options.limits,
        transport=transport,
        allow_private=options.allow_private_addresses,
        trusted_prefixes=endpoints.values(),
    ) as http:
        outcomes = await read_accounts(profile, registry, http, endpoints, progress)
    analyser = Analyser(profile, checks, rules)
    for outcome in outcomes:
        if outcome.snapshot is not None and outcome.status.was_read:
            analyser.account(outcome.snapshot)
    report = build_report(profile, outcomes, analyser, catalogue, mode=mode)
    if options.discover is not None:
        from footprint.discovery import add_discovery

        report = await add_discovery(report, profile, options.discover, registry=registry, progress=progress)
    if options.search is not None:
        from footprint.search import add_search

        report = await add_search(
            report,
            profile,
            options.search,
            registry,
            rules,
            catalogue,
            only=options.only,
            skip=options.skip,
            progress=progress,
        )
    return report
