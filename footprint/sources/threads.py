"""Threads: login-walled, but accounts that share to the fediverse answer WebFinger.

A WebFinger answer proves the account exists and that its posts are being copied to fediverse
servers; no answer cannot tell "no such account" from "not sharing", and the reason says so.
"""

from __future__ import annotations

from footprint.http import parse_json
from footprint.plugins.sources import base_url
from footprint.sources.walled import WalledSource


class ThreadsSource(WalledSource):
    """Threads: checklist, plus a WebFinger check for fediverse sharing."""

    platform = "threads"
    default_base_url = "https://www.threads.net"

    async def probe(self, name: str) -> str:
        site = base_url(self.options, self.default_base_url or "")
        response = await self.http.get(
            f"{site}/.well-known/webfinger",
            params={"resource": f"acct:{name}@threads.net"},
            headers={"Accept": "application/jrd+json"},
        )
        if response.is_success:
            data = parse_json(response)
            links = data.get("links") if isinstance(data, dict) else None
            if isinstance(links, list) and any(isinstance(link, dict) and link.get("rel") == "self" for link in links):
                return (
                    f"Threads' WebFinger confirms that @{name} exists and shares its posts to the fediverse, "
                    "where other servers can copy and show them"
                )
        return (
            f"Threads' WebFinger does not know @{name}, which means either that it does not share to the fediverse "
            "or that it does not exist: a logged-out request cannot tell which"
        )
