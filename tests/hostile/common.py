"""What every hostile test runs and asserts: the real CLI in a network jail, and the outcome checks."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parents[2]

#: FOOTPRINT_SLOW=1 turns the fuzzers from a quick pass (the default, for every run) into a long hunt.
SLOW = os.environ.get("FOOTPRINT_SLOW") == "1"
settings.register_profile(
    "footprint-hostile",
    max_examples=2000 if SLOW else 15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
FUZZ = settings.get_profile("footprint-hostile")

#: Every control character but newline and tab, DEL, the C1 block, and bidi overrides.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

#: Control sequences a hostile page or export could carry: screen and cursor controls, a window-title
#: and a clipboard-writing OSC, an 8-bit CSI, BEL, backspace, NUL, and a right-to-left override.
HOSTILE = "\x1b[6n\x1b[2J\x1bc\x1b]0;owned\x07\x1b]52;c;ZXZpbA==\x07\x9b31m\x07\x08\x00\u202etxt.exe"


@dataclass
class Run:
    proc: subprocess.CompletedProcess[str]
    jail: list[str]  # connections and lookups attempted past loopback

    @property
    def report(self) -> Any:
        return json.loads(self.proc.stdout)


def footprint(tmp_path: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 60) -> Run:
    """The real `footprint` command, network fenced to loopback (see tests/hostile/jailed.py)."""
    log = tmp_path / "netjail.log"
    base = {k: v for k, v in os.environ.items() if not k.startswith(("FOOTPRINT_", "PYTHONIOENCODING"))}
    base.update({"NO_COLOR": "1", "FOOTPRINT_NETJAIL_LOG": str(log), "PYTHONPATH": str(REPO)})
    base.update(env or {})
    proc = subprocess.run(
        [sys.executable, "-m", "tests.hostile.jailed", *args],
        capture_output=True,
        text=True,
        env=base,
        timeout=timeout,
        cwd=tmp_path,
        encoding="utf-8",
        errors="surrogateescape",
    )
    jail = log.read_text().splitlines() if log.exists() else []
    return Run(proc, jail)


def assert_no_raw_control(*texts: str) -> None:
    for text in texts:
        found = RAW_CONTROL.search(text)
        assert found is None, (
            f"raw control character U+{ord(found.group()):04X} in output: {text[max(0, found.start() - 40) : found.end() + 40]!r}"
        )


def assert_clean_exit(run: Run, code: int) -> None:
    """The exit code, no traceback, nothing past loopback, no raw control character anywhere."""
    proc = run.proc
    assert proc.returncode == code, (proc.returncode, proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert run.jail == [], f"footprint tried to reach past loopback: {run.jail}"
    assert_no_raw_control(proc.stdout, proc.stderr)


def assert_one_error_line(run: Run, *fragments: str) -> str:
    """Exit 2 and exactly one line on stderr, `error: …`, holding each fragment."""
    assert_clean_exit(run, 2)
    lines = run.proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), run.proc.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]
