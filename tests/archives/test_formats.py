"""Every format is detected and scanned, from an unpacked folder and from a zip, with the same result."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from footprint.archives.container import open_container
from footprint.models import Post, Report
from footprint.plugins import discover
from footprint.rules import load_rules
from footprint.scan import ScanOptions, choose_reader, scan
from tests.archives import builders as b
from tests.conftest import make_profile

REGISTRY = discover()
RULES = load_rules()

# format → (platform, handle, posts scanned by default, posts scanned with --include-private)
EXPECTED = {
    "x": ("x", "robinquill_sw", 2, 3),
    "facebook": ("facebook", "Robin Quill", 3, 4),
    "instagram": ("instagram", "robin.q", 4, 5),
    "linkedin": ("linkedin", "Robin Quill", 3, 5),
    "mastodon": ("mastodon", "@robinq@social.example", 2, 4),
    "bluesky": ("bluesky", "did:plc:abcdefghijklmnopqrstuvwx", 2, 2),
    "reddit": ("reddit", "robin_throwaway", 2, 3),
    "tiktok": ("tiktok", "robin.quill.sw", 2, 3),
    "generic": ("generic", "posts", 3, 3),
}


def _build(kind: str, files: dict[str, bytes], tmp_path: Path) -> Path:
    if kind == "folder":
        return b.write_folder(tmp_path / "download", files)
    if kind == "zip":
        return b.write_zip(tmp_path / "download.zip", files)
    return b.write_zip(tmp_path / "rezipped.zip", files, wrapper="my-download-2026/")


def _scan(path: Path, **options: object) -> Report:
    return scan(path, make_profile(), REGISTRY, RULES, ScanOptions(only=["identity"], **options))  # type: ignore[arg-type]


def _posts(path: Path, include_private: bool = False) -> list[Post]:
    with open_container(path) as container:
        reader = choose_reader(container, discover().archives)
        return [post for _snapshot, posts in reader.read(container, include_private) for post in posts]


@pytest.mark.parametrize("kind", ["folder", "zip", "wrapped-zip"])
@pytest.mark.parametrize("fmt", sorted(EXPECTED))
def test_each_format_is_detected_and_scanned(fmt: str, kind: str, tmp_path: Path) -> None:
    path = _build(kind, b.FORMATS[fmt](), tmp_path)
    with open_container(path) as container:
        assert choose_reader(container, discover().archives).name == fmt
    platform, handle, scanned, _ = EXPECTED[fmt]
    report = _scan(path)
    assert report.mode == "archive"
    assert [(a.platform, a.account, a.posts_read) for a in report.accounts] == [(platform, handle, scanned)]
    roles = [f for f in report.findings if f.check == "identity.role" and f.item.kind == "post"]
    assert roles, "the post saying 'social worker' was not found"
    assert all(f.item.location for f in roles)
    assert all(f.item.channel == "public" for f in report.findings)


@pytest.mark.parametrize("fmt", sorted(EXPECTED))
def test_include_private_scans_messages_and_marks_them(fmt: str, tmp_path: Path) -> None:
    path = b.write_zip(tmp_path / "d.zip", b.FORMATS[fmt]())
    _, _, scanned, with_private = EXPECTED[fmt]
    report = _scan(path, include_private=True)
    assert report.accounts[0].posts_read == with_private
    if with_private > scanned:
        private = [f for f in report.findings if f.item.channel == "private"]
        assert private and all(f.item.kind == "post" for f in private)
        assert not any("Private messages in this download were not scanned" in n for n in report.accounts[0].notes)


@pytest.mark.parametrize("fmt", ["x", "facebook", "instagram", "linkedin", "mastodon", "reddit", "tiktok"])
def test_private_material_is_left_out_by_default_and_said_so(fmt: str, tmp_path: Path) -> None:
    report = _scan(b.write_folder(tmp_path / "d", b.FORMATS[fmt]()))
    assert not any(f.item.channel == "private" for f in report.findings)
    assert any("--include-private" in note for note in report.accounts[0].notes)
    assert all(b.PRIVATE_LINE not in (f.excerpt.text if f.excerpt else "") for f in report.findings)


def test_only_the_users_own_messages_are_scanned(tmp_path: Path) -> None:
    for fmt in ("x", "facebook", "instagram", "linkedin", "reddit", "tiktok"):
        posts = _posts(b.write_folder(tmp_path / fmt, b.FORMATS[fmt]()), include_private=True)
        messages = [p.text.splitlines()[-1] for p in posts if p.kind == "message"]
        assert messages == [b.PRIVATE_LINE], fmt


def test_format_can_be_forced(tmp_path: Path) -> None:
    path = b.write_folder(tmp_path / "d", {"notes.jsonl": b'{"text": "hello from a social worker"}\n'})
    report = _scan(path, format_of="generic")
    assert report.accounts[0].posts_read == 1


def test_mastodon_from_tar_gz_and_visibility_from_addressing(tmp_path: Path) -> None:
    path = b.write_tar(tmp_path / "archive-20260601-abc.tar.gz", b.mastodon_files())
    posts = {p.text.split(":")[0]: p for p in _posts(path, include_private=True)}
    assert {k: p.visibility for k, p in posts.items()} == {
        "Another long day as a social worker & tired": "public",
        "Unlisted": "unlisted",
        "Followers-only": "followers",
        "@sam Private": "direct",
    }
    assert posts["Another long day as a social worker & tired"].alt_texts == ["Whiteboard with first names blurred"]
    report = _scan(path, include_private=True)
    followers = [f for f in report.findings if f.excerpt and "Birch Lane" in f.excerpt.text]
    assert followers and followers[0].item.channel == "private"


def test_facebook_photo_positions_from_its_own_metadata(tmp_path: Path) -> None:
    report = _scan(b.write_zip(tmp_path / "fb.zip", b.facebook_files()))
    assert report.stats["photos"] == 1
    assert report.stats["photos_with_position"] == 1
    with open_container(tmp_path / "fb.zip") as container:
        snapshot, _ = next(choose_reader(container, discover().archives).read(container, False))
    assert [(p.path, p.latitude, p.longitude) for p in snapshot.photos] == [
        ("your_facebook_activity/posts/media/Mobileuploads_10001/900001.jpg", 51.0, -1.0)
    ]


def test_facebook_and_instagram_mojibake_is_repaired(tmp_path: Path) -> None:
    fb = _posts(b.write_zip(tmp_path / "fb.zip", b.facebook_files()))
    assert fb[0].text.startswith(f"{b.ROLE_LINE} 😀 at the Café")
    assert "At Birch Lane Café" in fb[0].text
    assert "Team lunch at the Café" in fb[0].alt_texts
    assert "Robin Quill was at" not in fb[0].text  # the generated title names people; it is not the user's words
    assert [p.text for p in fb if p.kind == "comment"] == ["Zoë says well done"]
    ig = _posts(b.write_zip(tmp_path / "ig.zip", b.instagram_files()))
    assert ig[0].text == "First day in the new Riverton office ☀️ #socialworkmonth"
    with open_container(tmp_path / "ig.zip") as container:
        snapshot, _ = next(choose_reader(container, discover().archives).read(container, False))
    assert snapshot.bio == "Kaffee ☕ und Katzen"
    assert snapshot.display_name == "Robin Quill"


def test_instagram_localised_labels(tmp_path: Path) -> None:
    comments = [p for p in _posts(b.write_folder(tmp_path / "ig", b.instagram_files())) if p.kind == "comment"]
    assert [c.text for c in comments] == ["Mis je op het teamoverleg, collega social worker!", "Older shape comment"]
    assert comments[0].created_at is not None and comments[0].created_at.year == 2025


def test_linkedin_fields_visibility_and_multiline_rows(tmp_path: Path) -> None:
    path = b.write_folder(tmp_path / "li", b.linkedin_files())
    posts = _posts(path, include_private=True)
    shares = [p for p in posts if p.location and p.location.startswith("Shares")]
    assert [p.location for p in shares] == ["Shares_7789716.csv:2", "Shares_7789716.csv:3", "Shares_7789716.csv:5"]
    assert [p.visibility for p in shares] == ["public", "public", "followers"]
    assert shares[0].text == 'Proud of our team. "Small wins" matter.'
    with open_container(path) as container:
        snapshot, _ = next(choose_reader(container, discover().archives).read(container, False))
    assert snapshot.bio == "Child protection, court work.\nFormer youth worker."
    assert any(f.value.startswith("Family Support Worker, Eastvale County") for f in snapshot.fields)


def test_bluesky_walks_the_tree_not_stray_blocks(tmp_path: Path) -> None:
    path = b.write_folder(tmp_path / "bsky", b.bluesky_files())
    posts = _posts(path)
    assert sorted(p.text for p in posts) == [b.ROLE_LINE, "Back at Riverton General on Monday."]
    assert any(p.alt_texts == ["My badge on the desk"] for p in posts)
    assert all(p.url and p.url.startswith("https://bsky.app/profile/did:plc:") for p in posts)
    report = _scan(path)
    assert any("blocks (1)" in n for n in report.accounts[0].notes)


def test_tiktok_reads_old_keys_too(tmp_path: Path) -> None:
    old = {
        "Profile": {"Profile Information": {"ProfileMap": {"userName": "old.user"}}},
        "Video": {
            "Videos": {"VideoList": [{"Date": "2021-01-01 10:00:00", "Title": "old caption from a social worker"}]}
        },
        "Comment": {"CommentsList": [{"Date": "2021-01-02 10:00:00", "Comment": "old comment"}]},
    }
    import json

    path = b.write_folder(tmp_path / "tt", {"user_data.json": json.dumps(old).encode()})
    assert [p.text for p in _posts(path)] == ["old caption from a social worker", "old comment"]


def test_generic_jsonl_reports_line_numbers(tmp_path: Path) -> None:
    lines = [
        '{"text": "nothing here"}',
        "",
        "not json at all",
        '{"text": "I am a social worker in Kirkcaldy", "url": "https://blog.example/2"}',
    ]
    path = tmp_path / "posts.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = _scan(path)
    role = next(f for f in report.findings if f.check == "identity.role")
    assert role.item.location == "posts.jsonl:4"
    assert role.item.url == "https://blog.example/2"
    assert report.warnings == ["posts.jsonl:3: not valid JSON (Expecting value); skipped"]


def test_generic_csv_and_platform_column(tmp_path: Path) -> None:
    path = tmp_path / "example.csv"
    path.write_text(
        "text,created_at,url,platform\n"
        '"As a social worker, I…",2026-01-01,https://a.example/1,Facebook\n'
        "Just a walk,,,x\n"
        '"I work as a social worker too",,,facebook\n',
        encoding="utf-8",
    )
    report = _scan(path)
    assert sorted((a.platform, a.posts_read) for a in report.accounts) == [("facebook", 2), ("x", 1)]
    locations = sorted(f.item.location for f in report.findings if f.check == "identity.role")
    assert locations == ["example.csv:2", "example.csv:4"]


@pytest.mark.parametrize("builder", [b.twitter_files, b.mastodon_files], ids=["x", "mastodon"])
def test_declared_anonymous_account_is_matched(builder: Callable[[], dict[str, bytes]], tmp_path: Path) -> None:
    platform, handle = ("x", "robinquill_sw") if builder is b.twitter_files else ("mastodon", "@robinq@social.example")
    profile = make_profile(accounts=[{"platform": platform, "handle": handle, "anonymous": True}])
    report = scan(b.write_folder(tmp_path / "d", builder()), profile, REGISTRY, RULES, ScanOptions(only=["identity"]))
    assert report.accounts[0].anonymous is True


def test_without_a_profile_the_archive_name_is_used_and_said(tmp_path: Path) -> None:
    report = scan(
        b.write_folder(tmp_path / "d", b.twitter_files()), None, REGISTRY, RULES, ScanOptions(only=["identity"])
    )
    assert report.subject.name == "Robin Quill"
    assert any(w.startswith("No profile file") for w in report.warnings)
    assert any(f.check == "identity.real-name" for f in report.findings)


class Recorder:
    """A Progress observer that remembers what it was told."""

    def __init__(self) -> None:
        self.events: list[tuple[str, object]] = []

    def start(self, total: int, what: str) -> None:
        self.events.append(("start", (total, what)))

    def advance(self, label: str) -> None:
        self.events.append(("advance", label))

    def finish(self) -> None:
        self.events.append(("finish", None))


def test_progress_names_each_part_as_it_is_read(tmp_path: Path) -> None:
    recorder = Recorder()
    path = b.write_zip(tmp_path / "x.zip", b.twitter_files())
    scan(path, make_profile(), REGISTRY, RULES, ScanOptions(only=["identity"]), progress=recorder)
    starts = [value for kind, value in recorder.events if kind == "start"]
    assert starts == [(1, "Reading photo metadata"), (3, "Reading X/Twitter archive")]
    advanced = [value for kind, value in recorder.events if kind == "advance"]
    assert advanced == [
        "data/tweets_media/1790000000000000123-abc.jpg",
        "data/account.js",
        "data/profile.js",
        "data/tweets.js",
    ]
    assert recorder.events[-1] == ("finish", None)
