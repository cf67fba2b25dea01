"""A lean HTTP/1.1 GET for discovery: asyncio streams + h11, keep-alive per host, TLS verified.

Discovery makes a thousand small GETs to a thousand hosts. Through httpx each costs about
1.3 ms of CPU (pool bookkeeping, anyio and sniffio layers); with h11 straight on asyncio
streams it costs about 0.3 ms, which is the difference between meeting the 400 sites/s target
on a small machine and not (bench/bench_discovery.py measures both). This module does only
what a probe needs: GET, the body up to a cap (gzip and deflate decoded under the same cap),
one retry when a kept-alive connection turns out to be closed, and nothing else: no cookies
are ever sent or kept, redirects are the caller's business, and every request is bounded by
the caller's timeout.
"""

from __future__ import annotations

import asyncio
import ssl
import zlib
from collections import OrderedDict
from dataclasses import dataclass

import h11
import httpx

from footprint.errors import SourceError, Unreachable
from footprint.models import AccountStatus


@dataclass
class Answer:
    """Status, the few headers a probe reads, and the decoded body text."""

    status: int
    headers: dict[str, str]
    body: str


class _Conn:
    __slots__ = ("reader", "writer", "h11")

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer
        self.h11 = h11.Connection(h11.CLIENT, max_incomplete_event_size=64 * 1024)

    def close(self) -> None:
        self.writer.close()


class _Stale(Exception):
    """A kept-alive connection was closed by the server before it answered."""


class WireEngine:
    """GET over HTTP/1.1 with a small keep-alive cache per host."""

    def __init__(
        self,
        *,
        headers: dict[str, str],
        connect_timeout: float,
        max_bytes: int,
        keepalive: int = 512,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self.headers = headers
        self.connect_timeout = connect_timeout
        self.max_bytes = max_bytes
        self.keepalive = keepalive
        self._idle: OrderedDict[tuple[str, str, int], list[_Conn]] = OrderedDict()
        self._idle_count = 0
        self._tls = tls

    async def aclose(self) -> None:
        for conns in self._idle.values():
            for conn in conns:
                conn.close()
        self._idle.clear()
        self._idle_count = 0

    async def get(self, url: str, headers: dict[str, str] | None = None, addresses: tuple[str, ...] = ()) -> Answer:
        """One GET. Raises `SourceError` for anything that is not an HTTP answer.

        `addresses` pins the connection to already checked IP addresses (tried in order); TLS
        still verifies the certificate against the host name.
        """
        parsed = httpx.URL(url)
        host = parsed.raw_host.decode("ascii")  # IDNA form, for DNS and TLS
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
        key = (parsed.scheme, host, port)
        target = parsed.raw_path.decode("ascii")
        sent = {**self.headers, **(headers or {}), "Host": parsed.netloc.decode("ascii"), "Connection": "keep-alive"}
        request = h11.Request(method="GET", target=target, headers=list(sent.items()))
        conn = self._take(key)
        if conn is not None:
            try:
                return await self._exchange(conn, key, request, reused=True)
            except _Stale:
                pass  # NOTE: the server closed an idle connection; one fresh try is always safe for a GET
        conn = await self._open(parsed.scheme, host, port, addresses)
        return await self._exchange(conn, key, request, reused=False)

    # ------------------------------------------------------------------ connections

    def _take(self, key: tuple[str, str, int]) -> _Conn | None:
        conns = self._idle.get(key)
        while conns:
            conn = conns.pop()
            self._idle_count -= 1
            if not conns:
                del self._idle[key]
            if not conn.writer.is_closing() and not conn.reader.at_eof():
                return conn
            conn.close()
        return None

    def _give_back(self, key: tuple[str, str, int], conn: _Conn) -> None:
        self._idle.setdefault(key, []).append(conn)
        self._idle.move_to_end(key)
        self._idle_count += 1
        while self._idle_count > self.keepalive:
            oldest = next(iter(self._idle))
            stale = self._idle[oldest].pop(0)
            if not self._idle[oldest]:
                del self._idle[oldest]
            self._idle_count -= 1
            stale.close()

    async def _open(self, scheme: str, host: str, port: int, addresses: tuple[str, ...] = ()) -> _Conn:
        tls = self._context() if scheme == "https" else None
        try:
            async with asyncio.timeout(self.connect_timeout):
                for i, target in enumerate(addresses or (host,)):
                    try:
                        reader, writer = await asyncio.open_connection(
                            target, port, ssl=tls, server_hostname=host if tls else None, limit=2**16
                        )
                        break
                    except OSError:
                        if i == len(addresses or (host,)) - 1:
                            raise
        except TimeoutError:
            raise SourceError(AccountStatus.TIMED_OUT, f"{host} did not accept a connection in time") from None
        except ssl.SSLError as exc:
            raise Unreachable(f"could not connect to {host}: TLS failed ({exc.reason})") from None
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            raise Unreachable(f"could not connect to {host}: {reason}") from None
        return _Conn(reader, writer)

    def _context(self) -> ssl.SSLContext:
        if self._tls is None:
            from footprint.http import tls_context

            self._tls = tls_context()
        return self._tls

    # ------------------------------------------------------------------ one exchange

    async def _exchange(self, conn: _Conn, key: tuple[str, str, int], request: h11.Request, *, reused: bool) -> Answer:
        try:
            conn.writer.write(conn.h11.send(request) + conn.h11.send(h11.EndOfMessage()))
            await conn.writer.drain()
            status, headers, body, complete = await self._read(conn)
        except (ConnectionError, h11.RemoteProtocolError, asyncio.IncompleteReadError, ssl.SSLError, OSError) as exc:
            conn.close()
            if reused:
                raise _Stale() from None
            raise SourceError(AccountStatus.ERROR, f"{key[1]} broke off the answer ({type(exc).__name__})") from None
        except BaseException:
            conn.close()  # cancelled by a timeout: the connection is in an unknown state
            raise
        if complete and conn.h11.our_state is h11.DONE and conn.h11.their_state is h11.DONE:
            conn.h11.start_next_cycle()
            self._give_back(key, conn)
        else:
            conn.close()
        return Answer(status, headers, body)

    async def _read(self, conn: _Conn) -> tuple[int, dict[str, str], str, bool]:
        status = 0
        headers: dict[str, str] = {}
        chunks: list[bytes] = []
        size = 0
        decoder: zlib._Decompress | None = None
        while True:
            event = conn.h11.next_event()
            if event is h11.NEED_DATA:
                data = await conn.reader.read(65_536)
                if not data and status == 0:
                    raise ConnectionResetError("closed before the status line")
                conn.h11.receive_data(data)
                continue
            if isinstance(event, h11.InformationalResponse):
                continue
            if isinstance(event, h11.Response):
                status = event.status_code
                for name, value in event.headers:
                    headers.setdefault(name.decode("latin-1").lower(), value.decode("latin-1"))
                encoding = headers.get("content-encoding", "").lower()
                if encoding == "gzip":
                    decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
                elif encoding == "deflate":
                    decoder = zlib.decompressobj()
                continue
            if isinstance(event, h11.Data):
                data = bytes(event.data)
                if decoder is not None:
                    data = decoder.decompress(data, self.max_bytes - size + 1)
                chunks.append(data)
                size += len(data)
                if size >= self.max_bytes:
                    # NOTE: markers sit near the top of a profile page; the rest is not needed.
                    return status, headers, _text(b"".join(chunks)[: self.max_bytes], headers), False
                continue
            if isinstance(event, h11.EndOfMessage):
                return status, headers, _text(b"".join(chunks), headers), True
            if isinstance(event, h11.ConnectionClosed):
                return status, headers, _text(b"".join(chunks), headers), False


def _text(raw: bytes, headers: dict[str, str]) -> str:
    charset = "utf-8"
    for part in headers.get("content-type", "").split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.lower() == "charset" and value:
            charset = value.strip("\"' ")
    try:
        return raw.decode(charset, errors="replace")
    except LookupError:
        return raw.decode("utf-8", errors="replace")
