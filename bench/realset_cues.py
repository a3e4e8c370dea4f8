"""Cue phrases for the cue-drawn TL102 set (`bench/realset.py sample-cue`; issue 13, branch `t102`).

How this list was made: written by hand by the t102 helper from two sources only, before it opened
any TL102 code, pack (`rules/*/TL102.toml`) or test case: the TL102 row of /work/shared/RULES.md
("I didn't do anything", "I didn't touch anything", "nothing changed", "it just stopped working",
"no hice nada", "nu am făcut nimic", "saya tidak melakukan apa-apa"; must not flag an action that had
no effect or a claim followed by what did change) and seed 004, law 1 ("nu a făcut nimic" and
"brusc" ceva nu merge; "I did nothing" means "nothing recently"), plus the speaker's own knowledge of
how people write these in chat and reviews (slang, abbreviations, missing diacritics).

The list is deliberately **broad**: it is meant to find texts that *might* hold a no-change claim or
a "stopped working" report, so that the draw holds many positives and many hard negatives (an action
that did nothing, a failure after a named update, "suddenly" about a suspension, "padahal" in any
sense). It is not a detector and is never used by ticketlint; a draw through it is biased, and its
figures are not an estimate of a rule's rate on random text.

Matching (`has_cue`): the text is lower-cased, hyphens and runs of white space become one space,
and a cue matches where it starts at a word boundary (so "tiba tiba" matches "Tiba-tiba" and
"tiba  tiba"; "brusc" matches "bruscă").
"""

from __future__ import annotations

import re

CUES: dict[str, tuple[str, ...]] = {
    "en": (
        # the claim: nothing changed, I did nothing
        "didn't change", "didnt change", "did not change", "haven't changed", "havent changed",
        "have not changed", "hasn't changed", "hasnt changed", "nothing changed", "nothing has changed",
        "nothing's changed", "no changes", "without changing", "changed nothing",
        "didn't do anything", "didnt do anything", "did not do anything", "haven't done anything",
        "havent done anything", "did nothing", "done nothing", "didn't touch", "didnt touch",
        "did not touch", "haven't touched", "havent touched", "never touched", "not touched",
        "all i did", "only thing i did", "only thing i changed",
        # the report: it was fine, then it stopped
        "just stopped", "stopped working", "stops working", "quit working", "suddenly", "out of nowhere",
        "all of a sudden", "out of the blue", "for no reason", "no reason", "randomly",
        "same as before", "was working", "were working", "used to work", "worked fine", "worked before",
        "worked yesterday", "working fine", "working yesterday", "was fine", "were fine",
        "no longer work", "not working anymore", "doesn't work anymore", "dont work anymore",
        "don't work anymore", "worked until", "was ok", "was okay", "since yesterday", "this morning",
        "last night", "after reboot", "after a reboot", "after restart", "after the update",
        "after an update", "after updating", "after upgrading", "after the upgrade",
    ),
    "es": (
        "no hice nada", "no he hecho nada", "sin hacer nada", "no toqué nada", "no toque nada",
        "no he tocado nada", "no cambié nada", "no cambie nada", "no he cambiado nada", "nada ha cambiado",
        "no ha cambiado nada", "no cambió nada", "no cambio nada", "nada cambió", "sigue igual",
        "igual que antes", "de repente", "de pronto", "repentinamente", "de la nada", "sin motivo",
        "sin razón", "sin razon", "dejó de funcionar", "dejo de funcionar", "ha dejado de funcionar",
        "ya no funciona", "ya no anda", "antes funcionaba", "funcionaba bien", "ayer funcionaba",
        "hasta ayer", "desde ayer", "esta mañana", "anoche", "después de actualizar",
        "despues de actualizar", "tras la actualización",
    ),
    "id": (
        # the claim
        "tidak ngapa", "tdk ngapa", "gak ngapa", "ga ngapa", "gk ngapa", "nggak ngapa", "ngga ngapa",
        "engga ngapa", "g ngapa", "ngapa ngapain", "ngapa2in", "diapa apain", "di apa apain",
        "diapa2in", "di apa2in", "tidak melakukan apa", "tdk melakukan apa", "gak melakukan apa",
        "ga melakukan apa", "gk melakukan apa", "ga ngelakuin apa", "gak ngelakuin apa",
        "tidak mengubah", "tdk mengubah", "gak ngubah", "ga ngubah", "gak mengubah", "ga mengubah",
        "tidak merubah", "gak ngerubah", "tidak menyentuh", "gak nyentuh", "ga nyentuh",
        "tidak ada perubahan", "gak ada perubahan", "ga ada perubahan", "gaada perubahan",
        "tdk ada perubahan", "sama aja", "sama saja", "tetap sama", "tetep sama",
        # the report: it was fine, then it stopped
        "tiba tiba", "tiba2", "tb tb", "tb2", "mendadak", "tau tau", "tahu tahu", "taunya", "ujug ujug",
        "padahal", "pdhl", "pdhal", "sebelumnya bisa", "sebelumnya", "sblmnya", "sebelum nya",
        "tadinya", "awalnya bisa", "awalnya", "dulu bisa", "dulu ga", "dulu gak", "dulu tidak",
        "kemarin masih", "kemaren masih", "kemarin bisa", "kemaren bisa", "kmrn", "tadi masih",
        "tadi pagi", "semalam", "baik baik saja", "baik baik aja", "baik2 saja", "baik2 aja",
        "aman aman aja", "aman aman saja", "aman2 aja", "lancar lancar aja", "lancar2 aja",
        "udah bisa", "udh bisa", "sudah bisa", "ga tau kenapa", "gak tau kenapa", "entah kenapa",
        "tanpa sebab", "tanpa alasan", "gak jelas", "ga jelas",
    ),
    "ro": (
        "nu am făcut nimic", "nu am facut nimic", "n-am făcut nimic", "n am făcut nimic",
        "n am facut nimic", "nu am umblat", "n am umblat", "nu am atins", "n am atins",
        "nu am schimbat nimic", "nu am schimbat", "n am schimbat", "nu s a schimbat nimic",
        "nu s a schimbat", "nimic nu s a schimbat", "fără să fac nimic", "fara sa fac nimic",
        "brusc", "dintr o dată", "dintr o data", "deodată", "deodata", "din senin", "fără motiv",
        "fara motiv", "a încetat să", "a incetat sa", "nu mai merge", "nu mai funcționează",
        "nu mai functioneaza", "nu mai func", "înainte mergea", "inainte mergea", "mergea bine",
        "mergea perfect", "ieri mergea", "până ieri", "pana ieri", "de ieri", "azi dimineață",
        "azi dimineata", "aseară", "aseara", "la fel ca înainte", "la fel ca inainte",
        "după actualizare", "dupa actualizare", "după update", "dupa update",
    ),
}

_SPACE = re.compile(r"[\s\-‐‑–]+")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text.lower())


def _pattern(lang: str) -> re.Pattern[str]:
    alts = sorted({_norm(c) for c in CUES[lang]}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, alts)) + ")")


_PATTERNS = {lang: _pattern(lang) for lang in CUES}


def has_cue(text: str, lang: str) -> bool:
    """True when text holds any of the language's cues (see the module docstring for the matching)."""
    return _PATTERNS[lang].search(_norm(text)) is not None


def cues_in(text: str, lang: str) -> list[str]:
    """The cues found in text (for the draw's record; sorted, distinct)."""
    return sorted({m.group(0) for m in _PATTERNS[lang].finditer(_norm(text))})
