"""Readers: turn files (or stdin) into tickets, never losing one silently.

Every ticket read becomes either a `Ticket` or a `ReadError` with the file
and line. A file that cannot be read at all (missing, empty, binary, not
UTF-8 for a single-document format) is one `ReadError` with `fatal=True`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..model import Message, ReadError, Role, Ticket
from .ticket_json import TicketFormatError, ticket_from_dict

FORMATS = ("auto", "text", "json", "jsonl")
_JSONL_SUFFIXES = {".jsonl", ".ndjson"}


@dataclass(frozen=True, slots=True)
class Item:
    """One thing read: a ticket to lint, or an error to report."""

    ticket: Ticket | None = None
    error: ReadError | None = None
    plain: bool = False  # a bare text: one message, no thread
    fatal: bool = False  # the whole file could not be read


def _line_of(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, col


def _decode(data: bytes, source: str) -> str | ReadError:
    if not data.strip():
        return ReadError(source, None, "empty file: nothing to lint")
    nul = data.find(b"\x00", 0, 1 << 16)
    if nul != -1:
        line, _ = _line_of(data, nul)
        return ReadError(source, line, "binary file (NUL byte): not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_of(data, exc.start)
        return ReadError(source, line, f"invalid UTF-8 at column {col} (byte 0x{data[exc.start]:02x}); save the file as UTF-8")
    return text.removeprefix("\ufeff")


def _sniff(text: str) -> str:
    stripped = text.lstrip()
    if stripped[:1] == "[":
        try:
            json.loads(stripped)
            return "json"
        except ValueError:
            return "text"
    if stripped[:1] == "{":
        try:
            json.loads(stripped)
            return "json"
        except ValueError:
            lines = [ln for ln in stripped.splitlines() if ln.strip()]
            return "jsonl" if all(ln.lstrip().startswith("{") for ln in lines[:5]) else "text"
    return "text"


def read_source(path: str, *, fmt: str = "auto", role: Role = Role.NOTE) -> Iterator[Item]:
    """Items read from a path, or from stdin when `path` is '-'."""
    source = "<stdin>" if path == "-" else path
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except IsADirectoryError:
        yield Item(error=ReadError(source, None, "is a directory (pass files, or use a shell glob)"), fatal=True)
        return
    except OSError as exc:
        yield Item(error=ReadError(source, None, f"cannot read: {exc.strerror or exc}"), fatal=True)
        return
    if fmt == "auto":
        suffix = Path(path).suffix.lower() if path != "-" else ""
        fmt = "jsonl" if suffix in _JSONL_SUFFIXES else "json" if suffix == ".json" else ""
    if fmt == "jsonl":
        yield from _read_jsonl(data, source)
        return
    text = _decode(data, source)
    if isinstance(text, ReadError):
        yield Item(error=text, fatal=True)
        return
    if not fmt:
        fmt = _sniff(text)
    if fmt == "json":
        yield from _read_json(text, source)
    else:
        ticket = Ticket(id=Path(source).name, messages=(Message(role=role, body=text),), source=source, line=1)
        yield Item(ticket=ticket, plain=True)


def _ticket(obj: object, source: str, line: int, fallback: str) -> Item:
    try:
        return Item(ticket=ticket_from_dict(obj, source, line, fallback))
    except TicketFormatError as exc:
        tid = obj.get("id") if isinstance(obj, dict) else None
        return Item(error=ReadError(source, line, str(exc), str(tid) if tid is not None else None))


def _read_jsonl(data: bytes, source: str) -> Iterator[Item]:
    if not data.strip():
        yield Item(error=ReadError(source, None, "empty file: nothing to lint"), fatal=True)
        return
    if b"\x00" in data[: 1 << 16]:
        yield Item(error=ReadError(source, _line_of(data, data.find(b"\x00"))[0], "binary file (NUL byte): not text"), fatal=True)
        return
    for lineno, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            yield Item(error=ReadError(source, lineno, f"invalid UTF-8 at column {exc.start + 1} (byte 0x{raw[exc.start]:02x})"))
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Item(error=ReadError(source, lineno, f"invalid JSON at column {exc.colno}: {exc.msg}"))
            continue
        yield _ticket(obj, source, lineno, f"line-{lineno}")


def _read_json(text: str, source: str) -> Iterator[Item]:
    """A ticket object, an array of tickets or {"tickets": [...]}, with line numbers."""
    decoder = json.JSONDecoder()
    try:
        start = len(text) - len(text.lstrip())
        top, end = decoder.raw_decode(text, start)
        if text[end:].strip():
            raise json.JSONDecodeError("extra data after the JSON value", text, end + (len(text[end:]) - len(text[end:].lstrip())))
    except json.JSONDecodeError as exc:
        yield Item(error=ReadError(source, exc.lineno, f"invalid JSON at column {exc.colno}: {exc.msg}"), fatal=True)
        return
    if isinstance(top, dict) and "messages" not in top and isinstance(top.get("tickets"), list):
        arr_start = text.index("[", text.index('"tickets"'))
        yield from _array_items(text, arr_start, source)
    elif isinstance(top, list):
        yield from _array_items(text, start, source)
    else:
        yield _ticket(top, source, text.count("\n", 0, start) + 1, "ticket-1")


def _array_items(text: str, pos: int, source: str) -> Iterator[Item]:
    decoder = json.JSONDecoder()
    pos += 1  # past '['
    n = 0
    while True:
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(text) or text[pos] == "]":
            return
        obj, end = decoder.raw_decode(text, pos)
        n += 1
        line = text.count("\n", 0, pos) + 1
        yield _ticket(obj, source, line, f"ticket-{n}")
        pos = end
