"""The accessors of the pack API (see the package docstring).

Language policy (one for every rule): a rule runs on the languages named by
its `RuleMeta.languages` (every language by default; a data rule: the
languages it has a pack for, or every language when it merges them all), and
the engine gives it only messages in those languages (`RuleContext.in_scope`).
Every language a rule covers must have its pack file: reading the pack of a
language that has none is an error naming the missing file, never a silent
fallback to English or to an empty list (a rule that looks for the ABSENCE of
a phrase would flag every message of that language). `covers()` and
`languages_of()` say which languages have a pack; tests/test_languages.py
names every file a language lacks.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from ..patterns import Phrases, compile_patterns
from . import dialect, files
from .files import PackError
from .schema import Key, PackSchema, flat_messages, optional_message, placeholders

_SCHEMAS: dict[str, PackSchema] = {}
_OWNERS: dict[str, str] = {}  # pack name -> the module that declared it (rulemap shows which packs a rule reads)
_IMPLICIT = ("bad", "good", "macros")


def declare(name: str, schema: PackSchema) -> None:
    """Declare the schema of the pack files `rules/<lang>/<name>.toml` (once per name)."""
    old = _SCHEMAS.get(name)
    if old is not None and old != schema:
        # the module that reads a rule's pack may declare it before the rule adds its options' descriptions
        if _without_options(old) != _without_options(schema):
            raise PackError(f"rules/*/{name}.toml: two different schemas are declared")
        schema = schema if len(schema.messages) >= len(old.messages) else old
    _SCHEMAS[name] = schema
    _OWNERS.setdefault(name, sys._getframe(1).f_globals.get("__name__", ""))


def _without_options(schema: PackSchema) -> PackSchema:
    from dataclasses import replace

    return replace(schema, messages={k: v for k, v in schema.messages.items() if not optional_message(k)})


def owned_by(module: str) -> tuple[str, ...]:
    """The pack names a module declared (a shared vocabulary's reader, or the registry for rule packs)."""
    return tuple(sorted(n for n, m in _OWNERS.items() if m == module))


def schema_of(name: str) -> PackSchema | None:
    return _SCHEMAS.get(name)


def declared() -> Mapping[str, PackSchema]:
    """Every declared schema by pack name (for the test that walks rules/)."""
    return MappingProxyType(_SCHEMAS)


def _schema(name: str, where: str) -> PackSchema:
    schema = _SCHEMAS.get(name)
    if schema is None:
        raise PackError(f"{where}: no schema is declared for this pack (packs.declare or RuleMeta.pack)")
    return schema


def _key(name: str, lang: str, key: str) -> Key:
    where = f"rules/{lang}/{name}.toml"
    found = _schema(name, where).keys.get(key)
    if found is None:
        raise PackError(f"{where}: '{key}' is not a key of its schema")
    return found


def _type_error(spec: Key, value: Any) -> str | None:
    if spec.kind in ("patterns", "words"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return "must be a list of strings"
    elif spec.kind == "table":
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            return "must be a table of strings"
    elif not isinstance(value, str):
        return "must be a string"
    return None


def validate(where: str, data: Mapping[str, Any], schema: PackSchema, *, complete: bool = True) -> None:
    """Check one file against its schema: unknown, mistyped and (when `complete`) missing required keys."""
    for key, value in data.items():
        if key == "messages" and schema.messages:
            _check_messages(where, value, schema, complete=complete)
            continue
        if key in _IMPLICIT:
            allowed = schema.macros if key == "macros" else schema.examples
            if allowed:
                if key == "macros" and (not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values())):
                    raise PackError(f"{where}: 'macros' must be a table of strings")
                continue
        spec = schema.keys.get(key)
        if spec is None:
            known = ", ".join(sorted(schema.keys)) or "none"
            raise PackError(f"{where}: unknown key '{key}' (known: {known})")
        problem = _type_error(spec, value)
        if problem:
            raise PackError(f"{where}: '{key}' {problem}")
    if complete:
        for key, spec in schema.keys.items():
            if spec.required and key not in data:
                raise PackError(f"{where}: missing required key '{key}' ({spec.help})")
        if schema.messages and schema.messages_required and "messages" not in data:
            raise PackError(f"{where}: missing required table [messages] "
                            f"(what the rule says in this language: {', '.join(sorted(schema.messages))})")


def _check_messages(where: str, value: Any, schema: PackSchema, *, complete: bool) -> None:
    """`[messages]`: a table of non-empty texts, the declared keys (all of them in a complete file), each
    with exactly its declared `{placeholders}`."""
    if not isinstance(value, dict):
        raise PackError(f"{where}: 'messages' must be a table ([messages] key = \"text\")")
    value = flat_messages(value)
    for key, text in value.items():
        wanted = schema.messages.get(key)
        if wanted is None:
            raise PackError(f"{where}: unknown key 'messages.{key}' (known: {', '.join(sorted(schema.messages))})")
        if not isinstance(text, str) or not text.strip():
            raise PackError(f"{where}: 'messages.{key}' must be a non-empty string")
        try:
            found = placeholders(text)
        except ValueError as exc:
            raise PackError(f"{where}: 'messages.{key}': {exc} (a literal brace is written '{{{{' or '}}}}')") from None
        if found != wanted:
            shown = ", ".join(f"{{{p}}}" for p in sorted(wanted)) or "none"
            raise PackError(f"{where}: 'messages.{key}' has the placeholders "
                            f"{', '.join(f'{{{p}}}' for p in sorted(found)) or 'none'}; it must have {shown}")
    if complete:
        # an option's description or the source may be left out (a plugin's, an organisation's rule: its own is shown)
        missing = [k for k in schema.messages if k not in value and not optional_message(k)]
        if missing:
            raise PackError(f"{where}: missing key 'messages.{missing[0]}'" + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""))


def covers(name: str, lang: str) -> bool:
    """Whether language `lang` has a pack `rules/<lang>/<name>.toml` (built-in or from an organisation pack)."""
    return bool(files.sources(f"{lang}/{name}.toml"))


@functools.cache
def languages_of(name: str) -> tuple[str, ...]:
    """The languages that have a pack `rules/<lang>/<name>.toml`. Cached (until `files.reset`): a rule of every
    language asks it per message, and each answer looks the files up on disk."""
    return tuple(lang for lang in files.languages() if covers(name, lang))


def check_org_packs() -> None:
    """Validate every language pack of the active organisation packs now, not when a rule first reads it.

    Called once the rules are registered (their schemas declared): an
    organisation file for a pack nobody declared, in a folder that is no
    language, or with an unknown, mistyped or (for a pack of its own) missing
    key is an error naming that file before any ticket is read.
    """
    langs = files.languages()
    for root in files.org_roots():
        for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
            if folder.name == "vocabularies":
                continue  # the organisation vocabularies (packs/vocab.py), read when the config loads
            if folder.name not in langs:
                raise PackError(f"{folder}: not a language (known: {', '.join(langs)}); "
                                "an organisation pack extends the languages of rules/, it adds none")
            for path in sorted(folder.glob("*.toml")):
                relpath = f"{folder.name}/{path.name}"
                schema = _SCHEMAS.get(path.stem)
                if schema is None:
                    raise PackError(f"{path}: no rule or vocabulary '{path.stem}' reads this pack "
                                    "(an organisation file extends a built-in pack or belongs to one of its own rules)")
                data = dict(next(d for w, d in files.sources(relpath) if w == str(path)))
                validate(str(path), data, schema, complete=not files.builtin_exists(relpath))


@functools.cache
def _checked(name: str, lang: str) -> Mapping[str, Any]:
    """The pack file of `lang`, each contributing file checked against the schema, then merged."""
    relpath = f"{lang}/{name}.toml"
    schema = _schema(name, f"rules/{relpath}")
    found = files.sources(relpath)
    if not found:
        raise PackError(f"rules/{relpath}: missing: '{name}' has no pack for language '{lang}' "
                        "(a rule runs only on the languages of its RuleMeta.languages, and each needs its pack)")
    for i, (where, data) in enumerate(found):
        # an organisation file extends the built-in one: it need not repeat the required keys
        validate(where, data, schema, complete=i == 0)
    return MappingProxyType(files.load_toml(relpath))


def words(name: str, lang: str, key: str) -> tuple[str, ...]:
    """List `key` of `rules/<lang>/<name>.toml`, macros expanded (empty when the pack leaves it out)."""
    spec = _key(name, lang, key)
    if spec.kind not in ("patterns", "words"):
        raise PackError(f"rules/{lang}/{name}.toml: '{key}' is a {spec.kind}, not a list")
    return _expanded(name, lang, key)


@functools.cache
def _expanded(name: str, lang: str, key: str) -> tuple[str, ...]:
    data = _checked(name, lang)
    value = data.get(key, [])
    assert isinstance(value, list)
    if _SCHEMAS[name].macros and _SCHEMAS[name].keys[key].kind == "patterns":
        return dialect.expand(value, data.get("macros", {}), f"rules/{lang}/{name}.toml", key)
    return tuple(value)


def table(name: str, lang: str, key: str) -> Mapping[str, str]:
    spec = _key(name, lang, key)
    if spec.kind != "table":
        raise PackError(f"rules/{lang}/{name}.toml: '{key}' is a {spec.kind}, not a table")
    value = _checked(name, lang).get(key, {})
    assert isinstance(value, dict)
    return MappingProxyType(value)


def text(name: str, lang: str, key: str) -> str | None:
    spec = _key(name, lang, key)
    if spec.kind != "text":
        raise PackError(f"rules/{lang}/{name}.toml: '{key}' is a {spec.kind}, not a text")
    value = _checked(name, lang).get(key)
    assert value is None or isinstance(value, str)
    return value


def message(name: str, lang: str, key: str) -> str:
    """The text `key` of the `[messages]` table of `rules/<lang>/<name>.toml` (a format string whose
    placeholders the schema declares). A key the schema does not declare, or a pack without it, is an
    error: a message is never taken from another language."""
    schema = _schema(name, f"rules/{lang}/{name}.toml")
    if key not in schema.messages:
        raise PackError(f"rules/{lang}/{name}.toml: 'messages.{key}' is not a message of its schema")
    table = _checked(name, lang).get("messages")
    found = flat_messages(table).get(key) if isinstance(table, dict) else None
    if not isinstance(found, str):
        raise PackError(f"rules/{lang}/{name}.toml: missing key 'messages.{key}'")
    return found


def rule_schema(meta: Any) -> PackSchema:
    """The schema a rule's packs are read through: its `RuleMeta.pack` with an `option.<name>` message for
    each of its options (their descriptions in the pack's language, `ticketlint rule CODE --locale es`) and
    `source` when it names one (its `seed`)."""
    from .schema import with_options

    return with_options(meta.pack, (o.name for o in meta.option_specs), source=bool(meta.seed))


def has_messages(name: str, lang: str) -> bool:
    """Whether `lang` has a pack for `name` whose `[messages]` table is there (an organisation's data rule
    may have none: it then speaks its own `message` in every language, docs/packs.md)."""
    return covers(name, lang) and isinstance(_checked(name, lang).get("messages"), dict)


def patterns(name: str, key: str, lang: str | None, *, fold: bool = False) -> list[str]:
    """List `key` as patterns of the dialect: of `lang`, or of every language that has the pack (None).

    A `words` list is escaped (its items are plain phrases); macros are
    expanded; with `fold`, diacritics are folded away.
    """
    langs = languages_of(name) if lang is None else (lang,)
    literal = _key(name, langs[0] if langs else "*", key).kind == "words"
    out: list[str] = []
    for lg in langs:
        items = words(name, lg, key)
        out += [dialect.literal(w) for w in items] if literal else items
    return dialect.prepare(out, fold=fold)


@functools.cache
def phrases(name: str, key: str, lang: str | None, *, fold: bool = False, word_bounded: bool = True,
            extra: tuple[str, ...] = ()) -> Phrases | None:
    """List `key` of the pack of `lang` (every language that has one when None) plus `extra`, as one cached regex.

    `fold`: patterns are matched against text folded by `textutil.fold` (no
    diacritics, one character for one); the patterns, `extra` included, are
    folded the same way. None when the list is empty.
    """
    merged = patterns(name, key, lang, fold=fold) + dialect.prepare(extra, fold=fold)
    return compile_patterns(merged, word_bounded=word_bounded)


files.on_reset(_checked.cache_clear)
files.on_reset(_expanded.cache_clear)
files.on_reset(phrases.cache_clear)
files.on_reset(languages_of.cache_clear)
