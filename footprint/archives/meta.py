"""What Facebook's and Instagram's exports share: message threads, media captions and the photo positions Meta kept."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

from footprint.archives.container import Container, Member
from footprint.models import Photo, Post
from footprint.plugins.archives import BAD_MEMBER, dig, listed, records, text_of, when

_MESSAGE_FILE = re.compile(r"^message_\d+\.json$", re.IGNORECASE)


def message_files(container: Container) -> list[Member]:
    """Every `messages/…/<thread>/message_N.json`."""
    return container.find(lambda m: bool(_MESSAGE_FILE.match(m.basename)) and "/messages/" in f"/{m.name.lower()}")


def messages(container: Container, members: list[Member], own_name: str | None) -> Iterator[Post]:
    """The user's own messages (by sender name when the export says who the user is)."""
    for member in members:
        for index, message in enumerate(records(container, member, keys=("messages",), mojibake=True)):
            if not isinstance(message, dict):
                continue
            sender = text_of(message.get("sender_name"))
            if own_name and sender and sender.casefold() != own_name.casefold():
                continue  # NOTE: only the user's own words are scanned, never what others sent them
            text = text_of(message.get("content"))
            if not text:
                continue
            yield Post(
                id=f"{member.name}#{index}",
                text=text,
                created_at=when(message.get("timestamp_ms")),
                visibility="private_message",
                kind="message",
                location=f"{member.name}[{index}]",
            )


def media_captions(media: Any) -> list[str]:
    """The titles and descriptions the user typed on each photo or video."""
    out: list[str] = []
    for item in media if isinstance(media, list) else []:
        if isinstance(item, dict):
            for key in ("title", "description"):
                text = text_of(item.get(key))
                if text and text not in out:
                    out.append(text)
    return out


def exif_photos(container: Container, members: list[Member]) -> list[Photo]:
    """Positions Meta kept in its own JSON (`media_metadata.photo_metadata.exif_data`), rounded on reading.

    A byte search first: files without `exif_data` (most of them) are never parsed twice.
    """
    photos: dict[str, Photo] = {}
    announce, container.on_open = container.on_open, None  # NOTE: progress names a file once, when the posts are read
    try:
        for member in members:
            if not _mentions(container, member, b'"exif_data"'):
                continue
            for record in records(container, member, mojibake=True):
                for media in _media_items(record, 0):
                    for exif in listed(dig(media, "media_metadata", "photo_metadata", "exif_data")):
                        latitude = _degrees(dig(exif, "latitude"), 90)
                        longitude = _degrees(dig(exif, "longitude"), 180)
                        path = text_of(media.get("uri")) or f"{member.name}#photo{len(photos)}"
                        if latitude is not None and longitude is not None and path not in photos:
                            photos[path] = Photo(
                                path=path,
                                latitude=latitude,
                                longitude=longitude,
                                taken_at=when(dig(exif, "taken_timestamp")),
                            )
    finally:
        container.on_open = announce
    return list(photos.values())


def _mentions(container: Container, member: Member, needle: bytes) -> bool:
    tail = b""
    try:
        with container.open(member, announce=False) as stream:
            while chunk := stream.read(1 << 20):
                if needle in tail + chunk:
                    return True
                tail = chunk[-len(needle) :]
    except BAD_MEMBER:
        return False  # NOTE: the reading pass reports the damaged member
    return False


def _media_items(value: Any, depth: int) -> Iterator[dict[str, Any]]:
    """Every dict with a `media_metadata` key inside a record (attachments nest it at varying depths)."""
    if depth > 12:
        return
    if isinstance(value, dict):
        if "media_metadata" in value:
            yield value
        for child in value.values():
            yield from _media_items(child, depth + 1)
    elif isinstance(value, list):
        for child in value:
            yield from _media_items(child, depth + 1)


def _degrees(value: Any, bound: float) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or abs(value) > bound:
        return None
    return round(float(value), 2)
