"""The one HTTP client every source shares: honest, bounded, polite and hard to misdirect.

One `httpx.AsyncClient` per audit with connect/read timeouts, a cap on concurrent requests
per host and overall, bounded retries with backoff on connection errors, 5xx and 429
(honouring Retry-After up to a cap), a size cap on every body, a cap on redirects, TLS
verification on, no cookies kept, and a User-Agent that names the tool. Requests to private,
loopback or link-local addresses are refused unless the user allowed them.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import json
import random
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import Any
from urllib.parse import urlsplit

import httpx

from footprint import __version__
from footprint.errors import SourceError
from footprint.models import AccountStatus

USER_AGENT = f"footprint-audit/{__version__} (personal digital-footprint self-audit; no tracking)"
_LOCAL_NAMES = ("localhost", ".localhost", ".local", ".internal", ".lan", ".home.arpa")


@dataclass(frozen=True)
class Limits:
    """Every bound the client keeps, in one place."""

    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    deadline: float = 30.0  # one attempt, headers and body together: a server that drips bytes still ends
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
        self._client = httpx.AsyncClient(
            cookies=no_cookies,
            transport=self._transport,
            timeout=httpx.Timeout(lim.read_timeout, connect=lim.connect_timeout),
            limits=httpx.Limits(max_connections=lim.total, max_keepalive_connections=lim.total),
            follow_redirects=True,
            max_redirects=lim.max_redirects,
            headers={"User-Agent": USER_AGENT, "Accept-Language": "en-GB,en;q=0.8"},
            verify=True,
            trust_env=False,
            event_hooks={"request": [self._guard]},
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    # ------------------------------------------------------------------ requests

    async def get(self, url: str, *, params: dict[str, Any] | None = None, headers: dict[str, str] | None = None) -> httpx.Response:
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
                    raise SourceError(AccountStatus.ERROR, f"{host} redirected too many times (a redirect loop?)") from None
                except (TimeoutError, httpx.ReadTimeout, httpx.WriteTimeout, httpx.PoolTimeout):
                    # A server that accepted the request but is too slow is not retried: it would
                    # only multiply the wait. Connection failures below are retried.
                    raise SourceError(AccountStatus.TIMED_OUT, f"{host} did not answer in time") from None
                except httpx.ConnectTimeout:
                    if attempt >= self.limits.retries:
                        raise SourceError(AccountStatus.TIMED_OUT, f"{host} did not accept a connection in time") from None
                    response = None
                except httpx.UnsupportedProtocol:
                    raise SourceError(AccountStatus.ERROR, f"cannot fetch {url!r}: only http and https are supported") from None
                except httpx.TransportError as exc:
                    if attempt >= self.limits.retries:
                        raise SourceError(AccountStatus.ERROR, f"could not connect to {host}: {_short(exc)}") from None
                    response = None
            if response is not None and not _retryable(response.status_code):
                return response
            if attempt >= self.limits.retries:
                assert response is not None
                if response.status_code == 429:
                    raise SourceError(AccountStatus.RATE_LIMITED, f"{host} is rate limiting requests (429)")
                raise SourceError(AccountStatus.ERROR, f"{host} answered {response.status_code} after {attempt + 1} tries")
            delay = self.limits.backoff * (2**attempt) * (1 + random.random() / 4)
            wanted = _retry_after(response) if response is not None else None
            if response is not None and response.status_code == 429 and wanted is None and _budget_spent(response):
                raise SourceError(AccountStatus.RATE_LIMITED, f"{host} says the request budget is used up (429)")
            if wanted is not None and wanted > self.limits.retry_after_cap:
                assert response is not None
                status = AccountStatus.RATE_LIMITED if response.status_code == 429 else AccountStatus.ERROR
                raise SourceError(status, f"{host} asks to wait {wanted:.0f} s before trying again ({response.status_code})")
            delay = max(delay, wanted or 0.0)
            attempt += 1
            await asyncio.sleep(delay)

    async def get_json(self, url: str, *, params: dict[str, Any] | None = None, headers: dict[str, str] | None = None) -> tuple[Any, httpx.Response]:
        """GET and parse JSON for a 2xx answer; other statuses are returned with `None` data."""
        response = await self.get(url, params=params, headers={"Accept": "application/json", **(headers or {})})
        if not response.is_success:
            return None, response
        return parse_json(response), response

    async def _fetch(self, url: str, params: dict[str, Any] | None, headers: dict[str, str] | None) -> httpx.Response:
        assert self._client is not None
        request = self._client.build_request("GET", url, params=params, headers=headers)
        response = await self._client.send(request, stream=True)
        try:
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > self.limits.max_bytes:
                raise SourceError(AccountStatus.MALFORMED, f"{request.url.host} sent a body larger than {self.limits.max_bytes:,} bytes")
            chunks: list[bytes] = []
            size = 0
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > self.limits.max_bytes:
                    raise SourceError(AccountStatus.MALFORMED, f"{request.url.host} sent a body larger than {self.limits.max_bytes:,} bytes")
                chunks.append(chunk)
        finally:
            await response.aclose()
        # NOTE: the body is counted after decompression, so a small gzip bomb meets the cap too;
        # the rebuilt response carries the decoded bytes, hence no content-encoding header.
        headers = [(k, v) for k, v in response.headers.multi_items() if k.lower() not in ("content-encoding", "content-length")]
        decoded = httpx.Response(
            response.status_code, headers=headers, content=b"".join(chunks), request=response.request, history=response.history
        )
        return decoded

    # ------------------------------------------------------------------ address guard

    async def _guard(self, request: httpx.Request) -> None:
        url = str(request.url)
        if self.allow_private or any(_under(url, p) for p in self.trusted_prefixes):
            return
        host = request.url.host
        if not await self._is_public(host):
            raise SourceError(
                AccountStatus.ERROR,
                f"refused to contact {host}: it is a private, loopback or link-local address "
                "(override the endpoint or pass --allow-private-addresses)",
            )

    async def _is_public(self, host: str) -> bool:
        name = host.strip("[]").lower()
        if name == "localhost" or name.endswith(_LOCAL_NAMES):
            return False
        try:
            return _public_ip(ipaddress.ip_address(name))
        except ValueError:
            pass
        if not self.resolve_dns:
            return True
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(name, None, type=socket.SOCK_STREAM)
        except OSError:
            return True  # the request itself will fail with a clear connection error
        return all(_public_ip(ipaddress.ip_address(info[4][0])) for info in infos)


def _under(url: str, prefix: str) -> bool:
    """True when `url` is `prefix` or lies below it (not merely shares its first characters)."""
    return url == prefix or url.startswith((prefix + "/", prefix + "?"))


def _public_ip(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast or ip.is_unspecified)


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
        when = when.replace(tzinfo=dt.timezone.utc)
    return max(0.0, (when - dt.datetime.now(dt.timezone.utc)).total_seconds())


def _budget_spent(response: httpx.Response) -> bool:
    """True when rate-limit headers say nothing is left, so retrying soon cannot help."""
    return "0" in (response.headers.get("x-ratelimit-remaining"), response.headers.get("ratelimit-remaining"))


def _short(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0][:120]


def parse_json(response: httpx.Response) -> Any:
    """The body as JSON, or a MALFORMED SourceError saying what came instead."""
    try:
        return json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        kind = response.headers.get("content-type", "unknown content").split(";")[0].strip()
        what = "JSON that cannot be parsed" if "json" in kind.lower() else f"{kind} where JSON was expected"
        raise SourceError(AccountStatus.MALFORMED, f"{response.url.host} sent {what}") from None
