"""The offline demo: fictional personas audited through a mock transport, the live code path without a network."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from footprint.demo.fixture_site import FixtureSite

if TYPE_CHECKING:
    from footprint.demo.personas import Persona
    from footprint.engine import AuditOptions, Progress
    from footprint.models import Profile, Report
    from footprint.plugins import Registry
    from footprint.rules import RuleSet


def folder() -> Path:
    return Path(str(resources.files("footprint.demo")))


def persona_files() -> dict[str, Path]:
    """The bundled personas by name (anonymous, careful, manager, oversharer, student)."""
    return {p.stem: p for p in sorted((folder() / "personas").glob("*.yaml"))}


def demo_site() -> FixtureSite:
    """The demo's fictional internet."""
    return FixtureSite(folder() / "routes.yaml", folder() / "fixtures")


def bundled_personas(sources: Mapping[str, Any], names: Iterable[str] | None = None) -> list[Persona]:
    """The bundled personas (footprint/demo/personas/*.yaml), served from the demo's fictional internet."""
    from footprint.demo.personas import load_persona
    from footprint.guidance import frameworks

    site = demo_site()
    files = persona_files()
    return [load_persona(files[name], sources, frameworks(), base=site) for name in names or list(files)]


async def run_demo(
    registry: Registry,
    rules: RuleSet,
    options: AuditOptions,
    progress: Progress,
    names: Iterable[str] | None = None,
    personas: Iterable[Persona] | None = None,
) -> list[Report]:
    """Audit each persona (the bundled ones, or `personas`) through its mock transport; one report per persona."""
    from footprint.engine import audit

    reports = []
    for persona in personas if personas is not None else bundled_personas(registry.sources, names):
        site = persona.site
        report = await audit(
            persona.profile, registry, rules, options, transport=site.transport(), progress=progress, mode="demo"
        )
        report = await _search(report, persona.profile, registry, rules, options, site, progress)
        reports.append(report.model_copy(update={"teaching_point": persona.teaching_point}))
    return reports


def worst_first(reports: Iterable[Report]) -> list[Report]:
    """The reports with the persona that has the most to fix first: it is the one that shows what footprint does."""
    return sorted(reports, key=lambda r: (-(top.rank if (top := r.max_severity()) else -1), -len(r.findings)))


async def _search(
    report: Report,
    profile: Profile,
    registry: Registry,
    rules: RuleSet,
    options: AuditOptions,
    site: FixtureSite,
    progress: Progress,
) -> Report:
    """The persona's name searched through the demo's SearXNG instance (fixtures), added to its report."""
    from footprint.guidance import load_catalogue
    from footprint.search import SearchOptions, attach, run_search

    if not profile.search.searxng_url:
        return report
    # NOTE: environ={} so a FOOTPRINT_SEARXNG_URL set for real use never redirects the demo.
    chosen = SearchOptions(engine="searxng", environ={}, pause=0)
    found = await run_search(profile, chosen, transport=site.transport(), progress=progress)
    catalogue = load_catalogue(options.framework or profile.framework)
    return attach(report, profile, found, registry, rules, catalogue, only=options.only, skip=options.skip)
