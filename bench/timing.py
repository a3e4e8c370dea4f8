"""What `throughput.py` and `peers.py` both time, measured one way: the spaCy baseline and a
command run end to end.

- `baseline`: `spacy.blank(lang)` tokenizing the texts in this process, the pipeline built
  before timing (the issue's "bare spaCy tokenization": no start-up, no reading).
- `spacy_process_seconds`: the same tokenization as a user would run it, in a fresh process
  that imports spaCy, builds the blank pipeline and reads the same JSONL file ticketlint reads.
  Not a target; shown beside the baseline because `ticketlint check` is timed that way.
- `timed`: wall seconds of a command, output to /dev/null, exit 0 or 1 only.
- `fastest`: the fastest of a few runs of a function in this process (CPU or wall clock).
- `cli_env`: the environment `ticketlint check` runs in: this checkout's `src` first, bytecode
  cached as an installed package has it (PYTHONDONTWRITEBYTECODE removed, else every start
  compiles every module again), and a regex cache folder of the caller's choice.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path


def baseline(texts: list[str], lang: str = "en") -> float:
    """Seconds for spacy.blank(lang) to tokenize every text (the pipeline is built before timing)."""
    import spacy

    nlp = spacy.blank(lang)
    nlp("warm up")
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=1000):
        pass
    return time.perf_counter() - t0


_SPACY_PROCESS = """
import json, sys
import spacy
nlp = spacy.blank(sys.argv[2])
texts = []
with open(sys.argv[1], encoding="utf-8") as fh:
    for line in fh:
        texts += [m["body"] for m in json.loads(line)["messages"]]
for _ in nlp.pipe(texts, batch_size=1000):
    pass
"""


def spacy_process_seconds(jsonl: Path, lang: str = "en") -> float:
    """Wall seconds of a fresh process importing spaCy, reading `jsonl` and tokenizing every message."""
    return timed([sys.executable, "-c", _SPACY_PROCESS, str(jsonl), lang])


def cli_env(src: Path, cache: Path | str | None = None) -> dict[str, str]:
    """The environment of a timed `ticketlint check` of the checkout whose package is under `src`."""
    env = dict(os.environ, PYTHONPATH=str(src) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    if cache is not None:
        env["TICKETLINT_CACHE_DIR"] = str(cache)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode cached, not recompiled at each start
    return env


def fastest(run: Callable[[], object], repeat: int = 3, clock: Callable[[], float] = time.perf_counter) -> float:
    """The fastest of `repeat` runs of `run`, in seconds of `clock` (`time.process_time` for this process's CPU):
    on a shared machine noise only ever adds time, so the minimum is the figure to compare."""
    best = float("inf")
    for _ in range(repeat):
        start = clock()
        run()
        best = min(best, clock() - start)
    return best


def timed(cmd: list[str], env: dict[str, str] | None = None) -> float:
    """Wall seconds of `cmd`, output to /dev/null; exit 0 or 1 (findings) only."""
    t0 = time.perf_counter()
    with open(os.devnull, "w") as out:
        done = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE, env=env)
    seconds = time.perf_counter() - t0
    if done.returncode not in (0, 1):
        raise SystemExit(f"{cmd[0]} exited {done.returncode}: {done.stderr.decode(errors='replace')[-500:]}")
    return seconds


def ticketlint_cmd(*args: str, jobs: str = "1") -> list[str]:
    """`ticketlint check` as the benchmarks run it: no configuration file, exit 0 with findings, and one
    process (`-j 1`) unless `jobs` says otherwise: the default (`auto`) starts workers on a large input,
    and a figure with workers is never to be read as one process's."""
    return [sys.executable, "-m", "ticketlint", "check", "--isolated", "--exit-zero", "-j", jobs, *args]
