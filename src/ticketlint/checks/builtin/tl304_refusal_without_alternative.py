"""TL304 refusal-without-alternative: "we can't do that" and nowhere to go.

A refusal (pack `refusals`: "we can't do that", "that's not possible",
"we don't support ...", "no podemos hacer eso", "tidak memungkinkan",
"nu este posibil"...) in an agent reply's prose is flagged unless the reply
also offers an alternative or a pointer (pack `alternatives`: "however, you
can", "instead", "contact your bank", "sin embargo, puede", "namun Anda bisa",
"în schimb", "I've forwarded"...; any URL or e-mail address; a team or
department named in `pointers`). Refusals inside a question ("is it not
possible to ...?") and observations that only look like one ("we can't
reproduce it", pack `exceptions`) are not refusals. One finding per reply, on
its first refusal.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...document import AnalysedMessage
from ...model import Hit, OptionSpec, Role, RuleMeta, Severity, Span
from ..base import BaseRule, RuleContext
from ..replytext import fold, folded_pattern, sentences

CODE = "TL304"
_LINK = re.compile(r"https?://\S+|www\.\S+|\b[\w.+-]+@[\w-]+\.[\w.-]+\b|\b[\w-]+\.(?:com|org|net|io|gov|edu|es|id|ro|co\.id|go\.id)(?:/\S*)?\b", re.IGNORECASE)
_PHONE = re.compile(r"(?:\+\d[\d ()-]{7,}\d|\b0\d{2,3}[ -]?\d{3}[ -]?\d{3,4}\b)")


class RefusalWithoutAlternative(BaseRule):
    meta = RuleMeta(
        code=CODE,
        name="refusal-without-alternative",
        summary="Flags a refusal ('we can't do that', 'not possible') that gives no alternative and no pointer to where to go.",
        scope=frozenset({Role.AGENT}),
        severity=Severity.WARNING,
        groups=("completeness",),
        rationale=(
            "A bare 'no' ends the conversation but not the customer's problem. Seed 004 (law 7) tells agents "
            "to refuse what is not theirs to do firmly but respectfully and to say where the customer should "
            "ask instead ('Eventual, indică-i și unde'); seed 000 (section 4) describes agents who had the "
            "answer but were not allowed to send the customer elsewhere, and reminds customers they have "
            "other options; seed 002 warns that 'no podemos hacer eso' is often simply not true. A refusal "
            "should come with the alternative: what can be done, another channel, team or provider, or a link."
        ),
        seed="seed 004 (ro), law 7; seed 000 (es), section 4; seed 002 (es), 'no podemos hacer eso'",
        suggestion="Say where the customer can go instead: an alternative, the team or provider who can help, or a link.",
        options=(
            OptionSpec("extend-refusals", list, [], "extra regular expressions counted as a refusal", items=str, regex=True),
            OptionSpec("extend-alternatives", list, [], "extra regular expressions counted as an alternative or pointer (team names, portals)", items=str, regex=True),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        for msg in ctx.in_scope(self):
            hit = self._check(msg, ctx)
            if hit is not None:
                yield hit

    def _check(self, msg: AnalysedMessage, ctx: RuleContext) -> Hit | None:
        prose = msg.prose
        folded = fold(prose)
        refusals = folded_pattern(CODE, None, "refusals", tuple(ctx.options.get("extend-refusals", [])))
        if refusals is None:
            return None
        first = None
        exceptions = folded_pattern(CODE, None, "exceptions")
        excepted = [(x.start(), x.end()) for x in exceptions.finditer(folded)] if exceptions is not None else []
        for m in refusals.finditer(folded):
            if any(xs < m.end() and xe > m.start() for xs, xe in excepted):
                continue
            sent = self._sentence(prose, m.start())
            if sent is not None and prose[sent[0] : sent[1]].rstrip(" \"'”’)").endswith("?"):
                continue
            first = (m, sent)
            break
        if first is None:
            return None
        if _LINK.search(prose) or _PHONE.search(prose):
            return None
        for key, extra in (("alternatives", tuple(ctx.options.get("extend-alternatives", []))), ("pointers", ())):
            pat = folded_pattern(CODE, None, key, extra)
            if pat is not None and pat.search(folded):
                return None
        m, _ = first
        phrase = " ".join(msg.body[m.start() : m.end()].split())
        return Hit(msg.index, Span(m.start(), m.end()), f"'{phrase}' refuses without saying what the customer can do instead or where to go", self.meta.suggestion)

    @staticmethod
    def _sentence(prose: str, offset: int) -> tuple[int, int] | None:
        for s, e in sentences(prose):
            if s <= offset < e:
                return (s, e)
        return None
