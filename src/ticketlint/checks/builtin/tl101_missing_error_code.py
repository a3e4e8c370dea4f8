"""TL101 missing-error-code: a failure is reported and the ticket quotes no error.

The failure statement and the evidence are the analysis layer's
(analysis/failure.py, the shared vocabulary `rules/<lang>/failure.toml`):
TL104 starts from the same failure statement and may ask for the same
evidence. `rules/<lang>/TL101.toml` holds the rule's examples only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ...analysis.failure import first_failure, quote_phrase, user_phrases
from ...model import Hit, Role, RuleMeta, Severity
from ...packs import PackSchema
from ...ruleoptions import RuleOptions, option
from ..base import BaseRule, RuleContext


@dataclass(frozen=True, slots=True)
class Options(RuleOptions):
    extend_failure: tuple[str, ...] = option((), "extra failure phrases (regular expressions, any language)", regex=True)
    extend_evidence: tuple[str, ...] = option(
        (), "extra patterns that count as an error code or message (e.g. your product's codes)", regex=True
    )
    logs_are_evidence: bool = option(True, "a pasted log (indented or fenced block) counts as evidence")


class MissingErrorCode(BaseRule[Options]):
    meta = RuleMeta(
        code="TL101",
        name="missing-error-code",
        summary="A technical failure is reported but the ticket quotes no error code, error message, status code or log.",
        scope=frozenset({Role.CUSTOMER, Role.NOTE}),
        severity=Severity.WARNING,
        groups=("evidence",),
        rationale=(
            "Seed 004 (ro), law 2, 'Orice are un cod de eroare' (everything has an error code): with the error, "
            "troubleshooting is quick; without it support must first build a list of possible causes and check "
            "them one by one, so 'ask the customer for the error: the error is sacred'. A report such as "
            "'it doesn't work' or 'no funciona' that reaches the next tier without the error code or message "
            "sends it back to the customer. The rule looks for evidence anywhere in the ticket: the subject, every "
            "customer message and note, pasted logs and quoted text included: hex codes (0x80070005), HTTP or "
            "exit codes, event ids, quoted error text, stack traces, exception and errno names. Public agent "
            "replies are not evidence: what they quote is what the customer should see next; only an error they quote, or a status"
            " code staff got when they tried it ('the result is 403'), counts."
        ),
        seed="seed 004 (ro), law 2: 'Orice are un cod de eroare'; ask for the error",
        suggestion="Ask the customer for the exact error code or message (a screenshot or the text, copied as is).",
        options=Options,
        pack=PackSchema().saying(failure=("phrase",)),
    )

    def check(self, ctx: RuleContext[Options]) -> Iterator[Hit]:
        document = ctx.document
        opts = ctx.options
        found = first_failure(ctx.in_scope(self), document, user_phrases(opts.extend_failure))
        if found is None:
            return
        if document.evidence(user_phrases(opts.extend_evidence), opts.logs_are_evidence):
            return
        msg, span = found
        yield Hit(
            msg.index,
            span,
            ctx.say(msg, "failure", phrase=quote_phrase(msg, span)),
            ctx.say(msg, "suggestion"),
        )
