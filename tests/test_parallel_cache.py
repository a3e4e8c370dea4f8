"""The parallel path's memory work (bench/README.md, round fifteen): a worker writes the regex-cache entries it
compiled itself (never the parent's), the warm-up runs without cyclic collections and leaves the collector as it
found it, and the CLI freezes the heap at exit once, however many commands a process runs."""

from __future__ import annotations

import atexit
import gc
import json
import multiprocessing as mp
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from export_util import four_language_export  # noqa: E402

from ticketlint import cli, recache, runner
from ticketlint.cli import main


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("TICKETLINT_CACHE_DIR", str(tmp_path / "cache"))
    recache._reset_for_tests()
    yield tmp_path / "cache"
    recache._reset_for_tests()


def _worker_compiles(pattern: str | None) -> None:
    """What a pool worker does: `_init_worker` (with an inherited linter), then a pattern no warm-up compiled."""
    runner._init_worker(object(), None)  # type: ignore[arg-type]  # the linter is not used here
    if pattern is not None:
        recache.compile(pattern)


def _in_a_forked_worker(pattern: str | None) -> None:
    proc = mp.get_context("fork").Process(target=_worker_compiles, args=(pattern,))
    proc.start()
    proc.join(60)
    assert proc.exitcode == 0


def _cached_patterns() -> set[object]:
    path = recache.cache_file()
    assert path is not None
    return {k[0] for k in recache._read_all(path) if isinstance(k, tuple) and len(k) == 2}


def test_a_worker_writes_what_it_compiled_to_the_cache_at_its_exit(cache_dir: Path) -> None:
    recache.compile(r"parent-only-\d{3}")  # compiled before the fork (the worker inherits it)
    _in_a_forked_worker(r"worker-only-\d{4}")
    assert r"worker-only-\d{4}" in _cached_patterns()
    recache.save()  # the parent's own save at its exit merges with the file: the worker's entry stays
    assert {r"worker-only-\d{4}", r"parent-only-\d{3}"} <= _cached_patterns()  # merged, the worker's kept
    # the next run reads it from the file: the same pattern as re.compile's
    recache._reset_for_tests()
    assert recache.compile(r"worker-only-\d{4}").pattern == re.compile(r"worker-only-\d{4}").pattern


def test_a_worker_that_compiled_nothing_writes_nothing(cache_dir: Path) -> None:
    recache.compile(r"parent-only-\d{5}")  # the parent has unsaved entries; the worker inherits them
    _in_a_forked_worker(None)
    path = recache.cache_file()
    assert path is not None and not path.exists()


def test_the_warm_up_runs_without_collections_and_the_collector_is_restored(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    real = runner.warm

    def warm(linter: object) -> None:
        seen.append(gc.isenabled())
        real(linter)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "warm", warm)
    path = four_language_export(tmp_path, 200, "Closed as PEBKAC.")
    one = CliRunner().invoke(main, ["check", "--isolated", "--format", "jsonl", "-j", "1", str(path)])
    assert gc.isenabled()
    two = CliRunner().invoke(main, ["check", "--isolated", "--format", "jsonl", "-j", "2", str(path)])
    if runner.effective_jobs(2) > 1:
        assert seen == [False]
    assert gc.isenabled() and gc.get_freeze_count() == 0  # the run unfroze what it froze
    assert [json.loads(x) for x in one.output.splitlines()] == [json.loads(x) for x in two.output.splitlines()]


def test_the_cli_registers_its_exit_freeze_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "t.txt"
    path.write_text("The app crashes when I log in.\n", encoding="utf-8")
    registered: list[object] = []
    monkeypatch.setattr(atexit, "register", registered.append)
    monkeypatch.setattr(atexit, "unregister", lambda f: registered.remove(f) if f in registered else None)
    for _ in range(3):
        assert CliRunner().invoke(main, ["check", "--isolated", str(path)]).exit_code in (0, 1)
    assert registered.count(cli._freeze_at_exit) == 1
    cli._freeze_at_exit()
    try:
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
