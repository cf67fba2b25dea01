"""One view of a data download, whatever it arrived as: a zip, a tar(.gz), a folder or a single file.

Members are named by safe, relative, forward-slash paths. Nothing is ever extracted to disk:
members are opened as read-only streams, and every stream is capped at the size its header
declared and at the container's limits, so a zip bomb is refused before it can expand.
"""

from __future__ import annotations

import io
import os
import posixpath
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, BinaryIO

from footprint.errors import InputError

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

#: Errors that mean "this member's bytes are damaged", turned into a warning for that member.
MEMBER_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    tarfile.TarError,
    EOFError,
    OSError,
    NotImplementedError,  # a compression method zipfile cannot read
)


@dataclass(frozen=True)
class Limits:
    """How much a container may expand to before it is refused as a zip bomb."""

    max_total_bytes: int = 16 * 1024**3
    max_member_bytes: int = 4 * 1024**3
    max_members: int = 500_000
    max_ratio: float = 250.0
    ratio_floor_bytes: int = 16 * 1024**2


@dataclass(frozen=True)
class Member:
    """One file in the container: its safe relative name and its size once read."""

    name: str
    size: int

    @property
    def basename(self) -> str:
        return posixpath.basename(self.name)

    @property
    def suffix(self) -> str:
        return posixpath.splitext(self.name)[1].lower()


@dataclass
class Container:
    """Base class: members by name, streaming opens, and warnings about members that were skipped."""

    path: Path
    limits: Limits = field(default_factory=Limits)
    members: list[Member] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    on_open: Callable[[str], None] | None = None

    @property
    def label(self) -> str:
        """The name the user gave, for messages."""
        return self.path.name

    @property
    def single_file(self) -> bool:
        """True when the user gave one plain file: its problems are then errors, not warnings."""
        return False

    def warn(self, message: str) -> None:
        """Record a problem with one member; the rest of the container is still read."""
        if message not in self.warnings:
            self.warnings.append(message)

    def find(self, predicate: Callable[[Member], bool]) -> list[Member]:
        """Members for which `predicate` is true, in name order."""
        return [m for m in self.members if predicate(m)]

    def by_basename(self, *names: str) -> list[Member]:
        """Members whose file name (any folder) is one of `names`, case-insensitively."""
        wanted = {n.lower() for n in names}
        return [m for m in self.members if m.basename.lower() in wanted]

    def open(self, member: Member, *, announce: bool = True) -> io.BufferedReader:
        """A read-only binary stream of the member, capped at its declared size (`announce` tells progress)."""
        if announce and self.on_open is not None:
            self.on_open(member.name)
        raw = _Capped(self._open(member), member.size, f"{self.label}: {member.name}")
        return io.BufferedReader(raw, buffer_size=1 << 16)

    def open_text(self, member: Member) -> IO[str]:
        """The member as UTF-8 text, or UTF-16 when it starts with that byte-order mark (LinkedIn's older
        exports); the mark is dropped and decoding errors raise on read."""
        stream = self.open(member)
        encoding = "utf-16" if stream.peek(2)[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
        return io.TextIOWrapper(stream, encoding=encoding, errors="strict", newline="")

    def head(self, member: Member, size: int = 4096) -> bytes:
        """The first `size` bytes of a member, for detection (no progress callback)."""
        try:
            with io.BufferedReader(_Capped(self._open(member), member.size, member.name)) as stream:
                return stream.read(size)
        except MEMBER_ERRORS:
            return b""

    def read_bytes(self, member: Member) -> bytes:
        """The whole member (used only where a format needs random access, such as a CAR file)."""
        with self.open(member) as stream:
            return stream.read()

    def _open(self, member: Member) -> IO[bytes]:
        raise NotImplementedError

    def close(self) -> None:
        """Release the underlying file."""

    def __enter__(self) -> Container:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Capped(io.RawIOBase):
    """A stream that refuses to yield more than the size its member declared."""

    def __init__(self, raw: IO[bytes], limit: int, label: str) -> None:
        self._raw = raw
        self._left = limit
        self._label = label

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer)
        if self._left <= 0:
            if self._raw.read(1):
                raise InputError(f"{self._label}: holds more data than its header declares (refused)")
            return 0
        want = min(len(view), self._left)
        data = self._raw.read(want)
        n = len(data)
        view[:n] = data
        self._left -= n
        return n

    def close(self) -> None:
        try:
            self._raw.close()
        finally:
            super().close()


# --------------------------------------------------------------------------- member names


def safe_name(raw: str) -> str | None:
    """A member name as a clean relative path, or None when it tries to leave the container."""
    name = raw.replace("\\", "/")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":") or "\x00" in name:
        return None
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if not parts or any(p == ".." for p in parts):
        return None
    return "/".join(parts)


def _skip(name: str) -> bool:
    """Operating-system litter that is never part of a download."""
    base = posixpath.basename(name)
    return name.startswith("__MACOSX/") or base.startswith("._") or base in (".DS_Store", "Thumbs.db")


# --------------------------------------------------------------------------- the four kinds


class ZipContainer(Container):
    """A .zip download, read in place."""

    def __init__(self, path: Path, limits: Limits, handle: BinaryIO) -> None:
        super().__init__(path=path, limits=limits)
        try:
            self._zip = zipfile.ZipFile(handle)
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
            raise InputError(f"{path}: not a readable zip archive ({_reason(exc)})") from None
        if len(infos) > limits.max_members:
            raise InputError(
                f"{path}: holds {len(infos):,} files, more than the {limits.max_members:,} footprint reads"
            )
        _check_local_headers(path, handle, infos)
        self._infos: dict[str, zipfile.ZipInfo] = {}
        total = 0
        for info in infos:
            if not info.filename:
                self.warn(f"{path.name}: skipped a file with an empty name")
                continue
            if info.is_dir():
                continue
            name = safe_name(info.filename)
            if name is None:
                self.warn(f"{path.name}: skipped {info.filename!r}: its name tries to leave the archive's folder")
                continue
            if _skip(name):
                continue
            if info.flag_bits & 0x1:
                self.warn(f"{path.name}: skipped {name!r}: it is encrypted")
                continue
            _check_bomb(path, info.filename, info.file_size, info.compress_size, limits)
            total += info.file_size
            if total > limits.max_total_bytes:
                raise InputError(
                    f"{path}: expands to more than {_size(limits.max_total_bytes)}; refused as a possible zip bomb"
                )
            if name in self._infos:
                self.warn(f"{path.name}: {name!r} appears twice; read the first copy only")
                continue
            self._infos[name] = info
            self.members.append(Member(name, info.file_size))
        self.members.sort(key=lambda m: m.name)

    def _open(self, member: Member) -> IO[bytes]:
        return self._zip.open(self._infos[member.name])

    def close(self) -> None:
        self._zip.close()


class TarContainer(Container):
    """A .tar, .tar.gz or .tgz download (older Mastodon archives), read in place."""

    def __init__(self, path: Path, limits: Limits, handle: BinaryIO) -> None:
        super().__init__(path=path, limits=limits)
        compressed = os.fstat(handle.fileno()).st_size if hasattr(handle, "fileno") else 0
        try:
            self._tar = tarfile.open(fileobj=handle, mode="r:*")
            self._infos: dict[str, tarfile.TarInfo] = {}
            total = 0
            count = 0
            for info in self._tar:
                count += 1
                if count > limits.max_members:
                    raise InputError(f"{path}: holds more than the {limits.max_members:,} files footprint reads")
                if not info.isfile():
                    continue
                name = safe_name(info.name)
                if name is None:
                    self.warn(f"{path.name}: skipped {info.name!r}: its name tries to leave the archive's folder")
                    continue
                if _skip(name):
                    continue
                total += info.size
                if info.size > limits.max_member_bytes or total > limits.max_total_bytes:
                    raise InputError(
                        f"{path}: expands to more than {_size(limits.max_total_bytes)}; refused as a possible zip bomb"
                    )
                if compressed and total > limits.ratio_floor_bytes and total / compressed > limits.max_ratio:
                    raise InputError(
                        f"{path}: expands more than {limits.max_ratio:.0f} times its size; refused as a possible zip bomb"
                    )
                if name not in self._infos:
                    self._infos[name] = info
                    self.members.append(Member(name, info.size))
        except (tarfile.TarError, zlib.error, EOFError, OSError) as exc:
            raise InputError(f"{path}: not a readable tar archive ({_reason(exc)})") from None
        self.members.sort(key=lambda m: m.name)

    def _open(self, member: Member) -> IO[bytes]:
        stream = self._tar.extractfile(self._infos[member.name])
        if stream is None:
            raise OSError("not a regular file")
        return stream

    def close(self) -> None:
        self._tar.close()


class FolderContainer(Container):
    """An unpacked download. Symbolic links are not followed, so nothing outside the folder is read."""

    def __init__(self, path: Path, limits: Limits) -> None:
        super().__init__(path=path, limits=limits)
        root = path.resolve()
        self._root = root
        total = 0
        for folder, dirs, files in os.walk(root, followlinks=False):
            dirs.sort()
            for filename in sorted(files):
                full = Path(folder, filename)
                rel = full.relative_to(root).as_posix()
                if _skip(rel):
                    continue
                info = full.lstat()
                if not stat.S_ISREG(info.st_mode):
                    self.warn(f"{path.name}: skipped {rel!r}: not a regular file (links are not followed)")
                    continue
                total += info.st_size
                self.members.append(Member(rel, info.st_size))
                if len(self.members) > limits.max_members:
                    raise InputError(f"{path}: holds more than the {limits.max_members:,} files footprint reads")
        if total > limits.max_total_bytes:
            raise InputError(f"{path}: holds more than {_size(limits.max_total_bytes)}, more than footprint reads")

    def _open(self, member: Member) -> IO[bytes]:
        return open(self._root / member.name, "rb")


class FileContainer(Container):
    """A single exported file given on its own (posts.jsonl, a CAR file, user_data.json)."""

    def __init__(self, path: Path, limits: Limits) -> None:
        super().__init__(path=path, limits=limits)
        self._path = path
        size = path.stat().st_size
        if size > limits.max_member_bytes:
            raise InputError(
                f"{path}: {_size(size)}, more than the {_size(limits.max_member_bytes)} footprint reads from one file"
            )
        self.members.append(Member(path.name, size))

    @property
    def single_file(self) -> bool:
        return True

    def _open(self, member: Member) -> IO[bytes]:
        return open(self._path, "rb")


# --------------------------------------------------------------------------- opening


def open_container(path: Path, limits: Limits | None = None) -> Container:
    """The container for `path`: a folder, a zip, a tar(.gz) or one plain file."""
    limits = limits or Limits()
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    if path.is_dir():
        return FolderContainer(path, limits)
    if not path.is_file():
        raise InputError(f"{path}: not a regular file or folder")
    try:
        handle = open(path, "rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    magic = handle.read(262)
    handle.seek(0)
    try:
        if magic.startswith((b"PK\x03\x04", b"PK\x05\x06")) or path.suffix.lower() == ".zip":
            return ZipContainer(path, limits, handle)
        if _is_tar_name(path):
            return TarContainer(path, limits, handle)
        if magic.startswith((b"\x1f\x8b", b"BZh", b"\xfd7zXZ")) or magic[257:262] == b"ustar":
            try:
                return TarContainer(path, limits, handle)
            except InputError as exc:
                if "zip bomb" in exc.message:
                    raise
                handle.seek(
                    0
                )  # NOTE: compressed-looking bytes that are no tar: read it as the plain file it is named as
    except BaseException:
        handle.close()
        raise
    handle.close()
    return FileContainer(path, limits)


def _check_local_headers(path: Path, handle: BinaryIO, infos: list[zipfile.ZipInfo], sample: int = 16) -> None:
    """Refuse a zip whose central directory points where no file starts (a damaged or spliced download).

    Without this, every member would fail on its own and the scan would read nothing yet look clean.
    """
    chosen = infos if len(infos) <= sample else infos[: sample // 2] + infos[-sample // 2 :]
    size = os.fstat(handle.fileno()).st_size if hasattr(handle, "fileno") else None
    try:
        for info in chosen:
            if info.header_offset < 0 or (size is not None and info.header_offset + 30 > size):
                break
            handle.seek(info.header_offset)
            if handle.read(4) != b"PK\x03\x04":
                break
        else:
            return
    finally:
        handle.seek(0)
    raise InputError(
        f"{path}: its table of contents points where no file starts (a damaged or incomplete download); download it again"
    )


def _is_tar_name(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith((".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz"))


def _check_bomb(path: Path, name: str, size: int, compressed: int, limits: Limits) -> None:
    if size > limits.max_member_bytes:
        raise InputError(f"{path}: {name!r} would expand to {_size(size)}; refused as a possible zip bomb")
    if size > limits.ratio_floor_bytes and size > compressed * limits.max_ratio:
        raise InputError(
            f"{path}: {name!r} expands {size / max(compressed, 1):,.0f} times its packed size; refused as a possible zip bomb"
        )


def _size(n: float) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:,.0f} {unit}" if unit == "bytes" else f"{n:,.1f} {unit}"
        n /= 1024
    return f"{n} bytes"


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split()).rstrip(".")
    return text or type(exc).__name__
