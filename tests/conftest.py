"""Shared fixtures: the network is closed by default, fixtures and fakes are at hand."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from footprint.models import Profile

# Property tests run a quick hunt by default and a long one with FOOTPRINT_SLOW=1 (same properties, more examples).
settings.register_profile("quick", max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("slow", max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("slow" if os.environ.get("FOOTPRINT_SLOW") else "quick")

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _no_network_beyond_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to connect outside 127.0.0.0/8 or ::1 fails the test loudly."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else str(address)
        if (
            isinstance(host, str)
            and not (host.startswith("127.") or host in ("::1", "localhost"))
            and self.family != socket.AF_UNIX
        ):
            raise AssertionError(f"test tried to reach {address!r}: tests never leave loopback")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)

    def no_dns(*args: object, **kwargs: object) -> object:
        host = args[0] if args else kwargs.get("host")
        if host in ("127.0.0.1", "localhost", "::1", None):
            return real_getaddrinfo(*args, **kwargs)  # type: ignore[arg-type]
        raise AssertionError(f"test tried to resolve {host!r}: tests never use DNS")

    real_getaddrinfo = socket.getaddrinfo
    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    monkeypatch.setenv("NO_COLOR", "1")
    # Reports are drawn to COLUMNS when piped: fix it, so no test depends on the shell or runner it started from.
    monkeypatch.setenv("COLUMNS", "100")
    for key in [k for k in os.environ if k.startswith("FOOTPRINT_ENDPOINT_")]:
        monkeypatch.delenv(key)


def fixture_file(*parts: str) -> Path:
    """A file under tests/fixtures, which must exist."""
    path = FIXTURES.joinpath(*parts)
    assert path.is_file(), f"missing fixture {path}"
    return path


def make_profile(**overrides: object) -> Profile:
    """A valid fictional profile, with any top-level key replaced."""
    data: dict[str, object] = {
        "person": {
            "name": "Jane Smith",
            "also_known_as": ["Janey Smith"],
            "role": "social worker",
            "employer": "Fife Council",
            "team": "Children and Families, Kirkcaldy",
            "localities": ["Kirkcaldy", "Fife"],
        },
        "watch": {"places": ["Kirkcaldy Sheriff Court"], "words": ["LAC review"]},
        "accounts": [{"platform": "mastodon", "handle": "@janesmith@mastodon.example"}],
        "framework": "sssc",
    }
    data.update(overrides)
    return Profile.model_validate(data)
