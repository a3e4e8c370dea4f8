"""The audit's tables as plain rows of text, shared by the text, Markdown and HTML reports.

One place decides what each table shows (columns, order, number formats), so
that the terminal, the wiki page and the HTML file never disagree. Every table
has a fixed number of columns whatever the number of rules: a group's rules
are shown as its top few codes, never one column per rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import notices
from ..audit import FAMILY_CODES, NONE, UNKNOWN_AUTHOR, AuditReport, GroupTable, Quality
from ..model import Summary

EN = notices.ENGLISH


@dataclass(frozen=True, slots=True)
class Plain:
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    right: frozenset[int] = frozenset()  # columns of numbers, aligned right


def pct(share: float | None, lang: str = EN) -> str:
    return "-" if share is None else notices.decimal(lang, f"{100 * share:.1f}%")


def num(value: float | None, lang: str = EN) -> str:
    return "-" if value is None else notices.decimal(lang, f"{value:.1f}")


def top(by_code: tuple[tuple[str, int], ...], n: int = 3) -> str:
    return ", ".join(f"{code} ({count})" for code, count in by_code[:n]) or "-"


def word(lang: str, kind: str, value: str) -> str:
    """A severity, role, family or --group-by field as `lang` says it (one the catalogue does not know: as is)."""
    key = f"{kind}.{value}"
    return value if lang == EN or key not in notices.english() else notices.say(lang, key)


def shown(lang: str, value: str) -> str:
    """A table's name of an agent, team, field value or language, with "(none)" and "(unknown)" (audit.py: a field
    the export does not have, a message without an author) in `lang`."""
    key = _MISSING.get(value)
    return notices.say(lang, key) if key and lang != EN else value


_MISSING = {NONE: "value.none", UNKNOWN_AUTHOR: "value.unknown"}


def family_label(family: str, lang: str = EN) -> str:
    prefix = FAMILY_CODES.get(family)
    shown = word(lang, "family", family)
    return f"{prefix} {shown}" if prefix else shown


def overview(summary: Summary, report: AuditReport, lang: str = EN) -> Plain:
    def say(key: str, **fields: object) -> str:
        return notices.say(lang, key, **fields)

    roles = ", ".join(say("row.role", n=n, role=word(lang, "role", role)) for role, n in report.by_role) \
        or say("word.none")
    rows = [
        (say("row.tickets_read"), f"{summary.tickets_read}"),
        (say("row.tickets_linted"), f"{summary.tickets_linted}"),
        (say("row.tickets_unreadable"), f"{summary.tickets_unreadable}"),
        *(((say("row.tickets_partial"), f"{summary.tickets_partial}"),)
          if summary.tickets_partial else ()),
        (say("row.messages"), f"{report.messages} ({roles})"),
        (say("row.findings"), f"{report.findings}"),
        (say("row.clean"),
         say("row.clean_value", clean=report.clean_tickets, tickets=report.tickets, share=pct(report.clean_ticket_share, lang))),
    ]
    rows += [(say("row.family", family=family_label(f, lang)), str(n)) for f, n in report.families]
    if summary.files_unreadable:
        rows.insert(3, (say("row.files_unreadable"), str(summary.files_unreadable)))
    if summary.rule_failures:
        rows.insert(3, (say("row.rule_failures"), str(summary.rule_failures)))
    return Plain(say("table.overview"), ("", say("col.value")), tuple(rows))


def columns(lang: str, *names: str) -> tuple[str, ...]:
    return tuple(notices.say(lang, f"col.{n}") for n in names)


def rules(report: AuditReport, lang: str = EN) -> Plain:
    total = report.findings or 1
    rows = tuple((r.code, r.name, word(lang, "severity", r.severity), family_label(r.family, lang), str(r.count),
                  pct(r.count / total, lang)) for r in report.rules)
    return Plain(notices.say(lang, "table.rules"), columns(lang, "code", "rule", "severity", "family", "findings", "share"),
                 rows, frozenset({4, 5}))


def groups(table: GroupTable, lang: str = EN) -> Plain:
    rows = tuple((shown(lang, row.value), str(row.tickets), str(row.messages), str(row.findings), num(row.per_100_messages, lang),
                  top(row.by_code)) for row in table.rows)
    field = word(lang, "field", table.field)
    return Plain(notices.say(lang, "table.groups", field=field),
                 (field, *columns(lang, "tickets", "messages", "findings", "per_100_msg", "top_rules")), rows,
                 frozenset({1, 2, 3, 4}))


def by_activity(figures: tuple[Quality, ...]) -> tuple[Quality, ...]:
    """Most replies and notes first: the agents whose figure rests on the most messages."""
    return tuple(sorted(figures, key=lambda q: (-q.written, q.who.lower(), q.who)))


def quality(title: str, label: str, figures: tuple[Quality, ...], lang: str = EN) -> Plain:
    figures = by_activity(figures)
    heads = columns(lang, "replies", "notes", "clean_share", "serious_per_100", "worst_rules")
    # a column only when some ticket was read in part, one only when some agent message was a side remark to a helper
    in_part, aside = any(q.partial_tickets for q in figures), any(q.side_remarks for q in figures)
    extra = columns(lang, *(("read_in_part",) if in_part else ()), *(("side_remarks",) if aside else ()))
    rows = tuple((shown(lang, q.who), str(q.replies), str(q.notes), pct(q.clean_share, lang), num(q.serious_per_100, lang),
                  top(q.worst), *((str(q.partial_tickets),) if in_part else ()), *((str(q.side_remarks),) if aside else ()))
                 for q in figures)
    return Plain(title, (label, *heads, *extra), rows, frozenset({1, 2, 3, 4, *range(6, 6 + len(extra))}))


def agent_quality(report: AuditReport, lang: str = EN) -> Plain:
    return quality(notices.say(lang, "table.agents"), word(lang, "field", "agent"), report.agents, lang)


def team_quality(report: AuditReport, lang: str = EN) -> Plain:
    return quality(notices.say(lang, "table.teams"), word(lang, "field", "team"), report.teams, lang)


def summary_line(s: Summary, lang: str = EN) -> str:
    """The run's last line in `lang` (rules/<lang>/notices.toml, `summary.*`): findings by severity, tickets
    linted, read and unreadable, and what else the run must say (read in part, files unreadable, --since,
    --baseline, rule failures)."""
    def say(key: str, **fields: object) -> str:
        return notices.say(lang, key, **fields)

    def n(value: int) -> str:  # every number of the line, as the language groups a count (notices.number)
        return notices.number(lang, value, tally=True)

    def count(key: str, value: int) -> str:
        return notices.tally(lang, key, value)

    total = sum(k for _, k in s.by_code)
    sev = ", ".join(say("summary.severity", n=n(k), severity=word(lang, "severity", name)) for name, k in s.by_severity) \
        or say("summary.no_findings")
    line = say("summary.line", findings=count("summary.findings", total), severities=sev,
               tickets=count("summary.tickets", s.tickets_linted), read=n(s.tickets_read),
               unreadable=n(s.tickets_unreadable))
    if s.tickets_partial:
        line += say("summary.partial", n=n(s.tickets_partial))
    if s.files_unreadable:
        line += count("summary.files_unreadable", s.files_unreadable)
    if s.tickets_before_since is not None:
        line += say("summary.before_since", n=n(s.tickets_before_since))
    if s.findings_in_baseline is not None:
        line += count("summary.baseline", s.findings_in_baseline)
    if s.rule_failures:
        line += count("summary.failures", s.rule_failures)
    return line
