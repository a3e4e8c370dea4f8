"""Who a text speaks to and who speaks in it: the person words of each language, stated once (issue 13, voc20).

Three readings ask whether words speak to the reader or are the writer's own:

- the failure reading (analysis/failure.py, TL101/TL104): a chat line to another participant that holds a word of the
  addressee and none of the writer speaks of their system ("nick: your ntfs is broken" is advice, not a report), and a
  sentence pointed at as "this error" is the program's text only when it is in no one's voice;
- the chat reading (analysis/address.py): a second user's own problem ("my wifi drops", no word to anyone) and an
  opener's line about a participant's own setup ("bob: are you using the open driver?", no word of the opener's);
- TL303: in a fellow user's report of the same problem, a question passes only when it is put to the reader.

Each language states its `second_person` and `first_person` words in `rules/<lang>/person.toml`, patterns matched on
folded text (no diacritics), so the morphology that marks the person is data as well: the Spanish preterite in
"-aste"/"-iste" ("actualizaste"), the Indonesian clitic "-mu" ("laptopmu"), Romanian "ai" and "ați" as the
auxiliary of the second person ("ai încercat").

Which language's words apply (`holds`): the text's own language, always; a reading that also reads other languages
(the thread's, for a short line whose language is unsure; English, which chat in every language mixes in) reads their
words only where they are no ordinary word of the text's language (`jargon.common_words`: English "ya" is Spanish
"already", Indonesian "lo" is Spanish "it", Spanish "has" is English "has"). No language's word counts written in
capitals as an acronym is ("AI" is no Romanian "ai", "ATI" no "ați", "OS" no Spanish "os"), unless it is an ordinary
word written so for emphasis ("what do YOU mean").
The four lists are never read at once.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Literal

from .. import packs
from ..model import LANGUAGES
from ..packs.files import on_reset
from ..patterns import Phrases
from .jargon import common_words, emphasis

PERSON = "person"  # rules/<lang>/person.toml

packs.declare(
    PERSON,
    packs.PackSchema(
        keys={
            "second_person": packs.Key(
                "patterns",
                "words that speak to the reader: pronouns, possessives, verb forms and endings of the second person ('you',"
                " 'usted', 'hiciste', 'kamu', 'laptopmu', 'dumneavoastră', 'ai încercat')",
                required=True,
            ),
            "first_person": packs.Key(
                "patterns",
                "the writer's own words: pronouns, possessives and verb forms of the first person ('I', 'my'; 'yo', 'tengo';"
                " 'saya', 'aku'; 'eu', 'meu', 'am')",
                required=True,
            ),
        },
        examples=False,
    ),
)

Person = Literal["second_person", "first_person"]


@functools.cache
def _pack(key: Person, lang: str) -> Phrases | None:
    """`key` of the language's person.toml, folded (asked per line: cached by position)."""
    return packs.phrases(PERSON, key, lang, fold=True)


on_reset(_pack.cache_clear)


def holds(folded: str, key: Person, langs: Sequence[str]) -> bool:
    """Whether `folded` (text folded by `textutil.fold`) holds a `key` word of `langs`.

    `langs`: the text's language first, then the languages a reading also reads (the thread's, English in a chat);
    languages without packs are skipped. A word of a language after the first counts only where it is no ordinary word
    of the first (`jargon.common_words`). No word counts that is written in capitals as an acronym is ("Is AI supported?",
    "ATI Technologies", "Which OS?"), unless it is an ordinary word written so for emphasis ("what do YOU mean",
    `_acronym`). Text folded by `analysis.text.fold` is lower case already, and only the first test applies."""
    own = next((lang for lang in langs if lang in LANGUAGES), None)
    if own is None:
        return False
    for lang in dict.fromkeys(langs):
        if lang not in LANGUAGES or (pattern := _pack(key, lang)) is None:
            continue
        for m in pattern.finditer(folded):
            word = folded[m.start() : m.end()]  # as written: a merged list matches a lower-cased copy
            if not _acronym(word, own) and (lang == own or word.lower() not in common_words(own)):
                return True
    return False


def _acronym(word: str, lang: str) -> bool:
    """Whether `word`, as written, is an acronym: in capitals and no ordinary word of `lang` or of English written in
    capitals for emphasis (`jargon.emphasis`: "do YOU mean", "ES TU PROBLEMA" stay person words; "AI", "ATI", "OS" are
    none)."""
    return len(word) > 1 and word.isupper() and not emphasis(word, lang)


def to_reader(folded: str, langs: Sequence[str]) -> bool:
    """Whether `folded` speaks to the reader: a `second_person` word of `langs` (see `holds`)."""
    return holds(folded, "second_person", langs)


def of_writer(folded: str, langs: Sequence[str]) -> bool:
    """Whether `folded` holds the writer's own words: a `first_person` word of `langs` (see `holds`)."""
    return holds(folded, "first_person", langs)
