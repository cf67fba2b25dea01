"""Run the real `footprint` command with the network fenced to loopback, recording every attempt past it.

`python -m tests.hostile.jailed audit profiles.yaml ...` is `footprint audit profiles.yaml ...`
with two changes made before footprint is imported: a connection to anything but 127.0.0.0/8 or
::1 fails (as an unreachable network would) and a name lookup for anything but localhost fails
(no DNS query leaves the machine); each such attempt is appended to the file named by
FOOTPRINT_NETJAIL_LOG. Tests assert that file stays empty: footprint refused before trying.
"""

from __future__ import annotations

import errno
import ipaddress
import os
import socket
import sys

LOG = os.environ.get("FOOTPRINT_NETJAIL_LOG", "")
_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex
_getaddrinfo = socket.getaddrinfo


def _record(kind: str, what: object) -> None:
    if LOG:
        with open(LOG, "a", encoding="utf-8") as log:
            log.write(f"{kind} {what!r}\n")


def _loopback(host: object) -> bool:
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if host in (None, "localhost"):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%", 1)[0]).is_loopback
    except ValueError:
        return False


def _inet(sock: socket.socket) -> bool:
    return sock.family in (socket.AF_INET, socket.AF_INET6)


def connect(self: socket.socket, address: object) -> None:
    if _inet(self) and isinstance(address, tuple) and not _loopback(address[0]):
        _record("connect", address)
        raise OSError(errno.ENETUNREACH, "network unreachable (the test's network jail)")
    _connect(self, address)


def connect_ex(self: socket.socket, address: object) -> int:
    if _inet(self) and isinstance(address, tuple) and not _loopback(address[0]):
        _record("connect", address)
        return errno.ENETUNREACH
    return _connect_ex(self, address)


def getaddrinfo(host: object, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
    if _loopback(host):
        return _getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]
    _record("resolve", host)
    raise socket.gaierror(socket.EAI_NONAME, "Name or service not known (the test's network jail)")


def install() -> None:
    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = getaddrinfo


if __name__ == "__main__":
    install()
    from footprint.cli import main

    sys.argv[0] = "footprint"
    main()
