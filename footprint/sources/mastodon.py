"""Mastodon and compatible servers: WebFinger, public account lookup, recent public statuses.

Anonymous callers see public and unlisted statuses only, which is exactly a stranger's view.
Servers that refuse logged-out API calls (GoToSocial, Pixelfed, Mastodon with
DISALLOW_UNAUTHENTICATED_API_ACCESS) are reported as restricted, not as missing.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import quote, urlsplit

import httpx

from footprint.errors import SourceError
from footprint.http import parse_json
from footprint.models import Account, AccountStatus, Outcome, Post, ProfileField, Snapshot, VisibilityFacts
from footprint.plugins import Source
from footprint.text import extract_links, html_to_text

_HANDLE = re.compile(r"@?(?P<user>[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?)@(?P<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
_PAGE = 40


def split_handle(handle: str) -> tuple[str, str]:
    """('user', 'instance.example') from '@user@instance.example'."""
    m = _HANDLE.fullmatch(handle.strip())
    if not m:
        raise ValueError(handle)
    return m["user"], m["domain"].lower()


def _time(value: Any) -> dt.datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _login_wall(response: httpx.Response) -> bool:
    path = response.url.path.lower()
    return bool(response.history) and any(word in path for word in ("login", "sign_in", "signin", "auth"))


class MastodonSource(Source):
    """Mastodon, Akkoma/Pleroma, GoToSocial and other servers speaking the Mastodon API."""

    platform = "mastodon"
    title = "Mastodon"
    handle_pattern = _HANDLE
    handle_example = "@janesmith@mastodon.scot"
    default_base_url = None  # each account's own server

    async def fetch(self, account: Account) -> Outcome:
        user, domain = split_handle(account.handle or "")
        base = self.options.base_url or f"https://{domain}"
        api = await self._api_base(base, user, domain)
        data = await self._lookup(api, user)
        if data.get("suspended"):
            raise SourceError(AccountStatus.SUSPENDED, "the server says this account is suspended")
        snapshot = self._snapshot(account, data)
        try:
            snapshot.posts = await self._statuses(api, str(data["id"]))
            snapshot.visibility.public_posts = bool(snapshot.posts) or None
        except SourceError as exc:
            if exc.status is not AccountStatus.RESTRICTED:
                raise
            snapshot.visibility.public_posts = False
            snapshot.notes.append(f"Posts could not be read logged out: {exc.reason}")
        return Outcome(account=account, status=AccountStatus.CHECKED, snapshot=snapshot)

    async def _api_base(self, base: str, user: str, domain: str) -> str:
        """Ask WebFinger where the account really lives (split-domain servers differ)."""
        response = await self.http.get(
            f"{base}/.well-known/webfinger", params={"resource": f"acct:{user}@{domain}"}, headers={"Accept": "application/jrd+json"}
        )
        if response.status_code == 404:
            raise SourceError(AccountStatus.NOT_FOUND, f"{domain} has no account called {user}")
        if response.status_code == 410:
            raise SourceError(AccountStatus.SUSPENDED, f"{domain} says the account {user} is gone (410)")
        if not response.is_success or self.options.base_url:
            return base
        try:
            links = parse_json(response).get("links", [])
        except (SourceError, AttributeError):
            return base
        for link in links if isinstance(links, list) else []:
            if isinstance(link, dict) and link.get("rel") == "self" and isinstance(link.get("href"), str):
                parts = urlsplit(link["href"])
                if parts.scheme in ("http", "https") and parts.netloc:
                    return f"{parts.scheme}://{parts.netloc}"
        return base

    async def _lookup(self, api: str, user: str) -> dict[str, Any]:
        response = await self.http.get(f"{api}/api/v1/accounts/lookup", params={"acct": user})
        self._raise_for(response, user)
        data = parse_json(response)
        if not isinstance(data, dict) or "id" not in data:
            raise SourceError(AccountStatus.MALFORMED, "the account lookup did not return an account")
        return data

    def _raise_for(self, response: httpx.Response, user: str) -> None:
        host = response.url.host
        if response.status_code in (401, 403) or _login_wall(response):
            raise SourceError(
                AccountStatus.RESTRICTED,
                f"{host} only shows accounts to logged-in users (its API refuses logged-out requests)",
            )
        if response.status_code == 404:
            raise SourceError(AccountStatus.NOT_FOUND, f"{host} has no account called {user}")
        if response.status_code == 410:
            raise SourceError(AccountStatus.SUSPENDED, f"{host} says the account is gone (410)")
        if not response.is_success:
            raise SourceError(AccountStatus.ERROR, f"{host} answered {response.status_code}")

    async def _statuses(self, api: str, account_id: str) -> list[Post]:
        posts: list[Post] = []
        url: str | None = f"{api}/api/v1/accounts/{quote(account_id, safe='')}/statuses"
        params: dict[str, Any] | None = {"limit": _PAGE, "exclude_reblogs": "true"}
        while url:
            response = await self.http.get(url, params=params)
            self._raise_for(response, account_id)
            page = parse_json(response)
            if not isinstance(page, list):
                raise SourceError(AccountStatus.MALFORMED, "the statuses answer was not a list")
            for status in page:
                post = _post(status) if isinstance(status, dict) else None
                if post is None:
                    continue
                if not self.options.wants(len(posts), post.created_at):
                    return posts
                posts.append(post)
            nxt = response.links.get("next", {}).get("url")
            url, params = (nxt, None) if nxt and page else (None, None)
        return posts

    def _snapshot(self, account: Account, data: dict[str, Any]) -> Snapshot:
        fields = [
            ProfileField(name=html_to_text(f.get("name")), value=html_to_text(f.get("value")), verified=bool(f.get("verified_at")))
            for f in data.get("fields") or []
            if isinstance(f, dict)
        ]
        links = extract_links(data.get("note"))
        for f in data.get("fields") or []:
            if isinstance(f, dict):
                links += [u for u in extract_links(f.get("value")) if u not in links]
        notes = []
        if isinstance(data.get("moved"), dict):
            notes.append(f"This account says it has moved to {data['moved'].get('acct', 'another account')}.")
        return Snapshot(
            platform=self.platform,
            handle=account.handle or "",
            anonymous=account.anonymous,
            url=data.get("url") if isinstance(data.get("url"), str) else None,
            display_name=re.sub(r":[A-Za-z0-9_]+:", "", data.get("display_name") or "").strip() or None,
            bio=html_to_text(data.get("note")) or None,
            fields=fields,
            links=links,
            visibility=VisibilityFacts(
                public_profile=True,
                locked=_bool(data.get("locked")),
                discoverable=_bool(data.get("discoverable")),
                indexable=_bool(data.get("indexable")),
                noindex=_bool(data.get("noindex")),
            ),
            notes=notes,
        )


def _bool(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _post(status: dict[str, Any]) -> Post | None:
    if status.get("reblog"):
        return None
    alt = [m.get("description") for m in status.get("media_attachments") or [] if isinstance(m, dict)]
    visibility = status.get("visibility")
    return Post(
        id=str(status.get("id", "")),
        text=html_to_text(status.get("content")),
        url=status.get("url") or status.get("uri"),
        created_at=_time(status.get("created_at")),
        content_warning=status.get("spoiler_text") or None,
        alt_texts=[a for a in alt if isinstance(a, str) and a.strip()],
        visibility=visibility if visibility in ("public", "unlisted") else "unknown",
        kind="reply" if status.get("in_reply_to_id") else "post",
    )
