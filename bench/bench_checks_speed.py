#!/usr/bin/env python3
"""How fast do the checks run? Synthetic posts of realistic length through Analyser with all checks.

Posts are generated from a fixed seed: everyday chatter, a third with work talk (roles, visits,
court, supervision), and a share (`--detail-share`, default 5%) that also carries three
identifying details (towns, ages, times, family, phone numbers) and so adds up to real findings
of several checks. 5% is our estimate of a practitioner's ordinary feed; run with
`--detail-share 0.15` for a stress mix three times as dense.
Reports posts per second on one core (the best of several rounds, after a warm-up), counting the
process's own CPU time (time.process_time), so other programs on a busy machine do not skew it;
wall-clock figures are printed alongside.

    python bench/bench_checks_speed.py [--posts 20000] [--rounds 5] [--detail-share 0.05]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from footprint.core import Analyser
from footprint.models import Post, Profile, Snapshot
from footprint.plugins import discover
from footprint.rules import load_rules

EVERYDAY = [
    "Finally got the garden sorted this weekend and the tomatoes are coming on nicely",
    "Anyone else watching the new series? No spoilers please, I'm only on episode three",
    "Rain again. Of course it is. Walked the dog anyway and we are both soaked through",
    "Made a lasagne from scratch and the whole house smells amazing, recipe below",
    "Cannot believe how quickly this year has gone, it feels like last week was January",
    "Great night out with the girls, my feet are destroyed but worth every minute",
    "The bus was twenty minutes late again this morning, standing in the cold at the stop",
    "Reading a brilliant book on the history of the Highlands, highly recommend it to anyone",
    "Parkrun this morning was hard going but got a new personal best so happy with that",
    "Coffee number three and it is only half ten. Send help, or at least more biscuits",
    "The football was shocking today, we deserved to lose that one if I am honest",
    "Sunshine at last! Off for a long walk along the coast path with a flask of tea",
]
WORKISH = [
    "Long day of home visits and paperwork, glad to be home with a cup of tea",
    "Team meeting ran over again but good to catch up with everyone after the holidays",
    "Supervision today was really helpful, reflective practice matters so much in this job",
    "Training on trauma informed practice this afternoon, lots to think about",
    "As a social worker I think we need to talk more about burnout and rest",
    "Court all morning then a review in the afternoon, the diary is full this week",
]
DETAILS = [
    "in Kirkcaldy",
    "at 6pm",
    "from Templehall",
    "(7)",
    "her mum",
    "at the primary",
    "on the ward",
    "07700 900123",
    "every Thursday",
    "my manager",
    "the Children's Hearing",
    "still steaming",
]


def synthetic_posts(count: int, seed: int = 7, detail_share: float = 0.05) -> list[str]:
    rng = random.Random(seed)
    posts = []
    for _ in range(count):
        roll = rng.random()
        parts = [rng.choice(EVERYDAY)]
        if roll < 0.35:
            parts.append(rng.choice(WORKISH))
        if roll < detail_share:
            parts.append(" ".join(rng.sample(DETAILS, 3)))
        parts.append(rng.choice(EVERYDAY))
        posts.append(". ".join(parts) + rng.choice(["", " 😂", " #mondays", "!", " ☕"]))
    return posts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--detail-share", type=float, default=0.05, help="share of posts with identifying details")
    args = parser.parse_args(argv)
    profile = Profile.model_validate(
        {
            "person": {
                "name": "Jane Smith",
                "also_known_as": ["Janey Smith"],
                "employer": "Fife Council",
                "team": "Children and Families, Kirkcaldy",
                "localities": ["Kirkcaldy", "Fife"],
            },
            "watch": {"places": ["Kirkcaldy Sheriff Court", "Templehall"], "words": ["LAC review"]},
        }
    )
    registry = discover()
    checks = list(registry.checks.values())
    rules = load_rules()
    texts = synthetic_posts(args.posts, detail_share=args.detail_share)
    posts = [Post(id=str(i), text=t) for i, t in enumerate(texts)]
    snapshot = Snapshot(platform="mastodon", handle="@jane@social.example", origin="archive")
    Analyser(profile, checks, rules).account(snapshot, posts[:2000])  # warm-up: imports, index, caches
    rates, walls = [], []
    for _ in range(args.rounds):
        analyser = Analyser(profile, checks, rules)
        start, wall = time.process_time(), time.perf_counter()
        analyser.account(snapshot, posts)
        findings = analyser.finish()
        rates.append(len(posts) / (time.process_time() - start))
        walls.append(len(posts) / (time.perf_counter() - wall))
    mean_len = statistics.mean(len(t) for t in texts)
    print(
        f"{len(checks)} checks, {len(posts)} synthetic posts (mean {mean_len:.0f} characters, "
        f"{args.detail_share:.0%} with identifying details), {len(findings)} findings per round"
    )
    print(
        f"best {max(rates):,.0f} posts/s, median {statistics.median(rates):,.0f} posts/s on one core (CPU time); "
        f"wall clock best {max(walls):,.0f} posts/s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
