"""Read the profile file: YAML → validated `Profile`, every mistake located by file, line and column."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import urlsplit

from footprint.errors import InputError
from footprint.models import Profile
from footprint.plugins.sources import Source
from footprint.yamlfile import load_model, located_error

ENV_PREFIX = "FOOTPRINT_ENDPOINT_"


def load_profile(
    path: Path, sources: Mapping[str, type[Source]], frameworks: Iterable[str] = ()
) -> Profile:
    """Load and validate a profile file against the installed platforms and frameworks."""
    profile, located = load_model(path, Profile)
    known = sorted(sources)
    for i, account in enumerate(profile.accounts):
        source = sources.get(account.platform)
        if source is None:
            raise located_error(
                path, located, ("accounts", i, "platform"), f"unknown platform {account.platform!r} (known: {', '.join(known)})"
            )
        problem = source.validate(account)
        if problem:
            key = "handle" if account.handle else "url"
            raise located_error(path, located, ("accounts", i, key), problem)
    for platform, url in profile.endpoints.items():
        if platform not in sources:
            raise located_error(path, located, ("endpoints", platform), f"unknown platform {platform!r} (known: {', '.join(known)})")
        if not _is_http_url(url):
            raise located_error(path, located, ("endpoints", platform), f"{url!r} is not an http(s) URL")
    frameworks = sorted(frameworks)
    if frameworks and profile.framework not in frameworks:
        raise located_error(path, located, ("framework",), f"unknown framework {profile.framework!r} (known: {', '.join(frameworks)})")
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
