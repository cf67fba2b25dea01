"""Mastodon's "Request your archive": ActivityStreams `outbox.json` and `actor.json` (zip, or tar.gz).

The outbox holds every status the account wrote, followers-only and direct ones included, so
each post's visibility is worked out from its addressing, as Mastodon itself does:
`to` Public → public; `cc` Public → unlisted; the followers collection → followers; else direct.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from footprint.archives.container import Container, Member
from footprint.markup import html_to_text
from footprint.models import Post, ProfileField, Snapshot, Visibility, VisibilityFacts
from footprint.plugins.archives import (
    ArchiveAccount,
    ArchiveReader,
    handle_from_name,
    listed,
    records,
    small_json,
    text_of,
    when,
)

PUBLIC = {"https://www.w3.org/ns/activitystreams#Public", "as:Public", "Public"}
_SIMPLE = re.compile(r"</?(?:p|br|a|span)\b[^<>]*/?>", re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>|</p>\s*<p\b[^<>]*>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t]+")
_QUOTE_FALLBACK = re.compile(
    r"<p\b[^<>]*\bclass=[\"'][^\"']*\bquote-inline\b[^\"']*[\"'][^<>]*>.*?</p>", re.IGNORECASE | re.DOTALL
)
_ANCHOR = re.compile(r"<a\b([^<>]*)>", re.IGNORECASE)
_ATTR = re.compile(r"""(\w[\w-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def drop_quote_fallback(markup: str) -> str:
    """A quote post's content without the "RE: <link>" paragraph servers add for apps that cannot show quotes."""
    return _QUOTE_FALLBACK.sub("", markup) if "quote-inline" in markup else markup


def own_links(markup: str | None) -> list[str]:
    """The http(s) links the user wrote in an HTML fragment: not hashtag or mention links, which the server makes
    (two accounts using the same hashtag on one server share that link, and it says nothing about either)."""
    seen: dict[str, None] = {}
    for found in _ANCHOR.finditer(markup or ""):
        attrs = {m[1].lower(): html.unescape(m[2] or m[3] or "") for m in _ATTR.finditer(found[1])}
        marks = f"{attrs.get('class', '')} {attrs.get('rel', '')}".lower().split()
        if "hashtag" in marks or "mention" in marks or "tag" in marks:
            continue
        url = attrs.get("href", "").strip()
        if url.startswith(("http://", "https://")):
            seen.setdefault(url, None)
    return list(seen)


def poll_options(note: dict[str, Any]) -> list[str]:
    """A poll's choices (ActivityStreams `oneOf` or `anyOf`, each a Note with a `name`)."""
    return [
        text_of(o.get("name"))
        for key in ("oneOf", "anyOf")
        for o in listed(note.get(key))
        if isinstance(o, dict) and text_of(o.get("name"))
    ]


def content_text(markup: str) -> str:
    """Plain text of a status's HTML. Mastodon writes only <p>, <br>, <a> and <span>; those take a fast
    path (the general parser costs seconds per 100,000 statuses), anything else the general one."""
    if "<" not in markup:
        return html.unescape(markup).strip()
    if _SIMPLE.sub("", markup).count("<"):
        return html_to_text(markup)
    text = _SIMPLE.sub("", _BREAK.sub("\n", markup))
    return _SPACES.sub(" ", html.unescape(text)).strip()


def visibility(item: dict[str, Any], followers: str | None) -> Visibility:
    """A status's visibility from its `to` and `cc` addressing."""
    to = _addresses(item.get("to"))
    cc = _addresses(item.get("cc"))
    if to & PUBLIC:
        return "public"
    if cc & PUBLIC:
        return "unlisted"
    everyone = to | cc
    if (followers and followers in everyone) or any(a.endswith("/followers") for a in everyone):
        return "followers"
    return "direct"


def _addresses(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, list):
        return {v for v in value if isinstance(v, str)}
    return set()


class MastodonReader(ArchiveReader):
    """Mastodon account archive (outbox.json, actor.json)."""

    name = "mastodon"
    platform = "mastodon"
    title = "Mastodon archive"

    def detect(self, container: Container) -> float:
        outbox = container.by_basename("outbox.json")
        if outbox and container.by_basename("actor.json"):
            return 0.95
        if outbox and b"OrderedCollection" in container.head(outbox[0], 4096):
            return 0.85
        return 0.0

    def parts(self, container: Container, include_private: bool) -> list[Member]:
        return [*container.by_basename("actor.json"), *container.by_basename("outbox.json")]

    def read(self, container: Container, include_private: bool) -> Iterator[ArchiveAccount]:
        actor: dict[str, Any] = {}
        for member in container.by_basename("actor.json"):
            found = small_json(container, member)
            if isinstance(found, dict):
                actor = found
                break
        user = text_of(actor.get("preferredUsername"))
        host = urlsplit(text_of(actor.get("url")) or text_of(actor.get("id"))).hostname or ""
        handle = f"@{user}@{host}" if user and host else user or handle_from_name(container.label)
        fields = [
            ProfileField(name=html_to_text(text_of(f.get("name"))), value=html_to_text(text_of(f.get("value"))))
            for f in listed(actor.get("attachment"))
            if isinstance(f, dict) and f.get("type") == "PropertyValue"
        ]
        locked = actor.get("manuallyApprovesFollowers")
        snapshot = Snapshot(
            platform=self.platform,
            handle=handle,
            url=text_of(actor.get("url")) or None,
            display_name=text_of(actor.get("name")) or None,
            bio=html_to_text(text_of(actor.get("summary"))) or None,
            fields=fields,
            visibility=VisibilityFacts(
                locked=locked if isinstance(locked, bool) else None,
                discoverable=actor.get("discoverable") if isinstance(actor.get("discoverable"), bool) else None,
                indexable=actor.get("indexable") if isinstance(actor.get("indexable"), bool) else None,
            ),
            origin="archive",
        )
        if not actor:
            snapshot.notes.append("No actor.json in the archive: the account name was taken from the file name.")
        followers = text_of(actor.get("followers")) or None
        if followers and not followers.startswith("http") and actor.get("id"):
            followers = f"{text_of(actor.get('id'))}/followers"
        yield snapshot, self._posts(container, snapshot, followers)

    def _posts(self, container: Container, snapshot: Snapshot, followers: str | None) -> Iterator[Post]:
        boosts = 0
        for member in container.by_basename("outbox.json"):
            for index, activity in enumerate(records(container, member, keys=("orderedItems",))):
                post = _status(activity, followers, f"{member.name}[{index}]")
                if post is not None:
                    yield post
                elif isinstance(activity, dict) and activity.get("type") == "Announce":
                    boosts += 1
        if boosts:
            snapshot.notes.append(
                f"{boosts} boost(s) (other people's posts you shared) were not scanned as your own words."
            )


def _status(activity: Any, followers: str | None, location: str) -> Post | None:
    if not isinstance(activity, dict) or activity.get("type") != "Create":
        return None  # NOTE: boosts (Announce) carry only the boosted status's address, no text of the user's
    note = activity.get("object")
    if not isinstance(note, dict):
        return None
    content = text_of(note.get("content"))
    if not content and isinstance(note.get("contentMap"), dict):
        content = next((text_of(v) for v in note["contentMap"].values() if text_of(v)), "")
    alts = [
        text_of(a.get("name")) for a in listed(note.get("attachment")) if isinstance(a, dict) and text_of(a.get("name"))
    ]
    text = "\n".join(p for p in (content_text(drop_quote_fallback(content)), *poll_options(note)) if p)
    return Post(
        id=text_of(note.get("id")) or location,
        text=text,
        url=text_of(note.get("url")) or text_of(note.get("id")) or None,
        created_at=when(note.get("published") or activity.get("published")),
        content_warning=text_of(note.get("summary")) or None,
        alt_texts=alts,
        visibility=visibility(note if ("to" in note or "cc" in note) else activity, followers),
        kind="reply" if note.get("inReplyTo") else "post",
        location=location,
    )
