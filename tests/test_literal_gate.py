"""The literal gate of a merged phrase list (`patterns.LiteralGate`) must never change a match.

A gated list skips its regular expression on a text that holds, for no phrase, one literal of each of
the phrase's requirement sets. That is exact only if every match of every phrase holds those literals:
checked here on strings built to match each phrase of every gated pack list (all four languages), on
the labelled tickets, and on hostile text, against the same list matched the old way (no gate) and the
naive alternation.
"""

from __future__ import annotations

import random
import re
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

import pytest
from test_patterns import LISTS, TEXTS, _naive

from ticketlint import hostile, patterns
from ticketlint.model import LANGUAGES
from ticketlint.patterns import (
    CaselessPattern,
    LiteralGate,
    compile_patterns,
    lower_pattern,
    lower_same_length,
    typographic_apostrophes,
)

pytestmark = pytest.mark.skipif(patterns.ahocorasick is None, reason="pyahocorasick is not installed")

_WORDS = ("foo", "it", "the", "not", "x", "on")


def _gated_lists() -> list[tuple[str, list[str], CaselessPattern]]:
    found = []
    for where, parts in LISTS:
        if _naive(parts) is None:
            continue
        compiled = compile_patterns(parts)
        if isinstance(compiled, CaselessPattern) and compiled.gate is not None:
            found.append((where, parts, compiled))
    return found


GATED = _gated_lists()


def _ungated(compiled: CaselessPattern) -> CaselessPattern:
    """The same compiled list matched the old way: no gate."""
    return CaselessPattern(compiled._compiled, compiled.pattern, compiled.flags, compiled.literals)


def _sample(items: Any, rng: random.Random, depth: int = 0) -> str:
    """A string that often matches the parsed `items` (lookarounds and anchors are not honoured: callers
    keep only the strings the phrase matches)."""
    out: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            out.append(chr(av))
        elif op is _c.NOT_LITERAL:
            out.append(" " if av != 32 else "-")
        elif op is _c.ANY:
            out.append("x")
        elif op is _c.IN:
            chars: list[str] = []
            for o, v in av:
                if o is _c.LITERAL:
                    chars.append(chr(v))
                elif o is _c.RANGE:
                    chars.append(chr(rng.randint(v[0], v[1])))
                elif o is _c.CATEGORY:
                    name = str(v).upper()
                    chars.append(" " if "NOT" in name else "7" if "DIGIT" in name else " " if "SPACE" in name else "k")
            out.append(rng.choice(chars) if chars and av[0][0] is not _c.NEGATE else " ")
        elif op is _c.BRANCH:
            out.append(_sample(rng.choice(av[1]).data, rng, depth + 1))
        elif op is _c.SUBPATTERN:
            out.append(_sample(av[-1].data, rng, depth + 1))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)):
            low, high = av[0], av[1]
            count = rng.randint(low, min(high, low + 2)) if depth < 8 else low
            out.extend(_sample(av[2].data, rng, depth + 1) for _ in range(count))
        elif op is _c.ATOMIC_GROUP:
            out.append(_sample(av.data, rng, depth + 1))
        # ASSERT, ASSERT_NOT, AT: zero width; the phrase decides whether the string matches
    return "".join(out)


def test_there_are_gated_lists_in_every_language() -> None:
    for lang in LANGUAGES:
        assert any(where.startswith(f"{lang}/") for where, _, _ in GATED), lang


@pytest.mark.parametrize("where,parts,compiled", GATED, ids=[w for w, _, _ in GATED])
def test_every_match_of_every_phrase_passes_the_gate(where: str, parts: list[str], compiled: CaselessPattern) -> None:
    """Strings built to match each phrase (in a sentence, as written and in capitals) always pass the gate,
    and the gated list finds there what the list without a gate finds."""
    assert compiled.gate is not None
    rng = random.Random(where)
    old = _ungated(compiled)
    tried = 0
    if len(parts) > 200:  # the word lists (thousands of single words): a sample
        parts = rng.sample(parts, 200)
    for part in parts:
        low = lower_pattern(typographic_apostrophes(part))
        assert low is not None
        phrase = re.compile(rf"(?<![\w])(?:{low})(?![\w])")
        tree = _parser.parse(low, 0)
        for _ in range(12):
            core = _sample(tree.data, rng)
            for text in (f"{rng.choice(_WORDS)} {core} {rng.choice(_WORDS)}.", core, core.upper()):
                if phrase.search(lower_same_length(text)) is None:
                    continue
                tried += 1
                assert compiled.gate.admits(lower_same_length(text)), (where, part, text)
                assert [m.span() for m in compiled.finditer(text)] == [m.span() for m in old.finditer(text)], (where, text)
    assert tried >= len(parts), f"{where}: too few strings matched their phrase ({tried})"


_HOSTILE = [family.build(1000) for family in hostile.FAMILIES] + [
    "İSTANBUL ſtopped WORKING",  # letters whose lower case is longer, or that only IGNORECASE folds ("ſ")
    "it \ud800 crashed \U0001f600 again",  # a lone surrogate and an astral character
    "not working " * 400,
    "no" * 2000,
    "",
]


@pytest.mark.parametrize("where,parts,compiled", GATED, ids=[w for w, _, _ in GATED])
def test_a_gated_list_finds_what_it_found_without_the_gate(where: str, parts: list[str], compiled: CaselessPattern) -> None:
    """Ordinary (the labelled tickets of the four languages, folded, case swapped) and hostile text: the same
    spans with and without the gate, and a text the gate turns away holds no match."""
    old = _ungated(compiled)
    assert compiled.gate is not None
    for n, text in enumerate(TEXTS[::3] + _HOSTILE):  # every text against the naive list: test_patterns.py
        spans = [m.span() for m in compiled.finditer(text)]
        assert spans == [m.span() for m in old.finditer(text)], (where, text[:80])
        if not compiled.gate.admits(lower_same_length(text)):
            assert spans == [] and old.search(text) is None
        if n % 10 == 0:
            for pos in (1, len(text) // 2):
                assert (compiled.search(text, pos) or _NONE).span() == (old.search(text, pos) or _NONE).span()
                assert (compiled.match(text, pos) or _NONE).span() == (old.match(text, pos) or _NONE).span()


class _No:
    def span(self) -> None:
        return None


_NONE = _No()


def test_the_gate_skips_most_chat_lines_of_the_failure_lexicon() -> None:
    """What the gate is for: most short chat lines hold no failure phrase's literals."""
    from ticketlint import packs
    from ticketlint.analysis.failure import FAILURE

    lexicon = compile_patterns(packs.patterns(FAILURE, "patterns", "en", fold=True))
    assert isinstance(lexicon, CaselessPattern) and lexicon.gate is not None
    lines = ["ok thanks", "is it on the desktop?", "thanks, that did it", "what does uname -a say"]
    assert not any(lexicon.gate.admits(line) for line in lines)
    assert lexicon.gate.admits("my wifi stopped working")
    assert lexicon.search("My WiFi stopped working") is not None


def test_requirements_need_one_literal_of_each_set() -> None:
    sets = patterns.requirements([_parser.parse("(?:can'?t|cannot) (?:\\w+ )?get (?:into|past)", 0).data])
    assert sets is not None
    gate = LiteralGate(sets)
    assert sets[0][0] == ("get into", "get past")  # the key set: the longest shortest literal
    assert ("can",) in sets[0] and ("into", "past") in sets[0]
    assert gate.admits("i can't get past the login")
    assert not gate.admits("i can't get the login")  # "can", "get " but neither "get into" nor "get past"
    assert not gate.admits("we get past it")  # the key set, but no "can"
    assert not gate.admits("past the login")


def test_without_pyahocorasick_the_lists_match_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """The gate is an optimisation only: with the library missing a list is scanned as before."""
    monkeypatch.setattr(patterns, "ahocorasick", None)
    where, parts, gated = GATED[0]
    plain = compile_patterns(list(parts) + ["zz-not-a-phrase-zz"])  # another list: not a cached object
    assert isinstance(plain, CaselessPattern) and plain.gate is None
    for text in TEXTS[:200]:
        assert [m.span() for m in plain.finditer(text)] == [m.span() for m in gated.finditer(text)], (where, text[:80])


def test_a_damaged_gate_admits_every_text() -> None:
    """Requirement sets read back from a damaged cache entry: the list is scanned (no finding lost)."""
    gate = LiteralGate(((("ok",), (3,)),))  # type: ignore[arg-type]
    assert gate.admits("nothing here") and gate.sets == ()


def test_one_walk_gives_the_prefilter_literals_of_two() -> None:
    """`_merge` walks each phrase's parse once for the gate and the prefilter: the prefilter's literals are those
    `required_literals` gives phrase by phrase, for every pack list."""
    compared = 0
    for _, parts in LISTS:
        items = [typographic_apostrophes(p) for p in parts if p]
        parsed = patterns._parse_all(items, re.IGNORECASE)
        if parsed is None:
            continue
        found = patterns._requirement_sets(parsed)
        assert [best for _, best in found] == [patterns.required_literals(data) for data in parsed]
        assert patterns._prefilter(items, re.IGNORECASE, parsed, [best for _, best in found]) == patterns._prefilter(items, re.IGNORECASE, parsed)
        compared += 1
    assert compared > 100
