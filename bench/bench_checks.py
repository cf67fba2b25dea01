#!/usr/bin/env python3
"""Measure the built-in checks against the labelled corpus in bench/corpus/.

Every post becomes one account snapshot of its persona's profile (a bio as the profile's bio,
any other post as a post), and the real checks run through footprint.engine.Analyser. The
findings on each post are compared with its labels: precision, recall and F1 per check, and
the false-alarm rate on hard negatives (the share of hard_negative posts that get any finding
not in their labels).

The corpus is split once, by post number: every 5th post (c0005, c0010, ...) is the held-out
test split, looked at only to report; rules were tuned on the rest (dev).

    python bench/bench_checks.py                 # both splits
    python bench/bench_checks.py --errors dev    # list dev mistakes, for tuning
    python bench/bench_checks.py --corpus bench/corpus2 --errors all   # a development-only corpus
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from footprint.core import Analyser
from footprint.markup import html_to_text
from footprint.models import Post, Profile, Snapshot
from footprint.plugins import discover
from footprint.rules import load_rules

CORPUS = ROOT / "bench" / "corpus"
# Account-level checks judge a whole account (settings, links between accounts); the corpus labels posts.
ACCOUNT_LEVEL = ("visibility.public", "visibility.indexable", "identity.linkable")
TARGETS = {"recall oversharing.service-user": 0.9, "precision (each check)": 0.85, "hard-negative false alarms": 0.10}


def split_of(post: dict) -> str:
    """'test' for every 5th post by number, 'dev' for the rest."""
    return "test" if int("".join(c for c in post["id"] if c.isdigit())) % 5 == 0 else "dev"


def load(corpus: Path) -> tuple[dict[str, Profile], list[dict]]:
    personas = yaml.safe_load((corpus / "personas.yaml").read_text(encoding="utf-8"))["personas"]
    profiles = {
        key: Profile.model_validate({"person": p["person"], "watch": p.get("watch") or {}})
        for key, p in personas.items()
    }
    posts = [
        json.loads(line) for line in (corpus / "posts.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    return profiles, posts


def predict(profiles: dict[str, Profile], posts: list[dict]) -> dict[str, set[str]]:
    """The set of check ids found on each post, by post id."""
    registry = discover()
    checks = [cls for cid, cls in sorted(registry.checks.items()) if cid not in ACCOUNT_LEVEL]
    rules = load_rules()
    found: dict[str, set[str]] = {p["id"]: set() for p in posts}
    by_persona: dict[str, list[dict]] = {}
    for post in posts:
        by_persona.setdefault(post["persona"], []).append(post)
    for persona, items in by_persona.items():
        analyser = Analyser(profiles[persona], checks, rules)
        for post in items:
            text = html_to_text(post["text"]) if post["register"] == "toot_html" else post["text"]
            if post["register"] == "bio":
                snap = Snapshot(platform=post["platform"], handle=post["id"], bio=text, origin="archive")
            else:
                snap = Snapshot(
                    platform=post["platform"],
                    handle=post["id"],
                    origin="archive",
                    posts=[Post(id=post["id"], text=text)],
                )
            analyser.account(snap)
        for finding in analyser.finish():
            found[finding.account].add(finding.check)
    return found


def score(posts: list[dict], found: dict[str, set[str]], checks: list[str]) -> dict:
    tp, fp, fn = Counter(), Counter(), Counter()
    hard = alarms = 0
    for post in posts:
        labels, got = set(post["labels"]), found[post["id"]]
        for check in checks:
            tp[check] += check in got and check in labels
            fp[check] += check in got and check not in labels
            fn[check] += check not in got and check in labels
        if post["hard_negative"]:
            hard += 1
            alarms += bool(got - labels)
    rows = {}
    for check in checks:
        p = tp[check] / (tp[check] + fp[check]) if tp[check] + fp[check] else None
        r = tp[check] / (tp[check] + fn[check]) if tp[check] + fn[check] else None
        f = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
        rows[check] = {
            "support": tp[check] + fn[check],
            "tp": tp[check],
            "fp": fp[check],
            "fn": fn[check],
            "precision": p,
            "recall": r,
            "f1": f,
        }
    return {
        "posts": len(posts),
        "rows": rows,
        "hard_negatives": hard,
        "false_alarm_rate": alarms / hard if hard else None,
    }


def _fmt(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def report(name: str, result: dict) -> None:
    print(f"\n{name}: {result['posts']} posts, {result['hard_negatives']} hard negatives")
    print(f"  {'check':34} {'n':>4} {'tp':>4} {'fp':>4} {'fn':>4}  {'prec':>5}  {'recall':>6}  {'f1':>5}")
    for check, row in result["rows"].items():
        print(
            f"  {check:34} {row['support']:>4} {row['tp']:>4} {row['fp']:>4} {row['fn']:>4}  "
            f"{_fmt(row['precision'])}  {_fmt(row['recall']):>6}  {_fmt(row['f1'])}"
        )
    print(f"  false alarms on hard negatives: {_fmt(result['false_alarm_rate'])}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument(
        "--errors",
        choices=["dev", "all"],
        help="list mistakes: 'dev' lists the dev split's; 'all' lists every post's, for a corpus used "
        "wholly for development (never use it on a sealed held-out corpus)",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    profiles, posts = load(args.corpus)
    found = predict(profiles, posts)
    checks = sorted({c for p in posts for c in p["labels"]})
    results = {split: score([p for p in posts if split_of(p) == split], found, checks) for split in ("dev", "test")}
    results["all"] = score(posts, found, checks)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(f"footprint checks on {args.corpus} ({len(posts)} posts; test = every 5th post by number)")
        for split in ("dev", "test", "all"):
            report(split, results[split])
    if args.errors:
        print(f"\nmistakes on {args.errors} (FN = missed label, FP = finding not in labels):")
        for post in posts:
            if args.errors == "dev" and split_of(post) != "dev":
                continue
            labels, got = set(post["labels"]), found[post["id"]]
            if labels != got:
                print(
                    f"  {post['id']} {'HN ' if post['hard_negative'] else ''}FN={sorted(labels - got)} "
                    f"FP={sorted(got - labels)}\n      {post['text'][:200]!r}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
