"""YouTube channels through the public videos feed: the channel's name and its latest videos' text.

A channel id (UC…) goes straight to the Atom feed. An @handle is first looked up on the
channel page for its id; in the UK and EU that page is often replaced by a cookie-consent
page, which is reported as blocked with the advice to give the channel id instead.
"""

from __future__ import annotations

import re

from footprint.errors import SourceError
from footprint.models import Account, AccountStatus, Outcome, Post, Snapshot, VisibilityFacts
from footprint.plugins.sources import Source, as_text, base_url, is_html, parse_time, raise_for, segment, take

_CHANNEL_ID = re.compile(r"UC[A-Za-z0-9_-]{22}")
_HANDLE = re.compile(r"UC[A-Za-z0-9_-]{22}|@?[A-Za-z0-9._-]{3,30}")
_ID_IN_PAGE = (
    re.compile(r'<link rel="canonical" href="[^"]*/channel/(UC[A-Za-z0-9_-]{22})"'),
    re.compile(r"feeds/videos\.xml\?channel_id=(UC[A-Za-z0-9_-]{22})"),
    re.compile(r'"(?:externalId|channelId)":"(UC[A-Za-z0-9_-]{22})"'),
)


class YouTubeSource(Source):
    """YouTube channels by channel id (UC…) or @handle."""

    platform = "youtube"
    title = "YouTube"
    handle_pattern = _HANDLE
    handle_example = "@janesmith or UCAbCdEfGhIjKlMnOpQrStUv"
    handle_rule = "@name of 3 to 30 letters, digits, . _ or -, or a channel id: UC and 22 more characters"
    default_base_url = "https://www.youtube.com"

    async def fetch(self, account: Account) -> Outcome:
        handle = (account.handle or "").strip()
        site = base_url(self.options, self.default_base_url or "")
        channel = handle if _CHANNEL_ID.fullmatch(handle) else await self._channel_id(site, handle.lstrip("@"))
        response = await self.http.get(f"{site}/feeds/videos.xml", params={"channel_id": channel})
        raise_for(response, f"a channel with the id {channel}", platform="YouTube")
        import feedparser  # NOTE: on first use, so loading the source to check a profile stays quick

        feed = feedparser.parse(response.content)  # bytes, never a URL: feedparser must not fetch anything itself
        if not feed.get("version") or "title" not in feed.feed:
            raise SourceError(AccountStatus.MALFORMED, "YouTube's channel feed was not a readable Atom feed")
        snapshot = Snapshot(
            platform=self.platform,
            handle=handle,
            anonymous=account.anonymous,
            url=f"https://www.youtube.com/channel/{channel}",
            display_name=as_text(feed.feed.get("title")) or None,
            visibility=VisibilityFacts(public_profile=True),
        )
        videos = (
            Post(
                id=as_text(e.get("yt_videoid")) or as_text(e.get("id")),
                text="\n".join(p for p in (as_text(e.get("title")), _description(e)) if p),
                url=as_text(e.get("link")) or None,
                created_at=parse_time(e.get("published_parsed") or e.get("updated_parsed")),
                kind="video",
            )
            for e in feed.entries
        )
        take(snapshot.posts, videos, self.options)
        snapshot.visibility.public_posts = bool(snapshot.posts) or None
        snapshot.notes.append(
            "YouTube's public feed lists only the most recent videos (about 15); older ones were not read."
        )
        return Outcome(account=account, status=AccountStatus.CHECKED, snapshot=snapshot)

    async def _channel_id(self, site: str, name: str) -> str:
        response = await self.http.get(f"{site}/@{segment(name)}")
        if "consent." in (response.url.host or ""):
            raise SourceError(
                AccountStatus.BLOCKED,
                "YouTube showed a cookie-consent page instead of the channel; put the channel id (UC…) in the profile instead",
            )
        raise_for(response, f"a channel called @{name}", platform="YouTube")
        text = response.text if is_html(response) else ""
        for pattern in _ID_IN_PAGE:
            found = pattern.search(text)
            if found:
                return found.group(1)
        raise SourceError(AccountStatus.MALFORMED, f"could not find the channel id on YouTube's page for @{name}")


def _description(entry: object) -> str:
    """The video's description (media:description), which feedparser files under a few names."""
    get = getattr(entry, "get", None)
    if get is None:
        return ""
    group = get("media_group") or []
    for value in (
        get("media_description"),
        get("summary"),
        *(g.get("media_description") for g in group if isinstance(g, dict)),
    ):
        if as_text(value):
            return as_text(value)
    return ""
