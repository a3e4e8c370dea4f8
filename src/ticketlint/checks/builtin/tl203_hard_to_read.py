"""TL203 hard-to-read: a public reply whose reading-ease score is below its language's threshold.

The score (see `ticketlint.readability`) is textstat's Flesch reading ease for
English, textstat's Fernández Huerta for Spanish, and for Indonesian and
Romanian (no textstat formula) a length-based measure of the same shape,
words per sentence and pyphen syllables per word, with coefficients fitted on
parallel text so that the score lands on the English Flesch scale. Replies
with fewer than `min-words` words are too short to score and are never
flagged. Only the prose is measured (quotes, signatures, logs are masked),
and within it only what is read as sentences (`analysis.jargon.reading_prose`):
links, paths, command lines and `code` written inline, and lists of single
words separated by commas (a bot's list of nicknames), are not scored.
The threshold of a language is its `rules/<lang>/language.toml` readability
`threshold`, unless the option `thresholds` sets it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ...analysis.jargon import reading_prose
from ...analysis.text import PUNCTUATED
from ...document import AnalysedMessage
from ...languages import language
from ...model import LANGUAGES, Hit, Role, RuleMeta, Span
from ...packs import PackSchema
from ...readability import normalise, prepare, reading_ease, word_count
from ...ruleoptions import RuleOptions, option
from ..base import BaseRule, RuleContext


def _longest_sentence(prose: str) -> Span | None:
    """The run up to its end marks with the most words (what the finding quotes)."""
    best: tuple[int, int, int] | None = None
    for m in PUNCTUATED.finditer(prose):
        n = word_count(m.group(0))
        if best is None or n > best[0]:
            text = m.group(0)
            lead = len(text) - len(text.lstrip())
            best = (n, m.start() + lead, m.start() + len(text.rstrip()))
    if best is None or best[2] <= best[1]:
        return None
    return Span(best[1], best[2])


# The name of each formula in a finding (readability.Score.formula): rules/<lang>/TL203.toml, [messages]
_FORMULA = {
    "Flesch reading ease": "formula_flesch",
    "Fernández Huerta": "formula_fernandez_huerta",
    "length-based reading ease (Flesch-calibrated)": "formula_fitted",
}


@dataclass(frozen=True, slots=True)
class Options(RuleOptions):
    thresholds: Mapping[str, float] = option(
        {}, "per-language minimum reading-ease score (higher = easier), e.g. {en = 40, es = 45}; "
        "a language left out keeps the threshold of its rules/<lang>/language.toml", keys=LANGUAGES)
    min_words: int = option(40, "replies with fewer words than this are too short to score", minimum=0)


class HardToRead(BaseRule[Options]):
    meta = RuleMeta(
        code="TL203",
        name="hard-to-read",
        summary="Flags a reply whose readability score is beyond the threshold for its language.",
        scope=frozenset({Role.AGENT}),
        groups=("clarity",),
        rationale=(
            "Seed 003 lists impersonal, overly formal replies (habit 2) and replies that assume the customer "
            "knows the technicians' references and jargon (habit 9) among the bad habits of help desks: long "
            "sentences of long words leave a customer who already feels helpless even more helpless. The score "
            "is a reading-ease score (higher is easier): textstat's Flesch reading ease for English and "
            "Fernández Huerta for Spanish; Indonesian and Romanian have no textstat formula, so they use a "
            "length-based measure of the same shape (average words per sentence and average pyphen syllables "
            "per word) whose coefficients were fitted on parallel replies so that a score means roughly the same "
            "as the English Flesch score of the same text. Replies shorter than min-words are not scored."
        ),
        seed="seed 003 (es), habits 2 and 9",
        suggestion="Use shorter sentences, one instruction per sentence, and plain everyday words.",
        options=Options,
        # examples and messages only: the language data is in rules/<lang>/language.toml
        pack=PackSchema().saying(*_FORMULA.values(), hard=("formula", "score", "lang", "threshold", "words", "syllables")),
    )

    def warm(self) -> None:
        """textstat and the English scorer, loaded once before the workers fork (runner.warm).

        textstat's import (with pkg_resources, ~0.17 s of CPU) is needed by every English or Spanish long reply,
        and English is the language a message gets when detection cannot tell (`Document`): both are loaded
        here, while no worker runs. Each other language's dictionary (0.02-0.08 s) is loaded by a worker at its
        first long reply in that language: on input without such replies (the IRC threads: every scored reply is
        English) the parent no longer spends ~0.14 s on them before the fork, on one core while the other waits;
        on input with them, each worker loads them once, at the same time (bench/README.md, round sixteen)."""
        if "en" in self.meta.languages:
            prepare("en")

    def check_message(self, msg: AnalysedMessage, ctx: RuleContext[Options]) -> Iterator[Hit]:
        prose = reading_prose(msg.prose)
        min_words = ctx.options.min_words
        if len(prose) < min_words * 2 or word_count(normalise(prose)) < min_words:
            return
        lang = msg.language  # in scope, so a language the rule has packs for (RuleContext.in_scope)
        threshold = float(ctx.options.thresholds.get(lang, language(lang).readability.threshold))
        score = reading_ease(prose, lang)
        if score.value >= threshold:
            return
        span = _longest_sentence(prose) or Span(0, len(prose.rstrip()))
        yield Hit(
            msg.index,
            span,
            ctx.say(msg, "hard", formula=ctx.say(msg, _FORMULA[score.formula]), score=f"{score.value:.0f}", lang=lang, threshold=f"{threshold:.0f}",
                    words=f"{score.words_per_sentence:.0f}", syllables=f"{score.syllables_per_word:.1f}"),
            ctx.say(msg, "suggestion"),
        )
