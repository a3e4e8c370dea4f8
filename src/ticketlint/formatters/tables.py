"""The audit's tables as plain rows of text, shared by the text, Markdown and HTML reports.

One place decides what each table shows (columns, order, number formats), so
that the terminal, the wiki page and the HTML file never disagree. Every table
has a fixed number of columns whatever the number of rules: a group's rules
are shown as its top few codes, never one column per rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..audit import FAMILY_CODES, AuditReport, GroupTable, Quality
from ..model import Summary


@dataclass(frozen=True, slots=True)
class Plain:
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    right: frozenset[int] = frozenset()  # columns of numbers, aligned right


def pct(share: float | None) -> str:
    return "-" if share is None else f"{100 * share:.1f}%"


def num(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def top(by_code: tuple[tuple[str, int], ...], n: int = 3) -> str:
    return ", ".join(f"{code} ({count})" for code, count in by_code[:n]) or "-"


def family_label(family: str) -> str:
    prefix = FAMILY_CODES.get(family)
    return f"{prefix} {family}" if prefix else family


def overview(summary: Summary, report: AuditReport) -> Plain:
    roles = ", ".join(f"{n} {role}" for role, n in report.by_role) or "none"
    rows = [
        ("tickets read", f"{summary.tickets_read}"),
        ("tickets linted", f"{summary.tickets_linted}"),
        ("tickets unreadable", f"{summary.tickets_unreadable}"),
        *((("tickets read in part (linted on what was read)", f"{summary.tickets_partial}"),)
          if summary.tickets_partial else ()),
        ("messages", f"{report.messages} ({roles})"),
        ("findings", f"{report.findings}"),
        ("clean tickets (no finding at or above warning)",
         f"{report.clean_tickets} of {report.tickets} ({pct(report.clean_ticket_share)})"),
    ]
    rows += [(f"findings: {family_label(f)}", str(n)) for f, n in report.families]
    if summary.files_unreadable:
        rows.insert(3, ("files unreadable", str(summary.files_unreadable)))
    if summary.rule_failures:
        rows.insert(3, ("rule failures", str(summary.rule_failures)))
    return Plain("overview", ("", "value"), tuple(rows))


def rules(report: AuditReport) -> Plain:
    total = report.findings or 1
    rows = tuple((r.code, r.name, r.severity, family_label(r.family), str(r.count), pct(r.count / total))
                 for r in report.rules)
    return Plain("findings per rule", ("code", "rule", "severity", "family", "findings", "share"), rows,
                 frozenset({4, 5}))


def groups(table: GroupTable) -> Plain:
    rows = tuple((row.value, str(row.tickets), str(row.messages), str(row.findings), num(row.per_100_messages),
                  top(row.by_code)) for row in table.rows)
    return Plain(f"findings per {table.field}",
                 (table.field, "tickets", "messages", "findings", "per 100 msg", "top rules"), rows,
                 frozenset({1, 2, 3, 4}))


def by_activity(figures: tuple[Quality, ...]) -> tuple[Quality, ...]:
    """Most replies and notes first: the agents whose figure rests on the most messages."""
    return tuple(sorted(figures, key=lambda q: (-q.written, q.who.lower(), q.who)))


def quality(title: str, label: str, figures: tuple[Quality, ...]) -> Plain:
    figures = by_activity(figures)
    if any(q.partial_tickets for q in figures):  # a column only when some ticket was read in part
        return Plain(title, (label, "replies", "notes", "clean share", "findings/100", "worst rules", "read in part"),
                     tuple((q.who, str(q.replies), str(q.notes), pct(q.clean_share), num(q.serious_per_100),
                            top(q.worst), str(q.partial_tickets)) for q in figures), frozenset({1, 2, 3, 4, 6}))
    rows = tuple((q.who, str(q.replies), str(q.notes), pct(q.clean_share), num(q.serious_per_100), top(q.worst))
                 for q in figures)
    return Plain(title, (label, "replies", "notes", "clean share", "findings/100", "worst rules"), rows,
                 frozenset({1, 2, 3, 4}))


def agent_quality(report: AuditReport) -> Plain:
    return quality("quality per agent (agent replies and notes, by author)", "agent", report.agents)


def team_quality(report: AuditReport) -> Plain:
    return quality("quality per team (agent replies and notes of the team's tickets)", "team", report.teams)


def summary_line(s: Summary) -> str:
    total = sum(n for _, n in s.by_code)
    sev = ", ".join(f"{n} {name}" for name, n in s.by_severity) or "no findings"
    line = (
        f"{total} finding{'s' if total != 1 else ''} ({sev}) in {s.tickets_linted} ticket"
        f"{'s' if s.tickets_linted != 1 else ''} linted; {s.tickets_read} read, {s.tickets_unreadable} unreadable"
    )
    if s.tickets_partial:
        line += f", {s.tickets_partial} read in part"
    if s.files_unreadable:
        line += f", {s.files_unreadable} file{'s' if s.files_unreadable != 1 else ''} unreadable"
    if s.tickets_before_since is not None:
        line += f", {s.tickets_before_since} before --since"
    if s.findings_in_baseline is not None:
        n = s.findings_in_baseline
        line += f"; {n} finding{'s' if n != 1 else ''} in the baseline not shown"
    if s.rule_failures:
        line += f"; {s.rule_failures} rule failure{'s' if s.rule_failures != 1 else ''} (exit 2)"
    return line
