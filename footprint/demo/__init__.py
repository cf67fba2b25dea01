"""The offline demo: fictional personas audited through a mock transport, the live code path without a network."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from footprint.demo.fixture_site import FixtureSite


def folder() -> Path:
    return Path(str(resources.files("footprint.demo")))


def persona_files() -> dict[str, Path]:
    """The bundled personas by name (careful, oversharer, …)."""
    return {p.stem: p for p in sorted((folder() / "personas").glob("*.yaml"))}


def demo_site() -> FixtureSite:
    """The demo's fictional internet."""
    return FixtureSite(folder() / "routes.yaml", folder() / "fixtures")


async def run_demo(registry, rules, options, progress, names=None):  # type: ignore[no-untyped-def]
    """Audit each bundled persona through the demo's mock transport; one report per persona."""
    from footprint.engine import audit
    from footprint.guidance import frameworks
    from footprint.profile_file import load_profile

    site = demo_site()
    files = persona_files()
    reports = []
    for name in names or list(files):
        profile = load_profile(files[name], registry.sources, frameworks())
        reports.append(await audit(profile, registry, rules, options, transport=site.transport(), progress=progress, mode="demo"))
    if not names:
        # NOTE: the persona with the most to fix comes first: it is the one that shows what footprint does.
        reports.sort(key=lambda r: (-(r.max_severity().rank if r.max_severity() else -1), -len(r.findings)))
    return reports
