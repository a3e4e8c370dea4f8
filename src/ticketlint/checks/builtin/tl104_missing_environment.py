"""TL104 missing-environment: a failure report that names no device, OS, browser, app or version."""

from __future__ import annotations

from collections.abc import Iterator

from ...document import Document
from ...model import Hit, OptionSpec, Role, RuleMeta, Severity, Span
from ...patterns import Phrases
from ..base import BaseRule, RuleContext
from .tl101_missing_error_code import first_failure, fold, folded_pack_all, has_evidence, option_pattern, quote_phrase

# Agent replies are not read: "Are you on Windows or Mac?" asks for the environment, it does not name it.
_WRITERS = frozenset({Role.CUSTOMER, Role.NOTE})


def names_environment(document: Document, extra: Phrases | None) -> bool:
    """Whether the subject or a customer/note message (whole body) names a device, OS, browser, app or version."""
    pattern = folded_pack_all("TL104", "environment")
    texts = [document.ticket.subject] + [m.body for m in document.messages if m.role in _WRITERS]
    for text in map(fold, filter(None, texts)):
        if pattern is not None and pattern.search(text):
            return True
        if extra is not None and extra.search(text):
            return True
    return False


class MissingEnvironment(BaseRule):
    meta = RuleMeta(
        code="TL104",
        name="missing-environment",
        summary="A technical failure is reported but the ticket names no device, OS, browser, app or version.",
        scope=frozenset({Role.CUSTOMER, Role.NOTE}),
        severity=Severity.WARNING,
        groups=("evidence",),
        rationale=(
            "KCS records the 'Environment' of every issue (product, version, operating system, device) because "
            "the same symptom has different causes on different platforms. Seed 002 (es): the technician only "
            "knows what is written in the work order, and a badly written ticket leads to a bad work order; a "
            "report that 'the sync fails' without saying on which device, system or app version forces another "
            "round trip to the customer. The rule looks in the subject and in every customer message and note "
            "(an agent asking 'Windows or Mac?' does not name the environment). An exact error quote does not "
            "excuse the environment (the same code appears on every platform); teams whose error texts name the "
            "product can set 'ignore-with-error'."
        ),
        seed="KCS 'Environment'; seed 002 (es): the work order only holds what the ticket says",
        suggestion="Ask which device, operating system or browser, and which app and version the customer uses.",
        options=(
            OptionSpec("extend-failure", list, [], "extra failure phrases (regular expressions, any language)", items=str, regex=True),
            OptionSpec("ignore-with-error", bool, False, "do not report a ticket that quotes an error code or message (see TL101): the error names the failing product"),
            OptionSpec("extend-environment", list, [], "extra device, product or version names that count as the environment (e.g. your product names)", items=str, regex=True),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        document = ctx.document
        found = first_failure(ctx.in_scope(self), document, option_pattern(ctx.options, "extend-failure"))
        if found is None:
            return
        if names_environment(document, option_pattern(ctx.options, "extend-environment")):
            return
        if ctx.options.get("ignore-with-error", False) and has_evidence(document, None, logs_count=True):
            return
        msg, span = found
        yield Hit(
            msg.index,
            Span(*span),
            f"'{quote_phrase(msg, span)}' reports a failure, but no device, OS, browser, app or version is named",
            self.meta.suggestion,
        )
