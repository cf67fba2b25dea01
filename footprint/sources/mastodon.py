"""Mastodon and compatible servers: WebFinger, public account lookup, recent public statuses.

Anonymous callers see public and unlisted statuses only, which is exactly a stranger's view.
Servers that refuse logged-out API calls (GoToSocial, Pixelfed, Mastodon with
DISALLOW_UNAUTHENTICATED_API_ACCESS) are reported as restricted, not as missing.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from footprint.errors import SourceError
from footprint.http import parse_json
from footprint.markup import html_to_text
from footprint.models import Account, AccountStatus, Outcome, Post, ProfileField, Snapshot, VisibilityFacts
from footprint.plugins.sources import (
    MAX_PAGES,
    Source,
    add_links,
    as_bool,
    expect,
    login_wall,
    parse_time,
    partial,
    raise_for,
    same_origin,
    segment,
    take,
)

_HANDLE = re.compile(
    r"@?(?P<user>[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?)@(?P<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)"
)
_PAGE = 40


def split_handle(handle: str) -> tuple[str, str]:
    """('user', 'instance.example') from '@user@instance.example'."""
    m = _HANDLE.fullmatch(handle.strip())
    if not m:
        raise ValueError(handle)
    return m["user"], m["domain"].lower()


class MastodonSource(Source):
    """Mastodon, Akkoma/Pleroma, GoToSocial and other servers speaking the Mastodon API."""

    platform = "mastodon"
    title = "Mastodon"
    handle_pattern = _HANDLE
    handle_example = "@janesmith@mastodon.example"
    handle_rule = "@name@server, the name made of letters, digits, _ . and -, then the server's domain"
    default_base_url = None  # each account's own server

    async def fetch(self, account: Account) -> Outcome:
        user, domain = split_handle(account.handle or "")
        base = (self.options.base_url or f"https://{domain}").rstrip("/")
        api = await self._api_base(base, user, domain)
        data = await self._lookup(api, user)
        if data.get("suspended"):
            raise SourceError(AccountStatus.SUSPENDED, "the server says this account is suspended")
        snapshot = self._snapshot(account, data)
        try:
            await self._statuses(api, str(data["id"]), snapshot)
        except SourceError as exc:
            if exc.status is not AccountStatus.RESTRICTED:
                raise
            snapshot.visibility.public_posts = False
            snapshot.notes.append(f"Posts could not be read logged out: {exc.reason}.")
        return Outcome(account=account, status=AccountStatus.CHECKED, snapshot=snapshot)

    async def _api_base(self, base: str, user: str, domain: str) -> str:
        """Ask WebFinger where the account really lives (split-domain servers differ)."""
        response = await self.http.get(
            f"{base}/.well-known/webfinger",
            params={"resource": f"acct:{user}@{domain}"},
            headers={"Accept": "application/jrd+json"},
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
                if parts.scheme == "https" and parts.netloc:
                    return f"{parts.scheme}://{parts.netloc}"
        return base

    async def _lookup(self, api: str, user: str) -> dict[str, Any]:
        response = await self.http.get(f"{api}/api/v1/accounts/lookup", params={"acct": user})
        if response.status_code in (401, 403) or login_wall(response):
            raise SourceError(
                AccountStatus.RESTRICTED,
                f"{response.url.host} only shows accounts to logged-in users (its API refuses logged-out requests)",
            )
        raise_for(response, f"an account called {user}", platform=response.url.host or "the server")
        data = expect(parse_json(response), dict, "the account lookup", response.url.host)
        if "id" not in data:
            raise SourceError(AccountStatus.MALFORMED, "the account lookup did not return an account")
        return data

    async def _statuses(self, api: str, account_id: str, snapshot: Snapshot) -> None:
        posts: list[Post] = []
        url: str | None = f"{api}/api/v1/accounts/{segment(account_id)}/statuses"
        params: dict[str, Any] | None = {"limit": _PAGE, "exclude_reblogs": "true"}
        seen: set[str] = set()
        for page_no in range(MAX_PAGES):
            if url is None or url in seen:
                break
            seen.add(url)
            try:
                response = await self.http.get(url, params=params)
                if response.status_code in (401, 403) or login_wall(response):
                    raise SourceError(
                        AccountStatus.RESTRICTED, f"{response.url.host} refuses to list posts to logged-out visitors"
                    )
                raise_for(response, "this account's posts", platform=response.url.host or "the server")
                page = expect(parse_json(response), list, "the list of posts", response.url.host)
            except SourceError as exc:
                if page_no == 0:
                    raise
                partial(snapshot, exc)
                break
            if not page or not take(posts, (_post(s) for s in page if isinstance(s, dict)), self.options):
                break
            nxt = response.links.get("next", {}).get("url")
            url, params = (nxt, None) if nxt and same_origin(nxt, api) else (None, None)
        snapshot.posts = posts
        snapshot.visibility.public_posts = bool(posts) or None

    def _snapshot(self, account: Account, data: dict[str, Any]) -> Snapshot:
        raw_fields = [f for f in data.get("fields") or [] if isinstance(f, dict)]
        fields = [
            ProfileField(
                name=html_to_text(f.get("name")),
                value=html_to_text(f.get("value")),
                verified=bool(f.get("verified_at")),
            )
            for f in raw_fields
        ]
        notes = []
        if isinstance(data.get("moved"), dict):
            notes.append(f"This account says it has moved to {data['moved'].get('acct', 'another account')}.")
        if data.get("limited"):
            notes.append("The server has limited this account: it is hidden from people who do not follow it.")
        if data.get("memorial"):
            notes.append("The server shows this account as a memorial.")
        snapshot = Snapshot(
            platform=self.platform,
            handle=account.handle or "",
            anonymous=account.anonymous,
            url=data.get("url") if isinstance(data.get("url"), str) else None,
            display_name=re.sub(r":[A-Za-z0-9_]+:", "", data.get("display_name") or "").strip() or None,
            bio=html_to_text(data.get("note")) or None,
            fields=fields,
            visibility=VisibilityFacts(
                public_profile=True,
                locked=as_bool(data.get("locked")),
                discoverable=as_bool(data.get("discoverable")),
                indexable=as_bool(data.get("indexable")),
                noindex=as_bool(data.get("noindex")),
            ),
            notes=notes,
        )
        from footprint.archives.mastodon import (
            own_links,
        )  # NOTE: on first use, so loading the source to check a profile stays quick

        add_links(snapshot, own_links(data.get("note")))
        for f in raw_fields:
            add_links(snapshot, own_links(f.get("value")))
        return snapshot


def _post(status: dict[str, Any]) -> Post | None:
    from footprint.archives.mastodon import drop_quote_fallback  # NOTE: on first use (see above)

    if status.get("reblog"):
        return None
    alt = [m.get("description") for m in status.get("media_attachments") or [] if isinstance(m, dict)]
    visibility = status.get("visibility")
    poll = status["poll"] if isinstance(status.get("poll"), dict) else {}
    options = [o["title"] for o in poll.get("options") or [] if isinstance(o, dict) and isinstance(o.get("title"), str)]
    # NOTE: a quote post's quoted status is someone else's words (or a post of the user's read on its own);
    # only the "RE: <link>" paragraph standing in for it is dropped from the user's text.
    content = status["content"] if isinstance(status.get("content"), str) else ""
    text = html_to_text(drop_quote_fallback(content))
    return Post(
        id=str(status.get("id", "")),
        text="\n".join([text, *options]) if options else text,
        url=status.get("url") or status.get("uri"),
        created_at=parse_time(status.get("created_at")),
        content_warning=status.get("spoiler_text") or None,
        alt_texts=[a for a in alt if isinstance(a, str) and a.strip()],
        visibility=visibility if visibility in ("public", "unlisted") else "unknown",
        kind="reply" if status.get("in_reply_to_id") else "post",
    )
