"""The persona bench's matching and its sealed-half rule (it is run for figures by the lead, not here)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "bench_personas.py"
spec = importlib.util.spec_from_file_location("bench_personas", BENCH)
assert spec and spec.loader
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)


@pytest.mark.parametrize(
    ("item", "key"),
    [
        ({"kind": "post", "id": "n03"}, "n03"),
        ({"kind": "post", "id": "at://did:plc:abc/app.bsky.feed.post/r12"}, "r12"),
        ({"kind": "profile", "id": None}, "profile"),
        ({"kind": "field", "id": "Mobile"}, "profile"),
        ({"kind": "account", "id": None}, "account"),
    ],
)
def test_a_findings_item_becomes_the_id_the_expectations_use(item: dict, key: str) -> None:
    assert bench.item_of({"item": item}) == key


def test_errors_are_refused_on_the_sealed_half(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--split", "sealed", "--errors"]) == 2
    assert "refused on the sealed half" in capsys.readouterr().err


def test_every_expectation_names_a_post_that_exists(capsys: pytest.CaptureFixture[str]) -> None:
    """Reads the files only: an expectation on a missing post or account could never be found."""
    import json

    import yaml

    for half in ("dev", "sealed"):
        for path in sorted((bench.HERE / half).glob("*.expected.yaml")):
            persona = yaml.safe_load(path.with_name(path.name.replace(".expected.yaml", ".yaml")).read_text())
            items: dict[str, set[str]] = {}
            for account in persona["accounts"]:
                if account.get("posts_file"):
                    lines = (path.parent / account["posts_file"]).read_text().splitlines()
                    posts = [json.loads(line) for line in lines if line.strip()]
                else:
                    posts = account.get("posts") or []
                items[f"{account['platform']}:{account['handle']}"] = {p["id"] for p in posts} | {"profile", "account"}
            _, keys = bench.load_expected(path)
            for account, item, _check in keys:
                assert item in items.get(account, set()), (path.name, account, item)
    assert bench.main(["--counts"]) == 0
    assert "dev: 5 personas" in capsys.readouterr().out
