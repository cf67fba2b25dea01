"""GitHubSource against respx routes in the REST API's real response shapes."""

from __future__ import annotations

import httpx
import pytest
import respx

from footprint.models import Account, AccountStatus
from footprint.sources.github import GitHubSource
from tests.sources.conftest import data, read

API = "https://api.github.com/users/robin-quill"


def site(mock: respx.MockRouter) -> None:
    mock.get(API).respond(200, json=data("github", "user.json"))
    mock.get(f"{API}/social_accounts").respond(200, json=data("github", "social_accounts.json"))
    mock.get(f"{API}/events/public", params={"page": "2"}).respond(200, json=data("github", "events_page2.json"))
    mock.get(f"{API}/events/public").respond(
        200,
        json=data("github", "events_page1.json"),
        headers={
            "link": f'<{API}/events/public?per_page=100&page=2>; rel="next", <{API}/events/public?per_page=100&page=2>; rel="last"'
        },
    )


def test_profile_fields_social_accounts_and_event_text(mock: respx.MockRouter) -> None:
    site(mock)
    outcome = read(GitHubSource, handle="robin-quill")
    assert outcome.status is AccountStatus.CHECKED, outcome.reason
    snap = outcome.snapshot
    assert snap.display_name == "Robin Quill" and snap.location == "Eastvale"
    assert snap.bio == "Social worker who writes small tools for caseload tracking.\nOpinions mine."
    fields = {f.name: f.value for f in snap.fields}
    assert fields["Company"] == "Eastvale County Children's Services"
    assert fields["Website"] == "robinquill.example" and fields["X/Twitter"] == "robinquill_sw"
    assert fields["Social (mastodon)"] == "https://social.example/@robinq"
    assert "Email" not in fields  # null for logged-out callers
    assert "https://robinquill.example" in snap.links and "https://www.linkedin.com/in/robin-quill-sw" in snap.links
    texts = [p.text for p in snap.posts]
    assert "Works on my laptop at the Eastvale office, fails at home." in texts[0]
    assert texts[1] == "Add the Templehall office to the rota export"  # the WatchEvent has no words and is skipped
    assert "We run a night duty team" in texts[2] and texts[3] == "Tiny helper for tracking visits"
    assert snap.posts[0].url.endswith("#issuecomment-1") and snap.posts[0].kind == "github-issuecomment"


def test_max_posts(mock: respx.MockRouter) -> None:
    site(mock)
    assert len(read(GitHubSource, handle="robin-quill", max_posts=2).snapshot.posts) == 2


def test_not_found(mock: respx.MockRouter) -> None:
    mock.get("https://api.github.com/users/nobody-here").respond(404, json=data("github", "not_found.json"))
    outcome = read(GitHubSource, handle="nobody-here")
    assert outcome.status is AccountStatus.NOT_FOUND and "GitHub" in outcome.reason


@pytest.mark.parametrize("status", [403, 429])
def test_rate_limit_says_when_it_resets(mock: respx.MockRouter, status: int) -> None:
    headers = {
        "x-ratelimit-limit": "60",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": "1780000000",
        "x-ratelimit-resource": "core",
    }
    mock.get(API).respond(status, json=data("github", "rate_limited.json"), headers=headers)
    outcome = read(GitHubSource, handle="robin-quill")
    assert outcome.status is AccountStatus.RATE_LIMITED
    assert "resets at" in outcome.reason if status == 403 else "budget is used up" in outcome.reason


def test_rate_limit_during_events_keeps_the_profile(mock: respx.MockRouter) -> None:
    mock.get(API).respond(200, json=data("github", "user.json"))
    mock.get(f"{API}/social_accounts").respond(200, json=[])
    mock.get(f"{API}/events/public").respond(
        403, json=data("github", "rate_limited.json"), headers={"x-ratelimit-remaining": "0"}
    )
    outcome = read(GitHubSource, handle="robin-quill")
    assert outcome.status is AccountStatus.CHECKED and "60 logged-out requests" in outcome.snapshot.notes[-1]


def test_timeout_malformed_and_server_error(mock: respx.MockRouter) -> None:
    mock.get(API).mock(side_effect=httpx.ReadTimeout("slow"))
    assert read(GitHubSource, handle="robin-quill").status is AccountStatus.TIMED_OUT
    mock.get(API).respond(200, json=[1, 2, 3])
    assert read(GitHubSource, handle="robin-quill").status is AccountStatus.MALFORMED
    mock.get(API).respond(503)
    assert read(GitHubSource, handle="robin-quill").status is AccountStatus.ERROR


@pytest.mark.parametrize(
    "handle,ok",
    [
        ("robin-quill", True),
        ("r", True),
        ("-robin", False),
        ("robin--quill", False),
        ("robin_quill", False),
        ("a" * 40, False),
        ("../etc", False),
    ],
)
def test_handle_grammar(handle: str, ok: bool) -> None:
    assert (GitHubSource.validate(Account(platform="github", handle=handle)) is None) is ok


def test_only_the_users_own_words_are_read_from_events(mock: respx.MockRouter) -> None:
    mock.get(API).respond(200, json=data("github", "user.json"))
    mock.get(f"{API}/social_accounts").respond(200, json=data("github", "social_accounts.json"))
    mock.get(f"{API}/events/public").respond(200, json=data("github", "events_others.json"))
    snap = read(GitHubSource, handle="robin-quill").snapshot
    assert [(p.id, p.text) for p in snap.posts] == [
        # the issue someone else opened, which the user only closed: none of its words
        (
            "41234560002",
            "Thanks, fixed in the next release. Please never put names in issues.",
        ),  # the comment alone, not the issue above it
        ("41234560003", "Merge branch 'fix-names'"),  # the two commits pushed before on the branch are not read twice
        ("41234560004", "Fix the crash on long names\nAdd a test for long names"),
        ("41234560005", "Export should leave out home addresses\nNobody needs them in the CSV."),
        # someone else's pull request, merged by the user: none of its words
    ]
    assert snap.posts[0].url == "https://github.com/robin-quill/caseload-helper/issues/7#issuecomment-3000000001"
