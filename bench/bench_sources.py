"""Benchmark: ten accounts audited concurrently against a 127.0.0.1 mirror answering in 200 ms.

Starts its own loopback server (the integration tests' mirror of every platform, each answer
delayed by 200 ms), runs the whole audit of ten accounts through the engine, then audits each
account alone, one after another, and prints both wall times. Nothing leaves 127.0.0.1.

    python bench/bench_sources.py [--latency 0.2] [--repeat 3]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from footprint.engine import AuditOptions, audit
from footprint.plugins import Registry, discover
from footprint.profile_file import load_profile
from footprint.rules import RuleSet, load_rules
from tests.integration.mirror import PERSON, TEN_ACCOUNTS, endpoints_yaml, mirror_responder
from tests.localserver import serve


def timed_audit(profile_path: Path, registry: Registry, rules: RuleSet) -> tuple[float, list[str]]:
    """Wall time of one audit (reading, checks, report), and each account's status."""
    profile = load_profile(profile_path, registry.sources)
    started = time.perf_counter()
    report = asyncio.run(audit(profile, registry, rules, AuditOptions(environ={})))
    return time.perf_counter() - started, [f"{a.platform}:{a.status.value}" for a in report.accounts]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.2, help="seconds the mirror waits before each answer")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement (the median is shown)")
    args = parser.parse_args()
    registry, rules = discover(), load_rules()

    with serve(mirror_responder(delay=args.latency)) as server, tempfile.TemporaryDirectory() as tmp:
        endpoints = endpoints_yaml(server.base)
        whole = Path(tmp) / "ten.yaml"
        whole.write_text(PERSON + TEN_ACCOUNTS + endpoints)
        lines = [line for line in TEN_ACCOUNTS.splitlines()[1:] if line.strip()]
        singles = []
        for i, line in enumerate(lines):
            single = Path(tmp) / f"one-{i}.yaml"
            single.write_text(PERSON + "accounts:\n" + line + "\n" + endpoints)
            singles.append(single)

        concurrent, statuses, serial, requests = [], [], [], []
        for _ in range(args.repeat):
            before = len(server.requests)
            took, statuses = timed_audit(whole, registry, rules)
            concurrent.append(took)
            requests.append(len(server.requests) - before)
            serial.append(sum(timed_audit(path, registry, rules)[0] for path in singles))
        cli_started = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "footprint", "audit", str(whole), "-f", "json"],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        cli = time.perf_counter() - cli_started
        if proc.returncode != 0:
            raise SystemExit(f"footprint audit failed: {proc.stderr}")

    wall, total = statistics.median(concurrent), statistics.median(serial)
    print(
        f"ten accounts on a 127.0.0.1 mirror answering in {args.latency * 1000:.0f} ms; {requests[-1]} requests per audit"
    )
    print(f"  statuses: {', '.join(statuses)}")
    print(f"  concurrent audit (engine, median of {args.repeat}):   {wall:6.2f} s")
    print(f"  serial sum (each account alone, one after another): {total:6.2f} s")
    print(f"  speed-up: {total / wall:.1f}x; requests x latency = {requests[-1] * args.latency:.2f} s")
    print(f"  whole `footprint audit` command incl. Python start-up: {cli:6.2f} s")


if __name__ == "__main__":
    main()
