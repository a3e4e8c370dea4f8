"""`--format concise`: one line per finding, `path:line:col: CODE [severity] message (name)`, as ruff's
concise output, with the line and column of the input file (locate.py), for editors and grep.

A read error is one line too (`path:line: error: ...`), on the same stream: nothing is dropped.
"""

from __future__ import annotations

from ..model import Finding, PartialRead, ReadError, RuleFailure, Summary
from .base import Formatter, also
from .ci import place
from .escape import printable
from .tables import summary_line


class ConciseFormatter(Formatter):
    name = "concise"

    def finding(self, f: Finding, line_text: str) -> None:
        if self.statistics:
            return
        p = place(f)
        where = f"{f.source}:{p.line}" + (f":{p.column}" if p.column is not None else "")
        related = f" ({also(f, self.lang)})" if f.related else ""
        self.stream.write(printable(f"{where}: {f.code} [{f.severity.label}] {f.message} ({f.name}){related}") + "\n")

    def error(self, error: ReadError) -> None:
        where = error.source if error.line is None else f"{error.source}:{error.line}"
        tid = self.of_ticket(error.ticket_id)
        self.stream.write(printable(f"{where}: {self.kind(error)}: {self.text(error)}{tid}") + "\n")

    def partial(self, notice: PartialRead) -> None:
        where = notice.source if notice.line is None else f"{notice.source}:{notice.line}"
        self.stream.write(printable(f"{where}: {self.kind(notice)}: {self.text(notice)}{self.of_ticket(notice.ticket_id)}") + "\n")

    def failure(self, failure: RuleFailure) -> None:
        where = failure.source if failure.line is None else f"{failure.source}:{failure.line}"
        self.stream.write(printable(f"{where}: {self.say('notice.error')}: {self.text(failure)}{self.of_ticket(failure.ticket_id)}") + "\n")

    def stop(self, summary: Summary) -> None:
        self.stream.write(summary_line(summary, self.lang) + "\n")
