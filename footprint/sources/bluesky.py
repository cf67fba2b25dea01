"""Bluesky through the public AppView: the profile, the author feed (paged) and image alt text.

Everything here is served to anyone without logging in. The `!no-unauthenticated` self-label
only asks apps to hide the account from logged-out visitors; the AppView still hands the
profile and posts to any program that asks, and the snapshot says so plainly.
"""

from __future__ import annotations

import re
from typing import Any

from footprint.errors import SourceError
from footprint.http import parse_json
from footprint.models import Account, AccountStatus, Outcome, Post, ProfileField, Snapshot, VisibilityFacts
from footprint.plugins.sources import (
    MAX_PAGES,
    Source,
    add_links,
    as_text,
    base_url,
    error_body,
    expect,
    parse_time,
    partial,
    raise_for,
    take,
    urls_in,
)

_HANDLE = re.compile(
    r"@?(?:(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"|did:(?:plc:[a-z2-7]{24}|web:[A-Za-z0-9.-]+(?:%3A[0-9]+)?))"
)
NO_UNAUTHENTICATED = "!no-unauthenticated"
_LABEL_NOTE = (
    "The '!no-unauthenticated' label only asks apps to hide this account from logged-out visitors: "
    "Bluesky's public API still served its profile and posts to footprint, without logging in, as it does to anyone."
)
_GONE = {"AccountTakedown": "suspended by Bluesky", "AccountDeactivated": "deactivated by its owner"}


class BlueskySource(Source):
    """Bluesky accounts by handle (name.bsky.social, a custom domain) or DID."""

    platform = "bluesky"
    title = "Bluesky"
    handle_pattern = _HANDLE
    handle_example = "janesmith.bsky.social"
    handle_rule = (
        "a domain name such as name.bsky.social (letters, digits and -, separated by dots) or a did:plc: identifier"
    )
    default_base_url = "https://public.api.bsky.app"

    async def fetch(self, account: Account) -> Outcome:
        actor = (account.handle or "").lstrip("@").lower()
        api = base_url(self.options, self.default_base_url or "")
        profile = await self._xrpc(api, "app.bsky.actor.getProfile", {"actor": actor}, f"a profile for {actor}")
        profile = expect(profile, dict, "the profile", "Bluesky")
        did = as_text(profile.get("did"))
        if not did:
            raise SourceError(AccountStatus.MALFORMED, "Bluesky's profile answer carried no DID")
        snapshot = self._snapshot(account, profile)
        try:
            snapshot.posts = await self._feed(api, did, as_text(profile.get("handle")) or actor, snapshot)
        except SourceError as exc:
            if exc.status not in (AccountStatus.RESTRICTED, AccountStatus.NOT_FOUND):
                raise
            snapshot.notes.append(f"Posts could not be read: {exc.reason}.")
        snapshot.visibility.public_posts = bool(snapshot.posts) or None
        return Outcome(account=account, status=AccountStatus.CHECKED, snapshot=snapshot)

    async def _xrpc(self, api: str, method: str, params: dict[str, Any], what: str) -> Any:
        response = await self.http.get(f"{api}/xrpc/{method}", params=params)
        if response.status_code == 400:
            error = error_body(response)
            name, message = as_text(error.get("error")), as_text(error.get("message"))
            if name in _GONE:
                raise SourceError(AccountStatus.SUSPENDED, f"the account is {_GONE[name]} ({message or name})")
            if "not found" in message.lower() or name in ("InvalidRequest", "HandleNotFound"):
                raise SourceError(
                    AccountStatus.NOT_FOUND, f"Bluesky has no {what.removeprefix('a ')} ({message or name})"
                )
            raise SourceError(AccountStatus.ERROR, f"Bluesky refused the request: {message or name or 400}")
        raise_for(response, what, platform="Bluesky")
        return parse_json(response)

    async def _feed(self, api: str, did: str, handle: str, snapshot: Snapshot) -> list[Post]:
        posts: list[Post] = []
        cursor: str | None = None
        for page_no in range(MAX_PAGES):
            params: dict[str, Any] = {
                "actor": did,
                "limit": min(100, max(1, self.options.max_posts)),
                "filter": "posts_with_replies",
            }
            if cursor:
                params["cursor"] = cursor
            try:
                data = expect(
                    await self._xrpc(api, "app.bsky.feed.getAuthorFeed", params, "author feed"),
                    dict,
                    "the feed",
                    "Bluesky",
                )
                feed = expect(data.get("feed", []), list, "the feed", "Bluesky")
            except SourceError as exc:
                if page_no == 0:
                    raise
                partial(snapshot, exc)
                break
            items = (_post(item, did, handle) for item in feed if isinstance(item, dict))
            nxt = data.get("cursor") if isinstance(data.get("cursor"), str) else None
            if not take(posts, items, self.options) or not feed or not nxt or nxt == cursor:
                break
            cursor = nxt
        return posts

    def _snapshot(self, account: Account, profile: dict[str, Any]) -> Snapshot:
        handle = as_text(profile.get("handle"))
        labels = [label.get("val") for label in profile.get("labels") or [] if isinstance(label, dict)]
        hidden = NO_UNAUTHENTICATED in labels
        fields = (
            [ProfileField(name="Pronouns", value=as_text(profile.get("pronouns")))]
            if as_text(profile.get("pronouns"))
            else []
        )
        website = as_text(profile.get("website"))
        if website:
            fields.append(ProfileField(name="Website", value=website))
        notes = [_LABEL_NOTE] if hidden else []
        if handle == "handle.invalid":
            notes.append("Bluesky could not verify this account's handle; it shows as 'handle.invalid'.")
        snapshot = Snapshot(
            platform=self.platform,
            handle=account.handle or "",
            anonymous=account.anonymous,
            url=f"https://bsky.app/profile/{handle if handle and handle != 'handle.invalid' else profile.get('did')}",
            display_name=as_text(profile.get("displayName")) or None,
            bio=as_text(profile.get("description")) or None,
            fields=fields,
            visibility=VisibilityFacts(public_profile=True, no_unauthenticated_label=hidden),
            notes=notes,
        )
        add_links(snapshot, [website, *urls_in(profile.get("description"))])
        return snapshot


def _post(item: dict[str, Any], did: str, handle: str) -> Post | None:
    from footprint.archives.bluesky import (
        post_text,
    )  # NOTE: on first use, so loading the source to check a profile stays quick

    post = item["post"] if isinstance(item.get("post"), dict) else {}
    reason = item["reason"] if isinstance(item.get("reason"), dict) else {}
    author = post["author"] if isinstance(post.get("author"), dict) else {}
    if "reasonRepost" in as_text(reason.get("$type")) or author.get("did") not in (None, did):
        return None  # someone else's post, reposted
    record = post["record"] if isinstance(post.get("record"), dict) else {}
    uri = as_text(post.get("uri"))
    rkey = uri.rsplit("/", 1)[-1] if uri else ""
    return Post(
        id=uri or rkey,
        text=post_text(record),  # links in full from the facets, then the link card: the words the post shows
        url=f"https://bsky.app/profile/{handle}/post/{rkey}" if rkey else None,
        created_at=parse_time(record.get("createdAt")) or parse_time(post.get("indexedAt")),
        alt_texts=_alt_texts(record.get("embed")) or _alt_texts(post.get("embed")),
        kind="reply" if record.get("reply") else "post",
    )


def _alt_texts(embed: Any) -> list[str]:
    """Image descriptions from an images embed, or from the media half of a record-with-media embed."""
    if not isinstance(embed, dict):
        return []
    if isinstance(embed.get("media"), dict):
        return _alt_texts(embed["media"])
    images = embed["images"] if isinstance(embed.get("images"), list) else []
    return [as_text(i.get("alt")) for i in images if isinstance(i, dict) and as_text(i.get("alt"))]
