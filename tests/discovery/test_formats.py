"""WhatsMyName and Sherlock files become ordinary sites, with what cannot be honoured skipped and said."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from footprint.discovery.community import from_sherlock, from_whatsmyname
from footprint.discovery.formats import load_sites, sniff
from footprint.errors import InputError

WMN = {
    "license": ["CC BY-SA 4.0"],
    "authors": ["x"],
    "categories": ["social"],
    "sites": [
        {
            "name": "Example Social",
            "uri_check": "https://api.social.example/u/{account}",
            "uri_pretty": "https://social.example/@{account}",
            "e_code": 200,
            "e_string": '"id":',
            "m_code": 404,
            "m_string": "not found",
            "known": ["brand"],
            "cat": "social",
            "strip_bad_char": ".",
        },
        {
            "name": "Soft",
            "uri_check": "https://soft.example/{account}",
            "e_code": 200,
            "e_string": "Joined",
            "m_code": 200,
            "m_string": "No such member",
            "known": ["brand"],
            "cat": "hobby",
            "headers": {"User-Agent": "Mozilla/5.0", "Accept": "text/html"},
        },
        {
            "name": "Gone",
            "uri_check": "https://gone.example/{account}",
            "e_code": 200,
            "e_string": "x",
            "m_code": 404,
            "m_string": "y",
            "known": ["a"],
            "cat": "social",
            "valid": False,
        },
        {
            "name": "Walled",
            "uri_check": "https://walled.example/{account}",
            "e_code": 403,
            "e_string": "x",
            "m_code": 404,
            "m_string": "y",
            "known": ["a"],
            "cat": "social",
        },
    ],
}


def test_whatsmyname_sites_keep_both_codes_and_strings() -> None:
    sites, warnings = from_whatsmyname(WMN, Path("wmn.json"))
    by_key = {s.key: s for s in sites}
    social = by_key["example-social"]
    assert social.url == "https://social.example/@{handle}"
    assert social.check_url == "https://api.social.example/u/{handle}"
    assert social.detect.exists.status == [200] and social.detect.exists.body_has == ['"id":']
    assert social.grammar.problem("jane.smith") is not None  # strip_bad_char "." makes dots impossible
    assert social.grammar.problem("jane_smith") is None
    soft = by_key["soft"]
    # a soft-404 site (m_code == e_code) needs the missing string, status alone proves nothing
    assert [(r.status, r.body_has) for r in soft.detect.missing] == [([200], "No such member")]
    assert soft.headers == {"Accept": "text/html"}
    assert any("Soft: ignored its User-Agent" in w for w in warnings)
    assert any("Gone: skipped (marked not valid" in w for w in warnings)
    assert any("Walled: skipped" in w for w in warnings)


def test_sherlock_sites_map_each_error_type() -> None:
    data = {
        "$schema": "x",
        "ByStatus": {
            "url": "https://a.example/{}",
            "urlMain": "https://a.example/",
            "errorType": "status_code",
            "username_claimed": "brand",
            "regexCheck": "^[a-z]+$",
        },
        "ByMessage": {
            "url": "https://b.example/{}",
            "urlMain": "https://b.example/",
            "errorType": "message",
            "errorMsg": ["Gone", "Nope"],
            "username_claimed": "brand",
        },
        "ByUrl": {
            "url": "https://c.example/{}",
            "urlMain": "https://c.example/",
            "errorType": "response_url",
            "errorUrl": "https://c.example/404",
            "username_claimed": "brand",
        },
        "Probe": {
            "url": "https://d.example/{}",
            "urlProbe": "https://api.d.example/{}",
            "urlMain": "https://d.example/",
            "errorType": "status_code",
            "errorCode": [404, 403],
            "username_claimed": "brand",
            "tags": ["gaming"],
        },
        "Poster": {
            "url": "https://e.example/{}",
            "urlMain": "https://e.example/",
            "errorType": "status_code",
            "request_method": "POST",
            "request_payload": {"u": "{}"},
            "username_claimed": "brand",
        },
    }
    sites, warnings = from_sherlock(data, Path("data.json"))
    by_key = {s.key: s for s in sites}
    assert by_key["bystatus"].detect.missing[0].other_status and by_key["bystatus"].grammar.pattern == "^[a-z]+$"
    assert [r.body_has for r in by_key["bymessage"].detect.missing] == ["Gone", "Nope", None]
    assert by_key["bymessage"].detect.exists.handle_in_body
    assert by_key["byurl"].detect.follow_redirects is False
    assert by_key["byurl"].detect.missing[0].redirect_to == "https://c.example/404"
    assert by_key["probe"].check_url == "https://api.d.example/{handle}"
    assert by_key["probe"].detect.missing[0].status == [404]  # 403 is a block, never "missing"
    assert by_key["probe"].category.value == "gaming"
    assert "poster" not in by_key and any("Poster: skipped" in w for w in warnings)


def test_sniff_tells_the_formats_apart(tmp_path: Path) -> None:
    wmn, sher, ours = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "c.json"
    wmn.write_text(json.dumps(WMN))
    sher.write_text(json.dumps({"X": {"url": "https://x.example/{}", "errorType": "status_code"}}))
    ours.write_text(
        json.dumps({"sites": [{"key": "x", "name": "X", "category": "social", "url": "https://x.example/{handle}"}]})
    )
    assert (sniff(wmn), sniff(sher), sniff(ours)) == ("whatsmyname", "sherlock", "footprint")
    assert [s.key for s in load_sites([wmn, sher, ours]).sites] == ["example-social", "soft", "x", "x"]


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "not valid JSON"),
        ('{"sites": [{"name": "A", "uri_check": "https://a.example/{account}"}]}', "missing e_code"),
        ("[1, 2]", "not a sites file"),
    ],
)
def test_bad_files_are_one_line_errors(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(InputError, match=message):
        load_sites([path])


def test_a_community_file_aimed_at_loopback_is_refused_unless_allowed(tmp_path: Path) -> None:
    path = tmp_path / "wmn.json"
    path.write_text(
        json.dumps({"sites": [{**WMN["sites"][0], "uri_check": "http://localhost:9/{account}", "uri_pretty": None}]})
    )
    with pytest.raises(InputError, match="localhost"):
        load_sites([path])
    assert load_sites([path], allow_private=True).sites
