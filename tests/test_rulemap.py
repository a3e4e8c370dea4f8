"""The map of where each rule lives points at files that exist (it is derived, so it must stay true)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ticketlint.checks.base import Rule
from ticketlint.registry import default_registry
from ticketlint.rulemap import render, sources

ROOT = Path(__file__).resolve().parents[1]
RULES = list(default_registry(plugins=False))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.meta.code)
def test_every_part_of_a_rule_is_a_file(rule: Rule) -> None:
    src = sources(rule)
    definition = src.definition.split(" (")[0]
    assert (ROOT / definition).is_file(), definition
    assert src.packs, "a built-in rule has at least one language pack"
    for path in (*src.packs, *src.analysis, src.tests[0]):
        assert (ROOT / path).is_file(), path
    text = render(src)
    assert definition in text and f"rules/<lang>/{rule.meta.code}.toml" in text


def test_a_data_rule_points_at_its_toml() -> None:
    src = sources(default_registry(plugins=False).get("TL401"))
    assert src.definition.startswith("rules/TL401.toml")
