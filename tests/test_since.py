"""--since DATE: the whole thread is context, only messages in the window are reported and counted."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from ticketlint.cli import main
from ticketlint.model import Message, Role, Ticket
from ticketlint.since import TimestampError, parse_since, parse_timestamp, window

UTC = UTC


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-03-01T08:02:11Z", datetime(2024, 3, 1, 8, 2, 11, tzinfo=UTC)),  # Zendesk, Freshdesk
    ("2024-06-03T09:12:44.120+0200", datetime(2024, 6, 3, 7, 12, 44, 120000, tzinfo=UTC)),  # Jira
    ("2024-04-09 07:58:30", datetime(2024, 4, 9, 7, 58, 30, tzinfo=UTC)),  # ServiceNow, UTC
    ("2024-03-01", datetime(2024, 3, 1, tzinfo=UTC)),
])
def test_helpdesk_timestamps_are_instants(text: str, expected: datetime) -> None:
    assert parse_timestamp(text) == expected


def test_bad_values_are_errors_that_do_not_quote_a_ticket_field() -> None:
    with pytest.raises(ValueError, match="'yesterday' is not an ISO date"):
        parse_since("yesterday")
    secret = "4111111111111111"
    ticket = Ticket(id="T", messages=(Message(Role.CUSTOMER, "hi", created_at="2024-01-01"),
                                      Message(Role.AGENT, "hi", created_at=secret)))
    with pytest.raises(TimestampError, match=r"messages\[1\]: created_at \(a value of 16 characters\)") as exc:
        window(ticket, parse_since("2024-01-01"))
    assert secret not in str(exc.value)
    with pytest.raises(ValueError):
        parse_timestamp("2" * 100_000)  # refused at once, not parsed


def test_the_window_compares_instants_and_keeps_untimed_messages() -> None:
    ticket = Ticket(id="T", messages=(
        Message(Role.CUSTOMER, "a", created_at="2024-06-03T07:59:59Z"),
        Message(Role.AGENT, "b", created_at="2024-06-03T10:00:00+0200"),  # 08:00 UTC: at DATE counts
        Message(Role.NOTE, "c"),  # no timestamp: counted
    ))
    assert window(ticket, parse_since("2024-06-03T08:00:00Z")) == (False, True, True)


THREAD = [
    {"role": "customer", "created_at": "2024-01-10T08:00:00Z",
     "body": "The VPN crashed again. Can you reset my token? Why does it fail?"},
    {"role": "agent", "created_at": "2024-06-03T09:12:44.120+0200", "body": "Yes."},
]


def _run(tmp_path: Path, tickets: list[dict], *args: str) -> tuple[int, list[dict], str]:
    path = tmp_path / "export.jsonl"
    path.write_text("".join(json.dumps(t) + "\n" for t in tickets))
    r = CliRunner().invoke(main, ["check", "--isolated", "--profile", "audit", "--format", "jsonl", *args, str(path)])
    return r.exit_code, [json.loads(line) for line in r.stdout.splitlines()], r.stderr


def test_only_findings_on_new_messages_are_reported_with_the_thread_as_context(tmp_path: Path) -> None:
    _, rows, _ = _run(tmp_path, [{"id": "a", "messages": THREAD}])
    everything = {(r["message_index"], r["code"]) for r in rows if r["type"] == "finding"}
    assert (0, "TL101") in everything and (1, "TL302") in everything
    _, rows, _ = _run(tmp_path, [{"id": "a", "messages": THREAD}], "--since", "2024-06-03T07:00:00Z")
    shown = {(r["message_index"], r["code"]) for r in rows if r["type"] == "finding"}
    # TL302 (the question left unanswered) is on the new reply: it needs the old question to be found
    assert shown == {x for x in everything if x[0] == 1} and (1, "TL302") in shown
    summary = rows[-1]
    assert sum(summary["by_code"].values()) == len(shown) and summary["tickets_before_since"] == 0


def test_tickets_with_nothing_new_are_not_linted_and_counted(tmp_path: Path) -> None:
    old = {"id": "old", "messages": [dict(THREAD[0])]}
    untimed = {"id": "untimed", "messages": [{"role": "customer", "body": "The printer crashed."}]}
    code, rows, _ = _run(tmp_path, [old, {"id": "a", "messages": THREAD}, untimed], "--since", "2024-06-03")
    summary = rows[-1]
    assert summary["tickets_before_since"] == 1 and summary["tickets_linted"] == 2
    assert summary["tickets_read"] == summary["tickets_linted"] + summary["tickets_unreadable"] + 1
    assert {r["ticket_id"] for r in rows if r["type"] == "finding"} == {"a", "untimed"}
    r = CliRunner().invoke(main, ["check", "--isolated", "--since", "2024-06-03", str(tmp_path / "export.jsonl")])
    assert "2 tickets linted; 3 read, 0 unreadable, 1 before --since" in r.stdout.splitlines()[-1]


def test_an_unreadable_timestamp_is_reported_for_its_ticket(tmp_path: Path) -> None:
    bad = {"id": "bad", "messages": [{"role": "customer", "body": "Help.", "created_at": "last Tuesday-ish"}]}
    code, rows, err = _run(tmp_path, [bad, {"id": "a", "messages": THREAD}], "--since", "2024-06-03")
    errors = [r for r in rows if r["type"] == "error"]
    assert code == 2 and "Traceback" not in err
    assert len(errors) == 1 and errors[0]["ticket_id"] == "bad" and errors[0]["line"] == 1
    assert "created_at" in errors[0]["message"] and "last Tuesday" not in errors[0]["message"]
    assert rows[-1]["tickets_unreadable"] == 1 and rows[-1]["tickets_linted"] == 1


def test_a_bad_date_is_a_usage_error(tmp_path: Path) -> None:
    code, rows, err = _run(tmp_path, [{"id": "a", "messages": THREAD}], "--since", "2024-13-01")
    assert code == 2 and rows == [] and "Invalid value for '--since'" in err
