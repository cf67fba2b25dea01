"""footprint's plug points: one loader fills one registry from every entry-point group.

Each kind of plugin has its contract, and the helpers a plugin needs, in one public module:

    kind      entry-point group          contract module              base class      keyed by
    checks    footprint.checks           footprint.plugins.checks     Check           id (dotted)
    sources   footprint.sources          footprint.plugins.sources    Source          platform
    archives  footprint.archives         footprint.plugins.archives   ArchiveReader   name
    engines   footprint.search_engines   footprint.plugins.search     SearchEngine    name

The built-in plugins are registered in pyproject.toml exactly as a third-party package registers
its own, so they prove the plugin path. `discover()` returns a `Registry` that loads each kind on
first use only (`footprint discover` never imports a check or an archive reader).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import import_module
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any

from footprint.errors import PluginLoadError

#: A check's id: a family and a name, dotted (`identity.linkable`). `--only`/`--skip` take either; guidance
#: catalogues name the checks a clause bears on by it.
CHECK_ID = re.compile(r"^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$")

if TYPE_CHECKING:
    from footprint.plugins.archives import ArchiveReader
    from footprint.plugins.checks import Check
    from footprint.plugins.search import SearchEngine
    from footprint.plugins.sources import Source


@dataclass(frozen=True)
class Kind:
    """One plug point: where its plugins are registered, what they must subclass, what names them."""

    name: str
    group: str
    contract: str  # "module:Class"
    key: str  # the class attribute that names a plugin of this kind

    def base(self) -> type:
        module, cls = self.contract.split(":")
        return getattr(import_module(module), cls)


KINDS = {
    kind.name: kind
    for kind in (
        Kind("checks", "footprint.checks", "footprint.plugins.checks:Check", "id"),
        Kind("sources", "footprint.sources", "footprint.plugins.sources:Source", "platform"),
        Kind("archives", "footprint.archives", "footprint.plugins.archives:ArchiveReader", "name"),
        Kind("engines", "footprint.search_engines", "footprint.plugins.search:SearchEngine", "name"),
    )
}


def load(kind: Kind) -> dict[str, type]:
    """Every plugin registered for `kind`, by its key. A broken or wrong plugin is one clear error."""
    base = kind.base()
    found: dict[str, type] = {}
    for ep in sorted(entry_points(group=kind.group), key=lambda e: e.name):
        cls = _load_one(kind, ep, base)
        key = getattr(cls, kind.key)
        if key in found and found[key] is not cls:
            raise PluginLoadError(f"two {kind.name} claim the {kind.key} {key!r}: {_dotted(found[key])} and {ep.value}")
        found[key] = cls
    return found


def _load_one(kind: Kind, ep: Any, base: type | None = None) -> type:
    """One entry point's class, checked against the kind's base class and key."""
    base = base or kind.base()
    try:
        cls = ep.load()
    except Exception as exc:
        dist = getattr(getattr(ep, "dist", None), "name", "?")
        raise PluginLoadError(f"could not load plugin {ep.name!r} from {dist}: {type(exc).__name__}: {exc}") from exc
    if not (isinstance(cls, type) and issubclass(cls, base)):
        raise PluginLoadError(f"entry point {ep.name} = {ep.value} is not a footprint {base.__name__}")
    problem = _key_problem(kind, getattr(cls, kind.key, None))
    if problem:
        raise PluginLoadError(f"{kind.name[:-1]} {ep.value} {problem}")
    return cls


def _key_problem(kind: Kind, key: object) -> str | None:
    if kind.name == "checks":
        if not (isinstance(key, str) and CHECK_ID.match(key)):
            return f"has no valid dotted id (got {key!r})"
    elif not (isinstance(key, str) and key):
        return f"has no {kind.key} (got {key!r})"
    return None


def _dotted(cls: type) -> str:
    return f"{cls.__module__}:{cls.__qualname__}"


class Registry:
    """The plugins installed, by kind. Passed around, never global.

    `discover()` gives one that loads each kind from its entry points on first use; a caller (a test,
    a library user) may instead hand it the plugins of any kind, and a kind not handed is then empty.
    """

    def __init__(
        self,
        checks: dict[str, type[Check]] | None = None,
        sources: dict[str, type[Source]] | None = None,
        archives: dict[str, type[ArchiveReader]] | None = None,
        engines: dict[str, type[SearchEngine]] | None = None,
        *,
        installed: bool = False,
    ) -> None:
        given = {"checks": checks, "sources": sources, "archives": archives, "engines": engines}
        self._kinds: dict[str, dict[str, Any]] = {k: dict(v) for k, v in given.items() if v is not None}
        self._installed = installed

    def _kind(self, name: str) -> dict[str, Any]:
        if name not in self._kinds:
            self._kinds[name] = load(KINDS[name]) if self._installed else {}
        return self._kinds[name]

    @property
    def checks(self) -> dict[str, type[Check]]:
        return self._kind("checks")

    @property
    def sources(self) -> dict[str, type[Source]]:
        return self._kind("sources")

    @property
    def archives(self) -> dict[str, type[ArchiveReader]]:
        return self._kind("archives")

    @property
    def engines(self) -> dict[str, type[SearchEngine]]:
        return self._kind("engines")

    def check(self, check_id: str) -> type[Check]:
        """One check by id. Its own entry point is loaded alone when it is named by the id (as every
        built-in's is), so a command that runs one check does not import them all."""
        loaded = self._kinds.get("checks")
        if loaded is None and self._installed:
            kind = KINDS["checks"]
            for ep in entry_points(group=kind.group, name=check_id):
                cls = _load_one(kind, ep)
                if getattr(cls, "id", None) == check_id:
                    return cls
        found = self.checks.get(check_id)
        if found is None:
            raise PluginLoadError(f"no check has the id {check_id!r}", hint="`footprint checks` lists them")
        return found

    def select_checks(self, only: Sequence[str] = (), skip: Sequence[str] = ()) -> list[type[Check]]:
        """The checks to run: `only` and `skip` take ids or family prefixes (`identity`)."""
        for name in [*only, *skip]:
            if not any(_selects(name, cid) for cid in self.checks):
                raise PluginLoadError(f"no check matches {name!r}", hint="`footprint checks` lists them")
        return [
            cls
            for cid, cls in sorted(self.checks.items())
            if (not only or any(_selects(n, cid) for n in only)) and not any(_selects(n, cid) for n in skip)
        ]


def _selects(name: str, check_id: str) -> bool:
    return check_id == name or check_id.startswith(name + ".")


def discover() -> Registry:
    """Every installed plugin of every kind, each kind loaded from its entry points when first asked for."""
    return Registry(installed=True)


# NOTE: older imports (`from footprint.plugins import Check`) keep working; each name is read from its
# contract module on first use, so importing the loader imports no contract.
_CONTRACT_NAMES = {
    "Check": "checks",
    "CheckContext": "checks",
    "TextItem": "checks",
    "Source": "sources",
    "SourceOptions": "sources",
    "ArchiveReader": "archives",
    "SearchEngine": "search",
}


def __getattr__(name: str) -> Any:
    if name in _CONTRACT_NAMES:
        return getattr(import_module(f"footprint.plugins.{_CONTRACT_NAMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
