"""BlogSource: the page's identity tags, its feed, and WordPress's posts and authors."""

from __future__ import annotations

import httpx
import respx

from footprint.models import Account, AccountStatus
from footprint.sources.blog import BlogSource
from tests.sources.conftest import data, raw, read

SITE = "https://robinquill.example"
HTML = {"content-type": "text/html; charset=UTF-8"}
RSS = {"content-type": "application/rss+xml; charset=UTF-8"}


def site(mock: respx.MockRouter, base: str = SITE) -> None:
    mock.get(f"{base}/").respond(
        200, content=raw("blog", "index.html"), headers={**HTML, "link": f'<{SITE}/wp-json/>; rel="https://api.w.org/"'}
    )
    mock.get(f"{base}/feed/").respond(200, content=raw("blog", "feed.xml"), headers=RSS)
    mock.get(f"{base}/wp-json/wp/v2/users").respond(200, json=data("blog", "wp_users.json"))


def test_page_feed_and_wordpress_authors(mock: respx.MockRouter) -> None:
    site(mock)
    outcome = read(BlogSource, url=f"{SITE}/")
    assert outcome.status is AccountStatus.CHECKED, outcome.reason
    snap = outcome.snapshot
    assert snap.display_name == "Robin Quill" and snap.location == "Eastvale"
    assert snap.bio.startswith("A family support worker's notes")
    fields = [(f.name, f.value) for f in snap.fields]
    for pair in [
        ("X/Twitter handle", "@robinquill_sw"),
        ("First name", "Robin"),
        ("Job title", "Family support worker"),
        ("Works for", "Eastvale County Children's Services"),
        ("Address", "Eastvale"),
        ("Feed author", "Robin Quill"),
        ("WordPress author", "Robin Quill (author slug 'rquill')"),
    ]:
        assert pair in fields, pair
    assert snap.links[:2] == ["https://social.example/@robinq", "https://github.com/robin-quill"]
    assert snap.visibility.noindex is True
    assert [p.url for p in snap.posts] == [f"{SITE}/2026/05/quarter/", f"{SITE}/2026/04/supervision/"]
    assert "Birch Lane family centre" in snap.posts[0].text and snap.posts[1].text.startswith(
        "Supervision, properly\nGood supervision"
    )


def test_a_feed_address_reads_the_feed_and_then_its_home_page(mock: respx.MockRouter) -> None:
    site(mock)
    mock.get(f"{SITE}/feed/atom/").respond(
        200, content=raw("blog", "atom.xml"), headers={"content-type": "application/atom+xml"}
    )
    snap = read(BlogSource, url=f"{SITE}/feed/atom/").snapshot
    assert snap.posts[0].text == "What I learned this quarter\nFull text about the Birch Lane family centre."
    assert snap.display_name == "Robin Quill"  # from the home page the feed links to
    assert ("WordPress author", "Robin Quill (author slug 'rquill')") in [(f.name, f.value) for f in snap.fields]


def test_wordpress_posts_when_there_is_no_feed(mock: respx.MockRouter) -> None:
    page = raw("blog", "index.html").replace(b'<link rel="alternate"', b'<link rel="nothing"')
    mock.get(f"{SITE}/").respond(200, content=page, headers=HTML)
    mock.get(f"{SITE}/wp-json/wp/v2/posts", params={"page": "2"}).respond(
        400, json=data("blog", "wp_invalid_page.json")
    )
    mock.get(f"{SITE}/wp-json/wp/v2/posts").respond(
        200, json=data("blog", "wp_posts.json"), headers={"x-wp-total": "1", "x-wp-totalpages": "2"}
    )
    mock.get(f"{SITE}/wp-json/wp/v2/users").respond(404, json=data("blog", "wp_no_route.json"))
    snap = read(BlogSource, url=SITE).snapshot
    assert [p.text for p in snap.posts] == [
        "What I learned this quarter\nFull text mentioning the Birch Lane family centre."
    ]
    assert snap.posts[0].created_at.hour == 18  # date_gmt, not the site's local time
    assert not any(f.name == "WordPress author" for f in snap.fields)


def test_endpoint_override_moves_the_site_and_its_own_links_to_the_mirror(mock: respx.MockRouter) -> None:
    site(mock, "http://127.0.0.1:9/blog")
    outcome = read(BlogSource, url=f"{SITE}/", base_url="http://127.0.0.1:9/blog")
    assert outcome.status is AccountStatus.CHECKED and len(outcome.snapshot.posts) == 2


def test_failures(mock: respx.MockRouter) -> None:
    mock.get(f"{SITE}/missing").respond(404, html="<h1>Not found</h1>")
    assert read(BlogSource, url=f"{SITE}/missing").status is AccountStatus.NOT_FOUND
    mock.get(f"{SITE}/members").respond(302, headers={"location": f"{SITE}/wp-login.php"})
    mock.get(f"{SITE}/wp-login.php").respond(200, html="<form>log in</form>")
    assert read(BlogSource, url=f"{SITE}/members").status is AccountStatus.RESTRICTED
    mock.get(f"{SITE}/garbage").respond(
        200, content=b"\x00\x01 not a feed", headers={"content-type": "application/octet-stream"}
    )
    assert read(BlogSource, url=f"{SITE}/garbage").status is AccountStatus.MALFORMED
    mock.get(f"{SITE}/slow").mock(side_effect=httpx.ReadTimeout("slow"))
    assert read(BlogSource, url=f"{SITE}/slow").status is AccountStatus.TIMED_OUT


def test_a_broken_feed_keeps_the_page(mock: respx.MockRouter) -> None:
    site(mock)
    mock.get(f"{SITE}/feed/").respond(500)
    outcome = read(BlogSource, url=SITE)
    assert outcome.status is AccountStatus.CHECKED and outcome.snapshot.display_name == "Robin Quill"
    assert "Only part" in outcome.snapshot.notes[-1]


def test_private_addresses_are_refused_unless_allowed(mock: respx.MockRouter) -> None:
    mock.get("http://192.168.1.20/").respond(200, content=raw("blog", "index.html"), headers=HTML)
    mock.get(f"{SITE}/feed/").respond(
        200, content=raw("blog", "feed.xml"), headers=RSS
    )  # the page's links name the public host
    mock.get(f"{SITE}/wp-json/wp/v2/users").respond(200, json=[])
    refused = read(BlogSource, url="http://192.168.1.20/")
    assert refused.status is AccountStatus.ERROR and "--allow-private-addresses" in refused.reason
    allowed = read(BlogSource, url="http://192.168.1.20/", allow_private=True)
    assert allowed.status is AccountStatus.CHECKED


def test_needs_a_url() -> None:
    assert BlogSource.validate(Account(platform="blog", url="https://robinquill.example")) is None
    assert BlogSource.validate(Account(platform="blog", handle="robinquill.example")) is None


def test_impossible_addresses_are_rejected_by_the_loader() -> None:
    for url in ["ftp://robinquill.example/", "https://", "not a url at all", "javascript:alert(1)"]:
        assert BlogSource.validate(Account(platform="blog", url=url)) is not None, url
