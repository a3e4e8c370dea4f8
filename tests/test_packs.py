"""The pack API: every file under rules/ has a declared schema and validates; errors name file and key; one dialect."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest

from ticketlint import packs
from ticketlint.languages import language
from ticketlint.packs import Key, PackError, PackSchema, dialect
from ticketlint.packs.files import load_toml
from ticketlint.registry import default_registry

RULES = Path(__file__).resolve().parent.parent / "rules"


def _declare_everything() -> None:
    """Import what declares schemas: the rules (registry), every analysis module, masking and the
    suppression directives (TL001/TL002), so that this file passes alone as well as in the suite."""
    default_registry()
    from ticketlint import analysis, masking, notices, ruledoc, suppressions  # noqa: F401  (masking, notices, ruledoc and suppressions declare theirs)

    for info in pkgutil.iter_modules(analysis.__path__):
        importlib.import_module(f"ticketlint.analysis.{info.name}")


def _pack_files() -> list[Path]:
    return sorted(p for p in RULES.glob("*/*.toml"))


@pytest.mark.parametrize("path", _pack_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_pack_file_has_a_schema_and_validates(path: Path) -> None:
    _declare_everything()
    lang, name = path.parent.name, path.stem
    if name == "language":
        assert language(lang).code == lang  # languages.py checks every key of language.toml
        return
    schema = packs.schema_of(name)
    assert schema is not None, f"rules/{lang}/{name}.toml: no schema is declared (RuleMeta.pack or packs.declare)"
    packs.validate(f"rules/{lang}/{name}.toml", load_toml(f"{lang}/{name}.toml"), schema)


SCHEMA = PackSchema(keys={
    "tokens": Key("patterns", "phrases", required=True),
    "exceptions": Key("patterns", "not these"),
    "swap": Key("table", "a -> b"),
    "suffix": Key("text", "an ending"),
}, macros=True)


def test_unknown_key_names_file_key_and_the_known_ones() -> None:
    with pytest.raises(PackError, match=re.escape("rules/es/TL999.toml: unknown key 'exeptions' (known: exceptions, suffix, swap, tokens)")):
        packs.validate("rules/es/TL999.toml", {"tokens": ["a"], "exeptions": ["b"]}, SCHEMA)


def test_mistyped_and_missing_keys_are_errors() -> None:
    with pytest.raises(PackError, match=re.escape("rules/en/X.toml: 'tokens' must be a list of strings")):
        packs.validate("rules/en/X.toml", {"tokens": "a"}, SCHEMA)
    with pytest.raises(PackError, match=re.escape("rules/en/X.toml: 'swap' must be a table of strings")):
        packs.validate("rules/en/X.toml", {"tokens": [], "swap": {"a": 1}}, SCHEMA)
    with pytest.raises(PackError, match=re.escape("rules/en/X.toml: 'suffix' must be a string")):
        packs.validate("rules/en/X.toml", {"tokens": [], "suffix": ["s"]}, SCHEMA)
    with pytest.raises(PackError, match=re.escape("rules/en/X.toml: missing required key 'tokens'")):
        packs.validate("rules/en/X.toml", {"exceptions": []}, SCHEMA)
    packs.validate("org/en/X.toml", {"exceptions": []}, SCHEMA, complete=False)  # an extension need not repeat them
    with pytest.raises(PackError, match="unknown key 'macros'"):
        packs.validate("rules/en/X.toml", {"tokens": [], "macros": {}}, PackSchema(keys=SCHEMA.keys))


def test_reading_an_undeclared_key_or_a_missing_language_is_an_error() -> None:
    _declare_everything()
    with pytest.raises(PackError, match=re.escape("rules/en/TL401.toml: 'tokenz' is not a key of its schema")):
        packs.words("TL401", "en", "tokenz")
    with pytest.raises(PackError, match=re.escape("rules/xx/TL401.toml: missing: 'TL401' has no pack for language 'xx'")):
        packs.words("TL401", "xx", "tokens")
    assert packs.languages_of("TL401") == packs.languages()
    assert not packs.covers("TL401", "xx")


def test_dialect_macros_apostrophes_and_folding() -> None:
    assert dialect.expand(["{{you}} should"], {"you": "anda|kamu"}, "f", "tokens") == ("(?:anda|kamu) should",)
    with pytest.raises(PackError, match=re.escape("f: 'tokens' uses undefined macro '{{me}}'")):
        dialect.expand(["{{me}}"], {}, "f", "tokens")
    # a macro may use other macros (once left as literal braces that never matched: issue 13, idrev5)
    nested = {"you": "anda|kamu", "can": "{{you}} (?:bisa|dapat)", "try": "{{can}} coba"}
    assert dialect.expand(["{{try}} lagi"], nested, "f", "tokens") == ("(?:(?:(?:anda|kamu) (?:bisa|dapat)) coba) lagi",)
    assert re.fullmatch(dialect.expand(["{{try}} lagi"], nested, "f", "tokens")[0], "kamu bisa coba lagi")
    with pytest.raises(PackError, match=re.escape("f: macro '{{can}}' uses undefined macro '{{me}}'")):
        dialect.expand(["{{can}}"], {"can": "{{me}} bisa"}, "f", "tokens")
    with pytest.raises(PackError, match=re.escape("f: macro '{{a}}' uses itself (a -> b -> a)")):
        dialect.expand(["x {{a}}"], {"a": "{{b}}", "b": "y{{a}}"}, "f", "tokens")
    pattern = packs.phrases("TL402", "tokens", "es", fold=True)
    assert pattern is not None
    # es/TL402 writes its forms of address once, as a macro; folded, "usted debería" matches without accents
    assert packs.words("TL402", "es", "tokens") and not any("{{" in p for p in packs.words("TL402", "es", "tokens"))
    from ticketlint.patterns import compile_patterns

    compiled = compile_patterns(dialect.prepare(["you didn't", "razón"], fold=True))
    assert compiled is not None
    assert compiled.search("you didn\u2019t")  # ' matches ’
    assert compiled.search("sin razon")  # accents folded in the pattern; the text is folded by the caller
    assert dialect.literal("a.b (c)") == re.escape("a.b (c)")


def test_languages_come_from_the_folders() -> None:
    from ticketlint.model import LANGUAGES

    folders = tuple(sorted(p.parent.name for p in RULES.glob("*/language.toml")))
    assert LANGUAGES == folders == packs.languages()
