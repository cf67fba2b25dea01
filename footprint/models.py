"""The one data model every part shares: profile → account snapshot → finding → report.

Sources build `Snapshot`s, checks turn them into `Finding`s, the engine gathers both into a
`Report`, and renderers read only the `Report`. The profile file's models live here too, so
`footprint schema` and the loader describe exactly what the engine uses.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SCHEMA_VERSION = "1.0"


class Severity(str, enum.Enum):
    """How much a finding matters, lowest first."""

    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        """0 for info up to 3 for high, for sorting and thresholds."""
        return _SEVERITY_ORDER.index(self)

    def raised(self, steps: int = 1) -> Severity:
        """This severity moved up (or down, with a negative number) by `steps`, within bounds."""
        index = min(max(self.rank + steps, 0), len(_SEVERITY_ORDER) - 1)
        return _SEVERITY_ORDER[index]


_SEVERITY_ORDER = [Severity.INFO, Severity.LOW, Severity.MEDIUM, Severity.HIGH]


# --------------------------------------------------------------------------- the profile file


class Strict(BaseModel):
    """The base of every model read from a file the user or the project writes (the profile, guidance
    catalogues, search site data): an unknown key is an error, so a typo never passes silently, and
    text is stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Verbatim(Strict):
    """A `Strict` model whose text is kept exactly as written (rule terms, site markers, patterns)."""

    model_config = ConfigDict(str_strip_whitespace=False)


class Person(Strict):
    """Who the user is: the details a stranger should not be able to put together."""

    name: str = Field(min_length=1, description="Your name as people would search for it.")
    also_known_as: list[str] = Field(default_factory=list, description="Other names: maiden name, nickname, initials.")
    role: str | None = Field(
        default=None,
        description='e.g. "social worker", "social work student", "MHO". Shown as declared; never assumed.',
    )
    employer: str | None = Field(default=None, description="Your employer or placement agency.")
    team: str | None = Field(default=None, description="Your team or office.")
    localities: list[str] = Field(default_factory=list, description="Towns or areas you work in.")


class Watch(Strict):
    """Extra words that would identify the user or the people they work with."""

    places: list[str] = Field(default_factory=list, description="Courts, offices, schools, estates, streets.")
    words: list[str] = Field(default_factory=list, description="Jargon or names that should never appear in public.")
    people: list[str] = Field(default_factory=list, description="Names of colleagues or family members to watch for.")


class Account(Strict):
    """One account the user declares: a platform plus a handle or a URL."""

    platform: str = Field(description="Platform key, e.g. mastodon, bluesky, github, blog; see `footprint sources`.")
    handle: str | None = Field(default=None, description="The account name in the platform's own form.")
    url: str | None = Field(default=None, description="For blogs and websites: the site or feed address.")
    anonymous: bool = Field(default=False, description="True if this account is meant not to be tied to your name.")
    label: str | None = Field(default=None, description="Your own note for this account.")

    @field_validator("platform")
    @classmethod
    def _lower(cls, value: str) -> str:
        return value.strip().lower()

    @model_validator(mode="after")
    def _needs_handle_or_url(self) -> Account:
        if not self.handle and not self.url:
            raise ValueError("an account needs a handle or a url")
        return self

    @property
    def ident(self) -> str:
        """The handle, or the URL for site-like accounts."""
        return self.handle or self.url or ""


class Fetch(Strict):
    """How much of each account to read."""

    max_posts: int = Field(default=200, ge=1, le=5000, description="Read at most this many recent posts.")
    max_age_days: int = Field(default=365, ge=1, le=36500, description="Read posts from at most this many days back.")


class SearchSettings(Strict):
    """How `footprint search` (and `audit --search`) looks your name up in a search engine."""

    engine: str | None = Field(
        default=None,
        description="ddgs (default, no key), searxng (your own instance) or brave (needs FOOTPRINT_BRAVE_API_KEY).",
    )
    searxng_url: str | None = Field(
        default=None,
        description="Base URL of a SearXNG instance with the JSON format enabled (FOOTPRINT_SEARXNG_URL wins).",
    )
    max_queries: int = Field(default=12, ge=1, le=30, description="Send at most this many queries.")
    max_results: int = Field(default=20, ge=1, le=20, description="Keep at most this many results per query.")
    pause: float = Field(default=2.0, ge=0, le=60, description="Seconds to wait between two queries (be polite).")
    region: str = Field(default="uk-en", description="Region hint for engines that take one.")
    employer_domains: list[str] = Field(
        default_factory=list, description="Your employer's web domains (e.g. fife.gov.uk), to recognise its pages."
    )

    @field_validator("searxng_url")
    @classmethod
    def _http(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https?://[^/\s]+", value):
            raise ValueError(f"{value!r} is not an http(s) URL")
        return value


class Profile(Strict):
    """The profile file: who you are and which accounts you hold."""

    person: Person
    watch: Watch = Field(default_factory=Watch)
    accounts: list[Account] = Field(default_factory=list)
    framework: str = Field(default="sssc", description="Guidance framework: sssc, swe, niscc, scw, hcpc, basw.")
    endpoints: dict[str, str] = Field(
        default_factory=dict, description="Replace a platform's public base URL (self-hosted servers, local mirrors)."
    )
    fetch: Fetch = Field(default_factory=Fetch)
    search: SearchSettings = Field(default_factory=SearchSettings, description="Settings for `footprint search`.")

    @field_validator("framework")
    @classmethod
    def _framework_lower(cls, value: str) -> str:
        return value.strip().lower()

    def names(self) -> list[str]:
        """The declared name and every alias."""
        return [self.person.name, *self.person.also_known_as]


# --------------------------------------------------------------------------- snapshots


class AccountStatus(str, enum.Enum):
    """What happened when footprint tried to see an account as a stranger."""

    CHECKED = "checked"
    RESTRICTED = "restricted"
    NOT_CHECKABLE = "not_checkable"
    NOT_FOUND = "not_found"
    SUSPENDED = "suspended"
    RATE_LIMITED = "rate_limited"
    BLOCKED = "blocked"
    TIMED_OUT = "timed_out"
    MALFORMED = "malformed"
    ERROR = "error"

    @property
    def was_read(self) -> bool:
        """True when the account's content was read and the checks ran on it."""
        return self is AccountStatus.CHECKED


Visibility = Literal["public", "unlisted", "followers", "direct", "private_message", "unknown"]


class ProfileField(BaseModel):
    """A name/value field on a profile (Mastodon fields, GitHub company, LinkedIn headline…)."""

    name: str
    value: str
    verified: bool = False


class VisibilityFacts(BaseModel):
    """What the platform says about who can see and find the account. None means unknown."""

    public_profile: bool | None = None
    public_posts: bool | None = None
    locked: bool | None = None
    discoverable: bool | None = None
    indexable: bool | None = None
    noindex: bool | None = None
    no_unauthenticated_label: bool | None = None


class Post(BaseModel):
    """One post, comment, message or video as normalised plain text."""

    id: str
    text: str = ""
    url: str | None = None
    created_at: dt.datetime | None = None
    content_warning: str | None = None
    alt_texts: list[str] = Field(default_factory=list)
    visibility: Visibility = "public"
    kind: str = "post"
    location: str | None = Field(default=None, description="Where the post was read from, e.g. 'posts.jsonl:12'.")


class Photo(BaseModel):
    """Metadata read from an image header. Coordinates are rounded when read, never stored exactly."""

    path: str
    latitude: float | None = None
    longitude: float | None = None
    owner_name: str | None = None
    taken_at: dt.datetime | None = None


class Snapshot(BaseModel):
    """What a logged-out stranger (or the user's own archive) shows of one account."""

    platform: str
    handle: str
    anonymous: bool = False
    url: str | None = None
    display_name: str | None = None
    bio: str | None = None
    location: str | None = None
    fields: list[ProfileField] = Field(default_factory=list)
    links: list[str] = Field(default_factory=list)
    visibility: VisibilityFacts = Field(default_factory=VisibilityFacts)
    posts: list[Post] = Field(default_factory=list)
    photos: list[Photo] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list, description="Plain facts the source wants the user to know.")
    origin: Literal["live", "archive", "demo"] = "live"


class Outcome(BaseModel):
    """The result of reading one declared account: a snapshot, or a status saying why not."""

    account: Account
    status: AccountStatus
    reason: str | None = None
    snapshot: Snapshot | None = None
    checklist: list[str] = Field(default_factory=list, description="Manual steps when the platform hides the account.")

    @model_validator(mode="after")
    def _checked_has_snapshot(self) -> Outcome:
        if self.status is AccountStatus.CHECKED and self.snapshot is None:
            raise ValueError("a checked outcome carries a snapshot")
        return self


# --------------------------------------------------------------------------- findings


class Item(BaseModel):
    """Where on the account the evidence sits."""

    kind: Literal["profile", "field", "post", "photo", "account", "search-result"] = "post"
    id: str | None = None
    url: str | None = None
    date: dt.datetime | None = None
    location: str | None = None
    channel: Literal["public", "private"] = "public"


class Excerpt(BaseModel):
    """A short piece of the evidence, with the matched span marked by character offsets."""

    text: str
    start: int = 0
    end: int = 0

    @model_validator(mode="after")
    def _span_inside(self) -> Excerpt:
        if not 0 <= self.start <= self.end <= len(self.text):
            raise ValueError("excerpt span lies outside its text")
        return self

    @property
    def before(self) -> str:
        return self.text[: self.start]

    @property
    def matched(self) -> str:
        return self.text[self.start : self.end]

    @property
    def after(self) -> str:
        return self.text[self.end :]


class GuidanceRef(BaseModel):
    """A guidance clause a finding bears on. `clause` is None where the number is unverified."""

    framework: str
    clause: str | None = None
    document: str
    edition: str
    theme: str
    summary: str
    url: str | None = None
    formerly: str | None = Field(
        default=None, description="The older edition that said the same, e.g. '2016 edition, 5.8': one rule, one line."
    )

    @property
    def citation(self) -> str:
        """How the report cites it: by number where verified, by document and theme otherwise."""
        older = f" (formerly {self.formerly})" if self.formerly else ""
        if self.clause:
            return f"{self.document} ({self.edition}), {self.clause}{older}"
        return f"{self.document}, {self.edition}: {self.theme}{older}"


class Finding(BaseModel):
    """One thing a stranger could learn, with its evidence, why it matters and what to do."""

    id: str = ""
    check: str
    title: str
    severity: Severity
    platform: str
    account: str
    item: Item = Field(default_factory=Item)
    excerpt: Excerpt | None = None
    details: list[str] = Field(default_factory=list, description="The details that combined into this finding.")
    kind: str | None = Field(
        default=None,
        description="What the post did, within its check (e.g. 'hate', 'abuse', 'intoxication'): guidance and advice are chosen by it.",
    )
    why: str
    advice: list[str] = Field(default_factory=list)
    guidance: list[GuidanceRef] = Field(default_factory=list)

    @model_validator(mode="after")
    def _stable_id(self) -> Finding:
        if not self.id:
            self.id = finding_id(self.check, self.platform, self.account, self.item, self.excerpt)
        return self


def finding_id(check: str, platform: str, account: str, item: Item, excerpt: Excerpt | None) -> str:
    """A short id that stays the same for the same evidence across runs, so `diff` can match them."""
    anchor = item.id or item.url or item.location or item.kind
    matched = excerpt.matched.casefold() if excerpt else ""
    digest = hashlib.sha256("\x1f".join([check, platform, account.casefold(), anchor, matched]).encode()).hexdigest()
    return f"{check}:{digest[:12]}"


# --------------------------------------------------------------------------- the report


class AccountSummary(BaseModel):
    """One declared account as the report shows it: never the full posts."""

    platform: str
    account: str
    anonymous: bool = False
    status: AccountStatus
    reason: str | None = None
    url: str | None = None
    posts_read: int = 0
    notes: list[str] = Field(default_factory=list)
    checklist: list[str] = Field(default_factory=list)


class DiscoveryState(str, enum.Enum):
    """How one probe of one site for one name ended: exactly one of these, never a guess."""

    FOUND = "found"
    NOT_FOUND = "not_found"
    BLOCKED = "blocked"
    INVALID = "invalid"
    INCONCLUSIVE = "inconclusive"
    ERROR = "error"


class DiscoveredAccount(BaseModel):
    """One site probed for one name by `footprint discover`, with how it ended and why."""

    site: str = Field(description="The site's key in the catalogue, e.g. github.")
    site_name: str = Field(description="The site's display name, e.g. GitHub.")
    category: str
    handle: str = Field(description="The name that was looked for.")
    url: str = Field(description="The profile address for that name.")
    state: DiscoveryState
    reason: str | None = Field(default=None, description="One line saying why the probe ended in this state.")
    origin: Literal["handle", "variant"] = "handle"
    derived_from: str | None = Field(default=None, description="The declared handle or name this name came from.")
    declared: bool = Field(default=False, description="True when this is one of the accounts in the profile file.")
    anonymous: bool = Field(default=False, description="True when the name comes from an account declared anonymous.")
    confidence: float | None = Field(
        default=None, ge=0, le=1, description="For found accounts: how sure footprint is that it is yours."
    )
    evidence: list[str] = Field(default_factory=list)
    status_code: int | None = None
    name_shown: str | None = Field(
        default=None, description="For found accounts: the user's name as the page shows it, if it does."
    )
    name_excerpt: Excerpt | None = Field(default=None, description="Where the page shows that name.")


# --------------------------------------------------------------------------- search results


class SearchClass(str, enum.Enum):
    """What one search result is, from the user's point of view."""

    DECLARED = "declared"
    UNDECLARED_PROFILE = "undeclared-profile"
    PEOPLE_SEARCH = "people-search"
    REGULATOR = "regulator-register"
    NEWS = "news-court"
    EMPLOYER = "employer"
    OTHER = "other"


class QueryStatus(str, enum.Enum):
    """How one query to a search engine ended. Only ANSWERED means the engine really answered."""

    ANSWERED = "answered"
    REFUSED = "refused"
    RATE_LIMITED = "rate_limited"
    CAPTCHA = "captcha"
    UNREACHABLE = "unreachable"
    ERROR = "error"
    NOT_SENT = "not_sent"
    WITHHELD = "withheld"

    @property
    def missing(self) -> bool:
        """True when the engine's answer to this query is missing (WITHHELD is a choice, not a gap)."""
        return self not in (QueryStatus.ANSWERED, QueryStatus.WITHHELD)


class SearchQuery(BaseModel):
    """One query sent (or not) to the engine, and how it ended."""

    text: str = Field(description="Exactly what was sent to the engine.")
    purpose: str = Field(
        description="Which part of the profile it came from: name, role, employer, locality, alias, handle."
    )
    status: QueryStatus
    reason: str | None = Field(default=None, description="One line saying why, when the engine did not answer.")
    results: int = Field(default=0, description="How many results it returned.")


class SearchHit(BaseModel):
    """One search result, classified."""

    url: str
    title: str = ""
    snippet: str = ""
    result_class: SearchClass
    site: str | None = Field(
        default=None, description="The platform, people-search site, regulator or publisher recognised."
    )
    handle: str | None = Field(default=None, description="For profiles: the account name in the address.")
    rank: int = Field(default=1, ge=1, description="Best position among the queries that returned it (1 = top).")
    queries: list[str] = Field(default_factory=list, description="The queries that returned it.")
    names_you: bool = Field(default=False, description="True when the title or snippet shows your name.")
    note: str | None = Field(default=None, description="One line on why it was classed so.")
    opt_out: str | None = Field(default=None, description="For people-search sites: the site's opt-out page.")


class SearchSection(BaseModel):
    """What a search for the user's name shows (`footprint search`, `audit --search`)."""

    engine: str
    status: Literal["complete", "incomplete"] = Field(
        description="incomplete when any query was refused, rate-limited, met a captcha, or could not be sent."
    )
    reason: str | None = Field(default=None, description="Why the search is incomplete, in one line.")
    queries: list[SearchQuery] = Field(default_factory=list)
    results: list[SearchHit] = Field(default_factory=list)
    advice: dict[str, list[str]] = Field(
        default_factory=dict, description="result class → what to do about such results."
    )

    def by_class(self) -> dict[SearchClass, list[SearchHit]]:
        """The results grouped by class, in the fixed order of classes, empty classes left out."""
        out: dict[SearchClass, list[SearchHit]] = {}
        for cls in SearchClass:
            hits = [h for h in self.results if h.result_class is cls]
            if hits:
                out[cls] = hits
        return out


class Subject(BaseModel):
    """Whose footprint this is."""

    name: str
    role: str | None = None


class Tool(BaseModel):
    name: str = "footprint"
    version: str


RATINGS = {
    Severity.HIGH: "act now",
    Severity.MEDIUM: "needs attention",
    Severity.LOW: "minor points",
    Severity.INFO: "good",
}
INCOMPLETE = "incomplete"
EXIT_FINDINGS = 1
EXIT_INCOMPLETE = 3


class Coverage(BaseModel):
    """How much of the footprint was actually read. An incomplete report never says "good"."""

    complete: bool = Field(
        description="False when a declared account could not be read, nothing was read, "
        "nothing was declared, or no check ran: the overall verdict is then 'incomplete'."
    )
    accounts_declared: int = Field(description="Accounts in the profile file (or found in the archive).")
    accounts_read: int = Field(description="Accounts whose content was read and checked.")
    posts_read: int = Field(description="Posts, comments and other items read across all accounts.")
    checks_run: int = Field(description="How many checks ran.")
    sites_probed: int | None = Field(default=None, description="`footprint discover`: sites probed.")
    sites_answered: int | None = Field(
        default=None,
        description="`footprint discover`: sites that answered for a "
        "declared name (found, not found, invalid or unsure).",
    )
    gaps: list[str] = Field(default_factory=list, description="Plain sentences saying what was not checked and why.")


def _tally(accounts: list[AccountSummary]) -> str:
    """'6 error, 6 not checkable': how many unread accounts ended in each status, most first."""
    tally = Counter(a.status.value.replace("_", " ") for a in accounts)
    return ", ".join(f"{n} {status}" for status, n in sorted(tally.items(), key=lambda kv: (-kv[1], kv[0])))


def measure_coverage(report: Report) -> Coverage:
    """The coverage of a report, worked out from its accounts, stats and checks."""
    declared = len(report.accounts)
    unread = [a for a in report.accounts if not a.status.was_read]
    posts = int(report.stats.get("posts_read", sum(a.posts_read for a in report.accounts)))
    gaps: list[str] = []
    probes = report.stats.get("discovery_probes")
    sites = answered = None
    if probes is not None:
        sites = int(report.stats.get("discovery_sites", len({d.site for d in report.discovered})))
        answering = (
            DiscoveryState.FOUND,
            DiscoveryState.NOT_FOUND,
            DiscoveryState.INVALID,
            DiscoveryState.INCONCLUSIVE,
        )
        answered = len({d.site for d in report.discovered if d.state in answering})
    search = getattr(report, "search", None)
    if search is not None and probes is None and not report.accounts:
        # `footprint search` alone: the coverage is the queries the engine answered.
        if search.status != "complete":
            gaps.append(f"the search did not finish: {search.reason or 'some queries were not answered'}")
    elif probes is not None and not report.accounts:
        # `footprint discover` alone: the coverage is the sites that answered.
        if not sites:
            gaps.append("no site was probed")
        elif answered is not None and answered * 2 < sites:
            gaps.append(
                f"only {answered} of {sites} sites answered; the rest failed (blocked, errors or no network), "
                "so an account there may simply not have been seen"
            )
    else:
        if declared == 0:
            gaps.append("no accounts were declared, so nothing was checked: add your accounts to the profile file")
        elif len(unread) == declared:
            gaps.append(
                f"nothing could be read: none of the {declared} declared account{'s' if declared != 1 else ''} "
                f"could be read ({_tally(unread)}), so nothing was checked"
            )
        elif unread:
            gaps.append(
                f"{len(unread)} of {declared} declared accounts could not be read ({_tally(unread)}): "
                f"nothing on {'it' if len(unread) == 1 else 'them'} was checked"
            )
        if declared and len(unread) < declared and report.mode == "archive" and posts == 0:
            gaps.append("nothing could be read: the archive held no posts footprint could read")
        if not report.checks_run:
            gaps.append("no checks ran")
    return Coverage(
        complete=not gaps,
        accounts_declared=declared,
        accounts_read=declared - len(unread),
        posts_read=posts,
        checks_run=len(report.checks_run),
        sites_probed=sites,
        sites_answered=answered,
        gaps=gaps,
    )


class Report(BaseModel):
    """Everything one audit found. Renderers see only this."""

    schema_version: str = SCHEMA_VERSION
    tool: Tool
    generated_at: dt.datetime
    mode: Literal["live", "archive", "demo"] = "live"
    subject: Subject
    framework: str
    coverage: Coverage | None = Field(
        default=None,
        description="How much was read: accounts read of declared, posts read, checks run, and what was not checked. "
        "Filled in when the report is made (and worked out for older reports that lack it).",
    )
    checks_run: list[str] = Field(default_factory=list)
    accounts: list[AccountSummary] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    stats: dict[str, int] = Field(default_factory=dict)
    discovered: list[DiscoveredAccount] = Field(
        default_factory=list, description="Sites probed by `footprint discover` and how each probe ended."
    )
    redacted: bool = Field(
        default=False, description="True when names, handles, numbers and places were masked for display (--redact)."
    )
    search: SearchSection | None = Field(
        default=None, description="What a search for your name shows (`footprint search`, `audit --search`)."
    )
    teaching_point: str | None = Field(
        default=None, description="Demo personas only: the one line a trainer's session should take from this persona."
    )

    @model_validator(mode="after")
    def _measure(self) -> Report:
        if self.coverage is None:
            self.coverage = measure_coverage(self)
        return self

    def remeasure(self) -> Report:
        """The coverage worked out again after accounts, stats or checks changed (model_copy skips validators)."""
        self.coverage = measure_coverage(self)
        return self

    @property
    def complete(self) -> bool:
        return self.coverage is None or self.coverage.complete

    def counts(self) -> dict[Severity, int]:
        """How many findings of each severity, every severity present as a key."""
        counts = dict.fromkeys(_SEVERITY_ORDER, 0)
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts

    def max_severity(self) -> Severity | None:
        """The worst severity found, or None when nothing was found."""
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)

    @property
    def findings_rating(self) -> str:
        """The rating of what was read, in plain words, from the worst finding alone."""
        worst = self.max_severity()
        return RATINGS[worst] if worst else RATINGS[Severity.INFO]

    @property
    def rating(self) -> str:
        """The overall verdict: 'incomplete' when part of the footprint was not read, else the findings' rating."""
        return INCOMPLETE if not self.complete else self.findings_rating

    def exit_code(self, fail_on: Severity | None) -> int:
        """With `fail_on` set: 1 when any finding is at or above it, else 3 when the report is incomplete, else 0."""
        if fail_on is None:
            return 0
        worst = self.max_severity()
        if worst is not None and worst.rank >= fail_on.rank:
            return EXIT_FINDINGS
        return EXIT_INCOMPLETE if not self.complete else 0

    def sorted_findings(self) -> list[Finding]:
        """Findings worst first, then by platform and account, in a stable order."""
        return sorted(self.findings, key=lambda f: (-f.severity.rank, f.check, f.platform, f.account, f.id))

    def unchecked(self) -> list[AccountSummary]:
        """Accounts whose content could not be read."""
        return [a for a in self.accounts if not a.status.was_read]


def report_json_schema() -> dict[str, Any]:
    """The JSON Schema of the report, as published in the README and `footprint schema --report`."""
    schema = Report.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"footprint report, schema version {SCHEMA_VERSION}"
    return schema


def profile_json_schema(platforms: Sequence[str] = (), frameworks: Sequence[str] = ()) -> dict[str, Any]:
    """The JSON Schema of the profile file, for editors' autocompletion: the installed platforms and the
    frameworks are listed so an editor can offer them."""
    schema = Profile.model_json_schema()
    if platforms:
        platform = schema["$defs"]["Account"]["properties"]["platform"]
        platform["enum"] = sorted(platforms)
        endpoints = schema["properties"]["endpoints"]
        endpoints["propertyNames"] = {"enum": sorted(platforms)}
    if frameworks:
        schema["properties"]["framework"]["enum"] = sorted(frameworks)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "footprint profile file"
    return schema
