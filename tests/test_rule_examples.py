"""Every rule's documented bad/good examples are run (pylint, proselint style).

A rule without examples, or without examples in one of its languages, fails.
"""

from __future__ import annotations

import pytest

from ticketlint.checks.base import examples
from ticketlint.config import Config
from ticketlint.engine import Linter
from ticketlint.model import Example, Message, Ticket
from ticketlint.registry import default_registry

RULES = list(default_registry(plugins=False))


def _ticket(ex: Example, rule) -> Ticket:  # type: ignore[no-untyped-def]
    msgs = ex.thread or (Message(role=ex.role or rule.meta.primary_role, body=ex.text),)
    return Ticket(id="example", messages=msgs)


@pytest.mark.parametrize("rule", RULES, ids=[r.meta.code for r in RULES])
def test_rule_has_examples_in_every_language(rule) -> None:  # type: ignore[no-untyped-def]
    bad, good = examples(rule.meta)
    for lang in rule.meta.languages:
        assert any(e.lang == lang for e in bad), f"{rule.meta.code}: no bad example in {lang}"
        assert any(e.lang == lang for e in good), f"{rule.meta.code}: no good example in {lang}"


@pytest.mark.parametrize("rule", RULES, ids=[r.meta.code for r in RULES])
def test_rule_examples(rule) -> None:  # type: ignore[no-untyped-def]
    code = rule.meta.code
    bad, good = examples(rule.meta)
    for ex in bad:
        linter = Linter(Config(select=(code,), language=ex.lang), strict=True)
        found = [f for f in linter.lint_ticket(_ticket(ex, rule)) if f.code == code]
        assert found, f"{code} bad example ({ex.lang}) not flagged: {ex.text or ex.thread}"
    for ex in good:
        linter = Linter(Config(select=(code,), language=ex.lang), strict=True)
        found = [f for f in linter.lint_ticket(_ticket(ex, rule)) if f.code == code]
        assert not found, f"{code} good example ({ex.lang}) flagged: {[f.excerpt for f in found]}"


@pytest.mark.parametrize("rule", RULES, ids=[r.meta.code for r in RULES])
def test_rule_metadata(rule) -> None:  # type: ignore[no-untyped-def]
    m = rule.meta
    assert m.summary and m.rationale and m.scope, f"{m.code}: summary, rationale and scope are required"
    assert m.seed or m.code.startswith("TL6"), f"{m.code}: cite the seed the rule comes from"
