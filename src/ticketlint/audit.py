"""The audit: the numbers a supervisor reads, accumulated one linted ticket at a time.

`Audit.add` is fed once per linted ticket with the findings the run reports;
`Audit.report` gives a frozen `AuditReport` that every output format renders
(text tables, JSON `summary.audit`, Markdown, HTML). Nothing per ticket is
kept: memory grows with the number of distinct groups (authors, agents,
teams, languages...) and rules, never with the number of tickets.

Fairness to agents is the point of the design:

- a finding is charged to the author of the message it is on, never to the
  ticket's assignee alone (`--group-by author`);
- the quality figure of an agent (and of a team) counts only agent replies
  and internal notes: what the customer wrote never counts for or against
  an agent; nor does a side remark between helpers of a chat (an agent
  message addressed to another agent, `Document.side_remarks`): it is no
  reply, the reply rules do not read it, so it is neither a clean reply nor
  a faulty one, and it is counted apart (`side_remarks`);
- the language of a message is the one detected for that message;
- a ticket read in part (its export held only some of its comments: `Ticket.partial`) is counted
  on what was read, and the report says how many such tickets there are, overall and per agent and
  team (`partial_tickets`), so that a figure resting on them is read as such (docs/audit.md).

The formula is documented in docs/audit.md and tested with hand-computed
numbers in tests/test_audit.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .model import Finding, Message, RuleMeta, SaidError, Severity, Ticket, said

if TYPE_CHECKING:
    from .runner import Outcome

# Rule families in report order: a rule belongs to the first of its groups found here.
FAMILIES: tuple[str, ...] = ("evidence", "clarity", "completeness", "tone", "privacy")
FAMILY_CODES: dict[str, str] = {"evidence": "TL1xx", "clarity": "TL2xx", "completeness": "TL3xx", "tone": "TL4xx",
                                "privacy": "TL6xx"}
OTHER_FAMILY = "other"

# What --group-by accepts. Message fields are read per message (the author and role of the message a
# finding is on, the language detected for it); the others are the ticket's own fields.
MESSAGE_FIELDS: tuple[str, ...] = ("author", "language", "role")
TICKET_GROUP_FIELDS: tuple[str, ...] = ("agent", "team", "group", "channel", "status", "priority", "requester",
                                        "source")
GROUP_FIELDS: tuple[str, ...] = ("author", "agent", "team", "group", "channel", "status", "priority", "requester",
                                 "language", "role", "source")

NONE = "(none)"  # a ticket field the export does not have
UNKNOWN_AUTHOR = "(unknown)"  # a message without an author (or a language); tables say both in the locale
EXCERPTS_PER_RULE = 3
TOP_RULES = 3
EXCERPT_BEFORE, EXCERPT_AFTER = 80, 160  # characters of a long line kept around a finding


@dataclass(frozen=True, slots=True)
class RuleRow:
    """Findings of one rule, with what a reader needs to understand the code."""

    code: str
    name: str
    severity: str
    family: str
    count: int
    summary: str = ""


@dataclass(frozen=True, slots=True)
class GroupRow:
    """One value of a --group-by field: tickets and messages it covers, findings on those messages."""

    value: str
    tickets: int
    messages: int
    by_code: tuple[tuple[str, int], ...]  # most frequent first

    @property
    def findings(self) -> int:
        return sum(n for _, n in self.by_code)

    @property
    def per_100_messages(self) -> float | None:
        return 100 * self.findings / self.messages if self.messages else None


@dataclass(frozen=True, slots=True)
class GroupTable:
    field: str
    rows: tuple[GroupRow, ...]  # most findings first


@dataclass(frozen=True, slots=True)
class Quality:
    """The quality figure of one agent (by author) or one team, over agent replies and notes only.

    clean share = clean / (replies + notes), where a message is clean when it has no finding at or
    above warning; serious per 100 = 100 * serious / (replies + notes), serious being the findings at
    or above warning on those messages; worst = the (at most 3) codes with the most serious findings.
    """

    who: str
    replies: int
    notes: int
    clean: int
    serious: int
    worst: tuple[tuple[str, int], ...]
    partial_tickets: int = 0  # tickets read in part among those this figure counts messages of
    side_remarks: int = 0  # agent messages that were side remarks to another helper: not in replies, clean or serious

    @property
    def written(self) -> int:
        return self.replies + self.notes

    @property
    def clean_share(self) -> float | None:
        return self.clean / self.written if self.written else None

    @property
    def serious_per_100(self) -> float | None:
        return 100 * self.serious / self.written if self.written else None


@dataclass(frozen=True, slots=True)
class Excerpt:
    """A finding as the HTML report shows it: the line it is on (secrets already masked by the
    engine), clipped around the finding, and where in that text to highlight."""

    code: str
    source: str
    ticket_id: str
    message_index: int
    line: int
    column: int
    text: str
    start: int
    end: int
    message: str
    related: tuple[str, ...] = ()  # codes of the other rules' findings on the same problem (overlap.py)


@dataclass(frozen=True, slots=True)
class AuditReport:
    tickets: int  # tickets with at least one message in the audit
    clean_tickets: int  # of those, tickets with no finding at or above warning
    messages: int
    by_role: tuple[tuple[str, int], ...]
    rules: tuple[RuleRow, ...]  # most findings first
    families: tuple[tuple[str, int], ...]  # in FAMILIES order, then other
    languages: GroupTable  # always computed: the per-language breakdown
    groups: tuple[GroupTable, ...] = ()  # one per --group-by field, in the order asked
    agents: tuple[Quality, ...] = ()  # by author of agent replies and notes
    teams: tuple[Quality, ...] = ()  # by the ticket's team (or group)
    excerpts: tuple[Excerpt, ...] = field(default_factory=tuple)
    partial_tickets: int = 0  # of `tickets`, those read in part (counted on what was read)

    @property
    def findings(self) -> int:
        return sum(r.count for r in self.rules)

    @property
    def clean_ticket_share(self) -> float | None:
        return self.clean_tickets / self.tickets if self.tickets else None

    def group(self, name: str) -> GroupTable | None:
        return next((g for g in self.groups if g.field == name), None)

    def to_dict(self) -> dict[str, object]:
        """The same numbers for JSON output (`summary.audit`)."""
        return {
            "tickets": self.tickets,
            "clean_tickets": self.clean_tickets,
            "partial_tickets": self.partial_tickets,
            "clean_ticket_share": _round(self.clean_ticket_share),
            "messages": self.messages,
            "messages_by_role": dict(self.by_role),
            "findings": self.findings,
            "by_family": dict(self.families),
            "rules": [{"code": r.code, "name": r.name, "severity": r.severity, "family": r.family, "count": r.count}
                      for r in self.rules],
            "languages": _table_dict(self.languages),
            "groups": {g.field: _table_dict(g) for g in self.groups},
            "agents": [_quality_dict(q) for q in self.agents],
            "teams": [_quality_dict(q) for q in self.teams],
        }


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def _table_dict(table: GroupTable) -> dict[str, object]:
    return {row.value: {"tickets": row.tickets, "messages": row.messages, "findings": row.findings,
                        "per_100_messages": _round(row.per_100_messages, 2), "by_code": dict(sorted(row.by_code))}
            for row in table.rows}


def _quality_dict(q: Quality) -> dict[str, object]:
    return {"name": q.who, "replies": q.replies, "notes": q.notes, "clean": q.clean,
            "clean_share": _round(q.clean_share), "findings_at_or_above_warning": q.serious,
            "per_100_replies_and_notes": _round(q.serious_per_100, 2), "worst_rules": dict(q.worst),
            "partial_tickets": q.partial_tickets, "side_remarks": q.side_remarks}


class _Group:
    __slots__ = ("tickets", "messages", "codes")

    def __init__(self) -> None:
        self.tickets = 0
        self.messages = 0
        self.codes: Counter[str] = Counter()


class _Quality:
    __slots__ = ("replies", "notes", "clean", "serious", "codes", "partial", "remarks")

    def __init__(self) -> None:
        self.replies = self.notes = self.clean = self.serious = self.partial = self.remarks = 0
        self.codes: Counter[str] = Counter()

    def add(self, role: str, serious: Sequence[Finding]) -> None:
        if role == "agent":
            self.replies += 1
        else:
            self.notes += 1
        self.serious += len(serious)
        if not serious:
            self.clean += 1
        self.codes.update(f.code for f in serious)

    def freeze(self, who: str) -> Quality:
        return Quality(who, self.replies, self.notes, self.clean, self.serious, _top(self.codes, TOP_RULES),
                       self.partial, self.remarks)


def _top(codes: Counter[str], n: int | None = None) -> tuple[tuple[str, int], ...]:
    ranked = sorted(codes.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple(ranked if n is None else ranked[:n])


def check_fields(fields: Sequence[str]) -> tuple[str, ...]:
    """The --group-by fields, validated (a ValueError names the unknown one: a catalogue text, `SaidError`, said in
    the run's locale), duplicates dropped."""
    out: list[str] = []
    for name in fields:
        key = name.strip().lower()
        if key not in GROUP_FIELDS:
            raise SaidError(said("cli.group_by", value=repr(name), known=", ".join(GROUP_FIELDS)).within("--group-by"))
        if key not in out:
            out.append(key)
    return tuple(out)


def family_of(meta: RuleMeta | None) -> str:
    if meta is not None:
        for group in meta.groups:
            if group in FAMILIES:
                return group
    return OTHER_FAMILY


class Audit:
    """Accumulates the audit of a batch; see the module docstring."""

    def __init__(self, group_by: Sequence[str] = (), rules: Mapping[str, RuleMeta] | None = None) -> None:
        self.fields = check_fields(group_by)
        self.rules = dict(rules or {})
        self.tickets = self.clean_tickets = self.partial_tickets = 0
        self.by_role: Counter[str] = Counter()
        self.by_code: Counter[str] = Counter()
        self.rule_info: dict[str, tuple[str, str]] = {}  # code -> (name, severity as reported)
        self.groups: dict[str, dict[str, _Group]] = {f: {} for f in self.fields}
        self.languages: dict[str, _Group] = {}
        self.agents: dict[str, _Quality] = {}
        self.teams: dict[str, _Quality] = {}
        self.excerpts: dict[str, list[Excerpt]] = {}

    def add(self, ticket: Ticket, outcome: "Outcome", counted: Sequence[bool] | None = None) -> None:
        """One linted ticket. `counted[i]` False leaves message i out (outside the audit window, e.g.
        before --since): it counts nowhere, and findings on it, which the caller has already filtered
        out, are ignored. A ticket with no counted message is not in the audit."""
        n = len(ticket.messages)
        counts = [True] * n if counted is None else list(counted)
        if len(counts) != n:
            raise ValueError(f"counted has {len(counts)} entries for a ticket of {n} messages")
        if not any(counts):
            return
        none: list[tuple[Finding, str]] = []  # most tickets have no finding: one empty list read for every message
        per_message: list[list[tuple[Finding, str]]] = [[] for _ in range(n)] if outcome.found else [none] * n
        for finding, line_text in outcome.found:
            if 0 <= finding.message_index < n and counts[finding.message_index]:
                per_message[finding.message_index].append((finding, line_text))
        extra = dict(ticket.extra)
        team = extra.get("team") or extra.get("group") or NONE
        self.tickets += 1
        clean = True
        seen: dict[str, set[str]] = {f: set() for f in self.fields}
        seen_language: set[str] = set()
        in_part: dict[int, _Quality] = {}  # the quality figures of this ticket's agents and team, when read in part
        aside = outcome.side_remarks  # agent messages that are no reply: counted apart, never as clean or faulty replies
        for i, message in enumerate(ticket.messages):
            if not counts[i]:
                continue
            found = per_message[i]
            role = message.role.value
            self.by_role[role] += 1
            language = _language(ticket, message, outcome.languages, i)
            serious = [f for f, _ in found if f.severity >= Severity.WARNING]
            if serious:
                clean = False
            for finding, line_text in found:
                self._rule(finding, line_text)
            self._count(self.languages, language, seen_language, found)
            for name in self.fields:
                value = _value(name, ticket, extra, message, language)
                self._count(self.groups[name], value, seen[name], found)
            if role in ("agent", "note") and not message.automated:  # a trigger's text is no agent's work
                by_agent, by_team = _quality(self.agents, message.author or UNKNOWN_AUTHOR), _quality(self.teams, team)
                if i in aside and role == "agent":
                    by_agent.remarks += 1
                    by_team.remarks += 1
                    continue
                by_agent.add(role, serious)
                by_team.add(role, serious)
                if ticket.partial:
                    in_part[id(by_agent)], in_part[id(by_team)] = by_agent, by_team
        if ticket.partial:
            self.partial_tickets += 1
            for figure in in_part.values():
                figure.partial += 1
        if clean:
            self.clean_tickets += 1

    @staticmethod
    def _count(table: dict[str, _Group], value: str, seen: set[str], found: list[tuple[Finding, str]]) -> None:
        group = table.get(value)
        if group is None:
            group = table[value] = _Group()
        group.messages += 1
        if value not in seen:
            seen.add(value)
            group.tickets += 1
        if found:
            group.codes.update(f.code for f, _ in found)

    def _rule(self, finding: Finding, line_text: str) -> None:
        self.by_code[finding.code] += 1
        if finding.code not in self.rule_info:
            self.rule_info[finding.code] = (finding.name, finding.severity.label)
        kept = self.excerpts.setdefault(finding.code, [])
        if len(kept) < EXCERPTS_PER_RULE:
            kept.append(excerpt_of(finding, line_text))

    def merge(self, other: "Audit") -> None:
        """Add the audit of another part of the same batch (a Dask or Spark partition, frames.py).

        Merging the parts in input order gives the audit of the whole, number for number, as if one
        Audit had been fed every ticket: counts add up, and each rule keeps the first excerpts."""
        if other.fields != self.fields:
            raise ValueError(f"cannot merge audits grouped by {other.fields} into one grouped by {self.fields}")
        self.tickets += other.tickets
        self.clean_tickets += other.clean_tickets
        self.partial_tickets += other.partial_tickets
        self.by_role.update(other.by_role)
        self.by_code.update(other.by_code)
        for code, info in other.rule_info.items():
            self.rule_info.setdefault(code, info)
        for name in self.fields:
            _merge_groups(self.groups[name], other.groups[name])
        _merge_groups(self.languages, other.languages)
        for mine, theirs in ((self.agents, other.agents), (self.teams, other.teams)):
            for who, q in theirs.items():
                into = mine.setdefault(who, _Quality())
                into.replies += q.replies
                into.notes += q.notes
                into.clean += q.clean
                into.serious += q.serious
                into.partial += q.partial
                into.remarks += q.remarks
                into.codes.update(q.codes)
        for code, excerpts in other.excerpts.items():
            kept = self.excerpts.setdefault(code, [])
            kept.extend(excerpts[:max(0, EXCERPTS_PER_RULE - len(kept))])

    def state(self) -> dict[str, object]:
        """What this audit has counted, as plain JSON values (no rule metadata): to send a partition's
        audit across processes or machines; `Audit.from_state` reads it back."""
        return {
            "fields": list(self.fields), "tickets": self.tickets, "clean_tickets": self.clean_tickets,
            "partial_tickets": self.partial_tickets,
            "by_role": dict(self.by_role), "by_code": dict(self.by_code),
            "rule_info": {code: list(info) for code, info in self.rule_info.items()},
            "groups": {name: _groups_state(table) for name, table in self.groups.items()},
            "languages": _groups_state(self.languages),
            "agents": {who: _quality_state(q) for who, q in self.agents.items()},
            "teams": {who: _quality_state(q) for who, q in self.teams.items()},
            "excerpts": {code: [[e.code, e.source, e.ticket_id, e.message_index, e.line, e.column, e.text, e.start,
                                 e.end, e.message, list(e.related)] for e in kept] for code, kept in self.excerpts.items()},
        }

    @classmethod
    def from_state(cls, state: Mapping[str, Any], rules: Mapping[str, RuleMeta] | None = None) -> "Audit":
        audit = cls(tuple(state["fields"]), rules)
        audit.tickets = int(state["tickets"])
        audit.clean_tickets = int(state["clean_tickets"])
        audit.partial_tickets = int(state.get("partial_tickets", 0))
        audit.by_role = Counter(state["by_role"])
        audit.by_code = Counter(state["by_code"])
        audit.rule_info = {code: (info[0], info[1]) for code, info in state["rule_info"].items()}
        audit.groups = {name: _groups_from(state["groups"][name]) for name in audit.fields}
        audit.languages = _groups_from(state["languages"])
        audit.agents = {who: _quality_from(q) for who, q in state["agents"].items()}
        audit.teams = {who: _quality_from(q) for who, q in state["teams"].items()}
        audit.excerpts = {code: [_excerpt_from_state(e) for e in kept] for code, kept in state["excerpts"].items()}
        return audit

    def report(self) -> AuditReport:
        rules = []
        families: Counter[str] = Counter()
        for code, count in _top(self.by_code):
            name, severity = self.rule_info[code]
            meta = self.rules.get(code)
            family = family_of(meta)
            families[family] += count
            rules.append(RuleRow(code, name, severity, family, count, meta.summary if meta else ""))
        order = [*FAMILIES, OTHER_FAMILY]
        return AuditReport(
            tickets=self.tickets,
            clean_tickets=self.clean_tickets,
            messages=sum(self.by_role.values()),
            by_role=tuple(sorted(self.by_role.items())),
            rules=tuple(rules),
            families=tuple((f, families[f]) for f in order if f in families),
            languages=_freeze("language", self.languages),
            groups=tuple(_freeze(name, self.groups[name]) for name in self.fields),
            agents=tuple(q.freeze(who) for who, q in sorted(self.agents.items())),
            teams=tuple(q.freeze(who) for who, q in sorted(self.teams.items())),
            excerpts=tuple(e for code in sorted(self.excerpts) for e in self.excerpts[code]),
            partial_tickets=self.partial_tickets,
        )


def _merge_groups(into: dict[str, _Group], other: dict[str, _Group]) -> None:
    for value, g in other.items():
        mine = into.setdefault(value, _Group())
        mine.tickets += g.tickets
        mine.messages += g.messages
        mine.codes.update(g.codes)


def _groups_state(table: dict[str, _Group]) -> dict[str, object]:
    return {value: [g.tickets, g.messages, dict(g.codes)] for value, g in table.items()}


def _groups_from(state: Mapping[str, Any]) -> dict[str, _Group]:
    out: dict[str, _Group] = {}
    for value, (tickets, messages, codes) in state.items():
        g = out[value] = _Group()
        g.tickets, g.messages, g.codes = int(tickets), int(messages), Counter(codes)
    return out


def _quality_state(q: _Quality) -> list[object]:
    return [q.replies, q.notes, q.clean, q.serious, dict(q.codes), q.partial, q.remarks]


def _quality_from(state: Sequence[Any]) -> _Quality:
    q = _Quality()
    q.replies, q.notes, q.clean, q.serious = (int(v) for v in state[:4])
    q.codes = Counter(state[4])
    q.partial = int(state[5]) if len(state) > 5 else 0
    q.remarks = int(state[6]) if len(state) > 6 else 0
    return q


def _freeze(name: str, table: dict[str, _Group]) -> GroupTable:
    rows = [GroupRow(value, g.tickets, g.messages, _top(g.codes)) for value, g in table.items()]
    rows.sort(key=lambda r: (-r.findings, r.value))
    return GroupTable(name, tuple(rows))


def _quality(table: dict[str, _Quality], key: str) -> _Quality:
    found = table.get(key)
    if found is None:
        found = table[key] = _Quality()
    return found


def _language(ticket: Ticket, message: Message, detected: Sequence[str], i: int) -> str:
    if i < len(detected) and detected[i]:
        return detected[i]
    return message.language or (ticket.language if ticket.language not in (None, "auto") else None) or UNKNOWN_AUTHOR


def _value(name: str, ticket: Ticket, extra: Mapping[str, str], message: Message, language: str) -> str:
    if name == "author":
        return message.author or UNKNOWN_AUTHOR
    if name == "language":
        return language
    if name == "role":
        return message.role.value
    if name == "source":
        return ticket.source
    if name == "team":  # Zendesk, Freshdesk and ServiceNow call a team a group
        return extra.get("team") or extra.get("group") or NONE
    return extra.get(name) or NONE


def _excerpt_from_state(row: Sequence[Any]) -> Excerpt:
    """An excerpt as `Audit.state` wrote it (a JSON list: its fields in order, `related` last)."""
    code, source, ticket_id, message_index, line, column, text, start, end, message, related = row
    return Excerpt(code, source, ticket_id, message_index, line, column, text, start, end, message, tuple(related))


def excerpt_of(finding: Finding, line_text: str) -> Excerpt:
    """The finding's line, clipped to at most EXCERPT_BEFORE + EXCERPT_AFTER characters around it,
    with the highlighted range in that clipped text. The line comes from the engine's masked text,
    so a secret is never in it."""
    col = max(0, min(finding.column - 1, len(line_text)))
    width = max(0, min(finding.span.end - finding.span.start, len(line_text) - col))
    begin = max(0, col - EXCERPT_BEFORE) if len(line_text) > EXCERPT_BEFORE + EXCERPT_AFTER else 0
    text = line_text[begin: begin + EXCERPT_BEFORE + EXCERPT_AFTER]
    start = col - begin
    end = min(len(text), start + width)
    return Excerpt(finding.code, finding.source, finding.ticket_id, finding.message_index, finding.line,
                   finding.column, text, start, end, finding.message,
                   tuple(r.code for r in finding.related))
