"""A rich progress bar on stderr that implements the engine's `Progress` observer."""

from __future__ import annotations

from rich.console import Console
from footprint.safetext import clean_line
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn


class RichProgress:
    """Shows each account (or site, or archive part) as it completes.

    On a terminal it draws a transient bar; elsewhere (CI logs, pipes) it prints one line per step.
    """

    def __init__(self, console: Console) -> None:
        self.console = console
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def start(self, total: int, what: str) -> None:
        what = clean_line(what)
        if not self.console.is_terminal:
            self.console.print(f"{what}…", markup=False, highlight=False)
            return
        self._bar = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            TextColumn("{task.fields[last]}", markup=False), console=self.console, transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task(what, total=total or None, last="")

    def advance(self, label: str) -> None:
        label = clean_line(label)  # archive member names and account handles are not ours
        if self._bar is None or self._task is None:
            self.console.print(f"  {label}", markup=False, highlight=False)
            return
        self._bar.update(self._task, advance=1, last=label)

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
            self._task = None
