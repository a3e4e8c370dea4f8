"""Seconds to lint one hostile message, per family, at 10 KB, 100 KB and 1 MB.

Every family of `ticketlint.hostile` is linted in every role (and as both
sides of a thread), with every rule selected, through the same path as
`ticketlint check` (findings, context lines, text output to memory), with
no `prose-chars` limit unless one is given (the worst case). The
last columns are the growth per 10x of input: about 10 is linear, 100 is
quadratic. Each measurement runs in a child process with a time limit, so
one slow family cannot stall the run.

    python bench/hostile.py                       # every family, 10 KB / 100 KB / 1 MB
    python bench/hostile.py --sizes 20000,200000  # what the test suite compares
    python bench/hostile.py --family dots,capitals --timeout 30
"""

from __future__ import annotations

import argparse
import io
import json
import multiprocessing as mp
import sys
import time

from ticketlint.config import Config
from ticketlint.engine import Linter
from ticketlint.formatters.text import TextFormatter
from ticketlint.hostile import FAMILIES, growth_per_10x, time_text, warm_up
from ticketlint.model import Ticket
from ticketlint.runner import lint_for_output

_LINTER: Linter | None = None


def _lint(ticket: Ticket) -> None:
    assert _LINTER is not None
    out = TextFormatter(io.StringIO())
    out.start()
    outcome = lint_for_output(_LINTER, ticket, plain=False)
    if outcome.problem is not None or outcome.failures:  # a time for a ticket not linted means nothing
        raise SystemExit(f"{ticket.id}: {outcome.problem or outcome.failures}")
    for finding, line in outcome.found:
        out.finding(finding, line)


def _measure(name: str, size: int, queue: "mp.Queue[float]") -> None:
    text = next(f for f in FAMILIES if f.name == name).build(size)
    queue.put(time_text(_lint, text))


def measure(name: str, size: int, timeout: float) -> float | None:
    """Seconds, or None when the child ran past `timeout`."""
    ctx = mp.get_context("fork")
    queue: mp.Queue[float] = ctx.Queue()
    child = ctx.Process(target=_measure, args=(name, size, queue))
    child.start()
    child.join(timeout)
    if child.is_alive():
        child.kill()
        child.join()
        return None
    if child.exitcode != 0:
        raise SystemExit(f"{name} at {size:,}: the measurement failed (exit {child.exitcode})")
    return queue.get()


def main() -> None:
    global _LINTER
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated message sizes in characters")
    ap.add_argument("--family", default=None, help="comma-separated family names (default: all)")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds before one measurement is abandoned")
    ap.add_argument("--prose-chars", type=int, default=None,
                    help="the prose-chars limit (default: none, so every rule reads all of every message: the worst case)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    names = args.family.split(",") if args.family else [f.name for f in FAMILIES]
    unknown = set(names) - {f.name for f in FAMILIES}
    if unknown:
        ap.error(f"unknown family: {', '.join(sorted(unknown))}")

    largest = max(sizes)
    _LINTER = Linter(Config(profile="audit", select=("ALL",), prose_chars=args.prose_chars or largest * 2))
    warm_up(_lint)  # builds the packs and patterns once, before any timing (children inherit them)
    rows = []
    t_start = time.perf_counter()
    head = f"{'family':<22}" + "".join(f"{s:>11,}" for s in sizes) + "".join(f"{'growth':>8}" for _ in range(len(sizes) - 1))
    if not args.json:
        print(head)
    for name in names:
        times = [measure(name, s, args.timeout) for s in sizes]
        growth = [growth_per_10x(a, b, sa, sb) for a, b, sa, sb in zip(times, times[1:], sizes, sizes[1:])]
        rows.append({"family": name, "seconds": dict(zip(map(str, sizes), times)), "growth": growth})
        if not args.json:
            cells = "".join(f"{'>' + format(args.timeout, 'g') if t is None else format(t, '.3f'):>11}" for t in times)
            cells += "".join(f"{'-' if g is None else format(g, '.1f'):>8}" for g in growth)
            print(f"{name:<22}{cells}", flush=True)
    if args.json:
        json.dump(rows, sys.stdout, indent=2)
        print()
    else:
        print(f"({len(names)} families in {time.perf_counter() - t_start:.0f} s; growth is the time ratio per 10x of input)")




if __name__ == "__main__":
    main()
