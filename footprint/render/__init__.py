"""Report formats: each one a module with `render(reports, options) -> str`, seeing only reports.

A normal audit renders one report; `footprint demo` renders one per persona into the same document.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import Any, Protocol

from footprint.models import Report

FORMATS: dict[str, str] = {
    "terminal": "footprint.render.terminal",
    "json": "footprint.render.json",
    "markdown": "footprint.render.markdown",
    "html": "footprint.render.html",
    "slides": "footprint.render.slides",
}


@dataclass(frozen=True)
class RenderOptions:
    """How to draw: colour on or off, the width for terminal output, and whether the terminal shows every
    finding in full (`details`) or the summary."""

    color: bool = False
    width: int = 100
    details: bool = False


class Renderer(Protocol):
    def __call__(self, reports: Sequence[Report], options: RenderOptions) -> str: ...


def renderer(name: str) -> Renderer:
    """The render function for a format name (imported only when asked for)."""
    try:
        module = FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r} (known: {', '.join(FORMATS)})") from None
    return import_module(module).render


def text_console(width: int, color: bool) -> tuple[Any, io.StringIO]:
    """A rich Console drawing into a string buffer: the one set-up of the terminal report, diff and cohort
    (no markup or emoji read from the text, colour only when asked)."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        markup=False,
        emoji=False,
    )
    return console, buffer


def templates() -> Any:
    """The jinja2 environment of the HTML formats (report, slides, cohort): autoescaping on, strict about
    undefined names, the templates shipped in footprint/render/templates."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("footprint.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
