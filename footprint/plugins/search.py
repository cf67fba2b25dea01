"""The search-engine plugin contract (entry-point group `footprint.search_engines`), and the helpers engines share.

What an engine is given, what it returns, how it fails.

An engine is a small class registered under the entry-point group `footprint.search_engines`,
exactly like checks and sources, so a third-party package can add one. It is handed the query
text, nothing else from the profile, and returns plain results. It never judges and never
decides what to send: footprint builds the queries (`queries.py`) and classifies the answers
(`classify.py`).

An engine that cannot answer raises `EngineFailure` with a `QueryStatus` saying how: refused,
rate-limited, captcha, unreachable or another error. It never returns an empty list for a
failure: an empty list means the engine answered "nothing found".
"""

from __future__ import annotations

import html
import re
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from footprint.errors import Refused, SourceError, Unreachable
from footprint.models import AccountStatus, QueryStatus, SearchSettings

if TYPE_CHECKING:
    from footprint.http import Http

GROUP = "footprint.search_engines"

__all__ = [
    "GROUP",
    "EngineConfig",
    "EngineFailure",
    "QueryStatus",
    "RawResult",
    "SearchEngine",
    "SearchSettings",
    "SourceError",
    "from_source_error",
    "looks_like_captcha",
    "plain",
]


@dataclass(frozen=True)
class RawResult:
    """One result as the engine gave it: address, title and snippet, as plain text."""

    url: str
    title: str = ""
    snippet: str = ""


class EngineFailure(Exception):
    """The engine did not answer a query: how (`status`) and why, in one line (`reason`)."""

    def __init__(self, status: QueryStatus, reason: str, *, final: bool | None = None) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self._final = final

    @property
    def stops_the_run(self) -> bool:
        """True when sending more queries would be impolite or pointless: a refusal, a rate limit, a captcha,
        an engine that cannot be reached at all, or any failure the engine marks `final`."""
        if self._final is not None:
            return self._final
        return self.status in (
            QueryStatus.REFUSED,
            QueryStatus.RATE_LIMITED,
            QueryStatus.CAPTCHA,
            QueryStatus.UNREACHABLE,
        )


@dataclass(frozen=True)
class EngineConfig:
    """What an engine may read to set itself up: the profile's search settings and the environment."""

    settings: SearchSettings
    environ: Mapping[str, str]


class SearchEngine(ABC):
    """A search engine adapter. Subclasses set `name`, `title` and `sends_to`, and implement `search`."""

    name: ClassVar[str]
    title: ClassVar[str]
    sends_to: ClassVar[str] = ""  # who receives the queries, in plain words (README and report)

    def __init__(self, http: Http, config: EngineConfig) -> None:
        self.http = http
        self.config = config

    @classmethod
    def problem(cls, config: EngineConfig) -> tuple[str, str | None] | None:
        """Why the engine cannot run with this configuration, as (message, hint), or None when it can."""
        return None

    def describe(self) -> str:
        """The engine as the report names it (with the instance address where there is one)."""
        return self.name

    @abstractmethod
    async def search(self, query: str, max_results: int) -> list[RawResult]:
        """Send one query; return at most `max_results` results, or raise `EngineFailure`."""


# --------------------------------------------------------------------------- helpers for HTTP engines

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_CAPTCHA = re.compile(
    r"captcha|are you a robot|verify you are human|unusual traffic|cf-challenge|challenge-platform", re.I
)


def plain(text: object) -> str:
    """Engine text (which may carry <strong> marks and entities) as one plain line."""
    if not isinstance(text, str):
        return ""
    return _SPACE.sub(" ", html.unescape(_TAG.sub("", text))).strip()


def from_source_error(exc: SourceError, who: str) -> EngineFailure:
    """The shared client's failure as a query status: rate limits stay rate limits, the rest say what happened."""
    if exc.status is AccountStatus.RATE_LIMITED:
        return EngineFailure(QueryStatus.RATE_LIMITED, f"{who} is rate limiting: {exc.reason}")
    if exc.status is AccountStatus.TIMED_OUT:
        return EngineFailure(QueryStatus.UNREACHABLE, f"{who} did not answer: {exc.reason}")
    if isinstance(exc, Unreachable):
        return EngineFailure(QueryStatus.UNREACHABLE, f"{who} cannot be reached: {exc.reason}")
    if isinstance(exc, Refused):  # footprint's own address policy: every query would meet it
        return EngineFailure(QueryStatus.ERROR, f"{who}: {exc.reason}", final=True)
    return EngineFailure(QueryStatus.ERROR, f"{who}: {exc.reason}")


def looks_like_captcha(body: bytes) -> bool:
    """True when a page is a bot check rather than an answer."""
    return bool(_CAPTCHA.search(body[:200_000].decode("utf-8", "replace")))
