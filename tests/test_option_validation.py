"""Rule options are checked when the config loads: an error naming `rules.CODE.key` and the type expected,
exit 2 before any ticket is read; the same errors through `ticketlint.lint(config=...)`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import ticketlint
from ticketlint.cli import main
from ticketlint.config import ConfigError
from ticketlint.model import Finding, OptionSpec
from ticketlint.options import check_value

BAD = [
    # (TOML of [rules.X], python table, the key named, what the message says)
    ('[rules.TL203]\nthresholds = {en = "high"}\n', {"TL203": {"thresholds": {"en": "high"}}},
     "rules.TL203.thresholds.en", "must be a number, not str 'high'"),
    ('[rules.TL203]\nthresholds = {en = {x = 1}}\n', {"TL203": {"thresholds": {"en": {"x": 1}}}},
     "rules.TL203.thresholds.en", "must be a number"),
    ('[rules.TL203]\nthresholds = {xx = 40}\n', {"TL203": {"thresholds": {"xx": 40}}},
     "rules.TL203.thresholds.xx", "unknown key"),
    ('[rules.TL203]\nthresholds = [40]\n', {"TL203": {"thresholds": [40]}},
     "rules.TL203.thresholds", "must be a table, not list"),
    ('[rules.TL203]\nmin-words = -1\n', {"TL203": {"min-words": -1}},
     "rules.TL203.min-words", "must be at least 0"),
    ('[rules.TL203]\nmin-words = true\n', {"TL203": {"min-words": True}},
     "rules.TL203.min-words", "must be an integer, not bool"),
    ('[rules.TL203]\nmin-words = 4.5\n', {"TL203": {"min-words": 4.5}},
     "rules.TL203.min-words", "must be an integer, not float"),
    ('[rules.TL601]\nallow = ["ok", "("]\n', {"TL601": {"allow": ["ok", "("]}},
     "rules.TL601.allow[1]", "invalid regular expression"),
    ('[rules.TL601]\nallow = [["nested"]]\n', {"TL601": {"allow": [["nested"]]}},
     "rules.TL601.allow[0]", "must be a string, not list"),
    ('[rules.TL601]\nallow = "x"\n', {"TL601": {"allow": "x"}},
     "rules.TL601.allow", "must be a list, not str"),
    ('[rules.TL601]\nbogus = 1\n', {"TL601": {"bogus": 1}},
     "bogus", "unknown option for TL601"),
]


@pytest.mark.parametrize(("toml", "table", "key", "problem"), BAD, ids=[b[2] + ":" + b[3][:20] for b in BAD])
def test_bad_option_is_a_config_error_before_any_ticket_is_read(tmp_path: Path, toml: str, table: dict[str, Any],
                                                                key: str, problem: str) -> None:
    config = tmp_path / ".ticketlint.toml"
    config.write_text(toml, encoding="utf-8")
    missing = tmp_path / "no-such-export.jsonl"  # read, it would be reported as unreadable: it must not be
    result = CliRunner().invoke(main, ["check", "--config", str(config), str(missing)])
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()  # one line, before anything else happens
    assert line.startswith(f"ticketlint: error: {config}: ") and key in line and problem in line, line
    assert "no-such-export" not in result.output and result.stdout == ""


@pytest.mark.parametrize(("toml", "table", "key", "problem"), BAD, ids=[b[2] + ":" + b[3][:20] for b in BAD])
def test_bad_option_through_lint(toml: str, table: dict[str, Any], key: str, problem: str) -> None:
    with pytest.raises(ConfigError) as info:
        ticketlint.lint("The VPN crashed.", config={"rules": table})
    assert key in str(info.value) and problem in str(info.value)
    with pytest.raises(ConfigError):  # a bad config is not cached: it fails again
        ticketlint.lint("The VPN crashed.", config={"rules": table})


def test_good_options_pass_and_are_used() -> None:
    text = "Please restart the DNS cache, then reinstall the VPN client."
    # every rule's finding, those reported under another rule's (TL202 under TL201: overlap.py) too
    def codes(found: list[Finding]) -> set[str]:
        return {f.code for f in found} | {r.code for f in found for r in f.related}

    assert "TL202" in codes(ticketlint.lint(text, role="agent"))
    quiet = ticketlint.lint(text, config={"rules": {"TL202": {"allow": ["DNS", "VPN"]}}}, role="agent")
    assert "TL202" not in codes(quiet)


def test_minimum_applies_to_every_item_of_a_numeric_list_or_table() -> None:
    spec = OptionSpec("limits", dict, {}, "help", items=float, minimum=0)
    assert check_value(spec, {"en": 0, "es": 2.5}, "rules.X.limits") == {"en": 0, "es": 2.5}
    with pytest.raises(ConfigError, match=r"rules\.X\.limits\.es: must be at least 0, not -1"):
        check_value(spec, {"en": 1, "es": -1}, "rules.X.limits")
    spec = OptionSpec("sizes", list, [], "help", items=int, minimum=1)
    with pytest.raises(ConfigError, match=r"rules\.X\.sizes\[1\]: must be at least 1, not 0"):
        check_value(spec, [3, 0], "rules.X.sizes")
