"""Check footprint's readers against real data downloads: what was recognised, read and skipped.

Give it a folder holding one or more downloads (each a folder, a zip or a single file such as a
Bluesky `.car`). For each download it prints the format recognised, then for every file the reader
opened the items present in that file (counted by this script, independently of the reader) against
the items read from it, and then what was skipped: the reader's notes (retweets, drafts, private
items), the container's warnings, and the files in the download no reader part touched.

    python bench/bench_exports.py ~/exports            # every download in the folder
    python bench/bench_exports.py ~/exports --show 3   # also print the first 3 texts read from each file

Nothing is written anywhere, and nothing leaves the machine. Real downloads hold real people's
words: keep them and this script's output out of the repository.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from footprint.archives.car import CarFile, Link
from footprint.archives.container import Container, Member, open_container
from footprint.errors import FootprintError
from footprint.models import Post
from footprint.plugins import discover
from footprint.scan import choose_reader

_DATA_LISTS = ("orderedItems", "messages", "group_posts_v2", "comments_v2")


def present(container: Container, member: Member) -> str:
    """How many items the file holds, counted without footprint's readers ('?' when the shape is unknown)."""
    raw = container.read_bytes(member)
    if member.suffix == ".car" or member.suffix == "":
        return _car_posts(raw)
    text = _decode(raw)
    if member.suffix == ".csv":
        return str(_csv_records(text))
    if member.suffix in (".html", ".htm"):
        return "1"
    if member.suffix == ".js":
        text = text.split("=", 1)[1] if "=" in text.split("[", 1)[0] else text
    try:
        value = json.loads(text)
    except ValueError:
        return "?"
    if isinstance(value, list):
        return str(len(value))
    if isinstance(value, dict):
        for key in _DATA_LISTS:
            if isinstance(value.get(key), list):
                return str(len(value[key]))
        lists = [v for v in value.values() if isinstance(v, list)]
        if len(lists) == 1:
            return str(len(lists[0]))
        return "1"
    return "?"


def _decode(raw: bytes) -> str:
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return raw.decode("utf-16")
    return raw.decode("utf-8-sig", "replace")


def _csv_records(text: str) -> int:
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    escape = "\\" if '\\"' in text else None  # LinkedIn's Comments.csv escapes quotes with a backslash
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, escapechar=escape))
    header = next((i for i, row in enumerate(rows) if len([c for c in row if c.strip()]) > 1), 0)
    return sum(1 for row in rows[header + 1 :] if any(c.strip() for c in row))


def _car_posts(raw: bytes) -> str:
    try:
        car = CarFile(io.BytesIO(raw))
        commit = car.get(car.roots[0])
        if not isinstance(commit, dict) or not isinstance(commit.get("data"), Link):
            return "?"
        return str(sum(1 for key, _ in car.walk_mst(commit["data"]) if key.startswith("app.bsky.feed.post/")))
    except Exception:
        return "?"


def _member_of(post: Post, names: list[str]) -> str:
    location = post.location or ""
    for name in sorted(names, key=len, reverse=True):
        if location == name or location.startswith((f"{name}[", f"{name}:", f"{name}#")):
            return name
    return re.split(r"[\[:#]", location, maxsplit=1)[0] or "(no location)"


def report(path: Path, show: int) -> None:
    try:
        container = open_container(path)
    except FootprintError as exc:
        print(f"== {path.name}: not opened ({exc})")
        return
    with container:
        try:
            reader = choose_reader(container, discover().archives)
        except FootprintError as exc:
            print(f"== {path.name}: format not recognised ({exc})")
            return
        parts = reader.parts(container, include_private=True)
        posts: list[Post] = []
        notes: list[str] = []
        accounts = 0
        try:
            for snapshot, stream in reader.read(container, include_private=True):
                posts.extend(stream)
                notes.extend(snapshot.notes)
                accounts += 1
        except FootprintError as exc:
            print(f"== {path.name}: {reader.name} ({reader.title}), stopped: {exc}")
            return
        print(f"== {path.name}: {reader.name} ({reader.title}), {accounts} account(s), {len(posts)} item(s) read")
        names = [m.name for m in parts]
        by_member = Counter(_member_of(p, names) for p in posts)
        width = max([len(n) for n in names] + [10])
        for member in dict.fromkeys(parts):
            kinds = Counter(p.kind for p in posts if _member_of(p, names) == member.name)
            detail = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
            print(
                f"  {member.name:<{width}}  present {present(container, member):>6}  read {by_member.pop(member.name, 0):>6}  {detail}"
            )
            if show:
                for post in [p for p in posts if _member_of(p, names) == member.name][:show]:
                    print(f"      | {post.text[:160]!r}")
        for name, count in by_member.items():
            print(f"  {name:<{width}}  (not a listed part)  read {count:>6}")
        dated = sum(1 for p in posts if p.created_at)
        visibility = Counter(p.visibility for p in posts)
        print(f"  dates: {dated} of {len(posts)} items; visibility: {dict(sorted(visibility.items()))}")
        for note in notes:
            print(f"  note: {note}")
        for warning in container.warnings:
            print(f"  skipped: {warning}")
        unread = [m for m in container.members if m not in parts]
        if unread:
            suffixes = Counter(m.suffix or "(none)" for m in unread)
            print(f"  not read: {len(unread)} file(s) ({', '.join(f'{s} {n}' for s, n in suffixes.most_common())})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument(
        "folder", type=Path, help="a folder of downloads: each entry is one download (folder, zip or file)"
    )
    parser.add_argument("--show", type=int, default=0, help="print the first N texts read from each file")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"{args.folder}: not a folder", file=sys.stderr)
        return 2
    for entry in sorted(args.folder.iterdir()):
        if not entry.name.startswith("."):
            report(entry, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
