"""A small reader for CAR v1 files and the DAG-CBOR blocks inside them (Bluesky repository exports).

A CAR is `varint(len) header` then blocks `varint(len) CID bytes`. The file is indexed in one
pass (CID → offset) and blocks are decoded only when asked for, so a large repository is never
held decoded in memory. The decoder accepts exactly the DAG-CBOR subset atproto uses (no
indefinite lengths, tag 42 for links) and refuses anything else with `CarError`.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

_MAX_DEPTH = 64
_MAX_BLOCK = 8 * 1024 * 1024


class CarError(ValueError):
    """The bytes are not a CAR v1 file of DAG-CBOR blocks."""


@dataclass(frozen=True)
class Link:
    """A CID link inside a record: the raw CID bytes."""

    cid: bytes


# --------------------------------------------------------------------------- varints and CIDs


def read_varint(data: bytes | memoryview, pos: int) -> tuple[int, int]:
    """An unsigned LEB128 varint at `pos`, and the position after it."""
    value = shift = 0
    while True:
        if pos >= len(data):
            raise CarError("truncated varint")
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, pos
        shift += 7
        if shift > 63:
            raise CarError("varint too long")


def _stream_varint(stream: IO[bytes]) -> int | None:
    value = shift = 0
    while True:
        byte = stream.read(1)
        if not byte:
            if shift == 0:
                return None
            raise CarError("truncated varint")
        value |= (byte[0] & 0x7F) << shift
        if not byte[0] & 0x80:
            return value
        shift += 7
        if shift > 63:
            raise CarError("varint too long")


def cid_length(data: bytes | memoryview, pos: int = 0) -> int:
    """How many bytes the CID starting at `pos` takes (CIDv0 or CIDv1)."""
    if len(data) - pos >= 2 and data[pos] == 0x12 and data[pos + 1] == 0x20:
        if len(data) - pos < 34:
            raise CarError("truncated CID")
        return 34
    version, p = read_varint(data, pos)
    if version != 1:
        raise CarError(f"unsupported CID version {version}")
    _codec, p = read_varint(data, p)
    _hash, p = read_varint(data, p)
    size, p = read_varint(data, p)
    if p + size > len(data):
        raise CarError("truncated CID")
    return p + size - pos


# --------------------------------------------------------------------------- DAG-CBOR


def decode(data: bytes) -> Any:
    """One DAG-CBOR value that fills `data` exactly."""
    value, pos = _decode(memoryview(data), 0, 0)
    if pos != len(data):
        raise CarError("trailing bytes after a CBOR value")
    return value


def _decode(data: memoryview, pos: int, depth: int) -> tuple[Any, int]:
    if depth > _MAX_DEPTH:
        raise CarError("CBOR nested too deeply")
    if pos >= len(data):
        raise CarError("truncated CBOR")
    initial = data[pos]
    major, info = initial >> 5, initial & 0x1F
    pos += 1
    if major == 7:
        if info == 20:
            return False, pos
        if info == 21:
            return True, pos
        if info == 22:
            return None, pos
        sizes = {25: (2, ">e"), 26: (4, ">f"), 27: (8, ">d")}
        if info in sizes:
            size, fmt = sizes[info]
            if pos + size > len(data):
                raise CarError("truncated CBOR float")
            return struct.unpack(fmt, data[pos : pos + size])[0], pos + size
        raise CarError(f"unsupported CBOR simple value {info}")
    if info < 24:
        arg = info
    elif info <= 27:
        size = 1 << (info - 24)
        if pos + size > len(data):
            raise CarError("truncated CBOR")
        arg = int.from_bytes(data[pos : pos + size], "big")
        pos += size
    else:
        raise CarError("indefinite-length CBOR is not DAG-CBOR")
    if major == 0:
        return arg, pos
    if major == 1:
        return -1 - arg, pos
    if major in (2, 3):
        if pos + arg > len(data):
            raise CarError("truncated CBOR string")
        raw = bytes(data[pos : pos + arg])
        if major == 2:
            return raw, pos + arg
        try:
            return raw.decode("utf-8"), pos + arg
        except UnicodeDecodeError:
            raise CarError("CBOR text is not UTF-8") from None
    if major == 4:
        if arg > len(data) - pos:
            raise CarError("CBOR array longer than its block")
        items = []
        for _ in range(arg):
            item, pos = _decode(data, pos, depth + 1)
            items.append(item)
        return items, pos
    if major == 5:
        if arg > len(data) - pos:
            raise CarError("CBOR map longer than its block")
        out: dict[str, Any] = {}
        for _ in range(arg):
            key, pos = _decode(data, pos, depth + 1)
            if not isinstance(key, str):
                raise CarError("DAG-CBOR map keys must be strings")
            out[key], pos = _decode(data, pos, depth + 1)
        return out, pos
    # major 6: tags; DAG-CBOR allows only 42, a CID link with a 0x00 prefix
    if arg != 42:
        raise CarError(f"unsupported CBOR tag {arg}")
    raw, pos = _decode(data, pos, depth + 1)
    if not isinstance(raw, bytes) or not raw.startswith(b"\x00"):
        raise CarError("malformed CID link")
    return Link(raw[1:]), pos


# --------------------------------------------------------------------------- the CAR file


class CarFile:
    """An indexed CAR v1 file over a seekable binary stream."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        size = _stream_varint(stream)
        if size is None or not 0 < size <= 1 << 20:
            raise CarError("no CAR header")
        header = decode(self._exact(size))
        if not isinstance(header, dict) or header.get("version") != 1:
            raise CarError("not a CAR version 1 file")
        roots = header.get("roots")
        if not isinstance(roots, list) or not roots or not all(isinstance(r, Link) for r in roots):
            raise CarError("the CAR header names no root")
        self.roots: list[Link] = roots
        self._index: dict[bytes, tuple[int, int]] = {}
        while True:
            length = _stream_varint(stream)
            if length is None:
                break
            start = stream.tell()
            head = stream.read(min(length, 80))
            if len(head) < min(length, 80):
                raise CarError("truncated block")
            n = cid_length(head)
            if n > length or length - n > _MAX_BLOCK:
                raise CarError("block larger than its section")
            self._index.setdefault(bytes(head[:n]), (start + n, length - n))
            stream.seek(start + length)
            if stream.tell() != start + length:
                raise CarError("truncated block")

    def _exact(self, size: int) -> bytes:
        data = self._stream.read(size)
        if len(data) != size:
            raise CarError("truncated CAR file")
        return data

    def __len__(self) -> int:
        return len(self._index)

    def get(self, link: Link) -> Any:
        """The decoded block a link points to (CarError when the CAR lacks it)."""
        where = self._index.get(link.cid)
        if where is None:
            raise CarError("a linked block is missing from the CAR file")
        self._stream.seek(where[0])
        return decode(self._exact(where[1]))

    def walk_mst(self, root: Link) -> Iterator[tuple[str, Link]]:
        """(key, record link) for each entry of the Merkle search tree under `root`, in key order."""
        seen: set[bytes] = set()

        def node(link: Link, depth: int) -> Iterator[tuple[str, Link]]:
            if depth > _MAX_DEPTH or link.cid in seen:
                raise CarError("the repository tree loops or is too deep")
            seen.add(link.cid)
            data = self.get(link)
            if not isinstance(data, dict) or not isinstance(data.get("e"), list):
                raise CarError("a tree node is malformed")
            if isinstance(data.get("l"), Link):
                yield from node(data["l"], depth + 1)
            previous = b""
            for entry in data["e"]:
                if not isinstance(entry, dict):
                    raise CarError("a tree entry is malformed")
                prefix, suffix, value = entry.get("p"), entry.get("k"), entry.get("v")
                if not isinstance(prefix, int) or not isinstance(suffix, bytes) or not isinstance(value, Link):
                    raise CarError("a tree entry is malformed")
                if not 0 <= prefix <= len(previous):
                    raise CarError("a tree key shares more than its predecessor has")
                key = previous[:prefix] + suffix
                previous = key
                try:
                    yield key.decode("utf-8"), value
                except UnicodeDecodeError:
                    raise CarError("a tree key is not UTF-8") from None
                if isinstance(entry.get("t"), Link):
                    yield from node(entry["t"], depth + 1)

        yield from node(root, 0)
