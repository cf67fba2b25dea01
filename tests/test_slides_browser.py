"""The slide view in a real headless browser (Debian's chromium): keyboard navigation works, the answer
appears on the next step, the only script that runs is footprint's own, and nothing fetched runs.

Keys are pressed through the DevTools protocol over a pipe (`--remote-debugging-pipe`, plain JSON on
file descriptors 3 and 4), so no browser-driver package is needed. Skipped, with the reason, when no
Chromium is installed (.ci/run installs it with apt-get).
"""

from __future__ import annotations

import base64
import fcntl
import io
import json
import os
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from footprint.render import RenderOptions, renderer
from footprint.render.slides import QUESTION, slides
from tests.render.sample import careful_report, sample_report
from tests.test_browser import FLAGS, chromium, run

pytestmark = pytest.mark.browser


class ProtocolError(Exception):
    """Chromium answered a DevTools command with an error."""


def _high(fd: int) -> int:
    """The same pipe end on a descriptor above 4, so moving the child's ends onto 3 and 4 clobbers nothing."""
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return moved


class DevTools:
    """A minimal DevTools-protocol client over Chromium's debugging pipe."""

    def __init__(self, browser: str, profile: Path) -> None:
        to_chrome_r, self._to_chrome = (_high(fd) for fd in os.pipe())
        self._from_chrome, from_chrome_w = (_high(fd) for fd in os.pipe())

        def wire() -> None:  # in the child: the pipe ends become fds 3 (commands in) and 4 (answers out)
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)

        self.proc = subprocess.Popen(
            [
                browser,
                *FLAGS,
                f"--user-data-dir={profile}",
                "--remote-debugging-pipe",
                "--window-size=1280,720",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=wire,
            close_fds=False,
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer = b""
        self._next = 0
        self.session: str | None = None

    def send(self, method: str, params: dict[str, Any] | None = None, *, session: bool = True) -> dict[str, Any]:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self._buffer:
                chunk = os.read(self._from_chrome, 1 << 16)
                assert chunk, "Chromium closed the debugging pipe"
                self._buffer += chunk
            raw, self._buffer = self._buffer.split(b"\0", 1)
            answer = json.loads(raw)
            if answer.get("id") == self._next:
                if "error" in answer:
                    raise ProtocolError(str(answer["error"]))
                return answer.get("result", {})

    def open(self, url: str) -> None:
        target = self.send("Target.createTarget", {"url": url}, session=False)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True}, session=False)[
            "sessionId"
        ]
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": 1280, "height": 720, "deviceScaleFactor": 1, "mobile": False},
        )
        for _ in range(400):
            try:
                if self.eval("location.protocol + document.readyState") == "file:complete":
                    return
            except ProtocolError:  # the blank page was replaced while we asked
                pass
            time.sleep(0.025)
        raise AssertionError("the page did not finish loading")

    def eval(self, expression: str, *, wait: bool = False) -> Any:
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": wait})
        return result.get("result", {}).get("value")

    def key(self, key: str, code: str, keycode: int) -> None:
        for kind in ("keyDown", "keyUp"):
            self.send(
                "Input.dispatchKeyEvent", {"type": kind, "key": key, "code": code, "windowsVirtualKeyCode": keycode}
            )

    def screenshot(self) -> bytes:
        return base64.b64decode(self.send("Page.captureScreenshot", {"format": "png"})["data"])

    def close(self) -> None:
        try:
            self.send("Browser.close", session=False)
        except (AssertionError, OSError, ProtocolError):
            pass
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        os.close(self._to_chrome)
        os.close(self._from_chrome)


RIGHT, LEFT = ("ArrowRight", "ArrowRight", 39), ("ArrowLeft", "ArrowLeft", 37)
HOME, END, SPACE = ("Home", "Home", 36), ("End", "End", 35), (" ", "Space", 32)


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, int]:
    browser = chromium()
    tmp = tmp_path_factory.mktemp("slides")
    reports = [sample_report(), careful_report()]
    html = tmp / "slides.html"
    html.write_text(renderer("slides")(reports, RenderOptions()), encoding="utf-8")
    return browser, html, len(slides(reports))


@pytest.fixture()
def devtools(deck: tuple[str, Path, int], tmp_path: Path):  # type: ignore[no-untyped-def]
    browser, html, _ = deck
    tools = DevTools(browser, tmp_path / "profile")
    try:
        tools.open(html.as_uri())
        yield tools
    finally:
        tools.close()


def state(tools: DevTools) -> tuple[int, int, str]:
    """(slide, step, whether the current slide's answer is displayed)."""
    slide = int(tools.eval("document.body.dataset.slide"))
    step = int(tools.eval("document.body.dataset.step"))
    shown = tools.eval(
        "(() => { const a = document.querySelector('section.slide.current .answer');"
        " return a ? getComputedStyle(a).display : 'no answer'; })()"
    )
    return slide, step, shown


def test_keys_walk_the_deck_and_reveal_each_answer_on_the_next_step(
    devtools: DevTools, deck: tuple[str, Path, int]
) -> None:
    total = deck[2]
    assert devtools.eval("document.documentElement.className").strip() == "js", "footprint's own script did not run"
    assert state(devtools) == (1, 1, "no answer")
    assert devtools.eval("document.querySelectorAll('section.slide.current').length") == 1
    assert devtools.eval("getComputedStyle(document.getElementById('slide-2')).display") == "none"

    devtools.key(*RIGHT)
    assert state(devtools) == (2, 1, "none"), "a finding opens on its evidence, the answer hidden"
    assert devtools.eval("document.querySelector('section.slide.current .question').innerText") == QUESTION
    devtools.key(*SPACE)
    assert state(devtools) == (2, 2, "grid"), "the next step shows the guidance and what to do"
    assert "WHAT TO DO" in devtools.eval("document.querySelector('section.slide.current .answer').innerText").upper()
    devtools.key(*RIGHT)
    assert state(devtools)[:2] == (3, 1)
    devtools.key(*LEFT)
    assert state(devtools) == (2, 2, "grid"), "going back returns to the revealed answer"
    devtools.key(*END)
    assert state(devtools)[0] == total
    assert "Before you change anything" in devtools.eval("document.querySelector('section.slide.current').innerText")
    devtools.key(*RIGHT)
    assert state(devtools)[0] == total, "the last slide stays put"
    devtools.key(*HOME)
    assert state(devtools) == (1, 1, "no answer")
    assert devtools.eval("location.hash") == "#1"


def test_nothing_fetched_runs_and_only_footprints_script_is_on_the_page(devtools: DevTools) -> None:
    assert devtools.eval("document.title").startswith("footprint slides:")
    assert "pwned" not in devtools.eval("document.title")
    assert devtools.eval("document.scripts.length") == 1
    assert devtools.eval("document.images.length") == 0
    text = devtools.eval("document.body.textContent")
    assert "<script>document.title='pwned'</script>" in text, "hostile text is shown as text"
    assert devtools.eval("[...document.querySelectorAll('a')].every(a => /^https?:/.test(a.href))")


def test_a_deep_link_opens_a_slide_and_its_step(deck: tuple[str, Path, int], tmp_path: Path) -> None:
    browser, html, _ = deck
    result = run(browser, tmp_path, "--dump-dom", html.as_uri() + "#3.2")
    assert result.returncode == 0 and 'data-slide="3"' in result.stdout and 'data-step="2"' in result.stdout, (
        result.stderr[-2000:]
    )


def test_the_projected_slide_is_large_and_high_contrast(devtools: DevTools, tmp_path: Path) -> None:
    from PIL import Image

    devtools.key(*RIGHT)
    evidence = devtools.eval(
        "parseFloat(getComputedStyle(document.querySelector('section.slide.current blockquote')).fontSize)"
    )
    assert evidence >= 32, f"evidence text is {evidence}px on a 1280-pixel screen"
    devtools.key(*RIGHT)
    body = devtools.eval(
        "parseFloat(getComputedStyle(document.querySelector('section.slide.current .answer li')).fontSize)"
    )
    assert body >= 18, f"the answer's text is {body}px"
    image = Image.open(io.BytesIO(devtools.screenshot())).convert("RGB")
    assert image.size == (1280, 720)
    colours = {rgb for _, rgb in image.getcolors(maxcolors=1_000_000) or []}
    assert len(colours) > 50, "the slide looks blank"
    assert (0, 0, 0) in colours and (255, 255, 255) in colours, "black on white"
    assert (0xFF, 0xE1, 0x4D) in colours, "the matched words are highlighted"


def test_every_slide_of_the_bundled_demo_fits_a_small_projector(tmp_path: Path) -> None:
    """Through the real CLI: each slide and each answer of the five personas fits above its footer at 1280×720."""
    from typer.testing import CliRunner

    from footprint.cli import app

    browser = chromium()
    html = tmp_path / "demo.html"
    result = CliRunner().invoke(app, ["demo", "-f", "slides", "-o", str(html)], catch_exceptions=False)
    assert result.exit_code == 0 and html.read_text().count('<section class="slide') > 20
    tools = DevTools(browser, tmp_path / "profile")
    try:
        tools.open(html.as_uri())
        total = tools.eval("document.querySelectorAll('section.slide').length")
        crowded = []
        for slide in range(1, total + 1):
            for step in (1, 2):
                tools.eval(f"location.hash = '#{slide}.{step}'")
                time.sleep(0.01)
                fits = tools.eval(
                    "(() => { const s = document.querySelector('section.slide.current'), bar = s.querySelector('footer.bar');"
                    " const bottom = Math.max(...[...s.children].filter(c => c !== bar).map(c => c.getBoundingClientRect().bottom));"
                    " return bottom <= bar.getBoundingClientRect().top; })()"
                )
                if not fits:
                    crowded.append(f"{slide}.{step}")
        assert not crowded, f"slides running into their footer: {crowded}"
    finally:
        tools.close()
