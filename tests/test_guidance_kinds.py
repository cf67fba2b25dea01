"""Guidance that fits the finding: clauses and advice chosen by what the post did (its kind)."""

from __future__ import annotations

import pytest

from footprint.guidance import PLATFORMS, finding_kinds, frameworks, load_catalogue, merge_advice, platform_advice

FRAMEWORKS = frameworks()
PAIRS = [(check, kind) for check, kinds in finding_kinds().items() for kind in kinds]
EXPLICIT = (
    "conduct.public-trust",
    "conduct.disparaging",
    "oversharing.service-user",
    "boundaries.service-user-contact",
)


def test_six_frameworks_and_a_vocabulary() -> None:
    assert len(FRAMEWORKS) == 6
    assert ("conduct.public-trust", "discrimination") in PAIRS and (
        "conduct.disparaging",
        "contempt-service-users",
    ) in PAIRS


@pytest.mark.parametrize("framework", FRAMEWORKS)
@pytest.mark.parametrize(("check", "kind"), PAIRS)
def test_every_kind_has_clauses_none_twice(framework: str, check: str, kind: str) -> None:
    catalogue = load_catalogue(framework)
    if check in EXPLICIT:
        assert kind in catalogue.kinds.get(check, {}), f"{framework}: no clauses for {check}/{kind}"
    for platform in (*PLATFORMS, "generic"):
        ids = catalogue.clause_ids_for(check, kind, platform)
        assert ids, f"{framework}: {check}/{kind} on {platform} cites nothing"
        assert len(ids) == len(set(ids))
        citations = [ref.citation for ref in catalogue.refs_for(check, kind, platform)]
        assert len(citations) == len(set(citations)), citations


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_one_line_per_rule_across_editions(framework: str) -> None:
    catalogue = load_catalogue(framework)
    older = {c.supersedes for c in catalogue.clauses if c.supersedes}
    for check in catalogue.mappings:
        for kind in [None, *finding_kinds().get(check, {})]:
            ids = catalogue.clause_ids_for(check, kind, "mastodon")
            assert not older & set(ids), f"{framework}: {check}/{kind} cites an older edition's clause on its own line"


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_platform_guides_only_for_their_platform(framework: str) -> None:
    catalogue = load_catalogue(framework)
    for check in catalogue.mappings:
        for kind in [None, *finding_kinds().get(check, {})]:
            for platform in (*PLATFORMS, "generic"):
                for cid in catalogue.clause_ids_for(check, kind, platform):
                    only = catalogue.documents[catalogue.clause(cid).document].platforms
                    assert not only or platform in only, f"{framework}: {cid} cited for {platform}"


def test_sssc_hungover_post_cites_conduct_first_and_no_diversity_clause() -> None:
    refs = load_catalogue("sssc").refs_for("conduct.public-trust", "intoxication", "mastodon")
    assert refs[0].theme == "conduct in and outside work"
    assert refs[0].formerly == "2016 edition, 5.8"  # the older number on the same line
    assert "(formerly 2016 edition, 5.8)" in refs[0].citation
    assert not any("diversity" in r.summary.lower() or "discriminat" in r.summary.lower() for r in refs)


def test_sssc_discrimination_cites_the_diversity_clause_first() -> None:
    refs = load_catalogue("sssc").refs_for("conduct.public-trust", "discrimination", "x")
    assert refs[0].clause == "1.6"


def test_public_blog_cites_a_general_privacy_source_not_the_facebook_guide() -> None:
    sssc = load_catalogue("sssc")
    blog = sssc.refs_for("visibility.public", None, "blog")
    assert "Facebook" not in blog[0].document and blog[0].theme == "privacy settings"
    assert all("Facebook" not in r.document for r in blog)
    assert any("Facebook" in r.document for r in sssc.refs_for("visibility.public", None, "facebook"))


def test_unknown_kind_falls_back_to_the_checks_mapping() -> None:
    sssc = load_catalogue("sssc")
    assert sssc.clause_ids_for("conduct.public-trust", None, "x") == sssc.clause_ids_for(
        "conduct.public-trust", "no-such", "x"
    )


def test_advice_follows_the_kind() -> None:
    sssc = load_catalogue("sssc")
    drink = sssc.advice_for("conduct.public-trust", "x", "intoxication")
    slur = sssc.advice_for("conduct.public-trust", "x", "discrimination")
    assert "drink or drugs" in drink[0] and "equality" not in " ".join(drink)
    assert "discriminatory" in slur[0]


def test_near_duplicate_advice_is_merged() -> None:
    lines = [
        "Delete or edit the post so that it no longer describes a person you work with.",
        "Talk it through with your manager or supervisor; a confidentiality breach may need reporting.",
        "Remove the post now: even without a name, details such as age, place, dates or events can identify a person you work with.",
        "Tell your supervisor or line manager; your employer may need to record a possible data breach.",
        "On Mastodon, open the post's ⋯ menu and choose Delete.",
    ]
    assert merge_advice(lines) == [lines[0], lines[1], lines[4]]
    # distinct actions stay
    assert merge_advice(["Delete the post.", "Switch off location tagging for the camera."]) == [
        "Delete the post.",
        "Switch off location tagging for the camera.",
    ]


@pytest.mark.parametrize("framework", FRAMEWORKS)
@pytest.mark.parametrize(("check", "kind"), PAIRS)
def test_advice_for_every_kind_has_no_near_duplicates(framework: str, check: str, kind: str) -> None:
    catalogue = load_catalogue(framework)
    for platform in ("mastodon", "facebook", "generic"):
        advice = catalogue.advice_for(check, platform, kind)
        assert advice and merge_advice(advice) == advice


def test_shared_advice_kinds_are_in_the_vocabulary() -> None:
    vocabulary = finding_kinds()
    for check, entry in platform_advice().checks.items():
        assert set(entry.kinds) <= set(vocabulary.get(check, {}))


def test_the_demos_hungover_post_and_public_blog_cite_what_fits() -> None:
    """Issue 16's done-when, through the real demo: drink cites conduct first and no diversity clause; a public
    blog cites a general privacy source, never the Facebook guide; no rule stands twice (one line per edition)."""
    import json

    from typer.testing import CliRunner

    from footprint.cli import app

    result = CliRunner().invoke(app, ["demo", "--persona", "oversharer", "-f", "json"])
    report = json.loads(result.stdout)
    report = report[0] if isinstance(report, list) else report
    drink = next(f for f in report["findings"] if f.get("kind") == "intoxication")
    assert drink["guidance"][0]["theme"] == "conduct in and outside work"
    assert not any("diversity" in g["summary"].lower() for g in drink["guidance"])
    blog = next(f for f in report["findings"] if f["check"] == "visibility.public" and f["platform"] == "blog")
    assert blog["guidance"][0]["theme"] == "privacy settings"
    assert all("Facebook" not in g["document"] for g in blog["guidance"])
    for finding in report["findings"]:
        numbers = [(g["document"], g.get("clause")) for g in finding["guidance"] if g.get("clause")]
        assert len(numbers) == len(set(numbers))
        assert not any(g["document"].endswith("Workers") and g.get("clause") == "5.8" for g in finding["guidance"])
