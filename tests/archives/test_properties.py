"""Property tests: arbitrary bytes and arbitrary JSON fed to every reader are parsed or refused, never a traceback."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from footprint.archives import jsonstream
from footprint.archives.car import CarError, CarFile
from footprint.archives.mojibake import fix_text
from footprint.errors import InputError
from footprint.models import Report
from footprint.plugins import discover
from footprint.rules import load_rules
from footprint.scan import ScanOptions, scan
from tests.archives import builders as b
from tests.conftest import make_profile

REGISTRY = discover()
RULES = load_rules()
PROFILE = make_profile()
# The example count comes from the hypothesis profile (tests/conftest.py): quick by default, FOOTPRINT_SLOW=1 for a long hunt.
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

# The file each reader looks for, so arbitrary content reaches its parser.
TARGETS = {
    "x": "data/tweets.js",
    "facebook": "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json",
    "instagram": "your_instagram_activity/content/posts_1.json",
    "linkedin": "Shares.csv",
    "mastodon": "outbox.json",
    "bluesky": "repo.car",
    "reddit": "posts.csv",
    "tiktok": "user_data.json",
    "generic": "posts.jsonl",
}
EXTRA = {  # a second file so each format also meets the content in a many-member download
    "x": "data/account.js",
    "facebook": "personal_information/profile_information/profile_information.json",
    "instagram": "personal_information/personal_information/personal_information.json",
    "linkedin": "Profile.csv",
    "mastodon": "actor.json",
    "bluesky": "other.car",
    "reddit": "comments.csv",
    "tiktok": "user_data_tiktok.json",
    "generic": "more.jsonl",
}

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=30,
)
# JSON shaped somewhat like the real files, so parsers get past their first checks.
shaped = st.one_of(
    json_values,
    st.lists(
        st.dictionaries(
            st.sampled_from(
                [
                    "tweet",
                    "data",
                    "media",
                    "title",
                    "text",
                    "timestamp",
                    "string_map_data",
                    "orderedItems",
                    "type",
                    "object",
                    "to",
                    "cc",
                    "content",
                    "attachments",
                    "label_values",
                    "Post",
                ]
            ),
            json_values,
            max_size=6,
        ),
        max_size=5,
    ),
    st.dictionaries(
        st.sampled_from(["orderedItems", "comments_v2", "profile_v2", "Profile", "Post", "Comment", "profile_user"]),
        json_values,
        max_size=4,
    ),
)


def _outcome(path: Path, fmt: str) -> Report | None:
    """Scan with the format forced; an InputError is an accepted, clear refusal."""
    try:
        report = scan(
            path, PROFILE, REGISTRY, RULES, ScanOptions(format_of=fmt, include_private=True, only=["identity"])
        )
    except InputError as exc:
        assert exc.message and "\n" not in exc.message
        return None
    assert isinstance(report, Report)
    return report


@pytest.mark.parametrize("fmt", sorted(TARGETS))
@SETTINGS
@given(data=st.binary(max_size=600))
def test_arbitrary_bytes(fmt: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        b.write_folder(root / "folder", {TARGETS[fmt]: data})
        _outcome(root / "folder", fmt)
        single = root / Path(TARGETS[fmt]).name
        single.write_bytes(data)
        _outcome(single, fmt)
        zipped = b.write_zip(root / "d.zip", {TARGETS[fmt]: data, EXTRA[fmt]: data[::-1]})
        _outcome(zipped, fmt)


@pytest.mark.parametrize("fmt", sorted(TARGETS))
@SETTINGS
@given(value=shaped, other=shaped)
def test_arbitrary_json(fmt: str, value: Any, other: Any) -> None:
    text = json.dumps(value)
    if fmt == "x":
        text = f"window.YTD.tweets.part0 = {text}"
    elif fmt == "generic":
        text = "\n".join(json.dumps(v) for v in (value if isinstance(value, list) else [value]))
    elif fmt in ("linkedin", "reddit"):
        text = "text,body,ShareCommentary,id\n" + "\n".join(
            json.dumps(v) for v in (value if isinstance(value, list) else [value])
        )
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files = {TARGETS[fmt]: text.encode(), EXTRA[fmt]: json.dumps(other).encode()}
        _outcome(b.write_zip(root / "d.zip", files), fmt)


@SETTINGS
@given(data=st.binary(max_size=2000))
def test_arbitrary_bytes_as_a_zip_auto_detected(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "download.zip"
        path.write_bytes(b"PK\x03\x04" + data)
        _outcome_auto(path)


@SETTINGS
@given(cut=st.integers(min_value=0, max_value=10_000), fmt=st.sampled_from(sorted(TARGETS)))
def test_truncated_real_downloads(cut: int, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        whole = b.write_zip(Path(tmp) / "whole.zip", b.FORMATS[fmt]()).read_bytes()
        path = Path(tmp) / "cut.zip"
        path.write_bytes(whole[: cut % max(len(whole), 1)])
        _outcome_auto(path)


def _outcome_auto(path: Path) -> None:
    try:
        scan(path, PROFILE, REGISTRY, RULES, ScanOptions(only=["identity"]))
    except InputError as exc:
        assert exc.message and "\n" not in exc.message


@SETTINGS
@given(data=st.binary(max_size=400))
def test_car_reader_refuses_garbage_cleanly(data: bytes) -> None:
    try:
        car = CarFile(io.BytesIO(data))
        for root in car.roots:
            try:
                car.get(root)
            except CarError:
                pass
    except CarError:
        pass


@SETTINGS
@given(cut=st.integers(min_value=0, max_value=5000))
def test_truncated_car_is_refused(cut: int) -> None:
    whole = b.bluesky_car(b.bluesky_records())
    data = whole[: cut % len(whole)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "repo.car"
        path.write_bytes(data)
        _outcome(path, "bluesky")


# --------------------------------------------------------------------------- streaming JSON and mojibake


@settings(deadline=None)
@given(
    items=st.lists(json_values, max_size=12),
    chunk=st.integers(min_value=1, max_value=9),
    indent=st.sampled_from([None, 1]),
)
def test_streamed_array_equals_json_loads(items: list[Any], chunk: int, indent: int | None) -> None:
    original = jsonstream._CHUNK
    jsonstream._CHUNK = chunk  # tiny reads put every boundary inside a value somewhere
    try:
        text = json.dumps(items, indent=indent)
        assert list(jsonstream.iter_records(io.StringIO(text))) == items
        wrapped = json.dumps({"@context": "x", "orderedItems": items, "after": [1, 2]}, indent=indent)
        assert list(jsonstream.iter_records(io.StringIO(wrapped), ("orderedItems",))) == items
        ytd = f"window.YTD.tweets.part0 = {text};"
        assert list(jsonstream.iter_records(io.StringIO(ytd), after="=")) == items
    finally:
        jsonstream._CHUNK = original


@settings(deadline=None)
@given(text=st.text(max_size=200))
def test_streamed_json_refuses_arbitrary_text_cleanly(text: str) -> None:
    try:
        list(jsonstream.iter_records(io.StringIO(text)))
    except jsonstream.JsonStreamError as exc:
        assert str(exc).startswith("not valid JSON")


@given(text=st.text(max_size=50))
def test_mojibake_round_trip(text: str) -> None:
    mangled = text.encode("utf-8").decode("latin-1")
    assert fix_text(mangled) == text
