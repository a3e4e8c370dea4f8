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
character cannot be worked out are tried everywhere. A first character
shared by many phrases ("s", "c", "i" start 20-30 of the English failure
lexicon's) is routed again on the second character, from the two-character
starts `re`'s parse of each phrase gives (`heads`): at a word start only the
phrases that can start with its first two letters are tried, in order.

Case-insensitive matching itself is slow in `re` (every letter of every
tried alternative is compared through a case fold). A merged list is
therefore compiled with its letters lower-cased and *without* IGNORECASE, and
run over a lower-cased copy of the text (`CaselessPattern`): the same matches
at the same offsets, 2.3x faster on the English failure lexicon over the
Ubuntu IRC lines. Lists that use case flags (`(?-i:API)`), back-references
or escapes naming a cased letter keep plain IGNORECASE.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from re import _compiler, _parser  # type: ignore[attr-defined]
from re import _constants as _c  # type: ignore[attr-defined]  # re's own parser (Python >= 3.11)
from typing import Any, TypeAlias

from . import recache

try:  # pyahocorasick: every literal of a list found in one pass over a text (`LiteralGate`)
    import ahocorasick
except ImportError:  # pragma: no cover - a core dependency; without it lists are scanned as before
    ahocorasick = None

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
        if op is _c.LITERAL or op is _c.IN:
            first = _class_chars(op, av)  # None: a category, a large class, a letter that lowers to two
            return None if first is None else (chars | first, False)
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


def required_literals(items: Any) -> set[str] | None:
    """Lower-case strings one of which every match of a parsed pattern contains, or None.

    Runs of literal characters in sequence count; a group or a repeat of at
    least one contributes its own; an alternation contributes the union of
    its branches' (when each has one). Of the candidates, the set whose
    shortest string is longest wins (see `_rank`). Lookarounds contribute nothing.
    """
    candidates = literal_requirements(items)
    return max(candidates, key=_rank) if candidates else None


def literal_requirements(items: Any, *, distribute: bool = False, extras: list[int] | None = None) -> list[set[str]]:
    """Every set of lower-case strings one of which every match of a parsed pattern contains
    (`required_literals` picks the best; a caller checking that a list of head words covers a
    pattern needs them all: `user ?/ ?pass` holds "user" and "pass").

    `distribute`: also the literal run before an alternation joined to each alternative's leading
    literals (the parser turns `contraseña|clave` into `c(?:ontraseña|lave)`); `extras` is given the
    places of those sets (without them the list is the one `distribute=False` gives)."""
    found: list[set[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is _c.LITERAL and len(chr(av).lower()) == 1:
            run.append(chr(av).lower())
            continue
        if run and distribute and op is _c.BRANCH:
            heads = [_leading_literals(alt) for alt in av[1]]
            if all(heads):
                if extras is not None:
                    extras.append(len(found))
                found.append({"".join(run) + h for h in heads})
        if run:
            found.append({"".join(run)})
            run = []
        if op is _c.SUBPATTERN:
            best = required_literals(av[-1])
            if best:
                found.append(best)
        elif op is _c.BRANCH:
            branches = [required_literals(alt) for alt in av[1]]
            if all(branches):
                found.append(set().union(*branches))  # type: ignore[arg-type]
        elif op in _REPEATS and av[0] >= 1:
            best = required_literals(av[2])
            if best:
                found.append(best)
    if run:
        found.append({"".join(run)})
    return found


def _leading_literals(items: Any) -> str:
    out: list[str] = []
    for op, av in items:
        if op is not _c.LITERAL or len(chr(av).lower()) != 1:
            break
        out.append(chr(av).lower())
    return "".join(out)


def _rank(literals: set[str]) -> tuple[int, int, int]:
    """Longer shortest string first, then fewer strings, then fewer letters ('10' is rarer in prose than 'id')."""
    return min(map(len, literals)), -len(literals), -sum(map(str.isalpha, "".join(literals)))


_MAX_LITERALS = 32  # beyond this, checking each literal costs more than the scan it saves


def _prefilter(
    parts: Sequence[str], flags: int, parsed: Sequence[Any] | None = None, best: Iterable[set[str] | None] | None = None
) -> tuple[str, ...] | None:
    """Literals one of which any match of any part contains (shortest needed only), or None.

    `best`: each part's `required_literals`, when known (`_requirement_sets`)."""
    if best is None:
        if parsed is None:
            parsed = _parse_all(parts, flags)
            if parsed is None:
                return None
        best = (required_literals(data) for data in parsed)  # lazily: the first part without literals ends it
    found: set[str] = set()
    for lits in best:
        if lits is None or min(map(len, lits)) < 2:
            return None
        found |= lits
        if len(found) > 4 * _MAX_LITERALS:
            return None
    kept = tuple(sorted(x for x in found if not any(y != x and y in x for y in found)))
    return kept if len(kept) <= _MAX_LITERALS else None


# A list of at least this many phrases, none of them without a required literal, gets a `LiteralGate`
# (smaller lists cost little to scan, or have the `_prefilter` literals).
_GATE_MIN_PARTS = 8

# Per phrase of a list, the sets of lower-case strings its every match holds one of each (`literal_requirements`),
# the set the phrase is looked up by first.
Requirements: TypeAlias = "tuple[tuple[tuple[str, ...], ...], ...]"


def _requirement_sets(parsed: Sequence[Any]) -> list[tuple[list[set[str]], set[str] | None]]:
    """For each parsed phrase, its requirement sets with the distributed ones (`literal_requirements`) and its
    `required_literals`: one walk of the parse serves both `requirements` and `_prefilter` (a first run)."""
    out: list[tuple[list[set[str]], set[str] | None]] = []
    for data in parsed:
        extras: list[int] = []
        found = literal_requirements(data, distribute=True, extras=extras)
        plain = [s for i, s in enumerate(found) if i not in extras] if extras else found
        out.append((found, max(plain, key=_rank) if plain else None))
    return out


def requirements(parsed: Sequence[Any], sets: Sequence[tuple[list[set[str]], set[str] | None]] | None = None) -> Requirements | None:
    """For each parsed phrase, every set of literals one of which each of its matches contains, the key set
    (`_rank`'s best: the longest shortest string) first; None when a phrase has no such set.
    `sets`: `_requirement_sets(parsed)`, when known."""
    out: list[tuple[tuple[str, ...], ...]] = []
    for found, _ in sets if sets is not None else _requirement_sets(parsed):
        if not found:
            return None
        ranked = sorted(dict.fromkeys(tuple(sorted(s)) for s in found), key=lambda lits: _rank(set(lits)), reverse=True)
        out.append(tuple(ranked))
    return tuple(out)


class LiteralGate:
    """Whether any phrase of a merged list can match a (lower-cased) text, from the literals it holds.

    Each phrase needs one literal of each of its requirement sets (`requirements`: "not working" needs
    "not working"; `(?:can'?t|cannot) (?:\\w+ )?get (?:into|past)` needs one of "can"/"cannot", "get",
    and one of "into"/"past"). One Aho-Corasick pass (pyahocorasick, in C) over the text finds the
    phrases whose key set it holds; only those phrases' other sets are then looked for (`in`). A text
    that admits no phrase holds no match of the list, so the list's regular expression need not run:
    the findings are the same by construction. Why: `re` tries the phrases that can start at each word
    start one by one (the English failure lexicon, ~1.8 µs a word start), but most chat lines hold none
    of a lexicon's failure words; a whole-list literal test passes nearly every line ("on", "can",
    "not" are each some phrase's literal), the conjunction per phrase a quarter of them.
    """

    __slots__ = ("sets", "_automaton", "_others")

    def __init__(self, sets: Requirements) -> None:
        self.sets = sets
        self._automaton: Any = None  # built at the first text (most lists are not used by a run)
        self._others: tuple[tuple[tuple[str, ...], ...], ...] = ()

    def _build(self) -> Any:
        keys: dict[str, int] = {}
        automaton = ahocorasick.Automaton()
        try:
            for i, part in enumerate(self.sets):
                for lit in part[0]:
                    keys[lit] = keys.get(lit, 0) | 1 << i
            for lit, phrases in keys.items():
                automaton.add_word(lit, phrases)
            others = tuple(part[1:] for part in self.sets)
            if not all(type(lit) is str and lit for part in others for lits in part for lit in lits):
                raise TypeError("not requirement sets")
        except (TypeError, ValueError, IndexError, AttributeError):
            # a damaged cache entry: admit every text (`admits`; the list is scanned as without a gate)
            self.sets = ()
            automaton, others = ahocorasick.Automaton(), ()
        else:
            automaton.make_automaton()
        self._others = others
        self._automaton = automaton  # set last: another thread sees a whole gate or builds its own
        return automaton

    def admits(self, text: str) -> bool:
        """Whether some phrase has one literal of each of its sets in `text` (a necessary condition of a match)."""
        automaton = self._automaton
        if automaton is None:
            automaton = self._build()
        if not self.sets:
            return True
        candidates = 0
        for _, phrases in automaton.iter(text):
            candidates |= phrases
        others = self._others
        while candidates:
            low = candidates & -candidates
            for lits in others[low.bit_length() - 1]:
                for lit in lits:  # plain loops: any() over a generator costs twice as much
                    if lit in text:
                        break
                else:
                    break  # a set none of whose literals is here: not this phrase
            else:
                return True
            candidates ^= low
        return False


def _gate(
    parts: Sequence[str],
    parsed: Sequence[Any] | None,
    literals: tuple[str, ...] | None,
    sets: Sequence[tuple[list[set[str]], set[str] | None]] | None = None,
) -> Requirements | None:
    """The requirement sets a `LiteralGate` is built from, or None when the list gets none."""
    if literals is not None or parsed is None or len(parts) < _GATE_MIN_PARTS:
        return None
    return requirements(parsed, sets)


def _gated(sets: Requirements | None) -> LiteralGate | None:
    return LiteralGate(sets) if sets is not None and ahocorasick is not None else None


def _parse_trees(parts: Sequence[str], flags: int) -> list[Any] | None:
    """Each part parsed by `re`'s own parser (its `SubPattern`), or None when one does not parse."""
    try:
        return [_parser.parse(p, flags) for p in parts]
    except (re.error, TypeError, ValueError):
        return None


def _parse_all(parts: Sequence[str], flags: int) -> list[Any] | None:
    """Each part parsed by `re`'s own parser (its items), or None when one does not parse."""
    trees = _parse_trees(parts, flags)
    return None if trees is None else [t.data for t in trees]


def _dispatched(parts: Sequence[str], flags: int, parsed: Sequence[Any] | None = None) -> str | None:
    """The alternation grouped by first character, or None when grouping would not help.

    `parsed`: the parts already parsed (`_parse_all`), so they are not parsed again."""
    if len(parts) < 8 or not flags & re.IGNORECASE:
        return None
    if parsed is None:
        parsed = _parse_all(parts, flags)
        if parsed is None:
            return None  # let re.compile report a bad pattern
    firsts = [_dispatch_key(data) for data in parsed]
    keys = sorted({c for f in firsts if f for c in f})
    if len(keys) < 2:
        return None
    leaves = {}
    seconds: list[dict[str, set[str]] | None] | None = None  # per part: first character -> second characters
    for c in keys:
        picked = [i for i, f in enumerate(firsts) if f is None or c in f]
        if len(picked) >= _SECOND_LEVEL:
            if seconds is None:
                seconds = [_second_chars(data) for data in parsed]
            leaf = _second_level(c, [(parts[i], _after(c, seconds[i]) if firsts[i] is not None else None) for i in picked])
            if leaf is not None:
                leaves[c] = leaf
                continue
        leaves[c] = f"(?={re.escape(c)})(?:{'|'.join(f'(?:{parts[i]})' for i in picked)})"
    routed = _route(keys, leaves)
    others = [p for p, f in zip(parts, firsts) if f is None]
    if others:
        guard = "".join(re.escape(c) for c in keys)
        routed += f"|(?![{guard}])(?:{'|'.join(f'(?:{a})' for a in others)})"
    return routed


def _dispatch_key(data: Any) -> set[str] | None:
    """The first characters a parsed phrase is routed by (`_dispatched`), or None: a phrase that can start
    with a character outside letters, digits and a few marks (or with anything, or match empty) is tried
    at every position, copied into every first character's leaf."""
    info = first_chars(data)
    if info is None or info[1] or any(not c.isalnum() and c not in " '\u2019-\"“«„¿¡" for c in info[0]):
        return None
    return info[0]


def dispatched(parts: Sequence[str], flags: int = re.IGNORECASE) -> str:
    """The parts as one alternation grouped by first character (`_dispatched`), or the plain
    alternation when grouping would not help; kept between runs as a plan (`recache.plan`)."""
    skeleton = _dispatched_skeleton(parts, flags)
    return _fill(skeleton, parts) if skeleton is not None else _dispatched(parts, flags) or "|".join(f"(?:{p})" for p in parts)


def _dispatched_skeleton(parts: Sequence[str], flags: int) -> str | None:
    """`dispatched` with a hole for each part (`_holes`), kept as a plan; None when a part holds a
    hole's character (or does not parse: `re.compile` of the result reports it)."""
    inputs = ("dispatched-skeleton", tuple(parts), int(flags))
    kept = recache.plan(_plan_tag(), inputs)
    if isinstance(kept, str):
        return kept
    holes = _holes(parts)
    parsed = _parse_all(parts, int(flags)) if holes is not None else None
    if holes is None or parsed is None:
        return None
    out = _dispatched(holes, flags, parsed) or "|".join(f"(?:{h})" for h in holes)
    recache.keep_plan(_plan_tag(), inputs, out)
    return out


class Assembly:
    """A pattern written around dispatched lists, compiled on a first run from their phrases parsed once.

    `routed(parts)` is `dispatched(parts)` with a hole for each part; `compile(template)` fills the
    holes of the pattern written with it and compiles that (`recache.compile`), and when the cache does
    not hold it, builds the opcodes from the parts parsed one by one and the template parsed with its
    holes (`_assemble`), not by parsing a text in which each part stands once per first character it
    can have. The pattern is the same either way (a test compares the opcodes).
    """

    def __init__(self, flags: int) -> None:
        self.flags = flags
        self.parts: list[str] = []

    def routed(self, parts: Sequence[str]) -> str:
        skeleton = _dispatched_skeleton(parts, self.flags)
        if skeleton is None:
            return dispatched(parts, self.flags)  # the parts as text: parsed with the template
        first = len(self.parts)
        self.parts.extend(parts)
        if len(self.parts) > _HOLE_LIMIT:
            raise ValueError("too many parts for one assembly")
        return skeleton.translate({_HOLE + i: chr(_HOLE + first + i) for i in range(len(parts))}) if first else skeleton

    def text(self, template: str) -> str:
        """The pattern: `template` with its holes filled."""
        return _fill(template, self.parts)

    def compile(self, template: str) -> re.Pattern[str]:
        parts = tuple(self.parts)
        return recache.compile(self.text(template), self.flags, functools.partial(_assembled_template, template, parts, int(self.flags)))


def _assembled_template(template: str, parts: Sequence[str], flags: int) -> recache.Translated | None:
    """`_assemble` for an `Assembly`: the parts parsed one by one (None when one has groups or global flags)."""
    items: list[list[Any]] = []
    for part in parts:
        tree = _parser.parse(part, flags)
        state = tree.state
        if state.groups != 1 or state.grouprefpos or state.flags & _NOT_CASE != flags & _NOT_CASE:
            return None
        items.append(tree.data)
    return _assemble(template, items, flags)


def starts(parts: Sequence[str], flags: int = re.IGNORECASE) -> tuple[tuple[str, ...] | None, ...]:
    """For each part, the characters it can start with (`first_chars`, sorted), or None when they are
    unknown or it can match empty; kept between runs as a plan. A part `re` cannot parse raises re.error."""
    inputs = ("starts", tuple(parts), int(flags))
    kept = recache.plan(_plan_tag(), inputs)
    if isinstance(kept, tuple) and len(kept) == len(parts) and all(k is None or isinstance(k, tuple) for k in kept):
        return kept
    out: list[tuple[str, ...] | None] = []
    for part in parts:
        info = first_chars(_parser.parse(part, flags))
        out.append(None if info is None or info[1] else tuple(sorted(info[0])))
    recache.keep_plan(_plan_tag(), inputs, tuple(out))
    return tuple(out)


def _route(keys: Sequence[str], leaves: dict[str, str], before: str = "") -> str:
    """The leaves as a balanced tree of one-class lookaheads (`before`: the characters already routed on,
    which each lookahead repeats: a second-level tree routes on the character after `before`).

    A flat list of 40 `(?=c)` groups makes `re` fail up to 40 lookaheads at
    every word start; halving the key set at each level needs about six.
    Only one leaf can match at a position (each is guarded by its own
    character), so the tree matches exactly what the flat list matched.
    """
    if len(keys) <= 4:
        return "|".join(leaves[c] for c in keys)
    half = len(keys) // 2
    left = "".join(re.escape(c) for c in keys[:half])
    return f"(?={re.escape(before)}[{left}])(?:{_route(keys[:half], leaves, before)})|{_route(keys[half:], leaves, before)}"


# A first character's leaf with at least this many phrases is routed again on the second character: at a word
# start with a common letter ("s", "c", "i") a lexicon of a few hundred phrases had 20-30 of them tried.
_SECOND_LEVEL = 6
_MAX_HEADS = 256  # two-character starts of one phrase beyond which it is tried at every second character
_MAX_DEPTH = 32
_MAX_COPIES = 1.5  # a second level copies each phrase into the leaf of each second character it can have


def _items_of(sub: Any) -> list[Any]:
    return list(sub.data) if hasattr(sub, "data") else list(sub)


def _class_chars(op: Any, av: Any) -> set[str] | None:
    """The lower-cased characters one parsed item consumes (a literal or a small class), or None."""
    if op is _c.LITERAL:
        low = chr(av).lower()
        return {low} if len(low) == 1 else None
    if op is not _c.IN:
        return None
    chars: set[str] = set()
    for o, v in av:
        if o is _c.LITERAL:
            chars.add(chr(v).lower())
        elif o is _c.RANGE and v[1] - v[0] < 64:
            chars.update(chr(x).lower() for x in range(v[0], v[1] + 1))
        else:
            return None  # a category, a negated or large class
    return chars if all(len(x) == 1 for x in chars) else None


def heads(items: Any, n: int, depth: int = 0) -> set[str] | None:
    """The lower-cased strings of `n` characters every match of the parsed `items` starts with one of, or None
    when they are unknown (a large class, a match shorter than `n`, too many). Lookarounds are passed over:
    they only narrow what matches, so the set is still a necessary condition."""
    if n == 0:
        return {""}
    if depth > _MAX_DEPTH:
        return None
    items = _items_of(items)
    for i, (op, av) in enumerate(items):
        if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
            continue
        rest = items[i + 1 :]
        if op is _c.LITERAL or op is _c.IN:
            chars = _class_chars(op, av)
            tails = heads(rest, n - 1, depth + 1) if chars is not None else None
            if chars is None or tails is None or len(chars) * len(tails) > _MAX_HEADS:
                return None
            return {c + t for c in chars for t in tails}
        out: set[str] = set()
        if op is _c.SUBPATTERN:
            ways = [_items_of(av[-1]) + rest]
        elif op is _c.BRANCH:
            ways = [_items_of(alt) + rest for alt in av[1]]
        elif op in _REPEATS:
            low, high, body = av
            ways = [rest] if low == 0 else []
            if high != 0:
                more = high == _c.MAXREPEAT or high > 1
                again = [(op, (max(low - 1, 0), high if high == _c.MAXREPEAT else high - 1, body))] if more else []
                ways.append(_items_of(body) + again + rest)
        else:
            return None
        for way in ways:
            found = heads(way, n, depth + 1)
            if found is None:
                return None
            out |= found
            if len(out) > _MAX_HEADS:
                return None
        return out
    return None  # the match may end here, before n characters


def _second_chars(data: Any) -> dict[str, set[str]] | None:
    """For each first character of a parsed phrase, the characters that can follow it, or None when unknown."""
    found = heads(data, 2)
    if found is None:
        return None
    out: dict[str, set[str]] = {}
    for two in found:
        out.setdefault(two[0], set()).add(two[1])
    return out


def _after(first: str, seconds: dict[str, set[str]] | None) -> set[str] | None:
    """The characters that can follow `first` in a phrase (`_second_chars`), None when unknown."""
    return None if seconds is None else seconds.get(first, set())


def _second_level(first: str, alts: Sequence[tuple[str, set[str] | None]]) -> str | None:
    """The leaf of `first` routed on the second character: (phrase, second characters or None when unknown),
    in the list's order. Each second character's leaf holds, in order, the phrases that can have it second
    and those whose second character is unknown; another second character (or none) tries only the latter.
    At a position one leaf at most is entered and it holds every phrase that can match there, in order, so
    the first match is the plain leaf's. None when routing would not help."""
    keys = sorted({d for _, ds in alts if ds for d in ds})
    if len(keys) < 2:
        return None
    unknown = [p for p, ds in alts if ds is None]
    copies = sum(len(ds) for _, ds in alts if ds) + len(unknown) * (len(keys) + 1)
    if copies > _MAX_COPIES * len(alts):
        return None  # phrases copied into many leaves: a longer pattern to compile for little gain
    leaves = {d: f"(?={re.escape(first + d)})(?:{'|'.join(f'(?:{p})' for p, ds in alts if ds is None or d in ds)})" for d in keys}
    routed = _route(keys, leaves, first)
    if unknown:
        guard = "".join(re.escape(d) for d in keys)
        routed += f"|(?!{re.escape(first)}[{guard}])(?:{'|'.join(f'(?:{p})' for p in unknown)})"
    return f"(?={re.escape(first)})(?:{routed})"


def lower_same_length(text: str) -> str:
    """`text` lower-cased character for character, so offsets stay valid ('İ' would grow)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


# Inline or scoped flags that touch case (i) or what a letter is (a, L); (?m:^) is fine.
_FLAG_GROUP = re.compile(r"\(\?[aiLmsux]*-?[aiLmsux]*[:)]")
_CASE_FLAGS = frozenset("iaL")
_CODE_WIDTH = {"x": 2, "u": 4, "U": 8}


def lower_pattern(pattern: str) -> str | None:
    """The pattern with its literal letters lower-cased, or None when that would change it.

    Escapes (`\\S`, `\\W`, `\\B`), group names and back-references are kept;
    letters in character classes and ranges are lowered (`[A-Z]` -> `[a-z]`,
    which over lower-cased text is what `[A-Z]` with IGNORECASE meant).
    Scoped or inline flags, escapes naming a cased letter by its code
    (`\\x41`), named characters and back-references are not carried over,
    hence None.
    """
    if any(_CASE_FLAGS.intersection(m.group(0)) for m in _FLAG_GROUP.finditer(pattern)):
        return None
    out: list[str] = []
    i, n = 0, len(pattern)
    next_escape = next_group = 0
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            nxt = pattern[i + 1 : i + 2]
            width = _CODE_WIDTH.get(nxt, 0)
            if width:  # \x27: fine unless it names a cased letter
                code = pattern[i + 2 : i + 2 + width]
                try:
                    char = chr(int(code, 16))
                except ValueError:
                    return None
                if len(code) < width or char.lower() != char:
                    return None
                out.append(pattern[i : i + 2 + width])
                i += 2 + width
                continue
            if nxt == "N" or nxt.isdigit():
                return None  # a character by name, or a back-reference: keep IGNORECASE
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if pattern.startswith(("(?P<", "(?P="), i):
            close = pattern.find(">" if pattern[i + 3] == "<" else ")", i)
            if close < 0:
                return None
            out.append(pattern[i : close + 1])
            i = close + 1
            continue
        # up to the next escape or group name, lowered in one go (ASCII: character for character);
        # each search starts past the last, so the whole pattern is read once
        if next_escape <= i:
            next_escape = pattern.find("\\", i + 1) % (n + 1)  # not found (-1): n
        if next_group <= i:
            next_group = pattern.find("(?P", i + 1) % (n + 1)
        stop = min(next_escape, next_group)
        chunk = pattern[i:stop]
        if chunk.isascii():
            out.append(chunk.lower())
        else:
            for c in chunk:
                low = c.lower()
                if len(low) != 1:
                    return None
                out.append(low)
        i = stop
    return "".join(out)


# The last text lower-cased by a CaselessPattern, and its lower-cased copy (one pair: read and
# replaced whole, so threads never see half of it).
_LOWERED: tuple[str | None, str] = (None, "")


class CaselessPattern:
    """A case-insensitive pattern run as a case-sensitive one over lower-cased text.

    Offers the `re.Pattern` methods the rules use. Offsets are those of the
    original text; group *text* is the lower-cased copy's (when `lowered`),
    so callers slice the original by `start()`/`end()` to show a match. When every
    phrase of the list must contain one of a few literals (`literals`), a
    text holding none of them is not scanned at all: most messages hold no
    derogatory code word, and `in` over a few literals is 3x cheaper than
    trying the alternation at every position.
    """

    __slots__ = ("_compiled", "pattern", "flags", "literals", "lowered", "gate", "_last")

    def __init__(
        self,
        compiled: re.Pattern[str],
        pattern: str,
        flags: int,
        literals: tuple[str, ...] | None = None,
        lowered: bool = True,
        gate: LiteralGate | None = None,
    ) -> None:
        self._compiled = compiled
        self.pattern = pattern  # the source, as given (with IGNORECASE in `flags`)
        self.flags = flags
        self.literals = literals
        # A long list whose phrases each need literals: a text that admits none of them is not scanned
        # (`LiteralGate`; `lowered` lists only: the literals are those of the pattern run on the copy).
        self.gate = gate
        # False: `compiled` keeps IGNORECASE (a list with case flags) and runs on the text
        # itself; only the literal check reads the lower-cased copy.
        self.lowered = lowered
        # The last text and what `_text` made of it. Rules call a pattern many times on one text at
        # successive offsets (`search(text, s, e)` per sentence, `match(text, pos)` per lead-in):
        # lower-casing the whole text at each call made those loops quadratic. Strings are
        # immutable and the text is held here, so the same object always gives the same result.
        self._last: tuple[str | None, str | None] = (None, None)

    def _text(self, text: str) -> str | None:
        last = self._last  # one read: another thread may replace the pair, never half of it
        if last[0] is text:
            return last[1]
        global _LOWERED
        shared = _LOWERED  # the lower-cased copy is shared by every pattern run over the same text
        if shared[0] is text:
            lowered = shared[1]
        else:
            lowered = lower_same_length(text)
            _LOWERED = (text, lowered)
        low: str | None = lowered if self.lowered else text
        literals = self.literals
        if literals is not None:
            for lit in literals:  # a plain loop: any() over a generator cost twice as much per message
                if lit in lowered:
                    break
            else:
                low = None
        elif self.gate is not None and not self.gate.admits(lowered):
            low = None
        self._last = (text, low)
        return low

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        low = self._text(text)
        return None if low is None else self._compiled.search(low, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        low = self._text(text)
        return None if low is None else self._compiled.match(low, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        low = self._text(text)
        return None if low is None else self._compiled.fullmatch(low, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        low = self._text(text)
        return iter(()) if low is None else self._compiled.finditer(low, pos, endpos)

    def __repr__(self) -> str:
        return f"CaselessPattern({self.pattern!r})"


# What compile_patterns returns; annotate with this, not re.Pattern.
Phrases: TypeAlias = "re.Pattern[str] | CaselessPattern"


def spans(pattern: Phrases | None, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list[tuple[int, int]]:
    """Where a phrase list (or any compiled pattern) matches `text` between `pos` and `endpos`: the (start, end) of
    each match, in order and not overlapping (one `finditer`), so a caller can bisect them; none for no list (None).
    Readers blank these spans, or skip a match inside one of them (a list's exceptions)."""
    return [] if pattern is None else [(m.start(), m.end()) for m in pattern.finditer(text, pos, endpos)]


def compile_patterns(patterns: Iterable[str], *, word_bounded: bool = True, flags: int = re.IGNORECASE) -> Phrases | None:
    """Merge pack patterns into one alternation (one scan per message, not one per pattern).

    Merging parses every phrase (to group them by first character, find the literals one of which
    each match holds, and lower-case the letters), which costs as much as compiling the result: what
    it decides is kept between runs as a plan (`recache.plan`), keyed by the phrases, the options
    and this module's source, and a later run only compiles (from the regex cache too)."""
    items = tuple(p for p in patterns if p)
    if not items:
        return None
    # the plan is keyed by the phrases as given: a kept plan needs no pass over each phrase's characters
    inputs = ("merged", items, bool(word_bounded), int(flags))
    kept = recache.plan(_plan_tag(), inputs)
    if kept is not None:
        try:
            return _from_plan(kept, flags)
        except (re.error, TypeError, ValueError, IndexError):
            pass  # a damaged or foreign entry: plan afresh, and replace it
    parts = [typographic_apostrophes(p) for p in items]
    compiled, plan = _merge(parts, word_bounded, flags)
    recache.keep_plan(_plan_tag(), inputs, plan)
    return compiled


# A plan: (how, body, lowered, literals, gate); `how` is "lowered" (a CaselessPattern over lower-cased
# text), "cased" (a CaselessPattern keeping IGNORECASE, with a literal check) or "plain"; `gate`: the
# requirement sets of a `LiteralGate` (lowered only).
Plan: TypeAlias = "tuple[str, str, str | None, tuple[str, ...] | None, Requirements | None]"


def _from_plan(plan: Plan, flags: int) -> Phrases:
    how, body, lowered, literals, sets = plan
    if not isinstance(body, str) or not (literals is None or (isinstance(literals, tuple) and all(isinstance(x, str) for x in literals))):
        raise TypeError("not a plan")
    if sets is not None and (how != "lowered" or not isinstance(sets, tuple)):
        raise TypeError("not a plan")  # the sets inside are read when the gate is built (`LiteralGate._build`)
    if how == "lowered" and isinstance(lowered, str):
        return CaselessPattern(recache.compile(lowered, flags & ~re.IGNORECASE), body, flags, literals, gate=_gated(sets))
    if how == "cased" and literals is not None:
        return CaselessPattern(recache.compile(body, flags), body, flags, literals, lowered=False)
    if how == "plain":
        return recache.compile(body, flags)
    raise TypeError("not a plan")



def _body(parts: Sequence[str], flags: int, parsed: Sequence[Any] | None, word_bounded: bool) -> str:
    """The merged alternation of `parts` (grouped by first character when that helps), word-bounded or not."""
    body = _dispatched(parts, flags, parsed) or "|".join(f"(?:{p})" for p in parts)
    return rf"(?<![\w])(?:{body})(?![\w])" if word_bounded else body


# A part's place in a skeleton: a character of the Supplementary Private Use Area-A (never in a pack)
# numbering the part, then a closing one, so that `re` keeps a list of holes an alternation (one
# character each would be a class).
_HOLE = 0xF0000
_HOLE_CLOSE = 0xFFFFD
_HOLE_LIMIT = _HOLE_CLOSE - _HOLE
_HOLE_CHARS = recache.compile("[\U000F0000-\U000FFFFD]")
_HOLE_GROUP = recache.compile("\\(\\?:([\U000F0000-\U000FFFFC]\U000FFFFD)\\)(?![*+?{])")  # not a repeated one
_NOT_CASE = ~int(re.IGNORECASE | re.UNICODE)  # an int: RegexFlag's operators are slow


def _holes(parts: Sequence[str]) -> list[str] | None:
    """A hole per part (`_HOLE`), or None when there are too many or a part holds such a character."""
    if len(parts) > _HOLE_LIMIT or any(_HOLE_CHARS.search(p) for p in parts):
        return None
    return [chr(_HOLE + i) + chr(_HOLE_CLOSE) for i in range(len(parts))]


def _fill(skeleton: str, parts: Sequence[str]) -> str:
    """The skeleton with each hole replaced by its part."""
    table: dict[int, str] = {_HOLE + i: p for i, p in enumerate(parts)}
    table[_HOLE_CLOSE] = ""
    return skeleton.translate(table)


def _assembled(skeleton: str, parts: Sequence[str], trees: Sequence[Any], lowered: str, flags: int) -> recache.Translated | None:
    """What `recache._translate(lowered, flags)` gives, without parsing `lowered` (`recache.compile`'s `translate`).

    `lowered` is the lower-cased merge of `parts`; `trees` the parts parsed (`_parse_trees`). Only the
    skeleton (the merge with a hole for each part, a fraction of its length) is parsed; each hole then
    takes its part's items, and every alternation holding holes is formed again the way `re`'s parser
    forms it (`_alternation`), so the opcodes are those of parsing `lowered` (a test compares them over
    every pack list). Parsing was most of a first run: each merged list parsed its phrases, then the
    merge, two to twelve times as long (a phrase is copied into the group of each first character it
    can have). None, so that `lowered` is parsed after all, when a part has groups or global flags
    (their numbering and scope depend on the whole pattern) or is not lowered on its own as in the merge.
    """
    flags = int(flags)  # `re` tests flags bit by bit, and RegexFlag's `&` is slow
    low_skeleton = lower_pattern(skeleton)
    lowers = [lower_pattern(p) for p in parts]
    low_parts = [lp for lp in lowers if lp is not None]
    if low_skeleton is None or len(low_parts) != len(parts) or _fill(low_skeleton, low_parts) != lowered:
        return None
    plain = flags & _NOT_CASE
    items: list[list[Any]] = []
    for part, lp, tree in zip(parts, low_parts, trees):
        if lp != part:
            tree = _parser.parse(lp, flags)
        state = tree.state
        if state.groups != 1 or state.grouprefpos or state.flags & _NOT_CASE != plain:
            return None
        items.append(tree.data)
    return _assemble(low_skeleton, items, flags)


def _assemble(skeleton: str, items: Sequence[list[Any]], flags: int) -> recache.Translated | None:
    """What `recache._translate` gives for `skeleton` with each hole filled with the part whose parsed
    items are `items[i]` (parts without groups or global flags), parsing only the skeleton; None
    when the skeleton has a hole `_filled` does not reach or a back-reference."""
    # `(?:hole)` parses to the hole's two characters, as `(?:part)` to the part's items: parsing the
    # bare holes gives the same tree, a third faster
    top = _parser.parse(_HOLE_GROUP.sub(r"\1", skeleton), flags)
    filled = [0]
    top.data[:] = _filled(top.data, items, top.state, filled)
    top.width = None
    if filled[0] != len(_HOLE_CHARS.findall(skeleton)) // 2:
        return None  # a hole where `_filled` did not look, or a back-reference
    code: list[int] = []
    every = flags | top.state.flags
    _compiler._compile_info(code, top, every)
    _emit(code, top.data, every, {})
    code.append(_c.SUCCESS)
    groupindex = dict(top.state.groupdict)
    indexgroup: list[str | None] = [None] * top.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return int(every), code, int(top.state.groups - 1), groupindex, tuple(indexgroup)


def _emit(code: list[int], items: Sequence[Any], flags: int, done: dict[int | tuple[int, ...], list[int]]) -> None:
    """`re._compiler._compile(code, items, flags)`, with the opcodes of an item made once: a part copied
    into several groups of an alternation is the same item in each (`_filled`), and its opcodes do
    not depend on where they stand (`re` jumps by offsets). A BRANCH is written as `_compile` writes
    it, so that the parts inside it are shared too."""
    cased = flags & re.IGNORECASE
    for item in items:
        op, av = item
        if op is _c.LITERAL and not cased:
            code.append(op)
            code.append(av)
        elif op is _c.BRANCH:
            code.append(op)
            tails = []
            for alt in av[1]:
                skip = len(code)
                code.append(0)
                key = tuple(map(id, alt.data))  # a part (or what an alternation left of it) seen before
                made = done.get(key)
                if made is None:
                    made = done[key] = []
                    _emit(made, alt.data, flags, done)
                code.extend(made)
                code.append(_c.JUMP)
                tails.append(len(code))
                code.append(0)
                code[skip] = len(code) - skip
            code.append(_c.FAILURE)
            for tail in tails:
                code[tail] = len(code) - tail
        else:
            made = done.get(id(item))  # the item is alive (in the tree) while `done` is; an int, never
            if made is None:  # an alternative's key (a tuple, though it may hold the same single id)
                made = done[id(item)] = []
                _compiler._compile(made, [item], flags)
            code.extend(made)


def _filled(data: Sequence[Any], parts: Sequence[list[Any]], state: Any, filled: list[int]) -> list[Any]:
    """The parsed skeleton `data` with each hole replaced by its part's items (a copy: parts are shared).
    `filled` counts the holes filled; a back-reference makes it negative (`_assemble` gives up)."""
    out: list[Any] = []
    i, n = 0, len(data)

    def sub(p: Any) -> Any:
        return _parser.SubPattern(state, _filled(p.data, parts, state, filled))

    while i < n:
        op, av = data[i]
        if op is _c.LITERAL and _HOLE <= av < _HOLE + len(parts) and i + 1 < n and data[i + 1] == (op, _HOLE_CLOSE):
            out.extend(parts[av - _HOLE])  # `(?:part)` in a sequence: `re` unpacks the group's items
            filled[0] += 1
            i += 2
            continue
        if op is _c.BRANCH:
            alts = [_filled(alt.data, parts, state, filled) for alt in av[1]]
            out.extend(_alternation(alts, state))
        elif op is _c.ASSERT or op is _c.ASSERT_NOT:
            out.append((op, (av[0], sub(av[1]))))
        elif op is _c.SUBPATTERN:
            out.append((op, (*av[:3], sub(av[3]))))
        elif op in _REPEATS:
            out.append((op, (av[0], av[1], sub(av[2]))))
        elif op is _c.ATOMIC_GROUP:
            out.append((op, sub(av)))
        elif op is _c.GROUPREF_EXISTS:
            out.append((op, (av[0], sub(av[1]), sub(av[2]) if av[2] is not None else None)))
        elif op is _c.GROUPREF:
            filled[0] = -(1 << 30)  # a group's width as parsed with holes: give up
            out.append((op, av))
        else:
            out.append((op, av))
        i += 1
    return out


def _alternation(alts: list[list[Any]], state: Any) -> list[Any]:
    """The items `re._parser._parse_sub` makes of an alternation whose alternatives parsed to `alts`
    (its own steps: a prefix common to every alternative is moved out, one-character alternatives
    become a class, else a BRANCH)."""
    out: list[Any] = []
    while all(alts) and all(a[0] == alts[0][0] for a in alts[1:]):
        out.append(alts[0][0])
        for a in alts:
            del a[0]
    chars: list[Any] = []
    for a in alts:
        if len(a) != 1:
            break
        op, av = a[0]
        if op is _c.LITERAL:
            chars.append((op, av))
        elif op is _c.IN and av[0][0] is not _c.NEGATE:
            chars.extend(av)
        else:
            break
    else:
        out.append((_c.IN, _parser._uniq(chars)))
        return out
    out.append((_c.BRANCH, (None, [_parser.SubPattern(state, a) for a in alts])))
    return out


def _plan_tag() -> str:
    """This module's plan tag (its source, hashed: plans made by other code are never read)."""
    return recache.source_tag("patterns", __file__)


def _merge(parts: list[str], word_bounded: bool, flags: int) -> tuple[Phrases, Plan]:
    """The merged pattern and the plan that rebuilds it."""
    caseless = bool(flags & re.IGNORECASE and not flags & re.LOCALE)
    trees = _parse_trees(parts, int(flags)) if caseless else None  # once, for grouping, prefilter, validity and compiling
    parsed = [t.data for t in trees] if trees is not None else None
    # the merged body is first made with a hole for each part (`_holes`), then the parts are put in: the
    # skeleton is what `_assembled` parses instead of the whole body
    holes = _holes(parts) if trees is not None else None
    skeleton = _body(holes or parts, flags, parsed, word_bounded)
    body = _fill(skeleton, parts) if holes else skeleton
    lowered = lower_pattern(body) if caseless else None
    if lowered is not None and parsed is not None:
        # Every part parsed, so the merge is valid (a clash between parts, such as a group name
        # given twice, is kept by lowering and fails below too): the IGNORECASE form, which costs
        # as much to compile again, is not needed.
        assemble = functools.partial(_assembled, skeleton, parts, trees, lowered, flags & ~re.IGNORECASE) if holes and trees else None
        try:
            low = recache.compile(lowered, flags & ~re.IGNORECASE, assemble)
        except re.error:
            pass  # e.g. a range whose ends swap order when lowered: the IGNORECASE path below
        else:
            found = _requirement_sets(parsed)
            literals = _prefilter(parts, flags, parsed, [best for _, best in found])
            sets = _gate(parts, parsed, literals, found)
            return CaselessPattern(low, body, flags, literals, gate=_gated(sets)), ("lowered", body, lowered, literals, sets)
    compiled = recache.compile(body, flags)  # validates; also the fallback
    if caseless:
        literals = _prefilter(parts, flags, parsed)
        if lowered is not None:
            try:
                low = recache.compile(lowered, flags & ~re.IGNORECASE)
            except re.error:
                pass  # e.g. a range whose ends swap order when lowered: keep IGNORECASE
            else:
                return CaselessPattern(low, body, flags, literals), ("lowered", body, lowered, literals, None)
        if literals is not None:
            # case flags (PICNIC, not picnic): matched as written, but a text without
            # 'picnic' in any case still need not be scanned
            return CaselessPattern(compiled, body, flags, literals, lowered=False), ("cased", body, None, literals, None)
    return compiled, ("plain", body, None, None, None)


def compile_split(patterns: Iterable[str], *, word_bounded: bool = True) -> tuple[Phrases, ...]:
    """The list as up to two merged patterns: the case-insensitive phrases, then those with case flags.

    One `(?-i:PICNIC)` in a list would otherwise keep the whole list on the
    slow IGNORECASE path. Splitting changes which alternative wins where two
    match at the same position, so it is only for callers that collect every
    match of every pattern (the existence rules), not for first-match callers.
    """
    items = [p for p in patterns if p]
    # which phrases can be lower-cased: kept between runs as a plan (a pure-Python pass over every
    # phrase of the existence rules' lists was a tenth of a warm start)
    inputs = ("split", tuple(items))
    kept = recache.plan(_plan_tag(), inputs)
    if isinstance(kept, tuple) and len(kept) == len(items) and all(isinstance(x, bool) for x in kept):
        lowers = list(kept)
    else:
        lowers = [lower_pattern(typographic_apostrophes(p)) is not None for p in items]
        recache.keep_plan(_plan_tag(), inputs, tuple(lowers))
    caseless = [p for p, low in zip(items, lowers) if low]
    cased = [p for p, low in zip(items, lowers) if not low]
    compiled = (compile_patterns(caseless, word_bounded=word_bounded), compile_patterns(cased, word_bounded=word_bounded))
    return tuple(c for c in compiled if c is not None)


def compile_gate(patterns: Iterable[str], *, word_bounded: bool = True) -> tuple[Phrases, ...]:
    """The list as a few merged patterns for a yes/no question: does any phrase match the text?

    Some text matches one of the returned patterns exactly when it matches the list merged
    (`compile_patterns`): the same phrases, each in one group, and a search backtracks through every
    alternative. Only for callers that ask whether a match exists, never which or where. The groups:

    - a phrase listed twice is kept once (the evidence lists repeat every language's shared log
      formats: a phrase without a routable first character was tried four times at every position);
    - by case handling, as `compile_split`, so that one `(?-i:...)` keeps no list on IGNORECASE;
    - within each, the phrases that can start with a character the first-character dispatch does not
      route (`_dispatch_key`: `\\[`, `#`, a lookbehind) apart from the others: merged, each of them is
      copied into every first character's leaf and tried at every word start; alone they are one
      small alternation (the evidence gate over IRC threads: ~1 µs a character, ~0.6 µs split so).

    The grouping parses every phrase: kept between runs as a plan (`recache.plan`).
    """
    items = list(dict.fromkeys(p for p in patterns if p))
    inputs = ("gate", tuple(items))
    kept = recache.plan(_plan_tag(), inputs)
    if isinstance(kept, tuple) and len(kept) == len(items) and all(type(x) is int and 0 <= x < 4 for x in kept):
        groups: list[int] = list(kept)
    else:
        groups = []
        for p in items:
            case = 0 if lower_pattern(typographic_apostrophes(p)) is not None else 2
            parsed = _parse_all([p], re.IGNORECASE)
            routed = parsed is not None and _dispatch_key(parsed[0]) is not None
            groups.append(case + (0 if routed else 1))
        recache.keep_plan(_plan_tag(), inputs, tuple(groups))
    compiled = (compile_patterns([p for p, g in zip(items, groups) if g == group], word_bounded=word_bounded) for group in range(4))
    return tuple(c for c in compiled if c is not None)
