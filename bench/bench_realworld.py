#!/usr/bin/env python3
"""Score footprint on real posts quoted in public conduct decisions, tribunal judgments and press reports.

The corpus (bench/realworld/) holds real posts, each with its source URL, split once into a
development half (dev.jsonl, read while tuning) and a sealed half (sealed.jsonl, scored only and
never read while tuning). Each split is written as a generic JSONL file (id and text only) and
scanned by the real command, as a user runs it: `footprint scan FILE --format json`, with no
profile. Findings are matched back to posts by their item id.

- A problem post counts as caught when it gets a finding whose check is one of its labels other than the
  identity disclosures (identity.*): saying the author's role does not catch a slur.
- An ordinary post counts as a false alarm when it gets any finding whose check is not in its labels.

    python bench/bench_realworld.py                      # the development half
    python bench/bench_realworld.py --split dev --errors # list dev misses and false alarms, for tuning
    python bench/bench_realworld.py --split sealed       # the sealed half: figures only, never --errors
    python bench/bench_realworld.py --prefix collect-a   # one fold of the dev half (posts whose id starts so)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "realworld"
DISCLOSURES = ("identity.role", "identity.employer", "identity.real-name")
TARGETS = {"problem posts caught": 0.80, "ordinary posts flagged": 0.10}


def load(split: str) -> list[dict]:
    path = CORPUS / f"{split}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def scan(posts: list[dict]) -> dict[str, list[dict]]:
    """Run `footprint scan` on the posts as one generic JSONL file; the findings by post id."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "posts.jsonl"
        path.write_text("".join(json.dumps({"id": p["id"], "text": p["text"]}) + "\n" for p in posts), encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "footprint", "scan", str(path), "--format", "json"],
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode not in (0, 1):
        sys.exit(f"footprint scan failed ({done.returncode}): {done.stderr.strip()}")
    report = json.loads(done.stdout)
    found: dict[str, list[dict]] = {p["id"]: [] for p in posts}
    for finding in report["findings"]:
        post_id = (finding.get("item") or {}).get("id")
        if post_id in found:
            found[post_id].append(finding)
    return found


def _risk(labels: list[str]) -> set[str]:
    return set(labels) - set(DISCLOSURES)


def score(posts: list[dict], found: dict[str, list[dict]]) -> dict:
    problems = [p for p in posts if p["class"] == "problem"]
    ordinary = [p for p in posts if p["class"] == "ordinary"]
    caught = [p for p in problems if {f["check"] for f in found[p["id"]]} & _risk(p["labels"])]
    any_flag = [p for p in problems if found[p["id"]]]
    alarms = [p for p in ordinary if {f["check"] for f in found[p["id"]]} - set(p["labels"])]
    per_label: dict[str, Counter] = {}
    for post in problems:
        checks = {f["check"] for f in found[post["id"]]}
        for label in _risk(post["labels"]):
            row = per_label.setdefault(label, Counter())
            row["n"] += 1
            row["caught"] += label in checks
    hard = [p for p in ordinary if p.get("hard_negative")]
    return {
        "posts": len(posts),
        "not_scored": len(posts) - len(problems) - len(ordinary),
        "problem_posts": len(problems),
        "caught": len(caught),
        "caught_rate": len(caught) / len(problems) if problems else None,
        "flagged_any_rate": len(any_flag) / len(problems) if problems else None,
        "ordinary_posts": len(ordinary),
        "false_alarms": len(alarms),
        "false_alarm_rate": len(alarms) / len(ordinary) if ordinary else None,
        "hard_negatives": len(hard),
        "hard_negative_alarms": sum(1 for p in hard if p in alarms),
        "per_label": {k: dict(v) for k, v in sorted(per_label.items())},
        "false_alarm_checks": dict(
            Counter(f["check"] for p in alarms for f in found[p["id"]] if f["check"] not in p["labels"]).most_common()
        ),
    }


def _pct(x: float | None) -> str:
    return "  -  " if x is None else f"{100 * x:5.1f}%"


def report(split: str, result: dict) -> None:
    print(
        f"footprint on real posts, {split} half: {result['posts']} posts "
        f"({result['problem_posts']} problem, {result['ordinary_posts']} ordinary, {result['not_scored']} not scored: "
        "the problem is not in the words, or the action was overturned)"
    )
    print(
        f"  problem posts caught with a fitting label: {result['caught']}/{result['problem_posts']} "
        f"= {_pct(result['caught_rate'])}   (target >= {TARGETS['problem posts caught']:.0%}; "
        f"any finding at all: {_pct(result['flagged_any_rate'])})"
    )
    print(
        f"  ordinary posts flagged: {result['false_alarms']}/{result['ordinary_posts']} "
        f"= {_pct(result['false_alarm_rate'])}   (target <= {TARGETS['ordinary posts flagged']:.0%}; "
        f"hard negatives flagged: {result['hard_negative_alarms']}/{result['hard_negatives']})"
    )
    for label, row in result["per_label"].items():
        print(f"    {label:34} {row.get('caught', 0):>4}/{row['n']:<4} caught")
    if result["false_alarm_checks"]:
        print("  false alarms by check: " + ", ".join(f"{c} {n}" for c, n in result["false_alarm_checks"].items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--split", choices=["dev", "sealed"], default="dev")
    parser.add_argument("--errors", action="store_true", help="list misses and false alarms (development half only)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--prefix", default="", help="score only posts whose id starts with this (a fold of the dev half)"
    )
    args = parser.parse_args(argv)
    if args.errors and args.split == "sealed":
        parser.error("--errors is refused on the sealed half: it is scored, never read")
    if args.prefix and args.split == "sealed":
        parser.error("--prefix is for folds of the development half")
    posts = [p for p in load(args.split) if p["id"].startswith(args.prefix)]
    found = scan(posts)
    result = score(posts, found)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        report(args.split, result)
    if args.errors:
        print("\nmisses (problem posts with no fitting finding) and false alarms (ordinary posts flagged):")
        for post in posts:
            checks = {f["check"] for f in found[post["id"]]}
            missed = post["class"] == "problem" and not checks & _risk(post["labels"])
            alarm = post["class"] == "ordinary" and checks - set(post["labels"])
            if missed or alarm:
                tag = "MISS" if missed else "FALSE"
                print(
                    f"  {post['id']} {tag} labels={post['labels']} kind={post.get('kind')} got={sorted(checks)}\n"
                    f"      {post['text'][:240]!r}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
