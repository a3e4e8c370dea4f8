"""Findings as data frames: the one column spec and the one partition step Dask and Spark share.

An engine hands ticketlint one partition at a time: a part file of an export
(`lint_file`), or a pandas DataFrame of tickets, or of messages with a ticket id
(`lint_frame`). The partition is linted by `runner.run` itself, the code path
of `ticketlint check`: the same readers, filters, one finding per problem,
secrets masked, the same audit. So an engine's findings are the local run's,
row for row. The result is a pandas DataFrame with the columns of `COLUMNS`:

- one row per finding (`kind` "finding"), per unreadable file or record
  ("error": `source` and `line` say where, the row of a Parquet part file or the
  line of a JSONL one), per rule failure ("failure") and per ticket read in part
  ("partial": linted on what was read; `missing` says what was not), in input order;
- one last row of `kind` "audit" whose `payload` holds the partition's audit
  and counts as JSON: `combine` merges those rows, in partition order, into the
  `Summary` every formatter renders (the numbers the CLI prints).

Each worker process builds its Linter once per configuration (`linter_for`)
and keeps it for every partition after. pandas and pyarrow are imported only
here and only when a frame is made: the core package does not need them.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, is_dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .audit import Audit
from .baseline import Baseline, Key, Writer
from .config import Config
from .engine import Linter
from .formatters.base import Formatter
from .model import TICKET_FIELDS, Finding, Gap, PartialRead, ReadError, RuleFailure, Severity, Summary, said, text_data, text_of
from .readers import Inputs, Item, read_source
from .readers.detect import Dispatch, Sides, registered_vendors
from .readers.jsonstream import Record
from .runner import _wanted, expand_paths

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import pyarrow as pa

# The findings table, in column order: (name, type). "string" is text (may be null), "long" a 64-bit
# integer (may be null). `fields` and `related` hold JSON (an object, a list), as `--format json` shows them.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("kind", "string"),  # finding, error, failure, partial or audit
    ("partition", "long"),  # the partition's number, in input order (a part file's place in the sorted list)
    ("seq", "long"),  # the row's place in its partition: (partition, seq) is the input order
    ("source", "string"),  # the file (or the name given to a frame's rows)
    ("ticket_id", "string"),
    ("message_index", "long"),
    ("line", "long"),  # finding: line in the message body; error, failure: line of the file (row of a Parquet file)
    ("column", "long"),
    ("start", "long"),
    ("end", "long"),
    ("code", "string"),
    ("name", "string"),
    ("severity", "string"),
    ("message", "string"),
    ("excerpt", "string"),  # secrets masked
    ("suggestion", "string"),
    ("language", "string"),
    ("role", "string"),
    ("author", "string"),
    ("created_at", "string"),
    ("message_id", "string"),
    ("fields", "string"),  # JSON object: the ticket's fields (agent, team...)
    ("file_line", "long"),
    ("file_column", "long"),
    ("file_end_line", "long"),
    ("file_end_column", "long"),
    ("related", "string"),  # JSON list: the other rules' findings on the same problem
    ("exception", "string"),  # failure: the exception's type
    ("detail", "string"),  # failure: its message, secrets masked
    ("missing", "string"),  # partial: JSON list of what the export did not hold ({part, read, total, evidence})
    ("notice", "string"),  # error: the stable code of its text (`read.json`...), as `--format jsonl` gives it
    ("said", "string"),  # error: its text as catalogue key and parameters (JSON, model.Said.to_data), for reports;
    # partial: the list of its gaps' evidence so
    ("payload", "string"),  # audit: the partition's audit and counts (JSON), null on every other row
)
NAMES: tuple[str, ...] = tuple(name for name, _ in COLUMNS)
_SPARK_TYPES = {"string": "STRING", "long": "BIGINT"}
# The jsonl output's keys per kind, in its order (formatters/jsonfmt.py: Finding/ReadError/RuleFailure.to_dict)
_FINDING_KEYS = ("source", "ticket_id", "message_index", "line", "column", "start", "end", "code", "name", "severity",
                 "message", "excerpt", "suggestion", "language", "role", "author", "created_at", "message_id", "fields",
                 "file_line", "file_column", "file_end_line", "file_end_column", "related")
_ERROR_KEYS = ("source", "line", "ticket_id", "message", "notice")  # formatters/base.py Formatter.as_dict
_FAILURE_KEYS = ("code", "source", "line", "ticket_id", "exception", "detail", "message")
_PARTIAL_KEYS = ("source", "line", "ticket_id", "message", "missing")  # model.PartialRead.to_dict
_KEYS = {"finding": _FINDING_KEYS, "error": _ERROR_KEYS, "failure": _FAILURE_KEYS, "partial": _PARTIAL_KEYS}
_JSON_KEYS = ("fields", "related", "missing", "said")


def spark_schema() -> str:
    """The findings table as a Spark DDL string, for `DataFrame.mapInPandas(..., schema)`."""
    return ", ".join(f"`{name}` {_SPARK_TYPES[kind]}" for name, kind in COLUMNS)


def arrow_schema() -> "pa.Schema":
    """The findings table as a pyarrow schema (Parquet output)."""
    import pyarrow as pa

    types = {"string": pa.string(), "long": pa.int64()}
    return pa.schema([(name, types[kind]) for name, kind in COLUMNS])


def empty() -> "pd.DataFrame":
    """A findings table with no row: the column spec as pandas dtypes (Dask's `meta`)."""
    return _frame([])


def _frame(rows: Sequence[Mapping[str, Any]]) -> "pd.DataFrame":
    import pandas as pd

    frame = pd.DataFrame.from_records(list(rows), columns=list(NAMES))
    return frame.astype({name: ("Int64" if kind == "long" else object) for name, kind in COLUMNS})


# -- one linter per worker process ------------------------------------------------------------
_LINTERS: dict[str, Linter] = {}


def _canonical(value: object) -> object:
    """`value` as nested tuples in one order: dataclasses by field, mappings and sets sorted.

    A config's pickle is no key: a frozenset (a glob set, a selection) pickles in its iteration order,
    which follows the process's string hashes and the order its items were added, so two equal configs
    can pickle to different bytes (a worker then built a second Linter for the same settings)."""
    if is_dataclass(value) and not isinstance(value, type):
        return (type(value).__qualname__, tuple((f.name, _canonical(getattr(value, f.name))) for f in fields(value)))
    if isinstance(value, Mapping):
        return ("mapping", tuple(sorted(((_canonical(k), _canonical(v)) for k, v in value.items()), key=repr)))
    if isinstance(value, (set, frozenset)):
        return ("set", tuple(sorted((_canonical(v) for v in value), key=repr)))
    if isinstance(value, (list, tuple)):
        return tuple(_canonical(v) for v in value)
    return value


def linter_for(config: Config) -> Linter:
    """The Linter of this process for `config`: built on the first partition, kept for every other
    (a Dask worker or a Spark executor's Python process lints many partitions). Equal configs share one
    Linter whatever order their sets were built in (`_canonical`)."""
    key = repr(_canonical(config))
    linter = _LINTERS.get(key)
    if linter is None:
        linter = _LINTERS[key] = Linter(config)
    return linter


# -- rows -----------------------------------------------------------------------------------------
class _Rows(Formatter):
    """A formatter that keeps what the run reports as rows of the findings table: a notice's `message` in
    the run's locale, as `check --format jsonl` writes it (`Formatter.as_dict`), so that the engine's JSONL
    output is the local run's byte for byte in every language."""

    name = "rows"

    def __init__(self, partition: int, seq: int = 0, locale: str | None = None) -> None:
        super().__init__(stream=None, locale=locale)  # type: ignore[arg-type]  # writes nothing
        self.partition = partition
        self.seq = seq
        self.rows: list[dict[str, Any]] = []
        self.summary: Summary | None = None

    def _add(self, kind: str, values: Mapping[str, Any]) -> None:
        row = {"kind": kind, "partition": self.partition, "seq": self.seq + len(self.rows)}
        for key, value in values.items():
            row[key] = json.dumps(value, ensure_ascii=False) if key in _JSON_KEYS else value
        self.rows.append(row)

    def finding(self, finding: Finding, line_text: str) -> None:
        self._add("finding", finding.to_dict())

    def error(self, error: ReadError) -> None:
        self._add("error", {**self.as_dict(error), "said": text_data(error.said)})

    def failure(self, failure: RuleFailure) -> None:
        self._add("failure", self.as_dict(failure))

    def partial(self, notice: PartialRead) -> None:
        """A row of its own, not the base class's error line: a ticket read in part was linted (a warning,
        `--format jsonl`'s `{"type": "partial"}`), never one that was not."""
        self._add("partial", {**self.as_dict(notice), "said": [text_data(g.evidence) for g in notice.gaps]})

    def stop(self, summary: Summary) -> None:
        self.summary = summary


@dataclass(frozen=True, slots=True)
class Options:
    """How an engine lints: the configuration, the --group-by fields, how exports are read; `since`,
    `baseline` and `write_baseline` are --since, --baseline and --write-baseline (runner.run's filters:
    each partition keeps what the local run would, and reports the baseline entries it took and the
    fingerprints it found, which `combine` adds up; writing the file is the caller's, `Combined.fingerprints`)."""

    config: Config = field(default_factory=Config)
    group_by: tuple[str, ...] = ()
    inputs: Inputs = field(default_factory=Inputs)
    since: datetime | None = None
    baseline: Baseline | None = None
    write_baseline: bool = False


def lint_items(items: Iterable[Item], options: Options, partition: int = 0, seq: int = 0) -> "pd.DataFrame":
    """Lint what was read of one partition: its findings table, the audit row last. `seq` numbers the
    first row (a partition that comes in several batches, as Spark hands them, goes on numbering)."""
    from .runner import run

    linter = linter_for(options.config)
    audit = Audit(options.group_by, {r.meta.code: r.meta for r in linter.registry})
    rows = _Rows(partition, seq, options.config.locale)
    matcher = options.baseline.matcher() if options.baseline is not None else None
    writer = Writer("") if options.write_baseline else None  # counts only: the engine writes the merged file
    result = run([], options.config, rows, items=items, linter=linter, audit=audit, since=options.since,
                 baseline=matcher, write_baseline=writer)
    s = result.summary
    payload = {
        "audit": audit.state(),
        "tickets_read": s.tickets_read, "tickets_linted": s.tickets_linted, "tickets_unreadable": s.tickets_unreadable,
        "files_unreadable": s.files_unreadable, "by_code": dict(s.by_code), "by_severity": dict(s.by_severity),
        "per_file": [list(f) for f in s.per_file], "rule_failures": s.rule_failures,
        "tickets_partial": s.tickets_partial, "partial_per_file": [list(f) for f in s.partial_per_file],
        "worst": result.worst.label if result.worst is not None else None,
        "input_errors": result.input_errors, "internal_errors": result.internal_errors,
        "tickets_before_since": s.tickets_before_since, "findings_in_baseline": s.findings_in_baseline,
        "baseline_used": _keys_out(matcher.used) if matcher is not None else None,
        "fingerprints": _keys_out(writer.counts) if writer is not None else None,
    }
    rows._add("audit", {"payload": json.dumps(payload, ensure_ascii=False)})
    _settle(linter)
    return _frame(rows.rows)


_SETTLED: set[int] = set()


def _settle(linter: Linter) -> None:
    """After a Linter's first partition (its lazy data now built), move what lives in this process out of
    the cyclic collector's way, once: `ticketlint check -j N` does the same before forking its workers
    (runner: gc.freeze). Measured: 2-3% of a worker's CPU on the partitions after. The freeze is the
    process's: a caller that lints frames in its own long-lived process has what it held then frozen too
    (still freed by reference counting; only cycles among those objects are no longer collected)."""
    if id(linter) in _SETTLED:
        return
    import gc

    _SETTLED.add(id(linter))
    gc.collect()
    gc.freeze()


def _keys_out(counts: Counter[Key]) -> list[list[Any]]:
    return [[*key, n] for key, n in sorted(counts.items()) if n > 0]


def keys_in(payload: str, name: str) -> Counter[Key]:
    """The baseline keys of an audit row's payload: "baseline_used" (the entries of --baseline the partition
    took) or "fingerprints" (what it found, for --write-baseline)."""
    found: Counter[Key] = Counter()
    for ticket, code, digest, n in json.loads(payload).get(name) or ():
        found[(ticket, code, digest)] += n
    return found


def lint_file(path: str, options: Options, partition: int = 0) -> "pd.DataFrame":
    """Lint one part file of an export (JSONL, JSON, CSV, a helpdesk's export, or Parquet), read as
    `ticketlint check` reads it: the findings table of the file."""
    inputs, rules = options.inputs, options.config.paths
    if rules.roles:  # the role of a plain-text file, by glob (config `roles`), as runner._items gives it
        role = rules.role(path, inputs.role)
        if role is not inputs.role:
            inputs = replace(inputs, role=role)
    return lint_items(file_items(path, inputs), options, partition)


def lint_path(path: str | ReadError, options: Options, partition: int = 0) -> "pd.DataFrame":
    """Lint a part file, or report why a path of the export gave none (`part_files`)."""
    if isinstance(path, ReadError):
        return lint_items([Item(error=path, fatal=True)], options, partition)
    return lint_file(path, options, partition)


def lint_records(records: Iterable[Mapping[str, Any]], options: Options, partition: int = 0, *,
                 source: str | None = None, ticket_id: str | None = None, seq: int = 0) -> "pd.DataFrame":
    """Lint records (dicts, e.g. a Dask bag's partition) as `lint_frame` lints rows, with no pandas in between
    (a ticket's id stays an int, a missing field stays missing)."""
    name = source if source is not None else f"partition-{partition}"
    return lint_items(record_items(records, options.inputs, name, ticket_id), options, partition, seq)


def lint_frame(frame: "pd.DataFrame", options: Options, partition: int = 0, *, source: str | None = None,
               ticket_id: str | None = None, seq: int = 0) -> "pd.DataFrame":
    """Lint a pandas DataFrame of tickets (a column `messages`: a list of {role, body, ...}), or of
    messages when `ticket_id` names the column that holds each message's ticket (the rows of one ticket
    must be in the same frame). A column `source` names where a row comes from and `row` its place
    there; without them, rows are named `source` (default "partition-N") and numbered from 1."""
    name = source if source is not None else f"partition-{partition}"
    return lint_items(frame_items(frame, options.inputs, name, ticket_id), options, partition, seq)


PARQUET = (".parquet", ".parq")


def _wanted_part(name: str) -> bool:
    """A part file of an export: what `ticketlint check` reads, and Parquet (not Spark's _SUCCESS, .crc...)."""
    lower = name.lower()
    return _wanted(name) or (lower.endswith(PARQUET) and not lower.startswith(("_", ".")))


def part_files(paths: Iterable[str], options: Options) -> list[str | ReadError]:
    """The partitions of an export, in the order `ticketlint check` reads them: files named, and the
    part files of each directory (sorted); a directory that cannot be listed or holds none is an error."""
    return list(expand_paths(paths, options.config.paths, wanted=_wanted_part))


# -- reading a partition --------------------------------------------------------------------------
def file_items(path: str, inputs: Inputs) -> Iterator[Item]:
    if path.lower().endswith(PARQUET):
        yield from parquet_items(path, inputs)
    else:
        yield from read_source(path, inputs=inputs)


def parquet_items(path: str, inputs: Inputs) -> Iterator[Item]:
    """The tickets of a Parquet part file, one per row (ticketlint's format, or a helpdesk's record);
    an error names the file and the row (from 1)."""
    import pyarrow.parquet as pq

    try:
        handle = pq.ParquetFile(path)
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        yield Item(error=ReadError(path, None, said("read.parquet", reason=str(exc))), fatal=True)  # pyarrow's reason
        return
    records = (row for batch in handle.iter_batches(batch_size=1024) for row in batch.to_pylist())
    yield from _dispatched(records, path, inputs)


CORRUPT = "_corrupt_record"  # the column in which Spark's JSON reader keeps a line it could not parse


def _dispatched(records: Iterable[Mapping[str, Any]], source: str, inputs: Inputs,
                rows: Iterable[int] | None = None) -> Iterator[Item]:
    vendors = inputs.vendors if inputs.vendors is not None else registered_vendors()
    dispatch = Dispatch(source, source, vendors, inputs.sides or Sides())
    numbers = iter(rows) if rows is not None else None
    for index, record in enumerate(records, 1):
        row = next(numbers) if numbers is not None else index
        if not _null(record.get(CORRUPT, None)):  # never quoted: the record's text may hold a secret
            yield Item(error=ReadError(source, row, said("read.json_other", reason=said("reason.spark_corrupt"))))
            continue
        ticket = dispatch(Record(_plain(record), row, index))
        yield Item(error=ticket) if isinstance(ticket, ReadError) else Item(ticket=ticket)


def _plain(value: Any) -> Any:
    """A value from Arrow or pandas as JSON would give it: lists, dicts, str, int, float, bool; a null
    (None, NaN) leaves its key out, as a record without the field."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items() if not _null(v)}
    if isinstance(value, (list, tuple)) or type(value).__name__ == "ndarray":
        return [_plain(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # a numpy scalar
        return value.item()
    return value


def _null(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")


_MESSAGE_COLUMNS = {"role": "role", "body": "body", "author": "author", "created_at": "created_at",
                    "language": "language", "message_id": "id", "automated": "automated"}
_TICKET_COLUMNS = ("subject", "tags", *TICKET_FIELDS)


def frame_items(frame: "pd.DataFrame", inputs: Inputs, source: str, ticket_id: str | None = None) -> Iterator[Item]:
    """The tickets of a pandas DataFrame (see `lint_frame`), in row order."""
    return record_items(frame.to_dict("records"), inputs, source, ticket_id)


def record_items(rows: Iterable[Mapping[Any, Any]], inputs: Inputs, source: str,
                 ticket_id: str | None = None) -> Iterator[Item]:
    """The tickets of records (dicts: tickets, or messages with `ticket_id`), as `lint_frame` reads rows."""
    records = [{str(k): v for k, v in r.items()} for r in rows]
    positions = [int(r.pop("row")) if "row" in r and not _null(r["row"]) else i for i, r in enumerate(records, 1)]
    sources = [str(r.pop("source")) if "source" in r and not _null(r["source"]) else source for r in records]
    if ticket_id is None:
        for name in dict.fromkeys(sources):  # one dispatch per source, in order of first appearance
            picked = [i for i, s in enumerate(sources) if s == name]
            yield from _dispatched((records[i] for i in picked), name, inputs, (positions[i] for i in picked))
        return
    tickets: dict[tuple[str, str], list[int]] = {}
    for i, record in enumerate(records):
        tickets.setdefault((sources[i], str(_plain(record.get(ticket_id)))), []).append(i)
    vendors = inputs.vendors if inputs.vendors is not None else registered_vendors()
    for (name, tid), picked in tickets.items():
        first = records[picked[0]]
        ticket: dict[str, Any] = {"id": tid, **{k: first[k] for k in _TICKET_COLUMNS if k in first}}
        ticket["messages"] = [{key: records[i][col] for col, key in _MESSAGE_COLUMNS.items() if col in records[i]}
                              for i in picked]
        dispatch = Dispatch(name, name, vendors, inputs.sides or Sides())
        result = dispatch(Record(_plain(ticket), positions[picked[0]], picked[0] + 1))
        yield Item(error=result) if isinstance(result, ReadError) else Item(ticket=result)


# -- the whole from its partitions ------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Combined:
    """The run's summary from its partitions, and what `ticketlint check` decides its exit code by."""

    summary: Summary
    worst: Severity | None
    input_errors: int
    rule_failures: int
    internal_errors: int
    fingerprints: Counter[Key] | None = None  # with Options.write_baseline: the run's, for baseline.Writer


def write_baseline(combined: Combined, path: str) -> None:
    """--write-baseline FILE from an engine's run: the partitions' fingerprints in one file, as the local run
    writes it (baseline.Writer; BaselineError when it cannot be written)."""
    writer = Writer(path)
    writer.counts.update(combined.fingerprints or Counter())
    writer.write()


def combine(payloads: Iterable[str], options: Options) -> Combined:
    """The Summary of a run from the `payload`s of its audit rows, in partition order."""
    linter = linter_for(options.config)
    audit = Audit(options.group_by, {r.meta.code: r.meta for r in linter.registry})
    counts: Counter[str] = Counter()
    by_code: Counter[str] = Counter()
    by_sev: Counter[str] = Counter()
    per_file: dict[str, list[int]] = {}
    tickets_partial = 0
    partial_files: dict[str, int] = {}  # source -> tickets read in part, in the order first met
    worst: Severity | None = None
    before_since: int | None = None
    in_baseline: int | None = None
    fingerprints: Counter[Key] | None = Counter() if options.write_baseline else None
    for text in payloads:
        part = json.loads(text)
        if part.get("tickets_before_since") is not None:
            before_since = (before_since or 0) + int(part["tickets_before_since"])
        if part.get("findings_in_baseline") is not None:
            in_baseline = (in_baseline or 0) + int(part["findings_in_baseline"])
        if fingerprints is not None:
            fingerprints.update(keys_in(text, "fingerprints"))
        audit.merge(Audit.from_state(part["audit"]))
        for key in ("tickets_read", "tickets_linted", "tickets_unreadable", "files_unreadable", "rule_failures",
                    "input_errors", "internal_errors"):
            counts[key] += int(part[key])
        by_code.update(part["by_code"])
        by_sev.update(part["by_severity"])
        tickets_partial += int(part.get("tickets_partial", 0))
        for source, n in part.get("partial_per_file", ()):
            partial_files[source] = partial_files.get(source, 0) + int(n)
        for source, read, linted, bad in part["per_file"]:
            into = per_file.setdefault(source, [0, 0, 0])
            into[0] += read
            into[1] += linted
            into[2] += bad
        if part["worst"] is not None:
            severity = Severity.parse(part["worst"])
            worst = severity if worst is None else max(worst, severity)
    summary = Summary(
        tickets_read=counts["tickets_read"], tickets_linted=counts["tickets_linted"],
        tickets_unreadable=counts["tickets_unreadable"], files_unreadable=counts["files_unreadable"],
        by_code=tuple(sorted(by_code.items())),
        by_severity=tuple((label, by_sev[label]) for label in sorted(by_sev, key=Severity.parse, reverse=True)),
        group_by=audit.fields, audit=audit.report(),
        per_file=tuple((source, *c) for source, c in per_file.items()),  # type: ignore[misc]
        tickets_before_since=(before_since or 0) if options.since is not None else None,
        findings_in_baseline=(in_baseline or 0) if options.baseline is not None else None,
        rule_failures=counts["rule_failures"],
        tickets_partial=tickets_partial,
        partial_per_file=tuple(partial_files.items()),
    )
    return Combined(summary, worst, counts["input_errors"], counts["rule_failures"], counts["internal_errors"],
                    fingerprints)


def combine_rows(rows: Iterable[Mapping[str, Any]], options: Options | None = None) -> Combined:
    """The Summary from a findings table's audit rows (dicts with partition, seq and payload), in any order."""
    ordered = sorted(rows, key=lambda r: (int(r["partition"]), int(r["seq"])))
    return combine((str(r["payload"]) for r in ordered), options or Options())


def jsonl_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """A row of the findings table as `ticketlint check --format jsonl` writes it (not an audit row)."""
    kind = row["kind"]
    keys = _KEYS[kind]
    out: dict[str, Any] = {"type": kind}
    for key in keys:
        value: Any = row.get(key)
        if _null(value):
            value = None
        elif key in _JSON_KEYS:
            value = json.loads(value)
        elif hasattr(value, "item"):
            value = value.item()
        out[key] = value
    return out


def partial_of(row: Mapping[str, Any]) -> PartialRead:
    """A partial row as the report lists it (`formatter.partial`), its gaps read back from `missing`, each one's
    evidence from `said` (key and parameters, to be said in the report's language; a row without it: as written)."""
    line = None if _null(row.get("line")) else int(row["line"])
    missing = json.loads(str(row["missing"]))
    said = row.get("said")
    evidence = [text_of(e) for e in json.loads(said)] if isinstance(said, str) else [g["evidence"] for g in missing]
    gaps = tuple(Gap(str(g["part"]), int(g["read"]), None if g["total"] is None else int(g["total"]), text)
                 for g, text in zip(missing, evidence, strict=True))
    return PartialRead(str(row["source"]), line, str(row["ticket_id"]), gaps)


def error_of(row: Mapping[str, Any]) -> ReadError:
    """An error or failure row as a report lists it (a formatter shows a rule failure as an error line)."""
    line = None if _null(row.get("line")) else int(row["line"])
    tid = None if _null(row.get("ticket_id")) else str(row["ticket_id"])
    said = row.get("said")  # a failure has none: its message, in the run's locale already
    text = text_of(json.loads(said)) if isinstance(said, str) else str(row["message"])
    return ReadError(str(row["source"]), line, text, tid)


def write_report(report: Formatter, summary: Summary, path: Path) -> None:
    """Finish an HTML audit report (`report`, fed the run's first errors) into `path` atomically: a
    half-written report never replaces an older one. Both engines end a run with it."""
    from .output import AtomicOutput

    out = AtomicOutput(path)
    try:
        report.stream = out.stream
        report.stop(summary)
        out.commit()
    finally:
        out.discard()
