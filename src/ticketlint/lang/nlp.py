"""spaCy blank pipelines, one per language, built once per process on demand.

`import spacy` costs about a second and `spacy.blank("id")` about three
(tokenizer exceptions), so nothing here runs until a rule asks for tokens:
`ticketlint --help`, `ticketlint rules` and rules that only need regular
expressions never pay for it. No trained model is ever loaded.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

MAX_LENGTH = 2_000_000


@functools.cache
def blank(lang: str) -> "Language":
    import spacy

    nlp = spacy.blank(lang)
    nlp.max_length = MAX_LENGTH
    return nlp


@functools.cache
def phrase_matcher(lang: str, key: str, phrases: tuple[str, ...]) -> Any:
    """A case-insensitive PhraseMatcher over `phrases`, cached per language and key.

    One matcher with many phrases is far cheaper than many Matcher patterns.
    """
    from spacy.matcher import PhraseMatcher

    nlp = blank(lang)
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add(key, [nlp.make_doc(p) for p in phrases])
    return matcher
