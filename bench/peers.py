"""Throughput of `ticketlint check` end to end against peers, on the same texts, in one run.

The texts are the Ubuntu IRC support threads (`irc_threads.py`), read two ways:

- threads: every ticket as ticketlint JSONL for `ticketlint check`, and the
  same ticket as one plain-text file (its messages, one paragraph each) for
  proselint;
- agent text: every agent message alone, one plain-text file each, read by
  `ticketlint check --role agent` and by proselint from the same directory.

Both linters run as a user runs them: a fresh process each time, the CLI,
output to /dev/null, with their bytecode cached (a first untimed run writes
it; a pip-installed package has it). Beside them, `spacy.blank("en")`
tokenizes the same message texts in this process (the pipeline built before
timing), the baseline of `throughput.py` and of the target; `spacy-process`
is the same tokenization run as ticketlint is, a fresh process importing
spaCy and reading the same JSONL file (shown for comparison, not a target). All runs alternate `--repeat`
times and the fastest of each is kept: on a shared machine noise only adds
time. Ratios above 1 mean ticketlint is faster.

proselint is a peer, never a dependency of ticketlint: it lives in its own
virtual environment. `--peer-venv` (default `bench/.venv-peers`) is used when
it already holds proselint; otherwise it is created with `python3 -m venv`
and `pip install proselint==PROSELINT_VERSION`. When that fails (no network,
no venv module) proselint is skipped with a message, the rest still runs.

    python bench/peers.py                       # the first 20,000 tickets
    python bench/peers.py --limit 3000 --repeat 2
    python bench/peers.py --json

Targets (issue 13): threads ratio to spaCy >= 0.35; words/s >= proselint's,
as threads and as agent text.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from irc_threads import DEFAULT_ARCHIVE, load_threads  # noqa: E402
from throughput import write_jsonl  # noqa: E402
from timing import baseline, cli_env, spacy_process_seconds, ticketlint_cmd, timed  # noqa: E402

from ticketlint.model import Role, Ticket  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PROSELINT_VERSION = "0.16.0"
DEFAULT_VENV = ROOT / "bench" / ".venv-peers"


def _bin(venv: Path, name: str) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin") / name


def find_proselint(venv: Path, install: bool = True) -> tuple[Path | None, str]:
    """The proselint executable in `venv` (created and installed there when missing), or None and why."""
    exe = _bin(venv, "proselint")
    if not exe.exists() and install:
        print(f"peers: installing proselint=={PROSELINT_VERSION} into {venv} ...", file=sys.stderr)
        steps = [["python3", "-m", "venv", str(venv)],
                 [str(_bin(venv, "python")), "-m", "pip", "install", "-q", f"proselint=={PROSELINT_VERSION}"]]
        for cmd in steps:
            try:
                done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
            except (OSError, subprocess.TimeoutExpired) as exc:
                return None, f"`{' '.join(cmd)}` failed: {exc}"
            if done.returncode != 0:
                return None, f"`{' '.join(cmd)}` exited {done.returncode}: {(done.stderr or done.stdout).strip()[-300:]}"
    if not exe.exists():
        return None, f"no proselint in {venv} (run without --no-install to create it)"
    done = subprocess.run([str(exe), "version"], capture_output=True, text=True)
    if done.returncode != 0:
        return None, f"{exe} does not run: {done.stderr.strip()[-300:]}"
    return exe, (done.stdout or done.stderr).strip()


def thread_text(ticket: Ticket) -> str:
    return "\n\n".join(m.body for m in ticket.messages) + "\n"


def write_texts(texts: list[str], folder: Path) -> None:
    folder.mkdir(parents=True)
    for i, text in enumerate(texts):
        (folder / f"{i:06d}.txt").write_text(text, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE)
    ap.add_argument("--limit", type=int, default=20000, help="the first N tickets [20000]; 0 for all")
    ap.add_argument("--repeat", type=int, default=3, help="alternating runs of each; the fastest is kept [3]")
    ap.add_argument("--peer-venv", type=Path, default=DEFAULT_VENV, help=f"virtual environment holding proselint [{DEFAULT_VENV}]")
    ap.add_argument("--no-install", action="store_true", help="do not create the peer venv; skip proselint when it is missing")
    ap.add_argument("--compare-src", type=Path, default=None,
                    help="another ticketlint source tree (e.g. a `git worktree` of an older commit) timed in the same alternation")
    ap.add_argument("--jobs", default="1",
                    help="-j of every ticketlint run: 1 (one process, the figure of the target), 2, or auto [1]")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args()

    tickets = load_threads(args.archive, args.limit or None)
    texts = [m.body for t in tickets for m in t.messages]
    agent = [m.body for t in tickets for m in t.messages if m.role is Role.AGENT and m.body.strip()]
    words = sum(len(t.split()) for t in texts)
    agent_words = sum(len(t.split()) for t in agent)
    proselint, about = find_proselint(args.peer_venv, install=not args.no_install)
    if proselint is None:
        print(f"peers: proselint skipped: {about}", file=sys.stderr)

    runs: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="ticketlint-peers-") as tmp:
        root = Path(tmp)
        write_jsonl(tickets, root / "threads.jsonl")
        write_texts([thread_text(t) for t in tickets], root / "threads")
        write_texts(agent, root / "agent")
        threads_args = [str(root / "threads.jsonl")]
        agent_args = ["--role", "agent", str(root / "agent")]
        # ticketlint's compiled-regex cache (`ticketlint.recache`) lives in this run's folder: the
        # "cold" figure is a run with an empty one (a user's first run), the plain figure a run with
        # it filled (every later run; an untimed run of each kind fills it first).
        env = cli_env(ROOT / "src", root / "cache")
        trees = {"ticketlint": env}
        if args.compare_src is not None:
            trees["before"] = cli_env(args.compare_src.resolve(), root / "cache-before")
        for e in trees.values():  # untimed: writes bytecode, warms the file cache, fills the regex cache
            timed(ticketlint_cmd(str(root / "agent" / "000000.txt"), jobs=args.jobs), dict(e, TICKETLINT_CACHE_DIR="off"))
            for extra in (threads_args, agent_args):
                timed(ticketlint_cmd(*extra, jobs=args.jobs), e)
        # A cold run gets a new, empty cache folder each time, so it is repeated (and kept at its
        # fastest) like the others; the tree compared with (`--compare-src`) gets its own.
        fresh = iter(range(1 << 30))

        def cold(e: dict[str, str], extra: list[str]) -> float:
            return timed(ticketlint_cmd(*extra, jobs=args.jobs), dict(e, TICKETLINT_CACHE_DIR=str(root / f"cold-{next(fresh)}")))

        jobs: dict[str, Callable[[], float]] = {"spacy_threads": lambda: baseline(texts),
                                                "spacy-process_threads": lambda: spacy_process_seconds(root / "threads.jsonl")}
        for kind, extra in (("threads", threads_args), ("agent", agent_args)):
            if kind == "agent":
                jobs["spacy_agent"] = lambda: baseline(agent)
            for tool, e in trees.items():
                jobs[f"{tool}_{kind}"] = lambda e=e, extra=extra: timed(ticketlint_cmd(*extra, jobs=args.jobs), e)  # type: ignore[misc]
                jobs[f"{tool}-cold_{kind}"] = lambda e=e, extra=extra: cold(e, extra)  # type: ignore[misc]
        if proselint is not None:
            jobs["proselint_threads"] = lambda: timed([str(proselint), "check", str(root / "threads")])
            jobs["proselint_agent"] = lambda: timed([str(proselint), "check", str(root / "agent")])
        for _ in range(args.repeat):
            for name, job in jobs.items():
                runs.setdefault(name, []).append(job())
    best = {k: min(v) for k, v in runs.items()}

    def wps(key: str, n: int) -> int:
        return round(n / best[key])

    result: dict[str, object] = {
        "tickets": len(tickets), "messages": len(texts), "words": words, "jobs": args.jobs,
        "agent_messages": len(agent), "agent_words": agent_words,
        "proselint": about if proselint else None,
        "seconds": {k: round(v, 3) for k, v in best.items()},
        "words_per_s": {k: wps(k, agent_words if k.endswith("_agent") else words) for k in best},
        "ticketlint_vs_spacy_threads": round(best["spacy_threads"] / best["ticketlint_threads"], 3),
        "ticketlint_vs_spacy_agent": round(best["spacy_agent"] / best["ticketlint_agent"], 3),
        "cold_ticketlint_vs_spacy_threads": round(best["spacy_threads"] / best["ticketlint-cold_threads"], 3),
        "runs_s": {k: [round(x, 3) for x in v] for k, v in runs.items()},
    }
    if proselint is not None:
        result["ticketlint_vs_proselint_threads"] = round(best["proselint_threads"] / best["ticketlint_threads"], 3)
        result["ticketlint_vs_proselint_agent"] = round(best["proselint_agent"] / best["ticketlint_agent"], 3)
        for kind in ("threads", "agent"):
            result[f"cold_ticketlint_vs_proselint_{kind}"] = round(best[f"proselint_{kind}"] / best[f"ticketlint-cold_{kind}"], 3)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    w = result["words_per_s"]
    assert isinstance(w, dict)
    print(f"{len(tickets)} tickets, {len(texts)} messages, {words:,} words; agent text: {len(agent)} messages, {agent_words:,} words")
    print(f"fastest of {args.repeat} alternating runs; ticketlint and proselint end to end (CLI, fresh process); "
          f"ticketlint -j {args.jobs}" + (" (one process)" if args.jobs == "1" else " (worker processes: not a one-process figure)"))
    print("ticketlint-cold: a run with an empty regex cache (a first run), a new cache each time" + (f"; before: {args.compare_src}" if args.compare_src else ""))
    for kind in ("threads", "agent"):
        print(f"  {kind}:")
        for tool in ("spacy", "spacy-process", "ticketlint", "ticketlint-cold", "before", "before-cold", "proselint"):
            key = f"{tool}_{kind}"
            if key in best:
                print(f"    {tool:<15} {best[key]:7.2f} s  {w[key]:>9,} words/s")
        line = f"    ticketlint / spaCy tokenization {result[f'ticketlint_vs_spacy_{kind}']:.3f}"
        if proselint is not None:
            line += f"; ticketlint / proselint {result[f'ticketlint_vs_proselint_{kind}']:.3f}"
            line += f" (cold {result[f'cold_ticketlint_vs_proselint_{kind}']:.3f})"
        print(line)
    if proselint is None:
        print(f"  proselint skipped: {about}")


if __name__ == "__main__":
    main()
