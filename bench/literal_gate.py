"""The literal gate of merged phrase lists (`patterns.LiteralGate`) on the IRC threads: how many texts it lets
through, what it costs, and each list's scan with and without it (CPU, fastest of `--repeat`).

    python bench/literal_gate.py                       # TL101's lexicons (patterns, contextual), English, 5,000 threads
    python bench/literal_gate.py --lang es --key exceptions --limit 20000

The texts are what `find_failure` scans: each message's prose, folded, reduplication joined, spaces squeezed.
Matches are compared too (they must be the same with and without the gate).
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from irc_threads import DEFAULT_ARCHIVE, load_threads  # noqa: E402
from timing import fastest  # noqa: E402

from ticketlint import packs  # noqa: E402
from ticketlint.analysis.failure import FAILURE, squeeze_spaces  # noqa: E402
from ticketlint.document import Document  # noqa: E402
from ticketlint.patterns import CaselessPattern, compile_patterns, lower_same_length  # noqa: E402
from ticketlint.textutil import fold, join_reduplication  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE)
    ap.add_argument("--limit", type=int, default=5000, help="the first N IRC threads [5000]")
    ap.add_argument("--lang", default="en", help="the pack's language [en]")
    ap.add_argument("--key", action="append", help="failure.toml lists to measure [patterns, contextual]")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    texts = []
    for ticket in load_threads(args.archive, args.limit):
        doc = Document(ticket)
        for msg in doc.messages:
            if msg.prose.strip():
                texts.append(squeeze_spaces(join_reduplication(fold(msg.prose)))[0])
    lowered = [lower_same_length(t) for t in texts]
    print(f"{len(texts)} texts, {sum(map(len, texts))} characters, {args.limit} threads")
    for key in args.key or ["patterns", "contextual"]:
        merged = compile_patterns(packs.patterns(FAILURE, key, args.lang, fold=True))
        if not isinstance(merged, CaselessPattern) or merged.gate is None:
            print(f"{args.lang} {key}: no gate")
            continue
        gate = merged.gate
        plain = CaselessPattern(merged._compiled, merged.pattern, merged.flags, merged.literals)  # no gate: as before

        def scan(pattern: CaselessPattern) -> list[list[tuple[int, int]]]:
            return [[m.span() for m in pattern.finditer(t)] for t in texts]

        same = scan(merged) == scan(plain)
        passed = [t for t in lowered if gate.admits(t)]
        print(f"{args.lang} {key}: {len(merged.gate.sets)} phrases; gate lets {len(passed) / len(texts):.0%} of texts through "
              f"({sum(map(len, passed)) / sum(map(len, lowered)):.0%} of characters); matches the same: {same}")
        with_gate = fastest(functools.partial(scan, merged), args.repeat, time.process_time)
        without = fastest(functools.partial(scan, plain), args.repeat, time.process_time)
        alone = fastest(functools.partial(lambda g: [g.admits(t) for t in lowered], gate), args.repeat, time.process_time)
        print(f"  scan without the gate {without:.4f} s, with it {with_gate:.4f} s (the gate alone {alone:.4f} s; "
              f"{alone / len(texts) * 1e6:.1f} µs a text)")


if __name__ == "__main__":
    main()
