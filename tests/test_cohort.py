"""`footprint cohort`: an anonymous summary of students' redacted reports, through the real CLI.

The central test proves that no name, handle, excerpt or file name from the input reaches any of the
three outputs, using the bundled personas (redacted, then not) and a report with canaries in every
free-text field.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from footprint.cli import app
from footprint.models import (
    AccountStatus,
    AccountSummary,
    DiscoveredAccount,
    DiscoveryState,
    Excerpt,
    Finding,
    GuidanceRef,
    Item,
    Report,
    Severity,
    Subject,
    Tool,
)

runner = CliRunner()
PERSONAS = ("anonymous", "careful", "manager", "oversharer", "student")


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), catch_exceptions=False)


def one_error_line(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in result.output, result.output
    return lines[0]


@pytest.fixture(scope="module")
def handed_in(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict], list[dict]]:
    """A folder of five students' redacted reports (the bundled personas), and the same reports unredacted."""
    folder = tmp_path_factory.mktemp("cohort") / "handed-in"
    folder.mkdir()
    redacted, plain = [], []
    for number, name in enumerate(PERSONAS, start=1):
        target = folder / f"zq{number}x7.json"  # a file name that would stand out if it were ever printed
        assert run("demo", "--persona", name, "--redact", "-f", "json", "-o", str(target)).exit_code == 0
        redacted.append(json.loads(target.read_text()))
        plain.append(json.loads(run("demo", "--persona", name, "-f", "json").stdout))
    return folder, redacted, plain


def outputs(*args: str) -> dict[str, str]:
    out = {}
    for fmt in ("terminal", "json", "html"):
        result = run("cohort", *args, "-f", fmt)
        assert result.exit_code == 0, result.output
        out[fmt] = result.stdout
    return out


def secrets_of(reports: list[dict]) -> set[str]:
    """Every name, handle, address, excerpt, detail and explanation in the reports."""
    found: set[str] = set()
    for report in reports:
        found.add(report["subject"]["name"])
        if report.get("teaching_point"):
            found.add(report["teaching_point"])
        for account in report["accounts"]:
            found.update(filter(None, [account["account"], account.get("url"), account.get("reason")]))
            found.update(account["notes"])
        for finding in report["findings"]:
            found.update(filter(None, [finding["account"], finding["why"], finding["item"].get("url")]))
            found.update(finding["details"])
            if finding.get("excerpt"):
                found.add(finding["excerpt"]["text"])
        found.update(report["warnings"])
    return {s for s in found if len(s) >= 4}


def test_nothing_identifying_leaks_from_redacted_reports(handed_in: tuple[Path, list[dict], list[dict]]) -> None:
    folder, redacted, plain = handed_in
    texts = outputs(str(folder))
    # Every persona's real names, handles, places and posts, and every excerpt as redacted.
    secrets = secrets_of(plain) | secrets_of(redacted) | {"zq1x7", "zq3x7", "handed-in"}
    secrets |= {
        "Jamie",
        "Priya",
        "Robin Hale",
        "Morgan Blake",
        "Templehall",
        "Kirklees",
        "Lockside",
        "Llanrumney",
        "Andersonstown",
        "07700",
        "028 9649",
        "nightshiftsw",
        "tiredamhp",
        ".example",
    }
    for fmt, text in texts.items():
        for secret in sorted(secrets):
            assert secret not in text, f"{fmt} output shows {secret!r}"
        assert "[name]" not in text and "[account" not in text, "not even a masked name"
    for fmt in ("terminal", "html"):
        assert "No name, handle, excerpt or file name from any report is shown" in texts[fmt][:2000], "said at the top"
    assert json.loads(texts["json"])["notice"].startswith("Anonymous summary")


def test_the_figures_match_the_reports(handed_in: tuple[Path, list[dict], list[dict]]) -> None:
    folder, redacted, _ = handed_in
    summary = json.loads(run("cohort", str(folder), "-f", "json").stdout)
    n = len(redacted)
    with_high = sum(1 for r in redacted if any(f["severity"] == "high" for f in r["findings"]))
    accounts = [a for r in redacted for a in r["accounts"]]
    assert summary["reports"] == n == 5
    assert summary["people_with_high"] == with_high and summary["share_with_high"] == round(with_high / n, 4)
    assert 0 < with_high < n, "the careful persona has no high finding"
    assert summary["accounts_declared"] == len(accounts)
    assert summary["accounts_read"] == sum(a["status"] == "checked" for a in accounts)
    by_check = {t["key"]: t for t in summary["by_check"]}
    for check in {f["check"] for r in redacted for f in r["findings"]}:
        people = sum(1 for r in redacted if any(f["check"] == check for f in r["findings"]))
        assert by_check[check]["people"] == people, check
        assert by_check[check]["findings"] == sum(f["check"] == check for r in redacted for f in r["findings"])
    assert by_check["visibility.public"]["people"] == 5
    platforms = {p["platform"]: p for p in summary["by_platform"]}
    assert platforms["linkedin"]["accounts"] == 2 and platforms["linkedin"]["read"] == 0
    assert summary["frameworks"] == {"niscc": 1, "scw": 1, "sssc": 2, "swe": 1}
    principles = {t["key"] for t in summary["by_principle"]}
    assert "confidentiality" in principles and "public trust in the profession" in principles
    assert sum(summary["people_by_worst"].values()) == n
    advice = summary["common_advice"]
    assert advice and all(a["people"] >= 2 for a in advice)
    assert advice == sorted(advice, key=lambda a: -a["people"])


def test_terminal_says_it_plainly(handed_in: tuple[Path, list[dict], list[dict]]) -> None:
    folder, _, _ = handed_in
    text = run("cohort", str(folder)).stdout
    assert text.splitlines()[0].startswith("Anonymous summary: counts only.")
    assert "People with at least one high finding: 4 of 5 (80%)" in text
    assert "principles are compared by theme, which every framework shares" in text
    for heading in ("By guidance principle", "By check", "By platform", "Most common advice"):
        assert heading in text


def test_html_is_self_contained_with_a_chart(handed_in: tuple[Path, list[dict], list[dict]], tmp_path: Path) -> None:
    folder, _, _ = handed_in
    target = tmp_path / "cohort.html"
    assert run("cohort", str(folder), "-f", "html", "-o", str(target)).exit_code == 0
    html = target.read_text()
    assert html.count("<svg") == 2 and html.count("<rect") > 10 and 'id="chart-principles"' in html
    assert "<script" not in html and "default-src 'none'" in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in html
    assert oct(target.stat().st_mode)[-3:] == "600"


def test_unredacted_reports_are_refused_unless_allowed(
    handed_in: tuple[Path, list[dict], list[dict]], tmp_path: Path
) -> None:
    _, _, plain = handed_in
    report = tmp_path / "plain.json"
    report.write_text(json.dumps(plain[3]))
    line = one_error_line(runner.invoke(app, ["cohort", str(report)]))
    assert f"{report}: this report is not redacted" in line and "--allow-names" in line
    allowed = outputs(str(report), "--allow-names")
    for fmt, text in allowed.items():
        for secret in ("Jamie", "jamiereid", "Templehall", "07700"):
            assert secret not in text, (fmt, secret)
    assert "Unredacted reports accepted with --allow-names: 1" in allowed["terminal"]
    assert json.loads(allowed["json"])["unredacted_reports"] == 1


def test_other_schema_versions_are_handled_or_refused_plainly(
    handed_in: tuple[Path, list[dict], list[dict]], tmp_path: Path
) -> None:
    _, redacted, _ = handed_in
    newer_minor = {**redacted[0], "schema_version": "1.4", "a_field_from_the_future": True}
    (tmp_path / "a.json").write_text(json.dumps(newer_minor))
    (tmp_path / "b.json").write_text(json.dumps(redacted[1]))
    summary = json.loads(run("cohort", str(tmp_path), "-f", "json").stdout)
    assert summary["schema_versions"] == {"1.0": 1, "1.4": 1}
    (tmp_path / "c.json").write_text(json.dumps({**redacted[2], "schema_version": "2.0"}))
    line = one_error_line(runner.invoke(app, ["cohort", str(tmp_path)]))
    assert f"{tmp_path / 'c.json'}: report schema version '2.0' is not supported" in line


def test_the_same_report_twice_is_counted_once(handed_in: tuple[Path, list[dict], list[dict]]) -> None:
    folder, _, _ = handed_in
    one = folder / "zq1x7.json"
    summary = json.loads(run("cohort", str(one), str(one), str(folder / "zq2x7.json"), "-f", "json").stdout)
    assert summary["reports"] == 2 and summary["duplicates_ignored"] == 1


def test_bad_input_is_one_line(tmp_path: Path) -> None:
    assert "no *.json reports in this folder" in one_error_line(runner.invoke(app, ["cohort", str(tmp_path)]))
    (tmp_path / "x.json").write_text('{"findings": [}')
    assert f"{tmp_path / 'x.json'}:1:15: not valid JSON" in one_error_line(
        runner.invoke(app, ["cohort", str(tmp_path / "x.json")])
    )
    assert "file not found" in one_error_line(runner.invoke(app, ["cohort", str(tmp_path / "missing.json")]))


CANARY = "Qzx"


def canary_report(number: int) -> Report:
    """A redacted report with a canary in every free-text field, as a careless or hostile tool might write one."""
    c = f"{CANARY}{number}"
    ref = GuidanceRef(
        framework="sssc",
        clause="2.3",
        document="SSSC Codes of Practice",
        edition="2024",
        theme="confidentiality",
        summary=f"summary {c}",
    )
    finding = Finding(
        check="oversharing.service-user",
        title=f"title {c}",
        severity=Severity.HIGH,
        platform="mastodon",
        account=f"@{c}@social.example",
        item=Item(id=f"id-{c}", url=f"https://social.example/{c}", location=f"posts.jsonl:{c}"),
        excerpt=Excerpt(text=f"excerpt {c} text", start=0, end=7),
        details=[f"detail {c}"],
        kind="case-details",
        why=f"why {c}",
        advice=[f"advice only for {c}", "Delete or edit the post."],
        guidance=[ref],
    )
    return Report(
        tool=Tool(version="0"),
        generated_at=dt.datetime(2026, 11, 1, number, tzinfo=dt.UTC),
        subject=Subject(name=f"name {c}", role=f"role {c}"),
        framework="sssc",
        redacted=True,
        mode="live",
        accounts=[
            AccountSummary(
                platform="mastodon",
                account=f"@{c}@social.example",
                status=AccountStatus.CHECKED,
                url=f"https://social.example/@{c}",
                reason=f"reason {c}",
                notes=[f"note {c}"],
                checklist=[f"step {c}"],
                posts_read=3,
            )
        ],
        findings=[finding],
        warnings=[f"warning {c}"],
        teaching_point=f"point {c}",
        discovered=[
            DiscoveredAccount(
                site="gh",
                site_name=f"site {c}",
                category="coding",
                handle=c,
                url=f"https://gh.example/{c}",
                state=DiscoveryState.FOUND,
            )
        ],
    )


def test_canaries_in_every_free_text_field_never_surface(tmp_path: Path) -> None:
    for number in (1, 2, 3):
        (tmp_path / f"{CANARY}{number}.json").write_text(canary_report(number).model_dump_json())
    texts = outputs(str(tmp_path))
    for fmt, text in texts.items():
        assert CANARY.lower() not in text.lower(), f"{fmt} output leaks a canary"
        assert "oversharing.service-user" in text and "confidentiality" in text and "mastodon" in text
        assert "Delete or edit the post." in text, "advice shared by several people is listed"
    summary = json.loads(texts["json"])
    assert summary["people_with_high"] == 3 and summary["accounts_read"] == 3
