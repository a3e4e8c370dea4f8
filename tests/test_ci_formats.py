"""CI formats (concise, github, gitlab, junit, sarif), TICKETLINT_OUTPUT_FORMAT, and findings located at
the real line and column of the input file (locate.py), also through a JSON string's escapes."""

from __future__ import annotations

import json
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from ticketlint.cli import main
from ticketlint.formatters.github import command, escape_data, escape_property
from ticketlint.locate import _LITERAL, Origin, _literals, _source_offset

PASSWORD = "Pl4tano-Verde#77"
DATA = Path(__file__).parent / "data"

# Escapes before the finding: é as \u00e9, quotes, a newline, an emoji as a surrogate pair, a backslash.
ES_BODY = 'Caf\u00e9 "Luna" \U0001F600 C:\\tmp\nLa aplicación no funciona desde ayer.'
EN_BODY = "It does not work since the update, I tried everything."
ID_BODY = f"Halo, password: {PASSWORD} tolong dibantu."
RO_BODY = "Nu."


def _tickets() -> list[dict]:
    return [
        {"id": "T-1", "messages": [{"role": "customer", "body": ES_BODY}]},
        {"id": "T-2", "messages": [{"role": "customer", "body": "Hola"}, {"role": "customer", "body": EN_BODY}]},
        {"id": "T-3", "messages": [{"role": "customer", "body": ID_BODY}, {"role": "agent", "body": RO_BODY}]},
    ]


def _jsonl(tmp: Path, extra_lines: tuple[str, ...] = ()) -> Path:
    path = tmp / "tickets.jsonl"
    lines = [json.dumps(t, ensure_ascii=True) for t in _tickets()] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _check(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(main, ["check", "--isolated", "--select", "ALL", *args], env=env)
    assert "Traceback" not in result.output, result.output
    return result


def _findings(path: Path) -> list[dict]:
    out = _check("--format", "jsonl", str(path)).output
    return [d for d in map(json.loads, out.splitlines()) if d["type"] == "finding"]


def _source_slice(path: Path, f: dict) -> str:
    line = path.read_text(encoding="utf-8").split("\n")[f["file_line"] - 1]
    assert f["file_end_line"] == f["file_line"]
    return line[f["file_column"] - 1 : f["file_end_column"] - 1]


# --- locations ----------------------------------------------------------------------------------------


def test_jsonl_locations_count_escapes_before_the_finding(tmp_path: Path) -> None:
    path = _jsonl(tmp_path)
    found = _findings(path)
    es = [f for f in found if f["ticket_id"] == "T-1" and f["excerpt"] == "no funciona"]
    assert es, found
    for f in es:
        assert f["line"] == 2  # inside the body: its second line
        assert f["file_line"] == 1  # in the file: the ticket's line
        # the body has \u00e9, \", \ud83d\ude00, \\ and \n before it: the column is the source's, not the body's
        assert _source_slice(path, f) == "no funciona"
        assert f["file_column"] > len(ES_BODY.split("\n")[0])
    en = [f for f in found if f["ticket_id"] == "T-2" and f["message_index"] == 1]
    assert en and all(f["file_line"] == 2 for f in en)
    assert any(_source_slice(path, f) == f["excerpt"] for f in en)
    secret = [f for f in found if f["code"] == "TL601"]
    assert secret and secret[0]["file_line"] == 3
    assert _source_slice(path, secret[0]) == PASSWORD  # located, though the excerpt is masked
    assert PASSWORD not in json.dumps(found)


def test_pretty_json_points_at_the_line_of_the_body(tmp_path: Path) -> None:
    path = tmp_path / "tickets.json"
    path.write_text(json.dumps({"tickets": _tickets()}, indent=2, ensure_ascii=False), encoding="utf-8")
    text = path.read_text(encoding="utf-8").split("\n")
    found = _findings(path)
    assert found
    for f in found:
        line = text[f["file_line"] - 1]
        assert '"body":' in line
        shown = line[f["file_column"] - 1 : f["file_end_column"] - 1]
        assert shown == (PASSWORD if f["code"] == "TL601" else f["excerpt"])
    es = next(f for f in found if f["excerpt"] == "no funciona")
    assert _source_slice(path, es) == "no funciona"


def test_single_pretty_ticket_and_the_concise_format(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps(_tickets()[1], indent=4), encoding="utf-8")
    out = _check("--format", "concise", str(path)).output.splitlines()
    body_line = next(i for i, line in enumerate(path.read_text().split("\n"), 1) if "does not work" in line)
    column = path.read_text().split("\n")[body_line - 1].index("does not work") + 1
    # TL104 on the same words as TL101: reported once, as "also: TL104" (overlap.py)
    assert any(line.startswith(f"{path}:{body_line}:{column}: TL101") and line.endswith("(also: TL104)") for line in out), out
    assert out[-1].endswith("0 unreadable")


def test_plain_text_file_is_its_own_body(tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text("Hello,\n\nNo.\n", encoding="utf-8")
    found = _check("--format", "jsonl", "--role", "agent", str(path)).output.splitlines()
    findings = [d for d in map(json.loads, found) if d["type"] == "finding"]
    assert findings
    for f in findings:
        assert (f["file_line"], f["file_column"]) == (f["line"], f["column"])


def _zendesk(tmp: Path) -> Path:
    record = {
        "id": 7001, "subject": "Sin acceso", "submitter_id": 11, "requester_id": 11, "assignee_id": 22,
        "status": "open", "via": {"channel": "email"},
        "comments": [
            {"id": 1, "author_id": 11, "public": True, "created_at": "2026-04-01T08:00:00Z",
             "plain_body": "La aplicaci\u00f3n no funciona desde el lunes."},
            {"id": 2, "author_id": 22, "public": True, "created_at": "2026-04-01T09:00:00Z",
             "html_body": "<p><b>No.</b></p>"},
        ],
    }
    path = tmp / "export.jsonl"
    path.write_text("\n" + json.dumps(record, ensure_ascii=True) + "\n", encoding="utf-8")
    return path


def test_helpdesk_export_exact_for_plain_bodies_and_the_record_line_for_html(tmp_path: Path) -> None:
    path = _zendesk(tmp_path)
    found = _findings(path)
    plain = [f for f in found if f["message_index"] == 0]
    html = [f for f in found if f["message_index"] == 1]
    assert plain and html, found
    assert all(f["file_line"] == 2 for f in found)
    assert any(_source_slice(path, f) == "no funciona" for f in plain)
    # an HTML body has no literal holding its text: the record's line, no column
    assert all(f["file_column"] is None and f["file_end_line"] is None for f in html)


def test_locate_is_linear_on_hostile_text() -> None:
    n = 200_000
    start = time.perf_counter()
    list(_LITERAL.finditer('"' + "a\\" * n))  # no closing quote, escapes all along
    list(_LITERAL.finditer('"' + "\\u00e9" * n + '"'))
    text = '"' + "\\u00e9x" * n + '"'
    assert _source_offset(text, 1, 2 * n) == len(text) - 1
    assert _literals('{"a": ' + text + "}", {"\u00e9x" * n}) == {"\u00e9x" * n: [7]}
    assert time.perf_counter() - start < 5


def test_source_offset_steps_over_each_kind_of_escape() -> None:
    raw = json.dumps('é"\n\\\U0001F600z', ensure_ascii=True)  # "\u00e9\"\n\\\ud83d\ude00z"
    body = json.loads(raw)
    assert len(body) == 6
    target = raw.index("z")
    assert _source_offset(raw, 1, body.index("z")) == target
    assert Origin(raw, 1, 1).text == raw


# --- formats ------------------------------------------------------------------------------------------


def test_github_escaping_as_the_toolkit_does() -> None:
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    line = command("warning", {"file": "x,y.jsonl", "line": 3, "col": None}, "one\n::error::two")
    assert line == "::warning file=x%2Cy.jsonl,line=3::one%0A::error::two"
    assert "\n" not in line


def test_github_annotations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _jsonl(tmp_path, ('{"id": "T-9", "messages": [',))
    out = _check("--format", "github", "tickets.jsonl").output.splitlines()
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in out), out
    es = next(line for line in out if "title=TL101" in line)
    f = next(f for f in _findings(Path("tickets.jsonl")) if f["code"] == "TL101")
    assert f"file=tickets.jsonl,line=1,col={f['file_column']},endLine=1,endColumn={f['file_end_column']}," in es
    assert es.startswith("::warning ")
    assert any(line.startswith("::error ") and "TL601" in line for line in out)
    assert any(line.startswith("::error file=tickets.jsonl,line=4,title=ticketlint%3A unreadable input::") for line in out)
    assert PASSWORD not in "\n".join(out)


def test_gitlab_code_quality(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _jsonl(tmp_path, ("not json",))
    first = json.loads(_check("--format", "gitlab", "tickets.jsonl").output)
    second = json.loads(_check("--format", "gitlab", "tickets.jsonl").output)
    assert first == second  # fingerprints are stable
    issues = [i for i in first if i["check_name"] != "ticketlint/read-error"]
    errors = [i for i in first if i["check_name"] == "ticketlint/read-error"]
    assert issues and len(errors) == 1 and errors[0]["location"] == {"path": "tickets.jsonl", "lines": {"begin": 4}}
    assert len({i["fingerprint"] for i in first}) == len(first)
    for issue in first:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["path"] == "tickets.jsonl" and issue["location"]["lines"]["begin"] >= 1
    assert next(i for i in issues if i["check_name"] == "TL601")["severity"] == "major"
    assert PASSWORD not in json.dumps(first)


def test_junit_xml(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, ('{"id": "bad\\u001b[2J", "messages": 5}',
                             json.dumps({"id": "ok\u0007", "messages": [{"role": "customer", "body": "Gracias, ya funciona."}]})))
    out = _check("--format", "junit", str(path)).output
    root = ET.fromstring(out.encode("utf-8"))  # parses: the control characters were escaped
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [str(path)]
    cases = suites[0].findall("testcase")
    assert len(cases) == 5 == int(root.get("tests"))  # T-1, T-2, T-3, the unreadable one, the clean one
    failures = [f for c in cases for f in c.findall("failure")]
    assert len(failures) == len(_findings(path))
    assert {f.get("type") for f in failures} >= {"TL101", "TL601"}
    bad = next(c for c in cases if c.find("error") is not None)
    assert bad.get("name") == "ticket bad\\x1b[2J" and bad.get("line") == "4"
    clean = next(c for c in cases if c.get("name") == "ticket ok\\x07")
    assert not list(clean)
    assert int(suites[0].get("failures")) == 3 and int(suites[0].get("errors")) == 1
    assert PASSWORD not in out


def _sarif_validator():  # type: ignore[no-untyped-def]
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_sarif_is_valid_against_the_published_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    validator = _sarif_validator()
    monkeypatch.chdir(tmp_path)
    _jsonl(tmp_path, ("{broken",))
    out = _check("--format", "sarif", "tickets.jsonl").output
    doc = json.loads(out)
    errors = sorted(validator.iter_errors(doc), key=str)
    assert not errors, errors[:3]
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert all("helpUri" not in r and r["defaultConfiguration"]["level"] in {"error", "warning", "note"} for r in rules)
    results = run["results"]
    assert results
    located = {f["code"] + str(f["file_column"]): f for f in _findings(Path("tickets.jsonl"))}
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        loc = r["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"] == {"uri": "tickets.jsonl", "uriBaseId": "%SRCROOT%"}
        region = loc["region"]
        assert r["ruleId"] + str(region["startColumn"]) in located
        assert region["endLine"] >= region["startLine"] and r["partialFingerprints"]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    note = invocation["toolExecutionNotifications"][0]
    assert note["level"] == "error" and note["locations"][0]["physicalLocation"]["region"] == {"startLine": 4}
    assert PASSWORD not in out
    # the validator does reject a document that is not SARIF
    broken = dict(doc, version="2.0")
    assert list(validator.iter_errors(broken))


def test_sarif_clean_run_is_successful(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    validator = _sarif_validator()
    monkeypatch.chdir(tmp_path)
    Path("ok.jsonl").write_text(json.dumps({"id": "A", "messages": [{"role": "customer", "body": "Mulțumesc!"}]}) + "\n",
                                encoding="utf-8")
    doc = json.loads(_check("--format", "sarif", "ok.jsonl").output)
    assert not list(validator.iter_errors(doc))
    assert doc["runs"][0]["invocations"] == [{"executionSuccessful": True}] and doc["runs"][0]["results"] == []


@pytest.mark.parametrize("fmt", ["concise", "github", "gitlab", "junit", "sarif"])
def test_no_format_drops_an_unreadable_ticket(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "t.jsonl"
    path.write_text('{"id": "Z-41", "messages": []}\n', encoding="utf-8")
    result = _check("--format", fmt, str(path))
    assert result.exit_code == 2
    assert "Z-41" in result.output and "no messages" in result.output


# --- TICKETLINT_OUTPUT_FORMAT -------------------------------------------------------------------------


def test_output_format_from_the_environment(tmp_path: Path) -> None:
    path = _jsonl(tmp_path)
    concise = _check(str(path), env={"TICKETLINT_OUTPUT_FORMAT": "concise"})
    assert concise.output.splitlines()[0].startswith(f"{path}:1:")
    flag = _check("--format", "gitlab", str(path), env={"TICKETLINT_OUTPUT_FORMAT": "concise"})
    assert isinstance(json.loads(flag.output), list)  # --format wins
    bad = _check(str(path), env={"TICKETLINT_OUTPUT_FORMAT": "yaml"})
    assert bad.exit_code == 2
    assert bad.output.strip().splitlines() == [
        "ticketlint: error: TICKETLINT_OUTPUT_FORMAT='yaml' is not an output format "
        "(known: text, json, jsonl, csv, markdown, html, concise, github, gitlab, junit, sarif)"]


def test_locations_are_the_same_with_worker_processes(tmp_path: Path) -> None:
    """With -j 2 tickets are linted in workers; their findings are located in the main process alike."""
    path = tmp_path / "many.jsonl"
    rows = [json.dumps({"id": f"M-{i}", "messages": [{"role": "customer", "body": f"Caf\u00e9 {i}: no funciona."}]})
            for i in range(70)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    one = _check("--format", "concise", "-j", "1", str(path)).output
    two = _check("--format", "concise", "-j", "2", str(path)).output
    assert one == two
    assert f"{path}:70:" in one and ": TL101 " in one


def test_minified_array_counts_the_columns_before_the_record(tmp_path: Path) -> None:
    path = tmp_path / "min.json"
    path.write_text(json.dumps(_tickets(), ensure_ascii=False), encoding="utf-8")  # every ticket on line 1
    found = _findings(path)
    assert {f["file_line"] for f in found} == {1}
    en = next(f for f in found if f["ticket_id"] == "T-2" and f["message_index"] == 1)
    assert _source_slice(path, en) == en["excerpt"]


def test_text_output_points_at_the_file_and_names_the_ticket(tmp_path: Path) -> None:
    path = _jsonl(tmp_path)
    out = _check("--format", "text", "--select", "TL101", str(path)).output.splitlines()
    f = next(f for f in _findings(path) if f["code"] == "TL101" and f["ticket_id"] == "T-1")
    header = out.index(next(line for line in out if line.startswith(f"{path}:1:{f['file_column']}: TL101 ")))
    assert out[header + 1] == "  | La aplicación no funciona desde ayer."
    assert out[header + 3] == "  = in ticket T-1, message 0, line 2"


def test_csv_rows_give_their_line_without_a_column(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("ticket,text\nR-1,Gracias\nR-2,La app no funciona.\n", encoding="utf-8")
    out = _check("--format", "concise", "--input-format", "csv", "--map", "id=ticket,body=text", "--role", "customer",
                 str(path)).output.splitlines()
    assert any(line.startswith(f"{path}:3: TL101 ") for line in out), out
