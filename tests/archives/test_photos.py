"""Photo metadata: position rounded when read, owner and date kept, stats in the report."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from footprint.archives.container import open_container
from footprint.archives.photos import read_photo
from footprint.plugins import discover
from footprint.rules import load_rules
from footprint.scan import ScanOptions, scan
from tests.archives import builders as b
from tests.conftest import make_profile


def jpeg(
    gps: dict[int, object] | None = None, artist: str | None = None, when: str | None = None, fmt: str = "JPEG"
) -> bytes:
    image = Image.new("RGB", (16, 16), "white")
    exif = Image.Exif()
    if artist:
        exif[0x013B] = artist
    if when:
        exif[0x0132] = when
    if gps:
        exif.get_ifd(0x8825).update(gps)
    out = io.BytesIO()
    image.save(out, fmt, exif=exif)
    return out.getvalue()


KIRKCALDY = {1: "N", 2: (56.0, 6.0, 57.6123), 3: "W", 4: (3.0, 9.0, 36.4567)}


def test_position_is_rounded_on_reading(tmp_path: Path) -> None:
    (tmp_path / "p.jpg").write_bytes(jpeg(KIRKCALDY, artist="Robin Quill", when="2026:05:01 10:00:00"))
    with open_container(tmp_path / "p.jpg") as container:
        photo = read_photo(container, container.members[0])
    assert photo is not None
    assert (photo.latitude, photo.longitude) == (56.12, -3.16)
    assert photo.owner_name == "Robin Quill"
    assert photo.taken_at is not None and photo.taken_at.year == 2026
    dumped = photo.model_dump_json()
    assert "56.116" not in dumped and "3.160" not in dumped


def test_unreadable_and_plain_images(tmp_path: Path) -> None:
    (tmp_path / "bad.jpg").write_bytes(b"\xff\xd8\xff garbage")
    (tmp_path / "plain.png").write_bytes(jpeg(fmt="PNG"))
    (tmp_path / "zero.jpg").write_bytes(jpeg({1: "N", 2: (0.0, 0.0, 0.0), 3: "E"}))
    with open_container(tmp_path) as container:
        found = {m.name: read_photo(container, m) for m in container.members}
    assert found["bad.jpg"] is None
    assert found["plain.png"] is not None and found["plain.png"].latitude is None
    assert found["zero.jpg"] is not None and found["zero.jpg"].latitude is None  # no longitude → no position


def test_photos_reach_the_snapshot_and_the_stats(tmp_path: Path) -> None:
    files = b.twitter_files()
    files["data/tweets_media/1-a.jpg"] = jpeg(KIRKCALDY)
    files["data/tweets_media/2-b.jpg"] = jpeg()
    path = b.write_zip(tmp_path / "x.zip", files)
    report = scan(path, make_profile(), discover(), load_rules(), ScanOptions(only=["identity"]))
    assert report.stats["photos"] == 2
    assert report.stats["photos_with_position"] == 1
    assert any("could not be read as images" in w for w in report.warnings)  # the builder's fake .jpg


def test_a_photo_with_a_position_becomes_a_finding(tmp_path: Path) -> None:
    registry = discover()
    if "oversharing.personal" not in registry.checks:
        import pytest

        pytest.skip("the oversharing.personal check is not installed")
    files = b.mastodon_files()
    files["media_attachments/files/1/original/a.jpg"] = jpeg(KIRKCALDY)
    report = scan(
        b.write_zip(tmp_path / "m.zip", files),
        make_profile(),
        registry,
        load_rules(),
        ScanOptions(only=["oversharing.personal"]),
    )
    photos = [f for f in report.findings if f.item.kind == "photo"]
    assert len(photos) == 1
    assert photos[0].item.id == "media_attachments/files/1/original/a.jpg"
    assert "56.1" in photos[0].why and "56.116" not in photos[0].model_dump_json()
