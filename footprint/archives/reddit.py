"""Reddit's data export (the GDPR request): `posts.csv`, `comments.csv` and, optionally, `messages.csv`."""

from __future__ import annotations

from collections.abc import Iterator

from footprint.archives.container import Container, Member
from footprint.models import Post, Snapshot
from footprint.plugins.archives import (
    PRIVATE_NOTE,
    ArchiveAccount,
    ArchiveReader,
    csv_rows,
    handle_from_name,
    pick,
    when,
)


class RedditReader(ArchiveReader):
    """Reddit data export (CSV)."""

    name = "reddit"
    platform = "reddit"
    title = "Reddit data export (CSV)"

    def detect(self, container: Container) -> float:
        for member in container.by_basename("posts.csv", "comments.csv"):
            first = container.head(member, 1024).split(b"\n", 1)[0].lower()
            if b"subreddit" in first and b"permalink" in first:
                return 0.9
        return 0.0

    def parts(self, container: Container, include_private: bool) -> list[Member]:
        found = container.by_basename("posts.csv", "comments.csv")
        return found + (container.by_basename("messages.csv") if include_private else [])

    def read(self, container: Container, include_private: bool) -> Iterator[ArchiveAccount]:
        handle = handle_from_name(container.label)
        for member in container.by_basename("statistics.csv"):
            for _, row in csv_rows(container, member, ["statistic", "value"]):
                if pick(row, "statistic").lower() in ("account name", "username"):
                    handle = pick(row, "value") or handle
        snapshot = Snapshot(
            platform=self.platform,
            handle=handle,
            url=f"https://www.reddit.com/user/{handle}" if container.by_basename("statistics.csv") else None,
            origin="archive",
        )
        if container.by_basename("messages.csv") and not include_private:
            snapshot.notes.append(PRIVATE_NOTE)
        known = handle if container.by_basename("statistics.csv") else ""
        yield snapshot, self._posts(container, include_private, known)

    def _posts(self, container: Container, include_private: bool, handle: str) -> Iterator[Post]:
        for member in container.by_basename("posts.csv"):
            for line, row in csv_rows(container, member, ["id", "body"]):
                text = "\n".join(p for p in (pick(row, "title"), pick(row, "body")) if p)
                if text:
                    yield self._post(row, member, line, text, "post")
        for member in container.by_basename("comments.csv"):
            for line, row in csv_rows(container, member, ["id", "body"]):
                if pick(row, "body"):
                    yield self._post(row, member, line, pick(row, "body"), "comment")
        if include_private:
            for member in container.by_basename("messages.csv"):
                for line, row in csv_rows(container, member, ["body"]):
                    sender = pick(row, "from").removeprefix("u/")
                    if handle and sender and sender.casefold() != handle.casefold():
                        continue  # NOTE: only the user's own words are scanned, never what others sent them
                    if pick(row, "body"):
                        post = self._post(
                            row,
                            member,
                            line,
                            "\n".join(p for p in (pick(row, "subject"), pick(row, "body")) if p),
                            "message",
                        )
                        yield post.model_copy(update={"visibility": "private_message"})

    @staticmethod
    def _post(row: dict[str, str], member: Member, line: int, text: str, kind: str) -> Post:
        subreddit = pick(row, "subreddit")
        return Post(
            id=pick(row, "id") or f"{member.name}:{line}",
            text=text,
            url=pick(row, "permalink") or None,
            created_at=when(pick(row, "date")),
            kind=f"{kind} in r/{subreddit}" if subreddit else kind,
            location=f"{member.name}:{line}",
        )
