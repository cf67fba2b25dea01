"""Start-up time of `footprint --help`: the median of repeated cold runs (target: under 0.3 s).

Run: python bench/bench_startup.py [RUNS]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time


def main(runs: int = 15) -> None:
    command = [sys.executable, "-m", "footprint", "--help"]
    subprocess.run(command, capture_output=True, check=True)  # warm the file cache once
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"footprint --help: median {median * 1000:.0f} ms, max {max(times) * 1000:.0f} ms over {runs} runs")
    print("target < 300 ms:", "met" if median < 0.3 else "NOT met")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
