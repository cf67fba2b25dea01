"""A local mirror of every platform for the integration tests and the benchmark, on 127.0.0.1 only.

Routes live in tests/fixtures/mirror/routes.yaml under the made-up name http://mirror.test; the
responder maps the server's real address to that name on the way in and back on the way out
(Link headers, for instance), so the fixtures never need to know the port.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from footprint.demo.fixture_site import Answer, FixtureSite

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MIRROR = "http://mirror.test"
PLATFORMS = (
    "mastodon",
    "bluesky",
    "github",
    "reddit",
    "blog",
    "youtube",
    "x",
    "facebook",
    "instagram",
    "linkedin",
    "tiktok",
    "threads",
)


def mirror_site() -> FixtureSite:
    return FixtureSite(FIXTURES / "mirror" / "routes.yaml", FIXTURES)


def mirror_responder(delay: float = 0.0, site: FixtureSite | None = None) -> Callable[[str], Answer]:
    """Answer like every platform at once, each answer after `delay` seconds."""
    site = site or mirror_site()

    def respond(url: str) -> Answer:
        real = f"http://{urlsplit(url).netloc}"
        answer = site.answer(MIRROR + url[len(real) :])
        headers = {k: v.replace(MIRROR, real) for k, v in answer.headers.items()}
        return Answer(
            answer.status, headers, answer.body.replace(MIRROR.encode(), real.encode()), max(answer.delay, delay)
        )

    return respond


def endpoints_yaml(base: str) -> str:
    """The profile's `endpoints:` block sending every platform to the mirror at `base`."""
    return "endpoints:\n" + "".join(f"  {p}: {base}/{p}\n" for p in PLATFORMS)


PERSON = """\
person:
  name: Robin Quill
  role: social worker
  employer: Eastvale County Children's Services
  localities: [Eastvale]
fetch:
  max_posts: 200
  max_age_days: 36500
"""

EVERY_PLATFORM = """\
accounts:
  - {platform: mastodon, handle: "@robinq@social.example"}
  - {platform: bluesky, handle: samortega.bsky.social}
  - {platform: github, handle: robin-quill}
  - {platform: reddit, handle: u/quill_and_ink}
  - {platform: blog, url: "https://robinquill.example/"}
  - {platform: youtube, handle: UCAbCdEfGhIjKlMnOpQrStUv}
  - {platform: x, handle: "@robinquill_sw"}
  - {platform: facebook, handle: robin.quill.77}
  - {platform: instagram, handle: "@robin.quill"}
  - {platform: linkedin, handle: robin-quill-sw}
  - {platform: tiktok, handle: "@robin.quill.sw"}
  - {platform: threads, handle: "@robin.quill"}
"""

TEN_ACCOUNTS = """\
accounts:
  - {platform: mastodon, handle: "@robinq@social.example"}
  - {platform: bluesky, handle: samortega.bsky.social}
  - {platform: github, handle: robin-quill}
  - {platform: reddit, handle: u/quill_and_ink}
  - {platform: reddit, handle: u/walled_off}
  - {platform: blog, url: "https://robinquill.example/"}
  - {platform: youtube, handle: UCAbCdEfGhIjKlMnOpQrStUv}
  - {platform: tiktok, handle: "@robin.quill.sw"}
  - {platform: threads, handle: "@robin.quill"}
  - {platform: x, handle: "@robinquill_sw"}
"""
