"""What a language lacks: its language.toml keys, each rule's pack and required keys, examples, corpus.

Used by tests/test_languages.py (every language must lack nothing) and by
whoever adds a language (docs/dev/adding-a-language.md):

    PYTHONPATH=src python -m ticketlint.packs.completeness xx

run from the repository root, lists (one a line) everything the new
language still needs: in `rules/xx/` and in `corpus/xx/`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import api, files
from .schema import flat_messages, optional_message


def _language_file(lang: str) -> list[str]:
    from ..languages import KEYS, READABILITY_KEYS, language

    where = f"rules/{lang}/language.toml"
    data = files.lexicon(lang, "language")
    if not data:
        return [f"{where}: missing"]
    out = [f"{where}: no key '{key}'" for key in KEYS if key not in data]
    read = data.get("readability", {})
    out += [f"{where}: no key 'readability.{key}'" for key in READABILITY_KEYS if isinstance(read, dict) and key not in read]
    if not out:
        try:
            language(lang)
        except files.PackError as exc:
            out.append(str(exc))
    return out


def _rule_packs(lang: str, rules: Iterable[Any]) -> list[str]:
    out: list[str] = []
    for rule in rules:
        meta = rule.meta
        if meta.pack is None or lang not in meta.languages:
            continue
        where = f"rules/{lang}/{meta.code}.toml"
        found = files.sources(f"{lang}/{meta.code}.toml")
        if not found:
            # a rule merging every language's lists still runs: the file is what it lacks, not an error
            out.append(f"{where}: missing ({meta.code} {meta.name}: keys {', '.join(k for k, s in meta.pack.keys.items() if s.required) or 'none required'})")
            continue
        schema = api.rule_schema(meta)  # with its options' descriptions and source (optional to the validator)
        try:
            api.validate(where, found[0][1], schema)
        except files.PackError as exc:
            out.append(str(exc))
        data = files.lexicon(lang, meta.code)
        table = data.get("messages")
        if isinstance(table, dict):  # a language's rule page says every option and the source in it
            flat = flat_messages(table)
            out += [f"{where}: no key 'messages.{k}' ({'the source' if k == 'source' else 'an option' + chr(39) + 's description'})"
                    for k in schema.messages if optional_message(k) and k not in flat]
        for kind in ("bad", "good"):
            if meta.pack.examples and not data.get(kind):
                out.append(f"{where}: no '{kind}' examples")
    return out


def _page_words(lang: str) -> list[str]:
    """The fixed words of a rule's page in this language (`ticketlint rule CODE --locale`): rules/<lang>/ruledoc.toml."""
    from ..ruledoc import WORDS

    return _words_file(lang, WORDS, "the headings and fixed words of a rule's page")


def _run_words(lang: str) -> list[str]:
    """What a run says outside its findings in this language (`check --locale`): rules/<lang>/notices.toml."""
    from ..notices import NAME

    return _words_file(lang, NAME, "the notices, summary line and report words of a run")


def _words_file(lang: str, name: str, what: str) -> list[str]:
    where = f"rules/{lang}/{name}.toml"
    found = files.sources(f"{lang}/{name}.toml")
    schema = api.schema_of(name)
    if not found or schema is None:
        return [f"{where}: missing ({what})"]
    try:
        api.validate(where, found[0][1], schema)
    except files.PackError as exc:
        return [str(exc)]
    return []


def _engine_messages(lang: str) -> list[str]:
    """What the engine says of suppression directives (TL001, TL002) in this language: their [messages]."""
    from ..suppressions import ENGINE_CODES

    out = []
    for code in sorted(ENGINE_CODES):
        where = f"rules/{lang}/{code}.toml"
        found = files.sources(f"{lang}/{code}.toml")
        schema = api.schema_of(code)
        if not found or schema is None:
            out.append(f"{where}: missing (the [messages] of {code}: what the engine says of suppression directives)")
            continue
        try:
            api.validate(where, found[0][1], schema)
        except files.PackError as exc:
            out.append(str(exc))
    return out


def lacks(lang: str, rules: Iterable[Any] | None = None, corpus: Path | None = None) -> list[str]:
    """Everything language `lang` lacks, one line each (empty: complete)."""
    if rules is None:
        from ..registry import default_registry

        rules = list(default_registry())
    out = _language_file(lang) + _rule_packs(lang, rules) + _engine_messages(lang) + _page_words(lang) + _run_words(lang)
    if corpus is not None and not any((corpus / lang).glob("*.jsonl")):
        out.append(f"{corpus / lang}/: no tickets (*.jsonl)")
    return out


def main(argv: list[str]) -> int:
    langs = argv or list(files.languages())
    missing = [line for lang in langs for line in lacks(lang, corpus=Path("corpus"))]  # run from the repository root
    print("\n".join(missing) if missing else f"complete: {', '.join(langs)}")
    return 1 if missing else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
