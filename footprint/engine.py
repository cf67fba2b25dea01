"""The audit engine: read every account concurrently, run the checks, build the report.

It knows no CLI and draws nothing: progress goes to a `Progress` observer the caller passes
in, and the result is a `Report` that any renderer can draw.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

import httpx

from footprint import __version__
from footprint.errors import SourceError
from footprint.guidance import Catalogue, load_catalogue
from footprint.http import Http, Limits
from footprint.models import (
    Account,
    AccountStatus,
    AccountSummary,
    Finding,
    Item,
    Outcome,
    Post,
    Profile,
    Report,
    SearchSection,
    Snapshot,
    Subject,
    Tool,
)
from footprint.plugins import Registry
from footprint.plugins.checks import Check, CheckContext, TextItem
from footprint.plugins.sources import SourceOptions
from footprint.profile_file import endpoint_overrides
from footprint.rules import RuleSet


class Progress(Protocol):
    """What the engine tells whoever is watching. The CLI draws a rich bar; tests pass nothing."""

    def start(self, total: int, what: str) -> None: ...

    def advance(self, label: str) -> None: ...

    def finish(self) -> None: ...


class NoProgress:
    """A Progress that shows nothing."""

    def start(self, total: int, what: str) -> None:
        pass

    def advance(self, label: str) -> None:
        pass

    def finish(self) -> None:
        pass


@dataclass
class AuditOptions:
    """Choices for one audit, as the CLI or a library caller makes them."""

    only: Sequence[str] = ()
    skip: Sequence[str] = ()
    framework: str | None = None
    allow_private_addresses: bool = False
    limits: Limits = field(default_factory=Limits)
    environ: dict[str, str] | None = None


# --------------------------------------------------------------------------- reading accounts


async def read_accounts(
    profile: Profile,
    registry: Registry,
    http: Http,
    endpoints: dict[str, str],
    progress: Progress,
) -> list[Outcome]:
    """Fetch every declared account concurrently; a failure becomes that account's status."""
    progress.start(len(profile.accounts), "Reading accounts")

    async def one(account: Account) -> Outcome:
        outcome = await read_account(account, profile, registry, http, endpoints)
        progress.advance(f"{account.platform} {account.ident}: {outcome.status.value.replace('_', ' ')}")
        return outcome

    outcomes = await asyncio.gather(*(one(a) for a in profile.accounts))
    progress.finish()
    return list(outcomes)


async def read_account(
    account: Account, profile: Profile, registry: Registry, http: Http, endpoints: dict[str, str]
) -> Outcome:
    """Read one account, turning every kind of failure into an Outcome with a reason."""
    source_cls = registry.sources.get(account.platform)
    if source_cls is None:
        return Outcome(account=account, status=AccountStatus.ERROR, reason=f"no source installed for {account.platform}")
    options = SourceOptions(
        base_url=endpoints.get(account.platform),
        max_posts=profile.fetch.max_posts,
        max_age_days=profile.fetch.max_age_days,
        allow_private_addresses=http.allow_private,
    )
    try:
        return await source_cls(http, options).fetch(account)
    except SourceError as exc:
        return Outcome(account=account, status=exc.status, reason=exc.reason)
    except httpx.HTTPError as exc:
        return Outcome(account=account, status=AccountStatus.ERROR, reason=f"network error: {type(exc).__name__}")
    except Exception as exc:  # noqa: BLE001 - one broken adapter must never abort the audit
        return Outcome(
            account=account,
            status=AccountStatus.ERROR,
            reason=f"the {account.platform} reader failed unexpectedly ({type(exc).__name__}: {exc})",
        )


# --------------------------------------------------------------------------- analysis


def text_items(snapshot: Snapshot) -> Iterable[TextItem]:
    """The profile's own texts: display name, bio, location and each field."""
    profile_item = Item(kind="profile", url=snapshot.url)
    for text in (snapshot.display_name, snapshot.bio, snapshot.location):
        if text:
            yield TextItem(profile_item, text)
    for f in snapshot.fields:
        yield TextItem(Item(kind="field", id=f.name, url=snapshot.url), f"{f.name}: {f.value}")


def post_item(post: Post) -> TextItem:
    """One post's scannable text: body, content warning and image descriptions together."""
    parts = [post.text]
    if post.content_warning:
        parts.append(post.content_warning)
    parts.extend(post.alt_texts)
    channel: Literal["public", "private"] = "private" if post.visibility in ("followers", "direct", "private_message") else "public"
    item = Item(kind="post", id=post.id, url=post.url, date=post.created_at, location=post.location, channel=channel)
    return TextItem(item, "\n".join(p for p in parts if p))


class Analyser:
    """Runs the chosen checks over snapshots (and streamed posts) and collects the findings."""

    def __init__(
        self, profile: Profile, checks: Sequence[type[Check]], rules: RuleSet, search: SearchSection | None = None
    ) -> None:
        context = CheckContext(profile=profile, rules=rules, search=search)
        self.checks = [cls(context) for cls in checks]
        self._text_checks = [c for c in self.checks if type(c).check_text is not Check.check_text]
        self.snapshots: list[Snapshot] = []
        self.posts_read: dict[tuple[str, str], int] = {}
        self._findings: dict[str, Finding] = {}

    def account(self, snapshot: Snapshot, posts: Iterable[Post] | None = None) -> None:
        """Check one account; `posts` may be a stream (archives) instead of `snapshot.posts`."""
        self.snapshots.append(snapshot)
        for check in self.checks:
            self._add(check.check_account(snapshot))
        for text in text_items(snapshot):
            self._scan(text, snapshot)
        count = 0
        for post in snapshot.posts if posts is None else posts:
            count += 1
            self._scan(post_item(post), snapshot)
        self.posts_read[(snapshot.platform, snapshot.handle)] = count

    def texts(self, snapshot: Snapshot, texts: Iterable[TextItem]) -> None:
        """Run only the text checks over loose texts (search results' titles and snippets): no account checks."""
        for text in texts:
            self._scan(text, snapshot)

    def _scan(self, text: TextItem, snapshot: Snapshot) -> None:
        if not text.text:
            return
        for check in self._text_checks:
            self._add(check.check_text(text, snapshot))

    def finish(self) -> list[Finding]:
        """Run the cross-account checks and return every finding once."""
        for check in self.checks:
            self._add(check.check_audit(self.snapshots))
        return list(self._findings.values())

    def _add(self, findings: Iterable[Finding]) -> None:
        for finding in findings:
            kept = self._findings.get(finding.id)
            if kept is None or finding.severity.rank > kept.severity.rank:
                self._findings[finding.id] = finding


def attach_guidance(findings: Iterable[Finding], catalogue: Catalogue) -> list[Finding]:
    """Give each finding the clauses it bears on and the catalogue's platform advice."""
    out = []
    for finding in findings:
        advice = catalogue.advice_for(finding.check, finding.platform, finding.kind, first=finding.advice)
        guidance = catalogue.refs_for(finding.check, finding.kind, finding.platform)
        out.append(finding.model_copy(update={"guidance": guidance, "advice": advice}))
    return out


def build_report(
    profile: Profile,
    outcomes: Sequence[Outcome],
    analyser: Analyser,
    catalogue: Catalogue,
    *,
    mode: Literal["live", "archive", "demo"],
    warnings: Sequence[str] = (),
    stats: dict[str, int] | None = None,
) -> Report:
    """Assemble the report from what was read and what the checks found."""
    findings = attach_guidance(analyser.finish(), catalogue)
    accounts = []
    for outcome in outcomes:
        snap = outcome.snapshot
        handle = snap.handle if snap else outcome.account.ident
        accounts.append(
            AccountSummary(
                platform=outcome.account.platform,
                account=handle,
                anonymous=outcome.account.anonymous,
                status=outcome.status,
                reason=outcome.reason,
                url=snap.url if snap else None,
                posts_read=analyser.posts_read.get((outcome.account.platform, handle), 0),
                notes=list(snap.notes) if snap else [],
                checklist=outcome.checklist,
            )
        )
    all_stats = {"accounts": len(outcomes), "posts_read": sum(analyser.posts_read.values())}
    all_stats.update(stats or {})
    report = Report(
        tool=Tool(version=__version__),
        generated_at=dt.datetime.now(dt.timezone.utc).replace(microsecond=0),
        mode=mode,
        subject=Subject(name=profile.person.name, role=profile.person.role),
        framework=catalogue.framework,
        checks_run=[c.id for c in analyser.checks],
        accounts=accounts,
        findings=findings,
        warnings=list(warnings),
        stats=all_stats,
    )
    report.findings = report.sorted_findings()
    return report


# --------------------------------------------------------------------------- the whole audit


async def audit(
    profile: Profile,
    registry: Registry,
    rules: RuleSet,
    options: AuditOptions | None = None,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    progress: Progress | None = None,
    mode: Literal["live", "demo"] = "live",
) -> Report:
    """Read every account as a stranger would, run the checks, and return the report."""
    options = options or AuditOptions()
    progress = progress or NoProgress()
    catalogue = load_catalogue(options.framework or profile.framework)
    checks = registry.select_checks(options.only, options.skip)
    endpoints = endpoint_overrides(profile, options.environ)
    async with Http(
        limits=options.limits,
        transport=transport,
        allow_private=options.allow_private_addresses,
        trusted_prefixes=endpoints.values(),
    ) as http:
        outcomes = await read_accounts(profile, registry, http, endpoints, progress)
    analyser = Analyser(profile, checks, rules)
    for outcome in outcomes:
        if outcome.snapshot is not None and outcome.status.was_read:
            analyser.account(outcome.snapshot)
    return build_report(profile, outcomes, analyser, catalogue, mode=mode)
