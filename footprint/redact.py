"""Redaction for display: a pure transform Report → Report that masks names, handles, numbers and
places, so a trainer can put a real report on a projector.

What is masked:
- the subject's name, and each account name (replaced by "[account 1]", "[account 2]", … so the
  findings of one account still read as one account);
- in excerpts, the values of details ("place: …"), notes and warnings: web addresses, email addresses, @handles, numbers,
  and words written with a capital letter that are not at the start of a sentence (names and
  places), plus any such word found anywhere else in the report, wherever it appears;
- in the tool's own sentences (why, advice, titles): the same names, handles and addresses, but
  not numbers or ordinary capitalised words, so the explanation still reads;
- the addresses of accounts and posts, and post ids, which would lead straight back to the account.

What is kept: severities, checks, finding ids (so `footprint diff` still matches a redacted
report), guidance citations, and the matched span of each excerpt (moved to its masked text).
Redaction is a heuristic for display, not anonymisation: review the result before showing it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from footprint.models import DiscoveredAccount, Excerpt, Finding, Item, Report, SearchSection
from footprint.yamlfile import load_model

NAME, PLACE, WORKPLACE = "[name]", "[place]", "[workplace]"
NUMBER, HANDLE, EMAIL, LINK = "[number]", "[handle]", "[email]", "[link]"

_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_HANDLE = re.compile(r"(?<![\w@])@[\w.-]*\w(?:@[\w-]+(?:\.[\w-]+)+)?")
_NUMBER = re.compile(r"(?<![\w])\+?\d(?:[\d ()./:-]*\d)?")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_END = re.compile(r"(?:^|[.!?\n:;•|—–…])[\s\"'“‘(\[*_-]*$")


class _KeepFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    keep: list[str] = Field(min_length=1)

    @field_validator("keep")
    @classmethod
    def _lower_words(cls, value: list[str]) -> list[str]:
        for word in value:
            if word != word.strip().lower() or not word:
                raise ValueError(f"{word!r}: write each word once, in lower case")
        return value


@lru_cache(maxsize=1)
def keep_words() -> frozenset[str]:
    """Capitalised words that identify nobody (footprint/redact_keep.yaml): kept even mid-sentence."""
    data, _ = load_model(Path(str(resources.files("footprint"))) / "redact_keep.yaml", _KeepFile)
    return frozenset(data.keep)


# A detail's key ("your employer: Fife Council") names what its value is; the value is masked with this label.
DETAIL_LABELS = (
    (("employer", "team", "office", "workplace"), WORKPLACE),
    (("place", "area", "school", "location", "address", "street", "town", "court"), PLACE),
    (("phone", "number", "age"), NUMBER),
    (("email",), EMAIL),
)
_DOMAIN = re.compile(r"(?<![\w@/.-])(?:[a-z0-9][a-z0-9-]*\.)+[a-z]{2,12}\b(?:/[^\s)\]]*)?", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")


def _detail_label(key: str) -> str:
    key = key.casefold()
    for words, label in DETAIL_LABELS:
        if any(word in key for word in words):
            return label
    return NAME


@dataclass
class _Lexicon:
    """Strings known to identify someone, each with the label that replaces it."""

    case_sensitive: bool = False
    terms: dict[str, str] = field(default_factory=dict)
    _pattern: re.Pattern[str] | None = None

    def _key(self, term: str) -> str:
        return term if self.case_sensitive else term.casefold()

    def add(self, term: str | None, label: str, minimum: int = 3) -> None:
        term = (term or "").strip()
        if len(term) >= minimum and term.casefold() not in keep_words() and self._key(term) not in self.terms:
            self.terms[self._key(term)] = label
            self._pattern = None

    def spans(self, text: str) -> Iterable[tuple[int, int, str]]:
        if not self.terms:
            return
        if self._pattern is None:
            alternatives = sorted(self.terms, key=len, reverse=True)
            self._pattern = re.compile(
                r"(?<![\w@])(?:" + "|".join(re.escape(t) for t in alternatives) + r")(?![\w])",
                0 if self.case_sensitive else re.IGNORECASE,
            )
        for match in self._pattern.finditer(text):
            yield match.start(), match.end(), self.terms[self._key(match.group(0))]


class Masker:
    """Masks one report's identifying strings; built from the whole report so every mention is caught."""

    def __init__(self, report: Report) -> None:
        self.lexicon = _Lexicon()
        self.proper = _Lexicon(case_sensitive=True)
        self.numbers: set[str] = set()
        self.accounts: dict[tuple[str, str], str] = {}
        for account in report.accounts:
            self._account_label(account.platform, account.account)
        for finding in report.findings:
            self._account_label(finding.platform, finding.account)
        for item in report.discovered:
            self._account_label(item.site, item.handle)
        for hit in report.search.results if report.search else []:
            if hit.handle:
                self._account_label(hit.site or "search", hit.handle)
        self.lexicon.add(report.subject.name, NAME)
        for part in re.split(r"[\s-]+", report.subject.name):
            if part[:1].isupper():
                self.lexicon.add(part, NAME)
        for finding in report.findings:
            for detail in finding.details:
                key, sep, value = detail.partition(": ")
                if sep and len(key) <= 48:
                    self.numbers.update(_DIGITS.findall(value))
                    if any(ch.isupper() or ch.isdigit() for ch in value):
                        self.lexicon.add(value, _detail_label(key))
            if finding.excerpt:
                # Names and places found mid-sentence are masked wherever else they appear capitalised.
                text = finding.excerpt.text
                for start, end in _proper_nouns(text):
                    self.proper.add(text[start:end], NAME)
                self.numbers.update(_DIGITS.findall(text))

    def _account_label(self, platform: str, account: str) -> str:
        key = (platform, account)
        if key not in self.accounts:
            label = f"[account {len(self.accounts) + 1}]"
            self.accounts[key] = label
            self.lexicon.add(account, label)
            local = account.lstrip("@").split("@")[0]
            self.lexicon.add(local, label)
        return self.accounts[key]

    def account(self, platform: str, account: str) -> str:
        return self._account_label(platform, account)

    # ------------------------------------------------------------------ text

    def evidence(self, text: str | None) -> str | None:
        """Fetched text: every pattern, the lexicon, and capitalised words mid-sentence."""
        return None if text is None else _apply(text, self._spans(text, evidence=True))[0]

    def prose(self, text: str | None) -> str | None:
        """The tool's own sentences: the lexicon, addresses and handles only."""
        return None if text is None else _apply(text, self._spans(text, evidence=False))[0]

    def detail(self, text: str) -> str:
        """A finding's detail: in a "key: value" pair the value is masked as evidence; other details as prose."""
        key, sep, value = text.partition(": ")
        if sep and len(key) <= 48:
            return f"{self.prose(key)}: {self.evidence(value)}"
        return self.prose(text) or ""

    def excerpt(self, excerpt: Excerpt | None) -> Excerpt | None:
        if excerpt is None:
            return None
        text, (start, end) = _apply(
            excerpt.text, self._spans(excerpt.text, evidence=True), (excerpt.start, excerpt.end)
        )
        return Excerpt(text=text, start=start, end=end)

    def _spans(self, text: str, *, evidence: bool) -> list[tuple[int, int, str]]:
        spans: list[tuple[int, int, str]] = [
            *self.lexicon.spans(text),
            *self.proper.spans(text),
        ]  # known strings win ties
        spans += [(m.start(), m.end(), LINK) for m in _URL.finditer(text)]
        spans += [(m.start(), m.end(), EMAIL) for m in _EMAIL.finditer(text)]
        spans += [(m.start(), m.end(), HANDLE) for m in _HANDLE.finditer(text)]
        spans += [(m.start(), m.end(), LINK) for m in _DOMAIN.finditer(text)]
        for m in _NUMBER.finditer(text):
            digits = _DIGITS.findall(m.group(0))
            if evidence or sum(map(len, digits)) >= 5 or any(d in self.numbers for d in digits):
                spans.append((m.start(), m.end(), NUMBER))
        if evidence:
            spans += [(s, e, NAME) for s, e in _proper_nouns(text)]
        return spans


def _proper_nouns(text: str) -> list[tuple[int, int]]:
    """Capitalised words not at a sentence start (and not in keep_words()), adjacent ones joined."""
    found: list[tuple[int, int]] = []
    for match in _WORD.finditer(text):
        word = match.group(0)
        base = re.sub(r"['’]s$", "", word).casefold()
        plural = base[:-1] if base.endswith("s") else base
        if not word[0].isupper() or {base, plural, word.casefold()} & keep_words():
            continue
        if word.isupper() and len(word) <= 4:  # acronyms such as LAC, NHS, SSSC identify nobody
            continue
        if _SENTENCE_END.search(text[: match.start()]):
            continue
        if found and text[found[-1][1] : match.start()].strip() == "":
            found[-1] = (found[-1][0], match.end())
        else:
            found.append((match.start(), match.end()))
    return found


def _apply(
    text: str, spans: list[tuple[int, int, str]], keep: tuple[int, int] | None = None
) -> tuple[str, tuple[int, int]]:
    """Replace non-overlapping spans (earliest, then longest, wins) and move `keep` to the new text."""
    chosen: list[tuple[int, int, str]] = []
    for start, end, label in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if start >= end:
            continue
        if chosen and start < chosen[-1][1]:
            continue
        if chosen and chosen[-1][2] == label and text[chosen[-1][1] : start].strip() == "" and label == NAME:
            chosen[-1] = (chosen[-1][0], end, label)
            continue
        chosen.append((start, end, label))
    out: list[str] = []
    cursor = 0
    old_start, old_end = keep or (0, 0)
    new_start = new_end = None
    for start, end, label in chosen:
        if new_start is None and old_start < start:
            new_start = len("".join(out)) + (old_start - cursor)
        if new_end is None and old_end <= start:
            new_end = len("".join(out)) + (old_end - cursor)
        out.append(text[cursor:start])
        if new_start is None and old_start < end:
            new_start = len("".join(out))
        out.append(label)
        if new_end is None and old_end <= end and old_end > start:
            new_end = len("".join(out))
        cursor = end
    length = len("".join(out))
    if new_start is None:
        new_start = length + (old_start - cursor)
    if new_end is None:
        new_end = length + (old_end - cursor)
    out.append(text[cursor:])
    return "".join(out), (new_start, max(new_start, new_end))


# --------------------------------------------------------------------------- the transform


def redact(report: Report) -> Report:
    """A copy of the report with identifying strings masked for display; the input is not changed."""
    if report.redacted:
        return report.model_copy(deep=True)
    mask = Masker(report)
    findings = [_finding(f, mask) for f in report.findings]
    accounts = [
        a.model_copy(
            update={
                "account": mask.account(a.platform, a.account),
                "url": None,
                "reason": mask.evidence(a.reason),
                "notes": [mask.evidence(n) or "" for n in a.notes],
                "checklist": [mask.prose(s) or "" for s in a.checklist],
            }
        )
        for a in report.accounts
    ]
    discovered = [_discovered(d, mask) for d in report.discovered]
    subject = report.subject.model_copy(update={"name": NAME})
    return report.model_copy(
        update={
            "subject": subject,
            "accounts": accounts,
            "findings": findings,
            "discovered": discovered,
            "warnings": [mask.evidence(w) or "" for w in report.warnings],
            "search": _search(report.search, mask) if report.search else None,
            "teaching_point": mask.prose(report.teaching_point),
            "redacted": True,
        }
    )


def redact_all(reports: Sequence[Report]) -> list[Report]:
    """Redact each report (the demo and multi-report outputs)."""
    return [redact(r) for r in reports]


def _finding(finding: Finding, mask: Masker) -> Finding:
    item: Item = finding.item.model_copy(
        update={
            "id": None,
            "url": None,
            "location": mask.evidence(finding.item.location),
        }
    )
    return finding.model_copy(
        update={
            "account": mask.account(finding.platform, finding.account),
            "title": mask.prose(finding.title) or finding.title,
            "item": item,
            "excerpt": mask.excerpt(finding.excerpt),
            "details": [mask.detail(d) for d in finding.details],
            "why": mask.prose(finding.why) or finding.why,
            "advice": [mask.prose(a) or "" for a in finding.advice],
        }
    )


def _search(found: SearchSection, mask: Masker) -> SearchSection:
    """The search section with the queries, titles, snippets and addresses masked (opt-out pages kept)."""
    queries = [
        q.model_copy(update={"text": mask.evidence(q.text) or "", "reason": mask.evidence(q.reason)})
        for q in found.queries
    ]
    hits = [
        h.model_copy(
            update={
                "url": LINK,
                "title": mask.evidence(h.title) or "",
                "snippet": mask.evidence(h.snippet) or "",
                "handle": mask.account(h.site or "search", h.handle) if h.handle else None,
                "queries": [mask.evidence(q) or "" for q in h.queries],
                "note": mask.evidence(h.note),
            }
        )
        for h in found.results
    ]
    return found.model_copy(update={"queries": queries, "results": hits, "reason": mask.evidence(found.reason)})


def _discovered(item: DiscoveredAccount, mask: Masker) -> DiscoveredAccount:
    return item.model_copy(
        update={
            "handle": mask.account(item.site, item.handle),
            "url": LINK,
            "reason": mask.evidence(item.reason),
            "derived_from": mask.evidence(item.derived_from),
            "evidence": [mask.evidence(e) or "" for e in item.evidence],
            "name_shown": mask.evidence(item.name_shown),
            "name_excerpt": mask.excerpt(item.name_excerpt),
        }
    )
