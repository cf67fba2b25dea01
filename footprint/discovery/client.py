"""The discovery HTTP client: many small GETs to many hosts, fast, honest and bounded.

It keeps the manners of `footprint.http.Http` (the same honest User-Agent, TLS verification,
no cookies, a body cap, a redirect cap, and no private addresses unless allowed) but is
arranged for breadth rather than depth: httpx connection pools are sharded by host, because a
single pool slows down past about 50 connections (see bench/bench_discovery.py), and a probe
never retries or waits out a 429: a site that pushes back is reported as blocked.
"""

from __future__ import annotations

import asyncio
import http.cookiejar
import ipaddress
import socket
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from footprint.errors import SourceError
from footprint.http import USER_AGENT, _LOCAL_NAMES, _public_ip
from footprint.models import AccountStatus


@dataclass(frozen=True)
class ClientLimits:
    """Every bound the discovery client keeps."""

    connect_timeout: float = 5.0
    read_timeout: float = 8.0
    site_timeout: float = 10.0
    per_host: int = 2
    total: int = 128
    shards: int = 8
    max_bytes: int = 1_000_000
    max_redirects: int = 5


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


class Refused(Exception):
    """The address guard refused a request (private address)."""


class _NoCookies(http.cookiejar.DefaultCookiePolicy):
    def set_ok(self, cookie: http.cookiejar.Cookie, request: object) -> bool:  # type: ignore[override]
        return False


class DiscoveryClient:
    """Sharded async HTTP for discovery. Use as `async with DiscoveryClient() as client:`."""

    def __init__(
        self,
        limits: ClientLimits | None = None,
        *,
        allow_private: bool = False,
        trusted_prefixes: Iterable[str] = (),
        transport: httpx.AsyncBaseTransport | None = None,
        resolve_dns: bool | None = None,
    ) -> None:
        self.limits = limits or ClientLimits()
        self.allow_private = allow_private
        self.trusted = tuple(trusted_prefixes)
        self.resolve_dns = transport is None if resolve_dns is None else resolve_dns
        self._transport = transport
        self._clients: list[httpx.AsyncClient] = []
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._total = asyncio.Semaphore(self.limits.total)
        self._public: dict[str, bool] = {}

    async def __aenter__(self) -> DiscoveryClient:
        lim = self.limits
        shards = 1 if self._transport is not None else max(1, lim.shards)
        per_pool = max(lim.per_host, -(-lim.total // shards))
        for _ in range(shards):
            self._clients.append(
                httpx.AsyncClient(
                    transport=self._transport,
                    timeout=httpx.Timeout(lim.read_timeout, connect=lim.connect_timeout),
                    limits=httpx.Limits(max_connections=per_pool, max_keepalive_connections=per_pool),
                    follow_redirects=False,
                    headers={"User-Agent": USER_AGENT, "Accept-Language": "en-GB,en;q=0.8", "Accept": "text/html,application/json;q=0.9,*/*;q=0.5"},
                    cookies=httpx.Cookies(http.cookiejar.CookieJar(policy=_NoCookies())),
                    verify=True,
                    trust_env=False,
                )
            )
        return self

    async def __aexit__(self, *exc: object) -> None:
        await asyncio.gather(*(c.aclose() for c in self._clients), return_exceptions=True)
        self._clients.clear()

    def _client_for(self, host: str) -> httpx.AsyncClient:
        return self._clients[zlib.crc32(host.encode()) % len(self._clients)]

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
        if not self._clients:
            raise RuntimeError("DiscoveryClient is used outside `async with`")
        requested = url
        redirects = 0
        while True:
            host = urlsplit(url).netloc.lower()
            await self._guard(url)
            gate = self._hosts.setdefault(host, asyncio.Semaphore(self.limits.per_host))
            async with gate, self._total:
                try:
                    async with asyncio.timeout(timeout):
                        page = await self._once(url, requested, headers, redirects)
                except TimeoutError:
                    raise SourceError(AccountStatus.TIMED_OUT, f"no answer within {timeout:g} s") from None
            if not follow or page.status not in (301, 302, 303, 307, 308) or not page.location:
                return page
            if redirects >= self.limits.max_redirects:
                raise SourceError(AccountStatus.ERROR, f"more than {self.limits.max_redirects} redirects from {host}")
            url = page.location
            redirects += 1

    async def _once(self, url: str, requested: str, headers: dict[str, str] | None, redirects: int) -> Page:
        client = self._client_for(urlsplit(url).netloc.lower())
        try:
            request = client.build_request("GET", url, headers=headers)
            response = await client.send(request, stream=True)
        except httpx.TimeoutException:
            raise SourceError(AccountStatus.TIMED_OUT, f"{urlsplit(url).netloc} did not answer in time") from None
        except (httpx.TransportError, httpx.InvalidURL) as exc:
            reason = (str(exc) or type(exc).__name__).splitlines()[0][:100]
            raise SourceError(AccountStatus.ERROR, f"could not connect to {urlsplit(url).netloc}: {reason}") from None
        try:
            chunks: list[bytes] = []
            size = 0
            async for chunk in response.aiter_bytes():
                chunks.append(chunk)
                size += len(chunk)
                if size >= self.limits.max_bytes:
                    break  # NOTE: markers sit near the top of a profile page; the rest is not needed.
        except httpx.TimeoutException:
            raise SourceError(AccountStatus.TIMED_OUT, f"{urlsplit(url).netloc} stopped sending") from None
        except httpx.TransportError as exc:
            raise SourceError(AccountStatus.ERROR, f"{urlsplit(url).netloc} broke off: {type(exc).__name__}") from None
        finally:
            await response.aclose()
        raw = b"".join(chunks)[: self.limits.max_bytes]
        body = raw.decode(response.charset_encoding or "utf-8", errors="replace")
        return Page(
            status=response.status_code,
            url=url,
            requested=requested,
            body=body,
            location=str(httpx.URL(url).join(response.headers["location"])) if response.headers.get("location") else None,
            retry_after=response.headers.get("retry-after"),
            redirects=redirects,
        )

    # ------------------------------------------------------------------ address guard

    async def _guard(self, url: str) -> None:
        if self.allow_private or any(url.startswith(p) for p in self.trusted):
            return
        host = (urlsplit(url).hostname or "").lower()
        known = self._public.get(host)
        if known is None:
            known = await self._is_public(host)
            self._public[host] = known
        if not known:
            raise Refused(f"refused to contact {host}: a private, loopback or link-local address")

    async def _is_public(self, host: str) -> bool:
        if host == "localhost" or host.endswith(_LOCAL_NAMES):
            return False
        try:
            return _public_ip(ipaddress.ip_address(host.strip("[]")))
        except ValueError:
            pass
        if not self.resolve_dns:
            return True
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
        except OSError:
            return True  # the request itself fails with a clear connection error
        return all(_public_ip(ipaddress.ip_address(info[4][0])) for info in infos)
