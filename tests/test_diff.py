"""footprint diff: fixed, new and remaining findings matched by stable id; bad input is one line, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from footprint.cli import app
from footprint.diff import diff, load_reports, to_json, to_text
from footprint.errors import InputError
from footprint.models import Severity
from footprint.redact import redact
from tests.render.sample import sample_report

runner = CliRunner()


def write(path: Path, data: object) -> Path:
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """An old report, and a new one where two findings were fixed, one is new and one got worse."""
    old = sample_report()
    new = sample_report()
    gone = {"oversharing.service-user", "contact.personal"}
    kept = [f for f in new.findings if f.check not in gone]
    kept = [f.model_copy(update={"severity": Severity.HIGH}) if f.check == "conduct.disparaging" else f for f in kept]
    added = old.findings[0].model_copy(update={"id": "conduct.public-trust:000000000000", "title": "A new post"})
    new = new.model_copy(update={"findings": [*kept, added]})
    return write(tmp_path / "old.json", json.loads(old.model_dump_json())), write(
        tmp_path / "new.json", json.loads(new.model_dump_json())
    )


def test_fixed_new_and_remaining(pair: tuple[Path, Path]) -> None:
    result = diff(load_reports(pair[0]), load_reports(pair[1]))
    assert sorted(f.check for f in result.fixed) == ["contact.personal", "oversharing.service-user"]
    assert [f.id for f in result.added] == ["conduct.public-trust:000000000000"]
    assert len(result.remaining) == len(sample_report().findings) - 2
    worse = [c for c in result.remaining if c.severity_changed]
    assert [(c.old.severity, c.new.severity) for c in worse] == [(Severity.MEDIUM, Severity.HIGH)]
    text = to_text(result)
    assert "2 fixed · 1 new · 12 remaining" in text and "(was medium)" in text
    data = json.loads(to_json(result))
    assert len(data["fixed"]) == 2 and len(data["new"]) == 1 and len(data["remaining"]) == 12


def test_redacted_reports_still_match(tmp_path: Path) -> None:
    old = write(tmp_path / "old.json", sample_report().model_dump_json())
    new = write(tmp_path / "new.json", redact(sample_report()).model_dump_json())
    result = diff(load_reports(old), load_reports(new))
    assert not result.fixed and not result.added


def test_demo_arrays_are_read(tmp_path: Path) -> None:
    path = write(
        tmp_path / "demo.json", "[" + sample_report().model_dump_json() + "," + sample_report().model_dump_json() + "]"
    )
    assert len(load_reports(path)) == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", r"bad\.json:1:2: not valid JSON"),
        ("[]", "empty list"),
        ('{"hello": 1}', "not a footprint report"),
        ('{"schema_version": "2.0", "findings": []}', "schema version '2.0' is not supported"),
        ('{"schema_version": "1.0", "findings": [{"check": 3}]}', "not a valid footprint report"),
    ],
)
def test_bad_input_is_one_line_error(tmp_path: Path, content: str, message: str) -> None:
    path = write(tmp_path / "bad.json", content)
    with pytest.raises(InputError, match=message):
        load_reports(path)


def test_cli_diff(pair: tuple[Path, Path], tmp_path: Path) -> None:
    result = runner.invoke(app, ["diff", str(pair[0]), str(pair[1])])
    assert result.exit_code == 0 and "Fixed since the last audit (2)" in result.stdout
    result = runner.invoke(app, ["diff", str(pair[0]), str(pair[1]), "-f", "json"])
    assert json.loads(result.stdout)["new"][0]["title"] == "A new post"


@pytest.mark.parametrize("content", [None, "{oops", '{"a": 1}'])
def test_cli_diff_bad_input_exits_2_with_one_line(tmp_path: Path, pair: tuple[Path, Path], content: str | None) -> None:
    bad = tmp_path / "bad.json"
    if content is not None:
        write(bad, content)
    result = runner.invoke(app, ["diff", str(bad), str(pair[1])])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in result.output


# --------------------------------------------------------------------------- issue 11: "fixed" only when re-checked


def _saved(tmp_path: Path, name: str, report) -> Path:  # type: ignore[no-untyped-def]
    return write(tmp_path / name, json.loads(report.model_dump_json()))


def test_findings_of_a_skipped_check_are_not_re_checked_not_fixed(tmp_path: Path) -> None:
    old = sample_report()
    conduct = {f.check for f in old.findings if f.check.startswith("conduct.")}
    new = old.model_copy(
        update={
            "findings": [f for f in old.findings if f.check not in conduct],
            "checks_run": [c for c in old.checks_run if c not in conduct],
        }
    )
    result = diff([old], [new])
    assert not result.fixed and len(result.not_rechecked) == len(conduct)
    assert all("did not run" in n.reason for n in result.not_rechecked)
    text = to_text(result)
    assert "0 fixed" in text and f"{len(conduct)} not re-checked" in text
    data = json.loads(to_json(result))
    assert len(data["not_rechecked"]) == len(conduct) and not data["fixed"]


def test_findings_of_an_account_that_timed_out_are_not_re_checked(tmp_path: Path) -> None:
    from footprint.models import AccountStatus

    old = sample_report()
    anon = "@nightshiftsw@social.example"
    accounts = [
        a.model_copy(update={"status": AccountStatus.TIMED_OUT, "posts_read": 0}) if a.account == anon else a
        for a in old.accounts
    ]
    new = old.model_copy(update={"accounts": accounts, "findings": [f for f in old.findings if f.account != anon]})
    result = diff([old], [new])
    gone = [f for f in old.findings if f.account == anon]
    assert gone and not result.fixed
    assert {n.finding.id for n in result.not_rechecked} == {f.id for f in gone}
    assert all("was not read" in n.reason for n in result.not_rechecked)


def test_really_fixed_findings_still_count_as_fixed() -> None:
    old = sample_report()
    new = old.model_copy(update={"findings": old.findings[1:]})
    result = diff([old], [new])
    assert [f.id for f in result.fixed] == [old.findings[0].id] and not result.not_rechecked


def test_reports_about_different_people_are_refused_unless_asked(tmp_path: Path) -> None:
    from footprint.models import Subject

    old = sample_report()
    other = old.model_copy(update={"subject": Subject(name="Alex Morgan", role="social worker"), "findings": []})
    a, b = _saved(tmp_path, "a.json", old), _saved(tmp_path, "b.json", other)
    result = runner.invoke(app, ["diff", str(a), str(b)])
    assert result.exit_code == 2 and "different people (Jamie Reid → Alex Morgan)" in result.output
    assert "--allow-mismatch" in result.output
    forced = runner.invoke(app, ["diff", str(a), str(b), "--allow-mismatch"])
    assert forced.exit_code == 0 and "WARNING: the reports are about different people" in forced.stdout


def test_reports_under_different_frameworks_are_refused() -> None:
    old = sample_report()
    new = old.model_copy(update={"framework": "swe"})
    with pytest.raises(InputError, match="different frameworks"):
        diff([old], [new])
