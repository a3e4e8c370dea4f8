"""ticketlint on Spark (issue 14): `mapInPandas` in local[2] mode gives the local run's findings.

Needs the spark extra (pip install 'ticketlint[spark]') and a Java runtime (`make test` installs Debian's
default-jre-headless where `java` is missing); skipped with the reason when either cannot be had.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyspark", reason="the spark extra is not installed: pip install 'ticketlint[spark]'")
pytest.importorskip("pyarrow", reason="the spark extra is not installed: pip install 'ticketlint[spark]'")
pytest.importorskip("pandas", reason="the spark extra is not installed: pip install 'ticketlint[spark]'")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("no Java runtime for Spark: `make test` installs default-jre-headless with apt-get where it can "
                "(this machine has no java on PATH and no JAVA_HOME)", allow_module_level=True)

from export_util import SECRET_CARD, SECRET_PASSWORD, write_export  # noqa: E402

from ticketlint import frames  # noqa: E402
from ticketlint import spark as tls  # noqa: E402
from ticketlint.formatters.jsonfmt import summary_dict  # noqa: E402
from ticketlint.frames import Options  # noqa: E402

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
N = 1200


@pytest.fixture(scope="module")
def spark() -> object:
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # the executors' Python: this one, with ticketlint
    session = (SparkSession.builder.master("local[2]").appName("ticketlint-test")
               .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", "4").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export")
    write_export(folder / "jsonl", N, 4)
    write_export(folder / "parquet", N, 4, fmt="parquet")
    return folder


def _local(path: Path) -> list[str]:
    done = subprocess.run([sys.executable, "-m", "ticketlint", "check", "--isolated", "--format", "jsonl", "--group-by",
                           "team", str(path)], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert done.returncode == 2, done.stderr  # two unreadable records
    return done.stdout.splitlines()


def test_spark_files_and_rows_give_the_local_runs_findings(spark: object, export: Path) -> None:
    local = _local(export / "jsonl")
    options = Options(group_by=("team",))
    files = tls.files_frame(spark, [str(export / "jsonl")], options, partitions=2)
    found = files.mapInPandas(tls.lint_files(options), tls.SCHEMA).persist()
    rows = [r.asDict() for r in found.orderBy("partition", "seq").collect()]
    mine = [json.dumps(frames.jsonl_record(r), ensure_ascii=False) for r in rows if r["kind"] != "audit"]
    combined = tls.summary(found, options)
    mine.append(json.dumps({"type": "summary", **summary_dict(combined.summary)}, ensure_ascii=False))
    assert sorted(mine) == sorted(local)  # every finding and error, and the summary with its audit
    assert sum(1 for line in mine if line.startswith('{"type": "finding"')) > N
    assert combined.summary.tickets_read == N + 2 and combined.summary.tickets_unreadable == 2
    text = "\n".join(mine)
    assert SECRET_CARD not in text and SECRET_PASSWORD not in text

    # Spark reads the Parquet export itself: the same findings, rows named by file and row
    tickets = spark.read.parquet(str(export / "parquet"))  # type: ignore[attr-defined]
    found = tickets.mapInPandas(tls.lint_tickets(options), tls.SCHEMA)
    got = [r.asDict() for r in found.collect()]
    key = ("ticket_id", "message_index", "code", "start", "end", "message", "excerpt")
    want = sorted(tuple(d[k] for k in key) for d in map(json.loads, local) if d["type"] == "finding")
    assert sorted(tuple(r[k] for k in key) for r in got if r["kind"] == "finding") == want
    assert [r["ticket_id"] for r in got if r["kind"] == "error"] == ["empty-2"]
    total = frames.combine_rows([r for r in got if r["kind"] == "audit"], options).summary
    assert total.tickets_read == N + 1 and total.tickets_linted == N


def test_spark_files_follow_the_locale_as_the_local_run(spark: object, export: Path) -> None:
    """`--locale ro`: a read error's `message` in the findings table is said in Romanian, byte for byte the local
    `check --format jsonl --locale ro` (it stayed English before)."""
    from ticketlint import notices
    from ticketlint.config import Config

    done = subprocess.run([sys.executable, "-m", "ticketlint", "check", "--isolated", "--format", "jsonl", "--locale",
                           "ro", str(export / "jsonl")], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    local = [line for line in done.stdout.splitlines() if not line.startswith('{"type": "summary"')]
    options = Options(config=Config(locale="ro"))
    found = tls.files_frame(spark, [str(export / "jsonl")], options, partitions=2).mapInPandas(
        tls.lint_files(options), tls.SCHEMA)
    rows = [r.asDict() for r in found.orderBy("partition", "seq").collect()]
    mine = [json.dumps(frames.jsonl_record(r), ensure_ascii=False) for r in rows if r["kind"] != "audit"]
    assert sorted(mine) == sorted(local)
    errors = [json.loads(line) for line in mine if '"type": "error"' in line]
    assert [e["message"] for e in errors if e["notice"] == "read.messages_empty"] == [
        notices.say("ro", "read.messages_empty")]


def test_spark_job_writes_findings_and_report(export: Path, tmp_path: Path, spark: object,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from ticketlint import spark_job

    out, report = tmp_path / "findings.parquet", tmp_path / "report.html"
    code = spark_job.main([str(export / "jsonl"), "--findings", str(out), "--report", str(report), "--master", "local[2]"])
    assert code == 2  # unreadable records, as `ticketlint check`
    said = capsys.readouterr()
    assert said.err.splitlines() == [  # every unreadable record, one line each: its file and line, in input order
        f"{export / 'jsonl' / 'part-00001.jsonl'}:4: invalid JSON at column 61: Unterminated string starting there",
        f"{export / 'jsonl' / 'part-00002.jsonl'}:{N // 4 // 2 + 1}: ticket has no messages ('messages' is empty) "
        "(ticket empty-2)"]
    assert said.out.strip().endswith(f"{N + 2} read, 2 unreadable")  # never a lost ticket
    import pyarrow.parquet as pq

    table = pq.read_table(out)
    assert "payload" not in table.schema.names
    kinds = table.column("kind").to_pylist()
    assert kinds.count("error") == 2 and kinds.count("finding") > N
    html = report.read_text(encoding="utf-8")
    assert "Ticket audit" in html and "part-00001.jsonl" in html and SECRET_CARD not in html


def test_spark_job_rows_name_a_bad_record_by_file_and_line(export: Path, spark: object,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """--rows: Spark reads the JSON Lines itself; the line it cannot parse is an unreadable record of its file
    (not quoted: it may hold a secret), the ticket with no messages too; none is lost. A path Spark cannot
    read is one line and exit 2, never a traceback."""
    from ticketlint import spark_job

    parts = sorted(str(p) for p in (export / "jsonl").glob("part-*.jsonl"))
    assert spark_job.main([*parts, "--rows", "--master", "local[2]"]) == 2
    said = capsys.readouterr()
    errors = sorted(said.err.splitlines())  # Spark packs files into partitions by size: by file, not in input order
    assert len(errors) == 2, said.err
    assert errors[0].endswith("part-00001.jsonl:4: invalid JSON: Spark could not parse this record")
    assert errors[1].endswith(f"part-00002.jsonl:{N // 4 // 2 + 1}: ticket has no messages ('messages' is empty) "
                              "(ticket empty-2)")
    assert said.out.strip().endswith(f"{N + 2} read, 2 unreadable")

    assert spark_job.main([str(export / "missing.parquet"), "--rows", "--master", "local[2]"]) == 2
    said = capsys.readouterr()
    assert len(said.err.splitlines()) == 1 and said.err.startswith("ticketlint.spark_job: AnalysisException: ")
    assert "missing.parquet" in said.err and said.out == ""


def test_spark_schema_is_the_frames_column_spec() -> None:
    assert tls.SCHEMA.startswith("`kind` STRING, `partition` BIGINT, `seq` BIGINT, `source` STRING")
    assert tls.SCHEMA.count(",") == len(frames.COLUMNS) - 1


class _Builder:
    """SparkSession.builder's chain, recording its settings; getOrCreate stops the job there."""

    def __init__(self) -> None:
        self.conf: dict[str, str] = {}

    def appName(self, name: str) -> "_Builder":  # noqa: N802 - pyspark's name
        return self

    def master(self, master: str) -> "_Builder":
        self.conf["spark.master"] = master
        return self

    def config(self, key: str, value: str) -> "_Builder":
        self.conf[key] = value
        return self

    def getOrCreate(self) -> object:  # noqa: N802 - pyspark's name
        raise RuntimeError("stop here")


@pytest.mark.parametrize(("argv", "expected"), [
    (["--master", "local[2]"], "-XX:TieredStopAtLevel=1"),  # the default with a local master
    (["--master", "local[2]", "--local-jvm-options=-Xmx2g -XX:+UseSerialGC"], "-Xmx2g -XX:+UseSerialGC"),
    (["--master", "local[2]", "--local-jvm-options", ""], None),  # the JVM's defaults
    (["--master", "yarn"], None),  # a cluster: spark-submit's to set
    ([], None),
])
def test_spark_job_sets_the_local_drivers_jvm_options(monkeypatch: pytest.MonkeyPatch, argv: list[str],
                                                      expected: str | None) -> None:
    from pyspark.sql import SparkSession

    from ticketlint import spark_job

    builder = _Builder()
    monkeypatch.setattr(SparkSession, "builder", builder)
    args = spark_job.parse(["export/", *argv])
    with pytest.raises(RuntimeError, match="stop here"):
        spark_job._run(args, spark_job.options_of(args))
    assert builder.conf.get("spark.driver.extraJavaOptions") == expected
