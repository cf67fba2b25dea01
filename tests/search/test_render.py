"""Every report format shows "What a search for your name shows"; the JSON schema documents it;
fetched titles and snippets stay inert text; --redact masks them."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys

import jsonschema
import pytest

from footprint.models import (
    QueryStatus,
    Report,
    SearchClass,
    SearchHit,
    SearchQuery,
    SearchSection,
    Subject,
    Tool,
    report_json_schema,
)
from footprint.redact import redact
from footprint.render import RenderOptions, renderer
from footprint.render.view import SEARCH_TITLE

HOSTILE = "<script>alert(1)</script> [click](javascript:alert(1)) **bold**"


def report(status: str = "complete") -> Report:
    found = SearchSection(
        engine="searxng (https://search.example)",
        status=status,  # type: ignore[arg-type]
        reason=None if status == "complete" else "1 of 2 queries got no answer from the engine: refused (403)",
        queries=[
            SearchQuery(text='"Jamie Reid"', purpose="name", status=QueryStatus.ANSWERED, results=2),
            SearchQuery(
                text='"Jamie Reid" social worker',
                purpose="role",
                status=QueryStatus.ANSWERED if status == "complete" else QueryStatus.REFUSED,
                reason=None if status == "complete" else "refused (403)",
            ),
        ],
        results=[
            SearchHit(
                url="https://peoplefinder.example/jamie-reid",
                title="Jamie Reid - address",
                snippet="14 Lintmill Wynd",
                result_class=SearchClass.PEOPLE_SEARCH,
                site="192.com",
                rank=1,
                names_you=True,
                opt_out="https://peoplefinder.example/optout",
            ),
            SearchHit(
                url="javascript:alert(1)", title=HOSTILE, snippet=HOSTILE, result_class=SearchClass.OTHER, rank=2
            ),
        ],
        advice={"people-search": ["Use the site's opt-out page."], "other": ["Look through these."]},
    )
    return Report(
        tool=Tool(version="0"),
        generated_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        subject=Subject(name="Jamie Reid", role="social worker"),
        framework="sssc",
        search=found,
    )


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html", "json"])
def test_every_format_has_the_search_section(fmt: str) -> None:
    text = renderer(fmt)([report()], RenderOptions(width=120))
    assert (SEARCH_TITLE in text) if fmt != "json" else ('"search"' in text)
    assert "peoplefinder.example/jamie-reid" in text
    if fmt != "json":
        assert "People-search and data-broker pages" in text and "opt-out" in text


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html"])
def test_an_incomplete_search_says_so(fmt: str) -> None:
    text = renderer(fmt)([report("incomplete")], RenderOptions(width=160))
    assert "INCOMPLETE" in text and "refused (403)" in text


def test_hostile_titles_stay_text() -> None:
    md = renderer("markdown")([report()], RenderOptions())
    assert "<script>" not in md and not re.search(r"(?<!\\)\]\(<?javascript", md)
    html = renderer("html")([report()], RenderOptions())
    assert "<script>alert" not in html and 'href="javascript' not in html


def test_the_json_schema_documents_the_section_and_the_report_validates() -> None:
    schema = report_json_schema()
    assert {"SearchSection", "SearchHit", "SearchQuery", "SearchClass", "QueryStatus"} <= set(schema["$defs"])
    assert set(schema["$defs"]["SearchClass"]["enum"]) == {c.value for c in SearchClass}
    jsonschema.validate(json.loads(renderer("json")([report()], RenderOptions())), schema)


def test_redaction_masks_the_search_section() -> None:
    masked = redact(report())
    assert masked.search is not None
    text = masked.search.model_dump_json()
    assert "Jamie Reid" not in text and "peoplefinder.example/jamie-reid" not in text
    assert masked.search.results[0].opt_out == "https://peoplefinder.example/optout"


def test_the_offline_demo_shows_a_search_answered_from_fixtures() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "footprint", "demo", "-f", "json"], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    reports = {r["subject"]["name"]: r for r in json.loads(proc.stdout)}
    jamie, alex = reports["Jamie Reid"]["search"], reports["Alex Morgan"]["search"]
    assert jamie["status"] == alex["status"] == "complete"
    assert {h["result_class"] for h in jamie["results"]} == {c.value for c in SearchClass}
    assert alex["results"] == []
    kinds = {f["kind"] for f in reports["Jamie Reid"]["findings"] if f["check"] == "search.results"}
    assert kinds == {"role-employer", "people-search", "undeclared-account", "anonymous-linked"}
