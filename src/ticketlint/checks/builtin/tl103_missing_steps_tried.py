"""TL103 missing-steps-tried: a hand-off note that does not say what was already tried.

Also home of the hand-off detection shared with TL105 (`find_handoff`).

What counts as an escalation / hand-off note (decided for precision):

- a note (internal message) whose prose contains a hand-off marker from
  `rules/<lang>/handoff.toml` (`markers`: "escalating to tier 2", "passing to
  the network team", "para nivel 2", "dieskalasi ke tim jaringan",
  "escaladez către nivelul 2", "hand-off", ...), unless the marker is negated
  (`exceptions`: "no need to escalate", "no es necesario escalar", ...);
- or, for plain-text input (`ticketlint check -`, whose default role `note` is
  the escalation use case), any note of at least `plain-min-words` words.

Other internal notes ("Called customer, no answer", "Waiting for the customer
to send the log") are not hand-offs and are never flagged by TL103/TL105.
Matching is on lower-cased text with diacritics removed; pack patterns are
folded the same way.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator, Sequence

from ...document import AnalysedMessage
from ...model import LANGUAGES, Hit, OptionSpec, Role, RuleMeta, Span
from ...packs.files import lexicon, str_list
from ...patterns import Phrases, compile_patterns
from ...readability import word_count
from ...textutil import fold
from ..base import BaseRule, RuleContext

# Leading blanks of the line only ([^\S\n], not \s): under MULTILINE, ^\s* ran from every line start across
# all the blank (or masked: quoted history is blanked to spaces) lines after it, quadratic in their number
# ("Escalating to tier 2." then 13,000 masked quote lines: 6.5 s at 20 KB). The marker found from a line
# start is the first non-space character after it either way, so the count of list lines is the same.
LIST_LINE = re.compile(r"^[^\S\n]*(?:[-*•·▪◦+–]|\(?\d{1,2}[.)]|\(?[a-zA-Z][.)])\s+\S", re.MULTILINE)


def folded(text: str) -> str:
    """Lower-cased, diacritics removed, same length as `text` (offsets stay valid)."""
    out = fold(text).lower()
    if len(out) != len(text):
        out = "".join(c if len(c.lower()) != 1 else c.lower() for c in fold(text))
    return out


def compile_folded(patterns: Iterable[str]) -> Phrases | None:
    return compile_patterns([fold(p).lower() for p in patterns if p])


@functools.cache
def pack_folded(name: str, lang: str, key: str) -> Phrases | None:
    """List `key` of `rules/<lang>/<name>.toml`, folded and merged (cached)."""
    lang = lang if lang in LANGUAGES else "en"
    return compile_folded(str_list(lexicon(lang, name), key, f"rules/{lang}/{name}.toml"))


def find_handoff(msg: AnalysedMessage, min_plain_words: int = 15) -> Span | None:
    """Where a note says it is a hand-off (the marker), or None when it is not one."""
    if msg.role is not Role.NOTE:
        return None
    text = folded(msg.prose)
    markers = pack_folded("handoff", msg.language, "markers")
    exceptions = pack_folded("handoff", msg.language, "exceptions")
    if markers is not None:
        excluded = [(m.start(), m.end()) for m in exceptions.finditer(text)] if exceptions else []
        excluded_starts = [s for s, _ in excluded]
        for m in markers.finditer(text):
            # The exception spans (one finditer: sorted, not overlapping) are bisected: testing each
            # marker against all of them was quadratic ("No need to escalate." repeated).
            i = bisect.bisect_right(excluded_starts, m.start())
            if not (i and m.start() < excluded[i - 1][1]):
                return clause_span(msg.prose, m.start(), m.end())
    if msg.plain and word_count(msg.prose) >= min_plain_words:
        return first_sentence(msg.prose)
    return None


_CLAUSE_END = re.compile(r"[.:;!?](?=\s|$)|\n")


def clause_span(prose: str, start: int, end: int) -> Span:
    """The marker extended to the end of its clause ("Escalating" -> "Escalating to tier 2")."""
    m = _CLAUSE_END.search(prose, end)
    stop = m.start() if m else len(prose)
    stop = min(stop, end + 60)
    return Span(start, max(end, len(prose[:stop].rstrip())))


def first_sentence(prose: str) -> Span:
    start = len(prose) - len(prose.lstrip())
    ends = [i for i in (prose.find(c, start) for c in (". ", "\n", "! ", "? ")) if i != -1]
    end = min(ends) + 1 if ends else len(prose.rstrip())
    return Span(start, max(start, min(end, len(prose.rstrip()))))


def mentions(text: str, pattern: Phrases | None, extra: Phrases | None) -> bool:
    t = folded(text)
    return any(p is not None and p.search(t) for p in (pattern, extra))


def earlier_notes(messages: Sequence[AnalysedMessage], index: int) -> list[AnalysedMessage]:
    return [m for m in messages if m.role is Role.NOTE and m.index < index]


class MissingStepsTried(BaseRule):
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
        options=(
            OptionSpec("extend-steps", list, [], "extra phrases (regular expressions) that show a step was tried", items=str, regex=True),
            OptionSpec("extend-handoff", list, [], "extra phrases (regular expressions) that mark a note as a hand-off", items=str, regex=True),
            OptionSpec("plain-min-words", int, 15, "plain-text notes with at least this many words are treated as hand-offs", minimum=0),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        extra_steps = compile_folded(ctx.options.get("extend-steps", []))
        extra_handoff = compile_folded(ctx.options.get("extend-handoff", []))
        messages = ctx.document.messages
        for msg in ctx.in_scope(self):
            span = handoff_span(msg, ctx, extra_handoff)
            if span is None:
                continue
            if any(has_steps(m, extra_steps) for m in (msg, *earlier_notes(messages, msg.index))):
                continue
            phrase = msg.body[span.start:span.end].strip()
            yield Hit(msg.index, span, f"hand-off note ('{phrase[:60]}') does not say what was already tried",
                      self.meta.suggestion)


def handoff_span(msg: AnalysedMessage, ctx: RuleContext, extra: Phrases | None) -> Span | None:
    span = find_handoff(msg, int(ctx.options.get("plain-min-words", 15)))
    if span is None and extra is not None:
        m = extra.search(folded(msg.prose))
        span = clause_span(msg.prose, m.start(), m.end()) if m else None
    return span


def has_steps(msg: AnalysedMessage, extra: Phrases | None) -> bool:
    if len(LIST_LINE.findall(msg.prose)) >= 2:
        return True
    return mentions(msg.prose, pack_folded("TL103", msg.language, "steps"), extra)
