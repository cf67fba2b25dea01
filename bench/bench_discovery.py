"""Benchmark discovery: 1,000 fake sites on loopback, each answering after 200 ms.

    python bench/bench_discovery.py                 # the default client settings, 3 runs
    python bench/bench_discovery.py --compare       # overall concurrency limits side by side
    python bench/bench_discovery.py --cli 100       # the whole `footprint discover` command on 100 sites,
                                                    # and its fixed cost (imports, catalogue, profile, report)

A server process binds one listening socket on each of 1,000 loopback addresses
(127.0.1.1 … 127.0.4.250, all on one port), so every fake site is its own host, just as
real sites are: per-host limits and connection pools behave as they would on the internet.
Each site holds an account for `jane_sw` when its number is even, and answers 404 otherwise,
so a run makes 1,000 probes plus 500 canary probes. Every configuration runs in a fresh
process, which reports its wall time, its CPU time per request (the whole run, probes, canaries
and classification included), its peak RSS (ru_maxrss) and whether every probe ended in the
right state. Nothing leaves loopback.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

SITES = 1000
DELAY = 0.2
HANDLE = "jane_sw"
PROFILE = f"""# Fictional person for the benchmark.
person: {{name: Jane Example, role: social worker}}
accounts:
  - {{platform: reddit, handle: {HANDLE}}}
framework: swe
"""


def address(i: int) -> str:
    return f"127.0.{i // 250 + 1}.{i % 250 + 1}"


# --------------------------------------------------------------------------- the fake sites


async def _serve(port: int, ready: Path) -> None:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        host = writer.get_extra_info("sockname")[0]
        a, b, c, d = (int(x) for x in host.split("."))
        index = (c - 1) * 250 + (d - 1)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                path = head.split(b" ", 2)[1].decode()
                await asyncio.sleep(DELAY)
                name = path.rsplit("/", 1)[-1]
                if name == HANDLE and index % 2 == 0:
                    status, body = "200 OK", f"<html><title>{name} on site {index}</title><h1>{name}</h1></html>"
                else:
                    status, body = "404 Not Found", "<html><title>Not found</title></html>"
                data = body.encode()
                writer.write(
                    f"HTTP/1.1 {status}\r\nContent-Type: text/html\r\nContent-Length: {len(data)}\r\n\r\n".encode()
                    + data
                )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, host=[address(i) for i in range(SITES)], port=port, backlog=1024)
    ready.write_text("ready")
    async with server:
        await server.serve_forever()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --------------------------------------------------------------------------- one measured run


async def _run(port: int, total: int, per_host: int) -> dict[str, object]:
    from footprint.discovery.catalogue import Site
    from footprint.discovery.client import ClientLimits
    from footprint.discovery.runner import RunOptions, run
    from footprint.discovery.variants import Candidate

    sites = [
        Site(key=f"site{i}", name=f"Site {i}", category="social", url=f"http://{address(i)}:{port}/u/{{handle}}")
        for i in range(SITES)
    ]
    limits = ClientLimits(total=total, per_host=per_host, site_timeout=10.0)
    options = RunOptions(deadline=120, limits=limits, allow_private=True)
    started, cpu = time.perf_counter(), time.process_time()
    outcome = await run(sites, [Candidate(HANDLE, "handle", HANDLE)], options=options)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    counts = {state.value: n for state, n in outcome.counts().items()}
    right = all(
        p.result.state.value == ("found" if int(p.result.site.key[4:]) % 2 == 0 else "not_found")
        for p in outcome.probes
    )
    return {
        "total": total,
        "per_host": per_host,
        "seconds": round(elapsed, 2),
        "sites_per_second": round(SITES / elapsed),
        "requests": outcome.requests,
        "requests_per_second": round(outcome.requests / elapsed),
        "states": counts,
        "all_right": right,
        "cpu_ms_per_request": round(cpu * 1000 / outcome.requests, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def measure(port: int, total: int, per_host: int) -> dict[str, object]:
    """One configuration in a fresh process, so its peak memory is its own."""
    proc = subprocess.run(
        [sys.executable, __file__, "--one", str(port), str(total), str(per_host)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if proc.returncode:
        raise SystemExit(proc.stderr)
    return json.loads(proc.stdout)


# --------------------------------------------------------------------------- the whole command

_FIXED = """
import json, sys, time
from pathlib import Path
started, cpu = time.perf_counter(), time.process_time()
import footprint.cli
from footprint.discovery import DiscoverOptions, discover_report
from footprint.discovery.formats import load_builtin
from footprint.guidance import frameworks, load_catalogue
from footprint.plugins import discover
from footprint.profile_file import load_profile
from footprint.render import RenderOptions, renderer
imported = time.perf_counter()
sites = load_builtin()
catalogue_loaded = time.perf_counter()
registry = discover()
profile = load_profile(Path(sys.argv[1]), registry.sources, frameworks())
load_catalogue(profile.framework)
profile_loaded = time.perf_counter()
try:  # the check(s) discover runs on what it finds (older versions built those findings without a check)
    from footprint.discovery.report import DISCOVERY_CHECKS
    checks = [registry.check(c) for c in DISCOVERY_CHECKS]
except ImportError:
    pass
checks_loaded = time.perf_counter()
print(json.dumps({"imports": imported - started, "builtin catalogue": catalogue_loaded - imported,
                  "profile and guidance": profile_loaded - catalogue_loaded, "checks": checks_loaded - profile_loaded,
                  "cpu": time.process_time() - cpu, "sites": len(sites)}))
"""


def command(port: int, count: int, folder: Path, fmt: str) -> tuple[float, float, Path]:
    """`footprint discover` on `count` loopback sites in a fresh process: its wall and CPU time, and its report."""
    sites = folder / "sites.yaml"
    sites.write_text(
        "version: 1\nsites:\n"
        + "".join(
            f"  - {{key: site{i}, name: Site {i}, category: social, url: 'http://{address(i)}:{port}/u/{{handle}}'}}\n"
            for i in range(count)
        )
    )
    profile = folder / "profile.yaml"
    profile.write_text(PROFILE)
    report = folder / f"report.{fmt}"
    argv = [
        sys.executable,
        "-m",
        "footprint",
        "discover",
        str(profile),
        "--no-builtin-sites",
        "--sites",
        str(sites),
        "--allow-private-addresses",
        "--format",
        fmt,
        "--output",
        str(report),
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=300)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode:
        raise SystemExit(proc.stderr)
    return elapsed, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, report


def cli(port: int, count: int, runs: int) -> None:
    """The whole command, end to end, and what its fixed cost is made of."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for fmt in ("json", "terminal"):
            times, cpus = [], []
            for _ in range(runs):
                elapsed, cpu, report = command(port, count, folder, fmt)
                times.append(elapsed)
                cpus.append(cpu)
            print(
                f"footprint discover, {count} sites, --format {fmt}: median {statistics.median(times):.2f} s "
                f"(min {min(times):.2f}, max {max(times):.2f}) over {runs} runs; CPU median {statistics.median(cpus):.2f} s"
            )
        parts = []
        for _ in range(runs):
            proc = subprocess.run(
                [sys.executable, "-c", _FIXED, str(folder / "profile.yaml")],
                capture_output=True,
                text=True,
                timeout=120,
            )
            if proc.returncode:
                raise SystemExit(proc.stderr)
            parts.append(json.loads(proc.stdout))
        keys = ("imports", "builtin catalogue", "profile and guidance", "checks")
        for key in keys:
            print(f"  fixed cost, {key}: median {statistics.median(p[key] for p in parts) * 1000:.0f} ms")
        total = statistics.median(sum(p[k] for k in keys) for p in parts)
        print(
            f"  fixed cost before the first probe (built-in catalogue of {parts[0]['sites']} sites included): "
            f"median {total * 1000:.0f} ms, of which CPU {statistics.median(p['cpu'] for p in parts) * 1000:.0f} ms "
            "(the rest is waiting for a core on a loaded machine, and reading files)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--compare", action="store_true", help="measure several pool arrangements")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--cli", type=int, metavar="SITES", help="time the whole `footprint discover` command on SITES sites"
    )
    parser.add_argument("--one", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--serve", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        asyncio.run(_serve(int(args.serve[0]), Path(args.serve[1])))
        return
    if args.one:
        port, total, per_host = args.one
        print(json.dumps(asyncio.run(_run(int(port), int(total), int(per_host)))))
        return

    from footprint.discovery.client import ClientLimits

    port = free_port()
    ready = Path(f"/tmp/bench-discovery-{os.getpid()}.ready")
    server = subprocess.Popen([sys.executable, __file__, "--serve", str(port), str(ready)])
    try:
        for _ in range(100):
            if ready.exists():
                break
            time.sleep(0.1)
        else:
            raise SystemExit("the fake sites did not start")
        if args.cli:
            print(f"load average before: {os.getloadavg()[0]:.2f}")
            cli(port, args.cli, args.runs)
            print(f"load average after: {os.getloadavg()[0]:.2f}")
            return
        default = ClientLimits()
        configs = [(default.total, default.per_host)] * args.runs
        if args.compare:
            configs = [(t, default.per_host) for t in (64, 128, 256, 512)]
        print(
            f"{SITES} sites answering after {DELAY * 1000:.0f} ms; {os.cpu_count()} CPUs; Python {sys.version.split()[0]}"
        )
        print(f"load average before: {os.getloadavg()[0]:.2f}")
        print(f"{'total':>5} {'seconds':>7} {'sites/s':>7} {'req/s':>6} {'CPU ms/req':>10} {'peak MB':>7}  right")
        for total, per_host in configs:
            r = measure(port, total, per_host)
            print(
                f"{r['total']:>5} {r['seconds']:>7} {r['sites_per_second']:>7} "
                f"{r['requests_per_second']:>6} {r['cpu_ms_per_request']:>10} {r['peak_rss_mb']:>7}  {'yes' if r['all_right'] else 'NO ' + str(r['states'])}"
            )
        print(f"load average after: {os.getloadavg()[0]:.2f}")
    finally:
        server.terminate()
        server.wait()
        ready.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
