"""Organisation packs end to end through the CLI: the example of docs/packs.md (tests/fixtures/org-pack/)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "org-pack"


def _check(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("TICKETLINT_RULES_DIR", None)
    return subprocess.run([sys.executable, "-m", "ticketlint", "check", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=120, check=False)


def test_org_rules_and_extensions_run_through_the_cli() -> None:
    done = _check(FIXTURE, "--role", "agent", "--format", "json", "reply.txt")
    assert done.returncode == 1, done.stderr
    found = {(f["code"], f["excerpt"]) for f in json.loads(done.stdout)["findings"]}
    assert {
        ("ACME101", "ORCA"),  # substitution: its own rule and code
        ("ACME102", "I will escalate"),  # conditional, per sentence
        ("ACME103", "Apologies"),  # occurrence: the third apology
        ("TL401", "ticket tourist"),  # en/TL401.toml extends the built-in code words
    } <= found, found
    acme101 = next(f for f in json.loads(done.stdout)["findings"] if f["code"] == "ACME101")
    assert acme101["suggestion"] == "Write 'your backup vault'."


def test_without_the_config_the_org_pack_is_not_used(tmp_path: Path) -> None:
    shutil.copy(FIXTURE / "reply.txt", tmp_path / "reply.txt")
    (tmp_path / ".ticketlint.toml").write_text("", encoding="utf-8")
    done = _check(tmp_path, "--role", "agent", "--format", "json", "reply.txt")
    codes = {f["code"] for f in json.loads(done.stdout)["findings"]}
    assert not any(c.startswith("ACME") for c in codes) and "TL401" not in codes


@pytest.mark.parametrize(("file", "content", "error"), [
    ("support-style/en/TL401.toml", 'tokenz = ["x"]\n', "support-style/en/TL401.toml: unknown key 'tokenz' (known: exceptions, tokens)"),
    ("support-style/en/ACME103.toml", 'tokens = "sorry"\n', "support-style/en/ACME103.toml: 'tokens' must be a list of strings"),
    ("support-style/ACME103.toml", 'code = "ACME103"\nname = "x"\ntype = "occurrence"\nsummary = "s"\nscope = ["agent"]\n'
     'message = "m"\nmax = 2\nmaximum = 3\n', "support-style/ACME103.toml: unknown key 'maximum'"),
])
def test_errors_name_the_org_file_and_key(tmp_path: Path, file: str, content: str, error: str) -> None:
    shutil.copytree(FIXTURE, tmp_path / "org", dirs_exist_ok=True)
    (tmp_path / "org" / file).write_text(content, encoding="utf-8")
    done = _check(tmp_path / "org", "--role", "agent", "reply.txt")
    assert done.returncode == 2, done.stdout + done.stderr
    assert error in done.stdout + done.stderr, done.stdout + done.stderr


def test_pack_folder_must_exist(tmp_path: Path) -> None:
    (tmp_path / ".ticketlint.toml").write_text('packs = ["./nowhere"]\n', encoding="utf-8")
    (tmp_path / "t.txt").write_text("hello there, all good\n", encoding="utf-8")
    done = _check(tmp_path, "t.txt")
    assert done.returncode == 2
    assert "packs" in done.stderr and "nowhere: not a folder" in done.stderr


def _cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("TICKETLINT_RULES_DIR", None)
    return subprocess.run([sys.executable, "-m", "ticketlint", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=120, check=False)


def test_rules_and_rule_document_the_org_rules(tmp_path: Path) -> None:
    """`ticketlint rules` and `rule CODE` read the same configuration as `check`: the org's rules are listed."""
    listed = _cli(FIXTURE, "rules", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    codes = {r["code"] for r in json.loads(listed.stdout)}
    assert {"ACME101", "ACME102", "ACME103", "TL401"} <= codes
    page = _cli(FIXTURE, "rule", "ACME101")
    assert page.returncode == 0, page.stderr
    assert "internal-product-name" in page.stdout and "support-style/ACME101.toml (data rule, type `substitution`)" in page.stdout
    assert "ACME101" not in _cli(FIXTURE, "rules", "--isolated").stdout
    elsewhere = _cli(tmp_path, "rules", "--config", str(FIXTURE / ".ticketlint.toml"))
    assert "ACME102" in elsewhere.stdout, elsewhere.stderr
    unknown = _cli(tmp_path, "rule", "ACME101")
    assert unknown.returncode == 2 and "unknown rule" in unknown.stderr
