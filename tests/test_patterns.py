"""The merged-list compiler must match exactly what the plain alternation matches.

`compile_patterns` rewrites every phrase list twice for speed (grouping by
first character, and lower-casing instead of IGNORECASE); both rewrites are
checked here against the naive `re.compile("a|b|c", re.IGNORECASE)` over
every list of every pack, on the labelled tickets as written, folded and
with their case swapped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ticketlint.model import LANGUAGES
from ticketlint.packs.files import load_toml
from ticketlint.patterns import (
    CaselessPattern,
    compile_patterns,
    lower_pattern,
    lower_same_length,
    spans,
    typographic_apostrophes,
)
from ticketlint.textutil import fold

ROOT = Path(__file__).resolve().parents[1]


def _lists(table: Any, where: str) -> Iterator[tuple[str, list[str]]]:
    if isinstance(table, dict):
        for key, value in table.items():
            yield from _lists(value, f"{where}.{key}")
    elif isinstance(table, list) and len(table) >= 2 and all(isinstance(v, str) for v in table):
        yield where, table


def _pack_lists() -> list[tuple[str, list[str]]]:
    found: list[tuple[str, list[str]]] = []
    for lang in LANGUAGES:
        for path in sorted((ROOT / "rules" / lang).glob("*.toml")):
            found += _lists(load_toml(f"{lang}/{path.name}"), f"{lang}/{path.name}")
    return found


def _texts() -> list[str]:
    bodies: list[str] = []
    for path in sorted((ROOT / "corpus").glob("*/*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                bodies += [m["body"] for m in json.loads(line)["messages"]]
    sample = bodies[::4]
    return sample + [fold(b) for b in sample[::2]] + [b.swapcase() for b in sample[1::2]]


TEXTS = _texts()
LISTS = _pack_lists()


def _naive(parts: list[str]) -> re.Pattern[str] | None:
    try:
        body = "|".join(f"(?:{typographic_apostrophes(p)})" for p in parts if p)
        return re.compile(rf"(?<![\w])(?:{body})(?![\w])", re.IGNORECASE)
    except re.error:
        return None  # not a pattern list (e.g. glossary text with macros)


def test_there_are_lists_and_texts_to_compare() -> None:
    assert len(LISTS) > 100 and len(TEXTS) > 200


@pytest.mark.parametrize("where,parts", LISTS, ids=[w for w, _ in LISTS])
def test_compiled_list_matches_the_plain_alternation(where: str, parts: list[str]) -> None:
    naive = _naive(parts)
    if naive is None:
        pytest.skip("not a list of regular expressions")
    fast = compile_patterns(parts)
    assert fast is not None
    for text in TEXTS:
        expected = [m.span() for m in naive.finditer(text)]
        assert [m.span() for m in fast.finditer(text)] == expected, (where, text[:120])


def test_most_pack_lists_run_without_ignorecase() -> None:
    compiled = [compile_patterns(parts) for _, parts in LISTS if _naive(parts) is not None]
    caseless = sum(isinstance(p, CaselessPattern) and p.lowered for p in compiled)
    assert caseless >= 0.8 * len(compiled)


@pytest.mark.parametrize(
    "pattern,expected",
    [
        (r"Error [A-Z]\d+", r"error [a-z]\d+"),
        (r"\W\S\B\D", r"\W\S\B\D"),  # escapes keep their case (and meaning)
        (r"(?P<Verb>Open)(?P=Verb)", r"(?P<Verb>open)(?P=Verb)"),
        (r"don[\x27’]t", r"don[\x27’]t"),  # a code naming an uncased character
        (r"\x41BC", None),  # ... or a cased one: keep IGNORECASE
        (r"(?-i:API) key", None),
        (r"(?m:^)User error", r"(?m:^)user error"),  # flags that do not touch case are kept
        (r"(a)\1", None),
        (r"\N{LATIN CAPITAL LETTER A}", None),
        # lowered a stretch at a time, between escapes and group names: the same as character by character
        (r"ÉCRAN Σ (?P<X>ÉTAT)\ÉA(?P=X)", r"écran σ (?P<X>état)\Éa(?P=X)"),  # no final-sigma rule: 'Σ' alone
        (r"ΟΔΟΣ", "οδοσ"),
        (r"(?P>A)B", r"(?p>a)b"),  # not a group name: lowered like any text
        (r"Kİ\d", None),  # 'İ' lowers to two characters
    ],
)
def test_lower_pattern(pattern: str, expected: str | None) -> None:
    assert lower_pattern(pattern) == expected


def test_caseless_pattern_keeps_offsets_of_the_original_text() -> None:
    pattern = compile_patterns(["connexion", "modem"])
    text = "İİ Modem CONNEXION"  # 'İ' lower-cases to two characters
    assert isinstance(pattern, CaselessPattern)
    assert [text[m.start() : m.end()] for m in pattern.finditer(text)] == ["Modem", "CONNEXION"]
    assert len(lower_same_length(text)) == len(text)


def test_scoped_flags_keep_their_meaning() -> None:
    pattern = compile_patterns(["(?-i:API)", "gateway"])
    assert pattern is not None and not (isinstance(pattern, CaselessPattern) and pattern.lowered)
    assert [m.group(0) for m in pattern.finditer("the api, the API, the Gateway")] == ["API", "Gateway"]
    assert pattern.search("nothing to see") is None


@pytest.mark.parametrize(
    "pattern,expected",
    [
        (r"(?:it's|that is) (?:a |an )?user error", {"user error"}),
        (r"pebkac|pebcak", {"peb"}),  # re's parser factors out the common prefix
        (r"layer ?8 (?:issue|problem)", {"layer"}),  # as long as 'issue'/'problem', and one string
        (r"lay ?8 (?:issue|problem)", {"issue", "problem"}),  # longer than 'lay'
        (r"(?:x|)broken", {"broken"}),
        (r"(?!no )error", {"error"}),  # what a lookahead names is not required
        (r"(?:ab)+c?", {"ab"}),
        (r"\w+ing", {"ing"}),
        (r"(?:ab)?c", {"c"}),
        (r"id[-_ ]?10[-_ ]?t", {"10"}),  # as long as 'id', and digits are rarer in prose
    ],
)
def test_required_literals(pattern: str, expected: set[str]) -> None:
    from re import _parser  # type: ignore[attr-defined]

    from ticketlint.patterns import required_literals

    assert required_literals(_parser.parse(pattern, re.IGNORECASE).data) == expected


def test_a_text_without_the_required_literals_is_not_scanned() -> None:
    pattern = compile_patterns(["it's (?:a )?user error", "pebkac", "rtfm", "layer 8 problem", "luser", "id-?10-?t",
                                "picnic", "chair to keyboard", "capa 8"])
    assert isinstance(pattern, CaselessPattern) and pattern.literals is not None
    assert pattern.search("Classic PEBKAC, closing.") is not None
    assert pattern.search("the printer is offline again") is None


@pytest.mark.parametrize(
    "pattern,expected",
    [
        (r"(?:is|are) broken", {"is", "ar"}),
        (r"[A-C]x", {"ax", "bx", "cx"}),
        (r"(?<![\w])(?=s)se?a", {"se", "sa"}),  # lookarounds are passed over
        (r"(?:ab)*cd", {"ab", "cd"}),
        (r"(?-i:NO) way", {"no"}),
        (r"ab?", None),  # a match may be one character long
        (r"a\w+", None),  # a category
        (r"[^x]y", None),  # a negated class
    ],
)
def test_heads(pattern: str, expected: set[str] | None) -> None:
    from re import _parser  # type: ignore[attr-defined]

    from ticketlint.patterns import heads

    assert heads(_parser.parse(pattern, re.IGNORECASE).data, 2) == expected


# Phrases sharing a first letter, in an order that decides which alternative wins at a position ("se" before
# "sea"), and one with case flags: the list is routed on the second character too, and must match what the
# plain alternation matches; so must it with phrases whose second character is unknown ("s[0-9]?" can end
# after one letter of its own, "s\\w+ up" reads a class), which every second character's leaf tries.
_SHARED_FIRST = ["se", "sea", "sea view", "set up", "sign up", "stop(?:ped)? working", "sync(?:ing)? fails",
                 "(?:see|saw) (?:an? )?error", "screen", "sound (?:is )?gone", "(?-i:SSL) error",
                 "crash(?:es|ed)?", "can'?t connect"]
_TEXTS = ["sea view from the set up; SEA VIEW", "s", "s1 s12 se sea seas", "it stopped working, then sync fails",
          "I saw an error: SSL error, ssl error", "Screen sound gone. Sound is gone", "CRASHES can't connect cant connect",
          "sign up, speed up, s up", "Stop working!", "x se\nsea"]


@pytest.mark.parametrize("unknown", [[], ["s[0-9]?"], ["s\\w+ up", "s[0-9]?"]])
def test_second_level_routing_matches_the_plain_alternation(unknown: list[str]) -> None:
    from ticketlint.patterns import dispatched

    parts = _SHARED_FIRST[:7] + unknown + _SHARED_FIRST[7:]
    if not unknown:
        assert "(?=s[" in dispatched(parts)  # the 's' leaf is routed on its second character
    naive = _naive(parts)
    fast = compile_patterns(parts)
    assert naive is not None and fast is not None
    for text in _TEXTS + [t.swapcase() for t in _TEXTS]:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in naive.finditer(text)], text


def _assembly_cases() -> list[tuple[str, list[str]]]:
    """Every pack list, and each list of a pack file with its lists of the other languages after it (as the
    rules that read every language's list merge them: the longest merges)."""
    merged: dict[str, list[str]] = {}
    for where, parts in LISTS:
        merged.setdefault(where.split("/", 1)[1], []).extend(parts)
    return LISTS + [(f"*/{key}", parts) for key, parts in merged.items()]


ASSEMBLY = _assembly_cases()


def test_a_merged_list_is_assembled_into_the_opcodes_of_parsing_it() -> None:
    """`_assembled` (a parsed skeleton filled with the parsed phrases) must give exactly what `re` makes
    of the lower-cased merge, opcode for opcode, so a first run compiles the same patterns as before."""
    from ticketlint import recache
    from ticketlint.patterns import _assembled, _body, _fill, _holes, _parse_trees

    assembled = 0
    for where, items in ASSEMBLY:
        parts = [typographic_apostrophes(p) for p in items if p]
        trees = _parse_trees(parts, re.IGNORECASE)
        holes = _holes(parts)
        if trees is None or holes is None:
            continue
        for word_bounded in (True, False):
            skeleton = _body(holes, re.IGNORECASE, [t.data for t in trees], word_bounded)
            lowered = lower_pattern(_fill(skeleton, parts))
            if lowered is None:
                continue
            try:
                want = recache._translate(lowered, 0)
            except re.error:
                continue
            got = _assembled(skeleton, parts, trees, lowered, 0)
            if got is not None:
                assembled += 1
                assert got == want, (where, word_bounded)
    assert assembled >= len(ASSEMBLY)  # most lists, both ways


@pytest.mark.parametrize("rule,extra", [("TL601", ()), ("TL601", ("my label", "o'clock code")), ("TL301", ()), ("TL301", ("yep", "ok++"))])
def test_an_assembly_compiles_to_the_opcodes_of_parsing_its_text(rule: str, extra: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    """TL601's label pattern and TL301's whole-reply pattern (`patterns.Assembly`: dispatched lists with
    holes in a template with groups, conditionals, repeats and lookarounds) compiled from their parts
    parsed once: the opcodes of `re`'s parse of the text."""
    from ticketlint import patterns, recache
    from ticketlint.checks.builtin import tl301_yes_no_only_reply as tl301
    from ticketlint.checks.builtin import tl601_credential_in_ticket as tl601

    monkeypatch.setenv("TICKETLINT_CACHE_DIR", "off")
    seen: list[tuple[Any, Any]] = []
    assembled = patterns._assembled_template

    def checked(template: str, parts: tuple[str, ...], flags: int) -> recache.Translated | None:
        got = assembled(template, parts, flags)
        seen.append((got, recache._translate(patterns._fill(template, parts), flags)))
        return got

    monkeypatch.setattr(patterns, "_assembled_template", checked)
    build = tl601._label_re.__wrapped__ if rule == "TL601" else tl301._answers_full.__wrapped__
    compiled = build(extra)
    assert compiled is not None and len(seen) == 1 and seen[0][0] is not None
    assert seen[0][0] == seen[0][1]
    assert compiled.groupindex == re.compile(compiled.pattern, compiled.flags).groupindex


def test_a_gate_answers_as_the_merged_list() -> None:
    """`compile_gate`: some text matches one of its patterns exactly when it matches the list merged, for the
    gates the analysis uses (every language's evidence and environment lists, phrases repeated across
    languages and phrases no first character routes among them) and a list of each kind."""
    from ticketlint import packs
    from ticketlint.analysis import failure
    from ticketlint.checks.builtin import tl104_missing_environment  # noqa: F401  (declares the TL104 pack)
    from ticketlint.patterns import compile_gate

    lists = [
        packs.patterns(failure.FAILURE, "evidence", None, fold=True),
        packs.patterns("TL104", "environment", None, fold=True),
        [r"\[ {0,6}\d{1,10}\.\d{6}\]", "(?-i:PICNIC)", "error", r"\[ {0,6}\d{1,10}\.\d{6}\]", "#\\d+ fail", "error"],
    ]
    texts = TEXTS + ["[ 12.345678] usb", "a PICNIC", "a picnic", "#12 fail", "#12 failed"]
    for parts in lists:
        merged = compile_patterns(parts)
        gate = compile_gate(parts)
        assert merged is not None and 1 < len(gate) <= 4
        for text in texts:
            assert (merged.search(text) is not None) == any(p.search(text) is not None for p in gate), text[:120]


def test_spans_of_a_phrase_list() -> None:
    # one helper for "where does this list match": every match in order, none for no list, within pos..endpos
    phrases = compile_patterns(["no error", "error"])
    assert phrases is not None
    text = "An error, then no error, then ERROR."
    assert spans(phrases, text) == [(3, 8), (15, 23), (30, 35)]
    assert spans(phrases, text, 9, 24) == [(15, 23)]
    assert spans(None, text) == []
    assert spans(re.compile(r"\d+"), "a1b22") == [(1, 2), (3, 5)]
