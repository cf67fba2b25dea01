"""TikTok's "Download your data" in JSON: one `user_data.json` (or `user_data_tiktok.json`).

The schema changes between export versions, so every section is looked up under its newer and
its older key. The file is one object, read whole (it is small next to the videos it describes).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from footprint.archives.container import Container, Member
from footprint.models import Post, Snapshot, Visibility
from footprint.plugins.archives import (
    PRIVATE_NOTE,
    ArchiveAccount,
    ArchiveReader,
    dig,
    handle_from_name,
    small_json,
    text_of,
    when,
)

_FILES = ("user_data.json", "user_data_tiktok.json")
_WHO: dict[str, Visibility] = {
    "everyone": "public",
    "friends": "followers",
    "followers": "followers",
    "only me": "direct",
    "onlyme": "direct",
}


def _first(data: Any, *paths: tuple[str, ...]) -> Any:
    for path in paths:
        found = dig(data, *path)
        if found is not None:
            return found
    return None


class TikTokReader(ArchiveReader):
    """TikTok export (user_data.json)."""

    name = "tiktok"
    platform = "tiktok"
    title = "TikTok export (JSON)"

    def detect(self, container: Container) -> float:
        for member in container.by_basename(*_FILES):
            head = container.head(member, 8192)
            if any(
                key in head
                for key in (b'"Profile"', b'"Video"', b'"Post"', b'"Comment"', b'"Activity"', b'"Your Activity"')
            ):
                return 0.9
        return 0.0

    def parts(self, container: Container, include_private: bool) -> list[Member]:
        return container.by_basename(*_FILES)[:1]

    def read(self, container: Container, include_private: bool) -> Iterator[ArchiveAccount]:
        members = container.by_basename(*_FILES)
        data = small_json(container, members[0]) if members else None
        data = data if isinstance(data, dict) else {}
        profile = (
            _first(data, ("Profile", "Profile Info", "ProfileMap"), ("Profile", "Profile Information", "ProfileMap"))
            or {}
        )
        user = text_of(dig(profile, "userName")) or handle_from_name(container.label)
        snapshot = Snapshot(
            platform=self.platform,
            handle=user,
            url=f"https://www.tiktok.com/@{user}" if text_of(dig(profile, "userName")) else None,
            display_name=text_of(dig(profile, "displayName")) or None,
            bio=text_of(dig(profile, "bioDescription")) or None,
            origin="archive",
        )
        chats = _first(
            data,
            ("Direct Message", "Direct Messages", "ChatHistory"),
            ("Direct Messages", "Chat History", "ChatHistory"),
        )
        if chats and not include_private:
            snapshot.notes.append(PRIVATE_NOTE)
        name = members[0].name if members else container.label
        yield snapshot, self._posts(data, name, user, chats if include_private else None)

    def _posts(self, data: dict[str, Any], name: str, user: str, chats: Any) -> Iterator[Post]:
        videos = _first(data, ("Post", "Posts", "VideoList"), ("Video", "Videos", "VideoList")) or []
        for i, video in enumerate(videos if isinstance(videos, list) else []):
            if not isinstance(video, dict):
                continue
            text = "\n".join(p for p in (text_of(video.get("Title")), text_of(video.get("AddYoursText"))) if p)
            place = text_of(video.get("Location"))
            if place:
                text = f"{text}\nAt {place}".strip()
            if text:
                who = _WHO.get(text_of(video.get("WhoCanView")).lower(), "unknown")
                yield Post(
                    id=text_of(video.get("Link")) or f"{name}#video{i}",
                    text=text,
                    url=text_of(video.get("Link")) or None,
                    created_at=when(video.get("Date")),
                    visibility=who,
                    kind="video",
                    location=f"{name}:Post.VideoList[{i}]",
                )
        comments = _first(data, ("Comment", "Comments", "CommentsList"), ("Comment", "CommentsList")) or []
        for i, comment in enumerate(comments if isinstance(comments, list) else []):
            text = text_of(dig(comment, "comment")) or text_of(dig(comment, "Comment"))
            if text:
                yield Post(
                    id=f"{name}#comment{i}",
                    text=text,
                    url=text_of(dig(comment, "url")) or None,
                    created_at=when(dig(comment, "date") or dig(comment, "Date")),
                    kind="comment",
                    location=f"{name}:Comment.CommentsList[{i}]",
                )
        if isinstance(chats, dict):
            for thread, lines in chats.items():
                for i, message in enumerate(lines if isinstance(lines, list) else []):
                    sender = text_of(dig(message, "From"))
                    text = text_of(dig(message, "Content"))
                    if text and (not sender or sender == user):
                        yield Post(
                            id=f"{name}#{thread}#{i}",
                            text=text,
                            created_at=when(dig(message, "Date")),
                            visibility="private_message",
                            kind="message",
                            location=f"{name}:{thread}[{i}]",
                        )
