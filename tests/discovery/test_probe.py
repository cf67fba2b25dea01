"""`classify`: one answer → one state. Blocks are never found or missing; found needs the name in the page."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from footprint.discovery.catalogue import BLOCK_STATUSES, Site
from footprint.discovery.client import Page
from footprint.discovery.probe import block_signals, classify, find_name
from footprint.models import DiscoveryState as S

SITE = Site(key="x", name="X", category="social", url="https://x.example/u/{handle}")
SOFT = Site(
    key="s",
    name="S",
    category="forum",
    url="https://s.example/{handle}",
    detect={
        "missing": [{"status": [404]}, {"status": [200], "body_has": "No such member"}],
        "exists": {"body_has": ["Joined"]},
    },
)
MOVED = Site(
    key="m",
    name="M",
    category="blogging",
    url="https://m.example/{handle}",
    detect={"missing": [{"redirect_to": "https://m.example/?missing={handle}"}], "follow_redirects": False},
)


def page(status: int, body: str = "", url: str = "https://x.example/u/jane", **kw: object) -> Page:
    return Page(status=status, url=url, requested=kw.pop("requested", url), body=body, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "site, answer, state, says",
    [
        (SITE, page(200, "<h1>jane</h1>"), S.FOUND, "shows an account"),
        (SITE, page(200, "<h1>Welcome!</h1>"), S.INCONCLUSIVE, "does not mention 'jane'"),
        (SITE, page(404, "jane not found"), S.NOT_FOUND, "status 404"),
        (SITE, page(410), S.NOT_FOUND, "status 410"),
        (SITE, page(403, "<h1>jane</h1>"), S.BLOCKED, "refused the request (403)"),
        (SITE, page(999, "Request denied"), S.BLOCKED, "as a bot"),
        (SITE, page(401), S.BLOCKED, "asks to log in"),
        (SITE, page(429, retry_after="120"), S.BLOCKED, "rate limited (429); it asks to wait 120 s"),
        (SITE, page(200, "<title>Just a moment...</title> jane"), S.BLOCKED, "bot challenge"),
        (SITE, page(404, "<div class='px-captcha'></div>"), S.BLOCKED, "bot challenge"),
        (
            SITE,
            page(
                200,
                "jane log in",
                url="https://x.example/accounts/login?next=/u/jane",
                requested="https://x.example/u/jane",
            ),
            S.BLOCKED,
            "login page",
        ),
        (
            SITE,
            page(200, "jane", url="https://consent.x.example/?continue=jane", requested="https://x.example/u/jane"),
            S.BLOCKED,
            "login page",
        ),
        (SITE, page(500), S.ERROR, "failed (500)"),
        (SITE, page(418), S.ERROR, "unexpected answer (418)"),
        (SITE, page(301, location="https://x.example/elsewhere"), S.INCONCLUSIVE, "redirected (301)"),
        (SOFT, page(200, "No such member: jane"), S.NOT_FOUND, "No such member"),
        (SOFT, page(200, "jane · Joined 2019"), S.FOUND, "shows an account"),
        (SOFT, page(200, "jane's page"), S.INCONCLUSIVE, "lacks 'Joined'"),
        (MOVED, page(302, location="https://m.example/?missing=jane"), S.NOT_FOUND, "redirected to"),
        (MOVED, page(200, "<h1>jane</h1>"), S.FOUND, "shows an account"),
    ],
)
def test_classify(site: Site, answer: Page, state: S, says: str) -> None:
    verdict = classify(site, "jane", answer)
    assert verdict.state is state
    assert says in verdict.reason


def test_a_user_called_login_is_not_a_login_wall() -> None:
    url = "https://x.example/u/login"
    assert classify(SITE, "login", page(200, "<h1>login</h1>", url=url, requested=url)).state is S.FOUND


def test_the_handle_must_appear_in_the_page_ignoring_case() -> None:
    assert classify(SITE, "Jane_SW", page(200, "profile of jane_sw")).state is S.FOUND


def test_find_name_finds_whole_names_in_text_and_titles() -> None:
    name, excerpt = find_name("<title>Jane  Smith (@jane)</title><p>Hi</p>", ("Jane Smith",))
    assert name == "Jane Smith" and excerpt is not None and excerpt.matched == "Jane Smith"
    assert find_name("<p>Janes Smithson</p>", ("Jane Smith",)) == (None, None)
    name, _ = find_name("<p>by Janey&nbsp;Smith</p>", ("Jane Smith", "Janey Smith"))
    assert name == "Janey Smith"


def test_an_unexpected_failure_is_an_error_state_not_a_crash() -> None:
    import asyncio

    from footprint.discovery.probe import probe

    class Broken:
        async def get(self, *args: object, **kwargs: object) -> None:
            raise RuntimeError("something odd")

    result = asyncio.run(probe(Broken(), SITE, "jane", timeout=1))  # type: ignore[arg-type]
    assert result.state is S.ERROR and "RuntimeError: something odd" in result.reason


def test_header_values_cannot_smuggle_line_breaks() -> None:
    with pytest.raises(ValueError, match="line break"):
        Site(
            key="x", name="X", category="social", url="https://x.example/{handle}", headers={"Accept": "a\r\nCookie: x"}
        )


SITES_UNDER_TEST = [SITE, SOFT, MOVED]


@settings(deadline=None)
@given(
    site=st.sampled_from(SITES_UNDER_TEST),
    status=st.sampled_from(sorted(BLOCK_STATUSES)),
    body=st.text(max_size=300),
    handle=st.from_regex(r"[a-z][a-z0-9_]{0,15}", fullmatch=True),
)
def test_a_block_status_is_always_blocked_whatever_the_page_says(
    site: Site, status: int, body: str, handle: str
) -> None:
    assert classify(site, handle, page(status, body + handle)).state is S.BLOCKED


@settings(deadline=None)
@given(
    site=st.sampled_from(SITES_UNDER_TEST),
    status=st.sampled_from([200, 404, 410, 302, 500, 503]),
    marker=st.sampled_from(block_signals().challenge_markers),
    before=st.text(max_size=200),
    handle=st.from_regex(r"[a-z][a-z0-9_]{0,15}", fullmatch=True),
)
def test_a_challenge_page_is_always_blocked(site: Site, status: int, marker: str, before: str, handle: str) -> None:
    body = f"{before}<h1>{handle}</h1>{marker.upper() if len(before) % 2 else marker}"
    assert classify(site, handle, page(status, body)).state is S.BLOCKED


@settings(deadline=None)
@given(
    site=st.sampled_from(SITES_UNDER_TEST),
    path=st.sampled_from(block_signals().login_paths),
    handle=st.from_regex(r"[a-z][a-z0-9_]{0,15}", fullmatch=True),
)
def test_a_move_to_a_login_page_is_always_blocked(site: Site, path: str, handle: str) -> None:
    moved = page(302, location=f"https://x.example{path}?next=/u/{handle}")
    landed = page(200, f"<h1>{handle}</h1>", url=f"https://x.example{path}", requested=f"https://x.example/u/{handle}")
    assert classify(site, handle, moved).state is S.BLOCKED
    assert classify(site, handle, landed).state is S.BLOCKED


def test_a_wiki_style_name_with_spaces_counts_as_the_handle() -> None:
    body = '{"query":{"users":[{"userid":1,"name":"MediaWiki default"}]}}'
    assert classify(SITE, "MediaWiki_default", page(200, body)).state is S.FOUND
