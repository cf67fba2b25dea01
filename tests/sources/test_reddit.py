"""RedditSource: block pages are 'blocked' (never 'not found'), the feed is tried next, the archive is pointed to."""

from __future__ import annotations

import httpx
import pytest
import respx

from footprint.models import Account, AccountStatus
from footprint.sources.reddit import RedditSource
from tests.sources.conftest import data, raw, read

USER = "https://www.reddit.com/user/quill_and_ink"


def blocked(mock: respx.MockRouter, path: str) -> respx.Route:
    return mock.get(f"{USER}/{path}").respond(
        403, content=raw("reddit", "blocked.html"), headers={"content-type": "text/html; charset=utf-8"}
    )


def test_json_blocked_and_feed_blocked_is_blocked_with_the_archive_pointer(mock: respx.MockRouter) -> None:
    blocked(mock, "about.json")
    blocked(mock, ".rss")
    outcome = read(RedditSource, handle="u/quill_and_ink")
    assert outcome.status is AccountStatus.BLOCKED
    assert "block page" in outcome.reason and "footprint scan" in outcome.reason
    assert any("footprint scan" in step for step in outcome.checklist)


def test_json_blocked_but_feed_open_reads_the_feed(mock: respx.MockRouter) -> None:
    blocked(mock, "about.json")
    mock.get(f"{USER}/.rss").respond(
        200, content=raw("reddit", "user.rss"), headers={"content-type": "application/atom+xml; charset=UTF-8"}
    )
    outcome = read(RedditSource, handle="quill_and_ink")
    assert outcome.status is AccountStatus.CHECKED, outcome.reason
    post = outcome.snapshot.posts[0]
    assert "exactly this issue" in post.text and post.created_at.year == 2026
    assert post.url.endswith("/kq9zzzz/") and "public feed" in outcome.snapshot.notes[0]


def test_open_json_reads_profile_and_pages_of_posts(mock: respx.MockRouter) -> None:
    mock.get(f"{USER}/about.json").respond(200, json=data("reddit", "about.json"))
    mock.get(f"{USER}/overview.json", params={"after": "t1_kq9zzzz"}).respond(
        200, json=data("reddit", "overview_page2.json")
    )
    mock.get(f"{USER}/overview.json").respond(200, json=data("reddit", "overview.json"))
    outcome = read(RedditSource, handle="/u/quill_and_ink")
    snap = outcome.snapshot
    assert outcome.status is AccountStatus.CHECKED
    assert snap.bio == "MSW. Eastvale. Burnt out but hopeful." and snap.visibility.noindex is True
    assert [p.kind for p in snap.posts] == ["post", "comment", "comment"]
    assert snap.posts[0].text.startswith("Anyone else doing the Eastvale night duty rota?\nJust moved teams.")
    assert snap.posts[2].url == "https://www.reddit.com/r/eastvale/comments/1aaaa1/quiet_places_to_work/kp1aaaa/"


def test_not_found_and_suspended(mock: respx.MockRouter) -> None:
    mock.get("https://www.reddit.com/user/nobody_here/about.json").respond(404, json=data("reddit", "not_found.json"))
    assert read(RedditSource, handle="nobody_here").status is AccountStatus.NOT_FOUND
    mock.get("https://www.reddit.com/user/banned_name/about.json").respond(200, json=data("reddit", "suspended.json"))
    assert read(RedditSource, handle="banned_name").status is AccountStatus.SUSPENDED


def test_rate_limit_timeout_and_malformed(mock: respx.MockRouter) -> None:
    mock.get(f"{USER}/about.json").respond(429, text="Too Many Requests", headers={"retry-after": "120"})
    assert read(RedditSource, handle="quill_and_ink").status is AccountStatus.RATE_LIMITED
    mock.get(f"{USER}/about.json").mock(side_effect=httpx.ConnectTimeout("slow"))
    assert read(RedditSource, handle="quill_and_ink").status is AccountStatus.TIMED_OUT
    mock.get(f"{USER}/about.json").respond(200, text='{"kind": ')
    assert read(RedditSource, handle="quill_and_ink").status is AccountStatus.MALFORMED


def test_a_blocked_second_page_keeps_what_was_read(mock: respx.MockRouter) -> None:
    mock.get(f"{USER}/about.json").respond(200, json=data("reddit", "about.json"))
    blocked(mock, "overview.json")
    outcome = read(RedditSource, handle="quill_and_ink")
    assert outcome.status is AccountStatus.CHECKED and outcome.snapshot.posts == []
    assert "block page" in outcome.snapshot.notes[-1]


@pytest.mark.parametrize(
    "handle,ok",
    [
        ("quill_and_ink", True),
        ("u/quill-ink", True),
        ("/u/abc", True),
        ("ab", False),
        ("a" * 21, False),
        ("quill ink", False),
    ],
)
def test_handle_grammar(handle: str, ok: bool) -> None:
    assert (RedditSource.validate(Account(platform="reddit", handle=handle)) is None) is ok


def test_crossposts_read_the_users_own_parent_and_never_someone_elses(mock: respx.MockRouter) -> None:
    mock.get(f"{USER}/about.json").respond(200, json=data("reddit", "about.json"))
    mock.get(f"{USER}/overview.json").respond(200, json=data("reddit", "overview_crossposts.json"))
    posts = read(RedditSource, handle="quill_and_ink").snapshot.posts
    assert [p.text for p in posts] == [
        "Knitting circle moves to Thursdays\nFrom June we meet at the Riverton library, 7pm. Ring 07700 900321 if lost.\n(r/eastvale)",
        "Worth a read\n(r/socialwork)",
        "Sharing for the team\n(r/socialwork)",
    ]
