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

import bisect
import re
from collections.abc import Iterator

from ...analysis.text import fold, folded_pattern, sentences
from ...document import AnalysedMessage
from ...model import Hit, OptionSpec, Role, RuleMeta, Severity, Span
from ..base import BaseRule, RuleContext

CODE = "TL304"
# Only whether the reply holds a link matters (search(...) is tested for truth), not where.
# An e-mail or a bare domain is tried only from the start of a run of the characters its name
# may hold, then the run is taken whole (`*+`): from each word boundary inside a long run
# ("a.a.a.a...", "a-a-a-...") the old `\b[\w.+-]+@` rescanned the run to its end, quadratic.
# Same texts match: the old form needed a word boundary in the run before "@" or ".", which
# exists exactly when the run holds a word character, and the name always ran to the run's end.
_LINK = re.compile(
    r"https?://\S+|www\.\S+"
    r"|(?<![\w.+-])[.+-]*+\w[\w.+-]*+@[\w-]+\.[\w.-]+\b"
    r"|(?<![\w-])-*+\w[\w-]*+\.(?:com|org|net|io|gov|edu|es|id|ro|co\.id|go\.id)(?:/\S*)?\b",
    re.IGNORECASE,
)
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
        # finditer's matches come in order and do not overlap, so their ends rise too: the one
        # exception that can overlap a refusal is the first ending after the refusal's start
        # (bisect, not a scan of every exception per refusal: quadratic on many of both).
        excepted_ends = [xe for _, xe in excepted]
        sents: list[tuple[int, int]] | None = None  # split once, not once per refusal
        for m in refusals.finditer(folded):
            i = bisect.bisect_right(excepted_ends, m.start())
            if i < len(excepted) and excepted[i][0] < m.end():
                continue
            if sents is None:
                sents = sentences(prose)
            sent = self._sentence(sents, m.start())
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
    def _sentence(sents: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
        """The sentence holding `offset` (sentences are in order and do not overlap: bisect)."""
        i = bisect.bisect_right(sents, (offset, float("inf"))) - 1
        if i >= 0 and sents[i][0] <= offset < sents[i][1]:
            return sents[i]
        return None
