"""The shared helpers hold for any input: handles stay one path segment, dates never raise, pages never crash."""

from __future__ import annotations

import datetime as dt

import httpx
from hypothesis import given
from hypothesis import strategies as st

from footprint.plugins.sources import block_page, parse_time, segment, urls_in
from footprint.sources._page import read_page
from tests.sources.conftest import raw


@given(st.text())
def test_a_handle_is_always_one_path_segment(handle: str) -> None:
    escaped = segment(handle)
    assert not any(c in escaped for c in "/?#\\ ") and escaped not in (".", "..")
    url = httpx.URL(f"https://api.example/users/{escaped}/events")
    assert url.host == "api.example" and url.path.startswith("/users/") and url.path.endswith("/events")


@given(st.one_of(st.text(), st.integers(), st.floats(allow_nan=True), st.none(), st.booleans()))
def test_parse_time_never_raises_and_is_aware(value: object) -> None:
    when = parse_time(value)
    assert when is None or when.tzinfo is not None


def test_parse_time_formats() -> None:
    utc = dt.UTC
    assert parse_time("2026-05-30T18:42:10.512Z") == dt.datetime(2026, 5, 30, 18, 42, 10, 512000, tzinfo=utc)
    assert parse_time("Sat, 30 May 2026 18:42:10 +0000") == dt.datetime(2026, 5, 30, 18, 42, 10, tzinfo=utc)
    assert parse_time(1748800000.0) == dt.datetime(2025, 6, 1, 17, 46, 40, tzinfo=utc)
    assert parse_time("2026-05-30T19:42:10") == dt.datetime(2026, 5, 30, 19, 42, 10, tzinfo=utc)
    assert parse_time("yesterday") is None and parse_time(True) is None


@given(st.text())
def test_read_page_never_crashes(markup: str) -> None:
    read_page(markup, "https://robinquill.example/")


def test_urls_in_plain_text() -> None:
    assert urls_in("see https://a.example/x, and http://b.example.") == ["https://a.example/x", "http://b.example"]


def test_block_pages_are_told_from_answers() -> None:
    page = raw("reddit", "blocked.html")
    html = {"content-type": "text/html"}
    assert block_page(httpx.Response(403, content=page, headers=html))
    assert not block_page(httpx.Response(200, content=page, headers=html))  # a blog post quoting one is not a wall
    assert not block_page(httpx.Response(403, json={"message": "Forbidden"}))
    assert block_page(httpx.Response(999, content=b"Request denied"))
