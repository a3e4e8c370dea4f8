"""The evaluation command: ticket-level precision and recall per rule and language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ticketlint.cli import main
from ticketlint.evaluate import EvalError, evaluate, render_table


def _ticket(tid: str, lang: str, body: str, expect: list[str], expect_not: list[str]) -> str:
    return json.dumps({"id": tid, "language": lang, "messages": [{"role": "note", "body": body}],
                       "expect": expect, "expect_not": expect_not})


@pytest.fixture
def labelled(tmp_path: Path) -> Path:
    rows = [
        _ticket("1", "en", "Closed, PEBKAC.", ["TL401"], []),                     # tp
        _ticket("2", "en", "Closed, the user was confused.", ["TL401"], []),      # fn
        _ticket("3", "en", "Classic RTFM case.", [], ["TL401"]),                  # fp (label is wrong on purpose)
        _ticket("4", "en", "Fixed the route.", [], ["TL401"]),                    # tn
        _ticket("5", "es", "Problema de capa 8.", ["TL401"], []),                 # tp
        _ticket("6", "es", "Arreglado.", [], []),                                 # unlabelled
    ]
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_counts_per_rule_and_language(labelled: Path) -> None:
    report = evaluate([str(labelled)], select=["TL401"])
    en, es = report.cells[("TL401", "en")], report.cells[("TL401", "es")]
    assert (en.tp, en.fp, en.fn, en.tn) == (1, 1, 1, 1)
    assert (en.precision, en.recall) == (0.5, 0.5)
    assert (es.tp, es.fp, es.fn, es.tn) == (1, 0, 0, 0)
    assert report.tickets == 6
    assert {(m.ticket_id, m.kind) for m in report.misses} == {("2", "false negative"), ("3", "false positive")}
    assert report.below(0.9, 0.85) == ["TL401 en: precision 0.50 < 0.9", "TL401 en: recall 0.50 < 0.85"]
    table = render_table(report, "markdown")
    assert "| TL401 | en | 0.50 | 0.50 | 1 | 1 | 1 | 1 |" in table
    assert "| TL401 | all | 0.67 | 0.67 | 2 | 1 | 1 | 1 |" in table


def test_cli_exit_code_on_targets(labelled: Path) -> None:
    r = CliRunner().invoke(main, ["eval", "--select", "TL401", "--min-precision", "0.9", str(labelled)])
    assert r.exit_code == 1 and "below target" in r.output
    r = CliRunner().invoke(main, ["eval", "--select", "TL401", "--format", "json", str(labelled)])
    assert r.exit_code == 0 and json.loads(r.output)["tickets"] == 6


def test_bad_labels_name_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(_ticket("1", "en", "x", ["TL401"], []) + "\n" + _ticket("2", "en", "x", ["TL401"], ["TL401"]) + "\n")
    with pytest.raises(EvalError, match=r"bad.jsonl:2: TL401 both expected"):
        evaluate([str(path)])
    path.write_text(_ticket("1", "en", "x", ["TL999"], []) + "\n")
    assert "unknown rule code(s) TL999" in evaluate([str(path)]).errors[0]
