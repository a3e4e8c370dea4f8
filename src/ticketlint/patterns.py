"""Compiling phrase lists into one fast regular expression.

Rule packs hold hundreds of phrases; matching them one by one would scan a
message hundreds of times, so they are merged into one alternation. Python's
`re` then tries every alternative at every position, which dominated the
cost of the lexicon rules (measured: the English failure lexicon took ~33 µs
per IRC line). Grouping the alternatives by the character they can start
with, each group guarded by a one-character lookahead, means that at a given
position only the phrases that can start there are tried, in their original
order, so the matches are the same as the plain alternation's (3x faster on
that lexicon, `bench/throughput.py --per-rule`). Phrases whose first
character cannot be worked out are tried everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from re import _constants as _c  # type: ignore[attr-defined]  # re's own parser (Python >= 3.11)
from re import _parser  # type: ignore[attr-defined]
from typing import Any

_REPEATS = tuple(op for op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) if op is not None)


def typographic_apostrophes(pattern: str) -> str:
    """A straight apostrophe also matches the typographic one (mail clients use both).

    Inside a character class it becomes both characters; elsewhere `['’]`.
    """
    if "'" not in pattern:
        return pattern
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            if ch == "]" and not (out and out[-1] in ("[", "[^")):
                in_class = False
            out.append("'\u2019" if ch == "'" else ch)
        elif ch == "[":
            in_class = True
            if pattern.startswith("[^", i):
                out.append("[^")
                i += 2
                continue
            out.append(ch)
        else:
            out.append("['\u2019]" if ch == "'" else ch)
        i += 1
    return "".join(out)


def first_chars(items: Any) -> tuple[set[str], bool] | None:
    """Characters a parsed pattern can start with, and whether it can match empty; None when unknown."""
    chars: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            return chars | {chr(av).lower()}, False
        if op is _c.IN:
            for o, v in av:
                if o is _c.LITERAL:
                    chars.add(chr(v).lower())
                elif o is _c.RANGE and v[1] - v[0] < 64:
                    chars.update(chr(x).lower() for x in range(v[0], v[1] + 1))
                else:
                    return None
            return chars, False
        if op is _c.BRANCH:
            nullable = False
            for alt in av[1]:
                sub = first_chars(alt)
                if sub is None:
                    return None
                chars |= sub[0]
                nullable = nullable or sub[1]
            if not nullable:
                return chars, False
        elif op is _c.SUBPATTERN:
            # scoped flags such as (?-i:API) only narrow the case; the lower-cased first
            # characters, tested case-insensitively, are still a necessary condition
            sub = first_chars(av[-1])
            if sub is None:
                return None
            chars |= sub[0]
            if not sub[1]:
                return chars, False
        elif op in _REPEATS:
            sub = first_chars(av[2])
            if sub is None:
                return None
            chars |= sub[0]
            if av[0] > 0 and not sub[1]:
                return chars, False
        elif op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
            continue  # zero width: the next item decides
        else:
            return None
    return chars, True


def _dispatched(parts: Sequence[str], flags: int) -> str | None:
    """The alternation grouped by first character, or None when grouping would not help."""
    if len(parts) < 8 or not flags & re.IGNORECASE:
        return None
    firsts: list[set[str] | None] = []
    for p in parts:
        try:
            info = first_chars(_parser.parse(p, flags).data)
        except (re.error, TypeError, ValueError):
            return None  # let re.compile report a bad pattern
        firsts.append(None if info is None or info[1] or any(not c.isalnum() and c not in " '\u2019-\"“«„¿¡" for c in info[0]) else info[0])
    keys = sorted({c for f in firsts if f for c in f})
    if len(keys) < 2:
        return None
    groups = []
    for c in keys:
        alts = [p for p, f in zip(parts, firsts) if f is None or c in f]
        groups.append(f"(?={re.escape(c)})(?:{'|'.join(f'(?:{a})' for a in alts)})")
    others = [p for p, f in zip(parts, firsts) if f is None]
    if others:
        guard = "".join(re.escape(c) for c in keys)
        groups.append(f"(?![{guard}])(?:{'|'.join(f'(?:{a})' for a in others)})")
    return "|".join(groups)


def compile_patterns(patterns: Iterable[str], *, word_bounded: bool = True, flags: int = re.IGNORECASE) -> re.Pattern[str] | None:
    """Merge pack patterns into one alternation (one scan per message, not one per pattern)."""
    parts = [typographic_apostrophes(p) for p in patterns if p]
    if not parts:
        return None
    body = _dispatched(parts, flags) or "|".join(f"(?:{p})" for p in parts)
    if word_bounded:
        body = rf"(?<![\w])(?:{body})(?![\w])"
    return re.compile(body, flags)
