"""A personal blog or website: the page itself, its RSS/Atom feed, and WordPress's REST API.

From the page: title, description, OpenGraph and Twitter-card tags, JSON-LD Person data,
`rel="me"` links and robots `noindex`. From the feed: the recent posts and their authors. From
WordPress (when the page advertises its API): posts and the authors it lists, whose `slug` is
usually the login name.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import httpx

from footprint.errors import SourceError
from footprint.http import parse_json
from footprint.markup import html_to_text
from footprint.models import Account, AccountStatus, Outcome, Post, ProfileField, Snapshot, VisibilityFacts
from footprint.plugins.sources import (
    Source,
    add_links,
    as_text,
    error_body,
    is_html,
    parse_time,
    partial,
    raise_for,
    same_origin,
    take,
)
from footprint.sources._page import PageMeta, person_fields, read_page, same_as

_WP_PAGES = 5
_HOST = re.compile(r"localhost|[0-9.]+|[0-9a-fA-F.]*:[0-9a-fA-F:.]*|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_META_FIELDS = (
    ("twitter:creator", "X/Twitter handle"),
    ("profile:first_name", "First name"),
    ("profile:last_name", "Last name"),
    ("profile:username", "Username"),
    ("article:author", "Article author"),
    ("author", "Author"),
)


class BlogSource(Source):
    """Any website or blog by URL: a home page, an about page or a feed address."""

    platform = "blog"
    title = "Blog or website"
    needs = "url"
    handle_example = "https://janesmith.example/"

    @classmethod
    def validate(cls, account: Account) -> str | None:
        """A site address must be an http(s) URL or a bare domain."""
        target = (account.url or account.handle or "").strip()
        parts = urlsplit(target if "://" in target else f"https://{target}")
        try:
            parts.port  # noqa: B018 - raises ValueError for a port that is not a number
            ok = parts.scheme in ("http", "https") and bool(_HOST.fullmatch(parts.hostname or "")) and " " not in target
        except ValueError:
            ok = False
        return None if ok else f"{target!r} is not a web address (expected something like {cls.handle_example!r})"

    async def fetch(self, account: Account) -> Outcome:
        target = (account.url or account.handle or "").strip()
        self.site = target if "://" in target else f"https://{target}"
        problem = self.validate(account)
        if problem:
            raise SourceError(AccountStatus.ERROR, problem)
        response = await self._get(self.site, f"page at {self.site}")
        snapshot = Snapshot(
            platform=self.platform,
            handle=account.ident,
            anonymous=account.anonymous,
            url=self.site,
            visibility=VisibilityFacts(
                public_profile=True, noindex="noindex" in response.headers.get("x-robots-tag", "").lower() or None
            ),
        )
        page = PageMeta()
        try:
            if is_html(response):
                page = read_page(response.text, self.site)
                self._describe(snapshot, page)
                if page.feeds:
                    await self._feed(snapshot, (await self._get(page.feeds[0], f"feed at {page.feeds[0]}")).content)
            else:
                home = await self._feed(snapshot, response.content)
                if home and same_origin(home, self.site) and home.rstrip("/") != self.site.rstrip("/"):
                    page = read_page((await self._get(home, "the home page")).text, home)
                    self._describe(snapshot, page)
            api = page.wp_api or response.links.get("https://api.w.org/", {}).get("url")
            if api:
                await self._wordpress(snapshot, api.rstrip("/"))
        except SourceError as exc:
            if exc.status is AccountStatus.MALFORMED and not snapshot.posts and not page.title:
                raise
            partial(snapshot, exc)
        snapshot.visibility.public_posts = bool(snapshot.posts) or None
        return Outcome(account=account, status=AccountStatus.CHECKED, snapshot=snapshot)

    def _url(self, url: str) -> str:
        """The address to ask: under an endpoint override, the site's own URLs move to the mirror."""
        base = self.options.base_url
        if not base or not same_origin(url, self.site):
            return url
        parts = urlsplit(url)
        return base.rstrip("/") + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")

    async def _get(self, url: str, what: str, params: dict[str, Any] | None = None) -> httpx.Response:
        response = await self.http.get(self._url(url), params=params)
        raise_for(response, what, platform=urlsplit(self.site).netloc)
        return response

    def _describe(self, snapshot: Snapshot, page: PageMeta) -> None:
        meta = page.meta
        people = page.people
        snapshot.display_name = (
            meta.get("og:title") or (people[0].get("name") if people else None) or page.title or None
        )
        snapshot.bio = meta.get("og:description") or meta.get("description") or None
        snapshot.fields += [ProfileField(name=label, value=meta[key]) for key, label in _META_FIELDS if meta.get(key)]
        for person in people:
            snapshot.fields += [ProfileField(name=name, value=value) for name, value in person_fields(person)]
            add_links(snapshot, same_as(person))
            address = person.get("address")
            if isinstance(address, dict) and isinstance(address.get("addressLocality"), str):
                snapshot.location = snapshot.location or address["addressLocality"]
        add_links(snapshot, page.me_links)
        if page.noindex:
            snapshot.visibility.noindex = True
        if page.me_links:
            snapshot.notes.append(
                f'The page links to {len(page.me_links)} profile(s) with rel="me", which proves they are the same person.'
            )

    async def _feed(self, snapshot: Snapshot, body: bytes) -> str | None:
        """Read a feed's entries into the snapshot; returns the site's home link from the feed."""
        import feedparser  # NOTE: on first use, so loading the source to check a profile stays quick

        feed = feedparser.parse(body)  # bytes, never a URL: feedparser must not fetch anything itself
        if not feed.get("version") and not feed.entries:
            raise SourceError(AccountStatus.MALFORMED, "the address is neither a web page nor a readable RSS/Atom feed")
        authors = {as_text(e.get("author")) for e in feed.entries} | {as_text(feed.feed.get("author"))}
        snapshot.fields += [ProfileField(name="Feed author", value=a) for a in sorted(authors) if a]
        snapshot.display_name = snapshot.display_name or as_text(feed.feed.get("title")) or None
        entries = (
            Post(
                id=as_text(e.get("id")) or as_text(e.get("link")),
                text="\n".join(p for p in (as_text(e.get("title")), html_to_text(_body(e))) if p),
                url=as_text(e.get("link")) or None,
                created_at=parse_time(e.get("published_parsed") or e.get("updated_parsed")),
                kind="article",
            )
            for e in feed.entries
        )
        take(snapshot.posts, entries, self.options)
        return as_text(feed.feed.get("link")) or None

    async def _wordpress(self, snapshot: Snapshot, api: str) -> None:
        """WordPress posts (when the feed gave none) and the authors the REST API lists."""
        if not snapshot.posts:
            for page in range(1, _WP_PAGES + 1):
                response = await self.http.get(
                    self._url(f"{api}/wp/v2/posts"), params={"per_page": min(100, self.options.max_posts), "page": page}
                )
                if response.status_code == 400 and error_body(response).get("code") == "rest_post_invalid_page_number":
                    break
                raise_for(response, "WordPress post list", platform=urlsplit(self.site).netloc)
                items = parse_json(response)
                if (
                    not isinstance(items, list)
                    or not items
                    or not take(snapshot.posts, (_wp_post(p) for p in items if isinstance(p, dict)), self.options)
                ):
                    break
                if str(page) == response.headers.get("x-wp-totalpages"):
                    break
        response = await self.http.get(self._url(f"{api}/wp/v2/users"))
        users = parse_json(response) if response.is_success else []
        for user in users if isinstance(users, list) else []:
            if isinstance(user, dict) and as_text(user.get("name")):
                slug = as_text(user.get("slug"))
                value = f"{user['name']} (author slug '{slug}')" if slug else user["name"]
                snapshot.fields.append(ProfileField(name="WordPress author", value=value))
                if as_text(user.get("description")):
                    snapshot.fields.append(ProfileField(name="Author bio", value=as_text(user.get("description"))))
                add_links(snapshot, [as_text(user.get("url")) or None])


def _body(entry: Any) -> str:
    content = entry.get("content") or []
    return content[0].get("value", "") if content else as_text(entry.get("summary"))


def _wp_post(post: dict[str, Any]) -> Post:
    def rendered(key: str) -> str:
        value = post.get(key)
        return html_to_text(value.get("rendered")) if isinstance(value, dict) else ""

    return Post(
        id=str(post.get("id", "")),
        text="\n".join(p for p in (rendered("title"), rendered("content") or rendered("excerpt")) if p),
        url=as_text(post.get("link")) or None,
        created_at=parse_time(
            as_text(post.get("date_gmt")) + "Z" if as_text(post.get("date_gmt")) else post.get("date")
        ),
        kind="article",
    )
