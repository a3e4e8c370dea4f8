"""Size and time limits: what a rule reads of a long message, and the per-ticket time budget."""

from __future__ import annotations

import json

from click.testing import CliRunner

from ticketlint.cli import main
from ticketlint.config import Config, parse_table
from ticketlint.engine import WHOLE_MESSAGE_GROUPS, Linter
from ticketlint.model import Message, Role, Ticket
from ticketlint.registry import default_registry


def _codes(linter: Linter, ticket: Ticket) -> set[str]:
    return {f.code for f in linter.lint(ticket).findings}


def test_prose_rules_read_only_the_first_prose_chars_evidence_rules_read_all() -> None:
    filler = "Please see the attached notes below for the details of this case. " * 4  # ~270 chars
    ticket = Ticket(id="t", messages=(
        Message(role=Role.CUSTOMER, body=filler + "The VPN client crashed again."),
        Message(role=Role.AGENT, body=filler + "Closed as PEBKAC."),
    ))
    whole = Linter(Config())
    cut = Linter(parse_table({"prose-chars": 200}))
    assert {"TL101", "TL401"} <= _codes(whole, ticket)
    codes = _codes(cut, ticket)
    assert "TL101" in codes  # evidence: reads the whole message
    assert "TL401" not in codes  # tone: reads the first 200 characters only


def test_which_groups_read_whole_messages() -> None:
    groups = {g for r in default_registry() for g in r.meta.groups}
    assert WHOLE_MESSAGE_GROUPS == {"evidence", "privacy"} and WHOLE_MESSAGE_GROUPS <= groups


def test_secrets_are_masked_even_past_the_prose_limit() -> None:
    body = "x " * 200 + "password: Tr0ub4dor&3 and then it fails"
    linted = Linter(parse_table({"prose-chars": 100})).lint(Ticket(id="s", messages=(Message(role=Role.NOTE, body=body),)))
    assert any(f.code == "TL601" for f in linted.findings)
    assert "Tr0ub4dor" not in linted.shown[0]
    assert len(linted.shown[0]) == len(body)  # same offsets


def test_time_budget_skips_the_rules_left_and_says_which() -> None:
    ticket = Ticket(id="t", messages=(Message(role=Role.CUSTOMER, body="The VPN crashed. I didn't change anything."),))
    linted = Linter(Config(), budget=1e-9).lint(ticket)
    assert linted.skipped and not linted.findings
    assert Linter(Config(), budget=60).lint(ticket).skipped == ()


def test_time_budget_on_the_command_line_reports_the_ticket_and_exits_2() -> None:
    ticket = {"id": "slow", "messages": [{"role": "customer", "body": "The VPN crashed. I didn't change anything."}]}
    r = CliRunner().invoke(main, ["check", "--isolated", "--time-budget", "0.000000001", "--format", "json", "-"],
                           input=json.dumps(ticket))
    assert r.exit_code == 2, r.output
    out = json.loads(r.output)
    [error] = out["errors"]
    assert error["ticket_id"] == "slow" and "time budget" in error["message"] and "TL101" in error["message"]
    assert out["summary"]["tickets_linted"] == 1


def test_config_keys_for_limits_are_checked() -> None:
    for table, key in (({"prose-chars": 0}, "prose-chars"), ({"time-budget": -1}, "time-budget"),
                       ({"time-budget": "1"}, "time-budget"), ({"jobs": 500}, "jobs")):
        try:
            parse_table(table, "cfg.toml")
        except Exception as exc:  # noqa: BLE001
            assert f"cfg.toml: {key}:" in str(exc)
        else:
            raise AssertionError(table)
