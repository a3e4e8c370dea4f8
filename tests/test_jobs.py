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
    # 1,000: batches grow to 128 tickets and four are in flight, so the batches after the death come later
    path = _export(tmp_path, 1000)
    monkeypatch.setattr(runner, "_lint_batch", _dying)  # the forked workers inherit it
    code, rows = _run("-j", "2", str(path))
    assert code == 3  # a failure of the tool, never 1
    errors = [r for r in rows if r["type"] == "error"]
    lost = {e["ticket_id"] for e in errors if e["ticket_id"]}
    assert "t100" in lost and all("worker process died" in e["message"] for e in errors if e["ticket_id"])
    summary = rows[-1]
    assert summary["tickets_read"] == 1000 == summary["tickets_linted"] + summary["tickets_unreadable"]
    assert summary["tickets_unreadable"] == len(lost) < 1000
    linted = {r["ticket_id"] for r in rows if r["type"] == "finding"}
    assert "t999" in linted  # tickets after the death were still linted (in the main process)


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


def _dies_while_sending(batch: runner.Batch) -> list[runner.Outcome]:
    """A worker's batch function that dies (as if the OS killed it) half-way through sending the result of
    the batch holding t100: the length of a long message and its start in the pipe, the write lock held."""
    if not any(t.id == "t100" for t, _ in batch):
        return _REAL_LINT_BATCH(batch)
    frame = sys._getframe(1)
    while frame is not None and "result_queue" not in frame.f_locals:  # concurrent.futures' _process_worker
        frame = frame.f_back
    assert frame is not None
    results = frame.f_locals["result_queue"]
    results._wlock.acquire()
    os.write(results._writer.fileno(), struct.pack("!i", _DECLARED) + b"\x80" * 100)
    os._exit(9)


@pytest.mark.slow
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="-j 2 starts workers only on a machine with two cores")
def test_a_worker_that_dies_while_sending_its_result_is_reported_not_waited_for(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No Ctrl-C: the pool's manager thread waits for the rest of the half-sent message and never reports the
    death. The run must still end, report the tickets it lost, and lint the rest in this process."""
    path = _export(tmp_path, 1000)
    monkeypatch.setattr(runner, "_lint_batch", _dies_while_sending)  # the forked workers inherit it
    done: list[tuple[int, list[dict]]] = []
    run = threading.Thread(target=lambda: done.append(_run("-j", "2", str(path))), daemon=True)
    run.start()
    run.join(120)
    assert done, "the run hung on a result half-sent by a worker that died"
    code, rows = done[0]
    assert code == 3
    lost = {r["ticket_id"] for r in rows if r["type"] == "error" and r["ticket_id"]}
    assert "t100" in lost
    summary = rows[-1]
    assert summary["tickets_read"] == 1000 == summary["tickets_linted"] + summary["tickets_unreadable"]
    assert summary["tickets_unreadable"] == len(lost) < 1000
    assert "t999" in {r["ticket_id"] for r in rows if r["type"] == "finding"}


# -- perf9: growing batches, the first batch linted before the fork, and `--jobs auto` (the default) ------------
FORMATS = ("text", "json", "jsonl", "csv", "markdown", "html", "concise", "github", "gitlab", "junit", "sarif")


def _bytes(*args: str) -> tuple[int, bytes]:
    r = CliRunner().invoke(main, ["check", "--isolated", *args])
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exc_info
    return r.exit_code, r.stdout_bytes


@pytest.mark.slow
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="-j 2 starts workers only on a machine with two cores")
def test_every_format_is_the_same_byte_for_byte_with_workers(tmp_path: Path) -> None:
    # 200 tickets: batches of 32, 64 and 104 (growing: runner._batches)
    path = _export(tmp_path, 200)
    for fmt in FORMATS:
        one = _bytes("--format", fmt, "-j", "1", str(path))
        assert one[0] == 1 and len(one[1]) > 1000, fmt
        assert _bytes("--format", fmt, "-j", "2", str(path)) == one, fmt
    assert _bytes("--statistics", "-j", "2", "--group-by", "language", str(path)) == \
        _bytes("--statistics", "-j", "1", "--group-by", "language", str(path))


def test_the_batches_grow_to_max_batch_and_lose_no_ticket() -> None:
    tickets = iter([(f"t{i}", False) for i in range(1000)])
    sizes = [len(b) for b in runner._batches(tickets)]  # type: ignore[arg-type]
    assert sizes[:4] == [runner.BATCH, runner.BATCH * 2, runner.BATCH * 4, runner.MAX_BATCH]
    assert max(sizes) == runner.MAX_BATCH and sum(sizes) == 1000


_PIDS = Path(os.devnull)


def _recording(batch: runner.Batch) -> list[runner.Outcome]:
    """The workers' batch function, noting which process ran each batch (module level: it is inherited)."""
    with _PIDS.open("a", encoding="utf-8") as fh:
        fh.write(f"{os.getpid()}\n")
    return _REAL_LINT_BATCH(batch)


@pytest.fixture()
def pids(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "pids"
    monkeypatch.setitem(globals(), "_PIDS", path)
    monkeypatch.setattr(runner, "_lint_batch", _recording)  # the forked workers inherit it
    return path


def test_auto_lints_a_small_input_in_this_process(tmp_path: Path, pids: Path) -> None:
    one_ticket = _export(tmp_path, 1)
    assert _run("-j", "auto", str(one_ticket)) == _run("-j", "1", str(one_ticket)) == _run(str(one_ticket))
    fifty = _export(tmp_path, 50)
    assert _run("-j", "auto", str(fifty)) == _run("-j", "1", str(fifty))
    assert not pids.exists()  # auto: no worker below AUTO_MIN_TICKETS / AUTO_MIN_CHARS


def test_auto_lints_standard_input_in_this_process(tmp_path: Path, pids: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "AUTO_MIN_TICKETS", 100)
    text = _export(tmp_path, 300).read_text(encoding="utf-8")
    r = CliRunner().invoke(main, ["check", "--isolated", "--format", "jsonl", "-j", "auto", "-"], input=text)
    assert json.loads(r.stdout.splitlines()[-1])["tickets_linted"] == 300
    assert not pids.exists()


@pytest.mark.slow
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="auto starts workers only on a machine with two cores")
def test_auto_starts_one_worker_per_core_on_a_large_input(tmp_path: Path, pids: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "AUTO_MIN_TICKETS", 100)  # the real threshold, 1,000 tickets, at a tenth
    path = _export(tmp_path, 300)
    one = _run("-j", "1", str(path))
    assert not pids.exists()
    assert _run("-j", "auto", str(path)) == one
    assert len(set(pids.read_text(encoding="utf-8").split()) - {str(os.getpid())}) == min(2, runner.available_cores())


def test_auto_counts_characters_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """A few long e-mail threads are as much work as many chat lines: AUTO_MIN_CHARS starts the workers."""
    from ticketlint.model import Message, Role, Ticket

    monkeypatch.setattr(runner, "available_cores", lambda: 2)
    long = [(Ticket(id=f"t{i}", messages=(Message(role=Role.CUSTOMER, body="x " * 5_000),)), False) for i in range(100)]
    first, workers = runner._read_ahead(iter(long), runner.AUTO, ["export.jsonl"])
    assert workers == 2 and len(first) == 64  # 640,000 characters in 64 tickets: the rest is left in the stream
    first, workers = runner._read_ahead(iter(long[:30]), runner.AUTO, ["export.jsonl"])
    assert workers == 1 and len(first) == 30  # the input ended first: linted here
    huge = [(Ticket(id="t", messages=(Message(role=Role.CUSTOMER, body="x " * 400_000),)), False)]
    assert runner._read_ahead(iter(huge), runner.AUTO, ["export.jsonl"])[1] == 1  # one ticket: no pool
    assert runner._read_ahead(iter(long), runner.AUTO, ["-"])[1] == 1
    monkeypatch.setattr(runner, "available_cores", lambda: 1)
    assert runner._read_ahead(iter(long), runner.AUTO, ["export.jsonl"])[1] == 1


def test_jobs_auto_in_the_config_and_on_the_command_line(tmp_path: Path) -> None:
    from ticketlint.config import ConfigError, load_config

    config = tmp_path / ".ticketlint.toml"
    config.write_text('jobs = "auto"\n', encoding="utf-8")
    assert load_config(config).jobs == runner.AUTO
    config.write_text("jobs = 2\n", encoding="utf-8")
    assert load_config(config).jobs == 2
    config.write_text('jobs = "two"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match='jobs.*"auto"'):
        load_config(config)
    path = _export(tmp_path, 3)
    assert _run("-j", "auto", str(path))[1][-1]["tickets_linted"] == 3
    r = CliRunner().invoke(main, ["check", "--isolated", "-j", "0", str(path)])
    assert r.exit_code == 2


# -- perf12: the workers run ahead of a slow batch; what is handed over and not done stays bounded -------------
class _Executor:
    """A stand-in for the pool's executor: every batch is done at once but the first, which is done only
    when `ahead` batches wait behind it (a slow batch: the other workers must not wait idle for it)."""

    def __init__(self, ahead: int, depth: int) -> None:
        from concurrent.futures import Future

        self.futures: list[Future[list[runner.Outcome]]] = []
        self.ahead, self.depth = ahead, depth
        self._broken = False
        self._processes: dict[int, object] = {}
        self.busiest = 0
        self.new = Future

    def submit(self, fn: object, batch: runner.Batch) -> object:
        future = self.new()
        future.set_running_or_notify_cancel()
        self.futures.append(future)
        if len(self.futures) > 1:
            future.set_result([runner.Outcome([], t.id) for t, _ in batch])
        self.busiest = max(self.busiest, sum(not f.done() for f in self.futures))
        if len(self.futures) == self.ahead:  # the whole window is used: the slow batch ends
            threading.Timer(0.05, self._end_first).start()
        elif len(self.futures) == 1:  # (in any case, after a while: a window that never fills fails, not hangs)
            threading.Timer(5, self._end_first).start()
        return future

    def _end_first(self) -> None:
        first = self.futures[0]
        if not first.done():
            first.set_result([runner.Outcome([], t.id) for t, _ in self.first])  # type: ignore[attr-defined]


def test_batches_done_out_of_turn_wait_while_the_workers_go_on() -> None:
    from ticketlint.model import Message, Role, Ticket

    pool = runner._Pool.__new__(runner._Pool)
    pool.depth, pool.ahead, pool.broken, pool.started = 4, 16, None, True
    pool.executor = executor = _Executor(pool.ahead, pool.depth)  # type: ignore[assignment]
    tickets = [(Ticket(id=f"t{i}", messages=(Message(Role.CUSTOMER, "x"),)), False) for i in range(40 * 128)]
    batches = list(runner._batches(iter(tickets)))
    executor.first = batches[0]  # type: ignore[attr-defined]
    taken = []
    for batch, result in pool.map(iter(batches)):
        if not taken:
            assert len(executor.futures) == pool.ahead  # handed over while the first batch was still running
        assert isinstance(result, list)
        taken.append([o.problem for o in result] == [t.id for t, _ in batch])
    assert len(taken) == len(batches) and all(taken)  # every batch, in input order, with its own outcomes
    assert executor.busiest <= pool.depth
