"""The Markdown report: structure, every finding with clause and advice, and escaping rules."""

from __future__ import annotations

from footprint.render import RenderOptions, renderer, view
from footprint.render.markdown import md
from footprint.render.view import FOOTER
from tests.render.sample import careful_report, sample_report


def render(*reports) -> str:  # type: ignore[no-untyped-def]
    return renderer("markdown")(list(reports), RenderOptions())


def test_report_has_rating_summary_accounts_findings_and_footer_once() -> None:
    report = sample_report()
    out = render(report)
    assert out.startswith("# footprint report: Jamie Reid (social worker)")
    assert "**Overall: INCOMPLETE: part of your footprint was not checked; in what was read: act now**" in out
    assert "## Summary by guidance principle" in out and "## Accounts" in out and "## Findings" in out
    groups = view.grouped(view.minor(report))
    assert out.count("### ") == len(view.serious(report)) + len(groups)
    assert "(mastodon, 2 places)" in out  # the two minor identity.role findings share one entry
    assert out.count(FOOTER[0]) == 1


def test_each_finding_carries_evidence_why_clause_and_advice() -> None:
    report = sample_report()
    out = render(report)
    for finding in report.findings:
        assert f"`{finding.id}`" in out
        assert md(finding.advice[0]) in out
        assert md(finding.guidance[0].citation) in out
    assert "> Tough LAC review for the **14 year old boy from Templehall** today," in out


def test_unverified_clause_is_cited_by_theme_not_number() -> None:
    out = render(sample_report())
    assert "SSSC Codes of Practice for Social Service Workers, 2024: conduct in and outside work" in out
    assert "(formerly 2016 edition, 5.8)" in out  # one rule, one line: the older number beside the current one


def test_several_reports_get_a_contents_list_and_one_footer() -> None:
    out = render(sample_report(), careful_report())
    assert out.startswith("# footprint: digital footprint reports")
    assert "- **Jamie Reid**: INCOMPLETE: part of your footprint was not checked; in what was read: act now" in out
    assert (
        "- **Alex Morgan**: INCOMPLETE: part of your footprint was not checked; in what was read: minor points" in out
    )
    assert out.count("## footprint report:") == 2
    assert out.count(FOOTER[0]) == 1


def test_md_escapes_only_what_markdown_would_read() -> None:
    assert md("Delete & re-draft (2024), 2.3") == "Delete & re-draft (2024), 2.3"
    assert md("a | b *c* _d_ [e](f) `g` ~h~") == r"a \| b \*c\* \_d\_ \[e\](f) \`g\` \~h\~"
    assert md("<b>x</b> &lt;") == "&lt;b&gt;x&lt;/b&gt; &amp;lt;"
    assert md("# heading") == r"\# heading" and md("1. item") == r"1\. item" and md("- item") == r"\- item"
    assert md("two\nlines") == "two lines"
