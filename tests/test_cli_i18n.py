"""Texts a user reads that were still English under `--locale es|id|ro` (issue 13, the sweep of round fourteen):
the rule selector's, `--group-by`'s, `--map`'s and the baseline's errors, an error in a config file that sets
`locale`, a rule option's, the evidence of a ticket read in part, a CSV row's width. Each is driven as a user
meets it, in every locale: the line is the locale's catalogue text (never the English one), still names the file,
line, key or record, and English stays as it was (pinned)."""

from __future__ import annotations

import ast
import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_partial_read import _journal, _zendesk_pages, freshdesk_ticket, jsm_issue, zendesk_ticket

from ticketlint import notices
from ticketlint.cli import main
from ticketlint.model import LANGUAGES, Said, Size, said

OTHERS = [lang for lang in LANGUAGES if lang != "en"]
SRC = Path(__file__).resolve().parent.parent / "src" / "ticketlint"
TICKET = {"id": "T1", "messages": [{"role": "customer", "body": "The app crashes when I log in."}]}


def _run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args))
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exc_info
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout
    return r.exit_code, r.stdout, r.stderr


def _ticket(tmp_path: Path) -> str:
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps(TICKET) + "\n", encoding="utf-8")
    return str(path)


def _error(text: Said, lang: str) -> str:
    """The one line `ticketlint: error: ...` says in `lang`."""
    return notices.render(said("cli.error", text=text), lang) + "\n"


def _said_in(lang: str, err: str, text: Said, *names: str) -> None:
    """`err` is exactly `text` in `lang`, not its English, and still names the file, key or record."""
    assert err == _error(text, lang), err
    assert str(text) not in err and notices.render(text, lang) != str(text)
    for name in names:
        assert name in err, (name, err)


# -- the rule selector, --group-by, --map ------------------------------------------------------------------


@pytest.mark.parametrize("lang", OTHERS)
@pytest.mark.parametrize("option,key", [("--select", "select"), ("--ignore", "ignore"),
                                        ("--extend-select", "extend-select")])
def test_an_unknown_rule_selector_is_said_in_the_locale(lang: str, option: str, key: str, tmp_path: Path) -> None:
    code, _, err = _run("check", "--isolated", "--locale", lang, option, "TL999", _ticket(tmp_path))
    assert code == 2
    _said_in(lang, err, said("select.unknown", value="'TL999'").within(key), "'TL999'", f"{key}: ")


@pytest.mark.parametrize("lang", OTHERS)
def test_an_unknown_rule_is_said_in_the_locale(lang: str) -> None:
    code, _, err = _run("rule", "--isolated", "--locale", lang, "no-such-rule")
    assert code == 2
    _said_in(lang, err, said("select.unknown_rule", value="'no-such-rule'"), "'no-such-rule'")


@pytest.mark.parametrize("lang", OTHERS)
def test_an_unknown_group_by_field_is_said_in_the_locale(lang: str, tmp_path: Path) -> None:
    code, _, err = _run("check", "--isolated", "--locale", lang, "--group-by", "agent,nofield", _ticket(tmp_path))
    assert code == 2
    text = said("cli.group_by", value="'nofield'", known="author, agent, team, group, channel, status, priority, "
                "requester, language, role, source").within("--group-by")
    _said_in(lang, err, text, "--group-by: ", "'nofield'")


@pytest.mark.parametrize("lang", OTHERS)
@pytest.mark.parametrize("spec,text", [
    ("foo", said("map.expected", value="'foo'").within("--map")),
    ("nofield=x", said("config.unknown_key_known", known="id, body, role-column, author, created-at, subject, "
                       "language, agent, team, group, channel, status, priority, requester, message-id, role, "
                       "role-map, delimiter").within("--map", "nofield")),
    ("body=text,role-map=a", said("map.expected_role_map", value="'a'").within("--map", "role-map")),
    ("body=text,role=boss", said("map.roles_not", value="'boss'").within("--map", "role")),
    ("body=text,delimiter=ab", said("map.delimiter").within("--map", "delimiter")),
    ("id=id", said("map.no_body").within("--map", "body")),
    ("body=text,role-map=A:agent", said("map.role_map_alone").within("--map", "role-map")),
])
def test_a_bad_map_is_said_in_the_locale(lang: str, spec: str, text: Said, tmp_path: Path) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text("id,text\n1,hello\n", encoding="utf-8")
    code, _, err = _run("check", "--isolated", "--locale", lang, "--map", spec, str(rows))
    assert code == 2
    _said_in(lang, err, text, "--map: ")


def test_the_english_of_these_errors_is_as_it_was(tmp_path: Path) -> None:
    """English byte for byte as before the texts were catalogue keys; only --map's role-map error lost the
    "--map:" it said twice."""
    ticket = _ticket(tmp_path)
    rows = tmp_path / "rows.csv"
    rows.write_text("id,text\n1,hello\n", encoding="utf-8")
    want = {
        ("--select", "TL999"): "select: unknown rule selector 'TL999' (not a code, prefix, name, alias or group)",
        ("--group-by", "nofield"): "--group-by: unknown field 'nofield' (known: author, agent, team, group, channel, "
                                   "status, priority, requester, language, role, source)",
        ("--map", "foo"): "--map: expected key=Column, got 'foo'",
        ("--map", "body=text,role=boss"): "--map: role: must be customer, agent or note, not 'boss'",
        ("--map", "body=text,role-map=a"): "--map: role-map: expected role-map=Value:role;Value:role, got 'a'",
    }
    for (option, value), text in want.items():
        _, _, err = _run("check", "--isolated", option, value, str(rows) if option == "--map" else ticket)
        assert err == f"ticketlint: error: {text}\n"


# -- the baseline ------------------------------------------------------------------------------------------


def _baselines(tmp_path: Path) -> dict[str, tuple[bytes | None, Said, str]]:
    """Broken baseline files: (content, the text of its error, where it names)."""
    def at(name: str) -> str:
        return str(tmp_path / name)

    return {
        "missing.json": (None, said("baseline.cannot_read", reason="No such file or directory").within(at("missing.json")),
                         at("missing.json")),
        "latin1.json": ("{\"é\": 1}".encode("latin-1"), said("baseline.not_utf8").within(at("latin1.json")),
                        at("latin1.json")),
        "notjson.json": (b"{\n  nope\n", said("baseline.json", column=3, reason=said("reason.expecting_name"))
                         .within(f"{at('notjson.json')}:2"), f"{at('notjson.json')}:2: "),
        "shape.json": (b"[1, 2]", said("baseline.shape").within(at("shape.json")), at("shape.json")),
        "version.json": (b'{"version": 99, "entries": []}', said("baseline.version", value="99", expected=1)
                         .within(at("version.json")), at("version.json")),
        "entries.json": (b'{"version": 1, "entries": {}}', said("baseline.entries").within(at("entries.json")),
                         at("entries.json")),
        "entry.json": (b'{"version": 1, "entries": [{"ticket": "T1"}]}',
                       said("baseline.entry").within(at("entry.json"), "entries[0]"), "entries[0]"),
    }


@pytest.mark.parametrize("lang", OTHERS)
@pytest.mark.parametrize("name", ["missing.json", "latin1.json", "notjson.json", "shape.json", "version.json",
                                  "entries.json", "entry.json"])
def test_a_broken_baseline_is_said_in_the_locale(lang: str, name: str, tmp_path: Path) -> None:
    content, text, where = _baselines(tmp_path)[name]
    if content is not None:
        (tmp_path / name).write_bytes(content)
    code, _, err = _run("check", "--isolated", "--locale", lang, "--baseline", str(tmp_path / name), _ticket(tmp_path))
    assert code == 2
    _said_in(lang, err, text, where)


def test_a_broken_baseline_in_english_is_as_it_was(tmp_path: Path) -> None:
    ticket = _ticket(tmp_path)
    old = {
        "missing.json": f"{tmp_path / 'missing.json'}: cannot read the baseline: No such file or directory",
        "notjson.json": f"{tmp_path / 'notjson.json'}:2: not a baseline file (invalid JSON at column 3: Expecting "
                        "property name enclosed in double quotes)",
        "shape.json": f"{tmp_path / 'shape.json'}: not a baseline file (expected an object with 'version' and "
                      "'entries'; write one with --write-baseline)",
        "version.json": f"{tmp_path / 'version.json'}: baseline version 99 is not supported (expected 1)",
        "entry.json": f"{tmp_path / 'entry.json'}: entries[0]: expected ticket, code, a fingerprint of 20 hex digits "
                      "and a count >= 1",
    }
    for name, (content, _, _) in _baselines(tmp_path).items():
        if name not in old:
            continue
        if content is not None:
            (tmp_path / name).write_bytes(content)
        _, _, err = _run("check", "--isolated", "--baseline", str(tmp_path / name), ticket)
        assert err == f"ticketlint: error: {old[name]}\n"


@pytest.mark.parametrize("lang", OTHERS)
def test_a_baseline_that_cannot_be_written_is_said_in_the_locale(lang: str, tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "baseline.json"
    code, _, err = _run("check", "--isolated", "--locale", lang, "--write-baseline", str(target), _ticket(tmp_path))
    assert code == 2
    assert err.endswith(_error(said("baseline.cannot_write", reason="No such file or directory").within(str(target)),
                               lang))


# -- a configuration file that sets `locale` ---------------------------------------------------------------


@pytest.mark.parametrize("lang", OTHERS)
@pytest.mark.parametrize("body,text", [
    ('jobs = "many"\n', said("config.positive_or_auto").within("{config}", "jobs")),
    ("foo = 1\n", said("config.unknown_key").within("{config}", "foo")),
    ('min-severity = "huge"\n', said("config.severity", value="'huge'").within("{config}", "min-severity")),
    ('[input.csv]\nbody = ""\n', said("map.column").within("{config}", "input.csv.body")),
    ('select = ["TL999"]\n', said("select.unknown", value="'TL999'").within("select")),
    ("[rules.TL101]\nnope = 1\n", said("select.option", code="TL101", known="extend-evidence, extend-failure, "
                                       "logs-are-evidence").within("{config}", "rules.missing-error-code.nope")),
    ("[rules.TL999]\nx = 1\n", said("select.unknown_rule", value="'TL999'").within("{config}", "rules.TL999")),
])
def test_an_error_in_a_config_file_that_sets_locale_is_said_in_it(lang: str, body: str, text: Said,
                                                                  tmp_path: Path) -> None:
    """The file asks for `locale`: its own errors were said in English (the locale was not yet read). Said in the
    file's locale; --locale still wins; a file whose locale cannot be read is said in --locale, else English."""
    config = tmp_path / "ticketlint.toml"
    config.write_text(f'locale = "{lang}"\n{body}', encoding="utf-8")
    at = tuple(str(config) if a == "{config}" else a for a in text.at)
    text = Said(text.key, text.params, at)
    ticket = _ticket(tmp_path)
    code, _, err = _run("check", "--config", str(config), ticket)
    assert code == 2
    _said_in(lang, err, text, *(a for a in at if isinstance(a, str)))
    other = "ro" if lang != "ro" else "es"
    _, _, err = _run("check", "--locale", other, "--config", str(config), ticket)
    assert err == _error(text, other)
    _, _, err = _run("check", "--locale", "en", "--config", str(config), ticket)
    assert err == _error(text, "en")


def test_a_config_file_whose_locale_cannot_be_read_says_its_error_in_english(tmp_path: Path) -> None:
    config = tmp_path / "ticketlint.toml"
    config.write_text('locale = "fr"\n', encoding="utf-8")
    _, _, err = _run("check", "--config", str(config), _ticket(tmp_path))
    assert err == f"ticketlint: error: {config}: locale: unsupported locale 'fr' (auto, en, es, id, ro)\n"
    config.write_text('locale = "es"\njobs = 0\nselect = [\n', encoding="utf-8")  # not TOML: no locale known
    _, _, err = _run("check", "--config", str(config), _ticket(tmp_path))
    assert err.startswith(f"ticketlint: error: {config}: invalid TOML: ")
    _, _, err = _run("check", "--locale", "ro", "--config", str(config), _ticket(tmp_path))
    assert err.startswith(f"ticketlint: eroare: {config}: ")


@pytest.mark.parametrize("lang", OTHERS)
def test_the_rules_command_says_a_config_error_in_the_files_locale(lang: str, tmp_path: Path) -> None:
    config = tmp_path / "ticketlint.toml"
    config.write_text(f'locale = "{lang}"\nfoo = 1\n', encoding="utf-8")
    code, _, err = _run("rules", "--config", str(config))
    assert code == 2 and err == _error(said("config.unknown_key").within(str(config), "foo"), lang)


@pytest.mark.parametrize("lang", OTHERS)
def test_a_config_number_too_long_is_said_in_the_locale(lang: str, tmp_path: Path) -> None:
    config = tmp_path / "ticketlint.toml"
    config.write_text("jobs = " + "9" * 5000 + "\n", encoding="utf-8")
    code, _, err = _run("check", "--locale", lang, "--config", str(config), _ticket(tmp_path))
    text = said("config.number_too_long").within(str(config), said("place.line", line=1), "jobs")
    assert code == 2
    _said_in(lang, err, text, str(config), "jobs")
    _, _, err = _run("check", "--config", str(config), _ticket(tmp_path))
    assert err == f"ticketlint: error: {config}: line 1: jobs: a number too long to read\n"


# -- read in part: the evidence ----------------------------------------------------------------------------


def _partial(lang: str, *args: str) -> list[dict[str, object]]:
    _, out, _ = _run("check", "--isolated", "--locale", lang, "--format", "json", *args)
    return json.loads(out)["partial"]


def _exports(tmp_path: Path) -> dict[str, tuple[list[str], Said]]:
    """An export of each helpdesk read in part, with what says so."""
    jsm = tmp_path / "jsm" / "search.json"
    jsm.parent.mkdir()
    jsm.write_text(json.dumps({"issues": [jsm_issue(99)]}), encoding="utf-8")
    zendesk = tmp_path / "zendesk" / "tickets.json"
    zendesk.parent.mkdir()
    zendesk.write_text(json.dumps({"tickets": [zendesk_ticket(3, 12)]}), encoding="utf-8")
    offset = tmp_path / "offset"
    offset.mkdir()
    (offset / "tickets.json").write_text(json.dumps({"tickets": [zendesk_ticket(0, None, embed=False)]}),
                                         encoding="utf-8")
    _zendesk_pages(offset, {"next_page": "https://example.zendesk.com/p2", "count": 4}, {"next_page": None, "count": 4})
    (offset / "comments-page1.json").unlink()  # only the last page: its count says two are missing
    cursor = tmp_path / "cursor"
    cursor.mkdir()
    (cursor / "tickets.json").write_text(json.dumps({"tickets": [zendesk_ticket(0, None, embed=False)]}),
                                         encoding="utf-8")
    _zendesk_pages(cursor, {"meta": {"has_more": True}}, {"meta": {"has_more": False}})
    (cursor / "comments-page2.json").unlink()
    freshdesk = tmp_path / "freshdesk" / "tickets.json"
    freshdesk.parent.mkdir()
    freshdesk.write_text(json.dumps([freshdesk_ticket(10)]), encoding="utf-8")
    servicenow = tmp_path / "servicenow" / "incident.csv"
    servicenow.parent.mkdir()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["number", "short_description", "caller_id", "assigned_to", "state", "description", "comments"])
    writer.writerow(["INC0010023", "Email not syncing", "Abel Tuter", "Beth Anglin", "In Progress", "No mail.",
                     _journal(32000)])
    servicenow.write_text(out.getvalue(), encoding="utf-8")
    plain = tmp_path / "plain.csv"
    plain.write_text("ticket,text\n" + 'T-1,"' + ("My laptop will not boot. " * 2000)[:32767] + '"\n', encoding="utf-8")
    return {
        "jsm": ([str(jsm)], said("evidence.field_is", field="fields.comment.total", value=99)),
        "zendesk": ([str(zendesk)], said("evidence.field_is", field="comment_count", value=12)),
        "zendesk offset": ([str(offset / "tickets.json")],
                           said("evidence.field_is", field="count", value=4).within("comments-page2.json")),
        "zendesk cursor": ([str(cursor / "tickets.json")],
                           said("evidence.more", field="meta.has_more").within("comments-page1.json")),
        "freshdesk": (["--input-format", "freshdesk", str(freshdesk)], said("evidence.embedded", n=10)),
        "servicenow": ([str(servicenow)], said("evidence.journal_cell", column="comments", n=Size(32000),
                                               limit=said("limit.servicenow_csv"))),
        "csv": (["--input-format", "csv", "--map", "id=ticket,body=text", str(plain)],
                said("evidence.cell_of_line", column="text", line=2, n=Size(32767), limit=said("limit.spreadsheet"))),
    }


ENGLISH_EVIDENCE = {
    "jsm": "fields.comment.total is 99", "zendesk": "comment_count is 12",
    "zendesk offset": "comments-page2.json: count is 4",
    "zendesk cursor": "comments-page1.json: meta.has_more says there are more",
    "freshdesk": "10 embedded, the most include=conversations returns",
    "servicenow": "the comments cell is 32,000 characters long, the most a ServiceNow CSV export writes of a display "
                  "value: its oldest entries are missing",
    "csv": "the text cell of line 2 is 32,767 characters long, the most a spreadsheet cell holds",
}


@pytest.mark.parametrize("export", sorted(ENGLISH_EVIDENCE))
def test_what_says_a_ticket_was_read_in_part_is_in_the_locale(export: str, tmp_path: Path) -> None:
    """The evidence of a gap ("count is 4", "next_page says there are more", a cut cell) was English in every
    locale inside an otherwise translated line. English stays as it was, and JSON's `missing[].evidence` keeps it
    (a machine field, like `part`); the line a user reads (`message`, the text output) is the locale's."""
    args, evidence = _exports(tmp_path)[export]
    [notice] = _partial("en", *args)
    [gap] = notice["missing"]
    assert gap["evidence"] == str(evidence) == ENGLISH_EVIDENCE[export]
    assert f"({ENGLISH_EVIDENCE[export]})" in str(notice["message"])
    for lang in OTHERS:
        [notice] = _partial(lang, *args)
        said_there = notices.render(evidence, lang)
        assert said_there != str(evidence)
        assert f"({said_there})" in str(notice["message"]) and str(evidence) not in str(notice["message"])
        assert notice["missing"][0]["evidence"] == str(evidence)  # type: ignore[index]
        _, out, _ = _run("check", "--isolated", "--locale", lang, *args)
        assert f"({said_there})" in out and f"{notice['ticket_id']}" in out


def test_the_read_in_part_evidence_in_romanian_and_spanish_agrees_with_its_number(tmp_path: Path) -> None:
    """A count before its noun: Romanian "32.000 de caractere", "10 conversații"; Spanish "32.000 caracteres"."""
    assert notices.render(said("evidence.journal_cell", column="comments", n=Size(32000),
                               limit=said("limit.servicenow_csv")), "ro").startswith(
        "celula comments are 32.000 de caractere")
    assert notices.render(said("evidence.embedded", n=10), "ro").startswith("10 conversații incluse")
    assert notices.render(said("evidence.embedded", n=1), "es").startswith("1 conversación incluida")
    assert notices.render(said("evidence.cell", column="Description", n=Size(32767),
                               limit=said("limit.spreadsheet")), "es").startswith(
        "la celda Description tiene 32.767 caracteres")


def test_the_engines_table_keeps_the_evidence_as_key_and_parameters() -> None:
    """The Dask/Spark findings table stores a partial row's `message` in the locale and its gaps' evidence as
    catalogue texts (`said`), so that the HTML report and the stderr line built from the row (`partial_of`) say
    it in the run's language as the local run does; the JSONL record is the local one (`missing` in English)."""
    from ticketlint import frames
    from ticketlint.model import Gap, PartialRead

    notice = PartialRead("export.json", 3, "4812", (
        Gap("comments", 2, 4, said("evidence.field_is", field="count", value=4).within("comments-page2.json")),))
    for lang in LANGUAGES:
        rows = frames._Rows(0, locale=lang)
        rows.partial(notice)
        [row] = rows.rows
        back = frames.partial_of(row)
        assert back == notice
        assert notices.line(back, lang) == notices.line(notice, lang)
        assert frames.jsonl_record(row)["missing"] == [{"part": "comments", "read": 2, "total": 4,
                                                       "evidence": "comments-page2.json: count is 4"}]
    old = dict(row, said=None)  # a table written before the column held it: the evidence as written
    assert frames.partial_of(old).gaps[0].evidence == "comments-page2.json: count is 4"


# -- a CSV row of the wrong width --------------------------------------------------------------------------


@pytest.mark.parametrize("lang,cells,counted", [
    ("en", 1, "the row has 1 cell, the header 2"), ("en", 3, "the row has 3 cells, the header 2"),
    ("es", 1, "la fila tiene 1 celda y"), ("es", 3, "la fila tiene 3 celdas y"),
    ("ro", 1, "rândul are 1 celulă,"), ("ro", 25, "rândul are 25 de celule,"), ("ro", 3, "rândul are 3 celule,"),
    ("id", 1, "baris ini memiliki 1 sel,"),
])
def test_a_csv_row_of_the_wrong_width_agrees_with_its_number(lang: str, cells: int, counted: str,
                                                           tmp_path: Path) -> None:
    """English said "the row has 1 cells" and es/ro worded around the number: the count is `n` now, its noun agrees
    in each language ("1 celdă"... "25 de celule"), and the line still names the file, line and ticket."""
    rows = tmp_path / "rows.csv"
    rows.write_text("id,text\n" + ",".join(["7"] + ["x"] * (cells - 1)) + "\n", encoding="utf-8")
    code, out, _ = _run("check", "--isolated", "--locale", lang, "--map", "id=id,body=text", str(rows))
    assert code == 2
    line = next(x for x in out.splitlines() if f"{rows}:2: " in x)
    assert counted in line and notices.render(said("notice.ticket", ticket="7"), lang) in line


# -- no English sentence left in these errors --------------------------------------------------------------

_RAISING = {"registry.py": {"SelectionError"}, "baseline.py": {"BaselineError"}, "audit.py": {"SaidError"},
            "readers/csvmap.py": {"MappingError"}, "engine.py": {"ConfigError"}, "cli.py": {"ConfigError"}}


def test_these_errors_are_never_built_from_an_english_sentence() -> None:
    """A selector, baseline, --group-by, --map or rule-option error built from an English sentence (a string
    literal with a space, an f-string) would be English in every locale again; and a gap's evidence (its fourth
    argument) in any reading module."""
    found = []
    for name, errors in _RAISING.items():
        for node in ast.walk(ast.parse((SRC / name).read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in errors:
                for arg in node.args[1:] if node.func.id == "MappingError" else node.args:
                    if isinstance(arg, ast.JoinedStr) or (isinstance(arg, ast.Constant) and " " in str(arg.value)):
                        found.append(f"{name}:{node.lineno}")
    for path in (SRC / "readers").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Gap" \
                    and len(node.args) == 4:
                arg = node.args[3]
                if isinstance(arg, (ast.JoinedStr, ast.Constant)):
                    found.append(f"{path.name}:{node.lineno}")
    assert found == []


# -- the formats' fixed words, -o, the progress bar --------------------------------------------------------


@pytest.mark.parametrize("lang", OTHERS)
def test_sarif_rule_descriptions_and_the_junit_body_are_in_the_locale(lang: str, tmp_path: Path) -> None:
    """SARIF's `shortDescription`/`fullDescription` were the English summary and rationale under every locale (the
    HTML report gave them translated), and JUnit's failure body said "message 0, line 1, column 9"."""
    from ticketlint.registry import default_registry
    from ticketlint.ruledoc import localized

    ticket = _ticket(tmp_path)
    _, out, _ = _run("check", "--isolated", "--locale", lang, "--format", "sarif", ticket)
    rules = {r["id"]: r for r in json.loads(out)["runs"][0]["tool"]["driver"]["rules"]}
    meta = default_registry().get("TL101").meta
    assert rules["TL101"]["shortDescription"]["text"] == localized(meta, lang).summary != meta.summary
    assert rules["TL101"]["fullDescription"]["text"] == localized(meta, lang).rationale != meta.rationale
    _, out, _ = _run("check", "--isolated", "--format", "sarif", ticket)
    english = {r["id"]: r for r in json.loads(out)["runs"][0]["tool"]["driver"]["rules"]}
    assert english["TL101"]["shortDescription"]["text"] == meta.summary
    _, out, _ = _run("check", "--isolated", "--locale", lang, "--format", "junit", ticket)
    where = notices.say(lang, "junit.where", message=0, line=1, column=9, excerpt="crashes")
    assert where in out and "message 0, line 1, column 9" not in out
    _, out, _ = _run("check", "--isolated", "--format", "junit", ticket)
    assert "message 0, line 1, column 9: crashes" in out


@pytest.mark.parametrize("lang", OTHERS)
def test_an_output_file_that_cannot_be_written_is_said_in_the_locale(lang: str, tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "out.json"
    code, _, err = _run("check", "--isolated", "--locale", lang, "-o", str(target), _ticket(tmp_path))
    assert code == 2
    _said_in(lang, err, said("output.cannot", reason="No such file or directory").within(str(target)), str(target))
    _, _, err = _run("check", "--isolated", "-o", str(target), _ticket(tmp_path))
    assert err == f"ticketlint: error: {target}: cannot write the output (No such file or directory)\n"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_progress_bar_speaks_the_locale(lang: str, tmp_path: Path) -> None:
    """The bar's words ("linting", "tickets", "ETA", "N tickets/s") were English under every locale."""
    import contextlib

    from ticketlint import progress

    stream = io.StringIO()
    with contextlib.redirect_stderr(stream):
        progress.sys.stderr = stream  # the bar's console writes to sys.stderr as it is when the bar starts
        try:
            with progress.progress_bar(True, ["-"], lang) as tick:
                assert tick is not None
                for _ in range(40):
                    tick()
        finally:
            progress.sys.stderr = progress.sys.__stderr__
    shown = stream.getvalue()
    assert notices.count(lang, "progress.linting_count", 40) in shown
    if lang != "en":
        assert "linting" not in shown
    assert notices.count("ro", "progress.rate", 1500) == "1.500 de tichete/s"
    assert notices.count("en", "progress.rate", 1500) == "1,500 tickets/s"


@pytest.mark.parametrize("lang", OTHERS)
@pytest.mark.parametrize("body,text", [
    ('exclude = ["[[["]\n', said("glob.bracket", glob="'[[['").within("{config}", "exclude[0]")),
    ('exclude = ["../x"]\n', said("glob.dotdot", glob="'../x'").within("{config}", "exclude[0]")),
    ("exclude = 3\n", said("glob.list").within("{config}", "exclude")),
    ('roles = {"x/*" = "boss"}\n', said("map.roles_not", value="'boss'").within("{config}", 'roles."x/*"')),
    ('per-file-ignores = {"x/*" = []}\n', said("glob.ignores_codes").within("{config}", 'per-file-ignores."x/*"')),
    ("[rules.TL601]\nallow = [3]\n", said("option.type", kind=said("option.kind_string"), type="int", value="3")
     .within("{config}", "rules.TL601.allow[0]")),
])
def test_a_bad_glob_or_rule_option_value_is_said_in_the_locale(lang: str, body: str, text: Said,
                                                              tmp_path: Path) -> None:
    """Globs' and rule options' own reasons were English in every locale (docs listed them as staying English)."""
    config = tmp_path / "ticketlint.toml"
    config.write_text(body, encoding="utf-8")
    text = Said(text.key, text.params, tuple(str(config) if a == "{config}" else a for a in text.at))
    code, _, err = _run("check", "--locale", lang, "--config", str(config), _ticket(tmp_path))
    assert code == 2
    _said_in(lang, err, text, str(config))


def test_a_bad_glob_or_rule_option_value_in_english_is_as_it_was(tmp_path: Path) -> None:
    config = tmp_path / "ticketlint.toml"
    old = {
        'exclude = ["[[["]\n': "exclude[0]: glob '[[[': unclosed '['",
        'exclude = ["a/**b"]\n': "exclude[0]: glob 'a/**b': '**' must be a whole path component (as in "
                                 "'replies/**/*.md')",
        'roles = {"x/*" = "boss"}\n': "roles.\"x/*\": must be customer, agent or note, not 'boss'",
        "[rules.TL601]\nallow = [3]\n": "rules.TL601.allow[0]: must be a string, not int 3",
        "[rules.TL601]\nallow = 3\n": "rules.TL601.allow: must be a list, not int 3",
    }
    for body, text in old.items():
        config.write_text(body, encoding="utf-8")
        _, _, err = _run("check", "--config", str(config), _ticket(tmp_path))
        assert err == f"ticketlint: error: {config}: {text}\n"


@pytest.mark.parametrize("lang", OTHERS)
@pytest.mark.parametrize("body,text", [
    ('[vocabulary]\naccept = "DNS"\n', said("vocab.terms").within("{config}", "vocabulary.accept")),
    ('[vocabulary]\naccept = ["dns"]\nreject = ["DNS"]\n',
     said("vocab.both", term="'DNS'", other="vocabulary.accept").within("{config}", "vocabulary.reject")),
    ('[vocabulary]\naccept = ["a.*b"]\n', said("vocab.regex", term="'a.*b'", char="'*'").within("{config}", "vocabulary.accept")),
    ('[vocabulary]\naccept = ["' + "x" * 120 + '"]\n', said("vocab.too_long", n=100).within("{config}", "vocabulary.accept")),
    ('[vocabulary]\nuse = ["acme"]\n', said("vocab.not_found", name="'acme'", where=said("vocab.no_pack_folder"))
     .within("{config}", "vocabulary.use")),
])
def test_a_bad_vocabulary_is_said_in_the_locale(lang: str, body: str, text: Said, tmp_path: Path) -> None:
    config = tmp_path / "ticketlint.toml"
    config.write_text(f'locale = "{lang}"\n' + body, encoding="utf-8")
    text = Said(text.key, text.params, tuple(str(config) if a == "{config}" else a for a in text.at))
    code, _, err = _run("check", "--config", str(config), _ticket(tmp_path))
    assert code == 2
    _said_in(lang, err, text, str(config))
    if text.key == "vocab.too_long":
        assert ("100 de caractere" if lang == "ro" else "100 caracteres" if lang == "es" else "100 karakter") in err
        _, _, err = _run("check", "--locale", "en", "--config", str(config), _ticket(tmp_path))
        assert err.endswith("vocabulary.accept: an entry longer than 100 characters\n")


@pytest.mark.parametrize("lang", OTHERS)
def test_the_dask_engines_option_checks_are_said_in_the_locale(lang: str, tmp_path: Path) -> None:
    ticket = _ticket(tmp_path)
    code, _, err = _run("check", "--isolated", "--locale", lang, "--scheduler", "tcp://127.0.0.1:1", ticket)
    assert code == 2
    _said_in(lang, err, said("dask.needs_engine"), "--scheduler")
    code, _, err = _run("check", "--isolated", "--locale", lang, "--engine", "dask", "-o", "out.txt", ticket)
    assert code == 2
    _said_in(lang, err, said("dask.output", file="out.txt"), "out.txt")
