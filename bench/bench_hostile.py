#!/usr/bin/env python3
"""How fast `footprint audit` refuses hostile profile files (issue 12 promises under two seconds).

Each case is written to a temporary folder and run through the real command in a fresh process,
three times; the table gives the median wall time, the exit code and the first line of stderr.
The interpreter's own start-up (`footprint --version`) is measured the same way, for comparison.

    python bench/bench_hostile.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _laughs(levels: int = 9) -> tuple[str, str]:
    lines = ['l0: &l0 "lol"']
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n", f"l{levels - 1}"


def cases(folder: Path) -> dict[str, list[str]]:
    bomb, last = _laughs()
    files = {
        "alias bomb under person.name": bomb + f"person:\n  name: *{last}\n",
        "alias bomb under accounts": bomb + f"person:\n  name: Jamie Reid\naccounts: *{last}\n",
        "deep flow nesting (5,000)": "person: " + "[" * 5000 + "]" * 5000 + "\n",
        "deep block nesting (400)": "person:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(400)),
        "self-referring alias": "person: &x\n  name: [*x]\n",
    }
    out: dict[str, list[str]] = {"start-up only (footprint --version)": ["--version"]}
    for name, text in files.items():
        path = folder / f"{len(out)}.yaml"
        path.write_text(text, encoding="utf-8")
        out[name] = ["audit", str(path)]
    out["/dev/zero as the profile"] = ["audit", "/dev/zero"]
    fifo = folder / "fifo.yaml"
    os.mkfifo(fifo)
    out["a FIFO as the profile"] = ["audit", str(fifo)]
    return out


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="footprint-hostile-") as tmp:
        print(f"{'case':40} {'median s':>9}  exit  first line of stderr")
        for name, args in cases(Path(tmp)).items():
            times, code, first = [], 0, ""
            for _ in range(3):
                start = time.perf_counter()
                done = subprocess.run(
                    [sys.executable, "-m", "footprint", *args],
                    capture_output=True,
                    text=True,
                    timeout=60,
                    check=False,
                    cwd=tmp,
                )
                times.append(time.perf_counter() - start)
                code, first = done.returncode, (done.stderr.strip().splitlines() or [""])[0]
            print(f"{name:40} {statistics.median(times):9.2f}  {code:>4}  {first[:90]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
