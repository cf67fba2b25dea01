"""Platforms behind login walls: X, Facebook, Instagram, LinkedIn (and the base for TikTok and Threads).

footprint does not log in and never disguises itself as a browser, so these accounts cannot be
read from outside. Each is reported as NOT_CHECKABLE with a one-line reason and a short manual
checklist for the platform's own privacy settings; the wording lives in `walled.yaml`.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from footprint.errors import SourceError
from footprint.models import Account, AccountStatus, Outcome
from footprint.plugins.sources import Source
from footprint.yamlfile import load_model


class WalledPlatform(BaseModel):
    """One login-walled platform as `walled.yaml` describes it."""

    model_config = ConfigDict(extra="forbid")
    title: str
    handle_pattern: str
    handle_example: str
    handle_rule: str = Field(min_length=1, description="The handle grammar in words, said when a handle is refused.")
    profile_url: str = Field(pattern=r"^https://[^{}]+\{name\}[^{}]*$")
    why: str
    checklist: list[str] = Field(min_length=2)

    @field_validator("handle_pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        re.compile(value)
        return value


class _Catalogue(BaseModel):
    model_config = ConfigDict(extra="forbid")
    platforms: dict[str, WalledPlatform]


@cache
def catalogue() -> dict[str, WalledPlatform]:
    """The login-walled platforms, validated once."""
    path = Path(str(resources.files("footprint.sources"))) / "walled.yaml"
    return load_model(path, _Catalogue)[0].platforms


class WalledSource(Source):
    """Reports the account as not checkable from outside, with the platform's manual checklist."""

    spec: ClassVar[WalledPlatform]

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        spec = catalogue()[cls.platform]
        cls.spec = spec
        cls.title = spec.title
        cls.handle_pattern = re.compile(spec.handle_pattern)
        cls.handle_example = spec.handle_example
        cls.handle_rule = spec.handle_rule

    async def fetch(self, account: Account) -> Outcome:
        name = self.name(account)
        try:
            evidence = await self.probe(name)
        except SourceError as exc:
            evidence = f"footprint could not ask {self.spec.title} whether @{name} exists ({exc.reason})"
        url = self.spec.profile_url.format(name=name)
        return Outcome(
            account=account,
            status=AccountStatus.NOT_CHECKABLE,
            reason=f"not checkable from outside: {self.spec.why}; {evidence}. "
            "Work through the checklist, and run `footprint scan` on your data download.",
            checklist=[item.format(url=url) for item in self.spec.checklist],
        )

    def name(self, account: Account) -> str:
        """The handle as the platform's URLs spell it."""
        return (account.handle or "").strip().lstrip("@").removeprefix("in/")

    async def probe(self, name: str) -> str:
        """What a logged-out request can honestly say about the account; override where it can say more."""
        return f"a logged-out request cannot reliably tell whether @{name} exists, so footprint sends none"


class XSource(WalledSource):
    """X (Twitter): login-walled; checklist only."""

    platform = "x"


class FacebookSource(WalledSource):
    """Facebook: login-walled; checklist only."""

    platform = "facebook"


class InstagramSource(WalledSource):
    """Instagram: login-walled; checklist only."""

    platform = "instagram"


class LinkedInSource(WalledSource):
    """LinkedIn: login-walled; checklist only."""

    platform = "linkedin"
