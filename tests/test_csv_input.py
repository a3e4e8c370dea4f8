"""CSV/TSV exports: a column mapping (config or --map), one row per message or per ticket, and every
way a CSV can be misread turned into a one-line error; a CSV is never linted as text."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ticketlint.cli import main
from ticketlint.config import ConfigError, load_config
from ticketlint.model import Role
from ticketlint.readers import Inputs, read_source
from ticketlint.readers.csvmap import MappingError, mapping_from_table, merged, parse_map_option

ROWS = [  # one row per message; the second message has a line break inside its quoted cell
    ("Ticket", "Kind", "Text", "Author", "Agent", "Team", "Lang"),
    ("101", "End-user", "The printer in room 4 prints blank pages since the update.", "ana", "maria", "tier1", "en"),
    ("101", "Agent", "Hello Ana,\nclosed as PEBKAC.", "maria", "maria", "tier1", "en"),
    ("102", "End-user", "La impresora imprime páginas en blanco desde ayer.", "luis", "ion", "tier2", "es"),
    ("102", "Internal", "Escalado a N2, el cliente es un caso PEBKAC.", "ion", "ion", "tier2", "es"),
    ("103", "End-user", "Printer mencetak halaman kosong sejak kemarin.", "dewi", "ion", "tier2", "id"),
    ("104", "Agent", "Imprimanta a fost repornită; problemă PEBKAC.", "ion", "ion", "tier2", "ro"),
]
MAP = "id=Ticket,body=Text,role-column=Kind,role-map=End-user:customer;Agent:agent;Internal:note,author=Author,agent=Agent,team=Team,language=Lang"


def csv_text(rows: list[tuple[str, ...]], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def check(*args: str, input: str | None = None):
    result = CliRunner().invoke(main, ["check", "--isolated", "--no-color", "--select", "TL401", *args], input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    return result


def errors(result) -> list[str]:
    return [line for line in result.output.splitlines() if line.startswith("error:")]


def test_one_row_per_message_with_the_cli_map(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(csv_text(ROWS), encoding="utf-8")
    out = json.loads(check("--format", "json", "--map", MAP, str(path)).output)
    assert out["errors"] == []
    assert out["summary"]["tickets_read"] == 4 and out["summary"]["tickets_linted"] == 4
    by_ticket = {f["ticket_id"]: f for f in out["findings"]}
    assert set(by_ticket) == {"101", "102", "104"}
    assert by_ticket["101"]["role"] == "agent" and by_ticket["101"]["author"] == "maria"
    assert by_ticket["102"]["role"] == "note" and by_ticket["102"]["fields"] == {"agent": "ion", "team": "tier2"}
    assert by_ticket["101"]["message_index"] == 1


def test_rows_keep_their_file_lines_after_a_multi_line_cell(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(csv_text(ROWS), encoding="utf-8")
    mapping = mapping_from_table(parse_map_option([MAP]))
    items = list(read_source(str(path), inputs=Inputs(mapping=mapping)))
    tickets = {i.ticket.id: i.ticket for i in items if i.ticket}
    assert [m.line for m in tickets["101"].messages] == [2, 3]
    assert [m.line for m in tickets["102"].messages] == [5, 6]  # row 3 spans lines 3-4
    assert tickets["102"].language == "es" and [m.role for m in tickets["102"].messages] == [Role.CUSTOMER, Role.NOTE]


def test_one_row_per_ticket_with_a_fixed_role_from_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".ticketlint.toml").write_text(
        '[input.csv]\nid = "Number"\nbody = "Description"\nrole = "agent"\nstatus = "State"\ndelimiter = ";"\n',
        encoding="utf-8")
    (tmp_path / "list.csv").write_text("Number;Description;State\nINC1;Closed as PEBKAC.;Closed\n"
                                       "INC2;Imprimanta merge din nou.;Resolved\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--select", "TL401", "--format", "json", "list.csv"])
    out = json.loads(result.output)
    assert [(f["ticket_id"], f["role"], f["fields"]) for f in out["findings"]] == [("INC1", "agent", {"status": "Closed"})]
    assert out["summary"]["tickets_linted"] == 2


def test_pyproject_table_and_cli_override(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.ticketlint.input.csv]\nid = "Id"\nbody = "Nope"\nrole = "customer"\n', encoding="utf-8")
    config = load_config(pyproject)
    assert config.csv_mapping.body == "Nope" and config.csv_mapping.role == Role.CUSTOMER
    over = merged(config.csv_mapping, parse_map_option(["body=Text,role-column=Kind"]))
    assert (over.body, over.role, over.role_column, over.id) == ("Text", None, "Kind", "Id")


@pytest.mark.parametrize(("table", "expected"), [
    ('[input.csv]\nid = "a"\nbodi = "b"\n', "input.csv.bodi: unknown key"),
    ('[input.csv]\nid = "a"\n', "input.csv.body: missing"),
    ('[input.csv]\nbody = "b"\nrole = "boss"\n', "input.csv.role: must be customer, agent or note"),
    ('[input.csv]\nbody = "b"\nrole-map = {x = "agent"}\n', "input.csv.role-map: needs role-column"),
    ('[input.csv]\nbody = "b"\nrole-column = "k"\n', "input.csv.id: missing"),
    ('[input.csv]\nbody = "b"\nid = "i"\nrole-column = "k"\nrole-map = {x = "boss"}\n', "input.csv.role-map.x"),
    ('[input.csv]\nbody = 3\n', "input.csv.body: must be a column name"),
    ('[input.csv]\nbody = "b"\ndelimiter = ";;"\n', "input.csv.delimiter: must be one character"),
    ('[input]\ncsvv = {}\n', "input.csvv: unknown key"),
])
def test_config_errors_name_the_key(tmp_path: Path, table: str, expected: str) -> None:
    path = tmp_path / ".ticketlint.toml"
    path.write_text(table, encoding="utf-8")
    with pytest.raises(ConfigError, match=expected.replace(".", r"\.")):
        load_config(path)


def test_bad_map_option_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    result = check("--map", "id=a,bodyb", str(path))
    assert result.exit_code == 2 and "--map: expected key=Column" in result.output
    with pytest.raises(MappingError):
        mapping_from_table(parse_map_option(["body=b,colour=red"]))


def test_a_csv_without_a_mapping_is_an_error_listing_its_columns_never_text(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(csv_text(ROWS), encoding="utf-8")
    result = check(str(path))
    [line] = errors(result)
    assert "export.csv:1: a CSV needs a column mapping" in line
    assert "--input-format csv --map id=COLUMN,body=COLUMN" in line and "[tool.ticketlint.input.csv]" in line
    assert "'Ticket', 'Kind', 'Text', 'Author', 'Agent', 'Team', 'Lang'" in line
    assert "0 read" in result.output and result.exit_code == 2


def test_header_names_in_errors_are_escaped_and_cut(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    header = ["\x1b[31mred", "x" * 80] + [f"c{i}" for i in range(20)]
    path.write_text(",".join(header) + "\n" + ",".join("v" for _ in header) + "\n", encoding="utf-8")
    [line] = errors(check(str(path)))
    assert "\x1b" not in line and "x" * 40 not in line and "(10 more)" in line


def test_stdin_csv_is_sniffed_not_linted_as_text() -> None:
    result = check("-", input=csv_text(ROWS))
    [line] = errors(result)
    assert "a CSV needs a column mapping" in line
    prose = check("--role", "agent", "-", input="Hi, we looked at it.\nClosed as PEBKAC, sorry.\n")
    assert errors(prose) == [] and "TL401" in prose.output


def test_missing_mapped_column_names_it_and_lists_the_header(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(csv_text(ROWS), encoding="utf-8")
    result = check("--map", MAP.replace("author=Author", "author=Writer"), str(path))
    [line] = errors(result)
    assert "column 'Writer' (mapped as author) is not in the header; its columns: 'Ticket', 'Kind'" in line
    assert result.exit_code == 2


def test_an_unmapped_role_value_makes_its_ticket_unreadable_and_hides_long_values(tmp_path: Path) -> None:
    rows = [ROWS[0], ROWS[1], ("101", "Bot", "auto reply", "x", "", "", "en"),
            ("102", "hunter2-P@ssw0rd!!", "text", "x", "", "", "es"), ROWS[6]]
    path = tmp_path / "export.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    out = json.loads(check("--format", "json", "--map", MAP, str(path)).output)
    errs = {e["ticket_id"]: e for e in out["errors"]}
    assert "line 3: role value 'Bot' in column 'Kind' is not mapped" in errs["101"]["message"]
    assert "hunter2" not in json.dumps(out) and "(a value of 18 characters)" in errs["102"]["message"]
    assert (out["summary"]["tickets_read"], out["summary"]["tickets_linted"]) == (3, 1)


def test_a_ticket_id_that_comes_back_later_is_an_error_naming_the_line(tmp_path: Path) -> None:
    rows = [ROWS[0], ROWS[1], ROWS[3], ROWS[2]]  # 101, 102, then 101 again
    path = tmp_path / "export.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    out = json.loads(check("--format", "json", "--map", MAP, str(path)).output)
    [err] = out["errors"]
    assert err["ticket_id"] == "101" and err["line"] == 4 and "comes back at line 4" in err["message"]
    assert "sort the export by id" in err["message"]
    assert out["summary"]["tickets_read"] == 3 and out["summary"]["tickets_linted"] == 2


def test_bad_rows_are_reported_with_their_lines(tmp_path: Path) -> None:
    data = (csv_text(ROWS[:2]).encode() + b"105,Agent,caf\xe9 PEBKAC,x,y,z,en\r\n"
            + b"106,Agent,too,many,cells,here,en,extra\r\n" + csv_text([ROWS[6]]).encode())
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    out = json.loads(check("--format", "json", "--map", MAP, str(path)).output)
    errs = {e["line"]: e["message"] for e in out["errors"]}
    assert "invalid UTF-8" in errs[3] and "8 cells, the header 7" in errs[4]
    assert {f["ticket_id"] for f in out["findings"]} == {"104"}
    assert out["summary"]["tickets_read"] == 4


def test_tsv_and_gz_and_one_row_per_ticket_default_role(tmp_path: Path) -> None:
    path = tmp_path / "export.tsv"
    path.write_text(csv_text([("id", "body"), ("9", "Closed as PEBKAC, see you")], delimiter="\t"), encoding="utf-8")
    out = json.loads(check("--format", "json", "--role", "agent", "--map", "id=id,body=body", str(path)).output)
    assert [(f["ticket_id"], f["role"]) for f in out["findings"]] == [("9", "agent")]


def test_input_format_csv_without_a_mapping_says_how_to_map(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_text(csv_text(ROWS), encoding="utf-8")
    [line] = errors(check("--input-format", "csv", str(path)))
    assert "a CSV needs a column mapping" in line and "'Ticket'" in line


@pytest.mark.parametrize("line", ['"a,' * 200_000, "a-" * 300_000 + ".comments", ('x;' * 100_000 + "\n") * 3])
def test_sniffing_regexes_are_linear_on_hostile_lines(line: str) -> None:
    import time

    from ticketlint.readers import _looks_like_csv
    from ticketlint.readers.csvinput import sniff_delimiter
    from ticketlint.readers.detect import is_side_file

    start = time.perf_counter()
    for _ in range(3):
        sniff_delimiter(line)
        _looks_like_csv(line + "\n" + line)
        is_side_file(line + ".json")
    assert time.perf_counter() - start < 10.0  # linear: about 1 s here; a quadratic pattern takes minutes
