"""The eight documented behaviours that had no test (issue 12): each test here fails when its behaviour is
broken (each was checked by breaking the behaviour with a one-line change, see the commit message).

--min-severity, --fail-on, --extend-select, -j, --statistics, `disable=all`, the ticket-tag disable, and
rule-failure reporting (more of it in test_rule_failures.py)."""

from __future__ import annotations

import json
import os
import types
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from export_util import four_language_export  # noqa: E402

from ticketlint import runner
from ticketlint.checks.base import RuleContext
from ticketlint.cli import main
from ticketlint.model import Hit
from ticketlint.registry import default_registry

# TL401 (derogatory code word) is an error, TL202 (unexplained acronym) a warning: one reply with both.
REPLY = "Closed as PEBKAC. Please restart the DNS cache and reinstall the VPN client."


def _check(*args: str, input: str | None = None) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(main, ["check", "--isolated", "--format", "jsonl", *args], input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result.exit_code, [json.loads(line) for line in result.stdout.splitlines()]


def _codes(rows: list[dict]) -> list[str]:
    return sorted({r["code"] for r in rows if r["type"] == "finding"})


def _reply(*args: str, text: str = REPLY) -> tuple[int, list[dict]]:
    return _check("--select", "TL401,TL202", "--role", "agent", *args, "-", input=text)


def test_min_severity_hides_findings_below_it() -> None:
    assert _codes(_reply()[1]) == ["TL202", "TL401"]
    assert _codes(_reply("--min-severity", "warning")[1]) == ["TL202", "TL401"]
    code, rows = _reply("--min-severity", "error")
    assert _codes(rows) == ["TL401"] and rows[-1]["by_severity"] == {"error": 1}
    assert code == 1


def test_fail_on_sets_the_severity_that_fails() -> None:
    warning_only = "Please restart the DNS cache and reinstall the VPN client."
    assert _reply(text=warning_only)[0] == 0  # default fail-on error: a warning passes
    assert _reply("--fail-on", "error", text=warning_only)[0] == 0
    assert _reply("--fail-on", "warning", text=warning_only)[0] == 1
    assert _reply("--fail-on", "info", text=warning_only)[0] == 1
    assert _reply("--fail-on", "warning", text="Thanks, all fixed now.")[0] == 0


def test_extend_select_adds_to_the_file_selection(tmp_path: Path) -> None:
    config = tmp_path / ".ticketlint.toml"
    config.write_text('select = ["TL401"]\n', encoding="utf-8")
    base = ["--config", str(config), "--role", "agent", "-"]
    assert _codes(_check(*base, input=REPLY)[1]) == ["TL401"]
    assert _codes(_check("--extend-select", "TL202", *base, input=REPLY)[1]) == ["TL202", "TL401"]
    # --select replaces the file's selection; --extend-select only adds to it
    assert _codes(_check("--select", "TL202", *base, input=REPLY)[1]) == ["TL202"]


def _export(tmp_path: Path, n: int) -> Path:
    return four_language_export(tmp_path, n, REPLY)


_REAL_LINT_BATCH = runner._lint_batch
_PIDS = Path(os.devnull)


def _recording(batch: runner.Batch) -> list[runner.Outcome]:
    """The workers' batch function, noting which process ran each batch (module level: it is pickled)."""
    with _PIDS.open("a", encoding="utf-8") as fh:
        fh.write(f"{os.getpid()}\n")
    return _REAL_LINT_BATCH(batch)


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="-j 2 starts workers only on a machine with two cores")
def test_jobs_two_workers_really_run_and_give_the_same_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _export(tmp_path, 160)  # more than the 64 tickets below which no worker is started
    pids = tmp_path / "pids"
    monkeypatch.setitem(globals(), "_PIDS", pids)
    monkeypatch.setattr(runner, "_lint_batch", _recording)  # the forked workers inherit it
    one = _check("--select", "TL1,TL4,TL202", "-j", "1", str(path))
    assert not pids.exists()  # -j 1 lints in this process, no worker
    two = _check("--select", "TL1,TL4,TL202", "-j", "2", str(path))
    assert one == two and one[1][-1]["tickets_linted"] == 160 and len(_codes(one[1])) >= 3
    workers = set(pids.read_text(encoding="utf-8").split())
    assert len(workers) == 2 and str(os.getpid()) not in workers


def test_statistics_prints_the_tables_instead_of_the_findings() -> None:
    args = ["check", "--isolated", "--select", "TL401,TL202", "--role", "agent", "-"]
    plain = CliRunner().invoke(main, args, input=REPLY).stdout
    stats = CliRunner().invoke(main, ["--statistics" if a == "-" else a for a in args] + ["-"], input=REPLY).stdout
    assert "TL401 [error]" in plain and "findings per rule" not in plain
    assert "findings per rule" in stats and "derogatory-code-word" in stats
    assert "TL401 [error]" not in stats and "^^^" not in stats
    assert stats.rstrip().splitlines()[-1] == plain.rstrip().splitlines()[-1]  # the same summary line


@pytest.mark.parametrize("directive", ["<!-- ticketlint: disable=all -->", "ticketlint: disable=ALL"])
def test_disable_all_silences_every_rule_in_the_message(directive: str) -> None:
    code, rows = _reply(text=f"{REPLY}\n{directive}")
    assert code == 0 and _codes(rows) == []
    # a region: closed by enable=all, the findings after it are reported again
    code, rows = _reply(text="ticketlint: disable=all\nDNS?\nticketlint: enable=all\nClosed as PEBKAC, DNS.")
    # (TL401 and TL202 on "PEBKAC": one finding, the slur's, with TL202 related: overlap.py)
    assert code == 1 and [(r["line"], r["code"], [x["code"] for x in r["related"]])
                          for r in rows if r["type"] == "finding"] == [(4, "TL401", ["TL202"])]


def _tagged(tmp_path: Path, tags: list[str]) -> Path:
    path = tmp_path / "tagged.jsonl"
    messages = [{"role": "customer", "body": "The VPN crashed."}, {"role": "agent", "body": REPLY}]
    path.write_text(json.dumps({"id": "T-1", "tags": tags, "messages": messages}) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("tags", "left"), [
    ([], ["TL202", "TL401"]),
    (["ticketlint:disable:TL401"], ["TL202"]),
    (["vip", "ticketlint:disable:unexplained-acronym"], ["TL401"]),
    (["ticketlint:disable:TL401", "ticketlint:disable:TL202"], []),
    (["ticketlint:disable:all"], []),
])
@pytest.mark.parametrize("unused", [False, True])
def test_a_ticket_tag_disables_a_rule_for_the_whole_ticket(tmp_path: Path, tags: list[str], left: list[str],
                                                           unused: bool) -> None:
    # without the unused report a tagged rule is not even run; with it, it runs and its hits are silenced
    flags = ["--report-unused-suppressions"] if unused else []
    code, rows = _check("--select", "TL401,TL202", *flags, str(_tagged(tmp_path, tags)))
    assert _codes(rows) == left
    assert code == (1 if "TL401" in left else 0)


def _boom(self: object, ctx: RuleContext) -> Iterator[Hit]:  # type: ignore[type-arg]
    raise ValueError("a rule bug")
    yield  # pragma: no cover


def test_a_rule_failure_is_reported_and_exits_2(monkeypatch: pytest.MonkeyPatch) -> None:
    rule = default_registry().get("TL202")
    monkeypatch.setattr(rule, "check", types.MethodType(_boom, rule))
    code, rows = _reply()
    failures = [r for r in rows if r["type"] == "failure"]
    assert code == 2 and [(f["code"], f["exception"], f["detail"]) for f in failures] == [("TL202", "ValueError", "a rule bug")]
    assert _codes(rows) == ["TL401"] and rows[-1]["rule_failures"] == 1
