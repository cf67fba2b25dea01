"""The CLI's one writer: `-o report.json` is the same JSON as `-f json` (both cleaned as JSON, not as terminal text)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from footprint.cli import Format, _emit
from tests.render.sample import sample_report


def test_a_json_file_named_by_its_extension_is_the_json_format_exactly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = sample_report(hostile=True)
    first = report.findings[0]
    report.findings[0] = first.model_copy(update={"why": first.why + " \x1b]0;owned\x07 \x9b2J"})  # fetched text can hold these
    _emit([report], Format.json, None)
    asked = json.loads(capsys.readouterr().out)
    _emit([report], None, tmp_path / "report.json")
    named = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert named == asked
    whys = [f["why"] for f in (named[0] if isinstance(named, list) else named)["findings"]]
    assert any("\x1b]0;owned\x07" in why for why in whys)  # kept, escaped by JSON itself: not made visible
