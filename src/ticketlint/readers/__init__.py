"""Readers: turn files (or stdin) into tickets, never losing one silently.

Every ticket read becomes either a `Ticket` or a `ReadError` with the file
and line. A file that cannot be read at all (missing, empty, binary, not
UTF-8 for a single-document format) is one `ReadError` with `fatal=True`.

`read_source` picks the container (text, JSON, JSONL, CSV; gzip'd or not) from
`--input-format`, the file's name or its first bytes (`source`), reads it as a
stream (`jsonstream`, `csvinput`), and hands each record to ticketlint's own
format or to a helpdesk's mapper (`detect`, `helpdesk`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import recache
from ..frozen import fast_init
from ..locate import Origin
from ..model import Listed, Message, ReadError, Role, Ticket, said
from .csvinput import good_rows, header_text, mapped_items, read_table
from .csvmap import CsvMapping
from .detect import LABELS, Dispatch, SideError, Sides, label, registered_vendors
from .helpdesk.base import Vendor
from .jsonstream import WRAPPERS, Broken, Record, json_records, jsonl_records
from .numbers import HugeNumber as HugeNumber  # re-exported: what a reader raises on a number too long
from .numbers import loads as _loads
from .source import ByteSource, NotAFile, SourceBroken

CONTAINERS = ("text", "json", "jsonl", "csv")
VENDOR_FORMATS = tuple(LABELS)  # zendesk, freshdesk, jsm, servicenow
FORMATS = ("auto", *CONTAINERS, *VENDOR_FORMATS)
_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv", ".tsv": "csv"}
_TEXT_SUFFIXES = {".txt", ".md", ".eml"}


@fast_init
@dataclass(frozen=True, slots=True)
class Item:
    """One thing read: a ticket to lint, or an error to report."""

    ticket: Ticket | None = None
    error: ReadError | None = None
    plain: bool = False  # a bare text: one message, no thread
    fatal: bool = False  # the whole file could not be read
    origin: Origin | None = None  # the ticket's source text, to locate its findings in the file (locate.py)


def _line_of(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, col


def _unreadable(data: bytes, source: str) -> ReadError | None:
    """Why bytes cannot be text at all (empty, UTF-16, binary), before any decoding."""
    if not data.strip():
        return ReadError(source, None, said("read.empty"))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return ReadError(source, 1, said("read.utf16"))
    nul = data.find(b"\x00", 0, 1 << 16)
    if nul != -1:
        line, _ = _line_of(data, nul)
        return ReadError(source, line, said("read.binary"))
    return None


def _decode(data: bytes, source: str) -> str | ReadError:
    problem = _unreadable(data, source)
    if problem is not None:
        return problem
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_of(data, exc.start)
        return ReadError(source, line, said("read.utf8", column=col, byte=f"0x{data[exc.start]:02x}"))
    return text.removeprefix("\ufeff")


_JSON_START = recache.compile(r'(?:\{\s*"|\[\s*[{\["\]]|\{\s*\}$)')


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


def _sniff(text: str, complete: bool = True) -> str:
    """json, jsonl or text, from the data itself (a file's name may say nothing: stdin, .txt).

    JSONL when the first non-blank line is a JSON object, or when one of the
    first five is a ticket (an object with "messages"): a broken first line
    must not turn an export into one prose message. `complete` is False when
    `text` is only the head of a larger input: an array is then JSON, and an
    object is JSONL when its first line is a whole object.
    """
    stripped = text.lstrip()
    if stripped[:1] in ("[", "{"):
        if not complete:
            first = stripped.split("\n", 1)[0].strip()
            return "jsonl" if stripped[:1] == "{" and _is_object(first) else "json"
        try:
            if isinstance(_loads(stripped), (dict, list)):
                return "json"
        except (ValueError, RecursionError):
            pass
    head: list[str] = []
    # Lines end at \n, \r\n or a lone \r, as the JSONL reader splits them: str.splitlines() would also end one at
    # a vertical tab, a form feed or U+2028, and a ticket line holding one would not be seen as the object it is.
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
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



_HEADER_CELL = recache.compile(r"[^\W\d][\w .()/#'-]{0,63}")
_SENTENCE_END = (".", "!", "?", ":", ";")


def _looks_like_csv(text: str) -> bool:
    """A header row of column names and data rows as wide: a CSV, never one message of prose.

    Asked only of inputs whose name says nothing (stdin, no suffix): every
    header cell must be a short name (at most five words of letters, digits,
    spaces and a little punctuation, not ending like a sentence), with at
    least two columns, and the next rows (up to five) must be as wide.
    """
    import csv

    lines = [line for line in text.splitlines()[:50] if line.strip()]
    if len(lines) < 2:
        return False
    from .csvinput import sniff_delimiter

    delim = sniff_delimiter(lines[0])
    try:
        rows = [row for row in csv.reader(lines[:6], delimiter=delim) if row]
    except csv.Error:
        return False
    header = [c.strip() for c in rows[0]]
    named = all(_HEADER_CELL.fullmatch(c) and not c.endswith(_SENTENCE_END) and len(c.split()) <= 5 for c in header)
    return len(header) >= 2 and named and len(rows) >= 2 and all(len(r) == len(header) for r in rows[1:-1] or rows[1:])


@dataclass(frozen=True, slots=True)
class Inputs:
    """How to read every input of a run (beyond the path): format, role of plain text, CSV mapping, helpdesks.

    `vendors` None means the installed helpdesk readers; `sides` loads users
    exports (from `--users`, else beside each export).
    """

    fmt: str = "auto"
    role: Role = Role.NOTE
    name: str | None = None  # stdin's name in output
    mapping: CsvMapping | None = None
    vendors: tuple[Vendor, ...] | None = None
    sides: Sides | None = None


def read_source(path: str, *, fmt: str = "auto", role: Role = Role.NOTE, name: str | None = None,
                inputs: Inputs | None = None) -> Iterator[Item]:
    """Items read from a path, or from stdin when `path` is '-' (named `name` in output, default '<stdin>').

    JSON, JSONL and CSV are read as a stream (one record at a time); a gzip'd
    file is read through, whatever its name. `inputs` gives the rest of the
    run's reading options (and overrides fmt, role and name when given).
    """
    opts = inputs or Inputs(fmt=fmt, role=role, name=name)
    source = (opts.name or "<stdin>") if path == "-" else path
    try:
        src = ByteSource.open(path)
    except IsADirectoryError:
        yield Item(error=ReadError(source, None, said("read.directory")), fatal=True)
        return
    except NotAFile as exc:
        yield Item(error=ReadError(source, None, said("read.not_a_file", reason=exc.said)), fatal=True)
        return
    except SourceBroken as exc:
        yield Item(error=ReadError(source, None, exc.said), fatal=True)
        return
    except OSError as exc:  # the OS's reason, said as written
        yield Item(error=ReadError(source, None, said("read.cannot", reason=str(exc.strerror or exc))), fatal=True)
        return
    try:
        yield from _read(src, path, source, opts)
    except SourceBroken as exc:
        yield Item(error=ReadError(source, None, exc.said), fatal=True)
    except SideError as exc:
        yield Item(error=ReadError(source, None, exc.said), fatal=True)
    except OSError as exc:  # a read error part-way (an I/O error, a file removed under us)
        yield Item(error=ReadError(source, None, said("read.cannot", reason=str(exc.strerror or exc))), fatal=True)
    finally:
        src.close()


def _suffix(path: str) -> str:
    """The format-telling suffix of a name: '.json' for export.json.gz too."""
    if path == "-":
        return ""
    p = Path(path.lower())
    if p.suffix == ".gz":
        p = p.with_suffix("")
    return p.suffix


def _read(src: ByteSource, path: str, source: str, opts: Inputs) -> Iterator[Item]:
    vendors = opts.vendors if opts.vendors is not None else registered_vendors()
    fmt = opts.fmt
    forced: Vendor | None = None
    if fmt in VENDOR_FORMATS or (fmt not in FORMATS and any(v.name == fmt for v in vendors)):
        forced = next((v for v in vendors if v.name == fmt), None)
        if forced is None:
            yield Item(error=ReadError(source, None, said("read.no_reader", format=fmt, label=LABELS.get(fmt, fmt))),
                       fatal=True)
            return
        fmt = "auto"
    elif fmt not in FORMATS:
        yield Item(error=ReadError(source, None, said("read.unknown_format", format=repr(fmt))), fatal=True)
        return
    suffix = _suffix(path)
    container = fmt if fmt != "auto" else _SUFFIXES.get(suffix, "")
    head_problem = _unreadable(src.head, source) if src.at_end else _unreadable_start(src.head, source)
    if head_problem is not None:
        yield Item(error=head_problem, fatal=True)
        return
    if not container:  # a byte order mark (Excel, Windows tools) says nothing of the format
        head = src.head.decode("utf-8", errors="replace").removeprefix("\ufeff")
        container = _sniff(head, complete=src.at_end)
        if container == "text" and suffix not in _TEXT_SUFFIXES and _looks_like_csv(head):
            container = "csv"
    sides = opts.sides or Sides()
    if container == "jsonl":
        dispatch = Dispatch(source, path, vendors, sides, forced, by_line=True)
        yield from _records(jsonl_records(src.chunks()), dispatch, source)
    elif container == "json":
        wrappers = WRAPPERS.union(*(v.wrappers for v in vendors))
        yield from _records(json_records(src.chunks(), wrappers), Dispatch(source, path, vendors, sides, forced), source)
    elif container == "csv":
        yield from _read_csv(src, path, source, opts, vendors, forced, suffix, sides)
    elif forced is not None:
        yield Item(error=ReadError(source, None, said("read.not_export", label=label(forced))), fatal=True)
    else:
        yield from _read_text(src.read_all(), source, opts.role)


def _unreadable_start(head: bytes, source: str) -> ReadError | None:
    """What the first bytes of a longer input already tell: UTF-16 or binary (emptiness needs the whole)."""
    return None if not head.strip() else _unreadable(head, source)


def _records(records: Iterator[Record | Broken], dispatch: Dispatch, source: str) -> Iterator[Item]:
    for rec in records:
        if isinstance(rec, Broken):
            yield Item(error=ReadError(source, rec.line, rec.said), fatal=rec.fatal)
            continue
        result = dispatch(rec)
        if isinstance(result, ReadError):
            yield Item(error=result)
        else:
            yield Item(ticket=result, origin=Origin(rec.text, rec.line, rec.column) if rec.text else None)


def _read_text(data: bytes, source: str, role: Role) -> Iterator[Item]:
    text = _decode(data, source)
    if isinstance(text, ReadError):
        yield Item(error=text, fatal=True)
        return
    ticket = Ticket(id=Path(source).name, messages=(Message(role=role, body=text),), source=source, line=1)
    yield Item(ticket=ticket, plain=True, origin=Origin(text, 1, 1, plain=True))


def _read_csv(src: ByteSource, path: str, source: str, opts: Inputs, vendors: Sequence[Vendor],
              forced: Vendor | None, suffix: str, sides: Sides) -> Iterator[Item]:
    mapping = opts.mapping
    delimiter = mapping.delimiter if mapping is not None and mapping.delimiter else ("\t" if suffix == ".tsv" else None)
    table = read_table(src.chunks(), delimiter)
    if isinstance(table, Broken):
        yield Item(error=ReadError(source, table.line, table.said), fatal=True)
        return
    vendor = forced
    if vendor is None and mapping is None:
        found = [] if opts.fmt == "csv" else [v for v in vendors if v.matches_header(table.header)]
        if len(found) == 1:
            vendor = found[0]
        else:
            if len(found) > 1:
                yield Item(error=ReadError(
                    source, table.header_line,
                    said("read.csv_ambiguous", vendors=Listed(tuple(label(v) for v in found), "and", commas=False),
                         formats=Listed(tuple(v.name for v in found), commas=False))), fatal=True)
                return
            columns = header_text(table.header)
            needs = said("read.csv_mapping_vendors", vendors=Listed(tuple(label(v) for v in vendors), commas=False),
                         columns=columns) if vendors and opts.fmt != "csv" else said("read.csv_mapping", columns=columns)
            yield Item(error=ReadError(source, table.header_line, needs), fatal=True)
            return
    if vendor is not None:
        errors: list[ReadError] = []
        side = sides.get(vendor.name, path)
        for out in vendor.csv_tickets(good_rows(table.rows, source, errors), source, side):
            while errors:
                yield Item(error=errors.pop(0))
            if isinstance(out, ReadError):
                yield Item(error=out)
            else:
                yield Item(ticket=out if out.source == source else _with_source(out, source))
        for err in errors:
            yield Item(error=err)
        return
    assert mapping is not None
    for out in mapped_items(table, mapping, source, opts.role):
        if isinstance(out, ReadError):
            yield Item(error=out, fatal=out.line == table.header_line and out.ticket_id is None)
        else:
            yield Item(ticket=out)


def _with_source(ticket: Ticket, source: str) -> Ticket:
    from dataclasses import replace

    return replace(ticket, source=source)
