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

import functools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from re import _constants as _c  # type: ignore[attr-defined]  # the parser of `re` (Python >= 3.11)
from re import _parser  # type: ignore[attr-defined]
from typing import Any

from ...document import AnalysedMessage
from ...model import LANGUAGES, Hit, OptionSpec, RuleMeta, Span
from ...resources import PackError, lexicon, str_list
from ...textutil import compile_patterns
from ..base import RuleContext

EXISTENCE_OPTIONS = (
    OptionSpec("extend-tokens", list, [], "extra phrases (regular expressions) to flag, in any language"),
    OptionSpec("allow", list, [], "phrases (regular expressions) never to flag"),
)

_MACRO = re.compile(r"\{\{(\w[\w-]*)\}\}")


def _fold_table() -> dict[int, str]:
    """Latin letters with diacritics mapped to their base letter (1:1, offsets kept)."""
    table: dict[int, str] = {}
    for cp in range(0x00C0, 0x0250):
        ch = chr(cp)
        base = unicodedata.normalize("NFD", ch)[0]
        if base != ch and base.isascii() and base.isalpha():
            table[cp] = base
    return table


_FOLD = _fold_table()


@functools.lru_cache(maxsize=256)
def fold(text: str) -> str:
    """`text` without diacritics on Latin letters; same length, same offsets (cached: rules share it)."""
    return text if text.isascii() else text.translate(_FOLD)


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
def compile_list(code: str, langs: tuple[str, ...], keys: tuple[str, ...], folded: bool) -> re.Pattern[str] | None:
    """One alternation of lists `keys` of the packs of `langs` (cached)."""
    patterns = [p for lang in langs for key in keys for p in _pack_list(code, lang, key)]
    if folded:
        patterns = [fold(p) for p in patterns]
    return compile_dispatched(patterns)


def _first_chars(items: Any) -> tuple[set[str], bool] | None:
    """Characters a parsed pattern can start with, and whether it can match empty; None when unknown."""
    chars: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            return chars | {chr(av).lower()}, False
        if op is _c.IN:
            if not all(o is _c.LITERAL for o, _ in av):
                return None
            return chars | {chr(v).lower() for _, v in av}, False
        if op is _c.BRANCH:
            nullable = False
            for alt in av[1]:
                sub = _first_chars(alt)
                if sub is None:
                    return None
                chars |= sub[0]
                nullable = nullable or sub[1]
            if not nullable:
                return chars, False
        elif op is _c.SUBPATTERN:
            sub = _first_chars(av[-1])
            if sub is None:
                return None
            chars |= sub[0]
            if not sub[1]:
                return chars, False
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
            sub = _first_chars(av[2])
            if sub is None:
                return None
            chars |= sub[0]
            if av[0] > 0 and not sub[1]:
                return chars, False
        elif op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
            continue  # zero width: the next item decides
        else:
            return None
    return chars, True


def compile_dispatched(patterns: Sequence[str]) -> re.Pattern[str] | None:
    """Like `compile_patterns`, but alternatives are grouped by their first character.

    Python's `re` tries every alternative at every word start; with a few
    hundred phrases that dominates a rule's cost. Each group is guarded by a
    one-character lookahead, so at a given position only the phrases that can
    start there are tried, in their original order (same matches as the plain
    alternation). Phrases whose first character cannot be worked out are
    tried everywhere.
    """
    parts = [p.replace("'", "['\u2019]") for p in patterns if p]
    if not parts:
        return None
    firsts: list[set[str] | None] = []
    for p in parts:
        try:
            info = _first_chars(_parser.parse(p, re.IGNORECASE).data)
        except re.error:
            return compile_patterns(patterns)  # let compile_patterns report the bad pattern
        firsts.append(None if info is None or info[1] else info[0])
    keys = sorted({c for f in firsts if f for c in f})
    if len(keys) < 2:
        return compile_patterns(patterns)
    groups = []
    for c in keys:
        alts = [p for p, f in zip(parts, firsts) if f is None or c in f]
        groups.append(f"(?={re.escape(c)})(?:{'|'.join(f'(?:{a})' for a in alts)})")
    others = [p for p, f in zip(parts, firsts) if f is None]
    if others:
        guard = "".join(re.escape(c) for c in keys)
        groups.append(f"(?![{guard}])(?:{'|'.join(f'(?:{a})' for a in others)})")
    return re.compile(rf"(?<![\w])(?:{'|'.join(groups)})(?![\w])", re.IGNORECASE)


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

    def _patterns(self, lang: str, extra_keys: tuple[str, ...]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
        langs = LANGUAGES if self.all_languages else ((lang,) if lang in LANGUAGES else ())
        code, folded = self.meta.code, self.fold_accents
        return (compile_list(code, langs, ("tokens", *extra_keys), folded),
                compile_list(code, langs, ("exceptions",), folded))

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        extend = ctx.options.get("extend-tokens", [])
        allowed = ctx.options.get("allow", [])
        if self.fold_accents:
            extend, allowed = [fold(p) for p in extend], [fold(p) for p in allowed]
        extra = compile_patterns(extend)
        allow = compile_patterns(allowed)
        keys = tuple(key for option, key in self.optional if ctx.options.get(option, False))
        for msg in ctx.in_scope(self):
            yield from self._check_message(msg, extra, allow, keys)

    def _check_message(
        self, msg: AnalysedMessage, extra: re.Pattern[str] | None, allow: re.Pattern[str] | None, keys: tuple[str, ...] = ()
    ) -> Iterator[Hit]:
        tokens, exceptions = self._patterns(msg.language, keys)
        prose = msg.prose
        text = fold(prose) if self.fold_accents else prose
        found = [(m.start(), m.end()) for pattern in (tokens, extra) if pattern is not None for m in pattern.finditer(text)]
        if not found:
            return  # most messages: the exceptions need not be scanned
        excluded = [(m.start(), m.end()) for p in (exceptions, allow) if p for m in p.finditer(text)]
        spans = [(a, b) for a, b in found if not any(s <= a and b <= e for s, e in excluded)]
        if self.once_per_message and spans:
            spans = [min(spans)]
        for start, end in spans:
            yield Hit(msg.index, Span(start, end), self.message.format(match=prose[start:end]), self.meta.suggestion)

