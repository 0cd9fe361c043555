"""The progress bar of a long run, on standard error (used by the command line only).

Shows documents (of the total when it is known), events, documents per second and the ETA.
It is silent when standard error is not a terminal or when asked to be quiet.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO

from chronique.documents.sniff import kind_of


def count_documents(inputs: list[str]) -> int | None:
    """How many documents the inputs hold, counted cheaply (files, JSONL lines); None for
    standard input. Only regular files are opened (a FIFO would block)."""
    total = 0
    for name in inputs:
        if name == "-":
            return None
        path = Path(name)
        files = sorted(p for p in path.rglob("*") if not p.name.startswith(".")) \
            if path.is_dir() else [path]
        for file in files:
            if file.is_dir():
                continue
            total += _count_file(file) if file.is_file() else 1
    return total


def _count_file(file: Path) -> int:
    try:
        with open(file, "rb") as stream:
            if kind_of(file.suffix.lower(), stream.read(8192)) != "jsonl":
                return 1
            stream.seek(0)
            return sum(1 for line in stream if line.strip())
    except OSError:
        return 1


class ProgressBar:
    """A rich progress bar; every method is a no-op when disabled."""

    def __init__(self, total: int | None, *, enabled: bool, stream: IO[str] | None = None) -> None:
        stream = stream or sys.stderr
        self.enabled = enabled and hasattr(stream, "isatty") and stream.isatty()
        self.documents = self.events = 0
        self._progress = None
        if not self.enabled:
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn("[bold]coding"), BarColumn(), MofNCompleteColumn(),
            TextColumn("documents  {task.fields[events]} events  {task.fields[rate]} docs/s"),
            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=Console(file=stream), transient=True, refresh_per_second=4)
        self._task = self._progress.add_task("coding", total=total, events=0, rate="-")
        self._progress.start()

    def advance(self, events: int = 0) -> None:
        self.documents += 1
        self.events += events
        if self._progress is None:
            return
        task = self._progress.tasks[0]
        rate = task.speed
        self._progress.update(self._task, advance=1, events=self.events,
                              rate=f"{rate:.1f}" if rate else "-")

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
