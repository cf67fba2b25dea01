"""identity.linkable: an account you declared anonymous can be tied to your real identity."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from checks._evidence import analyse, service_user_details
from footprint.models import DiscoveredAccount, DiscoveryState, Finding, Item, Severity, Snapshot
from footprint.plugins.checks import CheckContext, TermsCheck, TextItem

_PAIRS = (
    ("conduct.insult", "conduct.target.su"),
    ("conduct.insult", "conduct.target.work"),
    ("conduct.intox", "conduct.work-now"),
    ("conduct.rule-boast", "conduct.duty"),
    ("conduct.group", "conduct.generalise"),
)


@dataclass
class _Seen:
    """What the anonymous account's own texts give away."""

    name: str | None = None
    clues: dict[str, str] = field(default_factory=dict)
    serious: str | None = None


def _user(handle: str) -> str:
    return re.sub(r"[^a-z0-9]", "", handle.lstrip("@").split("@")[0].lower())


def _site(url: str) -> str:
    parts = urlsplit(url)
    return (parts.netloc.lower().removeprefix("www.") + parts.path.rstrip("/").lower()) if parts.netloc else url.lower()


class LinkableCheck(TermsCheck):
    """An account declared anonymous can be tied to you: reused handle, links, your name, or telling details."""

    id = "identity.linkable"
    title = "Your anonymous account can be tied to you"

    def __init__(self, context: CheckContext) -> None:
        super().__init__(context)
        self.seen: dict[tuple[str, str], _Seen] = {}

    def check_text(self, text: TextItem, snapshot: Snapshot) -> Iterable[Finding]:
        if not snapshot.anonymous or not text.view.hits(self.terms.index):
            return ()
        seen = self.seen.setdefault((snapshot.platform, snapshot.handle), _Seen())
        a = analyse(text.view, self.terms)
        name = a.first("profile.name")
        if name and not seen.name:
            seen.name = name.term
        if a.role_self or (text.item.kind != "post" and (a.has("role.title") or a.has("role.field"))):
            clue = a.role_self or a.first("role.title") or a.first("role.field")
            if clue is not None:  # NOTE: always, given the test above
                seen.clues.setdefault("your profession", clue.term)
        for category, label in (
            ("profile.employer", "your employer"),
            ("profile.team", "your team"),
            ("profile.locality", "the area you work in"),
            ("profile.place", "a place you watch for"),
        ):
            m = a.first(category)
            if m:
                seen.clues.setdefault(label, m.term)
        if not seen.serious:
            if service_user_details(a):
                seen.serious = "a post that could identify a person you work with"
            elif any(x in a.hits and y in a.hits for x, y in _PAIRS):
                seen.serious = "posts about conduct (remarks, drinking or rule-breaking)"
        return ()

    def check_audit(self, snapshots: Sequence[Snapshot]) -> Iterable[Finding]:
        named = [s for s in snapshots if not s.anonymous]
        for anon in (s for s in snapshots if s.anonymous):
            seen = self.seen.get((anon.platform, anon.handle), _Seen())
            chain = self._chain(anon, named, seen)
            if not chain:
                continue
            severity = Severity.HIGH if seen.serious else Severity.MEDIUM
            why = f"You declared {anon.platform} {anon.handle} as anonymous, but " + "; ".join(chain) + "."
            if seen.serious:
                why += f" This account also carries {seen.serious}, so the link matters more."
            yield self.finding(
                anon,
                severity=severity,
                item=Item(kind="account", url=anon.url),
                why=why,
                details=chain,
                advice=[
                    "Remove the links, name and workplace details that connect the two accounts.",
                    "Assume an anonymous account can be traced: post only what you would sign.",
                ],
            )

    def check_discovered(self, accounts: Sequence[DiscoveredAccount]) -> Iterable[Finding]:
        """A name taken from an account declared anonymous, found undeclared on a page that shows the user's name."""
        for found in accounts:
            if not (found.anonymous and found.state is DiscoveryState.FOUND and found.name_shown) or found.declared:
                continue
            confidence = found.confidence or 0.0
            label = "high" if confidence >= 0.75 else "medium" if confidence >= 0.5 else "low"
            yield Finding(
                check=self.id,
                title="Your anonymous name is linked to your real name",
                severity=Severity.MEDIUM,
                platform=found.site,
                account=found.handle,
                item=Item(kind="account", url=found.url),
                excerpt=found.name_excerpt,
                details=[
                    f"name: {found.handle} (from your anonymous account {found.derived_from})",
                    f"site: {found.site_name}",
                    f"shows: {found.name_shown}",
                    f"confidence: {label} ({confidence:.2f})",
                ],
                why=(
                    f"You declared {found.derived_from} as anonymous, but an account called {found.handle} on "
                    f"{found.site_name} shows your name. Anyone who searches the name finds both, and the anonymous "
                    "account is then yours in the eyes of anyone who reads it."
                ),
                advice=[
                    f"If the {found.site_name} account is an old one you no longer use, close it (most sites have "
                    "a 'delete account' page under settings) or rename it so it no longer uses this name.",
                    f"If you keep it, take your real name and photo off the {found.site_name} profile.",
                    "Search engines keep copies for a while: after closing or renaming, ask them to refresh "
                    "the outdated page.",
                ],
            )

    def _chain(self, anon: Snapshot, named: list[Snapshot], seen: _Seen) -> list[str]:
        chain: list[str] = []
        if seen.name:
            chain.append(f"it shows your name ({seen.name})")
        user = _user(anon.handle)
        anon_links = {_site(u) for u in anon.links}
        shared: dict[str, list[str]] = {}
        for other in named:
            where = f"{other.platform} {other.handle}"
            if user and user == _user(other.handle):
                chain.append(f"the same handle '{user}' is used on {where}, which is in your name")
            other_links = {_site(u) for u in other.links} | ({_site(other.url)} if other.url else set())
            for site in sorted(anon_links & other_links):
                shared.setdefault(site, []).append(where)
            if anon.url and _site(anon.url) in {_site(u) for u in other.links}:
                chain.append(f"{where} links to it")
        for site, accounts in shared.items():
            chain.append(
                f"it links to {site}, which your named account{'s' if len(accounts) > 1 else ''} "
                f"{', '.join(accounts)} also link{'' if len(accounts) > 1 else 's'} to or {'are' if len(accounts) > 1 else 'is'}"
            )
        if any(key in _site(u).replace(".", "").replace("-", "") for u in anon.links for key in self.terms.name_keys):
            chain.append("it links to a site whose address contains your name")
        if len(seen.clues) >= 2:
            clues = ", ".join(f"{k} ({v})" for k, v in seen.clues.items())
            chain.append(f"it gives {clues}, which together single you out")
        return chain
