"""The audit core: one place runs the checks and builds the report, whatever was read.

Its inputs come from its peers: `engine.py` reads live accounts, `scan.py` a data download,
`discovery/` probes sites for forgotten accounts, `search/` asks a search engine. Each hands the
core what it found (snapshots and streams of posts, discovered accounts, search results' texts);
the core runs the chosen checks over them once (`Analyser`), attaches each finding's guidance
(`attach_guidance`) and assembles the `Report` (`build_report`) that every renderer draws.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal, Protocol

from footprint import __version__
from footprint.guidance import Catalogue
from footprint.models import (
    AccountSummary,
    DiscoveredAccount,
    Finding,
    GuidanceRef,
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
from footprint.plugins.checks import Check, CheckContext, TextItem

if TYPE_CHECKING:
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
    parts = [(post.text, "")]
    if post.content_warning:
        parts.append((post.content_warning, "content warning"))
    parts.extend((alt, "image description") for alt in post.alt_texts)
    channel: Literal["public", "private"] = (
        "private" if post.visibility in ("followers", "direct", "private_message") else "public"
    )
    item = Item(kind="post", id=post.id, url=post.url, date=post.created_at, location=post.location, channel=channel)
    kept = [(p, what) for p, what in parts if p]
    if len(kept) == 1:
        return TextItem(item, kept[0][0])
    extras, at = [], 0
    for p, what in kept:
        if what:
            extras.append((at, at + len(p), what))  # where the content warning or image description sits
        at += len(p) + 1
    return TextItem(item, "\n".join(p for p, _ in kept), tuple(extras))


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

    def discovered(self, accounts: Sequence[DiscoveredAccount]) -> None:
        """Hand every check what discovery found under the user's names."""
        for check in self.checks:
            self._add(check.check_discovered(accounts))

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
    """Give each finding the clauses it bears on and the catalogue's platform advice.

    NOTE: findings of one check, kind and platform share one list of clauses and one of advice (read-only
    everywhere after this): a 100,000-post scan has thousands of findings and a handful of distinct lists.
    """
    out = []
    refs: dict[tuple[str, str | None, str], list[GuidanceRef]] = {}
    advice: dict[tuple[str, str, str | None, tuple[str, ...]], list[str]] = {}
    for finding in findings:
        key = (finding.check, finding.kind, finding.platform)
        if key not in refs:
            refs[key] = catalogue.refs_for(finding.check, finding.kind, finding.platform)
        akey = (finding.check, finding.platform, finding.kind, tuple(finding.advice))
        if akey not in advice:
            advice[akey] = catalogue.advice_for(finding.check, finding.platform, finding.kind, first=finding.advice)
        out.append(finding.model_copy(update={"guidance": refs[key], "advice": advice[akey]}))
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
    discovered: Sequence[DiscoveredAccount] = (),
    search: SearchSection | None = None,
) -> Report:
    """Assemble the report from what was read (accounts, and what discovery probed) and what the checks found."""
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
        generated_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
        mode=mode,
        subject=Subject(name=profile.person.name, role=profile.person.role),
        framework=catalogue.framework,
        checks_run=[c.id for c in analyser.checks],
        accounts=accounts,
        findings=findings,
        discovered=list(discovered),
        search=search,
        warnings=list(warnings),
        stats=all_stats,
    )
    report.findings = report.sorted_findings()
    return report


def extend_report(
    report: Report,
    analyser: Analyser,
    catalogue: Catalogue,
    *,
    discovered: Sequence[DiscoveredAccount] | None = None,
    search: SearchSection | None = None,
    warnings: Sequence[str] = (),
    stats: dict[str, int] | None = None,
) -> Report:
    """An audit's report with a section found after it (`audit --discover`, `audit --search`) added, and the
    findings the analyser's checks made of it (guidance attached; a finding the audit already has is kept once)."""
    known = {f.id for f in report.findings}
    findings = [f for f in attach_guidance(analyser.finish(), catalogue) if f.id not in known]
    update: dict[str, object] = {
        "findings": [*report.findings, *findings],
        "checks_run": sorted({*report.checks_run, *(c.id for c in analyser.checks)}),
        "warnings": [*report.warnings, *warnings],
        "stats": {**report.stats, **(stats or {})},
    }
    if discovered is not None:
        update["discovered"] = list(discovered)
    if search is not None:
        update["search"] = search
    merged = report.model_copy(update=update)
    merged.findings = merged.sorted_findings()
    return merged.remeasure()  # NOTE: model_copy skips the validator that measures coverage


def reads_discovery(check: type[Check]) -> bool:
    """True when the check looks at discovery's results (it overrides `check_discovered`)."""
    return check.check_discovered is not Check.check_discovered


def no_rules() -> RuleSet:
    """An empty rule set, for a run in which no text is scanned (discovery alone)."""
    from footprint.rules import RuleSet

    return RuleSet([])
