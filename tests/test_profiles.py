"""Workflow profiles: the selections and severities RULES.md gives, and config overrides."""

from __future__ import annotations

import pytest

from ticketlint.config import ConfigError, parse_table
from ticketlint.engine import Linter
from ticketlint.model import Severity
from ticketlint.registry import default_registry

ALL = sorted(r.meta.code for r in default_registry(plugins=False))


def codes(table: dict) -> set[str]:
    return {r.meta.code for r in Linter(parse_table(table)).rules}


def test_builtin_selections() -> None:
    assert codes({"profile": "audit"}) == set(ALL)
    assert codes({"profile": "reply"}) == {c for c in ALL if c[:3] in {"TL2", "TL3", "TL4"}}
    assert codes({"profile": "privacy"}) == {c for c in ALL if c.startswith("TL6")}
    esc = codes({"profile": "escalation"})
    assert {c for c in ALL if c.startswith("TL1")} <= esc
    assert not any(c[:3] in {"TL2", "TL3"} for c in esc)


def test_escalation_makes_evidence_rules_errors() -> None:
    linter = Linter(parse_table({"profile": "escalation"}))
    for code in (c for c in ALL if c.startswith("TL1")):
        assert linter.severity[code] is Severity.ERROR
    plain = Linter(parse_table({}))
    assert all(plain.severity[c] is Severity.WARNING for c in ALL if c.startswith("TL1"))
    assert plain.severity["TL401"] is Severity.ERROR


def test_profile_extended_and_overridden_in_config() -> None:
    table = {"profile": "vip", "profiles": {
        "vip": {"extends": "reply", "ignore": ["TL401"], "extend-select": ["TL6"], "severity": {"TL4": "error"}},
    }}
    got = codes(table)
    assert "TL401" not in got and any(c.startswith("TL6") for c in got)
    assert any(c.startswith("TL4") for c in got)
    linter = Linter(parse_table(table))
    assert all(linter.severity[c] is Severity.ERROR for c in got if c.startswith("TL4"))
    # redefining a built-in profile keeps its base selection
    assert codes({"profile": "reply", "profiles": {"reply": {"extend-select": ["TL601"]}}}) == codes({"profile": "reply"}) | ({"TL601"} & set(ALL))


@pytest.mark.parametrize(("table", "needle"), [
    ({"profile": "nope"}, "profile"),
    ({"profiles": {"x": {"extends": "nope"}}}, "profiles.x.extends"),
    ({"profiles": {"x": {"selekt": []}}}, "profiles.x.selekt"),
])
def test_profile_errors_name_the_key(table: dict, needle: str) -> None:
    with pytest.raises(ConfigError, match=needle.replace(".", r"\.")):
        parse_table(table)
