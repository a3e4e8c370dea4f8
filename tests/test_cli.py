"""The command line: selection, configuration, formats and exit codes (ruff-like)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ticketlint.cli import main

NOTE = "Closed: PEBKAC, the customer had caps lock on."


def cli(*args: str, input: str | None = None, cwd: Path | None = None):
    runner = CliRunner()
    if cwd is not None:
        old = os.getcwd()
        os.chdir(cwd)
    try:
        result = runner.invoke(main, list(args), input=input)
    finally:
        if cwd is not None:
            os.chdir(old)
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result


def test_exit_codes() -> None:
    assert cli("check", "--isolated", "--select", "TL401", "-", input=NOTE).exit_code == 1
    assert cli("check", "--isolated", "--select", "TL401", "--exit-zero", "-", input=NOTE).exit_code == 0
    assert cli("check", "--isolated", "--select", "TL401", "-", input="All good now, thanks.").exit_code == 0
    assert cli("check", "--isolated", "--select", "NOPE", "-", input=NOTE).exit_code == 2
    assert cli("check", "--isolated", "--bogus-flag", "-", input=NOTE).exit_code == 2


def test_fail_on_and_min_severity() -> None:
    # TL401 is an error: --fail-on error exits 1; --min-severity above it hides it
    r = cli("check", "--isolated", "--select", "TL401", "--min-severity", "error", "-", input=NOTE)
    assert r.exit_code == 1
    cfg_hidden = cli("check", "--isolated", "--select", "TL401", "--format", "json", "-", input=NOTE)
    assert json.loads(cfg_hidden.output)["findings"][0]["severity"] == "error"


def test_json_and_jsonl_formats() -> None:
    out = json.loads(cli("check", "--isolated", "--select", "TL401", "--format", "json", "-", input=NOTE).output)
    [f] = out["findings"]
    assert f["code"] == "TL401" and f["name"] == "derogatory-code-word"
    assert (f["line"], f["column"]) == (1, 9)
    assert f["excerpt"] == "PEBKAC" and f["suggestion"]
    lines = cli("check", "--isolated", "--select", "TL401", "--format", "jsonl", "-", input=NOTE).output.splitlines()
    types = [json.loads(x)["type"] for x in lines]
    assert types[0] == "finding" and types[-1] == "summary"


def test_text_format_is_plain_when_not_a_terminal() -> None:
    out = cli("check", "--isolated", "--select", "TL401", "-", input=NOTE).output
    assert "\x1b[" not in out
    assert "-:-#0:1:9: TL401 [error]" in out or ":1:9: TL401 [error]" in out
    assert "^^^^^^" in out


def test_select_by_prefix_name_group_and_ignore() -> None:
    for sel in ("TL4", "derogatory-code-word", "tone", "ALL", "code-word"):
        assert cli("check", "--isolated", "--select", sel, "-", input=NOTE).exit_code == 1, sel
    assert cli("check", "--isolated", "--select", "TL401,TL402", "--ignore", "TL401", "-", input=NOTE).exit_code == 0
    # a selection that leaves nothing to run is an error, not a gate that always passes
    for args in (("--select", "TL401", "--ignore", "TL4"), ("--select", ""), ("--select", ",")):
        result = cli("check", "--isolated", *args, "-", input=NOTE)
        assert result.exit_code == 2, args
        assert "no rule is selected" in result.output


def test_inline_disable() -> None:
    text = NOTE + "  <!-- ticketlint: disable=TL401 -->"
    assert cli("check", "--isolated", "--select", "TL401", "-", input=text).exit_code == 0


def test_config_discovery_in_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.ticketlint]\nignore = ["TL401"]\n', encoding="utf-8")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    assert cli("check", "--select", "TL401", "-", input=NOTE, cwd=sub).exit_code == 1  # --select wins over nothing
    (tmp_path / "pyproject.toml").write_text('[tool.ticketlint]\nselect = ["TL401", "TL402"]\nignore = ["TL401"]\n', encoding="utf-8")
    assert cli("check", "-", input=NOTE, cwd=sub).exit_code == 0
    assert cli("check", "--isolated", "--select", "TL401", "-", input=NOTE, cwd=sub).exit_code == 1


@pytest.mark.parametrize(
    ("toml", "needle"),
    [
        ('selekt = ["TL401"]\n', "selekt"),
        ('select = ["TL999"]\n', "TL999"),
        ('min-severity = "loud"\n', "min-severity"),
        ('[rules.TL999]\nx = 1\n', "TL999"),
        ('[rules.derogatory-code-word]\nbogus = 1\n', "bogus"),
        ('select = ["TL401"\n', ".ticketlint.toml"),
    ],
)
def test_config_errors_name_the_key(tmp_path: Path, toml: str, needle: str) -> None:
    (tmp_path / ".ticketlint.toml").write_text(toml, encoding="utf-8")
    r = cli("check", "-", input=NOTE, cwd=tmp_path)
    assert r.exit_code == 2
    assert needle in r.output
    assert len([x for x in r.output.splitlines() if x.strip()]) == 1


def test_rule_options_from_config(tmp_path: Path) -> None:
    (tmp_path / ".ticketlint.toml").write_text(
        '[rules.TL401]\nextend-tokens = ["bofh"]\n', encoding="utf-8")
    assert cli("check", "--select", "TL401", "-", input="Classic BOFH moment.", cwd=tmp_path).exit_code == 1
    assert cli("check", "--isolated", "--select", "TL401", "-", input="Classic BOFH moment.", cwd=tmp_path).exit_code == 0


def test_rules_and_rule_commands() -> None:
    out = cli("rules").output
    assert "TL401" in out and "derogatory-code-word" in out
    data = json.loads(cli("rules", "--format", "json").output)
    assert any(r["code"] == "TL401" and set(r["languages"]) == {"en", "es", "id", "ro"} for r in data)
    doc = cli("rule", "TL401").output
    assert "seed" in doc.lower() and "PEBKAC" in doc
    assert cli("rule", "TL999").exit_code == 2


def test_help_and_rules_do_not_import_spacy() -> None:
    code = ("import sys\nfrom click.testing import CliRunner\nfrom ticketlint.cli import main\n"
            "for args in (['--help'], ['rules'], ['rule', 'TL401']):\n"
            "    r = CliRunner().invoke(main, args)\n    assert r.exit_code == 0, r.output\n"
            "assert 'spacy' not in sys.modules, 'spacy imported'\nassert 'textstat' not in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_statistics_per_agent_and_team(tmp_path: Path) -> None:
    rows = [
        {"id": "1", "agent": "ana", "team": "t1", "messages": [{"role": "note", "body": "PEBKAC again"}]},
        {"id": "2", "agent": "ana", "team": "t1", "messages": [{"role": "note", "body": "fine"}]},
        {"id": "3", "agent": "bob", "team": "t2", "messages": [{"role": "note", "body": "RTFM. luser."}]},
        {"id": "4", "messages": [{"role": "note", "body": "ok"}]},
    ]
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = json.loads(cli("check", "--isolated", "--select", "TL401", "--format", "json", "--group-by", "agent",
                         str(path)).output)["summary"]
    assert out["group_by"] == "agent"
    assert out["groups"] == {"(none)": {"tickets": 1, "by_code": {}}, "ana": {"tickets": 2, "by_code": {"TL401": 1}},
                             "bob": {"tickets": 1, "by_code": {"TL401": 2}}}
    text = cli("check", "--isolated", "--select", "TL401", "--statistics", "--group-by", "team", str(path)).output
    assert "findings per team" in text and "200.0" in text
