"""The HTML report: self-contained, with the chart, the grid and every section, and printable."""

from __future__ import annotations

import re

from markupsafe import escape

from footprint.models import Severity
from footprint.render import RenderOptions, renderer, view
from footprint.render.html import chart
from footprint.render.view import FOOTER, grid
from tests.render.sample import careful_report, sample_report


def render(*reports) -> str:  # type: ignore[no-untyped-def]
    return renderer("html")(list(reports), RenderOptions())


def test_self_contained_no_external_assets_no_scripts() -> None:
    out = render(sample_report())
    assert "<script" not in out
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", out.split("<body>")[0]), "the head loads nothing"
    assert not re.search(r"<(link|img|iframe|object|embed)\b", out)
    assert "@media print" in out and "break-inside: avoid" in out


def test_sections_present_for_each_report() -> None:
    out = render(sample_report(), careful_report())
    for i in (1, 2):
        for part in ("", "-rating", "-chart", "-start", "-grid", "-principles", "-accounts", "-findings"):
            assert f'id="report-{i}{part}"' in out
    assert 'id="contents"' in out and 'id="advice-footer"' in out
    assert out.count(str(escape(FOOTER[0]))) == 1


def test_grid_cells_coloured_by_worst_finding() -> None:
    report = sample_report()
    g = grid(report)
    anon = next(r for r in g.rows if r.account.anonymous)
    conf = g.themes.index("confidentiality")
    assert anon.cells[conf].worst is Severity.HIGH and anon.cells[conf].count == 2
    out = render(report)
    assert out.count('<td class="cell" style="background:#c0392b"') == sum(
        1 for r in g.rows for c in r.cells if c.worst is Severity.HIGH
    )


def test_chart_bars_scale_to_largest_count() -> None:
    bars = {b.severity: b for b in chart(sample_report(), width=300)}
    assert bars[Severity.MEDIUM].width == 300 and bars[Severity.MEDIUM].count == 7
    assert bars[Severity.HIGH].width == round(300 * 2 / 7, 1)


def test_serious_findings_get_cards_and_minor_ones_are_grouped() -> None:
    report = sample_report()
    out = render(report)
    cards = len(view.serious(report)) + len(view.grouped(view.minor(report)))
    assert out.count('<article class="card') == cards
    assert out.count('<ol class="advice">') == cards
    for finding in report.findings:  # every finding is on the page, addressable
        assert f'id="report-1-{view.anchor(finding)}"' in out
    assert "SSSC Codes of Practice for Social Service Workers, 2024: conduct in and outside work" in out


def test_grouping_keeps_order_and_splits_by_platform() -> None:
    report = sample_report()
    groups = view.grouped(view.minor(report))
    assert sum(len(g.findings) for g in groups) == len(view.minor(report))
    assert all(len({(f.check, f.platform, f.severity) for f in g.findings}) == 1 for g in groups)
    role = [g for g in groups if g.check == "identity.role"]
    assert len(role) == 1 and len(role[0].findings) == 2


def test_no_findings_report_says_so() -> None:
    base = careful_report()
    report = base.model_copy(
        update={"findings": [], "accounts": [a for a in base.accounts if a.status.was_read]}
    ).remeasure()
    out = render(report)
    assert "Nothing to fix in what could be read" in out and "No findings" in out
    # NOTE: issue 11: with an account left unread, "nothing to fix" would be a false reassurance.
    unread = render(base.model_copy(update={"findings": []}))
    assert "Nothing to fix in what could be read" not in unread
    assert "No findings in what could be read, but part of your footprint was not checked" in unread
