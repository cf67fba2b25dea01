"""Report formats: each one a module with `render(reports, options) -> str`, seeing only reports.

A normal audit renders one report; `footprint demo` renders one per persona into the same document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import Protocol

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
