"""TL105 missing-business-impact: an escalation note with no impact or urgency.

Uses the hand-off detection of TL103 (`find_handoff`, `rules/<lang>/handoff.toml`).
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

from ...model import Hit, OptionSpec, Role, RuleMeta
from ...patterns import Phrases
from ..base import BaseRule, RuleContext
from .tl103_missing_steps_tried import compile_folded, earlier_notes, handoff_span, mentions, pack_folded


def states_impact(text: str, lang: str, extra: Phrases | None) -> bool:
    """Whether a note states impact (`impact`) or urgency (`urgency`)."""
    return mentions(text, pack_folded("TL105", lang, "impact"), extra) or mentions(text, pack_folded("TL105", lang, "urgency"), None)


class MissingBusinessImpact(BaseRule):
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
        options=(
            OptionSpec("extend-impact", list, [], "extra phrases (regular expressions) that state impact or urgency", items=str, regex=True),
            OptionSpec("extend-handoff", list, [], "extra phrases (regular expressions) that mark a note as a hand-off", items=str, regex=True),
            OptionSpec("plain-min-words", int, 15, "plain-text notes with at least this many words are treated as hand-offs", minimum=0),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        extra_impact = compile_folded(ctx.options.get("extend-impact", []))
        extra_handoff = compile_folded(ctx.options.get("extend-handoff", []))
        messages = ctx.document.messages
        subject = ctx.document.ticket.subject
        for msg in ctx.in_scope(self):
            span = handoff_span(msg, ctx, extra_handoff)
            if span is None:
                continue
            # The subject names the topic ("Payroll export failing"), so only an urgency marker there counts.
            if subject and mentions(subject, pack_folded("TL105", msg.language, "urgency"), extra_impact):
                continue
            if any(states_impact(m.prose, m.language, extra_impact) for m in (msg, *earlier_notes(messages, msg.index))):
                continue
            phrase = msg.body[span.start:span.end].strip()
            yield Hit(msg.index, span,
                      f"escalation note ('{phrase[:60]}') does not say who is affected or how urgent it is",
                      self.meta.suggestion)
