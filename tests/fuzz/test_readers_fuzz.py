"""Reader fuzzing: valid exports (JSONL, JSON array, {"tickets": [...]}) mutated byte by byte, read with
`ticketlint.readers.read_source`: never an exception, every item a ticket or an error, and for JSONL one
item per non-blank line whenever the file is readable at all."""

from __future__ import annotations

import json
import os
import tempfile

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ticketlint.model import Role
from ticketlint.readers import read_source
from ticketlint.readers.ticket_json import TicketFormatError, ticket_from_dict

TICKETS = [
    {"id": "T-1", "subject": "VPN", "language": "es", "tags": ["vip"], "agent": "maria",
     "messages": [{"role": "customer", "author": "ana", "created_at": "2026-03-02T10:15:00Z",
                   "body": "La VPN se desconecta cada hora.\nNo hice nada."},
                  {"role": "agent", "body": "Hola Ana, reinicie el router. password: Tr0ub4dor&3"}]},
    {"id": 42, "messages": [{"role": "note", "body": "Escalated: card 4111 1111 1111 1111 \u202e \ud83d\ude00 \ud800"}]},
    {"messages": [{"role": "agent", "body": "Closed as PEBKAC.", "language": "en"}], "priority": 3},
]


def _exports() -> dict[str, bytes]:
    line = "\n".join(json.dumps(t, ensure_ascii=bool(i % 2)) for i, t in enumerate(TICKETS)) + "\n"
    return {
        "jsonl": line.encode(),
        "array": json.dumps(TICKETS, indent=1).encode(),
        "wrapper": json.dumps({"meta": {"tickets": ["x"]}, "tickets": TICKETS}).encode(),
    }


EXPORTS = _exports()

BYTE_EDIT = st.one_of(
    st.tuples(st.just("insert"), st.integers(0, 10_000), st.binary(min_size=1, max_size=8)),
    st.tuples(st.just("delete"), st.integers(0, 10_000), st.integers(1, 40)),
    st.tuples(st.just("replace"), st.integers(0, 10_000), st.binary(min_size=1, max_size=4)),
    st.tuples(st.just("truncate"), st.integers(0, 10_000), st.just(b"")),
    st.tuples(st.just("dupline"), st.integers(0, 10_000), st.just(b"")),
    st.tuples(st.just("nul"), st.integers(0, 10_000), st.just(b"\x00")),
    st.tuples(st.just("badutf8"), st.integers(0, 10_000),
              st.sampled_from([b"\xff", b"\xc3", b"\xe9", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x80"])),
    st.tuples(st.just("token"), st.integers(0, 10_000),
              st.sampled_from([b"{", b"}", b"[", b"]", b'"', b",", b":", b"\\", b"\\u", b"\\ud800", b"\n", b"\r",
                               b"\xef\xbb\xbf", b"\xff\xfe", b"9" * 5000, b"[" * 3000, b"NaN", b"1e999",
                               b'"tickets"', b'"messages": []', b"null", b"true"])),
)


def _apply(data: bytes, edit: tuple[str, int, object]) -> bytes:
    kind, pos, arg = edit
    pos = pos % (len(data) + 1)
    if kind in ("insert", "token", "badutf8", "nul"):
        return data[:pos] + arg + data[pos:]  # type: ignore[operator]
    if kind == "delete":
        return data[:pos] + data[pos + int(arg):]  # type: ignore[call-overload]
    if kind == "replace":
        return data[:pos] + arg + data[pos + len(arg):]  # type: ignore[arg-type,operator]
    if kind == "truncate":
        return data[:pos]
    if kind == "dupline":
        lines = data.splitlines()
        if not lines:  # nothing left to duplicate (an earlier edit emptied the file)
            return data
        i = pos % len(lines)
        return b"\n".join(lines[: i + 1] + lines[i:])
    raise AssertionError(kind)


def _read_all(data: bytes, suffix: str, fmt: str = "auto") -> list:
    fd, path = tempfile.mkstemp(suffix=suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        items = list(read_source(path, fmt=fmt, role=Role.AGENT))
    finally:
        os.unlink(path)
    for item in items:
        assert (item.ticket is None) != (item.error is None), item
        if item.error is not None:
            assert item.error.source == path
            assert item.error.message and "\n" not in item.error.message
            assert item.error.line is None or item.error.line >= 1
        else:
            assert item.ticket.messages
            assert all(isinstance(m.body, str) for m in item.ticket.messages)
            assert isinstance(item.ticket.id, str)
    return items


def _readable(data: bytes) -> bool:
    """Readable at all: not empty, no NUL in the first 64 KiB, no UTF-16 byte order mark."""
    return bool(data.strip()) and not data.startswith((b"\xff\xfe", b"\xfe\xff")) and b"\x00" not in data[: 1 << 16]


SETTINGS = settings(deadline=None,  # example count from the profile: ci, dev or fuzz-long
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SETTINGS
@given(kind=st.sampled_from(sorted(EXPORTS)), edits=st.lists(BYTE_EDIT, min_size=1, max_size=6),
       suffix=st.sampled_from([".jsonl", ".json", ".txt", ".ndjson", ""]))
def test_mutated_exports_never_raise_and_give_tickets_or_errors(kind: str, edits: list, suffix: str) -> None:
    data = EXPORTS[kind]
    for edit in edits:
        data = _apply(data, edit)
    items = _read_all(data, suffix)
    assert items, "every input gives at least one item (a ticket or an error)"
    if suffix in (".jsonl", ".ndjson") and _readable(data):
        nonblank = [line for line in data.splitlines() if line.strip()]  # lines end at \n, \r\n or a lone \r, as in the reader
        assert len(items) == len(nonblank), (len(items), len(nonblank))


@SETTINGS
@given(edits=st.lists(BYTE_EDIT, min_size=1, max_size=6), suffix=st.sampled_from([".txt", ".json", ""]))
def test_mutated_jsonl_with_forced_format_is_one_item_per_line(edits: list, suffix: str) -> None:
    """`--input-format jsonl` whatever the file is called."""
    data = EXPORTS["jsonl"]
    for edit in edits:
        data = _apply(data, edit)
    items = _read_all(data, suffix, fmt="jsonl")
    if _readable(data):
        nonblank = [line for line in data.splitlines() if line.strip()]  # lines end at \n, \r\n or a lone \r, as in the reader
        assert len(items) == len(nonblank), (len(items), len(nonblank))


@SETTINGS
@given(edits=st.lists(BYTE_EDIT, min_size=1, max_size=4))
def test_mutated_jsonl_named_txt_is_never_one_plain_message(edits: list) -> None:
    """A `.txt` file that still holds two intact ticket lines is read as JSONL: no plain-text item."""
    data = EXPORTS["jsonl"]
    for edit in edits:
        data = _apply(data, edit)
    lines = data.splitlines()
    intact = [line for line in lines if line.strip() and _is_ticket_line(line)]
    items = _read_all(data, ".txt")
    if _readable(data) and len(intact) >= 2:
        assert not any(item.plain for item in items), [i.error for i in items]
        assert len([i for i in items if i.ticket is not None]) >= len(intact)


def _is_ticket_line(line: bytes) -> bool:
    try:  # json.loads(bytes) would accept UTF-8-encoded surrogates ("surrogatepass"); a reader must not
        obj = json.loads(line.decode("utf-8"))
    except (ValueError, RecursionError):
        return False
    try:  # a valid ticket, not only a JSON object with messages (a mutated role is an error item)
        ticket_from_dict(obj, "x", 1)
    except TicketFormatError:
        return False
    return True


@SETTINGS
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".jsonl", ".json", ".txt"]))
def test_random_bytes_never_raise(data: bytes, suffix: str) -> None:
    items = _read_all(data, suffix)
    assert items


@SETTINGS
@given(kind=st.sampled_from(sorted(EXPORTS)), edits=st.lists(BYTE_EDIT, max_size=4),
       suffix=st.sampled_from([".jsonl", ".json"]), size=st.integers(1, 40))
def test_chunk_size_never_changes_what_is_read(kind: str, edits: list, suffix: str, size: int) -> None:
    """The streaming readers give the same items, lines and errors whatever the chunk boundaries."""
    from ticketlint.readers import source

    data = EXPORTS[kind]
    for edit in edits:
        data = _apply(data, edit)
    assume(b"\x00" not in data)  # a NUL is looked for in the first HEAD bytes only, by design

    def shape(items: list) -> list:
        return [(i.ticket.id, i.ticket.line, len(i.ticket.messages)) if i.ticket else (i.error.line, i.error.message, i.fatal)
                for i in items]

    whole = shape(_read_all(data, suffix))
    saved = source.CHUNK, source.HEAD
    source.CHUNK = source.HEAD = size
    try:
        pieces = shape(_read_all(data, suffix))
    finally:
        source.CHUNK, source.HEAD = saved
    assert pieces == whole


CSV_EXPORT = (
    b'Ticket,Kind,Text,Agent\r\n101,End-user,"La VPN se cae, otra vez.\r\nDesde ayer.",maria\r\n'
    b"101,Agent,Closed as PEBKAC.,maria\r\n102,End-user,Printer mencetak halaman kosong.,ion\r\n"
    b"103,Internal,Imprimanta merge; caz PEBKAC.,ion\r\n"
)


@SETTINGS
@given(edits=st.lists(BYTE_EDIT, max_size=5), per_message=st.booleans(), size=st.sampled_from([3, 1 << 20]))
def test_mutated_csv_never_raises(edits: list, per_message: bool, size: int) -> None:
    """A damaged CSV gives tickets and one-line errors, whatever the mapping and chunk boundaries."""
    from ticketlint.readers import Inputs, source
    from ticketlint.readers.csvmap import mapping_from_table

    data = CSV_EXPORT
    for edit in edits:
        data = _apply(data, edit)
    table = {"id": "Ticket", "body": "Text", "agent": "Agent"}
    table.update({"role-column": "Kind", "role-map": {"End-user": "customer", "Agent": "agent", "Internal": "note"}}
                 if per_message else {"role": "agent"})
    fd, path = tempfile.mkstemp(suffix=".csv")
    saved = source.CHUNK, source.HEAD
    source.CHUNK = source.HEAD = size
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        items = list(read_source(path, inputs=Inputs(mapping=mapping_from_table(table), vendors=())))
    finally:
        source.CHUNK, source.HEAD = saved
        os.unlink(path)
    for item in items:  # a header alone is no ticket (as an empty page), so there may be none
        assert (item.ticket is None) != (item.error is None), item
        if item.error is not None:
            assert item.error.message and "\n" not in item.error.message
        else:
            assert item.ticket.messages and all("\udc80" > c or c > "\udcff" for m in item.ticket.messages for c in m.body)
