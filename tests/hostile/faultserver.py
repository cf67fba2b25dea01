"""A misbehaving HTTP server on 127.0.0.1: each answer can be slow, drip, hang, reset, redirect,
be huge or a compressed bomb, or carry whatever bytes a hostile page would.

`serve(respond)` runs it for a `with` block; `respond(path)` returns a `Fault` saying how to answer
that request. One request per connection (`Connection: close`), so every fault is exact. Nothing
listens beyond loopback, and `server.requests` records each request's path on arrival.
"""

from __future__ import annotations

import gzip
import socket
import socketserver
import struct
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Fault:
    """How to answer one request."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=lambda: {"content-type": "application/json"})
    mode: str = "ok"  # ok | slow | drip | hang | reset | endless
    delay: float = 0.0  # slow: before the answer; drip: between bytes
    length: int | None = None  # Content-Length to declare (None: the body's own)


def ok(body: bytes, content_type: str = "application/json; charset=utf-8", status: int = 200) -> Fault:
    return Fault(status, body, {"content-type": content_type})


def redirect(location: str, status: int = 302) -> Fault:
    return Fault(status, b"", {"location": location, "content-type": "text/plain"})


def slow(body: bytes, seconds: float) -> Fault:
    return Fault(body=body, mode="slow", delay=seconds)


def drip(body: bytes, every: float) -> Fault:
    return Fault(body=body, mode="drip", delay=every)


def hang() -> Fault:
    return Fault(mode="hang")


def reset() -> Fault:
    return Fault(mode="reset")


def endless(declared: int | None = None) -> Fault:
    """A body that never ends (or declares `declared` bytes and keeps sending)."""
    return Fault(mode="endless", length=declared, headers={"content-type": "application/json"})


def gzip_bomb(expanded: int = 40 * 1024**2) -> Fault:
    """A small gzip body that expands to `expanded` bytes of JSON-looking zeros."""
    body = gzip.compress(b"[" + b"0," * (expanded // 2) + b"0]", compresslevel=9)
    return Fault(body=body, headers={"content-type": "application/json", "content-encoding": "gzip"})


Responder = Callable[[str], Fault]


class _Handler(socketserver.BaseRequestHandler):
    server: FaultServer

    def handle(self) -> None:
        sock: socket.socket = self.request
        sock.settimeout(30)
        data = b""
        try:
            while b"\r\n\r\n" not in data:
                chunk = sock.recv(65536)
                if not chunk:
                    return
                data += chunk
        except OSError:
            return
        line = data.split(b"\r\n", 1)[0].decode("latin-1")
        path = line.split(" ")[1] if line.count(" ") >= 2 else "/"
        self.server.requests.append(path)
        fault = self.server.respond(path)
        try:
            self._answer(sock, fault)
        except OSError:
            pass

    def _answer(self, sock: socket.socket, fault: Fault) -> None:
        if fault.mode == "hang":
            self.server.stopping.wait(60)
            return
        if fault.mode == "reset":
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            sock.close()
            return
        if fault.mode == "slow":
            if self.server.stopping.wait(fault.delay):
                return
        head = [f"HTTP/1.1 {fault.status} X"] + [f"{k}: {v}" for k, v in fault.headers.items()] + ["Connection: close"]
        if fault.mode == "endless":
            if fault.length is not None:
                head.append(f"Content-Length: {fault.length}")
            sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1"))
            chunk = b"[" + b"0," * 32768
            while not self.server.stopping.is_set():
                sock.sendall(chunk)
            return
        head.append(f"Content-Length: {len(fault.body) if fault.length is None else fault.length}")
        sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1"))
        if fault.mode == "drip":
            for i in range(len(fault.body)):
                if self.server.stopping.wait(fault.delay):
                    return
                sock.sendall(fault.body[i : i + 1])
            return
        sock.sendall(fault.body)


class FaultServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    block_on_close = False

    def __init__(self, respond: Responder) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.respond = respond
        self.requests: list[str] = []
        self.stopping = threading.Event()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@contextmanager
def serve(respond: Responder) -> Iterator[FaultServer]:
    server = FaultServer(respond)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
        time.sleep(0)  # let handler threads see `stopping`
