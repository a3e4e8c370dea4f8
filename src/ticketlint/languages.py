"""What ticketlint knows about a language, read from `rules/<lang>/language.toml`.

Language knowledge is data: the detector's function words and markers, the
abbreviations and titles a full stop does not end a sentence after, the
readability formula and its threshold. Adding a language is adding a folder
`rules/<lang>/` with this file and the packs (docs/dev/adding-a-language.md).
An unknown key or a value of the wrong type is an error naming file and key.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Literal

from .packs import files
from .packs.files import PackError, lexicon

Formula = Literal["flesch", "fernandez-huerta", "fitted"]
_FORMULAS = ("flesch", "fernandez-huerta", "fitted")


@dataclass(frozen=True, slots=True)
class Readability:
    """How TL203 scores a reply: a Flesch-shaped reading ease (higher is easier) and its minimum.

    `flesch` and `fernandez-huerta` are textstat's (language `textstat`);
    `fitted` is `base - a * words_per_sentence - b * syllables_per_word` with
    `coefficients = [base, a, b]`. Syllables come from pyphen's `pyphen` dictionary.
    `abbreviations`: their full stop is dropped before scoring (readability.py
    merges every language's list).
    """

    formula: Formula
    threshold: float
    pyphen: str
    textstat: str | None = None
    coefficients: tuple[float, float, float] | None = None
    abbreviations: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    name: str
    function_words: tuple[str, ...]
    markers: tuple[str, ...]
    abbreviations: tuple[str, ...]
    titles: tuple[str, ...]
    readability: Readability
    # function words that messages in the other languages borrow (English "please", "thanks", "ok"
    # in Indonesian or Spanish chat): the detector counts them a quarter (lang/detect.py)
    borrowed: tuple[str, ...] = ()
    # words every language's support text uses as they are (English "error", "login", "update"):
    # evidence of no language; any language's list applies to all (lang/detect.py)
    neutral: tuple[str, ...] = ()
    # affixes of words no list names (Indonesian meN-/-nya, Romanian -ul/-ului, Spanish -ción)
    prefixes: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    # letter sequences this language's words do not have, read like markers (" " + word + " ": "ed "
    # ends a word): a word with one gets none of this language's affix or marker evidence
    # ("keeps" is no Indonesian ke- word, "crashing" no Indonesian "ng ")
    foreign: tuple[str, ...] = ()
    # the words of greetings, thanks and sign-offs ("hi team", "thanks and regards"): a clause of them
    # at either end of a message frames it, and the detector reads the body it frames (lang/detect.py)
    frame: tuple[str, ...] = ()
    # Zipf frequency (log10 uses per billion words) in this language of every detector word and affix
    # ("meng-", "-nya") of any language, from 3.0 up (bench/langid_frequency.py): a word several
    # languages list weighs for each by how much each uses it
    frequency: tuple[tuple[str, float], ...] = ()


_TOP = {"name": str, "function_words": list, "borrowed": list, "neutral": list, "markers": list, "prefixes": list,
        "suffixes": list, "foreign": list, "frame": list, "abbreviations": list, "titles": list, "readability": dict, "frequency": dict}
_READABILITY = {"formula": str, "threshold": (int, float), "pyphen": str, "textstat": str, "coefficients": list,
                "abbreviations": list}
# Every key of language.toml, for the completeness test (tests/test_languages.py): a new language
# should have them all, even where the code has a default.
KEYS = tuple(_TOP)
READABILITY_KEYS = ("formula", "threshold", "pyphen")


def all_languages() -> tuple[str, ...]:
    """Every language: the folders `rules/<lang>/` holding a language.toml."""
    return files.languages()


def _checked(table: dict[str, Any], kinds: dict[str, Any], where: str) -> None:
    for key, value in table.items():
        if key not in kinds:
            raise PackError(f"{where}: unknown key '{key}' (known: {', '.join(kinds)})")
        if not isinstance(value, kinds[key]) or isinstance(value, bool):
            raise PackError(f"{where}: '{key}' has the wrong type ({type(value).__name__})")
        if isinstance(value, list) and not all(isinstance(v, (str, int, float)) for v in value):
            raise PackError(f"{where}: '{key}' must be a list of strings or numbers")


def _frequency(table: dict[str, Any], where: str) -> tuple[tuple[str, float], ...]:
    for key, value in table.items():
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise PackError(f"{where}: [frequency] '{key}' must be a number")
    return tuple((str(k).lower(), float(v)) for k, v in table.items())


@functools.cache
def language(code: str) -> Language:
    """The language `code`, from `rules/<code>/language.toml` (cached)."""
    where = f"rules/{code}/language.toml"
    data = lexicon(code, "language")
    if not data:
        raise PackError(f"{where}: missing (every language needs one)")
    _checked(data, _TOP, where)
    for key in ("name", "readability"):
        if key not in data:
            raise PackError(f"{where}: missing key '{key}'")
    read = data["readability"]
    _checked(read, _READABILITY, f"{where} [readability]")
    formula = read.get("formula")
    if formula not in _FORMULAS:
        raise PackError(f"{where}: [readability] formula must be one of {', '.join(_FORMULAS)}, not {formula!r}")
    coefficients = read.get("coefficients")
    if formula == "fitted" and (coefficients is None or len(coefficients) != 3):
        raise PackError(f"{where}: [readability] formula 'fitted' needs coefficients = [base, a, b]")
    if formula != "fitted" and "textstat" not in read:
        raise PackError(f"{where}: [readability] formula {formula!r} needs textstat = '<textstat language>'")
    for key in ("threshold", "pyphen"):
        if key not in read:
            raise PackError(f"{where}: [readability] missing key '{key}'")
    return Language(
        code=code,
        name=data["name"],
        function_words=tuple(data.get("function_words", ())),
        markers=tuple(data.get("markers", ())),
        abbreviations=tuple(a.lower() for a in data.get("abbreviations", ())),
        titles=tuple(t.lower() for t in data.get("titles", ())),
        borrowed=tuple(b.lower() for b in data.get("borrowed", ())),
        neutral=tuple(n.lower() for n in data.get("neutral", ())),
        prefixes=tuple(a.lower() for a in data.get("prefixes", ())),
        suffixes=tuple(a.lower() for a in data.get("suffixes", ())),
        foreign=tuple(f.lower() for f in data.get("foreign", ())),
        frame=tuple(f.lower() for f in data.get("frame", ())),
        frequency=_frequency(data.get("frequency", {}), where),
        readability=Readability(
            formula=formula,
            threshold=float(read["threshold"]),
            pyphen=read["pyphen"],
            textstat=read.get("textstat"),
            coefficients=tuple(float(c) for c in coefficients) if coefficients else None,  # type: ignore[arg-type]
            abbreviations=tuple(str(a).lower() for a in read.get("abbreviations", ())),
        ),
    )
