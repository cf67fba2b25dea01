"""The HTML report in a real headless browser (Debian's chromium): its sections render, nothing fetched runs.

Skipped, with the reason, when no Chromium is installed (.ci/run installs it with apt-get).
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

from footprint.render import RenderOptions, renderer
from tests.render.sample import careful_report, sample_report

pytestmark = pytest.mark.browser

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    pytest.skip(
        "no headless Chromium found: install Debian's chromium package (apt-get install chromium) to run the browser check"
    )


def run(browser: str, tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run(
        [browser, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    browser = chromium()
    tmp = tmp_path_factory.mktemp("browser")
    html = tmp / "report.html"
    html.write_text(renderer("html")([sample_report(), careful_report()], RenderOptions()), encoding="utf-8")
    return browser, html


def test_sections_render_and_no_fetched_script_runs(page: tuple[str, Path], tmp_path: Path) -> None:
    browser, html = page
    result = run(browser, tmp_path, "--dump-dom", html.as_uri())
    dom = result.stdout
    assert result.returncode == 0 and "</html>" in dom, result.stderr[-2000:]
    for i in (1, 2):
        for part in ("", "-rating", "-chart", "-grid", "-principles", "-accounts", "-findings"):
            assert f'id="report-{i}{part}"' in dom
    assert 'id="advice-footer"' in dom and 'id="contents"' in dom
    title = dom.split("<title>")[1].split("</title>")[0]
    assert title.startswith("footprint report:") and "pwned" not in title, "a script from a post ran"
    assert "<script" not in dom and "<img" not in dom
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in dom


def test_screenshot_is_not_blank(page: tuple[str, Path], tmp_path: Path) -> None:
    from PIL import Image

    browser, html = page
    shot = tmp_path / "report.png"
    result = run(browser, tmp_path, f"--screenshot={shot}", "--window-size=1280,1600", html.as_uri())
    assert shot.is_file() and shot.stat().st_size > 10_000, result.stderr[-2000:]
    image = Image.open(io.BytesIO(shot.read_bytes())).convert("RGB")
    assert image.size == (1280, 1600)
    colours = image.getcolors(maxcolors=1_000_000) or []
    assert len(colours) > 200, "the page looks blank"
    present = {rgb for _, rgb in colours}
    assert (0xC0, 0x39, 0x2B) in present, "the 'act now' red of the rating and grid was not drawn"
    assert (0x24, 0x3B, 0x53) in present, "the page header was not drawn"
