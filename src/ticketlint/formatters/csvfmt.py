"""`--format csv`: one row per finding, for a spreadsheet.

Rows carry the ticket and message fields a supervisor filters on (author,
role, language, agent, team...). Errors are not rows: they go to stderr, one
line each, with the summary line, so that a CSV opened in a spreadsheet holds
findings only and a batch still never loses a ticket silently.

A cell that a spreadsheet would read as a formula (starting with = + - @, a
tab or a carriage return) gets a leading apostrophe, as OWASP's "CSV
Injection" page recommends: ticket text is written by customers. Control characters
(an escape sequence in a ticket id) are written as escapes, as in the text output.
"""

from __future__ import annotations

import csv
import sys
from typing import TextIO

from ..model import TICKET_FIELDS, Finding, PartialRead, ReadError, Summary
from ..progress import above
from .base import Formatter
from .escape import printable
from .tables import summary_line

COLUMNS: tuple[str, ...] = (
    "source", "ticket_id", "message_index", "message_id", "role", "author", "created_at", "language",
    "code", "name", "severity", "message", "excerpt", "line", "column", "related", *TICKET_FIELDS,
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """A value as a safe CSV cell: None is empty; control and bidirectional characters are written as
    escapes (`printable`: a CSV is also read in a terminal); text a spreadsheet would run as a formula
    gets a leading apostrophe."""
    if value is None:
        return ""
    text = printable(str(value))
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


class CsvFormatter(Formatter):
    name = "csv"
    errors_on_stderr = True  # errors and the summary line are never rows

    def __init__(self, stream: TextIO, *, color: bool = False, statistics: bool = False,
                 errors: TextIO | None = None, locale: str | None = None) -> None:
        super().__init__(stream, color=color, statistics=statistics, locale=locale)
        self.errors = errors

    def _err(self) -> TextIO:
        return self.errors if self.errors is not None else sys.stderr

    def start(self) -> None:
        self.writer = csv.writer(self.stream)
        self.writer.writerow(COLUMNS)

    def finding(self, f: Finding, line_text: str) -> None:
        fields = dict(f.fields)
        row = (f.source, f.ticket_id, f.message_index, f.message_id, f.role, f.author, f.created_at, f.language,
               f.code, f.name, f.severity.label, f.message, f.excerpt, f.line, f.column,
               " ".join(r.code for r in f.related),
               *(fields.get(name) for name in TICKET_FIELDS))
        self.writer.writerow([cell(v) for v in row])

    def _line(self, line: str) -> None:
        """One line on stderr, above the progress bar when one is drawn there (else it lands on the bar's line)."""
        if self.errors is None and above(line):
            return
        self._err().write(line + "\n")

    def error(self, error: ReadError) -> None:
        self._line(printable(f"{self.kind(error)}: {self.line(error)}"))

    def partial(self, notice: PartialRead) -> None:
        self._line(printable(f"{self.kind(notice)}: {self.line(notice)}"))

    def stop(self, summary: Summary) -> None:
        self._line(summary_line(summary, self.lang))
