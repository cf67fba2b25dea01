"""The discovery HTTP client: many small GETs to many hosts, fast, honest and bounded.

It keeps the manners of `footprint.http.Http` and shares its rules: the same honest User-Agent,
the one TLS set-up (`tls_context`), the one address policy (`checked_addresses`: every address a
name resolves to must be public, unless allowed) and the one redirect rule (`redirect_target`: an
overridden endpoint is trusted for what lies below it, never for where it redirects). It is
arranged for breadth rather than depth: h11 on asyncio streams (`wire.py`), keep-alive per host,
no cookies, a body cap, and a probe that never retries or waits out a 429 (a site that pushes back
is reported as blocked). bench/bench_discovery.py measured it against sharded httpx pools, which
cost about four times the CPU per request; those are gone.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from footprint.discovery.wire import WireEngine
from footprint.errors import SourceError
from footprint.http import (
    USER_AGENT,
    Limits,
    Refused,
    checked_addresses,
    plainly_private,
    redirect_target,
    refusal,
    tls_context,
    under,
)
from footprint.models import AccountStatus

__all__ = ["ClientLimits", "DiscoveryClient", "Page", "Refused"]

_HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html,application/json;q=0.9,*/*;q=0.5",
    "Accept-Language": "en-GB,en;q=0.8",
    "Accept-Encoding": "gzip, deflate",
}
_REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True)
class ClientLimits(Limits):
    """The shared client bounds (`footprint.http.Limits`) with discovery's values: many hosts, small pages,
    one try each; `site_timeout` bounds each site's answer once it holds its connection slots."""

    per_host: int = 2
    total: int = 256
    max_bytes: int = 1_000_000
    retries: int = 0
    site_timeout: float = 10.0


@dataclass(frozen=True)
class Page:
    """What came back for one request: enough to classify it, nothing more."""

    status: int
    url: str
    requested: str
    body: str
    location: str | None = None
    retry_after: str | None = None
    redirects: int = 0


class DiscoveryClient:
    """Async HTTP for discovery. Use as `async with DiscoveryClient() as client:`."""

    def __init__(
        self,
        limits: ClientLimits | None = None,
        *,
        allow_private: bool = False,
        trusted_prefixes: Iterable[str] = (),
        resolve_dns: bool = True,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self.limits = limits or ClientLimits()
        self.tls = tls  # None: the shared set-up (footprint.http.tls_context)
        self.allow_private = allow_private
        self.trusted = tuple(p.rstrip("/") for p in trusted_prefixes if p)
        self.resolve_dns = resolve_dns
        self._wire: WireEngine | None = None
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._total = asyncio.Semaphore(self.limits.total)
        self._public: dict[str, tuple[str, ...] | Refused] = {}
        self._dns: ThreadPoolExecutor | None = None

    async def __aenter__(self) -> DiscoveryClient:
        lim = self.limits
        self._wire = WireEngine(
            headers=dict(_HEADERS),
            connect_timeout=lim.connect_timeout,
            max_bytes=lim.max_bytes,
            tls=self.tls or tls_context(),
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._dns is not None:
            self._dns.shutdown(wait=False, cancel_futures=True)
            self._dns = None
        if self._wire is not None:
            await self._wire.aclose()
            self._wire = None

    async def get(
        self, url: str, *, headers: dict[str, str] | None = None, follow: bool = True, timeout: float | None = None
    ) -> Page:
        """One GET, redirects followed by hand (each hop guarded), body read up to the cap.

        Raises `SourceError` for timeouts and connection failures and `Refused` for a private
        address. `timeout` (default: the per-site timeout) bounds each hop once it holds its
        connection slots, so waiting behind a slow site on the same host never counts against
        the next one.
        """
        timeout = self.limits.site_timeout if timeout is None else timeout
        if self._wire is None:
            raise RuntimeError("DiscoveryClient is used outside `async with`")
        requested = url
        redirects = 0
        trusted = self._trusted(url)
        while True:
            host = urlsplit(url).netloc.lower()
            addresses = await self._guard(url, trusted)
            gate = self._hosts.setdefault(host, asyncio.Semaphore(self.limits.per_host))
            async with gate, self._total:
                try:
                    async with asyncio.timeout(timeout):
                        answer = await self._wire.get(url, headers, addresses)
                except TimeoutError:
                    raise SourceError(AccountStatus.TIMED_OUT, f"no answer within {timeout:g} s") from None
            page = Page(
                status=answer.status,
                url=url,
                requested=requested,
                body=answer.body,
                location=_join(url, answer.headers.get("location")),
                retry_after=answer.headers.get("retry-after"),
                redirects=redirects,
            )
            if not follow or page.status not in _REDIRECTS or not page.location:
                return page
            if redirects >= self.limits.max_redirects:
                raise SourceError(AccountStatus.ERROR, f"more than {self.limits.max_redirects} redirects from {host}")
            url = redirect_target(url, page.location, trusted, self.allow_private)
            redirects += 1

    # ------------------------------------------------------------------ address guard

    def _trusted(self, url: str) -> str | None:
        return next((p for p in self.trusted if under(url, p)), None)

    async def _guard(self, url: str, trusted: str | None) -> tuple[str, ...]:
        """The checked addresses to connect to (empty: the name itself, for an allowed or trusted request),
        or `Refused` for a private one. Each host is looked up once per run."""
        if self.allow_private or (trusted is not None and under(url, trusted)):
            return ()
        host = (urlsplit(url).hostname or "").lower()
        known = self._public.get(host)
        if known is None:
            known = await self._resolve(host)
            self._public[host] = known
        if isinstance(known, Refused):
            raise known
        return known

    async def _resolve(self, host: str) -> tuple[str, ...] | Refused:
        if not self.resolve_dns:
            return refusal(host) if plainly_private(host) else ()
        if self._dns is None:
            # NOTE: asyncio's default executor has cpu+4 threads; a few hundred hosts resolve far
            # faster with more, and the lookups are I/O waits, not work.
            self._dns = ThreadPoolExecutor(max_workers=32, thread_name_prefix="footprint-dns")
        try:
            # NOTE: the wire engine connects to exactly these checked addresses (TLS still names the host),
            # so a second lookup cannot swap in a private address between the check and the connection.
            return await checked_addresses(host, executor=self._dns)
        except Refused as refused:
            return refused
        except OSError as exc:
            # NOTE: never "let the OS resolve it later": that second answer would not have been checked.
            raise SourceError(AccountStatus.ERROR, f"could not resolve {host}: {exc.strerror or exc}") from None


def _join(url: str, location: str | None) -> str | None:
    """The absolute http(s) redirect target, None for another scheme, a SourceError for a broken address."""
    if not location:
        return None
    try:
        target = httpx.URL(url).join(location.strip())
    except (httpx.InvalidURL, ValueError):
        raise SourceError(
            AccountStatus.ERROR, f"{urlsplit(url).netloc} redirected to an address that cannot be read"
        ) from None
    return str(target) if target.scheme in ("http", "https") and target.host else None
