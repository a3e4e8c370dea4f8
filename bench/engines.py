"""Dask and Spark against the plain CLI on the same synthetic export (issue 14), in one run.

    python bench/engines.py                      # 200,000 tickets (the issue's figure; about an hour on 2 cores)
    python bench/engines.py --tickets 20000      # a shorter run
    python bench/engines.py --only cli,dask      # leave an engine out

The export is made once, deterministically, by recombining the labelled
corpus's tickets in four languages (tests/export_util.py: synthetic_tickets),
and written twice: Parquet part files for the engines, the same tickets as
JSON Lines part files for the CLI (which does not read Parquet). Each run is a
fresh process end to end, as a user runs it (start-up, a local cluster or
Spark session, reading, linting every rule, writing findings):

    ticketlint check -j N --format jsonl export-jsonl/ > /dev/null
    ticketlint check --engine dask -j N export-parquet/ -o findings.parquet
    python -m ticketlint.spark_job export-parquet/ --findings out/ --master local[N]

for N = 1 and 2. Reported: wall seconds, tickets/s, CPU seconds of the run and
all its child processes (getrusage for the CLI and Dask; for Spark, whose
JVM and Python workers pyspark does not wait for, the sum of the process
tree's CPU sampled every 0.25 s, which can miss a process's last 0.25 s), the
speed-up of 2 workers over 1, and each engine's overhead against the CLI with
as many workers, per ticket and in % of the CLI's time. `--tickets 32 --parts 1`
measures the start-up alone (a fixed cost, paid once per run).
Machines here are shared: run it on a quiet machine for figures to quote,
and read the CPU column when the wall clock is noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from export_util import parquet_schema, synthetic_tickets  # noqa: E402


def make_export(folder: Path, tickets: int, parts: int) -> tuple[Path, Path]:
    """The export as Parquet and as JSON Lines part files (made once per size, kept in `folder`)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    parquet, jsonl = folder / f"{tickets}-parquet", folder / f"{tickets}-jsonl"
    done = folder / f"{tickets}.done"
    if done.exists():
        return parquet, jsonl
    for d in (parquet, jsonl):
        shutil.rmtree(d, ignore_errors=True)
        d.mkdir(parents=True)
    rows = synthetic_tickets(tickets)
    size = -(-tickets // parts)
    for p in range(parts):
        chunk = rows[p * size:(p + 1) * size]
        pq.write_table(pa.Table.from_pylist(chunk, schema=parquet_schema()), parquet / f"part-{p:05d}.parquet")
        (jsonl / f"part-{p:05d}.jsonl").write_text("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in chunk),
                                                    encoding="utf-8")
    done.touch()
    return parquet, jsonl


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall and CPU seconds of one command: (wall, CPU of the process and every child it waited for,
    CPU of every process of its tree sampled every 0.25 s, which counts what getrusage cannot: Spark's
    JVM and Python workers, not waited for; a process's last 0.25 s before it exits are lost)."""
    import psutil  # the dask extra's dependency (distributed)

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env)
        seen: dict[tuple[int, float], float] = {}  # (pid, start time) -> its CPU seconds at the last sample
        root = psutil.Process(proc.pid)
        while proc.poll() is None:
            try:
                tree = [root, *root.children(recursive=True)]
            except psutil.Error:
                tree = []
            for p in tree:
                try:
                    with p.oneshot():
                        t = p.cpu_times()
                        seen[(p.pid, p.create_time())] = t.user + t.system
                except psutil.Error:
                    pass
            try:  # wait, not sleep: the wall clock stops when the command ends, not at the next sample
                proc.wait(timeout=0.25)
            except subprocess.TimeoutExpired:
                pass
        wall = time.perf_counter() - start
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)}: exit {proc.returncode}\n{stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), sum(seen.values())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tickets", type=int, default=200_000)
    ap.add_argument("--parts", type=int, default=32, help="part files of the export")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--only", default="cli,dask,spark")
    ap.add_argument("--data", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "ticketlint-bench-engines")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()
    parquet, jsonl = make_export(args.data, args.tickets, args.parts)
    out = args.data / "out"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
           "PYSPARK_PYTHON": sys.executable}
    py = [sys.executable, "-m"]
    runs: dict[str, list[str]] = {}
    for n in (int(w) for w in args.workers.split(",")):
        runs[f"cli -j {n}"] = [*py, "ticketlint", "check", "--isolated", "--exit-zero", "-j", str(n), "--format", "jsonl",
                               str(jsonl)]
        runs[f"dask {n} worker{'s' if n > 1 else ''}"] = [*py, "ticketlint", "check", "--isolated", "--exit-zero",
                                                          "--engine", "dask", "-j", str(n), "-o",
                                                          str(out / f"dask-{n}.parquet"), str(parquet)]
        runs[f"spark local[{n}]"] = [*py, "ticketlint.spark_job", str(parquet), "--findings", str(out / f"spark-{n}"),
                                     "--master", f"local[{n}]", "--partitions", str(args.parts)]
    wanted = set(args.only.split(","))
    out.mkdir(parents=True, exist_ok=True)
    figures: dict[str, dict[str, float]] = {}
    print(f"{args.tickets} tickets in {args.parts} part files; {os.cpu_count()} cores; load {os.getloadavg()[0]:.1f}")
    print(f"{'run':<18} {'wall s':>8} {'tickets/s':>10} {'CPU s':>8} {'CPU ms/ticket':>14}")
    for name, cmd in runs.items():
        if name.split()[0] not in wanted:
            continue
        wall, waited, sampled = timed(cmd, env)
        # pyspark does not wait for its JVM (nor the JVM for its Python workers): their CPU is not in
        # getrusage's children, only in the samples; the other runs wait for every process, so getrusage
        cpu = sampled if name.startswith("spark") else waited
        figures[name] = {"wall_s": round(wall, 2), "tickets_per_s": round(args.tickets / wall, 1), "cpu_s": round(cpu, 2),
                         "cpu_ms_per_ticket": round(1000 * cpu / args.tickets, 3), "cpu_sampled_s": round(sampled, 2)}
        f = figures[name]
        print(f"{name:<18} {wall:>8.1f} {f['tickets_per_s']:>10.1f} {f['cpu_s']:>8.1f} {f['cpu_ms_per_ticket']:>14.3f}",
              flush=True)
    print()
    names = {"cli": ("cli -j 1", "cli -j 2"), "dask": ("dask 1 worker", "dask 2 workers"),
             "spark": ("spark local[1]", "spark local[2]")}
    for engine, (one, two) in names.items():
        if one in figures and two in figures:
            print(f"{engine}: 2 workers = {figures[one]['wall_s'] / figures[two]['wall_s']:.2f}x one worker (target >= 1.7x)")
    for n in (1, 2):
        cli = figures.get(names["cli"][n - 1])
        for name in (names["dask"][n - 1], names["spark"][n - 1]):
            if cli and name in figures:
                extra = figures[name]["wall_s"] - cli["wall_s"]
                print(f"{name}: overhead {1000 * extra / args.tickets:+.3f} ms/ticket, {100 * extra / cli['wall_s']:+.1f}% "
                      f"of the CLI's time with {n} worker{'s' if n > 1 else ''} (target < 15%)")
    if args.json:
        args.json.write_text(json.dumps({"tickets": args.tickets, "parts": args.parts, "runs": figures}, indent=2) + "\n")


if __name__ == "__main__":
    main()
