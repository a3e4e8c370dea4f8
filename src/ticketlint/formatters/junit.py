"""`--format junit`: JUnit XML, which CI dashboards (GitLab, Jenkins, Azure, CircleCI) show as tests.

One `<testsuite>` per input file, one `<testcase>` per ticket (passing when it has no finding), one
`<failure>` per finding; an unreadable ticket is a test case with an `<error>`, an unreadable file
a test case named after the file. Characters XML 1.0 cannot hold (controls, lone surrogates) are
written as escapes (`\\x1b`), so the document always parses.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..model import Finding, PartialRead, ReadError, RuleFailure, Summary, Ticket
from .base import Formatter, also
from .ci import place

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """`text` with every character XML 1.0 forbids written as an escape."""
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)


class _Case:
    __slots__ = ("name", "line", "failures", "errors", "partial")

    def __init__(self, name: str, line: int | None) -> None:
        self.name = name
        self.line = line
        self.failures: list[Finding] = []
        self.errors: list[ReadError | RuleFailure] = []
        self.partial: list[PartialRead] = []


class JunitFormatter(Formatter):
    name = "junit"

    def start(self) -> None:
        self._suites: dict[str, dict[tuple[str, int | None], _Case]] = {}

    def _case(self, source: str, name: str, line: int | None) -> _Case:
        cases = self._suites.setdefault(source, {})
        key = (name, line)
        if key not in cases:
            cases[key] = _Case(name, line)
        return cases[key]

    def ticket(self, ticket: Ticket) -> None:
        self._last = self._case(ticket.source, f"ticket {ticket.id}", ticket.line)
        self._last_key = (ticket.source, ticket.id)

    def finding(self, f: Finding, line_text: str) -> None:
        # a ticket's findings come right after it (runner): they go to its case
        if getattr(self, "_last_key", None) == (f.source, f.ticket_id):
            self._last.failures.append(f)
        else:  # findings with no ticket call before them (a caller of the formatter API)
            self._case(f.source, f"ticket {f.ticket_id}", None).failures.append(f)

    def error(self, error: ReadError) -> None:
        name = f"ticket {error.ticket_id}" if error.ticket_id else (
            f"line {error.line}" if error.line is not None else "file")
        self._case(error.source, name, error.line).errors.append(error)

    def partial(self, notice: PartialRead) -> None:
        """Not a failure of the ticket: said in its case's <system-err>, as a warning."""
        if getattr(self, "_last_key", None) == (notice.source, notice.ticket_id):
            self._last.partial.append(notice)
        else:
            self._case(notice.source, f"ticket {notice.ticket_id}", notice.line).partial.append(notice)

    def failure(self, failure: RuleFailure) -> None:
        if getattr(self, "_last_key", None) == (failure.source, failure.ticket_id):
            self._last.errors.append(failure)
        else:
            self._case(failure.source, f"ticket {failure.ticket_id}", failure.line).errors.append(failure)

    def stop(self, summary: Summary) -> None:
        root = ET.Element("testsuites", name="ticketlint")
        totals = [0, 0, 0]
        for source, cases in self._suites.items():
            tests, failures, errors = len(cases), sum(bool(c.failures) for c in cases.values()), sum(
                bool(c.errors) and not c.failures for c in cases.values())
            suite = ET.SubElement(root, "testsuite", name=xml_text(source), tests=str(tests),
                                  failures=str(failures), errors=str(errors), skipped="0")
            for case in cases.values():
                attrs = {"name": xml_text(case.name), "classname": xml_text(source), "file": xml_text(source)}
                if case.line is not None:
                    attrs["line"] = str(case.line)
                element = ET.SubElement(suite, "testcase", attrs)
                for f in case.failures:
                    p = place(f)
                    where = f"{source}:{p.line}" + (f":{p.column}" if p.column is not None else "")
                    failure = ET.SubElement(element, "failure", message=xml_text(f"{f.code} {f.message}"),
                                            type=f.code)
                    body = [f"{where}: {f.code} [{f.severity.label}] {f.message} ({f.name})",
                            self.say("junit.where", message=f.message_index, line=f.line, column=f.column,
                                     excerpt=f.excerpt)]
                    if f.suggestion:
                        body.append(self.say("text.help", text=f.suggestion))
                    if f.related:
                        body.append(also(f, self.lang))
                    failure.text = xml_text("\n".join(body))
                for err in case.errors:
                    kind = "rule-failure" if isinstance(err, RuleFailure) else "read-error"
                    error = ET.SubElement(element, "error", message=xml_text(self.text(err)), type=kind)
                    error.text = xml_text(self.line(err))
                if case.partial:
                    ET.SubElement(element, "system-err").text = xml_text(
                        "\n".join(f"{self.kind(notice)}: {self.line(notice)}" for notice in case.partial))
            totals[0] += tests
            totals[1] += failures
            totals[2] += errors
        root.set("tests", str(totals[0]))
        root.set("failures", str(totals[1]))
        root.set("errors", str(totals[2]))
        ET.indent(root)
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ET.tostring(root, encoding="unicode"))
        self.stream.write("\n")
