"""Facebook's "Download Your Information" in JSON: posts, comments, group posts, profile, messages.

Layouts moved between folders over the years (`posts/`, `your_activity_across_facebook/`,
`your_facebook_activity/`), so files are matched by name. Every string is repaired for Meta's
mojibake. A post's audience is not in the export, so posts are marked with unknown visibility.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from footprint.archives.container import Container, Member
from footprint.archives.meta import exif_photos, message_files, messages
from footprint.models import Post, ProfileField, Snapshot
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

_POSTS = re.compile(
    r"^(your_posts(__check_ins__photos_and_videos)?|posts_on_other_pages_and_profiles|group_posts_and_comments"
    r"|your_posts_and_comments_in_groups|your_posts_in_groups)(_\d+)?\.json$",
    re.IGNORECASE,
)
_COMMENTS = re.compile(r"^(comments|your_comments_in_groups)(_\d+)?\.json$", re.IGNORECASE)
_TEXT_LABELS = {"post", "comment", "text", "description", "caption"}


def _not_messages(member: Member) -> bool:
    return "/messages/" not in f"/{member.name.lower()}"


class FacebookReader(ArchiveReader):
    """Facebook "Download Your Information" (JSON)."""

    name = "facebook"
    platform = "facebook"
    title = "Facebook download (JSON)"

    def detect(self, container: Container) -> float:
        if any(
            "your_facebook_activity/" in m.name or "your_activity_across_facebook/" in m.name for m in container.members
        ):
            return 0.95
        if any(_POSTS.match(m.basename) and _not_messages(m) for m in container.members):
            return 0.8
        for member in container.by_basename("profile_information.json"):
            if b"profile_v2" in container.head(member, 2048):
                return 0.8
        return 0.0

    def _posts_files(self, container: Container) -> list[Member]:
        return container.find(lambda m: bool(_POSTS.match(m.basename)) and _not_messages(m))

    def _comment_files(self, container: Container) -> list[Member]:
        return container.find(lambda m: bool(_COMMENTS.match(m.basename)) and _not_messages(m))

    def parts(self, container: Container, include_private: bool) -> list[Member]:
        found = [
            *container.by_basename("profile_information.json"),
            *self._posts_files(container),
            *self._comment_files(container),
        ]
        return found + (message_files(container) if include_private else [])

    def read(self, container: Container, include_private: bool) -> Iterator[ArchiveAccount]:
        profile: dict[str, Any] = {}
        for member in container.by_basename("profile_information.json"):
            found = dig(small_json(container, member, mojibake=True), "profile_v2")
            if isinstance(found, dict):
                profile = found
                break
        full_name = text_of(dig(profile, "name", "full_name"))
        handle = text_of(profile.get("username")) or full_name or handle_from_name(container.label)
        snapshot = Snapshot(
            platform=self.platform,
            handle=handle,
            display_name=full_name or None,
            bio=text_of(profile.get("intro_bio")) or text_of(profile.get("about_me")) or None,
            location=text_of(dig(profile, "current_city", "name")) or None,
            fields=_fields(profile),
            links=[
                text_of(w.get("address"))
                for w in listed(profile.get("websites"))
                if isinstance(w, dict) and text_of(w.get("address"))
            ],
            origin="archive",
        )
        snapshot.notes.append(
            "Facebook's download does not record who could see each post, so their audience is unknown."
        )
        snapshot.photos = exif_photos(container, self._posts_files(container))
        threads = message_files(container)
        if threads and not include_private:
            snapshot.notes.append(PRIVATE_NOTE)
        yield snapshot, self._posts(container, full_name, include_private)

    def _posts(self, container: Container, own_name: str, include_private: bool) -> Iterator[Post]:
        for member in self._posts_files(container):
            for index, record in enumerate(records(container, member, mojibake=True)):
                post = _item(record, member, index, "post")
                if post is not None:
                    yield post
        for member in self._comment_files(container):
            for index, record in enumerate(records(container, member, mojibake=True)):
                post = _item(record, member, index, "comment")
                if post is not None:
                    yield post
        if include_private:
            yield from messages(container, message_files(container), own_name or None)


def _fields(profile: dict[str, Any]) -> list[ProfileField]:
    fields = []
    hometown = text_of(dig(profile, "hometown", "name"))
    if hometown:
        fields.append(ProfileField(name="Hometown", value=hometown))
    for job in listed(profile.get("work_experiences")):
        if isinstance(job, dict):
            value = ", ".join(
                p for p in (text_of(job.get("title")), text_of(job.get("employer")), text_of(job.get("location"))) if p
            )
            if value:
                fields.append(ProfileField(name="Work", value=value))
    for school in listed(profile.get("education_experiences")):
        if isinstance(school, dict) and text_of(school.get("name")):
            fields.append(ProfileField(name="Education", value=text_of(school.get("name"))))
    return fields


def _item(record: Any, member: Member, index: int, kind: str) -> Post | None:
    """One post or comment: its own words, captions and check-in place; never the generated title."""
    if not isinstance(record, dict):
        return None
    parts: list[str] = []
    stamp = record.get("timestamp")
    for entry in listed(record.get("data")):
        if not isinstance(entry, dict):
            continue
        if text_of(entry.get("post")):
            parts.append(text_of(entry["post"]))
        comment = entry.get("comment")
        if isinstance(comment, dict) and text_of(comment.get("comment")):
            parts.append(text_of(comment["comment"]))
            stamp = stamp or comment.get("timestamp")
        elif text_of(comment):
            parts.append(text_of(comment))
    for label in listed(record.get("label_values")):
        if (
            isinstance(label, dict)
            and text_of(label.get("label")).lower() in _TEXT_LABELS
            and text_of(label.get("value"))
        ):
            parts.append(text_of(label["value"]))
    captions: list[str] = []
    for attachment in listed(record.get("attachments")):
        for data in listed(dig(attachment, "data")):
            description = text_of(dig(data, "media", "description"))
            if description:
                captions.append(description)
            place = text_of(dig(data, "place", "name"))
            if place:
                parts.append(f"At {place}")
            link = text_of(dig(data, "external_context", "url"))
            if link:
                parts.append(link)
    if not parts and not captions:
        return None
    return Post(
        id=f"{member.name}#{index}",
        text="\n".join(parts),
        created_at=when(stamp),
        alt_texts=captions,
        visibility="unknown",
        kind=kind,
        location=f"{member.name}[{index}]",
    )
