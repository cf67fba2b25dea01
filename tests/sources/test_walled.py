"""Login-walled platforms: NOT_CHECKABLE with a reason and a checklist, no request sent, handles checked."""

from __future__ import annotations

import pytest
import respx

from footprint.models import Account, AccountStatus
from footprint.sources.threads import ThreadsSource
from footprint.sources.tiktok import TikTokSource
from footprint.sources.walled import FacebookSource, InstagramSource, LinkedInSource, WalledSource, XSource, catalogue
from tests.sources.conftest import read

ALL: list[type[WalledSource]] = [XSource, FacebookSource, InstagramSource, LinkedInSource, TikTokSource, ThreadsSource]
NO_PROBE = [XSource, FacebookSource, InstagramSource, LinkedInSource]


def test_every_catalogued_platform_has_a_source() -> None:
    assert sorted(catalogue()) == sorted(cls.platform for cls in ALL)


@pytest.mark.parametrize("source", NO_PROBE)
def test_not_checkable_without_sending_anything(mock: respx.MockRouter, source: type[WalledSource]) -> None:
    handle = source.handle_example
    outcome = read(source, handle=handle)
    assert outcome.status is AccountStatus.NOT_CHECKABLE and outcome.snapshot is None
    assert outcome.reason.startswith("not checkable from outside") and "cannot reliably tell" in outcome.reason
    assert "footprint scan" in outcome.reason
    assert len(outcome.checklist) >= 4 and any("footprint scan" in step for step in outcome.checklist)
    name = handle.lstrip("@")
    assert any(source.spec.profile_url.format(name=name) in step for step in outcome.checklist)
    assert not mock.calls


@pytest.mark.parametrize(
    "source,good,bad",
    [
        (XSource, ["@jane_smith", "JaneSmith1"], ["jane.smith", "a" * 16, "@"]),
        (FacebookSource, ["jane.smith.123", "profile.php?id=100012345"], ["jane", "jane smith"]),
        (InstagramSource, ["@jane.smith_", "js"], ["jane-smith", "a" * 31]),
        (LinkedInSource, ["jane-smith-sw", "in/jane-smith"], ["jane smith", "js"]),
        (TikTokSource, ["@jane.smith", "j_s"], ["j", "jane-smith"]),
        (ThreadsSource, ["@jane.smith"], ["jane smith", "@"]),
    ],
)
def test_handle_grammars(source: type[WalledSource], good: list[str], bad: list[str]) -> None:
    for handle in good:
        assert source.validate(Account(platform=source.platform, handle=handle)) is None, handle
    for handle in bad:
        assert source.validate(Account(platform=source.platform, handle=handle)) is not None, handle


def test_the_profile_loader_rejects_an_impossible_handle_with_its_place(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from footprint.errors import InputError
    from footprint.plugins import discover
    from footprint.profile_file import load_profile

    path = tmp_path / "profiles.yaml"
    path.write_text("person: {name: Jane Smith}\naccounts:\n  - {platform: x, handle: jane.smith.sw}\n")
    with pytest.raises(InputError) as caught:
        load_profile(path, discover().sources)
    assert (
        caught.value.message.startswith(f"{path}:3:") and "cannot be a valid X (Twitter) handle" in caught.value.message
    )
