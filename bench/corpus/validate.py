#!/usr/bin/env python3
"""Validate bench/corpus/posts.jsonl against bench/corpus/personas.yaml.

Checks: every line is a JSON object with the expected fields, ids are unique,
personas exist, register/platform are known, labels come from the allowed set.
Prints counts per label, per persona, per register, and hard negatives/positives.
Exit status 1 on any error. Usage: python3 bench/corpus/validate.py
Needs only the standard library and PyYAML.
"""

import collections
import json
import os
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))

ALLOWED_LABELS = [
    "identity.real-name",
    "identity.role",
    "identity.employer",
    "contact.personal",
    "oversharing.service-user",
    "oversharing.workplace",
    "oversharing.personal",
    "conduct.disparaging",
    "conduct.public-trust",
    "boundaries.service-user-contact",
]
REGISTERS = {
    "tweet",
    "toot_html",
    "reddit_comment",
    "blog_excerpt",
    "facebook_post",
    "bio",
    "linkedin_post",
    "instagram_caption",
    "tiktok_caption",
}
PLATFORMS = {
    "mastodon",
    "bluesky",
    "x",
    "reddit",
    "blog",
    "facebook",
    "linkedin",
    "instagram",
    "tiktok",
}
REQUIRED = {
    "id": str,
    "persona": str,
    "register": str,
    "platform": str,
    "text": str,
    "labels": list,
    "hard_negative": bool,
    "note": str,
}
OPTIONAL = {"hard_positive": bool, "source": str}


def main(posts_path=None, personas_path=None):
    posts_path = posts_path or os.path.join(HERE, "posts.jsonl")
    personas_path = personas_path or os.path.join(HERE, "personas.yaml")
    errors = []

    with open(personas_path, encoding="utf-8") as f:
        personas = (yaml.safe_load(f) or {}).get("personas") or {}
    for key, p in personas.items():
        person = (p or {}).get("person") or {}
        for field in ("name", "role", "employer"):
            if not person.get(field):
                errors.append(f"personas.yaml: {key}: person.{field} missing")

    seen = set()
    label_counts = collections.Counter()
    persona_counts = collections.Counter()
    register_counts = collections.Counter()
    n = hn = hp = empty = 0
    with open(posts_path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            where = f"posts.jsonl:{lineno}"
            if not line.strip():
                errors.append(f"{where}: blank line")
                continue
            try:
                post = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"{where}: bad JSON: {e}")
                continue
            if not isinstance(post, dict):
                errors.append(f"{where}: not an object")
                continue
            for field, typ in REQUIRED.items():
                if not isinstance(post.get(field), typ):
                    errors.append(f"{where}: field {field!r} missing or not {typ.__name__}")
            for field, typ in OPTIONAL.items():
                if field in post and not isinstance(post[field], typ):
                    errors.append(f"{where}: field {field!r} not {typ.__name__}")
            extra = set(post) - set(REQUIRED) - set(OPTIONAL)
            if extra:
                errors.append(f"{where}: unknown fields {sorted(extra)}")
            pid = post.get("id")
            if pid in seen:
                errors.append(f"{where}: duplicate id {pid!r}")
            seen.add(pid)
            if post.get("persona") not in personas:
                errors.append(f"{where}: unknown persona {post.get('persona')!r}")
            if post.get("register") not in REGISTERS:
                errors.append(f"{where}: unknown register {post.get('register')!r}")
            if post.get("platform") not in PLATFORMS:
                errors.append(f"{where}: unknown platform {post.get('platform')!r}")
            if isinstance(post.get("text"), str) and not post["text"].strip():
                errors.append(f"{where}: empty text")
            labels = post.get("labels") if isinstance(post.get("labels"), list) else []
            if len(set(labels)) != len(labels):
                errors.append(f"{where}: duplicate labels")
            for lab in labels:
                if lab not in ALLOWED_LABELS:
                    errors.append(f"{where}: label {lab!r} not allowed")
            if post.get("hard_negative") and post.get("hard_positive"):
                errors.append(f"{where}: both hard_negative and hard_positive")
            if post.get("hard_positive") and not labels:
                errors.append(f"{where}: hard_positive without labels")
            n += 1
            label_counts.update(set(labels) & set(ALLOWED_LABELS))
            persona_counts[post.get("persona")] += 1
            register_counts[post.get("register")] += 1
            hn += bool(post.get("hard_negative"))
            hp += bool(post.get("hard_positive"))
            empty += not labels

    print(f"posts: {n}")
    print(f"hard negatives: {hn}")
    print(f"hard positives: {hp}")
    print(f"posts with no labels: {empty}")
    print("labels:")
    for lab in ALLOWED_LABELS:
        print(f"  {lab:34s} {label_counts[lab]}")
    print("personas:")
    for key in personas:
        print(f"  {key:10s} {persona_counts[key]}")
    print("registers:")
    for reg, c in sorted(register_counts.items()):
        print(f"  {reg:18s} {c}")

    if errors:
        print(f"\n{len(errors)} error(s):", file=sys.stderr)
        for e in errors:
            print("  " + e, file=sys.stderr)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
