"""Bad configuration (`--config FILE`) and bad options: exit 2, one `ticketlint: error: ...` line on stderr
naming the key, no traceback, and no ticket linted (nothing on stdout)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fuzzkit import GOOD, check

BAD_CONFIGS = [
    ("unknown-key", "colour = true\n", "colour"),
    ("unknown-key-nested-profile", "[profiles.mine]\nselectt = ['TL4']\n", "selectt"),
    ("bad-regex", '[rules.TL601]\nallow = ["("]\n', "rules.TL601.allow"),
    ("bad-regex-by-name", '[rules.credential-in-ticket]\nallow = ["a", "[z-a]"]\n', "allow"),
    ("thresholds-string", '[rules.TL203]\nthresholds = {en = "high"}\n', "rules.TL203.thresholds"),
    ("thresholds-unknown-language", "[rules.TL203]\nthresholds = {tlh = 3}\n", "thresholds"),
    ("min-words-string", '[rules.TL203]\nmin-words = "3"\n', "min-words"),
    ("min-words-negative", "[rules.TL203]\nmin-words = -1\n", "min-words"),
    ("min-words-float", "[rules.TL203]\nmin-words = 1.5\n", "min-words"),
    ("min-words-bool", "[rules.TL203]\nmin-words = true\n", "min-words"),
    ("unknown-rule", "[rules.TL999]\nx = 1\n", "TL999"),
    ("unknown-option", "[rules.TL203]\nno-such-option = 1\n", "no-such-option"),
    ("rules-not-table", "rules = 3\n", "rules"),
    ("jobs-500", "jobs = 500\n", "jobs"),
    ("jobs-zero", "jobs = 0\n", "jobs"),
    ("jobs-string", 'jobs = "2"\n', "jobs"),
    ("time-budget-negative", "time-budget = -1\n", "time-budget"),
    ("time-budget-zero", "time-budget = 0\n", "time-budget"),
    ("time-budget-inf", "time-budget = inf\n", "time-budget"),
    ("time-budget-nan", "time-budget = nan\n", "time-budget"),
    ("max-message-chars-negative", "max-message-chars = -5\n", "max-message-chars"),
    ("select-unknown", 'select = ["TL999"]\n', "TL999"),
    ("select-int", "select = [1]\n", "select"),
    ("select-empty", "select = []\n", "select"),
    ("select-minus-ignore", 'select = ["TL401"]\nignore = ["TL4"]\n', "select"),
    ("ignore-unknown", 'ignore = ["TL999"]\n', "TL999"),
    ("severity-bad", 'severity = {TL401 = "fatal"}\n', "severity"),
    ("severity-unknown-rule", 'severity = {TL999 = "error"}\n', "TL999"),
    ("fail-on-bad", 'fail-on = "panic"\n', "fail-on"),
    ("role-bad", 'role = "boss"\n', "role"),
    ("language-bad", 'language = "tlh"\n', "language"),
    ("profile-unknown", 'profile = "nope"\n', "profile"),
    ("profile-extends-unknown", "[profiles.mine]\nextends = 'nope'\n", "extends"),
    ("invalid-toml", "select = [\n", "TOML"),
    ("invalid-utf8", None, "UTF-8"),
    ("huge-int", "jobs = " + "9" * 5000 + "\n", "jobs"),
]


@pytest.mark.parametrize(("case", "content", "key"), BAD_CONFIGS, ids=[c[0] for c in BAD_CONFIGS])
def test_bad_config_is_one_line_naming_the_key_and_exit_2(tmp_path: Path, case: str, content: str | None,
                                                          key: str) -> None:
    cfg = tmp_path / ".ticketlint.toml"
    if content is None:
        cfg.write_bytes(b'select = ["TL4\xe9"]\n')
    else:
        cfg.write_text(content, encoding="utf-8")
    run = check("--config", str(cfg), "--format", "json", "-", input=json.dumps(GOOD))
    assert run.code == 2, run.both[-2000:]
    lines = [line for line in run.err.splitlines() if line.strip()]
    assert len(lines) == 1, run.err
    assert lines[0].startswith("ticketlint: error: "), lines
    assert key.lower() in lines[0].lower(), (key, lines)
    assert run.out == ""  # no ticket linted, no report


@pytest.mark.parametrize("args", [
    ("--select", ""), ("--select", ","), ("--select", "TL401", "--ignore", "TL4"), ("--select", "TL999"),
    ("--ignore", "ALL"), ("--extend-select", "nope"), ("--profile", "nope"), ("--format", "xml"),
    ("--jobs", "500"), ("--jobs", "0"), ("--time-budget", "-1"), ("--time-budget", "0"), ("--time-budget", "nan"),
    ("--fail-on", "panic"), ("--lang", "tlh"), ("--input-format", "yaml"), ("--role", "boss"),
    ("--config", "/nonexistent/.ticketlint.toml"),
], ids=lambda a: " ".join(a) if isinstance(a, tuple) else a)
def test_bad_option_is_exit_2_with_a_usage_line_and_nothing_linted(args: tuple[str, ...]) -> None:
    run = check("--format", "json", *args, "-", input=json.dumps(GOOD))
    assert run.code == 2, run.both[-2000:]
    assert run.out == ""
    assert "error" in run.err.lower()
    assert len([line for line in run.err.splitlines() if line.lower().startswith(("ticketlint: error", "error"))]) == 1


def test_config_naming_the_file(tmp_path: Path) -> None:
    """A config error names the file it is in (the file can be one of several in a monorepo)."""
    cfg = tmp_path / "team.toml"
    cfg.write_text("colour = true\n", encoding="utf-8")
    run = check("--config", str(cfg), "-", input=json.dumps(GOOD))
    assert run.code == 2
    assert "team.toml" in run.err


def test_config_error_in_a_rule_option_names_the_file(tmp_path: Path) -> None:
    cfg = tmp_path / "team.toml"
    cfg.write_text('[rules.TL601]\nallow = ["("]\n', encoding="utf-8")
    run = check("--config", str(cfg), "-", input=json.dumps(GOOD))
    assert run.code == 2
    assert "team.toml" in run.err and "rules.TL601.allow" in run.err


def test_config_that_is_a_directory(tmp_path: Path) -> None:
    for target in (str(tmp_path),):
        run = check("--config", target, "-", input=json.dumps(GOOD))
        assert run.code == 2, (target, run.both[-2000:])
        assert run.out == ""
