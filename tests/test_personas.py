"""Trainer personas through the real CLI: the bundled five, `--list`, `--persona`, a trainer's own folder
(`--personas DIR`, served through the demo's mock transport) and one located line for every malformed file.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from footprint.cli import app

runner = CliRunner()
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "personas"


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), catch_exceptions=False)


def reports_of(result) -> list[dict]:  # type: ignore[no-untyped-def]
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    return data if isinstance(data, list) else [data]


def one_error_line(result) -> str:  # type: ignore[no-untyped-def]
    """The CLI's single `error:` line: exit 2, no traceback, nothing else said."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


# --------------------------------------------------------------------------- the bundled personas


def test_list_names_five_personas_each_with_a_one_line_teaching_point() -> None:
    result = run("demo", "--list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 10, "two lines per persona: who, then the teaching point"
    names = [line.split()[0] for line in lines[0::2]]
    assert names == ["anonymous", "careful", "manager", "oversharer", "student"]
    roles = " | ".join(lines[0::2])
    for role in ("social worker", "social work student", "team manager"):
        assert role in roles
    for point in lines[1::2]:
        assert point.startswith(" ") and len(point.strip()) > 40


def test_list_is_quick_and_reads_no_account() -> None:
    result = run("demo", "--list", "--persona", "student")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("student  Priya Nair, social work student")
    assert "Reading accounts" not in result.output


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("student", {"conduct.public-trust", "contact.personal", "identity.employer"}),
        ("anonymous", {"identity.linkable", "conduct.disparaging", "oversharing.service-user"}),
        ("manager", {"oversharing.workplace", "oversharing.service-user", "contact.personal"}),
    ],
)
def test_each_new_persona_teaches_through_real_findings(name: str, expected: set[str]) -> None:
    [report] = reports_of(run("demo", "--persona", name, "-f", "json"))
    assert report["mode"] == "demo" and report["teaching_point"]
    served = [a for a in report["accounts"] if a["platform"] in ("mastodon", "bluesky")]
    assert served and all(a["status"] == "checked" and a["posts_read"] > 0 for a in served)
    serious = {f["check"] for f in report["findings"] if f["severity"] in ("medium", "high")}
    assert expected <= serious, serious


def test_default_demo_runs_every_bundled_persona() -> None:
    reports = reports_of(run("demo", "-f", "json"))
    assert {r["subject"]["name"] for r in reports} == {
        "Robin Hale",
        "Alex Morgan",
        "Morgan Blake",
        "Jamie Reid",
        "Priya Nair",
    }
    assert all(r["teaching_point"] for r in reports)


def test_unknown_persona_is_one_line() -> None:
    line = one_error_line(runner.invoke(app, ["demo", "--persona", "nobody"]))
    assert "no persona called 'nobody'" in line and "student" in line


# --------------------------------------------------------------------------- a trainer's own folder


def test_the_shipped_example_folder_runs_like_live_accounts() -> None:
    [report] = reports_of(run("demo", "--personas", str(EXAMPLE), "-f", "json"))
    assert report["subject"]["name"] == "Dana Whitfield"
    assert report["teaching_point"].startswith("Nothing on its own")
    accounts = {a["platform"]: a for a in report["accounts"]}
    assert accounts["mastodon"]["status"] == "checked" and accounts["mastodon"]["posts_read"] == 2
    assert accounts["bluesky"]["status"] == "checked" and accounts["bluesky"]["posts_read"] == 3, (
        "read from the JSONL file"
    )
    assert accounts["bluesky"]["anonymous"] is True
    assert accounts["facebook"]["status"] == "not_checkable"
    checks = {f["check"] for f in report["findings"]}
    assert {"identity.linkable", "contact.personal", "oversharing.service-user", "visibility.public"} <= checks
    mobile = next(f for f in report["findings"] if f["check"] == "contact.personal")
    assert "07700 900123" in mobile["excerpt"]["text"]


def test_list_and_pick_within_a_trainer_folder(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    shutil.copytree(EXAMPLE, folder)
    text = (folder / "dana.yaml").read_text()
    (folder / "lee.yaml").write_text(
        text.replace("Dana Whitfield", "Lee Carver").replace(
            'teaching_point: "Nothing', 'teaching_point: "Also nothing'
        )
    )
    listed = run("demo", "--personas", str(folder), "--list")
    assert [line.split()[0] for line in listed.stdout.splitlines()[0::2]] == ["dana", "lee"]
    [report] = reports_of(run("demo", "--personas", str(folder), "--persona", "lee", "-f", "json"))
    assert report["subject"]["name"] == "Lee Carver"
    line = one_error_line(runner.invoke(app, ["demo", "--personas", str(folder), "--persona", "student"]))
    assert "no persona called 'student' (known: dana, lee)" in line


def test_an_account_without_content_answers_as_missing(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(
        'teaching_point: "An account that is gone."\nperson: {name: Ann Example}\n'
        'accounts:\n  - {platform: mastodon, handle: "@ann@social.example"}\n'
    )
    [report] = reports_of(run("demo", "--personas", str(tmp_path), "-f", "json"))
    assert report["accounts"][0]["status"] == "not_found"


def test_posts_with_html_like_text_are_read_as_text(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(
        'teaching_point: "Escaping."\nperson: {name: Ann Example}\n'
        'accounts:\n  - platform: mastodon\n    handle: "@ann@social.example"\n'
        '    posts:\n      - text: "<b>bold</b> & my number is 07700 900999"\n'
    )
    [report] = reports_of(run("demo", "--personas", str(tmp_path), "-f", "json"))
    phone = next(f for f in report["findings"] if f["check"] == "contact.personal")
    assert "<b>bold</b> & my number" in phone["excerpt"]["text"]


# --------------------------------------------------------------------------- malformed persona files

GOOD_HEAD = 'teaching_point: "One line."\nperson: {name: Ann Example}\naccounts:\n'


@pytest.mark.parametrize(
    ("body", "where", "says"),
    [
        (
            '  - platform: mastodon\n    handle: "@ann@social.example"\n    posts:\n      - {text: hi, txt: hello}\n',
            "p.yaml:7:20",
            "accounts[0].posts[0].txt: unknown key",
        ),
        ('  - platform: mastadon\n    handle: "@ann@social.example"\n', "p.yaml:4:15", "unknown platform 'mastadon'"),
        (
            '  - platform: x\n    handle: "@ann_x"\n    posts: [{text: hi}]\n',
            "p.yaml:6:5",
            "a persona can show content only on mastodon, bluesky accounts",
        ),
        ('  - platform: mastodon\n    handle: "ann"\n', "p.yaml:5:13", "cannot be a valid Mastodon handle"),
        (
            "  - platform: bluesky\n    handle: ann.bsky.social\n    posts:\n      - {text: hi, date: yesterday}\n",
            "p.yaml:7:26",
            "posts[0].date: 'yesterday' is not a date: write it like 2026-11-20",
        ),
        ('  - {platform: mastodon, handle: "@ann@social.example"\n', "p.yaml:5:1", "not valid YAML"),
    ],
)
def test_a_malformed_persona_file_is_one_located_line(tmp_path: Path, body: str, where: str, says: str) -> None:
    (tmp_path / "p.yaml").write_text(GOOD_HEAD + body)
    line = one_error_line(runner.invoke(app, ["demo", "--personas", str(tmp_path)]))
    assert f"{tmp_path / where}" in line and says in line, line


def test_a_missing_teaching_point_is_located(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(
        "person: {name: Ann Example}\naccounts:\n  - {platform: linkedin, handle: ann-example}\n"
    )
    line = one_error_line(runner.invoke(app, ["demo", "--personas", str(tmp_path)]))
    assert f"{tmp_path / 'p.yaml'}:1:1: teaching_point: required but missing" in line


def test_a_malformed_posts_file_is_located_by_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(
        GOOD_HEAD + "  - platform: bluesky\n    handle: ann.bsky.social\n    posts_file: ann.jsonl\n"
    )
    (tmp_path / "ann.jsonl").write_text('{"text": "fine"}\n\n{"text": "broken",}\n')
    line = one_error_line(runner.invoke(app, ["demo", "--personas", str(tmp_path)]))
    assert (
        line
        == f"error: {tmp_path / 'ann.jsonl'}:3:19: not valid JSON: Expecting property name enclosed in double quotes"
    )
    (tmp_path / "ann.jsonl").write_text('{"text": "fine"}\n{"text": "x", "alt": "y"}\n')
    line = one_error_line(runner.invoke(app, ["demo", "--personas", str(tmp_path)]))
    assert line == f"error: {tmp_path / 'ann.jsonl'}:2:15: alt: unknown key (check its spelling)"
    (tmp_path / "ann.jsonl").unlink()
    line = one_error_line(runner.invoke(app, ["demo", "--personas", str(tmp_path)]))
    assert f"{tmp_path / 'p.yaml'}:6:17: accounts[0].posts_file:" in line and "not found" in line


def test_an_empty_or_missing_folder_is_one_line(tmp_path: Path) -> None:
    assert "no persona files" in one_error_line(runner.invoke(app, ["demo", "--personas", str(tmp_path)]))
    assert "folder not found" in one_error_line(runner.invoke(app, ["demo", "--personas", str(tmp_path / "nope")]))


def test_redact_masks_the_teaching_point_too() -> None:
    [report] = reports_of(run("demo", "--personas", str(EXAMPLE), "-f", "json", "--redact"))
    assert report["redacted"] and "Dana" not in json.dumps(report)
    assert report["teaching_point"].startswith("Nothing on its own gives [name] away")


def test_profile_settings_reach_the_checks_as_the_platform_would_report_them(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(
        'teaching_point: "Settings."\nperson: {name: Ann Example}\naccounts:\n'
        '  - platform: mastodon\n    handle: "@ann@social.example"\n'
        "    profile: {locked: true, discoverable: false, indexable: false}\n"
        '    posts: [{text: "Quiet walk.", content_warning: "walk", visibility: unlisted, date: 2026-11-02}]\n'
        '  - platform: mastodon\n    handle: "@ann2@social.example"\n'
        '    profile: {indexable: true}\n    posts: [{text: "Loud walk."}]\n'
        "  - platform: bluesky\n    handle: ann.bsky.social\n"
        '    profile: {hide_from_logged_out: true, display_name: Ann Example}\n    posts: [{text: "Hello.", reply: true}]\n'
    )
    [report] = reports_of(run("demo", "--personas", str(tmp_path), "-f", "json"))
    accounts = {a["account"]: a for a in report["accounts"]}
    assert any("!no-unauthenticated" in n for n in accounts["ann.bsky.social"]["notes"])
    indexable = {f["account"] for f in report["findings"] if f["check"] == "visibility.indexable"}
    assert "@ann2@social.example" in indexable and "@ann@social.example" not in indexable
    real_name = [f for f in report["findings"] if f["check"] == "identity.real-name"]
    assert [f["platform"] for f in real_name] == ["bluesky"], "the display name is read from the persona's profile"


def test_web_addresses_are_linked_as_mastodon_serves_them_so_the_anonymous_persona_is_tied_by_its_link() -> None:
    [report] = reports_of(run("demo", "--persona", "anonymous", "-f", "json"))
    [linkable] = [f for f in report["findings"] if f["check"] == "identity.linkable"]
    assert linkable["severity"] == "high"
    assert any(
        "links to robinhale.example, which your named account bluesky robinhale.bsky.social" in d
        for d in linkable["details"]
    )


def test_the_html_report_shows_each_personas_teaching_point(tmp_path: Path) -> None:
    out = tmp_path / "demo.html"
    assert run("demo", "--persona", "manager", "-f", "html", "-o", str(out)).exit_code == 0
    assert (
        'id="report-1-teaching-point"><strong>Teaching point:</strong> Seniority raises the stakes' in out.read_text()
    )


def test_a_post_id_given_in_the_persona_file_is_the_findings_item_id(tmp_path: Path) -> None:
    """The persona bench matches findings to expected posts by the ids the author wrote."""
    (tmp_path / "p.yaml").write_text(
        GOOD_HEAD + '  - platform: mastodon\n    handle: "@ann@social.example"\n'
        '    posts:\n      - {id: m-phone, text: "ring me on 07700 900999"}\n      - {text: "no id here, 07700 900998"}\n'
        '  - platform: bluesky\n    handle: ann.bsky.social\n    posts:\n      - {id: b-phone, text: "or text 07700 900997"}\n'
    )
    [report] = reports_of(run("demo", "--personas", str(tmp_path), "-f", "json"))
    ids = {f["item"]["id"] for f in report["findings"] if f["check"] == "contact.personal"}
    assert "m-phone" in ids and "at://" in next(i for i in ids if i.endswith("/b-phone"))
    assert any(i.startswith("9") for i in ids)  # a post without an id keeps the generated one


def test_two_posts_with_one_id_on_an_account_are_refused(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(
        GOOD_HEAD + '  - platform: mastodon\n    handle: "@ann@social.example"\n'
        '    posts:\n      - {id: a1, text: "one"}\n      - {id: a1, text: "two"}\n'
    )
    line = one_error_line(runner.invoke(app, ["demo", "--personas", str(tmp_path)]))
    assert "p.yaml:4:5" in line and "two posts on this account have the id 'a1'" in line
    (tmp_path / "p.yaml").write_text(
        GOOD_HEAD
        + '  - platform: mastodon\n    handle: "@ann@social.example"\n    posts:\n      - {id: "a b", text: "one"}\n'
    )
    assert "posts[0].id" in one_error_line(runner.invoke(app, ["demo", "--personas", str(tmp_path)]))
