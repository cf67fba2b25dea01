"""LinkedIn's "Get a copy of your data": CSV files (Profile, Positions, Shares, Comments, messages).

Some files carry a member-id suffix (`Shares_7789716.csv`), so they are matched by prefix; some
start with a `Notes:` preamble, so the header row is searched for.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from footprint.archives.base import PRIVATE_NOTE, Account, ArchiveReader, csv_rows, handle_from_name, pick, when
from footprint.archives.container import Container, Member
from footprint.models import Post, ProfileField, Snapshot


def _prefixed(prefix: str) -> re.Pattern[str]:
    return re.compile(rf"^{prefix}(_\d+)?\.csv$", re.IGNORECASE)


_PROFILE = _prefixed("profile")
_POSITIONS = _prefixed("positions")
_SHARES = _prefixed("shares")
_COMMENTS = _prefixed("comments")
_MESSAGES = _prefixed("messages")
_VISIBILITY = {"public": "public", "member_network": "followers", "connections": "followers", "logged_in_members": "unlisted"}


class LinkedInReader(ArchiveReader):
    """LinkedIn data export (CSV)."""

    name = "linkedin"
    platform = "linkedin"
    title = "LinkedIn data export (CSV)"

    def detect(self, container: Container) -> float:
        names = [m.basename for m in container.members]
        has = {key: any(p.match(n) for n in names) for key, p in (("profile", _PROFILE), ("positions", _POSITIONS), ("shares", _SHARES))}
        if has["profile"] and (has["positions"] or has["shares"]):
            return 0.9
        if any(n.lower() == "connections.csv" for n in names) or has["shares"] or has["positions"]:
            return 0.6
        if "linkedindataexport" in container.label.lower().replace("_", ""):
            return 0.5
        return 0.0

    def _files(self, container: Container, pattern: re.Pattern[str]) -> list[Member]:
        return container.find(lambda m: bool(pattern.match(m.basename)))

    def parts(self, container: Container, include_private: bool) -> list[Member]:
        found = [*self._files(container, _PROFILE), *self._files(container, _POSITIONS)]
        found += [*self._files(container, _SHARES), *self._files(container, _COMMENTS)]
        return found + (self._files(container, _MESSAGES) if include_private else [])

    def read(self, container: Container, include_private: bool) -> Iterator[Account]:
        profile: dict[str, str] = {}
        for member in self._files(container, _PROFILE):
            for _, row in csv_rows(container, member, ["First Name"]):
                profile = row
                break
        name = " ".join(p for p in (pick(profile, "First Name"), pick(profile, "Last Name")) if p)
        fields = []
        for key in ("Headline", "Industry", "Maiden Name"):
            if pick(profile, key):
                fields.append(ProfileField(name=key, value=pick(profile, key)))
        for member in self._files(container, _POSITIONS):
            for _, row in csv_rows(container, member, ["Company Name"]):
                value = ", ".join(p for p in (pick(row, "Title"), pick(row, "Company Name"), pick(row, "Location")) if p)
                ended = pick(row, "Finished On")
                if value:
                    fields.append(ProfileField(name="Position" + (f" (until {ended})" if ended else " (current)"), value=value))
                if pick(row, "Description"):
                    fields.append(ProfileField(name=f"Position at {pick(row, 'Company Name')}", value=pick(row, "Description")))
        links = [u for u in re.findall(r"https?://[^\],\s]+", pick(profile, "Websites"))]
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
        yield snapshot, self._posts(container, name, include_private)

    def _posts(self, container: Container, name: str, include_private: bool) -> Iterator[Post]:
        for member in self._files(container, _SHARES):
            for line, row in csv_rows(container, member, ["ShareCommentary"]):
                text = pick(row, "ShareCommentary")
                shared = pick(row, "SharedUrl", "SharedURL")
                if not text and not shared:
                    continue
                visibility = _VISIBILITY.get(pick(row, "Visibility").lower(), "unknown")
                yield Post(
                    id=pick(row, "ShareLink") or f"{member.name}:{line}",
                    text="\n".join(p for p in (text, shared) if p),
                    url=pick(row, "ShareLink") or None,
                    created_at=when(pick(row, "Date")),
                    visibility=visibility,  # type: ignore[arg-type]
                    location=f"{member.name}:{line}",
                )
        for member in self._files(container, _COMMENTS):
            for line, row in csv_rows(container, member, ["Message"]):
                if pick(row, "Message"):
                    yield Post(
                        id=f"{member.name}:{line}",
                        text=pick(row, "Message"),
                        url=pick(row, "Link") or None,
                        created_at=when(pick(row, "Date")),
                        kind="comment",
                        location=f"{member.name}:{line}",
                    )
        if include_private:
            for member in self._files(container, _MESSAGES):
                for line, row in csv_rows(container, member, ["CONTENT"]):
                    sender = pick(row, "FROM")
                    if name and sender and sender.casefold() != name.casefold():
                        continue  # NOTE: only the user's own words are scanned, never what others sent them
                    if pick(row, "CONTENT"):
                        yield Post(
                            id=f"{member.name}:{line}",
                            text="\n".join(p for p in (pick(row, "SUBJECT"), pick(row, "CONTENT")) if p),
                            created_at=when(pick(row, "DATE")),
                            visibility="private_message",
                            kind="message",
                            location=f"{member.name}:{line}",
                        )
