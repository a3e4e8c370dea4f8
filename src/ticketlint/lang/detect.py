"""Language detection restricted to the languages of rules/ (en, es, id and ro today).

Why not py3langid: it is accurate, but loading its 97-language model costs
0.6-0.9 s per process (measured here), which alone breaks the 1.5 s budget of
checking one short ticket. Telling four well-separated languages apart needs
far less: frequent function words plus the letters only one of them uses
(ñ/¿ for Spanish, ă/ș/ț for Romanian). Profiles live in
`rules/<lang>/language.toml`; `bench/langid_compare.py` measures this detector
against py3langid on the labelled corpus.
"""

from __future__ import annotations

import functools
import re

from ..languages import language
from ..model import LANGUAGES

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
MIN_WORDS = 3  # below this a message borrows the thread's language


@functools.cache
def _profiles() -> tuple[dict[str, tuple[int, ...]], tuple[tuple[tuple[str, float], ...], ...], tuple[tuple[tuple[str, float], ...], ...]]:
    """Word -> indexes of the languages listing it; per language, (marker, weight) pairs, all and ASCII only.

    Built once so that scoring is one pass over the words (a dict lookup each)
    plus a few `str.count` calls: detection runs on every message of every
    ticket, so it is on the hot path of a batch.
    """
    owners: dict[str, list[int]] = {}
    markers: list[tuple[tuple[str, float], ...]] = []
    for i, lang in enumerate(LANGUAGES):
        data = language(lang)
        for w in {w.lower() for w in data.function_words}:
            owners.setdefault(w, []).append(i)
        # non-ASCII letters are strong evidence (0.5), ASCII sequences weak (0.2)
        markers.append(tuple((m, 0.2 if m.isascii() else 0.5) for m in data.markers if m.isascii() or m.strip()))
    # ASCII text cannot contain the non-ASCII markers (most chat): skip their count() calls
    ascii_markers = tuple(tuple(p for p in pairs if p[0].isascii()) for pairs in markers)
    return {w: tuple(ix) for w, ix in owners.items()}, tuple(markers), ascii_markers


def _raw_scores(lowered: str, words: list[str]) -> list[float]:
    owners, all_markers, ascii_markers = _profiles()
    markers = ascii_markers if lowered.isascii() else all_markers
    result = [0.0] * len(LANGUAGES)
    # the few function words first (a comprehension with `in`: most words own no language), then
    # their languages, in the same order as a loop over every word (the same sums)
    for owned in [owners[w] for w in words if w in owners]:
        for i in owned:
            result[i] += 1.0
    for i, pairs in enumerate(markers):
        for m, weight in pairs:
            result[i] += weight * lowered.count(m)
    return result


def scores(text: str) -> dict[str, float]:
    """Evidence per language: function-word hits count 1, marker hits 0.5 (non-ASCII) or 0.2."""
    lowered = text.lower()
    return dict(zip(LANGUAGES, _raw_scores(lowered, _WORD.findall(lowered))))


def detect(text: str, default: str | None = None) -> str | None:
    """Best language for `text`, or `default` when the text is too short to tell."""
    lowered = text[:4000].lower()
    words = _WORD.findall(lowered)
    if len(words) < MIN_WORDS:
        return default
    ranked = sorted(zip(_raw_scores(lowered, words), LANGUAGES), reverse=True)
    (top, best), (second, _) = ranked[0], ranked[1]
    if top <= 0 or top == second:
        return default
    return best
