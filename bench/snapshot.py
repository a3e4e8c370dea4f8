"""Every finding on real and labelled text, written so that two runs can be diffed.

Used to prove that a performance or robustness change keeps results the same:
run it before and after, then `python bench/snapshot.py --diff OLD NEW`.

    python bench/snapshot.py -o /tmp/before.jsonl            # corpus/ + Ubuntu IRC + Indonesian reviews
    python bench/snapshot.py --limit 20000 -o /tmp/quick.jsonl
    python bench/snapshot.py --diff /tmp/before.jsonl /tmp/after.jsonl

Every rule runs (profile audit with every rule selected). One JSON line per
finding: source, ticket, message, code, span, message text and excerpt.
"""

from __future__ import annotations

import argparse
import json
import lzma
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from irc_threads import DEFAULT_ARCHIVE, load_threads  # noqa: E402

from ticketlint.config import Config  # noqa: E402
from ticketlint.engine import Linter  # noqa: E402
from ticketlint.model import Message, Role, Ticket  # noqa: E402
from ticketlint.readers import read_source  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
REVIEWS = DEFAULT_ARCHIVE.parent / "id-gplay-reviews.jsonl.xz"


def corpus_tickets(test_parts: bool = False) -> Iterator[tuple[Ticket, bool]]:
    """corpus/'s tickets; the never-tuned real parts (corpus/real/*.test.*) only when asked, so a diff
    read while tuning cannot show how a change moves them (corpus/real/README.md)."""
    for path in sorted((ROOT / "corpus").rglob("*.jsonl")):
        if ".test." in path.name and not test_parts:
            continue
        for item in read_source(str(path)):
            if item.ticket is not None:  # paths relative to the checkout, so two checkouts compare
                yield replace(item.ticket, source=str(path.relative_to(ROOT))), item.plain


def review_tickets(limit: int | None) -> Iterator[tuple[Ticket, bool]]:
    with lzma.open(REVIEWS, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if limit is not None and n >= limit:
                return
            row = json.loads(line)
            yield Ticket(id=row["id"], messages=(Message(role=Role.CUSTOMER, body=row["text"]),), source="reviews"), False


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-o", "--output", type=Path)
    ap.add_argument("--limit", type=int, default=None, help="only the first N IRC tickets and N reviews")
    ap.add_argument("--diff", nargs=2, type=Path, metavar=("OLD", "NEW"))
    ap.add_argument("--test-parts", action="store_true",
                    help="lint the never-tuned real parts (corpus/real/*.test.*) too: for a final identity check, "
                         "never while tuning")
    args = ap.parse_args()
    if args.diff:
        old = set(args.diff[0].read_text(encoding="utf-8").splitlines())
        new = set(args.diff[1].read_text(encoding="utf-8").splitlines())
        for line in sorted(old - new):
            print("-", line)
        for line in sorted(new - old):
            print("+", line)
        print(f"{len(old)} before, {len(new)} after: {len(old - new)} gone, {len(new - old)} new", file=sys.stderr)
        sys.exit(1 if old != new else 0)
    if args.output is None:
        ap.error("-o is required (or --diff)")

    linter = Linter(Config(profile="audit", select=("ALL",)))
    t0 = time.perf_counter()
    n = 0
    rows: list[str] = []
    failures: list[str] = []

    def sources() -> Iterator[tuple[Ticket, bool]]:
        yield from corpus_tickets(args.test_parts)
        yield from ((t, False) for t in load_threads(DEFAULT_ARCHIVE, args.limit))
        if REVIEWS.exists():
            yield from review_tickets(args.limit)

    for ticket, plain in sources():
        n += 1
        linted = linter.lint(ticket, plain=plain)
        failures += [str(failure) for failure in linted.failures]
        for f in linted.findings:
            rows.append(json.dumps([f.source, f.ticket_id, f.message_index, f.code, f.span.start, f.span.end,
                                    f.message, f.excerpt, f.suggestion], ensure_ascii=False))
    for failure in failures:
        print(f"rule failure: {failure}", file=sys.stderr)
    args.output.write_text("\n".join(sorted(rows)) + "\n", encoding="utf-8")
    print(f"{n} tickets, {len(rows)} findings in {time.perf_counter() - t0:.1f} s -> {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
