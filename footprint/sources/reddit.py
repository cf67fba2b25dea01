"""Reddit: the user's public JSON and RSS feeds, which Reddit now mostly answers with a block page.

Since mid-2026 Reddit answers logged-out `.json` requests with an HTML "blocked" page. That is
reported as BLOCKED (never as "not found"), the Atom feed is tried next, and when both are
closed the user is pointed at Reddit's data export, which `footprint scan` reads offline.
"""

from __future__ import annotations

import re
from typing import Any

from footprint.errors import SourceError
from footprint.http import parse_json
from footprint.markup import html_to_text
from footprint.models import Account, AccountStatus, Outcome, Post, Snapshot, VisibilityFacts
from footprint.plugins.sources import (
    MAX_PAGES,
    Source,
    add_links,
    as_bool,
    as_text,
    base_url,
    block_page,
    error_body,
    expect,
    parse_time,
    partial,
    raise_for,
    segment,
    take,
    urls_in,
)

_HANDLE = re.compile(r"(?:/?u/)?[A-Za-z0-9_-]{3,20}")
ARCHIVE_HINT = (
    "Request your data from Reddit (Settings → Privacy → Request your data) and run `footprint scan` on the download"
)
CHECKLIST = [
    "Open your profile (reddit.com/user/NAME) in a private browser window and read what it shows.",
    "Settings → Profile: check 'Show up in search results' and 'Content visibility' (what your profile lists).",
    "Look at your recent posts and comments: subreddits and details can say where you work or live.",
    ARCHIVE_HINT + ".",
]


class RedditSource(Source):
    """Reddit users by name (u/name or name)."""

    platform = "reddit"
    title = "Reddit"
    handle_pattern = _HANDLE
    handle_example = "u/janesmith"
    handle_rule = "3 to 20 letters, digits, _ or -, optionally written u/name"
    default_base_url = "https://www.reddit.com"

    async def fetch(self, account: Account) -> Outcome:
        name = re.sub(r"^/?u/", "", account.handle or "")
        site = base_url(self.options, self.default_base_url or "")
        try:
            snapshot = await self._from_json(site, name, account)
        except SourceError as blocked:
            if blocked.status is not AccountStatus.BLOCKED:
                raise
            try:
                snapshot = await self._from_feed(site, name, account)
            except SourceError as again:
                if again.status is not AccountStatus.BLOCKED:
                    raise
                return Outcome(
                    account=account,
                    status=AccountStatus.BLOCKED,
                    reason=f"Reddit answers logged-out requests with a block page, so u/{name} cannot be read from outside; "
                    f"{ARCHIVE_HINT[0].lower()}{ARCHIVE_HINT[1:]}",
                    checklist=CHECKLIST,
                )
        return Outcome(account=account, status=AccountStatus.CHECKED, snapshot=snapshot)

    async def _get(self, url: str, what: str, params: dict[str, Any] | None = None) -> Any:
        response = await self.http.get(url, params=params)
        if block_page(response) or (response.status_code == 403 and not error_body(response)):
            raise SourceError(AccountStatus.BLOCKED, f"Reddit answered with a block page instead of {what}")
        raise_for(response, what, platform="Reddit")
        return response

    async def _from_json(self, site: str, name: str, account: Account) -> Snapshot:
        about = expect(
            parse_json(await self._get(f"{site}/user/{segment(name)}/about.json", f"a user called {name}")),
            dict,
            "the profile",
            "Reddit",
        )
        data = expect(about.get("data"), dict, "the profile", "Reddit")
        if data.get("is_suspended"):
            raise SourceError(AccountStatus.SUSPENDED, f"Reddit says u/{name} is suspended")
        sub = data.get("subreddit") if isinstance(data.get("subreddit"), dict) else {}
        snapshot = Snapshot(
            platform=self.platform,
            handle=account.handle or "",
            anonymous=account.anonymous,
            url=f"https://www.reddit.com/user/{segment(name)}/",
            display_name=as_text(sub.get("title")) or None,
            bio=as_text(sub.get("public_description")) or None,
            visibility=VisibilityFacts(public_profile=True, noindex=as_bool(data.get("hide_from_robots"))),
        )
        add_links(snapshot, urls_in(snapshot.bio))
        after: str | None = None
        for page_no in range(MAX_PAGES):
            params = {
                "limit": min(100, self.options.max_posts),
                "sort": "new",
                "raw_json": 1,
                **({"after": after} if after else {}),
            }
            try:
                listing = parse_json(
                    await self._get(f"{site}/user/{segment(name)}/overview.json", "the user's posts", params)
                )
                body = expect(expect(listing, dict, "the posts", "Reddit").get("data"), dict, "the posts", "Reddit")
            except SourceError as exc:
                if page_no == 0 and exc.status is not AccountStatus.BLOCKED:
                    raise
                partial(snapshot, exc)
                break
            children = body.get("children") if isinstance(body.get("children"), list) else []
            nxt = body.get("after") if isinstance(body.get("after"), str) else None
            if (
                not take(snapshot.posts, (_thing(c) for c in children if isinstance(c, dict)), self.options)
                or not nxt
                or nxt == after
            ):
                break
            after = nxt
        snapshot.visibility.public_posts = bool(snapshot.posts) or None
        return snapshot

    async def _from_feed(self, site: str, name: str, account: Account) -> Snapshot:
        response = await self._get(f"{site}/user/{segment(name)}/.rss", "the user's feed")
        import feedparser  # NOTE: on first use, so loading the source to check a profile stays quick

        feed = feedparser.parse(response.content)
        if feed.bozo and not feed.entries:
            raise SourceError(AccountStatus.MALFORMED, "Reddit's user feed was not a readable feed")
        snapshot = Snapshot(
            platform=self.platform,
            handle=account.handle or "",
            anonymous=account.anonymous,
            url=f"https://www.reddit.com/user/{segment(name)}/",
            visibility=VisibilityFacts(public_profile=True),
            notes=[
                "Reddit blocked its JSON interface, so this was read from the user's public feed: no profile details."
            ],
        )
        entries = (
            Post(
                id=as_text(e.get("id")) or as_text(e.get("link")),
                text="\n".join(p for p in (as_text(e.get("title")), html_to_text(_content(e))) if p),
                url=as_text(e.get("link")) or None,
                created_at=parse_time(e.get("updated") or e.get("published")),
            )
            for e in feed.entries
        )
        take(snapshot.posts, entries, self.options)
        snapshot.visibility.public_posts = bool(snapshot.posts) or None
        return snapshot


def _content(entry: Any) -> str:
    content = entry.get("content") or []
    return content[0].get("value", "") if content else as_text(entry.get("summary"))


def _thing(child: dict[str, Any]) -> Post | None:
    """A submission (t3) or comment (t1) from a listing."""
    kind, data = child.get("kind"), child["data"] if isinstance(child.get("data"), dict) else {}
    if kind == "t3":
        text = "\n".join(p for p in (as_text(data.get("title")), *_crossposted(data)) if p)
    elif kind == "t1":
        text = as_text(data.get("body"))
    else:
        return None
    permalink = as_text(data.get("permalink"))
    sub = as_text(data.get("subreddit_name_prefixed"))
    return Post(
        id=as_text(data.get("name")) or str(data.get("id", "")),
        text=f"{text}\n({sub})" if sub else text,
        url=f"https://www.reddit.com{permalink}" if permalink.startswith("/") else permalink or None,
        created_at=parse_time(data.get("created_utc")),
        kind="comment" if kind == "t1" else "post",
    )


def _crossposted(data: dict[str, Any]) -> list[str]:
    """A submission's body. A crosspost has none of its own: the post it shares is read when the user wrote it,
    and left out when someone else did (the title is the crossposter's own words either way)."""
    parents = data.get("crosspost_parent_list") if isinstance(data.get("crosspost_parent_list"), list) else []
    parent = parents[0] if parents and isinstance(parents[0], dict) else None
    body = as_text(data.get("selftext"))
    if parent is None:
        return [body]
    author = as_text(data.get("author")).casefold()
    if author and as_text(parent.get("author")).casefold() == author:
        title = as_text(parent.get("title"))
        return [title if title != as_text(data.get("title")) else "", body, as_text(parent.get("selftext"))]
    return [] if body == as_text(parent.get("selftext")) else [body]
