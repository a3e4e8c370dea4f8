"""The `substitution` check type: a table of phrase -> replacement; the finding names the replacement.

Vale's `substitution`. An existence rule can say "this phrase is wrong";
a substitution rule also says what to write instead, which is what a user
needs ("'kindly do the needful' -> 'please'"). `rules/<CODE>.toml`:

    type = "substitution"
    message = "'{match}': write '{replacement}' instead"
    suggestion = "Write '{replacement}'."    # optional; {match} and {replacement} are filled in

and each language pack a table `swap = { "please be advised" = "", "utilise" = "use" }`
whose keys are patterns of the pack dialect (matched case-insensitively at
word boundaries, accent-folded with `fold_accents`) and whose values are the
replacements (an empty one means "drop it"). Matches inside a match of the
pack list `exceptions` or of the user's `allow` option are not reported.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from typing import Any

from ... import packs
from ...document import AnalysedMessage
from ...model import Hit, OptionSpec, Span
from ...packs import Key, PackSchema
from ...packs.files import on_reset
from ...patterns import Phrases, compile_patterns, spans
from ...textutil import fold as fold_accents
from ..base import RuleContext
from .common import Common, pack_lists, units, user_patterns

SUBSTITUTION_OPTIONS = (
    OptionSpec("allow", list, [], "phrases (regular expressions) never to flag", items=str, regex=True),
)
SUBSTITUTION_SCHEMA = PackSchema(keys={
    "swap": Key("table", "phrase (a pattern of the pack dialect) -> the replacement to suggest ('' to drop it)", required=True),
    "exceptions": Key("patterns", "phrases inside which a match is not reported"),
}, macros=True)


@functools.cache
def _table(code: str, langs: tuple[str, ...], folded: bool) -> tuple[Phrases | None, tuple[tuple[re.Pattern[str], str], ...]]:
    """One alternation of every key (the scan), and each key compiled alone with its replacement (to name it)."""
    pairs: list[tuple[str, str]] = []
    for lang in langs:
        pairs += packs.table(code, lang, "swap").items()
    keys = [fold_accents(k) if folded else k for k, _ in pairs]
    whole = compile_patterns(keys)
    singles = tuple((re.compile(f"(?:{k})", re.IGNORECASE), v) for k, (_, v) in zip(keys, pairs))
    return whole, singles


class SubstitutionRule:
    def __init__(self, common: Common) -> None:
        self.common = common
        self.meta = common.meta

    def check(self, ctx: RuleContext[Any]) -> Iterator[Hit]:
        allow = user_patterns(tuple(ctx.options.get("allow", ())), self.common.fold)
        for msg in ctx.in_scope(self):
            yield from self._check_message(msg, allow, ctx.locale)

    def _check_message(self, msg: AnalysedMessage, allow: Phrases | None, locale: str | None = None) -> Iterator[Hit]:
        lang = locale or msg.language
        c = self.common
        whole, singles = _table(self.meta.code, c.langs(msg.language), c.fold)
        if whole is None:
            return
        shown, text, _ = units(msg, c.within, c.fold)
        found = spans(whole, text)
        if not found:
            return
        excluded = [span for p in (*pack_lists(self.meta.code, c.langs(msg.language), ("exceptions",), c.fold, False), allow)
                    for span in spans(p, text)]
        excluded.sort()
        firsts = [a for a, _ in excluded]
        reach: list[int] = []  # the furthest end among exclusions starting at or before each one
        for _, b in excluded:
            reach.append(max(b, reach[-1]) if reach else b)
        for a, b in found:
            i = bisect.bisect_right(firsts, a) - 1
            if i >= 0 and b <= reach[i]:
                continue
            matched = text[a:b]
            replacement = next((v for rx, v in singles if rx.fullmatch(matched)), "")
            values = {"match": shown[a:b], "replacement": replacement}
            suggestion = c.say(lang, "suggestion", **values) or None
            yield Hit(msg.index, Span(a, b), c.say(lang, "message", **values) or "", suggestion)
            if c.once_per_message:
                return


on_reset(_table.cache_clear)
