"""End-to-end audit benchmark: a synthetic helpdesk export, `ticketlint check --profile audit`, -j 1 vs -j 2.

What a supervisor runs, timed from the outside: read, lint, format, output
to /dev/null. The export is synthetic and deterministic (a seed): N tickets
of 5 messages (customer, public agent reply, private note, customer, agent),
in four languages, from a bank of sentences written for this benchmark
(error codes or not, vague claims, jargon, bare answers, now and then a
password or a card number), shaped after the Zendesk full JSON export
(docs/dev/helpdesk-exports.md §1.6: one ticket per line with `comments`,
`requester`/`assignee` objects, `public`, `plain_body`, `via.channel`,
`group_id`). The same tickets are also written in ticketlint's own JSONL
format (`--format-of-export ticketlint`), which reads without a helpdesk
mapper.

Each run is a fresh subprocess whose peak RSS is read with
`resource.getrusage(RUSAGE_CHILDREN)` in a wrapper process of its own, so
it is the largest single process of that run (the main process or one
worker), not a sum. On a shared 2-core machine, compare the -j 2 / -j 1
ratio of runs made back to back, not absolute times across sessions.

    python bench/audit.py --sizes 10000 --repeat 2                     # ticketlint JSONL
    python bench/audit.py --sizes 10000,50000,100000 --format-of-export zendesk
    python bench/audit.py --generate-only --sizes 1000 --out /tmp/x     # just write the exports
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Sentence bank, written for this benchmark. {p} product, {e} error code, {n} a number, {d} a day.
BANK: dict[str, dict[str, list[str]]] = {
    "en": {
        "customer": [
            "The {p} crashed again this morning.", "I didn't change anything and it stopped working.",
            "It shows error {e} when I open it.", "Nothing works since the update, please help!!!",
            "I already restarted the laptop and reinstalled the {p}.", "We run Windows 11 on a Dell laptop.",
            "Forty people in accounting cannot invoice until this is fixed.", "Why does it keep failing? When will it be fixed?",
            "My password is Summer{n}! if you need to log in.", "It worked fine until {d}.",
            "PLEASE FIX THIS NOW, WE ARE LOSING CUSTOMERS.", "The {p} is slow and freezes every {n} minutes.",
        ],
        "agent": [
            "Yes.", "Please clear the DNS cache and reset the MTU on the VPN adapter.",
            "Thanks for the details. Could you send a screenshot of the error message?",
            "I have restarted the sync service; please try again and tell us if it works.",
            "We cannot do that.", "Closed as PEBKAC.", "Next step: I will call you tomorrow at {n}:00 to check.",
            "You could upgrade to the premium plan for faster support.",
            "1. Open Settings. 2. Choose Accounts. 3. Sign out and in again.",
        ],
        "note": [
            "Escalated to L2, customer on {p} {n}.x, see error {e}.", "Customer says it broke, no logs attached.",
            "Tried the usual, nothing. Handing over to tier 2.", "Checked the SSO config and the LDAP sync, both fine.",
            "Card on file 4111 1111 1111 1111 was charged twice.", "Called the customer, no answer; retry on {d}.",
        ],
    },
    "es": {
        "customer": [
            "La {p} no funciona desde ayer.", "No hice nada y dejó de funcionar.",
            "Sale el error {e} al abrirla.", "Ya reinicié el equipo y reinstalé el {p}.",
            "Usamos Windows 10 en un portátil HP.", "Todo el equipo de ventas está parado por esto.",
            "¿Por qué falla otra vez? ¿Cuándo lo arreglan?", "Mi contraseña es Verano{n}! por si la necesitan.",
            "Funcionaba bien hasta el {d}.", "El {p} va lento y se cuelga cada {n} minutos.",
        ],
        "agent": [
            "Sí.", "Por favor, vacíe la caché DNS y reinicie el router.",
            "Gracias. ¿Nos puede enviar una captura del mensaje de error?",
            "He reiniciado el servicio; pruebe de nuevo y díganos si funciona.",
            "No podemos hacer eso.", "Mañana a las {n}:00 le llamo para comprobarlo.",
            "Puede contratar el plan premium para tener soporte más rápido.",
        ],
        "note": [
            "Escalado a N2, cliente con {p} {n}.x, error {e}.", "El cliente dice que se rompió, sin logs.",
            "Probado lo de siempre, nada. Paso a nivel 2.", "Revisado el SSO y la VPN, todo bien.",
        ],
    },
    "id": {
        "customer": [
            "Aplikasi {p} tidak bisa login sejak kemarin.", "Saya tidak mengubah apa pun dan tiba-tiba rusak.",
            "Muncul error {e} saat dibuka.", "Saya sudah restart laptop dan install ulang {p}.",
            "Kami pakai Windows 11 di laptop Lenovo.", "Seluruh tim keuangan tidak bisa bekerja karena ini.",
            "Kenapa error terus? Kapan diperbaiki?", "Kata sandi saya Rahasia{n}! kalau perlu masuk.",
            "Sebelumnya normal sampai tanggal {d}.",
        ],
        "agent": [
            "Ya.", "Silakan hapus cache DNS lalu coba lagi.",
            "Terima kasih. Bisa kirim tangkapan layar pesan errornya?",
            "Layanan sudah kami restart; silakan coba lagi dan kabari kami.",
            "Kami tidak bisa melakukan itu.", "Besok jam {n}:00 saya akan menelepon untuk mengecek.",
        ],
        "note": [
            "Eskalasi ke L2, pelanggan pakai {p} {n}.x, error {e}.", "Pelanggan bilang rusak, tanpa log.",
            "Sudah dicoba semua, tidak berhasil. Diteruskan ke tim 2.",
        ],
    },
    "ro": {
        "customer": [
            "Imprimanta {p} nu merge de ieri.", "Nu am schimbat nimic și s-a stricat.",
            "Apare eroarea {e} când o deschid.", "Am repornit laptopul și am reinstalat {p}.",
            "Folosim Windows 10 pe un laptop Asus.", "Tot departamentul de vânzări este blocat din cauza asta.",
            "De ce nu merge iar? Când o reparați?", "Parola mea este Vara{n}! dacă aveți nevoie.",
            "A mers bine până pe {d}.",
        ],
        "agent": [
            "Da.", "Vă rog să goliți memoria cache DNS și să reporniți routerul.",
            "Mulțumim. Ne puteți trimite o captură cu mesajul de eroare?",
            "Am repornit serviciul; încercați din nou și spuneți-ne dacă merge.",
            "Nu putem face asta.", "Mâine la ora {n}:00 vă sun să verific.",
        ],
        "note": [
            "Escaladat la L2, clientul are {p} {n}.x, eroarea {e}.", "Clientul spune că s-a stricat, fără loguri.",
            "Am încercat tot, nimic. Trimis la nivelul 2.",
        ],
    },
}
PRODUCTS = ["Outlook", "VPN", "Teams", "SAP", "Zoom", "OneDrive", "Jira", "Slack"]
ERRORS = ["0x80070005", "E-4012", "ERR_CONNECTION_RESET", "HTTP 503", "code 17"]
DAYS = ["Monday", "2024-03-04", "the 12th", "last week"]
CHANNELS = ["email", "web", "chat", "api", "voice"]
STATUSES = ["open", "pending", "solved", "closed"]
PRIORITIES = ["low", "normal", "high", "urgent"]
SEQUENCE = ("customer", "agent", "note", "customer", "agent")


def _text(rng: random.Random, lang: str, role: str) -> str:
    sentences = BANK[lang][role]
    picked = [rng.choice(sentences) for _ in range(rng.randint(1, 3))]
    fill = {"p": rng.choice(PRODUCTS), "e": rng.choice(ERRORS), "n": rng.randint(2, 99), "d": rng.choice(DAYS)}
    return " ".join(s.format(**fill) for s in picked)


def _stamp(base: int, seconds: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(base + seconds))


def generate(n: int, seed: int, zendesk: Path, own: Path) -> None:
    """Write the same n tickets as a Zendesk full JSON export and as ticketlint JSONL."""
    rng = random.Random(seed)
    agents = [(500 + k, f"Agent {k:02d}", f"agent{k:02d}@acme.test") for k in range(40)]
    with zendesk.open("w", encoding="utf-8") as zf, own.open("w", encoding="utf-8") as of:
        for i in range(n):
            lang = ("en", "es", "id", "ro")[rng.randrange(4)]
            tid = 100000 + i
            requester = (900000 + rng.randrange(50000), f"Customer {i}", f"c{i}@example.com")
            agent = agents[rng.randrange(len(agents))]
            group = 70 + rng.randrange(6)
            channel = rng.choice(CHANNELS)
            start = 1704067200 + rng.randrange(366 * 86400)  # during 2024
            comments, messages = [], []
            at = 0
            for k, role in enumerate(SEQUENCE):
                at += rng.randrange(600, 86400)
                body = _text(rng, lang, role)
                author = requester if role == "customer" else agent
                created = _stamp(start, at)
                cid = tid * 10 + k
                comments.append({"id": cid, "type": "Comment", "author_id": author[0], "public": role != "note",
                                 "created_at": created, "body": body, "plain_body": body,
                                 "html_body": f"<div class=\"zd-comment\"><p>{body}</p></div>", "attachments": []})
                messages.append({"id": str(cid), "role": role, "author": author[1], "created_at": created, "body": body})
            ticket = {
                "id": tid, "subject": f"Ticket {tid}", "status": rng.choice(STATUSES), "priority": rng.choice(PRIORITIES),
                "type": "question", "via": {"channel": channel}, "created_at": _stamp(start, 0),
                "updated_at": _stamp(start, at), "requester_id": requester[0], "submitter_id": requester[0],
                "assignee_id": agent[0], "group_id": group, "tags": ["bench"],
                "requester": {"id": requester[0], "name": requester[1], "email": requester[2]},
                "assignee": {"id": agent[0], "name": agent[1], "email": agent[2]},
                "comments": comments,
            }
            zf.write(json.dumps(ticket, ensure_ascii=False, separators=(",", ":")) + "\n")
            own_ticket = {"id": str(tid), "subject": ticket["subject"], "agent": agent[1], "group": str(group),
                          "channel": channel, "status": ticket["status"], "priority": ticket["priority"],
                          "requester": requester[1], "messages": messages}
            of.write(json.dumps(own_ticket, ensure_ascii=False, separators=(",", ":")) + "\n")


_WRAPPER = """
import resource, subprocess, sys, time
t0 = time.perf_counter()
with open("/dev/null", "w") as out:
    rc = subprocess.run(sys.argv[1:], stdout=out, stderr=subprocess.PIPE).returncode
dt = time.perf_counter() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(rc, dt, ru.ru_maxrss, ru.ru_utime + ru.ru_stime)
"""


def measure(path: Path, jobs: int, input_format: str, extra: list[str]) -> tuple[float, int, float]:
    """Seconds end to end, peak RSS in KiB and CPU seconds (all processes) of one `ticketlint check` run,
    in a fresh process."""
    cli = [sys.executable, "-m", "ticketlint", "check", "--isolated", "--profile", "audit", "--exit-zero",
           "-j", str(jobs), "--input-format", input_format, *extra, str(path)]
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    out = subprocess.run([sys.executable, "-c", _WRAPPER, *cli], capture_output=True, text=True, env=env, check=True)
    rc, seconds, rss, cpu = out.stdout.split()
    if int(rc) not in (0, 1):
        raise SystemExit(f"ticketlint exited {rc} on {path}: {out.stderr.strip()[-500:]}")
    return float(seconds), int(rss), float(cpu)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000", help="comma-separated ticket counts [10000]")
    ap.add_argument("--seed", type=int, default=10)
    ap.add_argument("--format-of-export", choices=["ticketlint", "zendesk"], default="ticketlint",
                    help="which of the two generated files to lint [ticketlint]")
    ap.add_argument("--jobs", default="1,2", help="comma-separated -j values, run back to back [1,2]")
    ap.add_argument("--repeat", type=int, default=2, help="rounds of all -j values; the fastest of each is kept")
    ap.add_argument("--out", type=Path, default=Path("/tmp/ticketlint-bench"), help="where the exports are written")
    ap.add_argument("--generate-only", action="store_true")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    jobs = [int(j) for j in args.jobs.split(",")]
    results = []
    for n in (int(s) for s in args.sizes.split(",")):
        zendesk, own = args.out / f"zendesk-{n}-{args.seed}.json", args.out / f"ticketlint-{n}-{args.seed}.jsonl"
        if not (zendesk.exists() and own.exists()):
            generate(n, args.seed, zendesk, own)
        if args.generate_only:
            print(f"wrote {zendesk} and {own}")
            continue
        path, fmt = (zendesk, "zendesk") if args.format_of_export == "zendesk" else (own, "jsonl")
        runs: dict[int, list[tuple[float, int, float]]] = {j: [] for j in jobs}
        for _ in range(args.repeat):
            for j in jobs:
                runs[j].append(measure(path, j, fmt, []))
        row = {"tickets": n, "format": fmt, "runs_s": {j: [round(s, 2) for s, _, _ in r] for j, r in runs.items()}}
        for j, r in runs.items():
            best = min(s for s, _, _ in r)
            row[f"j{j}_s"] = round(best, 2)
            row[f"j{j}_tickets_per_s"] = round(n / best)
            row[f"j{j}_peak_rss_mb"] = round(max(m for _, m, _ in r) / 1024, 1)
            row[f"j{j}_cpu_s"] = round(min(c for _, _, c in r), 2)  # all processes: the cost of parallelism
        if 1 in runs and 2 in runs:
            row["speedup_j2"] = round(row["j1_s"] / row["j2_s"], 2)
            # each round's -j 1 and -j 2 ran back to back: their ratio is the fair one on a shared machine
            row["speedup_per_round"] = [round(a[0] / b[0], 2) for a, b in zip(runs[1], runs[2])]
            row["extrapolated_1M_j2_min"] = round(1_000_000 / row["j2_tickets_per_s"] / 60, 1)
        results.append(row)
        if not args.json:
            print(" ".join(f"{k}={v}" for k, v in row.items()), flush=True)
    if args.json:
        print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
