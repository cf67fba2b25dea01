"""Hypothesis fuzzers for the profile loader and every archive reader.

Quick by default (a few dozen examples each, so the suite stays fast); `FOOTPRINT_SLOW=1` turns
each into a long hunt (see tests/hostile/common.py). Whatever the input, the outcome is a result or
one InputError line, never another exception, and it comes quickly.
"""

from __future__ import annotations

import io
import tempfile
import time
import zipfile
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from footprint.errors import InputError
from footprint.models import Report
from footprint.plugins import discover
from footprint.profile_file import load_profile
from footprint.rules import load_rules
from footprint.scan import ScanOptions, scan
from tests.archives import builders as b
from tests.conftest import make_profile
from tests.hostile.common import FUZZ

pytestmark = pytest.mark.filterwarnings("ignore:Duplicate name:UserWarning")

REGISTRY = discover()
RULES = load_rules()
PROFILE = make_profile()
GOOD = b"person:\n  name: Jamie Reid\n  localities: [Kirkcaldy]\nwatch:\n  words: [LAC review]\naccounts:\n  - {platform: github, handle: jamie-reid}\n"


def _load(tmp: Path, data: bytes) -> None:
    path = tmp / "profiles.yaml"
    path.write_bytes(data)
    start = time.monotonic()
    try:
        load_profile(path, REGISTRY.sources)
    except InputError as exc:
        # One located line per problem (the loader reports several problems of one file at once).
        assert all(line.startswith(str(path)) for line in exc.message.splitlines()), exc.message
    assert time.monotonic() - start < 10  # a hang guard; bench/bench_hostile.py measures the real time


# --------------------------------------------------------------------------- the profile loader

yaml_scalars = st.one_of(st.text(max_size=20), st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False))
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                ["person", "name", "accounts", "watch", "words", "platform", "handle", "url", "endpoints", "fetch"]
            )
            | st.text(max_size=8),
            inner,
            max_size=4,
        )
    ),
    max_leaves=20,
)


@FUZZ
@given(data=st.binary(max_size=800))
def test_profile_loader_on_random_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _load(Path(tmp), data)


@FUZZ
@given(value=yaml_values)
def test_profile_loader_on_random_yaml(value: object) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _load(Path(tmp), yaml.safe_dump(value, allow_unicode=True).encode("utf-8", "surrogatepass"))


@FUZZ
@given(
    cut=st.integers(0, len(GOOD)),
    junk=st.binary(max_size=12),
    at=st.integers(0, len(GOOD)),
    encoding=st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252"]),
)
def test_profile_loader_on_damaged_real_files(cut: int, junk: bytes, at: int, encoding: str) -> None:
    text = GOOD.decode().replace("Reid", "Réid")
    data = text.encode(encoding)
    data = data[:at] + junk + data[at:cut] if at < cut else data[:cut] + junk
    with tempfile.TemporaryDirectory() as tmp:
        _load(Path(tmp), data)


@FUZZ
@given(
    levels=st.integers(2, 12),
    width=st.integers(2, 12),
    where=st.sampled_from(["person:\n  name: *{a}\n", "watch:\n  words: *{a}\n", "accounts: *{a}\n", "person: *{a}\n"]),
)
def test_profile_loader_on_alias_bombs(levels: int, width: int, where: str) -> None:
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * width) + "]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]" for i in range(1, levels)]
    with tempfile.TemporaryDirectory() as tmp:
        _load(Path(tmp), ("\n".join(lines) + "\n" + where.format(a=f"a{levels - 1}")).encode())


@FUZZ
@given(depth=st.integers(1, 3000), flow=st.booleans())
def test_profile_loader_on_deep_nesting(depth: int, flow: bool) -> None:
    text = (
        ("person: " + "[" * depth + "]" * depth)
        if flow
        else "person:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(min(depth, 400)))
    )
    with tempfile.TemporaryDirectory() as tmp:
        _load(Path(tmp), text.encode())


# --------------------------------------------------------------------------- every archive reader


def _scan(path: Path, fmt: str | None) -> None:
    start = time.monotonic()
    try:
        report = scan(
            path,
            PROFILE,
            REGISTRY,
            RULES,
            ScanOptions(format_of=fmt, include_private=True, only=["identity", "contact"]),
        )
    except InputError as exc:
        assert exc.message and "\n" not in exc.message, exc.message
    else:
        assert isinstance(report, Report)
        report.model_dump_json()
        from footprint.render.json import render

        render([report], None)  # type: ignore[arg-type]
    assert time.monotonic() - start < 10


def _real(fmt: str) -> dict[str, bytes]:
    return b.FORMATS[fmt]()


FORMATS = sorted(b.FORMATS)
path_tricks = st.sampled_from(
    [
        "../../etc/passwd",
        "/abs/posts.jsonl",
        "C:\\\\evil\\\\x.json",
        "a/../../b.json",
        "",
        "./",
        "x\x00y.json",
        "deep/" * 60 + "f.json",
        "\x1b[2J.json",
        "\u202etxt.json",
        "data\\\\tweets.js",
        "dup.json",
        "dup.json",
    ]
)


@pytest.mark.parametrize("fmt", FORMATS)
@FUZZ
@given(data=st.data())
def test_every_reader_on_damaged_real_downloads(fmt: str, data: st.DataObject) -> None:
    """A real download of each format with one member damaged: cut, re-encoded, padded with a huge field or junk."""
    files = dict(_real(fmt))
    name = data.draw(st.sampled_from(sorted(files)), label="member")
    original = files[name]
    how = data.draw(st.sampled_from(["cut", "encoding", "huge-field", "junk", "surrogates", "controls"]), label="how")
    if how == "cut":
        files[name] = original[: data.draw(st.integers(0, max(len(original) - 1, 0)))]
    elif how == "encoding":
        enc = data.draw(st.sampled_from(["utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252"]))
        files[name] = original.decode("utf-8", "replace").encode(enc, "replace")
    elif how == "huge-field":
        at = data.draw(st.integers(0, len(original)))
        files[name] = original[:at] + b"x" * data.draw(st.sampled_from([70_000, 1_100_000])) + original[at:]
    elif how == "junk":
        at = data.draw(st.integers(0, len(original)))
        files[name] = original[:at] + data.draw(st.binary(min_size=1, max_size=40)) + original[at:]
    elif how == "surrogates":
        files[name] = original.replace(b'"', b'"\\udc80', 3)
    else:
        files[name] = original.replace(b'"', b'"\\u001b[2J\\u009b\\u0007', 5)
    with tempfile.TemporaryDirectory() as tmp:
        _scan(b.write_zip(Path(tmp) / "d.zip", files), fmt)
        _scan(b.write_folder(Path(tmp) / "d", files), None)


@pytest.mark.parametrize("fmt", FORMATS)
@FUZZ
@given(names=st.lists(path_tricks, min_size=1, max_size=5), payload=st.binary(max_size=64))
def test_every_reader_on_path_tricks(fmt: str, names: list[str], payload: bytes) -> None:
    """Member names that try to leave the archive, repeat, are empty or carry control sequences."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for real, content in _real(fmt).items():
            archive.writestr(real, content)
        for name in names:
            archive.writestr(zipfile.ZipInfo(name), payload)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "d.zip"
        path.write_bytes(buffer.getvalue())
        _scan(path, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
@FUZZ
@given(ratio=st.sampled_from([300, 2000]), nested=st.booleans())
def test_every_reader_on_bombs(fmt: str, ratio: int, nested: bool) -> None:
    """A member that expands far past its packed size, or a zip inside the zip: refused or skipped, quickly."""
    from footprint.archives.container import Limits

    files = dict(_real(fmt))
    target = sorted(files)[0]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
        bomb = b"0" * (64 * 1024 * ratio // 100)
        archive.writestr(target + ".bomb" if nested else "posts.jsonl", bomb)
        if nested:
            archive.writestr("inner.zip", buffer.getvalue()[:2000])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "d.zip"
        path.write_bytes(buffer.getvalue())
        limits = Limits(ratio_floor_bytes=64 * 1024, max_ratio=100)
        try:
            scan(path, PROFILE, REGISTRY, RULES, ScanOptions(format_of=fmt, only=["identity"], limits=limits))
        except InputError as exc:
            assert "\n" not in exc.message


def test_a_key_with_a_line_break_stays_on_its_error_line(tmp_path: Path) -> None:
    """Found by the fuzzer: a key written "\\r" split the located error in two."""
    path = tmp_path / "profiles.yaml"
    path.write_bytes(b'"\\r": null\nperson: {name: Jamie Reid}\n')
    try:
        load_profile(path, REGISTRY.sources)
    except InputError as exc:
        assert exc.message == f"{path}:1:1: '\\r': unknown key (check its spelling)"
    else:
        raise AssertionError("a profile with an unknown key was accepted")
