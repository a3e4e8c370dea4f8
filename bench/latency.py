"""Start-up latency and peak memory of the command line (medians of N fresh processes).

    python bench/latency.py [-n 7]

Targets: `ticketlint --help` and `ticketlint rules` under 150 ms (spaCy is not
imported for them); one short ticket checked end to end under 1.5 s; peak
memory (max RSS) of a single check under 300 MB.

The package's bytecode is compiled first, as `pip install` does: some
machines here set PYTHONDONTWRITEBYTECODE, and compiling ~40 modules from
source costs ~35 ms per process that no installed copy pays. `--no-compile`
measures that cold case.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

TICKETS = {
    "en": "The VPN client crashed again after the update. I didn't touch anything.",
    "es": "La VPN no funciona desde ayer. No hice nada, simplemente dejó de funcionar.",
    "id": "VPN saya tidak bisa tersambung sejak kemarin. Saya tidak melakukan apa-apa.",
    "ro": "VPN-ul nu merge de ieri. Nu am făcut nimic, pur și simplu s-a oprit.",
}


def _exe() -> list[str]:
    found = shutil.which("ticketlint", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "ticketlint"]


def run(cmd: list[str], stdin: str | None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one fresh process."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if stdin is not None:
        p.stdin.write(stdin.encode())  # type: ignore[union-attr]
    p.stdin.close()  # type: ignore[union-attr]
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - t0, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=7, help="runs per command (median reported)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--no-compile", action="store_true", help="do not write the package's bytecode first")
    args = ap.parse_args()
    if not args.no_compile:
        import ticketlint

        compileall.compile_dir(str(Path(ticketlint.__file__).parent), quiet=1)
    exe = _exe()
    cases: list[tuple[str, list[str], str | None]] = [
        ("--help", [*exe, "--help"], None),
        ("rules", [*exe, "rules"], None),
        ("rule TL101", [*exe, "rule", "TL101"], None),
    ]
    for lang, text in TICKETS.items():
        cases.append((f"check short {lang} ticket (all rules)",
                      [*exe, "check", "--isolated", "--select", "ALL", "--role", "customer", "--exit-zero", "-"], text))
    rows = []
    for name, cmd, stdin in cases:
        runs = [run(cmd, stdin) for _ in range(args.n)]
        rows.append({"command": name, "median_s": round(statistics.median(r[0] for r in runs), 3),
                     "min_s": round(min(r[0] for r in runs), 3),
                     "peak_rss_mb": round(max(r[1] for r in runs), 1)})
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(f"{'command':40} {'median':>8} {'min':>8} {'peak RSS':>9}   ({args.n} runs each)")
    for r in rows:
        print(f"{r['command']:40} {r['median_s']:7.3f}s {r['min_s']:7.3f}s {r['peak_rss_mb']:7.1f}MB")


if __name__ == "__main__":
    main()
