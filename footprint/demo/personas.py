"""Personas for `footprint demo`: the bundled ones and a trainer's own, written as plain YAML files.

A persona file is a profile file (person, watch, accounts, framework) with two additions:

- `teaching_point`: one line saying what the persona is there to teach;
- on each account, optionally, what the account shows: `profile` (display name, bio, fields and
  a few visibility settings) and `posts` (inline) or `posts_file` (a JSONL file beside it, one
  post per line).

The account content is turned into the answers each platform's public interface would give
(Mastodon's WebFinger, lookup and statuses; Bluesky's getProfile and getAuthorFeed) and served
by the demo's mock transport (`FixtureSite`), so a persona is read by the very same sources and
checks as a live account. Accounts without content are answered from the bundled demo's
`routes.yaml` (bundled personas) or not at all (a trainer's own: the account is "not found").
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from footprint.demo.fixture_site import FixtureSite, Route
from footprint.errors import InputError
from footprint.models import Account, Fetch, Person, Profile, SearchSettings, Watch
from footprint.yamlfile import _Located, load_model, located_error

#: Platforms whose content a persona file can describe (others are declared and read as usual).
SERVED = ("mastodon", "bluesky")
#: Personas are fixed in time: read all their posts, whatever today's date.
ALL_POSTS = Fetch(max_age_days=36500)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class PersonaPost(_Strict):
    """One post on a persona's account."""

    id: str | None = Field(
        default=None,
        pattern=r"^[A-Za-z0-9_-]{1,40}$",
        description="Optional: the post's id (letters, digits, - and _), used in its address and the report's item id.",
    )
    text: str = Field(description="What the post says, as plain text.")
    date: dt.datetime | None = Field(
        default=None, description="When it was posted, e.g. 2026-11-20 or 2026-11-20T21:10."
    )
    image_description: str | None = Field(default=None, description="The alt text of an attached picture.")
    content_warning: str | None = Field(default=None, description="A content warning shown over the post.")
    visibility: Literal["public", "unlisted"] = "public"
    reply: bool = Field(default=False, description="True when the post is a reply to someone.")

    @field_validator("date", mode="before")
    @classmethod
    def _a_date(cls, value: Any) -> Any:
        if value is None or isinstance(value, dt.datetime):
            return value
        if isinstance(value, dt.date):
            return dt.datetime.combine(value, dt.time(12, 0))
        try:
            return dt.datetime.fromisoformat(str(value).strip())
        except ValueError:
            raise ValueError(f"{value!r} is not a date: write it like 2026-11-20 or 2026-11-20T21:10") from None


class AccountProfile(_Strict):
    """What the account's own profile shows a stranger."""

    display_name: str | None = None
    bio: str | None = None
    fields: dict[str, str] = Field(
        default_factory=dict, description="Profile fields, name: value (Mastodon); website (Bluesky)."
    )
    locked: bool = Field(default=False, description="Mastodon: followers must be approved.")
    discoverable: bool = Field(default=True, description="Mastodon: listed in the server's directory.")
    indexable: bool = Field(default=True, description="Mastodon: search engines may index it.")
    hide_from_logged_out: bool = Field(default=False, description="Bluesky: the '!no-unauthenticated' label.")


class PersonaAccount(Account):
    """A declared account, plus (optionally) what it shows."""

    profile: AccountProfile | None = None
    posts: list[PersonaPost] = Field(default_factory=list)
    posts_file: str | None = Field(default=None, description="A JSONL file of posts, relative to this file.")

    def declared(self) -> Account:
        return Account.model_validate(self.model_dump(include=set(Account.model_fields)))

    @property
    def has_content(self) -> bool:
        return self.profile is not None or bool(self.posts) or self.posts_file is not None


class PersonaFile(_Strict):
    """A persona: who they are, what the session should take from them, and their accounts."""

    teaching_point: str = Field(min_length=1, description="One line: what this persona teaches.")
    person: Person
    watch: Watch = Field(default_factory=Watch)
    accounts: list[PersonaAccount] = Field(min_length=1)
    framework: str = "sssc"
    search: SearchSettings = Field(
        default_factory=SearchSettings,
        description="Optional: a search for the name, answered from the demo's fixtures.",
    )

    @field_validator("teaching_point")
    @classmethod
    def _one_line(cls, value: str) -> str:
        if "\n" in value:
            raise ValueError("write the teaching point on one line")
        return value

    @field_validator("framework")
    @classmethod
    def _lower(cls, value: str) -> str:
        return value.strip().lower()


@dataclass
class Persona:
    """A loaded persona: its profile, what it teaches and the fictional internet that serves it."""

    name: str
    path: Path
    teaching_point: str
    profile: Profile
    site: FixtureSite


class PersonaSite(FixtureSite):
    """A FixtureSite whose routes are made in memory (then, optionally, those of a routes file)."""

    def __init__(self, routes: Sequence[Route], base: FixtureSite | None = None) -> None:
        self.routes = [*routes, *(base.routes if base else [])]
        self.fixtures = base.fixtures if base else Path(".")


# --------------------------------------------------------------------------- loading


def load_persona(
    path: Path, sources: Mapping[str, Any], frameworks: Iterable[str] = (), base: FixtureSite | None = None
) -> Persona:
    """Read and validate one persona file; every mistake is one located InputError."""
    data, located = load_model(path, PersonaFile)
    known = sorted(sources)
    accounts = []
    for i, account in enumerate(data.accounts):
        source = sources.get(account.platform)
        if source is None:
            raise located_error(
                path,
                located,
                ("accounts", i, "platform"),
                f"unknown platform {account.platform!r} (known: {', '.join(known)})",
            )
        problem = source.validate(account)
        if problem:
            raise located_error(path, located, ("accounts", i, "handle" if account.handle else "url"), problem)
        if account.has_content and account.platform not in SERVED:
            key = next(k for k in ("profile", "posts", "posts_file") if getattr(account, k))
            raise located_error(
                path,
                located,
                ("accounts", i, key),
                f"a persona can show content only on {', '.join(SERVED)} accounts; leave {account.platform} "
                "accounts without profile and posts (they are read as a stranger would see them)",
                at_key=True,
            )
        if account.posts and account.posts_file:
            raise located_error(
                path, located, ("accounts", i, "posts_file"), "give posts or posts_file, not both", at_key=True
            )
        accounts.append(account)
    frameworks = sorted(frameworks)
    if frameworks and data.framework not in frameworks:
        raise located_error(
            path, located, ("framework",), f"unknown framework {data.framework!r} (known: {', '.join(frameworks)})"
        )
    _refuse_clashes(path, located, data.accounts)
    profile = Profile(
        person=data.person,
        watch=data.watch,
        accounts=[a.declared() for a in accounts],
        framework=data.framework,
        fetch=ALL_POSTS,
        search=data.search,
    )
    routes: list[Route] = []
    for index, account in enumerate(accounts):
        if account.has_content:
            posts = (
                account.posts
                if not account.posts_file
                else read_posts_file(path.parent / account.posts_file, path, located, index)
            )
            ids = [post.id for post in posts if post.id]
            twice = next((i for n, i in enumerate(ids) if i in ids[:n]), None)
            if twice:
                raise located_error(
                    path, located, ("accounts", index), f"two posts on this account have the id {twice!r}"
                )
            routes.extend(account_routes(account, posts, index))
    return Persona(path.stem, path, data.teaching_point, profile, PersonaSite(routes, base))


def _refuse_clashes(path: Path, located: _Located, accounts: Sequence[PersonaAccount]) -> None:
    seen: dict[tuple[str, str], int] = {}
    for i, account in enumerate(accounts):
        key = (account.platform, account.ident.lstrip("@").casefold())
        if key in seen:
            raise located_error(
                path, located, ("accounts", i), f"the same account is declared twice (first as accounts[{seen[key]}])"
            )
        seen[key] = i


def read_posts_file(posts_path: Path, persona_path: Path, located: _Located, index: int) -> list[PersonaPost]:
    """Posts from a JSONL file: one JSON object per line, with the keys of a post; blank lines skipped."""
    try:
        text = posts_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise located_error(
            persona_path, located, ("accounts", index, "posts_file"), f"{posts_path} not found"
        ) from None
    except IsADirectoryError:
        raise located_error(
            persona_path, located, ("accounts", index, "posts_file"), f"{posts_path} is a folder, not a file"
        ) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{posts_path}: not UTF-8 text (byte {exc.start})") from None
    posts = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{posts_path}:{number}:{exc.colno}: not valid JSON: {exc.msg}") from None
        if not isinstance(item, dict):
            raise InputError(f'{posts_path}:{number}:1: expected one JSON object per line, e.g. {{"text": "…"}}')
        try:
            posts.append(PersonaPost.model_validate(item))
        except ValidationError as exc:
            error = exc.errors()[0]
            field = ".".join(str(p) for p in error["loc"])
            message = {"missing": "required but missing", "extra_forbidden": "unknown key (check its spelling)"}.get(
                error["type"], str(error["msg"]).removeprefix("Value error, ")
            )
            column = line.find(f'"{error["loc"][0]}"') + 1 if error["loc"] else 1
            raise InputError(f"{posts_path}:{number}:{max(column, 1)}: {field}: {message}") from None
    return posts


def load_folder(folder: Path, sources: Mapping[str, Any], frameworks: Iterable[str] = ()) -> list[Persona]:
    """Every `*.yaml` / `*.yml` persona in a trainer's folder, in name order."""
    if not folder.exists():
        raise InputError(f"{folder}: folder not found")
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder (give the folder that holds the persona files)")
    files = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
    if not files:
        raise InputError(
            f"{folder}: no persona files (*.yaml) in this folder; the README's 'Writing your own personas' shows one"
        )
    personas = [load_persona(path, sources, frameworks) for path in files]
    names: dict[str, Path] = {}
    for persona in personas:
        if persona.name in names:
            raise InputError(f"{persona.path}: a persona called {persona.name!r} is already in {names[persona.name]}")
        names[persona.name] = persona.path
    return personas


# --------------------------------------------------------------------------- the fictional internet


def _when(post: PersonaPost) -> str | None:
    if post.date is None:
        return None
    when = post.date
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


_URL = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)]")


def _linked(text: str) -> str:
    """Plain text as Mastodon serves it: escaped, with web addresses turned into links."""
    out, last = [], 0
    for m in _URL.finditer(text):
        out.append(escape(text[last : m.start()]))
        url = escape(m.group(0))
        out.append(f'<a href="{url}" rel="nofollow noopener noreferrer" target="_blank">{url}</a>')
        last = m.end()
    out.append(escape(text[last:]))
    return "".join(out)


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{_linked(part)}</p>" for part in text.split("\n\n") if part.strip())


def account_routes(account: PersonaAccount, posts: Sequence[PersonaPost], index: int) -> list[Route]:
    """The routes that make this account answer like the live platform."""
    profile = account.profile or AccountProfile()
    if account.platform == "mastodon":
        return _mastodon(account, profile, posts, index)
    return _bluesky(account, profile, posts, index)


def _mastodon(
    account: PersonaAccount, profile: AccountProfile, posts: Sequence[PersonaPost], index: int
) -> list[Route]:
    from footprint.sources.mastodon import split_handle

    user, domain = split_handle(account.handle or "")
    origin = f"https://{domain}"
    ident = str(9000 + index)
    data = {
        "id": ident,
        "username": user,
        "acct": user,
        "display_name": profile.display_name or user,
        "locked": profile.locked,
        "bot": False,
        "discoverable": profile.discoverable,
        "indexable": profile.indexable,
        "noindex": not profile.indexable,
        "group": False,
        "note": _paragraphs(profile.bio or ""),
        "url": f"{origin}/@{user}",
        "uri": f"{origin}/users/{user}",
        "statuses_count": len(posts),
        "emojis": [],
        "fields": [{"name": escape(k), "value": _linked(v), "verified_at": None} for k, v in profile.fields.items()],
    }
    statuses = []
    for n, post in enumerate(posts, start=1):
        sid = post.id or f"{ident}{n:04d}"
        statuses.append(
            {
                "id": sid,
                "created_at": _when(post),
                "in_reply_to_id": "1" if post.reply else None,
                "sensitive": bool(post.content_warning),
                "spoiler_text": post.content_warning or "",
                "visibility": post.visibility,
                "url": f"{origin}/@{user}/{sid}",
                "uri": f"{origin}/users/{user}/statuses/{sid}",
                "reblog": None,
                "content": _paragraphs(post.text),
                "media_attachments": [
                    {
                        "id": f"{sid}1",
                        "type": "image",
                        "url": f"{origin}/media/{sid}.jpg",
                        "description": post.image_description,
                    }
                ]
                if post.image_description
                else [],
                "mentions": [],
                "tags": [],
                "emojis": [],
                "card": None,
                "poll": None,
            }
        )
    webfinger = {
        "subject": f"acct:{user}@{domain}",
        "links": [{"rel": "self", "type": "application/activity+json", "href": f"{origin}/users/{user}"}],
    }
    return [
        Route(
            url=f"{origin}/.well-known/webfinger",
            query={"resource": f"acct:{user}@{domain}"},
            json=webfinger,
            content_type="application/jrd+json",
        ),
        Route(url=f"{origin}/api/v1/accounts/lookup", query={"acct": user}, json=data),
        Route(url=f"{origin}/api/v1/accounts/{ident}/statuses", json=statuses),
    ]


def _did(handle: str) -> str:
    digest = hashlib.sha256(handle.encode()).digest()
    return "did:plc:" + base64.b32encode(digest).decode().lower()[:24]


def _bluesky(account: PersonaAccount, profile: AccountProfile, posts: Sequence[PersonaPost], index: int) -> list[Route]:
    from footprint.sources.bluesky import BlueskySource

    handle = (account.handle or "").lstrip("@").lower()
    did = handle if handle.startswith("did:") else _did(handle)
    api = BlueskySource.default_base_url
    website = next((v for k, v in profile.fields.items() if k.strip().lower() in ("website", "web", "site")), None)
    answer: dict[str, Any] = {
        "did": did,
        "handle": handle,
        "displayName": profile.display_name or "",
        "description": profile.bio or "",
        "labels": [{"val": "!no-unauthenticated", "src": did}] if profile.hide_from_logged_out else [],
        "pronouns": profile.fields.get("Pronouns") or profile.fields.get("pronouns") or "",
    }
    if website:
        answer["website"] = website
    feed = []
    for n, post in enumerate(posts, start=1):
        record: dict[str, Any] = {"$type": "app.bsky.feed.post", "text": post.text, "createdAt": _when(post)}
        if post.image_description:
            record["embed"] = {"$type": "app.bsky.embed.images", "images": [{"alt": post.image_description}]}
        if post.reply:
            record["reply"] = {"root": {"uri": f"at://{did}/app.bsky.feed.post/root"}}
        rkey = post.id or f"p{index}x{n:04d}"
        feed.append(
            {
                "post": {
                    "uri": f"at://{did}/app.bsky.feed.post/{rkey}",
                    "author": {"did": did, "handle": handle},
                    "record": record,
                    "indexedAt": _when(post),
                }
            }
        )
    return [
        Route(url=f"{api}/xrpc/app.bsky.actor.getProfile", query={"actor": handle}, json=answer),
        Route(url=f"{api}/xrpc/app.bsky.feed.getAuthorFeed", query={"actor": did}, json={"feed": feed}),
    ]


def listing(personas: Sequence[Persona]) -> str:
    """`footprint demo --list`: one block per persona, its name, who they are and its teaching point."""
    width = max((len(p.name) for p in personas), default=0)
    lines = []
    for persona in personas:
        person = persona.profile.person
        platforms = ", ".join(dict.fromkeys(a.platform for a in persona.profile.accounts))
        lines.append(
            f"{persona.name:<{width}}  {person.name}, {person.role} ({persona.profile.framework}; {platforms})"
        )
        lines.append(f"{'':<{width}}  {persona.teaching_point}")
    return "\n".join(lines) + "\n"
