"""Instagram's export in JSON: posts, reels, stories, comments, profile and (optionally) messages.

Strings carry Meta's mojibake, and the labels inside `string_map_data` are written in the
account's language; the accepted spellings live in `instagram_labels.yaml`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from importlib.resources import files
from typing import Any

import yaml
from pydantic import ValidationError

from footprint.archives.container import Container, Member
from footprint.archives.meta import exif_photos, media_captions, message_files, messages
from footprint.errors import InputError
from footprint.models import Post, Snapshot, Verbatim, VisibilityFacts
from footprint.plugins.archives import (
    PRIVATE_NOTE,
    ArchiveAccount,
    ArchiveReader,
    dig,
    handle_from_name,
    listed,
    records,
    small_json,
    text_of,
    when,
)

_CONTENT = re.compile(r"^(posts|reels|stories|igtv_videos)(_\d+)?\.json$", re.IGNORECASE)
_COMMENTS = re.compile(r"^(post_comments|reels_comments|comments)(_\d+)?\.json$", re.IGNORECASE)


class Labels(Verbatim):
    """Localised `string_map_data` keys, per field."""

    comment: list[str]
    time: list[str]
    owner: list[str]
    username: list[str]
    name: list[str]
    bio: list[str]
    website: list[str]
    private: list[str]

    def of(self, field: str) -> set[str]:
        return {label.casefold() for label in getattr(self, field)}


@lru_cache(maxsize=1)
def labels() -> Labels:
    """The bundled label table, validated."""
    text = files("footprint.archives").joinpath("instagram_labels.yaml").read_text(encoding="utf-8")
    try:
        return Labels.model_validate(yaml.safe_load(text))
    except (yaml.YAMLError, ValidationError) as exc:
        raise InputError(f"instagram_labels.yaml: {exc}") from None


def _in_instagram(member: Member) -> bool:
    name = f"/{member.name.lower()}"
    return "/messages/" not in name and (
        "/content/" in name or "/media/" in name or "/comments/" in name or "/" not in member.name
    )


class InstagramReader(ArchiveReader):
    """Instagram export (JSON)."""

    name = "instagram"
    platform = "instagram"
    title = "Instagram export (JSON)"

    def detect(self, container: Container) -> float:
        if any("your_instagram_activity/" in m.name for m in container.members):
            return 0.95
        for member in container.by_basename("personal_information.json"):
            if b"profile_user" in container.head(member, 2048):
                return 0.85
        if any(_CONTENT.match(m.basename) and "content/" in m.name for m in container.members):
            return 0.6
        return 0.0

    def _content(self, container: Container) -> list[Member]:
        return container.find(lambda m: bool(_CONTENT.match(m.basename)) and _in_instagram(m))

    def _comments(self, container: Container) -> list[Member]:
        return container.find(lambda m: bool(_COMMENTS.match(m.basename)) and _in_instagram(m))

    def parts(self, container: Container, include_private: bool) -> list[Member]:
        found = [
            *container.by_basename("personal_information.json"),
            *self._content(container),
            *self._comments(container),
        ]
        return found + (message_files(container) if include_private else [])

    def read(self, container: Container, include_private: bool) -> Iterator[ArchiveAccount]:
        info: dict[str, Any] = {}
        for member in container.by_basename("personal_information.json"):
            found = dig(small_json(container, member, mojibake=True), "profile_user", 0, "string_map_data")
            if isinstance(found, dict):
                info = found
                break
        table = labels()
        username = _label(info, table.of("username")) or handle_from_name(container.label)
        private = _label(info, table.of("private")).casefold()
        website = _label(info, table.of("website"))
        snapshot = Snapshot(
            platform=self.platform,
            handle=username,
            url=f"https://www.instagram.com/{username}/" if info else None,
            display_name=_label(info, table.of("name")) or None,
            bio=_label(info, table.of("bio")) or None,
            links=[website] if website else [],
            visibility=VisibilityFacts(locked=private in ("true", "yes", "ja", "oui", "sí", "si", "waar"))
            if private
            else VisibilityFacts(),
            origin="archive",
        )
        if message_files(container) and not include_private:
            snapshot.notes.append(PRIVATE_NOTE)
        snapshot.photos = exif_photos(container, self._content(container))
        display = snapshot.display_name
        yield snapshot, self._posts(container, display, include_private)

    def _posts(self, container: Container, own_name: str | None, include_private: bool) -> Iterator[Post]:
        for member in self._content(container):
            for index, record in enumerate(records(container, member, mojibake=True)):
                post = _media_post(record, member, index)
                if post is not None:
                    yield post
        table = labels()
        for member in self._comments(container):
            for index, record in enumerate(records(container, member, mojibake=True)):
                post = _comment(record, member, index, table)
                if post is not None:
                    yield post
        if include_private:
            yield from messages(container, message_files(container), own_name)


def _label(data: dict[str, Any], names: set[str]) -> str:
    for key, value in data.items():
        if isinstance(key, str) and key.casefold() in names:
            return text_of(dig(value, "value"))
    return ""


def _media_post(record: Any, member: Member, index: int) -> Post | None:
    if not isinstance(record, dict):
        return None
    media = record.get("media") if isinstance(record.get("media"), list) else [record]
    captions = media_captions(media)
    text = text_of(record.get("title")) or (captions.pop(0) if captions else "")
    stamp = record.get("creation_timestamp") or dig(media, 0, "creation_timestamp")
    if not text and not captions:
        return None
    kind = "story" if member.basename.lower().startswith("stories") else "post"
    return Post(
        id=f"{member.name}#{index}",
        text=text,
        created_at=when(stamp),
        alt_texts=[c for c in captions if c != text],
        kind=kind,
        location=f"{member.name}[{index}]",
    )


def _comment(record: Any, member: Member, index: int, table: Labels) -> Post | None:
    if not isinstance(record, dict):
        return None
    text, stamp = "", None
    data = record.get("string_map_data")
    if isinstance(data, dict):
        entries = {k.casefold(): v for k, v in data.items() if isinstance(k, str) and isinstance(v, dict)}
        comment_keys = table.of("comment") & set(entries)
        time_keys = table.of("time") & set(entries)
        if comment_keys:
            text = text_of(entries[sorted(comment_keys)[0]].get("value"))
        else:
            owner = table.of("owner")
            valued = [v for k, v in entries.items() if k not in owner and text_of(v.get("value"))]
            text = text_of(valued[0].get("value")) if len(valued) == 1 else ""
        if time_keys:
            stamp = entries[sorted(time_keys)[0]].get("timestamp")
        else:
            stamps = [v.get("timestamp") for v in entries.values() if v.get("timestamp")]
            stamp = stamps[0] if len(stamps) == 1 else None
    for entry in listed(record.get("string_list_data")):
        if isinstance(entry, dict) and not text:
            text, stamp = text_of(entry.get("value")), entry.get("timestamp")
    if not text:
        return None
    return Post(
        id=f"{member.name}#{index}",
        text=text,
        created_at=when(stamp),
        kind="comment",
        location=f"{member.name}[{index}]",
    )
