"""Run discovery: every site × every name, concurrently, under a hard deadline, with a canary per site.

Per site, the names are probed (bounded per host and overall by the client); if any comes
back "found", one random name that cannot exist is probed on the same site in the same run:
when that also looks found, the site answers "found" for anyone and every "found" there
becomes "inconclusive". A site that rate-limits, blocks, times out or refuses the connection is
not asked again in this run. When the overall deadline passes, whatever has not answered is
reported as an error saying so: every probe still ends in exactly one state.
"""

from __future__ import annotations

import asyncio
import random
import string
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from footprint.core import NoProgress, Progress
from footprint.discovery.catalogue import Grammar, Site
from footprint.discovery.client import ClientLimits, DiscoveryClient
from footprint.discovery.probe import ProbeResult, Verdict, probe
from footprint.discovery.variants import Candidate
from footprint.models import DiscoveryState


@dataclass
class RunOptions:
    """Choices for one discovery run."""

    deadline: float = 60.0
    limits: ClientLimits = field(default_factory=ClientLimits)
    allow_private: bool = False
    trusted_prefixes: Sequence[str] = ()
    canary: bool = True


@dataclass
class Probed:
    """One probe with the name it was for and, when one ran, the site's canary verdict."""

    candidate: Candidate
    result: ProbeResult
    canary: Verdict | None = None
    canary_name: str | None = None


@dataclass
class RunOutcome:
    """Everything a run produced."""

    probes: list[Probed]
    elapsed: float
    deadline_hit: bool
    requests: int
    offline: bool = False  # no site's name resolved, so nothing was asked

    def counts(self) -> Counter[DiscoveryState]:
        return Counter(p.result.state for p in self.probes)


async def run(
    sites: Sequence[Site],
    candidates: Sequence[Candidate],
    *,
    names: tuple[str, ...] = (),
    options: RunOptions | None = None,
    progress: Progress | None = None,
    rng: random.Random | None = None,
) -> RunOutcome:
    """Probe every site for every candidate name and return one `Probed` per pair."""
    options = options or RunOptions()
    progress = progress or NoProgress()
    rng = rng or random.Random()
    started = time.monotonic()
    done: dict[tuple[str, str], Probed] = {}
    tally = {"done": 0, "found": 0, "blocked": 0, "requests": 0}
    progress.start(len(sites), "Probing sites")

    async with DiscoveryClient(
        options.limits, allow_private=options.allow_private, trusted_prefixes=options.trusted_prefixes
    ) as client:

        async def one_site(site: Site) -> None:
            halted: list[str] = []

            async def one(candidate: Candidate) -> None:
                if halted:
                    result = ProbeResult(
                        site,
                        candidate.handle,
                        site.profile_url(candidate.handle),
                        DiscoveryState.BLOCKED if "rate limited" in halted[0] else DiscoveryState.ERROR,
                        f"not asked: an earlier request to {site.name} in this run ended with: {halted[0]}",
                    )
                else:
                    result = await probe(
                        client, site, candidate.handle, timeout=options.limits.site_timeout, names=names
                    )
                    if result.state is not DiscoveryState.INVALID:
                        tally["requests"] += 1
                    if result.halts:
                        halted.append(result.reason)
                done[(site.key, candidate.handle)] = Probed(candidate, result)

            await asyncio.gather(*(one(c) for c in candidates))
            found = [
                done[(site.key, c.handle)]
                for c in candidates
                if done[(site.key, c.handle)].result.state is DiscoveryState.FOUND
            ]
            if found and options.canary and not halted:
                await _canary(client, site, found, options, rng)
                tally["requests"] += 1
            states = [done[(site.key, c.handle)].result.state for c in candidates]
            tally["found"] += states.count(DiscoveryState.FOUND)
            blocked = DiscoveryState.BLOCKED in states
            tally["blocked"] += blocked
            last = (
                "found"
                if DiscoveryState.FOUND in states
                else ("blocked" if blocked else states[0].value.replace("_", " ") if states else "")
            )
            tally["done"] += 1
            progress.advance(
                f"{tally['done']}/{len(sites)} sites · {tally['found']} found · {tally['blocked']} blocked — {site.name}: {last}"
            )

        tasks = {asyncio.create_task(one_site(site)): site for site in sites}
        deadline_hit = False
        cut_short: set[str] = set()
        if tasks:
            _, pending = await asyncio.wait(tasks, timeout=options.deadline)
            if pending:
                deadline_hit = True
                cut_short = {tasks[task].key for task in pending}
                for task in pending:
                    task.cancel()
                await asyncio.gather(*pending, return_exceptions=True)
    progress.finish()

    probes: list[Probed] = []
    for site in sites:
        for candidate in candidates:
            got = done.get((site.key, candidate.handle))
            if (
                got is not None
                and site.key in cut_short
                and got.result.state is DiscoveryState.FOUND
                and options.canary
            ):
                # NOTE: the made-up-name check never finished, so this "found" is unguarded: say so.
                got.result.state = DiscoveryState.INCONCLUSIVE
                got.result.reason = "looked found, but the overall deadline came before the made-up-name check"
                got.result.late = True
            if got is None:
                got = Probed(
                    candidate,
                    ProbeResult(
                        site,
                        candidate.handle,
                        site.profile_url(candidate.handle),
                        DiscoveryState.ERROR,
                        f"no answer before the overall deadline of {options.deadline:g} s",
                        late=True,
                    ),
                )
            probes.append(got)
    return RunOutcome(probes, time.monotonic() - started, deadline_hit, tally["requests"])


async def _canary(
    client: DiscoveryClient, site: Site, found: list[Probed], options: RunOptions, rng: random.Random
) -> None:
    name = canary_name(site.grammar, rng)
    if name is None:
        for p in found:
            p.result.evidence.append("no made-up name fits this site's grammar, so no canary check was possible")
        return
    result = await probe(client, site, name, timeout=options.limits.site_timeout)
    verdict = Verdict(result.state, result.reason)
    for p in found:
        p.canary, p.canary_name = verdict, name
        if result.state is DiscoveryState.FOUND:
            p.result.state = DiscoveryState.INCONCLUSIVE
            p.result.reason = f"the site also claims the made-up name {name!r} exists, so its 'found' means nothing"
        elif result.state is DiscoveryState.NOT_FOUND:
            p.result.evidence.append(f"a made-up name ({name}) was correctly reported missing")
        elif result.state is DiscoveryState.INCONCLUSIVE:
            # NOTE: the made-up name got the same kind of page, just without the name in it: a soft
            # 404 that echoes nothing. The real name's page did contain the name, so it still stands.
            p.result.evidence.append(f"a made-up name ({name}) was not shown: {result.reason}")
        else:
            p.result.evidence.append(f"the canary check could not run: {result.reason}")


def canary_name(grammar: Grammar, rng: random.Random) -> str | None:
    """A random name the grammar allows and no one would have chosen, or None when none fits."""
    length = min(max(12, grammar.min_length), grammar.max_length)
    alphabets = (string.ascii_lowercase, string.ascii_lowercase + string.digits, string.digits, string.ascii_uppercase)
    for _ in range(8):
        for alphabet in alphabets:
            name = "".join(rng.choice(alphabet) for _ in range(length))
            if grammar.problem(name) is None:
                return name
            mixed = "zq" + "".join(rng.choice(string.digits) for _ in range(max(0, length - 2)))
            if grammar.problem(mixed) is None:
                return mixed
    return None
