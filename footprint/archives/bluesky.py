"""Bluesky's repository export: a CAR file, walked from the signed commit through the search tree.

Walking the tree (rather than decoding every block) gives each record its real collection and
key and ignores stray blocks. Images are not in the CAR, only references to them.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import IO, Any

from footprint.archives.car import CarError, CarFile, Link
from footprint.archives.container import Container, FileContainer, FolderContainer, Member
from footprint.errors import InputError
from footprint.models import Post, Snapshot, VisibilityFacts
from footprint.plugins.archives import ArchiveAccount, ArchiveReader, MemberProblem, dig, guarded, listed, text_of, when

_COUNTED = {
    "app.bsky.feed.like": "likes",
    "app.bsky.feed.repost": "reposts",
    "app.bsky.graph.follow": "follows",
    "app.bsky.graph.block": "blocks",
}


def _looks_like_car(head: bytes) -> bool:
    return len(head) > 2 and head[0] < 0x80 and head[1] == 0xA2 and b"roots" in head[:64] and b"version" in head[:64]


class BlueskyReader(ArchiveReader):
    """Bluesky repository export (CAR)."""

    name = "bluesky"
    platform = "bluesky"
    title = "Bluesky repository (CAR)"

    def _cars(self, container: Container) -> list[Member]:
        return container.find(
            lambda m: m.suffix == ".car" or (m.suffix == "" and _looks_like_car(container.head(m, 64)))
        )

    def detect(self, container: Container) -> float:
        cars = self._cars(container)
        if any(_looks_like_car(container.head(m, 64)) for m in cars):
            return 0.95
        return 0.3 if cars else 0.0

    def parts(self, container: Container, include_private: bool) -> list[Member]:
        return self._cars(container)

    def read(self, container: Container, include_private: bool) -> Iterator[ArchiveAccount]:
        for member in self._cars(container):
            try:
                car, stream = self._open(container, member)
                commit = car.get(car.roots[0])
                if not isinstance(commit, dict) or not isinstance(commit.get("data"), Link):
                    raise CarError("the root block is not a repository commit")
                entries = list(car.walk_mst(commit["data"]))
            except (CarError,) + _READ_ERRORS as exc:
                problem = f"{member.name}: not a readable Bluesky repository ({exc})"
                if container.single_file or len(self._cars(container)) == 1:
                    raise InputError(problem) from None
                container.warn(problem + "; skipped")
                continue
            did = text_of(commit.get("did")) or member.basename
            profile: dict[str, Any] = {}
            counts = dict.fromkeys(_COUNTED.values(), 0)
            for key, link in entries:
                collection = key.split("/", 1)[0]
                if key == "app.bsky.actor.profile/self":
                    found = _safe_get(car, link)
                    profile = found if isinstance(found, dict) else {}
                elif collection in _COUNTED:
                    counts[_COUNTED[collection]] += 1
            labels = {text_of(v.get("val")) for v in listed(dig(profile, "labels", "values")) if isinstance(v, dict)}
            website = text_of(profile.get("website"))
            snapshot = Snapshot(
                platform=self.platform,
                handle=did,
                url=f"https://bsky.app/profile/{did}",
                display_name=text_of(profile.get("displayName")) or None,
                bio=text_of(profile.get("description")) or None,
                links=[website] if website else [],
                visibility=VisibilityFacts(
                    public_profile=True, public_posts=True, no_unauthenticated_label="!no-unauthenticated" in labels
                ),
                origin="archive",
            )
            snapshot.notes.append(
                "Everything in a Bluesky repository is public: anyone can download this same file without logging in, "
                f"including its likes ({counts['likes']}), follows ({counts['follows']}) and blocks ({counts['blocks']})."
            )
            posts = [(key, link) for key, link in entries if key.startswith("app.bsky.feed.post/")]
            yield snapshot, guarded(container, member, self._posts(car, stream, member, did, posts))

    @staticmethod
    def _open(container: Container, member: Member) -> tuple[CarFile, IO[bytes]]:
        if isinstance(container, (FileContainer, FolderContainer)):
            stream: IO[bytes] = container._open(member)
            if container.on_open is not None:
                container.on_open(member.name)
        else:
            # NOTE: zip members cannot seek backwards cheaply; a repository is read into memory, never to disk.
            stream = io.BytesIO(container.read_bytes(member))
        return CarFile(stream), stream

    def _posts(
        self, car: CarFile, stream: IO[bytes], member: Member, did: str, posts: list[tuple[str, Link]]
    ) -> Iterator[Post]:
        try:
            for key, link in posts:
                try:
                    record = car.get(link)
                except CarError as exc:
                    raise MemberProblem(f"{member.name}: record {key}: {exc}") from None
                if isinstance(record, dict):
                    rkey = key.split("/", 1)[1]
                    yield Post(
                        id=f"at://{did}/{key}",
                        text=_text(record),
                        url=f"https://bsky.app/profile/{did}/post/{rkey}",
                        created_at=when(record.get("createdAt")),
                        alt_texts=_alts(record.get("embed")),
                        kind="reply" if isinstance(record.get("reply"), dict) else "post",
                        location=f"{member.name}:{key}",
                    )
        finally:
            stream.close()


_READ_ERRORS: tuple[type[BaseException], ...] = (OSError, EOFError, ValueError)


def _safe_get(car: CarFile, link: Link) -> Any:
    try:
        return car.get(link)
    except CarError:
        return None


def _text(record: dict[str, Any]) -> str:
    return post_text(record)


_LINK = "app.bsky.richtext.facet#link"


def expand_links(text: str, facets: Any) -> str:
    """The post's text with each link shown in full: apps shorten the visible text
    (`example.org/a-long-pa...`) and keep the whole address in the facet, indexed by UTF-8 bytes."""
    raw = text.encode("utf-8")
    spans: list[tuple[int, int, str]] = []
    for facet in listed(facets):
        start, end = dig(facet, "index", "byteStart"), dig(facet, "index", "byteEnd")
        uris = [
            text_of(f.get("uri"))
            for f in listed(dig(facet, "features"))
            if isinstance(f, dict) and f.get("$type") == _LINK
        ]
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(raw) and uris and uris[0]:
            spans.append((start, end, uris[0]))
    last = len(raw) + 1
    for start, end, uri in sorted(spans, reverse=True):
        if end > last:
            continue  # overlapping facets: keep the later one
        shown = raw[start:end].decode("utf-8", "replace")
        stem = shown.rstrip(".…").strip()
        if stem and stem.split("://")[-1] in uri:
            replacement = uri
        else:
            replacement = f"{shown} ({uri})" if uri not in shown else shown
        raw = raw[:start] + replacement.encode("utf-8") + raw[end:]
        last = start
    return raw.decode("utf-8", "replace")


def link_card(embed: Any) -> list[str]:
    """A link card's address, title and description (an external embed, alone or beside a quoted post)."""
    external = dig(embed, "external") if isinstance(dig(embed, "external"), dict) else dig(embed, "media", "external")
    if not isinstance(external, dict):
        return []
    return [
        p
        for p in (text_of(external.get("uri")), text_of(external.get("title")), text_of(external.get("description")))
        if p
    ]


def post_text(record: dict[str, Any]) -> str:
    """What a post shows as words: its text with links in full, then its link card."""
    text = expand_links(text_of(record.get("text")), record.get("facets"))
    card = [p for p in link_card(record.get("embed")) if p not in text]
    return "\n".join(p for p in (text, *card) if p)


def _alts(embed: Any) -> list[str]:
    images = listed(dig(embed, "images")) or listed(dig(embed, "media", "images"))
    alts = [text_of(img.get("alt")) for img in images if isinstance(img, dict)]
    video_alt = text_of(dig(embed, "alt")) or text_of(dig(embed, "media", "alt"))
    return [a for a in [*alts, video_alt] if a]
