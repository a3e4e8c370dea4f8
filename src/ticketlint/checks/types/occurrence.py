"""The `occurrence` check type: too many (or too few) matches of a list in one unit of text.

Vale's `occurrence` ("more than three commas in a sentence"). For a support
reply: more than two apologies in one reply, more than one exclamation mark
in a sentence, a reply with no greeting at all. `rules/<CODE>.toml`:

    type = "occurrence"
    within = "sentence"        # the unit counted: prose (default), body, sentence
    max = 2                    # a finding on the first match beyond it
    min = 1                    # a finding (an empty span at the unit's start) when fewer
    message = "{count} apologies in one reply (at most {max})"

and each language pack the list `tokens` (patterns of the pack dialect). The
message may use {count}, {min}, {max} and {match}.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...document import AnalysedMessage
from ...model import Hit, OptionSpec, Span
from ...packs import Key, PackSchema
from ...patterns import Phrases
from ..base import RuleContext
from .common import Common, pack_lists, units, user_patterns

OCCURRENCE_OPTIONS = (
    OptionSpec("extend-tokens", list, [], "extra phrases (regular expressions) to count, in any language", items=str, regex=True),
)
OCCURRENCE_SCHEMA = PackSchema(keys={
    "tokens": Key("patterns", "phrases counted (regular expressions of the pack dialect)", required=True),
}, macros=True)


class OccurrenceRule:
    def __init__(self, common: Common, minimum: int | None, maximum: int | None) -> None:
        self.common = common
        self.meta = common.meta
        self.min = minimum
        self.max = maximum

    def check(self, ctx: RuleContext[Any]) -> Iterator[Hit]:
        extra = user_patterns(tuple(ctx.options.get("extend-tokens", ())), self.common.fold)
        for msg in ctx.in_scope(self):
            yield from self._check_message(msg, extra, ctx.locale)

    def _check_message(self, msg: AnalysedMessage, extra: Phrases | None, locale: str | None = None) -> Iterator[Hit]:
        lang = locale or msg.language
        c = self.common
        tokens = pack_lists(self.meta.code, c.langs(msg.language), ("tokens",), c.fold, False)
        shown, text, unit_spans = units(msg, c.within, c.fold)
        patterns = [p for p in (*tokens, extra) if p is not None]
        for a, b in unit_spans:
            if not text[a:b].strip():
                continue
            matches = sorted((m.start(), m.end()) for p in patterns for m in p.finditer(text, a, b))
            count = len(matches)
            values: dict[str, object] = {"count": count, "min": self.min, "max": self.max}
            if self.max is not None and count > self.max:
                s, e = matches[self.max]
                yield Hit(msg.index, Span(s, e), c.say(lang, "message", match=shown[s:e], **values) or "", c.say(lang, "suggestion"))
            elif self.min is not None and count < self.min:
                start = a + len(text[a:b]) - len(text[a:b].lstrip())
                yield Hit(msg.index, Span(start, start), c.say(lang, "message", match="", **values) or "", c.say(lang, "suggestion"))
