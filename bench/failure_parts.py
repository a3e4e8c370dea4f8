"""Where TL101's time goes on the IRC threads: the failure statement's parts, the evidence's parts, the rest.

`throughput.py --per-rule` gives TL101 as one figure; this splits it (CPU, `time.process_time`, the least of
`--repeat` runs of each part, in one process, the Documents built and masked before any timing). Each part is
timed alone over the same messages, so the parts add up to about the rule's figure, not exactly: the rule
reads the caches the parts fill in another order.

    python bench/failure_parts.py                   # 5,000 threads
    python bench/failure_parts.py --limit 20000 --repeat 3

Parts:
- `find_failure`: the failure statement of every customer message and note (`Document.failure`, uncached),
  and within it the text it scans (fold, reduplication join, squeezed spaces), each language's `patterns`
  and `contextual` scans to their first match (every message), `exceptions` and `technical` (every message
  here, although `find_failure` asks them only after a match: an upper bound);
- `has_evidence`: on the threads whose failure TL101 would report, with the evidence gate over the
  customers' texts, the agent replies' quotes and the program text of another language;
- the rule: `TL101.check` with every cache empty, then with the failure statements cached (evidence and
  the rule's own work), then with both cached (the rule's own work: contexts, scope, the finding).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from irc_threads import DEFAULT_ARCHIVE, load_threads  # noqa: E402

from ticketlint.analysis import failure  # noqa: E402
from ticketlint.checks.base import RuleContext  # noqa: E402
from ticketlint.config import Config  # noqa: E402
from ticketlint.document import Document  # noqa: E402
from ticketlint.engine import Linter  # noqa: E402
from ticketlint.model import Role  # noqa: E402
from ticketlint.textutil import fold, join_reduplication  # noqa: E402


def least(run: Callable[[], object], repeat: int, before: Callable[[], None] | None = None) -> float:
    """The least CPU seconds of `repeat` calls of `run` (`before` runs untimed ahead of each)."""
    best = float("inf")
    for _ in range(repeat):
        if before is not None:
            before()
        t0 = time.process_time()
        run()
        best = min(best, time.process_time() - t0)
    return best


def first_match(pattern: failure.Phrases | None, text: str) -> None:
    if pattern is not None:
        next(iter(pattern.finditer(text)), None)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE)
    ap.add_argument("--limit", type=int, default=5000, help="the first N IRC threads [5000]")
    ap.add_argument("--repeat", type=int, default=5, help="runs of each part; the least is kept [5]")
    args = ap.parse_args()

    tickets = load_threads(args.archive, args.limit)
    linter = Linter(Config(profile="audit"))
    for ticket in tickets:  # every pattern built and every regex compiled before timing
        linter.lint(ticket)
    rule = next(r for r in linter.rules if r.meta.code == "TL101")
    options = linter.options["TL101"]
    docs = [Document(t, language=linter.config.language) for t in tickets]
    msgs = [(m, d) for d in docs for m in d.messages if m.role in rule.meta.scope]
    for m, _ in msgs:
        m.prose  # noqa: B018  (masking is the analysis', not TL101's)
    prose = [m.prose for m, _ in msgs]
    texts = [failure.squeeze_spaces(join_reduplication(fold(p)))[0] for p in prose]
    langs = [failure.message_languages(m, d) for m, d in msgs]

    def clear(*names: str) -> Callable[[], None]:
        def run() -> None:
            for d in docs:
                for name in names:
                    getattr(d, name).clear()
        return run

    def check_all() -> None:
        for d in docs:
            if not d.roles.isdisjoint(rule.meta.scope):
                list(rule.check(RuleContext(d, options, code="TL101")))

    def scan(key: str) -> Callable[[], None]:
        def run() -> None:
            for text, ls in zip(texts, langs):
                for lang in ls:
                    first_match(failure._pack(key, lang), text)
        return run

    reporting = [d for d in docs if failure.first_failure(d.in_roles(rule.meta.scope), d) is not None]
    thread_texts = [t for d in reporting for t in failure.thread_texts(d)]
    rows: list[tuple[str, float]] = [
        ("TL101.check, caches empty", least(check_all, args.repeat, clear("_failures", "_evidence", "_technical_firsts"))),
        ("  failure statements cached (evidence + rule)", least(check_all, args.repeat, clear("_evidence"))),
        ("  both cached (the rule's own work)", least(check_all, args.repeat)),
        ("find_failure, every message in scope", least(lambda: [failure.find_failure(m, d, None) for m, d in msgs], args.repeat,
                                                       clear("_technical_firsts"))),
        ("  fold + reduplication join + squeeze", least(lambda: [failure.squeeze_spaces(join_reduplication(fold(p))) for p in prose],
                                                        args.repeat, join_reduplication.cache_clear)),
        ("  `patterns` to the first match", least(scan("patterns"), args.repeat)),
        ("  `contextual` to the first match", least(scan("contextual"), args.repeat)),
        ("  `exceptions` (bound: every message)", least(scan("exceptions"), args.repeat)),
        ("  `technical` (bound: every message)", least(scan("technical"), args.repeat)),
        (f"has_evidence, {len(reporting)} threads that report a failure", least(
            lambda: [failure.has_evidence(d, None, True) for d in reporting], args.repeat)),
        (f"  the gate over their {len(thread_texts)} customer/note texts", least(
            lambda: [failure.may_hold_evidence(t) for t in thread_texts], args.repeat)),
        ("  agent replies' quotes", least(lambda: [failure._agent_quotes_error(d) for d in reporting], args.repeat)),
        ("  program text of another language", least(
            lambda: [failure._foreign_program_text(d, list(failure.thread_texts(d))) for d in reporting], args.repeat)),
    ]
    agents = sum(1 for d in reporting for m in d.messages if m.role is Role.AGENT)
    print(f"{len(tickets)} threads, {len(msgs)} customer messages and notes; {len(reporting)} threads report a failure "
          f"({agents} agent replies); CPU s, least of {args.repeat}")
    for name, seconds in rows:
        print(f"{name:58s} {seconds:7.3f}  ({seconds / len(msgs) * 1e6:6.1f} µs a message)")


if __name__ == "__main__":
    main()
