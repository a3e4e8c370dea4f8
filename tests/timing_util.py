"""Timing for the tests that check that work grows linearly with its input.

Why a helper: on a shared machine, and late in a full `make test`, two things add time that
the code under test never spent. Other jobs steal the CPU for a moment, and the cyclic garbage
collector, triggered by the large input's allocations, scans every object the earlier tests
left behind (a 10x input once measured 17x that way in CI, 10x in a fresh process). So each
size is timed as the fastest of a few runs, with the heap frozen out of the collector's way, and
a run over the bound is measured again before it fails: noise passes the second time, a
quadratic path fails every time. The clock is the process's CPU time, not the wall: at a load of 6 on
two cores (helpers, a full suite beside a benchmark) a wall clock counted the time other processes held
the CPU, and the 10x input of tests/test_tl104_linear.py measured over 15x with no change to the code.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def settled_heap() -> Iterator[None]:
    """The heap built so far frozen out of the cyclic collector's scans while timing."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def best_seconds(run: Callable[[], object], repeat: int = 3) -> float:
    """The fastest of `repeat` runs of `run`, in CPU seconds of this process: noise only ever adds time."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def assert_grows_linearly(prepare: Callable[[int], Callable[[], object]], small: int, large: int,
                          max_ratio: float, floor: float = 0.002, repeat: int = 3, attempts: int = 2) -> None:
    """`prepare(n)` builds an input of size `n` and returns the work to time on it; the work at
    `large` may take at most `max_ratio` times the work at `small` (times below `floor` seconds
    count as `floor`: there the clock decides, not the code)."""
    runs = {n: prepare(n) for n in (small, large)}
    runs[small]()  # anything compiled or cached on first use is built before timing
    measured: list[tuple[float, float]] = []
    for _ in range(attempts):
        with settled_heap():
            low, high = best_seconds(runs[small], repeat), best_seconds(runs[large], repeat)
        if high <= max(low, floor) * max_ratio:
            return
        measured.append((low, high))
    raise AssertionError(f"{small:,} -> {large:,}: {', '.join(f'{lo:.4f} s -> {hi:.4f} s' for lo, hi in measured)}, "
                         f"more than {max_ratio:g}x")
