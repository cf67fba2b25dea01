"""The two plugin contracts, `Check` and `Source`, and their discovery through entry points.

Built-in checks and sources are registered in pyproject.toml under the entry-point groups
`footprint.checks` and `footprint.sources`, exactly as a third-party package would register
its own, so the built-ins prove the plugin path.
"""

from __future__ import annotations

import datetime as dt
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import EntryPoint, entry_points
from typing import TYPE_CHECKING, ClassVar, Literal

from footprint.errors import PluginLoadError
from footprint.models import Account, Excerpt, Finding, Item, Outcome, Profile, SearchSection, Severity, Snapshot
from footprint.text import TextView, excerpt_around

if TYPE_CHECKING:
    from footprint.http import Http
    from footprint.rules import RuleSet

CHECK_GROUP = "footprint.checks"
SOURCE_GROUP = "footprint.sources"
_CHECK_ID = re.compile(r"^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$")


# --------------------------------------------------------------------------- checks


@dataclass
class CheckContext:
    """What every check may read besides the account: the user's profile, the rules and, when a search
    for the user's name was run (`footprint search`, `audit --search`), its classified results."""

    profile: Profile
    rules: RuleSet
    search: SearchSection | None = None


@dataclass
class TextItem:
    """One piece of text to scan (a bio, a field, a post), with where it came from."""

    item: Item
    text: str
    # Parts of `text` that are not the post's body: (start, end, "content warning" | "image description").
    extras: tuple[tuple[int, int, str], ...] = ()
    view: TextView = field(init=False)

    def __post_init__(self) -> None:
        self.view = TextView(self.text)


class Check(ABC):
    """A pure check: it reads snapshots and the profile and yields findings. No I/O of any kind.

    Override any of the three hooks; the engine calls `check_text` for every bio, profile
    field and post, `check_account` once per readable account, and `check_audit` once with
    every snapshot (for findings that need several accounts at once).
    """

    id: ClassVar[str]
    title: ClassVar[str]
    reads: ClassVar[tuple[Literal["profile", "posts", "photos", "accounts"], ...]]

    def __init__(self, context: CheckContext) -> None:
        self.context = context
        self.profile = context.profile
        self.rules = context.rules

    def check_account(self, snapshot: Snapshot) -> Iterable[Finding]:
        """Findings about one account as a whole (visibility, profile fields)."""
        return ()

    def check_text(self, text: TextItem, snapshot: Snapshot) -> Iterable[Finding]:
        """Findings in one piece of text from the account."""
        return ()

    def check_audit(self, snapshots: Sequence[Snapshot]) -> Iterable[Finding]:
        """Findings that need every account at once (linking accounts together)."""
        return ()

    def finding(
        self,
        snapshot: Snapshot,
        *,
        severity: Severity,
        why: str,
        item: Item | None = None,
        text: str | None = None,
        span: tuple[int, int] | None = None,
        details: Sequence[str] = (),
        advice: Sequence[str] = (),
        title: str | None = None,
    ) -> Finding:
        """Build a finding for this check, cutting a short excerpt around `span` of `text`."""
        excerpt = None
        if text is not None:
            start, end = span or (0, 0)
            snippet, s, e = excerpt_around(text, start, end)
            excerpt = Excerpt(text=snippet, start=s, end=e)
        return Finding(
            check=self.id,
            title=title or self.title,
            severity=severity,
            platform=snapshot.platform,
            account=snapshot.handle,
            item=item or Item(kind="account", url=snapshot.url),
            excerpt=excerpt,
            details=list(details),
            why=why,
            advice=list(advice),
        )


# --------------------------------------------------------------------------- sources


@dataclass
class SourceOptions:
    """How a source should read: where, how much, and what it may reach."""

    base_url: str | None = None
    max_posts: int = 200
    max_age_days: int = 365
    allow_private_addresses: bool = False

    def cutoff(self) -> dt.datetime:
        """The oldest post date worth reading."""
        return dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=self.max_age_days)

    def wants(self, count: int, created_at: dt.datetime | None) -> bool:
        """True while fewer than `max_posts` were read and the post is inside the age window."""
        if count >= self.max_posts:
            return False
        return created_at is None or _aware(created_at) >= self.cutoff()


def _aware(when: dt.datetime) -> dt.datetime:
    return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)


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


# --------------------------------------------------------------------------- discovery


@dataclass
class Registry:
    """The checks and sources installed, keyed by id and platform. Passed around, never global."""

    checks: dict[str, type[Check]] = field(default_factory=dict)
    sources: dict[str, type[Source]] = field(default_factory=dict)

    def select_checks(self, only: Sequence[str] = (), skip: Sequence[str] = ()) -> list[type[Check]]:
        """The checks to run: `only` and `skip` take ids or family prefixes (`identity`)."""
        for name in [*only, *skip]:
            if not any(_selects(name, cid) for cid in self.checks):
                raise PluginLoadError(f"no check matches {name!r}", hint="`footprint checks` lists them")
        chosen = [
            cls
            for cid, cls in sorted(self.checks.items())
            if (not only or any(_selects(n, cid) for n in only)) and not any(_selects(n, cid) for n in skip)
        ]
        return chosen


def _selects(name: str, check_id: str) -> bool:
    return check_id == name or check_id.startswith(name + ".")


def discover() -> Registry:
    """Load every check and source registered through entry points."""
    registry = Registry()
    for ep in sorted(entry_points(group=CHECK_GROUP), key=lambda e: e.name):
        cls = _load(ep)
        if not (isinstance(cls, type) and issubclass(cls, Check)):
            raise PluginLoadError(f"entry point {ep.name} = {ep.value} is not a footprint Check")
        if not _CHECK_ID.match(getattr(cls, "id", "")):
            raise PluginLoadError(f"check {ep.value} has no valid dotted id (got {getattr(cls, 'id', None)!r})")
        if cls.id in registry.checks and registry.checks[cls.id] is not cls:
            raise PluginLoadError(f"two checks claim the id {cls.id!r}")
        registry.checks[cls.id] = cls
    for ep in sorted(entry_points(group=SOURCE_GROUP), key=lambda e: e.name):
        cls = _load(ep)
        if not (isinstance(cls, type) and issubclass(cls, Source)):
            raise PluginLoadError(f"entry point {ep.name} = {ep.value} is not a footprint Source")
        registry.sources[cls.platform] = cls
    return registry


def _load(ep: EntryPoint) -> object:
    try:
        return ep.load()
    except Exception as exc:  # noqa: BLE001 - any failure in third-party code becomes one clear error
        dist = getattr(getattr(ep, "dist", None), "name", "?")
        raise PluginLoadError(
            f"could not load plugin {ep.name!r} from {dist}: {type(exc).__name__}: {exc}"
        ) from exc
