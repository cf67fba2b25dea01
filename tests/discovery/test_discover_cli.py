"""`footprint discover` end to end against the playground on 127.0.0.1: every site in exactly the right state."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from footprint.cli import app
from footprint.render import FORMATS
from tests.discovery import playground
from tests.localserver import LocalServer

runner = CliRunner()


def discover(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["discover", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def states(report: dict) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for entry in report["discovered"]:
        out.setdefault(entry["site"], {})[entry["handle"]] = entry["state"]
    return out


def test_each_site_ends_in_exactly_the_right_state(server: LocalServer, sites_file: Path, profile_file: Path) -> None:
    code, out, err = discover(
        str(profile_file),
        "--no-builtin-sites",
        "--sites",
        str(sites_file),
        "--allow-private-addresses",
        "--timeout",
        "1",
        "--deadline",
        "20",
        "-f",
        "json",
    )
    assert code == 0, err
    report = json.loads(out)
    assert states(report) == playground.EXPECTED
    # impossible names are never requested
    assert not [p for p in server.requests if p.startswith("/strict/")]
    # after one 429 the rate-limited site is not asked again in the same run
    assert len([p for p in server.requests if p.startswith("/ratelimit/")]) <= 2
    # a canary (a random name) was probed on each site where something looked found
    canaries = {p.split("/")[1] for p in server.requests if p.split("/")[-1] not in ("jane_sw", "nightowl_sw", "home")}
    assert {"real", "soft404", "everyone", "api", "moved"} <= canaries
    assert report["stats"]["discovery_probes"] == 22
    assert report["stats"]["discovery_found"] == 5


def test_found_accounts_carry_evidence_confidence_and_the_linkable_finding(
    server: LocalServer, sites_file: Path, profile_file: Path
) -> None:
    code, out, err = discover(
        str(profile_file),
        "--no-builtin-sites",
        "--sites",
        str(sites_file),
        "--allow-private-addresses",
        "--timeout",
        "1",
        "-f",
        "json",
    )
    report = json.loads(out)
    found = {(d["site"], d["handle"]): d for d in report["discovered"] if d["state"] == "found"}
    anon = found[("real", "nightowl_sw")]
    assert anon["anonymous"] and not anon["declared"]
    assert anon["confidence"] >= 0.75
    assert any("Jane Smith" in e for e in anon["evidence"])
    assert any("made-up name" in e for e in anon["evidence"])
    public = found[("real", "jane_sw")]
    assert public["confidence"] < anon["confidence"]
    linkable = [f for f in report["findings"] if f["check"] == "identity.linkable"]
    assert [(f["platform"], f["account"]) for f in linkable] == [("real", "nightowl_sw")]
    assert (
        linkable[0]["excerpt"]["text"][linkable[0]["excerpt"]["start"] : linkable[0]["excerpt"]["end"]] == "Jane Smith"
    )
    assert any("close it" in a for a in linkable[0]["advice"])
    inconclusive = [d for d in report["discovered"] if d["site"] == "everyone"]
    assert all("made-up name" in d["reason"] for d in inconclusive)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_undeclared_accounts_appear_in_every_report_format(
    fmt: str, server: LocalServer, sites_file: Path, profile_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / f"report.{fmt}"
    code, _, err = discover(
        str(profile_file),
        "--no-builtin-sites",
        "--sites",
        str(sites_file),
        "--allow-private-addresses",
        "--timeout",
        "1",
        "-f",
        fmt,
        "-o",
        str(target),
    )
    assert code == 0, err
    text = target.read_text()
    if fmt == "markdown":
        text = text.replace("\\", "")
    if fmt == "html":
        text = html.unescape(text)
    for handle, site in (("nightowl_sw", "real"), ("jane_sw", "moved")):
        assert f"{server.base}/{site}/{handle}" in text, f"{fmt} report lacks the {site} account {handle}"


def test_a_whatsmyname_file_loads_and_runs(server: LocalServer, profile_file: Path, tmp_path: Path) -> None:
    wmn = tmp_path / "wmn-data.json"
    wmn.write_text(playground.whatsmyname(server.base))
    code, out, err = discover(
        str(profile_file), "--no-builtin-sites", "--sites", str(wmn), "--allow-private-addresses", "-f", "json"
    )
    assert code == 0, err
    report = json.loads(out)
    assert states(report) == {
        "real-wmn": {"jane_sw": "found", "nightowl_sw": "found"},
        "soft-wmn": {"jane_sw": "found", "nightowl_sw": "not_found"},
        "everyone-wmn": {"jane_sw": "inconclusive", "nightowl_sw": "inconclusive"},
    }
    assert any("Posty: skipped (needs a POST request" in w for w in report["warnings"])


def test_a_sherlock_file_loads_and_runs(server: LocalServer, profile_file: Path, tmp_path: Path) -> None:
    manifest = tmp_path / "data.json"
    manifest.write_text(playground.sherlock(server.base))
    code, out, err = discover(
        str(profile_file), "--no-builtin-sites", "--sites", str(manifest), "--allow-private-addresses", "-f", "json"
    )
    assert code == 0, err
    report = json.loads(out)
    assert states(report) == {
        "realsherlock": {"jane_sw": "found", "nightowl_sw": "found"},
        "softsherlock": {"jane_sw": "found", "nightowl_sw": "not_found"},
        "movedsherlock": {"jane_sw": "found", "nightowl_sw": "not_found"},
        "strictsherlock": {"jane_sw": "invalid", "nightowl_sw": "invalid"},
    }
    assert any("User-Agent" in w for w in report["warnings"])
    assert not [p for p in server.requests if p.startswith("/strict/")]


def test_a_sites_file_aimed_at_private_addresses_is_refused_without_the_flag(
    sites_file: Path, profile_file: Path
) -> None:
    code, out, err = discover(str(profile_file), "--no-builtin-sites", "--sites", str(sites_file))
    assert code == 2
    assert "127.0.0.1" in err and "--allow-private-addresses" in err
    assert "Traceback" not in err and out == ""


def test_the_overall_deadline_stops_a_run_and_every_probe_still_has_a_state(
    server: LocalServer, sites_file: Path, profile_file: Path
) -> None:
    code, out, err = discover(
        str(profile_file),
        "--no-builtin-sites",
        "--sites",
        str(sites_file),
        "--allow-private-addresses",
        "--timeout",
        "5",
        "--deadline",
        "1",
        "--category",
        "fitness",
        "-f",
        "json",
    )
    assert code == 0, err
    report = json.loads(out)
    assert states(report) == {"slow": {"jane_sw": "error", "nightowl_sw": "error"}}
    assert all("deadline" in d["reason"] for d in report["discovered"])
    assert report["stats"]["discovery_deadline_hit"] == 1
    assert any("deadline" in w for w in report["warnings"])


def test_unknown_category_is_one_line_and_exit_2(sites_file: Path, profile_file: Path) -> None:
    code, _, err = discover(
        str(profile_file),
        "--no-builtin-sites",
        "--sites",
        str(sites_file),
        "--allow-private-addresses",
        "--category",
        "knitting",
    )
    assert code == 2 and "knitting" in err


def test_terminal_report_lists_found_accounts_and_the_state_counts(
    server: LocalServer, sites_file: Path, profile_file: Path
) -> None:
    code, out, err = discover(
        str(profile_file),
        "--no-builtin-sites",
        "--sites",
        str(sites_file),
        "--allow-private-addresses",
        "--timeout",
        "1",
    )
    assert code == 0, err
    assert "Other accounts found under your names" in out
    assert "nightowl_sw" in out and "made-up name" in out
    assert "Your anonymous name is linked to your real name" in out


def test_redact_masks_the_discovered_names(server: LocalServer, sites_file: Path, profile_file: Path) -> None:
    code, out, err = discover(
        str(profile_file),
        "--no-builtin-sites",
        "--sites",
        str(sites_file),
        "--allow-private-addresses",
        "--timeout",
        "1",
        "--category",
        "social",
        "--redact",
        "-f",
        "json",
    )
    assert code == 0, err
    assert "nightowl_sw" not in out and "Jane Smith" not in out
    assert json.loads(out)["redacted"] is True


def test_a_found_whose_canary_the_deadline_cut_off_is_inconclusive(
    server: LocalServer, profile_file: Path, tmp_path: Path
) -> None:
    sites = tmp_path / "lag.json"
    sites.write_text(
        json.dumps(
            {
                "sites": [
                    {
                        "key": "lagging",
                        "name": "Lagging",
                        "category": "social",
                        "url": f"{server.base}/lagging/{{handle}}",
                    }
                ]
            }
        )
    )
    code, out, err = discover(
        str(profile_file),
        "--no-builtin-sites",
        "--sites",
        str(sites),
        "--allow-private-addresses",
        "--timeout",
        "5",
        "--deadline",
        "1.5",
        "-f",
        "json",
    )
    assert code == 0, err
    report = json.loads(out)
    assert states(report) == {"lagging": {"jane_sw": "inconclusive", "nightowl_sw": "inconclusive"}}
    assert all("made-up-name check" in d["reason"] for d in report["discovered"])


# --------------------------------------------------------------------------- issue 11, point 2


def test_every_format_carries_the_per_state_summary(server: LocalServer, sites_file: Path, profile_file: Path) -> None:
    common = [
        str(profile_file),
        "--no-builtin-sites",
        "--sites",
        str(sites_file),
        "--allow-private-addresses",
        "--timeout",
        "1",
    ]
    code, out, err = discover(*common)
    assert code == 0, err
    data = json.loads(discover(*common, "-f", "json")[1])
    tally = " · ".join(
        f"{s.replace('_', ' ')} {data['stats'][f'discovery_{s}']}"
        for s in ("found", "not_found", "blocked", "invalid", "inconclusive", "error")
        if data["stats"][f"discovery_{s}"]
    )
    assert f"Probes by state: {tally}" in out
    assert f"**Probes by state:** {tally}" in discover(*common, "-f", "markdown")[1]
    assert f"<strong>Probes by state:</strong> {tally}" in discover(*common, "-f", "html")[1]
    assert data["coverage"]["sites_probed"] >= data["coverage"]["sites_answered"] > 0


def test_most_sites_failing_is_a_warning_and_incomplete(tmp_path: Path, profile_file: Path) -> None:
    from tests.localserver import dead_port

    dead = f"http://127.0.0.1:{dead_port()}"
    sites = tmp_path / "sites.json"
    sites.write_text(
        json.dumps(
            {
                "version": 1,
                "sites": [
                    {
                        "key": f"dead{i}",
                        "name": f"Dead {i}",
                        "category": "social",
                        "url": f"{dead}/u{i}/{{handle}}",
                        "known": "jane_sw",
                    }
                    for i in range(3)
                ],
            }
        )
    )
    code, out, err = discover(
        str(profile_file),
        "--no-builtin-sites",
        "--sites",
        str(sites),
        "--allow-private-addresses",
        "--timeout",
        "1",
        "-f",
        "json",
        "--fail-on",
        "high",
    )
    data = json.loads(out)
    assert any(w.startswith("most sites could not be asked") for w in data["warnings"]), data["warnings"]
    assert data["coverage"]["complete"] is False and code == 3


def test_no_network_stops_before_probing_and_says_so(monkeypatch: pytest.MonkeyPatch, profile_file: Path) -> None:
    import socket
    import time

    def offline(*args: object, **kwargs: object) -> object:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", offline)
    started = time.monotonic()
    code, out, err = discover(str(profile_file))
    assert time.monotonic() - started < 10
    assert "no network" in out and "nothing was checked" in out
    assert "INCOMPLETE" in out and "GOOD" not in out
    assert "Probing sites" not in err, "nothing is probed"
