"""The site catalogue: what a site's profile address looks like, which names it allows, and how to read its answer.

The shipped catalogue (`sites.yaml`, validated against `sites.schema.json`, which is generated
from the models below) is footprint's own. Users may add their own files in the same format,
or load the community lists in WhatsMyName or Sherlock format (see `formats.py`).
"""

from __future__ import annotations

import enum
import re
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from pydantic import Field, field_validator, model_validator

from footprint.models import Verbatim

PLACEHOLDER = "{handle}"
# NOTE: these answers mean "a person or a machine stopped us", never "exists" or "missing".
BLOCK_STATUSES = frozenset({401, 403, 407, 429, 451, 999})
_KEY = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


class Category(str, enum.Enum):
    """What kind of site it is, for `--category` and the report."""

    SOCIAL = "social"
    BLOGGING = "blogging"
    FORUM = "forum"
    PROFESSIONAL = "professional"
    ACADEMIC = "academic"
    PHOTO = "photo"
    VIDEO = "video"
    MUSIC = "music"
    FITNESS = "fitness"
    CROWDFUNDING = "crowdfunding"
    PETITIONS = "petitions"
    REVIEWS = "reviews"
    GAMING = "gaming"
    CODING = "coding"
    HOBBY = "hobby"
    SHOPPING = "shopping"
    OTHER = "other"


class Grammar(Verbatim):
    """Which names the site accepts. A name outside the grammar is never requested."""

    pattern: str = Field(
        default=r"^[A-Za-z0-9_.-]+$", description="Regular expression a whole handle must match (Python syntax)."
    )
    min_length: int = Field(default=1, ge=1, le=200)
    max_length: int = Field(default=64, ge=1, le=500)
    case_sensitive: bool = Field(default=False, description="True when Jane and jane are different accounts.")

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"pattern does not compile: {exc}") from None
        return value

    @model_validator(mode="after")
    def _lengths(self) -> Grammar:
        if self.min_length > self.max_length:
            raise ValueError("min_length is larger than max_length")
        return self

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        return re.compile(self.pattern)

    def problem(self, handle: str) -> str | None:
        """Why `handle` cannot exist on the site, or None when it can."""
        if not self.min_length <= len(handle) <= self.max_length:
            return f"names here are {self.min_length}–{self.max_length} characters long"
        if not self.compiled.fullmatch(handle):
            return f"names here must match {self.pattern}"
        return None


class Exists(Verbatim):
    """What an answer must look like to count as "this account exists"."""

    status: list[int] = Field(default_factory=lambda: [200], min_length=1, description="Any of these status codes.")
    body_has: list[str] = Field(default_factory=list, description="Every one of these must appear in the body.")
    body_lacks: list[str] = Field(default_factory=list, description="None of these may appear in the body.")
    handle_in_body: bool = Field(
        default=True, description="The name itself must appear in the body (guards against generic pages)."
    )

    @field_validator("status")
    @classmethod
    def _no_block_status(cls, value: list[int]) -> list[int]:
        bad = sorted(set(value) & BLOCK_STATUSES)
        if bad:
            raise ValueError(f"status {bad[0]} means blocked or rate limited, never that an account exists")
        return value


class Missing(Verbatim):
    """One way the site says "no such account". Every condition given must hold."""

    status: list[int] = Field(default_factory=list, description="Any of these status codes (empty: any status).")
    other_status: bool = Field(default=False, description="Any status that is not an exists status (blocks excepted).")
    body_has: str | None = Field(default=None, description="This text appears in the body.")
    redirect_to: str | None = Field(
        default=None, description="The answer was redirected to this address (prefix; {handle} allowed)."
    )

    @field_validator("status")
    @classmethod
    def _no_block_status(cls, value: list[int]) -> list[int]:
        bad = sorted(set(value) & BLOCK_STATUSES)
        if bad:
            raise ValueError(f"status {bad[0]} means blocked or rate limited, never that an account is missing")
        return value

    @model_validator(mode="after")
    def _says_something(self) -> Missing:
        if not (self.status or self.other_status or self.body_has or self.redirect_to):
            raise ValueError("a missing rule needs a status, other_status, body_has or redirect_to")
        return self


class Detection(Verbatim):
    """How to tell "exists" from "doesn't" for one site."""

    exists: Exists = Field(default_factory=Exists)
    missing: list[Missing] = Field(default_factory=lambda: [Missing(status=[404, 410])], min_length=1)
    follow_redirects: bool = True


class Site(Verbatim):
    """One site in the catalogue."""

    key: str = Field(description="Short unique key, lower case, e.g. github.")
    name: str = Field(min_length=1, description="Display name, e.g. GitHub.")
    category: Category
    url: str = Field(description="Profile address with {handle} where the name goes.")
    check_url: str | None = Field(
        default=None, description="Address to probe instead of the profile (an API), with {handle}."
    )
    platform: str | None = Field(
        default=None, description="footprint's platform key when it has one (marks declared accounts)."
    )
    grammar: Grammar = Field(default_factory=Grammar)
    detect: Detection = Field(default_factory=Detection)
    known: str | None = Field(
        default=None,
        description="An account known to exist: the site's own or a documented one, never a private person's. "
        "Used only by the opt-in live validation run.",
    )
    headers: dict[str, str] = Field(default_factory=dict, description="Extra request headers (never User-Agent).")
    notes: str | None = None

    @field_validator("key")
    @classmethod
    def _key_form(cls, value: str) -> str:
        if not _KEY.match(value):
            raise ValueError("key must be lower case letters, digits, '.', '_' or '-'")
        return value

    @field_validator("url", "check_url")
    @classmethod
    def _template(cls, value: str | None) -> str | None:
        if value is None:
            return value
        parts = urlsplit(value.replace(PLACEHOLDER, "x"))
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"{value!r} is not an http(s) address")
        if PLACEHOLDER not in value:
            raise ValueError(f"{value!r} has no {PLACEHOLDER} placeholder")
        return value

    @field_validator("headers")
    @classmethod
    def _honest(cls, value: dict[str, str]) -> dict[str, str]:
        for name, text in value.items():
            if any(ch in name + text for ch in "\r\n\x00"):
                raise ValueError(f"header {name!r} contains a line break")
            if name.lower() in ("user-agent", "cookie", "authorization", "host"):
                raise ValueError(f"the {name} header may not be set: footprint always says who it is and never logs in")
        return value

    @model_validator(mode="after")
    def _known_fits(self) -> Site:
        if self.known is not None and (problem := self.grammar.problem(self.known)):
            raise ValueError(f"known account {self.known!r} does not fit the grammar: {problem}")
        return self

    def profile_url(self, handle: str) -> str:
        """The profile address for `handle` (percent-encoded where needed)."""
        return self.url.replace(PLACEHOLDER, quote(handle, safe="@~"))

    def probe_url(self, handle: str) -> str:
        """The address to request for `handle`."""
        return (self.check_url or self.url).replace(PLACEHOLDER, quote(handle, safe="@~"))

    @property
    def host(self) -> str:
        return urlsplit((self.check_url or self.url).replace(PLACEHOLDER, "x")).netloc.lower()


class SiteCatalogue(Verbatim):
    """A sites file: footprint's own format."""

    version: int = Field(default=1, description="Format version of this file.")
    sites: list[Site] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_keys(self) -> SiteCatalogue:
        seen: set[str] = set()
        for site in self.sites:
            if site.key in seen:
                raise ValueError(f"two sites share the key {site.key!r}")
            seen.add(site.key)
        return self


def catalogue_json_schema() -> dict[str, Any]:
    """The JSON Schema of a sites file, as shipped in `sites.schema.json`."""
    schema = SiteCatalogue.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "footprint site catalogue"
    return schema


def builtin_paths() -> tuple[Path, Path]:
    """The shipped catalogue and its schema, inside the installed package."""
    folder = Path(str(resources.files("footprint.discovery")))
    return folder / "sites.yaml", folder / "sites.schema.json"
