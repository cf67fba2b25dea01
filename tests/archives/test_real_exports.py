"""Readers against the shapes real exports have (issue 17), from fixtures with the real structure and invented content.

Each fixture under tests/fixtures/exports/ copies the layout, quoting, encoding and field names of a
real data download (checked against public samples), with every name, number and word made up.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from footprint.archives.container import open_container
from footprint.models import Post, Report, Snapshot
from footprint.plugins import discover
from footprint.rules import load_rules
from footprint.scan import ScanOptions, choose_reader, scan
from tests.conftest import make_profile

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exports"
REGISTRY = discover()
RULES = load_rules()


def _read(path: Path, include_private: bool = False) -> tuple[str, Snapshot, list[Post]]:
    with open_container(path) as container:
        reader = choose_reader(container, discover().archives)
        snapshot, stream = next(reader.read(container, include_private))
        posts = list(stream)
        return reader.name, snapshot, posts


def _scan(path: Path, **person: str) -> Report:
    profile = make_profile(
        person={"name": "Robin Quill", "employer": "Eastvale County Council", "localities": ["Eastvale"], **person}
    )
    return scan(path, profile, REGISTRY, RULES, ScanOptions())


# --------------------------------------------------------------------------- X, 2019 on


def test_x_retweets_are_not_the_users_words_and_raise_no_finding() -> None:
    name, snapshot, posts = _read(FIXTURES / "x-2025")
    assert name == "x"
    assert not any(p.text.startswith("RT @") or "Maya Reyes" in p.text for p in posts)
    assert any("1 retweet(s)" in note for note in snapshot.notes)
    report = _scan(FIXTURES / "x-2025")
    assert not [f for f in report.findings if f.item.id == "1790000000000000101"]
    assert not [f for f in report.findings if f.excerpt and "Oakfield" in f.excerpt.text]


def test_x_long_tweets_are_read_in_full_from_note_tweet_js() -> None:
    _, _, posts = _read(FIXTURES / "x-2025")
    thread = next(p for p in posts if p.id == "1790000000000000103")
    assert "07700 900123" in thread.text and "https://blog.example.org/home-visits" in thread.text
    assert "…" not in thread.text
    assert not any(p.location and p.location.startswith("note-tweet") for p in posts), (
        "a matched note is not read twice"
    )


def test_x_community_tweets_are_read() -> None:
    _, _, posts = _read(FIXTURES / "x-2025")
    assert any(p.id == "1790000000000000104" and "Riverton library" in p.text for p in posts)


def test_x_media_links_are_dropped_and_links_expanded() -> None:
    _, _, posts = _read(FIXTURES / "x-2025")
    tea = next(p for p in posts if p.id == "1790000000000000102")
    assert (
        tea.text
        == "Another long day as a social worker. Tea & biscuits now, then bed. Wrote about it here: https://blog.example.org/a-long-week"
    )
    assert tea.alt_texts == ["A mug of tea on a desk"]


# --------------------------------------------------------------------------- X, before 2019


def _expect_2014(snapshot: Snapshot, posts: list[Post]) -> None:
    assert snapshot.handle == "robinquill_sw" and snapshot.display_name == "Robin Quill"
    assert [p.id for p in posts] == ["516000000000000001", "516000000000000003"]
    assert (
        posts[0].text
        == "First year as a social worker done. Tea & cake. Notes from it here: http://blog.example.org/first-year"
    )
    assert posts[0].created_at is not None and posts[0].created_at.year == 2014
    assert posts[0].url == "https://x.com/robinquill_sw/status/516000000000000001"
    assert posts[1].kind == "reply" and "&gt;" not in posts[1].text
    assert any("1 retweet(s)" in note for note in snapshot.notes)


def test_x_archive_before_2019_is_recognised() -> None:
    name, snapshot, posts = _read(FIXTURES / "x-2014")
    assert name == "x"
    _expect_2014(snapshot, posts)


def test_x_archive_with_only_tweets_csv(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "x-2014", tmp_path / "old")
    shutil.rmtree(tmp_path / "old" / "data" / "js" / "tweets")
    name, snapshot, posts = _read(tmp_path / "old")
    assert name == "x"
    _expect_2014(snapshot, posts)


# --------------------------------------------------------------------------- LinkedIn


def test_linkedin_2018_utf16_tab_separated_shares_are_read() -> None:
    name, snapshot, posts = _read(FIXTURES / "linkedin-2018")
    assert name == "linkedin" and snapshot.handle == "Robin Quill"
    shares = [p for p in posts if p.location and p.location.startswith("Shares.csv")]
    assert [p.text.splitlines()[0] for p in shares] == [
        "Another long day as a social worker. Home by 7.",
        "Only for my connections: the Oakfield case review went well.",
        "Robin Quill - Eastvale knitting circle",
    ]
    assert [p.visibility for p in shares] == ["public", "followers", "public"]
    assert shares[0].created_at is not None and shares[0].created_at.isoformat() == "2016-08-25T17:41:57+00:00"
    assert "http://knit.example.org" in shares[2].text


def test_linkedin_2018_message_dates_and_articles() -> None:
    _, snapshot, posts = _read(FIXTURES / "linkedin-2018", include_private=True)
    messages = [p for p in posts if p.kind == "message"]
    assert len(messages) == 1 and "Tuesday works, I’m at the Riverton office" in messages[0].text
    assert messages[0].created_at is not None and messages[0].created_at.isoformat() == "2018-08-18T09:05:00+00:00"
    articles = {p.visibility: p for p in posts if p.kind == "article"}
    assert "07700 900456" in articles["public"].text and articles["public"].text.startswith(
        "Why I became a social worker"
    )
    assert (
        articles["public"].created_at is not None and articles["public"].created_at.date().isoformat() == "2018-03-02"
    )
    assert "Oakfield home visit" in articles["unknown"].text
    assert any("1 article draft(s)" in n for n in snapshot.notes)


def test_linkedin_member_network_posts_are_scanned_and_said_so() -> None:
    _, snapshot, posts = _read(FIXTURES / "linkedin-2025")
    shares = [p for p in posts if p.location and p.location.startswith("Shares.csv")]
    assert [p.visibility for p in shares] == ["unknown", "unknown", "followers"]
    assert any("2 post(s) are marked Visibility=MEMBER_NETWORK" in n for n in snapshot.notes)
    report = _scan(FIXTURES / "linkedin-2025")
    assert any(
        f.check == "identity.role" and f.item.id and f.item.id.endswith("7300000000000000002") for f in report.findings
    )


def test_linkedin_wrapped_lines_lose_their_stray_quotes() -> None:
    _, _, posts = _read(FIXTURES / "linkedin-2025")
    first, second = posts[0], posts[1]
    assert first.text == (
        "I'm off for a week of walking in the hills.\n\nWHAT? No phone, no laptop.\n"
        "WHERE? Near Eastvale. https://lnkd.in/gExAmPle\n\nPosts are scheduled, so you'll still see stuff."
    )
    assert (
        second.text
        == "If someone asked me, \"What's changed this year at work\", here's my list:\n\nAnother long day as a social worker, every day."
    )


def test_linkedin_comments_with_backslash_escaped_quotes_stay_whole() -> None:
    _, _, posts = _read(FIXTURES / "linkedin-2025")
    comments = [p for p in posts if p.kind == "comment"]
    assert len(comments) == 4 and all(p.created_at is not None for p in comments)
    assert (
        comments[1].text
        == 'Sam Teller Yes, it varies. Rather than read it as "This is what a team does", read it as "Here\'s how teams differ"'
    )
    assert comments[2].text.startswith('"... if you are locked into one supplier" got me thinking')
    assert comments[3].text.endswith("Not sure I understood what you meant.")


# --------------------------------------------------------------------------- Bluesky repository (CAR)

LINKED = [
    "Our new family support guide is out, see  https://riverton.example.org/family-support-guide-2026.pdf and tell me what you think",
    "Café chat on Tuesday 🎉 notes at https://example.org/notes/café-chat-tuesday #socialwork",
    "Wrote this up at last\nhttps://blog.example.org/posts/a-year-in/\nA year in – Sam Ortega\nWhat a year on the ward at Riverton General taught me.",
]


def test_bluesky_car_links_in_full_from_facets_and_link_cards_read(tmp_path: Path) -> None:
    import json

    from tests.archives.builders import bluesky_car

    records = json.loads((FIXTURES / "bluesky-records.json").read_text(encoding="utf-8"))
    (tmp_path / "repo.car").write_bytes(bluesky_car(records))
    _, _, posts = _read(tmp_path / "repo.car")
    assert sorted(p.text for p in posts) == sorted(LINKED)


# --------------------------------------------------------------------------- Mastodon, Facebook, Instagram


def test_mastodon_archive_polls_keep_their_options() -> None:
    _, _, posts = _read(FIXTURES / "mastodon-poll")
    assert [p.text for p in posts] == [
        "Which office should the team move to?\nRiverton Road office\nEastvale Town Hall, 2nd floor",
        "What gets you through a long week?\nTea\nKnitting",
    ]


def test_facebook_posts_in_groups_are_read() -> None:
    name, snapshot, posts = _read(FIXTURES / "facebook-groups")
    assert name == "facebook" and snapshot.handle == "Robin Quill"
    assert [p.text for p in posts] == [
        "Anyone else in Eastvale had a week like this? Another long day as a social worker ☕",
        "Sock pattern for Thursday\nhttps://knit.example.org/patterns/cosy-socks",
    ]


class _Progress:
    def __init__(self) -> None:
        self.advanced: list[str] = []

    def start(self, total: int, what: str) -> None:
        pass

    def advance(self, label: str) -> None:
        self.advanced.append(label)

    def finish(self) -> None:
        pass


def test_progress_names_each_file_once_in_every_format(tmp_path: Path) -> None:
    from tests.archives import builders as b

    for fmt in ("facebook", "instagram", "generic", "x", "linkedin", "mastodon"):
        progress = _Progress()
        path = b.write_folder(tmp_path / fmt, b.FORMATS[fmt]())
        scan(path, make_profile(), REGISTRY, RULES, ScanOptions(only=["identity"]), progress=progress)
        read = [label for label in progress.advanced if label.endswith((".json", ".jsonl", ".js", ".csv"))]
        assert read and len(read) == len(set(read)), (fmt, read)


def test_mastodon_archive_boosts_are_counted_not_read(tmp_path: Path) -> None:
    import json

    shutil.copytree(FIXTURES / "mastodon-poll", tmp_path / "m")
    outbox = json.loads((tmp_path / "m" / "outbox.json").read_text())
    outbox["orderedItems"].append(
        {
            "id": "https://social.example/users/robinq/statuses/114550000000000072/activity",
            "type": "Announce",
            "actor": "https://social.example/users/robinq",
            "published": "2026-05-22T10:00:00Z",
            "to": ["https://www.w3.org/ns/activitystreams#Public"],
            "object": "https://other.example/users/samteller/statuses/1",
        }
    )
    (tmp_path / "m" / "outbox.json").write_text(json.dumps(outbox))
    _, snapshot, posts = _read(tmp_path / "m")
    assert len(posts) == 2 and any("1 boost(s)" in n for n in snapshot.notes)
