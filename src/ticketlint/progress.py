"""A progress bar on stderr for long batches: tickets done, tickets/s and, when the total is known, ETA.

Shown when stderr is a terminal and the report is not (or with --progress);
silent otherwise, so that logs and CI output stay clean. The total is known
when every input is a JSON Lines file: its lines are counted first (a fast
byte scan, no parsing); for anything else the bar shows the count and the rate.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

LINE_SUFFIXES = (".jsonl", ".ndjson")
CHUNK = 1 << 20
_live: list[object] = []  # the bar being drawn, if any: lines for stderr go above it


def above(line: str) -> bool:
    """Print `line` on stderr above the bar being drawn (a plain write would land after its spinner, on
    the same line, and the bar would be drawn again below it); False when no bar is shown."""
    if not _live:
        return False
    from rich.text import Text

    _live[-1].console.print(Text(line), soft_wrap=True)  # type: ignore[attr-defined]
    return True


def estimate_total(paths: Sequence[str]) -> int | None:
    """Tickets to expect: the non-empty lines of JSON Lines files; None when any input is something else."""
    from .runner import expand_paths

    total = 0
    for path in expand_paths(paths):
        if not isinstance(path, str) or path == "-" or not path.lower().endswith(LINE_SUFFIXES):
            return None
        try:
            total += _lines(path)
        except OSError:
            return None
    return total


def _lines(path: str) -> int:
    """Lines in a file (a last line without a newline counts); an estimate: blank lines count too."""
    count, last = 0, b"\n"
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count + (last != b"\n")


@contextmanager
def progress_bar(show: bool, paths: Sequence[str], lang: str = "en") -> Iterator[Callable[[], None] | None]:
    """A callback to call once per ticket done, or None when no bar is shown. Its words ("linting", "tickets/s")
    are the run's language (`progress.*` of rules/<lang>/notices.toml)."""
    if not show:
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from . import notices

    lang = notices.run_language(lang)
    total = estimate_total(paths)
    console = Console(file=sys.stderr, highlight=False, markup=False, emoji=False)
    rate = TextColumn("{task.fields[rate]}")
    label = TextColumn("{task.fields[label]}")  # a field, not a format: a word of the catalogue is never a format
    columns: tuple[ProgressColumn, ...]
    if total is not None:
        columns = (TextColumn("{task.fields[linting]}"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[tickets]}"), rate, TextColumn("{task.fields[eta]}"), TimeRemainingColumn())
    else:
        columns = (SpinnerColumn(), label, rate, TimeElapsedColumn())
    with Progress(*columns, console=console, transient=False, refresh_per_second=4) as bar:
        task = bar.add_task("lint", total=total, rate="", label=notices.count(lang, "progress.linting_count", 0),
                            linting=notices.say(lang, "progress.linting"), tickets=notices.say(lang, "progress.tickets"),
                            eta=notices.say(lang, "progress.eta"))
        done = 0

        def update() -> None:
            bar.update(task, completed=done, rate=_rate(bar, task, lang),
                       label=notices.count(lang, "progress.linting_count", done))

        def tick() -> None:
            nonlocal done
            done += 1
            if done % 16 == 0 or (total is not None and done >= total):
                update()

        _live.append(bar)
        try:
            yield tick
        finally:
            _live.remove(bar)
            update()


def _rate(bar: object, task: object, lang: str = "en") -> str:
    from . import notices

    speed = bar.tasks[task].speed  # type: ignore[attr-defined]
    if not speed:
        elapsed = bar.tasks[task].elapsed or 0  # type: ignore[attr-defined]
        done = bar.tasks[task].completed  # type: ignore[attr-defined]
        speed = done / elapsed if elapsed else None
    return notices.count(lang, "progress.rate", round(speed)) if speed else notices.say(lang, "progress.no_rate")

