"""The texts a user reads of a run, outside the findings, in en, es, id and ro (notices.py).

The catalogue is rules/<lang>/notices.toml: every language has exactly the English file's keys with the
same placeholders; `--locale es|id|ro` says the notices (a file or record not read, a ticket read in part,
a rule failure), the summary line and the reports' fixed words in that language; English stays as it was.
"""

from __future__ import annotations

import json
import random
import re
import string
import tomllib
import types
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_partial_read import jsm_issue, zendesk_ticket

from ticketlint import notices, packs
from ticketlint.checks.base import RuleContext
from ticketlint.cli import main
from ticketlint.formatters.tables import summary_line
from ticketlint.model import LANGUAGES, Hit, Summary
from ticketlint.packs.schema import flat_messages, placeholders
from ticketlint.registry import default_registry

RULES = Path(__file__).resolve().parent.parent / "rules"
OTHERS = [lang for lang in LANGUAGES if lang != "en"]


def _catalogue(lang: str) -> dict[str, str]:
    data = tomllib.loads((RULES / lang / "notices.toml").read_text(encoding="utf-8"))
    return {k: v for k, v in flat_messages(data["messages"]).items() if isinstance(v, str)}


# -- the catalogue -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", OTHERS)
def test_every_key_is_in_every_language_with_the_same_placeholders(lang: str) -> None:
    english, other = _catalogue("en"), _catalogue(lang)
    assert sorted(set(english) - set(other)) == [], f"missing in rules/{lang}/notices.toml"
    assert sorted(set(other) - set(english)) == [], "not in the English catalogue (rules/en/notices.toml)"
    wrong = {k: (sorted(placeholders(english[k])), sorted(placeholders(other[k])))
             for k in english if placeholders(english[k]) != placeholders(other[k])}
    assert wrong == {}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_pack_machinery_reads_every_key(lang: str) -> None:
    for key in notices.english():
        assert packs.message(notices.NAME, lang, key)


@pytest.mark.parametrize("lang", OTHERS)
def test_a_translation_is_not_the_english_text(lang: str) -> None:
    """Real translations, not copies: the texts that read the same in both are words the languages share."""
    english, other = _catalogue("en"), _catalogue(lang)
    same = {k for k in english if english[k] == other[k] and any(c.isalpha() for c in re.sub(r"\{\w+\}", "", english[k]))}
    shared = {"notice.error", "severity.error", "severity.info", "role.agent", "field.status", "col.tickets",
              "field.agent", "summary.tickets_one", "summary.tickets_other", "md.title", "field.channel",
              "col.notes", "family.tone", "notice.ticket", "field.group", "field.role", "html.clean_value",
              "type.null", "cli.error",  # the JSON literal; "error" in Spanish
              "progress.tickets", "progress.rate_one", "progress.rate_other", "progress.no_rate"}  # es "tickets/s"
    assert same <= shared, sorted(same - shared)


def test_a_missing_key_in_one_language_is_an_error(tmp_path: Path) -> None:
    """The schema is the English file: a language without one of its keys is refused when read."""
    from ticketlint.packs.api import validate

    data = tomllib.loads((RULES / "es" / "notices.toml").read_text(encoding="utf-8"))
    messages = dict(flat_messages(data["messages"]))
    del messages["summary.line"]
    with pytest.raises(packs.PackError, match="summary.line"):
        validate("rules/es/notices.toml", {"messages": messages}, packs.schema_of(notices.NAME))  # type: ignore[arg-type]


# -- the readers' texts: raised as a key and its parameters (model.Said), said in the run's language ------------

SRC = Path(__file__).resolve().parent.parent / "src" / "ticketlint"
# the modules whose errors become a ReadError: the readers, and what the runner, the engine and the engines'
# tables report as one (a time budget spent, a ticket too long, a --since timestamp, a Parquet part file)
_READING = [*sorted((SRC / "readers").rglob("*.py")), SRC / "runner.py", SRC / "engine.py", SRC / "since.py",
            SRC / "frames.py", SRC / "spark.py"]
_ERRORS = {"ReadError", "Broken", "TicketFormatError", "SideDataError", "SideError", "SourceBroken", "NotAFile",
           "HtmlError", "AdfError", "InputError", "TimestampError", "_Syntax"}


def _said_keys() -> dict[str, str]:
    """Every catalogue key the reading modules raise or return (`said("read.json", ...)`, `Said("...")`),
    with the file that says it: found in the code, so that a new reader error cannot be left out."""
    import ast

    keys: dict[str, str] = {}
    for path in _READING:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("said", "Said") \
                    and node.args:
                first = node.args[0]
                options = [first.body, first.orelse] if isinstance(first, ast.IfExp) else [first]
                while any(isinstance(o, ast.IfExp) for o in options):
                    options = [x for o in options for x in ([o.body, o.orelse] if isinstance(o, ast.IfExp) else [o])]
                for o in options:
                    assert isinstance(o, ast.Constant) and isinstance(o.value, str), f"{path.name}: a key in code"
                    keys[o.value] = path.name
    return keys


def _plain_texts() -> list[str]:
    """Where a reading module builds an error from an English sentence (a string literal or an f-string)
    instead of a catalogue key: none may remain (a reworded sentence would fall back to English)."""
    import ast

    found = []
    for path in _READING:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, (ast.Name, ast.Attribute)):
                name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
                if name not in _ERRORS:
                    continue
                for arg in [*node.args, *(k.value for k in node.keywords)]:
                    if isinstance(arg, ast.JoinedStr) or (isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                                                          and " " in arg.value):
                        found.append(f"{path.name}:{node.lineno}: {name}")
    return found


def test_no_reader_error_is_an_english_sentence() -> None:
    assert _plain_texts() == []


def test_the_readers_say_many_kinds_of_error() -> None:
    keys = _said_keys()
    assert len([k for k in keys if k.startswith("read.")]) >= 90, sorted(keys)
    assert {"read.json", "read.field_object", "read.side_zendesk", "read.row_width", "read.too_long"} <= set(keys)


def _sample(name: str) -> object:
    from ticketlint.model import Listed, Size, said

    return {"column": 12345, "byte": "0xff", "n": 1500, "seconds": 2.5, "index": 3, "line": 1200, "cells": 7,
            "width": 5, "depth": Size(2048), "chars": Size(120000), "limit": Size(100000),
            "type": said("type.list"), "reason": said("reason.expecting_value"),
            "vendors": Listed(("Zendesk", "Freshdesk", "Jira")), "formats": Listed(("zendesk", "jsm"), commas=False),
            "value": said("value.length", n=40)}.get(name, f"<{name}>")


@pytest.mark.parametrize("key", sorted(_said_keys()))
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_reader_error_has_a_key_in_every_language_and_is_said_in_it(key: str, lang: str) -> None:
    """Each key a reader raises is in all four catalogues (a count: its _one and _other) and renders in each
    language with its parameters said there: the numbers grouped as the language groups them, no English
    left but the names said as written."""
    from ticketlint.model import Said

    forms = [key] if key in notices.english() else [f"{key}_one", f"{key}_other"]
    for form in forms:
        assert form in _catalogue(lang), f"{form} missing in rules/{lang}/notices.toml"
    names = sorted(set().union(*(placeholders(notices.english()[f]) for f in forms)))
    text = Said(key, tuple((name, _sample(name)) for name in names))
    said = notices.render(text, lang)
    left = said
    for name in names:
        left = left.replace(f"<{name}>", "")
    assert "<" not in left and not re.search(r"\{\w*\}", left), said  # every placeholder filled
    for name in names:
        value = _sample(name)
        if isinstance(value, str):
            assert value in said
        elif isinstance(value, int) and not isinstance(value, bool):
            assert (str(value) if lang == "en" else f"{value:,}".replace(",", ".")) in said
    if lang != "en" and key not in ("read.json", "read.json_other") and not key.startswith(("type.null",)):
        assert said != str(text), f"{key} is English in {lang}"


def test_a_text_the_catalogue_does_not_know_stays_as_written() -> None:
    from ticketlint.model import ReadError

    error = ReadError("a.json", 3, "record 2: 'messages' is a list of lists", "T-1")  # a plugin's own text
    assert error.notice is None
    assert notices.line(error, "es") == "a.json:3: record 2: 'messages' is a list of lists (ticket T-1)"


def test_the_place_a_reader_names_is_said_in_the_locale_and_a_field_path_as_written() -> None:
    from ticketlint.model import ReadError, said

    text = said("read.role_missing").within(said("place.record", index=3), "messages[1]")
    error = ReadError("a.jsonl", 4, text)
    assert error.message == "record 3: messages[1]: missing 'role' (customer, agent or note)"
    assert error.notice == "read.role_missing"
    assert notices.error_text(error, "ro") == "înregistrarea 3: messages[1]: " + notices.say("ro", "read.role_missing")


def test_a_reworded_english_text_is_still_said_in_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """The failure the keys fix: a reader's English sentence reworded (here: the built-in catalogue's) no
    longer matched any template, and the text fell back to English in every locale."""
    from ticketlint.model import ReadError, said

    reworded = {**notices.english(), "read.body": "the 'body' of a message must be a JSON string"}
    monkeypatch.setattr(notices, "english", lambda: reworded)
    error = ReadError("a.jsonl", 2, said("read.body").within("messages[0]"))
    assert error.message == "messages[0]: the 'body' of a message must be a JSON string"
    assert notices.error_text(error, "es") == "messages[0]: " + notices.say("es", "read.body")


def test_a_said_text_survives_json() -> None:
    """An engine keeps a read error's text in its findings table as JSON (frames.py `said`)."""
    from ticketlint.model import Listed, Said, Size, said, text_data, text_of

    text = said("read.csv_ambiguous", vendors=Listed(("Zendesk", "Freshdesk"), "and", commas=False),
                formats=Listed(("zendesk", "freshdesk"), commas=False)).within(said("place.line", line=3), "x")
    deep = said("read.html_deep", depth=Size(2048)).within("comments[0].html_body")
    for t in (text, deep, said("read.json", column=3, reason=said("reason.expecting_value")), "as written"):
        assert text_of(json.loads(json.dumps(text_data(t)))) == t
    assert isinstance(text_of(text_data(text)), Said)


def _old_summary_line(s: Summary) -> str:
    """The English summary line as it was written before the catalogue (the pin: byte for byte)."""
    total = sum(n for _, n in s.by_code)
    sev = ", ".join(f"{n} {name}" for name, n in s.by_severity) or "no findings"
    line = (f"{total} finding{'s' if total != 1 else ''} ({sev}) in {s.tickets_linted} ticket"
            f"{'s' if s.tickets_linted != 1 else ''} linted; {s.tickets_read} read, {s.tickets_unreadable} unreadable")
    if s.tickets_partial:
        line += f", {s.tickets_partial} read in part"
    if s.files_unreadable:
        line += f", {s.files_unreadable} file{'s' if s.files_unreadable != 1 else ''} unreadable"
    if s.tickets_before_since is not None:
        line += f", {s.tickets_before_since} before --since"
    if s.findings_in_baseline is not None:
        n = s.findings_in_baseline
        line += f"; {n} finding{'s' if n != 1 else ''} in the baseline not shown"
    if s.rule_failures:
        line += f"; {s.rule_failures} rule failure{'s' if s.rule_failures != 1 else ''} (exit 2)"
    return line


def _summaries(n: int) -> Iterator[Summary]:
    rng = random.Random(7)
    values = [0, 1, 2, 19, 20, 21, 100, 101, 1000, 12345]
    for _ in range(n):
        pick = lambda: rng.choice(values)  # noqa: E731
        yield Summary(tickets_read=pick(), tickets_linted=pick(), tickets_unreadable=pick(), files_unreadable=pick(),
                      by_code=tuple((f"TL10{i}", pick()) for i in range(rng.randint(0, 2))),
                      by_severity=tuple((s, pick()) for s in rng.sample(["info", "warning", "error"], rng.randint(0, 3))),
                      tickets_before_since=rng.choice([None, 0, 5]), findings_in_baseline=rng.choice([None, 0, 1, 7]),
                      rule_failures=pick(), tickets_partial=pick())


def test_the_english_summary_line_is_unchanged() -> None:
    for s in _summaries(500):
        assert summary_line(s) == _old_summary_line(s)


def test_numbers_are_written_as_the_language_writes_them() -> None:
    from ticketlint.formatters.tables import num, pct

    assert (pct(0.254), pct(0.254, "ro"), num(12.5, "es"), num(None, "id")) == ("25.4%", "25,4%", "12,5", "-")
    assert (notices.number("en", 1255), notices.number("ro", 1255)) == ("1,255", "1.255")


def test_counts_agree_with_their_number() -> None:
    assert notices.count("es", "summary.findings", 1) == "1 hallazgo"
    assert notices.count("es", "summary.findings", 2) == "2 hallazgos"
    assert notices.count("ro", "summary.tickets", 2) == "2 tichete analizate"
    assert notices.count("ro", "summary.tickets", 20) == "20 de tichete analizate"  # "de" from 20 on
    assert notices.count("ro", "summary.tickets", 101) == "101 tichete analizate"
    assert notices.count("ro", "summary.tickets", 1) == "1 tichet analizat"
    assert notices.count("id", "summary.findings", 5) == "5 temuan"


# A placeholder holding a number, and the words that may follow one without being its noun ("2 of 5", "3 read",
# "... and 4 more"): any other word after a number is a noun, whose form (and Romanian "de") the number decides.
_NUMBER_NAMES = {"n", "read", "total", "clean", "tickets", "linted", "unreadable", "seconds", "column", "byte"}
_NOT_NOUNS = {
    "en": {"of", "more", "read", "linted", "unreadable", "before", "with"},
    "es": {"de", "más", "sin"},
    "id": {"dari", "lagi", "yang", "dibaca", "diperiksa", "tidak", "terbaca", "sebelum", "tanpa"},
    "ro": {"din", "fără", "de"},
}
# A name shown as a label beside its figure ("2 warning, 1 error": the English summary line is pinned as it was)
_LABELS = {"{severity}", "{role}"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_number_before_a_noun_is_a_count(lang: str) -> None:
    """Every text with a number before a noun is a `_one`/`_other` pair said through notices.count, so that its
    noun agrees with the number and Romanian says "25 de erori" (review13n item 5): a new text that puts a noun
    after a number placeholder outside a count pair fails here."""
    found = []
    for key, text in _catalogue(lang).items():
        if key.endswith(("_one", "_other")):
            continue
        for m in re.finditer(r"\{(\w+)\} +(\{\w+\}|[^\W\d_]{2,})", text):
            if m.group(1) in _NUMBER_NAMES and m.group(2).lower() not in _NOT_NOUNS[lang] | _LABELS:
                found.append((key, m.group(0)))
    assert found == []


def test_a_romanian_number_of_20_and_more_takes_de_in_a_fixed_text() -> None:
    """A number written in a Romanian text ("la 100 de mesaje") says "de" as notices.count would."""
    found = [(k, m.group(0)) for k, text in _catalogue("ro").items()
             for m in re.finditer(r"\b(\d+) +(?!de\b)[^\W\d_]{2,}", text)
             if int(m.group(1)) != 1 and (int(m.group(1)) % 100 >= 20 or int(m.group(1)) % 100 == 0)]
    assert found == []


@pytest.mark.parametrize(("lang", "n", "text"), [
    ("ro", 25, "... și încă 25 de erori sau eșecuri de regulă, toate listate în a.html"),
    ("ro", 1, "... și încă 1 eroare sau eșec de regulă, listat în a.html"),
    ("ro", 3, "... și încă 3 erori sau eșecuri de regulă, toate listate în a.html"),
    ("es", 1, "... y 1 error o fallo de regla más, listado en a.html"),
    ("en", 1, "... and 1 more error or rule failure, all listed in a.html"),
    ("en", 25, "... and 25 more errors or rule failures, all listed in a.html"),
])
def test_the_errors_not_echoed_are_counted(lang: str, n: int, text: str) -> None:
    assert notices.count(lang, "echo.more_errors", n, where="a.html") == text


def test_a_part_read_is_counted() -> None:
    from ticketlint.model import Gap

    assert notices.gap_text(Gap("comments", 2, 99, "e"), "ro") == "2 din 99 de comentarii (e)"
    assert notices.gap_text(Gap("comments", 1, None, "e"), "ro") == "1 comentariu, poate mai multe (e)"
    assert notices.gap_text(Gap("text", 32000, None, "e"), "ro") == "un mesaj tăiat la 32.000 de caractere (e)"
    assert notices.gap_text(Gap("journal entries", 1500, 2000, "e"), "es") == "1.500 de 2.000 entradas del diario (e)"
    assert notices.gap_text(Gap("pages", 2, None, "e"), "es") == "2 pages, quizá más (e)"  # a part not known


@pytest.mark.parametrize(("lang", "text"), [
    ("ro", "exporturile CSV din Jira nu se citesc (1.500 de rânduri neanalizate)"),
    ("es", "las exportaciones CSV de Jira no se leen (1.500 filas sin analizar)"),
    ("id", "ekspor CSV Jira tidak dibaca (1.500 baris tidak diperiksa)"),
    ("en", "Jira CSV exports are not read (1500 rows not linted)"),
])
def test_a_count_in_a_reader_message_is_said_as_the_language_counts(lang: str, text: str, tmp_path: Path) -> None:
    """review13n item 4: the reader writes its count plain, the locale groups it ("1.500", never "1,500" which
    reads 1.5 in es/id/ro) and Romanian puts "de" after it."""
    path = tmp_path / "jira.csv"
    path.write_text("Summary,Issue key\n" + "".join(f"s{i},K-{i}\n" for i in range(1500)), encoding="utf-8")
    _, out, _ = _check("--locale", lang, "--input-format", "jsm", str(path))
    assert text in out


def test_a_single_row_and_a_grouped_number_of_a_reader() -> None:
    from ticketlint.model import ReadError, said

    one = ReadError("f.csv", 1, said("read.freshdesk_csv", n=1))
    assert one.message == ("Freshdesk CSV exports are not read (1 row not linted): export tickets with their "
                           "conversations as JSON from the API")
    assert one.notice == "read.freshdesk_csv"
    assert notices.error_text(one, "ro").startswith("exporturile CSV din Freshdesk nu se citesc (1 rând neanalizat)")
    wide = ReadError("f.jsonl", 1, said("read.json", column=12345, reason=notices.outside("Expecting value")))
    assert wide.message == "invalid JSON at column 12345: Expecting value"
    assert notices.error_text(wide, "es") == "JSON no válido en la columna 12.345: se esperaba un valor"
    budget = ReadError("-", None, said("read.time_budget", seconds=2.5, rules="TL101"))
    assert budget.message == "time budget of 2.5 s spent; not run: TL101"
    assert "2,5 s" in notices.error_text(budget, "ro")
    other = ReadError("f.json", 1, said("read.json_other", reason="x"))  # a key ending in _other that is no count
    assert other.notice == "read.json_other" and other.message == "invalid JSON: x"


def test_the_html_title_counts_its_tickets() -> None:
    assert notices.count("ro", "html.doc_title", 1) == "Auditul tichetelor: 1 tichet"
    assert notices.count("ro", "html.doc_title", 20) == "Auditul tichetelor: 20 de tichete"
    assert notices.count("en", "html.doc_title", 1) == "Ticket audit: 1 ticket"


# -- the CLI in each language --------------------------------------------------------------------------------------

def _check(*args: str, input: str | None = None) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, ["check", "--isolated", *args], input=input)
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exc_info
    return r.exit_code, r.stdout, r.stderr


def _words(lang: str, *keys: str) -> list[str]:
    return [notices.say(lang, k) for k in keys]


@pytest.mark.parametrize("lang", OTHERS)
def test_a_csv_without_a_mapping(lang: str, tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("id,text\n1,hello\n", encoding="utf-8")
    code, out, _ = _check("--locale", lang, str(path))
    key = "read.csv_mapping_vendors"
    vendors = f" {notices.say(lang, 'word.or')} ".join(("Zendesk", "Freshdesk", "Jira", "ServiceNow"))
    first, last = out.splitlines()[0], out.splitlines()[-1]
    assert first.startswith(f"{notices.say(lang, 'notice.error')}: {path}:1: ")
    assert first.endswith(notices.say(lang, key, vendors=vendors, columns="'id', 'text'"))
    assert "column mapping" not in out and "unreadable" not in last and "findings" not in last
    assert last.endswith(notices.count(lang, "summary.files_unreadable", 1))
    assert code == 2


@pytest.mark.parametrize("lang", OTHERS)
def test_a_broken_jsonl_line(lang: str, tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    path.write_text('{"id": "a", "messages": [{"role": "customer", "body": "Hello."}]}\n{"id": broken\n',
                    encoding="utf-8")
    code, out, _ = _check("--locale", lang, str(path))
    reason = notices.say(lang, "reason.expecting_value")  # the JSON parser's reason too
    assert f"{notices.say(lang, 'notice.error')}: {path}:2: {notices.say(lang, 'read.json', column=8, reason=reason)}" in out
    last = out.splitlines()[-1]
    assert last == notices.say(lang, "summary.line", findings=notices.count(lang, "summary.findings", 0),
                               severities=notices.say(lang, "summary.no_findings"),
                               tickets=notices.count(lang, "summary.tickets", 1), read=2, unreadable=1)
    assert code == 2
    # the machine formats keep their keys, with the code of the notice; only `message` is in the locale
    _, out, _ = _check("--locale", lang, "--format", "json", str(path))
    error = json.loads(out)["errors"][0]
    assert error["notice"] == "read.json" and error["message"].startswith(notices.say(lang, "read.json", column=8,
                                                                                     reason="x")[:-1])
    _, out, _ = _check("--format", "json", str(path))
    assert json.loads(out)["errors"][0]["message"] == "invalid JSON at column 8: Expecting value"


def _jsm_export(tmp_path: Path) -> Path:
    path = tmp_path / "search.json"
    path.write_text(json.dumps({"issues": [jsm_issue(99)]}), encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", OTHERS)
def test_a_jsm_export_read_in_part(lang: str, tmp_path: Path) -> None:
    code, out, _ = _check("--locale", lang, "--select", "TL302", str(_jsm_export(tmp_path)))
    gap = notices.say(lang, "gap.of", read=2, total=notices.count(lang, "part.comments", 99),
                      evidence=notices.say(lang, "evidence.field_is", field="fields.comment.total", value=99))
    notice = notices.say(lang, "partial.text", gaps=gap)
    ticket = notices.say(lang, "notice.ticket", ticket="HELP-1")
    assert f"{notices.say(lang, 'notice.warning')}: {tmp_path / 'search.json'}:" in out
    assert f"{notice} {ticket}" in out
    assert out.splitlines()[-1].endswith(notices.say(lang, "summary.partial", n=1))
    assert "read in part" not in out and "total is 99" not in out and code == 0


@pytest.mark.parametrize("lang", OTHERS)
def test_a_zendesk_export_read_in_part(lang: str, tmp_path: Path) -> None:
    """A ticket whose comment count is above the comments read (tests/test_partial_read.py's case)."""
    path = tmp_path / "export.jsonl"
    path.write_text(json.dumps(zendesk_ticket(3, 12)) + "\n", encoding="utf-8")
    _, out, _ = _check("--locale", lang, "--format", "markdown", str(path))
    gap = notices.say(lang, "gap.of", read=3, total=notices.count(lang, "part.comments", 12),
                      evidence=notices.say(lang, "evidence.field_is", field="comment_count", value=12))
    assert f"## {notices.say(lang, 'md.read_in_part', n=1)}" in out
    assert notices.say(lang, "partial.text", gaps=gap).replace("_", "\\_") in out  # Markdown escapes _
    assert "Read in part" not in out and "linted on what was read" not in out and "count is 12" not in out


def _boom(self: object, ctx: RuleContext) -> Iterator[Hit]:  # type: ignore[type-arg]
    raise KeyError("no entry")
    yield  # pragma: no cover


@pytest.mark.parametrize("lang", OTHERS)
def test_a_rule_failure(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    rule = default_registry().get("TL402")
    monkeypatch.setattr(rule, "check", types.MethodType(_boom, rule))
    code, out, _ = _check("--locale", lang, "--select", "TL401,TL402", "-", input="The VPN crashed. PEBKAC.")
    text = notices.say(lang, "failure.text", code="TL402", what="KeyError: 'no entry'")
    assert f"{notices.say(lang, 'notice.rule_failure')}: " in out and text in out
    assert out.splitlines()[-1].endswith(notices.count(lang, "summary.failures", 1))
    assert "please report it" not in out and code == 2


# -- the HTML report: no English heading left ---------------------------------------------------------------------

class _Texts(HTMLParser):
    """The text of the headings, table headers, card labels, notes and the title of a report."""

    SHOWN = ("title", "h1", "h2", "h3", "th", "p", "li", "footer", "div", "b", "span")

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("meta", "br", "rect", "text"):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] in self.SHOWN and data.strip():
            self.texts.append(data.strip())


def _report(tmp_path: Path, lang: str | None) -> str:
    path = tmp_path / "search.json"
    whole = {**jsm_issue(2), "key": "HELP-2", "id": "10002"}
    records = [jsm_issue(99), whole, {"key": "HELP-3", "fields": {"comment": 5}}]
    path.write_text('{"issues": [\n' + ",\n".join(json.dumps(r) for r in records) + "\n]}\n", encoding="utf-8")
    found = tmp_path / "found.jsonl"  # a ticket with findings: the per-rule table and the examples
    found.write_text(json.dumps({"id": "F-1", "agent": "Ana", "team": "Desk", "messages": [
        {"role": "customer", "body": "It does not work since the update, please fix it ASAP!!!"},
        {"role": "agent", "author": "Ana", "body": "Please restart it."}]}) + "\n", encoding="utf-8")
    out = tmp_path / "report.html"
    _check(*(("--locale", lang) if lang else ()), "--format", "html", "--group-by", "agent,team", "-o", str(out),
           str(path), str(found))
    return out.read_text(encoding="utf-8")


def test_the_html_report_in_indonesian_has_no_english_heading(tmp_path: Path) -> None:
    english, indonesian = _catalogue("en"), _catalogue("id")
    # every fixed text of the report, by the catalogue: what English shows and Indonesian says otherwise
    fixed = {v for k, v in english.items() if k.split(".")[0] in ("html", "col", "table", "row", "md", "summary",
                                                                     "partial", "notice", "list")
             and v != indonesian[k] and "{" not in v and len(v) > 3}
    parser = _Texts()
    parser.feed(_report(tmp_path, "id"))
    left = sorted({t for t in parser.texts if t in fixed or t.rstrip(".") in fixed or t.split(" (")[0] in fixed})
    assert left == [], left
    # and the English report shows them (the test reads what it means to)
    parser = _Texts()
    parser.feed(_report(tmp_path, None))
    assert {"Ticket audit", "Not linted (1)", "Read in part (1)"} <= {t for t in parser.texts} | {
        t.split("</h2>")[0] for t in parser.texts}


@pytest.mark.parametrize("lang", OTHERS)
def test_the_html_report_is_in_the_locale(lang: str, tmp_path: Path) -> None:
    html = _report(tmp_path, lang)
    assert f"<html lang={lang}>" in html
    for key in ("html.title", "html.not_linted", "html.read_in_part", "html.agents", "html.footer"):
        assert notices.say(lang, key).replace("'", "&#x27;") in html, key
    assert "Ticket audit" not in html and "Not linted" not in html
    assert notices.say(lang, "html.examples") in html and f"<span class='sev warning'>{notices.say(lang, 'severity.warning')}" in html


def test_the_rules_listing_says_severity_and_scope_in_the_locale() -> None:
    from ticketlint.ruledoc import say

    out = CliRunner().invoke(main, ["rules", "--isolated", "--locale", "es"]).stdout
    line = next(x for x in out.splitlines() if x.startswith("TL101 "))
    assert say("es", "severity.warning") in line and say("es", "role.customer") in line and " warning " not in line
    english = CliRunner().invoke(main, ["rules", "--isolated"]).stdout
    assert " warning  customer, note " in next(x for x in english.splitlines() if x.startswith("TL101 "))


def test_the_placeholders_are_names() -> None:
    for key, text in notices.english().items():
        for _, name, _, _ in string.Formatter().parse(text):
            assert name is None or name.isidentifier(), key


# -- texts that stayed English (review13n, "Smaller (i18n)") --------------------------------------------------------

_TICKET = {"id": "T-1", "messages": [{"role": "customer", "body": "The VPN crashed."},
                                     {"role": "agent", "body": "Please check the VPN. PEBKAC. Just reboot the RDP thing."}]}


def _ticket_file(tmp_path: Path) -> Path:
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps(_TICKET) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", OTHERS)
def test_a_value_shown_by_its_length_is_said_in_the_locale(lang: str) -> None:
    from ticketlint.model import ReadError, said
    from ticketlint.readers.ticket_json import shown_value

    error = ReadError("a.jsonl", 2, said("read.language", value=shown_value("x" * 40), languages="en, es, id, ro"))
    assert error.message == "unsupported language (a value of 40 characters) (supported: en, es, id, ro)"
    assert notices.error_text(error, lang) == notices.say(
        lang, "read.language", value=notices.count(lang, "value.length", 40), languages="en, es, id, ro")
    assert "value of" not in notices.error_text(error, lang)
    assert str(shown_value("1")) == "(a value of 1 character)" and shown_value("abc") == "'abc'"
    assert notices.count("ro", "value.length", 40) == "(o valoare de 40 de caractere)"


@pytest.mark.parametrize("lang", OTHERS)
def test_the_github_format_says_its_words_in_the_locale(lang: str, tmp_path: Path) -> None:
    _, out, _ = _check("--locale", lang, "--format", "github", str(_ticket_file(tmp_path)))
    assert f"%0A{notices.say(lang, 'text.help', text='')}" in out
    assert notices.say(lang, "text.ticket_message", ticket="T-1", message=1) in out
    assert "help:" not in out and "ticket T-1, message" not in out
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n", encoding="utf-8")
    _, out, _ = _check("--locale", lang, "--format", "github", str(bad))
    assert f"title=ticketlint%3A {notices.say(lang, 'notice.unreadable')}::" in out


def test_the_github_format_in_english_is_unchanged(tmp_path: Path) -> None:
    _, out, _ = _check("--format", "github", str(_ticket_file(tmp_path)))
    assert "%0Ahelp: " in out and "%0Aticket T-1, message 1" in out


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_sarif_help_is_in_the_locale(lang: str, tmp_path: Path) -> None:
    _, out, _ = _check("--locale", lang, "--format", "sarif", str(_ticket_file(tmp_path)))
    texts = [r["message"]["text"] for r in json.loads(out)["runs"][0]["results"]]
    helps = [t for t in texts if f" {notices.cap(notices.say(lang, 'text.help', text=''))}" in t]
    assert helps and (lang == "en" or not any(" Help: " in t for t in texts))


@pytest.mark.parametrize("lang", OTHERS)
@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_a_missing_author_team_or_language_is_said_in_the_locale(lang: str, fmt: str, tmp_path: Path) -> None:
    _, out, _ = _check("--locale", lang, "--format", fmt, str(_ticket_file(tmp_path)))
    assert notices.say(lang, "value.none") in out and notices.say(lang, "value.unknown") in out
    assert "(none)" not in out and "(unknown)" not in out


def test_the_documented_romanian_error_line_is_what_a_run_says(tmp_path: Path) -> None:
    """docs/configuration.md ("The run's own texts") shows a Romanian run's error line: it must be the real one."""
    docs = (Path(__file__).resolve().parent.parent / "docs" / "configuration.md").read_text(encoding="utf-8")
    path = tmp_path / "export.jsonl"
    path.write_text(json.dumps(_TICKET) + '\n{"id": x}\n', encoding="utf-8")
    _, out, _ = _check("--locale", "ro", str(path))
    said = next(line for line in out.splitlines() if line.startswith("eroare: "))
    assert said.replace(str(path), "export.jsonl") in docs


def test_the_catalogue_names_docs_that_exist() -> None:
    root = Path(__file__).resolve().parent.parent
    for lang in LANGUAGES:
        text = (RULES / lang / "notices.toml").read_text(encoding="utf-8")
        for doc in re.findall(r"docs/[\w/.-]+\.md", text):
            assert (root / doc).is_file(), f"rules/{lang}/notices.toml names {doc}"


@pytest.mark.parametrize("lang", OTHERS)
def test_the_errors_of_every_reader_are_said_in_the_locale(lang: str, tmp_path: Path) -> None:
    """Reader errors the English recogniser never knew (a helpdesk record's field, a CSV row's width, a side
    file) were English in every locale: each is now a key, said in the run's language, with its code."""
    from ticketlint.model import said

    bad = zendesk_ticket(2, None)
    bad["comments"][1] = ["not", "an", "object"]
    zendesk = tmp_path / "zendesk.json"
    zendesk.write_text(json.dumps({"tickets": [zendesk_ticket(2, None), bad]}), encoding="utf-8")
    rows = tmp_path / "rows.csv"
    rows.write_text("id,text\n1,hello\n2,one,two\n", encoding="utf-8")
    users = tmp_path / "users.json"
    users.write_text(json.dumps({"users": [{"name": "Ana", "role": "agent"}]}), encoding="utf-8")
    _, out, _ = _check("--locale", lang, "--format", "json", "--map", "id=id,body=text", str(rows))
    _, out2, _ = _check("--locale", lang, "--format", "json", "--users", str(users), str(zendesk))
    errors = json.loads(out)["errors"] + json.loads(out2)["errors"]
    want = {
        "read.row_width": said("read.row_width", n=3, width=2),
        "read.side_unusable": said("read.side_unusable", problem=said("read.side_user_id").within(f"{users}:1")),
    }
    got = {e["notice"]: e["message"] for e in errors}
    for code, text in want.items():
        assert got[code] == notices.render(text, lang) != str(text)
    # the Zendesk record's bad comment: read once the side file is fixed
    users.write_text(json.dumps({"users": [{"id": 11, "name": "Ana", "role": "end-user"}]}), encoding="utf-8")
    _, out, _ = _check("--locale", lang, "--format", "json", "--users", str(users), str(zendesk))
    error = json.loads(out)["errors"][0]
    text = said("read.field_object", field="comments[1]", type=said("type.list"))
    assert error["notice"] == "read.field_object" and error["message"] == notices.render(text, lang) != str(text)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_summary_line_groups_its_counts_as_the_reports_do(lang: str) -> None:
    """One function for the numbers of the run's texts (notices.number): the Romanian summary line said
    "1255 de constatări" beside report cards saying "1.255". es/id/ro group every count; English keeps its
    counts plain, as ruff and flake8 print theirs ("Found 1255 errors"), and its reports' "1,255"."""
    s = Summary(tickets_read=12000, tickets_linted=11999, tickets_unreadable=1, files_unreadable=0,
                by_code=(("TL101", 1255),), by_severity=(("warning", 1255),), tickets_partial=1500)
    line = summary_line(s, lang)
    if lang == "en":
        assert line == _old_summary_line(s) and "1255 findings" in line and "12000 read" in line
        assert notices.number("en", 1255) == "1,255"
    else:
        assert notices.count(lang, "summary.findings", 1255) in line and "1255" not in line
        assert notices.number(lang, 1255) == "1.255" and "1.255" in line and "12.000" in line and "1.500" in line
    assert notices.count("ro", "summary.findings", 1255).startswith("1.255 de ")


@pytest.mark.parametrize("lang", OTHERS)
def test_usage_and_configuration_errors_are_said_in_the_locale(lang: str, tmp_path: Path) -> None:
    """ticketlint's own usage and configuration errors were English in every locale (item 4): a bad --format,
    a bad value in the config file, a config file that is not TOML. The file and key stay as written."""
    from ticketlint.model import said

    config = tmp_path / "bad.toml"
    config.write_text("jobs = 0\n", encoding="utf-8")
    ticket = _ticket_file(tmp_path)
    code, _, err = _check("--locale", lang, "--config", str(config), str(ticket))
    want = said("config.positive_or_auto").within(str(config), "jobs")
    assert code == 2 and notices.render(said("cli.error", text=want), lang) in err and str(want) not in err
    code, _, err = _check("--locale", lang, "--format", "nope", str(ticket))
    assert code == 2 and notices.say(lang, "cli.format", value="'nope'", known="")[:12] in err
    assert "unknown --format" not in err
    config.write_text("locale = 'ro'\nselect = [\n", encoding="utf-8")
    code, _, err = _check("--locale", lang, "--config", str(config), str(ticket))
    assert code == 2 and notices.say(lang, "config.toml", reason="")[:6] in err and "invalid TOML" not in err
    # without a locale, English as it always was
    code, _, err = _check("--format", "nope", str(ticket))
    assert "ticketlint: error: unknown --format 'nope' (known: text, json" in err


@pytest.mark.parametrize(
    "lang,key,params,counted",
    [
        ("ro", "read.too_long", {"index": 0, "chars": 120_025, "limit": 100_000}, "120.025 caractere"),
        ("ro", "read.html_deep", {"depth": 2048}, "2.048 elemente"),
        ("ro", "read.adf_deep", {"depth": 256}, "256 niveluri"),
    ],
)
def test_a_number_that_is_not_n_never_stands_before_its_noun(lang: str, key: str, params: dict[str, int], counted: str) -> None:
    """Only `n` of a `_one`/`_other` key is said as it stands before a noun (Romanian "25 de celule", Spanish "1 celda");
    a text with another number (the CSV row's cells, a message's characters, a nesting limit) is worded so that the
    number stands alone, or Romanian said "rândul are 25 celule", "2.048 elemente" and Spanish "la fila tiene 1 celdas"."""
    from ticketlint.model import Size, said

    text = notices.render(said(key, **{k: Size(v) if k in ("chars", "limit") or key == "read.html_deep" else v
                                       for k, v in params.items()}), lang)
    assert counted not in text, text
    assert notices.number(lang, max(params.values())) in text


@pytest.mark.parametrize("lang", OTHERS)
def test_a_bad_severity_or_role_in_the_config_is_said_in_the_locale(lang: str, tmp_path: Path) -> None:
    """A bad value of `min-severity`, `fail-on`, `severity.CODE` or `role` in the config file was the model's English
    sentence in every locale ("unknown severity 'huge' (expected info, warning or error)"); English unchanged."""
    from ticketlint.model import said

    ticket = _ticket_file(tmp_path)
    config = tmp_path / "bad.toml"
    cases = [
        ("min-severity = 'huge'\n", "min-severity", said("config.severity", value="'huge'")),
        ("fail-on = 'huge'\n", "fail-on", said("config.severity", value="'huge'")),
        ("[severity]\nTL101 = 'huge'\n", "severity.TL101", said("config.severity", value="'huge'")),
        ("role = 'boss'\n", "role", said("read.role_unknown", value="'boss'", allowed="customer, agent, note")),
    ]
    for text, key, problem in cases:
        config.write_text(text, encoding="utf-8")
        want = problem.within(str(config), key)
        code, _, err = _check("--locale", lang, "--config", str(config), str(ticket))
        assert code == 2 and notices.render(want, lang) in err and str(problem) not in err, err
        code, _, err = _check("--config", str(config), str(ticket))
        assert code == 2 and f"{config}: {key}: {problem}" in err, err
    assert str(cases[0][2]) == "unknown severity 'huge' (expected info, warning or error)"
