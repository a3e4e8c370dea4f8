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

from .. import __version__, notices
from ..audit import AuditReport, Excerpt, GroupTable, Quality
from ..model import PartialRead, ReadError, RuleMeta, Summary
from . import tables
from .base import ReportFormatter
from .escape import printable
from .svg import bar_chart

EN = notices.ENGLISH
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


def _rule_meta(code: str, lang: str) -> RuleMeta | None:
    """A rule's metadata with its help text in `lang` (what `ticketlint rule CODE --locale lang` prints)."""
    from ..registry import SelectionError, default_registry
    from ..ruledoc import localized

    try:
        return localized(default_registry().get(code).meta, lang)
    except SelectionError:  # a plugin rule no longer installed
        return None


def _rationale(code: str, lang: str = EN) -> str:
    """Why the rule exists, from its own metadata in `lang`."""
    meta = _rule_meta(code, lang)
    return meta.rationale if meta is not None else ""


def _summary(code: str, lang: str, own: str) -> str:
    """The rule's one-line summary in `lang` (the audit's, English, when the rule is not found)."""
    if lang == EN:
        return own
    meta = _rule_meta(code, lang)
    return meta.summary if meta is not None else own


class _Words:
    """The report's fixed texts in one language (rules/<lang>/notices.toml): `w("key")` escaped, `w.raw("key")`
    a text the catalogue writes as HTML (keys ending in _html), `w.n(1234)` a number as the language groups it."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, key: str, **fields: object) -> str:
        return esc(notices.say(self.lang, key, **fields))

    def raw(self, key: str) -> str:
        return notices.say(self.lang, key)

    def count(self, key: str, n: int) -> str:
        """`key_one`/`key_other` with `n` before its noun as the language says it (notices.count), escaped."""
        return esc(notices.count(self.lang, key, n))

    def n(self, value: int) -> str:
        return notices.number(self.lang, value)

    def word(self, kind: str, value: str) -> str:
        return tables.word(self.lang, kind, value)


class HtmlFormatter(ReportFormatter):
    name = "html"
    max_errors = MAX_ERRORS

    def stop(self, summary: Summary) -> None:
        self.stream.write(render(summary, self.errors, self.error_count, self.partials, self.lang))


def render(summary: Summary, errors: list[ReadError], error_count: int, partials: list[PartialRead] | None = None,
           lang: str = EN) -> str:
    report = summary.audit or AuditReport(0, 0, 0, (), (), (), GroupTable("language", ()))
    when = _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    w = _Words(lang)
    body = [
        f"<header><h1>{w('html.title')}</h1>",
        f"<p>{esc(tables.summary_line(summary, lang))}</p>",
        f"<p class=note>ticketlint {esc(__version__)} &middot; {esc(when)}</p></header>",
        _cards(summary, report, w),
        _families(report, w),
        _rules(report, w),
        _quality(notices.say(lang, "html.agents"), "agent", report.agents, notices.say(lang, "html.agents_what"), w),
        _quality(notices.say(lang, "html.teams"), "team", report.teams, notices.say(lang, "html.teams_what"), w),
        _languages(report.languages, w),
        *(_group(g, w) for g in report.groups if g.field != "language"),
        _examples(report, w),
        _errors(errors, error_count, w),
        _partials(partials or [], summary.tickets_partial, w),
        _footer(w),
    ]
    return (f"<!doctype html>\n<html lang={esc(lang)}><head><meta charset=utf-8>"
            "<meta name=viewport content='width=device-width,initial-scale=1'>"
            f"<title>{w.count('html.doc_title', report.tickets)}</title><style>{CSS}</style></head>"
            f"<body><main>{''.join(body)}</main></body></html>\n")


def _cards(s: Summary, r: AuditReport, w: _Words) -> str:
    roles = ", ".join(notices.say(w.lang, "row.role", n=n, role=w.word("role", role)) for role, n in r.by_role) \
        or notices.say(w.lang, "word.none")
    sev = ", ".join(notices.say(w.lang, "summary.severity", n=n, severity=w.word("severity", name))
                    for name, n in s.by_severity) or notices.say(w.lang, "word.none")
    linted = notices.say(w.lang, "html.card_linted_detail", read=w.n(s.tickets_read), unreadable=w.n(s.tickets_unreadable))
    if s.tickets_partial:
        linted += notices.say(w.lang, "html.card_partial", n=w.n(s.tickets_partial))
    cards = [
        (notices.say(w.lang, "html.card_linted"), w.n(s.tickets_linted), linted),
        (notices.say(w.lang, "row.messages"), w.n(r.messages), roles),
        (notices.say(w.lang, "row.findings"), w.n(r.findings), sev),
        (notices.say(w.lang, "html.card_clean"), tables.pct(r.clean_ticket_share, w.lang),
         notices.say(w.lang, "html.card_clean_detail", clean=w.n(r.clean_tickets), tickets=w.n(r.tickets))),
    ]
    items = "".join(f"<div class=card><div class=k>{esc(k)}</div><div class=n>{esc(n)}</div>"
                    f"<div class=d>{esc(d)}</div></div>" for k, n, d in cards)
    return f"<section class=cards id=overview>{items}</section>"


def _families(r: AuditReport, w: _Words) -> str:
    if not r.families:
        return f"<section><h2>{w('html.families')}</h2><p>{w('html.no_findings')}</p></section>"
    chart = bar_chart(notices.say(w.lang, "html.families_chart"),
                      [(tables.family_label(f, w.lang), n, COLOURS.get(f, COLOURS["other"])) for f, n in r.families])
    return f"<section id=families><h2>{w('html.families')}</h2>{chart}</section>"


def _th(w: _Words, *names: str, num: tuple[str, ...] = ()) -> str:
    return "".join(f"<th class=num>{w('col.' + n)}</th>" if n in num else f"<th>{w('col.' + n)}</th>" for n in names)


def _rules(r: AuditReport, w: _Words) -> str:
    if not r.rules:
        return ""
    chart = bar_chart(notices.say(w.lang, "html.rules_chart"),
                      [(f"{x.code} {x.name}", x.count, COLOURS.get(x.family, COLOURS["other"])) for x in r.rules[:12]])
    total = r.findings or 1
    rows = []
    for x in r.rules:
        colour = COLOURS.get(x.family, COLOURS["other"])
        rows.append(
            f"<tr><td class=code><a href='#{esc(anchor(x.code))}'>{esc(x.code)}</a></td>"
            f"<td>{esc(x.name)}<div class=note>{esc(_summary(x.code, w.lang, x.summary))}</div></td>"
            f"<td><span class='sev {esc(x.severity)}'>{esc(w.word('severity', x.severity))}</span></td>"
            f"<td class=nw><span class=fam style='background:{colour}'></span>{esc(w.word('family', x.family))}</td>"
            f"<td class=num>{w.n(x.count)}</td><td class=num>{tables.pct(x.count / total, w.lang)}</td></tr>")
    return (f"<section id=rules><h2>{w('html.rules')}</h2>" + chart +
            "<table><thead><tr>" + _th(w, "code", "rule", "severity", "family", "findings", "share",
                                        num=("findings", "share")) + "</tr></thead><tbody>" + "".join(rows) +
            f"</tbody></table><p class=note>{w.raw('html.rules_note_html')}</p></section>")


def _quality(title: str, label: str, figures: tuple[Quality, ...], what: str, w: _Words) -> str:
    if not figures:
        return ""
    figures = tables.by_activity(figures)
    shown = figures[:15]
    chart = bar_chart(notices.say(w.lang, "html.clean_chart", title=title),
                      [(tables.shown(w.lang, q.who), 100 * (q.clean_share or 0), "#3f8f5a") for q in shown],
                      maximum=100, value_text=lambda v: notices.say(w.lang, "html.clean_value", n=f"{v:.0f}"))
    in_part = any(q.partial_tickets for q in figures)  # a column only when some ticket was read in part
    aside = any(q.side_remarks for q in figures)  # one only when some agent message was a side remark to a helper
    rows = "".join(
        f"<tr><td>{esc(tables.shown(w.lang, q.who))}</td><td class=num>{w.n(q.replies)}</td><td class=num>{w.n(q.notes)}</td>"
        f"<td class=num>{tables.pct(q.clean_share, w.lang)}</td><td class=num>{tables.num(q.serious_per_100, w.lang)}</td>"
        f"<td class=code>{esc(tables.top(q.worst))}</td>"
        + (f"<td class=num>{w.n(q.partial_tickets)}</td>" if in_part else "")
        + (f"<td class=num>{w.n(q.side_remarks)}</td>" if aside else "") + "</tr>" for q in figures[:MAX_ROWS])
    part_note = w.raw("html.quality_partial_html") if in_part else ""
    side_note = w.raw("html.quality_side_html") if aside else ""
    more = f"<p class=note>{w('html.more_rows', n=len(figures) - MAX_ROWS)}</p>" if len(figures) > MAX_ROWS else ""
    heads = ("replies", "notes", "clean_share", "serious_per_100", "worst_rules", *(("tickets_read_in_part",) if in_part else ()),
             *(("side_remarks",) if aside else ()))
    return (f"<section id={label}s><h2>{esc(title)}</h2><p class=note>{esc(what)} {w.raw('html.quality_note_html')}"
            f"{part_note}{side_note}</p>{chart}<table><thead><tr><th>{esc(w.word('field', label))}</th>"
            + _th(w, *heads, num=("replies", "notes", "clean_share", "serious_per_100", "tickets_read_in_part", "side_remarks"))
            + f"</tr></thead><tbody>{rows}</tbody></table>{more}</section>")


def _group_table(g: GroupTable, w: _Words) -> str:
    rows = "".join(
        f"<tr><td>{esc(tables.shown(w.lang, row.value))}</td><td class=num>{w.n(row.tickets)}</td><td class=num>{w.n(row.messages)}</td>"
        f"<td class=num>{w.n(row.findings)}</td><td class=num>{tables.num(row.per_100_messages, w.lang)}</td>"
        f"<td class=code>{esc(tables.top(row.by_code))}</td></tr>" for row in g.rows[:MAX_ROWS])
    more = f"<p class=note>{w('html.more_rows', n=len(g.rows) - MAX_ROWS)}</p>" if len(g.rows) > MAX_ROWS else ""
    return (f"<table><thead><tr><th>{esc(w.word('field', g.field))}</th>"
            + _th(w, "tickets", "messages", "findings", "per_100_messages", "top_rules",
                  num=("tickets", "messages", "findings", "per_100_messages"))
            + f"</tr></thead><tbody>{rows}</tbody></table>{more}")


def _languages(g: GroupTable, w: _Words) -> str:
    if not g.rows:
        return ""
    chart = bar_chart(notices.say(w.lang, "html.languages_chart"),
                      [(tables.shown(w.lang, row.value), row.per_100_messages or 0, "#3b6ea5") for row in g.rows[:12]],
                      value_text=lambda v: notices.decimal(w.lang, f"{v:.1f} /100"))
    return (f"<section id=languages><h2>{w('html.languages')}</h2><p class=note>{w('html.languages_note')}</p>"
            f"{chart}{_group_table(g, w)}</section>")


def _group(g: GroupTable, w: _Words) -> str:
    field = w.word("field", g.field)
    return (f"<section id='by-{esc(g.field)}'><h2>{esc(notices.cap(notices.say(w.lang, 'table.groups', field=field)))}</h2>"
            f"{_group_table(g, w)}</section>")


def _examples(r: AuditReport, w: _Words) -> str:
    if not r.excerpts:
        return ""
    names = {x.code: x.name for x in r.rules}
    parts = [f"<section id=examples><h2>{w('html.examples')}</h2><p class=note>{w('html.examples_note')}</p>"]
    current = None
    sections = frozenset(e.code for e in r.excerpts)
    for e in r.excerpts:
        if e.code != current:
            current = e.code
            parts.append(f"<h3 id='{esc(anchor(e.code))}'><span class=code>{esc(e.code)}</span> "
                         f"{esc(names.get(e.code, ''))}</h3>")
            why = _rationale(e.code, w.lang)
            if why:
                parts.append(f"<p class=note>{esc(why)}</p>")
        parts.append(_excerpt(e, sections, w))
    parts.append("</section>")
    return "".join(parts)


def _excerpt(e: Excerpt, sections: frozenset[str], w: _Words) -> str:
    before, marked, after = e.text[: e.start], e.text[e.start: e.end], e.text[e.end:]
    where = w("html.example_where", source=e.source, ticket=e.ticket_id, message=e.message_index, line=e.line,
              column=e.column)
    # The other rules on the same problem, reported once under this finding (overlap.py): each links to its rule.
    # A code links to its rule's section when the report has one (a rule with only related findings has none).
    codes = (f"<a href='#{esc(anchor(c))}'>{esc(c)}</a>" if c in sections else esc(c) for c in e.related)
    also = f"<div class=also>{esc(notices.say(w.lang, 'text.also', codes='{codes}')).format(codes=', '.join(codes))}</div>" \
        if e.related else ""
    return (f"<div class=ex><div class=where>{where}</div>"
            f"<pre>{esc(before)}<mark>{esc(marked)}</mark>{esc(after)}</pre>"
            f"<div class=msg>{esc(e.message)}</div>{also}</div>")


def _errors(errors: list[ReadError], count: int, w: _Words) -> str:
    return _notices("errors", w("html.not_linted"), w("html.not_linted_note"), errors, count, w)


def _partials(partials: list[PartialRead], count: int, w: _Words) -> str:
    return _notices("partial", w("html.read_in_part"), w("html.read_in_part_note"), partials, count, w)


def _notices(section: str, title: str, note: str, shown: Sequence[ReadError | PartialRead], count: int, w: _Words) -> str:
    """A section listing the tickets the run could not lint or read only in part: the first `shown`, then how many
    more (`count` in all); nothing when there are none."""
    if not count:
        return ""
    items = "".join(f"<li>{esc(notices.line(n, w.lang))}</li>" for n in shown)
    more = f"<li>{w('list.more', n=count - len(shown))}</li>" if count > len(shown) else ""
    return (f"<section id={section}><h2>{title} ({w.n(count)})</h2><p class=note>{note}</p>"
            f"<ul class=errors>{items}{more}</ul></section>")


def _footer(w: _Words) -> str:
    return f"<footer>{w('html.footer')}</footer>"
