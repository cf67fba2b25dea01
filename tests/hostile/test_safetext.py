"""The one sanitiser: every control character but newline and tab neutralised, the rest of the text kept."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from footprint.models import AccountStatus
from footprint.safetext import ascii_fallback, clean, clean_line, clean_model, json_safe
from tests.hostile.common import FUZZ, HOSTILE, RAW_CONTROL


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[6n", "␛[6n"),
        ("\x1b[2J", "␛[2J"),
        ("\x1bc", "␛c"),
        ("\x1b]0;title\x07", "␛]0;title␇"),
        ("\x1b]52;c;ZXZpbA==\x07", "␛]52;c;ZXZpbA==␇"),
        ("\x9b31m", "<U+009B>31m"),
        ("a\x08b", "a␈b"),
        ("a\x00b", "a␀b"),
        ("\x7f", "␡"),
        ("\x85", "<U+0085>"),
        ("\u202eexe.txt", "<U+202E>exe.txt"),
        ("\u2066x\u2069", "<U+2066>x<U+2069>"),
        ("line\r\nnext", "line\nnext"),
        ("bare\rreturn", "bare␍return"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("lone \udc80 half", "lone \ufffd half"),
        ("café ☃ 🦊", "café ☃ 🦊"),
    ],
)
def test_each_control_is_shown_not_sent(raw: str, shown: str) -> None:
    assert clean(raw) == shown


@FUZZ
@given(text=st.text())
def test_clean_leaves_no_raw_control_keeps_printable_text_and_is_idempotent(text: str) -> None:
    out = clean(text)
    assert RAW_CONTROL.search(out) is None
    assert clean(out) == out
    assert "\n" not in clean_line(text) and "\t" not in clean_line(text)
    out.encode("utf-8")  # no lone surrogate survives
    kept = [ch for ch in text if ch.isprintable() and RAW_CONTROL.match(ch) is None and not 0xD800 <= ord(ch) <= 0xDFFF]
    assert all(ch in out for ch in kept)


@FUZZ
@given(text=st.text())
def test_json_safe_is_the_same_data_with_nothing_raw(text: str) -> None:
    dumped = json_safe(json.dumps(text.encode("utf-8", "surrogatepass").decode("utf-8", "replace"), ensure_ascii=False))
    assert RAW_CONTROL.search(dumped) is None
    assert json.loads(dumped) == text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def test_clean_model_reaches_every_string_and_keeps_enums() -> None:
    from footprint.models import AccountSummary

    summary = AccountSummary(
        platform="mastodon", account=f"@x{HOSTILE}", status=AccountStatus.ERROR, reason=HOSTILE, notes=[HOSTILE]
    )
    cleaned = clean_model(summary)
    assert cleaned.status is AccountStatus.ERROR
    assert RAW_CONTROL.search(cleaned.account + (cleaned.reason or "") + cleaned.notes[0]) is None
    assert summary.reason == HOSTILE  # the original is untouched


def test_ascii_fallback_draws_boxes_in_ascii() -> None:
    assert ascii_fallback("╭─ a ─╮\n│ b · c … │\n╰───╯") == "+- a -+\n| b - c ... |\n+---+"


def test_the_cli_error_printer_neutralises_what_it_quotes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from footprint.cli import app

    name = tmp_path / "evil\x1b]0;owned\x07\x9b2J.yaml"
    result = CliRunner().invoke(app, ["audit", str(name)])
    assert result.exit_code == 2
    assert RAW_CONTROL.search(result.output) is None and "␛]0;owned␇<U+009B>2J" in result.output
    lines = result.output.strip().splitlines()
    assert [line for line in lines if not line.startswith("hint: ")] == [lines[0]] and lines[0].startswith("error: ")
