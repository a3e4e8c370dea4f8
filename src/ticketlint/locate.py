"""Where a finding is in the input file, not only in its message.

A finding's `line`/`column` count inside the message body; a CI annotation
needs the line and column of the file. The reader keeps each record's source
text (`Origin`); for the findings of a ticket, this module finds the JSON
string literal that holds each message's body (the first unused literal, not
a key, whose decoded value is the body) and maps a body offset to a source
offset by re-scanning that literal's escapes (`\\n`, `\\"`, `\\u00e9`, a
surrogate pair: each one character of the body, several of the source).

Where no literal holds the body (a helpdesk body converted from HTML, a
record too large to keep), the file position falls back to the message's
line, else the record's, with no column. A plain text file is its own body.
Only tickets with findings are located, in the main process, so a run with
no findings pays nothing but keeping each record's text while it is linted.

Columns are 1-based and count Unicode code points; ends are exclusive.
"""

from __future__ import annotations

import json.decoder
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from . import recache
from .frozen import fast_init
from .model import Finding, Ticket
from .textutil import line_starts, position

# The C string scanner of the json module (typeshed does not declare it): (text, index after the quote) -> (value, end)
scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]


@fast_init
@dataclass(frozen=True, slots=True)
class Origin:
    """A record's source text; `line`/`column` (1-based) is where its first character is in the file.
    `plain`: the text is the message body itself (a text file)."""

    text: str
    line: int
    column: int
    plain: bool = False


# A JSON string literal, as Friedl's "unrolled loop": a run of plain characters, then (a backslash and
# the character it escapes, then a run) repeated; each step starts with a character the one before
# cannot take, so there is one way to match and the time is linear. The text was decoded already,
# so every quote is closed.
_LITERAL = recache.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_KEY_AFTER = recache.compile(r"[ \t\r\n]*:")
# The pieces of a literal's content, each giving one body character or (a run) as many as its length.
_PIECE = recache.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}"  # a surrogate pair: one character
    r'|\\u[0-9a-fA-F]{4}|\\.|[^\\"]+',
    re.DOTALL,
)


def _literals(text: str, wanted: set[str]) -> dict[str, list[int]]:
    """For each wanted value, the offsets (of the first content character) of the literals holding it."""
    found: dict[str, list[int]] = {}
    shortest = min((len(w) for w in wanted), default=0)
    for m in _LITERAL.finditer(text):
        start, end = m.start() + 1, m.end() - 1
        if end - start < shortest or _KEY_AFTER.match(text, m.end()):
            continue
        raw = text[start:end]
        if "\\" in raw:
            try:
                value, _ = scanstring(text, start)
            except ValueError:
                continue
        else:
            value = raw
        if value in wanted:
            found.setdefault(value, []).append(start)
    return found


def _source_offset(text: str, start: int, body_offset: int) -> int:
    """The offset in `text` of body character `body_offset`, for the literal whose content starts at `start`."""
    done = 0
    pos = start
    while done < body_offset:
        m = _PIECE.match(text, pos)
        if m is None:
            break  # the literal ended early: cannot happen for a literal that decodes to the body
        piece = m.group()
        if piece[0] != "\\":
            take = min(len(piece), body_offset - done)
            done += take
            pos += take
            continue
        done += 1
        pos = m.end()
    return pos


@dataclass(frozen=True, slots=True)
class _Place:
    """A file's line starts and where its text begins, to turn offsets of `Origin.text` into line:column."""

    starts: list[int]
    origin: Origin

    def at(self, offset: int) -> tuple[int, int]:
        line, col = position(self.starts, offset)
        return self.origin.line + line - 1, (col + self.origin.column - 1 if line == 1 else col)


def locate(ticket: Ticket, found: Sequence[tuple[Finding, str]], origin: Origin | None) -> list[tuple[Finding, str]]:
    """The findings with `file_line`, `file_column` (and their ends) set."""
    if not found:
        return list(found)
    if origin is not None and origin.plain:
        whole = _Place(line_starts(origin.text), origin)
        return [(_with(f, whole.at(f.span.start), whole.at(f.span.end)), text) for f, text in found]
    literal_of: dict[int, int | None] = {}
    place: _Place | None = None
    if origin is not None and origin.text:
        indexes = {f.message_index for f, _ in found}
        bodies = {ticket.messages[i].body for i in indexes}
        holders = _literals(origin.text, bodies)
        seen: dict[str, int] = {}
        for i, message in enumerate(ticket.messages):
            k = seen.get(message.body, 0)
            seen[message.body] = k + 1
            if i in indexes:
                where = holders.get(message.body, [])
                literal_of[i] = where[k] if k < len(where) else None
        place = _Place(line_starts(origin.text), origin)
    out = []
    for f, text in found:
        start = literal_of.get(f.message_index)
        if start is None or place is None:
            message = ticket.messages[f.message_index]
            line = message.line or ticket.line or (origin.line if origin is not None else None)
            out.append((replace(f, file_line=line), text))
            continue
        begin = _source_offset(origin.text, start, f.span.start)  # type: ignore[union-attr]
        end = _source_offset(origin.text, begin, f.span.end - f.span.start)  # type: ignore[union-attr]
        out.append((_with(f, place.at(begin), place.at(end)), text))
    return out


def _with(f: Finding, start: tuple[int, int], end: tuple[int, int]) -> Finding:
    return replace(f, file_line=start[0], file_column=start[1], file_end_line=end[0], file_end_column=end[1])
