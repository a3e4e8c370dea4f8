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
findings table is written without its audit rows; the summary line is printed
and the report written on the driver. Exit codes as `ticketlint check`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from . import frames
from . import spark as tls
from .frames import Options


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
    reader = spark.read.json if json_input else spark.read.parquet
    tickets = reader(*args.paths).withColumn("source", F.input_file_name())
    return tickets.mapInPandas(tls.lint_tickets(options), tls.SCHEMA)


def main(argv: list[str] | None = None) -> int:
    from pyspark import StorageLevel
    from pyspark.sql import SparkSession

    from .formatters.htmlfmt import HtmlFormatter
    from .formatters.tables import summary_line

    args = parse(argv)
    options = options_of(args)
    builder = SparkSession.builder.appName("ticketlint").config("spark.ui.showConsoleProgress", "false")
    if args.master:
        builder = builder.master(args.master)
        if args.master.startswith("local"):  # the executors' Python is this one (with ticketlint), unless set
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = builder.getOrCreate()
    try:
        found = findings_of(spark, args, options).persist(StorageLevel.MEMORY_AND_DISK)  # linted once
        if args.findings:
            found.filter("kind != 'audit'").drop("payload").write.mode("overwrite").parquet(args.findings)
        combined = tls.summary(found, options)
        if args.report is not None:
            errors = found.filter("kind in ('error', 'failure')")
            report = HtmlFormatter(None)  # type: ignore[arg-type]
            report.start()
            for row in errors.orderBy("partition", "seq").limit(report.max_errors).collect():
                report.error(frames.error_of(row.asDict()))
            report.error_count = errors.count()
            frames.write_report(report, combined.summary, args.report)
        found.unpersist()
    finally:
        spark.stop()
    print(summary_line(combined.summary))
    if combined.internal_errors:
        return 3
    if combined.input_errors or combined.rule_failures:
        return 2
    return 1 if combined.worst is not None and combined.worst >= options.config.fail_on else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
