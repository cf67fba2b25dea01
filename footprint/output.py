"""Write a report file atomically and readable by its owner only."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from footprint.errors import InputError

_CHUNK = 1 << 20


def write_private(path: Path, text: str | bytes) -> None:
    """Write `text` (or UTF-8 bytes) to `path` via a temporary file in the same folder, mode 0600, then rename."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{path}: the folder {folder} does not exist")
    if path.is_dir():
        raise InputError(f"{path}: is a folder; name a file to write the report to")
    if path.exists() and not path.is_file():
        raise InputError(f"{path}: not a regular file; name a file to write the report to")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"{path}: cannot write in {folder} ({exc.strerror or exc})") from None
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as handle:
            if isinstance(text, bytes):
                handle.write(text)
            else:
                for start in range(0, len(text), _CHUNK):  # NOTE: in pieces, so a large report is never encoded whole
                    handle.write(text[start : start + _CHUNK].encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        os.chmod(path, 0o600)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"{path}: cannot write the report ({exc.strerror or exc})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
