"""The README's table of download formats names exactly the readers installed."""

from __future__ import annotations

import re
from pathlib import Path

from footprint.plugins import discover

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_lists_every_archive_format() -> None:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Scanning your data downloads") :]
    section = section[: section.index("\n## ", 5)]
    table = re.findall(r"^\| `([a-z]+)` \|", section, flags=re.MULTILINE)
    assert sorted(table) == sorted(discover().archives)
