"""X/Twitter's "Download an archive of your data", in both generations.

Since 2019 every data file is `window.YTD.<type>.partN = [ … ]` (`data/tweets.js`,
`data/community-tweet.js`, `data/note-tweet.js`, `data/account.js`…): the wrapper is skipped up to
the first `=` and the array streamed one tweet at a time. Archives made before 2019 hold
`tweets.csv` and `data/js/tweets/YYYY_MM.js` (`Grailbird.data.tweets_YYYY_MM = [ … ]`) with
`data/js/user_details.js`. Files are matched by name in any folder, as users often re-zip an
unpacked archive.

Retweets are someone else's words: archives keep them as tweets whose text starts `RT @user:`,
so they are counted and left out, as the live sources leave out reposts. `tweets.js` cuts long
tweets near 280 characters; their full text is in `note-tweet.js`, matched back by creation time
and opening words.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

from footprint.archives.container import Container, Member
from footprint.models import Post, Snapshot
from footprint.plugins.archives import (
    PRIVATE_NOTE,
    ArchiveAccount,
    ArchiveReader,
    csv_rows,
    dig,
    handle_from_name,
    listed,
    pick,
    records,
    small_json,
    text_of,
    when,
)

_TWEETS = re.compile(r"^(tweets?|community-tweet)(-part\d+)?\.js$", re.IGNORECASE)
_NOTES = re.compile(r"^note-tweet(-part\d+)?\.js$", re.IGNORECASE)
_DMS = re.compile(r"^direct-messages(-group)?(-part\d+)?\.js$", re.IGNORECASE)
_MONTHLY = re.compile(
    r"(^|/)tweets/\d{4}_\d{2}\.js$", re.IGNORECASE
)  # the pre-2019 archive's data/js/tweets/2014_09.js
_RETWEET = re.compile(r"^RT @\w+:")
_LEADING_MENTIONS = re.compile(r"^(?:@\w+\s+)+")
_TCO = re.compile(r"https?://t\.co/\w+")


def is_retweet(tweet: dict[str, Any], text: str) -> bool:
    """True for a retweet: someone else's post shared, not the user's own words."""
    return isinstance(tweet.get("retweeted_status"), dict) or bool(_RETWEET.match(text))


class TwitterReader(ArchiveReader):
    """X/Twitter archive: data/tweets.js and friends (2019 on), or tweets.csv and data/js/tweets/*.js (before 2019)."""

    name = "x"
    platform = "x"
    title = "X/Twitter archive"

    def detect(self, container: Container) -> float:
        names = {m.basename.lower() for m in container.members}
        if any(_TWEETS.match(n) or _NOTES.match(n) for n in names) or "manifest.js" in names:
            return 0.95
        if "account.js" in names:
            head = container.head(container.by_basename("account.js")[0], 200)
            return 0.9 if b"window.YTD" in head else 0.0
        if self._monthly(container) or "user_details.js" in names:
            return 0.9
        if "tweets.csv" in names and b"tweet_id" in container.head(container.by_basename("tweets.csv")[0], 400):
            return 0.9
        return 0.0

    def _tweet_files(self, container: Container) -> list[Member]:
        return container.find(lambda m: bool(_TWEETS.match(m.basename)))

    def _note_files(self, container: Container) -> list[Member]:
        return container.find(lambda m: bool(_NOTES.match(m.basename)))

    def _monthly(self, container: Container) -> list[Member]:
        return container.find(lambda m: bool(_MONTHLY.search(m.name)))

    def _csv(self, container: Container) -> list[Member]:
        # NOTE: the old archive has both; tweets.csv is read only when the monthly files (with their links) are missing.
        return [] if self._monthly(container) else container.by_basename("tweets.csv")

    def _dm_files(self, container: Container) -> list[Member]:
        return container.find(lambda m: bool(_DMS.match(m.basename)))

    def parts(self, container: Container, include_private: bool) -> list[Member]:
        found = [*container.by_basename("account.js", "profile.js", "user_details.js"), *self._note_files(container)]
        found += [*self._tweet_files(container), *self._monthly(container), *self._csv(container)]
        return found + (self._dm_files(container) if include_private else [])

    def read(self, container: Container, include_private: bool) -> Iterator[ArchiveAccount]:
        account = self._first(container, "account.js", "account")
        profile = self._first(container, "profile.js", "profile")
        legacy = self._legacy_user(container)
        username = (
            text_of(account.get("username")) or text_of(legacy.get("screen_name")) or handle_from_name(container.label)
        )
        bio = text_of(dig(profile, "description", "bio")) or text_of(legacy.get("bio"))
        website = (
            text_of(dig(profile, "description", "website"))
            or text_of(legacy.get("expanded_url"))
            or text_of(legacy.get("url"))
        )
        snapshot = Snapshot(
            platform=self.platform,
            handle=username,
            url=f"https://x.com/{username}",
            display_name=text_of(account.get("accountDisplayName")) or text_of(legacy.get("full_name")) or None,
            bio=bio or None,
            location=text_of(dig(profile, "description", "location")) or text_of(legacy.get("location")) or None,
            links=[website] if website else [],
            origin="archive",
        )
        if not account and not legacy:
            snapshot.notes.append("No account.js in the archive: the account name was taken from the file name.")
        dms = self._dm_files(container)
        if dms and not include_private:
            snapshot.notes.append(PRIVATE_NOTE)
        yield snapshot, self._posts(container, snapshot, username, text_of(account.get("accountId")), include_private)

    def _first(self, container: Container, filename: str, key: str) -> dict[str, Any]:
        for member in container.by_basename(filename):
            value = small_json(container, member, after="=")
            entry = dig(value, 0, key)
            if isinstance(entry, dict):
                return entry
        return {}

    def _legacy_user(self, container: Container) -> dict[str, Any]:
        for member in container.by_basename("user_details.js"):
            value = small_json(container, member, after="=")
            if isinstance(value, dict):
                return value
        return {}

    def _posts(
        self, container: Container, snapshot: Snapshot, username: str, account_id: str, include_private: bool
    ) -> Iterator[Post]:
        notes = self._notes(container)
        shared = 0
        for member in [*self._tweet_files(container), *self._monthly(container)]:
            for index, record in enumerate(records(container, member, after="=")):
                post = _tweet(record, username, f"{member.name}[{index}]", notes)
                if post is _SHARED:
                    shared += 1
                elif post is not None:
                    yield post
        for member in self._csv(container):
            for line, row in csv_rows(container, member, ["tweet_id", "text"]):
                post = _csv_tweet(row, username, f"{member.name}:{line}")
                if post is _SHARED:
                    shared += 1
                elif post is not None:
                    yield post
        for key, (note_id, text, created) in notes.items():
            if key not in notes.matched:
                yield Post(
                    id=note_id,
                    text=text,
                    url=f"https://x.com/{username}/status/{note_id}",
                    created_at=created,
                    location=f"note-tweet.js:{note_id}",
                )
        if shared:
            snapshot.notes.append(
                f"{shared} retweet(s) (other people's posts you shared) were not scanned as your own words."
            )
        if include_private:
            for member in self._dm_files(container):
                for index, record in enumerate(records(container, member, after="=")):
                    yield from _messages(record, account_id, f"{member.name}[{index}]")

    def _notes(self, container: Container) -> _Notes:
        notes = _Notes()
        for member in self._note_files(container):
            for record in records(container, member, after="="):
                note = dig(record, "noteTweet")
                text = text_of(dig(note, "core", "text"))
                created = when(dig(note, "createdAt"))
                if not text or created is None:
                    continue
                for url in listed(dig(note, "core", "urls")):
                    short, full = text_of(dig(url, "shortUrl")), text_of(dig(url, "expandedUrl"))
                    if short and full:
                        text = text.replace(short, full)
                notes[(int(created.timestamp()), _opening(text))] = (
                    text_of(dig(note, "noteTweetId")),
                    html.unescape(text),
                    created,
                )
        return notes


class _Notes(dict[tuple[int, str], tuple[str, str, Any]]):
    """Long tweets' full text by (creation second, opening words); remembers which were matched to a tweet."""

    def __init__(self) -> None:
        super().__init__()
        self.matched: set[tuple[int, str]] = set()

    def full_text(self, created: Any, text: str) -> str | None:
        if not self or created is None:
            return None
        key = (int(created.timestamp()), _opening(text))
        if key in self:
            self.matched.add(key)
            return self[key][1]
        return None


def _opening(text: str) -> str:
    """The first words of a tweet, as both tweets.js and note-tweet.js write them."""
    text = _TCO.sub("", _LEADING_MENTIONS.sub("", html.unescape(text)).split("…")[0])
    return " ".join(text.split())[:40]


_SHARED = Post(id="retweet")  # a sentinel: the record was a retweet


def _tweet(record: Any, username: str, location: str, notes: _Notes) -> Post | None:
    tweet = record.get("tweet", record) if isinstance(record, dict) else None
    if not isinstance(tweet, dict):
        return None
    tid = text_of(tweet.get("id_str")) or str(tweet.get("id") or location)
    raw = text_of(tweet.get("full_text")) or text_of(tweet.get("text"))
    if is_retweet(tweet, raw):
        return _SHARED
    created = when(tweet.get("created_at"))
    text = html.unescape(raw)
    for url in listed(dig(tweet, "entities", "urls")):
        short, full = text_of(dig(url, "url")), text_of(dig(url, "expanded_url"))
        if short and full:
            text = text.replace(short, full)
    media = [
        m
        for m in listed(dig(tweet, "extended_entities", "media")) or listed(dig(tweet, "entities", "media"))
        if isinstance(m, dict)
    ]
    for m in media:
        if text_of(m.get("url")):
            text = text.replace(text_of(m["url"]), "")  # NOTE: a media link points at the attached image, not at words
    whole = notes.full_text(created, raw)
    if whole is not None:
        text = whole
    alts = [text_of(m.get("ext_alt_text")) for m in media]
    return Post(
        id=tid,
        text=text.strip(),
        url=f"https://x.com/{username}/status/{tid}",
        created_at=created,
        alt_texts=[a for a in alts if a],
        kind="reply" if tweet.get("in_reply_to_status_id_str") else "post",
        location=location,
    )


def _csv_tweet(row: dict[str, str], username: str, location: str) -> Post | None:
    raw = pick(row, "text")
    if pick(row, "retweeted_status_id") or _RETWEET.match(raw):
        return _SHARED
    tid = pick(row, "tweet_id")
    text = html.unescape(raw)
    expanded = [u for u in pick(row, "expanded_urls").split(",") if u.strip()]
    shorts = _TCO.findall(text)
    for short, full in zip(shorts, expanded, strict=False):
        text = text.replace(short, full.strip())
    return Post(
        id=tid or location,
        text=text,
        url=f"https://x.com/{username}/status/{tid}" if tid else None,
        created_at=when(pick(row, "timestamp")),
        kind="reply" if pick(row, "in_reply_to_status_id") else "post",
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
