"""`--format gitlab`: a GitLab Code Quality report (a JSON array of issues), for `artifacts:reports:codequality`.

Each issue has `description`, `check_name`, `fingerprint` (ci.fingerprint: a hash, stable across runs,
with no ticket text in it), `severity` and `location.path` + `location.lines.begin`. Severities:
info -> info, warning -> minor, error -> major; a read error is an issue of its own
(`check_name` "ticketlint/read-error", severity critical), so the merge request shows it.
"""

from __future__ import annotations

import hashlib
import json

from ..model import Finding, PartialRead, ReadError, RuleFailure, Severity, Summary
from .base import Formatter, also
from .ci import fingerprint, place, relative_path

_SEVERITY = {Severity.INFO: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}


class GitlabFormatter(Formatter):
    name = "gitlab"

    def start(self) -> None:
        self._issues: list[dict[str, object]] = []

    def finding(self, f: Finding, line_text: str) -> None:
        p = place(f)
        self._issues.append({
            "type": "issue",
            "description": f"{f.code} {f.message} ({f.name})" + (f" ({also(f, self.lang)})" if f.related else ""),
            "check_name": f.code,
            "categories": ["Style"],
            "fingerprint": fingerprint(f),
            "severity": _SEVERITY[f.severity],
            "location": {"path": relative_path(f.source), "lines": {"begin": p.line}},
        })

    def error(self, error: ReadError) -> None:
        key = "\x1e".join((relative_path(error.source), str(error.line), error.ticket_id or "", error.message))
        self._issues.append({
            "type": "issue",
            "description": f"{self.say('notice.unreadable')}: {self.text(error)}{self.of_ticket(error.ticket_id)}",
            "check_name": "ticketlint/read-error",
            "categories": ["Bug Risk"],
            "fingerprint": hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest(),
            "severity": "critical",
            "location": {"path": relative_path(error.source), "lines": {"begin": error.line or 1}},
        })

    def partial(self, notice: PartialRead) -> None:
        self._notice(notice.source, notice.line, notice.ticket_id, self.text(notice), "partial-read", "minor",
                     "partial")

    def failure(self, failure: RuleFailure) -> None:
        self._notice(failure.source, failure.line, failure.ticket_id, self.text(failure), "rule-failure", "critical",
                     failure.code, failure.exception)

    def _notice(self, source: str, line: int | None, ticket_id: str, message: str, check: str, severity: str,
                *key_parts: str) -> None:
        """A ticket-level notice (read in part, a rule that failed) as a Code Climate issue at the ticket's line;
        its fingerprint is stable across runs (file, line, ticket and what happened)."""
        key = "\x1e".join((relative_path(source), str(line), ticket_id, *key_parts))
        self._issues.append({
            "type": "issue",
            "description": message + self.of_ticket(ticket_id),
            "check_name": f"ticketlint/{check}",
            "categories": ["Bug Risk"],
            "fingerprint": hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest(),
            "severity": severity,
            "location": {"path": relative_path(source), "lines": {"begin": line or 1}},
        })

    def stop(self, summary: Summary) -> None:
        json.dump(self._issues, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")
