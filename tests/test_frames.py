"""The engines' shared parts without an engine: audits merged from parts, the column spec, rows as jsonl."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from export_util import write_export

from ticketlint.audit import Audit
from ticketlint.config import Config
from ticketlint.engine import Linter
from ticketlint.formatters.jsonfmt import JsonLinesFormatter, summary_dict
from ticketlint.readers import read_source
from ticketlint.runner import run


def _audit(linter: Linter, paths: list[str]) -> Audit:
    audit = Audit(("team", "author"), {r.meta.code: r.meta for r in linter.registry})
    items = (item for p in paths for item in read_source(p))
    run([], Config(), JsonLinesFormatter(io.StringIO()), items=items, linter=linter, audit=audit)
    return audit


def test_audits_of_parts_merged_in_order_are_the_audit_of_the_whole(tmp_path: Path) -> None:
    parts = [str(p) for p in write_export(tmp_path, 240, 3, broken=False)]
    linter = Linter(Config())
    whole = _audit(linter, parts).report()
    merged = Audit(("team", "author"), {r.meta.code: r.meta for r in linter.registry})
    for p in parts:  # each part's audit travels as JSON, as from a worker
        state = json.loads(json.dumps(_audit(linter, [p]).state()))
        merged.merge(Audit.from_state(state))
    assert merged.report() == whole  # every count, group, agent, team and the same first excerpts
    assert whole.tickets == 240 and whole.excerpts
    with pytest.raises(ValueError, match="cannot merge"):
        merged.merge(Audit(("team",)))


def test_rows_of_the_table_read_back_as_the_jsonl_output(tmp_path: Path) -> None:
    pytest.importorskip("pandas", reason="the engines' extras are not installed")
    from ticketlint import frames

    (path,) = write_export(tmp_path, 60, 1, broken=False)
    table = frames.lint_file(str(path), frames.Options())
    assert list(table.columns) == list(frames.NAMES) and table["kind"].iloc[-1] == "audit"
    out = io.StringIO()
    result = run([str(path)], Config(), JsonLinesFormatter(out))
    local = out.getvalue().splitlines()
    rows = [json.dumps(frames.jsonl_record(r), ensure_ascii=False) for r in table.to_dict("records") if r["kind"] != "audit"]
    assert rows == local[:-1]
    combined = frames.combine(table.loc[table["kind"] == "audit", "payload"], frames.Options())
    assert summary_dict(combined.summary) == summary_dict(result.summary)
    assert frames.spark_schema().count("BIGINT") == sum(kind == "long" for _, kind in frames.COLUMNS)
