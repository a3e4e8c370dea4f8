"""A PySpark job: lint an export, write the findings (Parquet) and the HTML audit report.

    python -m ticketlint.spark_job export/ --findings findings.parquet --report report.html --master 'local[2]'
    spark-submit --master yarn "$(python -c 'import ticketlint.spark_job as j; print(j.__file__)')" \\
        s3://lake/tickets/ --rows --findings s3://lake/findings/ --report report.html

By default the part files of the export (JSONL, CSV, helpdesk exports,
Parquet) are spread over the executors and each is read there by ticketlint's
readers (`spark.lint_files`): findings and unreadable records keep their file
and line, as `ticketlint check` reports them; the executors must see the files
(a shared or local file system). With `--rows`, Spark reads the export itself
(Parquet, or JSON Lines when the paths end in .jsonl/.json) and each row is a
ticket named by its file (`spark.lint_tickets`), for object stores. The
findings table is written without its audit rows; every unreadable file or
record (and rule failure) is one line on stderr naming the file and line, and
every ticket read in part a "warning:" line (the report's "Read in part"), then
the summary line is printed and the report written on the driver. Exit codes as
`ticketlint check`; a failure of the run is one line, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from . import frames
from . import spark as tls
from .formatters.base import Formatter
from .frames import Options

# With a local master the driver's JVM is the executor, on the cores the Python workers lint on. It only
# moves file names, Arrow batches and findings: the top tier of its JIT (C2) costs ~30 CPU-seconds a run
# there and gains little, so it compiles with the first tier only (docs/capacity.md has the measurement).
LOCAL_JVM = "-XX:TieredStopAtLevel=1"


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="ticketlint.spark_job", description="Lint a ticket export on Spark.")
    ap.add_argument("paths", nargs="+", help="Export files or folders of part files.")
    ap.add_argument("--findings", help="Write the findings table here (Parquet folder, replaced).")
    ap.add_argument("--report", type=Path, help="Write the HTML audit report to this file (on the driver).")
    ap.add_argument("--rows", action="store_true", help="Let Spark read the export (Parquet or JSON Lines) as rows.")
    ap.add_argument("--master", help="Spark master, e.g. local[2] (default: spark-submit's).")
    ap.add_argument("--partitions", type=int, help="Spark partitions of the file list (default: one per file).")
    ap.add_argument("--config", type=Path, help="ticketlint config file (default: none).")
    ap.add_argument("--profile", help="Workflow profile: escalation, reply, audit, privacy.")
    ap.add_argument("--group-by", default="", help="Audit tables per field (comma-separated).")
    ap.add_argument("--local-jvm-options", default=LOCAL_JVM, metavar="OPTIONS",
                    help=f"Java options of the driver with a local master (default: {LOCAL_JVM}, the JIT's first "
                         "tier only; '' for the JVM's defaults; write --local-jvm-options=-X...). Ignored on a cluster: "
                         "spark-submit's to set.")
    ap.add_argument("--log-level", default="ERROR", choices=["ALL", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "OFF"],
                    help="Spark's log on stderr (default ERROR: its warnings, with Java stack traces, would bury "
                         "the lines of unreadable records).")
    return ap.parse_args(argv)


def options_of(args: argparse.Namespace) -> Options:
    from .audit import check_fields
    from .config import Overrides, load_config

    config = load_config(args.config, discover=False).merged(Overrides(profile=args.profile))
    return Options(config, check_fields([f for f in args.group_by.split(",") if f.strip()]))


def findings_of(spark: Any, args: argparse.Namespace, options: Options) -> Any:
    """The findings table of the export (a Spark DataFrame with tls.SCHEMA)."""
    if not args.rows:
        return tls.files_frame(spark, args.paths, options, args.partitions).mapInPandas(tls.lint_files(options), tls.SCHEMA)
    from pyspark.sql import functions as F

    json_input = all(p.lower().endswith((".jsonl", ".json", ".ndjson")) for p in args.paths)
    # json() takes a list (its second argument is a schema), parquet() the paths as arguments
    read = spark.read.json(list(args.paths)) if json_input else spark.read.parquet(*args.paths)
    tickets = read.withColumn("source", F.input_file_name())
    return tickets.mapInPandas(tls.lint_tickets(options), tls.SCHEMA)


def _say(line: str) -> None:
    """One line on stderr, escaped (a record's text cannot forge another line); never raises."""
    from .formatters.escape import printable

    try:
        print(printable(line), file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass


def _first_line(exc: BaseException) -> str:
    """An exception as one line: Spark's messages carry the JVM's stack trace after the first line."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return f"{type(exc).__name__}: {lines[0] if lines else 'no message'}"


def report_row(report: Formatter, row: Mapping[str, Any], say: Callable[[str], None]) -> None:
    """An error, failure or partial row of the findings table into the report and on stderr: a ticket read
    in part is a warning in the report's "Read in part" (it was linted), an error or failure is "Not linted"."""
    if row["kind"] == "partial":
        notice = frames.partial_of(row)
        say(f"{report.kind(notice)}: {report.line(notice)}")
        report.partial(notice)
        return
    error = frames.error_of(row)
    say(report.line(error))
    report.error(error)


def _run(args: argparse.Namespace, options: Options) -> frames.Combined:
    """Lint on Spark; write the findings and the report; every unreadable file, record and rule failure
    on stderr, one line each, in input order (as `ticketlint check --engine dask` prints them)."""
    from pyspark import StorageLevel
    from pyspark.sql import SparkSession

    from .formatters.htmlfmt import HtmlFormatter

    builder = SparkSession.builder.appName("ticketlint").config("spark.ui.showConsoleProgress", "false")
    if args.master:
        builder = builder.master(args.master)
        if args.master.startswith("local"):  # the executors' Python is this one (with ticketlint), unless set
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
            if args.local_jvm_options.strip():
                builder = builder.config("spark.driver.extraJavaOptions", args.local_jvm_options)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel(args.log_level)
    try:
        found = findings_of(spark, args, options).persist(StorageLevel.MEMORY_AND_DISK)  # linted once
        if args.findings:
            found.filter("kind != 'audit'").drop("payload").write.mode("overwrite").parquet(args.findings)
        combined = tls.summary(found, options)
        report = HtmlFormatter(None, locale=options.config.locale)  # type: ignore[arg-type]  # keeps the first errors (and counts them all)
        report.start()
        errors = found.filter("kind in ('error', 'failure', 'partial')").orderBy("partition", "seq")
        for row in errors.toLocalIterator():  # streamed to the driver: an export of bad records does not fill it
            report_row(report, row.asDict(), _say)
        if args.report is not None:
            frames.write_report(report, combined.summary, args.report)
        found.unpersist()
    finally:
        spark.stop()
    return combined


def main(argv: list[str] | None = None) -> int:
    """The job; its exit code is `ticketlint check`'s: 2 for unreadable input (or a path Spark cannot
    read), 3 when the run itself fails. A failure is one line on stderr, never a traceback."""
    from . import notices
    from .config import ConfigError
    from .formatters.tables import summary_line
    from .packs.files import PackError
    from .registry import RegistryError

    args = parse(argv)
    try:
        options = options_of(args)
    except (ConfigError, RegistryError, PackError, ValueError) as exc:  # ValueError: a --group-by field
        _say(f"ticketlint.spark_job: {exc}")
        return 2
    try:
        combined = _run(args, options)
    except ImportError as exc:
        _say(f"ticketlint.spark_job needs the spark extra: pip install 'ticketlint[spark]' ({exc})")
        return 2
    except Exception as exc:  # noqa: BLE001 - Spark's failures (a missing path, a lost executor) in one line
        _say(f"ticketlint.spark_job: {_first_line(exc)}")
        return 2 if type(exc).__name__ == "AnalysisException" else 3  # the input cannot be read / the run failed
    print(summary_line(combined.summary, notices.run_language(options.config.locale)))
    if combined.internal_errors:
        return 3
    if combined.input_errors or combined.rule_failures:
        return 2
    return 1 if combined.worst is not None and combined.worst >= options.config.fail_on else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
