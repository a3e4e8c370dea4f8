"""The accessors of the pack API (see the package docstring)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType

from ..model import LANGUAGES
from ..patterns import Phrases, compile_patterns
from ..textutil import fold as fold_accents
from .files import PackError, lexicon
from .schema import Key, PackSchema

_SCHEMAS: dict[str, PackSchema] = {}
_IMPLICIT = {"bad", "good", "macros"}


def declare(name: str, schema: PackSchema) -> None:
    """Declare the schema of the pack files `rules/<lang>/<name>.toml` (once per name)."""
    old = _SCHEMAS.get(name)
    if old is not None and old != schema:
        raise PackError(f"rules/*/{name}.toml: two different schemas are declared")
    _SCHEMAS[name] = schema


def schema_of(name: str) -> PackSchema | None:
    return _SCHEMAS.get(name)


def _key(name: str, lang: str, key: str) -> Key:
    schema = _SCHEMAS.get(name)
    where = f"rules/{lang}/{name}.toml"
    if schema is None:
        raise PackError(f"{where}: no schema is declared for this pack (packs.declare or RuleMeta.pack)")
    found = schema.keys.get(key)
    if found is None:
        raise PackError(f"{where}: '{key}' is not a key of its schema")
    return found


@functools.cache
def _checked(name: str, lang: str) -> Mapping[str, object]:
    """The pack file, its keys checked against the schema (unknown or mistyped keys are errors)."""
    data = lexicon(lang, name)
    schema = _SCHEMAS.get(name)
    where = f"rules/{lang}/{name}.toml"
    if schema is None:
        raise PackError(f"{where}: no schema is declared for this pack (packs.declare or RuleMeta.pack)")
    for key, value in data.items():
        if key in _IMPLICIT and (key != "macros" or schema.macros) and (key == "macros" or schema.examples):
            continue
        spec = schema.keys.get(key)
        if spec is None:
            known = ", ".join(sorted(schema.keys)) or "none"
            raise PackError(f"{where}: unknown key '{key}' (known: {known})")
        if spec.kind in ("patterns", "words"):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise PackError(f"{where}: '{key}' must be a list of strings")
        elif spec.kind == "table":
            if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                raise PackError(f"{where}: '{key}' must be a table of strings")
        elif not isinstance(value, str):
            raise PackError(f"{where}: '{key}' must be a string")
    return MappingProxyType(data)


def words(name: str, lang: str, key: str) -> tuple[str, ...]:
    """List `key` of `rules/<lang>/<name>.toml` (empty when the language's pack leaves it out)."""
    spec = _key(name, lang, key)
    if spec.kind not in ("patterns", "words"):
        raise PackError(f"rules/{lang}/{name}.toml: '{key}' is a {spec.kind}, not a list")
    value = _checked(name, lang).get(key, [])
    assert isinstance(value, list)
    return tuple(value)


def table(name: str, lang: str, key: str) -> Mapping[str, str]:
    _key(name, lang, key)
    value = _checked(name, lang).get(key, {})
    assert isinstance(value, dict)
    return MappingProxyType(value)


def text(name: str, lang: str, key: str) -> str | None:
    _key(name, lang, key)
    value = _checked(name, lang).get(key)
    assert value is None or isinstance(value, str)
    return value


@functools.cache
def phrases(name: str, key: str, lang: str | None, *, fold: bool = False, word_bounded: bool = True,
            extra: tuple[str, ...] = ()) -> Phrases | None:
    """List `key` of the pack of `lang` (every language when None) plus `extra`, as one cached regex.

    `fold`: patterns are matched against text folded by `textutil.fold` (no
    diacritics, one character for one); the patterns are folded the same way.
    """
    langs = LANGUAGES if lang is None else (lang,)
    patterns: list[str] = []
    for lg in langs:
        patterns += words(name, lg, key)
    patterns += extra
    if fold:
        patterns = [fold_accents(p) for p in patterns]
    return compile_patterns(patterns, word_bounded=word_bounded)
