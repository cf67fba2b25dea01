"""search.results: what only a search for your name shows. Pure: it reads the classified results
the core hands it in the audit context (`CheckContext.search`) and fetches nothing.

Four kinds of finding:
- `role-employer`: a first-page result shows your name, your profession and your employer together;
- `people-search`: a people-search page under your name shows a home address, a postcode or a phone number;
- `undeclared-account`: a profile on a known platform, not in your profile file, shows your name;
- `anonymous-linked`: a search ties an account you declared anonymous to your name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from checks.contact import personal_phone
from footprint.models import Account, Finding, Item, SearchClass, SearchHit, Severity, Snapshot
from footprint.plugins.checks import TermsCheck
from footprint.search.queries import handle_term
from footprint.text import TextView

_ROLE = frozenset({"role.title", "role.field", "role.tag", "role.self", "role.activity"})
_WORKPLACE = frozenset({"profile.employer", "profile.team"})
FIRST_PAGE = 10
PLATFORM = "search"


def _text(hit: SearchHit) -> str:
    return "\n".join(t for t in (hit.title, hit.snippet) if t)


class SearchResultsCheck(TermsCheck):
    """What a search for your name shows that the accounts alone do not (needs `search` or `audit --search`)."""

    id = "search.results"
    title = "A search for your name shows this"

    def check_audit(self, snapshots: Sequence[Snapshot]) -> Iterable[Finding]:
        found = self.context.search
        if found is None:
            return
        anonymous = {t.casefold(): a for a in self.profile.accounts if a.anonymous and (t := handle_term(a))}
        for hit in found.results:
            if not hit.names_you:
                continue
            snapshot = Snapshot(platform=PLATFORM, handle=hit.site or hit.url, url=hit.url)
            yield from self._role_employer(hit, snapshot)
            yield from self._people_search(hit, snapshot)
            yield from self._accounts(hit, snapshot, anonymous)

    # ------------------------------------------------------------------ the four kinds

    def _role_employer(self, hit: SearchHit, snapshot: Snapshot) -> Iterator[Finding]:
        if hit.rank > FIRST_PAGE or hit.result_class in (SearchClass.REGULATOR, SearchClass.PEOPLE_SEARCH):
            return
        text = _text(hit)
        view = TextView(text)
        hits = self.terms.hits(view)
        if _ROLE.isdisjoint(hits) or _WORKPLACE.isdisjoint(hits):
            return
        match = next((m for m in view.matches(self.terms.index, "profile.employer")), None) or next(
            (m for m in view.matches(self.terms.index, "profile.team")), None
        )
        span = (match.start, match.end) if match else None
        yield self._finding(
            snapshot,
            hit,
            "role-employer",
            Severity.MEDIUM,
            text,
            span,
            title="A search shows your name, profession and employer together",
            why=(
                f"On the first page of results (position {hit.rank}), a stranger who searches for your name learns "
                "what you do and who you work for, which is enough to find you at work or to link your private "
                "accounts to your job."
            ),
            advice=[
                "If the page is yours (a profile, a bio), take your employer or your job title off it, or "
                "both; if it is someone else's, ask them to."
            ],
        )

    def _people_search(self, hit: SearchHit, snapshot: Snapshot) -> Iterator[Finding]:
        if hit.result_class is not SearchClass.PEOPLE_SEARCH:
            return
        text = _text(hit)
        view = TextView(text)
        found: list[tuple[str, tuple[int, int]]] = []
        for pattern, what in (("address", "a home address"), ("postcode", "a full postcode")):
            for m in self.rules.search(pattern, text, view)[:1]:
                found.append((what, m.span()))
        for number, span in _phone_candidates(text):
            if personal_phone(number):
                found.append(("a phone number", span))
                break
        if not found:
            return
        shown = ", ".join(what for what, _ in found)
        yield self._finding(
            snapshot,
            hit,
            "people-search",
            Severity.HIGH,
            text,
            found[0][1],
            title="A people-search site shows where you live or how to ring you",
            why=(
                f"{hit.site or 'A people-search site'} lists your name with {shown}. Anyone, including someone "
                "unhappy with a decision you made at work, can find your home this way."
            ),
            details=[f"shows: {shown}"] + ([f"opt-out page: {hit.opt_out}"] if hit.opt_out else []),
        )

    def _accounts(self, hit: SearchHit, snapshot: Snapshot, anonymous: dict[str, Account]) -> Iterator[Finding]:
        text = _text(hit)
        handle = (hit.handle or "").casefold()
        tied = (
            anonymous.get(handle)
            if hit.result_class in (SearchClass.DECLARED, SearchClass.UNDECLARED_PROFILE)
            else None
        )
        if tied is None:
            tied = next((a for term, a in anonymous.items() if _word_in(term, f"{text}\n{hit.url}")), None)
        if tied is not None:
            yield self._finding(
                snapshot,
                hit,
                "anonymous-linked",
                Severity.MEDIUM,
                text,
                None,
                title="A search ties your anonymous account to your name",
                why=(
                    f"You declared {tied.ident} as anonymous, but a search result shows it together with your "
                    "name. Anyone who searches for you finds both, and everything the anonymous account says "
                    "is then read as yours."
                ),
                details=[f"anonymous account: {tied.ident}"],
            )
            return
        if hit.result_class is SearchClass.UNDECLARED_PROFILE:
            yield self._finding(
                snapshot,
                hit,
                "undeclared-account",
                Severity.LOW,
                text,
                None,
                title="A search finds an account in your name you did not declare",
                why=(
                    f"A {hit.site} profile{f' called {hit.handle}' if hit.handle else ''} shows your name and is not "
                    "in your profile file. If it is yours, footprint has not audited it; if it is not, people may "
                    "take it for yours."
                ),
                details=[f"site: {hit.site}", *([f"name: {hit.handle}"] if hit.handle else [])],
            )

    def _finding(
        self,
        snapshot: Snapshot,
        hit: SearchHit,
        kind: str,
        severity: Severity,
        text: str,
        span: tuple[int, int] | None,
        *,
        title: str,
        why: str,
        details: Sequence[str] = (),
        advice: Sequence[str] = (),
    ) -> Finding:
        finding = self.finding(
            snapshot,
            severity=severity,
            why=why,
            title=title,
            text=text,
            span=span or (0, 0),
            item=Item(kind="search-result", id=hit.url, url=hit.url),
            details=[*details, f"found by: {'; '.join(hit.queries)}"],
            advice=advice,
        )
        return finding.model_copy(update={"kind": kind})


def _word_in(term: str, text: str) -> bool:
    """True when `term` stands on its own in `text` (not inside a longer name)."""
    return re.search(r"(?<![\w.-])" + re.escape(term) + r"(?![\w-])", text, re.IGNORECASE) is not None


_PHONE = re.compile(r"(?:\+44\s?|\(?0)[\d\s()-]{8,16}\d")


def _phone_candidates(text: str) -> Iterator[tuple[str, tuple[int, int]]]:
    for m in _PHONE.finditer(text):
        yield m.group(), m.span()
