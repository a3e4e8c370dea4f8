"""How many findings become related (overlap.py) on the snapshot's text, per pair of rules.

Lints what bench/snapshot.py lints (corpus/, Ubuntu IRC threads, Indonesian
reviews) with every rule and `report-overlaps = true`, then merges each
ticket's findings as the engine does by default, and counts:

- findings before and after the merge, per source family;
- per (reported rule, related rule): how many findings went under another;
- findings on exactly the same span as another rule's finding, merged or not
  (the figure issue 13 quotes), and the same-span pairs the table leaves apart.

    python bench/overlaps.py --limit 3000
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from irc_threads import DEFAULT_ARCHIVE, load_threads  # noqa: E402
from snapshot import REVIEWS, corpus_tickets, review_tickets  # noqa: E402

from ticketlint.config import Config  # noqa: E402
from ticketlint.engine import Linter  # noqa: E402
from ticketlint.model import Finding, Ticket  # noqa: E402
from ticketlint.overlap import Overlaps  # noqa: E402


def family(ticket: Ticket) -> str:
    if ticket.source.startswith("corpus"):
        return "corpus"
    return "reviews" if ticket.source == "reviews" else "irc"


def same_span(findings: list[Finding]) -> tuple[int, Counter[tuple[str, ...]]]:
    """Findings sharing their exact span with another rule's (each group counted minus one), and the groups."""
    spans: dict[tuple[int, int, int], set[str]] = {}
    for f in findings:
        spans.setdefault((f.message_index, f.span.start, f.span.end), set()).add(f.code)
    groups: Counter[tuple[str, ...]] = Counter()
    extra = 0
    for codes in spans.values():
        if len(codes) > 1:
            groups[tuple(sorted(codes))] += 1
            extra += len(codes) - 1
    return extra, groups


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="only the first N IRC tickets and N reviews")
    args = ap.parse_args()
    linter = Linter(Config(profile="audit", select=("ALL",), report_overlaps=True))
    overlaps = Overlaps.build({r.meta.code: r.meta.groups for r in linter.registry})

    def sources() -> Iterator[tuple[Ticket, bool]]:
        yield from corpus_tickets()
        yield from ((t, False) for t in load_threads(DEFAULT_ARCHIVE, args.limit))
        if REVIEWS.exists():
            yield from review_tickets(args.limit)

    t0 = time.perf_counter()
    before: Counter[str] = Counter()
    after: Counter[str] = Counter()
    tickets: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    same: Counter[tuple[str, ...]] = Counter()
    same_total = 0
    for ticket, plain in sources():
        fam = family(ticket)
        tickets[fam] += 1
        flat = list(linter.lint(ticket, plain=plain).findings)
        merged = overlaps.merge(flat)
        before[fam] += len(flat)
        after[fam] += len(merged)
        for f in merged:
            pairs.update((f.code, r.code) for r in f.related)
        extra, groups = same_span(flat)
        same_total += extra
        same.update(groups)
    total_before, total_after = sum(before.values()), sum(after.values())
    print(f"{sum(tickets.values())} tickets in {time.perf_counter() - t0:.1f} s")
    print("source    tickets  findings  reported  related")
    for fam in ("corpus", "irc", "reviews"):
        b, a = before[fam], after[fam]
        print(f"{fam:8} {tickets[fam]:8} {b:9} {a:9} {b - a:8} ({(b - a) / max(b, 1):.1%})")
    moved = total_before - total_after
    print(f"{'all':8} {sum(tickets.values()):8} {total_before:9} {total_after:9} {moved:8} ({moved / max(total_before, 1):.1%})")
    print(f"\non exactly another rule's span: {same_total} of {total_before} ({same_total / max(total_before, 1):.1%})")
    print("\nreported <- related: count")
    for (win, lose), n in pairs.most_common():
        print(f"  {win} <- {lose}: {n}")
    print("\nsame-span groups (codes: count), merged or not")
    for codes, n in same.most_common():
        print(f"  {'+'.join(codes)}: {n}")


if __name__ == "__main__":
    main()
