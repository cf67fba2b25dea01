"""Class each search result: a declared account, an undeclared profile on a known platform, a
people-search page, a regulator's register, news or a hearing, an employer's page, or other.

Classing reads only the result's address, title and snippet, the profile, the discovery
catalogue and `sites.yaml` beside this module. It never fetches the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pydantic import Field, field_validator

from footprint.models import Account, Profile, SearchClass, Strict
from footprint.search.queries import handle_term
from footprint.yamlfile import load_model

PLACEHOLDER = "{handle}"
_DOMAIN = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")


class NamedSite(Strict):
    name: str = Field(min_length=1)
    domains: list[str] = Field(min_length=1)
    opt_out: str | None = Field(default=None, pattern=r"^https://")

    @field_validator("domains")
    @classmethod
    def _domains(cls, value: list[str]) -> list[str]:
        for domain in value:
            if not _DOMAIN.match(domain):
                raise ValueError(f"{domain!r} is not a lower-case domain name")
        return value


class ProfilePattern(Strict):
    name: str
    platform: str
    url: str

    @field_validator("url")
    @classmethod
    def _template(cls, value: str) -> str:
        if PLACEHOLDER not in value or not value.startswith("https://"):
            raise ValueError(f"{value!r} needs https:// and a {PLACEHOLDER} placeholder")
        return value


class SiteData(Strict):
    """`sites.yaml`: the data every classing decision comes from."""

    version: int = 1
    people_search: list[NamedSite]
    regulators: list[NamedSite]
    hearing_words: list[str]
    news: list[NamedSite]
    court_words: list[str]
    public_bodies: list[str]
    employer_generic_words: list[str]
    profiles: list[ProfilePattern]
    reserved_handles: list[str]
    advice: dict[SearchClass, list[str]]

    @field_validator("advice")
    @classmethod
    def _every_class(cls, value: dict[SearchClass, list[str]]) -> dict[SearchClass, list[str]]:
        missing = [c.value for c in SearchClass if not value.get(c)]
        if missing:
            raise ValueError(f"no advice for the classes: {', '.join(missing)}")
        return value


def data_path() -> Path:
    return Path(str(resources.files("footprint.search"))) / "sites.yaml"


@lru_cache(maxsize=1)
def site_data() -> SiteData:
    """The shipped classing data, validated (a mistake is reported with its file, line and column)."""
    data, _ = load_model(data_path(), SiteData)
    return data


@dataclass(frozen=True)
class Pattern:
    """One profile address form, compiled: which site, which platform, and where the handle sits."""

    name: str
    platform: str | None
    host: str  # the site's host without www. (for a subdomain form, the parent domain)
    regex: re.Pattern[str]  # matched against host + path (path form) or the host alone (subdomain form)
    subdomain: bool = False


def _compile(name: str, platform: str | None, template: str) -> Pattern | None:
    parts = urlsplit(template.replace(PLACEHOLDER, "handle0placeholder"))
    host = (parts.hostname or "").removeprefix("www.")
    if "handle0placeholder" in host:
        parent = host.replace("handle0placeholder.", "")
        return Pattern(name, platform, parent, re.compile(r"^(?P<handle>[a-z0-9-]+)\." + re.escape(parent) + "$"), True)
    path = parts.path.rstrip("/")
    if "handle0placeholder" not in path:
        return None
    body = re.escape(host + path).replace("handle0placeholder", r"(?P<handle>[A-Za-z0-9_.@%~-]+)")
    return Pattern(name, platform, host, re.compile(rf"^{body}$", re.I))


@lru_cache(maxsize=1)
def profile_patterns() -> tuple[Pattern, ...]:
    """Profile address forms: the discovery catalogue's sites and `sites.yaml`'s own list."""
    from footprint.discovery.formats import load_builtin

    out = []
    for site in load_builtin():
        pattern = _compile(site.name, site.platform, site.url)
        if pattern:
            out.append(pattern)
    for entry in site_data().profiles:
        pattern = _compile(entry.name, entry.platform, entry.url)
        if pattern:
            out.append(pattern)
    return tuple(out)


@dataclass(frozen=True)
class Classed:
    result_class: SearchClass
    site: str | None = None
    handle: str | None = None
    note: str | None = None
    opt_out: str | None = None
    account: Account | None = None  # the declared account it is, or whose handle it carries


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower().removeprefix("www.")
    except ValueError:
        return ""


def _under(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def _site_for(host: str, sites: list[NamedSite]) -> NamedSite | None:
    return next((s for s in sites if any(_under(host, d) for d in s.domains)), None)


def _has_word(text: str, words: list[str]) -> str | None:
    for word in words:
        if re.search(r"(?<![a-z])" + re.escape(word.lower()) + r"(?![a-z])", text):
            return word
    return None


def names_you(text: str, profile: Profile) -> bool:
    """True when the text shows one of the user's names (declared name or an alias), as whole words."""
    return any(re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", text, re.I) for n in profile.names() if n.strip())


def employer_words(profile: Profile) -> list[str]:
    """The distinctive words of the employer's name ('fife' in 'Fife Council'), lower case."""
    if not profile.person.employer:
        return []
    generic = set(site_data().employer_generic_words)
    words = re.findall(r"[a-z0-9]+", profile.person.employer.lower())
    return [w for w in words if w not in generic and len(w) >= 3]


class Classifier:
    """Classes results for one profile."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.data = site_data()
        self.patterns = profile_patterns()
        self.employer_words = employer_words(profile)
        self.employer_domains = [d.lower().removeprefix("www.") for d in profile.search.employer_domains]

    def classify(self, url: str, title: str, snippet: str) -> Classed:
        host = host_of(url)
        text = f"{title}\n{snippet}".lower()
        whole = f"{url}\n{title}".lower()
        declared = self._declared(url, host)
        if declared is not None:
            return Classed(
                SearchClass.DECLARED,
                site=declared.platform,
                handle=handle_term(declared),
                note="one of the accounts in your profile file",
                account=declared,
            )
        if site := _site_for(host, self.data.people_search):
            return Classed(
                SearchClass.PEOPLE_SEARCH,
                site=site.name,
                opt_out=site.opt_out,
                note="a people-search or data-broker site",
            )
        if site := _site_for(host, self.data.regulators):
            if word := _has_word(unquote(whole).replace("-", " "), self.data.hearing_words):
                return Classed(
                    SearchClass.NEWS,
                    site=site.name,
                    note=f"a {site.name} page that speaks of '{word}': not the register",
                )
            return Classed(
                SearchClass.REGULATOR,
                site=site.name,
                note=f"{site.name}: a regulator's site, usually its public register",
            )
        if site := _site_for(host, self.data.news):
            return Classed(SearchClass.NEWS, site=site.name, note="news, a court, a tribunal or case law")
        if profile := self._profile(url, host):
            pattern, handle = profile
            account = self._account_with_handle(handle)
            note = "a profile on a known platform, not in your profile file: confirm whether it is yours"
            return Classed(SearchClass.UNDECLARED_PROFILE, site=pattern.name, handle=handle, note=note, account=account)
        if self._employer(host, text):
            return Classed(SearchClass.EMPLOYER, site=host, note="your employer's or a public body's page")
        if word := _has_word(text, self.data.court_words):
            return Classed(SearchClass.NEWS, site=host, note=f"speaks of '{word}'")
        return Classed(SearchClass.OTHER, site=host or None)

    # ------------------------------------------------------------------ helpers

    def _declared(self, url: str, host: str) -> Account | None:
        for account in self.profile.accounts:
            if account.url and _same_page_or_below(url, account.url):
                return account
            term = handle_term(account)
            if not account.handle or not term:
                continue
            hosts = self._hosts_for(account)
            if any(_under(host, h) for h in hosts) and _handle_in_path(url, term, account.handle):
                return account
        return None

    def _hosts_for(self, account: Account) -> set[str]:
        hosts = {p.host for p in self.patterns if p.platform == account.platform and p.host}
        if account.platform == "mastodon" and account.handle and account.handle.count("@") >= 1:
            instance = account.handle.lstrip("@").partition("@")[2]
            if instance:
                hosts.add(instance.lower())
        if account.platform == "bluesky" and account.handle:
            hosts.add("bsky.app")
        return hosts

    def _profile(self, url: str, host: str) -> tuple[Pattern, str] | None:
        path = urlsplit(url).path.rstrip("/")
        for pattern in self.patterns:
            if pattern.subdomain:
                match = pattern.regex.match(host) if path == "" else None
            else:
                match = pattern.regex.match(host + path) if _under(host, pattern.host) else None
            if match:
                handle = unquote(match.group("handle")).lstrip("@")
                if handle and handle.lower() not in self.data.reserved_handles:
                    return pattern, handle
        return None

    def _account_with_handle(self, handle: str) -> Account | None:
        wanted = handle.lstrip("@").casefold()
        return next((a for a in self.profile.accounts if (handle_term(a) or "").casefold() == wanted), None)

    def _employer(self, host: str, text: str) -> bool:
        if any(_under(host, d) for d in self.employer_domains):
            return True
        labels = set(host.split(".")[:-1])
        forms = {f"{word}{tail}" for word in self.employer_words for tail in ("", "council", "-council", "cc", "gov")}
        if labels & forms:  # fife.gov.uk, fifecouncil.example; never fifeweddings.example
            return True
        return any(_under(host, d) for d in self.data.public_bodies) and names_you(text, self.profile)


def _same_page_or_below(url: str, base: str) -> bool:
    a, b = urlsplit(url), urlsplit(base)
    if (a.hostname or "").removeprefix("www.") != (b.hostname or "").removeprefix("www."):
        return False
    return a.path.startswith(b.path.rstrip("/")) or b.path in ("", "/")


def _handle_in_path(url: str, term: str, handle: str) -> bool:
    segments = [unquote(s).lstrip("@").casefold() for s in urlsplit(url).path.split("/") if s]
    return term.casefold() in segments or handle.lstrip("@").casefold() in segments
