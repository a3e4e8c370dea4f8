"""`--format html`: one self-contained, offline audit report a supervisor can open and forward.

Inline CSS and inline SVG charts (formatters/svg.py), no script, no font, no
image and no link that loads anything: the file works with no network and
prints cleanly. Everything that comes from a ticket or a file name is escaped
(`html.escape`, after `printable` has made control and bidirectional
characters visible), so a ticket holding `<script>` shows that text. Excerpts
come from the engine's masked text: a secret never reaches the report.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from html import escape

from .. import __version__
from ..audit import AuditReport, Excerpt, GroupTable, Quality
from ..model import PartialRead, ReadError, Summary
from . import tables
from .base import ReportFormatter
from .escape import printable
from .svg import bar_chart

MAX_ERRORS = 100
MAX_ROWS = 200  # rows of a group table (most findings first); the JSON output has them all
COLOURS = {"evidence": "#3b6ea5", "clarity": "#d9822b", "completeness": "#3f8f5a", "tone": "#c2413b",
           "privacy": "#7d5ba6", "other": "#8a8f98"}

CSS = """
:root{--ink:#1f2430;--muted:#5d6575;--line:#e3e6ec;--soft:#f5f7fa;--accent:#3b6ea5}
*{box-sizing:border-box}
body{margin:0;background:#eef1f5;color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,
"Helvetica Neue",Arial,sans-serif}
main{max-width:1120px;margin:0 auto;padding:28px 28px 48px}
header h1{margin:0;font-size:28px;letter-spacing:-.01em}
header p{margin:4px 0 0;color:var(--muted)}
section{background:#fff;border:1px solid var(--line);border-radius:10px;padding:18px 22px;margin:18px 0}
h2{font-size:19px;margin:0 0 10px}
h3{font-size:15px;margin:18px 0 6px}
.cards{display:grid;grid-template-columns:repeat(4,1fr);gap:14px;background:none;border:0;padding:0}
.card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:14px 18px}
.card .n{font-size:30px;font-weight:650;line-height:1.2}
.card .k{color:var(--muted);font-size:13px;text-transform:uppercase;letter-spacing:.04em}
.card .d{color:var(--muted);font-size:13px}
table{border-collapse:collapse;width:100%;font-size:14px;margin:8px 0}
th,td{text-align:left;padding:6px 10px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);background:var(--soft)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tbody tr:nth-child(even){background:#fafbfc}
code,.code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:13px}
a{color:var(--accent)}
.nw{white-space:nowrap}
.sev{display:inline-block;padding:0 7px;border-radius:9px;font-size:12px;font-weight:600}
.sev.error{background:#fde8e7;color:#a3261f}.sev.warning{background:#fff3db;color:#8a5a00}
.sev.info{background:#e5f0fb;color:#1f5a94}
.fam{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px}
.chart{display:block;max-width:100%;height:auto;margin:6px 0 4px}
.chart .lbl{font-size:12px;fill:var(--ink)}.chart .val{font-size:12px;fill:var(--muted)}
.chart .track{fill:var(--soft)}
.note{color:var(--muted);font-size:13px}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:18px}
.ex{border-left:3px solid var(--line);margin:8px 0;padding:4px 12px}
.ex .where{color:var(--muted);font-size:12px}
.ex .msg{font-size:14px}
.ex .also{font-size:13px;color:#555}
.ex pre{margin:4px 0;white-space:pre-wrap;word-break:break-word;font-size:13px;background:var(--soft);
padding:6px 8px;border-radius:6px}
mark{background:#ffe08a;padding:0 1px;border-radius:2px}
.bar{display:inline-block;height:8px;border-radius:4px;background:var(--accent);vertical-align:middle}
.errors li{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
footer{color:var(--muted);font-size:13px;margin-top:18px}
@media (max-width:800px){.cards{grid-template-columns:1fr 1fr}.cols{grid-template-columns:1fr}}
@media print{body{background:#fff;font-size:12px}main{padding:0;max-width:none}
section,.card{border-color:#ccc;break-inside:avoid}.ex,.chart,tr{break-inside:avoid}a{color:inherit}}
"""


def esc(text: object) -> str:
    return escape(printable(str(text)))


def anchor(code: str) -> str:
    """The id of a rule's section in the report itself: a report is forwarded as one file, where a
    link into the ticketlint sources would lead nowhere."""
    return f"rule-{code}".lower()


def _rationale(code: str) -> str:
    """Why the rule exists, from its own metadata (what `ticketlint rule CODE` prints)."""
    from ..registry import SelectionError, default_registry

    try:
        return default_registry().get(code).meta.rationale
    except SelectionError:  # a plugin rule no longer installed
        return ""


class HtmlFormatter(ReportFormatter):
    name = "html"
    max_errors = MAX_ERRORS

    def stop(self, summary: Summary) -> None:
        self.stream.write(render(summary, self.errors, self.error_count, self.partials))


def render(summary: Summary, errors: list[ReadError], error_count: int, partials: list[PartialRead] | None = None) -> str:
    report = summary.audit or AuditReport(0, 0, 0, (), (), (), GroupTable("language", ()))
    when = _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    body = [
        "<header><h1>Ticket audit</h1>",
        f"<p>{esc(tables.summary_line(summary))}</p>",
        f"<p class=note>ticketlint {esc(__version__)} &middot; {esc(when)}</p></header>",
        _cards(summary, report),
        _families(report),
        _rules(report),
        _quality("Quality per agent", "agent", report.agents,
                 "By the author of each agent reply and internal note."),
        _quality("Quality per team", "team", report.teams,
                 "Over the agent replies and notes of each team's tickets (the ticket's team, or its group)."),
        _languages(report.languages),
        *(_group(g) for g in report.groups if g.field != "language"),
        _examples(report),
        _errors(errors, error_count),
        _partials(partials or [], summary.tickets_partial),
        _footer(),
    ]
    return ("<!doctype html>\n<html lang=en><head><meta charset=utf-8>"
            "<meta name=viewport content='width=device-width,initial-scale=1'>"
            f"<title>Ticket audit: {report.tickets} tickets</title><style>{CSS}</style></head>"
            f"<body><main>{''.join(body)}</main></body></html>\n")


def _cards(s: Summary, r: AuditReport) -> str:
    roles = ", ".join(f"{n} {role}" for role, n in r.by_role) or "none"
    cards = [
        ("tickets linted", f"{s.tickets_linted:,}", f"{s.tickets_read:,} read, {s.tickets_unreadable:,} unreadable"
         + (f", {s.tickets_partial:,} read in part" if s.tickets_partial else "")),
        ("messages", f"{r.messages:,}", roles),
        ("findings", f"{r.findings:,}", ", ".join(f"{n} {name}" for name, n in s.by_severity) or "none"),
        ("clean tickets", tables.pct(r.clean_ticket_share),
         f"{r.clean_tickets:,} of {r.tickets:,} with no finding at or above warning"),
    ]
    items = "".join(f"<div class=card><div class=k>{esc(k)}</div><div class=n>{esc(n)}</div>"
                    f"<div class=d>{esc(d)}</div></div>" for k, n, d in cards)
    return f"<section class=cards id=overview>{items}</section>"


def _families(r: AuditReport) -> str:
    if not r.families:
        return "<section><h2>Findings per family</h2><p>No findings.</p></section>"
    chart = bar_chart("Findings per rule family",
                      [(tables.family_label(f), n, COLOURS.get(f, COLOURS["other"])) for f, n in r.families])
    return f"<section id=families><h2>Findings per family</h2>{chart}</section>"


def _rules(r: AuditReport) -> str:
    if not r.rules:
        return ""
    chart = bar_chart("Findings per rule (top 12)",
                      [(f"{x.code} {x.name}", x.count, COLOURS.get(x.family, COLOURS["other"])) for x in r.rules[:12]])
    total = r.findings or 1
    rows = []
    for x in r.rules:
        colour = COLOURS.get(x.family, COLOURS["other"])
        rows.append(
            f"<tr><td class=code><a href='#{esc(anchor(x.code))}'>{esc(x.code)}</a></td>"
            f"<td>{esc(x.name)}<div class=note>{esc(x.summary)}</div></td>"
            f"<td><span class='sev {esc(x.severity)}'>{esc(x.severity)}</span></td>"
            f"<td class=nw><span class=fam style='background:{colour}'></span>{esc(x.family)}</td>"
            f"<td class=num>{x.count:,}</td><td class=num>{tables.pct(x.count / total)}</td></tr>")
    return ("<section id=rules><h2>Findings per rule</h2>" + chart +
            "<table><thead><tr><th>code</th><th>rule</th><th>severity</th><th>family</th>"
            "<th class=num>findings</th><th class=num>share</th></tr></thead><tbody>" + "".join(rows) +
            "</tbody></table><p class=note>Codes link to the rule's examples and rationale below; "
            "<code>ticketlint rule CODE</code> prints the rule's whole page.</p></section>")


def _quality(title: str, label: str, figures: tuple[Quality, ...], what: str) -> str:
    if not figures:
        return ""
    figures = tables.by_activity(figures)
    shown = figures[:15]
    chart = bar_chart(f"{title}: clean share", [(q.who, 100 * (q.clean_share or 0), "#3f8f5a") for q in shown],
                      maximum=100, value_text=lambda v: f"{v:.0f}% clean")
    in_part = any(q.partial_tickets for q in figures)  # a column only when some ticket was read in part
    rows = "".join(
        f"<tr><td>{esc(q.who)}</td><td class=num>{q.replies:,}</td><td class=num>{q.notes:,}</td>"
        f"<td class=num>{tables.pct(q.clean_share)}</td><td class=num>{tables.num(q.serious_per_100)}</td>"
        f"<td class=code>{esc(tables.top(q.worst))}</td>"
        + (f"<td class=num>{q.partial_tickets:,}</td>" if in_part else "") + "</tr>" for q in figures[:MAX_ROWS])
    part_note = (" <b>Tickets read in part</b>: tickets of this figure whose export held only some of their "
                 "comments; they are counted on what was read, and their later replies are missing from it."
                 if in_part else "")
    more = f"<p class=note>{len(figures) - MAX_ROWS} more not shown.</p>" if len(figures) > MAX_ROWS else ""
    return (f"<section id={label}s><h2>{esc(title)}</h2><p class=note>{esc(what)} <b>Clean share</b>: the share "
            "of those messages with no finding at or above warning. <b>Findings/100</b>: findings at or above "
            f"warning per 100 of those messages. Customer messages never count for or against an agent.{part_note}</p>"
            f"{chart}<table><thead><tr><th>{esc(label)}</th><th class=num>replies</th><th class=num>notes</th>"
            "<th class=num>clean share</th><th class=num>findings/100</th><th>worst rules</th>"
            + ("<th class=num>tickets read in part</th>" if in_part else "") + "</tr></thead>"
            f"<tbody>{rows}</tbody></table>{more}</section>")


def _group_table(g: GroupTable) -> str:
    rows = "".join(
        f"<tr><td>{esc(row.value)}</td><td class=num>{row.tickets:,}</td><td class=num>{row.messages:,}</td>"
        f"<td class=num>{row.findings:,}</td><td class=num>{tables.num(row.per_100_messages)}</td>"
        f"<td class=code>{esc(tables.top(row.by_code))}</td></tr>" for row in g.rows[:MAX_ROWS])
    more = f"<p class=note>{len(g.rows) - MAX_ROWS} more not shown.</p>" if len(g.rows) > MAX_ROWS else ""
    return (f"<table><thead><tr><th>{esc(g.field)}</th><th class=num>tickets</th><th class=num>messages</th>"
            "<th class=num>findings</th><th class=num>per 100 messages</th><th>top rules</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>{more}")


def _languages(g: GroupTable) -> str:
    if not g.rows:
        return ""
    chart = bar_chart("Findings per 100 messages, per language",
                      [(row.value, row.per_100_messages or 0, "#3b6ea5") for row in g.rows[:12]],
                      value_text=lambda v: f"{v:.1f} /100")
    return (f"<section id=languages><h2>Per language</h2><p class=note>The language detected for each message "
            f"(or given by the export).</p>{chart}{_group_table(g)}</section>")


def _group(g: GroupTable) -> str:
    return f"<section id='by-{esc(g.field)}'><h2>Findings per {esc(g.field)}</h2>{_group_table(g)}</section>"


def _examples(r: AuditReport) -> str:
    if not r.excerpts:
        return ""
    names = {x.code: x.name for x in r.rules}
    parts = ["<section id=examples><h2>Examples per rule</h2><p class=note>The first findings of each rule, "
             "on the line they are on. Offsets refer to the text that was linted: HTML bodies are converted to "
             "text first, and secrets are masked.</p>"]
    current = None
    sections = frozenset(e.code for e in r.excerpts)
    for e in r.excerpts:
        if e.code != current:
            current = e.code
            parts.append(f"<h3 id='{esc(anchor(e.code))}'><span class=code>{esc(e.code)}</span> "
                         f"{esc(names.get(e.code, ''))}</h3>")
            why = _rationale(e.code)
            if why:
                parts.append(f"<p class=note>{esc(why)}</p>")
        parts.append(_excerpt(e, sections))
    parts.append("</section>")
    return "".join(parts)


def _excerpt(e: Excerpt, sections: frozenset[str]) -> str:
    before, marked, after = e.text[: e.start], e.text[e.start: e.end], e.text[e.end:]
    where = f"{e.source} · ticket {e.ticket_id} · message {e.message_index} · line {e.line}, column {e.column}"
    # The other rules on the same problem, reported once under this finding (overlap.py): each links to its rule.
    # A code links to its rule's section when the report has one (a rule with only related findings has none).
    codes = (f"<a href='#{esc(anchor(c))}'>{esc(c)}</a>" if c in sections else esc(c) for c in e.related)
    also = f"<div class=also>also: {', '.join(codes)}</div>" if e.related else ""
    return (f"<div class=ex><div class=where>{esc(where)}</div>"
            f"<pre>{esc(before)}<mark>{esc(marked)}</mark>{esc(after)}</pre>"
            f"<div class=msg>{esc(e.message)}</div>{also}</div>")


def _errors(errors: list[ReadError], count: int) -> str:
    return _notices("errors", "Not linted", "Files and tickets that could not be read or fully linted; every ticket "
                    "read is linted or listed here.", errors, count)


def _partials(partials: list[PartialRead], count: int) -> str:
    return _notices("partial", "Read in part", "Tickets whose export held only part of them (a comment list cut short, "
                    "a cell cut at a size limit). They are linted and counted on what was read: a finding on the last "
                    "reply (TL302, TL303) may be answered in a missing message, and the agents' later replies are "
                    "missing from their figures. Export these tickets whole to audit them fully "
                    "(docs/helpdesk-exports.md).", partials, count)


def _notices(section: str, title: str, note: str, shown: Sequence[ReadError | PartialRead], count: int) -> str:
    """A section listing the tickets the run could not lint or read only in part: the first `shown`, then how many
    more (`count` in all); nothing when there are none."""
    if not count:
        return ""
    items = "".join(f"<li>{esc(n)}</li>" for n in shown)
    more = f"<li>... and {count - len(shown)} more</li>" if count > len(shown) else ""
    return (f"<section id={section}><h2>{title} ({count:,})</h2><p class=note>{note}</p>"
            f"<ul class=errors>{items}{more}</ul></section>")


def _footer() -> str:
    return ("<footer>Offsets (line, column) refer to the text that was linted: HTML bodies are converted to "
            "text first. A finding is charged to the author of the message it is on. "
            "Made by ticketlint; this file loads nothing from the network.</footer>")
