"""The slide view (`--format slides`): one self-contained HTML file to project in a workshop.

A title slide per persona (who they are, the teaching point, the rating), then one finding per
slide: first the evidence and the question "What could a stranger learn from this?", then, on
the next key press, why it matters, the guidance it bears on and what to do. Minor findings of
one check on one platform share a slide, as in the HTML report. A last slide carries the footer.

Drawn with jinja2 with autoescaping on from the same `view` as the HTML report, so fetched text
is escaped exactly as there. The page's only script is footprint's own keyboard navigation; the
Content Security Policy allows that script by its SHA-256 hash and nothing else, so no fetched
text can ever run. Without the script (printing, a locked-down browser) every slide and answer
is simply shown one after another.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

import jinja2
from markupsafe import Markup

from footprint import __version__
from footprint.models import DiscoveredAccount, DiscoveryState, Finding, Report, Severity
from footprint.render import RenderOptions, templates, view

#: Colours for a projector: each with the text colour that keeps at least 4.5:1 contrast on it.
BADGES = {
    Severity.HIGH: ("#b00020", "#ffffff"),
    Severity.MEDIUM: ("#ffb000", "#000000"),
    Severity.LOW: ("#1c4fa0", "#ffffff"),
    Severity.INFO: ("#4a4a4a", "#ffffff"),
}
QUESTION = "What could a stranger learn from this?"
MAX_ADVICE = 3
MAX_OCCURRENCES = 3


@dataclass
class Slide:
    """One slide: a persona's title, one finding (or a group of minor ones), or the closing advice."""

    kind: str  # "title" | "discovered" | "finding" | "end"
    report: Report | None = None
    findings: tuple[Finding, ...] = ()
    persona: int = 0

    @property
    def first(self) -> Finding:
        return self.findings[0]


def slides(reports: Sequence[Report]) -> list[Slide]:
    """Every slide in order: per report its title, its serious findings one by one, then its minor groups."""
    out: list[Slide] = []
    for number, report in enumerate(reports, start=1):
        out.append(Slide("title", report, persona=number))
        if elsewhere(report):
            out.append(Slide("discovered", report, persona=number))
        ordered = report.sorted_findings()
        for finding in view.serious(report.model_copy(update={"findings": ordered})):
            out.append(Slide("finding", report, (finding,), number))
        for group in view.grouped(view.minor(report.model_copy(update={"findings": ordered}))):
            out.append(Slide("finding", report, tuple(group.findings), number))
    out.append(Slide("end"))
    return out


def elsewhere(report: Report) -> list[DiscoveredAccount]:
    """Accounts `footprint discover` found under the person's names that they had not declared."""
    return [d for d in report.discovered if d.state is DiscoveryState.FOUND and not d.declared]


def _script() -> str:
    return (resources.files("footprint.render") / "templates" / "slides.js").read_text(encoding="utf-8")


def script_hash(script: str) -> str:
    """The CSP source expression that allows exactly this inline script."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def _environment() -> jinja2.Environment:
    env = templates()
    env.globals.update(
        view=view,
        safe_url=view.safe_url,
        badges=BADGES,
        question=QUESTION,
        version=__version__,
        max_advice=MAX_ADVICE,
        elsewhere=elsewhere,
        max_occurrences=MAX_OCCURRENCES,
        severities=view.SEVERITIES,
    )
    return env


def render(reports: Sequence[Report], options: RenderOptions) -> str:
    """One HTML document: the slides of every report, with keyboard navigation."""
    script = _script()
    deck = slides(reports)
    names = ", ".join(r.subject.name for r in reports)
    return (
        _environment()
        .get_template("slides.html.j2")
        .render(
            slides=deck,
            reports=list(reports),
            title=names,
            footer=view.footer(tuple(reports)),
            script=Markup(script),
            script_src=Markup(script_hash(script)),  # footprint's own constant script, never fetched text
        )
    )
