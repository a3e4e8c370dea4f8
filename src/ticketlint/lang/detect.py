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

from .. import recache
from ..languages import language
from ..model import LANGUAGES

_WORD = recache.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
# Tokens that are not prose: URLs and paths (a leading / or ~, two slashes: "a/b/c", "://"),
# e-mail addresses and @mentions, code, identifiers with digits or underscores ("e01", "Dr_Willis",
# "/boot/grub/menu.lst"). Their letters would vote ("th" in a URL, "men" in "menu.lst"), so they
# are blanked before scoring; one slash between words ("daftar/login") is prose. A match starts at
# the whitespace before its token (the text gets a leading space) and reads the token once: linear.
# Most messages have none of these characters: _NOISY finds out in one scan, and they skip the rest.
_NOISY = recache.compile(r"[/@\\{}<>=_#`|~$%*+\[\]0-9]")
_NOISE = recache.compile(r"\s(?:[/~]|[^\s/@\\{}<>=_#`|~$%*+\[\]0-9]*(?:[@\\{}<>=_#`|~$%*+\[\]0-9]|/[^\s/]*/))\S*")
# "nick: " opening a chat line (IRC) or a label: a name, not a word of the message.
_NICK = recache.compile(r"\A\s*[^\s:]{1,32}:(?=\s)")
MIN_WORDS = 3  # below this a message borrows the thread's language
BORROWED = 0.25  # the weight of a `borrowed` word (language.toml): English tech words in other languages' text
# A message leaves its thread's language only on clear evidence: another language leads the
# thread's by MARGIN words and the thread's score is below RATIO of the leader's (tuned on the dev
# parts of corpus/real with bench/langid_real.py). A declared language (the export's `language`)
# asks for more: the thread's score below DECLARED_RATIO of the leader's (an English issue template
# filled in Spanish, an English error pasted after "tanya" keep the declared language).
MARGIN = 2.0
RATIO = 0.5
DECLARED_MARGIN = 2.0
DECLARED_RATIO = 0.3


@functools.cache
def _profiles() -> tuple[dict[str, tuple[tuple[int, float], ...]], tuple[tuple[tuple[str, float], ...], ...], tuple[tuple[tuple[str, float], ...], ...]]:
    """Word -> (language index, weight) pairs; per language, (marker, weight) pairs, all and ASCII only.

    A word listed by k languages counts 1/k for each ("no" is English and Spanish: weak evidence
    for both); a `borrowed` word counts BORROWED for its language. Built once so that scoring is one
    pass over the words (a dict lookup each) plus a few `str.count` calls: detection runs on every
    message of every ticket, so it is on the hot path of a batch.
    """
    weights: dict[str, dict[int, float]] = {}
    markers: list[tuple[tuple[str, float], ...]] = []
    for i, lang in enumerate(LANGUAGES):
        data = language(lang)
        for w in {w.lower() for w in data.function_words}:
            weights.setdefault(w, {})[i] = 1.0
        for w in data.borrowed:
            # only a function word no other language lists weighs less ("please"): a word two languages
            # list ("error", English and Spanish) already counts half for each
            if weights.get(w, {}).keys() == {i}:
                weights[w][i] = BORROWED
        # non-ASCII letters are strong evidence (0.5), ASCII sequences weak (0.2)
        markers.append(tuple((m, 0.2 if m.isascii() else 0.5) for m in data.markers if m.isascii() or m.strip()))
    # ASCII text cannot contain the non-ASCII markers (most chat): skip their count() calls
    ascii_markers = tuple(tuple(p for p in pairs if p[0].isascii()) for pairs in markers)
    owners = {w: tuple((i, wt / len(by)) for i, wt in sorted(by.items())) for w, by in weights.items()}
    return owners, tuple(markers), ascii_markers


def _prose(text: str) -> str:
    """The lowered text without its non-prose tokens (at most 4,000 characters are read)."""
    lowered = text[:4000].lower()
    if ":" in lowered:
        lowered = _NICK.sub("", lowered)
    if _NOISY.search(lowered):
        lowered = _NOISE.sub(" ", " " + lowered)[1:]
    return lowered


def _raw_scores(lowered: str, words: list[str]) -> list[float]:
    owners, all_markers, ascii_markers = _profiles()
    markers = ascii_markers if lowered.isascii() else all_markers
    result = [0.0] * len(LANGUAGES)
    # the few function words first (a comprehension with `in`: most words own no language), then
    # their languages, in the same order as a loop over every word (the same sums)
    for owned in [owners[w] for w in words if w in owners]:
        for i, wt in owned:
            result[i] += wt
    for i, pairs in enumerate(markers):
        for m, weight in pairs:
            n = lowered.count(m)
            if n:  # most markers are absent: adding weight * 0 changes no sum
                result[i] += weight * n
    return result


def scores(text: str) -> dict[str, float]:
    """Evidence per language: function words count 1 (shared by k languages: 1/k; borrowed: a quarter),
    marker hits 0.5 (non-ASCII) or 0.2; URLs, paths, code and mentions are not read."""
    lowered = _prose(text)
    return dict(zip(LANGUAGES, _raw_scores(lowered, _WORD.findall(lowered))))


def detect(text: str, default: str | None = None) -> str | None:
    """Best language for `text`, or `default` when the text is too short to tell."""
    lowered = _prose(text)
    words = _WORD.findall(lowered)
    if len(words) < MIN_WORDS:
        return default
    ranked = sorted(zip(_raw_scores(lowered, words), LANGUAGES), reverse=True)
    (top, best), (second, _) = ranked[0], ranked[1]
    if top <= 0 or top == second:
        return default
    return best


def detect_in_thread(text: str, thread: str, declared: bool = False) -> str:
    """The language of one message of a thread in `thread`: the thread's unless another language
    clearly wins (MARGIN and RATIO; `declared`: the thread's language was given, DECLARED_*).

    Short replies ("ok thanks", "tira error 404") and code-switched lines ("aplikasi error terus,
    please fix") keep the thread's language; a reply written in another language leaves it.
    """
    lowered = _prose(text)
    words = _WORD.findall(lowered)
    if len(words) < MIN_WORDS:
        return thread
    raw = _raw_scores(lowered, words)
    ranked = sorted(zip(raw, LANGUAGES), reverse=True)
    (top, best), (second, _) = ranked[0], ranked[1]
    if best == thread or top == second:
        return thread
    own = raw[LANGUAGES.index(thread)] if thread in LANGUAGES else 0.0
    margin, ratio = (DECLARED_MARGIN, DECLARED_RATIO) if declared else (MARGIN, RATIO)
    if top - own >= margin and own < ratio * top:
        return best
    return thread
