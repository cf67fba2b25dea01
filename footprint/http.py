"""The one HTTP client every source shares: honest, bounded, polite and hard to misdirect.

One `httpx.AsyncClient` per audit with connect/read timeouts, a cap on concurrent requests
per host and overall, bounded retries with backoff on connection errors, 5xx and 429
(honouring Retry-After up to a cap), a size cap on every body, a cap on redirects, TLS
verification on, no cookies kept, and a User-Agent that names the tool. Requests to private,
loopback or link-local addresses are refused unless the user allowed them.

The address policy holds on every hop: redirects are followed by hand, each target is checked
(its name resolved) before it is asked, and the connection layer itself (`GuardedBackend`)
resolves the name again, refuses if any address is private and connects only to the checked
addresses, so a name that changes its answer between the check and the connection still cannot
reach a private address. An endpoint the user overrode (a local mirror) is trusted for what lies
below it, never for where it redirects: a redirect that leaves the endpoint is refused.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import ipaddress
import json
import random
import socket
import ssl
from collections.abc import Iterable
from concurrent.futures import Executor
from contextvars import ContextVar
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

from footprint import __version__
from footprint.errors import Refused, SourceError, Unreachable
from footprint.models import AccountStatus

USER_AGENT = f"footprint-audit/{__version__} (personal digital-footprint self-audit; no tracking)"
LOCAL_NAMES = ("localhost", ".localhost", ".local", ".internal", ".lan", ".home.arpa")
_REDIRECTS = (301, 302, 303, 307, 308)
_SECRET_HEADERS = ("authorization", "cookie", "proxy-authorization")

#: True while a request the policy lets reach private addresses (allowed, or a trusted endpoint) connects.
PRIVATE_OK: ContextVar[bool] = ContextVar("footprint_private_ok", default=False)


def refusal(host: str) -> Refused:
    return Refused(
        f"refused to contact {host}: it is a private, loopback or link-local address "
        "(override the endpoint or pass --allow-private-addresses)"
    )


async def checked_addresses(host: str, port: int | None = None, *, executor: Executor | None = None) -> tuple[str, ...]:
    """The addresses `host` resolves to, every one of them public, or `Refused`; an OSError when it does not
    resolve. `executor` runs the lookup (discovery resolves hundreds of names at once on its own pool)."""
    name = host.strip("[]").lower()
    if name == "localhost" or name.endswith(LOCAL_NAMES):
        raise refusal(name)
    try:
        ip = ipaddress.ip_address(name.split("%", 1)[0])
    except ValueError:
        ip = None
    if ip is not None:
        if not public_ip(ip):
            raise refusal(name)
        return (str(ip),)
    loop = asyncio.get_running_loop()
    if executor is None:
        infos = await loop.getaddrinfo(name, port, type=socket.SOCK_STREAM)
    else:
        infos = await loop.run_in_executor(
            executor, functools.partial(socket.getaddrinfo, name, port, type=socket.SOCK_STREAM)
        )
    addresses = tuple(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses or not all(public_ip(ipaddress.ip_address(a.split("%", 1)[0])) for a in addresses):
        raise refusal(name)
    return addresses


@functools.lru_cache(maxsize=1)
def tls_context() -> ssl.SSLContext:
    """The one TLS set-up, for the sources' client and discovery's alike: certificates verified against
    the CA bundle httpx uses (certifi). Built once: parsing the bundle is expensive."""
    try:
        import certifi

        return ssl.create_default_context(cafile=certifi.where())
    except ImportError:  # pragma: no cover - certifi comes with httpx
        return ssl.create_default_context()


def redirect_target(url: str, location: str, trusted: str | None, allow_private: bool) -> str:
    """Where a redirect from `url` leads, if footprint follows it; the one redirect rule for every client.

    Only an absolute http(s) address is followed, and a request that was trusted because it lay under an
    overridden endpoint (`trusted`) is never followed out of it: trust in an endpoint does not extend to
    where it redirects. Anything else is a `SourceError` (or `Refused`) with a one-line reason.
    """
    here = urlsplit(url).hostname or url
    try:
        target = httpx.URL(url).join(location.strip())
    except (httpx.InvalidURL, ValueError):
        raise SourceError(AccountStatus.ERROR, f"{here} redirected to an address that cannot be read") from None
    if target.scheme not in ("http", "https") or not target.host:
        raise SourceError(
            AccountStatus.ERROR, f"{here} redirected to {target.scheme or 'an'} address footprint does not follow"
        )
    if trusted is not None and not under(str(target), trusted) and not allow_private:
        if plainly_private(target.host):
            raise refusal(target.host)  # named as what it is; no name is looked up for a refused hop
        raise Refused(
            f"refused to follow a redirect from the overridden endpoint {trusted} to {target.host}: "
            "trusting an endpoint does not extend to where it redirects"
        )
    return str(target)


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network layer with the address policy at the moment of connecting.

    The name is resolved here, every address must be public (unless `PRIVATE_OK` is set for this
    request), and the connection goes to those checked addresses only; TLS still names the host.
    """

    def __init__(self, inner: httpcore.AsyncNetworkBackend) -> None:
        self._inner = inner

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.AsyncNetworkStream:
        if PRIVATE_OK.get():
            return await self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
        try:
            addresses = await checked_addresses(host, port)
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc.strerror or exc}") from None
        error: Exception | None = None
        for address in addresses:
            try:
                return await self._inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout, OSError) as exc:
                error = exc
        assert error is not None
        raise error

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.AsyncNetworkStream:
        raise Refused("refused to connect to a local socket")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def guarded_transport(**kwargs: Any) -> httpx.AsyncHTTPTransport:
    """An httpx transport whose every connection passes `GuardedBackend`."""
    transport = httpx.AsyncHTTPTransport(**kwargs)
    pool = transport._pool  # NOTE: httpx offers no public hook for httpcore's network backend
    pool._network_backend = GuardedBackend(pool._network_backend)
    return transport


@dataclass(frozen=True)
class Limits:
    """Every bound the client keeps, in one place."""

    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    deadline: float = 30.0  # one attempt, headers and body together: a server that drips bytes still ends
    account_deadline: float = 45.0  # every request for one account together (see engine.read_account)
    per_host: int = 4
    total: int = 32
    retries: int = 2
    backoff: float = 0.25
    retry_after_cap: float = 10.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5


class Http:
    """Shared async client. Use as `async with Http() as http:`."""

    def __init__(
        self,
        *,
        limits: Limits | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        allow_private: bool = False,
        trusted_prefixes: Iterable[str] = (),
        resolve_dns: bool | None = None,
    ) -> None:
        self.limits = limits or Limits()
        self.allow_private = allow_private
        self.trusted_prefixes = tuple(p.rstrip("/") for p in trusted_prefixes if p)
        # NOTE: resolving names to check for private addresses is only meaningful on the real
        # network; with an injected transport (demo, tests) no DNS is ever asked.
        self.resolve_dns = transport is None if resolve_dns is None else resolve_dns
        self._transport = transport
        self._client: httpx.AsyncClient | None = None
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._total = asyncio.Semaphore(self.limits.total)

    async def __aenter__(self) -> Http:
        lim = self.limits
        # A jar whose policy accepts no domain: Set-Cookie answers are dropped, nothing is sent back.
        no_cookies = CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))
        pool = httpx.Limits(max_connections=lim.total, max_keepalive_connections=lim.total)
        transport = self._transport or guarded_transport(verify=tls_context(), limits=pool, trust_env=False)
        self._client = httpx.AsyncClient(
            cookies=no_cookies,
            transport=transport,
            timeout=httpx.Timeout(lim.read_timeout, connect=lim.connect_timeout),
            limits=pool,
            follow_redirects=False,  # followed by hand in `_fetch`, each hop through the address policy
            headers={"User-Agent": USER_AGENT, "Accept-Language": "en-GB,en;q=0.8"},
            verify=True,
            trust_env=False,
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    # ------------------------------------------------------------------ requests

    async def get(
        self, url: str, *, params: dict[str, Any] | None = None, headers: dict[str, str] | None = None
    ) -> httpx.Response:
        """GET with retries; returns the response (any status) with its body read under the size cap.

        Raises `SourceError` for outcomes that are not an answer: timeouts, connection
        failures, redirect loops, oversized bodies, and 429/5xx that outlast the retries.
        """
        if self._client is None:
            raise RuntimeError("Http is used outside `async with`")
        host = urlsplit(url).netloc
        gate = self._hosts.setdefault(host, asyncio.Semaphore(self.limits.per_host))
        attempt = 0
        while True:
            # NOTE: the host's gate is taken before the global one, so requests queued for one
            # busy host never hold global places that requests to other hosts could use.
            async with gate, self._total:
                try:
                    async with asyncio.timeout(self.limits.deadline):
                        response = await self._fetch(url, params, headers)
                except httpx.TooManyRedirects:
                    raise SourceError(
                        AccountStatus.ERROR, f"{host} redirected too many times (a redirect loop?)"
                    ) from None
                except (TimeoutError, httpx.ReadTimeout, httpx.WriteTimeout, httpx.PoolTimeout):
                    # A server that accepted the request but is too slow is not retried: it would
                    # only multiply the wait. Connection failures below are retried.
                    raise SourceError(AccountStatus.TIMED_OUT, f"{host} did not answer in time") from None
                except httpx.ConnectTimeout:
                    if attempt >= self.limits.retries:
                        raise SourceError(
                            AccountStatus.TIMED_OUT, f"{host} did not accept a connection in time"
                        ) from None
                    response = None
                except httpx.UnsupportedProtocol:
                    raise SourceError(
                        AccountStatus.ERROR, f"cannot fetch {url!r}: only http and https are supported"
                    ) from None
                except httpx.TransportError as exc:
                    if attempt >= self.limits.retries:
                        failed = _failed_host(exc, host)
                        raise Unreachable(f"could not connect to {failed}: {_short(exc)}") from None
                    response = None
            if response is not None and not _retryable(response.status_code):
                return response
            if attempt >= self.limits.retries:
                assert response is not None
                if response.status_code == 429:
                    raise SourceError(AccountStatus.RATE_LIMITED, f"{host} is rate limiting requests (429)")
                raise SourceError(
                    AccountStatus.ERROR, f"{host} answered {response.status_code} after {attempt + 1} tries"
                )
            delay = self.limits.backoff * (2**attempt) * (1 + random.random() / 4)
            wanted = _retry_after(response) if response is not None else None
            if response is not None and response.status_code == 429 and wanted is None and _budget_spent(response):
                raise SourceError(AccountStatus.RATE_LIMITED, f"{host} says the request budget is used up (429)")
            if wanted is not None and wanted > self.limits.retry_after_cap:
                assert response is not None
                status = AccountStatus.RATE_LIMITED if response.status_code == 429 else AccountStatus.ERROR
                raise SourceError(
                    status, f"{host} asks to wait {wanted:.0f} s before trying again ({response.status_code})"
                )
            delay = max(delay, wanted or 0.0)
            attempt += 1
            await asyncio.sleep(delay)

    async def get_json(
        self, url: str, *, params: dict[str, Any] | None = None, headers: dict[str, str] | None = None
    ) -> tuple[Any, httpx.Response]:
        """GET and parse JSON for a 2xx answer; other statuses are returned with `None` data."""
        response = await self.get(url, params=params, headers={"Accept": "application/json", **(headers or {})})
        if not response.is_success:
            return None, response
        return parse_json(response), response

    async def _fetch(self, url: str, params: dict[str, Any] | None, headers: dict[str, str] | None) -> httpx.Response:
        assert self._client is not None
        request = self._client.build_request("GET", url, params=params, headers=headers)
        response = await self._follow(request)
        try:
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > self.limits.max_bytes:
                raise SourceError(
                    AccountStatus.MALFORMED,
                    f"{request.url.host} sent a body larger than {self.limits.max_bytes:,} bytes",
                )
            chunks: list[bytes] = []
            size = 0
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > self.limits.max_bytes:
                    raise SourceError(
                        AccountStatus.MALFORMED,
                        f"{request.url.host} sent a body larger than {self.limits.max_bytes:,} bytes",
                    )
                chunks.append(chunk)
        finally:
            await response.aclose()
        # NOTE: the body is counted after decompression, so a small gzip bomb meets the cap too;
        # the rebuilt response carries the decoded bytes, hence no content-encoding header.
        kept = [
            (k, v) for k, v in response.headers.multi_items() if k.lower() not in ("content-encoding", "content-length")
        ]
        decoded = httpx.Response(
            response.status_code,
            headers=kept,
            content=b"".join(chunks),
            request=response.request,
            history=response.history,
        )
        return decoded

    async def _follow(self, request: httpx.Request) -> httpx.Response:
        """Send `request`, following redirects by hand: every hop passes the address policy first."""
        assert self._client is not None
        trusted = next((p for p in self.trusted_prefixes if under(str(request.url), p)), None)
        history: list[httpx.Response] = []
        while True:
            private_ok = self.allow_private or (trusted is not None and under(str(request.url), trusted))
            if not private_ok:
                await self._check(request.url.host)
            token = PRIVATE_OK.set(private_ok)
            try:
                response = await self._client.send(request, stream=True)
            except httpx.RemoteProtocolError as exc:
                if "location header" not in str(exc):
                    raise
                raise SourceError(
                    AccountStatus.ERROR, f"{request.url.host} redirected to an address that cannot be read"
                ) from None
            finally:
                PRIVATE_OK.reset(token)
            response.history = list(history)
            location = response.headers.get("location")
            if response.status_code not in _REDIRECTS or not location:
                return response
            await response.aclose()
            if len(history) >= self.limits.max_redirects:
                raise httpx.TooManyRedirects("too many redirects", request=request)
            target = httpx.URL(redirect_target(str(request.url), location, trusted, self.allow_private))
            headers = httpx.Headers(request.headers)
            if (target.scheme, target.host, target.port) != (request.url.scheme, request.url.host, request.url.port):
                for name in _SECRET_HEADERS:
                    headers.pop(name, None)
            headers.pop("host", None)
            history.append(response)
            request = self._client.build_request("GET", target, headers=headers)

    async def _check(self, host: str) -> None:
        """Refuse a host that is (or resolves to) a private address; names that do not resolve fail later."""
        if self.resolve_dns:
            try:
                await checked_addresses(host)
            except OSError:
                pass  # NOTE: the connection itself fails with a clear error (and the backend checks again)
        elif plainly_private(host):  # no lookup (an injected transport): names and literals only
            raise refusal(host)


def plainly_private(host: str) -> bool:
    """True for a local name or a non-public address literal (no lookup)."""
    name = host.strip("[]").lower()
    if name == "localhost" or name.endswith(LOCAL_NAMES):
        return True
    try:
        return not public_ip(ipaddress.ip_address(name.split("%", 1)[0]))
    except ValueError:
        return False


def under(url: str, prefix: str) -> bool:
    """True when `url` is `prefix` or lies below it (not merely shares its first characters)."""
    return url == prefix or url.startswith((prefix + "/", prefix + "?"))


def public_ip(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return not (
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast or ip.is_unspecified
    )


def _retryable(status: int) -> bool:
    return status == 429 or status in (500, 502, 503, 504)


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


def _budget_spent(response: httpx.Response) -> bool:
    """True when rate-limit headers say nothing is left, so retrying soon cannot help."""
    return "0" in (response.headers.get("x-ratelimit-remaining"), response.headers.get("ratelimit-remaining"))


def _failed_host(exc: httpx.TransportError, fallback: str) -> str:
    """The host of the request that failed (a redirect's target, not the first address asked)."""
    try:
        return exc.request.url.netloc.decode("ascii", "replace") or fallback
    except RuntimeError:
        return fallback


def _short(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0][:120]


def parse_json(response: httpx.Response) -> Any:
    """The body as JSON, or a MALFORMED SourceError saying what came instead."""
    try:
        return json.loads(response.content)
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: nested past any real answer
        kind = response.headers.get("content-type", "unknown content").split(";")[0].strip()
        what = "JSON that cannot be parsed" if "json" in kind.lower() else f"{kind} where JSON was expected"
        raise SourceError(AccountStatus.MALFORMED, f"{response.url.host} sent {what}") from None
