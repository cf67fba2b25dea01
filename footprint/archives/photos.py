"""Photo metadata from image headers: where (GPS, rounded on reading), who (camera owner) and when.

Only the first part of each image is read, enough for its EXIF block; pixels are never decoded.
Coordinates are rounded to 2 decimals (about a kilometre) the moment they are read, so an exact
home address never enters the report or memory beyond the header bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import warnings
from typing import Any

from PIL import Image

from footprint.archives.container import Container, Member
from footprint.models import Photo

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp"}
HEADER_BYTES = 256 * 1024
_GPS_IFD = 0x8825
_EXIF_IFD = 0x8769
_ARTIST = 0x013B
_DATETIME = 0x0132
_DATETIME_ORIGINAL = 0x9003
_CAMERA_OWNER = 0xA430


def image_members(container: Container) -> list[Member]:
    """Every image in the container, by file suffix."""
    return container.find(lambda m: m.suffix in IMAGE_SUFFIXES)


def read_photo(container: Container, member: Member) -> Photo | None:
    """The photo's metadata, or None when its header cannot be read as an image."""
    head = container.head(member, HEADER_BYTES)
    if not head:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(head)) as image:
                exif = image.getexif()
                gps = exif.get_ifd(_GPS_IFD)
                details = exif.get_ifd(_EXIF_IFD)
    except Exception:
        return None
    latitude = _coordinate(gps.get(2), gps.get(1), 90)
    longitude = _coordinate(gps.get(4), gps.get(3), 180)
    if latitude is None or longitude is None:
        latitude = longitude = None
    owner = _text(details.get(_CAMERA_OWNER)) or _text(exif.get(_ARTIST))
    taken = _date(details.get(_DATETIME_ORIGINAL)) or _date(exif.get(_DATETIME))
    return Photo(path=member.name, latitude=latitude, longitude=longitude, owner_name=owner, taken_at=taken)


def _coordinate(value: Any, ref: Any, bound: float) -> float | None:
    """Degrees from EXIF's (degrees, minutes, seconds) rationals, rounded to 2 decimals."""
    try:
        degrees, minutes, seconds = (float(part) for part in value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    result = degrees + minutes / 60 + seconds / 3600
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", "ignore")
    if isinstance(ref, str) and ref.strip().upper() in ("S", "W"):
        result = -result
    if not math.isfinite(result) or abs(result) > bound:
        return None
    return round(result, 2)


def _text(value: Any) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "ignore")
    if isinstance(value, str):
        value = value.strip("\x00 ").strip()
        return value[:200] or None
    return None


def _date(value: Any) -> dt.datetime | None:
    text = _text(value)
    if not text:
        return None
    try:
        return dt.datetime.strptime(text[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
