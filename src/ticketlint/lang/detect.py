"""Language detection restricted to en, es, id and ro.

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

from ..model import LANGUAGES
from ..resources import lexicon

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
MIN_WORDS = 3  # below this a message borrows the thread's language


@functools.cache
def _profiles() -> tuple[tuple[str, frozenset[str], tuple[str, ...]], ...]:
    out = []
    for lang in LANGUAGES:
        data = lexicon(lang, "language")
        words = frozenset(w.lower() for w in data.get("function_words", []))
        out.append((lang, words, tuple(data.get("markers", []))))
    return tuple(out)


def scores(text: str) -> dict[str, float]:
    """Evidence per language: function-word hits count 1, marker hits 0.5."""
    lowered = text.lower()
    words = _WORD.findall(lowered)
    result: dict[str, float] = {}
    for lang, vocab, markers in _profiles():
        score = float(sum(1 for w in words if w in vocab))
        score += 0.5 * sum(lowered.count(m) for m in markers if m.strip() and not m.isascii())
        score += 0.2 * sum(lowered.count(m) for m in markers if m.isascii())
        result[lang] = score
    return result


def detect(text: str, default: str | None = None) -> str | None:
    """Best language for `text`, or `default` when the text is too short to tell."""
    sample = text[:4000]
    if len(_WORD.findall(sample)) < MIN_WORDS:
        return default
    ranked = sorted(scores(sample).items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top <= 0 or top == second:
        return default
    return best
