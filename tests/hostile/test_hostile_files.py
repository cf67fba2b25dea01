"""The real `footprint` command on hostile files: profile files, data downloads and output paths.

Each test asserts the outcome through the CLI: exit code, one located error line (or a report with
a clear warning), no traceback, no hang, no raw control character in any output, and nothing
written beside the output path.
"""

from __future__ import annotations

import io
import json
import os
import struct
import time
import zipfile
from pathlib import Path

import pytest

from tests.hostile.common import HOSTILE, assert_clean_exit, assert_no_raw_control, assert_one_error_line, footprint

GOOD = "person:\n  name: Jamie Reid\naccounts:\n  - {platform: github, handle: jamie-reid}\n"


def _laughs(levels: int = 9) -> tuple[str, str]:
    """A "billion laughs" document: 9 levels of 9 aliases each, and the name of its last anchor."""
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n", f"l{levels - 1}"


# Wall-clock bounds here only catch a hang (the brief: speed is measured by benchmarks, not timed tests);
# how fast each refusal is, is measured by bench/bench_hostile.py.
HANG = 15


def _timed(tmp_path: Path, *args: str, **kwargs: object):  # type: ignore[no-untyped-def]
    start = time.monotonic()
    run = footprint(tmp_path, *args, **kwargs)  # type: ignore[arg-type]
    return run, time.monotonic() - start


# --------------------------------------------------------------------------- profile files


@pytest.mark.parametrize("where", ["person.name", "watch.words", "accounts"])
def test_an_alias_bomb_is_refused_within_two_seconds(tmp_path: Path, where: str) -> None:
    bomb, last = _laughs()
    body = {
        "person.name": f"person:\n  name: *{last}\n",
        "watch.words": f"person:\n  name: Jamie Reid\nwatch:\n  words: *{last}\n",
        "accounts": f"person:\n  name: Jamie Reid\naccounts: *{last}\n",
    }[where]
    path = tmp_path / "profiles.yaml"
    path.write_text(bomb + body)
    run, elapsed = _timed(tmp_path, "audit", str(path))
    line = assert_one_error_line(run, f"{path}:", "billion laughs")
    assert line.split(":")[2].isdigit()  # a line number
    assert elapsed < HANG, elapsed  # a hang guard; the time itself is measured by bench/bench_hostile.py


@pytest.mark.parametrize(
    "text",
    [
        "person: " + "[" * 5000 + "]" * 5000 + "\n",
        "person:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(400)),
        "person: &x\n  name: [*x]\n",
        "person:\n  name: " + "{a: " * 3000 + "1" + "}" * 3000 + "\n",
    ],
    ids=["deep-flow", "deep-block", "self-reference", "deep-mapping"],
)
def test_deep_or_self_referring_yaml_is_one_located_line(tmp_path: Path, text: str) -> None:
    path = tmp_path / "profiles.yaml"
    path.write_text(text)
    run, elapsed = _timed(tmp_path, "audit", str(path))
    assert_one_error_line(run, f"{path}:")
    assert elapsed < HANG, elapsed


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"person:\n  name: Ja\x07mie\n", ":2:11: the control character U+0007"),
        (b"person:\n  name: Jamie\x1b[2J\n", ":2:14: the control character U+001B"),
        (b"person:\n  name: Ja\x00mie\n", ":2:11: a NUL byte"),
        (GOOD.encode("utf-16-le"), ":1:1: UTF-16 text"),
        (GOOD.encode("utf-16-be"), ":1:1: UTF-16 text"),
        (b"person:\n  name: Jam\xe9 Reid\n", ":2:12: not UTF-8 text"),
    ],
    ids=["bel", "esc", "nul", "utf16le-no-bom", "utf16be-no-bom", "latin1"],
)
def test_bad_characters_are_one_line_with_their_location(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "profiles.yaml"
    path.write_bytes(content)
    run = footprint(tmp_path, "audit", str(path))
    assert_one_error_line(run, f"{path}{expected}")


def test_an_oversized_profile_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "profiles.yaml"
    path.write_text(GOOD + "# " + "x" * (2 * 1024**2) + "\n")
    assert_one_error_line(footprint(tmp_path, "audit", str(path)), "more than the 1,048,576")


def _fifo(tmp_path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("command", ["audit", "scan"])
@pytest.mark.parametrize("special", ["/dev/zero", "/dev/urandom", "fifo"])
def test_devices_and_pipes_are_refused_not_read(tmp_path: Path, command: str, special: str) -> None:
    path = str(_fifo(tmp_path)) if special == "fifo" else special
    if not os.path.exists(path):
        pytest.skip(f"{path} does not exist here")
    run, elapsed = _timed(tmp_path, command, path, timeout=20)  # a hang fails here, by timeout
    assert_one_error_line(run, "not a regular file")
    assert elapsed < HANG


def test_a_device_as_the_scan_profile_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "posts.jsonl"
    data.write_text('{"text": "hello"}\n')
    run = footprint(tmp_path, "scan", str(data), "--profile", "/dev/zero", timeout=20)
    assert_one_error_line(run, "/dev/zero: not a regular file")


# --------------------------------------------------------------------------- data downloads


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(zipfile.ZipInfo(name), data)
    return buffer.getvalue()


def test_a_zip_whose_table_of_contents_points_nowhere_is_refused(tmp_path: Path) -> None:
    data = bytearray(_zip({"posts.jsonl": b'{"text": "hello from Kirkcaldy"}\n'}))
    end = data.rfind(b"PK\x05\x06")
    offset = struct.unpack_from("<I", data, end + 16)[0]
    struct.pack_into("<I", data, end + 16, offset + 7)  # the central directory's offset, off by seven
    path = tmp_path / "download.zip"
    path.write_bytes(bytes(data))
    assert_one_error_line(footprint(tmp_path, "scan", str(path)), "table of contents")


def test_a_member_with_an_empty_name_is_skipped_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "download.zip"
    path.write_bytes(_zip({"": b"x", "posts.jsonl": b'{"text": "hello from Kirkcaldy"}\n'}))
    run = footprint(tmp_path, "scan", str(path), "-f", "json")
    assert_clean_exit(run, 0)
    assert run.report["stats"]["posts_read"] == 1
    assert any("empty name" in w for w in run.report["warnings"])


@pytest.mark.parametrize("content", [b"", b"\n\n  \n"], ids=["empty", "blank-lines"])
def test_an_empty_jsonl_says_nothing_was_scanned(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "posts.jsonl"
    path.write_bytes(content)
    assert_one_error_line(footprint(tmp_path, "scan", str(path)), "nothing was scanned")


def test_one_huge_jsonl_line_is_skipped_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "posts.jsonl"
    with path.open("w") as handle:
        handle.write('{"text": "first post"}\n')
        handle.write('{"text": "' + "a" * (10 * 1024**2) + '"}\n')  # 10 MB, past the 8 MiB a post line may be
        handle.write('{"text": "third post"}\n')
    run = footprint(tmp_path, "scan", str(path), "-f", "json")
    assert_clean_exit(run, 0)
    assert run.report["stats"]["posts_read"] == 2
    assert any(w.startswith("posts.jsonl:2: a line longer than") for w in run.report["warnings"])


def test_an_archive_error_is_one_line_after_no_progress(tmp_path: Path) -> None:
    """Progress steps ('Reading …') are dropped when the command ends in an error, so it stands alone."""
    path = tmp_path / "download.zip"
    path.write_bytes(_zip({"tweets.js": b"window.YTD.tweet.part0 = [{"}))
    run = footprint(tmp_path, "scan", str(path), "--format-of", "generic")
    assert_clean_exit(run, 2)
    assert len(run.proc.stderr.strip().splitlines()) == 1, run.proc.stderr


LONE = '{"text": "broken \\udc80 escape, text me on 07700 900123 \\ud83d", "handle": "jamie"}\n'
WATCHING = "person:\n  name: Jamie Reid\n"


@pytest.mark.parametrize("fmt", ["json", "terminal", "markdown", "html"])
def test_lone_surrogates_never_crash_a_report(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "posts.jsonl"
    path.write_text(LONE + json.dumps({"text": f"{HOSTILE} or ring 07700 900456", "handle": "jamie"}) + "\n")
    profile = tmp_path / "profiles.yaml"
    profile.write_text(WATCHING)
    run = footprint(tmp_path, "scan", str(path), "--profile", str(profile), "-f", fmt)
    assert_clean_exit(run, 0)
    assert "07700" in run.proc.stdout  # the findings, with their evidence, are all there
    if fmt == "json":
        assert run.report["stats"]["posts_read"] == 2
        assert "\ufffd" in json.dumps(run.report, ensure_ascii=False)  # the broken half replaced, the rest kept


def test_an_ascii_only_stdout_never_loses_the_report(tmp_path: Path) -> None:
    path = tmp_path / "posts.jsonl"
    path.write_text(LONE + '{"text": "caf\\u00e9 \\u2603 in Kirkcaldy \\u202e txt"}\n')
    for fmt in ("terminal", "markdown", "json"):
        run = footprint(
            tmp_path, "scan", str(path), "-f", fmt, env={"PYTHONIOENCODING": "ascii", "LANG": "C", "LC_ALL": "C"}
        )
        assert_clean_exit(run, 0)
        assert run.proc.stdout.strip() and run.proc.stdout.isascii()


def test_control_sequences_in_member_names_and_posts_stay_inert(tmp_path: Path) -> None:
    hostile_name = "posts\x1b]0;owned\x07\x9b2J.jsonl"
    path = tmp_path / "download.zip"
    body = json.dumps({"text": f"{HOSTILE} Jamie Reid from Kirkcaldy"}).encode() + b"\n"
    path.write_bytes(_zip({hostile_name: body, "broken\x1b[2J.jsonl": b"{not json\n"}))
    for fmt in ("terminal", "markdown"):
        run = footprint(tmp_path, "scan", str(path), "-f", fmt)
        assert_clean_exit(run, 0)
        assert "owned" in run.proc.stdout + run.proc.stderr


# --------------------------------------------------------------------------- output paths


def test_output_naming_a_folder_is_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    data = tmp_path / "in" / "posts.jsonl"
    data.parent.mkdir()
    data.write_text('{"text": "hello from Kirkcaldy"}\n')
    out = tmp_path / "out"
    out.mkdir()
    before = sorted(p.name for p in tmp_path.rglob("*"))
    run = footprint(tmp_path, "scan", str(data), "-o", str(out))
    assert_one_error_line(run, f"{out}: is a folder")
    after = sorted(p.name for p in tmp_path.rglob("*") if p.name != "netjail.log")
    assert after == before  # no temporary file left anywhere


def test_a_malformed_ipv6_blog_address_costs_only_its_own_account(tmp_path: Path) -> None:
    from tests.hostile import faultserver as fs
    from tests.hostile.test_hostile_servers import mirror

    with fs.serve(mirror) as server:
        path = tmp_path / "profiles.yaml"
        path.write_text(
            "person:\n  name: Jamie Reid\naccounts:\n"
            '  - {platform: blog, url: "http://[::1/blog"}\n'
            '  - {platform: mastodon, handle: "@jamiereid@mastodon.example"}\n'
            '  - {platform: blog, url: "https://[2001:db8::1/"}\n'
            f"endpoints:\n  mastodon: {server.base}/mastodon\n"
        )
        run = footprint(tmp_path, "audit", str(path), "-f", "json")
    assert_clean_exit(run, 0)
    got = {a["account"]: (a["status"], a["reason"]) for a in run.report["accounts"]}
    assert len(got) == 3
    assert got["@jamiereid@mastodon.example"][0] == "checked"
    assert got["http://[::1/blog"][0] == "error" and "cannot be read" in got["http://[::1/blog"][1]
    assert_no_raw_control(json.dumps(run.report))


def test_diff_of_reports_quoting_hostile_text_stays_inert(tmp_path: Path) -> None:
    path = tmp_path / "posts.jsonl"
    path.write_text(json.dumps({"text": f"{HOSTILE} ring 07700 900456", "handle": "jamie"}) + "\n")
    profile = tmp_path / "profiles.yaml"
    profile.write_text("person:\n  name: Jamie Reid\n")
    old = tmp_path / "old.json"
    assert_clean_exit(
        footprint(tmp_path, "scan", str(path), "--profile", str(profile), "-f", "json", "-o", str(old)), 0
    )
    path.write_text(json.dumps({"text": f"{HOSTILE} ring 07700 900789", "handle": "jamie"}) + "\n")
    new = tmp_path / "new.json"
    assert_clean_exit(
        footprint(tmp_path, "scan", str(path), "--profile", str(profile), "-f", "json", "-o", str(new)), 0
    )
    for fmt in ("terminal", "json"):
        run = footprint(tmp_path, "diff", str(old), str(new), "-f", fmt)
        assert_clean_exit(run, 0)
        assert "contact.personal" in run.proc.stdout


def test_a_single_file_past_the_cap_is_refused_unread(tmp_path: Path) -> None:
    from footprint.archives.container import Limits, open_container
    from footprint.errors import InputError

    path = tmp_path / "posts.jsonl"
    path.write_text('{"text": "hello"}\n' * 100)
    with pytest.raises(InputError, match="more than the 100 bytes footprint reads from one file"):
        open_container(path, Limits(max_member_bytes=100))
