"""`footprint init`: a commented starter profile file from a few answers."""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml


@dataclass
class Answers:
    """What `footprint init` asks for. The defaults make a valid, obviously fictional file."""

    name: str = "Jane Smith"
    role: str = "social worker"
    employer: str = "Fife Council"
    team: str = "Children and Families, Kirkcaldy"
    localities: list[str] = field(default_factory=lambda: ["Kirkcaldy", "Fife"])
    accounts: list[tuple[str, str]] = field(default_factory=lambda: [("mastodon", "@janesmith@mastodon.scot")])
    framework: str = "sssc"


def _q(value: str) -> str:
    """A YAML scalar for `value`, quoted only when needed."""
    return yaml.safe_dump(value, default_flow_style=True, width=1000).strip().removesuffix("...").strip()


def starter_profile(answers: Answers) -> str:
    """The text of a commented profile file."""
    lines = [
        "# footprint profile: who you are and which accounts you hold.",
        "# It stays on your computer. footprint only reads what a logged-out stranger can see.",
        "# Editors can autocomplete this file from `footprint schema`.",
        "person:",
        f"  name: {_q(answers.name)}",
        "  also_known_as: []              # other names people might know you by: maiden name, nickname",
        f"  role: {_q(answers.role)}            # social worker, social work student, care worker, MHO, ...",
        f"  employer: {_q(answers.employer)}",
        f"  team: {_q(answers.team)}",
        f"  localities: [{', '.join(_q(x) for x in answers.localities)}]",
        "watch:                           # words that would identify you or the people you work with",
        "  places: []                     # courts, offices, schools, estates",
        "  words: []                      # jargon that should never appear in public posts",
        "accounts:                        # add one line per account; `footprint sources` lists platforms",
    ]
    for platform, ident in answers.accounts:
        key = "url" if ident.startswith(("http://", "https://")) else "handle"
        lines.append(f"  - {{platform: {platform}, {key}: {_q(ident)}}}")
    lines += [
        "  # - {platform: x, handle: MyOtherAccount, anonymous: true}   # mark accounts meant to be anonymous",
        f"framework: {answers.framework}                   # sssc, swe, niscc, scw, hcpc or basw",
        "",
    ]
    return "\n".join(lines)
