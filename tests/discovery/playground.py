"""A local stand-in for the web: one site per behaviour discovery must get right, on 127.0.0.1.

`responder` answers `/<site>/<name>`; `catalogue(base, dead)` writes the matching sites file.
Two declared names live here: `jane_sw` (public) and `nightowl_sw` (declared anonymous), whose
page on the "real" site shows the name Jane Smith.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from footprint.demo.fixture_site import Answer

HTML = {"Content-Type": "text/html; charset=utf-8"}
PROFILES = {
    "jane_sw": "<h1>jane_sw</h1><p>Running, baking and the odd photo.</p>",
    "nightowl_sw": "<h1>nightowl_sw</h1><p class=name>Jane Smith</p><p>Night shifts and strong tea.</p>",
}
CHALLENGE = (
    b"<html><head><title>Just a moment...</title></head><body><div id=cf-browser-verification></div></body></html>"
)

# What every site must report, per name: the acceptance table of issue 7.
EXPECTED = {
    "real": {"jane_sw": "found", "nightowl_sw": "found"},
    "soft404": {"jane_sw": "found", "nightowl_sw": "not_found"},
    "everyone": {"jane_sw": "inconclusive", "nightowl_sw": "inconclusive"},
    "waf": {"jane_sw": "blocked", "nightowl_sw": "blocked"},
    "ratelimit": {"jane_sw": "blocked", "nightowl_sw": "blocked"},
    "loginwall": {"jane_sw": "blocked", "nightowl_sw": "blocked"},
    "slow": {"jane_sw": "error", "nightowl_sw": "error"},
    "dead": {"jane_sw": "error", "nightowl_sw": "error"},
    "strict": {"jane_sw": "invalid", "nightowl_sw": "invalid"},
    "api": {"jane_sw": "not_found", "nightowl_sw": "found"},
    "moved": {"jane_sw": "found", "nightowl_sw": "not_found"},
}


def page(title: str, body: str, status: int = 200) -> Answer:
    return Answer(status, HTML, f"<html><head><title>{title}</title></head><body>{body}</body></html>".encode())


def responder(url: str) -> Answer:
    parts = urlsplit(url).path.strip("/").split("/")
    site, name = parts[0], (parts[1] if len(parts) > 1 else "")
    if site == "real":
        return page(f"{name} on Real", PROFILES[name]) if name in PROFILES else page("Not found", "No such page", 404)
    if site == "soft404":
        if name == "jane_sw":
            return page("jane_sw · Soft", PROFILES[name])
        return page("Soft", f"<p>Sorry, this page isn't available.</p><p>{name}</p>")
    if site == "everyone":
        return page(f"{name} on Everyone", f"<h1>{name}</h1><p>Member since 2019</p>")
    if site == "waf":
        return Answer(503, HTML, CHALLENGE)
    if site == "ratelimit":
        return Answer(429, {"Retry-After": "30", **HTML}, b"<p>Too many requests</p>")
    if site == "loginwall":
        if name == "accounts":
            return page("Log in", "<form>Log in to see this profile</form>")
        return Answer(302, {"Location": "/loginwall/accounts/login?next=%2F" + name}, b"")
    if site == "slow":
        return Answer(200, HTML, f"<h1>{name}</h1>".encode(), delay=3.0)
    if site == "lagging":  # quick for the real name, slow for anything else (the canary)
        return page(f"{name}", f"<h1>{name}</h1>") if name in PROFILES else Answer(404, HTML, b"", delay=3.0)
    if site == "api":
        if name == "nightowl_sw":
            return Answer(200, {"Content-Type": "application/json"}, json.dumps({"username": name, "id": 7}).encode())
        return Answer(404, {"Content-Type": "application/json"}, b'{"error": "not found"}')
    if site == "moved":
        if name == "home":
            return page("Moved home", "<p>Welcome! Find people you know.</p>")
        if name == "jane_sw":
            return page("jane_sw · Moved", PROFILES[name])
        return Answer(302, {"Location": "/moved/home"}, b"")
    return page("Not found", "nothing here", 404)


def catalogue(base: str, dead: str) -> str:
    """A footprint-format sites file for the playground."""
    sites = [
        {"key": "real", "name": "Real", "category": "social", "url": f"{base}/real/{{handle}}", "known": "jane_sw"},
        {
            "key": "soft404",
            "name": "Soft",
            "category": "forum",
            "url": f"{base}/soft404/{{handle}}",
            "known": "jane_sw",
            "detect": {
                "missing": [{"status": [404]}, {"status": [200], "body_has": "Sorry, this page isn't available."}]
            },
        },
        {
            "key": "everyone",
            "name": "Everyone",
            "category": "social",
            "url": f"{base}/everyone/{{handle}}",
            "known": "jane_sw",
        },
        {"key": "waf", "name": "Walled", "category": "photo", "url": f"{base}/waf/{{handle}}", "known": "jane_sw"},
        {
            "key": "ratelimit",
            "name": "Limited",
            "category": "video",
            "url": f"{base}/ratelimit/{{handle}}",
            "known": "jane_sw",
        },
        {
            "key": "loginwall",
            "name": "Login Wall",
            "category": "professional",
            "url": f"{base}/loginwall/{{handle}}",
            "known": "jane_sw",
        },
        {"key": "slow", "name": "Slow", "category": "fitness", "url": f"{base}/slow/{{handle}}", "known": "jane_sw"},
        {"key": "dead", "name": "Dead", "category": "gaming", "url": f"{dead}/dead/{{handle}}", "known": "jane_sw"},
        {
            "key": "strict",
            "name": "Strict",
            "category": "reviews",
            "url": f"{base}/strict/{{handle}}",
            "known": "janesw",
            "grammar": {"pattern": "^[a-z]+$"},
        },
        {
            "key": "api",
            "name": "Api",
            "category": "coding",
            "url": f"{base}/people/{{handle}}",
            "check_url": f"{base}/api/{{handle}}",
            "known": "nightowl_sw",
            "detect": {"exists": {"body_has": ['"username"']}},
        },
        {
            "key": "moved",
            "name": "Moved",
            "category": "blogging",
            "url": f"{base}/moved/{{handle}}",
            "known": "jane_sw",
            "detect": {"missing": [{"status": [404]}, {"redirect_to": f"{base}/moved/home"}]},
        },
    ]
    return json.dumps({"version": 1, "sites": sites}, indent=1)


def whatsmyname(base: str) -> str:
    """The same real/soft/everyone sites in WhatsMyName's format."""
    return json.dumps(
        {
            "license": ["test data"],
            "authors": ["footprint tests"],
            "categories": ["social"],
            "sites": [
                {
                    "name": "Real WMN",
                    "uri_check": f"{base}/real/{{account}}",
                    "e_code": 200,
                    "e_string": "<h1>",
                    "m_string": "No such page",
                    "m_code": 404,
                    "known": ["jane_sw"],
                    "cat": "social",
                },
                {
                    "name": "Soft WMN",
                    "uri_check": f"{base}/soft404/{{account}}",
                    "e_code": 200,
                    "e_string": "<h1>",
                    "m_string": "Sorry, this page isn't available.",
                    "m_code": 200,
                    "known": ["jane_sw"],
                    "cat": "hobby",
                },
                {
                    "name": "Everyone WMN",
                    "uri_check": f"{base}/everyone/{{account}}",
                    "e_code": 200,
                    "e_string": "Member since",
                    "m_string": "Not found",
                    "m_code": 404,
                    "known": ["jane_sw"],
                    "cat": "social",
                },
                {
                    "name": "Posty",
                    "uri_check": f"{base}/api",
                    "post_body": '{"u": "{account}"}',
                    "e_code": 200,
                    "e_string": "username",
                    "m_string": "not found",
                    "m_code": 404,
                    "known": ["x"],
                    "cat": "coding",
                },
            ],
        }
    )


def sherlock(base: str) -> str:
    """The playground in Sherlock's manifest format, one site per detection method."""
    return json.dumps(
        {
            "$schema": "data.schema.json",
            "RealSherlock": {
                "url": f"{base}/real/{{}}",
                "urlMain": f"{base}/",
                "errorType": "status_code",
                "username_claimed": "jane_sw",
            },
            "SoftSherlock": {
                "url": f"{base}/soft404/{{}}",
                "urlMain": f"{base}/",
                "errorType": "message",
                "errorMsg": "Sorry, this page isn't available.",
                "username_claimed": "jane_sw",
            },
            "MovedSherlock": {
                "url": f"{base}/moved/{{}}",
                "urlMain": f"{base}/",
                "errorType": "response_url",
                "errorUrl": f"{base}/moved/home",
                "username_claimed": "jane_sw",
            },
            "StrictSherlock": {
                "url": f"{base}/strict/{{}}",
                "urlMain": f"{base}/",
                "errorType": "status_code",
                "regexCheck": "^[a-z]+$",
                "username_claimed": "janesw",
                "headers": {"User-Agent": "Mozilla/5.0 pretend browser"},
            },
        }
    )
