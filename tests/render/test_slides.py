"""The slide view without a browser: which slides exist, in what order, and that each finding shows its
evidence and the question before its answer. (tests/test_slides_browser.py drives it in Chromium.)"""

from __future__ import annotations

import re

from footprint.models import Severity
from footprint.redact import redact
from footprint.render import RenderOptions, renderer, view
from footprint.render.slides import QUESTION, slides
from tests.render.sample import careful_report, sample_report


def test_a_title_slide_per_report_then_one_slide_per_finding_or_minor_group_then_the_end() -> None:
    reports = [sample_report(), careful_report()]
    deck = slides(reports)
    expected = ["end"]
    for report in reversed(reports):
        groups = view.grouped(view.minor(report.model_copy(update={"findings": report.sorted_findings()})))
        expected = ["title"] + ["finding"] * (len(view.serious(report)) + len(groups)) + expected
    assert [s.kind for s in deck] == expected
    first = sample_report()
    serious = [s.first for s in deck if s.kind == "finding" and s.report is reports[0]][: len(view.serious(first))]
    assert [f.severity.rank for f in serious] == sorted((f.severity.rank for f in serious), reverse=True), "worst first"
    assert all(f.severity.rank >= Severity.MEDIUM.rank for f in serious)


def test_each_finding_slide_puts_evidence_and_question_before_the_answer() -> None:
    html = renderer("slides")([sample_report()], RenderOptions())
    sections = re.findall(r'<section class="slide finding".*?</section>', html, re.S)
    assert sections
    for section in sections:
        evidence, question, answer = (
            section.index('class="evidence"'),
            section.index(QUESTION),
            section.index('class="answer"'),
        )
        assert evidence < question < answer
        assert "What to do" in section and "Guidance" in section
    assert html.count('<section class="slide') == len(slides([sample_report()]))
    assert "Persona 1 of 1" in html, "the sample is a demo report"


def test_redacted_slides_say_so_and_show_no_name() -> None:
    html = renderer("slides")([redact(sample_report())], RenderOptions())
    assert "REDACTED FOR DISPLAY" in html and "Jamie" not in html and "Templehall" not in html
