"""The discovery client on the wire: honest headers, no cookies, keep-alive, caps, and the address guard."""

from __future__ import annotations

import asyncio
import gzip
from collections.abc import Awaitable, Callable

import pytest

from footprint.discovery.client import ClientLimits, DiscoveryClient, Refused
from footprint.errors import SourceError
from footprint.http import USER_AGENT
from tests.localserver import dead_port

Handler = Callable[[bytes, int], Awaitable[tuple[bytes, bool]]]


class RawServer:
    """A loopback HTTP/1.1 server whose answers are raw bytes, counting connections and keeping requests."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.connections = 0
        self.requests: list[bytes] = []

    async def __aenter__(self) -> RawServer:
        async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            self.connections += 1
            try:
                while True:
                    head = await reader.readuntil(b"\r\n\r\n")
                    self.requests.append(head)
                    data, keep = await self.handler(head, len(self.requests))
                    writer.write(data)
                    await writer.drain()
                    if not keep:
                        break
            except (asyncio.IncompleteReadError, ConnectionError):
                pass
            finally:
                writer.close()

        self.server = await asyncio.start_server(serve, "127.0.0.1", 0)
        self.base = f"http://127.0.0.1:{self.server.sockets[0].getsockname()[1]}"
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.server.close()


def response(body: bytes, *extra: str, status: str = "200 OK") -> bytes:
    head = [f"HTTP/1.1 {status}", f"Content-Length: {len(body)}", "Content-Type: text/html; charset=utf-8", *extra]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


async def ok(head: bytes, n: int) -> tuple[bytes, bool]:
    return response(b"<h1>jane</h1>", "Set-Cookie: session=abc; Path=/"), True


LIMITS = ClientLimits(site_timeout=3)


def test_honest_user_agent_and_no_cookies_ever_sent() -> None:
    asyncio.run(_test_honest_user_agent_and_no_cookies_ever_sent())


async def _test_honest_user_agent_and_no_cookies_ever_sent() -> None:
    async with RawServer(ok) as server, DiscoveryClient(ClientLimits(), allow_private=True) as client:
        for _ in range(2):
            page = await client.get(f"{server.base}/u/jane")
            assert page.status == 200 and "jane" in page.body
    for head in server.requests:
        text = head.decode().lower()
        assert f"user-agent: {USER_AGENT}".lower() in text
        assert "cookie" not in text


def test_keep_alive_reuses_one_connection_per_host() -> None:
    asyncio.run(_test_keep_alive_reuses_one_connection_per_host())


async def _test_keep_alive_reuses_one_connection_per_host() -> None:
    async with RawServer(ok) as server, DiscoveryClient(LIMITS, allow_private=True) as client:
        for name in ("jane", "canary", "other"):
            await client.get(f"{server.base}/u/{name}")
    assert server.connections == 1 and len(server.requests) == 3


def test_a_kept_alive_connection_the_server_closed_is_retried_once() -> None:
    asyncio.run(_test_a_kept_alive_connection_the_server_closed_is_retried_once())


async def _test_a_kept_alive_connection_the_server_closed_is_retried_once() -> None:
    async def once_then_close(head: bytes, n: int) -> tuple[bytes, bool]:
        return response(b"<h1>jane</h1>"), False  # closes without saying Connection: close

    async with RawServer(once_then_close) as server, DiscoveryClient(LIMITS, allow_private=True) as client:
        first = await client.get(f"{server.base}/u/jane")
        await asyncio.sleep(0.05)
        second = await client.get(f"{server.base}/u/jane")
    assert first.status == second.status == 200
    assert server.connections == 2


def test_gzip_and_chunked_bodies_are_decoded() -> None:
    asyncio.run(_test_gzip_and_chunked_bodies_are_decoded())


async def _test_gzip_and_chunked_bodies_are_decoded() -> None:
    packed = gzip.compress("<h1>Zoë</h1>".encode())

    async def chunked(head: bytes, n: int) -> tuple[bytes, bool]:
        body = f"{len(packed):x}\r\n".encode() + packed + b"\r\n0\r\n\r\n"
        headers = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        return headers.encode() + body, True

    async with RawServer(chunked) as server, DiscoveryClient(LIMITS, allow_private=True) as client:
        page = await client.get(f"{server.base}/u/zoe")
    assert page.body == "<h1>Zoë</h1>"


def test_bodies_and_gzip_bombs_stop_at_the_cap() -> None:
    asyncio.run(_test_bodies_and_gzip_bombs_stop_at_the_cap())


async def _test_bodies_and_gzip_bombs_stop_at_the_cap() -> None:
    bomb = gzip.compress(b"a" * 20_000_000)

    async def big(head: bytes, n: int) -> tuple[bytes, bool]:
        if b"/bomb" in head:
            return response(bomb, "Content-Encoding: gzip"), True
        return response(b"b" * 3_000_000), True

    limits = ClientLimits(site_timeout=5, max_bytes=100_000)
    async with RawServer(big) as server, DiscoveryClient(limits, allow_private=True) as client:
        plain = await client.get(f"{server.base}/big")
        unpacked = await client.get(f"{server.base}/bomb")
    assert len(plain.body) == 100_000 and len(unpacked.body) == 100_000


def test_redirect_loops_end_in_an_error() -> None:
    asyncio.run(_test_redirect_loops_end_in_an_error())


async def _test_redirect_loops_end_in_an_error() -> None:
    async def loop(head: bytes, n: int) -> tuple[bytes, bool]:
        return response(b"", "Location: /again", status="302 Found"), True

    async with RawServer(loop) as server, DiscoveryClient(LIMITS, allow_private=True) as client:
        with pytest.raises(SourceError, match="more than 5 redirects"):
            await client.get(f"{server.base}/start")


def test_connection_refused_and_silent_servers_are_errors_not_hangs() -> None:
    asyncio.run(_test_connection_refused_and_silent_servers_are_errors_not_hangs())


async def _test_connection_refused_and_silent_servers_are_errors_not_hangs() -> None:
    async def silent(head: bytes, n: int) -> tuple[bytes, bool]:
        await asyncio.sleep(10)
        return b"", False

    async with (
        RawServer(silent) as server,
        DiscoveryClient(ClientLimits(site_timeout=0.5), allow_private=True) as client,
    ):
        with pytest.raises(SourceError, match="could not connect"):
            await client.get(f"http://127.0.0.1:{dead_port()}/u/jane")
        with pytest.raises(SourceError, match="no answer within 0.5 s"):
            await client.get(f"{server.base}/u/jane")


def test_private_addresses_are_refused_unless_allowed_or_trusted() -> None:
    asyncio.run(_test_private_addresses_are_refused_unless_allowed_or_trusted())


async def _test_private_addresses_are_refused_unless_allowed_or_trusted() -> None:
    async with RawServer(ok) as server:
        async with DiscoveryClient(LIMITS) as client:
            with pytest.raises(Refused, match="127.0.0.1"):
                await client.get(f"{server.base}/u/jane")
        async with DiscoveryClient(LIMITS, trusted_prefixes=[server.base + "/"]) as client:
            assert (await client.get(f"{server.base}/u/jane")).status == 200
    assert len(server.requests) == 1


def _self_signed(tmp_path):  # type: ignore[no-untyped-def]
    import shutil
    import subprocess

    if not shutil.which("openssl"):
        pytest.skip("openssl is not installed")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    return key, cert


def test_tls_is_verified_and_works_with_a_trusted_certificate(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import ssl

    key, cert = _self_signed(tmp_path)

    async def main() -> None:
        server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        server_ctx.load_cert_chain(cert, key)

        async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            try:
                await reader.readuntil(b"\r\n\r\n")
                writer.write(response(b"<h1>jane</h1>"))
                await writer.drain()
            except (asyncio.IncompleteReadError, ConnectionError, ssl.SSLError):
                pass
            finally:
                writer.close()

        server = await asyncio.start_server(serve, "127.0.0.1", 0, ssl=server_ctx)
        url = f"https://127.0.0.1:{server.sockets[0].getsockname()[1]}/u/jane"
        limits = ClientLimits(site_timeout=3)
        async with DiscoveryClient(limits, allow_private=True) as client:
            with pytest.raises(SourceError, match="could not connect"):
                await client.get(url)  # a certificate nobody vouches for is refused
        trusted = ssl.create_default_context(cafile=str(cert))
        async with DiscoveryClient(limits, allow_private=True, tls=trusted) as client:
            page = await client.get(url)
        assert page.status == 200 and "jane" in page.body
        server.close()

    asyncio.run(main())


def test_names_resolving_to_private_addresses_are_refused_and_public_ones_are_pinned(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import socket

    table = {"evil.example": "127.0.0.1", "site.example": "8.8.8.8"}

    def fake_getaddrinfo(host, *args, **kwargs):  # type: ignore[no-untyped-def]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (table[host], 0))]

    dialled: list[tuple[str, object]] = []

    async def fake_open_connection(target, port, **kwargs):  # type: ignore[no-untyped-def]
        dialled.append((target, kwargs.get("server_hostname")))
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    monkeypatch.setattr(asyncio, "open_connection", fake_open_connection)

    async def main() -> None:
        async with DiscoveryClient(LIMITS, resolve_dns=True) as client:
            with pytest.raises(Refused, match="evil.example"):
                await client.get("https://evil.example/u/jane")
            with pytest.raises(SourceError, match="could not connect to site.example"):
                await client.get("https://site.example/u/jane")

    asyncio.run(main())
    assert dialled == [("8.8.8.8", "site.example")]
