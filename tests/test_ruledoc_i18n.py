"""A rule's page wholly in the agent's language: `ticketlint rule CODE --locale es|id|ro` says the rule's text,
each option's description, the source, and the page's own words (headings, "Scope:", the names of languages,
roles, severities and option types) in that language, from the packs: `option.<name>` and `source` in each
rule's `[messages]`, the fixed words in `rules/<lang>/ruledoc.toml`. English stays the reference."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from ticketlint import packs
from ticketlint.cli import main
from ticketlint.model import LANGUAGES
from ticketlint.packs.files import lexicon
from ticketlint.registry import default_registry
from ticketlint.ruledoc import WORDS, page, parts, render, say
from ticketlint.suppressions import ENGINE_META

REGISTRY = default_registry(plugins=False)
OTHER = [lang for lang in LANGUAGES if lang != "en"]
CODES = [m.code for m in ENGINE_META] + [r.meta.code for r in REGISTRY]

# What the English page says besides the rule's own text: none of it may be left in another language's page.
ENGLISH_WORDS = re.compile(
    r"^#+ (?:What it does|Why|What to do|Options|Flagged|Not flagged|Where it lives)$"
    r"|^Scope: |Default severity:|^Aliases: |^Source: |^(?:English|Spanish|Indonesian|Romanian):$"
    r"|, default `|^- Definition: |^- Packs: |^- Analysis it reads: |^- Tests: |\(the examples\)|\(data rule, type ",
    re.M)


def _table(code: str, lang: str) -> dict[str, object]:
    table = lexicon(lang, code).get("messages")
    assert isinstance(table, dict), f"rules/{lang}/{code}.toml has no [messages] table"
    return packs.flat_messages(table)


@pytest.mark.parametrize("rule", list(REGISTRY), ids=[r.meta.code for r in REGISTRY])
def test_every_option_has_its_description_in_every_language(rule: object) -> None:
    meta = rule.meta  # type: ignore[attr-defined]
    for lang in LANGUAGES:
        table = _table(meta.code, lang)
        for spec in meta.option_specs:
            text = table.get(packs.option_key(spec.name))
            assert isinstance(text, str) and text.strip(), f"rules/{lang}/{meta.code}.toml: no messages.option.{spec.name}"
        if meta.seed:
            assert isinstance(table.get("source"), str), f"rules/{lang}/{meta.code}.toml: no messages.source"
        unknown = {k for k in table if k.startswith(packs.OPTION_PREFIX)} - {packs.option_key(o.name) for o in meta.option_specs}
        assert not unknown, (lang, meta.code, unknown)


@pytest.mark.parametrize("lang", OTHER)
@pytest.mark.parametrize("code", CODES)
def test_the_rule_page_in_a_locale_has_no_english_word_of_its_own(code: str, lang: str) -> None:
    out = CliRunner().invoke(main, ["rule", code, "--isolated", "--locale", lang])
    assert out.exit_code == 0, out.output
    found = ENGLISH_WORDS.findall(out.output)
    assert not found, (code, lang, found)
    assert f"## {say(lang, 'heading.what')}" in out.output
    meta = REGISTRY.get(code).meta if code not in {m.code for m in ENGINE_META} else None
    if meta is not None:
        for spec in meta.option_specs:  # each option's description in the locale, its name and default as they are
            help_text = packs.message(code, lang, packs.option_key(spec.name)).format()
            assert f"`{spec.name}`" in out.output and help_text in out.output and f"`{spec.default!r}`" in out.output
            assert spec.help not in out.output, (code, lang, spec.name)
        if meta.seed:
            assert packs.message(code, lang, "source") in out.output


def test_the_english_page_is_the_reference() -> None:
    runner = CliRunner()
    for code in ("TL101", "TL402", "TL001"):
        english = runner.invoke(main, ["rule", code, "--isolated"]).output
        assert english == runner.invoke(main, ["rule", code, "--isolated", "--locale", "en"]).output
        assert "## What it does" in english and "Scope: " in english
    meta = REGISTRY.get("TL203").meta
    assert page(meta, "en") == render(meta)
    assert "e.g. {en = 40, es = 45}" in page(meta, "en")  # '{{' in the pack is a literal brace
    assert "p. ej. {en = 40, es = 45}" in page(meta, "es")


def test_the_fixed_words_are_one_table_per_language() -> None:
    schema = packs.schema_of(WORDS)
    assert schema is not None
    english = _table(WORDS, "en")
    assert set(english) == set(schema.messages)
    for lang in OTHER:
        table = _table(WORDS, lang)
        assert set(table) == set(english), lang
        for key, text in table.items():
            assert isinstance(text, str)
            assert packs.placeholders(text) == packs.placeholders(str(english[key])), (lang, key)
            if key.startswith("heading.") or key.startswith("line.") and key != "line.plugin":
                assert text != english[key], (lang, key)
            if lang == "ro":
                assert not re.search("[şţŞŢ]", text), (key, text)


def test_the_page_as_data() -> None:
    meta = REGISTRY.get("TL101").meta
    es = parts(meta, "es")
    assert es["summary"] == packs.message("TL101", "es", "summary")
    assert es["source"] == packs.message("TL101", "es", "source")
    assert [o["name"] for o in es["options"]] == [o.name for o in meta.option_specs]
    assert es["options"][0]["help"] == packs.message("TL101", "es", "option.extend-failure")
    assert es["options"][2]["type"] == "bool" and es["options"][2]["default"] is True
    assert es["words"]["flagged"] == "Se señala"
    langs = {ex["language"] for ex in es["examples"]["flagged"]}
    assert langs == set(LANGUAGES)
    first = es["examples"]["flagged"][0]
    assert first["messages"][0]["role"] in ("customer", "agent", "note") and first["messages"][0]["body"]
    assert parts(meta, "en")["summary"] == meta.summary
