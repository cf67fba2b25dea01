"""A rich progress bar on stderr that implements the engine's `Progress` observer."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


class RichProgress:
    """Shows each account (or site, or archive part) as it completes."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self._bar: Progress | None = None
        self._task = None

    def start(self, total: int, what: str) -> None:
        self._bar = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            TextColumn("[dim]{task.fields[last]}"), console=self.console, transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task(what, total=total or None, last="")

    def advance(self, label: str) -> None:
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, advance=1, last=label)
            if not self.console.is_terminal:
                self.console.print(f"  {label}", markup=False, highlight=False)

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
