"""Report formats: csv, markdown, json's summary.audit, -o FILE, --statistics alone, progress, secrets."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from timing_util import best_seconds, settled_heap

from ticketlint.cli import main
from ticketlint.formatters.csvfmt import COLUMNS, cell

PASSWORD = "Tr0ub4dor&3"
CARD = "4111 1111 1111 1111"

TICKETS = [
    {"id": "T-1", "agent": "maria", "team": "tier1", "channel": "email", "status": "open", "priority": "high",
     "requester": "ana@example.com", "messages": [
         {"role": "customer", "author": "ana@example.com", "created_at": "2026-03-02T10:00:00Z", "id": "c-11",
          "body": "La VPN se cae cada hora. No hice nada."},
         {"role": "agent", "author": "maria", "created_at": "2026-03-02T10:30:00Z", "id": "c-12",
          "body": "=HYPERLINK(\"x\") Closed: PEBKAC, the customer had caps lock on."},
     ]},
    {"id": "T-2", "agent": "maria", "team": "tier2", "messages": [
        {"role": "customer", "author": "budi", "body": "Aplikasi tidak bisa login sejak pagi, muncul error terus."},
        {"role": "note", "author": "ion", "body": f"Clientul a trimis parola: password: {PASSWORD} si cardul {CARD}."},
        {"role": "agent", "author": "ion", "body": f"<script>alert(1)</script> RTFM, luser. password: {PASSWORD}"},
    ]},
]


def run(*args: str, tickets: list[dict] | None = None, tmp: Path) -> "object":
    path = tmp / "export.jsonl"
    path.write_text("".join(json.dumps(t) + "\n" for t in (tickets or TICKETS)), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--isolated", "--profile", "audit", *args, str(path)])
    assert "Traceback" not in result.output, result.output
    return result


def test_csv_one_row_per_finding_with_fields_and_formula_guard(tmp_path: Path) -> None:
    result = run("--format", "csv", tmp=tmp_path)
    data = json.loads(run("--format", "json", tmp=tmp_path).stdout)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0].keys()) == COLUMNS
    assert len(rows) == len(data["findings"]) > 0
    pebkac = next(r for r in rows if r["code"] == "TL401" and r["ticket_id"] == "T-1")
    assert pebkac["author"] == "maria" and pebkac["role"] == "agent" and pebkac["message_id"] == "c-12"
    assert pebkac["created_at"] == "2026-03-02T10:30:00Z" and pebkac["language"] == "en"
    assert (pebkac["agent"], pebkac["team"], pebkac["channel"], pebkac["requester"]) == \
        ("maria", "tier1", "email", "ana@example.com")
    assert pebkac["name"] == "derogatory-code-word" and pebkac["severity"] == "error"
    assert "summary" not in result.stdout and "finding" in result.stderr  # the summary line goes to stderr
    for value in ("=1+2", "+1", "-1", "@SUM(A1)", "\tx"):
        assert cell(value) == "'" + value
    assert cell("\rx") == "\\x0dx" and cell("id\x1b[2J") == "id\\x1b[2J"  # no control reaches a terminal
    assert cell("plain") == "plain" and cell(None) == "" and cell(3) == "3"


def test_csv_errors_go_to_stderr_not_rows(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "ok", "messages": [{"role": "agent", "body": "PEBKAC"}]}\n{"id": "x", "messages": []}\n')
    result = CliRunner().invoke(main, ["check", "--isolated", "--format", "csv", str(path)])
    assert result.exit_code == 2
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert len(rows) > 1 and {row[1] for row in rows[1:]} == {"ok"}
    assert "error:" in result.stderr and "bad.jsonl:2" in result.stderr


def test_json_summary_audit_matches_the_findings(tmp_path: Path) -> None:
    data = json.loads(run("--format", "json", "--group-by", "author", "--group-by", "team,language",
                          tmp=tmp_path).stdout)
    s, findings = data["summary"], data["findings"]
    audit = s["audit"]
    assert audit["findings"] == len(findings) == sum(s["by_code"].values())
    assert {r["code"]: r["count"] for r in audit["rules"]} == s["by_code"]
    assert set(audit["groups"]) == {"author", "team", "language"}
    assert s["group_by"] == "author" and set(s["groups"]) == set(audit["groups"]["author"])  # kept from 0.2
    for author, row in audit["groups"]["author"].items():
        assert row["findings"] == sum(1 for f in findings if f["author"] == author)
    assert audit["tickets"] == 2 and audit["messages"] == 5
    assert audit["messages_by_role"] == {"agent": 2, "customer": 2, "note": 1}
    assert all(f["message_id"] in (None, "c-11", "c-12") for f in findings)


def test_markdown_tables(tmp_path: Path) -> None:
    out = run("--format", "markdown", "--group-by", "team", tmp=tmp_path).stdout
    assert out.startswith("# ticketlint audit")
    for heading in ("## Overview", "## Findings per rule", "## Findings per team", "## Findings per language",
                    "## Quality per agent", "## Quality per team"):
        assert heading in out, heading
    assert "| TL401 | derogatory\\-code\\-word |" in out or "| TL401 | derogatory-code-word |" in out
    assert "<script>" not in out and "&lt;script&gt;" not in out  # tables only, no excerpt
    for line in out.splitlines():
        if line.startswith("|"):
            assert line.endswith("|"), line


def test_statistics_alone_prints_only_tables_and_summary(tmp_path: Path) -> None:
    out = run("--statistics", "--group-by", "author,agent,team", tmp=tmp_path).stdout
    assert "export.jsonl:T-1#" not in out and "= help:" not in out  # no finding block
    assert "findings per rule" in out and "derogatory-code-word" in out
    assert "findings per author" in out and "quality per agent" in out and "quality per team" in out
    assert out.rstrip().splitlines()[-1].startswith(tuple("0123456789"))  # the summary line, last
    assert max(len(line) for line in out.splitlines()) <= 100  # plain, 100 columns, in a file or a pipe


def test_output_file_is_written_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.html"
    result = run("--format", "html", "-o", str(target), tmp=tmp_path)
    assert result.exit_code == 1 and result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("<!doctype html>")
    before = target.read_text(encoding="utf-8")

    import ticketlint.formatters.htmlfmt as htmlfmt

    def boom(*args: object) -> str:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(htmlfmt, "render", boom)
    failed = run("--format", "html", "-o", str(target), tmp=tmp_path)
    assert failed.exit_code == 3 and "disk on fire" in failed.stderr
    assert target.read_text(encoding="utf-8") == before  # the previous report is untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.jsonl", "report.html"]  # no temp file left


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "csv", "markdown", "html"])
def test_output_file_for_every_format(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    result = run("--format", fmt, "-o", str(target), tmp=tmp_path)
    assert result.exit_code == 1 and result.stdout == ""
    assert target.stat().st_size > 0
    assert oct(target.stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_output_through_a_link_replaces_the_file_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "reports" / "latest.csv"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "report.csv"
    link.symlink_to(real)
    result = run("--format", "csv", "-o", str(link), tmp=tmp_path)
    assert result.exit_code == 1
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.read_text(encoding="utf-8").startswith(",".join(COLUMNS[:2]))
    assert sorted(p.name for p in real.parent.iterdir()) == ["latest.csv"]  # no temp file left


def test_output_to_a_fifo_is_written_in_place(tmp_path: Path) -> None:
    """`-o` a FIFO (or /dev/null, a terminal): written as `>` would; a rename would put a file in its place
    (as root, `-o /dev/null` replaced the machine's /dev/null with a regular file)."""
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run("--format", "jsonl", "-o", str(fifo), tmp=tmp_path)
    reader.join(timeout=30)
    assert result.exit_code == 1, result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # still the FIFO
    assert got and b'"summary"' in got[0]  # the whole report reached the reader
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.jsonl", "pipe"]


def test_atomic_target_of_devices_links_and_files(tmp_path: Path) -> None:
    from ticketlint.output import target

    if os.path.exists(os.devnull) and not os.path.isfile(os.devnull):
        assert target(os.devnull) == (Path(os.devnull).resolve(), False)
    assert target(tmp_path / "new.json") == ((tmp_path / "new.json").resolve(), True)
    (tmp_path / "a.json").write_text("{}", encoding="utf-8")
    (tmp_path / "b.json").symlink_to(tmp_path / "a.json")
    assert target(tmp_path / "b.json") == ((tmp_path / "a.json").resolve(), True)


def test_unwritable_output_is_one_line_exit_2(tmp_path: Path) -> None:
    result = run("-o", str(tmp_path / "missing" / "r.csv"), "--format", "csv", tmp=tmp_path)
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and "cannot write the output" in result.stderr


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "csv", "markdown", "html"])
def test_no_secret_in_any_report(tmp_path: Path, fmt: str) -> None:
    args = ["--format", fmt, "--group-by", "author,agent,team,language"]
    if fmt == "text":
        args.append("--statistics")
    result = run(*args, tmp=tmp_path)
    assert result.exit_code == 1
    for secret in (PASSWORD, PASSWORD.replace("&", "&amp;"), CARD, CARD.replace(" ", "")):
        assert secret not in result.stdout and secret not in result.stderr, (fmt, secret)
    if fmt == "html":
        assert "TL601" in result.stdout and "credential-in-ticket" in result.stdout


def test_progress_bar_forced_and_silent(tmp_path: Path) -> None:
    shown = run("--progress", "--format", "json", tmp=tmp_path)
    assert "tickets/s" in shown.stderr and "2/2" in shown.stderr  # a .jsonl input: the total is known
    json.loads(shown.stdout)  # the bar never reaches the report
    silent = run("--format", "json", tmp=tmp_path)  # stderr is not a terminal here
    assert "tickets/s" not in silent.stderr
    assert "tickets/s" not in run("--no-progress", tmp=tmp_path).stderr


def test_markdown_escaping_is_linear_on_hostile_text() -> None:
    from ticketlint.formatters.markdown import md

    for unit in ("|", "\\`*_", "<&>", "\x1b["):
        text = unit * (400_000 // len(unit))
        assert "\n" not in md(text)
        with settled_heap():  # the fastest of three: a loaded machine only adds time
            assert best_seconds(lambda text=text: md(text)) < 2.0, unit
