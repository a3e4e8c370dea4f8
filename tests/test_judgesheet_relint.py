"""bench/judgesheet.py relint: a sheet judged before a change is measured after it by keeping the verdicts
whose findings the current tree still reports (the tickets are re-read and linted, never the sheet's text)."""

from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from ticketlint.model import Message, Role, Ticket

ROOT = Path(__file__).resolve().parents[1]


def _sheet_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("judgesheet", ROOT / "bench" / "judgesheet.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_split_key_keeps_the_colon_of_an_irc_ticket_id() -> None:
    assert _sheet_tool()._split_key("irc:dev/2011-11-13_02:124:0:TL101:86") == (
        "irc", "dev/2011-11-13_02:124", 0, "TL101", 86)
    assert _sheet_tool()._split_key("reviews:id-gplay-x-00001:0:TL104:0") == ("reviews", "id-gplay-x-00001", 0, "TL104", 0)


def _run(tool: ModuleType, tmp_path: Path, rows: list[dict[str, str]], reviews: list[Ticket]) -> list[str]:
    tool.review_tickets = lambda limit: ((t, False) for t in reviews)
    tool.load_threads = lambda archive, limit: []
    verdicts = tmp_path / "v.verdicts"
    verdicts.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "after.verdicts"
    tool.relint(argparse.Namespace(verdicts=verdicts, output=out, threads=10))
    return [json.loads(line)["key"] for line in out.read_text(encoding="utf-8").splitlines()]


def test_relint_keeps_what_still_fires_and_drops_the_rest(tmp_path: Path) -> None:
    tool = _sheet_tool()
    failing = Ticket(id="r1", messages=(Message(role=Role.CUSTOMER, body="The app crashes every time I open it."),),
                     source="reviews")
    fine = Ticket(id="r2", messages=(Message(role=Role.CUSTOMER, body="Great app, thank you!"),), source="reviews")
    linted = tool.Linter(tool.Config(profile="audit", select=("ALL",))).lint(failing)
    hit = next(f for f in linted.findings if f.code == "TL101")
    rows = [
        {"key": f"reviews:r1:0:TL101:{hit.span.start}", "source": "reviews", "code": "TL101", "verdict": "tp"},
        {"key": "reviews:r1:0:TL101:999", "source": "reviews", "code": "TL101", "verdict": "tp"},  # moved
        {"key": "reviews:r2:0:TL101:0", "source": "reviews", "code": "TL101", "verdict": "fp"},  # gone
    ]
    assert _run(tool, tmp_path, rows, [failing, fine]) == [rows[0]["key"], rows[1]["key"]]


def test_relint_refuses_a_sheet_whose_tickets_are_not_found(tmp_path: Path) -> None:
    rows = [{"key": "reviews:nowhere:0:TL101:0", "source": "reviews", "code": "TL101", "verdict": "tp"}]
    with pytest.raises(SystemExit, match="not found"):
        _run(_sheet_tool(), tmp_path, rows, [])
