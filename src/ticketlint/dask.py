"""ticketlint on Dask (`pip install 'ticketlint[dask]'`): findings as a Dask DataFrame, the audit from it.

    import dask.bag as db
    from ticketlint import dask as tld

    tickets = db.read_text("export/*.jsonl").map(json.loads)      # or a Dask DataFrame of tickets
    found = tld.findings(tickets)                                  # a Dask DataFrame: frames.COLUMNS
    found = found.persist()
    print(tld.summary(found).summary.audit.tickets)                # the audit the CLI prints

`read_export` makes one partition per part file of an export (JSONL, CSV, a
helpdesk's export, or Parquet), read by ticketlint's own readers on the
workers, so that findings and unreadable records keep their file and line (a
Parquet file's row); `check` is `ticketlint check --engine dask`: it writes the
findings (Parquet or JSON Lines) and the HTML report. Every partition is linted
by `frames.lint_items`, the code path of the local run; each worker process
builds its Linter once (`frames.linter_for`). See docs/engines.md.
"""

from __future__ import annotations

import json
import logging
import os
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import frames
from .baseline import Baseline, Key
from .frames import Combined, Options
from .model import PartialRead, ReadError

if TYPE_CHECKING:  # pragma: no cover
    import dask.dataframe as dd
    import pandas as pd

def _lint_part(part: tuple[int, str | ReadError], options: Options) -> "pd.DataFrame":
    return frames.lint_path(part[1], options, part[0])


def read_export(paths: Iterable[str], options: Options | None = None) -> "dd.DataFrame":
    """A Dask DataFrame of the findings of an export: one partition per part file, linted on the workers."""
    opts = options or Options()
    return _export(list(enumerate(frames.part_files(paths, opts))), opts)


def _export(parts: list[tuple[int, str | ReadError]], options: Options) -> "dd.DataFrame":
    import dask.dataframe as dd

    return dd.from_map(_lint_part, parts, options=options, meta=frames.empty(), enforce_metadata=False)


def _lint_records(records: Sequence[Mapping[str, Any]], options: Options, number: int, source: str | None) -> "pd.DataFrame":
    return frames.lint_records(records, options, number, source=source)


def _lint_pandas(frame: "pd.DataFrame", options: Options, number: int, source: str | None,
                 ticket_id: str | None) -> "pd.DataFrame":
    return frames.lint_frame(frame, options, number, source=source, ticket_id=ticket_id)


def findings(data: Any, options: Options | None = None, *, ticket_id: str | None = None,
             source: str | None = None) -> "dd.DataFrame":
    """The findings of a Dask bag of tickets (dicts in ticketlint's format or a helpdesk's records), or of
    a Dask DataFrame of tickets; with `ticket_id`, a DataFrame of messages (role, body, author, created_at,
    ...) whose column `ticket_id` names their ticket: the messages of a ticket must be in one partition,
    in thread order. Rows are named by their `source` and `row` columns when there are, else by
    `source` (default "partition-N") and their place in the partition."""
    import dask
    import dask.bag as db
    import dask.dataframe as dd

    opts = options or Options()
    parts = data.to_delayed()
    if isinstance(data, db.Bag):
        if ticket_id is not None:
            raise ValueError("ticket_id: messages come in a Dask DataFrame, not a bag")
        tasks = [dask.delayed(_lint_records)(p, opts, i, source) for i, p in enumerate(parts)]
    elif isinstance(data, dd.DataFrame):
        tasks = [dask.delayed(_lint_pandas)(p, opts, i, source, ticket_id) for i, p in enumerate(parts)]
    else:
        raise TypeError(f"findings() takes a Dask bag or DataFrame, not {type(data).__name__}")
    return dd.from_delayed(tasks, meta=frames.empty(), verify_meta=False)


def summary(found: "dd.DataFrame", options: Options | None = None) -> Combined:
    """The run's summary and audit (what the CLI prints) from a findings frame: its audit rows, merged in
    partition order. Computes `found` (persist it first to lint once for both findings and summary)."""
    audit_rows = found[found["kind"] == "audit"][["partition", "seq", "payload"]].compute()
    return frames.combine_rows(audit_rows.to_dict("records"), options)


# -- ticketlint check --engine dask ------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Outputs:
    findings: Path | None = None  # .parquet or .jsonl
    report: Path | None = None  # the HTML report
    baseline: str | None = None  # --write-baseline FILE (needs Options.write_baseline)


class _Sink:
    """Writes the rows of the findings table in input order: JSON Lines (the lines of `--format jsonl`)
    or one Parquet file; both to a temporary file renamed over the target at the end."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.parquet = path.suffix.lower() in frames.PARQUET
        folder = path.parent if str(path.parent) else Path(".")
        self.temp = folder / f".{path.name}.{os.getpid()}.tmp"
        self.writer: Any = None
        if self.parquet:
            import pyarrow as pa
            import pyarrow.parquet as pq

            self.schema = pa.schema([f for f in frames.arrow_schema() if f.name != "payload"])
            self.writer = pq.ParquetWriter(self.temp, self.schema)
        else:
            from .output import AtomicOutput

            self.atomic = AtomicOutput(path)

    def rows(self, frame: "pd.DataFrame") -> None:
        if self.parquet:
            import pyarrow as pa

            self.writer.write_table(pa.Table.from_pandas(frame.drop(columns=["payload"]), schema=self.schema,
                                                         preserve_index=False))
            return
        for row in frame.to_dict("records"):
            self.atomic.stream.write(json.dumps(frames.jsonl_record(row), ensure_ascii=False) + "\n")

    def close(self, combined: Combined) -> None:
        if self.parquet:
            self.writer.close()
            os.replace(self.temp, self.path)
            return
        from .formatters.jsonfmt import summary_dict

        self.atomic.stream.write(json.dumps({"type": "summary", **summary_dict(combined.summary)}, ensure_ascii=False) + "\n")
        self.atomic.commit()

    def discard(self) -> None:
        if self.parquet:
            if self.writer is not None:
                try:
                    self.writer.close()
                except OSError:
                    pass
            self.temp.unlink(missing_ok=True)
        else:
            self.atomic.discard()


# A local cluster shares the machine with its workers, so its housekeeping is paid in linting time. No
# dashboard, so no use for the workers' statistical profiler (~10% of their CPU on this work); the event-loop
# tick, memory and system monitors and work stealing at their defaults (20 ms to 500 ms) cost, idle, 4.6
# CPU-seconds per 30 s with 2 workers (8% of this 2-core machine), 0.8 at these intervals (bench/engines.py).
LOCAL_CLUSTER: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.scheduler.work-stealing-interval": "1s",
}


def client_for(scheduler: str | None, workers: int) -> Any:
    """A client of the cluster at `scheduler`, or of a local cluster of `workers` processes (one thread each)."""
    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler)
    # Its logs stay quiet: a worker's heartbeat that meets the scheduler closing at the end logs a traceback
    # on stderr; a task's failure still reaches the client (and the CLI says it in one line).
    with dask.config.set(LOCAL_CLUSTER):
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=logging.CRITICAL)
    return Client(cluster)


def _in_order(client: Any, found: "dd.DataFrame", depth: int) -> Iterator["pd.DataFrame"]:
    """The partitions of `found`, computed on the cluster, handed back in input order with at most
    `depth` in flight (memory stays bounded on a large export)."""
    pending = iter(found.to_delayed())
    window: deque[Any] = deque()
    for part in pending:
        window.append(client.compute(part))
        if len(window) >= depth:
            yield _take(window)
    while window:
        yield _take(window)


def _take(window: deque[Any]) -> "pd.DataFrame":
    future = window.popleft()
    frame: pd.DataFrame = future.result()
    future.release()
    return frame


class _Reconcile:
    """--baseline on partitions linted at once: each took entries from the whole baseline, where the local
    run takes them in input order, so an entry is counted once. They differ only when one fingerprint (a
    ticket id) is in several partitions and the baseline holds fewer of it than they found: such a partition
    is linted again against what the partitions before it left (rare: a ticket exported twice)."""

    def __init__(self, baseline: Baseline) -> None:
        self.remaining: Counter[Key] = Counter(dict(baseline.entries))

    def fits(self, payload: str) -> bool:
        used = frames.keys_in(payload, "baseline_used")
        if any(n > self.remaining[key] for key, n in used.items()):
            return False
        self.remaining.subtract(used)
        return True

    def left(self) -> Baseline:
        return Baseline(tuple(sorted((key, n) for key, n in self.remaining.items() if n > 0)))


def check(paths: Sequence[str], options: Options, outputs: Outputs, *, scheduler: str | None = None,
          workers: int = 2, client: Any = None, errors: list[ReadError] | None = None,
          on_error: Callable[[ReadError], None] | None = None,
          on_partial: Callable[[PartialRead], None] | None = None) -> Combined:
    """`ticketlint check --engine dask`: lint the export on the cluster; write findings, the report and the
    --write-baseline file. `errors` receives the first unreadable files and records (and rule failures), in
    input order; `on_error` is called with every one of them, in input order, as they come, and
    `on_partial` with every ticket read in part (a warning: the report's "Read in part", not an error)."""
    from .formatters.htmlfmt import HtmlFormatter

    own = client is None
    client = client or client_for(scheduler, workers)
    parts = list(enumerate(frames.part_files(paths, options)))
    found = _export(parts, options)
    reconcile = _Reconcile(options.baseline) if options.baseline is not None else None
    sink = _Sink(outputs.findings) if outputs.findings is not None else None
    report = HtmlFormatter(None, locale=options.config.locale)  # type: ignore[arg-type]  # keeps the first errors; written at the end
    report.start()
    payloads: list[str] = []
    try:
        depth = 2 * max(1, len(client.scheduler_info().get("workers", {})) or workers)
        for number, frame in enumerate(_in_order(client, found, depth)):
            audit = frame["kind"] == "audit"
            payload = str(frame.loc[audit, "payload"].iloc[-1])  # one audit row per part file
            if reconcile is not None and not reconcile.fits(payload):
                again = replace(options, baseline=reconcile.left())
                frame = client.submit(frames.lint_path, parts[number][1], again, number, pure=False).result()
                audit = frame["kind"] == "audit"
                payload = str(frame.loc[audit, "payload"].iloc[-1])
                if not reconcile.fits(payload):  # pragma: no cover - linted against what is left, it fits
                    raise RuntimeError(f"--baseline: partition {number} took entries no longer there")
            payloads.append(payload)
            rows = frame.loc[~audit]
            for row in rows.loc[rows["kind"] != "finding"].to_dict("records"):
                if row["kind"] == "partial":  # linted on what was read: a warning, never "not linted"
                    notice = frames.partial_of(row)
                    report.partial(notice)
                    if on_partial is not None:
                        on_partial(notice)
                    continue
                error = frames.error_of(row)
                report.error(error)
                if on_error is not None:
                    on_error(error)
            if sink is not None:
                sink.rows(rows)
        combined = frames.combine(payloads, options)
        if sink is not None:
            sink.close(combined)
            sink = None
        if outputs.baseline is not None:
            frames.write_baseline(combined, outputs.baseline)  # after the findings, as the local run
    finally:
        if sink is not None:
            sink.discard()
        if own:
            cluster = getattr(client, "cluster", None)
            client.close()
            if cluster is not None:
                cluster.close()
    if errors is not None:
        errors.extend(report.errors)
    if outputs.report is not None:
        frames.write_report(report, combined.summary, outputs.report)
    return combined
