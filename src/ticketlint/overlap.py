"""One finding per problem: findings of two rules on one piece of text, reported once.

When two rules report the same problem on the same words of a message (TL201
and TL202 on `DNS`, TL101 and TL104 on "doesn't work", TL302 and TL303 on a
bare "No."), the finding of the more specific rule is reported and the other
travels with it as `Finding.related`, the way ruff keeps one diagnostic per
problem. Which rule wins is data: `PRECEDENCE` below, one row per pair with its
reason (docs/overlap.md shows the same table). Nothing outside the table is
merged: two rules that happen to share a span (TL203 "hard to read" and TL303
"no next step" both mark the whole reply) report two different problems.

- `same`: the pair is merged when the two spans are equal; `contains`: also
  when one span holds the other (either way round). Always on one message.
- A privacy finding (group `privacy`) is never put under a finding of another
  group: `check_table` refuses such a row, and `merge` never does it either.
- The reported finding keeps its rule's code, message, span and severity; the
  exit status (`--fail-on`) reads the related findings' severities too.
- Merging runs after inline suppressions: a suppressed finding is gone before
  any merge, so a suppressed primary never hides another rule's finding (that
  one is reported by itself). `expand` gives the findings back one by one for
  the filters that work per rule (per-file-ignores, --baseline), and `merge`
  groups what is left.
- `report-overlaps = true` in the config (`--report-overlaps` on the command
  line) reports every rule's finding by itself.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from .model import Finding

T = TypeVar("T")

SAME = "same"
CONTAINS = "contains"


@dataclass(frozen=True, slots=True)
class Precedence:
    """`winner` is reported and `loser` becomes related when their spans are `relation`."""

    winner: str
    loser: str
    relation: str  # SAME or CONTAINS
    reason: str


PRECEDENCE: tuple[Precedence, ...] = (
    Precedence("TL401", "TL202", CONTAINS,
               "a derogatory code word is the problem; asking the agent to spell it out would repeat it"),
    Precedence("TL401", "TL201", CONTAINS,
               "a derogatory code word is the problem, not a term to explain"),
    Precedence("TL201", "TL202", CONTAINS,
               "one unexplained term ('DNS', or 'DNS' inside 'DNS cache'): explaining it where it is first used "
               "(TL201) also expands it (TL202)"),
    Precedence("TL101", "TL104", SAME,
               "one failure phrase lacking evidence: the ask for the exact error leads (the more precise rule), "
               "the ask for device and version travels with it"),
    Precedence("TL103", "TL105", SAME,
               "one incomplete hand-off note: what was tried leads (what the next tier needs first), "
               "who is affected travels with it"),
    Precedence("TL302", "TL301", CONTAINS,
               "a yes/no reply that leaves a question unanswered: naming the unanswered question is the specific fix"),
    Precedence("TL302", "TL303", SAME,
               "a bare reply that leaves a question unanswered: answering it is the next step"),
    Precedence("TL301", "TL303", CONTAINS,
               "a reply that is only yes or no is the specific case of a reply without a next step"),
    Precedence("TL304", "TL301", SAME,
               "a bare refusal: saying what the customer can do instead is the specific fix"),
    Precedence("TL304", "TL303", CONTAINS,
               "a refusal without an alternative is the specific case of a reply without a next step"),
)

_PRIVACY = "privacy"


class TableError(ValueError):
    """A precedence table that cannot be used (a cycle, a privacy rule under another group)."""


def check_table(table: Sequence[Precedence], groups: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The rules of `table` from the most to the least preferred; raises `TableError` on a bad table.

    `groups` maps each known code to its rule's groups (a code it does not hold is an error).
    """
    codes: list[str] = []
    for row in table:
        for code in (row.winner, row.loser):
            if code not in groups:
                raise TableError(f"precedence {row.winner} over {row.loser}: unknown rule {code}")
            if code not in codes:
                codes.append(code)
        if row.relation not in (SAME, CONTAINS):
            raise TableError(f"precedence {row.winner} over {row.loser}: relation {row.relation!r}, expected same or contains")
        if _PRIVACY in groups[row.loser] and _PRIVACY not in groups[row.winner]:
            raise TableError(f"precedence {row.winner} over {row.loser}: a privacy finding is never related to another one")
    # Topological order (Kahn's algorithm), ties in table order: a cycle has no order.
    order: list[str] = []
    left = list(codes)
    while left:
        free = [c for c in left if not any(r.loser == c and r.winner in left for r in table)]
        if not free:
            raise TableError("precedence table has a cycle among " + ", ".join(left))
        order.append(free[0])
        left.remove(free[0])
    return tuple(order)


@dataclass(frozen=True, slots=True)
class Overlaps:
    """The table, ready to merge the findings of one ticket."""

    rank: Mapping[str, int]
    rows: Mapping[tuple[str, str], str]  # (winner, loser) -> relation
    privacy: frozenset[str]

    @classmethod
    def build(cls, groups: Mapping[str, tuple[str, ...]], table: Sequence[Precedence] = PRECEDENCE) -> "Overlaps":
        known = {row.winner for row in table} | {row.loser for row in table}
        order = check_table(table, {c: tuple(groups.get(c, ())) for c in known})
        return cls({c: i for i, c in enumerate(order)}, {(r.winner, r.loser): r.relation for r in table},
                   frozenset(c for c, g in groups.items() if _PRIVACY in g))

    def beats(self, winner: Finding, loser: Finding) -> bool:
        """Whether `loser` goes under `winner` (same ticket and message assumed)."""
        relation = self.rows.get((winner.code, loser.code))
        if relation is None or (loser.code in self.privacy and winner.code not in self.privacy):
            return False
        a, b = winner.span, loser.span
        if (a.start, a.end) == (b.start, b.end):
            return True
        if relation != CONTAINS:
            return False
        return (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)

    def merge(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings with every loser put under its winner; order kept (each winner where it was).

        Findings that already carry related ones are expanded first, so merging twice gives the same.
        """
        return [f for f, _ in self.merge_items([(f, None) for f in expand(findings)])]

    def merge_items(self, items: Sequence[tuple[Finding, T]]) -> list[tuple[Finding, T]]:
        """`merge` for (finding, anything) pairs, each winner keeping its own second item (a context line)."""
        flat = [f for f, _ in items]
        if sum(1 for f in flat if f.code in self.rank) < 2:
            return list(items)
        last = len(self.rank)
        # Most preferred first: each finding goes under the first reported finding that beats it, or
        # under the winner of the first related one that beats it (so TL303 under TL301 under TL302
        # all end under TL302); none beats it: it is reported.
        ordered = sorted((i for i, f in enumerate(flat) if f.code in self.rank), key=lambda i: self.rank[flat[i].code])
        # The candidates that may beat a finding are looked up, not scanned: per message and code, the
        # findings by span (SAME) and by start (CONTAINS, bisected within the longest span of that code).
        # Testing every earlier finding was quadratic: 44 s on 200 KB of "user error, closing." repeated.
        by_span: dict[tuple[int, str, int, int], list[int]] = {}
        by_start: dict[tuple[int, str], list[tuple[int, int]]] = {}
        longest: dict[tuple[int, str], int] = {}
        position = {i: n for n, i in enumerate(ordered)}
        for i in ordered:
            f = flat[i]
            by_span.setdefault((f.message_index, f.code, f.span.start, f.span.end), []).append(i)
            key = (f.message_index, f.code)
            by_start.setdefault(key, []).append((f.span.start, i))
            longest[key] = max(longest.get(key, 0), f.span.end - f.span.start)
        for starts in by_start.values():
            starts.sort()
        winners_of: dict[str, list[tuple[str, str]]] = {}
        for (w, loser), relation in self.rows.items():
            winners_of.setdefault(loser, []).append((w, relation))
        root: dict[int, int] = {}
        for i in ordered:
            f = flat[i]
            best: int | None = None
            for code, relation in winners_of.get(f.code, ()):
                if self.rank.get(code, last) >= self.rank[f.code]:
                    continue
                found = list(by_span.get((f.message_index, code, f.span.start, f.span.end), ()))
                key = (f.message_index, code)
                if relation == CONTAINS and key in by_start:
                    starts = by_start[key]
                    lo = bisect.bisect_left(starts, (min(f.span.start, f.span.end - longest[key]), -1))
                    hi = bisect.bisect_right(starts, (f.span.end, len(flat)))
                    found += [j for _, j in starts[lo:hi]]
                for j in found:
                    if (best is None or position[j] < position[best]) and self.beats(flat[j], f):
                        best = j
            if best is not None:
                root[i] = root.get(best, best)
        if not root:
            return list(items)
        under: dict[int, list[Finding]] = {}
        for i, j in root.items():
            under.setdefault(j, []).append(flat[i])
        out: list[tuple[Finding, T]] = []
        for i, (f, extra) in enumerate(items):
            if i in root:
                continue
            related = under.get(i)
            if related:
                related.sort(key=lambda r: (self.rank[r.code], r.span.start))
                f = replace(f, related=tuple(related))
            out.append((f, extra))
        return out


def expand(findings: Iterable[Finding]) -> list[Finding]:
    """Every finding by itself: each related one as a finding of its own, next to its primary."""
    out: list[Finding] = []
    for f in findings:
        if not f.related:
            out.append(f)
            continue
        out.append(replace(f, related=()))
        out += f.related
    return out


def members(findings: Iterable[Finding]) -> int:
    """How many rule findings the reported ones stand for (each related one counted)."""
    return sum(1 + len(f.related) for f in findings)
