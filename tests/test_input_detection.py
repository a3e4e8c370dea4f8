"""Detection and dispatch with small test helpdesks: a record goes to ticketlint's format when it has
`messages`, else to the one helpdesk whose shape it has; the first decision holds for the file; a forced
--input-format reads every record; users exports come from --users or from beside the export."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner

from ticketlint.cli import main
from ticketlint.model import Message, ReadError, Role, Ticket
from ticketlint.readers import Inputs, helpdesk, read_source
from ticketlint.readers.detect import Sides
from ticketlint.readers.helpdesk.base import Person, SideData, Where
from ticketlint.readers.ticket_json import TicketFormatError


class Desk:
    """A test helpdesk: records with `desk_id` and `posts` [{by, text, internal}]; users say who is staff."""

    name: ClassVar[str] = "zendesk"
    wrappers: ClassVar[tuple[str, ...]] = ("pages",)
    key = "desk_id"

    def matches(self, record: Mapping[str, Any]) -> bool:
        return self.key in record and "posts" in record

    def to_ticket(self, record: Mapping[str, Any], where: Where, side: SideData) -> Ticket:
        posts = record.get("posts")
        if not isinstance(posts, list) or not posts:
            raise TicketFormatError("'posts' must be a non-empty list")
        messages = []
        for post in posts:
            person = side.users.get(str(post.get("by")))
            role = Role.NOTE if post.get("internal") else (
                Role.AGENT if person is not None and person.role == "agent" else Role.CUSTOMER)
            messages.append(Message(role=role, body=str(post.get("text", "")), author=str(post.get("by"))))
        return Ticket(id=str(record[self.key]), messages=tuple(messages), source=where.source, line=where.line)

    def matches_header(self, header: Sequence[str]) -> bool:
        return "Desk Id" in header

    def csv_tickets(self, rows: Iterator[tuple[int, Mapping[str, str]]], source: str,
                    side: SideData) -> Iterator[Ticket | ReadError]:
        for line, row in rows:
            if not row.get("Desk Id"):
                yield ReadError(source, line, "no 'Desk Id'")
                continue
            yield Ticket(id=row["Desk Id"], messages=(Message(role=Role.AGENT, body=row.get("Reply", "")),),
                         source=source, line=line)


class OtherDesk(Desk):
    name: ClassVar[str] = "freshdesk"
    wrappers: ClassVar[tuple[str, ...]] = ()
    key = "other_id"

    def matches_header(self, header: Sequence[str]) -> bool:
        return "Other Id" in header


class Twin(Desk):
    """A helpdesk with the same record shape as Desk: a record both accept is never guessed."""

    name: ClassVar[str] = "servicenow"


VENDORS = (Desk(), OtherDesk())


def record(i: int, text: str = "Closed as PEBKAC.", **extra: object) -> dict[str, object]:
    return {"desk_id": i, "posts": [{"by": 1, "text": "Printer broken."}, {"by": 2, "text": text}], **extra}


def own(i: int) -> dict[str, object]:
    return {"id": f"own-{i}", "messages": [{"role": "agent", "body": "Closed as PEBKAC."}]}


def read(path: Path, fmt: str = "auto", vendors=VENDORS, sides: Sides | None = None) -> list:
    return list(read_source(str(path), inputs=Inputs(fmt=fmt, vendors=tuple(vendors), sides=sides)))


def write_jsonl(path: Path, records: list[object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_records_go_to_the_helpdesk_whose_shape_they_have(tmp_path: Path) -> None:
    items = read(write_jsonl(tmp_path / "x.jsonl", [record(1), record(2)]))
    assert [i.ticket.id for i in items] == ["1", "2"]
    assert items[1].ticket.line == 2 and items[1].ticket.source == str(tmp_path / "x.jsonl")


def test_own_format_still_wins_with_messages(tmp_path: Path) -> None:
    items = read(write_jsonl(tmp_path / "x.jsonl", [own(1), own(2)]))
    assert [i.ticket.id for i in items] == ["own-1", "own-2"]


def test_a_record_of_no_known_shape_names_what_was_expected(tmp_path: Path) -> None:
    items = read(write_jsonl(tmp_path / "x.jsonl", [{"subject": "hi"}, record(2)]))
    assert items[0].error.message == ("record 1: not a ticketlint ticket (no 'messages') and not a Zendesk or "
                                      "Freshdesk record; pass --input-format")
    assert items[1].ticket.id == "2"  # undecided records decide nothing: the next one does


def test_the_first_decision_holds_for_the_rest_of_the_file(tmp_path: Path) -> None:
    items = read(write_jsonl(tmp_path / "x.jsonl", [record(1), own(2), {"other_id": 3, "posts": []}, record(4)]))
    assert items[0].ticket.id == "1" and items[3].ticket.id == "4"
    assert "record 2: not a Zendesk record like the records before it" in items[1].error.message
    assert "record 3: not a Zendesk record" in items[2].error.message
    held_own = read(write_jsonl(tmp_path / "y.jsonl", [own(1), record(2)]))
    assert held_own[1].error.message == "ticket has no 'messages'"


def test_two_helpdesks_alike_are_never_guessed(tmp_path: Path) -> None:
    items = read(write_jsonl(tmp_path / "x.jsonl", [record(1)]), vendors=(Desk(), Twin()))
    assert "pass --input-format zendesk or servicenow" in items[0].error.message


def test_forced_helpdesk_reads_every_record_and_its_errors_name_the_field(tmp_path: Path) -> None:
    items = read(write_jsonl(tmp_path / "x.jsonl", [{"desk_id": 1, "posts": []}, record(2)]), fmt="zendesk")
    assert items[0].error.message == "'posts' must be a non-empty list" and items[0].error.ticket_id is None
    assert items[1].ticket.id == "2"
    missing = read(write_jsonl(tmp_path / "y.jsonl", [record(1)]), fmt="jsm")
    assert missing[0].fatal and "no Jira reader is installed" in missing[0].error.message


def test_helpdesk_wrappers_are_streamed(tmp_path: Path) -> None:
    path = tmp_path / "page.json"
    path.write_text(json.dumps({"pages": [record(1), record(2)], "count": 2}, indent=1), encoding="utf-8")
    items = read(path)
    assert [(i.ticket.id, i.ticket.line) for i in items] == [("1", 3), ("2", 16)]


def test_csv_header_picks_the_helpdesk(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Desk Id,Reply\n5,Closed as PEBKAC.\n,empty\n", encoding="utf-8")
    items = read(path)
    assert items[0].ticket.id == "5" and items[1].error.line == 3
    other = tmp_path / "other.csv"
    other.write_text("Number,Reply\n5,x\n", encoding="utf-8")
    [err] = read(other)
    assert "a CSV needs a column mapping (not a Zendesk or Freshdesk list export)" in err.error.message
    [twin] = read(path, vendors=(Desk(), Twin()))
    assert "the header fits Zendesk and ServiceNow list exports alike: pass --input-format zendesk or servicenow" \
        in twin.error.message


def test_users_beside_the_export_and_from_the_command_line(tmp_path: Path) -> None:
    calls: list[tuple[str, list[str]]] = []

    def loader(vendor: str, paths: Sequence[str]) -> SideData:
        calls.append((vendor, [Path(p).name for p in paths]))
        users = {}
        for p in paths:
            for u in json.loads(Path(p).read_text(encoding="utf-8")):
                users[str(u["id"])] = Person(str(u["id"]), role=u["role"])
        return SideData(users=users)

    export = write_jsonl(tmp_path / "export.jsonl", [record(1), record(2)])
    (tmp_path / "users.json").write_text(json.dumps([{"id": 2, "role": "agent"}]), encoding="utf-8")
    items = read(export, sides=Sides(loader=loader))
    assert [m.role for m in items[0].ticket.messages] == [Role.CUSTOMER, Role.AGENT]
    assert calls == [("zendesk", ["users.json"])]  # loaded once for the file
    other = tmp_path / "staff.json"
    other.write_text(json.dumps([{"id": 1, "role": "agent"}]), encoding="utf-8")
    items = read(export, sides=Sides([str(other)], loader=loader))
    assert [m.role for m in items[0].ticket.messages] == [Role.AGENT, Role.AGENT]  # --users, then the files beside
    assert calls[-1] == ("zendesk", ["staff.json", "users.json"])


def test_a_users_export_that_cannot_be_read_is_one_line(tmp_path: Path) -> None:
    def loader(vendor: str, paths: Sequence[str]) -> SideData:
        raise ValueError("users.json:3: not a JSON object")

    export = write_jsonl(tmp_path / "export.jsonl", [record(1)])
    [item] = read(export, sides=Sides([str(tmp_path / "users.json")], loader=loader))
    assert item.fatal and "cannot use a side file" in item.error.message and "users.json:3" in item.error.message


def test_cli_with_installed_helpdesks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(helpdesk, "VENDORS", VENDORS, raising=False)
    seen: list[list[str]] = []

    def load_side(vendor: str, paths: list[str]) -> SideData:
        seen.append([Path(p).name for p in paths])
        return SideData(users={"2": Person("2", role="agent")})

    monkeypatch.setattr(helpdesk, "load_side", load_side, raising=False)
    export = write_jsonl(tmp_path / "export.jsonl", [record(1), record(2, "Gracias, listo.")])
    users = tmp_path / "people.json"
    users.write_text("[]", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--isolated", "--select", "TL401", "--format", "json",
                                       "--input-format", "zendesk", "--users", str(users), str(export)])
    out = json.loads(result.output)
    assert [(f["ticket_id"], f["role"]) for f in out["findings"]] == [("1", "agent")]
    assert seen == [["people.json"]]


@pytest.mark.parametrize(("name", "side"), [
    ("users.json", True), ("users.jsonl.gz", True), ("agents.json", True), ("sys_journal_field.json", True),
    ("4812.comments.json", True), ("comments-4812.json", True), ("HELP-142.comments.json", True),
    ("export.json", False), ("tickets.jsonl", False), ("users.csv", False), ("my-users-list.txt", False),
])
def test_side_file_names(name: str, side: bool) -> None:
    from ticketlint.readers.detect import is_side_file

    assert is_side_file(name) is side


def test_installed_helpdesks_end_to_end_with_users_beside_the_export(tmp_path: Path) -> None:
    """The real readers (when installed): a Zendesk full export, gzip'd, with users.json beside it, in a folder."""
    import gzip

    if not getattr(helpdesk, "VENDORS", ()):
        pytest.skip("no helpdesk readers installed")
    lines = [
        {"id": 71, "subject": "Factura", "status": "open", "via": {"channel": "email"}, "requester_id": 900,
         "assignee_id": 500, "comments": [
             {"id": 1, "author_id": 900, "public": True, "plain_body": "Me cobraron dos veces la factura de enero."},
             {"id": 2, "author_id": 500, "public": False, "plain_body": "Cliente PEBKAC, ya lo vimos."},
             {"id": 3, "author_id": 501, "public": True, "plain_body": "Closed as PEBKAC."}]},
    ]
    (tmp_path / "export.jsonl.gz").write_bytes(gzip.compress("".join(json.dumps(x) + "\n" for x in lines).encode()))
    (tmp_path / "users.json").write_text(json.dumps({"users": [
        {"id": 900, "name": "Ana", "role": "end-user"}, {"id": 500, "name": "Maria", "role": "agent"},
        {"id": 501, "name": "Ion", "role": "admin"}]}), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--isolated", "--select", "TL401", "--format", "json", str(tmp_path)])
    out = json.loads(result.output)
    assert out["errors"] == [] and out["summary"]["tickets_linted"] == 1
    assert [(f["role"], f["author"]) for f in out["findings"]] == [("note", "Maria"), ("agent", "Ion")]


def test_forced_helpdesk_never_lints_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Closed as PEBKAC.\n", encoding="utf-8")
    [item] = read(path, fmt="zendesk")
    assert item.fatal and "cannot be read as a Zendesk export" in item.error.message


@pytest.mark.parametrize("size", [3, 2000])  # read whole, and streamed past the first chunk
def test_a_json_file_with_one_record_per_line_is_json_lines(tmp_path: Path, size: int) -> None:
    """Zendesk's full export is named export.json and holds one ticket per line: every line is a ticket,
    not the first one followed by 'extra data'."""
    zendesk = json.loads((Path(__file__).parent / "fixtures/exports/zendesk/export.jsonl").read_text().splitlines()[0])
    path = tmp_path / "export.json"
    path.write_text("".join(json.dumps({**zendesk, "id": 1000 + i}) + "\n" for i in range(size)))
    items = list(read_source(str(path)))
    assert [i.error for i in items if i.error] == []
    assert [i.ticket.id for i in items if i.ticket] == [str(1000 + i) for i in range(size)]
    assert items[-1].ticket is not None and items[-1].ticket.line == size


def test_a_vertical_tab_in_broken_lines_does_not_turn_json_lines_into_prose(tmp_path: Path) -> None:
    """Lines end where the JSONL reader ends them (\\n, \\r\\n, \\r), not at a vertical tab or a form feed: three
    broken lines holding one ("\\x01\\x0b\\x01{...}") before two tickets are three errors and two tickets, not one
    prose message (found by tests/fuzz/test_readers_fuzz.py)."""
    ticket = json.dumps({"id": "T-1", "messages": [{"role": "customer", "body": "VPN down"}]})
    path = tmp_path / "tickets.txt"
    path.write_text("\x01\n" + ("\x01\x0b\x01" + ticket + "\n") * 2 + ticket + "\n" + ticket.replace("T-1", "T-2") + "\n")
    items = list(read_source(str(path)))
    assert not any(i.plain for i in items)
    assert [i.error.line for i in items if i.error] == [1, 2, 3]
    assert [i.ticket.id for i in items if i.ticket] == ["T-1", "T-2"]


def test_a_json_file_of_prose_is_invalid_json_not_a_message(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    path.write_text("hello there, this is not JSON\n")
    [item] = list(read_source(str(path)))
    assert item.fatal and item.error is not None and "invalid JSON" in item.error.message


@pytest.mark.parametrize("complete", [True, False])
def test_a_byte_order_mark_does_not_turn_json_lines_into_prose(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             complete: bool) -> None:
    """An export saved with a BOM (Excel, Windows tools) and piped on stdin, or named without a telling suffix:
    the sniffer saw '\\ufeff{' and read 200 Zendesk tickets as one prose message of 1.4 million characters."""
    from ticketlint.readers import source

    if not complete:  # the head is only the start of the input
        monkeypatch.setattr(source, "HEAD", 64)
        monkeypatch.setattr(source, "CHUNK", 64)
    lines = [json.dumps({"id": f"T-{i}", "messages": [{"role": "agent", "body": "Please restart the router."}]})
             for i in range(3)]
    path = tmp_path / "export"
    path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
    items = list(read_source(str(path)))
    assert [i.error for i in items if i.error] == []
    assert [i.ticket.id for i in items] == ["T-0", "T-1", "T-2"]
