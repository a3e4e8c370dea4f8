"""The `existence` check type: flag every occurrence of a listed phrase.

Vale's most useful rule type. A data rule declares it in `rules/<CODE>.toml`;
each language lists `tokens` (regular expressions, case-insensitive, matched
at word boundaries) and optional `exceptions` (a token match inside an
exception match is not reported) in `rules/<lang>/<CODE>.toml`.

Optional features, all off unless the rule asks for them:

- `fold_accents = true` in `rules/<CODE>.toml`: patterns and prose are matched
  with diacritics removed (one character for one, so offsets do not move), so
  that "va aducem la cunostinta" matches "vă aducem la cunoștință" and
  "razon" matches "razón". Tickets are often typed without accents.
- `macros = { you = "(?:anda|bapak|ibu)" }` in a language pack: `{{you}}` in
  that pack's tokens and exceptions is replaced by the macro's regex, so that
  a list of forms of address is written once.
- `once_per_message = true` in `rules/<CODE>.toml`: report only the first match
  of a message, for rules where several matches are one problem (a hedged
  answer hedges in three places; it is still one guess).
- `optional = [{ option = "flag-x", key = "x", help = "..." }]` in
  `rules/<CODE>.toml`: a boolean option (default off) that adds the language
  packs' list `x` to the tokens, for phrases a team may or may not want flagged.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from ...document import AnalysedMessage
from ...model import LANGUAGES, Hit, OptionSpec, RuleMeta, Span
from ...packs.files import PackError, lexicon, str_list
from ...patterns import Phrases, compile_patterns, compile_split
from ...textutil import fold
from ..base import RuleContext

EXISTENCE_OPTIONS = (
    OptionSpec("extend-tokens", list, [], "extra phrases (regular expressions) to flag, in any language", items=str, regex=True),
    OptionSpec("allow", list, [], "phrases (regular expressions) never to flag", items=str, regex=True),
)

_MACRO = re.compile(r"\{\{(\w[\w-]*)\}\}")


@functools.cache
def _pack_list(code: str, lang: str, key: str) -> tuple[str, ...]:
    """List `key` of `rules/<lang>/<code>.toml`, with `{{macro}}` references expanded."""
    where = f"rules/{lang}/{code}.toml"
    data = lexicon(lang, code)
    macros = data.get("macros", {})
    if not isinstance(macros, dict) or not all(isinstance(v, str) for v in macros.values()):
        raise PackError(f"{where}: 'macros' must be a table of strings")

    def expand(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in macros:
            raise PackError(f"{where}: '{key}' uses undefined macro '{{{{{name}}}}}'")
        return f"(?:{macros[name]})"

    return tuple(_MACRO.sub(expand, p) for p in str_list(data, key, where))


@functools.cache
def compile_list(code: str, langs: tuple[str, ...], keys: tuple[str, ...], folded: bool) -> tuple[Phrases, ...]:
    """Lists `keys` of the packs of `langs` as merged patterns (cached; split by case, see compile_split)."""
    patterns = [p for lang in langs for key in keys for p in _pack_list(code, lang, key)]
    if folded:
        patterns = [fold(p) for p in patterns]
    return compile_split(patterns)


@functools.cache
def _user_patterns(extend: tuple[str, ...], allowed: tuple[str, ...], folded: bool) -> tuple[Phrases | None, Phrases | None]:
    """The user's `extend-tokens` and `allow` options compiled once, not once per ticket."""
    if folded:
        extend, allowed = tuple(fold(p) for p in extend), tuple(fold(p) for p in allowed)
    return compile_patterns(extend), compile_patterns(allowed)


class ExistenceRule:
    """Flags listed phrases in the prose of the messages in scope."""

    def __init__(
        self,
        meta: RuleMeta,
        message: str,
        all_languages: bool,
        fold_accents: bool = False,
        optional: Sequence[tuple[str, str]] = (),
        once_per_message: bool = False,
    ) -> None:
        self.meta = meta
        self.message = message
        self.all_languages = all_languages
        self.fold_accents = fold_accents
        self.optional = tuple(optional)  # (option name, pack list key)
        self.once_per_message = once_per_message
        # hot-path caches: patterns per (language, optional lists), compiled options per mapping
        self._by_language: dict[tuple[str, tuple[str, ...]], tuple[tuple[Phrases, ...], tuple[Phrases, ...]]] = {}
        self._prepared: dict[int, tuple[Mapping[str, Any], tuple[Phrases | None, Phrases | None, tuple[str, ...]]]] = {}

    def _patterns(self, lang: str, extra_keys: tuple[str, ...]) -> tuple[tuple[Phrases, ...], tuple[Phrases, ...]]:
        found = self._by_language.get((lang, extra_keys))
        if found is None:
            langs = LANGUAGES if self.all_languages else ((lang,) if lang in LANGUAGES else ())
            code, folded = self.meta.code, self.fold_accents
            found = self._by_language[(lang, extra_keys)] = (
                compile_list(code, langs, ("tokens", *extra_keys), folded),
                compile_list(code, langs, ("exceptions",), folded),
            )
        return found

    def _prepare(self, options: Mapping[str, Any]) -> tuple[Phrases | None, Phrases | None, tuple[str, ...]]:
        """The user's options compiled, once per options mapping (the engine passes the same one every ticket)."""
        cached = self._prepared.get(id(options))
        if cached is not None and cached[0] is options:  # holding `options` keeps its id from being reused
            return cached[1]
        extra, allow = _user_patterns(
            tuple(options.get("extend-tokens", ())), tuple(options.get("allow", ())), self.fold_accents
        )
        keys = tuple(key for option, key in self.optional if options.get(option, False))
        self._prepared[id(options)] = (options, (extra, allow, keys))
        return extra, allow, keys

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        extra, allow, keys = self._prepare(ctx.options)
        for msg in ctx.in_scope(self):
            yield from self._check_message(msg, extra, allow, keys)

    def _check_message(
        self, msg: AnalysedMessage, extra: Phrases | None, allow: Phrases | None, keys: tuple[str, ...] = ()
    ) -> Iterator[Hit]:
        tokens, exceptions = self._patterns(msg.language, keys)
        prose = msg.prose
        text = fold(prose) if self.fold_accents else prose
        found = [(m.start(), m.end()) for pattern in (*tokens, extra) if pattern is not None for m in pattern.finditer(text)]
        if not found:
            return  # most messages: the exceptions need not be scanned
        # Per exception pattern, finditer's matches come in order without overlapping, so their ends
        # rise with their starts: of those starting at or before a token, the last one reaches
        # furthest. One bisect per token and pattern instead of a scan of every exception match
        # (quadratic when a message repeats a phrase that is both a token and an exception).
        excluded = [[(m.start(), m.end()) for m in p.finditer(text)] for p in (*exceptions, allow) if p]
        starts = [[xs for xs, _ in matches] for matches in excluded]

        def kept(a: int, b: int) -> bool:
            for matches, firsts in zip(excluded, starts):
                i = bisect.bisect_right(firsts, a) - 1
                if i >= 0 and b <= matches[i][1]:
                    return False
            return True

        spans = [(a, b) for a, b in found if kept(a, b)]
        if self.once_per_message and spans:
            spans = [min(spans)]
        for start, end in spans:
            yield Hit(msg.index, Span(start, end), self.message.format(match=prose[start:end]), self.meta.suggestion)

