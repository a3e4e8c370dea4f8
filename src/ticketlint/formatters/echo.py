"""Unreadable input, rule failures and tickets read in part also on stderr when the report goes to a file (`-o FILE`).

With `-o audit.html` nothing else reaches the terminal, so a run that exits 2 because a record
could not be read would say nothing there: the reason is only inside the report. A compiler, or
ruff writing to `--output-file`, still tells the person at the terminal what went wrong. This
wrapper passes every call on to the report's formatter unchanged and writes each read error and
rule failure as one line on stderr too, up to `limit` lines (a bad export of a million records
must not flood the terminal), then one line with how many more the report lists (the CLI then says
the summary line once the report is written: a run of minutes must not end in silence). A
formatter that already writes its errors and summary to stderr (CSV: `errors_on_stderr`) is not
wrapped, or each would show twice.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Finding, PartialRead, ReadError, RuleFailure, Summary, Ticket
from .base import Formatter


class EchoErrors(Formatter):
    """`inner` with its errors and rule failures echoed through `say` (one line each, at most `limit`)."""

    def __init__(self, inner: Formatter, say: Callable[[str], None], where: str, limit: int = 20) -> None:
        super().__init__(inner.stream, color=inner.color, statistics=inner.statistics, locale=inner.lang)
        self.inner, self.tell, self.where, self.limit = inner, say, where, limit
        self.echoed = 0
        self.more = 0
        self.more_partial = 0  # tickets read in part not echoed (warnings, counted apart from the errors)

    def _echo(self, kind: str, text: str) -> bool:
        if self.echoed < self.limit:
            self.echoed += 1
            self.tell(f"{kind}: {text}")
            return True
        return False

    def start(self) -> None:
        self.inner.start()

    def ticket(self, ticket: Ticket) -> None:
        self.inner.ticket(ticket)

    def finding(self, finding: Finding, line_text: str) -> None:
        self.inner.finding(finding, line_text)

    def error(self, error: ReadError) -> None:
        if not self._echo(self.kind(error), self.line(error)):
            self.more += 1
        self.inner.error(error)

    def failure(self, failure: RuleFailure) -> None:
        if not self._echo(self.kind(failure), self.line(failure)):
            self.more += 1
        self.inner.failure(failure)

    def partial(self, notice: PartialRead) -> None:
        if not self._echo(self.kind(notice), self.line(notice)):
            self.more_partial += 1
        self.inner.partial(notice)

    def stop(self, summary: Summary) -> None:
        self.inner.stop(summary)
        if self.more:
            self.tell(self.count("echo.more_errors", self.more, where=self.where))
        if self.more_partial:
            self.tell(self.count("echo.more_partial", self.more_partial, where=self.where))
