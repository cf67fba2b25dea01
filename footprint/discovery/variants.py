"""The names to look for: the declared handles, and on request simple variants of them and of the declared name.

Every name carries where it came from, so the report can say "jane.smith, a variant of your
name Jane Smith" and whether it derives from an account declared anonymous. Each site later
drops the names its grammar cannot hold, so impossible names are never requested.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from footprint.models import Account, Profile

MAX_VARIANTS = 24
_SEPARATORS = ("", ".", "_", "-")


@dataclass(frozen=True)
class Candidate:
    """One name to probe, and where it came from."""

    handle: str
    origin: str  # "handle" or "variant"
    derived_from: str
    anonymous: bool = False
    platform: str | None = None
    host: str | None = None


def bare_handle(account: Account) -> tuple[str, str | None] | None:
    """The plain user name of a declared account, and its server for fediverse handles.

    `@jane@mastodon.scot` → (`jane`, `mastodon.scot`); `jane.bsky.social` → (`jane`, None);
    `u/jane` → (`jane`, None). Accounts declared only by URL have no handle to look for.
    """
    if not account.handle:
        return None
    handle = account.handle.strip()
    host = None
    if handle.count("@") >= 1 and "@" in handle.lstrip("@"):
        user, _, host = handle.lstrip("@").partition("@")
        handle = user
    handle = handle.lstrip("@")
    handle = re.sub(r"^(?:u|user)/", "", handle)
    if account.platform == "bluesky" and handle.endswith(".bsky.social"):
        handle = handle.removesuffix(".bsky.social")
    return (handle, host.lower() if host else None) if handle else None


def declared(profile: Profile) -> list[Candidate]:
    """The declared handles, each once (an anonymous declaration wins over a public one)."""
    out: dict[str, Candidate] = {}
    for account in profile.accounts:
        bare = bare_handle(account)
        if bare is None:
            continue
        handle, host = bare
        key = handle.casefold()
        previous = out.get(key)
        if previous is None or (account.anonymous and not previous.anonymous):
            out[key] = Candidate(handle, "handle", account.ident, account.anonymous, account.platform, host)
    return list(out.values())


def variants(profile: Profile, limit: int = MAX_VARIANTS) -> list[Candidate]:
    """Simple variants of the declared handles and names, without the declared handles themselves."""
    taken = {c.handle.casefold() for c in declared(profile)}
    out: dict[str, Candidate] = {}

    def add(name: str, source: str, anonymous: bool = False) -> None:
        key = name.casefold()
        if name and key not in taken and key not in out and len(out) < limit:
            out[key] = Candidate(name, "variant", source, anonymous)

    for candidate in declared(profile):
        parts = [p for p in re.split(r"[._\-]+", candidate.handle) if p]
        if len(parts) > 1:
            for sep in _SEPARATORS:
                add(sep.join(parts).lower(), candidate.derived_from, candidate.anonymous)
        elif candidate.handle != candidate.handle.lower():
            add(candidate.handle.lower(), candidate.derived_from, candidate.anonymous)
    for name in profile.names():
        words = [_ascii(w) for w in re.split(r"[\s'’-]+", name) if _ascii(w)]
        if len(words) < 2:
            continue
        first, last = words[0], words[-1]
        for sep in _SEPARATORS:
            add(f"{first}{sep}{last}", name)
        add(f"{first[0]}{last}", name)
        add(f"{first[0]}.{last}", name)
        add(f"{first[0]}_{last}", name)
        for sep in ("", ".", "_"):
            add(f"{last}{sep}{first}", name)
        add(f"{first}{last[0]}", name)
        if len(words) > 2:
            add("".join(words), name)
    return list(out.values())


def _ascii(word: str) -> str:
    folded = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())
