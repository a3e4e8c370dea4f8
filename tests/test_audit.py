"""The audit's numbers: the quality formula by hand, several group-by fields, author attribution,
language per message, the audit window (`counted`) and memory bounded by groups, not tickets."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from ticketlint.audit import Audit, check_fields
from ticketlint.cli import main
from ticketlint.model import Finding, Message, Role, Severity, Span, Ticket
from ticketlint.runner import Outcome

W, E, I = Severity.WARNING, Severity.ERROR, Severity.INFO


def finding(ticket: Ticket, index: int, code: str, severity: Severity) -> tuple[Finding, str]:
    m = ticket.messages[index]
    f = Finding(ticket.id, index, code, code.lower(), severity, f"{code} here", Span(0, 4), 1, 1, m.body[:4],
                source=ticket.source, role=m.role.value, author=m.author, fields=ticket.extra)
    return f, m.body


def msg(role: str, author: str | None, body: str) -> Message:
    return Message(Role(role), body, author=author)


# Two tickets assigned to ana, one unassigned; ana and bob write replies and notes.
A = Ticket("A", (msg("customer", "cust1", "It broke."), msg("agent", "ana", "PEBKAC. RESTART IT."),
                 msg("note", "ana", "Checked logs."), msg("agent", "bob", "Fixed, see steps.")),
           extra=(("agent", "ana"), ("team", "t1")), source="a.jsonl")
B = Ticket("B", (msg("customer", "cust2", "No va."), msg("agent", "ana", "Luser."), msg("agent", "bob", "Ok.")),
           extra=(("agent", "ana"), ("group", "t2")), source="b.jsonl")
C = Ticket("C", (msg("customer", "cust3", "Thanks, all good now."),), source="a.jsonl")


def outcomes() -> list[tuple[Ticket, Outcome]]:
    return [
        (A, Outcome([finding(A, 0, "TL101", W), finding(A, 1, "TL401", E), finding(A, 1, "TL407", W),
                     finding(A, 2, "TL203", I)], languages=("en", "en", "en", "en"))),
        (B, Outcome([finding(B, 1, "TL401", E), finding(B, 2, "TL303", W)], languages=("es", "en", "en"))),
        (C, Outcome([finding(C, 0, "TL203", I)], languages=("id",))),
    ]


def audit(*fields: str) -> Audit:
    a = Audit(fields)
    for ticket, outcome in outcomes():
        a.add(ticket, outcome)
    return a


def test_quality_figure_by_hand() -> None:
    r = audit("author").report()
    agents = {q.who: q for q in r.agents}
    assert set(agents) == {"ana", "bob"}  # customers are never agents
    ana, bob = agents["ana"], agents["bob"]
    # ana: replies A1, B1; note A2. Clean (no finding >= warning): A2 only (its TL203 is info).
    assert (ana.replies, ana.notes, ana.clean, ana.serious) == (2, 1, 1, 3)
    assert ana.clean_share == pytest.approx(1 / 3)
    assert ana.serious_per_100 == pytest.approx(100.0)  # 3 findings >= warning over 3 messages
    assert ana.worst == (("TL401", 2), ("TL407", 1))
    # bob: replies A3 (clean), B2 (TL303).
    assert (bob.replies, bob.notes, bob.clean, bob.serious) == (2, 0, 1, 1)
    assert bob.clean_share == pytest.approx(0.5) and bob.serious_per_100 == pytest.approx(50.0)
    # teams: t1 from A's team, t2 from B's group; C has no agent reply or note.
    teams = {q.who: q for q in r.teams}
    assert set(teams) == {"t1", "t2"}
    assert (teams["t1"].replies, teams["t1"].notes, teams["t1"].clean, teams["t1"].serious) == (2, 1, 2, 2)
    assert teams["t1"].serious_per_100 == pytest.approx(200 / 3)
    assert (teams["t2"].written, teams["t2"].clean, teams["t2"].serious) == (2, 0, 2)
    # tickets: C is the only one with no finding >= warning
    assert (r.tickets, r.clean_tickets, r.messages, r.findings) == (3, 1, 8, 7)
    assert r.clean_ticket_share == pytest.approx(1 / 3)
    assert dict(r.by_role) == {"customer": 3, "agent": 4, "note": 1}


def test_findings_are_charged_to_the_message_author_not_the_assignee() -> None:
    r = audit("author", "agent").report()
    by_author = {row.value: row for row in r.group("author").rows}
    by_agent = {row.value: row for row in r.group("agent").rows}
    ana = by_author["ana"]
    assert (ana.tickets, ana.messages, ana.findings) == (2, 3, 4)
    assert dict(ana.by_code) == {"TL401": 2, "TL407": 1, "TL203": 1}
    assert ana.per_100_messages == pytest.approx(400 / 3)
    assert by_author["cust1"].findings == 1 and by_author["bob"].findings == 1
    # by assignee, every message of A and B counts for ana, the customer's TL101 included
    assert (by_agent["ana"].tickets, by_agent["ana"].messages, by_agent["ana"].findings) == (2, 7, 6)
    assert (by_agent["(none)"].tickets, by_agent["(none)"].findings) == (1, 1)


def test_several_fields_at_once_and_language_per_message() -> None:
    r = audit("language", "role", "source", "team").report()
    assert [g.field for g in r.groups] == ["language", "role", "source", "team"]
    lang = {row.value: row for row in r.group("language").rows}
    assert (lang["en"].tickets, lang["en"].messages, lang["en"].findings) == (2, 6, 6)
    assert (lang["es"].tickets, lang["es"].messages, lang["es"].findings) == (1, 1, 0)
    assert (lang["id"].messages, lang["id"].findings) == (1, 1)
    assert r.languages == r.group("language")  # the per-language breakdown is always there
    role = {row.value: (row.messages, row.findings) for row in r.group("role").rows}
    assert role == {"customer": (3, 2), "agent": (4, 4), "note": (1, 1)}
    source = {row.value: (row.tickets, row.messages) for row in r.group("source").rows}
    assert source == {"a.jsonl": (2, 5), "b.jsonl": (1, 3)}
    team = {row.value: row.tickets for row in r.group("team").rows}
    assert team == {"t1": 1, "t2": 1, "(none)": 1}  # B has no team but a group: helpdesks call a team a group


def test_counted_leaves_messages_out_of_the_window() -> None:
    a = Audit(("author",))
    ticket, outcome = outcomes()[0]
    kept = Outcome([f for f in outcome.found if f[0].message_index >= 2], languages=outcome.languages)
    a.add(ticket, kept, counted=[False, False, True, True])
    a.add(C, Outcome([]), counted=[False])  # nothing of C is in the window: not in the audit
    r = a.report()
    assert (r.tickets, r.messages, r.findings, r.clean_tickets) == (1, 2, 1, 1)
    assert {q.who: (q.replies, q.notes) for q in r.agents} == {"ana": (0, 1), "bob": (1, 0)}
    with pytest.raises(ValueError):
        a.add(ticket, kept, counted=[True])


def test_families_rules_and_excerpts() -> None:
    from ticketlint.registry import default_registry

    a = Audit((), {r.meta.code: r.meta for r in default_registry()})
    for _ in range(3):
        for ticket, outcome in outcomes():
            a.add(ticket, outcome)
    r = a.report()
    assert dict(r.families) == {"evidence": 3, "clarity": 6, "completeness": 3, "tone": 9}
    assert [(x.code, x.count) for x in r.rules][:2] == [("TL203", 6), ("TL401", 6)]  # ties by code
    assert r.rules[1].family == "tone" and r.rules[1].name == "tl401" and r.rules[1].summary
    assert sum(1 for e in r.excerpts if e.code == "TL401") == 3  # the first 3 seen, no more
    data = r.to_dict()
    assert data["findings"] == 21 and data["agents"][0]["name"] == "ana"
    json.dumps(data)


def test_unknown_field_is_an_error() -> None:
    assert check_fields(["Author", "team", "author"]) == ("author", "team")
    with pytest.raises(ValueError, match="unknown field 'assignee'"):
        check_fields(["assignee"])
    result = CliRunner().invoke(main, ["check", "--isolated", "--group-by", "author,assignee", "-"], input="hi")
    assert result.exit_code == 2 and "unknown field 'assignee'" in result.stderr


def test_memory_is_bounded_by_groups_not_tickets() -> None:
    a = Audit(("author", "agent", "team", "language"))
    ticket, outcome = outcomes()[0]

    def feed(n: int) -> None:
        for _ in range(n):
            a.add(ticket, outcome)

    feed(500)
    tracemalloc.start()
    try:
        feed(200)
        small, _ = tracemalloc.get_traced_memory()
        feed(5000)
        large, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert large - small < 16_000, (small, large)  # 25x the tickets, the same few groups
    assert a.report().tickets == 5700


def test_author_and_language_through_the_engine(tmp_path: Path) -> None:
    """A real run: the customer's Spanish message and the agent's English reply are counted apart."""
    ticket = {"id": "T1", "agent": "maria", "team": "n1", "messages": [
        {"role": "customer", "author": "ana@example.com", "body": "La impresora no funciona desde ayer. No hice nada."},
        {"role": "agent", "author": "luis", "body": "Closed: PEBKAC, the customer had caps lock on."},
    ]}
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps(ticket) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--isolated", "--format", "json", "--group-by", "author,agent,language",
                                       str(path)])
    audit_ = json.loads(result.stdout)["summary"]["audit"]
    authors = audit_["groups"]["author"]
    assert authors["luis"]["by_code"].get("TL401") == 1
    assert "TL401" not in authors["ana@example.com"]["by_code"]
    assert audit_["groups"]["language"]["es"]["messages"] == 1 and audit_["groups"]["language"]["en"]["messages"] == 1
    assert audit_["groups"]["agent"]["maria"]["messages"] == 2
    assert [q["name"] for q in audit_["agents"]] == ["luis"]


def test_automated_messages_count_for_no_agent() -> None:
    """A trigger's reply is linted and counted per rule, but in no agent's or team's quality figure."""
    bot = Ticket("D", (msg("customer", "cust4", "Help."),
                       Message(Role.AGENT, "We received your request.", author="automation", automated=True)),
                 extra=(("team", "t1"),))
    a = Audit(("author",))
    a.add(bot, Outcome([finding(bot, 1, "TL303", W)], languages=("en", "en")))
    r = a.report()
    assert r.agents == () and r.teams == ()
    assert dict((rule.code, rule.count) for rule in r.rules) == {"TL303": 1}
    assert {row.value for row in r.group("author").rows} == {"cust4", "automation"}
