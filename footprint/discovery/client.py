"""The discovery HTTP client: many small GETs to many hosts, fast, honest and bounded.

It keeps the manners of `footprint.http.Http` (the same honest User-Agent, TLS verification,
no cookies, a body cap, a redirect cap, and no private addresses unless allowed) but is
arranged for breadth rather than depth: httpx connection pools are sharded by host, because a
single pool slows down past about 50 connections (see bench/bench_discovery.py), and a probe
never retries or waits out a 429: a site that pushes back is reported as blocked.
"""

from __future__ import annotations

import asyncio
import functools
import http.cookiejar
import ipaddress
import socket
import ssl
import zlib
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from footprint.errors import SourceError
from footprint.http import PRIVATE_OK, USER_AGENT, _LOCAL_NAMES, GuardedBackend, _plainly_private, _public_ip, _under
from footprint.discovery.wire import WireEngine
from footprint.models import AccountStatus


_HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html,application/json;q=0.9,*/*;q=0.5",
    "Accept-Language": "en-GB,en;q=0.8",
    "Accept-Encoding": "gzip, deflate",
}


@dataclass(frozen=True)
class ClientLimits:
    """Every bound the discovery client keeps."""

    connect_timeout: float = 5.0
    read_timeout: float = 8.0
    site_timeout: float = 10.0
    per_host: int = 2
    total: int = 256
    shards: int = 32
    max_bytes: int = 1_000_000
    max_redirects: int = 5
    engine: str = "wire"  # "wire" (h11 on asyncio streams) or "httpx" (sharded pools); see bench/bench_discovery.py


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


class ShardedTransport(httpx.AsyncBaseTransport):
    """Several httpx connection pools, each host always served by the same one.

    NOTE: one httpcore pool scans its whole connection list on every request, so a single
    pool of a few hundred connections spends its time on bookkeeping (bench/bench_discovery.py
    measures it). Small pools picked by a hash of the host keep each scan short and keep-alive
    working for the several names probed on one site. All pools share one TLS context, which
    is expensive to build (the CA bundle is parsed once, not once per pool).
    """

    def __init__(self, shards: int, per_pool: int, tls: ssl.SSLContext | None = None) -> None:
        context = tls or _tls_context()
        limits = httpx.Limits(max_connections=per_pool, max_keepalive_connections=per_pool)
        self._pools = [httpx.AsyncHTTPTransport(verify=context, limits=limits, trust_env=False) for _ in range(max(1, shards))]
        for pool in self._pools:
            # NOTE: every connection passes the address policy as it is made (see footprint.http.GuardedBackend).
            inner = pool._pool
            inner._network_backend = GuardedBackend(inner._network_backend)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        pool = self._pools[zlib.crc32(request.url.netloc) % len(self._pools)]
        return await pool.handle_async_request(request)

    async def aclose(self) -> None:
        await asyncio.gather(*(pool.aclose() for pool in self._pools), return_exceptions=True)


def _tls_context() -> ssl.SSLContext:
    """Certificate verification on, with the same CA bundle httpx uses by default."""
    try:
        import certifi

        return ssl.create_default_context(cafile=certifi.where())
    except ImportError:  # pragma: no cover - certifi comes with httpx
        return ssl.create_default_context()


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
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self.limits = limits or ClientLimits()
        self.tls = tls  # None: verify against the CA bundle httpx uses (certifi)
        self.allow_private = allow_private
        self.trusted = tuple(trusted_prefixes)
        self.resolve_dns = transport is None if resolve_dns is None else resolve_dns
        self._transport = transport
        self._client: httpx.AsyncClient | None = None
        self._wire: WireEngine | None = None
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._total = asyncio.Semaphore(self.limits.total)
        self._public: dict[str, tuple[str, ...] | bool] = {}
        self._dns: ThreadPoolExecutor | None = None

    async def __aenter__(self) -> DiscoveryClient:
        lim = self.limits
        if self._transport is None and lim.engine == "wire":
            self._wire = WireEngine(
                headers=dict(_HEADERS), connect_timeout=lim.connect_timeout, max_bytes=lim.max_bytes, tls=self.tls
            )
            return self
        transport = self._transport or ShardedTransport(
            lim.shards, max(lim.per_host, -(-lim.total // lim.shards)), self.tls
        )
        self._client = httpx.AsyncClient(
            transport=transport,
            timeout=httpx.Timeout(lim.read_timeout, connect=lim.connect_timeout),
            follow_redirects=False,
            headers=dict(_HEADERS),
            # NOTE: a bare CookieJar keeps its policy; wrapping it in httpx.Cookies would copy it into a default jar.
            cookies=http.cookiejar.CookieJar(policy=_NoCookies()),
            trust_env=False,
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._dns is not None:
            self._dns.shutdown(wait=False, cancel_futures=True)
            self._dns = None
        if self._wire is not None:
            await self._wire.aclose()
            self._wire = None
        if self._client is not None:
            await self._client.aclose()
            self._client = None

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
        if self._client is None and self._wire is None:
            raise RuntimeError("DiscoveryClient is used outside `async with`")
        requested = url
        redirects = 0
        trusted = self._trusted(url)
        while True:
            host = urlsplit(url).netloc.lower()
            if trusted is not None and not _under(url, trusted) and not self.allow_private:
                # NOTE: trusting a sites file's private endpoint never extends to where it redirects.
                if _plainly_private(urlsplit(url).hostname or ""):
                    raise Refused(f"refused to contact {urlsplit(url).hostname}: a private, loopback or link-local address")
                raise Refused(f"refused to follow a redirect from {trusted} to {host}: trust in an endpoint does not extend to its redirects")
            addresses = await self._guard(url)
            gate = self._hosts.setdefault(host, asyncio.Semaphore(self.limits.per_host))
            async with gate, self._total:
                try:
                    async with asyncio.timeout(timeout):
                        page = await self._once(url, requested, headers, redirects, addresses)
                except TimeoutError:
                    raise SourceError(AccountStatus.TIMED_OUT, f"no answer within {timeout:g} s") from None
            if not follow or page.status not in (301, 302, 303, 307, 308) or not page.location:
                return page
            if redirects >= self.limits.max_redirects:
                raise SourceError(AccountStatus.ERROR, f"more than {self.limits.max_redirects} redirects from {host}")
            url = page.location
            redirects += 1

    async def _once(
        self, url: str, requested: str, headers: dict[str, str] | None, redirects: int, addresses: tuple[str, ...] = ()
    ) -> Page:
        if self._wire is not None:
            answer = await self._wire.get(url, headers, addresses)
            location = answer.headers.get("location")
            return Page(
                status=answer.status,
                url=url,
                requested=requested,
                body=answer.body,
                location=_join(url, location),
                retry_after=answer.headers.get("retry-after"),
                redirects=redirects,
            )
        client = self._client
        assert client is not None
        token = PRIVATE_OK.set(self.allow_private or self._trusted(url) is not None)
        try:
            request = client.build_request("GET", url, headers=headers)
            response = await client.send(request, stream=True)
        except httpx.TimeoutException:
            raise SourceError(AccountStatus.TIMED_OUT, f"{urlsplit(url).netloc} did not answer in time") from None
        except (httpx.TransportError, httpx.InvalidURL) as exc:
            if isinstance(exc, httpx.RemoteProtocolError) and "location header" in str(exc):
                raise SourceError(AccountStatus.ERROR, f"{urlsplit(url).netloc} redirected to an address that cannot be read") from None
            reason = (str(exc) or type(exc).__name__).splitlines()[0][:100]
            raise SourceError(AccountStatus.ERROR, f"could not connect to {urlsplit(url).netloc}: {reason}") from None
        finally:
            PRIVATE_OK.reset(token)
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
            location=_join(url, response.headers.get("location")),
            retry_after=response.headers.get("retry-after"),
            redirects=redirects,
        )

    # ------------------------------------------------------------------ address guard

    def _trusted(self, url: str) -> str | None:
        return next((p.rstrip("/") for p in self.trusted if _under(url, p.rstrip("/"))), None)

    async def _guard(self, url: str) -> tuple[str, ...]:
        """Refuse private addresses; return the checked addresses to connect to (empty: let the OS resolve)."""
        if self.allow_private or self._trusted(url) is not None:
            return ()
        host = (urlsplit(url).hostname or "").lower()
        known = self._public.get(host)
        if known is None:
            known = await self._resolve(host)
            self._public[host] = known
        if known is False:
            raise Refused(f"refused to contact {host}: a private, loopback or link-local address")
        return known

    async def _resolve(self, host: str) -> tuple[str, ...] | bool:
        """False for a private host; else the addresses it resolved to (empty when not resolved here)."""
        if host == "localhost" or host.endswith(_LOCAL_NAMES):
            return False
        try:
            return () if _public_ip(ipaddress.ip_address(host.strip("[]"))) else False
        except ValueError:
            pass
        if not self.resolve_dns:
            return ()
        if self._dns is None:
            # NOTE: asyncio's default executor has cpu+4 threads; a few hundred hosts resolve far
            # faster with more, and the lookups are I/O waits, not work.
            self._dns = ThreadPoolExecutor(max_workers=32, thread_name_prefix="footprint-dns")
        try:
            lookup = functools.partial(socket.getaddrinfo, host, None, type=socket.SOCK_STREAM)
            infos = await asyncio.get_running_loop().run_in_executor(self._dns, lookup)
        except OSError as exc:
            # NOTE: never "let the OS resolve it later": that second answer would not have been checked.
            raise SourceError(AccountStatus.ERROR, f"could not resolve {host}: {exc.strerror or exc}") from None
        addresses = tuple(dict.fromkeys(str(info[4][0]) for info in infos))
        if not all(_public_ip(ipaddress.ip_address(a)) for a in addresses):
            return False
        # NOTE: the wire engine connects to exactly these checked addresses (TLS still names the host),
        # so a second lookup cannot swap in a private address between the check and the connection.
        return addresses


def _join(url: str, location: str | None) -> str | None:
    """The absolute http(s) redirect target, None for another scheme, a SourceError for a broken address."""
    if not location:
        return None
    try:
        target = httpx.URL(url).join(location.strip())
    except (httpx.InvalidURL, ValueError):
        raise SourceError(AccountStatus.ERROR, f"{urlsplit(url).netloc} redirected to an address that cannot be read") from None
    return str(target) if target.scheme in ("http", "https") and target.host else None
