"""A third-party check, installed as a throwaway distribution, is found through the entry-point group."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from footprint.plugins import discover


def _install(root: Path) -> None:
    package = root / "petcheck_example"
    package.mkdir()
    (package / "__init__.py").write_text(
        textwrap.dedent('''
        from footprint.models import Severity
        from footprint.plugins import Check

        class PetNameCheck(Check):
            """Your pet's name appears (a common password hint)."""
            id = "personal.pet-name"
            title = "Pet name shown"

            def check_text(self, text, snapshot):
                if "biscuit" in text.view.tokens:
                    yield self.finding(snapshot, severity=Severity.LOW, item=text.item,
                                       why="Pet names are common security answers.")
    '''),
        encoding="utf-8",
    )
    dist = root / "petcheck_example-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: petcheck-example\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text(
        '[footprint.checks]\n"personal.pet-name" = petcheck_example:PetNameCheck\n', encoding="utf-8"
    )


def test_third_party_check_is_discovered_and_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _install(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        registry = discover()
        assert "personal.pet-name" in registry.checks
        assert "oversharing.service-user" in registry.checks  # the built-ins are still there

        from footprint.core import Analyser
        from footprint.models import Post, Snapshot
        from footprint.rules import load_rules
        from tests.conftest import make_profile

        analyser = Analyser(make_profile(), [registry.checks["personal.pet-name"]], load_rules())
        analyser.account(Snapshot(platform="x", handle="j", posts=[Post(id="1", text="Biscuit the dog")]))
        assert [f.check for f in analyser.finish()] == ["personal.pet-name"]
    finally:
        sys.modules.pop("petcheck_example", None)


def test_every_built_in_check_is_registered() -> None:
    expected = {
        "visibility.public",
        "visibility.indexable",
        "identity.real-name",
        "identity.role",
        "identity.employer",
        "identity.linkable",
        "contact.personal",
        "oversharing.service-user",
        "oversharing.workplace",
        "oversharing.personal",
        "conduct.disparaging",
        "conduct.public-trust",
        "boundaries.service-user-contact",
    }
    checks = discover().checks
    assert expected <= set(checks)
    for cid in expected:
        doc = (checks[cid].__doc__ or "").strip()
        assert doc and checks[cid].__module__.startswith("checks."), cid


def test_each_built_in_check_lists_in_one_complete_line() -> None:
    for cid, cls in discover().checks.items():
        if cls.__module__.startswith("checks."):
            first = (cls.__doc__ or "").strip().splitlines()[0]
            assert first.endswith(".") and len(first) <= 115, cid
