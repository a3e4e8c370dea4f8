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
        lang = self.lang
        parts = [f"# {self.say('md.title')}\n", md(tables.summary_line(summary, lang)) + "\n"]
        if report is not None:
            parts.append(table(tables.overview(summary, report, lang)))
            parts.append(table(tables.rules(report, lang)))
            for group in report.groups:
                parts.append(table(tables.groups(group, lang)))
            if not report.group("language"):
                parts.append(table(tables.groups(report.languages, lang)))
            parts.append(table(tables.agent_quality(report, lang)))
            parts.append(table(tables.team_quality(report, lang)))
            parts.append(self.say("md.quality_note") + "\n")
        if self.error_count:
            parts.append(f"## {self.say('md.not_linted', n=self.error_count)}\n")
            parts.extend(f"- {md(self.line(e))}" for e in self.errors)
            if self.error_count > len(self.errors):
                parts.append(f"- {self.say('list.more', n=self.error_count - len(self.errors))}")
            parts.append("")
        if summary.tickets_partial:
            parts.append(f"## {self.say('md.read_in_part', n=summary.tickets_partial)}\n")
            parts.append(self.say("md.partial_note") + "\n")
            parts.extend(f"- {md(self.line(p))}" for p in self.partials)
            if summary.tickets_partial > len(self.partials):
                parts.append(f"- {self.say('list.more', n=summary.tickets_partial - len(self.partials))}")
            parts.append("")
        self.stream.write("\n".join(parts))
