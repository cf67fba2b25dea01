"""Persona-audit benchmark: whole fictional people, audited end to end through the real CLI.

Each persona in bench/personas/<split>/ is a trainer persona file (`<name>.yaml`, posts inline or in
a JSONL file beside it) with `<name>.expected.yaml` next to it: the findings a careful reader
expects, written from bench/corpus/LABELLING.md and `footprint checks` without running any check.

    python bench/bench_personas.py                 # the development half
    python bench/bench_personas.py --errors        # and every miss and false alarm, with its text (dev only)
    python bench/bench_personas.py --split sealed  # the sealed half: figures only, never read while tuning

It runs `python -m footprint demo --personas DIR -f json` (the real CLI, the demo's mock transport)
on a copy of the persona files without the expectation files, and matches each finding to the
expectations by (account, item, check): account is `<platform>:<handle>` as the report gives it;
item is the post id written in the persona file, `profile` for the profile and its fields, or
`account` for account-level findings. A finding seen twice on one item counts once.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent / "personas"
ROOT = Path(__file__).resolve().parent.parent
Key = tuple[str, str, str]  # (account, item, check)


def item_of(finding: dict) -> str:
    item = finding.get("item") or {}
    kind = item.get("kind")
    if kind in ("profile", "field"):
        return "profile"
    if kind == "account":
        return "account"
    ident = str(item.get("id") or "")
    return ident.rsplit("/", 1)[-1] if ident.startswith("at://") else ident


def load_expected(path: Path) -> tuple[str, set[Key]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("expected"), list) or not data.get("name"):
        sys.exit(f"error: {path}: expected a mapping with `name` and an `expected` list")
    keys: set[Key] = set()
    for n, row in enumerate(data["expected"]):
        if not isinstance(row, dict) or set(row) != {"account", "item", "check"}:
            sys.exit(f"error: {path}: expected[{n}]: give exactly account, item and check")
        keys.add((str(row["account"]), str(row["item"]), str(row["check"])))
    return str(data["name"]), keys


def run_footprint(folder: Path) -> list[dict]:
    """The real CLI on a copy of the folder that holds only persona and posts files."""
    with tempfile.TemporaryDirectory(prefix="personabench-") as tmp:
        for path in folder.iterdir():
            if path.is_file() and not path.name.endswith(".expected.yaml"):
                shutil.copy(path, Path(tmp) / path.name)
        proc = subprocess.run(
            [sys.executable, "-m", "footprint", "demo", "--personas", tmp, "-f", "json"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
    if proc.returncode != 0:
        sys.exit(f"error: footprint exited {proc.returncode}: {proc.stderr.strip().splitlines()[-1:]}")
    data = json.loads(proc.stdout)
    return data if isinstance(data, list) else [data]


def counts() -> int:
    """Personas, posts and expected findings in each half, read from the files (footprint is not run)."""
    for half in ("dev", "sealed"):
        personas = posts = expected = 0
        for path in sorted((HERE / half).glob("*.expected.yaml")):
            personas += 1
            expected += len(load_expected(path)[1])
            persona = yaml.safe_load(
                (HERE / half / path.name.replace(".expected.yaml", ".yaml")).read_text(encoding="utf-8")
            )
            for account in persona["accounts"]:
                if account.get("posts_file"):
                    lines = (HERE / half / account["posts_file"]).read_text(encoding="utf-8").splitlines()
                    posts += sum(1 for line in lines if line.strip())
                else:
                    posts += len(account.get("posts") or [])
        print(f"{half}: {personas} personas, {posts} posts, {expected} expected findings")
    return 0


def pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.0f}%)" if b else f"{a}/0"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "sealed"), default="dev")
    parser.add_argument("--errors", action="store_true", help="list every miss and false alarm (dev only)")
    parser.add_argument(
        "--counts", action="store_true", help="count personas, posts and expected findings; run nothing"
    )
    args = parser.parse_args(argv)
    if args.counts:
        return counts()
    if args.errors and args.split == "sealed":
        print("error: --errors is refused on the sealed half: it is scored, never read", file=sys.stderr)
        return 2
    folder = HERE / args.split
    expected: dict[str, set[Key]] = {}
    for path in sorted(folder.glob("*.expected.yaml")):
        name, keys = load_expected(path)
        persona = yaml.safe_load(
            (folder / f"{path.name.removesuffix('.expected.yaml')}.yaml").read_text(encoding="utf-8")
        )
        expected[persona["person"]["name"]] = keys
        if name != path.name.removesuffix(".expected.yaml"):
            sys.exit(f"error: {path}: name {name!r} is not the file's persona")
    reports = run_footprint(folder)
    got: dict[str, dict[Key, dict]] = {}
    for report in reports:
        subject = report["subject"]["name"]
        found = got.setdefault(subject, {})
        for f in report["findings"]:
            key = (f"{f['platform']}:{f['account']}", item_of(f), f["check"])
            found.setdefault(key, f)
    if set(got) != set(expected):
        sys.exit(f"error: personas without expectations or reports: {sorted(set(got) ^ set(expected))}")

    tot_exp = tot_hit = tot_fa = 0
    per_check: dict[str, Counter] = {}
    print(f"split: {args.split} ({len(expected)} personas)\n")
    print(f"{'persona':<22} {'expected found':>16} {'false alarms':>13}")
    for subject in sorted(expected):
        exp, found = expected[subject], got[subject]
        hits = exp & set(found)
        alarms = set(found) - exp
        tot_exp += len(exp)
        tot_hit += len(hits)
        tot_fa += len(alarms)
        for _, _, check in exp:
            per_check.setdefault(check, Counter())["expected"] += 1
        for _, _, check in hits:
            per_check[check]["found"] += 1
        for _, _, check in alarms:
            per_check.setdefault(check, Counter())["false"] += 1
        print(f"{subject:<22} {pct(len(hits), len(exp)):>16} {len(alarms):>13}")
        if args.errors:
            for key in sorted(exp - hits):
                print(f"    MISS   {key[2]:<32} {key[0]} {key[1]}")
            for key in sorted(alarms):
                text = ((found[key].get("excerpt") or {}).get("text") or "").replace("\n", " ")[:110]
                print(f"    FALSE  {key[2]:<32} {key[0]} {key[1]}  [{found[key]['severity']}] {text}")
    print(f"{'overall':<22} {pct(tot_hit, tot_exp):>16} {tot_fa:>13}")
    print(f"\n{'check':<34} {'expected found':>16} {'false alarms':>13}")
    for check in sorted(per_check):
        c = per_check[check]
        print(f"{check:<34} {pct(c['found'], c['expected']):>16} {c['false']:>13}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
