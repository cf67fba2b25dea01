"""Helpers for the source tests: read an account through the engine's own path, against respx routes."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import pytest
import respx

from footprint.engine import read_account
from footprint.http import Http, Limits
from footprint.models import Account, Outcome
from footprint.plugins import Registry, Source
from tests.conftest import fixture_file, make_profile

# Quick limits: no real waiting in unit tests, but the same retry logic.
FAST = Limits(connect_timeout=1.0, read_timeout=1.0, deadline=2.0, backoff=0.0, retries=2, retry_after_cap=1.0)


def raw(platform: str, name: str) -> bytes:
    """A fixture file's bytes."""
    return fixture_file(platform, name).read_bytes()


def data(platform: str, name: str) -> Any:
    """A JSON fixture, parsed."""
    return json.loads(raw(platform, name))


def read(
    source: type[Source],
    *,
    handle: str | None = None,
    url: str | None = None,
    base_url: str | None = None,
    max_posts: int = 200,
    max_age_days: int = 36500,
    allow_private: bool = False,
    limits: Limits = FAST,
) -> Outcome:
    """Read one account the way `footprint audit` does, failures turned into outcomes."""
    account = Account(platform=source.platform, handle=handle, url=url)
    profile = make_profile(
        accounts=[account.model_dump()], fetch={"max_posts": max_posts, "max_age_days": max_age_days}
    )
    endpoints = {source.platform: base_url} if base_url else {}

    async def go() -> Outcome:
        async with Http(
            limits=limits, resolve_dns=False, allow_private=allow_private, trusted_prefixes=endpoints.values()
        ) as http:
            return await read_account(account, profile, Registry(sources={source.platform: source}), http, endpoints)

    return asyncio.run(go())


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    """respx routes for one test; any request without a route fails the test."""
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as router:
        yield router
