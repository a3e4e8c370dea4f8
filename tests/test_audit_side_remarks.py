"""A side remark between helpers of a chat is no reply (review15): the audit's quality figure per agent and team counts it
apart (`side_remarks`), neither as a reply checked and clean nor with the findings on it (docs/audit.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ticketlint.audit import Audit
from ticketlint.cli import main
from ticketlint.model import Finding, Message, Role, Severity, Span, Ticket
from ticketlint.runner import Outcome

CHAT = Ticket("T", (Message(Role.CUSTOMER, "Can I remove the old kernel?", author="ana"),
                    Message(Role.AGENT, "ana: yes, with apt autoremove", author="carol"),
                    Message(Role.AGENT, "carol: no, that flag was removed in 22.04", author="bob"),
                    Message(Role.AGENT, "ana: run sudo apt autoremove, then reboot.", author="bob")),
              extra=(("team", "t1"),))


def _finding(index: int, code: str) -> tuple[Finding, str]:
    m = CHAT.messages[index]
    return Finding(CHAT.id, index, code, code.lower(), Severity.WARNING, code, Span(0, 4), 1, 1, m.body[:4],
                   role=m.role.value, author=m.author), m.body


def test_a_side_remark_counts_apart_from_the_replies() -> None:
    a = Audit(("author",))
    # a finding of a rule that reads every agent message (tone) on the side remark: not charged to bob's replies
    a.add(CHAT, Outcome([_finding(2, "TL401")], languages=("en",) * 4, side_remarks=frozenset({2})))
    r = a.report()
    bob = next(q for q in r.agents if q.who == "bob")
    assert (bob.replies, bob.clean, bob.serious, bob.side_remarks) == (1, 1, 0, 1)
    assert bob.worst == ()
    team = r.teams[0]
    assert (team.replies, team.clean, team.side_remarks) == (2, 2, 1)
    # the finding itself is still reported and counted per rule and per author; the ticket is not clean
    assert dict((rule.code, rule.count) for rule in r.rules) == {"TL401": 1}
    assert r.clean_tickets == 0
    # what is counted survives a partition's state and a merge (Dask/Spark)
    whole = Audit(("author",))
    whole.merge(Audit.from_state(a.state()))
    assert next(q for q in whole.report().agents if q.who == "bob").side_remarks == 1


def test_without_side_remarks_the_figures_are_as_before() -> None:
    a = Audit(())
    a.add(CHAT, Outcome([], languages=("en",) * 4))
    bob = next(q for q in a.report().agents if q.who == "bob")
    assert (bob.replies, bob.clean, bob.side_remarks) == (2, 2, 0)


@pytest.mark.parametrize("fmt", ["json", "text", "markdown", "html"])
def test_a_real_run_reports_the_side_remarks(tmp_path: Path, fmt: str) -> None:
    ticket = {"id": "T1", "team": "t1", "messages": [{"role": m.role.value, "author": m.author, "body": m.body}
                                                     for m in CHAT.messages]}
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps(ticket) + "\n", encoding="utf-8")
    args = ["--statistics"] if fmt == "text" else []
    result = CliRunner().invoke(main, ["check", "--isolated", "--format", fmt, *args, "--group-by", "author,team", str(path)])
    assert result.exit_code in (0, 1), result.output
    if fmt == "json":
        agents = {q["name"]: q for q in json.loads(result.stdout)["summary"]["audit"]["agents"]}
        assert (agents["bob"]["replies"], agents["bob"]["side_remarks"]) == (1, 1)
        assert (agents["carol"]["replies"], agents["carol"]["side_remarks"]) == (1, 0)
    else:
        assert "side remarks" in result.stdout


def test_the_column_is_said_in_the_locale(tmp_path: Path) -> None:
    ticket = {"id": "T1", "messages": [{"role": m.role.value, "author": m.author, "body": m.body} for m in CHAT.messages]}
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps(ticket) + "\n", encoding="utf-8")
    for locale, column in (("es", "comentarios aparte"), ("id", "obrolan sampingan"), ("ro", "remarci laterale")):
        result = CliRunner().invoke(main, ["check", "--isolated", "--statistics", "--locale", locale, "--group-by", "author", str(path)])
        assert column in result.stdout, locale


def test_the_html_report_says_what_a_side_remark_is_in_the_locale(tmp_path: Path) -> None:
    """The HTML report explains the column where it shows it (as it explains tickets read in part), in every locale,
    and says nothing of side remarks when there is none."""
    ticket = {"id": "T1", "messages": [{"role": m.role.value, "author": m.author, "body": m.body} for m in CHAT.messages]}
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps(ticket) + "\n", encoding="utf-8")
    for locale, term in (("en", "<b>Side remarks</b>"), ("es", "<b>Comentarios aparte</b>"),
                         ("id", "<b>Obrolan sampingan</b>"), ("ro", "<b>Remarci laterale</b>")):
        result = CliRunner().invoke(main, ["check", "--isolated", "--format", "html", "--locale", locale, str(path)])
        assert result.stdout.count(term) == 2, locale  # the agents' table and the teams' table
    plain = {"id": "T2", "messages": [{"role": "customer", "author": "ann", "body": "The app crashes."},
                                      {"role": "agent", "author": "bob", "body": "Please reinstall it."}]}
    path.write_text(json.dumps(plain) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--isolated", "--format", "html", str(path)])
    assert "Side remarks" not in result.stdout and "side remarks" not in result.stdout
