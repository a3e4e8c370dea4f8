"""Text helpers for the rules that read a reply against its thread (TL302-TL304, TL404).

Those rules match pattern lists of all four languages on text folded to lower
case without diacritics, split replies into sentences and quote the
customer's words back in a finding. One home for that, so the four rules
split and fold the same way.
"""

from __future__ import annotations

import functools
import re

from ..document import AnalysedMessage
from ..model import LANGUAGES
from ..resources import lexicon, str_list
from ..patterns import Phrases, compile_patterns
from ..textutil import fold as _fold_accents

# "dana: yes", "Hi Dana, no": the name or addressee before the first word that matters.
ADDRESSEE = re.compile(r"^(?:[\w|.\-]+\s+){0,2}[\w|.\-]+\s*[:,]\s+")


def fold(text: str) -> str:
    """Lower case without diacritics, one character for one (offsets are kept)."""
    low = text.lower()
    if len(low) != len(text):  # a few characters change length when lowered (İ)
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return _fold_accents(low)


def pack_list(code: str, lang: str, key: str) -> list[str]:
    """List `key` of the rule pack `rules/<lang>/<code>.toml` (an error names the file if it is not a list of strings)."""
    return str_list(lexicon(lang, code), key, f"rules/{lang}/{code}.toml")


@functools.cache
def folded_pattern(code: str, lang: str | None, key: str, extra: tuple[str, ...] = (), word_bounded: bool = True) -> Phrases | None:
    """List `key` of the pack of `lang` (all languages when None), diacritics folded, one regex.

    All four languages are merged where a reply may be too short to detect its
    language, or mixes languages ("ok, noted, mulțumesc").
    """
    langs = LANGUAGES if lang is None else ((lang,) if lang in LANGUAGES else ("en",))
    patterns: list[str] = []
    for lg in langs:
        patterns += pack_list(code, lg, key)
    patterns += list(extra)
    return compile_patterns([fold(p) for p in patterns], word_bounded=word_bounded)


_ABBREV = frozenset(
    "e.g i.e etc vs approx no nr ex dr mr mrs ms sr sra srta dll dsb dst yth bpk dvs dl dna str ca cca pag pg tel min max nb ps obs aprox".split()
)
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)|\n")
_LAST_WORD = re.compile(r"([\w.]+)$")


def sentences(prose: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence or line of `prose`, trimmed, blanks skipped.

    A line break ends a sentence too: replies are written in lines (greeting,
    list items, sign-off) more often than in punctuated paragraphs.
    """
    out: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(prose):
        if m.group(0)[0] == ".":
            before = prose[start : m.start()]
            word = _LAST_WORD.search(before)
            if word and (word.group(1).lower() in _ABBREV and not _name_ends(prose, before, word.group(1), m.end()) or before.strip() == word.group(1) and word.group(1).isdigit()):
                continue  # "e.g." and "approx." do not end a sentence, nor "1." opening a list item
        end = m.end() if m.group(0) != "\n" else m.start()
        _add(prose, start, end, out)
        start = m.end()
    _add(prose, start, len(prose), out)
    return out


_TITLES = frozenset("dr mr mrs ms sr sra srta bpk yth dl dna str".split())
_NEXT_CAPITAL = re.compile(r"\s+[\"'“‘(]?[^\W\d_]")


def _name_ends(prose: str, before: str, word: str, after: int) -> bool:
    """A capitalised word that is also an abbreviation ("Fibra Max.", "Plan No.") inside a sentence, before a
    capitalised word, is a name ending the sentence; titles ("Dr. Pop") never end one."""
    if word.lower() in _TITLES or not word[:1].isupper() or before.strip() == word:
        return False
    m = _NEXT_CAPITAL.match(prose, after)
    return m is not None and prose[m.end() - 1].isupper()


def _add(prose: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and prose[start].isspace():
        start += 1
    while end > start and prose[end - 1].isspace():
        end -= 1
    if end > start and any(c.isalnum() for c in prose[start:end]):
        out.append((start, end))


def first_sentence(msg: AnalysedMessage, skip: Phrases | None = None) -> tuple[int, int]:
    """The first sentence of a message, past a greeting line ("Hi Anna,") when one is given."""
    sents = sentences(msg.prose)
    if not sents:
        return (0, min(len(msg.body), 80))
    for s, e in sents:
        text = fold(msg.prose[s:e])
        if skip is not None and len(text.split()) <= 4 and skip.match(text) and text.rstrip().endswith((",", "!", ":")):
            continue
        return (s, e)
    return sents[0]


def quote(text: str, limit: int = 70) -> str:
    """`text` on one line, shortened to `limit` characters, for quoting in a finding's message."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."
