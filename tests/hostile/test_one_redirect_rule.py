"""One redirect rule for both clients: the sources' `Http` and discovery's `DiscoveryClient` refuse the same
redirects with the same words, because both ask `footprint.http.redirect_target` (issue 14, item 1)."""

from __future__ import annotations

import asyncio

import pytest

from footprint.discovery.client import ClientLimits, DiscoveryClient
from footprint.errors import SourceError
from footprint.http import Http, Limits, redirect_target
from tests.hostile import faultserver as fs


async def _through_http(base: str) -> str:
    async with Http(limits=Limits(retries=0), trusted_prefixes=[base]) as http:
        await http.get(f"{base}/u/jane")
    return "followed"


async def _through_discovery(base: str) -> str:
    async with DiscoveryClient(ClientLimits(site_timeout=3), trusted_prefixes=[base]) as client:
        await client.get(f"{base}/u/jane")
    return "followed"


@pytest.mark.parametrize(
    "target", ["http://10.0.0.1/u/jane", "http://169.254.169.254/latest", "http://foreign.example/u/jane"]
)
def test_a_trusted_endpoint_redirecting_elsewhere_is_refused_alike_by_both_clients(target: str) -> None:
    reasons = []
    for client in (_through_http, _through_discovery):
        with fs.serve(lambda path: fs.redirect(target)) as server:
            with pytest.raises(SourceError) as caught:
                asyncio.run(client(server.base))  # tests/conftest.py fails the test on any connect past loopback
            assert server.requests == ["/u/jane"]
        reasons.append(caught.value.reason.replace(server.base, "BASE"))
    assert reasons[0] == reasons[1] and "refused" in reasons[0]


def test_the_rule_itself() -> None:
    base = "http://127.0.0.1:8080/api"
    assert redirect_target(f"{base}/a", "/api/b", base, allow_private=False) == f"{base}/b"
    assert (
        redirect_target("https://site.example/a", "https://other.example/", None, allow_private=False)
        == "https://other.example/"
    )
    with pytest.raises(SourceError, match="trusting an endpoint does not extend"):
        redirect_target(f"{base}/a", "https://other.example/", base, allow_private=False)
    with pytest.raises(SourceError, match="refused to contact 10.0.0.1"):
        redirect_target(f"{base}/a", "http://10.0.0.1/", base, allow_private=False)
    with pytest.raises(SourceError, match="does not follow"):
        redirect_target("https://site.example/a", "file:///etc/passwd", None, allow_private=False)
    assert redirect_target(f"{base}/a", "https://other.example/", base, allow_private=True) == "https://other.example/"
