"""Hostile fetched text ([red], <script>, |, *, ](javascript:) is inert in all four formats."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from markdown_it import MarkdownIt

from footprint.models import Report
from footprint.render import FORMATS, RenderOptions, renderer
from tests.render.sample import HOSTILE, sample_report

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_every_format_is_covered() -> None:
    assert set(FORMATS) == {"terminal", "json", "markdown", "html", "slides"}


def test_terminal_prints_markup_literally_even_in_colour() -> None:
    out = renderer("terminal")([sample_report()], RenderOptions(color=True, width=140))
    plain = ANSI.sub("", out)
    assert "[red]boom[/red]" in plain
    assert "<script>alert(" in plain
    # rich did not read [red] as a style: 'boom' is never drawn in red (SGR 31)
    assert not re.search(r"\x1b\[[0-9;]*31[0-9;]*mboom", out)


def test_json_keeps_hostile_text_as_plain_data() -> None:
    report = sample_report()
    out = renderer("json")([report], RenderOptions())
    back = Report.model_validate(json.loads(out))
    assert back == report
    assert any(HOSTILE in (f.excerpt.text if f.excerpt else "") for f in back.findings)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def assert_inert_html(html: str, allowed_tags: set[str] | None = None) -> _Tags:
    parsed = _parse(html)
    names = [t for t, _ in parsed.tags]
    assert "script" not in names
    assert "b" not in names, "markup from a post became a tag"
    for tag, attrs in parsed.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, name, value)
    if allowed_tags is not None:
        assert set(names) <= allowed_tags, set(names) - allowed_tags
    return parsed


def test_markdown_is_inert_when_rendered() -> None:
    text = renderer("markdown")([sample_report()], RenderOptions())
    html = MarkdownIt("commonmark").enable("table").render(text)
    parsed = assert_inert_html(html)
    body = "".join(parsed.text)
    assert "[red]boom[/red]" in body and "<script>alert(1)</script>" in body and "**strong**" in body
    assert "<em>star</em>" not in html and "<strong>strong</strong>" not in html and "<code>tick" not in html
    # Table rows keep their shape: a '|' in a note does not add cells.
    for table in re.findall(r"<table>.*?</table>", html, re.S):
        header = len(re.findall(r"<th[ >]", table.split("</thead>")[0]))
        for row in re.findall(r"<tr>(.*?)</tr>", table.split("</thead>")[1], re.S):
            assert len(re.findall(r"<td", row)) == header


def test_html_is_inert() -> None:
    out = renderer("html")([sample_report()], RenderOptions())
    parsed = assert_inert_html(out)
    body = "".join(parsed.text)
    assert "<script>alert(1)</script>" in body  # shown as text
    assert "&lt;script&gt;" in out
    assert 'http-equiv="Content-Security-Policy"' in out and "default-src 'none'" in out
    # the hostile 'javascript:' account URL and item URL are shown as text, never linked
    hrefs = [v for t, a in parsed.tags for n, v in a if n == "href"]
    assert hrefs and all(h.startswith(("#", "http://", "https://")) for h in hrefs)


def test_slides_are_inert_but_for_footprints_own_script() -> None:
    from footprint.render.slides import _script, script_hash

    out = renderer("slides")([sample_report()], RenderOptions())
    parsed = _parse(out)
    scripts = [t for t, _ in parsed.tags if t == "script"]
    assert len(scripts) == 1 and out.count("<script>") == 1
    assert out.split("<script>")[1].split("</script>")[0] == _script(), "the only script is footprint's own"
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', out)
    assert csp and "default-src 'none'" in csp.group(1) and f"script-src {script_hash(_script())}" in csp.group(1)
    assert "unsafe-inline" not in csp.group(1).split("script-src")[1], "no other inline script may run"
    without = out.replace("<script>" + _script() + "</script>", "")
    assert_inert_html(without)
    body = "".join(_parse(without).text)
    assert "<script>alert(1)</script>" in body and "&lt;script&gt;" in out
    hrefs = [v for t, a in parsed.tags for n, v in a if n == "href"]
    assert all(h.startswith(("#", "http://", "https://")) for h in hrefs)
