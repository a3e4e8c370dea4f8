"""`--format github`: GitHub Actions workflow commands, which the runner turns into annotations on the
file and line of a pull request.

    ::error file=tickets/a.jsonl,line=3,col=17,endLine=3,endColumn=29,title=TL101 missing-error-code::...

Escaping is the one `@actions/core` applies (toolkit's command.ts): in the message `%`, `\\r` and `\\n`
become `%25`, `%0D`, `%0A`; in a property `:` and `,` also become `%3A` and `%2C`. A severity maps to
error, warning or notice; a read error is an `::error` on its file (and line, when known).
"""

from __future__ import annotations

from ..model import Finding, PartialRead, ReadError, RuleFailure, Severity, Summary
from .base import Formatter, also
from .ci import place, relative_path
from .escape import printable

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, properties: dict[str, object], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items() if value is not None)
    return f"::{kind} {props}::{escape_data(message)}" if props else f"::{kind}::{escape_data(message)}"


class GithubFormatter(Formatter):
    name = "github"

    def finding(self, f: Finding, line_text: str) -> None:
        p = place(f)
        lines = [f"{f.message} ({f.excerpt})" if f.excerpt else f.message]
        if f.suggestion:
            lines.append(self.say("text.help", text=f.suggestion))
        if f.related:
            lines.append(also(f, self.lang))
        if f.ticket_id and f.ticket_id != "-" and f.ticket_id != f.source.rsplit("/", 1)[-1]:
            lines.append(self.say("text.ticket_message", ticket=f.ticket_id, message=f.message_index))
        message = "\n".join(printable(line) for line in lines)  # no escape sequence reaches the job's log
        props: dict[str, object] = {"file": printable(relative_path(f.source)), "line": p.line, "col": p.column,
                                    "endLine": p.end_line, "endColumn": p.end_column, "title": f"{f.code} {f.name}"}
        self.stream.write(command(_COMMAND[f.severity], props, message) + "\n")

    def error(self, error: ReadError) -> None:
        message = printable(self.text(error) + self.of_ticket(error.ticket_id))
        props: dict[str, object] = {"file": printable(relative_path(error.source)), "line": error.line,
                                    "title": f"ticketlint: {self.say('notice.unreadable')}"}
        self.stream.write(command("error", props, message) + "\n")

    def partial(self, notice: PartialRead) -> None:
        props: dict[str, object] = {"file": printable(relative_path(notice.source)), "line": notice.line,
                                    "title": f"ticketlint: {self.say('notice.read_in_part')}"}
        self.stream.write(command("warning", props, printable(self.text(notice) + self.of_ticket(notice.ticket_id))) + "\n")

    def failure(self, failure: RuleFailure) -> None:
        props: dict[str, object] = {"file": printable(relative_path(failure.source)), "line": failure.line,
                                    "title": f"ticketlint: rule {failure.code} failed"}
        self.stream.write(command("error", props, printable(self.text(failure) + self.of_ticket(failure.ticket_id))) + "\n")

    def stop(self, summary: Summary) -> None:
        """Annotations only: the counts are in the job's exit code and in the other formats."""
