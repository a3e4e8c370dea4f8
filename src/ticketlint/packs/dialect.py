"""The one pattern dialect of the packs, applied wherever a pack list becomes a regex.

A pack pattern is a Python regular expression plus three conventions, the
same in every pack and every rule:

- `{{name}}` is replaced by `(?:<regex>)` from the file's own
  `macros = { name = "regex" }` table, so that a list of forms of address or
  of verbs is written once (an undefined macro is an error naming file and key);
- a straight apostrophe `'` also matches the typographic one `’`
  (`patterns.typographic_apostrophes`, applied when patterns are compiled);
- with accent folding (`fold=True`), patterns and text are compared without
  diacritics (`textutil.fold`, one character for one so offsets do not move):
  "razon" matches "razón", "cunostinta" matches "cunoștință".

Matching is case-insensitive and, unless a caller says otherwise, bounded by
word characters on both sides (`patterns.compile_patterns`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from .. import recache
from ..textutil import fold as fold_accents
from .files import PackError

MACRO = recache.compile(r"\{\{(\w[\w-]*)\}\}")


def expand(patterns: Iterable[str], macros: Mapping[str, str], where: str, key: str) -> tuple[str, ...]:
    """`patterns` with every `{{name}}` replaced by `(?:macros[name])`."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in macros:
            raise PackError(f"{where}: '{key}' uses undefined macro '{{{{{name}}}}}'")
        return f"(?:{macros[name]})"

    return tuple(MACRO.sub(one, p) if "{{" in p else p for p in patterns)


def prepare(patterns: Iterable[str], *, fold: bool) -> list[str]:
    """Patterns ready for `compile_patterns` (which applies the apostrophe rule): folded when asked."""
    return [fold_accents(p) for p in patterns] if fold else list(patterns)


def literal(phrase: str) -> str:
    """A plain phrase (a `words` key, a substitution's left side) as a pattern of the dialect."""
    return re.escape(phrase)
