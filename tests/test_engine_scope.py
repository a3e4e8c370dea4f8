"""The engine's contract with rules: a rule reports only on the messages in its scope.

The engine skips a rule when no message of the thread has a role in the rule's
scope (most chat is one customer line; 13 reply rules need not run on it).
That is only safe if no rule ever reports on a message outside its scope;
this test holds every built-in rule to it on the whole labelled corpus.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ticketlint.config import Config
from ticketlint.engine import Linter
from ticketlint.model import Message, Role, Ticket
from ticketlint.readers import read_source

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _tickets() -> list[Ticket]:
    out = []
    for path in sorted(CORPUS.rglob("*.jsonl")):
        out += [item.ticket for item in read_source(str(path)) if item.ticket is not None]
    return out


def test_findings_lie_in_the_rules_scope() -> None:
    linter = Linter(Config(profile="audit"))
    scopes = {r.meta.code: r.meta.scope for r in linter.rules}
    tickets = _tickets()
    assert len(tickets) > 200
    fired = set()
    for ticket in tickets:
        for f in linter.lint_ticket(ticket):
            role = ticket.messages[f.message_index].role
            assert role in scopes[f.code], f"{f.code} reported on a {role.value} message of {ticket.id}"
            fired.add(f.code)
    assert len(fired) >= 20  # the corpus exercises (nearly) the whole catalogue


@pytest.mark.parametrize("role", list(Role))
def test_a_rule_out_of_scope_is_not_run(role: Role, monkeypatch: pytest.MonkeyPatch) -> None:
    linter = Linter(Config(profile="audit"))
    calls: list[str] = []
    for rule in linter.rules:
        original = rule.check

        def spy(ctx, _orig=original, _code=rule.meta.code):  # type: ignore[no-untyped-def]
            calls.append(_code)
            return _orig(ctx)

        monkeypatch.setattr(rule, "check", spy)  # rule objects may be shared: restored after the test
    linter.lint_ticket(Ticket(id="t", messages=(Message(role=role, body="It doesn't work. PEBKAC."),)))
    expected = sorted(r.meta.code for r in linter.rules if role in r.meta.scope)
    assert sorted(calls) == expected
