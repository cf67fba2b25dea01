"""The source plugin contract (entry-point group `footprint.sources`), and the helpers every source shares.

A source is a platform adapter: it reads what a logged-out stranger sees of one account, through
the audit's shared client (`self.http`, which applies the address policy, limits and redirect
rules), and normalises it into a `Snapshot`. It never judges what it reads. The helpers below turn
the platforms' many shapes into plain values (dates, URL pieces, paging) and their many refusals
into a `SourceError` with a one-line reason. The built-in sources use exactly what this module offers.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any, ClassVar, Literal
from urllib.parse import quote, urlsplit

import httpx

from footprint.errors import SourceError
from footprint.http import parse_json
from footprint.markup import extract_links, html_to_text
from footprint.models import Account, AccountStatus, Outcome, Post, ProfileField, Snapshot, VisibilityFacts

if TYPE_CHECKING:
    from footprint.http import Http

GROUP = "footprint.sources"

__all__ = [
    "GROUP",
    "MAX_PAGES",
    "Account",
    "AccountStatus",
    "Outcome",
    "Post",
    "ProfileField",
    "Snapshot",
    "Source",
    "SourceError",
    "SourceOptions",
    "VisibilityFacts",
    "add_links",
    "as_bool",
    "as_text",
    "base_url",
    "block_page",
    "error_body",
    "expect",
    "extract_links",
    "html_to_text",
    "is_html",
    "login_wall",
    "origin",
    "parse_json",
    "parse_time",
    "partial",
    "raise_for",
    "same_origin",
    "segment",
    "take",
    "urls_in",
]


@dataclass
class SourceOptions:
    """How a source should read: where, how much, and what it may reach."""

    base_url: str | None = None
    max_posts: int = 200
    max_age_days: int = 365
    allow_private_addresses: bool = False

    def cutoff(self) -> dt.datetime:
        """The oldest post date worth reading."""
        return dt.datetime.now(dt.UTC) - dt.timedelta(days=self.max_age_days)

    def wants(self, count: int, created_at: dt.datetime | None) -> bool:
        """True while fewer than `max_posts` were read and the post is inside the age window."""
        if count >= self.max_posts:
            return False
        return created_at is None or _aware(created_at) >= self.cutoff()


def _aware(when: dt.datetime) -> dt.datetime:
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


class Source(ABC):
    """A platform adapter: it reads what a logged-out stranger sees and normalises it. It never judges."""

    platform: ClassVar[str]
    title: ClassVar[str]
    handle_pattern: ClassVar[re.Pattern[str] | None] = None
    handle_example: ClassVar[str] = ""
    handle_rule: ClassVar[str] = ""  # the handle grammar in words, said when a handle is refused
    needs: ClassVar[Literal["handle", "url"]] = "handle"
    default_base_url: ClassVar[str | None] = None

    def __init__(self, http: Http, options: SourceOptions) -> None:
        self.http = http
        self.options = options

    @classmethod
    def validate(cls, account: Account) -> str | None:
        """A reason the account cannot be valid for this platform, or None when it can."""
        if cls.needs == "url":
            if not account.url and not account.handle:
                return f"{cls.title} accounts need a url"
            return None
        if not account.handle:
            return f"{cls.title} accounts need a handle, e.g. {cls.handle_example!r}"
        if cls.handle_pattern and not cls.handle_pattern.fullmatch(account.handle):
            rule = f": {cls.handle_rule}" if cls.handle_rule else ""
            example = f" (e.g. {cls.handle_example!r})" if cls.handle_example else ""
            return f"{account.handle!r} cannot be a valid {cls.title} handle{rule}{example}"
        return None

    @abstractmethod
    async def fetch(self, account: Account) -> Outcome:
        """Read the account. Raise `SourceError` for an outcome other than success."""


# --------------------------------------------------------------------------- helpers

MAX_PAGES = 50  # a hard stop for any paging loop, whatever the server's cursors say
_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'()\[\]{}]+", re.IGNORECASE)
_LOGIN_WORDS = ("login", "log_in", "sign_in", "signin", "sign-in", "authwall", "auth/", "accounts/login")
_BLOCK_WORDS = (
    "blocked by network security",
    "your request has been blocked",
    "whoa there, pardner",
    "<title>blocked</title>",
    "request denied",
    "access denied",
)


# --------------------------------------------------------------------------- values


def parse_time(value: Any) -> dt.datetime | None:
    """An aware datetime from ISO 8601, RFC 822, epoch seconds or a struct_time; None if unreadable."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        try:
            return dt.datetime.fromtimestamp(float(value), dt.UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, time.struct_time):
        return dt.datetime(*value[:6], tzinfo=dt.UTC)
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        when = dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def as_bool(value: Any) -> bool | None:
    """The value when it is a real boolean, else None (unknown)."""
    return value if isinstance(value, bool) else None


def as_text(value: Any) -> str:
    """A stripped string, or '' for anything that is not a string."""
    return value.strip() if isinstance(value, str) else ""


def urls_in(text: str | None) -> list[str]:
    """The http(s) URLs written out in plain text, in order, without duplicates or trailing punctuation."""
    seen: dict[str, None] = {}
    for raw in _URL_IN_TEXT.findall(text or ""):
        seen.setdefault(raw.rstrip(".,;:!?"), None)
    return list(seen)


def add_links(snapshot: Snapshot, urls: Iterable[str | None]) -> None:
    """Append http(s) links to a snapshot, keeping its list free of duplicates."""
    for url in urls:
        if isinstance(url, str) and url.startswith(("http://", "https://")) and url not in snapshot.links:
            snapshot.links.append(url)


# --------------------------------------------------------------------------- URLs


def segment(text: str) -> str:
    """A handle made safe to stand as one URL path segment (no slash, dot-dot or query can slip through)."""
    escaped = quote(text, safe="@")
    return escaped.replace(".", "%2E") if escaped in (".", "..") else escaped


def base_url(options: SourceOptions, default: str) -> str:
    """The platform's base URL: the user's override (profile `endpoints:` or environment) or the default."""
    return (options.base_url or default).rstrip("/")


def origin(url: str) -> str:
    """scheme://host[:port] of a URL."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def same_origin(url: str, other: str) -> bool:
    return origin(url).lower() == origin(other).lower()


# --------------------------------------------------------------------------- answers


def error_body(response: httpx.Response) -> dict[str, Any]:
    """The JSON error object many APIs send ({"error": ..., "message": ...}), or {} when there is none."""
    try:
        data = response.json()
    except (ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def is_html(response: httpx.Response) -> bool:
    kind = response.headers.get("content-type", "").lower()
    return "html" in kind or response.content[:200].lstrip().lower().startswith((b"<!doctype html", b"<html"))


def login_wall(response: httpx.Response) -> bool:
    """True when the answer came by way of a redirect to a login or consent page."""
    path = response.url.path.lower()
    return bool(response.history) and any(word in path for word in _LOGIN_WORDS)


def block_page(response: httpx.Response) -> bool:
    """True when the answer is a bot or network-policy wall rather than the platform's own reply."""
    if response.status_code == 999:
        return True
    if response.status_code not in (401, 403, 429, 451) or not is_html(response):
        return False
    head = response.content[:20_000].decode("utf-8", "replace").lower()
    return any(word in head for word in _BLOCK_WORDS)


def raise_for(response: httpx.Response, who: str, *, platform: str) -> None:
    """Turn a refusal into the account's status: restricted, not found, gone, blocked or error."""
    host = response.url.host
    if block_page(response):
        raise SourceError(AccountStatus.BLOCKED, f"{host} answered with a block page instead of {who}")
    if response.status_code in (401, 403) or login_wall(response):
        raise SourceError(AccountStatus.RESTRICTED, f"{host} shows {who} only to logged-in visitors")
    if response.status_code == 404:
        raise SourceError(AccountStatus.NOT_FOUND, f"not found: {platform} answered 404 for {who}")
    if response.status_code == 410:
        raise SourceError(AccountStatus.SUSPENDED, f"{host} says {who} is gone (410)")
    if not response.is_success:
        raise SourceError(AccountStatus.ERROR, f"{host} answered {response.status_code} for {who}")


def expect(data: Any, kind: type, what: str, host: str) -> Any:
    """`data` when it has the expected JSON type, else a MALFORMED SourceError."""
    if not isinstance(data, kind):
        raise SourceError(AccountStatus.MALFORMED, f"{host} sent {what} in an unexpected shape")
    return data


# --------------------------------------------------------------------------- paging


def take(posts: list[Post], page: Iterable[Post | None], options: SourceOptions) -> bool:
    """Add a page's posts while the options want more; False once the count or the age window is reached.

    Pages come newest first, so the first post older than the window ends the reading.
    """
    for post in page:
        if post is None:
            continue
        if not options.wants(len(posts), post.created_at):
            return False
        posts.append(post)
    return True


def partial(snapshot: Snapshot, error: SourceError) -> None:
    """Record that reading stopped early (a later page failed) while keeping what was read."""
    snapshot.notes.append(f"Only part of this account could be read: {error.reason}.")
