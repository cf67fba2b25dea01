"""Benchmark `footprint scan`: a synthetic 100,000-post download of each major format, scanned offline.

For each format it writes a zip in a temporary folder (streamed, in the platform's real layout,
all text fictional), then scans it in a fresh subprocess with every installed check and reports
wall time, CPU time and posts per CPU second (the machine may be shared), peak resident memory (`ru_maxrss` of that subprocess, and the same
for an interpreter that has only imported footprint, as the baseline) and the archive's
unpacked size.

    python bench/bench_scan.py                 # 100,000 posts per format
    python bench/bench_scan.py --posts 20000 --formats x,generic --read-only
    python bench/bench_scan.py --formats generic,x --cli   # also the command itself, as a user runs it
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

WORDS = (
    "today team visit walk tea coffee rain office court report family meeting train late home weekend garden "
    "supervision training hospital school review night shift colleagues lunch dog cat book film music run"
).split()
SPECIAL = [
    "Another long day as a social worker",
    "Kirkcaldy Sheriff Court again this morning",
    "Café lunch with the team ☕",
    "LAC review went better than expected",
]
PUBLIC = "https://www.w3.org/ns/activitystreams#Public"


def sentences(count: int, seed: int = 7) -> Iterator[str]:
    """`count` fictional posts of 8–40 words; about 1 in 50 carries a phrase the checks look for."""
    rng = random.Random(seed)
    for i in range(count):
        words = rng.choices(WORDS, k=rng.randint(8, 40))
        text = " ".join(words).capitalize() + "."
        if i % 50 == 0:
            text = f"{SPECIAL[(i // 50) % len(SPECIAL)]}. {text}"
        yield text


def _stream_array(archive: zipfile.ZipFile, name: str, prefix: str, items: Iterator[dict], suffix: str = "]") -> None:
    with archive.open(name, "w", force_zip64=True) as out:
        out.write(prefix.encode())
        for i, item in enumerate(items):
            out.write(((",\n" if i else "\n") + json.dumps(item)).encode())
        out.write(("\n" + suffix).encode())


def build_x(archive: zipfile.ZipFile, n: int) -> None:
    archive.writestr(
        "data/account.js",
        'window.YTD.account.part0 = [{"account": {"username": "bench_user", "accountId": "1", "accountDisplayName": "Jane Smith"}}]',
    )
    archive.writestr(
        "data/profile.js",
        'window.YTD.profile.part0 = [{"profile": {"description": {"bio": "Tea and trains", "location": "Fife"}}}]',
    )
    tweets = (
        {
            "tweet": {
                "id_str": str(1790000000000000000 + i),
                "id": str(1790000000000000000 + i),
                "created_at": "Wed Jun 04 10:15:00 +0000 2025",
                "full_text": text.replace("&", "&amp;"),
                "lang": "en",
                "favorite_count": "3",
                "retweet_count": "0",
                "favorited": False,
                "retweeted": False,
                "truncated": False,
                "display_text_range": ["0", str(len(text))],
                "source": '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
                "entities": {"hashtags": [], "symbols": [], "user_mentions": [], "urls": []},
            }
        }
        for i, text in enumerate(sentences(n))
    )
    _stream_array(archive, "data/tweets.js", "window.YTD.tweets.part0 = [", tweets)


def _meta(text: str) -> str:
    return text.encode("utf-8").decode("latin-1")


def build_facebook(archive: zipfile.ZipFile, n: int) -> None:
    archive.writestr(
        "personal_information/profile_information/profile_information.json",
        json.dumps({"profile_v2": {"name": {"full_name": "Jane Smith"}, "current_city": {"name": "Kirkcaldy"}}}),
    )
    posts = (
        {
            "timestamp": 1748800000 + i,
            "data": [{"post": _meta(text)}, {"update_timestamp": 1748800050 + i}],
            "title": "Jane Smith updated her status.",
            "attachments": [{"data": [{"external_context": {"url": "https://news.example/story"}}]}]
            if i % 10 == 0
            else [],
        }
        for i, text in enumerate(sentences(n))
    )
    _stream_array(archive, "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json", "[", posts)


def build_mastodon(archive: zipfile.ZipFile, n: int) -> None:
    actor = "https://social.example/users/bench"
    archive.writestr(
        "actor.json",
        json.dumps(
            {
                "id": actor,
                "type": "Person",
                "preferredUsername": "bench",
                "name": "Jane Smith",
                "url": "https://social.example/@bench",
                "followers": f"{actor}/followers",
                "summary": "<p>Tea and trains</p>",
            }
        ),
    )

    def items() -> Iterator[dict]:
        for i, text in enumerate(sentences(n)):
            to, cc = ([PUBLIC], [f"{actor}/followers"]) if i % 10 else ([f"{actor}/followers"], [])
            sid = f"{actor}/statuses/{114550000000000000 + i}"
            yield {
                "id": f"{sid}/activity",
                "type": "Create",
                "actor": actor,
                "published": "2026-05-30T18:42:10Z",
                "to": to,
                "cc": cc,
                "object": {
                    "id": sid,
                    "type": "Note",
                    "summary": None,
                    "inReplyTo": None,
                    "published": "2026-05-30T18:42:10Z",
                    "url": f"https://social.example/@bench/{114550000000000000 + i}",
                    "attributedTo": actor,
                    "to": to,
                    "cc": cc,
                    "sensitive": False,
                    "content": f"<p>{text}</p>",
                    "contentMap": {"en": f"<p>{text}</p>"},
                    "attachment": [],
                    "tag": [],
                    "replies": {"id": f"{sid}/replies", "type": "Collection"},
                },
            }

    prefix = (
        '{"@context": ["https://www.w3.org/ns/activitystreams"], "id": "outbox.json", "type": "OrderedCollection", '
        f'"totalItems": {n}, "orderedItems": ['
    )
    _stream_array(archive, "outbox.json", prefix, items(), suffix="]}")


def build_generic(archive: zipfile.ZipFile, n: int) -> None:
    with archive.open("posts.jsonl", "w", force_zip64=True) as out:
        for i, text in enumerate(sentences(n)):
            out.write(
                (
                    json.dumps({"text": text, "created_at": "2026-05-01T10:00:00Z", "url": f"https://blog.example/{i}"})
                    + "\n"
                ).encode()
            )


def build_linkedin(archive: zipfile.ZipFile, n: int) -> None:
    archive.writestr(
        "Profile.csv",
        "First Name,Last Name,Headline,Summary,Geo Location\nJane,Smith,Support worker,Tea and trains,Fife\n",
    )
    with archive.open("Shares.csv", "w", force_zip64=True) as out:
        out.write(b"Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n")
        for i, text in enumerate(sentences(n)):
            out.write(
                f'2026-05-01 10:00:00,https://www.linkedin.com/feed/update/urn:li:share:{i},"{text}",,,PUBLIC\n'.encode()
            )


BUILDERS: dict[str, Callable[[zipfile.ZipFile, int], None]] = {
    "x": build_x,
    "facebook": build_facebook,
    "mastodon": build_mastodon,
    "generic": build_generic,
    "linkedin": build_linkedin,
}


def build(fmt: str, folder: Path, n: int) -> tuple[Path, int]:
    path = folder / f"{fmt}-download.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        BUILDERS[fmt](archive, n)
    with zipfile.ZipFile(path) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    return path, unpacked


# --------------------------------------------------------------------------- the measured child


def child(path: Path, mode: str) -> None:
    """Scan `path` and print the measurements as JSON: mode 'scan' runs every installed check, 'read'
    none (the cost of reading the archive alone), 'baseline' only imports."""
    from footprint.models import Profile
    from footprint.plugins import Registry, discover
    from footprint.rules import load_rules
    from footprint.scan import ScanOptions, scan

    registry, rules = (discover() if mode == "scan" else Registry(archives=discover().archives)), load_rules()
    if mode == "baseline":
        print(json.dumps({"maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
        return
    profile = Profile.model_validate(
        {
            "person": {
                "name": "Jane Smith",
                "employer": "Fife Council",
                "team": "Children and Families, Kirkcaldy",
                "localities": ["Kirkcaldy", "Fife"],
            },
            "watch": {"places": ["Kirkcaldy Sheriff Court"], "words": ["LAC review"]},
        }
    )
    started, cpu = time.perf_counter(), time.process_time()
    report = scan(path, profile, registry, rules, ScanOptions(include_private=True))
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        json.dumps(
            {
                "seconds": elapsed,
                "cpu_seconds": cpu,
                "posts": report.stats.get("posts_read", 0),
                "findings": len(report.findings),
                "checks": report.checks_run,
                "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            }
        )
    )


PROFILE_YAML = """person:
  name: Jane Smith
  employer: Fife Council
  team: Children and Families, Kirkcaldy
  localities: [Kirkcaldy, Fife]
watch:
  places: [Kirkcaldy Sheriff Court]
  words: [LAC review]
"""


def cli_child(path: Path, fmt: str) -> None:
    """Run the command itself, `footprint scan PATH --profile … -f FMT -o FILE`, as a user runs it, and print
    its CPU time and peak memory (this process only waits for it: RUSAGE_CHILDREN is that one command)."""
    with tempfile.TemporaryDirectory(prefix="footprint-cli-") as tmp:
        profile = Path(tmp) / "profiles.yaml"
        profile.write_text(PROFILE_YAML, encoding="utf-8")
        out = Path(tmp) / f"report.{'json' if fmt == 'json' else 'txt'}"
        started = time.perf_counter()
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "footprint",
                "scan",
                str(path),
                "--profile",
                str(profile),
                "--include-private",
                "-f",
                fmt,
                "-o",
                str(out),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        elapsed = time.perf_counter() - started
        if done.returncode not in (0, 1, 3):
            raise SystemExit(f"footprint scan failed ({done.returncode}): {done.stderr.strip()[-500:]}")
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        print(
            json.dumps(
                {
                    "seconds": elapsed,
                    "cpu_seconds": usage.ru_utime + usage.ru_stime,
                    "maxrss_kib": usage.ru_maxrss,
                    "bytes": out.stat().st_size,
                }
            )
        )


def run_child(path: Path | None, mode: str) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(path or "")],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"the scan of {path} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--formats", default=",".join(BUILDERS))
    parser.add_argument("--read-only", action="store_true", help="Also time reading alone (no checks installed).")
    parser.add_argument(
        "--cli",
        action="store_true",
        help="Also run the command itself (footprint scan … -f json -o FILE, and -f terminal): CPU s and peak RSS.",
    )
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        if args.child[0].startswith("cli-"):
            cli_child(Path(args.child[1]), args.child[0].removeprefix("cli-"))
        else:
            child(Path(args.child[1]), args.child[0])
        return
    baseline = run_child(None, "baseline")["maxrss_kib"] / 1024
    print(
        f"python {sys.version.split()[0]}, {args.posts:,} posts per format; interpreter + footprint imported: {baseline:.0f} MiB RSS"
    )
    with tempfile.TemporaryDirectory(prefix="footprint-bench-") as tmp:
        for fmt in args.formats.split(","):
            path, unpacked = build(fmt, Path(tmp), args.posts)
            result = run_child(path, "scan")
            peak = result["maxrss_kib"] / 1024
            above = peak - baseline
            mib = unpacked / 1024**2
            if fmt == args.formats.split(",")[0]:
                print(f"checks run ({len(result['checks'])}): {', '.join(result['checks'])}")
                print(
                    f"{'format':<10} {'unpacked':>10} {'zip':>9} {'wall s':>7} {'CPU s':>6} {'posts/CPU s':>11} {'findings':>9} {'peak RSS':>9} {'above base':>10} {'ratio':>6}"
                    + (f" {'read only (CPU s)':>17}" if args.read_only else "")
                    + (f" {'CLI json CPU s':>14} {'RSS':>6} {'CLI terminal CPU s':>18} {'RSS':>6}" if args.cli else "")
                )
            line = (
                f"{fmt:<10} {mib:>8.1f}Mi {path.stat().st_size / 1024**2:>7.1f}Mi {result['seconds']:>7.2f} {result['cpu_seconds']:>6.2f} "
                f"{result['posts'] / result['cpu_seconds']:>11,.0f} {result['findings']:>9,} {peak:>7.0f}Mi {above:>8.0f}Mi {above / mib:>6.2f}"
            )
            if args.read_only:
                line += f" {run_child(path, 'read')['cpu_seconds']:>17.2f}"
            if args.cli:
                for fmt_name, width in (("json", 14), ("terminal", 18)):
                    cli = run_child(path, f"cli-{fmt_name}")
                    line += f" {cli['cpu_seconds']:>{width}.2f} {cli['maxrss_kib'] / 1024:>4.0f}Mi"
            print(line, flush=True)
            path.unlink()


if __name__ == "__main__":
    main()
