"""The opt-in live validation run: does each site still answer as the catalogue says?

    python -m footprint.discovery.validate                    # the built-in catalogue, on the internet
    python -m footprint.discovery.validate --sites mine.yaml --no-builtin

For each site it probes the catalogue's known account (the site's own) and one random name
that cannot exist. A healthy entry reports the known account found and the random name not
found. The default tests never run this: it needs the internet and the answers change.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from footprint.discovery.catalogue import Site
from footprint.discovery.client import ClientLimits, DiscoveryClient
from footprint.discovery.formats import load_builtin, load_sites, merge
from footprint.discovery.probe import probe
from footprint.discovery.runner import canary_name
from footprint.models import DiscoveryState


@dataclass
class Check:
    """How one catalogue entry behaved."""

    site: Site
    verdict: str  # ok, known-missing, found-for-anyone, blocked, error, no-known
    detail: str


async def validate(
    sites: Sequence[Site],
    *,
    limits: ClientLimits | None = None,
    allow_private: bool = False,
    rng: random.Random | None = None,
) -> list[Check]:
    """Probe every site's known account and a random name; say which entries still work."""
    rng = rng or random.Random()
    limits = limits or ClientLimits()
    async with DiscoveryClient(limits, allow_private=allow_private) as client:

        async def one(site: Site) -> Check:
            if not site.known:
                return Check(site, "no-known", "the entry names no known account")
            known = await probe(client, site, site.known, timeout=limits.site_timeout)
            if known.state in (DiscoveryState.BLOCKED, DiscoveryState.ERROR):
                return Check(site, known.state.value, known.reason)
            name = canary_name(site.grammar, rng)
            random_state = (await probe(client, site, name, timeout=limits.site_timeout)).state if name else None
            if random_state is DiscoveryState.FOUND:
                return Check(site, "found-for-anyone", f"the made-up name {name!r} also looks found")
            if known.state is not DiscoveryState.FOUND:
                return Check(site, "known-missing", f"{site.known!r}: {known.state.value} ({known.reason})")
            return Check(
                site, "ok", f"{site.known!r} found; made-up name {random_state.value if random_state else 'not tried'}"
            )

        return list(await asyncio.gather(*(one(s) for s in sites)))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sites", type=Path, action="append", default=[], help="also check the sites in this file")
    parser.add_argument("--no-builtin", action="store_true", help="leave out the built-in catalogue")
    parser.add_argument("--only", action="append", default=[], help="only this site key (repeatable)")
    parser.add_argument("--allow-private-addresses", action="store_true")
    args = parser.parse_args(argv)
    extra = load_sites(args.sites, allow_private=args.allow_private_addresses).sites
    sites = merge([] if args.no_builtin else load_builtin(), extra)
    if args.only:
        sites = [s for s in sites if s.key in set(args.only)]
    checks = asyncio.run(validate(sites, allow_private=args.allow_private_addresses))
    for check in sorted(checks, key=lambda c: (c.verdict != "ok", c.verdict, c.site.key)):
        print(f"{check.verdict:<17} {check.site.key:<22} {check.detail}")
    counts = Counter(c.verdict for c in checks)
    print(", ".join(f"{n} {verdict}" for verdict, n in counts.most_common()))
    return 0 if counts.get("ok", 0) == len(checks) else 1


if __name__ == "__main__":
    sys.exit(main())
