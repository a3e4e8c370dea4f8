"""`--format markdown`: the audit's summary tables, for a supervisor to paste into a wiki.

No finding is listed one by one (that is what csv and json are for): the
overview, the findings per rule with names, one table per --group-by field,
the per-language breakdown and the quality figure per agent and per team.
Cells are escaped so that a name holding `|`, a backtick or HTML cannot break
the table or inject markup into the page it is pasted into.
"""

from __future__ import annotations

import html
import re

from ..model import Summary
from . import tables
from .base import ReportFormatter

MAX_ERRORS = 50  # errors listed in the report; the count says how many there were

_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def md(text: str) -> str:
    """Text as one Markdown table cell: markup characters backslash-escaped, line breaks and controls
    as spaces, `&` and `<` as entities (a wiki that renders HTML shows them as text)."""
    text = _CONTROL.sub(" ", text)
    text = html.escape(text, quote=False)
    return _SPECIAL.sub(r"\\\1", text)


def table(plain: tables.Plain, heading: str = "##") -> str:
    lines = [f"{heading} {plain.title.capitalize()}", ""]
    lines.append("| " + " | ".join(md(h) or " " for h in plain.headers) + " |")
    lines.append("|" + "|".join("---:" if i in plain.right else "---" for i in range(len(plain.headers))) + "|")
    for row in plain.rows:
        lines.append("| " + " | ".join(md(c) for c in row) + " |")
    if not plain.rows:
        lines.append("| " + " | ".join("-" for _ in plain.headers) + " |")
    return "\n".join(lines) + "\n"


class MarkdownFormatter(ReportFormatter):
    name = "markdown"
    max_errors = MAX_ERRORS

    def stop(self, summary: Summary) -> None:
        report = summary.audit
        parts = ["# ticketlint audit\n", md(tables.summary_line(summary)) + "\n"]
        if report is not None:
            parts.append(table(tables.overview(summary, report)))
            parts.append(table(tables.rules(report)))
            for group in report.groups:
                parts.append(table(tables.groups(group)))
            if not report.group("language"):
                parts.append(table(tables.groups(report.languages)))
            parts.append(table(tables.agent_quality(report)))
            parts.append(table(tables.team_quality(report)))
            parts.append("Clean share: the share of an agent's replies and notes with no finding at or above "
                         "warning. Findings/100: findings at or above warning per 100 replies and notes. "
                         "Customer messages never count for or against an agent.\n")
        if self.error_count:
            parts.append(f"## Not linted ({self.error_count})\n")
            parts.extend(f"- {md(str(e))}" for e in self.errors)
            if self.error_count > len(self.errors):
                parts.append(f"- ... and {self.error_count - len(self.errors)} more")
            parts.append("")
        if summary.tickets_partial:
            parts.append(f"## Read in part ({summary.tickets_partial})\n")
            parts.append("Linted and counted on what was read: a finding on the last reply (TL302, TL303) may be "
                         "answered in a missing message, and the agents' later replies are missing from their "
                         "figures.\n")
            parts.extend(f"- {md(str(p))}" for p in self.partials)
            if summary.tickets_partial > len(self.partials):
                parts.append(f"- ... and {summary.tickets_partial - len(self.partials)} more")
            parts.append("")
        self.stream.write("\n".join(parts))
