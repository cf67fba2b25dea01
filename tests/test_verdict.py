"""Issue 11: an honest verdict (coverage, INCOMPLETE), a summary a person reads in a screen or two,
-o that infers its format, and the small things. All data fictional; the network stays closed."""

from __future__ import annotations

import json
import socket
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from footprint.cli import app
from footprint.models import Finding, Severity, report_json_schema
from footprint.render import RenderOptions, renderer, view
from tests.render.sample import sample_report

runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), catch_exceptions=False, env=env)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def unreadable_profile(tmp_path: Path) -> Path:
    """Two accounts that cannot be read: GitHub on a closed local port, and X (behind its login wall)."""
    path = tmp_path / "profiles.yaml"
    path.write_text(
        "person:\n  name: Jane Smith\n"
        "accounts:\n  - {platform: github, handle: janesmith-example}\n  - {platform: x, handle: JaneExample}\n"
        f"endpoints:\n  github: http://127.0.0.1:{closed_port()}\n"
    )
    return path


# --------------------------------------------------------------------------- 1. coverage and INCOMPLETE


def test_unread_audit_is_incomplete_never_good_in_every_format(tmp_path: Path) -> None:
    profile = unreadable_profile(tmp_path)
    data = json.loads(run("audit", str(profile), "-f", "json", "--allow-private-addresses").stdout)
    assert data["coverage"]["complete"] is False
    assert (
        data["coverage"]["accounts_declared"],
        data["coverage"]["accounts_read"],
        data["coverage"]["posts_read"],
    ) == (2, 0, 0)
    assert data["coverage"]["gaps"] and "nothing could be read" in data["coverage"]["gaps"][0]
    terminal = run("audit", str(profile), "--allow-private-addresses").stdout
    top = "\n".join(terminal.splitlines()[:8])
    assert "INCOMPLETE" in top and "0 of 2 accounts read" in top and "GOOD" not in terminal
    assert "No findings: nothing a stranger" not in terminal
    markdown = run("audit", str(profile), "-f", "markdown", "--allow-private-addresses").stdout
    assert "**Overall: INCOMPLETE" in "\n".join(markdown.splitlines()[:4])
    html = run("audit", str(profile), "-f", "html", "--allow-private-addresses").stdout
    assert ">incomplete</div>" in html and "Not checked:" in html


def test_incomplete_fails_the_run_under_fail_on_with_exit_3(tmp_path: Path) -> None:
    profile = unreadable_profile(tmp_path)
    assert run("audit", str(profile), "-f", "json", "--allow-private-addresses").exit_code == 0
    result = run("audit", str(profile), "-f", "json", "--allow-private-addresses", "--fail-on", "info")
    assert result.exit_code == 3


def test_profile_with_no_accounts_is_incomplete(tmp_path: Path) -> None:
    path = tmp_path / "profiles.yaml"
    path.write_text("person:\n  name: Jane Smith\n")
    result = run("audit", str(path), "-f", "json", "--fail-on", "high")
    data = json.loads(result.stdout)
    assert result.exit_code == 3 and data["coverage"]["complete"] is False
    assert "no accounts were declared" in data["coverage"]["gaps"][0]


def test_scan_that_reads_no_posts_is_incomplete(tmp_path: Path) -> None:
    archive = tmp_path / "twitter.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("data/tweets.js", "window.YTD.tweets.part0 = [ {broken")
    result = run("scan", str(archive), "-f", "json", "--fail-on", "info")
    data = json.loads(result.stdout)
    assert data["coverage"]["posts_read"] == 0 and not data["coverage"]["complete"]
    assert result.exit_code == 3
    terminal = run("scan", str(archive)).stdout
    assert "MINOR POINTS" not in terminal and "INCOMPLETE" in terminal
    assert "role not declared" in terminal, "an archive scan without a profile never assumes 'social worker'"
    assert list(data)[:8] == [
        "schema_version",
        "tool",
        "generated_at",
        "mode",
        "subject",
        "framework",
        "coverage",
        "checks_run",
    ], "coverage comes first, with the verdict's inputs"


def test_coverage_is_documented_in_the_report_schema() -> None:
    schema = report_json_schema()
    assert "coverage" in schema["properties"]
    coverage = schema["$defs"]["Coverage"]
    assert {"complete", "accounts_declared", "accounts_read", "posts_read", "checks_run", "gaps"} <= set(
        coverage["properties"]
    )
    assert "incomplete" in coverage["properties"]["complete"]["description"]


def test_findings_still_fail_with_exit_1_when_incomplete() -> None:
    assert run("demo", "--persona", "oversharer", "-f", "json", "--fail-on", "high").exit_code == 1


# --------------------------------------------------------------------------- 7. the role


def test_role_is_shown_as_declared_or_not_declared(tmp_path: Path) -> None:
    path = tmp_path / "profiles.yaml"
    path.write_text("person:\n  name: Jane Smith\naccounts:\n  - {platform: x, handle: JaneExample}\n")
    out = run("audit", str(path)).stdout
    assert "Jane Smith — role not declared" in out and "social worker" not in out.split("Accounts")[0]
    data = json.loads(run("audit", str(path), "-f", "json").stdout)
    assert data["subject"]["role"] is None


# --------------------------------------------------------------------------- 8. -o


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("report.json", lambda text: json.loads(text)[0]["schema_version"] == "1.0"),
        ("report.html", lambda text: text.startswith("<!doctype html>")),
        ("report.md", lambda text: text.startswith("# footprint")),
    ],
)
def test_output_extension_picks_the_format(tmp_path: Path, name: str, check) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / name
    assert run("demo", "-o", str(out)).exit_code == 0
    assert check(out.read_text())


def test_unwritable_output_is_refused_before_the_run(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["audit", str(tmp_path / "missing-profile.yaml"), "-o", str(tmp_path / "nope" / "r.json")]
    )
    assert result.exit_code == 2
    assert "the folder" in result.output and "does not exist" in result.output
    assert "file not found" not in result.output, "the output is checked before anything else runs"


# --------------------------------------------------------------------------- 9. a summary that fits a screen or two


def test_default_terminal_report_is_a_summary_and_details_prints_everything() -> None:
    summary = run("demo", env={"COLUMNS": "100"}).stdout
    details = run("demo", "--details", env={"COLUMNS": "100"}).stdout
    one = run("demo", "--persona", "oversharer", env={"COLUMNS": "100"}).stdout
    # NOTE: "a screen or two": two 60-line screens per person; the details are many times longer.
    assert len(one.splitlines()) <= 120, len(one.splitlines())
    people = summary.count("╭─ footprint ─")
    assert len(summary.splitlines()) <= 120 * people, (len(summary.splitlines()), people)
    assert len(details.splitlines()) > 2 * len(summary.splitlines())
    assert "TOP FINDINGS, WORST FIRST" in summary and "--details" in summary
    assert "Why it matters:" not in summary and "Why it matters:" in details
    assert "TO CHECK BY HAND" in details and "☐" not in summary
    assert run("demo", "-v", env={"COLUMNS": "100"}).stdout.count("Why it matters:") == details.count("Why it matters:")


def test_summary_lists_top_findings_worst_first_with_evidence_and_first_step() -> None:
    report = sample_report()
    out = renderer("terminal")([report], RenderOptions(width=100))
    first = report.findings[0]
    assert f"[{first.check}] {first.title}" in out
    assert "→ " + view.advice(first)[0][:40] in out
    positions = [out.index(f"[{f.check}]") for f in report.findings[:3]]
    assert positions == sorted(positions)


def test_checklists_are_a_section_not_a_table_cell() -> None:
    out = renderer("terminal")([sample_report()], RenderOptions(width=100, details=True))
    table = out[out.index("Accounts") : out.index("By guidance principle")]
    assert "☐" not in table
    section = out[out.index("TO CHECK BY HAND") :]
    assert "☐ Open your profile in a private window" in section


def test_columns_is_respected_when_piped() -> None:
    out = run("demo", "--persona", "careful", env={"COLUMNS": "72"}).stdout
    assert max(len(line) for line in out.splitlines()) <= 72
    wide = run("demo", "--persona", "careful", env={"COLUMNS": "150"}).stdout
    assert max(len(line) for line in wide.splitlines()) > 100


def test_check_id_is_never_cut_from_a_narrow_title() -> None:
    report = sample_report()
    for details in (False, True):
        out = renderer("terminal")([report], RenderOptions(width=60, details=details))
        for finding in report.findings[:5]:
            assert f"[{finding.check}]" in out, (details, finding.check)


# --------------------------------------------------------------------------- 10. advice


def test_near_duplicate_advice_is_merged_and_at_most_two_clauses_in_the_summary() -> None:
    advice = [
        "Delete or edit the post so that it no longer describes a person you work with.",
        "Talk it through with your manager or supervisor; a confidentiality breach may need reporting.",
        "On a blog, edit the post and republish it, or delete it; remove it from the feed too.",
        "Remove the post now: even without a name, details such as age or place can identify a person you work with.",
        "Tell your supervisor or line manager; your employer may need to record a possible data breach.",
    ]
    finding = Finding(
        check="oversharing.service-user",
        title="t",
        severity=Severity.HIGH,
        platform="blog",
        account="a",
        why="w",
        advice=advice,
    )
    merged = view.advice(finding)
    assert len(merged) == 3
    # the first of two lines asking the same thing is kept (kind-specific first steps come first)
    assert merged[0].startswith("Delete or edit the post") and merged[2].startswith("On a blog")
    report = sample_report()
    out = renderer("terminal")([report], RenderOptions(width=200))
    first = report.findings[0]
    assert len(first.guidance) > 2
    assert (
        first.guidance[1].citation in out
        and first.guidance[2].citation not in out.split("TOP FINDINGS")[1].split("[")[1]
    )


# --------------------------------------------------------------------------- 11. small things


def test_one_account_is_singular(tmp_path: Path) -> None:
    path = tmp_path / "profiles.yaml"
    path.write_text(
        "person:\n  name: Jane Smith\n  role: social worker\naccounts:\n  - {platform: x, handle: JaneExample}\n"
    )
    out = run("audit", str(path), "-f", "markdown").stdout + run("audit", str(path)).stdout
    assert "1 accounts" not in out and "0 of 1 account read" in out


def test_help_shows_plain_metavars() -> None:
    out = runner.invoke(app, ["audit", "--help"], env={"COLUMNS": "200"}).stdout
    assert "list[str]" not in out and "--only CHECK" in out.replace("  ", " ")


def test_scan_footer_does_not_speak_of_declared_accounts(tmp_path: Path) -> None:
    archive = tmp_path / "twitter.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("data/tweets.js", "window.YTD.tweets.part0 = []")
    out = run("scan", str(archive)).stdout
    assert "accounts you declared" not in out and "data download" in out


def test_demo_shows_the_persona_with_most_to_fix_first_and_says_whose_accounts() -> None:
    result = runner.invoke(app, ["demo", "-f", "json"], catch_exceptions=False)
    reports = json.loads(result.stdout)
    rank = {"high": 3, "medium": 2, "low": 1, "info": 0}
    worst = [(max((rank[f["severity"]] for f in r["findings"]), default=-1), len(r["findings"])) for r in reports]
    assert worst == sorted(worst, reverse=True) and reports[0]["subject"]["name"] == "Jamie Reid"
    assert reports[0]["subject"]["name"] != "Alex Morgan", "not the careful persona first"
    for report in reports:
        assert f"Reading {report['subject']['name']}'s" in result.stderr


def test_html_grid_scrolls_instead_of_squeezing_headers() -> None:
    html = renderer("html")([sample_report()], RenderOptions())
    assert '<div class="grid-scroll">' in html and ".grid-scroll { overflow-x: auto; }" in html
    assert "table.grid { table-layout: fixed; max-width: 100%; }" not in html


def test_a_search_report_is_judged_by_its_queries_not_by_missing_accounts() -> None:
    from tests.search.test_render import report as search_report

    done = search_report("complete")
    assert done.coverage is not None and done.coverage.complete and done.rating != "incomplete"
    cut = search_report("incomplete")
    assert cut.rating == "incomplete" and "the search did not finish" in cut.coverage.gaps[0]  # type: ignore[union-attr]
    out = renderer("terminal")([cut], RenderOptions(width=100))
    assert "1 of 2 search queries answered" in out
