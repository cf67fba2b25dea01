"""The real CLI (`python -m footprint search`) against a SearXNG-shaped server on 127.0.0.1.

Nothing leaves loopback: the server records every request, so the test also proves that no
watch-list entry is ever sent.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from footprint.demo.fixture_site import Answer
from tests.localserver import serve
from tests.search.conftest import WATCH_WORDS

PROFILE = """\
person:
  name: Jamie Reid
  also_known_as: [Jamie Reid-Kerr]
  role: social worker
  employer: Fife Council
  team: Children and Families, Kirkcaldy
  localities: [Kirkcaldy, Templehall]
watch:
  places: [Lintmill Primary, Templehall]
  words: [LAC review, Wester Brae]
  people: [Sam Hollis]
accounts:
  - {platform: mastodon, handle: "@jamiereid@mastodon.example"}
  - {platform: mastodon, handle: "@nightshiftsw@social.example", anonymous: true}
search:
  pause: 0
"""

PAGE = {
    "query": "",
    "number_of_results": 3,
    "answers": [],
    "corrections": [],
    "infoboxes": [],
    "suggestions": [],
    "unresponsive_engines": [],
    "results": [
        {
            "url": "https://www.fife.example/team",
            "title": "Children and Families | Fife Council",
            "content": "Jamie Reid, social worker, Children and Families, Fife Council",
            "engine": "bing",
            "engines": ["bing"],
            "positions": [1],
            "score": 1.0,
            "category": "general",
        },
        {
            "url": "https://peoplefinder.example/jamie-reid",
            "title": "Jamie Reid - address and phone",
            "content": "Jamie Reid, 14 Lintmill Wynd, Kirkcaldy. 07700 900461",
            "engine": "bing",
            "engines": ["bing"],
            "positions": [2],
            "score": 0.9,
            "category": "general",
        },
        {
            "url": "https://register.example/worker/1",
            "title": "Register: Jamie Reid",
            "content": "Social Worker. Registered.",
            "engine": "bing",
            "engines": ["bing"],
            "positions": [3],
            "score": 0.8,
            "category": "general",
        },
    ],
}


def searxng(status: int = 200) -> tuple[list[str], object]:
    asked: list[str] = []

    def respond(url: str) -> Answer:
        parts = urlsplit(url)
        params = parse_qs(parts.query)
        asked.append(params.get("q", [""])[0])
        if parts.path != "/search" or params.get("format") != ["json"]:
            return Answer(404, {"content-type": "text/plain"}, b"not found")
        if status != 200:
            return Answer(status, {"content-type": "text/html"}, b"<h1>Forbidden</h1>")
        body = PAGE if params["q"][0] == '"Jamie Reid"' else {**PAGE, "results": []}
        return Answer(200, {"content-type": "application/json"}, json.dumps(body).encode())

    return asked, respond


def footprint(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("FOOTPRINT_", "DDGS_"))}
    return subprocess.run(
        [sys.executable, "-m", "footprint", *args],
        capture_output=True,
        text=True,
        env={**clean, **(env or {})},
        timeout=60,
    )


def test_search_through_a_local_searxng_classes_results_and_never_sends_a_watch_word(tmp_path: Path) -> None:
    profile = tmp_path / "profiles.yaml"
    profile.write_text(PROFILE)
    asked, respond = searxng()
    with serve(respond) as server:
        proc = footprint(
            "search",
            str(profile),
            "--engine",
            "searxng",
            "--allow-private-addresses",
            "-f",
            "json",
            env={"FOOTPRINT_SEARXNG_URL": server.base},
        )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    found = report["search"]
    assert found["status"] == "complete"
    assert found["engine"] == f"searxng ({server.base})"
    assert asked[0] == '"Jamie Reid"' and len(asked) == 7
    for query in asked:
        for word in WATCH_WORDS:
            assert word.lower() not in query.lower(), query
    classes = {h["url"]: h["result_class"] for h in found["results"]}
    assert classes == {
        "https://www.fife.example/team": "employer",
        "https://peoplefinder.example/jamie-reid": "people-search",
        "https://register.example/worker/1": "regulator-register",
    }
    kinds = {f["kind"] for f in report["findings"] if f["check"] == "search.results"}
    assert kinds == {"role-employer", "people-search"}
    assert [q["status"] for q in found["queries"]].count("withheld") == 1


def test_a_refusing_instance_is_reported_as_incomplete_never_as_nothing_found(tmp_path: Path) -> None:
    profile = tmp_path / "profiles.yaml"
    profile.write_text(PROFILE)
    asked, respond = searxng(status=403)
    with serve(respond) as server:
        proc = footprint(
            "search",
            str(profile),
            "--engine",
            "searxng",
            "--allow-private-addresses",
            env={"FOOTPRINT_SEARXNG_URL": server.base},
        )
    assert proc.returncode == 0, proc.stderr
    assert len(asked) == 1  # stopped after the refusal: no hammering
    assert "INCOMPLETE" in proc.stdout and "refused the JSON format" in proc.stdout
    assert "found nothing" not in proc.stdout


def test_a_local_instance_needs_allow_private_addresses(tmp_path: Path) -> None:
    profile = tmp_path / "profiles.yaml"
    profile.write_text(PROFILE)
    asked, respond = searxng()
    with serve(respond) as server:
        proc = footprint(
            "search", str(profile), "--engine", "searxng", "-f", "json", env={"FOOTPRINT_SEARXNG_URL": server.base}
        )
    assert proc.returncode == 0, proc.stderr
    assert asked == []
    found = json.loads(proc.stdout)["search"]
    assert found["status"] == "incomplete" and "--allow-private-addresses" in found["reason"]
    assert [q["status"] for q in found["queries"]][:2] == ["error", "not_sent"]


def test_audit_with_search_adds_the_section(tmp_path: Path) -> None:
    profile = tmp_path / "profiles.yaml"
    profile.write_text(PROFILE.split("accounts:")[0] + "search:\n  pause: 0\n")
    asked, respond = searxng()
    with serve(respond) as server:
        proc = footprint(
            "audit",
            str(profile),
            "--search",
            "--engine",
            "searxng",
            "--allow-private-addresses",
            "-f",
            "markdown",
            env={"FOOTPRINT_SEARXNG_URL": server.base},
        )
    assert proc.returncode == 0, proc.stderr
    assert "# What a search for your name shows" in proc.stdout
    assert "People-search and data-broker pages (1)" in proc.stdout


def test_bad_engine_choices_are_one_line_and_exit_2(tmp_path: Path) -> None:
    profile = tmp_path / "profiles.yaml"
    profile.write_text(PROFILE)
    unknown = footprint("search", str(profile), "--engine", "altavista")
    assert unknown.returncode == 2 and unknown.stderr.startswith("error: no search engine called 'altavista'")
    keyless = footprint("search", str(profile), "--engine", "brave")
    assert keyless.returncode == 2 and "FOOTPRINT_BRAVE_API_KEY" in keyless.stderr
    audit = footprint("audit", str(profile), "--search", "--engine", "brave")
    assert audit.returncode == 2 and "FOOTPRINT_BRAVE_API_KEY" in audit.stderr and audit.stdout == ""
    assert "Traceback" not in unknown.stderr + keyless.stderr + audit.stderr
