"""Instructions (valgrind's callgrind `Ir`) of `ticketlint check` on the IRC threads: a CPU figure the load cannot move.

On the shared 2-core machine a change of 1-3% is inside the noise of CPU time (process_time, user+sys,
`peers.py`): six helpers run beside every measurement, and the fastest of five runs still moves by
±5%. The number of instructions a run executes does not depend on the load, and it repeats to a few
hundredths of a percent (one-ticket runs: 1.4843 G and 1.4847 G), so two trees can be compared one run
each, even at load 9. It is a proxy, not a time: an instruction of the regex engine and one of
`malloc` cost alike here, cache misses not at all. The hash seed is fixed (PYTHONHASHSEED=0) so that
set and dict orders are the same in every run.

Each tree is run twice under callgrind (once on one ticket, for the start-up, once on `--limit`
tickets) after an untimed run that writes its bytecode and fills its own regex cache (a fresh folder
per tree, as `peers.py` keeps them: the trees' plans would evict each other's from one cache); the
per-ticket figure is the difference divided by the other tickets.

    python bench/instructions.py --compare-src /tmp/before/src         # this tree and another, 2,000 threads
    python bench/instructions.py --limit 500                           # ~2 min a tree on a busy machine

Needs `valgrind` (Debian: `apt-get install valgrind`); ~20x slower than a plain run.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from irc_threads import DEFAULT_ARCHIVE, load_threads  # noqa: E402
from throughput import write_jsonl  # noqa: E402
from timing import cli_env, ticketlint_cmd  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
_COLLECTED = re.compile(r"Collected\s*:\s*([\d,]+)")


def instructions(cmd: list[str], env: dict[str, str]) -> int:
    """Instructions `cmd` executes (callgrind's `Ir`, every thread), output to /dev/null."""
    grind = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd]
    with open(os.devnull, "w") as out:
        done = subprocess.run(grind, stdout=out, stderr=subprocess.PIPE, text=True, env=env)
    found = _COLLECTED.search(done.stderr)
    if done.returncode not in (0, 1) or found is None:
        raise SystemExit(f"valgrind exited {done.returncode}: {done.stderr[-500:]}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE)
    ap.add_argument("--limit", type=int, default=2000, help="the first N IRC threads [2000]")
    ap.add_argument("--compare-src", type=Path, default=None, help="another tree's src, counted the same way")
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("instructions: valgrind is not installed (apt-get install valgrind)")
    trees = {"ticketlint": ROOT / "src"}
    if args.compare_src is not None:
        trees["before"] = args.compare_src.resolve()
    tickets = load_threads(args.archive, args.limit)
    with tempfile.TemporaryDirectory(prefix="ticketlint-instructions-") as tmp:
        root = Path(tmp)
        write_jsonl(tickets, root / "threads.jsonl")
        write_jsonl(tickets[:1], root / "one.jsonl")
        print(f"{len(tickets)} threads; instructions (callgrind Ir), one run each")
        for name, src in trees.items():
            env = dict(cli_env(src, root / f"cache-{name}"), PYTHONHASHSEED="0")
            subprocess.run(ticketlint_cmd(str(root / "threads.jsonl")), env=env, stdout=subprocess.DEVNULL, check=False)
            start = instructions(ticketlint_cmd(str(root / "one.jsonl")), env)
            total = instructions(ticketlint_cmd(str(root / "threads.jsonl")), env)
            per = (total - start) / max(1, len(tickets) - 1)
            print(f"  {name:<11} total {total / 1e9:.3f} G   start-up {start / 1e9:.3f} G   per ticket {per / 1e6:.3f} M")


if __name__ == "__main__":
    main()
