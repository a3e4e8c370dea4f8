"""The language ticketlint gives each message of the real sets (corpus/real), against the ticket's.

Every real ticket carries its language (`language`, set by hand when the set was built). A
message detected as another language is read by other packs and gets findings in another
language: sometimes right (an English reply in an Indonesian GitHub thread), mostly a detector
error on short or code-switched text. Per part and stratum (single- and multi-message tickets),
this counts the messages whose language differs from the ticket's, two ways:

- `declared`: the tickets as they are (the declared language is the thread's; `Document` decides
  per message, as `ticketlint check` does);
- `auto`: the same tickets with `language` removed (the thread's language is detected too: an
  export without the field).

    python bench/langid_real.py                  # dev parts (the only ones to tune on)
    python bench/langid_real.py --part test      # the never-tuned parts: report, do not tune
    python bench/langid_real.py --show 40        # and the first 40 disagreements, by eye

The Indonesian reviews are joined from ../shared (bench/realset.py); their text is printed by
`--show` to the terminal only, never written to a file.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import realset  # noqa: E402

from ticketlint.document import Document  # noqa: E402
from ticketlint.model import Ticket  # noqa: E402
from ticketlint.readers import read_source  # noqa: E402


def tickets(part: str) -> list[tuple[str, Ticket]]:
    out: list[tuple[str, Ticket]] = []
    for name, files in realset.parts(part):
        for path in files:
            for item in read_source(str(path)):
                if item.ticket is not None:
                    out.append((name, item.ticket))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--part", choices=["dev", "test", "all"], default="dev")
    ap.add_argument("--show", type=int, default=0, help="print this many disagreements")
    ap.add_argument("--mode", choices=["declared", "auto"], default="declared", help="whose disagreements --show prints")
    args = ap.parse_args(argv)
    data = tickets(args.part)
    total: Counter[tuple[str, str, str]] = Counter()
    differ: Counter[tuple[str, str, str]] = Counter()
    shown: list[str] = []
    t0 = time.perf_counter()
    for name, ticket in data:
        truth = ticket.language
        if truth is None:
            continue
        stratum = "single" if len(ticket.messages) == 1 else "multi"
        for mode, t in (("declared", ticket), ("auto", replace(ticket, language=None))):
            doc = Document(t)
            for m in doc.messages:
                key = (name, stratum, mode)
                total[key] += 1
                if m.language != truth:
                    differ[key] += 1
                    if mode == args.mode and len(shown) < args.show:
                        body = " ".join(m.message.body.split())[:110]
                        shown.append(f"{name:16} {truth}->{m.language} {ticket.id[:28]:28} {body}")
    elapsed = time.perf_counter() - t0
    print(f"{'part':16} {'stratum':7} {'messages':>8} {'declared':>9} {'auto':>6}")
    sums: Counter[tuple[str, str]] = Counter()
    for name, stratum in sorted({(k[0], k[1]) for k in total}):
        n = total[(name, stratum, "declared")]
        d, a = differ[(name, stratum, "declared")], differ[(name, stratum, "auto")]
        print(f"{name:16} {stratum:7} {n:8} {d:9} {a:6}")
        sums[(stratum, "n")] += n
        sums[(stratum, "declared")] += d
        sums[(stratum, "auto")] += a
    for stratum in ("single", "multi"):
        print(f"{'all':16} {stratum:7} {sums[(stratum, 'n')]:8} {sums[(stratum, 'declared')]:9} {sums[(stratum, 'auto')]:6}")
    print(f"(messages whose language differs from the ticket's; {elapsed:.2f} s for both modes)")
    for line in shown:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
