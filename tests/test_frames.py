"""The engines' shared parts without an engine: audits merged from parts, the column spec, rows as jsonl."""

from __future__ import annotations

import io
import json
import os
import pickle
import subprocess
import sys
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


def test_parts_with_since_and_baselines_add_up_to_the_local_run(tmp_path: Path) -> None:
    """--since, --baseline and --write-baseline per partition (as an engine runs them): the local run's summary
    and the same baseline file, byte for byte."""
    pytest.importorskip("pandas", reason="the engines' extras are not installed")
    from ticketlint import frames
    from ticketlint.baseline import load
    from ticketlint.since import parse_since

    parts = [str(p) for p in write_export(tmp_path / "export", 240, 3)]
    run(parts[:1], Config(), JsonLinesFormatter(io.StringIO()), write_baseline=str(tmp_path / "last.json"))
    since, baseline = parse_since("2026-04-01"), load(str(tmp_path / "last.json"))
    local = run(parts, Config(), JsonLinesFormatter(io.StringIO()), since=since, baseline=baseline,
                write_baseline=str(tmp_path / "local.json"))
    options = frames.Options(since=since, baseline=baseline, write_baseline=True)
    tables = [frames.lint_file(p, options, i) for i, p in enumerate(parts)]
    combined = frames.combine((t.loc[t["kind"] == "audit", "payload"].iloc[-1] for t in tables), options)
    assert summary_dict(combined.summary) == summary_dict(local.summary)
    assert local.summary.tickets_before_since and local.summary.findings_in_baseline  # both filters took some
    frames.write_baseline(combined, str(tmp_path / "parts.json"))
    assert (tmp_path / "parts.json").read_bytes() == (tmp_path / "local.json").read_bytes()


def test_a_record_spark_could_not_parse_is_unreadable_and_not_quoted() -> None:
    pytest.importorskip("pandas", reason="the engines' extras are not installed")
    from ticketlint import frames

    records = [{"_corrupt_record": '{"id": "x", "password": "Hunter22!Zq'}, {"id": "ok", "messages": [
        {"role": "customer", "body": "The printer is broken."}]}]
    table = frames.lint_records(records, frames.Options(), source="part-1.jsonl")
    errors = table[table["kind"] == "error"].to_dict("records")
    assert [(e["source"], e["line"], e["message"]) for e in errors] == [
        ("part-1.jsonl", 1, "invalid JSON: Spark could not parse this record")]
    assert "Hunter22" not in table.to_json()
    combined = frames.combine(table.loc[table["kind"] == "audit", "payload"], frames.Options())
    assert (combined.summary.tickets_read, combined.summary.tickets_unreadable) == (2, 1)  # none lost


def test_a_workers_linter_key_is_the_same_under_any_hash_seed() -> None:
    """Equal configs share one Linter in a worker whatever its string hashes: the key is `_canonical`, not
    the config's pickle, whose frozensets come out in an order that follows the process's hash seed (a
    fresh clone's `make test` once built two Linters per Dask worker for one configuration)."""
    sent = pickle.dumps(Config())
    code = ("import pickle, sys; from ticketlint.frames import _canonical; "
            "c = pickle.loads(sys.stdin.buffer.read()); "
            "sys.stdout.write(repr(_canonical(c)) + '\\n' + pickle.dumps(c).hex())")
    src = str(Path(__file__).resolve().parents[1] / "src")
    keys, pickles = set(), set()
    for seed in ("1", "2", "3", "4"):
        done = subprocess.run([sys.executable, "-c", code], input=sent, capture_output=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": src})
        key, again = done.stdout.decode().split("\n")
        keys.add(key)
        pickles.add(again)
    assert len(keys) == 1
    assert len(pickles) > 1  # what the old key was: not one value for one configuration


def test_tickets_read_in_part_are_partial_rows_and_the_spark_job_reports_them_so(tmp_path: Path) -> None:
    """A ticket read in part is a `partial` row (jsonl `{"type": "partial"}`, as the local run writes it), and the
    Spark job's row handling puts it in the report's "Read in part" with a warning line, not in "Not linted"."""
    pytest.importorskip("pandas", reason="the engines' extras are not installed")
    from jsm_export import write as write_jsm

    from ticketlint import frames, spark_job
    from ticketlint.formatters.htmlfmt import HtmlFormatter, esc

    path = write_jsm(tmp_path / "jsm.json", 40)
    table = frames.lint_file(str(path), frames.Options())
    out = io.StringIO()
    result = run([str(path)], Config(), JsonLinesFormatter(out))
    rows = [json.dumps(frames.jsonl_record(r), ensure_ascii=False) for r in table.to_dict("records") if r["kind"] != "audit"]
    assert rows == out.getvalue().splitlines()[:-1]
    partial = [r for r in table.to_dict("records") if r["kind"] == "partial"]
    assert len(partial) == result.summary.tickets_partial >= 3 and "error" not in set(table["kind"])
    # as Spark's Row.asDict() hands them: nulls as None, longs as int
    spark_rows = [{k: (None if frames._null(v) else v) for k, v in r.items()} for r in table.to_dict("records")
                  if r["kind"] in ("error", "failure", "partial")]
    report, said = HtmlFormatter(None), []  # type: ignore[arg-type]
    report.start()
    for row in spark_rows:
        spark_job.report_row(report, row, said.append)
    assert report.error_count == 0 and len(report.partials) == len(partial)
    assert said == [f"warning: {frames.partial_of(r)}" for r in partial]
    html = io.StringIO()
    report.stream = html
    report.stop(result.summary)
    assert f"Read in part ({len(partial)})" in html.getvalue() and "Not linted" not in html.getvalue()
    assert all(f"<li>{esc(line.removeprefix('warning: '))}</li>" in html.getvalue() for line in said)
