"""The search-engine plugin contract: what an engine is given, what it returns, how it fails.

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

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, ClassVar

from footprint.errors import PluginLoadError
from footprint.models import QueryStatus, SearchSettings

if TYPE_CHECKING:
    from footprint.http import Http

ENGINE_GROUP = "footprint.search_engines"


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
        return self.status in (QueryStatus.REFUSED, QueryStatus.RATE_LIMITED, QueryStatus.CAPTCHA, QueryStatus.UNREACHABLE)


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


def discover_engines() -> dict[str, type[SearchEngine]]:
    """Every search engine registered through the `footprint.search_engines` entry points."""
    found: dict[str, type[SearchEngine]] = {}
    for ep in sorted(entry_points(group=ENGINE_GROUP), key=lambda e: e.name):
        try:
            cls = ep.load()
        except Exception as exc:  # noqa: BLE001 - any failure in third-party code becomes one clear error
            raise PluginLoadError(f"could not load search engine {ep.name!r}: {type(exc).__name__}: {exc}") from exc
        if not (isinstance(cls, type) and issubclass(cls, SearchEngine)):
            raise PluginLoadError(f"entry point {ep.name} = {ep.value} is not a footprint SearchEngine")
        found[cls.name] = cls
    return found
