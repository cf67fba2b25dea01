"""Load sites files: footprint's own (YAML or JSON), WhatsMyName's `wmn-data.json`, and Sherlock's `data.json`.

The community lists are converted into `Site`s on load (`community.py`), so they run through
exactly the same probe and the same no-false-alarm rules as the built-in catalogue. Any site
aimed at a private or local address is refused unless the user allowed it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from footprint.discovery.catalogue import PLACEHOLDER, Site, SiteCatalogue, builtin_paths
from footprint.discovery.community import from_sherlock, from_whatsmyname
from footprint.errors import InputError
from footprint.http import plainly_private
from footprint.yamlfile import load_model, located_error, read_yaml

SitesFormat = Literal["auto", "footprint", "whatsmyname", "sherlock"]


@dataclass
class Loaded:
    """The sites read from one or more files, and what was skipped on the way."""

    sites: list[Site] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def load_builtin() -> list[Site]:
    """The catalogue shipped inside the package. Nothing is downloaded."""
    path, _ = builtin_paths()
    catalogue, _ = load_model(path, SiteCatalogue)
    return catalogue.sites


def load_sites(paths: Iterable[Path], fmt: SitesFormat = "auto", *, allow_private: bool = False) -> Loaded:
    """Read every sites file; a site aimed at a private or local address is refused unless allowed."""
    loaded = Loaded()
    for path in paths:
        kind = fmt if fmt != "auto" else sniff(path)
        if kind == "footprint":
            catalogue, located = load_model(path, SiteCatalogue)
            for i, site in enumerate(catalogue.sites):
                if not allow_private and (host := private_host(site)):
                    raise located_error(path, located, ("sites", i, "url"), _private_message(host))
            loaded.sites.extend(catalogue.sites)
            continue
        data = _read_json(path)
        sites, warnings = (from_whatsmyname if kind == "whatsmyname" else from_sherlock)(data, path)
        for site in sites:
            if not allow_private and (host := private_host(site)):
                raise InputError(f"{path}: site {site.name!r}: {_private_message(host)}")
        loaded.sites.extend(sites)
        loaded.warnings.extend(warnings)
    return loaded


def merge(*groups: Iterable[Site]) -> list[Site]:
    """Sites from several sources, later ones replacing earlier ones with the same key."""
    by_key: dict[str, Site] = {}
    for group in groups:
        for site in group:
            by_key[site.key] = site
    return list(by_key.values())


def sniff(path: Path) -> Literal["footprint", "whatsmyname", "sherlock"]:
    """Guess a sites file's format from its content."""
    if path.suffix.lower() in (".yaml", ".yml"):
        return "footprint"
    data = _read_json(path)
    if isinstance(data, dict) and isinstance(data.get("sites"), list):
        first = data["sites"][0] if data["sites"] else {}
        if isinstance(first, dict) and "uri_check" in first:
            return "whatsmyname"
        return "footprint"
    if isinstance(data, dict) and any(isinstance(v, dict) and "errorType" in v for v in data.values()):
        return "sherlock"
    raise InputError(f"{path}: not a sites file footprint knows (footprint, WhatsMyName or Sherlock format)")


def _read_json(path: Path) -> Any:
    if path.suffix.lower() in (".yaml", ".yml"):
        data, _ = read_yaml(path)
        return data
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: file not found") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None


# --------------------------------------------------------------------------- private addresses


def private_host(site: Site) -> str | None:
    """The host when a site's addresses name a private, loopback or local address, else None (no lookup:
    the client checks every name it resolves as it connects)."""
    for template in (site.url, site.check_url):
        if template is None:
            continue
        host = (urlsplit(template.replace(PLACEHOLDER, "x")).hostname or "").lower()
        if plainly_private(host):
            return host
    return None


def _private_message(host: str) -> str:
    return f"points at {host}, a private or local address; pass --allow-private-addresses if you mean it"
