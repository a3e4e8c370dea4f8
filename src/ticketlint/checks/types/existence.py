"""The `existence` check type: flag every occurrence of a listed phrase.

Vale's most useful rule type. A data rule declares it in `rules/<CODE>.toml`;
each language lists `tokens` (regular expressions, case-insensitive, matched
at word boundaries) and optional `exceptions` (a token match inside an
exception match is not reported) in `rules/<lang>/<CODE>.toml`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...document import AnalysedMessage
from ...model import Hit, OptionSpec, RuleMeta, Span
from ...textutil import compile_patterns
from ..base import RuleContext, pack_pattern, pack_pattern_all

EXISTENCE_OPTIONS = (
    OptionSpec("extend-tokens", list, [], "extra phrases (regular expressions) to flag, in any language"),
    OptionSpec("allow", list, [], "phrases (regular expressions) never to flag"),
)


class ExistenceRule:
    """Flags listed phrases in the prose of the messages in scope."""

    def __init__(self, meta: RuleMeta, message: str, all_languages: bool) -> None:
        self.meta = meta
        self.message = message
        self.all_languages = all_languages

    def _patterns(self, lang: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
        if self.all_languages:
            return pack_pattern_all(self.meta.code, "tokens"), pack_pattern_all(self.meta.code, "exceptions")
        return pack_pattern(self.meta.code, lang, "tokens"), pack_pattern(self.meta.code, lang, "exceptions")

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        extra = compile_patterns(ctx.options.get("extend-tokens", []))
        allow = compile_patterns(ctx.options.get("allow", []))
        for msg in ctx.in_scope(self):
            yield from self._check_message(msg, extra, allow)

    def _check_message(self, msg: AnalysedMessage, extra: re.Pattern[str] | None, allow: re.Pattern[str] | None) -> Iterator[Hit]:
        tokens, exceptions = self._patterns(msg.language)
        prose = msg.prose
        excluded = [(m.start(), m.end()) for p in (exceptions, allow) if p for m in p.finditer(prose)]
        for pattern in (tokens, extra):
            if pattern is None:
                continue
            for m in pattern.finditer(prose):
                if any(s <= m.start() and m.end() <= e for s, e in excluded):
                    continue
                text = m.group(0)
                yield Hit(msg.index, Span(m.start(), m.end()), self.message.format(match=text), self.meta.suggestion)
