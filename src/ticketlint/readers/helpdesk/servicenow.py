"""ServiceNow incidents: Table API (`{"result": [...]}` or one `{"result": {...}}`), JSONv2
(`{"records": [...]}`) and the CSV list export.

Every field may be a string, `{"value", "link"}` or `{"display_value", "value", "link"}`
(docs/dev/helpdesk-exports.md §4.2): names come from display values where there are some,
codes from values. State and priority codes become the baseline labels (6 -> Resolved,
"3 - Moderate" -> Moderate); a label stays a label; an unknown code stays its number.

Messages: `description` first (the caller's, customer, at `opened_at`), then the journal in
thread order: entries from a `sys_journal_field` side file joined by `element_id` when there is
one for the incident, otherwise the concatenated journal text of `comments`, `work_notes` (or
`comments_and_work_notes`), split on its header lines ("2024-04-09 10:14:02 - Beth Anglin
(Additional comments)"), which ServiceNow writes newest first. Roles (§4.4):

- work notes -> note;
- additional comments by the caller -> customer; by `guest` (mail from an unknown sender) ->
  customer; by `system`/`admin` -> agent, shown as "<name> (automation)";
- additional comments by anyone else -> agent when the caller is known; when the caller is not
  in the record, only a known agent (the assignee, a work-note author) is an agent and any other
  author is put on the customer side (never charged to the agents by guess).

`[code]...[/code]` in journal text (HTML that ServiceNow renders) is turned into text.

Read in part: the CSV export writes display values, and "setting the property
[glide.export.csv.raw.value] as false also crops the value's string to 32000 characters"
(ServiceNow, System properties for display value and header); a spreadsheet cell holds 32,767. A
journal cell of exactly one of these lengths lost its oldest entries (the field is written newest
first), a description cell its end: the incident is linted on what is there and marked read in part.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any, ClassVar

from ... import recache
from ...model import Gap, ReadError, Role, Size, Ticket, said
from . import _common as c
from .base import SideData, Where

STATE = {1: "New", 2: "In Progress", 3: "On Hold", 6: "Resolved", 7: "Closed", 8: "Canceled"}
PRIORITY = {1: "Critical", 2: "High", 3: "Moderate", 4: "Low", 5: "Planning"}
_CODE_LABEL = recache.compile(r"\d{1,3} - (.{1,100})")  # "3 - Moderate", as display values show a priority
_JOURNAL_HEADER = recache.compile(
    r"(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}|\d{2}[./-]\d{2}[./-]\d{4} \d{2}:\d{2}(?::\d{2})?(?: ?[AP]M)?)"
    r" - (.{1,200}) \((Additional comments|Work notes)\)"
)
_ISO = recache.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")
_LOCAL = recache.compile(r"(\d{2})([./-])(\d{2})[./-](\d{4}) (\d{2}):(\d{2})(?::(\d{2}))?(?: ?([AP]M))?")
_CODE_TAG = recache.compile(r"\[(/?)code\]", re.IGNORECASE)
AUTOMATION_USERS = frozenset({"system", "admin"})
CSV_CROP = 32_000  # a CSV display value is cropped to this many characters (glide.export.csv.raw.value false)
CUT_AT = {CSV_CROP: said("limit.servicenow_csv"), c.SPREADSHEET_CELL: said("limit.spreadsheet")}
GUEST_USERS = frozenset({"guest"})

# CSV headers: field names or labels (XLSX-style) -> field names (§4.5)
CSV_SYNONYMS = {
    "number": "number", "sys_id": "sys_id",
    "short_description": "short_description", "short description": "short_description",
    "description": "description",
    "caller_id": "caller_id", "caller": "caller_id",
    "assigned_to": "assigned_to", "assigned to": "assigned_to",
    "assignment_group": "assignment_group", "assignment group": "assignment_group",
    "state": "state", "incident state": "state", "priority": "priority",
    "sys_created_on": "sys_created_on", "created": "sys_created_on",
    "opened_at": "opened_at", "opened": "opened_at",
    "comments": "comments", "additional comments": "comments",
    "work_notes": "work_notes", "work notes": "work_notes",
    "comments_and_work_notes": "comments_and_work_notes",
    "additional comments and work notes": "comments_and_work_notes",
    "comments and work notes": "comments_and_work_notes",
    "contact_type": "contact_type", "contact type": "contact_type", "channel": "contact_type",
}


def _field(record: Mapping[str, Any], key: str) -> tuple[str | None, str | None]:
    """(value, display value) of a field in any of its three shapes; empty strings are None."""
    raw = record.get(key)
    if raw is None:
        return None, None
    if isinstance(raw, str) or c.is_int(raw):
        return (str(raw) or None), None
    if isinstance(raw, Mapping):
        value, display = raw.get("value"), raw.get("display_value")
        ok = all(v is None or isinstance(v, str) or c.is_int(v) for v in (value, display))
        if ok:
            return (str(value) if value not in (None, "") else None), (str(display) if display not in (None, "") else None)
    raise c.TicketFormatError(said("read.field_servicenow", field=key, type=c.type_name(raw)))


def _code_label(record: Mapping[str, Any], key: str, labels: Mapping[int, str]) -> str | None:
    value, display = _field(record, key)
    text = display or value
    if text is None:
        return None
    m = _CODE_LABEL.fullmatch(text.strip())
    return m.group(1).strip() if m else c.label(text, labels)


def strip_code(text: str) -> str:
    """`[code]<html>[/code]` as text; an unpaired tag is left as typed. Linear: tags are found once."""
    if "[" not in text:
        return text
    out: list[str] = []
    pos = 0
    opened = -1
    for m in _CODE_TAG.finditer(text):
        if not m.group(1):
            if opened == -1:
                out.append(text[pos:m.start()])
                opened, pos = m.end(), m.end()
        elif opened != -1:
            shown = c.html_body(text[opened:m.start()], "[code] block")
            if "\n" in shown:  # block HTML (a list, paragraphs) starts on a line of its own
                out[-1] = out[-1].rstrip(" ")
                shown = "\n\n" + shown + "\n\n"
            out.append(shown)
            opened, pos = -1, m.end()
    out.append(text[pos:] if opened == -1 else "[code]" + text[opened:])  # an unclosed [code] stays as typed
    return "".join(out)


def parse_journal(text: str, default_kind: str) -> list[tuple[str, str | None, str | None, str]]:
    """Entries (kind, time, author, body) of a concatenated journal field, oldest first.

    Headers are whole lines matched by a bounded pattern (linear in the line); text before the
    first header, or a field with no header at all, is one entry with no author or time.
    """
    entries: list[tuple[str, str | None, str | None, list[str]]] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        m = _JOURNAL_HEADER.fullmatch(line.strip()) if len(line) < 400 else None
        if m:
            kind = "work_notes" if m.group(3) == "Work notes" else "comments"
            entries.append((kind, m.group(1), m.group(2).strip(), []))
        else:
            if not entries:
                entries.append((default_kind, None, None, []))
            entries[-1][3].append(line)
    out = [(k, t, a, "\n".join(body).strip("\n")) for k, t, a, body in entries]
    if out and out[0][1] is None:  # untitled leading text stays first
        return out[:1] + out[:0:-1]
    return out[::-1]  # newest first in the field


def _sort_key(stamp: str | None) -> str | None:
    """A sortable form of a journal header's time, or None when it cannot be read.

    Headers use the viewer's date format: ISO as is; dd.mm.yyyy and dd-mm-yyyy are day first;
    with slashes the US month-first order is assumed unless the first number is over 12.
    """
    if not stamp:
        return None
    if _ISO.fullmatch(stamp):
        return stamp
    m = _LOCAL.fullmatch(stamp)
    if not m:
        return None
    a, sep, b, year, hour, minute, second, half = m.groups()
    day, month = (a, b) if sep != "/" or int(a) > 12 else (b, a)
    h = int(hour)
    if half:
        h = h % 12 + (12 if half == "PM" else 0)
    return f"{year}-{month}-{day} {h:02d}:{minute}:{second or '00'}"


def _time(stamp: str | None) -> str | None:
    """A time as "YYYY-MM-DD HH:MM:SS" when its format is known (the viewer's date format in display
    values and CSV), so that every ServiceNow time reads and sorts alike; as given otherwise."""
    return _sort_key(stamp.strip()) or stamp if stamp else None


class ServiceNow:
    name: ClassVar[str] = "servicenow"
    wrappers: ClassVar[tuple[str, ...]] = ("result", "records")

    def matches(self, record: Mapping[str, Any]) -> bool:
        if "element_id" in record:  # a sys_journal_field entry: side data, not an incident
            return False
        return "sys_id" in record or ("number" in record and ("short_description" in record or "caller_id" in record))

    def to_ticket(self, record: Mapping[str, Any], where: Where, side: SideData) -> Ticket:
        if not isinstance(record, Mapping):
            raise c.TicketFormatError(said("read.servicenow_object"))
        number, number_display = _field(record, "number")
        sys_id, _ = _field(record, "sys_id")
        caller_ids, caller_name = self._person(record, "caller_id", side)
        dotted, _ = _field(record, "caller_id.user_name")
        if dotted:
            caller_ids.add(dotted)
        agent_ids, agent_name = self._person(record, "assigned_to", side)
        group_value, group_display = _field(record, "assignment_group")
        opened = _field(record, "opened_at")
        created = _field(record, "sys_created_on")
        description = _field(record, "description")
        messages = [c.message(Role.CUSTOMER, strip_code(description[1] or description[0] or ""), caller_name,
                              _time(opened[1] or opened[0] or created[1] or created[0]), None)]
        entries = self._journal(record, sys_id, side)
        note_authors = {a for k, _t, a, _b in entries if k == "work_notes" and a}
        known_agents = agent_ids | note_authors
        for kind, when, author, body in entries:
            names = self._names(author, side)
            bot = kind != "work_notes" and bool(names & AUTOMATION_USERS)
            shown = side.users[author].name if author and author in side.users and side.users[author].name else author
            if kind == "work_notes":
                role = Role.NOTE
            elif names & AUTOMATION_USERS:
                role, shown = Role.AGENT, f"{shown} (automation)"
            elif names & caller_ids or names & GUEST_USERS:
                role = Role.CUSTOMER
            elif caller_ids:
                role = Role.AGENT
            else:
                role = Role.AGENT if names & known_agents else Role.CUSTOMER
            messages.append(c.message(role, strip_code(body).strip("\n"), shown, _time(when), None, automated=bot))
        channel = _field(record, "contact_type")
        extra = c.fields(
            agent=agent_name,
            group=group_display or (self._group(group_value, side)),
            channel=channel[1] or channel[0],
            status=_code_label(record, "state", STATE) or _code_label(record, "incident_state", STATE),
            priority=_code_label(record, "priority", PRIORITY),
            requester=caller_name,
        )
        subject = _field(record, "short_description")
        return c.make_ticket(number_display or number or sys_id, where, messages,
                             subject=subject[1] or subject[0], extra=extra)

    @staticmethod
    def _person(record: Mapping[str, Any], key: str, side: SideData) -> tuple[set[str], str | None]:
        """Every name the person is known by (sys_id, user_name, display name), and the one to show."""
        value, display = _field(record, key)
        ids = {x for x in (value, display) if x}
        person = side.users.get(value) if value else None
        if person is not None:
            ids.add(person.id)
            if person.name:
                ids.add(person.name)
        shown = display or (person.name if person and person.name else None) or value
        return ids, shown

    @staticmethod
    def _names(author: str | None, side: SideData) -> set[str]:
        if not author:
            return set()
        names = {author}
        person = side.users.get(author)
        if person is not None:
            names.add(person.id)
            if person.name:
                names.add(person.name)
        return names

    @staticmethod
    def _group(value: str | None, side: SideData) -> str | None:
        person = side.users.get(value) if value else None  # sys_user_group records load as users too
        return (person.name if person and person.name else None) or value

    def _journal(self, record: Mapping[str, Any], sys_id: str | None,
                 side: SideData) -> list[tuple[str, str | None, str | None, str]]:
        """Journal entries (kind, time, author, body) in thread order."""
        if sys_id and side.children.get(sys_id):
            rows = []
            for i, raw in enumerate(side.children[sys_id]):
                path = f"sys_journal_field[{i}]."
                if not isinstance(raw, Mapping):
                    raise c.TicketFormatError(said("read.field_object_bare", field=f"sys_journal_field[{i}]"))
                element = _field(raw, "element")[0]
                if element not in ("comments", "work_notes"):
                    continue
                when = _field(raw, "sys_created_on")[0]
                author = _field(raw, "sys_created_by")[0]
                value = c.opt_text(raw, "value", path) if not isinstance(raw.get("value"), Mapping) else _field(raw, "value")[0]
                rows.append((element, when, author, value or ""))
            return sorted(rows, key=lambda r: r[1] or "")
        entries: list[tuple[str, str | None, str | None, str]] = []
        for key in ("comments", "work_notes"):
            value, display = _field(record, key)
            text = display or value
            if text and text.strip():
                entries += parse_journal(text, key)
        if not entries:
            value, display = _field(record, "comments_and_work_notes")
            text = display or value
            if text and text.strip():
                entries = parse_journal(text, "comments")
        keys = [_sort_key(t) for _k, t, _a, _b in entries]
        if entries and all(keys):
            order = sorted(range(len(entries)), key=lambda i: keys[i])  # type: ignore[arg-type,return-value]
            entries = [entries[i] for i in order]
        return entries

    # -- CSV list export -----------------------------------------------------------------------
    def matches_header(self, header: Sequence[str]) -> bool:
        names = {CSV_SYNONYMS.get(h.strip().lower()) for h in header}
        return "number" in names and bool(names & {"short_description", "caller_id", "assignment_group", "sys_id"})

    def csv_tickets(self, rows: Iterator[tuple[int, Mapping[str, str]]], source: str,
                    side: SideData) -> Iterator[Ticket | ReadError]:
        """One incident per row; values are display values (names, labels), journal columns are
        concatenated text (parsed as above)."""
        for index, (line, row) in enumerate(rows, start=1):
            record: dict[str, str] = {}
            for key, value in row.items():
                name = CSV_SYNONYMS.get((key or "").strip().lower())
                if name and isinstance(value, str) and name not in record:
                    record[name] = value
            tid = (record.get("number") or "").strip() or None
            try:
                ticket = self.to_ticket(record, Where(source, line, index), side)
            except c.TicketFormatError as exc:
                yield ReadError(source, line, exc.said, tid)
                continue
            gaps = self._cut_cells(record, ticket, side)
            yield replace(ticket, partial=gaps) if gaps else ticket

    def _cut_cells(self, record: Mapping[str, str], ticket: Ticket, side: SideData) -> tuple[Gap, ...]:
        """The cells of a CSV row cut at an export's or a spreadsheet's limit (see the module docstring)."""
        gaps: list[Gap] = []
        cut = c.cut_cell(record.get("description"), "description", CUT_AT)
        if cut is not None:
            gaps.append(cut)
        sys_id = record.get("sys_id")
        if sys_id and side.children.get(sys_id):
            return tuple(gaps)  # the journal came from sys_journal_field, whole
        for key in ("comments", "work_notes", "comments_and_work_notes"):
            text = record.get(key)
            if text is not None and len(text) in CUT_AT:
                entries = len(parse_journal(text, key))
                gaps.append(Gap("journal entries", entries, None,
                                said("evidence.journal_cell", column=key, n=Size(len(text)), limit=CUT_AT[len(text)])))
        return tuple(gaps)

