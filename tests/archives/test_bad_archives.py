"""Bad downloads: each is refused with one clear line (exit 2), or, for one bad member, a warning."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from footprint.archives.container import Limits, open_container, safe_name
from footprint.cli import app
from footprint.errors import InputError
from footprint.plugins import discover
from footprint.rules import load_rules
from footprint.scan import ScanOptions, scan
from tests.archives import builders as b
from tests.conftest import make_profile

REGISTRY = discover()
RULES = load_rules()


def _scan(path: Path, **options: object):  # type: ignore[no-untyped-def]
    return scan(path, make_profile(), REGISTRY, RULES, ScanOptions(only=["identity"], **options))  # type: ignore[arg-type]


def _tree(root: Path) -> list[tuple[str, int]]:
    return sorted((str(p.relative_to(root)), p.stat().st_size) for p in root.rglob("*"))


def test_truncated_zip_is_one_clear_error(tmp_path: Path) -> None:
    whole = b.write_zip(tmp_path / "whole.zip", b.twitter_files()).read_bytes()
    cut = tmp_path / "twitter-2026.zip"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(InputError, match=r"twitter-2026.zip: not a readable zip archive"):
        _scan(cut)


def test_corrupt_member_is_a_warning_and_the_rest_is_scanned(tmp_path: Path) -> None:
    files = b.twitter_files()
    files["data/tweets-part1.js"] = (
        b"window.YTD.tweets.part1 = [" + b'{"tweet": {"id_str": "9", "full_text": "x"}}, ' * 2000 + b"]"
    )
    path = b.write_zip(tmp_path / "x.zip", files)
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("data/tweets-part1.js")
    # Damage the compressed bytes of one member: its CRC check fails while it is streamed.
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 20
    raw[start : start + 40] = bytes(40)
    path.write_bytes(bytes(raw))
    report = _scan(path)
    assert report.accounts[0].posts_read >= 2
    assert any(w.startswith("data/tweets-part1.js:") and "skipped" in w for w in report.warnings)


def test_zip_bomb_is_refused_before_expanding(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data/tweets.js", b"\0" * (40 * 1024 * 1024))
    assert path.stat().st_size < 200_000
    with pytest.raises(InputError, match="refused as a possible zip bomb"):
        _scan(path)


def test_total_size_limit(tmp_path: Path) -> None:
    path = b.write_zip(tmp_path / "x.zip", b.twitter_files())
    with pytest.raises(InputError, match="zip bomb"):
        _scan(path, limits=Limits(max_total_bytes=500))


def test_member_escaping_the_folder_is_skipped_with_a_warning(tmp_path: Path) -> None:
    path = b.write_zip(tmp_path / "x.zip", b.twitter_files())
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("../../etc/evil.js", b"window.YTD.tweets.part9 = []")
        archive.writestr("/abs/tweets.js", b"window.YTD.tweets.part9 = []")
    before = _tree(tmp_path)
    report = _scan(path)
    assert report.accounts[0].posts_read == 2
    assert any("'../../etc/evil.js'" in w and "leave the archive" in w for w in report.warnings)
    assert any("'/abs/tweets.js'" in w for w in report.warnings)
    assert _tree(tmp_path) == before, "scanning must never write anything"


@pytest.mark.parametrize(
    "raw, safe",
    [
        ("a/b.js", "a/b.js"),
        ("./a//b.js", "a/b.js"),
        ("a\\b.js", "a/b.js"),
        ("../x", None),
        ("a/../../x", None),
        ("/etc/passwd", None),
        ("C:/x", None),
        ("", None),
    ],
)
def test_safe_names(raw: str, safe: str | None) -> None:
    assert safe_name(raw) == safe


def test_wrong_encoding_of_a_single_file_is_an_error_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "posts.jsonl"
    path.write_bytes('{"text": "fine"}\n{"text": "Caf\u00e9 latin-1"}\n'.encode("latin-1"))
    with pytest.raises(InputError, match=r"^posts.jsonl:2: not UTF-8 text"):
        _scan(path)


def test_wrong_encoding_of_one_member_is_a_warning(tmp_path: Path) -> None:
    files = b.linkedin_files()
    files["Comments.csv"] = "Date,Link,Message\n2026-05-02 09:00:00,,Caf\u00e9\n".encode("latin-1")
    report = _scan(b.write_zip(tmp_path / "li.zip", files))
    assert any(w.startswith("Comments.csv: not UTF-8 text") for w in report.warnings)
    assert report.accounts[0].posts_read == 2


def test_unknown_layout(tmp_path: Path) -> None:
    path = b.write_zip(tmp_path / "holiday.zip", {"notes.txt": b"hello", "pics/readme.md": b"# hi"})
    with pytest.raises(InputError, match=r"holiday.zip: not a data download footprint recognises"):
        _scan(path)


def test_unknown_forced_format(tmp_path: Path) -> None:
    path = b.write_zip(tmp_path / "x.zip", b.twitter_files())
    with pytest.raises(InputError, match=r"unknown archive format 'myspace' \(known: bluesky, facebook"):
        _scan(path, format_of="myspace")


@pytest.mark.parametrize(
    "name, data",
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n" + os.urandom(200)),
        ("report.pdf", b"%PDF-1.7\n" + os.urandom(200)),
        ("random.bin", bytes(range(256)) * 4),
        ("empty.zip", b""),
        ("fake.tar.gz", b"\x1f\x8b\x08\x00garbage"),
    ],
)
def test_not_an_archive_at_all(name: str, data: bytes, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError):
        _scan(path)


def test_truncated_json_member_is_a_warning(tmp_path: Path) -> None:
    files = b.mastodon_files()
    files["outbox.json"] = files["outbox.json"][: len(files["outbox.json"]) * 2 // 3]
    report = _scan(b.write_zip(tmp_path / "m.zip", files))
    assert any(w.startswith("outbox.json: not valid JSON") for w in report.warnings)
    assert report.accounts[0].posts_read >= 1


def test_folder_symlinks_are_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "outside.jsonl"
    secret.write_text('{"text": "outside the folder: social worker"}\n')
    folder = b.write_folder(tmp_path / "d", b.generic_files())
    (folder / "linked.jsonl").symlink_to(secret)
    report = _scan(folder)
    assert report.accounts[0].posts_read == 3
    assert any("'linked.jsonl'" in w and "not followed" in w for w in report.warnings)


def test_member_larger_than_declared_is_refused(tmp_path: Path) -> None:
    with open_container(b.write_folder(tmp_path / "d", b.generic_files())) as container:
        member = container.members[0]
        (tmp_path / "d" / member.name).write_bytes(b'{"text": "grown"}\n' * 500)
        with pytest.raises(InputError, match="more data than its header declares"):
            container.open(member).read()


# --------------------------------------------------------------------------- the CLI


def test_cli_bad_archive_is_one_line_and_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "broken.zip"
    path.write_bytes(b"PK\x03\x04 this is not really a zip")
    result = CliRunner().invoke(app, ["scan", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and "broken.zip: not a readable zip archive" in lines[0]


def test_cli_scan_json_report_and_fail_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    monkeypatch.chdir(tmp_path)
    path = b.write_zip(tmp_path / "twitter.zip", b.twitter_files())
    out = tmp_path / "report.json"
    result = CliRunner().invoke(
        app, ["scan", str(path), "-f", "json", "-o", str(out), "--only", "identity", "--fail-on", "low"]
    )
    assert result.exit_code == 1, result.output
    data = json.loads(out.read_text())
    assert data["mode"] == "archive"
    assert data["accounts"][0]["account"] == "robinquill_sw"
    assert any(w.startswith("No profile file") for w in data["warnings"])
    assert oct(out.stat().st_mode & 0o777) == "0o600"


def test_cli_scan_uses_profiles_yaml_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    monkeypatch.chdir(tmp_path)
    (tmp_path / "profiles.yaml").write_text("person:\n  name: Robin Quill\n  employer: Eastvale County\n")
    path = b.write_folder(tmp_path / "dl", b.mastodon_files())
    result = CliRunner().invoke(app, ["scan", str(path), "-f", "json", "--only", "identity", "--include-private"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout[result.stdout.index("{") :])
    assert not any(w.startswith("No profile file") for w in data["warnings"])
    assert any(f["item"]["channel"] == "private" for f in data["findings"])


def test_cli_bad_profile_file_is_exit_2(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text("person: {}\n")
    path = b.write_folder(tmp_path / "dl", b.generic_files())
    result = CliRunner().invoke(app, ["scan", str(path), "--profile", str(profile)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_an_empty_generic_file_says_nothing_was_scanned(tmp_path: Path) -> None:
    """Issue 12: an empty JSONL used to exit 0 with a clean-looking report of nothing."""
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="nothing was scanned"):
        _scan(path)


def test_reading_never_uses_the_disk_for_zip_members(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("archives are read in memory or in place, never unpacked to disk")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    monkeypatch.setattr(tempfile, "SpooledTemporaryFile", refuse)
    monkeypatch.setattr(tempfile, "NamedTemporaryFile", refuse)
    for fmt, builder in b.FORMATS.items():
        report = _scan(b.write_zip(tmp_path / f"{fmt}.zip", builder()))
        assert report.accounts, fmt


def test_cli_scan_markdown_redacted(tmp_path: Path) -> None:
    path = b.write_folder(tmp_path / "dl", b.twitter_files())
    result = CliRunner().invoke(app, ["scan", str(path), "-f", "markdown", "--redact", "--only", "identity"])
    assert result.exit_code == 0, result.output
    assert "Archive audit" in result.stdout
    assert "robinquill_sw" not in result.stdout


def _patch_member(raw: bytearray, name: str, offset_local: int, offset_central: int, value: int) -> None:
    """Set a 2-byte field of one member in both its local header and its central-directory record."""
    encoded = name.encode()
    local = raw.find(b"PK\x03\x04")
    while local != -1 and raw[local + 30 : local + 30 + len(encoded)] != encoded:
        local = raw.find(b"PK\x03\x04", local + 4)
    central = raw.find(b"PK\x01\x02")
    while central != -1 and raw[central + 46 : central + 46 + len(encoded)] != encoded:
        central = raw.find(b"PK\x01\x02", central + 4)
    assert local != -1 and central != -1
    raw[local + offset_local : local + offset_local + 2] = value.to_bytes(2, "little")
    raw[central + offset_central : central + offset_central + 2] = value.to_bytes(2, "little")


def test_encrypted_and_unsupported_members_are_skipped_with_a_warning(tmp_path: Path) -> None:
    files = b.twitter_files()
    files["data/tweets-part1.js"] = b"window.YTD.tweets.part1 = []"
    files["data/tweets-part2.js"] = b"window.YTD.tweets.part2 = []"
    path = b.write_zip(tmp_path / "x.zip", files)
    raw = bytearray(path.read_bytes())
    _patch_member(raw, "data/tweets-part1.js", 6, 8, 0x1)  # general-purpose flags: encrypted
    _patch_member(raw, "data/tweets-part2.js", 8, 10, 99)  # compression method: one zipfile does not know
    path.write_bytes(bytes(raw))
    report = _scan(path)
    assert report.accounts[0].posts_read == 2
    assert any("'data/tweets-part1.js': it is encrypted" in w for w in report.warnings)
    assert any(w.startswith("data/tweets-part2.js: That compression method is not supported") for w in report.warnings)


def test_absurdly_deep_json_is_refused_cleanly(tmp_path: Path) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    (tmp_path / "posts.jsonl").write_text('{"text": "I am a social worker"}\n' + deep + "\n")
    report = _scan(tmp_path / "posts.jsonl")
    assert report.accounts[0].posts_read == 1
    assert report.warnings == ["posts.jsonl:2: nested too deeply to be a post; skipped"]
    (tmp_path / "outbox.json").write_text('{"orderedItems": [' + deep + "]}")
    with pytest.raises(InputError, match="outbox.json: nested too deeply"):
        _scan(tmp_path / "outbox.json", format_of="mastodon")
    files = b.mastodon_files()
    files["outbox.json"] = ('{"orderedItems": [' + deep + "]}").encode()
    report = _scan(b.write_zip(tmp_path / "m.zip", files))
    assert any(w.startswith("outbox.json: nested too deeply") for w in report.warnings)


def test_a_line_too_long_to_be_a_post(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from footprint.archives import generic

    monkeypatch.setattr(generic, "MAX_LINE", 1000)
    (tmp_path / "posts.jsonl").write_text('{"text": "fine"}\n{"text": "' + "x" * 5000 + '"}\n{"text": "also fine"}\n')
    report = _scan(tmp_path / "posts.jsonl")  # issue 12: one monstrous line no longer aborts the whole file
    assert report.accounts[0].posts_read == 2
    assert "posts.jsonl:2: a line longer than 1,000 bytes is not a post; skipped" in report.warnings


def test_unknown_framework_is_refused_before_reading(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["scan", str(b.write_folder(tmp_path / "d", b.generic_files())), "--framework", "nope"]
    )
    assert result.exit_code == 2
    assert "Traceback" not in result.output and "nope" in result.output


def test_json_member_in_utf16_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    # LinkedIn's 2018 exports really are UTF-16 with a byte-order mark, which says how to decode them.
    files = b.facebook_files()
    name = "your_facebook_activity/comments_and_reactions/comments.json"
    files[name] = files[name].decode("ascii").encode("utf-16")
    report = _scan(b.write_zip(tmp_path / "fb.zip", files))
    assert not report.warnings
    assert report.accounts[0].posts_read == 3
