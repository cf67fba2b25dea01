"""The terminal report: rating, summary by principle, findings with evidence, why, clause and advice."""

from __future__ import annotations

from footprint.render import RenderOptions, renderer
from footprint.render.view import FOOTER
from tests.render.sample import careful_report, sample_report


def render(*reports, width: int = 120, details: bool = True) -> str:  # type: ignore[no-untyped-def]
    return renderer("terminal")(list(reports), RenderOptions(width=width, details=details))


def test_order_rating_then_principles_then_findings_then_footer() -> None:
    out = render(sample_report())
    positions = [out.index(s) for s in ("INCOMPLETE", "By guidance principle (SSSC)", " HIGH (2) ", FOOTER[0][:40])]
    assert positions == sorted(positions)


def test_findings_show_evidence_why_guidance_and_advice() -> None:
    out = render(sample_report(), width=200)
    assert "Why it matters: Why oversharing.service-user matters" in out
    assert "Guidance: SSSC Codes of Practice for Social Service Workers (2024), 2.3" in out
    assert "On Mastodon, open the post's ⋯ menu and choose Delete" in out
    assert "14 year old boy from Templehall" in out


def test_principle_summary_has_a_column_per_account() -> None:
    out = render(sample_report(), width=160)
    header = next(line for line in out.splitlines() if "Principle" in line and "Cited as" in line)
    assert all(f"A{i}" in header for i in range(1, 6))


def test_redacted_report_says_so() -> None:
    report = careful_report().model_copy(update={"redacted": True})
    assert "REDACTED FOR DISPLAY" in render(report)
