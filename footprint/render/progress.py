"""A rich progress bar on stderr that implements the engine's `Progress` observer."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from footprint.safetext import clean_line

# NOTE: off a terminal (CI logs, pipes) the steps are kept here and written once the command has its
# answer (`flush`), or dropped when it ends in an error (`discard`), so an error is always one line.
_PENDING: list[tuple[Console, str]] = []
_LIVE: list[RichProgress] = []


class RichProgress:
    """Shows each account (or site, or archive part) as it completes.

    On a terminal it draws a transient bar; elsewhere (CI logs, pipes) it logs one line per step,
    written when the command succeeds.
    """

    def __init__(self, console: Console) -> None:
        self.console = console
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def start(self, total: int, what: str) -> None:
        what = clean_line(what)
        if not self.console.is_terminal:
            _PENDING.append((self.console, f"{what}…"))
            return
        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.fields[last]}", markup=False),
            console=self.console,
            transient=True,
        )
        self._bar.start()
        _LIVE.append(self)
        self._task = self._bar.add_task(what, total=total or None, last="")

    def advance(self, label: str) -> None:
        label = clean_line(label)  # archive member names and account handles are not ours
        if self._bar is None or self._task is None:
            if not self.console.is_terminal:
                _PENDING.append((self.console, f"  {label}"))
            return
        self._bar.update(self._task, advance=1, last=label)

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.stop()  # transient: the bar's line is cleared
            self._bar = None
            self._task = None
        if self in _LIVE:
            _LIVE.remove(self)


def flush() -> None:
    """Write the logged steps (off a terminal), now that the command has its answer."""
    while _PENDING:
        console, line = _PENDING.pop(0)
        console.print(line, markup=False, highlight=False)


def discard() -> None:
    """Before an error: clear any bar still drawn and drop the logged steps, so the error stands alone."""
    for progress in list(_LIVE):
        progress.finish()
    _PENDING.clear()
