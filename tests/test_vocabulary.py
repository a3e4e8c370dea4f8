"""The organisation vocabulary (docs/packs.md, "Vocabulary"): one list of accepted and rejected terms
read by every rule that reads terms (TL201, TL202) through analysis/jargon.py."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from timing_util import assert_grows_linearly

from ticketlint import packs
from ticketlint.analysis.jargon import vocabulary
from ticketlint.config import ConfigError, parse_table
from ticketlint.engine import Linter
from ticketlint.model import Message, Role, Ticket
from ticketlint.packs.vocab import VocabularySpec

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "org-pack"

# One reply per language in which TL201 and TL202 both report "DNS" without a vocabulary.
REPLIES = {
    "en": "Please clear the DNS settings on your router and restart it, then try again.",
    "es": "Por favor, borre la configuración DNS de su router y reinícielo, luego vuelva a intentarlo.",
    "id": "Silakan hapus pengaturan DNS di router Anda lalu nyalakan ulang, kemudian coba lagi.",
    "ro": "Vă rugăm să ștergeți setările DNS din router și să îl reporniți, apoi încercați din nou.",
}


def _terms(table: dict[str, Any], *bodies: tuple[Role, str]) -> list[tuple[str, str, str | None]]:
    # Every rule's finding separately (one finding per problem would attach TL202's to TL201's):
    # these tests are about which rules the vocabulary silences.
    linter = Linter(parse_table({"report-overlaps": True, **table}))
    ticket = Ticket(id="t", messages=tuple(Message(role=r, body=b) for r, b in bodies))
    return [(f.code, f.excerpt, f.suggestion) for f in linter.lint_ticket(ticket) if f.code in ("TL201", "TL202")]


@pytest.mark.parametrize("lang", sorted(REPLIES))
@pytest.mark.parametrize("entry", ["DNS", "dns"])
def test_an_accepted_term_silences_tl201_and_tl202_in_every_language(lang: str, entry: str) -> None:
    reply = (Role.AGENT, REPLIES[lang])
    assert {c for c, x, _ in _terms({}, reply) if x == "DNS"} == {"TL201", "TL202"}
    assert _terms({"vocabulary": {"accept": [entry]}}, reply) == []


def test_case_rules_an_entry_with_a_capital_matches_only_as_written() -> None:
    reply = (Role.AGENT, "Please clear the DNS settings on your router, then empty the cache of the app.")
    left = {(c, x) for c, x, _ in _terms({"vocabulary": {"accept": ["Dns", "Cache"]}}, reply)}
    assert left == {("TL201", "DNS"), ("TL202", "DNS"), ("TL201", "cache")}
    assert _terms({"vocabulary": {"accept": ["dns", "cache"]}}, reply) == []


@pytest.mark.parametrize("lang", sorted(REPLIES))
def test_a_rejected_term_is_reported_once_by_tl201_with_the_preferred_wording(lang: str) -> None:
    found = _terms({"vocabulary": {"reject": {"DNS": "the address settings"}}}, (Role.AGENT, REPLIES[lang]))
    # the suggestion is in the reply's language (rules/<lang>/TL201.toml), the preferred wording as configured
    assert found == [("TL201", "DNS", packs.message("TL201", lang, "rejected_swap").format(preferred="the address settings"))]
    assert lang == "en" or "Write" not in found[0][2]


def test_rejected_terms_are_plain_multiword_and_reported_at_their_first_use_per_reply() -> None:
    table = {"vocabulary": {"reject": ["kb article", "L2"]}}
    body = "The KB  article explains it; L2 will read the kb article too. Ask L2-style teams, not l2."
    found = _terms(table, (Role.CUSTOMER, "Where is the kb article?"), (Role.AGENT, body))
    # "KB  article" (any whitespace, any case: a lower-case entry); "L2" only as written, not in "L2-style"
    assert [(c, x, s) for c, x, s in found] == [
        ("TL201", "KB  article", "Say it in words the customer knows."),
        ("TL201", "L2", "Say it in words the customer knows."),
    ]


def test_the_rules_own_options_go_through_the_same_vocabulary() -> None:
    reply = (Role.AGENT, REPLIES["en"])
    # TL201 `known` (any case, as documented before) and TL202 `allow`: each for its own rule
    only_202 = _terms({"rules": {"TL201": {"known": ["dns"]}}}, reply)
    assert [c for c, _, _ in only_202] == ["TL202"]
    only_201 = _terms({"rules": {"TL202": {"allow": ["DNS"]}}}, reply)
    assert [c for c, _, _ in only_201] == ["TL201"]
    # an organisation's rejected term stays rejected whatever a rule option accepts
    both = _terms({"rules": {"TL201": {"known": ["dns"]}}, "vocabulary": {"reject": ["DNS"]}}, reply)
    assert [(c, x) for c, x, _ in both] == [("TL201", "DNS")]


def test_without_a_vocabulary_nothing_is_accepted_or_rejected() -> None:
    v = vocabulary()
    assert not v and not v.accepts("DNS") and not v.rejects("DNS") and list(v.rejected("DNS L2")) == []
    v = vocabulary(VocabularySpec(accept=("Falcon Sync",), reject=(("l2", ""),)), ("vpn",))
    assert v.accepts("Falcon   Sync") and not v.accepts("falcon sync") and v.accepts("VPN") and v.rejects("L2")
    # the apostrophe of the pattern dialect: ' also matches ’
    v = vocabulary(VocabularySpec(accept=("o'reilly",), reject=(("don't", "do not"),)))
    assert v.accepts("O’Reilly") and [(t, s, e) for t, _, s, e in v.rejected("We don’t.")] == [("don't", 3, 8)]


@pytest.mark.parametrize(("table", "error"), [
    ({"vocabulary": ["DNS"]}, "vocabulary: must be a table"),
    ({"vocabulary": {"allow": ["DNS"]}}, "vocabulary.allow: unknown key (known: accept, reject, use)"),
    ({"vocabulary": {"accept": "DNS"}}, "vocabulary.accept: must be a list of terms"),
    ({"vocabulary": {"accept": ["  "]}}, "vocabulary.accept: an empty entry"),
    ({"vocabulary": {"accept": ["D.*S"]}}, "vocabulary.accept: 'D.*S': entries are plain terms, not regular expressions"),
    ({"vocabulary": {"reject": {"L2": 2}}}, "vocabulary.reject: must be a list of terms, or a table"),
    ({"vocabulary": {"accept": ["dns"], "reject": ["DNS"]}}, "vocabulary.reject: 'DNS' is rejected, and accepted in vocabulary.accept"),
    ({"vocabulary": {"use": ["acme"]}}, "vocabulary.use: vocabulary 'acme' not found (looked in no pack folder"),
])
def test_bad_entries_are_errors_naming_the_key(table: dict[str, Any], error: str) -> None:
    with pytest.raises(ConfigError) as exc:
        parse_table(table, "cfg.toml")
    assert f"cfg.toml: {error}" in str(exc.value)


def _check(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("TICKETLINT_RULES_DIR", None)
    return subprocess.run([sys.executable, "-m", "ticketlint", "check", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=120, check=False)


def test_an_org_pack_vocabulary_end_to_end_through_the_cli(tmp_path: Path) -> None:
    # --report-overlaps: every rule's finding on its own (this test is about which rules the vocabulary silences)
    done = _check(FIXTURE, "--role", "agent", "--format", "json", "--report-overlaps", "reply.txt")
    assert done.returncode == 1, done.stderr
    findings = json.loads(done.stdout)["findings"]
    terms = {(f["code"], f["excerpt"], f["suggestion"]) for f in findings if f["code"] in ("TL201", "TL202")}
    # accept.txt (SSO) and the config's accept (MFA) silence both rules; reject.txt is reported by TL201
    assert {(c, x) for c, x, _ in terms} == {("TL201", "L2"), ("TL201", "KB article"), ("TL202", "ORCA")}, terms
    assert ("TL201", "KB article", "Write 'help page' instead.") in terms
    # the same reply without the vocabulary: SSO and MFA are reported by both rules
    shutil.copy(FIXTURE / "reply.txt", tmp_path / "reply.txt")
    (tmp_path / ".ticketlint.toml").write_text("", encoding="utf-8")
    plain = json.loads(_check(tmp_path, "--role", "agent", "--format", "json", "--report-overlaps", "reply.txt").stdout)["findings"]
    assert {("TL201", "SSO"), ("TL202", "SSO"), ("TL201", "MFA"), ("TL202", "MFA")} <= {(f["code"], f["excerpt"]) for f in plain}
    assert not any(f["excerpt"] in ("L2", "KB article") for f in plain)


@pytest.mark.parametrize(("file", "content", "error"), [
    ("accept.txt", "SSO\nD(N)S\n", "support-style/vocabularies/acme/accept.txt:2: 'D(N)S': entries are plain terms"),
    ("reject.txt", "L2 =>\n", "support-style/vocabularies/acme/reject.txt:1: nothing after '=>'"),
    ("accept.txt", "L2\n", "support-style/vocabularies/acme/reject.txt:2: 'L2' is rejected, and accepted in"),
    ("glossary.txt", "x\n", "support-style/vocabularies/acme/glossary.txt: unknown file in a vocabulary"),
])
def test_bad_pack_vocabulary_files_are_errors_naming_file_and_line(tmp_path: Path, file: str, content: str, error: str) -> None:
    shutil.copytree(FIXTURE, tmp_path / "org", dirs_exist_ok=True)
    (tmp_path / "org" / "support-style" / "vocabularies" / "acme" / file).write_text(content, encoding="utf-8")
    done = _check(tmp_path / "org", "--role", "agent", "reply.txt")
    assert done.returncode == 2, done.stdout + done.stderr
    assert error in done.stdout + done.stderr, done.stdout + done.stderr


def test_rejected_terms_are_found_in_linear_time() -> None:
    v = vocabulary(VocabularySpec(reject=tuple((f"term{i} part{i} word", "") for i in range(200)) + (("kb article", ""),)))
    # near misses everywhere: every word start begins an entry that does not complete
    unit = "term1 part1 wor kb articl term9 part9 "

    def prepare(n: int) -> Callable[[], object]:
        text = unit * n

        def run() -> None:
            assert list(v.rejected(text)) == []
        return run

    assert_grows_linearly(prepare, 2_000, 20_000, max_ratio=15)
