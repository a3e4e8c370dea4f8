"""What the failure and report readings (TL101, TL104) spend per message on the IRC threads, and what a gate could skip.

Round seventeen (perf19) measured three levers with this: the report reading's gate (`report._any`) and the order of
TL104's tests, the folded prose read again by the readings, and one gate over the failure lists asked once per message.
In process, CPU (`time.process_time`), fastest of `--repeat` passes over the same messages; each part alone.

    PYTHONPATH=src python bench/reading_costs.py --limit 5000
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from irc_threads import DEFAULT_ARCHIVE, load_threads  # noqa: E402
from timing import fastest  # noqa: E402

from ticketlint.analysis import failure, report  # noqa: E402
from ticketlint.checks.builtin.tl104_missing_environment import names_environment  # noqa: E402
from ticketlint.document import AnalysedMessage, Document  # noqa: E402
from ticketlint.model import Role  # noqa: E402
from ticketlint.patterns import CaselessPattern, lower_same_length  # noqa: E402
from ticketlint.textutil import fold, join_reduplication  # noqa: E402

_SCOPE = (Role.CUSTOMER, Role.NOTE)  # TL101's and TL104's


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE)
    ap.add_argument("--limit", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    docs = [Document(t) for t in load_threads(args.archive, args.limit)]
    scoped = [[m for m in d.messages if m.role in _SCOPE] for d in docs]
    counts: Counter[str] = Counter()
    no_failure: list[tuple[Document, list[AnalysedMessage]]] = []
    for d, msgs in zip(docs, scoped):
        if failure.first_failure(msgs, d) is None:
            no_failure.append((d, msgs))
            counts["reports found (no failure word)"] += report.first_report(msgs, d) is not None
            counts["environment named (no failure word)"] += names_environment(d, None)
    pairs = [(m, d) for d, msgs in no_failure for m in msgs]
    for m, d in pairs:
        text = fold(m.prose)
        for lang in failure.message_languages(m, d):
            gate = report._any(lang)
            if gate is None or gate.search(text) is None:
                continue
            counts["report gate passes"] += 1
            exp, soft = report._pack("expectations", lang), report._pack("software", lang)
            if (exp is not None and exp.search(text)) or (soft is not None and soft.search(text)):
                counts["... and reach contextual_failure"] += 1
    # the failure lists a message's languages could match, on the copy find_failure scans (the bound of a group gate)
    every = [(m, d) for d, msgs in zip(docs, scoped) for m in msgs if m.prose.strip()]
    for m, d in every:
        prepared, _ = failure.squeeze_spaces(join_reduplication(fold(m.prose)))
        lists = [p for lang in failure.message_languages(m, d) for p in failure._failure_packs(lang) if p is not None]
        # a list's own literal gate (`CaselessPattern._text` None: turned away), and whether it matches at all
        counts["messages no failure list's gate admits (a group gate's skip)"] += not any(
            not isinstance(p, CaselessPattern) or p._text(prepared) is not None for p in lists
        )
        counts["messages no failure list matches"] += all(p.search(prepared) is None for p in lists)

    print(f"{len(docs)} threads, {len(every)} customer messages with prose; {len(no_failure)} threads without a failure word")
    for key, n in counts.items():
        print(f"  {key}: {n}")
    texts = [fold(m.prose) for m, _ in pairs]
    lowered = [lower_same_length(t) for t in texts]
    gates = {lang: report._any(lang) for lang in ("en", "es", "id", "ro")}
    en = gates["en"]
    patterns, contextual = failure._failure_packs("en")
    figures = {
        "first_report on the threads without a failure word": lambda: [report.first_report(msgs, d) for d, msgs in no_failure],
        "names_environment on the same threads (what testing it first costs)": lambda: [names_environment(d, None) for d, _ in no_failure],
        "report_span, each of their messages": lambda: [report.report_span(m, d) for m, d in pairs],
        "  its gate's literal pass (en, lower-cased text)": lambda: [en.gate.admits(t) for t in lowered] if getattr(en, "gate", None) else None,
        "  fold (an lru hit in a run: TL101 folded the prose)": lambda: [fold(m.prose) for m, _ in pairs],
        "join_reduplication, uncached (once a message: TL101 and TL102 share the lru entry)": lambda: [
            join_reduplication.__wrapped__(t) for t in texts
        ],
        "squeeze_spaces": lambda: [failure.squeeze_spaces(t) for t in texts],
        "en failure patterns' gate": lambda: [patterns.gate.admits(t) for t in lowered] if getattr(patterns, "gate", None) else None,
        "en contextual's gate": lambda: [contextual.gate.admits(t) for t in lowered] if getattr(contextual, "gate", None) else None,
    }
    print(f"CPU, fastest of {args.repeat} (s), over the {len(pairs)} messages of the threads without a failure word:")
    for name, work in figures.items():
        print(f"  {name}: {fastest(work, args.repeat, time.process_time):.4f}")


if __name__ == "__main__":
    main()
