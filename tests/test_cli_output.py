"""The CLI's one writer: `-o report.json` is the same JSON as `-f json` (both cleaned as JSON, not as terminal text)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from footprint.cli import Format, _emit
from tests.render.sample import sample_report


def test_a_json_file_named_by_its_extension_is_the_json_format_exactly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = sample_report(hostile=True)
    first = report.findings[0]
    report.findings[0] = first.model_copy(
        update={"why": first.why + " \x1b]0;owned\x07 \x9b2J"}
    )  # fetched text can hold these
    _emit([report], Format.json, None)
    asked = json.loads(capsys.readouterr().out)
    _emit([report], None, tmp_path / "report.json")
    named = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert named == asked
    whys = [f["why"] for f in (named[0] if isinstance(named, list) else named)["findings"]]
    assert any("\x1b]0;owned\x07" in why for why in whys)  # kept, escaped by JSON itself: not made visible


def test_the_json_report_is_written_as_utf8_bytes_and_reads_back(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The JSON report is serialised straight to bytes (a large scan's report as a str doubled peak memory):
    the file and stdout must still be the same valid JSON, non-ASCII text intact."""
    import json

    from typer.testing import CliRunner

    from footprint.cli import app

    posts = tmp_path / "posts.jsonl"
    posts.write_text('{"id": "p1", "text": "Those scroungers make me sick, caf\\u00e9 \\u2603"}\n', encoding="utf-8")
    out = tmp_path / "r.json"
    result = CliRunner().invoke(app, ["scan", str(posts), "-o", str(out)])
    assert result.exit_code in (0, 1, 3), result.output
    on_disk = json.loads(out.read_bytes())
    piped = json.loads(CliRunner().invoke(app, ["scan", str(posts), "-f", "json"]).stdout)
    assert on_disk["findings"] and [f["id"] for f in on_disk["findings"]] == [f["id"] for f in piped["findings"]]
    assert any("\u2603" in (f.get("excerpt") or {}).get("text", "") for f in on_disk["findings"])
