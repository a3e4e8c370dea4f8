"""TL103 missing-steps-tried: a hand-off note that does not say what was already tried.

Which notes are hand-offs is the analysis layer's (analysis/handoff.py, the
shared vocabulary `rules/<lang>/handoff.toml`; TL105 asks the same). Steps
tried: a list of two or more items, or a phrase of `steps` in
`rules/<lang>/TL103.toml` (English for a language without a pack), in the
hand-off note or in any note before it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ... import packs
from ...analysis.failure import user_phrases
from ...analysis.handoff import lists_steps, mentions, pack_language
from ...document import AnalysedMessage
from ...model import Hit, Role, RuleMeta
from ...patterns import Phrases
from ...ruleoptions import RuleOptions, option
from ..base import BaseRule, RuleContext


@dataclass(frozen=True, slots=True)
class Options(RuleOptions):
    extend_steps: tuple[str, ...] = option((), "extra phrases (regular expressions) that show a step was tried", regex=True)
    extend_handoff: tuple[str, ...] = option(
        (), "extra phrases (regular expressions) that mark a note as a hand-off", regex=True
    )
    plain_min_words: int = option(15, "plain-text notes with at least this many words are treated as hand-offs", minimum=0)


def has_steps(msg: AnalysedMessage, extra: Phrases | None) -> bool:
    """Whether a note lists steps or says that one was tried."""
    if lists_steps(msg):
        return True
    lang = pack_language(msg.language)
    return mentions(msg.prose, packs.phrases("TL103", "steps", lang, fold=True) if lang else None, extra)


class MissingStepsTried(BaseRule[Options]):
    meta = RuleMeta(
        code="TL103",
        name="missing-steps-tried",
        summary="Flags an escalation or hand-off note that does not say what was already tried.",
        scope=frozenset({Role.NOTE}),
        groups=("evidence",),
        rationale=(
            "Tier 1 follows a flowchart and tier 2 starts where it stopped (seed 000, 'Nivel 1' / 'Nivel 2'); "
            "the technician only knows what is written in the work order, and a badly written ticket leads to a "
            "badly written work order and bad service (seed 002). A hand-off that does not list what was already "
            "tried makes the next tier, and the customer, go through the whole process again. A note is a "
            "hand-off when it says so (escalate, hand off, to tier 2 / level 2, to the network team, ...) or, for "
            "plain-text input, when it is long enough; short notes such as 'Called customer, no answer' are not."
        ),
        seed="seed 000 (es), 'Nivel 1' and 'Nivel 2'; seed 002 (es), the work order",
        suggestion="List what was already tried and the result of each step (e.g. '1. Restarted the router: no change').",
        options=Options,
        pack=packs.PackSchema(keys={"steps": packs.Key("patterns", "phrases showing that a step was already tried", required=True)}).saying(
            handoff=("phrase",)),
    )

    def check(self, ctx: RuleContext[Options]) -> Iterator[Hit]:
        opts = ctx.options
        extra_steps = user_phrases(opts.extend_steps)
        extra_handoff = user_phrases(opts.extend_handoff)
        earlier = ctx.document.earlier_notes(("TL103 steps", extra_steps), lambda m: has_steps(m, extra_steps))
        for msg in ctx.in_scope(self):
            span = msg.handoff(opts.plain_min_words, extra_handoff)
            if span is None:
                continue
            if has_steps(msg, extra_steps) or earlier.any_before(msg.index):
                continue
            phrase = msg.body[span.start : span.end].strip()
            yield Hit(
                msg.index, span, ctx.say(msg, "handoff", phrase=phrase[:60]), ctx.say(msg, "suggestion")
            )
