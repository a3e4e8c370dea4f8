"""`--format sarif`: SARIF 2.1.0, for GitHub code scanning and any SARIF viewer.

One run: `tool.driver` lists every rule of the registry (id, name, short and full description, default
level); each result has `ruleId`, `ruleIndex`, `level`, `message`, a physical location (a path relative
to `%SRCROOT%`, the checkout, and a region in the file with code-point columns, `columnKind`
"unicodeCodePoints", and an exclusive end) and `partialFingerprints` (ci.fingerprint, a hash with no
ticket text). A read error is a `toolExecutionNotification` of the invocation, whose
`executionSuccessful` is false when any input could not be read: nothing is dropped. A ticket
read in part is a notification of level "warning" (descriptor `partial-read`, the missing parts
in its property bag): the run still succeeded (SARIF 2.1.0 §3.20.14 and §3.58), its results stand.
A test validates the output against the published 2.1.0 JSON schema (tests/data).
"""

from __future__ import annotations

import json
from urllib.parse import quote

from .. import __version__, notices
from ..model import Finding, PartialRead, ReadError, RuleFailure, Severity, Summary
from .base import Formatter
from .ci import fingerprint, place, relative_path

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def uri(source: str) -> str:
    """A relative URI reference for a path (percent-encoded; '/' kept)."""
    return quote(relative_path(source), safe="/")


def _location(source: str, region: dict[str, int]) -> dict[str, object]:
    artifact = {"uri": uri(source), "uriBaseId": "%SRCROOT%"}
    physical: dict[str, object] = {"artifactLocation": artifact}
    if region:
        physical["region"] = region
    return {"physicalLocation": physical}


def _related(n: int, r: Finding, primary: Finding) -> dict[str, object]:
    """A related finding as a SARIF relatedLocation: its own place when located, else the primary's."""
    p = place(r) if r.file_line is not None else place(primary)
    region: dict[str, int] = {"startLine": p.line}
    if p.column is not None:
        region["startColumn"] = p.column
    if p.end_line is not None and p.end_column is not None:
        region["endLine"], region["endColumn"] = p.end_line, p.end_column
    location = _location(r.source, region)
    location["id"] = n
    location["message"] = {"text": f"{r.code} {r.name}: {r.message}"}
    return location


class SarifFormatter(Formatter):
    name = "sarif"

    def start(self) -> None:
        self._results: list[dict[str, object]] = []
        self._notes: list[dict[str, object]] = []

    def _rules(self) -> tuple[list[dict[str, object]], dict[str, int]]:
        from ..registry import default_registry
        from ..ruledoc import localized

        rules: list[dict[str, object]] = []
        index: dict[str, int] = {}
        for rule in default_registry():
            m = localized(rule.meta, self.lang)  # the rule's summary and rationale in the locale, as the HTML report
            index[m.code] = len(rules)
            rules.append({
                "id": m.code,
                "name": m.name,
                "shortDescription": {"text": m.summary},
                "fullDescription": {"text": m.rationale or m.summary},
                "defaultConfiguration": {"level": _LEVEL[m.severity]},
                "properties": {"tags": list(m.groups)},
            })
        return rules, index

    def finding(self, f: Finding, line_text: str) -> None:
        p = place(f)
        region: dict[str, int] = {"startLine": p.line}
        if p.column is not None:
            region["startColumn"] = p.column
        if p.end_line is not None and p.end_column is not None:
            region["endLine"] = p.end_line
            region["endColumn"] = p.end_column
        text = f"{f.message} ({f.excerpt})" if f.excerpt else f.message
        if f.suggestion:
            text += " " + notices.cap(self.say("text.help", text=f.suggestion))
        properties: dict[str, object] = {"ticket": f.ticket_id, "messageIndex": f.message_index, "name": f.name}
        result: dict[str, object] = {
            "ruleId": f.code,
            "level": _LEVEL[f.severity],
            "message": {"text": text},
            "locations": [_location(f.source, region)],
            "partialFingerprints": {"ticketlintFinding/v1": fingerprint(f)},
            "properties": properties,
        }
        if f.related:  # the other rules' findings on the same problem (overlap.py)
            result["relatedLocations"] = [_related(i, r, f) for i, r in enumerate(f.related, 1)]
            properties["related"] = [{"ruleId": r.code, "name": r.name, "level": _LEVEL[r.severity],
                                      "message": r.message, "fingerprint": fingerprint(r)} for r in f.related]
        self._results.append(result)

    def error(self, error: ReadError) -> None:
        note: dict[str, object] = {
            "level": "error",
            "message": {"text": self.text(error) + self.of_ticket(error.ticket_id)},
            "locations": [_location(error.source, {"startLine": error.line} if error.line is not None else {})],
            "descriptor": {"id": "read-error"},
        }
        code = error.notice
        if code is not None:  # the reader's message as a stable code, whatever the language of its text
            note["properties"] = {"notice": code}
        self._notes.append(note)

    def partial(self, notice: PartialRead) -> None:
        """A warning notification of the invocation (§3.58): the ticket was linted on what was read."""
        self._notes.append({
            "level": "warning",
            "message": {"text": self.text(notice) + self.of_ticket(notice.ticket_id)},
            "locations": [_location(notice.source, {"startLine": notice.line} if notice.line is not None else {})],
            "descriptor": {"id": "partial-read"},
            "properties": {"ticket": notice.ticket_id, "missing": notice.to_dict()["missing"]},
        })

    def failure(self, failure: RuleFailure) -> None:
        """A tool execution notification tied to the rule (SARIF 2.1.0 §3.58: `associatedRule`)."""
        self._notes.append({
            "level": "error",
            "message": {"text": self.text(failure) + self.of_ticket(failure.ticket_id)},
            "locations": [_location(failure.source, {"startLine": failure.line} if failure.line is not None else {})],
            "descriptor": {"id": "rule-failure"},
            "associatedRule": {"id": failure.code},
            "exception": {"kind": failure.exception, "message": failure.detail},
        })

    def stop(self, summary: Summary) -> None:
        rules, index = self._rules()
        for result in self._results:
            code = str(result["ruleId"])
            if code in index:
                result["ruleIndex"] = index[code]
        invocation: dict[str, object] = {"executionSuccessful": not any(n["level"] == "error" for n in self._notes)}
        if self._notes:
            invocation["toolExecutionNotifications"] = self._notes
        doc = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {"name": "ticketlint", "version": __version__, "rules": rules}},
                "columnKind": "unicodeCodePoints",
                "invocations": [invocation],
                "results": self._results,
            }],
        }
        json.dump(doc, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")
