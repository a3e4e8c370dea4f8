"""JSON and JSONL read incrementally: one record at a time, each with the line it starts on.

A JSON array (or an API page such as `{"tickets": [...]}`) is parsed element
by element with the standard library's `raw_decode` over a buffer that holds
one record plus a chunk, not the file: memory stays bounded by the largest
record, and time is linear (a record that does not fit is retried after the
buffer has at least doubled, so the re-parsing costs at most as much again).
The standard library was chosen over a streaming library (ijson): it already
gives offsets, hence exact line numbers, it parses records at C speed, and it
reads integers of any length through the same `parse_int` hook as the rest
of ticketlint; measured by bench/readers.py, an array reads within a few
percent of the same tickets as JSONL.

Errors are `Broken` items in the stream: a bad JSONL line is one record that
could not be read (the next line is read); a JSON document broken part-way
ends the file there (`fatal`), after the records before the damage.
"""

from __future__ import annotations

import json
import json.decoder
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass

from .. import recache
from ..frozen import fast_init
from ..model import Said, said
from ..notices import outside
from .numbers import DECODER, loads

# The C string scanner of the json module (typeshed does not declare it): (text, index after the quote) -> (value, end)
scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]

# top-level keys of a page that hold its records: ticketlint's own and the helpdesk APIs'
# (Zendesk tickets, ServiceNow result/records, Jira issues, Freshdesk search results)
WRAPPERS: frozenset[str] = frozenset({"tickets", "result", "records", "issues", "results"})


@fast_init
@dataclass(frozen=True, slots=True)
class Record:
    """One decoded JSON value that should be a ticket (or a helpdesk record)."""

    value: object
    line: int
    index: int  # 1-based among the file's records
    # The record's own source text and the column (1-based) its first character is on in `line`:
    # kept so that a finding can be located in the file (locate.py); "" when not kept.
    text: str = ""
    column: int = 1
    by_line: bool = False  # one of several objects, one per line: named by its line when it has no id


@dataclass(frozen=True, slots=True)
class Broken:
    """Something that could not be read: a record (not fatal) or the rest of the file (fatal)."""

    line: int | None
    said: Said | str
    fatal: bool = False

    @property
    def message(self) -> str:
        """The text in English."""
        return str(self.said)


def decode_message(msg: str) -> str:
    """The json module's message as a whole sentence: "Unterminated string starting at" and "Invalid control
    character at" expect the place appended, which the column before them already gives."""
    return msg[:-3] + " there" if msg.endswith(" at") else msg


def problem_text(exc: BaseException) -> Said:
    """What a JSON value that did not decode says: the json module's reason is its own text (`outside`)."""
    if isinstance(exc, RecursionError):
        return said("read.json_deep")
    if isinstance(exc, json.JSONDecodeError):
        return said("read.json", column=exc.colno, reason=outside(decode_message(exc.msg)))
    return said("read.json_other", reason=outside(str(exc)))


# --- JSONL ------------------------------------------------------------------------------------------


def jsonl_records(chunks: Iterable[bytes]) -> Iterator[Record | Broken]:
    """One record per non-blank line; lines end at \\n, \\r\\n or a lone \\r (as bytes.splitlines)."""
    lineno = index = 0
    for raw in _lines(chunks):
        lineno += 1
        if not raw.strip():
            continue
        index += 1
        try:
            line = raw.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            yield Broken(lineno, said("read.utf8_row", column=exc.start + 1, byte=f"0x{raw[exc.start]:02x}"))
            continue
        try:
            value = loads(line)
        except (ValueError, RecursionError) as exc:
            yield Broken(lineno, problem_text(exc))
            continue
        yield Record(value, lineno, index, line)
    if index == 0:
        yield Broken(None, said("read.empty"), fatal=True)


def _lines(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """The lines of a byte stream without their endings; a line may span any number of chunks."""
    pending: list[bytes] = []
    for chunk in chunks:
        if b"\n" not in chunk and b"\r" not in chunk:
            pending.append(chunk)  # a long line: joined once, when it ends
            continue
        data = b"".join(pending) + chunk if pending else chunk
        pending = []
        lines = data.splitlines(keepends=True)
        if not lines[-1].endswith(b"\n"):  # unfinished, or a \r whose \n may come in the next chunk
            pending.append(lines.pop())
        for line in lines:
            yield line.rstrip(b"\r\n")
    if pending:
        data = b"".join(pending)
        for line in data.splitlines():
            yield line


# --- JSON -------------------------------------------------------------------------------------------


class _Syntax(Exception):
    def __init__(self, line: int | None, text: Said) -> None:
        super().__init__(str(text))
        self.line = line
        self.said = text


_WS = recache.compile(r"[ \t\r\n]*")
_NUMBER_TAIL = recache.compile(r"[0-9eE+.-]+")  # what may follow a number cut at a chunk's end
_NEAR_END = 16  # an error this close to the end of the buffer may only mean "read more"


class _Buffer:
    """Decoded text of a stream, read on demand; knows the line and column of any offset it holds."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = iter(chunks)
        self.text = ""
        self.pos = 0
        self.eof = False
        self._carry = b""  # bytes of a character split between chunks
        self._bad: _Syntax | None = None  # invalid UTF-8 met while reading ahead: raised when reached
        self._first = True
        self._line0 = 1  # line of text[0]
        self._col0 = 0  # column offset of text[0] in its line
        self._counted = 0  # text[:_counted] has been counted into _counted_line
        self._counted_line = 1
        self.trimmed = 0  # characters dropped from the front of `text` so far
        self.last: tuple[str, int] = ("", 1)  # source text and column of the last value read

    # reading
    def _trim(self) -> None:
        cut = min(self.pos, self._counted)
        if cut < 1 << 16:
            return
        nl = self.text.rfind("\n", 0, cut)
        self._line0 = self._counted_line - self.text.count("\n", cut, self._counted)
        self._col0 = self._col0 + cut if nl == -1 else cut - nl - 1
        self.text = self.text[cut:]
        self.trimmed += cut
        self.pos -= cut
        self._counted -= cut

    def fill(self, at_least: int = 1) -> bool:
        """Read until `at_least` more characters are buffered (or the end); False when nothing came."""
        if self.eof:
            return False
        self._trim()
        start = len(self.text)
        parts = [self.text]
        got = 0
        while got < at_least:
            if self._bad is not None:
                raise self._bad
            chunk = next(self._chunks, None)
            if chunk is None:
                self.eof = True
                if self._carry:
                    self._bad = self._bad_utf8(self._carry, 0, "".join(parts))
                    self.eof = False
                break
            data = self._carry + chunk if self._carry else chunk
            self._carry = b""
            try:
                piece = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                if exc.end == len(data) and len(data) - exc.start < 4 and "unexpected end" in exc.reason:
                    piece, self._carry = data[: exc.start].decode("utf-8"), data[exc.start:]
                else:
                    piece = data[: exc.start].decode("utf-8")
                    self._bad = self._bad_utf8(data, exc.start, "".join(parts) + piece)
            if self._first and piece:  # a byte order mark split between chunks is whole by now
                piece = piece.removeprefix("\ufeff")
                self._first = False
            parts.append(piece)
            got += len(piece)
            if self._bad is not None:
                break
        self.text = "".join(parts)
        return len(self.text) > start

    def _bad_utf8(self, data: bytes, at: int, text_before: str) -> _Syntax:
        line = self._line0 + text_before.count("\n")
        nl = text_before.rfind("\n")
        col = (self._col0 + len(text_before) if nl == -1 else len(text_before) - nl - 1) + 1
        return _Syntax(line, said("read.utf8", column=col, byte=f"0x{data[at]:02x}"))

    def line_at(self, offset: int) -> int:
        if offset >= self._counted:
            self._counted_line += self.text.count("\n", self._counted, offset)
            self._counted = offset
            return self._counted_line
        return self._line0 + self.text.count("\n", 0, offset)

    def _col_at(self, offset: int) -> int:
        nl = self.text.rfind("\n", 0, offset)
        return (self._col0 + offset if nl == -1 else offset - nl - 1) + 1

    def error(self, offset: int, reason: Said | str) -> _Syntax:
        """Invalid JSON at `offset`: `reason` a `reason.*` text, or the json module's (`outside`)."""
        return _Syntax(self.line_at(offset), said("read.json", column=self._col_at(offset), reason=reason))

    # tokens
    def peek(self) -> str:
        """The next non-whitespace character ('' at the end), without consuming it."""
        if self.pos < len(self.text) and self.text[self.pos] not in " \t\r\n":
            return self.text[self.pos]
        while True:
            self.pos = _WS.match(self.text, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self.fill():
                if self._bad is not None:
                    raise self._bad
                return ""

    def expect(self, char: str, reason: Said) -> None:
        if self.peek() != char:
            raise self.error(self.pos, reason)
        self.pos += 1

    def _more_or_raise(self, exc: json.JSONDecodeError) -> None:
        """After a decoding error: read more when the error may only mean the buffer ended too soon
        (the caller then decodes again, over twice the text, so retries stay linear); else raise it."""
        more = exc.pos >= len(self.text) - _NEAR_END or exc.msg.startswith("Unterminated string")
        if more and self.fill(max(1 << 16, len(self.text) - self.pos)):
            return
        if self._bad is not None and more:
            raise self._bad from None
        raise self.error(exc.pos, outside(decode_message(exc.msg))) from None

    def value(self) -> tuple[object, int]:
        """The JSON value at the next non-whitespace position, and the line it starts on."""
        if self.peek() == "":
            raise self.error(self.pos, said("reason.expecting_value"))
        while True:
            try:
                obj, end = DECODER.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as exc:
                self._more_or_raise(exc)
                continue
            except RecursionError:
                raise _Syntax(self.line_at(self.pos), said("read.json_deep")) from None
            if (end >= len(self.text) or (not isinstance(obj, (str, list, dict)) and
                                          _NUMBER_TAIL.fullmatch(self.text, end))) \
                    and self.fill(max(1 << 16, len(self.text) - self.pos)):
                continue  # a number may go on in the next chunk ("1e" of "1e999", "12." of "12.5")
            line = self.line_at(self.pos)
            self.last = (self.text[self.pos:end], self._col_at(self.pos))
            self.pos = end
            return obj, line

    def key(self) -> str:
        """The object key (a JSON string) at the next position."""
        if self.peek() != '"':
            raise self.error(self.pos, said("reason.expecting_name"))
        while True:
            try:
                name, end = scanstring(self.text, self.pos + 1)
            except json.JSONDecodeError as exc:
                self._more_or_raise(exc)
                continue
            self.pos = end
            return name

    def elements(self) -> Iterator[tuple[object, int]]:
        """Each element of the array whose '[' is the next character, with its line."""
        self.expect("[", said("reason.expecting_bracket"))
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            yield self.value()
            char = self.peek()
            if char == "]":
                self.pos += 1
                return
            if char != ",":
                raise self.error(self.pos, said("reason.expecting_comma"))
            self.pos += 1
            if self.peek() == "]":
                raise self.error(self.pos, said("reason.trailing_comma"))

    def end(self) -> None:
        if self.peek() != "":
            raise self.error(self.pos, said("reason.extra_data"))


def json_records(chunks: Iterable[bytes], wrappers: Collection[str] = WRAPPERS) -> Iterator[Record | Broken]:
    """The records of one JSON document: an array's elements, a page's wrapped list, or the one object.

    In an object, only a top-level key counts as a wrapper (read as a JSON
    string, so an escaped "\\u0074ickets" counts and a "tickets" inside "meta"
    does not), and only when the object is not itself a ticket (a "messages"
    key before it). Each wrapped list is read as it comes, so a wrapper key
    given twice yields both lists rather than silently dropping the first.
    """
    buf = _Buffer(chunks)
    index = 0
    try:
        first = buf.peek()
        if first == "[":
            for value, line in buf.elements():
                index += 1
                yield Record(value, line, index, *buf.last)
        elif first == "{":
            for item in _object(buf, wrappers):
                if isinstance(item, Record):
                    index += 1
                    item = Record(item.value, item.line, index, item.text, item.column)
                yield item
            # More objects after the first: one record per line under a .json name (Zendesk's full
            # export is export.json with one ticket per line). Each is a record; a syntax error ends the
            # file there (as in any JSON file), after the records before it.
            while buf.peek() == "{":
                value, line = buf.value()
                index += 1
                yield Record(value, line, index, *buf.last, by_line=True)
        elif first:
            value, line = buf.value()
            index += 1
            yield Record(value, line, index, *buf.last)
        else:
            yield Broken(None, said("read.empty"), fatal=True)
            return
        buf.end()
    except _Syntax as exc:
        yield Broken(exc.line, exc.said, fatal=True)


def _object(buf: _Buffer, wrappers: Collection[str]) -> Iterator[Record | Broken]:
    start_line = buf.line_at(buf.pos)
    start, start_col = buf.trimmed + buf.pos, buf._col_at(buf.pos)
    buf.expect("{", said("reason.expecting_brace"))
    members: dict[str, object] = {}
    streamed = False
    messages_after = False
    if buf.peek() == "}":
        buf.pos += 1
        yield Record(members, start_line, 1)
        return
    while True:
        name = buf.key()
        buf.expect(":", said("reason.expecting_colon"))
        if name in wrappers and "messages" not in members and buf.peek() == "[":
            for value, line in buf.elements():
                yield Record(value, line, 0, *buf.last)
            streamed = True
        else:
            value, _ = buf.value()
            if name == "messages" and streamed:
                messages_after = True
            members[name] = value
        char = buf.peek()
        if char == "}":
            buf.pos += 1
            break
        if char != ",":
            raise buf.error(buf.pos, said("reason.expecting_comma"))
        buf.pos += 1
    if streamed:
        if messages_after:
            yield Broken(start_line, said("read.messages_beside_records"))
        return
    if "messages" not in members:
        inner = [k for k in members if k in wrappers]
        if len(inner) == 1 and isinstance(members[inner[0]], dict):  # one record in a wrapper: {"result": {...}}
            yield Record(members[inner[0]], start_line, 1, *_kept(buf, start, start_col))
            return
    yield Record(members, start_line, 1, *_kept(buf, start, start_col))


def _kept(buf: _Buffer, start: int, column: int) -> tuple[str, int]:
    """The source text of the object that began at absolute offset `start`, if the buffer still holds it
    (a single object larger than the buffer's window is not kept: its findings fall back to its line)."""
    if start < buf.trimmed:
        return "", 1
    return buf.text[start - buf.trimmed : buf.pos], column
