"""Read the profile file: YAML → validated `Profile`, every mistake located by file, line and column.

Before validation the raw accounts are made kinder: common platform aliases (`twitter` → `x`) are
accepted, and a profile address where a handle belongs is reduced to the handle
(`https://github.com/moragc` → `moragc`, `https://mastodon.social/@x` → `@x@mastodon.social`).
Every problem in the file is reported at once (up to `MAX_ERRORS`), each saying the rule broken.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import ValidationError

from footprint.errors import InputError
from footprint.models import Account, Profile
from footprint.plugins.sources import Source
from footprint.yamlfile import MAX_ERRORS, ProblemList, read_yaml, validation_problems

ENV_PREFIX = "FOOTPRINT_ENDPOINT_"

ALIASES: dict[str, str] = {
    "twitter": "x",
    "x.com": "x",
    "twitter.com": "x",
    "fb": "facebook",
    "ig": "instagram",
    "insta": "instagram",
    "bsky": "bluesky",
    "gh": "github",
    "yt": "youtube",
    "website": "blog",
    "site": "blog",
    "web": "blog",
    "wordpress": "blog",
    "substack": "blog",
    "rss": "blog",
    "fediverse": "mastodon",
}

# Profile addresses on each platform's own site, reduced to the handle the platform uses.
_HOSTS: dict[str, tuple[str, ...]] = {
    "github": ("github.com",),
    "x": ("x.com", "twitter.com", "mobile.twitter.com"),
    "bluesky": ("bsky.app",),
    "reddit": ("reddit.com", "old.reddit.com"),
    "youtube": ("youtube.com", "m.youtube.com"),
    "facebook": ("facebook.com", "m.facebook.com"),
    "instagram": ("instagram.com",),
    "linkedin": ("linkedin.com", "uk.linkedin.com"),
    "tiktok": ("tiktok.com",),
    "threads": ("threads.net", "threads.com"),
}


def suggest(word: str, known: Iterable[str]) -> str:
    """' did you mean 'mastodon'?' for a near miss, else ''."""
    close = difflib.get_close_matches(word.lower(), list(known), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def reduce_handle(platform: str, value: str) -> str:
    """A profile address reduced to the platform's handle; anything else unchanged."""
    text = value.strip()
    if not re.match(r"(?i)^https?://", text):
        return value
    parts = urlsplit(text)
    host = (parts.hostname or "").lower().removeprefix("www.")
    segments = [s for s in parts.path.split("/") if s]
    if platform == "mastodon":
        if segments and segments[0].startswith("@") and len(segments[0]) > 1:
            user = segments[0]
            return user if user.count("@") > 1 else f"{user}@{host}"
        if len(segments) >= 2 and segments[0] == "users":
            return f"@{segments[1]}@{host}"
        return value
    if host not in _HOSTS.get(platform, ()) or not segments:
        return value
    if platform == "bluesky" and len(segments) >= 2 and segments[0] == "profile":
        return segments[1]
    if platform == "reddit" and len(segments) >= 2 and segments[0] in ("u", "user"):
        return f"u/{segments[1]}"
    if platform == "youtube":
        if segments[0] == "channel" and len(segments) >= 2:
            return segments[1]
        return segments[0] if segments[0].startswith("@") else value
    if platform == "linkedin" and len(segments) >= 2 and segments[0] == "in":
        return segments[1]
    if platform == "facebook" and segments[0] == "profile.php" and parts.query:
        return f"profile.php?{parts.query}"
    if platform in ("bluesky", "reddit", "linkedin"):
        return value
    return segments[0]


def _tidy_accounts(data: Any, known: Iterable[str]) -> None:
    """Apply platform aliases and reduce profile addresses to handles, in place, before validation."""
    accounts = data.get("accounts") if isinstance(data, dict) else None
    if not isinstance(accounts, list):
        return
    known = set(known)
    for entry in accounts:
        if not isinstance(entry, dict) or not isinstance(entry.get("platform"), str):
            continue
        platform = entry["platform"].strip().lower()
        platform = ALIASES.get(platform, platform) if platform not in known else platform
        entry["platform"] = platform
        if isinstance(entry.get("handle"), str):
            entry["handle"] = reduce_handle(platform, entry["handle"])
        elif isinstance(entry.get("url"), str) and platform in known and platform != "blog":
            reduced = reduce_handle(platform, entry["url"])
            if reduced != entry["url"]:
                entry["handle"] = reduced
                del entry["url"]


def load_profile(path: Path, sources: Mapping[str, type[Source]], frameworks: Iterable[str] = ()) -> Profile:
    """Load and validate a profile file against the installed platforms and frameworks."""
    if not path.exists():
        raise InputError(
            f"{path}: file not found",
            hint="create one with `footprint init` (it asks a few questions), or name another file",
        )
    data, located = read_yaml(path)
    if data is None:
        raise InputError(f"{path}:1:1: the file is empty", hint="`footprint init` writes a starter profile file")
    if not isinstance(data, dict):
        raise InputError(f"{path}:1:1: expected a mapping of keys to values at the top level (lines like `person:`)")
    known = sorted(sources)
    _tidy_accounts(data, known)
    problems = ProblemList(path, located)
    profile = validation_problems(Profile, data, problems)
    accounts = data["accounts"] if isinstance(data.get("accounts"), list) else []
    for i, entry in enumerate(accounts):
        if not isinstance(entry, dict) or not isinstance(entry.get("platform"), str):
            continue
        platform = entry["platform"]
        source = sources.get(platform)
        if source is None:
            problems.add(
                ("accounts", i, "platform"),
                f"unknown platform {platform!r}{suggest(platform, known)} (known: {', '.join(known)})",
            )
            continue
        try:
            account = Account.model_validate(entry)
        except ValidationError:
            continue  # NOTE: already reported by the validation above
        try:
            problem = source.validate(account)
        except ValueError:
            problem = (
                None  # NOTE: an address the parser chokes on is reported on its own account; the others are still read
            )
        if problem:
            problems.add(("accounts", i, "handle" if account.handle else "url"), problem)
    endpoints = data["endpoints"] if isinstance(data.get("endpoints"), dict) else {}
    for platform, url in endpoints.items():
        if platform not in sources:
            problems.add(
                ("endpoints", platform),
                f"unknown platform {platform!r}{suggest(str(platform), known)} (known: {', '.join(known)})",
                at_key=True,
            )
        elif not isinstance(url, str) or not _is_http_url(url):
            problems.add(
                ("endpoints", platform), f"{url!r} is not an http(s) URL (it must start with http:// or https://)"
            )
    frameworks = sorted(frameworks)
    framework = str(data.get("framework", "sssc")).strip().lower()
    if frameworks and framework not in frameworks:
        problems.add(
            ("framework",),
            f"unknown framework {framework!r}{suggest(framework, frameworks)} (known: {', '.join(frameworks)})",
        )
    problems.raise_if_any()
    assert profile is not None  # NOTE: no problems means validation succeeded
    return profile


def endpoint_overrides(profile: Profile, environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The profile's `endpoints`, with FOOTPRINT_ENDPOINT_<PLATFORM> variables winning over the file."""
    environ = os.environ if environ is None else environ
    merged = dict(profile.endpoints)
    for key, value in environ.items():
        if key.startswith(ENV_PREFIX) and value.strip():
            platform = key[len(ENV_PREFIX) :].lower()
            if not _is_http_url(value):
                raise InputError(f"{key}: {value!r} is not an http(s) URL")
            merged[platform] = value.strip()
    return {platform: url.rstrip("/") for platform, url in merged.items()}


def _is_http_url(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


__all__ = ["ALIASES", "MAX_ERRORS", "endpoint_overrides", "load_profile", "reduce_handle", "suggest"]
