"""The JSON report: the versioned report model, exactly as `footprint schema --report` describes it."""

from __future__ import annotations

from collections.abc import Sequence

from footprint.models import Report
from footprint.render import RenderOptions
from footprint.safetext import clean_model, encodable, json_safe


def render(reports: Sequence[Report], options: RenderOptions) -> str:
    """One report as a JSON object; several (the demo) as a JSON array of report objects."""
    reports = [clean_model(r, encodable) for r in reports]  # a lone surrogate from an export cannot be encoded
    if len(reports) == 1:
        return json_safe(reports[0].model_dump_json(indent=2)) + "\n"
    return "[\n" + ",\n".join(json_safe(r.model_dump_json(indent=2)) for r in reports) + "\n]\n"
