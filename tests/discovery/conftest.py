"""Fixtures for discovery tests: the playground server and a profile with two declared handles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.discovery import playground
from tests.localserver import LocalServer, dead_port, serve

PROFILE = """\
person:
  name: Jane Smith
  also_known_as: [Janey Smith]
  role: social worker
accounts:
  - {platform: mastodon, handle: "@jane_sw@mastodon.example"}
  - {platform: mastodon, handle: "@nightowl_sw@mastodon.example", anonymous: true}
"""


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with serve(playground.responder) as srv:
        yield srv


@pytest.fixture
def sites_file(server: LocalServer, tmp_path: Path) -> Path:
    path = tmp_path / "sites.json"
    path.write_text(playground.catalogue(server.base, f"http://127.0.0.1:{dead_port()}"))
    return path


@pytest.fixture
def profile_file(tmp_path: Path) -> Path:
    path = tmp_path / "profiles.yaml"
    path.write_text(PROFILE)
    return path
