"""The self-contained HTML report: one file, no external assets, no JavaScript, prints cleanly to PDF.

Drawn with jinja2 with autoescaping on, so every fetched string is escaped; a Content Security
Policy in the page forbids scripts as a second wall. Only plain http(s) URLs become links.
The pictures (a severity chart and an accounts × principles grid) are inline SVG and CSS.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import jinja2

from footprint import __version__
from footprint.models import DiscoveryState, Report, Severity
from footprint.render import RenderOptions, templates, view
from footprint.safetext import clean_model

COLOURS = {
    Severity.HIGH: "#c0392b",
    Severity.MEDIUM: "#e67e22",
    Severity.LOW: "#2e86c1",
    Severity.INFO: "#95a5a6",
}
RATING_COLOURS = {
    "act now": COLOURS[Severity.HIGH],
    "needs attention": COLOURS[Severity.MEDIUM],
    "minor points": COLOURS[Severity.LOW],
    "good": "#27ae60",
    "incomplete": "#8e44ad",
}


@dataclass
class Bar:
    """One bar of the severity chart, in SVG user units."""

    severity: Severity
    count: int
    y: int
    width: float
    colour: str


def chart(report: Report, width: int = 300) -> list[Bar]:
    """The severity chart's bars: one per severity, scaled to the largest count."""
    counts = view.counts(report)
    top = max((n for _, n in counts), default=0) or 1
    return [Bar(s, n, 10 + i * 34, round(width * n / top, 1), COLOURS[s]) for i, (s, n) in enumerate(counts)]


def _environment() -> jinja2.Environment:
    env = templates()
    env.globals.update(
        view=view,
        chart=chart,
        colours=COLOURS,
        rating_colours=RATING_COLOURS,
        safe_url=view.safe_url,
        found=DiscoveryState.FOUND,
        version=__version__,
    )
    return env


def render(reports: Sequence[Report], options: RenderOptions) -> str:
    """One HTML document holding every report (the demo renders one per persona)."""
    template = _environment().get_template("report.html.j2")
    reports = [clean_model(r) for r in reports]  # control characters shown, never passed on
    names = ", ".join(r.subject.name for r in reports)
    return template.render(reports=list(reports), title=names, footer=view.footer(tuple(reports)))
