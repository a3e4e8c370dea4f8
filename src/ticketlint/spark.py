"""ticketlint on Spark (`pip install 'ticketlint[spark]'`): functions for `DataFrame.mapInPandas`.

    from ticketlint import spark as tls

    tickets = spark.read.parquet("s3://lake/tickets/")               # rows: id, messages, team...
    found = tickets.mapInPandas(tls.lint_tickets(), tls.SCHEMA)      # the findings table (frames.COLUMNS)
    found.persist()
    found.filter("kind != 'audit'").drop("payload").write.parquet("findings.parquet")
    print(tls.summary(found).summary.audit.tickets)                  # the audit the CLI prints

`lint_tickets` lints rows of tickets (or of messages, with `ticket_id`);
`lint_files` lints rows that name part files (columns `partition`, `path`),
each read on the executor by ticketlint's own readers, so that findings and
unreadable records keep their file and line, exactly as `ticketlint check`
gives them (`files_frame` builds that DataFrame). Both run `frames.lint_items`,
the local run's code path; each executor's Python process builds its Linter
once and keeps it (`frames.linter_for`: a module-level cache, with Spark's
Python worker reuse, on by default). The job of `ticketlint.spark_job` uses
both (docs/engines.md).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from . import frames
from .frames import Combined, Options
from .model import text_data

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

SCHEMA: str = frames.spark_schema()  # the findings table as a Spark DDL string
Batches = Callable[[Iterator["pd.DataFrame"]], Iterator["pd.DataFrame"]]


def _partition() -> int:
    from pyspark import TaskContext

    ctx = TaskContext.get()
    return ctx.partitionId() if ctx is not None else 0


def lint_tickets(options: Options | None = None, *, ticket_id: str | None = None, source: str | None = None) -> Batches:
    """A function for `mapInPandas(f, SCHEMA)`: each batch of ticket rows (ticketlint's format, a column
    `messages`, or a helpdesk's records) to its findings. With `ticket_id`, rows are messages (role, body,
    author, created_at, ...) and `ticket_id` the column naming their ticket: the messages of one ticket
    must be in one batch, in thread order (repartition by the ticket and sort within partitions first).
    A `source` column names each row's source in errors and a `row` column its place there (without `row`:
    its place among the rows of its source in this partition, the line of a JSON Lines file that Spark
    reads whole); without `source`, rows are named `source` (default "partition-N") and numbered in the batch.
    A row Spark's JSON reader could not parse (`_corrupt_record`) is an unreadable record."""
    opts = options or Options()

    def lint(batches: Iterator["pd.DataFrame"]) -> Iterator["pd.DataFrame"]:
        number = _partition()
        seq = 0
        counted: dict[str, int] = {}  # rows so far of each source in this partition, over its batches
        for batch in batches:
            if "source" in batch.columns and "row" not in batch.columns:
                batch = batch.assign(row=_rows(batch["source"], counted))
            out = frames.lint_frame(batch, opts, number, source=source, ticket_id=ticket_id, seq=seq)
            seq += len(out)
            yield out
    return lint


def _rows(sources: Any, counted: dict[str, int]) -> list[int]:
    """Each row's place (from 1) among the rows of its source in this partition: its line in a JSON Lines
    file or its row in a Parquet file when Spark reads the file whole in one partition."""
    out = []
    for name in sources:
        counted[name] = counted.get(name, 0) + 1
        out.append(counted[name])
    return out


def lint_files(options: Options | None = None) -> Batches:
    """A function for `mapInPandas(f, SCHEMA)` over rows naming part files (`partition`, `path`; see
    `files_frame`): each file read and linted on the executor, as `ticketlint check` reads it. A `path`
    that is an error of the listing (`error` column not null) is reported as an unreadable file."""
    opts = options or Options()

    def lint(batches: Iterator["pd.DataFrame"]) -> Iterator["pd.DataFrame"]:
        from .model import ReadError, text_of

        for batch in batches:
            for row in batch.to_dict("records"):
                error = row.get("error")  # the listing's error: its text as key and parameters (JSON)
                what = ReadError(str(row["path"]), None, text_of(json.loads(error))) if isinstance(error, str) \
                    else str(row["path"])
                yield frames.lint_path(what, opts, int(row["partition"]))
    return lint


FILES_SCHEMA = "partition BIGINT, path STRING, error STRING"  # error: its text as JSON (model.text_data)


def files_frame(spark: Any, paths: Iterable[str], options: Options | None = None, partitions: int | None = None) -> Any:
    """A Spark DataFrame of the part files of an export (frames.part_files: the order `ticketlint check`
    reads them), one file per row, spread over `partitions` (default: one per file)."""
    parts = frames.part_files(paths, options or Options())
    rows = [(i, p, None) if isinstance(p, str) else (i, p.source, json.dumps(text_data(p.said))) for i, p in enumerate(parts)]
    slices = partitions or max(1, len(rows))  # parallelize cuts the list in even, ordered slices
    return spark.createDataFrame(spark.sparkContext.parallelize(rows, slices), FILES_SCHEMA)


def summary(found: Any, options: Options | None = None) -> Combined:
    """The run's summary and audit (what the CLI prints) from a Spark findings table: its audit rows
    (one per batch, small) collected and merged in input order. Persist `found` first to lint once."""
    rows = found.filter("kind = 'audit'").select("partition", "seq", "payload").collect()
    return frames.combine_rows([r.asDict() for r in rows], options)
