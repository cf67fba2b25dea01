"""LinkedIn's "Get a copy of your data": CSV files (Profile, Positions, Shares, Comments, messages) and articles.

Some files carry a member-id suffix (`Shares_7789716.csv`), so they are matched by prefix; some
start with a `Notes:` preamble, so the header row is searched for. Exports differ by year:

- 2018: `Shares.csv` is UTF-16 with a byte-order mark, tab-separated, with spaced column names
  (`Share Commentary`); dates read `2017/06/08 08:15:44 UTC` and, in messages, `8/18/18, 12:38 AM`;
  articles are `Articles/*.html`.
- 2020 on: UTF-8 and commas (`ShareCommentary`). A multi-line post is written with each line
  wrapped in its own quotes (`first line"` newline `"second line`), which is undone here.
  `Comments.csv` escapes quotes with a backslash (`\\"`), not by doubling them.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from typing import Any

from footprint.archives.container import Container, Member
from footprint.markup import html_to_text
from footprint.models import Post, ProfileField, Snapshot, Visibility
from footprint.plugins.archives import (
    PRIVATE_NOTE,
    ArchiveAccount,
    ArchiveReader,
    csv_rows,
    handle_from_name,
    pick,
    when,
)


def _prefixed(prefix: str) -> re.Pattern[str]:
    return re.compile(rf"^{prefix}(_\d+)?\.csv$", re.IGNORECASE)


_PROFILE = _prefixed("profile")
_POSITIONS = _prefixed("positions")
_SHARES = _prefixed("shares")
_COMMENTS = _prefixed("comments")
_MESSAGES = _prefixed("messages")
_ARTICLE = re.compile(r"(^|/)articles/(.+/)?[^/]+\.html?$", re.IGNORECASE)

#: What each `Visibility` value means. LinkedIn's API documentation (Posts API, `visibility`;
#: ugcPosts `MemberNetworkVisibility`) defines PUBLIC (anyone), CONNECTIONS (first-degree network),
#: LOGGED_IN (any signed-in member) and CONTAINER (the group or event the post was made in). Exports
#: also write values it does not define (MEMBER_NETWORK, seen on every post of a public poster's
#: 2025 export): those are scanned, and the report says why, rather than hidden.
_VISIBILITY: dict[str, Visibility] = {
    "public": "public",
    "anyone": "public",
    "connections": "followers",
    "connections_only": "followers",
    "container": "followers",
    "logged_in": "unlisted",
    "logged_in_members": "unlisted",
}
_DATES = ("%Y/%m/%d %H:%M:%S %Z", "%m/%d/%y, %I:%M %p", "%m/%d/%Y, %I:%M %p", "%Y/%m/%d %H:%M:%S")
_WRAPPED_LINE = '"\n"'


def linkedin_date(value: str) -> dt.datetime | None:
    """A date in any of the forms LinkedIn's exports have used."""
    found = when(value)
    if found is not None or not value:
        return found
    for fmt in _DATES:
        try:
            return dt.datetime.strptime(value.strip(), fmt).replace(tzinfo=dt.UTC)
        except ValueError:
            continue
    return None


def unwrap_lines(text: str) -> str:
    """A post whose every line LinkedIn wrapped in its own quotes, back to plain lines."""
    if "\n" in text and text.count("\n") == text.count(_WRAPPED_LINE):
        return text.replace(_WRAPPED_LINE, "\n")
    return text


class LinkedInReader(ArchiveReader):
    """LinkedIn data export (CSV), 2018 on."""

    name = "linkedin"
    platform = "linkedin"
    title = "LinkedIn data export (CSV)"

    def detect(self, container: Container) -> float:
        names = [m.basename for m in container.members]
        has = {
            key: any(p.match(n) for n in names)
            for key, p in (("profile", _PROFILE), ("positions", _POSITIONS), ("shares", _SHARES))
        }
        if has["profile"] and (has["positions"] or has["shares"]):
            return 0.9
        if any(n.lower() == "connections.csv" for n in names) or has["shares"] or has["positions"]:
            return 0.6
        if "linkedindataexport" in container.label.lower().replace("_", ""):
            return 0.5
        return 0.0

    def _files(self, container: Container, pattern: re.Pattern[str]) -> list[Member]:
        return container.find(lambda m: bool(pattern.match(m.basename)))

    def _articles(self, container: Container) -> list[Member]:
        return container.find(lambda m: bool(_ARTICLE.search(m.name)))

    def parts(self, container: Container, include_private: bool) -> list[Member]:
        found = [*self._files(container, _PROFILE), *self._files(container, _POSITIONS)]
        found += [*self._files(container, _SHARES), *self._files(container, _COMMENTS), *self._articles(container)]
        return found + (self._files(container, _MESSAGES) if include_private else [])

    def _rows(
        self, container: Container, member: Member, required: list[str], **fmt: Any
    ) -> Iterator[tuple[int, dict[str, str]]]:
        """Rows keyed by lower-case column name without spaces (2018's `Share Commentary` is 2020's `ShareCommentary`)."""
        for line, row in csv_rows(container, member, required, **_dialect(container, member), **fmt):
            yield line, {key.replace(" ", ""): value for key, value in row.items()}

    def read(self, container: Container, include_private: bool) -> Iterator[ArchiveAccount]:
        profile: dict[str, str] = {}
        for member in self._files(container, _PROFILE):
            for _, row in csv_rows(container, member, ["First Name"], **_dialect(container, member)):
                profile = row
                break
        name = " ".join(p for p in (pick(profile, "First Name"), pick(profile, "Last Name")) if p)
        fields = []
        for key in ("Headline", "Industry", "Maiden Name"):
            if pick(profile, key):
                fields.append(ProfileField(name=key, value=pick(profile, key)))
        for member in self._files(container, _POSITIONS):
            for _, row in csv_rows(container, member, ["Company Name"], **_dialect(container, member)):
                value = ", ".join(
                    p for p in (pick(row, "Title"), pick(row, "Company Name"), pick(row, "Location")) if p
                )
                ended = pick(row, "Finished On")
                if value:
                    fields.append(
                        ProfileField(name="Position" + (f" (until {ended})" if ended else " (current)"), value=value)
                    )
                if pick(row, "Description"):
                    fields.append(
                        ProfileField(name=f"Position at {pick(row, 'Company Name')}", value=pick(row, "Description"))
                    )
        links = list(re.findall(r"https?://[^\],\s]+", pick(profile, "Websites")))
        snapshot = Snapshot(
            platform=self.platform,
            handle=name or handle_from_name(container.label),
            display_name=name or None,
            bio=pick(profile, "Summary") or None,
            location=pick(profile, "Geo Location") or None,
            fields=fields,
            links=links,
            origin="archive",
        )
        if not profile:
            snapshot.notes.append("No Profile.csv in the export: the account name was taken from the file name.")
        if self._files(container, _MESSAGES) and not include_private:
            snapshot.notes.append(PRIVATE_NOTE)
        yield snapshot, self._posts(container, snapshot, name, include_private)

    def _posts(self, container: Container, snapshot: Snapshot, name: str, include_private: bool) -> Iterator[Post]:
        undefined: dict[str, int] = {}
        for member in self._files(container, _SHARES):
            for line, row in self._rows(container, member, ["Date"]):
                text = unwrap_lines(pick(row, "ShareCommentary"))
                shared = pick(row, "SharedUrl")
                card = [
                    pick(row, "ShareTitle"),
                    pick(row, "ShareDescription"),
                ]  # the shared link's title and summary, as the post shows them
                if not text and not shared:
                    continue
                raw = pick(row, "Visibility")
                visibility = _VISIBILITY.get(raw.lower())
                if visibility is None:
                    visibility = "unknown"
                    if raw:
                        undefined[raw] = undefined.get(raw, 0) + 1
                link = pick(row, "ShareLink")
                yield Post(
                    id=link or f"{member.name}:{line}",
                    text="\n".join(p for p in (text, *card, shared) if p),
                    url=link or None,
                    created_at=linkedin_date(pick(row, "Date")),
                    visibility=visibility,
                    location=f"{member.name}:{line}",
                )
        for raw, count in sorted(undefined.items()):
            snapshot.notes.append(
                f"{count} post(s) are marked Visibility={raw}, a value LinkedIn's documentation does not define "
                "(it defines PUBLIC, CONNECTIONS, LOGGED_IN and CONTAINER): they were scanned as if anyone could see them."
            )
        for member in self._files(container, _COMMENTS):
            for line, row in self._rows(container, member, ["Message"], escapechar="\\"):
                if pick(row, "Message"):
                    yield Post(
                        id=f"{member.name}:{line}",
                        text=unwrap_lines(pick(row, "Message")),
                        url=pick(row, "Link") or None,
                        created_at=linkedin_date(pick(row, "Date")),
                        kind="comment",
                        location=f"{member.name}:{line}",
                    )
        yield from self._read_articles(container, snapshot)
        if include_private:
            for member in self._files(container, _MESSAGES):
                for line, row in self._rows(container, member, ["CONTENT"]):
                    sender = pick(row, "FROM")
                    if name and sender and sender.casefold() != name.casefold():
                        continue  # NOTE: only the user's own words are scanned, never what others sent them
                    if pick(row, "CONTENT"):
                        yield Post(
                            id=f"{member.name}:{line}",
                            text="\n".join(html.unescape(p) for p in (pick(row, "SUBJECT"), pick(row, "CONTENT")) if p),
                            created_at=linkedin_date(pick(row, "DATE")),
                            visibility="private_message",
                            kind="message",
                            location=f"{member.name}:{line}",
                        )

    def _read_articles(self, container: Container, snapshot: Snapshot) -> Iterator[Post]:
        drafts = 0
        for member in self._articles(container):
            markup = _small_text(container, member)
            if markup is None:
                continue
            title = html_to_text(_first(r"<h1[^>]*>(.*?)</h1>", markup))
            created = _first(r'class="created"[^>]*>\s*Created on ([^<]+)<', markup)
            published = _first(r'class="published"[^>]*>\s*Published on ([^<]+)<', markup)
            body = html_to_text(
                _first(r"</p>\s*(?:<p class=\"published\"[^>]*>.*?</p>)?\s*(<div.*)</body>", markup) or ""
            )
            link = _first(r'<h1[^>]*>\s*<a href="([^"]+)"', markup)
            text = "\n".join(p for p in (title if title != "Untitled" else "", body) if p)
            if not text:
                continue
            if not published:
                drafts += 1
            yield Post(
                id=link or member.name,
                text=text,
                url=link or None,
                created_at=linkedin_date(published or created),
                visibility="public" if published else "unknown",
                kind="article",
                location=member.name,
            )
        if drafts:
            snapshot.notes.append(
                f"{drafts} article draft(s) not yet published were scanned too: they would be public once published."
            )


def _dialect(container: Container, member: Member) -> dict[str, Any]:
    """Tab-separated when the header line has more tabs than commas (2018's Shares.csv)."""
    head = container.head(member, 2048)
    text = head.decode("utf-16", "ignore") if head[:2] in (b"\xff\xfe", b"\xfe\xff") else head.decode("utf-8", "ignore")
    first = text.split("\n", 1)[0]
    return {"delimiter": "\t"} if first.count("\t") > first.count(",") else {}


def _small_text(container: Container, member: Member) -> str | None:
    try:
        with container.open_text(member) as stream:
            return stream.read(1 << 20)
    except (UnicodeDecodeError, OSError, ValueError) as exc:
        container.warn(f"{member.name}: {type(exc).__name__}; skipped")
        return None


def _first(pattern: str, text: str) -> str:
    found = re.search(pattern, text, re.IGNORECASE | re.DOTALL)
    return found.group(1).strip() if found else ""
