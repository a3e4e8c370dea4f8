"""Failures are results: a rule that raises on a ticket is reported in every output format, counted in
the summary, exits 2, and is raised (or returned) by `ticketlint.lint()`; never the ticket's text."""

from __future__ import annotations

import json
import types
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import ticketlint
from ticketlint.checks.base import RuleContext
from ticketlint.cli import main
from ticketlint.config import Config
from ticketlint.engine import Linter, RuleError
from ticketlint.model import Hit, Message, Role, Ticket
from ticketlint.registry import default_registry

NOTE = "Closed: PEBKAC, the customer had caps lock on."
PASSWORD = "Pl4tano-Verde#77"
SECRET_NOTE = f"Customer says password: {PASSWORD} and the VPN crashed. PEBKAC."


def _boom(self: object, ctx: RuleContext) -> Iterator[Hit]:  # type: ignore[type-arg]
    """A rule bug that quotes the ticket in its message, as a careless KeyError would."""
    raise KeyError(f"no entry for {ctx.document.messages[0].body!r}")
    yield  # pragma: no cover - a generator, as rules are


@pytest.fixture
def broken_tl402(monkeypatch: pytest.MonkeyPatch) -> str:
    """TL402 raises on every ticket (patched on the registry's instance: its class may serve other rules;
    cached linters and forked workers see the same instance)."""
    rule = default_registry().get("TL402")
    monkeypatch.setattr(rule, "check", types.MethodType(_boom, rule))
    return rule.meta.code


def _check(*args: str, input: str = SECRET_NOTE) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", "--isolated", "--select", "TL401,TL402,TL601", *args, "-"], input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result.exit_code, result.stdout, result.stderr


def test_a_rule_failure_exits_2_and_the_other_rules_still_report(broken_tl402: str) -> None:
    code, out, _ = _check()
    assert code == 2  # not 0 (swallowed), not 1 (a finding), not 3 (a crash of ticketlint)
    assert "TL401" in out  # the rules that did not fail are reported
    assert "rule failure:" in out and "rule TL402 failed on this ticket (KeyError" in out
    assert "1 rule failure (exit 2)" in out.splitlines()[-1]
    assert _check("--exit-zero")[0] == 2  # --exit-zero is about findings, not a rule that did not run


@pytest.mark.parametrize("fmt", ["text", "concise", "json", "jsonl", "csv", "markdown", "html", "sarif", "junit",
                                 "github", "gitlab"])
def test_every_format_reports_the_failure_without_the_secret(broken_tl402: str, fmt: str) -> None:
    code, out, err = _check("--format", fmt)
    assert code == 2, (fmt, out, err)
    both = out + err
    assert "TL402" in both, fmt
    assert PASSWORD not in both, fmt  # the exception quoted the ticket: its secret is masked
    if fmt == "json":
        doc = json.loads(out)
        [failure] = doc["failures"]
        assert failure["code"] == "TL402" and failure["exception"] == "KeyError" and failure["ticket_id"] == "<stdin>"
        assert doc["summary"]["rule_failures"] == 1 and doc["errors"] == []
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in out.splitlines()]
        assert [r["code"] for r in rows if r["type"] == "failure"] == ["TL402"]
        assert rows[-1]["rule_failures"] == 1
    elif fmt == "sarif":
        [invocation] = json.loads(out)["runs"][0]["invocations"]
        assert invocation["executionSuccessful"] is False
        [note] = invocation["toolExecutionNotifications"]
        assert note["associatedRule"] == {"id": "TL402"} and note["descriptor"] == {"id": "rule-failure"}
    elif fmt == "junit":
        errors = ET.fromstring(out.split("\n", 1)[1]).iter("error")
        assert [e.get("type") for e in errors] == ["rule-failure"]
    elif fmt == "github":
        assert any(line.startswith("::error ") and "rule TL402 failed" in line for line in out.splitlines())
    elif fmt == "gitlab":
        issues = [i for i in json.loads(out) if i["check_name"] == "ticketlint/rule-failure"]
        assert len(issues) == 1 and issues[0]["severity"] == "critical"
    elif fmt in ("markdown", "html", "csv", "concise"):
        assert "rule TL402 failed" in both and "rule failure" in both


def test_a_failing_secret_finder_fails_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    rule = default_registry().get("TL601")
    monkeypatch.setattr(rule, "check", types.MethodType(_boom, rule))
    code, out, _ = _check("--format", "json")
    doc = json.loads(out)
    assert code == 2 and doc["findings"] == []  # no finding of the ticket is shown: it may quote a secret
    [failure] = doc["failures"]
    assert failure["code"] == "TL601" and failure["detail"] == ""  # where the secrets are is not known
    assert "no finding of this ticket is shown" in failure["message"] and PASSWORD not in out


def test_lint_is_strict_by_default_and_names_rule_and_ticket(broken_tl402: str) -> None:
    with pytest.raises(RuleError) as info:
        ticketlint.lint(NOTE, role="agent")
    assert "TL402" in str(info.value) and "'-'" in str(info.value)
    [failure] = info.value.failures
    assert (failure.code, failure.exception, failure.ticket_id) == ("TL402", "KeyError", "-")
    result = ticketlint.lint(NOTE, role="agent", strict=False)
    assert isinstance(result, ticketlint.LintResult)
    assert [f.code for f in result.failures] == ["TL402"]
    assert "TL401" in {f.code for f in result.findings}


def test_failures_do_not_pile_up_on_a_cached_linter(broken_tl402: str) -> None:
    linter = Linter(Config(select=("TL401", "TL402")))
    ticket = Ticket(id="t", messages=(Message(role=Role.AGENT, body=NOTE),))
    for _ in range(3):
        assert len(linter.lint(ticket).failures) == 1
        with pytest.raises(RuleError):
            linter.lint_ticket(ticket)
    assert not hasattr(linter, "failures")


def test_lint_caches_one_linter_per_config_content(monkeypatch: pytest.MonkeyPatch) -> None:
    from ticketlint import api

    built: list[Config] = []
    real = api.Linter

    def counting(config: Config) -> Linter:
        built.append(config)
        return real(config)

    monkeypatch.setattr(api, "_LINTERS", {})
    monkeypatch.setattr(api, "Linter", counting)
    for _ in range(3):
        ticketlint.lint(NOTE, config={"select": ["TL401"]}, role="agent")
        ticketlint.lint(NOTE, config={"select": ["TL401"], "ignore": []}, role="agent")
    assert len(built) == 2  # two distinct tables, each built once


def test_rule_cases_and_examples_fail_on_a_rule_failure(broken_tl402: str) -> None:
    """The YAML rule cases (testing.py) and the documented examples must not pass on a rule that raised."""
    from ticketlint.testing import Case, run_case

    case = Case("TL402", "boom", Ticket(id="boom", messages=(Message(role=Role.AGENT, body="Fine."),)),
                False, None, None, "auto", (), "<test>")
    with pytest.raises(KeyError):
        run_case(case)  # an expect-pass case would pass on "no findings" if the failure were swallowed
    linter = Linter(Config(select=("TL402",)), strict=True)
    with pytest.raises(KeyError):
        linter.lint_ticket(case.ticket)


def test_failures_in_worker_processes_are_reported_too(broken_tl402: str, tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(70):  # more than the 64 tickets below which no worker is started
            fh.write(json.dumps({"id": f"t{i}", "messages": [{"role": "agent", "body": NOTE}]}) + "\n")
    result = CliRunner().invoke(main, ["check", "--isolated", "--select", "TL401,TL402", "--format", "jsonl",
                                       "-j", "2", str(path)])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 2
    assert sum(r["type"] == "failure" for r in rows) == 70 == rows[-1]["rule_failures"]


def test_an_author_that_is_no_text_is_a_rule_failure_not_a_crash() -> None:
    """A library caller's author that is not a string (review16): the rules that read authors fail visibly, as
    results, and the side remarks the audit counts (read after the rules) do not turn them into a traceback."""
    ticket = Ticket(id="t", messages=(Message(role=Role.CUSTOMER, body="The app crashes.", author="ann"),
                                      Message(role=Role.AGENT, body="bob: did you try a reboot?", author=42),  # type: ignore[arg-type]
                                      Message(role=Role.AGENT, body="Yes.", author="bob")))
    linted = Linter(Config()).lint(ticket)
    assert linted.failures and {f.exception for f in linted.failures} == {"AttributeError"}
    with pytest.raises(RuleError):
        Linter(Config()).lint_ticket(ticket)
