"""Machine-readable output: one JSON document, or JSON Lines for streaming."""

from __future__ import annotations

import json

from ..model import Finding, PartialRead, ReadError, RuleFailure, Summary
from .base import Formatter


def summary_dict(summary: Summary) -> dict[str, object]:
    return {
        "tickets_read": summary.tickets_read,
        "tickets_linted": summary.tickets_linted,
        "tickets_unreadable": summary.tickets_unreadable,
        "tickets_partial": summary.tickets_partial,  # linted on what was read: a subset of tickets_linted
        "files_unreadable": summary.files_unreadable,
        "by_code": dict(summary.by_code),
        "by_severity": dict(summary.by_severity),
        # kept from 0.2 (one --group-by field): the first field's counts; every field is in audit.groups
        **({"group_by": summary.group_by[0], "groups": _groups(summary)} if summary.group_by else {}),
        **({"audit": summary.audit.to_dict()} if summary.audit is not None else {}),
        "rule_failures": summary.rule_failures,
        "files": [{"source": source, "tickets_read": read, "tickets_linted": linted, "tickets_unreadable": bad,
                   "tickets_partial": dict(summary.partial_per_file).get(source, 0)}
                  for source, read, linted, bad in summary.per_file],
        **({"tickets_before_since": summary.tickets_before_since} if summary.tickets_before_since is not None else {}),
        **({"findings_in_baseline": summary.findings_in_baseline} if summary.findings_in_baseline is not None else {}),
    }


def _groups(summary: Summary) -> dict[str, dict[str, object]]:
    table = summary.audit.group(summary.group_by[0]) if summary.audit is not None else None
    if table is None:
        return {}
    return {row.value: {"tickets": row.tickets, "by_code": dict(sorted(row.by_code))}
            for row in sorted(table.rows, key=lambda r: r.value)}


class JsonFormatter(Formatter):
    """`{"findings": [...], "errors": [...], "failures": [...], "partial": [...], "summary": {...}}`."""

    name = "json"

    def start(self) -> None:
        self._findings: list[dict[str, object]] = []
        self._errors: list[dict[str, object]] = []
        self._failures: list[dict[str, object]] = []
        self._partial: list[dict[str, object]] = []

    def finding(self, finding: Finding, line_text: str) -> None:
        self._findings.append(finding.to_dict())

    def error(self, error: ReadError) -> None:
        self._errors.append(self.as_dict(error))

    def failure(self, failure: RuleFailure) -> None:
        self._failures.append(self.as_dict(failure))

    def partial(self, notice: PartialRead) -> None:
        self._partial.append(self.as_dict(notice))

    def stop(self, summary: Summary) -> None:
        doc = {"findings": self._findings, "errors": self._errors, "failures": self._failures,
               "partial": self._partial, "summary": summary_dict(summary)}
        json.dump(doc, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")


class JsonLinesFormatter(Formatter):
    """One object per line, written as it is found: `type` is finding, error, failure, partial or summary."""

    name = "jsonl"

    def finding(self, finding: Finding, line_text: str) -> None:
        self.stream.write(json.dumps({"type": "finding", **finding.to_dict()}, ensure_ascii=False) + "\n")

    def error(self, error: ReadError) -> None:
        self.stream.write(json.dumps({"type": "error", **self.as_dict(error)}, ensure_ascii=False) + "\n")

    def failure(self, failure: RuleFailure) -> None:
        self.stream.write(json.dumps({"type": "failure", **self.as_dict(failure)}, ensure_ascii=False) + "\n")

    def partial(self, notice: PartialRead) -> None:
        self.stream.write(json.dumps({"type": "partial", **self.as_dict(notice)}, ensure_ascii=False) + "\n")

    def stop(self, summary: Summary) -> None:
        self.stream.write(json.dumps({"type": "summary", **summary_dict(summary)}, ensure_ascii=False) + "\n")
