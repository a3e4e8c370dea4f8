"""ticketlint on Dask (issue 14): a LocalCluster of 2 worker processes gives the local run's findings.

Skipped only where the extra is not installed (pip install 'ticketlint[dask]'; `make test` installs it).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("dask.dataframe", reason="the dask extra is not installed: pip install 'ticketlint[dask]'")
pytest.importorskip("distributed", reason="the dask extra is not installed: pip install 'ticketlint[dask]'")
pytest.importorskip("pyarrow", reason="the dask extra is not installed: pip install 'ticketlint[dask]'")

from export_util import SECRET_CARD, SECRET_PASSWORD, synthetic_tickets, write_export  # noqa: E402

from ticketlint import dask as tld  # noqa: E402
from ticketlint import frames  # noqa: E402
from ticketlint.formatters.htmlfmt import esc  # noqa: E402
from ticketlint.formatters.jsonfmt import summary_dict  # noqa: E402
from ticketlint.frames import Options  # noqa: E402

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
N = 2000  # tickets of the export (and 2 unreadable records)
SMALL = 300  # tickets of the API and end-to-end checks


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ticketlint", *args], capture_output=True, text=True, cwd=cwd,
                          env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin",
                               "TICKETLINT_CACHE_DIR": str(Path.home() / ".cache" / "ticketlint-test")})


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export")
    write_export(folder / "jsonl", N, 6)
    write_export(folder / "parquet", N, 6, fmt="parquet")
    write_export(folder / "small", SMALL, 4)
    return folder


@pytest.fixture(scope="module")
def local(export: Path) -> list[str]:
    """`ticketlint check --format jsonl` on the JSONL export: the reference."""
    done = _cli("check", "--isolated", "--format", "jsonl", "--exit-zero", "--group-by", "team", str(export / "jsonl"))
    assert done.returncode == 2, done.stderr  # the export holds unreadable records: exit 2, as it should
    return done.stdout.splitlines()


@pytest.fixture(scope="module")
def client() -> object:
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with Client(cluster) as c:
        yield c
    cluster.close()


def test_cli_engine_dask_writes_the_local_runs_jsonl_and_report(export: Path, local: list[str], tmp_path: Path,
                                                                 client: object) -> None:
    out, report = tmp_path / "findings.jsonl", tmp_path / "report.html"
    options = Options(group_by=("team",))
    combined = tld.check([str(export / "jsonl")], options, tld.Outputs(out, report), client=client)
    mine = out.read_text(encoding="utf-8").splitlines()
    assert len(mine) == len(local)
    assert sorted(mine) == sorted(local)  # every finding, error and the summary, byte for byte
    findings = [line for line in mine if line.startswith('{"type": "finding"')]
    assert findings == [line for line in local if line.startswith('{"type": "finding"')]  # in the same order too
    kinds = [json.loads(line)["type"] for line in mine]
    assert kinds.count("finding") > N  # a real workload, not an empty one
    errors = [json.loads(line) for line in mine if '"type": "error"' in line]
    assert {(Path(e["source"]).name, e["line"]) for e in errors} >= {("part-00001.jsonl", 4)}  # the cut-off record
    assert any(e["ticket_id"] == "empty-2" for e in errors)
    summary = json.loads(mine[-1])
    assert summary["tickets_read"] == N + 2 and summary["tickets_unreadable"] == 2  # never a lost ticket
    assert combined.summary.audit is not None and combined.summary.audit.tickets == N
    assert summary_dict(combined.summary)["audit"] == summary["audit"]
    html = report.read_text(encoding="utf-8")
    assert "Ticket audit" in html and "part-00001.jsonl" in html
    for text in (out.read_text(encoding="utf-8"), html):
        assert SECRET_CARD not in text and SECRET_PASSWORD not in text


def test_parquet_export_gives_the_same_findings_with_rows(export: Path, local: list[str], tmp_path: Path,
                                                          client: object) -> None:
    out = tmp_path / "findings.parquet"
    tld.check([str(export / "parquet")], Options(group_by=("team",)), tld.Outputs(out), client=client)
    import pyarrow.parquet as pq

    rows = pq.read_table(out).to_pylist()
    key = ("ticket_id", "message_index", "code", "start", "end", "message", "excerpt", "severity")
    want = sorted(tuple(d[k] for k in key) for d in map(json.loads, local) if d["type"] == "finding")
    assert sorted(tuple(r[k] for k in key) for r in rows if r["kind"] == "finding") == want
    errors = [r for r in rows if r["kind"] == "error"]
    assert [(Path(r["source"]).name, r["ticket_id"]) for r in errors] == [("part-00002.parquet", "empty-2")]
    assert errors[0]["line"] == -(-N // 6) // 2 + 1  # the row (from 1) of the Parquet part file


def test_bag_and_dataframe_api_give_the_local_findings(local: list[str], client: object) -> None:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd

    tickets = synthetic_tickets(N)[:SMALL]
    ids = {t["id"] for t in tickets}
    key = ("ticket_id", "message_index", "code", "start", "end", "message")
    want = sorted(tuple(d[k] for k in key) for d in map(json.loads, local) if d["type"] == "finding" and d["ticket_id"] in ids)
    assert len(want) > SMALL
    options = Options(group_by=("team",))

    bag = db.from_sequence(tickets, npartitions=4)
    found = tld.findings(bag, options).persist()
    rows = found.compute()
    got = sorted(tuple(r[k] for k in key) for r in rows[rows["kind"] == "finding"].to_dict("records"))
    assert got == want
    summary = tld.summary(found, options).summary
    assert summary.tickets_linted == SMALL and summary.audit is not None and summary.audit.tickets == SMALL
    assert sum(n for _, n in summary.by_code) == len(want)

    # messages with a ticket id, one row each, as a warehouse holds them
    messages = pd.DataFrame([{"n": n, "ticket_id": t["id"], "team": t["team"], "subject": t.get("subject"),
                              "language": m.get("language", t.get("language")), **m}
                             for n, t in enumerate(tickets) for m in t["messages"]]).set_index("n")
    parts = dd.from_pandas(messages, npartitions=3)  # by the ticket's number: a ticket's messages in one partition
    assert parts.npartitions > 1
    found = tld.findings(parts, options, ticket_id="ticket_id").persist()
    rows = found.compute()
    got = sorted(tuple(r[k] for k in key) for r in rows[rows["kind"] == "finding"].to_dict("records"))
    assert got == want


def test_linter_is_built_once_per_worker_process(export: Path, client: object) -> None:
    def built() -> int:
        return len(frames._LINTERS)

    tld.read_export([str(export / "small")]).compute()
    counts = client.run(built)  # type: ignore[attr-defined]
    assert sorted(counts.values()) == [1, 1]  # one Linter in each worker for the one configuration


def test_linter_settles_once_per_worker_process(export: Path, client: object) -> None:
    """After its first partition a worker freezes what it holds (the Linter, built) out of the cyclic
    collector's way, once: the partitions after do not freeze again."""
    def frozen() -> tuple[int, int]:
        import gc

        return len(frames._SETTLED), gc.get_freeze_count()

    tld.read_export([str(export / "small")]).compute()
    first = client.run(frozen)  # type: ignore[attr-defined]
    assert all(settled == 1 and count > 1000 for settled, count in first.values()), first
    tld.read_export([str(export / "small")]).compute()
    again = client.run(frozen)  # type: ignore[attr-defined]
    # no second freeze: the frozen count only shrinks (frozen objects freed), never takes in the new ones
    assert all(again[w][0] == 1 and again[w][1] <= first[w][1] for w in first), (first, again)


def test_local_cluster_keeps_its_housekeeping_slow() -> None:
    """The local cluster of `--engine dask` runs its workers with the intervals of tld.LOCAL_CLUSTER
    (the event-loop tick, memory and system monitors), not Dask's defaults of 20 ms to 500 ms."""
    def settings() -> list[object]:
        import dask

        return [dask.config.get(key) for key in tld.LOCAL_CLUSTER]

    client = tld.client_for(None, 1)
    try:
        assert list(client.run(settings).values()) == [list(tld.LOCAL_CLUSTER.values())]
    finally:
        cluster = client.cluster
        client.close()
        cluster.close()


def test_cli_engine_dask_end_to_end(export: Path, tmp_path: Path) -> None:
    out = tmp_path / "f.jsonl"
    local = _cli("check", "--isolated", "--format", "jsonl", str(export / "small"))
    done = _cli("check", "--isolated", "--engine", "dask", "-j", "2", "-o", str(out),
                "--report", str(tmp_path / "r.html"), str(export / "small"))
    assert done.returncode == local.returncode == 2, done.stderr  # unreadable records: exit 2, as the local run
    assert sorted(out.read_text(encoding="utf-8").splitlines()) == sorted(local.stdout.splitlines())
    assert done.stdout.strip().endswith(f"{SMALL + 2} read, 2 unreadable")
    said = done.stderr.splitlines()  # every unreadable record, one line each: its file and line, never a traceback
    assert [line for line in said if "part-0000" in line] == [
        f"{export / 'small' / 'part-00001.jsonl'}:4: invalid JSON at column 61: Unterminated string starting there",
        f"{export / 'small' / 'part-00002.jsonl'}:{-(-SMALL // 4) // 2 + 1}: ticket has no "
        "messages ('messages' is empty) (ticket empty-2)"]
    assert "Traceback" not in done.stderr
    bad = _cli("check", "--isolated", "--engine", "dask", "-o", str(tmp_path / "f.csv"), str(export / "jsonl"))
    assert bad.returncode == 2 and ".parquet or .jsonl" in bad.stderr


def test_cli_engine_dask_since_baseline_and_write_baseline_are_the_local_runs(export: Path, tmp_path: Path) -> None:
    """--since, --baseline and --write-baseline on Dask: the local run's findings, summary and baseline file,
    on an export where one part file is exported twice (its ticket ids in two partitions), so that the
    baseline's entries are taken in input order as the local run takes them."""
    import shutil

    folder = tmp_path / "export"
    shutil.copytree(export / "small", folder)
    shutil.copy(folder / "part-00000.jsonl", folder / "part-00009.jsonl")  # the same tickets again, last
    base = tmp_path / "base.json"
    made = _cli("check", "--isolated", "--format", "jsonl", "--exit-zero", "--write-baseline", str(base),
                str(folder / "part-00000.jsonl"))
    assert made.returncode == 0, made.stderr
    flags = ("--isolated", "--group-by", "team", "--since", "2026-04-01", "--baseline", str(base))
    local = _cli("check", *flags, "--format", "jsonl", "--write-baseline", str(tmp_path / "local.json"), str(folder))
    out = tmp_path / "f.jsonl"
    done = _cli("check", *flags, "--engine", "dask", "-j", "2", "-o", str(out),
                "--write-baseline", str(tmp_path / "dask.json"), str(folder))
    assert done.returncode == local.returncode == 2, done.stderr  # the export's unreadable records
    mine, theirs = out.read_text(encoding="utf-8").splitlines(), local.stdout.splitlines()
    assert sorted(mine) == sorted(theirs)  # every finding and error, and the summary with its audit
    summary = json.loads(mine[-1])
    assert summary["tickets_before_since"] > 0 and summary["findings_in_baseline"] > 0  # both filters took some
    copies = [d for d in map(json.loads, mine) if d["type"] == "finding" and d["source"].endswith("part-00009.jsonl")]
    assert copies  # the second copy's findings are new: the baseline's entries went to the first
    assert not [d for d in map(json.loads, mine) if d["type"] == "finding" and d["source"].endswith("part-00000.jsonl")]
    assert (tmp_path / "dask.json").read_bytes() == (tmp_path / "local.json").read_bytes()
    assert f"{summary['tickets_before_since']} before --since; {summary['findings_in_baseline']} findings in the " \
           "baseline not shown" in done.stdout


def test_cli_scheduler_address_lints_on_that_cluster(export: Path, tmp_path: Path) -> None:
    """--scheduler ADDRESS: the CLI connects to a running cluster (here a LocalCluster of one worker
    process, started by the test), lints there and gives the local run's findings."""
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None)
    try:
        with Client(cluster) as watcher:
            out = tmp_path / "f.jsonl"
            done = _cli("check", "--isolated", "--engine", "dask", "--scheduler", cluster.scheduler_address,
                        "-o", str(out), str(export / "small"))
            local = _cli("check", "--isolated", "--format", "jsonl", str(export / "small"))
            assert done.returncode == local.returncode == 2, done.stderr  # the export's unreadable records
            assert sorted(out.read_text(encoding="utf-8").splitlines()) == sorted(local.stdout.splitlines())
            built = watcher.run(lambda: len(frames._LINTERS))
            assert list(built.values()) == [1]  # the partitions were linted by that cluster's worker
            assert len(watcher.scheduler_info()["workers"]) == 1  # and the CLI left the cluster running
    finally:
        cluster.close()


def test_tickets_read_in_part_are_partial_rows_not_errors(tmp_path: Path, client: object) -> None:
    """A ticket read in part is linted: the findings say `{"type": "partial"}` as the local run does, the report
    lists it under "Read in part", never under "Not linted", and the terminal gets a warning line."""
    from jsm_export import write as write_jsm

    path = write_jsm(tmp_path / "jsm.json", 60)
    done = _cli("check", "--isolated", "--format", "jsonl", "--exit-zero", str(path))
    local = done.stdout.splitlines()
    want = [json.loads(line) for line in local if line.startswith('{"type": "partial"')]
    assert len(want) >= 5 and not any('"type": "error"' in line for line in local)
    out, report = tmp_path / "findings.jsonl", tmp_path / "report.html"
    warned: list[str] = []
    combined = tld.check([str(path)], Options(), tld.Outputs(out, report), client=client,
                         on_partial=lambda notice: warned.append(str(notice)))
    mine = out.read_text(encoding="utf-8").splitlines()
    assert mine == local  # the partial lines in their place among the findings, byte for byte
    assert combined.summary.tickets_partial == len(want) and combined.input_errors == 0
    assert warned == [f"{w['source']}:{w['line']}: {w['message']} (ticket {w['ticket_id']})" for w in want]
    html = report.read_text(encoding="utf-8")
    assert f"Read in part ({len(want)})" in html and "Not linted" not in html and "more</li>" not in html
    assert all(f"<li>{esc(line)}</li>" in html for line in warned)
    parquet = tmp_path / "findings.parquet"
    tld.check([str(path)], Options(), tld.Outputs(parquet), client=client)
    import pyarrow.parquet as pq

    rows = [r for r in pq.read_table(parquet).to_pylist() if r["kind"] == "partial"]
    assert [frames.jsonl_record(r) for r in rows] == want
    assert [str(frames.partial_of(r)) for r in rows] == warned


def test_cli_engine_dask_warns_of_tickets_read_in_part(tmp_path: Path) -> None:
    from jsm_export import write as write_jsm

    path = write_jsm(tmp_path / "jsm.json", 30)
    report = tmp_path / "report.html"
    done = _cli("check", "--isolated", "--engine", "dask", "-j", "1", "--report", str(report), str(path))
    assert done.returncode in (0, 1), done.stderr  # a warning: no exit 2
    warnings = [line for line in done.stderr.splitlines() if line.startswith("warning: ") and "read in part" in line]
    assert warnings and f"{len(warnings)} read in part" in done.stdout
    assert "Not linted" not in report.read_text(encoding="utf-8")


def test_cli_engine_dask_says_read_in_part_in_the_locale_as_the_local_run(tmp_path: Path) -> None:
    """A partial row's evidence ("fields.comment.total is 99") was stored as English text: the stderr warning and
    the report built from the row said it in English under --locale ro. The row keeps it as key and parameters
    (`said`): the warning lines are the local run's, byte for byte, and the report lists them."""
    from jsm_export import write as write_jsm

    from ticketlint import notices

    path = write_jsm(tmp_path / "jsm.json", 30)
    report = tmp_path / "report.html"
    done = _cli("check", "--isolated", "--locale", "ro", "--engine", "dask", "-j", "1", "--report", str(report),
                str(path))
    local = _cli("check", "--isolated", "--locale", "ro", str(path))
    start = notices.say("ro", "notice.warning") + ": "
    mine = [line for line in done.stderr.splitlines() if line.startswith(start)]
    assert mine and mine == [line for line in local.stdout.splitlines() if line.startswith(start)]
    assert "total is" not in done.stderr and "fields.comment.total este" in done.stderr
    html = report.read_text(encoding="utf-8")
    assert all(f"<li>{esc(line[len(start):])}</li>" in html for line in mine)


@pytest.mark.parametrize("lang", ["ro", "es"])
def test_the_jsonl_table_follows_the_locale_as_the_local_run(export: Path, tmp_path: Path, client: object,
                                                             lang: str) -> None:
    """(Last in the file: a configuration of its own builds one more Linter in each worker.)

    `--locale`: a read error's `message` (and a partial's, a failure's) in the engine's JSONL is said in the
    locale, byte for byte what `check --format jsonl --locale` writes (it stayed English before); the report
    lists the errors in the locale too, from the text kept as key and parameters (`said`)."""
    from ticketlint import notices
    from ticketlint.config import Config

    done = _cli("check", "--isolated", "--format", "jsonl", "--exit-zero", "--locale", lang, str(export / "small"))
    local = done.stdout.splitlines()
    out, report = tmp_path / "findings.jsonl", tmp_path / "report.html"
    tld.check([str(export / "small")], Options(config=Config(locale=lang)), tld.Outputs(out, report), client=client)
    mine = out.read_text(encoding="utf-8").splitlines()
    assert sorted(mine) == sorted(local)
    errors = [json.loads(line) for line in mine if '"type": "error"' in line]
    assert {e["notice"] for e in errors} == {"read.json", "read.messages_empty"}
    empty = next(e for e in errors if e["notice"] == "read.messages_empty")
    assert empty["message"] == notices.say(lang, "read.messages_empty") != notices.english()["read.messages_empty"]
    assert esc(notices.say(lang, "read.messages_empty")) in report.read_text(encoding="utf-8")
