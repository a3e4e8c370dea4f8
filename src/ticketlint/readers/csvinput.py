"""CSV and TSV exports, read row by row with the line each row starts on.

A CSV is never linted as text: it goes to a helpdesk whose list export has its
header, to a column mapping (`csvmap.CsvMapping`), or it is a one-line error
saying how to map it. Rows are read with the csv module from a stream of
lines, so memory holds one ticket's rows, and a quoted cell spanning several
lines keeps the line numbers of the rows after it right.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from .. import recache
from ..formatters.escape import printable
from ..model import LANGUAGES, TICKET_FIELDS, Gap, Message, ReadError, Role, Said, Size, Ticket, said
from .csvmap import CsvMapping
from .jsonstream import Broken
from .ticket_json import shown_value

# Microsoft's "Excel specifications and limits": "Total number of characters that a cell can contain:
# 32,767 characters". A CSV saved from a spreadsheet has every longer cell cut to exactly this length.
SPREADSHEET_CELL = 32_767

# A cell longer than this is an error for its row, not a megabyte read into memory per cell;
# the csv module's own default (131,072) is below the default max-message-chars.
FIELD_LIMIT = 16 << 20
csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))

_SURROGATE = recache.compile("[\udc80-\udcff]")


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its cells by header name, and why it cannot be used (bad bytes, wrong width)."""

    line: int
    cells: Mapping[str, str]
    problem: Said | None = None


@dataclass(frozen=True, slots=True)
class Table:
    """A CSV file's header and the stream of its rows (a fatal `Broken` ends it)."""

    header: tuple[str, ...]
    header_line: int
    rows: Iterator[Row | Broken]


def _lines(chunks: Iterable[bytes]) -> Iterator[str]:
    """Text lines with their endings (the csv module wants them), bad bytes kept as surrogates to report per row."""
    pending: list[bytes] = []
    first = True
    for chunk in chunks:
        if b"\n" not in chunk:
            pending.append(chunk)
            continue
        data = b"".join(pending) + chunk if pending else chunk
        pending = []
        parts = data.split(b"\n")
        tail = parts.pop()
        if tail:
            pending.append(tail)
        for part in parts:
            text = (part + b"\n").decode("utf-8", errors="surrogateescape")
            if first:
                text, first = text.removeprefix("\ufeff"), False
            yield text
    if pending:
        text = b"".join(pending).decode("utf-8", errors="surrogateescape")
        yield text.removeprefix("\ufeff") if first else text


def sniff_delimiter(line: str) -> str:
    """The delimiter of a header line: the most frequent of , ; and tab outside quotes (',' when none)."""
    outside = re.sub(r'"[^"\n]*"', "", line)
    counts = {d: outside.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_table(chunks: Iterable[bytes], delimiter: str | None) -> Table | Broken:
    """The header and rows of a CSV stream; a Broken when there is no header to read."""
    lines = _lines(chunks)
    head: list[str] = []
    for text in lines:
        head.append(text)
        if text.strip():
            break
    if not any(t.strip() for t in head):
        return Broken(None, said("read.empty"), fatal=True)
    delim = delimiter or sniff_delimiter(head[-1])

    def all_lines() -> Iterator[str]:
        yield from head
        yield from lines

    reader = csv.reader(all_lines(), delimiter=delim, strict=False)
    try:
        header: list[str] = []
        while not header:
            header = next(reader)
    except (csv.Error, StopIteration) as exc:
        return Broken(len(head), said("read.csv_header", reason=str(exc)), fatal=True)  # the csv module's reason
    names = tuple(h.strip() for h in header)
    if any(_SURROGATE.search(n) for n in names):
        return Broken(reader.line_num, said("read.utf8_header"), fatal=True)
    return Table(names, reader.line_num, _rows(reader, names))


def _rows(reader: "csv._reader", names: tuple[str, ...]) -> Iterator[Row | Broken]:  # type: ignore[name-defined]
    width = len(names)
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Broken(start, said("read.csv_broken", reason=str(exc)), fatal=True)
            return
        if not cells or (len(cells) == 1 and not cells[0].strip()):
            continue  # a blank line
        problem = None
        if any(_SURROGATE.search(c) for c in cells):
            problem = said("read.utf8_in_row")
        elif len(cells) != width:
            problem = said("read.row_width", n=len(cells), width=width)
        yield Row(start, dict(zip(names, cells)), problem)


def header_text(header: Sequence[str], limit: int = 12) -> str:
    """The header's column names for an error line: quoted, escaped, each and the list cut short."""
    shown = [repr(printable(n if len(n) <= 30 else n[:29] + "…")) for n in header[:limit]]
    more = f", … ({len(header) - limit} more)" if len(header) > limit else ""
    return ", ".join(shown) + more


def missing_columns(header: Sequence[str], mapping: CsvMapping) -> Said | None:
    """Why the mapping cannot read this header: a mapped column it lacks, or has twice."""
    for key, column in mapping.columns():
        count = sum(1 for h in header if h == column)
        if count == 0:
            return said("read.column_missing", column_name=repr(printable(column)), key=key, columns=header_text(header))
        if count > 1:
            return said("read.column_twice", column_name=repr(printable(column)), key=key, n=count)
    return None


def _cell(row: Row, column: str | None) -> str | None:
    if column is None:
        return None
    value = row.cells.get(column, "").strip()
    return value or None


def mapped_items(table: Table, mapping: CsvMapping, source: str, default_role: Role) -> Iterator[Ticket | ReadError]:
    """Tickets of a CSV through a column mapping: one per row, or one per run of rows with the same id."""
    problem = missing_columns(table.header, mapping)
    if problem is not None:
        yield ReadError(source, table.header_line, problem)
        return
    if mapping.per_message:
        yield from _grouped(table.rows, mapping, source)
        return
    role = mapping.role or default_role
    for row in table.rows:
        if isinstance(row, Broken):
            yield ReadError(source, row.line, row.said)
            continue
        tid = _cell(row, mapping.id) or f"line-{row.line}"
        if row.problem:
            yield ReadError(source, row.line, row.problem, tid)
            continue
        yield _ticket(tid, [row], [role], mapping, source)


class _Group:
    def __init__(self, tid: str, line: int) -> None:
        self.id = tid
        self.line = line
        self.rows: list[Row] = []
        self.roles: list[Role] = []
        self.problem: Said | None = None


def _grouped(rows: Iterator[Row | Broken], mapping: CsvMapping, source: str) -> Iterator[Ticket | ReadError]:
    assert mapping.id is not None and mapping.role_column is not None
    finished: set[str] = set()  # ids of the tickets already given: a returning id is an error, not a second ticket
    group: _Group | None = None

    def flush() -> Iterator[Ticket | ReadError]:
        if group is None:
            return
        if group.problem is not None:
            yield ReadError(source, group.line, group.problem, group.id)
        else:
            ticket = _ticket(group.id, group.rows, group.roles, mapping, source)
            yield ticket
        finished.add(group.id)

    for row in rows:
        if isinstance(row, Broken):
            yield from flush()
            group = None
            yield ReadError(source, row.line, row.said)
            continue
        raw_id = row.cells.get(mapping.id, "").strip()
        if not raw_id or _SURROGATE.search(raw_id):
            yield from flush()
            group = None
            why = row.problem or said("read.no_id", column_name=repr(printable(mapping.id)))
            yield ReadError(source, row.line, why)
            continue
        if group is None or raw_id != group.id:
            yield from flush()
            group = _Group(raw_id, row.line)
            if raw_id in finished:
                group.problem = said("read.id_returns", ticket=repr(printable(raw_id)), line=row.line)
        if group.problem is not None:
            continue
        if row.problem:
            group.problem = row.problem.within(said("place.line", line=row.line))
            continue
        value = row.cells.get(mapping.role_column, "")
        role = mapping.role_of(value)
        if role is None:
            known = ", ".join(repr(printable(raw)) for raw, _ in mapping.role_map) or "customer, agent, note"
            group.problem = said("read.role_unmapped", value=shown_value(value.strip()),
                                 column_name=repr(printable(mapping.role_column)), known=known).within(said("place.line", line=row.line))
            continue
        group.rows.append(row)
        group.roles.append(role)
    yield from flush()


def _ticket(tid: str, rows: list[Row], roles: list[Role], mapping: CsvMapping, source: str) -> Ticket | ReadError:
    first = rows[0]

    def first_value(column: str | None) -> str | None:
        for row in rows:
            value = _cell(row, column)
            if value is not None:
                return value
        return None

    language = first_value(mapping.language)
    if language is not None:
        language = language.lower()
        if language == "auto":
            language = None
        elif language not in LANGUAGES:
            return ReadError(source, first.line, said("read.language", value=shown_value(language),
                                                      languages=", ".join(LANGUAGES)), tid)
    messages = tuple(
        Message(role=role, body=row.cells.get(mapping.body, ""), author=_cell(row, mapping.author),
                created_at=_cell(row, mapping.created_at), line=row.line, id=_cell(row, mapping.message_id))
        for row, role in zip(rows, roles)
    )
    extra = tuple((name, value) for name in TICKET_FIELDS
                  if (value := first_value(getattr(mapping, name))) is not None)
    # a body cell of exactly a spreadsheet cell's size was cut there (a CSV saved from Excel): read in part
    partial = tuple(Gap("text", SPREADSHEET_CELL, None, said("evidence.cell_of_line", column=mapping.body, line=m.line,
                                                             n=Size(SPREADSHEET_CELL), limit=said("limit.spreadsheet")))
                    for m in messages if len(m.body) == SPREADSHEET_CELL)
    return Ticket(id=tid, messages=messages, subject=first_value(mapping.subject) or "", language=language,
                  source=source, line=first.line, extra=extra, partial=partial)


def good_rows(rows: Iterator[Row | Broken], source: str, errors: list[ReadError]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, cells) of the rows a helpdesk mapper can read; the others go to `errors`, to be reported in turn."""
    for row in rows:
        if isinstance(row, Broken):
            errors.append(ReadError(source, row.line, row.said))
            if row.fatal:
                return
            continue
        if row.problem:
            errors.append(ReadError(source, row.line, row.problem))
            continue
        yield row.line, dict(row.cells)
