"""The formatter interface (flake8's shape): start, one call per item, stop.

Formatters register by name in `FORMATTERS`; the CLI never branches on the
output format itself.
"""

from __future__ import annotations

from typing import ClassVar, TextIO

from ..model import Finding, ReadError, Summary


class Formatter:
    name: ClassVar[str] = ""

    def __init__(self, stream: TextIO, *, color: bool = False, statistics: bool = False) -> None:
        self.stream = stream
        self.color = color
        self.statistics = statistics

    def start(self) -> None:
        """Called once before any item."""

    def finding(self, finding: Finding, line_text: str) -> None:
        """One finding; `line_text` is the whole line of the message it is on."""
        raise NotImplementedError

    def error(self, error: ReadError) -> None:
        """A file or ticket that could not be read."""
        raise NotImplementedError

    def stop(self, summary: Summary) -> None:
        """Called once at the end with the run's counts."""
