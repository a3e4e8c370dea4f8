"""TL105 missing-business-impact: an escalation note with no impact or urgency.

Hand-offs are the analysis layer's, as for TL103 (analysis/handoff.py, `rules/<lang>/handoff.toml`).
Impact is any statement of who or how many are blocked, a deadline, a business
process that stops (`impact` in `rules/<lang>/TL105.toml`) or an urgency level
(`urgency`); "not urgent, single user" also states impact. It may be in the
hand-off note or an earlier internal note. The subject counts only for an
urgency marker ("URGENT: payroll ..."): a subject such as "Payroll export
failing" names the topic, not the impact. A business process named without
what happens to it ("payroll", "the tills") is not impact either; what is
blocked, for how many, or by when is.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ... import packs
from ...analysis.failure import user_phrases
from ...analysis.handoff import mentions, pack_language
from ...model import Hit, Role, RuleMeta
from ...patterns import Phrases
from ...ruleoptions import RuleOptions, option
from ..base import BaseRule, RuleContext


@dataclass(frozen=True, slots=True)
class Options(RuleOptions):
    extend_impact: tuple[str, ...] = option((), "extra phrases (regular expressions) that state impact or urgency", regex=True)
    extend_handoff: tuple[str, ...] = option(
        (), "extra phrases (regular expressions) that mark a note as a hand-off", regex=True
    )
    plain_min_words: int = option(15, "plain-text notes with at least this many words are treated as hand-offs", minimum=0)


def _pack(lang: str, key: str) -> Phrases | None:
    """`impact` or `urgency` of the language's pack (None for a language without packs)."""
    found = pack_language(lang)
    return packs.phrases("TL105", key, found, fold=True) if found is not None else None


def states_impact(text: str, lang: str, extra: Phrases | None) -> bool:
    """Whether a note states impact (`impact`) or urgency (`urgency`)."""
    return mentions(text, _pack(lang, "impact"), extra) or mentions(text, _pack(lang, "urgency"))


class MissingBusinessImpact(BaseRule[Options]):
    meta = RuleMeta(
        code="TL105",
        name="missing-business-impact",
        summary="Flags an escalation note that does not say who is affected, how badly or by when.",
        scope=frozenset({Role.NOTE}),
        groups=("evidence",),
        rationale=(
            "Seed 003, habit 7: misunderstanding the business problem behind the request. Users called in a panic "
            "because the cloud payroll system would not let them update data and payroll was due in a few hours; "
            "the technician updated the browser, disabled extensions, cleared the cache and restarted, treating "
            "it as a purely technical problem. A hand-off must carry the business side: who or how many are "
            "blocked, which process stops, and the deadline, so that the next tier can prioritise."
        ),
        seed="seed 003 (es), habit 7: the payroll example",
        suggestion="Say who is affected and how (how many users, which process is blocked) and any deadline, e.g. 'payroll is due at 5 pm'.",
        options=Options,
        pack=packs.PackSchema(
            keys={
                "impact": packs.Key("patterns", "who or how many are blocked, a deadline, a process that stops", required=True),
                "urgency": packs.Key("patterns", "urgency levels and markers (also counted in the subject)", required=True),
            }
        ).saying(escalation=("phrase",)),
    )

    def check(self, ctx: RuleContext[Options]) -> Iterator[Hit]:
        opts = ctx.options
        extra_impact = user_phrases(opts.extend_impact)
        extra_handoff = user_phrases(opts.extend_handoff)
        document = ctx.document
        subject = document.ticket.subject
        urgent_subject: dict[str, bool] = {}  # per language of the hand-off notes
        earlier = document.earlier_notes(
            ("TL105 impact", extra_impact), lambda m: states_impact(m.prose, m.language, extra_impact)
        )
        for msg in ctx.in_scope(self):
            span = msg.handoff(opts.plain_min_words, extra_handoff)
            if span is None:
                continue
            # The subject names the topic ("Payroll export failing"), so only an urgency marker there counts.
            if subject:
                urgent = urgent_subject.get(msg.language)
                if urgent is None:
                    urgent = urgent_subject[msg.language] = mentions(subject, _pack(msg.language, "urgency"), extra_impact)
                if urgent:
                    continue
            if states_impact(msg.prose, msg.language, extra_impact) or earlier.any_before(msg.index):
                continue
            phrase = msg.body[span.start : span.end].strip()
            yield Hit(
                msg.index,
                span,
                ctx.say(msg, "escalation", phrase=phrase[:60]),
                ctx.say(msg, "suggestion"),
            )
