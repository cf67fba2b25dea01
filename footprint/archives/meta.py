"""What Facebook's and Instagram's exports share: Messenger-style message threads and media captions."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from footprint.archives.base import records, text_of, when
from footprint.archives.container import Container, Member
from footprint.models import Post

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
