"""The one pattern dialect of the packs, applied wherever a pack list becomes a regex.

A pack pattern is a Python regular expression plus three conventions, the
same in every pack and every rule:

- `{{name}}` is replaced by `(?:<regex>)` from the file's own
  `macros = { name = "regex" }` table, so that a list of forms of address or
  of verbs is written once; a macro may use other macros (an undefined macro or
  a cycle is an error naming file and key);
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
    """`patterns` with every `{{name}}` replaced by `(?:macros[name])`, macros used inside macros too.

    A macro may be built from others ("{{verb}} {{object}}"); each is resolved once, recursively. Before
    this, a `{{name}}` inside a macro's own text stayed in the regex as literal braces and silently never
    matched (issue 13, idrev5). An undefined name or a macro that uses itself (directly or through others)
    is a `PackError` naming the file and key, never a pattern that cannot match."""
    resolved: dict[str, str] = {}

    def resolve(name: str, chain: tuple[str, ...]) -> str:
        if name in resolved:
            return resolved[name]
        if name not in macros:
            used = f"macro '{{{{{chain[-1]}}}}}'" if chain else f"'{key}'"
            raise PackError(f"{where}: {used} uses undefined macro '{{{{{name}}}}}'")
        if name in chain:
            cycle = " -> ".join((*chain[chain.index(name):], name))
            raise PackError(f"{where}: macro '{{{{{name}}}}}' uses itself ({cycle})")
        body = macros[name]
        if "{{" in body:
            body = MACRO.sub(lambda m: resolve(m.group(1), (*chain, name)), body)
        resolved[name] = f"(?:{body})"
        return resolved[name]

    return tuple(MACRO.sub(lambda m: resolve(m.group(1), ()), p) if "{{" in p else p for p in patterns)


def prepare(patterns: Iterable[str], *, fold: bool) -> list[str]:
    """Patterns ready for `compile_patterns` (which applies the apostrophe rule): folded when asked."""
    return [fold_accents(p) for p in patterns] if fold else list(patterns)


def literal(phrase: str) -> str:
    """A plain phrase (a `words` key, a substitution's left side) as a pattern of the dialect."""
    return re.escape(phrase)
