"""Messages in the agent's language: every rule says its findings, suggestions and help text in en, es,
id and ro, from the `[messages]` table of its `rules/<lang>/<CODE>.toml`, chosen by the language of the
message a finding is on, or by `--locale` / the config's `locale`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from ticketlint import packs
from ticketlint.cli import main
from ticketlint.config import ConfigError, parse_table
from ticketlint.engine import Linter
from ticketlint.model import LANGUAGES, Message, Role, Ticket
from ticketlint.packs import PackError, PackSchema, placeholders
from ticketlint.packs.files import lexicon
from ticketlint.registry import default_registry
from ticketlint.ruledoc import localized
from ticketlint.suppressions import ENGINE_META

REGISTRY = default_registry(plugins=False)
RULES = [r.meta for r in REGISTRY]
CODES = [m.code for m in (*ENGINE_META, *RULES)]
OTHER = [lang for lang in LANGUAGES if lang != "en"]
DATA_RULES = {p.stem: p for p in Path(__file__).resolve().parents[1].joinpath("rules").glob("TL*.toml")}


def _table(code: str, lang: str) -> dict[str, str]:
    table = lexicon(lang, code).get("messages")
    assert isinstance(table, dict), f"rules/{lang}/{code}.toml has no [messages] table"
    return packs.flat_messages(table)  # type: ignore[return-value]  # `option.allow = "..."`: the key "option.allow"


def test_the_four_languages_are_the_ones_shipped() -> None:
    assert set(LANGUAGES) == {"en", "es", "id", "ro"}


def test_every_rule_is_listed() -> None:
    listed = {line.split()[0] for line in CliRunner().invoke(main, ["rules", "--isolated"]).output.splitlines() if line}
    assert listed == set(CODES)
    assert {"TL001", "TL002", "TL601", "TL602", "TL304", "TL401"} <= listed


@pytest.mark.parametrize("code", CODES)
def test_every_key_in_every_language(code: str) -> None:
    schema = packs.schema_of(code)
    assert schema is not None and schema.messages, f"{code} declares no [messages] in its PackSchema"
    assert {"summary", "suggestion", "rationale"} <= set(schema.messages)
    for lang in LANGUAGES:
        table = _table(code, lang)
        assert set(table) == set(schema.messages), (lang, set(table) ^ set(schema.messages))
        for key, text in table.items():
            assert isinstance(text, str) and text.strip(), (lang, key)
            assert text == text.strip(), (lang, key, "leading or trailing space")
            if lang == "ro":  # Romanian with its comma-below letters, never the cedilla look-alikes
                assert not re.search("[şţŞŢ]", text), (key, text)


@pytest.mark.parametrize("code", CODES)
def test_placeholders_are_the_same_in_the_four_languages(code: str) -> None:
    schema = packs.schema_of(code)
    assert schema is not None
    english = _table(code, "en")
    for lang in OTHER:
        table = _table(code, lang)
        for key, text in table.items():
            assert placeholders(text) == placeholders(english[key]) == schema.messages[key], (lang, key)


@pytest.mark.parametrize("code", CODES)
def test_translations_are_not_copies_of_english(code: str) -> None:
    english = _table(code, "en")
    for lang in OTHER:
        for key, text in _table(code, lang).items():
            assert text != english[key], f"rules/{lang}/{code}.toml: messages.{key} is the English text"
            if len(english[key]) > 30:  # a whole sentence: most of its words are not English ones
                words = _words(english[key])
                kept = words & _words(text)
                assert len(kept) <= max(3, len(words) // 4), (lang, key, sorted(kept))


# What a translation may share with English: placeholders, quoted examples, lists of terms in parentheses,
# names of options and commands, and the words every language of support uses ("ticket", "error").
_SHARED = re.compile(r"\{[^}]*\}|'[^']*'|„[^”]*”|\([^)]*\)|`[^`]*`|--[\w-]+")


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]{4,}", _SHARED.sub(" ", text.lower()))) - {"ticket", "error", "token", "tokens"}


_QUOTED = re.compile(r"'([^']{12,})'|„([^”]{12,})”")


@pytest.mark.parametrize("code", CODES)
def test_examples_in_suggestions_are_translated(code: str) -> None:
    """An example quoted in a suggestion ('1. Restarted the router: no change') is in the message's language."""
    english = _table(code, "en")
    for key, text in english.items():
        if key in ("summary", "rationale", "source"):
            continue  # they quote phrases of every language ('kelas dunia') and sources as written ('Orice are un cod de eroare')
        examples = [a or b for a, b in _QUOTED.findall(text) if "{" not in (a or b)]
        for lang in OTHER:
            for example in examples:
                assert example not in _table(code, lang)[key], (lang, key, example)


def test_english_is_the_rule_metadata() -> None:
    for meta in (*ENGINE_META, *RULES):
        english = _table(meta.code, "en")
        assert english["summary"] == meta.summary, meta.code
        assert english["suggestion"] == meta.suggestion, meta.code
        assert english["rationale"] == meta.rationale, meta.code
        assert english.get("source", "") == meta.seed, meta.code
        for spec in meta.option_specs:  # '{{' in a pack is the literal brace of the help
            assert english[packs.option_key(spec.name)].format() == spec.help, (meta.code, spec.name)
    for code, path in DATA_RULES.items():
        import tomllib

        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert _table(code, "en")["message"] == data["message"], code


def test_the_validator_names_a_missing_key_an_unknown_key_and_a_wrong_placeholder() -> None:
    schema = PackSchema().saying(failure=("phrase",))
    good = {"summary": "s", "suggestion": "g", "rationale": "r", "failure": "'{phrase}' falla"}
    packs.validate("rules/xx/TL999.toml", {"messages": good}, schema)
    with pytest.raises(PackError, match=r"rules/xx/TL999.toml: missing key 'messages.failure'"):
        packs.validate("rules/xx/TL999.toml", {"messages": {"summary": "s", "suggestion": "g", "rationale": "r"}}, schema)
    with pytest.raises(PackError, match=r"unknown key 'messages.failures'"):
        packs.validate("rules/xx/TL999.toml", {"messages": {**good, "failures": "x"}}, schema)
    with pytest.raises(PackError, match=r"'messages.failure' has the placeholders \{frase\}; it must have \{phrase\}"):
        packs.validate("rules/xx/TL999.toml", {"messages": {**good, "failure": "'{frase}' falla"}}, schema)
    with pytest.raises(PackError, match=r"'messages.failure' must be a non-empty string"):
        packs.validate("rules/xx/TL999.toml", {"messages": {**good, "failure": " "}}, schema)
    with pytest.raises(PackError, match=r"missing required table \[messages\]"):
        packs.validate("rules/xx/TL999.toml", {}, schema)
    with pytest.raises(PackError, match=r"is not a named placeholder|literal brace"):
        packs.validate("rules/xx/TL999.toml", {"messages": {**good, "failure": "{phrase} {"}}, schema)


def test_a_missing_message_is_an_error_not_english() -> None:
    with pytest.raises(PackError, match="not a message of its schema"):
        packs.message("TL101", "es", "no-such-key")


def _lint(*messages: tuple[Role, str], **config: object) -> list[tuple[str, str, str | None, str | None]]:
    ticket = Ticket(id="t", messages=tuple(Message(role=r, body=b) for r, b in messages))
    linter = Linter(parse_table(config) if config else None)
    found = [g for f in linter.lint(ticket).findings for g in (f, *f.related)]  # the related findings say theirs too
    return [(f.code, f.message, f.suggestion, f.language) for f in found]


def test_findings_speak_the_language_of_their_message() -> None:
    found = _lint((Role.CUSTOMER, "La impresora no funciona desde ayer y no hice nada."),
                  (Role.AGENT, "Ya, silakan coba lagi besok. Mohon maaf atas ketidaknyamanannya."))
    by_code = {code: (message, suggestion, lang) for code, message, suggestion, lang in found}
    message, suggestion, lang = by_code["TL101"]
    assert lang == "es"
    assert message == "'no funciona' informa de un fallo, pero el ticket no tiene ningún código de error ni mensaje de error"
    assert suggestion == packs.message("TL101", "es", "suggestion")
    message, suggestion, lang = by_code["TL406"]
    assert lang == "id"
    assert message == "'Mohon maaf atas ketidaknyamanannya' adalah frasa baku dari templat"  # the match as written
    assert suggestion is not None and "Maaf ekspornya gagal" in suggestion  # the example too is Indonesian


def test_english_messages_are_unchanged() -> None:
    found = _lint((Role.CUSTOMER, "The printer stopped working and I didn't do anything."))
    assert ("TL102", "'I didn't do anything' claims nothing changed, without saying what changed before the problem started",
            "Ask what changed recently (updates, new software, password or network changes) and when it last worked.",
            "en") in found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_locale_overrides_the_language_of_the_message(lang: str) -> None:
    found = _lint((Role.CUSTOMER, "Imprimanta nu mai merge, nu am schimbat nimic."), locale=lang)
    code, message, suggestion, detected = next(f for f in found if f[0] == "TL102")
    assert detected == "ro"  # the finding's language is still the message's
    assert message == packs.message("TL102", lang, "claim").format(phrase="nu am schimbat nimic")
    assert suggestion == packs.message("TL102", lang, "suggestion")


def _templates(code: str, lang: str) -> list[re.Pattern[str]]:
    """Each message text of a rule's language as a pattern: its placeholders match anything."""
    out = []
    for text in _table(code, lang).values():
        parts = re.split(r"\{[^}]*\}", text.replace("{{", "\0").replace("}}", "\1"))
        body = ".*".join(re.escape(p.replace("\0", "{").replace("\1", "}")) for p in parts)
        out.append(re.compile(body, re.DOTALL))
    return out


@pytest.mark.parametrize("rule", list(REGISTRY), ids=[r.meta.code for r in REGISTRY])
def test_every_rule_speaks_each_language(rule: object) -> None:
    """Every bad example of a rule, in each of the four languages: its findings' messages and suggestions
    are texts of the example's language; linted with each locale, of that locale's (no English left in
    a rule's code)."""
    from ticketlint.checks.base import examples
    from ticketlint.config import Config

    meta = rule.meta  # type: ignore[attr-defined]
    bad, _ = examples(meta)
    for ex in bad:
        ticket = Ticket(id="x", messages=ex.thread or (Message(role=ex.role or meta.primary_role, body=ex.text),))
        for locale in ("auto", *LANGUAGES):
            linter = Linter(Config(select=(meta.code,), language=ex.lang, locale=locale, report_overlaps=True), strict=True)
            found = [f for f in linter.lint_ticket(ticket) if f.code == meta.code]
            assert found, (meta.code, ex.lang)
            lang = ex.lang if locale == "auto" else locale
            templates = _templates(meta.code, lang)
            for f in found:
                for text in (f.message, f.suggestion):
                    assert text is not None and any(t.fullmatch(text) for t in templates), (meta.code, lang, text)


def test_suppression_problems_speak_the_language_of_the_directive() -> None:
    found = _lint((Role.AGENT, "Gracias por su paciencia, le escribimos mañana. <!-- ticketlint: disable=TL999 -->"))
    code, message, suggestion, lang = next(f for f in found if f[0] == "TL001")
    assert lang == "es"
    assert message.startswith("la supresión 'disable' no nombra ninguna regla: 'TL999'")
    assert suggestion == "Corrija o elimine la directiva."
    found = _lint((Role.AGENT, "Thanks, we will write tomorrow. <!-- ticketlint: disable=TL999 -->"))
    assert any(m.startswith("'disable' suppression names no rule: 'TL999'") for c, m, _, _ in found if c == "TL001")


def test_locale_in_the_config() -> None:
    assert parse_table({"locale": "ro"}).locale == "ro"
    assert parse_table({}).locale == "auto"
    with pytest.raises(ConfigError, match="unsupported locale 'fr'"):
        parse_table({"locale": "fr"})


def test_check_locale_flag() -> None:
    runner = CliRunner()
    text = "Aplikasi tidak bisa login, error terus sejak kemarin.\n"
    auto = runner.invoke(main, ["check", "--isolated", "--role", "customer", "--format", "concise", "-"], input=text)
    assert "melaporkan gangguan, tetapi tiket tidak memuat kode error" in auto.output
    es = runner.invoke(main, ["check", "--isolated", "--locale", "es", "--role", "customer", "--format", "concise", "-"], input=text)
    assert "'tidak bisa login' informa de un fallo" in es.output  # the quoted match stays as written


def test_rule_help_in_a_locale() -> None:
    runner = CliRunner()
    out = runner.invoke(main, ["rule", "TL402", "--isolated", "--locale", "es"]).output
    assert packs.message("TL402", "es", "summary") in out
    assert "la copia de seguridad no estaba activada" in out  # the suggestion's example, in Spanish
    assert packs.message("TL402", "es", "rationale") in out
    assert "## Qué detecta" in out and "## What it does" not in out  # the headings follow the locale too
    english = runner.invoke(main, ["rule", "TL402", "--isolated"]).output
    assert english == runner.invoke(main, ["rule", "TL402", "--isolated", "--locale", "en"]).output
    assert REGISTRY.get("TL402").meta.summary in english
    ro = runner.invoke(main, ["rules", "--isolated", "--locale", "ro"]).output
    assert packs.message("TL101", "ro", "summary") in ro
    assert "directivă de suprimare" in runner.invoke(main, ["rule", "TL001", "--isolated", "--locale", "ro"]).output


def test_localized_metadata() -> None:
    meta = REGISTRY.get("TL204").meta
    assert localized(meta, "en") is meta
    for lang in OTHER:
        shown = localized(meta, lang)
        assert shown.summary == packs.message("TL204", lang, "summary") != meta.summary
        assert shown.suggestion == packs.message("TL204", lang, "suggestion")
        assert shown.rationale == packs.message("TL204", lang, "rationale") != meta.rationale
        assert shown.code == meta.code
        assert [(o.name, o.kind, o.default) for o in shown.option_specs] == [(o.name, o.kind, o.default) for o in meta.option_specs]
        assert [o.help for o in shown.option_specs] == [packs.message("TL204", lang, packs.option_key(o.name))
                                                        for o in meta.option_specs]


def test_the_api_takes_a_locale() -> None:
    from ticketlint.server.service import RequestError, selection_from_query

    assert selection_from_query({"locale": "id"}).locale == "id"
    with pytest.raises(RequestError, match="locale"):
        selection_from_query({"locale": "xx"})


def test_an_organisation_data_rule_may_carry_messages_with_its_own_placeholders() -> None:
    from ticketlint.datarules import build_rule

    data = {"code": "ACME101", "name": "internal-name", "type": "substitution", "summary": "Flags internal names.",
            "scope": ["agent"], "message": "'{match}': write '{replacement}' instead", "suggestion": "Write '{replacement}'."}
    rule = build_rule(data, "support-style/ACME101.toml")
    schema = rule.meta.pack
    assert not schema.messages_required  # an organisation's rule speaks its own text where a language has none
    assert schema.messages == {"message": {"match", "replacement"}, "suggestion": {"replacement"}, "summary": frozenset()}
    table = {"summary": "Señala nombres internos.", "message": "'{match}': escriba '{replacement}'", "suggestion": "Escriba '{replacement}'."}
    packs.validate("support-style/es/ACME101.toml", {"swap": {}, "messages": table}, schema)
    with pytest.raises(PackError, match=r"support-style/es/ACME101.toml: 'messages.suggestion' has the placeholders none"):
        packs.validate("support-style/es/ACME101.toml", {"swap": {}, "messages": {**table, "suggestion": "Escriba otra cosa."}}, schema)
    packs.validate("support-style/es/ACME101.toml", {"swap": {}}, schema)  # no table: allowed for an organisation's rule
    builtin = build_rule(data, "rules/ACME101.toml", builtin=True)
    with pytest.raises(PackError, match=r"missing required table \[messages\]"):
        packs.validate("rules/es/ACME101.toml", {"swap": {}}, builtin.meta.pack)


def test_the_server_lints_and_documents_in_a_locale() -> None:
    pytest.importorskip("starlette", reason="the server extra is not installed")
    pytest.importorskip("httpx")
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from ticketlint.server import ServeSettings, create_app

    client = TestClient(create_app(ServeSettings(isolated=True)))
    body = {"text": "The printer stopped working, I didn't change anything.", "role": "customer"}
    found = client.post("/v1/lint?locale=id", json=body).json()["findings"]
    assert any(f["message"].startswith("'I didn't change anything' menyatakan tidak ada yang berubah") for f in found)
    assert client.post("/v1/lint?locale=xx", json=body).status_code == 400
    rules = {r["code"]: r for r in client.get("/v1/rules?locale=ro").json()}
    assert rules["TL101"]["summary"] == packs.message("TL101", "ro", "summary")
    doc = client.get("/v1/rules/TL402?locale=es").json()
    assert doc["rationale"] == packs.message("TL402", "es", "rationale")
    assert client.get("/v1/rules/TL402").json()["summary"] == REGISTRY.get("TL402").meta.summary
    assert client.get("/v1/rules?locale=fr").status_code == 400


def _page_words() -> tuple[str, dict[str, dict[str, str]]]:
    page = Path(__file__).resolve().parents[1].joinpath("src", "ticketlint", "server", "page.html").read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="ui-text">\n(.*?)\n</script>', page, re.S)
    assert found, "page.html has no ui-text table"
    import json

    return page, json.loads(found.group(1).replace("<\\/", "</"))


def test_the_agent_page_says_its_own_words_in_the_four_languages() -> None:
    """The page of `ticketlint serve` (labels, status, headings) in en, es, id and ro, with the same placeholders;
    and every word the page asks for by a literal key is in the table."""
    page, words = _page_words()
    for key, by_lang in words.items():
        assert set(by_lang) == set(LANGUAGES), f"page word {key!r}: {sorted(by_lang)}"
        assert all(text.strip() for text in by_lang.values()), key
        assert len({tuple(sorted(re.findall(r"\{\d\}", text))) for text in by_lang.values()}) == 1, f"page word {key!r}: placeholders differ"
    asked = set(re.findall(r'\bt\("(\w+)"(?! \+)', page)) | set(re.findall(r'data-t(?:-label)?="(\w+)"', page))
    assert asked <= set(words), sorted(asked - set(words))
    # the words the page builds a key for: the severities, the languages of the examples, the plural forms
    dynamic = {"sev_error", "sev_warning", "sev_info", "lang_en", "lang_es", "lang_id", "lang_ro",
               "findings_one", "findings_few", "findings_many", "flagged", "not_flagged",
               "writer_customer", "writer_agent", "writer_note"}
    assert dynamic <= set(words), sorted(dynamic - set(words))
