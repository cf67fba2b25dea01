"""A real HTTP server on 127.0.0.1 for integration tests, answering from a `FixtureSite`.

Each test starts its own server on a free loopback port; nothing ever listens beyond loopback.
The server rewrites nothing: fixtures' URLs are matched by path, with the test's endpoint
overrides pointing the CLI at `http://127.0.0.1:<port>/<prefix>`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from footprint.demo.fixture_site import Answer

Responder = Callable[[str], Answer]


class _Handler(BaseHTTPRequestHandler):
    responder: Responder
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        server = self.server
        server.requests.append(self.path)  # type: ignore[attr-defined]  # on arrival, before any delay
        with server.lock:  # type: ignore[attr-defined]
            server.in_flight += 1  # type: ignore[attr-defined]
            server.peak = max(server.peak, server.in_flight)  # type: ignore[attr-defined]
        try:
            self._answer()
        finally:
            with server.lock:  # type: ignore[attr-defined]
                server.in_flight -= 1  # type: ignore[attr-defined]

    def _answer(self) -> None:
        answer = self.server.responder(f"http://{self.headers.get('Host', 'localhost')}{self.path}")  # type: ignore[attr-defined]
        if answer.delay:
            time.sleep(answer.delay)
        self.send_response(answer.status)
        for key, value in answer.headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        try:
            self.wfile.write(answer.body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, format: str, *args: object) -> None:
        pass


class LocalServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, responder: Responder) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.responder = responder
        self.requests: list[str] = []
        self.lock = threading.Lock()
        self.in_flight = 0
        self.peak = 0  # the most requests answered at once: concurrency shown without timing anything

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@contextmanager
def serve(responder: Responder) -> Iterator[LocalServer]:
    """Run a loopback server answering with `responder(url)` for the duration of the block."""
    server = LocalServer(responder)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def dead_port() -> int:
    """A loopback port with nothing listening on it."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
