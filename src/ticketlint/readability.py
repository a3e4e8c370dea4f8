"""Readability per language, on one comparable "reading ease" scale (higher = easier).

Used by TL203 (hard-to-read). Every language gets a Flesch-shaped score
``base - a * words_per_sentence - b * syllables_per_word`` so that one
threshold means roughly the same thing in each language:

- **en**: textstat's ``flesch_reading_ease`` (Flesch 1948; pyphen syllables).
- **es**: textstat's ``fernandez_huerta`` (Fernández Huerta 1959, the Spanish
  adaptation of Flesch; same 0-100 reading-ease scale).
- **id**, **ro**: textstat 0.7.3 has no formula for them, so we use a
  *length-based* measure of the same shape: average sentence length in words
  and average word length in syllables (syllables from pyphen's ``id`` / ``ro``
  hyphenation dictionaries, +1 per word, exactly as textstat counts them).
  The coefficients were fitted (least squares) so that the score of a text in
  id or ro matches the English Flesch score of the same text, on parallel
  support replies (easy and hard) written in the four languages: Indonesian
  words are longer (about 2.6 pyphen syllables per word against 1.4 in
  English) but sentences have fewer words (no articles), Romanian sits in
  between. The formula, the coefficients and the dictionaries are data:
  ``[readability]`` in ``rules/<lang>/language.toml`` (languages.py).

Before scoring, the text is normalised so that support-reply layout does not
distort the score: each line that does not end in punctuation (a list item, a
greeting, a heading) ends a sentence, list markers are dropped, and URLs,
e-mail addresses, paths, version numbers and other tokens with digits become
a one-syllable placeholder word.

textstat is imported lazily, and each language gets its own
``textstatistics`` instance (``set_lang`` is called once, at creation, under a
lock) instead of the module-global ``textstat.set_lang`` which is not
thread-safe. textstat 0.7.3 does no network access (pyphen dictionaries and
its word lists are package data).
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass
from typing import Any

from . import languages as _languages
from . import recache
from .analysis.text import LIST_ITEM
from .analysis.text import WORD as _WORD

_URLISH = recache.compile(
    r"""(?:https?://|www\.)\S+          # URLs
      | \S+@\S+\.\w+                     # e-mail addresses
      | (?:[A-Za-z]:)?[\\/]\S+           # paths
      | \S*[\d_\\/|<>=#{}\[\]]\S*        # tokens with digits or code characters
    """,
    re.VERBOSE,
)
# `_URLISH.sub("x", line)` is quadratic on a long token (a pasted blob, "xxxx...": `\S+@` and
# `\S*[\d...]` rescan the rest of the token from every start), so `_mask_urlish` computes the same
# substitution token by token in linear time; `_URLISH` stays as the reference it must agree with
# (it was checked against it on random tokens over the characters that matter).
_NON_SPACE = recache.compile(r"\S+")
_LONG_RUN = recache.compile(r"(?<!\S)\S{65}")  # a token longer than 64 characters
_ALT_URL = recache.compile(r"(?:https?://|www\.)\S")  # alternative 1 (URLs) matches here
_LAST_CODE = recache.compile(r"(?s:.*)[\d_\\/|<>=#{}\[\]]")  # up to the last code character (alternative 4)
_LAST_DOT = recache.compile(r"(?s:.*)\.(?=\w)")  # up to the last "." before a word character (alternative 2)
_WORD_RUN = recache.compile(r"\w+")
# A whitespace-free token longer than this is no word of any language (a pasted blob, "a.b.c..."
# of 1 MB): it becomes the placeholder word. Kept whole, textstat strips its punctuation and pyphen
# hyphenates it as one giant word, about 25 s per MB (linear, but far too slow).
_MAX_TOKEN = 100
_LONG_TOKEN = recache.compile(rf"(?<!\S)\S{{{_MAX_TOKEN + 1},}}")


@functools.cache
def _abbrev() -> re.Pattern[str]:
    """The abbreviations whose full stop is dropped before scoring: `[readability] abbreviations` of every language.

    Every language's, whatever the reply's: a reply quotes "e.g." in any
    language. Not the sentence splitter's list (language.toml
    `abbreviations`): that one has "no", which ends many a sentence here.
    """
    words = sorted({a for lang in _languages.all_languages() for a in _languages.language(lang).readability.abbreviations})
    return re.compile(r"\b(?:" + "|".join(re.escape(a) for a in words) + r")\.", re.IGNORECASE)

# Same matches as r"\s*(?:->|=>|→|›|»|>)\s*", linear: a run of spaces is only tried from its first
# character (the original retried, and rescanned, the run from each of its characters).
_ARROWS = recache.compile(r"(?:(?<!\s)\s++)?(?:->|=>|→|›|»|>)\s*+")
_SENTENCE_END = recache.compile(r"[.!?…]+")


def _mask_token(token: str) -> str:
    """`_URLISH.sub("x", token)` for one whitespace-free token, in time linear in its length.

    At a position p the regex gives: alternative 1 (a URL from p) -> to the token's end; else
    alternative 2 (an e-mail: some "@" after p, then a later "." followed by a word character) ->
    to the end of the word after the *last* such "."; else alternative 3 or 4 (a path, or a code
    character at or after p) -> to the token's end. Alternative 2 cannot match again after its
    match, and alternatives 3-4 fail at every later position once they fail at p, so only
    alternative 1 ("www.") is searched for after that.
    """
    m = _LAST_CODE.match(token)
    last_code = m.end() - 1 if m else -1
    m = _LAST_DOT.match(token)
    last_dot = m.end() - 1 if m else -1
    if last_code < 0 and "@" not in token and "www." not in token:
        return token
    out: list[str] = []
    p = 0
    n = len(token)
    while p < n:
        if _ALT_URL.match(token, p):
            out.append("x")
            break
        if last_dot - 1 > p + 1 and token.rfind("@", p + 1, last_dot - 1) != -1:
            end = _WORD_RUN.match(token, last_dot + 1).end()  # type: ignore[union-attr]
            out.append("x")
            p = end
            continue
        if last_code >= p:
            out.append("x")
            break
        url = _ALT_URL.search(token, p + 1)
        out.append(token[p : url.start()] if url else token[p:])
        if url:
            out.append("x")
        break
    return "".join(out)


def _mask_urlish(line: str) -> str:
    """Same as `_URLISH.sub("x", line)`: its matches never contain whitespace, so per token.

    Tokens of up to 64 characters (all of real text) go through `_URLISH` itself, whose cost per
    token is then bounded; only longer ones need `_mask_token`.
    """
    if not _LONG_RUN.search(line):
        return _URLISH.sub("x", line)
    return _NON_SPACE.sub(lambda m: _URLISH.sub("x", m.group(0)) if len(m.group(0)) <= 64 else _mask_token(m.group(0)), line)


def normalise(prose: str) -> str:
    """Plain sentences from a reply's prose: one sentence per unpunctuated line, no code tokens."""
    lines = []
    for raw in prose.split("\n"):
        line = LIST_ITEM.sub("", raw).strip()
        if not line:
            continue
        line = _abbrev().sub(lambda m: m.group(0).replace(".", ""), line)
        line = _mask_urlish(line)
        line = _LONG_TOKEN.sub(lambda m: "x" if _WORD.search(m.group(0)) else m.group(0), line)
        line = _ARROWS.sub(", ", line)
        if not _WORD.search(line):
            continue
        if line[-1] not in ".!?:;…":
            line += "."
        lines.append(line)
    return " ".join(lines)


def word_count(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))


@dataclass(frozen=True, slots=True)
class Score:
    """A reading-ease score and what it was computed from."""

    value: float
    formula: str
    words: int
    sentences: int
    words_per_sentence: float
    syllables_per_word: float


_LOCK = threading.Lock()


@functools.cache
def _pyphen(lang: str) -> Any:
    import pyphen

    return pyphen.Pyphen(lang=_languages.language(lang).readability.pyphen)


@functools.cache
def _textstat(lang: str) -> Any:
    with _LOCK:
        from textstat.textstat import textstatistics

        ts = textstatistics()
        ts.set_lang(lang)
        return ts


def prepare(lang: str) -> None:
    """Build what scoring a text of `lang` loads lazily: its pyphen dictionary and, for a textstat formula, textstat.

    `runner.warm` asks this (through TL203's `warm`) in the parent before it forks the workers: importing textstat
    (which imports pkg_resources) and parsing the hyphenation dictionaries cost ~0.3 s of CPU, which each worker
    otherwise paid again at its first long reply. What it builds is what `reading_ease` would build.
    """
    # a score computed once builds all of it, textstat's own hyphenation dictionary included (not the cached function:
    # the probe takes no place in `reading_ease`'s cache)
    reading_ease.__wrapped__(_PROBE, lang)


_PROBE = "Restart the router and try again. Then check the settings of the network adapter."


def _sentences(text: str) -> list[str]:
    """Sentences with at least 3 words (shorter fragments are ignored, as textstat does)."""
    parts = [p for p in _SENTENCE_END.split(text) if p.strip()]
    return [p for p in parts if word_count(p) > 2] or parts[:1]


def _length_measure(text: str, lang: str) -> tuple[int, int, float, float]:
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return 0, 0, 0.0, 0.0
    dic = _pyphen(lang)
    syllables = sum(len(dic.positions(w.replace("-", "").replace("'", "").replace("’", ""))) + 1 for w in words)
    sentences = max(1, len(_sentences(text)))
    return len(words), sentences, len(words) / sentences, syllables / len(words)


@functools.lru_cache(maxsize=512)
def reading_ease(prose: str, lang: str) -> Score:
    """The reading-ease score of a reply's prose in `lang`, by the formula of its language.toml."""
    how = _languages.language(lang).readability
    text = normalise(prose)
    n_words, n_sent, wps, spw = _length_measure(text, lang)
    if how.formula == "flesch":
        value = float(_textstat(how.textstat or "en_US").flesch_reading_ease(text)) if n_words else 100.0
        return Score(value, "Flesch reading ease", n_words, n_sent, wps, spw)
    if how.formula == "fernandez-huerta":
        value = float(_textstat(how.textstat or "es").fernandez_huerta(text)) if n_words else 100.0
        return Score(value, "Fernández Huerta", n_words, n_sent, wps, spw)
    assert how.coefficients is not None  # languages.py requires them for "fitted"
    base, per_word, per_syllable = how.coefficients
    value = round(base - per_word * wps - per_syllable * spw, 2) if n_words else 100.0
    return Score(value, "length-based reading ease (Flesch-calibrated)", n_words, n_sent, wps, spw)
