"""The JSON report: the versioned report model, exactly as `footprint schema --report` describes it."""

from __future__ import annotations

from collections.abc import Sequence

from footprint.models import Report
from footprint.render import RenderOptions
from footprint.safetext import clean_model, encodable, json_safe_bytes


def render_bytes(reports: Sequence[Report]) -> bytes:
    """UTF-8 JSON: one report as an object; several (the demo) as an array of report objects.

    NOTE: serialised straight to bytes: a 100,000-post scan's report is tens of megabytes, and as a Python str
    (two bytes a character once any character is not ASCII) it would double the command's peak memory.
    """
    reports = [clean_model(r, encodable) for r in reports]  # a lone surrogate from an export cannot be encoded
    parts = [json_safe_bytes(type(r).__pydantic_serializer__.to_json(r, indent=2)) for r in reports]
    if len(parts) == 1:
        return parts[0] + b"\n"
    return b"[\n" + b",\n".join(parts) + b"\n]\n"


def render(reports: Sequence[Report], options: RenderOptions) -> str:
    """The same JSON as text, for callers that want a string (tests, small reports)."""
    return render_bytes(reports).decode("utf-8")
