"""The guidance catalogues: every shipped framework maps every check, cites only verified numbers, loads cleanly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from footprint import guidance
from footprint.errors import InputError
from footprint.guidance import ACTIONS, PLATFORMS, THEMES, frameworks, load_catalogue, platform_advice
from footprint.plugins import discover

# The built-in check ids (issue 4). The test also adds every installed check, so a new check
# without a mapping in some framework fails here.
CHECK_IDS = {
    "visibility.public",
    "visibility.indexable",
    "identity.real-name",
    "identity.role",
    "identity.employer",
    "identity.linkable",
    "contact.personal",
    "oversharing.service-user",
    "oversharing.workplace",
    "oversharing.personal",
    "conduct.disparaging",
    "conduct.public-trust",
    "boundaries.service-user-contact",
}
SHIPPED = ["basw", "hcpc", "niscc", "scw", "sssc", "swe"]


def all_check_ids() -> set[str]:
    return CHECK_IDS | set(discover().checks)


def test_the_six_frameworks_ship() -> None:
    assert frameworks() == SHIPPED


@pytest.mark.parametrize("framework", SHIPPED)
def test_every_check_is_mapped(framework: str) -> None:
    catalogue = load_catalogue(framework)
    assert catalogue.missing(all_check_ids()) == [], f"{framework} lacks mappings"
    for check in all_check_ids():
        assert catalogue.refs_for(check), f"{framework}: {check} maps to no clause"


@pytest.mark.parametrize("framework", SHIPPED)
def test_every_check_gets_advice_on_every_platform(framework: str) -> None:
    catalogue = load_catalogue(framework)
    for check in CHECK_IDS:
        for platform in (*PLATFORMS, "some-new-platform"):
            assert catalogue.advice_for(check, platform), f"{framework}: no advice for {check} on {platform}"


@pytest.mark.parametrize("framework", SHIPPED)
def test_unverified_clauses_are_never_cited_by_number(framework: str) -> None:
    catalogue = load_catalogue(framework)
    for clause in catalogue.clauses:
        ref = catalogue.ref(clause)
        if not clause.verified:
            assert ref.clause is None
            older = f" (formerly {ref.formerly})" if ref.formerly else ""
            assert ref.citation == f"{ref.document}, {ref.edition}: {ref.theme}{older}"
        else:
            assert ref.clause == clause.number and clause.number in ref.citation
        assert ref.edition in ref.citation
        assert ref.url and ref.url.startswith("http")


@pytest.mark.parametrize("framework", SHIPPED)
def test_catalogue_records_its_edition(framework: str) -> None:
    catalogue = load_catalogue(framework)
    assert catalogue.documents[catalogue.primary].edition == catalogue.edition
    assert all(clause.theme in THEMES for clause in catalogue.clauses)


def test_sssc_outside_work_is_cited_by_theme_and_2016_number() -> None:
    refs = load_catalogue("sssc").refs_for("identity.role")
    citations = [r.citation for r in refs]
    # One rule, one line: the 2024 theme, with the verified 2016 number in the same line.
    assert (
        "SSSC Codes of Practice for Social Service Workers, 2024: conduct in and outside work "
        "(formerly 2016 edition, 5.8)"
    ) in citations
    assert "SSSC Codes of Practice for Social Service Workers (2016), 5.8" not in citations
    # No 2024 number for the outside-work statement anywhere in the catalogue.
    assert not any("(2024)" in c and "5." in c for c in citations)


def test_sssc_social_media_guidance_points_are_their_own_documents() -> None:
    catalogue = load_catalogue("sssc")
    smg = [c for c in catalogue.clauses if c.id.startswith("SSSC-SMG-")]
    assert len(smg) >= 15
    assert all(not c.verified and c.number is None for c in smg), "local SMG ids are not official numbers"
    assert {catalogue.documents[c.document].title for c in smg} >= {"SSSC: Social media, common questions (KA-01068)"}


def test_checks_for_lists_the_checks_on_a_clause() -> None:
    catalogue = load_catalogue("sssc")
    assert "oversharing.service-user" in catalogue.checks_for("SSSC-W-2024:2.3")
    assert catalogue.checks_for("SSSC-W-2024:2.3") == sorted(catalogue.checks_for("SSSC-W-2024:2.3"))


def test_platform_advice_covers_every_platform_and_action() -> None:
    advice = platform_advice()
    for platform in (*PLATFORMS, "default"):
        howto = advice.platforms[platform]
        for action in ACTIONS:
            assert len(getattr(howto, action)) > 20
    for check in CHECK_IDS:
        assert advice.checks[check].general


def test_advice_is_platform_specific() -> None:
    catalogue = load_catalogue("sssc")
    mastodon = catalogue.advice_for("visibility.public", "mastodon")
    x = catalogue.advice_for("visibility.public", "x")
    assert any("Require follow requests" in line for line in mastodon)
    assert any("Protect your posts" in line for line in x)
    assert mastodon != x


def test_unknown_framework_is_one_line_error() -> None:
    with pytest.raises(InputError, match="unknown framework 'nmc'"):
        load_catalogue("nmc")


# --------------------------------------------------------------------------- validation on load


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Copy the catalogues to a temporary folder the loader reads instead; returns a writer."""
    src = Path(guidance.__file__).parent
    for path in src.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.setattr(guidance, "_folder", lambda: tmp_path)
    load_catalogue.cache_clear()
    platform_advice.cache_clear()

    def write(old: str, new: str, name: str = "sssc.yaml") -> None:
        path = tmp_path / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    yield write
    load_catalogue.cache_clear()
    platform_advice.cache_clear()


def test_unverified_number_is_refused(broken) -> None:  # type: ignore[no-untyped-def]
    broken(
        '{id: "SSSC-W-current:outside-work", document: codes-2024,',
        '{id: "SSSC-W-current:outside-work", document: codes-2024, number: "5.8",',
    )
    with pytest.raises(InputError, match=r"sssc\.yaml:\d+:\d+: .*has a number but is not verified"):
        load_catalogue("sssc")


def test_mapping_to_unknown_clause_is_refused(broken) -> None:  # type: ignore[no-untyped-def]
    broken("contact.personal: [SSSC-SMG-protecting-yourself,", "contact.personal: [SSSC-SMG-99,")
    with pytest.raises(InputError, match="unknown clause 'SSSC-SMG-99'") as caught:
        load_catalogue("sssc")
    lines = (Path(guidance.__file__).parent / "sssc.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, start=1) if text.startswith("  contact.personal: ["))
    assert f"sssc.yaml:{line}:22: mappings.contact.personal[0]:" in caught.value.message


def test_unknown_theme_is_refused(broken) -> None:  # type: ignore[no-untyped-def]
    broken("theme: dignity and respect,", "theme: niceness,")
    with pytest.raises(InputError, match="unknown theme 'niceness'"):
        load_catalogue("sssc")


def test_edition_must_match_primary_document(broken) -> None:  # type: ignore[no-untyped-def]
    broken('edition: "2024"\nprimary: codes-2024', 'edition: "2016"\nprimary: codes-2024')
    with pytest.raises(InputError, match="differs from the primary document's edition"):
        load_catalogue("sssc")


def test_missing_platform_advice_is_refused(broken) -> None:  # type: ignore[no-untyped-def]
    broken("  threads:\n    title: Threads", "  thread:\n    title: Threads", name="_advice.yaml")
    with pytest.raises(InputError, match="threads"):
        load_catalogue("sssc")


def test_advice_for_unknown_platform_is_refused(broken) -> None:  # type: ignore[no-untyped-def]
    broken("  identity.employer:\n    default:", "  identity.employer:\n    myspace: [x]\n    default:")
    with pytest.raises(InputError, match="unknown platform 'myspace'"):
        load_catalogue("sssc")
