"""`-j N`: the same findings in the same order as one process; a dead worker loses no ticket silently."""

from __future__ import annotations

import json
import os
import struct
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from export_util import four_language_export  # noqa: E402

from ticketlint import runner
from ticketlint.cli import main
from ticketlint.config import Config


def _export(tmp_path: Path, n: int) -> Path:
    return four_language_export(tmp_path, n, "Closed as PEBKAC.")


_REAL_LINT_BATCH = runner._lint_batch


def _dying(batch: runner.Batch) -> list[runner.Outcome]:
    """A worker's batch function that dies on ticket t100, as if the OS killed it (out of memory)."""
    if any(t.id == "t100" for t, _ in batch):
        os._exit(9)
    return _REAL_LINT_BATCH(batch)


def _run(*args: str) -> tuple[int, list[dict]]:
    r = CliRunner().invoke(main, ["check", "--isolated", "--format", "jsonl", *args])
    lines = r.output.splitlines()
    bad = [line for line in lines if not line.startswith("{")]
    assert not bad, bad
    return r.exit_code, [json.loads(line) for line in lines]


@pytest.mark.slow
def test_two_workers_give_the_same_output_in_the_same_order(tmp_path: Path) -> None:
    path = _export(tmp_path, 300)  # more than the 64 tickets below which no worker is started
    one = _run("-j", "1", str(path))
    two = _run("-j", "2", str(path))
    assert one == two
    assert one[1][-1]["tickets_linted"] == 300


@pytest.mark.slow
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="-j 2 starts workers only on a machine with two cores")
def test_a_worker_that_dies_is_reported_and_the_rest_is_linted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _export(tmp_path, 400)
    monkeypatch.setattr(runner, "_lint_batch", _dying)  # the forked workers inherit it
    code, rows = _run("-j", "2", str(path))
    assert code == 3  # a failure of the tool, never 1
    errors = [r for r in rows if r["type"] == "error"]
    lost = {e["ticket_id"] for e in errors if e["ticket_id"]}
    assert "t100" in lost and all("worker process died" in e["message"] for e in errors if e["ticket_id"])
    summary = rows[-1]
    assert summary["tickets_read"] == 400 == summary["tickets_linted"] + summary["tickets_unreadable"]
    assert summary["tickets_unreadable"] == len(lost) < 400
    linted = {r["ticket_id"] for r in rows if r["type"] == "finding"}
    assert "t399" in linted  # tickets after the death were still linted (in the main process)


def _timed_export(tmp_path: Path, n: int) -> Path:
    """n tickets in four languages, with message ids and times across 2024 (some untimed)."""
    bodies = ["The VPN crashed again. I didn't change anything. Why?", "La impresora no funciona desde ayer. ¿Por qué?",
              "Aplikasi tidak bisa login, error terus. Kenapa?", "Imprimanta nu merge, nu am schimbat nimic. De ce?"]
    path = tmp_path / "timed.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            month = 1 + i % 12
            messages = [{"id": f"{i}-0", "role": "customer", "body": bodies[i % 4], "created_at": f"2024-{month:02d}-03T08:00:00Z"},
                        {"id": f"{i}-1", "role": "agent", "body": "Closed as PEBKAC." if i % 3 else "Yes.",
                         **({"created_at": f"2024-{month:02d}-04 09:00:00"} if i % 5 else {})}]
            fh.write(json.dumps({"id": f"t{i}", "agent": f"a{i % 7}", "messages": messages}) + "\n")
    return path


@pytest.mark.slow
def test_two_workers_give_the_same_baseline_and_window_as_one(tmp_path: Path) -> None:
    path = _timed_export(tmp_path, 300)
    runs = {}
    for jobs in ("1", "2"):
        base = tmp_path / f"baseline-{jobs}.json"
        full = _run("-j", jobs, "--write-baseline", str(base), str(path))
        since = _run("-j", jobs, "--since", "2024-07-01", str(path))
        known = _run("-j", jobs, "--since", "2024-07-01", "--baseline", str(tmp_path / "baseline-1.json"), str(path))
        runs[jobs] = (full, since, known, base.read_bytes())
    assert runs["1"] == runs["2"]
    full, since, known, _ = runs["1"]
    assert full[1][-1]["tickets_linted"] == 300
    assert 0 < since[1][-1]["tickets_before_since"] < 300 and since[1][-1]["tickets_linted"] > 0
    assert [r for r in known[1] if r["type"] == "finding"] == []
    assert known[1][-1]["findings_in_baseline"] == sum(since[1][-1]["by_code"].values()) > 0


_SENT_HALF: Path | None = None  # set by the test before the workers fork: they inherit it
_DECLARED = 20_000  # a result of more than 16 KiB: Python 3.11 writes its length and its bytes in two writes


def _killed_while_sending(batch: runner.Batch) -> list[runner.Outcome]:
    """A worker's batch function that stops in the middle of sending its result, as a worker killed there
    leaves the result pipe: the length of a long message and the start of it, the queue's write lock held."""
    frame = sys._getframe(1)
    while frame is not None and "result_queue" not in frame.f_locals:  # concurrent.futures' _process_worker
        frame = frame.f_back
    assert frame is not None and _SENT_HALF is not None
    results = frame.f_locals["result_queue"]
    results._wlock.acquire()
    os.write(results._writer.fileno(), struct.pack("!i", _DECLARED) + b"\x80" * 100)
    _SENT_HALF.touch()
    time.sleep(120)  # killed by the pool's close long before
    return []


@pytest.mark.slow
def test_close_kill_returns_when_a_worker_was_killed_while_sending_its_result(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C during `-j 2` kills the workers: one may be half-way through writing its result. The pool's
    manager thread then waits for the rest of that message, and the pool's close must still return
    (the flaky SIGINT-to-group test of tests/fuzz/test_cli_process_fuzz.py, made deterministic)."""
    sent_half = tmp_path / "sent-half"
    monkeypatch.setattr(sys.modules[__name__], "_SENT_HALF", sent_half)
    monkeypatch.setattr(runner, "_lint_batch", _killed_while_sending)  # the forked workers inherit it
    pool = runner._Pool(2, Config())
    results = pool.executor._result_queue
    pool.executor.submit(runner._lint_batch, [])
    deadline = time.monotonic() + 30
    while not sent_half.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = list(pool.executor._processes.values())
    if not sent_half.exists():
        pool.close(kill=True)
        pytest.fail("the worker did not start sending its result")
    closing = threading.Thread(target=pool.close, kwargs={"kill": True}, daemon=True)
    closing.start()
    closing.join(15)
    if closing.is_alive():  # unblock the manager thread (the rest of the message) so the session can end
        os.write(results._writer.fileno(), b"\0" * (_DECLARED - 100))
        closing.join(15)
        pytest.fail("the pool's close(kill=True) hung on a result half-sent by a killed worker")
    for proc in workers:
        proc.join(5)
        assert proc.exitcode is not None, "a worker was left running"
