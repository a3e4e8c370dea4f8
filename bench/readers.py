"""Reader benchmark: the cost of reading an export, without linting it.

    PYTHONPATH=src python bench/readers.py [--tickets 100000] [--repeat 1]

Writes N synthetic tickets (ticketlint's format, 3-5 messages each, in en, es,
id and ro) as a JSON array, as `{"tickets": [...]}`, as JSONL and as the gzip'd
form of each, then reads every file with `readers.read_source` in a fresh
process (so that peak memory is that variant's alone) and prints seconds,
CPU seconds, tickets/s (by CPU time, so that a shared machine does not
blur the comparison), peak RSS and the array/JSONL ratio (target: <= 1.2 at 100k).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
import time

TEXTS = {
    "en": ["The VPN drops every hour since Monday.", "I tried rebooting the router twice, no change.",
           "Could you send me the error code shown on screen?", "Thanks, it works again after the update."],
    "es": ["La VPN se desconecta cada hora desde el lunes.", "Reinicié el router dos veces y sigue igual.",
           "¿Puede enviarme el código de error que aparece?", "Gracias, ya funciona después de la actualización."],
    "id": ["VPN terputus setiap jam sejak hari Senin.", "Saya sudah mencoba menyalakan ulang router dua kali.",
           "Bisakah Anda mengirim kode galat yang muncul?", "Terima kasih, sekarang sudah berfungsi lagi."],
    "ro": ["VPN-ul se deconectează în fiecare oră de luni.", "Am repornit routerul de două ori, fără schimbare.",
           "Îmi puteți trimite codul de eroare afișat?", "Mulțumesc, funcționează din nou după actualizare."],
}
ROLES = ("customer", "agent", "note")


def ticket(i: int, rng: random.Random) -> dict[str, object]:
    lang = ("en", "es", "id", "ro")[i % 4]
    messages = [{"role": ROLES[0] if k == 0 else rng.choice(ROLES), "author": f"user{rng.randrange(500)}",
                 "created_at": f"2026-03-{1 + k:02d}T10:{k:02d}:00Z",
                 "body": " ".join(rng.sample(TEXTS[lang], 2))} for k in range(rng.randint(3, 5))]
    return {"id": f"T-{i}", "subject": TEXTS[lang][0][:30], "agent": f"agent{i % 40}", "team": f"tier{i % 3}",
            "messages": messages}


def write_variants(folder: str, n: int) -> dict[str, str]:
    rng = random.Random(10)
    tickets = [ticket(i, rng) for i in range(n)]
    paths = {}
    bodies = {
        "array.json": json.dumps(tickets, ensure_ascii=False, indent=1),
        "wrapped.json": json.dumps({"tickets": tickets, "next_page": None}, ensure_ascii=False, indent=1),
        "lines.jsonl": "".join(json.dumps(t, ensure_ascii=False) + "\n" for t in tickets),
    }
    for name, text in bodies.items():
        data = text.encode("utf-8")
        for variant, content in ((name, data), (name + ".gz", gzip.compress(data, compresslevel=6))):
            path = os.path.join(folder, variant)
            with open(path, "wb") as fh:
                fh.write(content)
            paths[variant] = path
    return paths


CHILD = """
import resource, sys, time
from ticketlint.readers import read_source
t0 = time.perf_counter()
c0 = time.process_time()
tickets = errors = 0
for item in read_source(sys.argv[1]):
    if item.ticket is not None:
        tickets += 1
    else:
        errors += 1
elapsed = time.perf_counter() - t0
cpu = time.process_time() - c0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB; on Linux inherited from the parent at fork
try:  # so read this process's own high-water mark where the kernel gives it
    with open("/proc/self/status") as fh:
        peak = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
except (OSError, StopIteration):
    pass
print(tickets, errors, elapsed, cpu, peak)
"""


def measure(path: str) -> tuple[int, int, float, float, int]:
    out = subprocess.run([sys.executable, "-c", CHILD, path], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    tickets, errors, elapsed, cpu, rss = out.stdout.split()
    return int(tickets), int(errors), float(elapsed), float(cpu), int(rss)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1, help="runs per variant; the fastest is kept")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        t0 = time.perf_counter()
        paths = write_variants(folder, args.tickets)
        print(f"{args.tickets:,} tickets written in {time.perf_counter() - t0:.1f} s")
        print(f"{'variant':<16} {'MB':>8} {'seconds':>8} {'CPU s':>8} {'tickets/s':>10} {'peak RSS MB':>12}")
        times: dict[str, float] = {}
        for name, path in paths.items():
            best: tuple[int, int, float, float, int] | None = None
            for _ in range(args.repeat):
                got = measure(path)
                if best is None or got[3] < best[3]:
                    best = got
            assert best is not None
            tickets, errors, elapsed, cpu, rss = best
            if tickets != args.tickets or errors:
                raise SystemExit(f"{name}: read {tickets} tickets and {errors} errors, expected {args.tickets}")
            times[name] = cpu  # CPU time: the machine may be shared; wall time is shown beside it
            size = os.path.getsize(path) / 1e6
            print(f"{name:<16} {size:>8.1f} {elapsed:>8.2f} {cpu:>8.2f} {tickets / cpu:>10,.0f} {rss / 1024:>12.1f}")
        for kind in ("", ".gz"):
            jsonl = times["lines.jsonl" + kind]
            print(f"CPU time array/JSONL{kind}: {times['array.json' + kind] / jsonl:.2f}x, "
                  f"wrapped/JSONL{kind}: {times['wrapped.json' + kind] / jsonl:.2f}x")


if __name__ == "__main__":
    main()
