"""The formatter interface (flake8's shape): start, one call per item, stop.

Formatters register by name in `formatters._WHERE` (module and class; `FORMATTERS`
imports one on its first lookup); the CLI never branches on the output format itself.
"""

from __future__ import annotations

from typing import ClassVar, TextIO

from .. import notices
from ..model import Finding, PartialRead, ReadError, RuleFailure, Summary, Ticket

Notice = ReadError | PartialRead | RuleFailure


def also(f: Finding, lang: str = notices.ENGLISH) -> str:
    """The codes of the findings reported under this one (overlap.py), as text shows them: "also: TL104"."""
    return notices.say(lang, "text.also", codes=", ".join(r.code for r in f.related)) if f.related else ""


class Formatter:
    name: ClassVar[str] = ""
    # writes its errors and summary line to stderr itself (CSV), so `-o FILE` must not echo them again
    errors_on_stderr: ClassVar[bool] = False

    def __init__(self, stream: TextIO, *, color: bool = False, statistics: bool = False, locale: str | None = None) -> None:
        self.stream = stream
        self.color = color
        self.statistics = statistics
        # the language of the run's own texts (notices, summary, headings): --locale, else English (notices.py)
        self.lang = notices.run_language(locale)

    # -- the run's texts in `self.lang` (rules/<lang>/notices.toml); English: the model's own text
    def say(self, key: str, **fields: object) -> str:
        return notices.say(self.lang, key, **fields)

    def count(self, key: str, n: int, **fields: object) -> str:
        """`key_one`/`key_other` with `n` as it stands before a noun in `self.lang` (notices.count)."""
        return notices.count(self.lang, key, n, **fields)

    def text(self, notice: Notice) -> str:
        """What a notice says, without its place: `ReadError.message`, `PartialRead.message`,
        `RuleFailure.message` in `self.lang`."""
        if isinstance(notice, RuleFailure):
            return notices.failure_text(notice, self.lang)
        if isinstance(notice, PartialRead):
            return notices.partial_text(notice, self.lang)
        return notices.error_text(notice, self.lang)

    def of_ticket(self, ticket_id: str | None) -> str:
        """" (ticket ID)" after a notice's text ("" without a ticket)."""
        return notices.of_ticket(self.lang, ticket_id)

    def line(self, notice: Notice) -> str:
        """"FILE:LINE: TEXT (ticket ID)": `str(notice)` in `self.lang`."""
        return notices.line(notice, self.lang)

    def as_dict(self, notice: Notice) -> dict[str, object]:
        """A notice as the machine formats hold it: its fields, `message` in `self.lang`, and for a read error
        its stable code (`notice`: "read.json", ...; null for a reader's text the catalogue does not know)."""
        out = notice.to_dict()
        if isinstance(notice, ReadError):
            out["notice"] = notice.notice
        if self.lang != notices.ENGLISH:
            out["message"] = self.text(notice)
        return out

    def kind(self, notice: Notice) -> str:
        """"error", "warning" (read in part) or "rule failure" in `self.lang`."""
        return notices.kind(self.lang, notice)

    def start(self) -> None:
        """Called once before any item."""

    def ticket(self, ticket: Ticket) -> None:
        """A ticket was linted (called before its findings): JUnit makes a passing test case of it."""

    def finding(self, finding: Finding, line_text: str) -> None:
        """One finding; `line_text` is the whole line of the message it is on."""
        raise NotImplementedError

    def error(self, error: ReadError) -> None:
        """A file or ticket that could not be read."""
        raise NotImplementedError

    def failure(self, failure: RuleFailure) -> None:
        """A rule raised on a ticket (called after the ticket, before its findings). By default shown
        as an error line naming the rule; formats with a place for tool failures override it."""
        self.error(ReadError(failure.source, failure.line, self.text(failure), failure.ticket_id))

    def partial(self, notice: PartialRead) -> None:
        """A ticket read in part (called after `ticket`, before its findings): linted on what was read.
        A warning, never silent: by default one line as the format writes a read error, marked
        "warning"; formats with a place for warnings override it."""
        self.error(ReadError(notice.source, notice.line, f"{self.kind(notice)}: {self.text(notice)}", notice.ticket_id))

    def stop(self, summary: Summary) -> None:
        """Called once at the end with the run's counts."""


class ReportFormatter(Formatter):
    """A report written once at the end (Markdown, HTML): findings are counted and sampled by the
    audit (`Summary.audit`), and only the first `max_errors` read errors are kept to be listed,
    with the count of all of them, so that memory does not grow with a bad export."""

    max_errors: ClassVar[int] = 100

    def start(self) -> None:
        self.errors: list[ReadError] = []
        self.error_count = 0
        self.partials: list[PartialRead] = []

    def finding(self, finding: Finding, line_text: str) -> None:
        """Counted by the audit; a report shows its tables and examples."""

    def error(self, error: ReadError) -> None:
        self.error_count += 1
        if len(self.errors) < self.max_errors:
            self.errors.append(error)

    def partial(self, notice: PartialRead) -> None:
        """Listed apart from the read errors (the first `max_errors`, with the count of all)."""
        if len(self.partials) < self.max_errors:
            self.partials.append(notice)
