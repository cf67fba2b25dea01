"""Small data downloads in each platform's real layout, built by the tests themselves (all fictional).

Each `*_files()` returns {member name: bytes}; `write_folder`, `write_zip` and `write_tar` turn
that into an unpacked folder, a zip or a tar.gz, so every format is exercised both ways.
"""

from __future__ import annotations

import hashlib
import io
import json
import struct
import tarfile
import zipfile
from pathlib import Path
from typing import Any

# The line every format carries somewhere, so identity.role fires on it.
ROLE_LINE = "Another long day as a social worker"
PRIVATE_LINE = "Private: as a social worker I shouldn't say this"


def write_folder(root: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return root


def write_zip(path: Path, files: dict[str, bytes], wrapper: str = "") -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(wrapper + name, data)
    return path


def write_tar(path: Path, files: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def _ytd(kind: str, value: Any) -> bytes:
    return f"window.YTD.{kind}.part0 = {json.dumps(value, indent=2)}".encode()


def _meta(value: Any) -> bytes:
    """JSON as Meta writes it: every UTF-8 byte of a non-ASCII character as its own \\u00XX escape."""

    def mangle(v: Any) -> Any:
        if isinstance(v, str):
            return v.encode("utf-8").decode("latin-1")
        if isinstance(v, list):
            return [mangle(x) for x in v]
        if isinstance(v, dict):
            return {mangle(k): mangle(x) for k, x in v.items()}
        return v

    return json.dumps(mangle(value), ensure_ascii=True).encode("ascii")


# --------------------------------------------------------------------------- X/Twitter


def twitter_files() -> dict[str, bytes]:
    manifest = {
        "userInfo": {"accountId": "1400000000000000001", "userName": "robinquill_sw"},
        "dataTypes": {
            "tweets": {"files": [{"fileName": "data/tweets.js", "globalName": "YTD.tweets.part0", "count": "2"}]}
        },
    }
    return {
        "Your archive.html": b"<html></html>",
        "data/manifest.js": f"window.__THAR_CONFIG = {json.dumps(manifest)}".encode(),
        "data/account.js": _ytd(
            "account",
            [
                {
                    "account": {
                        "email": "robin@mail.example",
                        "username": "robinquill_sw",
                        "accountId": "1400000000000000001",
                        "createdAt": "2021-06-01T09:00:00.000Z",
                        "accountDisplayName": "Robin Quill",
                    }
                }
            ],
        ),
        "data/profile.js": _ytd(
            "profile",
            [
                {
                    "profile": {
                        "description": {"bio": "Eastvale. Tea.", "website": "https://t.co/XyZ", "location": "Eastvale"}
                    }
                }
            ],
        ),
        "data/tweets.js": _ytd(
            "tweets",
            [
                {
                    "tweet": {
                        "id_str": "1790000000000000123",
                        "created_at": "Wed Jun 04 10:15:00 +0000 2025",
                        "full_text": "Court report done &amp; filed. Birch Lane next https://t.co/AbCdEf",
                        "entities": {
                            "urls": [
                                {
                                    "url": "https://t.co/AbCdEf",
                                    "expanded_url": "https://robinquill.example/2025/06/report",
                                }
                            ]
                        },
                    }
                },
                {
                    "tweet": {
                        "id_str": "1790000000000000124",
                        "created_at": "Thu Jun 05 18:00:00 +0000 2025",
                        "full_text": f"{ROLE_LINE} &lt;3",
                        "entities": {},
                    }
                },
            ],
        ),
        "data/direct-messages.js": _ytd(
            "directMessages",
            [
                {
                    "dmConversation": {
                        "conversationId": "1-2",
                        "messages": [
                            {
                                "messageCreate": {
                                    "id": "55",
                                    "senderId": "1400000000000000001",
                                    "recipientId": "2",
                                    "text": PRIVATE_LINE,
                                    "createdAt": "2025-06-06T10:00:00.000Z",
                                }
                            },
                            {
                                "messageCreate": {
                                    "id": "56",
                                    "senderId": "2",
                                    "recipientId": "1400000000000000001",
                                    "text": "Sam says: I am a social worker too",
                                    "createdAt": "2025-06-06T10:01:00.000Z",
                                }
                            },
                        ],
                    }
                }
            ],
        ),
        "data/tweets_media/1790000000000000123-abc.jpg": b"not really a jpeg",
    }


# --------------------------------------------------------------------------- Facebook


def facebook_files() -> dict[str, bytes]:
    posts = [
        {
            "timestamp": 1748800000,
            "attachments": [
                {
                    "data": [
                        {
                            "media": {
                                "uri": "your_facebook_activity/posts/media/Mobileuploads_10001/900001.jpg",
                                "creation_timestamp": 1748799990,
                                "title": "Mobile uploads",
                                "description": "Team lunch at the Café",
                                "media_metadata": {
                                    "photo_metadata": {
                                        "exif_data": [
                                            {"latitude": 51.0001, "longitude": -1.0001, "taken_timestamp": 1748799000}
                                        ]
                                    }
                                },
                            }
                        }
                    ]
                },
                {
                    "data": [
                        {
                            "place": {
                                "name": "Birch Lane Café",
                                "coordinate": {"latitude": 51.0002, "longitude": -1.0002},
                            }
                        }
                    ]
                },
            ],
            "data": [{"post": f"{ROLE_LINE} 😀 at the Café"}, {"update_timestamp": 1748800050}],
            "title": "Robin Quill was at Birch Lane Café.",
        },
        {"timestamp": 1748700000, "label_values": [{"label": "Post", "value": "Newer schema post"}]},
    ]
    return {
        "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json": _meta(posts),
        "your_facebook_activity/comments_and_reactions/comments.json": _meta(
            {
                "comments_v2": [
                    {
                        "timestamp": 1748650000,
                        "data": [
                            {
                                "comment": {
                                    "timestamp": 1748650000,
                                    "comment": "Zoë says well done",
                                    "author": "Robin Quill",
                                }
                            }
                        ],
                        "title": "Robin Quill commented on Sam Ortega's post.",
                    }
                ]
            }
        ),
        "personal_information/profile_information/profile_information.json": _meta(
            {
                "profile_v2": {
                    "name": {"full_name": "Robin Quill"},
                    "current_city": {"name": "Eastvale"},
                    "hometown": {"name": "Riverton"},
                    "work_experiences": [{"employer": "Eastvale County", "title": "Family Support Worker"}],
                }
            }
        ),
        "your_facebook_activity/messages/inbox/samortega_1/message_1.json": _meta(
            {
                "participants": [{"name": "Sam Ortega"}, {"name": "Robin Quill"}],
                "messages": [
                    {"sender_name": "Robin Quill", "timestamp_ms": 1748650000000, "content": PRIVATE_LINE},
                    {"sender_name": "Sam Ortega", "timestamp_ms": 1748650001000, "content": "I'm a social worker too"},
                ],
            }
        ),
    }


# --------------------------------------------------------------------------- Instagram


def instagram_files() -> dict[str, bytes]:
    posts = [
        {
            "media": [
                {
                    "uri": "media/posts/202605/17900000000000001.jpg",
                    "creation_timestamp": 1748700000,
                    "title": "First day in the new Riverton office ☀️ #socialworkmonth",
                }
            ]
        },
        {
            "title": f"{ROLE_LINE}, weekend walk",
            "creation_timestamp": 1748600000,
            "media": [{"uri": "media/posts/202605/2.jpg", "creation_timestamp": 1748600000, "title": ""}],
        },
    ]
    comments = {
        "comments_media_comments": [
            {
                "title": "sam.ortega",
                "string_map_data": {
                    "Opmerking": {"value": "Mis je op het teamoverleg, collega social worker!"},
                    "Media-eigenaar": {"value": "sam.ortega"},
                    "Tijd": {"timestamp": 1748650000},
                },
            },
            {
                "title": "jo",
                "string_list_data": [{"value": "Older shape comment", "timestamp": 1748650001, "href": ""}],
            },
        ]
    }
    profile = {
        "profile_user": [
            {
                "title": "User Information",
                "string_map_data": {
                    "Gebruikersnaam": {"value": "robin.q", "timestamp": 0, "href": ""},
                    "Naam": {"value": "Robin Quill"},
                    "Biografie": {"value": "Kaffee ☕ und Katzen"},
                    "Privéaccount": {"value": "False"},
                },
            }
        ]
    }
    return {
        "your_instagram_activity/content/posts_1.json": _meta(posts),
        "your_instagram_activity/comments/post_comments_1.json": _meta(comments),
        "personal_information/personal_information/personal_information.json": _meta(profile),
        "your_instagram_activity/messages/inbox/sam_1/message_1.json": _meta(
            {
                "participants": [{"name": "Robin Quill"}],
                "messages": [{"sender_name": "Robin Quill", "timestamp_ms": 1748650000000, "content": PRIVATE_LINE}],
            }
        ),
    }


# --------------------------------------------------------------------------- LinkedIn


def linkedin_files() -> dict[str, bytes]:
    return {
        "Profile.csv": (
            "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n"
            'Robin,Quill,,,"Feb 14, 1990",Family Support Worker at Eastvale County,"Child protection, court work.\nFormer youth worker.",'
            'Government Administration,,"Eastvale, Westshire",[robinquill_sw],[PERSONAL:https://robinquill.example],\n'
        ).encode("utf-8-sig"),
        "Positions.csv": b"Company Name,Title,Description,Location,Started On,Finished On\n"
        b'Eastvale County Children\'s Services,Family Support Worker,"Caseload of 18 families.","Eastvale, Westshire",Mar 2021,\n',
        "Shares_7789716.csv": (
            "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n"
            '2026-05-01 10:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A1,"Proud of our team. ""Small wins"" matter.",,,PUBLIC\n'
            f'2026-04-11 08:30:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A2,"{ROLE_LINE}\nwith a second line",,,PUBLIC\n'
            "2026-04-12 08:30:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A3,Connections only: a social worker's week,,,CONNECTIONS\n"
        ).encode(),
        "Comments.csv": b"Date,Link,Message\n2026-05-02 09:00:00,https://www.linkedin.com/feed/update/x,Great point\n",
        "Connections.csv": b'Notes:\n"When exporting your connection data, you may notice..."\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nSam,Ortega,https://www.linkedin.com/in/x,,Riverton,Nurse,01 Jan 2024\n',
        "messages.csv": (
            "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n"
            f"1,,Robin Quill,,Sam Ortega,,2026-05-03 10:00:00 UTC,,{PRIVATE_LINE},INBOX\n"
        ).encode(),
    }


# --------------------------------------------------------------------------- Mastodon

ACTOR = "https://social.example/users/robinq"
PUBLIC = "https://www.w3.org/ns/activitystreams#Public"


def _note(n: int, text: str, to: list[str], cc: list[str]) -> dict[str, Any]:
    sid = f"{ACTOR}/statuses/11455000000000000{n}"
    return {
        "id": f"{sid}/activity",
        "type": "Create",
        "actor": ACTOR,
        "published": "2026-05-30T18:42:10Z",
        "to": to,
        "cc": cc,
        "object": {
            "id": sid,
            "type": "Note",
            "summary": None,
            "inReplyTo": None,
            "published": "2026-05-30T18:42:10Z",
            "url": f"https://social.example/@robinq/11455000000000000{n}",
            "attributedTo": ACTOR,
            "to": to,
            "cc": cc,
            "sensitive": False,
            "content": f"<p>{text}</p>",
            "contentMap": {"en": f"<p>{text}</p>"},
            "attachment": [
                {
                    "type": "Document",
                    "mediaType": "image/jpeg",
                    "url": "media_attachments/files/1/original/a.jpg",
                    "name": "Whiteboard with first names blurred",
                }
            ]
            if n == 1
            else [],
            "tag": [],
        },
    }


def mastodon_files() -> dict[str, bytes]:
    followers = f"{ACTOR}/followers"
    items = [
        _note(1, f"{ROLE_LINE} &amp; tired", [PUBLIC], [followers]),
        _note(2, "Unlisted: quiet day", [followers], [PUBLIC]),
        _note(3, "Followers-only: as a social worker, the Birch Lane family finally engaged today.", [followers], []),
        _note(4, f"@sam {PRIVATE_LINE}", ["https://other.example/users/sam"], []),
        {
            "id": f"{ACTOR}/statuses/9/activity",
            "type": "Announce",
            "actor": ACTOR,
            "to": [PUBLIC],
            "cc": [followers],
            "object": "https://other.example/users/samo/statuses/1",
        },
    ]
    outbox = {
        "@context": ["https://www.w3.org/ns/activitystreams"],
        "id": "outbox.json",
        "type": "OrderedCollection",
        "totalItems": len(items),
        "orderedItems": items,
    }
    actor = {
        "@context": ["https://www.w3.org/ns/activitystreams"],
        "id": ACTOR,
        "type": "Person",
        "preferredUsername": "robinq",
        "name": "Robin Quill",
        "summary": "<p>Tea, trains and Eastvale.</p>",
        "url": "https://social.example/@robinq",
        "manuallyApprovesFollowers": False,
        "discoverable": True,
        "indexable": False,
        "followers": followers,
        "attachment": [{"type": "PropertyValue", "name": "Work", "value": "<p>Eastvale County</p>"}],
        "outbox": "outbox.json",
        "icon": {"url": "avatar.png"},
    }
    return {
        "outbox.json": json.dumps(outbox, indent=2).encode(),
        "actor.json": json.dumps(actor).encode(),
        "likes.json": json.dumps(
            {"type": "OrderedCollection", "orderedItems": ["https://other.example/users/samo/statuses/1"]}
        ).encode(),
    }


# --------------------------------------------------------------------------- Bluesky (CAR v1 + DAG-CBOR, encoded here)


class CidLink:
    """A CID link to encode with tag 42."""

    def __init__(self, cid: bytes) -> None:
        self.cid = cid


def _head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major << 5 | n])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            return bytes([major << 5 | info]) + n.to_bytes(size, "big")
    raise ValueError(n)


def cbor(value: Any) -> bytes:
    """DAG-CBOR encoding (canonical map key order: length first, then bytes)."""
    if value is None:
        return b"\xf6"
    if value is True:
        return b"\xf5"
    if value is False:
        return b"\xf4"
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, float):
        return b"\xfb" + struct.pack(">d", value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode()
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(cbor(v) for v in value)
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: (len(k.encode()), k.encode()))
        return _head(5, len(keys)) + b"".join(cbor(k) + cbor(value[k]) for k in keys)
    if isinstance(value, CidLink):
        return b"\xd8\x2a" + cbor(b"\x00" + value.cid)
    raise TypeError(type(value))


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def cid_of(block: bytes) -> bytes:
    return b"\x01\x71\x12\x20" + hashlib.sha256(block).digest()


def bluesky_car(records: dict[str, dict[str, Any]], did: str = "did:plc:abcdefghijklmnopqrstuvwx") -> bytes:
    """A repository CAR: commit → one MST node (prefix-compressed keys) → records, blocks shuffled."""
    blocks: list[tuple[bytes, bytes]] = []

    def add(value: Any) -> CidLink:
        data = cbor(value)
        cid = cid_of(data)
        blocks.append((cid, data))
        return CidLink(cid)

    entries, previous = [], b""
    for key in sorted(records):
        raw = key.encode()
        shared = 0
        while shared < min(len(raw), len(previous)) and raw[shared] == previous[shared]:
            shared += 1
        entries.append({"p": shared, "k": raw[shared:], "v": add(records[key]), "t": None})
        previous = raw
    root = add({"l": None, "e": entries})
    commit = add({"did": did, "version": 3, "data": root, "rev": "3lpqrstuv2222", "prev": None, "sig": b"\x00" * 64})
    add(
        {
            "$type": "app.bsky.feed.post",
            "text": "stray block, not in the tree: social worker",
            "createdAt": "2020-01-01T00:00:00Z",
        }
    )
    header = cbor({"version": 1, "roots": [commit]})
    out = bytearray(_varint(len(header)) + header)
    for cid, data in reversed(blocks):
        out += _varint(len(cid) + len(data)) + cid + data
    return bytes(out)


def bluesky_records() -> dict[str, dict[str, Any]]:
    return {
        "app.bsky.actor.profile/self": {
            "$type": "app.bsky.actor.profile",
            "displayName": "Sam Ortega",
            "description": "Hospital social worker | Riverton",
            "labels": {"$type": "com.atproto.label.defs#selfLabels", "values": [{"val": "!no-unauthenticated"}]},
        },
        "app.bsky.feed.post/3lpqrstuv2a2b": {
            "$type": "app.bsky.feed.post",
            "text": "Back at Riverton General on Monday.",
            "createdAt": "2026-05-28T10:14:58.120Z",
            "embed": {
                "$type": "app.bsky.embed.images",
                "images": [{"alt": "My badge on the desk", "image": {"$type": "blob"}}],
            },
        },
        "app.bsky.feed.post/3lpqrstuv2a2c": {
            "$type": "app.bsky.feed.post",
            "text": ROLE_LINE,
            "createdAt": "2026-05-29T10:14:58.120Z",
        },
        "app.bsky.feed.like/3lpqrstuv2a2d": {
            "$type": "app.bsky.feed.like",
            "subject": {"uri": "at://x/y/z"},
            "createdAt": "2026-05-29T10:14:58.120Z",
        },
        "app.bsky.graph.block/3lpqrstuv2a2e": {
            "$type": "app.bsky.graph.block",
            "subject": "did:plc:zzz",
            "createdAt": "2026-05-29T10:14:58.120Z",
        },
    }


def bluesky_files() -> dict[str, bytes]:
    return {"repo.car": bluesky_car(bluesky_records())}


# --------------------------------------------------------------------------- Reddit, TikTok, generic


def reddit_files() -> dict[str, bytes]:
    return {
        "posts.csv": (
            "id,permalink,date,ip,subreddit,gildings,title,url,body\n"
            f'1abcd2,https://www.reddit.com/r/socialwork/comments/1abcd2/x/,2026-06-01 12:00:00 UTC,,socialwork,0,How do you cope?,,"{ROLE_LINE}.\nAny tips?"\n'
        ).encode(),
        "comments.csv": (
            b"id,permalink,date,ip,subreddit,gildings,link,parent,body,media\n"
            b"kq9zzzz,https://www.reddit.com/r/socialwork/comments/1abcd2/x/kq9zzzz/,2026-06-01 12:26:40 UTC,,socialwork,0,,,"
            b'"We had a family on our caseload with exactly this issue last month.",\n'
        ),
        "messages.csv": (
            "id,permalink,thread_id,date,ip,from,to,subject,body\n"
            f"m1,,t1,2026-06-02 10:00:00 UTC,,robin_throwaway,sam,hi,{PRIVATE_LINE}\n"
            "m2,,t1,2026-06-02 10:05:00 UTC,,sam,robin_throwaway,re: hi,I am a social worker as well\n"
        ).encode(),
        "statistics.csv": b"statistic,value\naccount name,robin_throwaway\n",
    }


def tiktok_files() -> dict[str, bytes]:
    data = {
        "Profile": {
            "Profile Info": {
                "ProfileMap": {
                    "userName": "robin.quill.sw",
                    "displayName": "Robin Q",
                    "bioDescription": "SW life in Eastvale",
                }
            }
        },
        "Post": {
            "Posts": {
                "VideoList": [
                    {
                        "Date": "2026-05-01 10:00:00",
                        "Link": "https://www.tiktokv.com/share/video/7360000000000000001/",
                        "Likes": "57",
                        "Title": f"{ROLE_LINE} #socialwork",
                        "Location": "Eastvale",
                        "WhoCanView": "Everyone",
                    }
                ]
            }
        },
        "Comment": {
            "Comments": {
                "CommentsList": [{"date": "2026-05-02 21:14:00", "comment": "This is literally my caseload lol"}]
            }
        },
        "Direct Message": {
            "Direct Messages": {
                "ChatHistory": {
                    "Chat History with sam:": [
                        {"Date": "2026-05-03 10:00:00", "From": "robin.quill.sw", "Content": PRIVATE_LINE}
                    ]
                }
            }
        },
    }
    return {"TikTok_Data/user_data_tiktok.json": json.dumps(data).encode()}


def generic_lines() -> list[dict[str, Any]]:
    return [
        {"text": "Lovely walk by the harbour", "created_at": "2026-05-01T10:00:00Z"},
        {"text": f"{ROLE_LINE}, Kirkcaldy office again", "url": "https://blog.example/1"},
        {"text": "Quiet one", "created_at": 1748600000},
    ]


def generic_files() -> dict[str, bytes]:
    return {"posts.jsonl": "".join(json.dumps(line) + "\n" for line in generic_lines()).encode()}


FORMATS = {
    "x": twitter_files,
    "facebook": facebook_files,
    "instagram": instagram_files,
    "linkedin": linkedin_files,
    "mastodon": mastodon_files,
    "bluesky": bluesky_files,
    "reddit": reddit_files,
    "tiktok": tiktok_files,
    "generic": generic_files,
}
