"""The offline audit: read a data download (zip, tar.gz, folder or file) and run the same checks.

It is the archive twin of `engine.audit`: a reader normalises the download into snapshots and a
stream of posts, photo headers are read for metadata, and the same `Analyser` and
`build_report` produce a `Report` with `mode="archive"`. Nothing is extracted or written.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from footprint.archives.container import Container, Limits, open_container
from footprint.archives.photos import image_members, read_photo
from footprint.core import Analyser, NoProgress, Progress, build_report
from footprint.errors import InputError
from footprint.guidance import load_catalogue
from footprint.models import Account, AccountStatus, Outcome, Person, Photo, Post, Profile, Report, Snapshot
from footprint.plugins import Registry
from footprint.plugins.archives import ArchiveReader
from footprint.rules import RuleSet

PRIVATE_VISIBILITIES = frozenset({"followers", "direct", "private_message"})


@dataclass
class ScanOptions:
    """Choices for one archive scan."""

    format_of: str | None = None
    include_private: bool = False
    only: Iterable[str] = ()
    skip: Iterable[str] = ()
    framework: str | None = None
    limits: Limits = field(default_factory=Limits)


def choose_reader(
    container: Container, readers: dict[str, type[ArchiveReader]], forced: str | None = None
) -> ArchiveReader:
    """The reader for this container: the one named by `forced`, or the most confident one."""
    if forced is not None:
        key = forced.strip().lower()
        if key not in readers:
            raise InputError(f"unknown archive format {forced!r} (known: {', '.join(sorted(readers))})")
        return readers[key]()
    scored = sorted(((cls().detect(container), name) for name, cls in readers.items()), reverse=True)
    if not scored or scored[0][0] <= 0:
        raise InputError(
            f"{container.label}: not a data download footprint recognises "
            f"(known formats: {', '.join(sorted(readers))}; force one with --format-of)"
        )
    return readers[scored[0][1]]()


def scan(
    path: Path,
    profile: Profile | None,
    registry: Registry,
    rules: RuleSet,
    options: ScanOptions | None = None,
    *,
    readers: dict[str, type[ArchiveReader]] | None = None,
    progress: Progress | None = None,
) -> Report:
    """Audit one data download offline and return the report."""
    options = options or ScanOptions()
    progress = progress or NoProgress()
    readers = registry.archives if readers is None else readers
    checks = registry.select_checks(list(options.only), list(options.skip))
    catalogue = load_catalogue(
        options.framework or (profile.framework if profile else Profile.model_fields["framework"].default)
    )
    warnings: list[str] = []
    outcomes: list[Outcome] = []
    analyser: Analyser | None = None
    with open_container(path, options.limits) as container:
        reader = choose_reader(container, readers, options.format_of)
        photos = _photos(container, progress)
        parts = reader.parts(container, options.include_private)
        progress.start(len(parts), f"Reading {reader.title}")
        announced: set[str] = set()

        def opened(name: str) -> None:
            if name not in announced:  # NOTE: a reader may open a member twice (find its accounts, then read it)
                announced.add(name)
                progress.advance(name)

        container.on_open = opened
        try:
            for snapshot, posts in reader.read(container, options.include_private):
                if not outcomes:
                    snapshot.photos = merge_photos(photos, snapshot.photos)
                if profile is None:
                    profile = minimal_profile(snapshot, container)
                    warnings.append(
                        f"No profile file: checked against the name found in the archive ({profile.person.name!r}) only. "
                        "Pass --profile (or keep profiles.yaml in this folder) so your employer, places and watch words are checked too."
                    )
                if analyser is None:
                    analyser = Analyser(profile, checks, rules)
                account = _declared(profile, snapshot)
                snapshot.anonymous = account.anonymous
                analyser.account(snapshot, _gate(posts, snapshot, options.include_private))
                outcomes.append(Outcome(account=account, status=AccountStatus.CHECKED, snapshot=snapshot))
        finally:
            container.on_open = None
            progress.finish()
        warnings.extend(container.warnings)
    if analyser is None or profile is None:
        raise InputError(f"{path}: the {reader.title} holds no account to scan")
    every = [photo for outcome in outcomes if outcome.snapshot for photo in outcome.snapshot.photos]
    if not sum(analyser.posts_read.values()):
        # NOTE: an empty or unreadable download must never look like a clean one.
        said = any(o.snapshot and (o.snapshot.display_name or o.snapshot.bio or o.snapshot.fields) for o in outcomes)
        if not said and not every and not any(o.snapshot and o.snapshot.notes for o in outcomes):
            raise InputError(
                f"{path}: nothing was scanned: the {reader.title} holds no posts or profile text footprint could read"
            )
        warnings.append(
            f"Nothing was scanned from {path.name} but its profile: it holds no posts footprint could read."
        )
    stats = {"photos": len(every), "photos_with_position": sum(1 for p in every if p.latitude is not None)}
    return build_report(profile, outcomes, analyser, catalogue, mode="archive", warnings=warnings, stats=stats)


def _photos(container: Container, progress: Progress) -> list[Photo]:
    members = image_members(container)
    if not members:
        return []
    progress.start(len(members), "Reading photo metadata")
    photos: list[Photo] = []
    unreadable = 0
    try:
        for member in members:
            photo = read_photo(container, member)
            if photo is None:
                unreadable += 1
            else:
                photos.append(photo)
            progress.advance(member.name)
    finally:
        progress.finish()
    if unreadable:
        container.warn(f"{unreadable} image file(s) could not be read as images; their metadata was not checked")
    return photos


def merge_photos(*groups: list[Photo]) -> list[Photo]:
    """One entry per path, from image headers and from the platform's own metadata; a position wins."""
    merged: dict[str, Photo] = {}
    for photo in (p for group in groups for p in group):
        kept = merged.get(photo.path)
        if kept is None or (kept.latitude is None and photo.latitude is not None):
            merged[photo.path] = photo
    return list(merged.values())


def _gate(posts: Iterator[Post], snapshot: Snapshot, include_private: bool) -> Iterator[Post]:
    """Drop followers-only, direct and private posts unless asked for, counting them in a note."""
    skipped = 0
    for post in posts:
        if not include_private and post.visibility in PRIVATE_VISIBILITIES:
            skipped += 1
            continue
        yield post
    if skipped:
        snapshot.notes.append(
            f"{skipped} followers-only, direct or private item(s) were not scanned; pass --include-private to scan them too."
        )


def minimal_profile(snapshot: Snapshot, container: Container) -> Profile:
    """A profile built from the archive's own name, for a scan without a profile file."""
    name = (snapshot.display_name or "").strip() or snapshot.handle.strip() or container.label
    return Profile(person=Person(name=name))


def _declared(profile: Profile, snapshot: Snapshot) -> Account:
    """The profile's own entry for this account when it declares one, else a plain one."""
    wanted = snapshot.handle.lstrip("@").casefold()
    for account in profile.accounts:
        if account.platform == snapshot.platform and (account.handle or "").lstrip("@").casefold() == wanted:
            return account
    return Account(platform=snapshot.platform, handle=snapshot.handle)
