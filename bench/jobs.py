"""`ticketlint check -j N` end to end: wall and CPU seconds, one process against workers, in one run.

Each variant (a `-j` value, and optionally another source tree with `--compare-src`) is
a fresh process as a user runs it (bytecode cached, a filled regex cache, output to
/dev/null); the variants alternate `--repeat` times and the fastest wall time of each is
kept (on a shared machine noise only adds time), beside the median and the CPU seconds
of that process and its workers (which the machine's load moves much less). The input is
a JSONL file (`--jsonl`), or the first `--limit` Ubuntu IRC threads written to one.

    python bench/jobs.py --limit 5000 --jobs 1,2 --repeat 7
    python bench/jobs.py --jsonl /tmp/threads.jsonl --jobs 1,2,auto --compare-src /tmp/main/src
    python bench/jobs.py --limit 50 --jobs 1,auto --repeat 15     # what the default costs a small run

`--extra` passes more arguments to every `check` (e.g. `--extra=--format=json`). `--split` runs
each variant once more through a wrapper that splits its CPU seconds: before the fork (start-up,
reading ahead, the first batch), the parent after it, the workers; and the wall time those would
take on two idle cores (before + max(parent, (parent + workers) / 2)): what a busy machine's wall
clock cannot show (CHANGELOG "perf9"); and the wall seconds the workers spent between two of their
batches, summed (sending a result, waiting for the next: bench/README.md, round twelve).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import cli_env, ticketlint_cmd  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (the process and every worker it waited for) of `cmd`, output to /dev/null."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    with open(os.devnull, "w") as out:
        done = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE, env=env)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} exited {done.returncode}: {done.stderr.decode(errors='replace')[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


_SPLIT = """
import os, resource, sys, time
from ticketlint import runner
fork = []
init = runner._Pool.__init__
def _init(self, *a, **k):
    fork.append(time.process_time())
    init(self, *a, **k)
runner._Pool.__init__ = _init
log = os.environ["TICKETLINT_BENCH_BATCHES"]
lint = runner._lint_batch
def _lint_batch(batch):  # inherited by the forked workers: each appends when it started and ended a batch
    start = time.perf_counter()
    out = lint(batch)
    with open(os.path.join(log, str(os.getpid())), "a") as fh:
        fh.write(f"{start} {time.perf_counter()}\\n")
    return out
runner._lint_batch = _lint_batch
from ticketlint.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
end = time.process_time()
c = resource.getrusage(resource.RUSAGE_CHILDREN)
idle = 0.0
for name in os.listdir(log):
    with open(os.path.join(log, name)) as fh:
        spans = [tuple(map(float, line.split())) for line in fh]
    idle += sum(b[0] - a[1] for a, b in zip(spans, spans[1:]))
print(fork[0] if fork else end, end - (fork[0] if fork else end), c.ru_utime + c.ru_stime, idle, file=sys.stderr)
"""


def split_cpu(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float, float]:
    """CPU seconds of `cmd` (a ticketlint_cmd) before the fork, in the parent after it, in the workers; and the
    wall seconds the workers spent between two of their batches (sending a result, waiting for the next)."""
    wrapped = [cmd[0], "-c", _SPLIT, *cmd[cmd.index("check"):]]
    with tempfile.TemporaryDirectory(prefix="ticketlint-batches-") as log:
        done = subprocess.run(wrapped, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              env=dict(env, TICKETLINT_BENCH_BATCHES=log))
    before, parent, workers, idle = (float(x) for x in done.stderr.strip().splitlines()[-1].split())
    return before, parent, workers, idle


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jsonl", type=Path, help="the tickets to lint (default: the first --limit IRC threads)")
    ap.add_argument("--limit", type=int, default=5000, help="IRC threads to write when --jsonl is not given [5000]")
    ap.add_argument("--jobs", default="1,2", help="comma-separated -j values to time; 'default' runs without -j [1,2]")
    ap.add_argument("--repeat", type=int, default=5, help="alternating runs of each variant [5]")
    ap.add_argument("--compare-src", type=Path, default=None, help="another tree's src folder, timed in the same alternation")
    ap.add_argument("--extra", action="append", default=[], help="more arguments for every check (repeatable)")
    ap.add_argument("--split", action="store_true", help="also split each variant's CPU (before the fork, parent, workers)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="ticketlint-jobs-") as tmp:
        root = Path(tmp)
        path = args.jsonl
        if path is None:
            from irc_threads import DEFAULT_ARCHIVE, load_threads
            from throughput import write_jsonl

            path = root / "threads.jsonl"
            write_jsonl(load_threads(DEFAULT_ARCHIVE, args.limit), path)
        trees = {"this": cli_env(ROOT / "src", root / "cache")}
        if args.compare_src is not None:
            trees["before"] = cli_env(args.compare_src.resolve(), root / "cache-before")
        variants: dict[str, tuple[list[str], dict[str, str]]] = {}
        before_auto = args.compare_src is not None and "AUTO = " in (args.compare_src / "ticketlint" / "runner.py").read_text()
        for tree, env in trees.items():
            for j in args.jobs.split(","):
                if tree == "before" and j in ("auto", "default") and not before_auto:
                    continue  # a tree before perf9 has no `auto` (its default is -j 1)
                jobs = [] if j == "default" else ["-j", j]
                variants[f"{tree} -j {j}"] = (ticketlint_cmd(*args.extra, *jobs, str(path)), env)
        for cmd, env in variants.values():  # untimed: bytecode, file cache, regex cache
            run_once(cmd, env)
        runs: dict[str, list[tuple[float, float]]] = {k: [] for k in variants}
        splits: dict[str, list[tuple[float, float, float, float]]] = {k: [] for k in variants}
        for _ in range(args.repeat):
            for name, (cmd, env) in variants.items():
                runs[name].append(run_once(cmd, env))
                if args.split:
                    splits[name].append(split_cpu(cmd, env))
    rows = {name: {"fastest_s": round(min(w for w, _ in r), 3), "median_s": round(statistics.median(w for w, _ in r), 3),
                   "cpu_s_of_fastest": round(min(r)[1], 3), "min_cpu_s": round(min(c for _, c in r), 3),
                   "runs_s": [round(w, 3) for w, _ in r]} for name, r in runs.items()}
    for name, parts in splits.items():
        if parts:
            # the run with the least CPU: the least disturbed
            before, parent, workers, idle = min(parts, key=lambda p: p[0] + p[1] + p[2])
            rows[name]["split_cpu_s"] = {"before_fork": round(before, 3), "parent_after": round(parent, 3),
                                         "workers": round(workers, 3),
                                         "two_idle_cores_s": round(before + max(parent, (parent + workers) / 2), 3),
                                         "workers_between_batches_s": round(idle, 3)}
    if args.json:
        print(json.dumps({"input": str(path), "repeat": args.repeat, "variants": rows}, indent=2))
        return
    print(f"{path}: fastest of {args.repeat} alternating runs, load average {os.getloadavg()[0]:.1f} at the end")
    print(f"  {'variant':<16} {'fastest s':>9} {'median s':>9} {'CPU s (fastest run)':>20} {'least CPU s':>12}")
    for name, row in rows.items():
        print(f"  {name:<16} {row['fastest_s']:9.3f} {row['median_s']:9.3f} {row['cpu_s_of_fastest']:20.3f} {row['min_cpu_s']:12.3f}")
    for name, row in rows.items():
        split = row.get("split_cpu_s")
        if isinstance(split, dict):
            print(f"  {name:<16} CPU before the fork {split['before_fork']:.3f} s, parent after {split['parent_after']:.3f} s, "
                  f"workers {split['workers']:.3f} s: {split['two_idle_cores_s']:.3f} s on two idle cores; "
                  f"workers between batches {split['workers_between_batches_s']:.3f} s (wall, all workers)")


if __name__ == "__main__":
    main()
