"""The command line: parse arguments, call the engine, pick a renderer, write. Nothing else lives here.

Heavy modules are imported inside the commands so `footprint --help` stays quick.
"""

from __future__ import annotations

import enum
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from footprint import __version__

if TYPE_CHECKING:
    from rich.console import Console

    from footprint.engine import AuditOptions
    from footprint.models import Report, Severity

app = typer.Typer(
    name="footprint",
    help="Audit your own digital footprint as a social worker: what a logged-out stranger can see, "
    "and which guidance it bears on.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


class Format(str, enum.Enum):
    terminal = "terminal"
    json = "json"
    markdown = "markdown"
    html = "html"
    slides = "slides"


class FailOn(str, enum.Enum):
    info = "info"
    low = "low"
    medium = "medium"
    high = "high"
    never = "never"


FormatOpt = Annotated[
    Format | None,
    typer.Option("--format", "-f", help="Report format (default: from the -o file's extension, else terminal)."),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the report here (mode 0600) instead of stdout; .json, .html, .md pick the format.",
    ),
]
FailOnOpt = Annotated[
    FailOn,
    typer.Option(
        "--fail-on",
        help="Exit 1 when a finding is at or above this severity, else 3 when the report is "
        "INCOMPLETE (an account could not be read).",
    ),
]
OnlyOpt = Annotated[
    list[str] | None,
    typer.Option("--only", metavar="CHECK", help="Run only these checks (id or family, repeatable)."),
]
SkipOpt = Annotated[
    list[str] | None, typer.Option("--skip", metavar="CHECK", help="Skip these checks (id or family, repeatable).")
]
RulesOpt = Annotated[
    list[Path] | None,
    typer.Option("--rules", metavar="FOLDER", help="Add the rule files in this folder (repeatable)."),
]
FrameworkOpt = Annotated[str | None, typer.Option("--framework", help="Guidance framework (overrides the profile).")]
DetailsOpt = Annotated[
    bool,
    typer.Option("--details", "-v", help="Print every finding in full, and the checklists, instead of the summary."),
]
RedactOpt = Annotated[
    bool,
    typer.Option("--redact", help="Mask names, handles, numbers and places in the report (for showing it to others)."),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"footprint {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """footprint: see yourself the way a stranger, or your regulator, would."""


def _stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True, no_color="NO_COLOR" in os.environ, highlight=False)


def _fail(message: str, hint: str | None = None) -> typer.Exit:
    """Print one `error:` line per problem (and a hint) on stderr, unwrapped, and return the exit-2 signal."""
    from footprint.render.progress import discard
    from footprint.safetext import clean_line

    discard()  # the progress bar's line is cleared first, so the error is one line of its own
    # NOTE: messages quote file names, archive members and fetched text: control sequences are shown, never sent.
    for line in message.splitlines() or [message]:
        typer.echo(f"error: {clean_line(line)}", err=True)
    if hint:
        typer.echo(f"hint: {clean_line(hint)}", err=True)
    return typer.Exit(2)


SUFFIX_FORMATS = {
    ".json": Format.json,
    ".html": Format.html,
    ".htm": Format.html,
    ".md": Format.markdown,
    ".markdown": Format.markdown,
    ".txt": Format.terminal,
}


def _format(fmt: Format | None, output: Path | None) -> Format:
    """The format asked for, else the one the output file's extension names, else the terminal's."""
    if fmt is not None:
        return fmt
    if output is not None:
        return SUFFIX_FORMATS.get(output.suffix.lower(), Format.terminal)
    return Format.terminal


def _check_output(output: Path | None) -> None:
    """Refuse an output path that cannot be written before the run starts, not after it."""
    if output is None:
        return
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise _fail(f"{output}: the folder {folder} does not exist", hint="create it first, or choose another -o path")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise _fail(f"{output}: cannot write in the folder {folder} (permission denied)", hint="choose another -o path")
    if output.exists() and not output.is_dir() and not os.access(output, os.W_OK):
        raise _fail(f"{output}: the file exists and cannot be written (permission denied)")


def _width(output: Path | None) -> int:
    """The terminal's width (at most 120); when piped or written to a file, COLUMNS if set, else 100."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) >= 40:
        return min(int(columns), 400)
    if output is None and sys.stdout.isatty():
        return min(os.get_terminal_size().columns, 120)
    return 100


def _emit(
    reports: list[Report], fmt: Format | None, output: Path | None, redact: bool = False, details: bool = False
) -> None:
    from footprint.render import RenderOptions, renderer

    if redact:
        from footprint.redact import redact_all

        reports = redact_all(reports)
    from footprint.safetext import clean, clean_model

    fmt = _format(fmt, output)  # NOTE: first, so `-o report.json` is cleaned as JSON, exactly like `-f json`
    # NOTE: fetched text never reaches a terminal or document with its control sequences; JSON escapes
    # those itself, so it only loses lone surrogates, which no encoder accepts.
    if fmt is not Format.json:  # NOTE: the JSON renderer makes its own (lighter) pass: escaping is JSON's job there
        reports = [clean_model(r, clean) for r in reports]

    if fmt is Format.json:
        from footprint.render.json import render_bytes

        _write(render_bytes(reports), output)  # NOTE: bytes, never a str of the whole report (memory)
        return
    color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ and fmt is Format.terminal
    _write(renderer(fmt.value)(reports, RenderOptions(color=color, width=_width(output), details=details)), output)


def _write(text: str | bytes, output: Path | None, what: str = "report") -> None:
    """To stdout, or to the -o file (mode 0600, written whole or not at all) with one line saying where.
    Text or UTF-8 bytes (the JSON report, never turned into one large str)."""
    from footprint.output import write_private
    from footprint.render.progress import flush
    from footprint.safetext import clean_line

    if output is not None:
        write_private(output, text)
        flush()
        _stderr().print(f"{what} written to {clean_line(str(output))}", markup=False)
        return
    flush()  # the logged progress steps, now that there is a report
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower().replace("_", "-")
    if isinstance(text, bytes):
        _stdout_bytes(text, ascii_only=not encoding.startswith("utf"))
        return
    if encoding in ("ascii", "us-ascii", "ansi-x3.4-1968"):
        from footprint.safetext import ascii_fallback

        text = ascii_fallback(text)
    for start in range(0, len(text), 1 << 20):  # NOTE: in pieces, so a large report is never encoded whole
        sys.stdout.write(text[start : start + (1 << 20)])


def _stdout_bytes(data: bytes, ascii_only: bool) -> None:
    if ascii_only:
        from footprint.safetext import json_ascii

        data = json_ascii(data)  # an ASCII-only stdout gets the same JSON, every other character as \uXXXX
    sys.stdout.flush()
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:  # NOTE: a text-only stdout (some test runners): the same JSON as text
        sys.stdout.write(data.decode("utf-8"))
        return
    stream.write(data)
    stream.flush()


def _severity(fail_on: FailOn) -> Severity | None:
    from footprint.models import Severity

    return None if fail_on is FailOn.never else Severity(fail_on.value)


def _exit_code(reports: list[Report], fail_on: FailOn) -> int:
    """1 when any report has a finding at or above --fail-on, else 3 when any is incomplete, else 0."""
    codes = {r.exit_code(_severity(fail_on)) for r in reports}
    return 1 if 1 in codes else max(codes, default=0)


def _options(
    only: list[str] | None, skip: list[str] | None, framework: str | None, allow_private: bool = False
) -> AuditOptions:
    from footprint.engine import AuditOptions

    return AuditOptions(only=only or (), skip=skip or (), framework=framework, allow_private_addresses=allow_private)


@contextmanager
def _errors() -> Iterator[None]:
    """Bad input inside becomes one `error:` line (and a hint) on stderr and exit 2, never a traceback."""
    from footprint.errors import FootprintError

    try:
        yield
    except FootprintError as exc:
        raise _fail(exc.message, exc.hint) from None


class _Run:
    """What a report command reads, each piece loaded when first asked for: the installed plugins, the
    profile file, the rule files, and a progress bar on stderr."""

    def __init__(self) -> None:
        from footprint.plugins import discover

        self.registry = discover()

    def profile(self, path: Path):
        from footprint.guidance import frameworks
        from footprint.profile_file import load_profile

        return load_profile(path, self.registry.sources, frameworks())

    def rules(self, folders: list[Path] | None):
        from footprint.rules import load_rules

        return load_rules(folders)

    def progress(self):
        from footprint.render.progress import RichProgress

        return RichProgress(_stderr())


def _report(
    build: Callable[[_Run], list], fmt: Format | None, output: Path | None, redact: bool, details: bool, fail_on: FailOn
) -> NoReturn:
    """The body every report command shares: refuse an unwritable -o first, build the report(s), render and
    write them, and exit with the verdict (1 findings at --fail-on, 3 incomplete, else 0)."""
    _check_output(output)
    with _errors():
        reports = build(_Run())
        _emit(reports, fmt, output, redact, details)
    raise typer.Exit(_exit_code(reports, fail_on))


@app.command()
def audit(
    profile: Annotated[Path, typer.Argument(help="Your profile file.")] = Path("profiles.yaml"),
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    fail_on: FailOnOpt = FailOn.never,
    only: OnlyOpt = None,
    skip: SkipOpt = None,
    rules: RulesOpt = None,
    framework: FrameworkOpt = None,
    redact: RedactOpt = False,
    details: DetailsOpt = False,
    allow_private_addresses: Annotated[
        bool,
        typer.Option(
            "--allow-private-addresses", help="Allow accounts on private or local addresses (intranet blogs, mirrors)."
        ),
    ] = False,
    with_discovery: Annotated[
        bool,
        typer.Option(
            "--discover", help="Also look for forgotten accounts under your handles (see `footprint discover`)."
        ),
    ] = False,
    with_search: Annotated[
        bool,
        typer.Option("--search", help="Also search for your name through a search engine (see `footprint search`)."),
    ] = False,
    engine: EngineOpt = None,
) -> None:
    """Audit the accounts in your profile file, as a logged-out stranger sees them."""
    import asyncio

    from footprint.engine import audit as run_audit

    def build(run: _Run) -> list:
        rule_set = run.rules(rules)
        loaded = run.profile(profile)
        options = _options(only, skip, framework, allow_private_addresses)
        if with_discovery:
            from footprint.discovery import DiscoverOptions
            from footprint.discovery.runner import RunOptions

            options.discover = DiscoverOptions(run=RunOptions(allow_private=allow_private_addresses))
        if with_search:
            from footprint.search import SearchOptions

            options.search = SearchOptions(engine=engine, allow_private_addresses=allow_private_addresses)
        return [asyncio.run(run_audit(loaded, run.registry, rule_set, options, progress=run.progress()))]

    _report(build, fmt, output, redact, details, fail_on)


EngineOpt = Annotated[
    str | None,
    typer.Option("--engine", help="Search engine: ddgs (default), searxng or brave (see `footprint search`)."),
]


@app.command(name="search")
def search_cmd(
    profile: Annotated[Path, typer.Argument(help="Your profile file.")] = Path("profiles.yaml"),
    engine: EngineOpt = None,
    max_queries: Annotated[
        int | None, typer.Option("--max-queries", min=1, max=30, help="Send at most this many queries (default 12).")
    ] = None,
    max_results: Annotated[
        int | None,
        typer.Option("--max-results", min=1, max=20, help="Keep at most this many results per query (default 20)."),
    ] = None,
    pause: Annotated[
        float | None, typer.Option("--pause", min=0.0, max=60.0, help="Seconds between two queries (default 2).")
    ] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    fail_on: FailOnOpt = FailOn.never,
    only: OnlyOpt = None,
    skip: SkipOpt = None,
    rules: RulesOpt = None,
    framework: FrameworkOpt = None,
    redact: RedactOpt = False,
    details: DetailsOpt = False,
    allow_private_addresses: Annotated[
        bool, typer.Option("--allow-private-addresses", help="Allow a SearXNG instance on a private or local address.")
    ] = False,
) -> None:
    """Search for your name the way a stranger would, and class what comes up. Sends your name, role,
    employer, localities, other names and declared handles to the engine; never your watch lists."""
    import asyncio

    from footprint.guidance import load_catalogue
    from footprint.search import SearchOptions, run_search, search_report

    def build(run: _Run) -> list:
        rule_set = run.rules(rules)
        loaded = run.profile(profile)
        run.registry.select_checks(only or (), skip or ())  # a misspelt check is said before anything is sent
        catalogue = load_catalogue(framework or loaded.framework)
        chosen = SearchOptions(
            engine=engine,
            max_queries=max_queries,
            max_results=max_results,
            pause=pause,
            allow_private_addresses=allow_private_addresses,
        )
        found = asyncio.run(run_search(loaded, chosen, engines=run.registry.engines, progress=run.progress()))
        return [search_report(loaded, found, run.registry, rule_set, catalogue, only=only or (), skip=skip or ())]

    _report(build, fmt, output, redact, details, fail_on)


class SitesFormat(str, enum.Enum):
    auto = "auto"
    footprint = "footprint"
    whatsmyname = "whatsmyname"
    sherlock = "sherlock"


@app.command(name="discover")
def discover_accounts(
    profile: Annotated[Path, typer.Argument(help="Your profile file.")] = Path("profiles.yaml"),
    with_variants: Annotated[
        bool, typer.Option("--variants", help="Also try simple variants of your handles and name.")
    ] = False,
    sites: Annotated[
        list[Path] | None, typer.Option("--sites", help="Add the sites in this file (repeatable).")
    ] = None,
    sites_format: Annotated[
        SitesFormat, typer.Option("--sites-format", help="Format of --sites files.")
    ] = SitesFormat.auto,
    builtin: Annotated[
        bool, typer.Option("--builtin-sites/--no-builtin-sites", help="Use the built-in catalogue.")
    ] = True,
    category: Annotated[
        list[str] | None, typer.Option("--category", help="Only sites of this category (repeatable).")
    ] = None,
    deadline: Annotated[
        float, typer.Option("--deadline", min=1.0, help="Stop after this many seconds, whatever is left.")
    ] = 60.0,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.5, help="Give each site this many seconds to answer.")
    ] = 10.0,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    fail_on: FailOnOpt = FailOn.never,
    framework: FrameworkOpt = None,
    redact: RedactOpt = False,
    details: DetailsOpt = False,
    allow_private_addresses: Annotated[
        bool,
        typer.Option("--allow-private-addresses", help="Allow sites files that point at private or local addresses."),
    ] = False,
) -> None:
    """Look for accounts under your handles (and, with --variants, your name) across a catalogue of sites."""
    import asyncio

    from footprint.discovery import DiscoverOptions, discover_report
    from footprint.discovery.client import ClientLimits
    from footprint.discovery.runner import RunOptions

    def build(run: _Run) -> list:
        loaded = run.profile(profile)
        limits = RunOptions(
            deadline=deadline, limits=ClientLimits(site_timeout=timeout), allow_private=allow_private_addresses
        )
        chosen = DiscoverOptions(sites or (), sites_format.value, builtin, category or (), with_variants, limits)
        return [
            asyncio.run(
                discover_report(loaded, chosen, framework=framework, registry=run.registry, progress=run.progress())
            )
        ]

    _report(build, fmt, output, redact, details, fail_on)


@app.command()
def scan(
    path: Annotated[
        Path, typer.Argument(help="Your data download: a .zip, a .tar.gz, an unpacked folder or one file.")
    ],
    profile: Annotated[
        Path | None,
        typer.Option("--profile", help="Your profile file (default: profiles.yaml here, if there is one)."),
    ] = None,
    format_of: Annotated[
        str | None,
        typer.Option(
            "--format-of", help="Read it as this format instead of detecting it (x, facebook, mastodon, ...)."
        ),
    ] = None,
    include_private: Annotated[
        bool, typer.Option("--include-private", help="Also scan private messages and followers-only posts.")
    ] = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    fail_on: FailOnOpt = FailOn.never,
    only: OnlyOpt = None,
    skip: SkipOpt = None,
    rules: RulesOpt = None,
    framework: FrameworkOpt = None,
    redact: RedactOpt = False,
    details: DetailsOpt = False,
) -> None:
    """Audit a data download from a platform offline, with the same checks as a live audit."""
    from footprint.scan import ScanOptions
    from footprint.scan import scan as run_scan

    def build(run: _Run) -> list:
        rule_set = run.rules(rules)
        chosen = profile or (Path("profiles.yaml") if Path("profiles.yaml").is_file() else None)
        loaded = run.profile(chosen) if chosen else None
        options = ScanOptions(
            format_of=format_of, include_private=include_private, only=only or (), skip=skip or (), framework=framework
        )
        return [run_scan(path, loaded, run.registry, rule_set, options, progress=run.progress())]

    _report(build, fmt, output, redact, details, fail_on)


@app.command()
def demo(
    persona: Annotated[list[str] | None, typer.Option("--persona", help="Only this persona (repeatable).")] = None,
    personas: Annotated[
        Path | None,
        typer.Option("--personas", help="Run your own personas: a folder of persona files (see the README)."),
    ] = None,
    list_personas: Annotated[
        bool, typer.Option("--list", help="List the personas, each with its teaching point, and stop.")
    ] = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    fail_on: FailOnOpt = FailOn.never,
    only: OnlyOpt = None,
    skip: SkipOpt = None,
    rules: RulesOpt = None,
    framework: FrameworkOpt = None,
    redact: RedactOpt = False,
    details: DetailsOpt = False,
) -> None:
    """Audit the bundled fictional personas (or your own, with --personas) offline: the live code path, with no network."""
    import asyncio

    from footprint.demo import bundled_personas, persona_files, run_demo, worst_first

    def build(run: _Run) -> list:
        if personas is not None:
            from footprint.demo.personas import load_folder
            from footprint.guidance import frameworks

            chosen = load_folder(personas, run.registry.sources, frameworks())
            known = [p.name for p in chosen]
        else:
            known = list(persona_files())
        for name in persona or []:
            if name not in known:
                raise _fail(f"no persona called {name!r} (known: {', '.join(known)})")
        if personas is None:
            chosen = bundled_personas(run.registry.sources, persona)
        elif persona:
            chosen = [p for p in chosen if p.name in persona]
        if list_personas:
            from footprint.demo.personas import listing

            typer.echo(listing(chosen), nl=False)
            raise typer.Exit(0)
        options = _options(only, skip, framework)
        reports = asyncio.run(run_demo(run.registry, run.rules(rules), options, run.progress(), personas=chosen))
        return worst_first(reports) if not persona and personas is None else reports

    _report(build, fmt, output, redact, details, fail_on)


@app.command()
def checks() -> None:
    """List the installed checks, one line each."""
    from footprint.plugins import discover

    with _errors():
        registry = discover()
        _ = registry.checks  # NOTE: loaded inside the error handler, so a broken plugin is one error line
    width = max((len(cid) for cid in registry.checks), default=10)
    for cid, cls in sorted(registry.checks.items()):
        doc = (cls.__doc__ or cls.title).strip().splitlines()[0]
        typer.echo(f"{cid:<{width}}  {doc}")


@app.command()
def sources() -> None:
    """List the platforms footprint can read, with the handle form each expects."""
    from footprint.plugins import discover

    for platform, cls in sorted(discover().sources.items()):
        example = cls.handle_example or ("a site or feed URL" if cls.needs == "url" else "")
        typer.echo(f"{platform:<10}  {cls.title:<22}  e.g. {example}")


@app.command()
def schema(
    report: Annotated[
        bool, typer.Option("--report", help="Print the JSON report's schema instead of the profile file's.")
    ] = False,
) -> None:
    """Print the JSON Schema of the profile file (for editors), or of the JSON report."""
    import json

    from footprint.guidance import frameworks
    from footprint.models import profile_json_schema, report_json_schema
    from footprint.plugins import discover

    if report:
        typer.echo(json.dumps(report_json_schema(), indent=2))
    else:
        typer.echo(json.dumps(profile_json_schema(sorted(discover().sources), frameworks()), indent=2))


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the starter file.")] = Path("profiles.yaml"),
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Accept every default without asking.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter profile file by asking a few questions."""
    from footprint.output import write_private
    from footprint.plugins import discover
    from footprint.starter import Answers, parse_account, starter_profile

    if path.exists() and not force:
        raise _fail(f"{path} already exists", hint="pass --force to overwrite it")
    answers = Answers()
    if not yes:
        sources = discover().sources
        # NOTE: no example defaults here: pressing Enter leaves a question unanswered, never fills in Jane Smith.
        answers.name = typer.prompt("Your name").strip()
        optional: dict[str, Any] = {"default": "", "show_default": False}
        answers.role = typer.prompt(
            "Your role (social worker, social work student, care worker, MHO, ...)", **optional
        ).strip()
        answers.employer = typer.prompt("Employer or placement", **optional).strip()
        answers.team = typer.prompt("Team or office", **optional).strip()
        places = typer.prompt("Towns or areas you work in (comma-separated)", **optional)
        answers.localities = [p.strip() for p in places.split(",") if p.strip()]
        typer.echo(
            "Your accounts, one at a time, as platform:handle (e.g. mastodon:@you@server.example, "
            "github:yourname, blog:https://yoursite.example/). An empty answer ends the list."
        )
        accounts: list[tuple[str, str]] = []
        while True:
            answer = typer.prompt(f"Account {len(accounts) + 1}", default="", show_default=False).strip()
            if not answer:
                break
            parsed = parse_account(answer, sources)
            if isinstance(parsed, str):
                typer.echo(f"  cannot use {answer!r}: {parsed}. Try again, or press Enter to stop.", err=True)
                continue
            accounts.append(parsed)
        answers.accounts = accounts
    write_private(path, starter_profile(answers))
    typer.echo(f"wrote {path}: edit it, then run `footprint audit {path}`")


@app.command(name="guidance")
def guidance_cmd(
    framework: Annotated[
        str, typer.Option("--framework", help="Which framework to list: sssc, swe, niscc, scw, hcpc, basw.")
    ] = "sssc",
) -> None:
    """List a framework's clauses, how each is cited, and which checks map to each."""
    from footprint.guidance import load_catalogue
    from footprint.guidance.describe import describe

    with _errors():
        typer.echo(describe(load_catalogue(framework.strip().lower())), nl=False)


class DiffFormat(str, enum.Enum):
    terminal = "terminal"
    json = "json"


@app.command(name="diff")
def diff_cmd(
    old: Annotated[Path, typer.Argument(help="The earlier JSON report (footprint audit -f json).")],
    new: Annotated[Path, typer.Argument(help="The later JSON report.")],
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f", help="Output format.")] = DiffFormat.terminal,
    allow_mismatch: Annotated[
        bool, typer.Option("--allow-mismatch", help="Compare reports about different people or frameworks anyway.")
    ] = False,
) -> None:
    """Compare two JSON reports: what was fixed, what is new, what remains and what was not re-checked."""
    from footprint.diff import diff, load_reports, to_json, to_text
    from footprint.safetext import clean, clean_model, encodable

    fix = encodable if fmt is DiffFormat.json else clean  # reports quote fetched text: inert before it is shown
    with _errors():
        result = diff(
            [clean_model(r, fix) for r in load_reports(old)],
            [clean_model(r, fix) for r in load_reports(new)],
            allow_mismatch=allow_mismatch,
        )
    color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    from footprint.safetext import clean_line, json_safe

    for warning in result.warnings:
        typer.echo(clean_line(warning), err=True)
    sys.stdout.write(
        json_safe(to_json(result)) if fmt is DiffFormat.json else to_text(result, color=color, width=_width(None))
    )


class CohortFormat(str, enum.Enum):
    terminal = "terminal"
    json = "json"
    html = "html"


@app.command(name="cohort")
def cohort_cmd(
    reports: Annotated[list[Path], typer.Argument(help="Students' redacted JSON reports, or folders of them.")],
    fmt: Annotated[CohortFormat, typer.Option("--format", "-f", help="Output format.")] = CohortFormat.terminal,
    output: OutputOpt = None,
    allow_names: Annotated[
        bool,
        typer.Option("--allow-names", help="Accept reports that were not redacted (the summary still shows no names)."),
    ] = False,
) -> None:
    """Summarise a group's redacted reports anonymously: coverage, high findings, counts per check, principle and platform."""
    from footprint import cohort
    from footprint.safetext import clean, clean_model, encodable

    with _errors():
        loaded = cohort.load(reports, allow_names=allow_names)
        # NOTE: students' reports quote fetched text (check ids, platforms): inert before any of it is shown.
        loaded.reports = [clean_model(r, encodable if fmt is CohortFormat.json else clean) for r in loaded.reports]
        summary = cohort.summarise(loaded)
    if fmt is CohortFormat.json:
        text = cohort.to_json(summary)
    elif fmt is CohortFormat.html:
        text = cohort.to_html(summary)
    else:
        color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        text = cohort.to_text(summary, color=color)
    _write(text, output, "summary")


def main() -> None:
    """Console-script entry point."""
    for stream in (sys.stdout, sys.stderr):
        # NOTE: an ASCII-only terminal (LANG=C, PYTHONIOENCODING=ascii) gets '?' for what it cannot show,
        # never a UnicodeEncodeError that loses the whole report.
        try:
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]  # NOTE: typed TextIO; a stream without it is caught below
        except (AttributeError, ValueError):
            pass
    app()
