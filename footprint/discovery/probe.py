"""One site, one name → one `ProbeResult` in exactly one state, with the evidence for it.

`classify` is pure: a `Page` in, a `Verdict` out. The order of its questions is the
no-false-alarm rule: first "did someone stop us?" (block statuses, challenge pages, login
walls), then "does the site say there is no such account?", and only then "does the page
show this account?". Anything else is inconclusive or an error, never a guess.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from footprint.discovery.catalogue import BLOCK_STATUSES, PLACEHOLDER, Site
from footprint.discovery.client import DiscoveryClient, Page
from footprint.errors import Refused, SourceError, Unreachable
from footprint.markup import html_to_text
from footprint.models import AccountStatus, DiscoveryState, Excerpt, Verbatim
from footprint.text import excerpt_around
from footprint.yamlfile import load_model

_SCAN = 65_536  # challenge pages are small; look at the start of the body only


class BlockSignals(Verbatim):
    """The shipped list of challenge-page markers and login-wall paths (`blocks.yaml`)."""

    challenge_markers: list[str]
    login_paths: list[str]


@lru_cache(maxsize=1)
def block_signals() -> BlockSignals:
    path = Path(str(resources.files("footprint.discovery"))) / "blocks.yaml"
    signals, _ = load_model(path, BlockSignals)
    return signals


@dataclass(frozen=True)
class Verdict:
    """How one answer reads."""

    state: DiscoveryState
    reason: str
    evidence: tuple[str, ...] = ()
    halts: bool = False  # the site pushed back (rate limit, refusal): asking it again in this run would be impolite


@dataclass
class ProbeResult:
    """One probe's outcome. `name_shown` / `name_excerpt` are set when a found page shows one of the user's names."""

    site: Site
    handle: str
    url: str
    state: DiscoveryState
    reason: str
    status: int | None = None
    evidence: list[str] = field(default_factory=list)
    name_shown: str | None = None
    name_excerpt: Excerpt | None = None
    late: bool = False  # the run's overall deadline ended this probe (no answer, or no made-up-name check)
    halts: bool = False  # the site pushed back or could not be reached: the run asks it nothing more


def classify(site: Site, handle: str, page: Page, signals: BlockSignals | None = None) -> Verdict:
    """Read one answer for `handle` on `site`. Pure."""
    signals = signals or block_signals()
    status = page.status
    head = page.body[:_SCAN].lower()
    where = page.url if page.url != page.requested else None

    if status in BLOCK_STATUSES:
        if status == 429:
            wait = f"; it asks to wait {page.retry_after} s" if page.retry_after else ""
            return Verdict(DiscoveryState.BLOCKED, f"rate limited (429){wait}", halts=True)
        words = {401: "asks to log in", 403: "refused the request", 999: "refused the request as a bot"}
        return Verdict(
            DiscoveryState.BLOCKED, f"{words.get(status, 'refused the request')} ({status})", halts=status != 401
        )
    for marker in signals.challenge_markers:
        if marker.lower() in head:
            return Verdict(
                DiscoveryState.BLOCKED,
                f"answered with a bot challenge page ({status})",
                (f"challenge marker: {marker}",),
            )
    # NOTE: only a move counts: a user who is really called "login" must not read as a login wall.
    landing = page.location if page.location and status in (301, 302, 303, 307, 308) else where
    if _is_login(landing, signals):
        return Verdict(DiscoveryState.BLOCKED, "sent to a login page", (f"redirected to {landing}",))

    for rule in site.detect.missing:
        if rule.status and status not in rule.status:
            continue
        if rule.other_status and status in site.detect.exists.status:
            continue
        if rule.body_has is not None and rule.body_has not in page.body:
            continue
        if rule.redirect_to is not None:
            target = rule.redirect_to.replace(PLACEHOLDER, handle)
            moved = page.location if page.location and status in (301, 302, 303, 307, 308) else (where or "")
            if not moved or not str(moved).startswith(target):
                continue
        said = [f"status {status}"]
        if rule.body_has:
            said.append(f"the page says {rule.body_has!r}")
        if rule.redirect_to:
            said.append(f"redirected to {rule.redirect_to}")
        return Verdict(DiscoveryState.NOT_FOUND, "no such account: " + ", ".join(said))

    exists = site.detect.exists
    if status in exists.status:
        evidence = [f"status {status}"]
        absent = [m for m in exists.body_has if m not in page.body]
        if absent:
            return Verdict(DiscoveryState.INCONCLUSIVE, f"status {status} but the page lacks {absent[0]!r}")
        present = [m for m in exists.body_lacks if m in page.body]
        if present:
            return Verdict(DiscoveryState.INCONCLUSIVE, f"status {status} but the page shows {present[0]!r}")
        evidence.extend(f"page shows {m!r}" for m in exists.body_has)
        if exists.handle_in_body:
            lowered = page.body.lower()
            # NOTE: wikis show "Jane_Smith" as "Jane Smith"; either spelling counts as the name.
            if handle.lower() not in lowered and handle.lower().replace("_", " ") not in lowered:
                return Verdict(DiscoveryState.INCONCLUSIVE, f"status {status} but the page does not mention {handle!r}")
            evidence.append(f"page mentions {handle!r}")
        if where:
            evidence.append(f"redirected to {where}")
        return Verdict(DiscoveryState.FOUND, "the site shows an account with this name", tuple(evidence))
    if status in (301, 302, 303, 307, 308):
        return Verdict(DiscoveryState.INCONCLUSIVE, f"redirected ({status}) to {page.location}")
    if status >= 500:
        return Verdict(DiscoveryState.ERROR, f"the site failed ({status})")
    return Verdict(DiscoveryState.ERROR, f"unexpected answer ({status})")


def _is_login(url: str | None, signals: BlockSignals) -> bool:
    if not url:
        return False
    parts = urlsplit(url)
    if (parts.hostname or "").startswith(("login.", "signin.", "accounts.", "consent.", "auth.")):
        return True
    path = parts.path.lower().rstrip("/")
    return any(path == p or path.startswith(p + "/") or path.endswith(p) for p in signals.login_paths)


async def probe(
    client: DiscoveryClient, site: Site, handle: str, *, timeout: float, names: tuple[str, ...] = ()
) -> ProbeResult:
    """Probe `site` for `handle`; every failure becomes a state. `names` are looked for on found pages."""
    url = site.profile_url(handle)
    problem = site.grammar.problem(handle)
    if problem:
        return ProbeResult(site, handle, url, DiscoveryState.INVALID, f"not a possible name on {site.name}: {problem}")
    try:
        page = await client.get(
            site.probe_url(handle), headers=site.headers or None, follow=site.detect.follow_redirects, timeout=timeout
        )
    except SourceError as exc:  # an unreachable site, or one the address policy refused
        halts = exc.status is AccountStatus.TIMED_OUT or isinstance(exc, (Unreachable, Refused))
        return ProbeResult(site, handle, url, DiscoveryState.ERROR, exc.reason, halts=halts)
    except Exception as exc:
        return ProbeResult(
            site, handle, url, DiscoveryState.ERROR, f"unexpected failure ({type(exc).__name__}: {exc})"[:200]
        )
    verdict = classify(site, handle, page)
    result = ProbeResult(
        site, handle, url, verdict.state, verdict.reason, page.status, list(verdict.evidence), halts=verdict.halts
    )
    if verdict.state is DiscoveryState.FOUND and names:
        result.name_shown, result.name_excerpt = find_name(page.body, names)
    return result


def find_name(body: str, names: tuple[str, ...]) -> tuple[str | None, Excerpt | None]:
    """The first of `names` the page shows (whole words, any case), with an excerpt around it."""
    texts = (html_to_text(body[:200_000]), html.unescape(re.sub(r"<[^>]+>", " ", body[:200_000])))
    for name in names:
        words = [re.escape(w) for w in name.split()]
        if not words:
            continue
        pattern = re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)
        for text in texts:
            match = pattern.search(text)
            if match:
                snippet, start, end = excerpt_around(text, match.start(), match.end(), width=60)
                return name, Excerpt(text=snippet, start=start, end=end)
    return None, None
