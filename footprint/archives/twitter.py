"""X/Twitter's "Download an archive of your data": `data/*.js` files wrapping JSON in `window.YTD…`.

Every data file is `window.YTD.<type>.partN = [ … ]`: the wrapper is skipped up to the first
`=` and the array streamed one tweet at a time. Files are matched by name in any folder, as
users often re-zip an unpacked archive.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

from footprint.archives.base import PRIVATE_NOTE, Account, ArchiveReader, dig, handle_from_name, listed, records, small_json, text_of, when
from footprint.archives.container import Container, Member
from footprint.models import Post, Snapshot

_TWEETS = re.compile(r"^(tweets?|note-tweet)(-part\d+)?\.js$", re.IGNORECASE)
_DMS = re.compile(r"^direct-messages(-group)?(-part\d+)?\.js$", re.IGNORECASE)


class TwitterReader(ArchiveReader):
    """X/Twitter archive (data/tweets.js, account.js, profile.js, direct-messages.js)."""

    name = "x"
    platform = "x"
    title = "X/Twitter archive"

    def detect(self, container: Container) -> float:
        names = {m.basename.lower() for m in container.members}
        if any(_TWEETS.match(n) for n in names) or "manifest.js" in names:
            return 0.95
        if "account.js" in names:
            head = container.head(container.by_basename("account.js")[0], 200)
            return 0.9 if b"window.YTD" in head else 0.0
        return 0.0

    def _tweet_files(self, container: Container) -> list[Member]:
        return container.find(lambda m: bool(_TWEETS.match(m.basename)) and not m.basename.lower().startswith("note-"))

    def _dm_files(self, container: Container) -> list[Member]:
        return container.find(lambda m: bool(_DMS.match(m.basename)))

    def parts(self, container: Container, include_private: bool) -> list[Member]:
        found = [*container.by_basename("account.js", "profile.js"), *self._tweet_files(container)]
        return found + (self._dm_files(container) if include_private else [])

    def read(self, container: Container, include_private: bool) -> Iterator[Account]:
        account = self._first(container, "account.js", "account")
        profile = self._first(container, "profile.js", "profile")
        username = text_of(account.get("username")) or handle_from_name(container.label)
        bio = text_of(dig(profile, "description", "bio"))
        website = text_of(dig(profile, "description", "website"))
        snapshot = Snapshot(
            platform=self.platform,
            handle=username,
            url=f"https://x.com/{username}",
            display_name=text_of(account.get("accountDisplayName")) or None,
            bio=bio or None,
            location=text_of(dig(profile, "description", "location")) or None,
            links=[website] if website else [],
            origin="archive",
        )
        if not account:
            snapshot.notes.append("No account.js in the archive: the account name was taken from the file name.")
        dms = self._dm_files(container)
        if dms and not include_private:
            snapshot.notes.append(PRIVATE_NOTE)
        yield snapshot, self._posts(container, username, text_of(account.get("accountId")), include_private)

    def _first(self, container: Container, filename: str, key: str) -> dict[str, Any]:
        for member in container.by_basename(filename):
            value = small_json(container, member, after="=")
            entry = dig(value, 0, key)
            if isinstance(entry, dict):
                return entry
        return {}

    def _posts(self, container: Container, username: str, account_id: str, include_private: bool) -> Iterator[Post]:
        for member in self._tweet_files(container):
            for index, record in enumerate(records(container, member, after="=")):
                post = _tweet(record, username, f"{member.name}[{index}]")
                if post is not None:
                    yield post
        if include_private:
            for member in self._dm_files(container):
                for index, record in enumerate(records(container, member, after="=")):
                    yield from _messages(record, account_id, f"{member.name}[{index}]")


def _tweet(record: Any, username: str, location: str) -> Post | None:
    tweet = record.get("tweet", record) if isinstance(record, dict) else None
    if not isinstance(tweet, dict):
        return None
    tid = text_of(tweet.get("id_str")) or str(tweet.get("id") or location)
    text = html.unescape(text_of(tweet.get("full_text")) or text_of(tweet.get("text")))
    for url in listed(dig(tweet, "entities", "urls")):
        short, full = text_of(dig(url, "url")), text_of(dig(url, "expanded_url"))
        if short and full:
            text = text.replace(short, full)
    alts = [text_of(m.get("ext_alt_text")) for m in listed(dig(tweet, "extended_entities", "media")) if isinstance(m, dict)]
    return Post(
        id=tid,
        text=text,
        url=f"https://x.com/{username}/status/{tid}",
        created_at=when(tweet.get("created_at")),
        alt_texts=[a for a in alts if a],
        kind="reply" if tweet.get("in_reply_to_status_id_str") else "post",
        location=location,
    )


def _messages(record: Any, account_id: str, location: str) -> Iterator[Post]:
    conversation = dig(record, "dmConversation")
    for i, message in enumerate(listed(dig(conversation, "messages"))):
        create = dig(message, "messageCreate")
        if not isinstance(create, dict):
            continue
        if account_id and text_of(create.get("senderId")) not in ("", account_id):
            continue  # NOTE: only the user's own words are scanned, never what others sent them
        yield Post(
            id=text_of(create.get("id")) or f"{location}.{i}",
            text=html.unescape(text_of(create.get("text"))),
            created_at=when(create.get("createdAt")),
            visibility="private_message",
            kind="message",
            location=f"{location}.messages[{i}]",
        )
