"""What the HTTP engines share: turning the shared client's errors into query statuses, and plain text."""

from __future__ import annotations

import html
import re

from footprint.errors import SourceError
from footprint.models import AccountStatus, QueryStatus
from footprint.search.contract import EngineFailure

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_CAPTCHA = re.compile(r"captcha|are you a robot|verify you are human|unusual traffic|cf-challenge|challenge-platform", re.I)


def plain(text: object) -> str:
    """Engine text (which may carry <strong> marks and entities) as one plain line."""
    if not isinstance(text, str):
        return ""
    return _SPACE.sub(" ", html.unescape(_TAG.sub("", text))).strip()


def from_source_error(exc: SourceError, who: str) -> EngineFailure:
    """The shared client's failure as a query status: rate limits stay rate limits, the rest say what happened."""
    if exc.status is AccountStatus.RATE_LIMITED:
        return EngineFailure(QueryStatus.RATE_LIMITED, f"{who} is rate limiting: {exc.reason}")
    if exc.status is AccountStatus.TIMED_OUT:
        return EngineFailure(QueryStatus.UNREACHABLE, f"{who} did not answer: {exc.reason}")
    if "could not connect" in exc.reason:
        return EngineFailure(QueryStatus.UNREACHABLE, f"{who} cannot be reached: {exc.reason}")
    if exc.reason.startswith("refused to contact"):  # footprint's own address policy: every query would meet it
        return EngineFailure(QueryStatus.ERROR, f"{who}: {exc.reason}", final=True)
    return EngineFailure(QueryStatus.ERROR, f"{who}: {exc.reason}")


def looks_like_captcha(body: bytes) -> bool:
    """True when a page is a bot check rather than an answer."""
    return bool(_CAPTCHA.search(body[:200_000].decode("utf-8", "replace")))
