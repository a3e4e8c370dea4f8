"""Small text helpers: offsets to line:column, excerpts, accent folding.

Pattern compilation lives in `patterns.py`.

Kept free of imports beyond the standard library: the CLI's cheap paths load it.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Sequence

from . import recache


def line_starts(text: str) -> list[int]:
    """Offsets at which each line of `text` starts (line 1 starts at 0)."""
    starts = [0]
    find = text.find
    pos = find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return starts


def position(starts: Sequence[int], offset: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset, given `line_starts`."""
    index = bisect.bisect_right(starts, offset) - 1
    return index + 1, offset - starts[index] + 1


def excerpt(text: str, start: int, end: int) -> str:
    """The offending text, on one line, shortened when long."""
    snippet = text[start:end].replace("\n", " ").replace("\r", " ")
    if len(snippet) > 80:
        snippet = snippet[:77] + "..."
    return snippet


def line_of(text: str, offset: int) -> tuple[str, int]:
    """The whole line containing `offset`, and the offset at which it starts."""
    begin = text.rfind("\n", 0, offset) + 1
    stop = text.find("\n", offset)
    if stop == -1:
        stop = len(text)
    return text[begin:stop].rstrip("\r"), begin


def blank_out(chars: list[str], start: int, end: int) -> None:
    """Replace a region by spaces, keeping newlines so line numbers stay right."""
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


def _fold_table() -> dict[int, int]:
    table: dict[int, int] = {}
    for cp in [*range(0xC0, 0x250), 0x1E9E]:
        base = unicodedata.normalize("NFD", chr(cp))[0]
        if base != chr(cp) and base.isascii() and base.isalpha():
            table[cp] = ord(base)
    # Styled letters and digits of tweets and display names ("𝙺𝚘𝚔 𝚋𝚊𝚗𝚢𝚊𝚔 𝚎𝚛𝚛𝚘𝚛", "ｅｒｒｏｒ"): each is one code point of
    # the Mathematical Alphanumeric Symbols or the fullwidth forms whose compatibility form is one ASCII letter
    # or digit, so the text reads as what it spells and offsets stay one for one.
    for cp in [*range(0x1D400, 0x1D800), *range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]:
        compat = unicodedata.normalize("NFKC", chr(cp))
        if len(compat) == 1 and compat.isascii() and compat.isalnum():
            table[cp] = ord(compat)
    return table


_FOLD = _fold_table()


# A word (a whole run of two or more letters) followed by one space and the same word again (a backreference,
# compared without case); only the first is consumed, so "mati mati mati" joins twice. Each try at a word start
# reads the word once and compares it once with what follows: linear in the text.
_REPEATED = recache.compile(r"(?<![^\W\d_])([^\W\d_]{2,}+)(?= \1(?![^\W\d_]))", re.IGNORECASE)


@functools.lru_cache(maxsize=1024)
def join_reduplication(text: str) -> str:
    """`text` with a word repeated after one space written with a hyphen ("mati mati" -> "mati-mati").

    Indonesian (and Malay) reduplication is written "masuk-masuk", "masuk2", "masuk²" or, in chat, "masuk
    masuk"; the packs write the first three once (`{{rep}}` in failure.toml), and this turns the fourth into
    the hyphenated form, one character for one, so offsets stay those of the text. Letters only, two or more
    ("2 2" and "a a" stay), compared without case. The regex finds the repeats in C: a loop over every word in
    Python cost about 5% of a batch of chat, where most text has none.
    """
    chars: list[str] | None = None
    for m in _REPEATED.finditer(text):
        if chars is None:
            chars = list(text)
        chars[m.end()] = "-"
    return text if chars is None else "".join(chars)


@functools.lru_cache(maxsize=1024)
def fold(text: str) -> str:
    """`text` without diacritics on Latin letters (á -> a, ș = ş -> s, ñ -> n), styled letters as plain ones (𝚎 -> e).

    One character for one, so offsets found in the folded copy are offsets in
    the original: tickets are often typed without accents, and a pattern
    written either way then matches text written either way. ASCII text (most
    of it) is returned as is, so several rules folding the same message cost
    little.
    """
    return text if text.isascii() else text.translate(_FOLD)

