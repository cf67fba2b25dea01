"""The queries sent to a search engine, built from the profile's person and declared handles only.

In order: the name in quotes; name + role; name + employer; name + each locality; each other
name (also_known_as); each declared handle. The `watch` lists (places, words, people) are never
read here: they may hold the names of people the user works with. A query that happens to
contain a watch entry anyway (a locality that is also a watched place) is withheld, not sent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from footprint.models import Account, Profile


@dataclass(frozen=True)
class Query:
    text: str
    purpose: str  # name, role, employer, locality, alias, handle


def _quoted(text: str) -> str:
    return '"' + text.replace('"', "").strip() + '"'


def handle_term(account: Account) -> str | None:
    """The searchable form of a declared account: the bare handle, or the site's host for URL-only accounts."""
    if account.handle:
        bare = account.handle.strip().lstrip("@").split("@")[0]
        if account.platform == "bluesky" and bare.endswith(".bsky.social"):
            bare = bare.removesuffix(".bsky.social")
        return bare or None
    if account.url:
        host = (urlsplit(account.url).hostname or "").removeprefix("www.")
        return host or None
    return None


def candidates(profile: Profile) -> list[Query]:
    """Every query the profile gives, before the cap and before withholding."""
    person = profile.person
    name = _quoted(person.name)
    out = [Query(name, "name")]
    if person.role:
        out.append(Query(f"{name} {person.role.strip()}", "role"))
    if person.employer:
        out.append(Query(f"{name} {_quoted(person.employer)}", "employer"))
    out.extend(Query(f"{name} {place.strip()}", "locality") for place in person.localities if place.strip())
    out.extend(Query(_quoted(alias), "alias") for alias in person.also_known_as if alias.strip())
    for account in profile.accounts:
        term = handle_term(account)
        if term:
            out.append(Query(_quoted(term), "handle"))
    seen: set[str] = set()
    unique = []
    for query in out:
        key = query.text.casefold()
        if key not in seen:
            seen.add(key)
            unique.append(query)
    return unique


def watch_terms(profile: Profile) -> list[str]:
    """Every entry of the watch lists: used only to withhold queries, never sent."""
    watch = profile.watch
    return [t.strip() for t in (*watch.places, *watch.words, *watch.people) if t.strip()]


def contains_watched(text: str, terms: list[str]) -> bool:
    """True when `text` contains a watch entry as a whole word or phrase (case-insensitive)."""
    return any(re.search(r"(?<!\w)" + re.escape(term) + r"(?!\w)", text, re.IGNORECASE) for term in terms)


def build(profile: Profile, limit: int) -> tuple[list[Query], list[Query]]:
    """(to send, withheld): at most `limit` queries to send, and those withheld for holding a watch entry."""
    terms = watch_terms(profile)
    send: list[Query] = []
    withheld: list[Query] = []
    for query in candidates(profile):
        if contains_watched(query.text, terms):
            withheld.append(query)
        elif len(send) < limit:
            send.append(query)
    return send, withheld
