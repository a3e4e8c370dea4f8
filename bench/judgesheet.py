"""Findings on real text, drawn for judging by hand, and the tally of the verdicts (issue 13).

Scores on a labelled set say how often a rule is right; reading its findings says *how* it is
wrong. This draws, for every rule, up to N findings at random (seeded) from the Ubuntu IRC threads
and from the Indonesian reviews, as users see them (every rule on, one finding per problem), and
writes a sheet with the text around each finding. A judge who knows RULES.md (not the rule code)
writes one verdict per finding: `tp` (the rule's problem is there), `fp` (it is not), or `unsure`.

    python bench/judgesheet.py draw --per 30 -o /tmp/sheet.jsonl      # the sheet (real text: do not commit)
    python bench/judgesheet.py draw --codes TL201,TL202 -o /tmp/s.jsonl # the same draw, two rules kept
    python bench/judgesheet.py tally corpus/real/judged/after.verdicts  # precision per rule and source
    python bench/judgesheet.py relint V -o AFTER    # the verdicts whose findings this tree still reports

`relint` is how a change is measured on a sheet judged before it: the judged tickets are linted
again by the current tree, a verdict is kept when its finding is still reported (same ticket,
message, rule and start; or the same rule in the same message at another start, counted as
moved), and the tally of the kept verdicts is the precision after. Findings the tree reports
that nobody judged are not in it: draw a fresh sheet for those.

The verdict file holds only the item's key, code, a short excerpt, the verdict and a reason: the
reviews carry no licence, so their text stays in ../shared.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from irc_threads import DEFAULT_ARCHIVE, load_threads  # noqa: E402
from snapshot import review_tickets  # noqa: E402

from ticketlint.config import Config  # noqa: E402
from ticketlint.engine import Linted, Linter  # noqa: E402
from ticketlint.model import Finding, Ticket  # noqa: E402

CONTEXT = 400  # characters of the message shown either side of a finding


def _linter() -> Linter:
    """Every rule on, one finding per problem: the findings as users see them (the sheet's and relint's alike)."""
    return Linter(Config(profile="audit", select=("ALL",)))


def _lint(ticket: Ticket, linter: Linter) -> Linted:
    linted = linter.lint(ticket)
    if linted.failures:
        raise SystemExit(f"rule failure on {ticket.id}: {linted.failures[0]}")
    return linted


def _key(source: str, ticket: Ticket, f: Finding) -> str:
    """A finding's key on a sheet: `source:ticket:message:code:start` (read back by `_split_key`)."""
    return f"{source}:{ticket.id}:{f.message_index}:{f.code}:{f.span.start}"


def _items(source: str, tickets: list[Ticket], linter: Linter) -> dict[str, list[dict[str, object]]]:
    by_rule: dict[str, list[dict[str, object]]] = defaultdict(list)
    for ticket in tickets:
        linted = _lint(ticket, linter)
        for f in linted.findings:
            body = linted.shown[f.message_index]
            thread = [f"[{i}] {m.role.value}: {linted.shown[i][:CONTEXT * 2]}" for i, m in enumerate(ticket.messages)]
            by_rule[f.code].append({
                "key": _key(source, ticket, f),
                "source": source, "ticket": ticket.id, "code": f.code, "name": f.name,
                "message_index": f.message_index, "role": ticket.messages[f.message_index].role.value,
                "excerpt": f.excerpt, "message": f.message, "related": [r.code for r in f.related],
                "around": body[max(0, f.span.start - CONTEXT): f.span.end + CONTEXT],
                "thread": thread if source == "irc" else [],
            })
    return by_rule


def draw(args: argparse.Namespace) -> None:
    linter = _linter()
    threads = load_threads(DEFAULT_ARCHIVE, args.threads)
    reviews = [t for t, _ in review_tickets(None)]
    rng = random.Random(args.seed)
    out: list[dict[str, object]] = []
    for source, tickets in (("irc", threads), ("reviews", reviews)):
        for code, items in sorted(_items(source, tickets, linter).items()):
            picked = items if len(items) <= args.per else rng.sample(items, args.per)
            # drawn for every rule, kept for the asked ones: `--codes` gives the same items as the whole sheet
            if args.codes and code not in args.codes:
                continue
            print(f"{source:8} {code}: {len(items):6} findings, {len(picked)} drawn", file=sys.stderr)
            out += picked
    args.output.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in out), encoding="utf-8")
    print(f"{len(out)} items -> {args.output}", file=sys.stderr)


def _split_key(key: str) -> tuple[str, str, int, str, int]:
    """`source:ticket:message:code:start`; IRC ticket ids hold a colon themselves."""
    head, index, code, start = key.rsplit(":", 3)
    source, _, ticket = head.partition(":")
    return source, ticket, int(index), code, int(start)


def relint(args: argparse.Namespace) -> None:
    rows = [json.loads(line) for line in args.verdicts.read_text(encoding="utf-8").splitlines() if line.strip()]
    wanted: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        source, ticket, *_ = _split_key(row["key"])
        wanted[source].add(ticket)
    linter = _linter()
    tickets: list[tuple[str, Ticket]] = []
    if wanted["irc"]:
        tickets += [("irc", t) for t in load_threads(DEFAULT_ARCHIVE, args.threads) if t.id in wanted["irc"]]
    if wanted["reviews"]:
        tickets += [("reviews", t) for t, _ in review_tickets(None) if t.id in wanted["reviews"]]
    found = {(source, t.id) for source, t in tickets}
    missing = sorted({(s, t) for s, ts in wanted.items() for t in ts} - found)
    if missing:
        raise SystemExit(f"{args.verdicts}: {len(missing)} judged tickets not found, e.g. {missing[0][0]}:{missing[0][1]}")
    exact: set[str] = set()
    loose: set[tuple[str, str, int, str]] = set()
    for source, ticket in tickets:
        for f in _lint(ticket, linter).findings:
            exact.add(_key(source, ticket, f))
            loose.add((source, ticket.id, f.message_index, f.code))
    kept: list[dict[str, object]] = []
    gone: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    moved = 0
    for row in rows:
        source, ticket, index, code, _ = _split_key(row["key"])
        if row["key"] in exact:
            kept.append(row)
        elif (source, ticket, index, code) in loose:
            kept.append(row)
            moved += 1
        else:
            gone[(code, source)][row["verdict"]] += 1
    args.output.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in kept), encoding="utf-8")
    print(f"{len(rows)} judged, {len(kept)} still reported ({moved} at another start in the same message)"
          f" -> {args.output}", file=sys.stderr)
    for (code, source), c in sorted(gone.items()):
        print(f"gone: {code:6} {source:8} tp {c['tp']:3}  fp {c['fp']:3}  unsure {c['unsure']:3}", file=sys.stderr)


def tally(args: argparse.Namespace) -> None:
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for line in args.verdicts.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["verdict"] not in {"tp", "fp", "unsure"}:
            raise SystemExit(f"{args.verdicts}: {row['key']}: verdict must be tp, fp or unsure, not {row['verdict']!r}")
        counts[(row["code"], row["source"])][row["verdict"]] += 1
    print(f"{'rule':6} {'source':8} {'judged':>6} {'tp':>4} {'fp':>4} {'unsure':>6} {'precision':>9}")
    for (code, source), c in sorted(counts.items()):
        judged = c["tp"] + c["fp"]
        precision = f"{c['tp'] / judged:.2f}" if judged else "-"
        print(f"{code:6} {source:8} {sum(c.values()):6} {c['tp']:4} {c['fp']:4} {c['unsure']:6} {precision:>9}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    d = sub.add_parser("draw", help="draw findings per rule and source into a sheet")
    d.add_argument("--per", type=int, default=30, help="findings per rule and source (default 30)")
    d.add_argument("--threads", type=int, default=30000, help="IRC threads to lint (default: the first 30,000)")
    d.add_argument("--seed", type=int, default=13)
    d.add_argument("--codes", type=lambda v: {c.strip().upper() for c in v.split(",") if c.strip()}, default=set(),
                   help="keep only these rules' findings, e.g. TL201,TL202 (the draw is the same as without it)")
    d.add_argument("-o", "--output", type=Path, required=True)
    t = sub.add_parser("tally", help="precision per rule and source from a verdict file")
    t.add_argument("verdicts", type=Path)
    r = sub.add_parser("relint", help="keep the verdicts whose findings the current tree still reports")
    r.add_argument("verdicts", type=Path)
    r.add_argument("--threads", type=int, default=30000, help="IRC threads the sheet was drawn from (default 30,000)")
    r.add_argument("-o", "--output", type=Path, required=True)
    args = ap.parse_args()
    {"draw": draw, "tally": tally, "relint": relint}[args.command](args)


if __name__ == "__main__":
    main()
