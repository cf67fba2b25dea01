"""--redact: a pure Report → Report transform that masks names, handles, numbers and places."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from footprint.cli import app
from footprint.models import Excerpt, Finding, Report
from footprint.redact import Masker, redact, redact_all
from footprint.render import FORMATS, RenderOptions, renderer
from tests.render.sample import sample_report

SECRETS = [
    "Jamie",
    "Reid",
    "jamiereid",
    "nightshiftsw",
    "jreid-example",
    "Templehall",
    "Fife Council",
    "Kirkcaldy",
    "07700",
    "900123",
    "Balwearie",
    "Brian",
    "mastodon.example/@",
]


def test_input_is_not_changed_and_output_is_flagged() -> None:
    report = sample_report()
    before = report.model_dump_json()
    out = redact(report)
    assert report.model_dump_json() == before
    assert out.redacted and not report.redacted


def test_names_handles_numbers_and_places_are_masked_everywhere_they_are_shown() -> None:
    out = redact(sample_report())
    shown = json.dumps(
        [
            out.subject.model_dump(),
            [a.model_dump(mode="json") for a in out.accounts],
            [
                (
                    f.account,
                    f.excerpt.text if f.excerpt else "",
                    f.details,
                    f.why,
                    f.title,
                    f.item.model_dump(mode="json"),
                )
                for f in out.findings
            ],
            out.warnings,
        ]
    )
    for secret in SECRETS:
        assert secret not in shown, secret


def test_structure_severity_ids_and_guidance_are_kept() -> None:
    report = sample_report()
    out = redact(report)
    assert [f.id for f in out.findings] == [f.id for f in report.findings]
    assert [f.severity for f in out.findings] == [f.severity for f in report.findings]
    assert [f.guidance for f in out.findings] == [f.guidance for f in report.findings]
    assert out.subject.role == "social worker"


def test_account_names_become_consistent_labels() -> None:
    out = redact(sample_report())
    labels = [a.account for a in out.accounts]
    assert labels == [f"[account {i}]" for i in range(1, len(labels) + 1)]
    assert {f.account for f in out.findings} <= set(labels)
    linkable = next(f for f in out.findings if f.check == "identity.linkable")
    assert linkable.details == ["same avatar as [account 1]"], "a known handle in the text gets its account label"


def test_excerpt_span_moves_to_the_masked_words() -> None:
    out = redact(sample_report())
    service_user = next(f for f in out.findings if f.check == "oversharing.service-user")
    assert service_user.excerpt is not None
    assert service_user.excerpt.matched == "[number] year old boy from [place]"
    assert service_user.excerpt.before == "Tough LAC review for the "
    phone = next(f for f in out.findings if f.check == "contact.personal")
    assert phone.excerpt and phone.excerpt.matched == "[number]" and phone.details == ["phone: [number]"]
    role = next(
        f
        for f in out.findings
        if f.check == "identity.role" and "Social worker" in (f.excerpt.text if f.excerpt else "")
    )
    assert role.excerpt and role.excerpt.matched == "Social worker", "ordinary words and sentence starts stay"


def test_links_and_post_ids_are_dropped_but_tool_prose_reads() -> None:
    out = redact(sample_report())
    assert all(f.item.url is None and f.item.id is None for f in out.findings)
    assert all(a.url is None for a in out.accounts)
    visibility = next(f for f in out.findings if f.check == "visibility.public")
    assert any("On Mastodon" in line for line in visibility.advice), "advice is not mangled"


def test_every_format_renders_the_redacted_report_and_says_so() -> None:
    out = redact_all([sample_report()])
    for name in FORMATS:
        text = renderer(name)(out, RenderOptions(width=140))
        assert "Templehall" not in text and "jamiereid" not in text
        assert "REDACTED" in text.upper() or '"redacted": true' in text


def test_cli_demo_redact_masks_the_personas() -> None:
    result = CliRunner().invoke(app, ["demo", "--redact", "-f", "json"], catch_exceptions=False)
    assert result.exit_code == 0
    reports = [Report.model_validate(r) for r in json.loads(result.stdout)]
    assert all(r.redacted and r.subject.name == "[name]" for r in reports)
    assert "jamiereid" not in result.stdout and "Jamie Reid" not in result.stdout and "Alex Morgan" not in result.stdout
    # The demo's fictional people and places (as written in its fixtures) do not survive.
    for secret in ("Templehall", "Kirkcaldy", "Fife Council", "Isla", "Rory", "Dunnikier", "Lanzarote", "07700 9"):
        assert secret not in result.stdout, secret
    oversharer = max(reports, key=lambda r: len(r.findings))
    assert any("social worker" in f.why for f in oversharer.findings), "ordinary words in the explanations survive"


def test_keep_words_file_is_validated(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from footprint import redact as module
    from footprint.errors import InputError

    (tmp_path / "redact_keep.yaml").write_text("keep:\n  - Monday\n", encoding="utf-8")
    monkeypatch.setattr(module.resources, "files", lambda _: tmp_path)
    module.keep_words.cache_clear()
    try:
        with pytest.raises(InputError, match=r"redact_keep\.yaml:\d+:\d+: .*lower case"):
            module.keep_words()
    finally:
        module.keep_words.cache_clear()


TEXT = st.text(alphabet=st.sampled_from(list("ab AB Cd 12 @x.y/:-.\n!?")), max_size=60)


@settings(deadline=None)
@given(TEXT, st.data())
def test_any_excerpt_stays_valid_after_masking(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    report = sample_report(hostile=False)
    finding = Finding(
        check="identity.role",
        title="t",
        severity="low",
        platform="mastodon",
        account="@a@b.example",
        excerpt=Excerpt(text=text, start=start, end=end),
        why="w",
    )
    masked = Masker(report.model_copy(update={"findings": [finding]})).excerpt(finding.excerpt)
    assert masked is not None and 0 <= masked.start <= masked.end <= len(masked.text)
    if start == end == 0:
        assert masked.start == 0
