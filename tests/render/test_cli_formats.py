"""The CLI wiring of issue 5: --format markdown/html, and `footprint guidance`."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from footprint.cli import Format, app
from footprint.guidance import frameworks
from footprint.render import FORMATS

runner = CliRunner()


def test_every_cli_format_has_a_renderer() -> None:
    assert {f.value for f in Format} == set(FORMATS)


def test_demo_html_is_a_private_self_contained_file(tmp_path: Path) -> None:
    out = tmp_path / "demo.html"
    result = runner.invoke(app, ["demo", "--format", "html", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and 'id="report-2-grid"' in html and "<script" not in html
    assert "Jamie Reid" in html and "Alex Morgan" in html


def test_demo_markdown_on_stdout() -> None:
    result = runner.invoke(app, ["demo", "-f", "markdown", "--persona", "careful"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.startswith("# footprint report: Alex Morgan")
    assert "check your employer's social media policy" in result.stdout


@pytest.mark.parametrize("framework", frameworks())
def test_guidance_lists_clauses_and_their_checks(framework: str) -> None:
    result = runner.invoke(app, ["guidance", "--framework", framework], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.startswith(framework.upper() + ":")
    assert "cited as:" in result.stdout and "checks: " in result.stdout
    assert "oversharing.service-user:" in result.stdout


def test_guidance_shows_unverified_clauses_without_number() -> None:
    result = runner.invoke(app, ["guidance"], catch_exceptions=False)
    flat = " ".join(result.stdout.split())
    assert (
        "cited as: SSSC Codes of Practice for Social Service Workers, 2024: conduct in and outside work (formerly 2016 edition, 5.8) (no number"
        in flat
    )
    assert "cited as: SSSC Codes of Practice for Social Service Workers (2016), 5.8" in flat


def test_guidance_unknown_framework_is_one_line_exit_2() -> None:
    result = runner.invoke(app, ["guidance", "--framework", "nmc"])
    assert result.exit_code == 2
    assert result.output.strip() == "error: unknown framework 'nmc' (known: basw, hcpc, niscc, scw, sssc, swe)"


@pytest.mark.parametrize("framework", frameworks())
def test_demo_runs_under_every_framework(framework: str) -> None:
    result = runner.invoke(app, ["demo", "-f", "markdown", "--framework", framework], catch_exceptions=False)
    assert result.exit_code == 0
    assert f"framework {framework.upper()}" in result.stdout
