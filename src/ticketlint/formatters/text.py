"""Human output in the style of ruff: location, code, message, the line with
the offending excerpt underlined, then the suggestion. Colour through rich
when writing to a terminal, plain text otherwise.
"""

from __future__ import annotations

from typing import Any

from .. import notices
from ..model import Finding, PartialRead, ReadError, RuleFailure, Severity, Summary
from . import tables
from .base import Formatter, also
from .escape import printable

MAX_ROWS = 30  # rows of a table in the terminal, most findings first: the other formats have them all

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _in_ticket(f: Finding) -> bool:
    return bool(f.ticket_id) and f.ticket_id != f.source.rsplit("/", 1)[-1] and f.ticket_id != "-"


def location(f: Finding) -> str:
    """`file:line:col` in the file when the finding was located there (locate.py: a text file, a JSON
    string), so that an editor jumps to it; else `file:ticket#message:line:col` inside the message."""
    if f.file_line is not None and f.file_column is not None:
        return f"{f.source}:{f.file_line}:{f.file_column}"
    if _in_ticket(f):
        return f"{f.source}:{f.ticket_id}#{f.message_index}:{f.line}:{f.column}"
    return f"{f.source}:{f.line}:{f.column}"


def where_in_ticket(f: Finding, lang: str = "en") -> str | None:
    """The ticket and message of a finding whose location is the file's (the context line is the message's)."""
    if f.file_column is None or not _in_ticket(f):
        return None
    return notices.say(lang, "text.in_ticket", ticket=f.ticket_id, message=f.message_index, line=f.line)


def _isatty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        return False


class TextFormatter(Formatter):
    """Each finding or error is one write of whole lines, so that nothing (an error line, another
    process's output) can land inside a finding's block; every piece of ticket text, id and file
    name is escaped (`printable`) so that no ticket can drive the reader's terminal."""

    name = "text"
    _console: Any = None

    def start(self) -> None:
        self._console: Any = None  # rich's console, made when something is drawn through rich

    @property
    def console(self) -> Any:
        """Rich's console, made on first use: without colour, findings and the summary line are written
        as plain text (`_plain_finding`, `_line`) and a run never imports rich (a tenth of a start)."""
        if self._console is None:
            from rich.console import Console

            class _Console(Console):
                def on_broken_pipe(self) -> None:
                    # rich exits with 1 here, the code for "findings": the CLI maps the error to its own code
                    self.quiet = True
                    raise BrokenPipeError

            # Tables fit the terminal; written to a file or a pipe they are plain and 100 columns wide.
            width = None if _isatty(self.stream) else 100
            self._console = _Console(file=self.stream, force_terminal=self.color, no_color=not self.color,
                                     highlight=False, soft_wrap=True, emoji=False, markup=False, width=width)
        return self._console

    def _print(self, text: object) -> None:
        self.console.print(text)

    def finding(self, f: Finding, line_text: str) -> None:
        if self.statistics:  # --statistics prints the tables and the summary line only
            return
        if not self.color or self.console.color_system is None:  # no style is rendered: rich would only cost time
            self._plain_finding(f, line_text)
        else:
            self._rich_finding(f, line_text)

    def _rich_finding(self, f: Finding, line_text: str) -> None:
        from rich.text import Text

        style = _STYLE[f.severity]
        colour = style.split()[-1]
        block = Text()
        block.append(printable(location(f)), style="bold")
        block.append(": ")
        block.append(f.code, style=style)
        block.append(f" [{f.severity.label}] ", style=style)
        block.append(printable(f"{f.message} ({f.name})"))
        col = f.column - 1
        width = max(1, min(len(f.excerpt), len(line_text) - col))
        if len(line_text) > 160:
            begin = max(0, col - 60)
            line_text, col = line_text[begin : col + 100], col - begin
        before, under, after = printable(line_text[:col]), printable(line_text[col : col + width]), printable(line_text[col + width :])
        block.append("\n  | " + before)
        block.append(under, style="bold underline " + colour)
        block.append(after)
        block.append("\n  | " + " " * len(before) + "^" * max(1, len(under)), style=colour)
        where = where_in_ticket(f, self.lang)
        if where:
            block.append("\n  = " + printable(where))
        if f.related:
            block.append("\n  = " + printable(also(f, self.lang)))
        if f.suggestion:
            block.append("\n  = " + printable(self.say("text.help", text=f.suggestion)), style="green")
        self._print(block)

    def _plain_finding(self, f: Finding, line_text: str) -> None:
        """The block `finding` prints through rich, built as a string: byte for byte what rich writes
        when no style is rendered (tabs expanded as rich does, one write and a flush per block), at a
        fraction of its cost. Rich cost 0.4 ms per finding, a quarter of an audit run; a test compares both."""
        col = f.column - 1
        width = max(1, min(len(f.excerpt), len(line_text) - col))
        if len(line_text) > 160:
            begin = max(0, col - 60)
            line_text, col = line_text[begin : col + 100], col - begin
        before, under = printable(line_text[:col]), printable(line_text[col : col + width])
        block = (f"{printable(location(f))}: {f.code} [{f.severity.label}] {printable(f'{f.message} ({f.name})')}"
                 f"\n  | {before}{under}{printable(line_text[col + width :])}"
                 f"\n  | {' ' * len(before)}{'^' * max(1, len(under))}")
        where = where_in_ticket(f, self.lang)
        if where:
            block += "\n  = " + printable(where)
        if f.related:
            block += "\n  = " + printable(also(f, self.lang))
        if f.suggestion:
            block += "\n  = " + printable(self.say("text.help", text=f.suggestion))
        self.stream.write(_expand_tabs(block) + "\n")
        self.stream.flush()

    def error(self, error: ReadError) -> None:
        from rich.text import Text

        t = Text(f"{self.kind(error)}: ", style="bold red")
        t.append(printable(self.line(error)))
        self._print(t)

    def partial(self, notice: PartialRead) -> None:
        from rich.text import Text

        t = Text(f"{self.kind(notice)}: ", style="bold yellow")
        t.append(printable(self.line(notice)))
        self._print(t)

    def failure(self, failure: RuleFailure) -> None:
        from rich.text import Text

        t = Text(f"{self.kind(failure)}: ", style="bold red")
        t.append(printable(self.line(failure)))
        self._print(t)

    def stop(self, s: Summary) -> None:
        if self.statistics and s.audit is not None:
            self._statistics(s)
        if len(s.per_file) > 1 and (s.files_unreadable or s.tickets_partial or any(bad for _, _, _, bad in s.per_file)):
            self._line(per_file_text(s, self.lang))
        self._line(tables.summary_line(s, self.lang), style="bold")

    def _line(self, text: str, style: str = "") -> None:
        """Text printed as rich prints it: through rich with colour, else as `_plain_finding` writes
        (what rich writes when no style is rendered: tabs expanded, one write and a flush)."""
        if self.color:
            from rich.text import Text

            self._print(Text(text, style=style))
            return
        self.stream.write(_expand_tabs(text) + "\n")
        self.stream.flush()

    def _statistics(self, s: Summary) -> None:
        """The audit's tables: what `--statistics` prints instead of the findings (as ruff does)."""
        report = s.audit
        assert report is not None
        self._table(tables.overview(s, report, self.lang))
        if report.rules:
            self._table(tables.rules(report, self.lang))
        for table in report.groups:
            self._table(tables.groups(table, self.lang))
        if any(f in ("author", "agent") for f in s.group_by) and report.agents:
            self._table(tables.agent_quality(report, self.lang))
        if any(f in ("team", "group") for f in s.group_by) and report.teams:
            self._table(tables.team_quality(report, self.lang))

    def _table(self, plain: tables.Plain) -> None:
        from rich import box
        from rich.table import Table

        table = Table(title=plain.title, title_justify="left", box=box.SIMPLE_HEAD if self.color else box.ASCII2,
                      show_edge=False, expand=False)
        for i, header in enumerate(plain.headers):
            first = min(16, max((len(row[0]) for row in plain.rows), default=0)) if i == 0 else None
            table.add_column(header, justify="right" if i in plain.right else "left", overflow="fold",
                             no_wrap=i in plain.right, min_width=first)
        for row in plain.rows[:MAX_ROWS]:
            table.add_row(*(printable(cell) for cell in row))
        if self.color:
            self.console.print(table, soft_wrap=False)
            self.console.print()
            return
        with self.console.capture() as captured:  # plain: no padding spaces at the ends of lines
            self.console.print(table, soft_wrap=False)
        self.stream.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()) + "\n")
        if len(plain.rows) > MAX_ROWS:
            self._print(self.count("text.more_rows", len(plain.rows) - MAX_ROWS))


def per_file_text(s: Summary, lang: str = "en") -> str:
    """Tickets read, linted and unreadable per file: which export of a batch lost tickets."""
    width = max(len(printable(source)) for source, *_ in s.per_file)
    lines = [notices.say(lang, "text.per_file")]
    partial = dict(s.partial_per_file)
    for source, read, linted, unreadable in s.per_file:
        def n(value: int) -> str:
            return notices.number(lang, value, tally=True)

        in_part = notices.say(lang, "text.per_file_partial", n=n(partial[source])) if partial.get(source) else ""
        row = notices.say(lang, "text.per_file_row", read=n(read), linted=n(linted), in_part=in_part,
                          unreadable=n(unreadable))
        lines.append(f"  {printable(source):<{width}}  {row}")
    return "\n".join(lines)


def _expand_tabs(text: str, tab_size: int = 8) -> str:
    """Tabs to spaces as rich's `Text.expand_tabs` does: per line, to the next multiple of 8 terminal cells."""
    if "\t" not in text:
        return text
    from rich.cells import cell_len

    lines = []
    for line in text.split("\n"):
        if "\t" in line:
            out, position = [], 0
            *parts, last = line.split("\t")
            for part in parts:
                position += cell_len(part) + 1
                pad = -position % tab_size
                out.append(part + " " * (1 + pad))
                position += pad
            out.append(last)
            line = "".join(out)
        lines.append(line)
    return "\n".join(lines)
