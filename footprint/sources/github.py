"""GitHub through its public REST API: profile fields, linked social accounts, recent public events.

Anonymous callers get 60 requests an hour per address; a refusal with
`x-ratelimit-remaining: 0` is reported as rate limited, with the time the budget resets.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import httpx

from footprint.errors import SourceError
from footprint.http import parse_json
from footprint.models import Account, AccountStatus, Outcome, Post, ProfileField, Snapshot, VisibilityFacts
from footprint.plugins.sources import (
    Source,
    add_links,
    as_text,
    base_url,
    expect,
    parse_time,
    partial,
    raise_for,
    same_origin,
    segment,
    take,
)

_HANDLE = re.compile(r"@?[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}")
_HEADERS = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}
_EVENT_PAGES = 3  # GitHub keeps at most 300 public events (90 days), 100 a page
_FIELDS = (
    ("company", "Company"),
    ("blog", "Website"),
    ("location", "Location"),
    ("email", "Email"),
    ("twitter_username", "X/Twitter"),
)


class GitHubSource(Source):
    """GitHub users (not organisations' members lists): the profile and the public activity feed."""

    platform = "github"
    title = "GitHub"
    handle_pattern = _HANDLE
    handle_example = "janesmith"
    handle_rule = "1 to 39 letters, digits or single hyphens, not starting or ending with a hyphen"
    default_base_url = "https://api.github.com"

    async def fetch(self, account: Account) -> Outcome:
        login = (account.handle or "").lstrip("@")
        api = base_url(self.options, self.default_base_url or "")
        user = expect(
            await self._get(f"{api}/users/{segment(login)}", f"a user called {login}"), dict, "the user", "GitHub"
        )
        snapshot = self._snapshot(account, user)
        try:
            socials = await self._get(f"{api}/users/{segment(login)}/social_accounts", "linked social accounts")
            for item in socials if isinstance(socials, list) else []:
                if isinstance(item, dict) and as_text(item.get("url")):
                    snapshot.fields.append(
                        ProfileField(name=f"Social ({as_text(item.get('provider')) or 'link'})", value=item["url"])
                    )
                    add_links(snapshot, [item["url"]])
            await self._events(f"{api}/users/{segment(login)}/events/public", snapshot)
        except SourceError as exc:
            if exc.status in (AccountStatus.MALFORMED, AccountStatus.ERROR, AccountStatus.TIMED_OUT):
                raise
            partial(snapshot, exc)
        snapshot.visibility.public_posts = bool(snapshot.posts) or None
        return Outcome(account=account, status=AccountStatus.CHECKED, snapshot=snapshot)

    async def _get(self, url: str, what: str, params: dict[str, Any] | None = None) -> Any:
        response = await self.http.get(url, params=params, headers=_HEADERS)
        self._rate_limited(response)
        raise_for(response, what, platform="GitHub")
        self._last = response
        return parse_json(response)

    @staticmethod
    def _rate_limited(response: httpx.Response) -> None:
        if response.status_code in (403, 429) and response.headers.get("x-ratelimit-remaining") == "0":
            reset = (
                parse_time(float(response.headers["x-ratelimit-reset"]))
                if response.headers.get("x-ratelimit-reset", "").isdigit()
                else None
            )
            when = f"; it resets at {reset.astimezone(dt.UTC):%H:%M} UTC" if reset else ""
            raise SourceError(
                AccountStatus.RATE_LIMITED, f"GitHub's limit of 60 logged-out requests an hour is used up{when}"
            )

    async def _events(self, url: str | None, snapshot: Snapshot) -> None:
        params: dict[str, Any] | None = {"per_page": min(100, self.options.max_posts)}
        for _ in range(_EVENT_PAGES):
            if url is None:
                return
            page = expect(await self._get(url, "public events", params), list, "the events", "GitHub")
            if not page or not take(snapshot.posts, (_event(e) for e in page if isinstance(e, dict)), self.options):
                return
            nxt = self._last.links.get("next", {}).get("url")
            url, params = (nxt, None) if nxt and same_origin(nxt, url) else (None, None)

    def _snapshot(self, account: Account, user: dict[str, Any]) -> Snapshot:
        fields = [
            ProfileField(name=label, value=as_text(user.get(key))) for key, label in _FIELDS if as_text(user.get(key))
        ]
        if user.get("hireable") is True:
            fields.append(ProfileField(name="Hireable", value="yes"))
        notes = ["This is an organisation account, not a person's."] if user.get("type") == "Organization" else []
        snapshot = Snapshot(
            platform=self.platform,
            handle=account.handle or "",
            anonymous=account.anonymous,
            url=as_text(user.get("html_url")) or None,
            display_name=as_text(user.get("name")) or None,
            bio=as_text(user.get("bio")).replace("\r\n", "\n") or None,
            location=as_text(user.get("location")) or None,
            fields=fields,
            visibility=VisibilityFacts(public_profile=True),
            notes=notes,
        )
        blog = as_text(user.get("blog"))
        add_links(snapshot, [blog if "://" in blog else f"https://{blog}" if blog else None])
        if as_text(user.get("twitter_username")):
            add_links(snapshot, [f"https://x.com/{user['twitter_username']}"])
        return snapshot


def _login(obj: Any, key: str = "user") -> str:
    who = obj.get(key) if isinstance(obj, dict) else None
    return as_text(who.get("login")).casefold() if isinstance(who, dict) else ""


def _event(event: dict[str, Any]) -> Post | None:
    """The user's own words in a public event: their comments and reviews, issues and pull requests they opened,
    their releases, and commit messages new to the repository. Never the text of someone else's issue or pull
    request that the user only closed, labelled or commented on."""
    payload = event["payload"] if isinstance(event.get("payload"), dict) else {}
    repo = event.get("repo", {}).get("name", "") if isinstance(event.get("repo"), dict) else ""
    actor = _login(event, "actor")
    kind = as_text(event.get("type"))
    parts: list[str] = []
    url = None

    def mine(obj: dict[str, Any], key: str = "user") -> bool:
        author = _login(obj, key)
        if author:
            return not actor or author == actor
        return payload.get("action") == "opened"  # NOTE: without an author, only an issue the actor opened is theirs

    for key in ("comment", "review"):
        obj = payload.get(key)
        if isinstance(obj, dict) and (not _login(obj) or not actor or _login(obj) == actor):
            parts.append(as_text(obj.get("body")))
            url = as_text(obj.get("html_url")) or url
    if kind in ("IssuesEvent", "PullRequestEvent"):
        for key in ("issue", "pull_request"):
            obj = payload.get(key)
            if isinstance(obj, dict) and mine(obj):
                parts += [as_text(obj.get("title")), as_text(obj.get("body"))]
                url = url or as_text(obj.get("html_url")) or None
    elif not parts:
        for key in ("issue", "pull_request"):  # the thread the comment sits in: its link only, never its words
            obj = payload.get(key)
            if isinstance(obj, dict):
                url = url or as_text(obj.get("html_url")) or None
    release = payload.get("release")
    if isinstance(release, dict) and (not _login(release, "author") or not actor or _login(release, "author") == actor):
        parts += [as_text(release.get("name")), as_text(release.get("body"))]
        url = as_text(release.get("html_url")) or url
    # NOTE: a commit that is not `distinct` was already pushed elsewhere (another branch, a merge): read once.
    parts += [
        as_text(c.get("message"))
        for c in payload.get("commits") or []
        if isinstance(c, dict) and c.get("distinct") is not False
    ]
    parts += [as_text(p.get("title")) for p in payload.get("pages") or [] if isinstance(p, dict)]
    parts.append(as_text(payload.get("description")))
    text = "\n".join(dict.fromkeys(p for p in parts if p))
    if not text:
        return None
    kind = as_text(event.get("type")).removesuffix("Event").lower() or "event"
    return Post(
        id=str(event.get("id", "")),
        text=text,
        url=url or (f"https://github.com/{repo}" if repo else None),
        created_at=parse_time(event.get("created_at")),
        kind=f"github-{kind}",
    )
