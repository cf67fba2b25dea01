"""`footprint init`: a commented starter profile file from a few answers.

The defaults (`--yes`) use reserved example names and domains only (RFC 2606 `.example`), so
`footprint init --yes && footprint audit` can never read a stranger's account.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import yaml

from footprint.models import Account

if TYPE_CHECKING:
    from footprint.plugins import Source


@dataclass
class Answers:
    """What `footprint init` asks for. The defaults make a valid, obviously fictional file."""

    name: str = "Jane Smith"
    role: str = "social worker"
    employer: str = "Example Council"
    team: str = "Children and Families, Exampletown"
    localities: list[str] = field(default_factory=lambda: ["Exampletown"])
    accounts: list[tuple[str, str]] = field(
        default_factory=lambda: [("mastodon", "@janesmith@mastodon.example"), ("blog", "https://janesmith.example/")]
    )
    framework: str = "sssc"


def parse_account(answer: str, sources: Mapping[str, type[Source]]) -> tuple[str, str] | str:
    """`platform:handle` (or `platform:url`) as (platform, handle), or the reason it cannot be used."""
    from footprint.profile_file import ALIASES, reduce_handle, suggest

    platform, sep, ident = answer.strip().partition(":")
    platform, ident = platform.strip().lower(), ident.strip()
    if not sep or not ident:
        return (
            "write it as platform:handle, e.g. mastodon:@janesmith@mastodon.example or blog:https://janesmith.example/"
        )
    platform = platform if platform in sources else ALIASES.get(platform, platform)
    source = sources.get(platform)
    if source is None:
        return f"unknown platform {platform!r}{suggest(platform, sources)} (known: {', '.join(sorted(sources))})"
    ident = reduce_handle(platform, ident)
    account = (
        Account(platform=platform, url=ident) if source.needs == "url" else Account(platform=platform, handle=ident)
    )
    problem = source.validate(account)
    return problem if problem else (platform, ident)


def _q(value: str) -> str:
    """A YAML scalar for `value`, quoted only when needed."""
    return yaml.safe_dump(value, default_flow_style=True, width=1000).strip().removesuffix("...").strip()


def _line(key: str, value: str, note: str) -> str:
    """`  key: value   # note`, or the key commented out when it was left unanswered."""
    if value:
        return f"  {key}: {_q(value)}            # {note}"
    return f"  # {key}:                    # {note}"


def starter_profile(answers: Answers) -> str:
    """The text of a commented profile file."""
    lines = [
        "# footprint profile: who you are and which accounts you hold.",
        "# It stays on your computer. footprint only reads what a logged-out stranger can see.",
        "# Editors can autocomplete this file from `footprint schema`.",
        "person:",
        f"  name: {_q(answers.name)}",
        "  also_known_as: []              # other names people might know you by: maiden name, nickname",
        _line("role", answers.role, "social worker, social work student, care worker, MHO, ..."),
        _line("employer", answers.employer, "your employer or placement agency"),
        _line("team", answers.team, "your team or office"),
        f"  localities: [{', '.join(_q(x) for x in answers.localities)}]     # towns or areas you work in",
        "watch:                           # words that would identify you or the people you work with",
        "  places: []                     # courts, offices, schools, estates",
        "  words: []                      # jargon that should never appear in public posts",
        "accounts:                        # add one line per account; `footprint sources` lists platforms",
    ]
    if not answers.accounts:
        lines[-1] = "accounts: []                     # add your accounts here; `footprint sources` lists platforms"
    for platform, ident in answers.accounts:
        key = "url" if ident.startswith(("http://", "https://")) and platform == "blog" else "handle"
        lines.append(f"  - {{platform: {platform}, {key}: {_q(ident)}}}")
    lines += [
        "  # - {platform: x, handle: MyOtherAccount, anonymous: true}   # mark accounts meant to be anonymous",
        f"framework: {answers.framework}                   # sssc, swe, niscc, scw, hcpc or basw",
        "",
    ]
    return "\n".join(lines)
