#!/usr/bin/env python3
"""Validate the collected real posts and split them once into a development and a sealed half.

Reads every `incoming/*.jsonl` (one file per collector), checks each record's fields, drops
duplicates (the same quote found in two reports of one case: same text once case, spaces and
punctuation are ignored), then splits by stratum — class (problem or ordinary) and first label —
taking every other post of each stratum in a fixed pseudo-random order (SHA-256 of the text), so
both halves hold the same mix. Run once, before any tuning; its output is committed and never
rewritten (re-running on the same input gives the same split).

    python bench/realworld/split.py            # writes dev.jsonl and sealed.jsonl, prints counts only
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REQUIRED = {
    "id": str,
    "text": str,
    "class": str,
    "labels": list,
    "hard_negative": bool,
    "source_url": str,
    "source": str,
}
# problem: a post a regulator or employer acted on, with the checks that should fire; ordinary: a real post
# nobody acted on; context: acted on, but the problem is not in the words (an image, who received it);
# contested: the action was later overturned (a tribunal or court found the post lawful). Only problem and
# ordinary posts are scored.
CLASSES = {"problem", "ordinary", "context", "contested"}
LABELS = {
    "conduct.public-trust",
    "conduct.disparaging",
    "oversharing.service-user",
    "oversharing.workplace",
    "boundaries.service-user-contact",
    "oversharing.personal",
    "contact.personal",
    "identity.role",
    "identity.employer",
    "identity.real-name",
}


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def same_quote(a: str, b: str) -> bool:
    """Two records quote the same post: one text holds the other, they open alike, or they differ by a few
    characters (two reports of one case quote it with different cuts or punctuation)."""
    ka, kb = _key(a), _key(b)
    if ka == kb or (min(len(ka), len(kb)) >= 30 and (ka in kb or kb in ka)) or (len(ka) >= 60 and ka[:60] == kb[:60]):
        return True
    matcher = difflib.SequenceMatcher(None, ka, kb)
    return matcher.quick_ratio() > 0.85 and matcher.ratio() > 0.85


def check(record: dict, where: str) -> list[str]:
    problems = [
        f"{where}: field {name!r} missing or not {kind.__name__}"
        for name, kind in REQUIRED.items()
        if not isinstance(record.get(name), kind)
    ]
    if record.get("class") not in CLASSES:
        problems.append(f"{where}: class must be one of {sorted(CLASSES)}")
    unknown = set(record.get("labels") or []) - LABELS
    if unknown:
        problems.append(f"{where}: unknown labels {sorted(unknown)}")
    if record.get("class") == "context" and record.get("labels"):
        problems.append(f"{where}: a context post has no labels (its problem is not in the words)")
    if record.get("class") == "problem" and not record.get("labels"):
        problems.append(f"{where}: a problem post needs at least one label")
    if not str(record.get("source_url", "")).startswith(("http://", "https://")):
        problems.append(f"{where}: source_url must be a web address")
    return problems


def main() -> int:
    if (HERE / "dev.jsonl").exists() and "--force" not in sys.argv:
        print(
            "dev.jsonl and sealed.jsonl exist: the split is made once, and the second labelling pass lives only in "
            "them (re-run with --force to rebuild from incoming/ and lose it)",
            file=sys.stderr,
        )
        return 2
    records: list[dict] = []
    errors: list[str] = []
    duplicates = 0
    for path in sorted((HERE / "incoming").glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"{where}: not JSON ({exc.msg})")
                continue
            found = check(record, where)
            if found:
                errors.extend(found)
                continue
            kept = next((r for r in records if same_quote(r["text"], record["text"])), None)
            if kept is not None:
                # The same post found twice: one record, with both readings' labels.
                duplicates += 1
                if kept["class"] == record["class"] == "problem":
                    kept["labels"] = [*kept["labels"], *(x for x in record["labels"] if x not in kept["labels"])]
                continue
            records.append(record)
    if errors:
        print("\n".join(errors[:50]), file=sys.stderr)
        print(f"{len(errors)} problems; nothing written", file=sys.stderr)
        return 2
    ids = Counter(r["id"] for r in records)
    if any(n > 1 for n in ids.values()):
        print(f"duplicate ids: {[i for i, n in ids.items() if n > 1][:10]}", file=sys.stderr)
        return 2
    strata: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for record in records:
        strata[(record["class"], (record["labels"] or ["none"])[0])].append(record)
    halves: dict[str, list[dict]] = {"dev": [], "sealed": []}
    for stratum in sorted(strata):
        ordered = sorted(strata[stratum], key=lambda r: hashlib.sha256(r["text"].encode()).hexdigest())
        for index, record in enumerate(ordered):
            halves["dev" if index % 2 == 0 else "sealed"].append(record)
    for name, items in halves.items():
        items.sort(key=lambda r: r["id"])
        (HERE / f"{name}.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in items), encoding="utf-8"
        )
        counts = Counter(r["class"] for r in items)
        print(
            f"{name}: {len(items)} posts ({counts['problem']} problem, {counts['ordinary']} ordinary, "
            f"{counts['context']} context, {counts['contested']} contested)"
        )
    print(f"{len(records)} kept, {duplicates} duplicates dropped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
