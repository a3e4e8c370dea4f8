"""Real process behaviour: closed pipes, signals and worker processes; paths that are not regular files
(FIFOs, devices, symlink loops, dangling links) and directories that cannot be listed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from fuzzkit import GOOD, Run, assert_counts, assert_no_traceback, check, jsonl

import ticketlint.runner as runner
from ticketlint.model import ReadError

pytestmark = pytest.mark.slow

BODY = ("Hi, the VPN client crashes since the update. I didn't change anything. PEBKAC? Please restart the DNS "
        "cache and try again!!!")


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """BIG.jsonl: 4,000 small tickets (tens of seconds of linting with -j 2)."""
    path = tmp_path_factory.mktemp("big") / "BIG.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(4000):
            fh.write(json.dumps({"id": f"b{i}", "messages": [{"role": "customer", "body": BODY},
                                                              {"role": "agent", "body": "Yes. It was PEBKAC."}]}) + "\n")
    return path


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("TICKETLINT_DEBUG", None)
    return env


def _start(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "ticketlint", "check", "--isolated", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True, env=_env())


def _group_members(pgid: int) -> list[int]:
    """Live (not zombie) processes of a process group."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8", errors="replace") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        state, pgrp = fields[0], int(fields[2])
        if pgrp == pgid and state != "Z":
            found.append(int(entry))
    return found


def _assert_group_gone(pgid: int, within: float = 10.0) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not _group_members(pgid):
            return
        time.sleep(0.2)
    left = _group_members(pgid)
    for pid in left:  # clean up what the test started before failing
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    assert not left, f"processes left behind: {left}"


def _wait_for_output(p: subprocess.Popen, timeout: float = 90.0) -> bytes:
    """The first line of output (workers are running by then)."""
    result: list[bytes] = []
    reader = threading.Thread(target=lambda: result.append(p.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    if not result:
        os.killpg(p.pid, signal.SIGKILL)
        pytest.fail("no output from ticketlint -j 2 within the timeout")
    return result[0]


def _finish(p: subprocess.Popen, timeout: float) -> Run:
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        pytest.fail(f"ticketlint did not exit within {timeout} s")
    run = Run(p.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"))
    assert_no_traceback(run)
    return run


def test_head_closing_the_pipe_exits_141_promptly_with_no_worker_left(big: Path) -> None:
    """`ticketlint check -j 2 BIG.jsonl | head -1`."""
    p = _start("-j", "2", "--format", "jsonl", str(big))
    try:
        first = _wait_for_output(p)
        assert first.startswith(b"{")
        p.stdout.close()  # what head does after its line
        t0 = time.monotonic()
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            pytest.fail("ticketlint kept running after its output pipe was closed")
        err = p.stderr.read().decode("utf-8", "replace")
        assert "Traceback" not in err, err
        assert p.returncode == 141, (p.returncode, err)
        assert time.monotonic() - t0 < 20
        _assert_group_gone(p.pid)
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()


def test_head_in_a_real_shell_pipeline(big: Path) -> None:
    """The same through `sh -c '... | head -1'`: the pipeline ends promptly, one line, no worker left."""
    cmd = f"{sys.executable} -m ticketlint check --isolated -j 2 {big} | head -1"
    p = subprocess.Popen(["sh", "-c", cmd], stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                         env=_env())
    run = _finish(p, timeout=90)
    assert run.code == 0  # head's status
    assert len(run.out.splitlines()) == 1
    _assert_group_gone(p.pid)


@pytest.mark.parametrize(("sig", "code", "group"), [(signal.SIGINT, 130, True), (signal.SIGTERM, 143, False)],
                         ids=["SIGINT-to-group", "SIGTERM"])
def test_signal_during_a_parallel_run(big: Path, sig: int, code: int, group: bool) -> None:
    """Ctrl-C (SIGINT to the whole process group) or `kill` (SIGTERM) during `-j 2`: documented code, promptly,
    one line on stderr, no process left."""
    p = _start("-j", "2", "--format", "jsonl", str(big))
    try:
        _wait_for_output(p)
    except BaseException:
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
        raise
    _interrupted(p, sig, code, group)


# The CLI with its first batch's worker stopped half-way through sending the result: the result pipe holds the
# length of a long message (more than 16 KiB: Python 3.11 writes length and bytes apart) and its first bytes,
# and the queue's write lock is held, as a worker killed by Ctrl-C at that moment leaves them.
HALF_SENT = """
import os, struct, sys, time
from pathlib import Path

import ticketlint.runner as runner
from ticketlint.cli import main

real = runner._lint_batch
reached = Path(sys.argv[1])


def half_sent(batch):
    if batch[0][0].id != "b0":
        return real(batch)
    frame = sys._getframe(1)
    while frame is not None and "result_queue" not in frame.f_locals:  # concurrent.futures' _process_worker
        frame = frame.f_back
    results = frame.f_locals["result_queue"]
    results._wlock.acquire()
    os.write(results._writer.fileno(), struct.pack("!i", 20000) + b"\\x80" * 100)
    reached.touch()
    time.sleep(120)


runner._lint_batch = half_sent  # the forked workers inherit it
sys.argv = ["ticketlint", *sys.argv[2:]]
main()
"""


def _start_patched(tmp_path: Path, script: str, *args: str) -> subprocess.Popen:
    """`ticketlint check --isolated -j 2 --format jsonl ARGS` through a script that patches the runner first; the
    script touches a marker when its patched worker code is reached, and this returns then."""
    path, marker = tmp_path / "patched.py", tmp_path / "reached"
    path.write_text(script, encoding="utf-8")
    p = subprocess.Popen([sys.executable, str(path), str(marker), "check", "--isolated", "-j", "2", "--format", "jsonl",
                          *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, env=_env())
    deadline = time.monotonic() + 90
    while not marker.exists() and p.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    if not marker.exists():
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        pytest.fail("the patched worker code was not reached")
    return p


def _interrupted(p: subprocess.Popen, sig: int = signal.SIGINT, code: int = 130, group: bool = True) -> None:
    """Ctrl-C to the whole group (or `sig` to the process alone): exit `code` within 20 s, one line on stderr, no
    traceback, no process left."""
    try:
        if group:
            os.killpg(p.pid, sig)
        else:
            os.kill(p.pid, sig)
        run = _finish(p, timeout=20)
        assert run.code == code, (run.code, run.err[-2000:])
        _assert_group_gone(p.pid)
        assert len([line for line in run.err.splitlines() if line.strip()]) <= 1, run.err
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()


def test_sigint_while_a_worker_is_half_way_through_sending_its_result(big: Path, tmp_path: Path) -> None:
    """The race behind a rare hang of the SIGINT-to-group test above, made certain: Ctrl-C kills the workers while
    one of them is writing its result; the executor's manager thread waits for the rest of that message and the
    run must still end promptly with 130, one line, no process left."""
    p = _start_patched(tmp_path, HALF_SENT, str(big))
    _interrupted(p)


# The CLI with its workers slow to start: each worker, between its fork and `_init_worker` (where it still has the
# parent's SIGINT handler), leaves its pid beside the marker and waits there.
SLOW_START = """
import os, sys, time
from pathlib import Path

import ticketlint.runner as runner
from ticketlint.cli import main

real = runner._init_worker
reached = Path(sys.argv[1])


def slow_start(*args):
    Path(f"{reached}.{os.getpid()}").touch()
    reached.touch()
    time.sleep(2)
    real(*args)


runner._init_worker = slow_start  # read when the pool is built, before the workers fork
sys.argv = ["ticketlint", *sys.argv[2:]]
main()
"""


def test_sigint_reaching_a_worker_before_it_ignores_sigint_is_dropped(tmp_path: Path) -> None:
    """Ctrl-C to the group can reach a worker between its fork and `_init_worker`, which ignores SIGINT: the worker
    printed a KeyboardInterrupt traceback ("Exception in initializer") and died. Sent to the starting workers
    alone, the signal must be dropped and the run end as if nothing happened."""
    path = tmp_path / "tickets.jsonl"
    path.write_text(jsonl(*({"id": f"s{i}", "messages": [{"role": "customer", "body": BODY}]} for i in range(200))),
                    encoding="utf-8")
    p = _start_patched(tmp_path, SLOW_START, str(path))
    try:
        time.sleep(0.3)  # both workers are forked by now (the second one's marker may come later)
        workers = [int(m.name.rsplit(".", 1)[1]) for m in tmp_path.glob("reached.*")]
        assert workers
        for pid in workers:
            os.kill(pid, signal.SIGINT)
        run = _finish(p, timeout=60)
        assert run.code == 1, (run.code, run.err[-2000:])
        assert not run.err.strip(), run.err
        assert json.loads(run.out.splitlines()[-1])["tickets_linted"] == 200
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()


# -- paths that are not regular files ---------------------------------------------------------------------


def _check_in_thread(*args: str, timeout: float = 30.0) -> Run:
    """`check` in-process in a thread, so that a blocking read fails the test instead of hanging it."""
    box: list[object] = []

    def target() -> None:
        try:
            box.append(check(*args))
        except BaseException as exc:  # noqa: BLE001 - reported below
            box.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        return Run(-1, "", "blocked")
    if isinstance(box[0], BaseException):
        raise box[0]
    return box[0]  # type: ignore[return-value]


def test_fifo_with_no_writer_does_not_block(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    run = _check_in_thread("--format", "json", str(fifo))
    if run.code == -1:  # unblock the reader so the thread ends, then fail
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        pytest.fail("reading a FIFO with no writer blocked")
    assert run.code == 2, run.both[-2000:]
    data = run.json()
    assert len(data["errors"]) == 1 and data["errors"][0]["source"].endswith("pipe.jsonl")
    text = _check_in_thread(str(fifo))
    assert len(text.error_lines()) == 1 and "pipe.jsonl" in text.error_lines()[0]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_device_is_refused_in_one_line(device: str) -> None:
    run = _check_in_thread(device)
    assert run.code == 2, run.both[-2000:]
    [line] = run.error_lines()
    assert device in line


def test_symlink_loop_is_one_line_exit_2(tmp_path: Path) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.symlink_to(b)
    b.symlink_to(a)
    run = check(str(a))
    assert run.code == 2
    [line] = run.error_lines()
    assert "a.jsonl" in line
    rj = check("--format", "json", str(a), str(tmp_path / "missing.json"))
    assert len(rj.json()["errors"]) == 2


def test_symlink_loop_inside_a_linted_directory_is_reported(tmp_path: Path) -> None:
    (tmp_path / "good.jsonl").write_text(jsonl(GOOD), encoding="utf-8")
    (tmp_path / "a.jsonl").symlink_to(tmp_path / "b.jsonl")
    (tmp_path / "b.jsonl").symlink_to(tmp_path / "a.jsonl")
    run = check("--format", "json", str(tmp_path))
    assert run.code == 2
    data = run.json()
    assert len(data["errors"]) == 2
    assert data["summary"]["tickets_linted"] == 1
    assert_counts(data["summary"])


def test_dangling_symlink_inside_a_linted_directory_is_reported(tmp_path: Path) -> None:
    (tmp_path / "good.jsonl").write_text(jsonl(GOOD), encoding="utf-8")
    (tmp_path / "gone.json").symlink_to(tmp_path / "nowhere.json")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "gone.txt").symlink_to("/nonexistent/target.txt")
    run = check("--format", "json", str(tmp_path))
    assert run.code == 2
    data = run.json()
    sources = sorted(e["source"] for e in data["errors"])
    assert len(sources) == 2 and sources[0].endswith("gone.json") and sources[1].endswith("gone.txt")
    assert data["summary"]["tickets_linted"] == 1
    text = check(str(tmp_path))
    assert len(text.error_lines()) == 2


def test_fifo_and_device_inside_a_linted_directory(tmp_path: Path) -> None:
    """A FIFO named like a ticket file inside a directory: no blocking, reported."""
    (tmp_path / "good.jsonl").write_text(jsonl(GOOD), encoding="utf-8")
    os.mkfifo(tmp_path / "queue.jsonl")
    run = _check_in_thread("--format", "json", str(tmp_path))
    if run.code == -1:
        fd = os.open(tmp_path / "queue.jsonl", os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        pytest.fail("a FIFO inside a directory blocked the run")
    assert run.code == 2
    assert run.json()["summary"]["tickets_linted"] == 1


def test_unlistable_directory_via_scandir_is_a_read_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """We run as root (chmod does not stop us): make os.scandir refuse one sub-directory."""
    (tmp_path / "a.jsonl").write_text(jsonl(GOOD), encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.jsonl").write_text(jsonl(GOOD), encoding="utf-8")
    real = os.scandir

    def scandir(path=".", *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(runner.expand_paths([str(tmp_path)]))
    errors = [i for i in items if isinstance(i, ReadError)]
    files = [i for i in items if isinstance(i, str)]
    assert len(errors) == 1 and errors[0].source == str(locked), errors
    assert "Permission denied" in errors[0].message
    assert files == [str(tmp_path / "a.jsonl")]
    run = check("--format", "json", str(tmp_path))
    assert run.code == 2
    assert run.json()["summary"]["files_unreadable"] == 1


def test_unlistable_top_directory_via_walk_onerror(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """os.walk calling its onerror for the directory given itself: reported, never "0 read, exit 0"."""

    def walk(top, topdown=True, onerror=None, followlinks=False):  # type: ignore[no-untyped-def]
        if onerror is not None:
            onerror(PermissionError(13, "Permission denied", os.fspath(top)))
        return iter(())

    monkeypatch.setattr(os, "walk", walk)
    items = list(runner.expand_paths([str(tmp_path)]))
    assert len(items) == 1 and isinstance(items[0], ReadError)
    assert items[0].source == str(tmp_path)
    run = check(str(tmp_path))
    assert run.code == 2
    assert len(run.error_lines()) == 1


def test_empty_directory_is_not_a_silent_pass(tmp_path: Path) -> None:
    """A folder with no ticket file in it: ruff says so (warning) and a gate must not pass on nothing."""
    (tmp_path / "readme.pdf").write_bytes(b"%PDF")
    run = check("--format", "json", str(tmp_path))
    assert run.json()["summary"]["tickets_read"] == 0
    assert run.code == 2 or run.err.strip() or run.json()["errors"], run.both
