"""Bad input: every unreadable file or ticket gets one clear line naming file and line, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ticketlint.cli import main

SRC = str(Path(__file__).resolve().parents[1] / "src")

GOOD = {"id": "ok-1", "messages": [{"role": "agent", "body": "Closed as PEBKAC."}]}


def run(*args: str, input: str | bytes | None = None):
    result = CliRunner().invoke(main, ["check", "--isolated", "--no-color", "--select", "TL401", *args], input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    return result


def errors(result) -> list[str]:
    return [line for line in result.output.splitlines() if line.startswith("error:")]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.txt", b"", "empty.txt: empty file"),
        ("blank.jsonl", b"\n  \n", "blank.jsonl: empty file"),
        ("binary.dat", bytes(range(256)) * 8, "binary.dat:1: binary file"),
        ("latin1.txt", "first line\ncaf\xe9 cr\xe8me".encode("latin-1"), "latin1.txt:2: invalid UTF-8 at column 4"),
        ("trunc.json", b'{"id": "x", "messages": [', "trunc.json:1: invalid JSON"),
        ("nomsg.json", json.dumps({"id": "n", "messages": []}).encode(), "nomsg.json:1: ticket has no messages"),
    ],
)
def test_unreadable_file_is_one_line_and_exit_2(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = run(str(path))
    assert result.exit_code == 2
    [line] = errors(result)
    assert expected in line.replace(str(tmp_path) + "/", "")


def test_missing_file(tmp_path: Path) -> None:
    result = run(str(tmp_path / "nope.txt"))
    assert result.exit_code == 2
    assert "nope.txt: cannot read" in errors(result)[0]


def test_jsonl_with_bad_lines_lints_the_good_ones(tmp_path: Path) -> None:
    lines = [
        json.dumps(GOOD),
        '{"id": "broken", ',
        json.dumps({"id": "nomsg", "messages": []}),
        json.dumps({"id": "role", "messages": [{"role": "boss", "body": "hi"}]}),
        json.dumps({"id": "big", "messages": [{"role": "customer", "body": "x" * 5_000_000}]}),
        json.dumps({**GOOD, "id": "ok-2"}),
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("--format", "json", str(path))
    out = json.loads(result.output)
    assert {f["ticket_id"] for f in out["findings"]} == {"ok-1", "ok-2"}
    errs = {e["line"]: e["message"] for e in out["errors"]}
    assert set(errs) == {2, 3, 4, 5}
    assert "invalid JSON" in errs[2]
    assert "no messages" in errs[3]
    assert "unknown role 'boss'" in errs[4]
    assert "5,000,000 characters" in errs[5]
    s = out["summary"]
    assert (s["tickets_read"], s["tickets_linted"], s["tickets_unreadable"]) == (6, 2, 4)  # a malformed line is a ticket that could not be read
    assert result.exit_code == 2  # some input could not be linted


def test_text_output_counts_and_names_lines(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps(GOOD) + "\n{oops\n", encoding="utf-8")
    result = run(str(path))
    assert any(line.endswith("invalid JSON at column 2: Expecting property name enclosed in double quotes")
               and "t.jsonl:2:" in line for line in errors(result))
    assert "1 ticket linted; 2 read, 1 unreadable" in result.output


def test_stdin_plain_text() -> None:
    result = run("--role", "agent", "-", input="That was a layer 8 problem.\n")
    assert result.exit_code == 1
    assert "TL401" in result.output


def test_five_megabyte_plain_text_is_rejected_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("word " * 1_000_001, encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 2
    [line] = errors(result)
    assert "huge.txt:1:" in line and "max-message-chars" in line


def test_errors_reach_stderr_when_the_report_goes_to_a_file(tmp_path: Path) -> None:
    """With -o FILE nothing else reaches the terminal: each unreadable record is also one line on stderr (at most
    20, then how many more the report lists), so an exit 2 is never silent."""
    bad = tmp_path / "export.jsonl"
    good = json.dumps({"id": "ok", "messages": [{"role": "agent", "body": "Please restart the router."}]})
    bad.write_text("\n".join([good] + [json.dumps({"id": i, "nothing": True}) for i in range(25)]) + "\n")
    report = tmp_path / "audit.html"
    proc = subprocess.run([sys.executable, "-m", "ticketlint", "check", "--isolated", "--format", "html", "-o", str(report),
                           str(bad)], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": SRC})
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 22, proc.stderr
    assert lines[0] == f"error: {bad}:2: ticket has no 'messages' (ticket 0)", lines[0]
    assert lines[-2] == f"... and 5 more errors or rule failures, all listed in {report}"
    # and the summary line: a supervisor's run of minutes must not end in silence
    assert lines[-1] == "0 findings (no findings) in 1 ticket linted; 26 read, 25 unreadable", lines[-1]
    assert "Traceback" not in proc.stderr
    assert report.read_text().count("unreadable") >= 1
    # the same run to stdout prints them once, in the report, not twice
    proc = subprocess.run([sys.executable, "-m", "ticketlint", "check", "--isolated", str(bad)], capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": SRC})
    assert proc.returncode == 2 and proc.stderr == "", proc.stderr
    assert proc.stdout.count("error: ") == 25


@pytest.mark.parametrize("fmt", ["csv", "json", "sarif"])
def test_with_o_file_each_error_and_the_summary_reach_stderr_once(tmp_path: Path, fmt: str) -> None:
    """`--format csv -o findings.csv` printed every unreadable record twice on stderr (the CSV formatter's own
    line and the -o echo); the other formats printed no summary line at all."""
    bad = tmp_path / "export.jsonl"
    good = json.dumps({"id": "ok", "messages": [{"role": "agent", "body": "Please restart the router."}]})
    bad.write_text(good + "\n{oops\n" + json.dumps({"id": 7, "nothing": True}) + "\n", encoding="utf-8")
    report = tmp_path / f"out.{fmt}"
    proc = subprocess.run([sys.executable, "-m", "ticketlint", "check", "--isolated", "--format", fmt, "-o", str(report),
                           str(bad)], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": SRC})
    assert proc.returncode == 2 and proc.stdout == "", proc.stderr
    lines = proc.stderr.splitlines()
    assert lines == [f"error: {bad}:2: invalid JSON at column 2: Expecting property name enclosed in double quotes",
                     f"error: {bad}:3: ticket has no 'messages' (ticket 7)",
                     "0 findings (no findings) in 1 ticket linted; 3 read, 2 unreadable"], proc.stderr


def test_a_cut_json_line_is_reported_in_a_whole_sentence(tmp_path: Path) -> None:
    """The json module's messages for a cut string end in 'at' (it appends the position itself): a supervisor
    read "invalid JSON at column 61: Unterminated string starting at" and wondered at what."""
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps(GOOD) + '\n{"id": "cut", "messages": [{"body": "half a li\n{"id": "tab\there"}\n', encoding="utf-8")
    lines = errors(run(str(path)))
    assert any(line.endswith("t.jsonl:2: invalid JSON at column 37: Unterminated string starting there") for line in lines), lines
    assert any(line.endswith("t.jsonl:3: invalid JSON at column 12: Invalid control character there") for line in lines), lines



def test_a_cut_json_array_is_reported_in_a_whole_sentence(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text('[' + json.dumps(GOOD) + ', {"id": "cut", "messages": [{"body": "half', encoding="utf-8")
    lines = errors(run(str(path)))
    assert any(line.endswith("Unterminated string starting there") and "t.json:1:" in line for line in lines), lines


def test_with_a_progress_bar_errors_and_summary_are_lines_of_their_own(tmp_path: Path) -> None:
    """A supervisor's terminal with -o audit.html: each error was written after the bar's spinner on the same
    line ("⠸ linting 0 tickets  0:00:00error: ..."), and the bar was drawn again after the summary."""
    bad = tmp_path / "export.jsonl"
    good = json.dumps({"id": "ok", "messages": [{"role": "agent", "body": "Please restart the router."}]})
    bad.write_text(good + "\n{oops\n" + good.replace('"ok"', '"ok2"') + "\n", encoding="utf-8")
    report = tmp_path / "audit.html"
    proc = subprocess.run([sys.executable, "-m", "ticketlint", "check", "--isolated", "--progress", "--format", "html",
                           "-o", str(report), str(bad)], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": SRC, "COLUMNS": "200"})
    assert proc.returncode == 2, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    [error] = [line for line in lines if "error:" in line]
    assert error.startswith("error: ") and error.endswith("Expecting property name enclosed in double quotes"), lines
    assert any("tickets/s" in line for line in lines), lines  # the bar was shown
    assert lines[-1] == "0 findings (no findings) in 2 tickets linted; 3 read, 1 unreadable", lines
