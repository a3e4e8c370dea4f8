"""Selection lives in the config layer: `Config.merged(Overrides)` and `resolve_selection` give a library
user exactly the selection and severities the CLI gives for the same settings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import ticketlint
from ticketlint.cli import main
from ticketlint.config import ConfigError, Overrides, parse_table, resolve_selection
from ticketlint.model import Severity
from ticketlint.registry import default_registry

TEXT = "Closed as PEBKAC. Please restart the DNS cache, then reinstall the VPN client. Password: Hunter22!x"

FILE: dict[str, Any] = {"profile": "reply", "extend-select": ["TL601"], "ignore": ["TL203"], "severity": {"TL202": "error"}}
CASES: list[tuple[dict[str, Any], list[str], Overrides]] = [
    ({}, [], Overrides()),
    (FILE, [], Overrides()),
    (FILE, ["--select", "TL2"], Overrides(select=("TL2",))),
    (FILE, ["--profile", "privacy"], Overrides(profile="privacy")),
    (FILE, ["--profile", "escalation", "--extend-select", "TL202"], Overrides(profile="escalation", extend_select=("TL202",))),
    (FILE, ["--ignore", "TL202,TL401"], Overrides(ignore=("TL202", "TL401"))),
    (FILE, ["--min-severity", "error"], Overrides(min_severity=Severity.ERROR)),
    ({"select": ["TL401", "TL202"], "ignore": ["TL202"]}, ["--extend-select", "TL202"], Overrides(extend_select=("TL202",))),
    ({"select": ["TL401", "TL202"], "ignore": ["TL202"]}, ["--select", "TL202"], Overrides(select=("TL202",))),
]


def _cli_findings(tmp_path: Path, table: dict[str, Any], flags: list[str]) -> list[tuple[str, str]]:
    config = tmp_path / ".ticketlint.toml"
    lines = []
    for key, value in table.items():
        if isinstance(value, dict):
            lines.append(f"{key} = {{{', '.join(f'{k} = {json.dumps(v)}' for k, v in value.items())}}}")
        else:
            lines.append(f"{key} = {json.dumps(value)}")
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--config", str(config), "--role", "agent", "--format", "json", *flags, "-"],
                                input=TEXT)
    assert result.exit_code in (0, 1), result.output
    return sorted((f["code"], f["severity"]) for f in json.loads(result.stdout)["findings"])


@pytest.mark.parametrize(("table", "flags", "overrides"), CASES, ids=[" ".join(c[1]) or "file" for c in CASES])
def test_library_and_cli_select_the_same(tmp_path: Path, table: dict[str, Any], flags: list[str], overrides: Overrides) -> None:
    config = parse_table(table, "<test>").merged(overrides)
    found = sorted((f.code, f.severity.label) for f in ticketlint.lint(TEXT, config=config, role="agent"))
    assert found == _cli_findings(tmp_path, table, flags)


def test_precedence_profile_file_overrides() -> None:
    reg = default_registry()

    def codes(table: dict[str, Any], o: Overrides | None = None) -> set[str]:
        return set(resolve_selection(parse_table(table).merged(o or Overrides()), reg).codes)

    reply = codes({"profile": "reply"})
    assert reply and all(c[:3] in ("TL2", "TL3", "TL4") for c in reply)
    assert codes({"profile": "reply", "select": ["TL1"]}) == codes({"select": ["TL1"]})  # file select beats profile
    # --select resets the file's extend-select and ignore; --profile resets only the file's select
    assert codes({"select": ["TL1"], "ignore": ["TL101"], "extend-select": ["TL401"]}, Overrides(select=("TL101",))) == {"TL101"}
    assert codes({"select": ["TL1"], "ignore": ["TL401"]}, Overrides(profile="reply")) == reply - {"TL401"}
    assert codes({"ignore": ["TL401"]}, Overrides(extend_select=("TL401",))) == codes({}) - {"TL401"}  # ignore wins
    sel = resolve_selection(parse_table({"profile": "escalation", "severity": {"TL101": "info"}}), reg)
    assert sel.severity["TL101"] is Severity.INFO and sel.severity["TL102"] is Severity.ERROR  # file over profile


def test_override_errors_name_the_flag() -> None:
    with pytest.raises(ConfigError, match="--profile: unknown profile 'nope'"):
        parse_table({}).merged(Overrides(profile="nope"))
    with pytest.raises(ConfigError, match="extend-select: unknown rule"):
        resolve_selection(parse_table({}).merged(Overrides(extend_select=("TL999",))), default_registry())
    with pytest.raises(ConfigError, match="no rule is selected"):
        resolve_selection(parse_table({}).merged(Overrides(select=("TL401",), ignore=("TL4",))), default_registry())
