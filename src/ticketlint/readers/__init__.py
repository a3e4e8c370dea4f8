"""Readers: turn files (or stdin) into tickets, never losing one silently.

Every ticket read becomes either a `Ticket` or a `ReadError` with the file
and line. A file that cannot be read at all (missing, empty, binary, not
UTF-8 for a single-document format) is one `ReadError` with `fatal=True`.
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from json.decoder import scanstring
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


def _unreadable(data: bytes, source: str) -> ReadError | None:
    """Why bytes cannot be text at all (empty, UTF-16, binary), before any decoding."""
    if not data.strip():
        return ReadError(source, None, "empty file: nothing to lint")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return ReadError(source, 1, "UTF-16 text (byte order mark); save the file as UTF-8")
    nul = data.find(b"\x00", 0, 1 << 16)
    if nul != -1:
        line, _ = _line_of(data, nul)
        return ReadError(source, line, "binary file (NUL byte): not text")
    return None


def _decode(data: bytes, source: str) -> str | ReadError:
    problem = _unreadable(data, source)
    if problem is not None:
        return problem
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_of(data, exc.start)
        return ReadError(source, line, f"invalid UTF-8 at column {col} (byte 0x{data[exc.start]:02x}); save the file as UTF-8")
    return text.removeprefix("\ufeff")


_JSON_START = re.compile(r'(?:\{\s*"|\[\s*[{\["\]]|\{\s*\}$)')


def _looks_like_json(text: str) -> bool:
    """Whether a text that failed to parse was meant as JSON: an object, or an array of objects or strings.

    Such a text is reported as invalid JSON, never linted as one prose message
    (a truncated export must not pass as a ticket with no findings).
    """
    return bool(_JSON_START.match(text.lstrip()[:64]))


def _is_object(line: str) -> bool:
    try:
        return isinstance(_loads(line), dict)
    except (ValueError, RecursionError):
        return False


def _sniff(text: str) -> str:
    """json, jsonl or text, from the data itself (a file's name may say nothing: stdin, .txt).

    JSONL when the first non-blank line is a JSON object, or when one of the
    first five is a ticket (an object with "messages"): a broken first line
    must not turn an export into one prose message.
    """
    stripped = text.lstrip()
    if stripped[:1] in ("[", "{"):
        try:
            if isinstance(_loads(stripped), (dict, list)):
                return "json"
        except (ValueError, RecursionError):
            pass
    head: list[str] = []
    for line in text.splitlines():
        if line.strip():
            head.append(line.strip())
            if len(head) == 5:
                break
    objects = [_is_object(line) and (i == 0 or '"messages"' in line) for i, line in enumerate(head)]
    if any(objects) and (len(head) > 1 or objects[0]):
        return "jsonl"  # one object per line: each bad line is reported on its own
    if head and head[0].startswith("{") and _looks_like_json(head[0]) and len(head) > 1:
        return "jsonl"
    return "json" if stripped[:1] in ("[", "{") and _looks_like_json(stripped) else "text"


class HugeNumber:
    """An integer too long for Python to convert (over 4,300 digits): kept as a marker so that
    the field holding it is reported as of the wrong type, and the rest of the file is read."""

    __slots__ = ("digits",)

    def __init__(self, digits: str) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return f"<a number of {len(self.digits):,} digits>"

    __str__ = __repr__


def _parse_int(digits: str) -> int | HugeNumber:
    return int(digits) if len(digits) <= 4000 else HugeNumber(digits)


_DECODER = json.JSONDecoder(parse_int=_parse_int)


def _loads(text: str, start: int = 0) -> object:
    """The one JSON value of `text` (from `start`); anything after it but whitespace is an error there."""
    obj, end = _DECODER.raw_decode(text, start)
    tail = text[end:]
    if tail.strip():
        raise json.JSONDecodeError("extra data after the JSON value", text, end + len(tail) - len(tail.lstrip()))
    return obj


def _json_problem(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "JSON nested too deeply to read"
    if isinstance(exc, json.JSONDecodeError):
        return f"invalid JSON at column {exc.colno}: {exc.msg}"
    return f"invalid JSON: {exc}"


class _NotAFile(Exception):
    """A path that is neither a regular file nor a pipe (a device, a socket)."""


def _open_bytes(path: str) -> bytes:
    """The bytes of a regular file or a pipe; a FIFO with no writer reads as empty instead of blocking."""
    st = os.stat(path)
    if stat.S_ISFIFO(st.st_mode):
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # returns at once, even with no writer
        try:
            os.set_blocking(fd, True)  # a writer that has the pipe open is then waited for
            with os.fdopen(fd, "rb", closefd=False) as fh:
                return fh.read()
        finally:
            os.close(fd)
    if not stat.S_ISREG(st.st_mode):
        device = stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode)
        raise _NotAFile("a device" if device else "a socket" if stat.S_ISSOCK(st.st_mode) else "not a regular file")
    with open(path, "rb") as fh:
        return fh.read()


def read_source(path: str, *, fmt: str = "auto", role: Role = Role.NOTE, name: str | None = None) -> Iterator[Item]:
    """Items read from a path, or from stdin when `path` is '-' (named `name` in output, default '<stdin>')."""
    source = (name or "<stdin>") if path == "-" else path
    try:
        data = sys.stdin.buffer.read() if path == "-" else _open_bytes(path)
    except IsADirectoryError:
        yield Item(error=ReadError(source, None, "is a directory (pass files, or use a shell glob)"), fatal=True)
        return
    except _NotAFile as exc:
        yield Item(error=ReadError(source, None, f"cannot read: {exc} (pass a file, or - for stdin)"), fatal=True)
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
        # not empty, UTF-16 or binary: invalid UTF-8, which in an export is one bad line, not a bad file
        if not fmt and _unreadable(data, source) is None and _sniff(data.decode("utf-8", errors="replace")) == "jsonl":
            yield from _read_jsonl(data, source)
        else:
            yield Item(error=text, fatal=True)
        return
    if not fmt:
        fmt = _sniff(text)
    if fmt == "jsonl":
        yield from _read_jsonl(data, source)
    elif fmt == "json":
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
    problem = _unreadable(data, source)
    if problem is not None:
        yield Item(error=problem, fatal=True)
        return
    # bytes.splitlines breaks at \n, \r\n and a lone \r only: a JSON line holds none of them raw
    for lineno, raw in enumerate(data.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            yield Item(error=ReadError(source, lineno, f"invalid UTF-8 at column {exc.start + 1} (byte 0x{raw[exc.start]:02x})"))
            continue
        try:
            obj = _loads(line)
        except (ValueError, RecursionError) as exc:
            yield Item(error=ReadError(source, lineno, _json_problem(exc)))
            continue
        yield _ticket(obj, source, lineno, f"line-{lineno}")


def _read_json(text: str, source: str) -> Iterator[Item]:
    """A ticket object, an array of tickets or {"tickets": [...]}, with line numbers."""
    start = len(text) - len(text.lstrip())
    try:
        top = _loads(text, start)
    except json.JSONDecodeError as exc:
        yield Item(error=ReadError(source, exc.lineno, _json_problem(exc)), fatal=True)
        return
    except (ValueError, RecursionError) as exc:
        yield Item(error=ReadError(source, None, _json_problem(exc)), fatal=True)
        return
    if isinstance(top, dict) and "messages" not in top and isinstance(top.get("tickets"), list):
        yield from _array_items(text, _member_start(text, start, "tickets"), source, top["tickets"])
    elif isinstance(top, list):
        yield from _array_items(text, start, source, top)
    else:
        yield _ticket(top, source, text.count("\n", 0, start) + 1, "ticket-1")


_WS = re.compile(r"[ \t\r\n]*")


def _skip_ws(text: str, pos: int) -> int:
    return _WS.match(text, pos).end()  # type: ignore[union-attr]


def _member_start(text: str, pos: int, key: str) -> int:
    """Offset of the value of the top-level `key` of the (valid) JSON object at `pos`.

    Keys are read as JSON strings, so an escaped key ("\\u0074ickets") is found
    and a "tickets" nested deeper is not; the last one wins, as in `json.loads`.
    """
    found = -1
    pos = _skip_ws(text, pos) + 1  # past '{'
    while True:
        pos = _skip_ws(text, pos)
        if text[pos] == "}":
            return found
        name, pos = scanstring(text, pos + 1)
        pos = _skip_ws(text, _skip_ws(text, pos) + 1)  # past ':'
        if name == key:
            found = pos
        _, pos = _DECODER.raw_decode(text, pos)
        pos = _skip_ws(text, pos)
        if text[pos] == ",":
            pos += 1


def _array_items(text: str, pos: int, source: str, values: list[object]) -> Iterator[Item]:
    """Each element of the (already parsed) array at `pos` as a ticket, with the line it starts on.

    Lines are counted incrementally: counting from the top for each ticket made
    a page of an API export (24,000 tickets) take a minute.
    """
    pos += 1  # past '['
    line, counted = 1 + text.count("\n", 0, pos), pos
    for n, obj in enumerate(values, start=1):
        pos = _skip_ws(text, pos)
        if text[pos] == ",":
            pos = _skip_ws(text, pos + 1)
        line += text.count("\n", counted, pos)
        counted = pos
        yield _ticket(obj, source, line, f"ticket-{n}")
        _, pos = _DECODER.raw_decode(text, pos)
