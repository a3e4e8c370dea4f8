"""Languages are data: every language is complete, and a fifth one needs only its folder under rules/.

`test_languages_are_complete` names, for every language, what it lacks
(packs/completeness.py). `test_a_made_up_language_needs_only_its_folder`
walks docs/dev/adding-a-language.md: it copies rules/ to a temporary folder,
adds `xx` by copying English's files, points ticketlint at it
(`TICKETLINT_RULES_DIR`) and lints tickets in it through the CLI.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ticketlint.model import LANGUAGES
from ticketlint.packs.completeness import lacks
from ticketlint.packs.files import ENV_RULES_DIR

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("lang", LANGUAGES)
def test_languages_are_complete(lang: str) -> None:
    missing = lacks(lang, corpus=ROOT / "corpus")
    assert not missing, f"language {lang} lacks:\n" + "\n".join(missing)


def _run(rules: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, ENV_RULES_DIR: str(rules), "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", *args], input=stdin, capture_output=True, text=True, env=env,
                          cwd=rules.parent, timeout=120, check=False)


@pytest.fixture(scope="module")
def xx_rules(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rules = tmp_path_factory.mktemp("xx") / "rules"
    shutil.copytree(ROOT / "rules", rules)
    (rules / "xx").mkdir()
    for src in (rules / "en").glob("*.toml"):
        shutil.copy(src, rules / "xx" / src.name)
    lang = rules / "xx" / "language.toml"
    lang.write_text(lang.read_text(encoding="utf-8").replace('name = "English"', 'name = "Xish"'), encoding="utf-8")
    (rules.parent / "corpus" / "xx").mkdir(parents=True)
    shutil.copy(ROOT / "corpus" / "en" / "tickets.jsonl", rules.parent / "corpus" / "xx" / "tickets.jsonl")
    return rules


def test_a_made_up_language_needs_only_its_folder(xx_rules: Path) -> None:
    # the language list, the completeness check and the CLI's --lang all see it
    done = _run(xx_rules, "ticketlint.packs.completeness", "xx")
    assert done.returncode == 0 and done.stdout.strip() == "complete: xx", done.stdout + done.stderr
    text = "Closed. PEBKAC, she had caps lock on. Unfortunately we can't extend the trial."
    done = _run(xx_rules, "ticketlint", "check", "--lang", "xx", "--role", "agent", "--select", "ALL",
                "--format", "json", "-", stdin=text)
    assert done.returncode in (0, 1), done.stderr
    findings = json.loads(done.stdout)["findings"]
    found = {(f["code"], f["language"]) for f in findings}
    assert {("TL401", "xx"), ("TL304", "xx")} <= found, found
    # a ticket file that says its language is xx is read (the readers take the list from rules/)
    ticket = {"id": "x1", "language": "xx", "messages": [{"role": "agent", "body": "Hello, PEBKAC again."}]}
    done = _run(xx_rules, "ticketlint", "check", "--select", "TL401", "--format", "json", "-",
                stdin=json.dumps(ticket) + "\n")
    assert [f["code"] for f in json.loads(done.stdout)["findings"]] == ["TL401"], done.stderr
    # the rule docs name the language as its language.toml does
    done = _run(xx_rules, "ticketlint", "rule", "TL401")
    assert "Xish:" in done.stdout, done.stdout[-500:]


def test_what_a_new_language_lacks_is_named(xx_rules: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(xx_rules, rules)  # and no corpus/xx/
    (rules / "xx" / "TL402.toml").unlink()
    lang = rules / "xx" / "language.toml"
    lang.write_text(lang.read_text(encoding="utf-8").replace('pyphen = "en_US"', ""), encoding="utf-8")
    done = _run(rules, "ticketlint.packs.completeness", "xx")
    assert done.returncode == 1
    assert "rules/xx/language.toml: no key 'readability.pyphen'" in done.stdout
    assert "rules/xx/TL402.toml: missing" in done.stdout
    assert "corpus/xx/: no tickets" in done.stdout
