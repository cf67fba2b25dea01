"""Guidance catalogues: the regulators' clauses as validated data, and which checks map to them.

Each framework is one YAML file beside this module (`sssc.yaml`, `swe.yaml`, …). A clause
whose number was not verified against the official text is cited by document, edition and
theme only: the loader refuses a catalogue that would print an unverified number.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from footprint.errors import InputError
from footprint.models import GuidanceRef
from footprint.yamlfile import load_model


class Document(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str
    edition: str
    url: str | None = None


class Clause(BaseModel):
    """One clause or guidance point, paraphrased in footprint's own words."""

    model_config = ConfigDict(extra="forbid")
    id: str
    document: str
    number: str | None = Field(default=None, description="The official number; only when verified.")
    verified: bool = False
    theme: str
    summary: str

    @model_validator(mode="after")
    def _no_unverified_numbers(self) -> Clause:
        if self.number and not self.verified:
            raise ValueError(f"clause {self.id} has a number but is not verified: cite it by theme instead")
        return self


class Catalogue(BaseModel):
    """A framework's documents, clauses, check mappings and platform advice."""

    model_config = ConfigDict(extra="forbid")
    framework: str
    title: str
    documents: dict[str, Document]
    clauses: list[Clause]
    mappings: dict[str, list[str]] = Field(description="check id → clause ids, primary first")
    advice: dict[str, dict[str, list[str]]] = Field(
        default_factory=dict, description="check id → platform (or 'default') → advice lines"
    )

    @model_validator(mode="after")
    def _references_resolve(self) -> Catalogue:
        ids = {c.id for c in self.clauses}
        for clause in self.clauses:
            if clause.document not in self.documents:
                raise ValueError(f"clause {clause.id} names unknown document {clause.document!r}")
        for check, clause_ids in self.mappings.items():
            for cid in clause_ids:
                if cid not in ids:
                    raise ValueError(f"mapping for {check} names unknown clause {cid!r}")
        return self

    def clause(self, clause_id: str) -> Clause:
        return next(c for c in self.clauses if c.id == clause_id)

    def ref(self, clause: Clause) -> GuidanceRef:
        doc = self.documents[clause.document]
        return GuidanceRef(
            framework=self.framework,
            clause=clause.number if clause.verified else None,
            document=doc.title,
            edition=doc.edition,
            theme=clause.theme,
            summary=clause.summary,
            url=doc.url,
        )

    def refs_for(self, check_id: str) -> list[GuidanceRef]:
        """The clauses a check's findings bear on, primary first."""
        return [self.ref(self.clause(cid)) for cid in self.mappings.get(check_id, [])]

    def advice_for(self, check_id: str, platform: str) -> list[str]:
        """Platform-specific advice for a check, then its general advice."""
        table = self.advice.get(check_id, {})
        return [*table.get(platform, []), *table.get("default", [])]

    def checks_for(self, clause_id: str) -> list[str]:
        """The check ids mapped to a clause."""
        return sorted(check for check, ids in self.mappings.items() if clause_id in ids)


def _folder() -> Path:
    return Path(str(resources.files("footprint.guidance")))


def frameworks() -> list[str]:
    """The frameworks shipped, by key."""
    return sorted(p.stem for p in _folder().glob("*.yaml"))


@lru_cache(maxsize=None)
def load_catalogue(framework: str) -> Catalogue:
    """Load and validate one framework's catalogue."""
    path = _folder() / f"{framework}.yaml"
    if not path.is_file():
        raise InputError(f"unknown framework {framework!r} (known: {', '.join(frameworks())})")
    catalogue, _ = load_model(path, Catalogue)
    return catalogue
