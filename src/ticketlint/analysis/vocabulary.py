"""The shared vocabulary of replies: greetings, fillers, answers, sign-offs, imperatives, refusals.

Several reply rules need to know what a greeting or a sign-off is (TL301
blanks them, TL302 skips them before a question, TL303 skips a closing formula
when it picks the last sentence). Each language says it once, in
`rules/<lang>/vocabulary.toml`; a rule-specific list (TL303's `actions`,
TL302's `question_starts`) stays in the rule's own pack.

Lists are read through the pack API (`packs.phrases("vocabulary", ...)`): the
schema below is declared when this module is imported, so a misspelt key in a
vocabulary file is an error naming the file and the key.
"""

from __future__ import annotations

from typing import Literal

from .. import packs
from ..patterns import Phrases

SCHEMA = packs.PackSchema(
    keys={
        "greetings": packs.Key("patterns", "greetings opening a message, with an honorific or group after them", required=True),
        "fillers": packs.Key("patterns", "thanks, apologies, pleasantries and standing honorifics: no content", required=True),
        "answers": packs.Key("patterns", "bare answers: yes, no and their variants", required=True),
        "signoffs": packs.Key("patterns", "closing formulas ('Kind regards', 'Cheers')", required=True),
        "imperatives": packs.Key("patterns", "verbs of an instruction to the customer, at the start of a clause", required=True),
        "refusals": packs.Key("patterns", "a refusal of what the customer asked", required=True),
        "refusal_exceptions": packs.Key("patterns", "phrases that look like refusals and are not ('we can't reproduce it')"),
        "alternatives": packs.Key("patterns", "an alternative offered after a refusal", required=True),
        "pointers": packs.Key("patterns", "a pointer to someone or somewhere else that can help"),
    },
    examples=False,
)
packs.declare("vocabulary", SCHEMA)

Word = Literal["greetings", "fillers", "answers", "signoffs", "imperatives", "refusals", "refusal_exceptions", "alternatives", "pointers"]


def phrases(key: Word, lang: str | None = None, *, fold: bool = True, word_bounded: bool = True) -> Phrases | None:
    """List `key` of the vocabulary of `lang` (every language when None: short replies are too
    short to detect, and stock phrases travel between languages), as one cached regex.

    `fold`: matched against text folded by `analysis.text.fold` (lower case, no diacritics).
    """
    return packs.phrases("vocabulary", key, lang, fold=fold, word_bounded=word_bounded)
