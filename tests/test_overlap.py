"""One finding per problem (overlap.py): each pair of the precedence table, the table's checks, the
outputs (JSON, SARIF, text, concise), the report-overlaps switch, counting, suppressions and baselines."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ticketlint.cli import main
from ticketlint.config import Config, ConfigError, load_config
from ticketlint.engine import Linter
from ticketlint.model import Finding, Message, Role, Severity, Span, Ticket
from ticketlint.overlap import CONTAINS, PRECEDENCE, SAME, Overlaps, Precedence, TableError, check_table, expand
from ticketlint.registry import default_registry

GROUPS = {r.meta.code: r.meta.groups for r in default_registry()}
OVERLAPS = Overlaps.build(GROUPS)


def _f(code: str, start: int, end: int, message_index: int = 0) -> Finding:
    return Finding(ticket_id="t", message_index=message_index, code=code, name=code.lower(), severity=Severity.WARNING,
                   message=f"{code} says so", span=Span(start, end), line=1, column=start + 1, excerpt="x")


def _shape(findings: list[Finding]) -> list[tuple[str, list[str]]]:
    return [(f.code, [r.code for r in f.related]) for f in findings]


# -- the table ------------------------------------------------------------------------------------

def test_the_table_names_known_rules_has_no_cycle_and_a_reason_per_row() -> None:
    order = check_table(PRECEDENCE, GROUPS)
    for row in PRECEDENCE:
        assert order.index(row.winner) < order.index(row.loser)
        assert row.relation in (SAME, CONTAINS) and len(row.reason) > 20
    assert len({(r.winner, r.loser) for r in PRECEDENCE}) == len(PRECEDENCE)


def test_a_bad_table_is_refused() -> None:
    with pytest.raises(TableError, match="cycle"):
        check_table((Precedence("TL101", "TL104", SAME, "r"), Precedence("TL104", "TL101", SAME, "r")), GROUPS)
    with pytest.raises(TableError, match="privacy"):
        check_table((Precedence("TL201", "TL601", SAME, "r"),), GROUPS)
    with pytest.raises(TableError, match="unknown rule"):
        check_table((Precedence("TL101", "TL999", SAME, "r"),), GROUPS)


def test_the_docs_show_the_table() -> None:
    doc = (Path(__file__).resolve().parents[1] / "docs" / "overlap.md").read_text(encoding="utf-8")
    for row in PRECEDENCE:
        assert f"| {row.winner} | {row.loser} | {row.relation} |" in doc, row


# -- each pair on findings --------------------------------------------------------------------------

@pytest.mark.parametrize("row", PRECEDENCE, ids=lambda r: f"{r.winner}>{r.loser}")
def test_each_pair_same_span(row: Precedence) -> None:
    for findings in ([_f(row.winner, 5, 9), _f(row.loser, 5, 9)], [_f(row.loser, 5, 9), _f(row.winner, 5, 9)]):
        merged = OVERLAPS.merge(findings)
        assert _shape(merged) == [(row.winner, [row.loser])]
        assert merged[0].related[0].message == f"{row.loser} says so"


@pytest.mark.parametrize("row", PRECEDENCE, ids=lambda r: f"{r.winner}>{r.loser}")
def test_each_pair_containment_as_the_table_says(row: Precedence) -> None:
    for outer, inner in ((row.winner, row.loser), (row.loser, row.winner)):
        merged = OVERLAPS.merge([_f(outer, 0, 20), _f(inner, 5, 9)])
        if row.relation == CONTAINS:
            assert _shape(merged) == [(row.winner, [row.loser])]
        else:
            assert sorted(_shape(merged)) == sorted([(outer, []), (inner, [])])
    # apart, or on another message: never merged
    assert len(OVERLAPS.merge([_f(row.winner, 0, 4), _f(row.loser, 5, 9)])) == 2
    assert len(OVERLAPS.merge([_f(row.winner, 5, 9), _f(row.loser, 5, 9, message_index=1)])) == 2


def test_a_bare_yes_is_one_finding_the_unanswered_question() -> None:
    merged = OVERLAPS.merge([_f("TL301", 0, 3), _f("TL302", 0, 3), _f("TL303", 0, 3)])
    assert _shape(merged) == [("TL302", ["TL301", "TL303"])]
    # without TL302, TL301 leads
    assert _shape(OVERLAPS.merge([_f("TL301", 0, 3), _f("TL303", 0, 3)])) == [("TL301", ["TL303"])]


def test_pairs_not_in_the_table_stay_apart_and_merging_is_idempotent() -> None:
    findings = [_f("TL203", 0, 50), _f("TL303", 0, 50), _f("TL204", 0, 50), _f("TL601", 3, 8)]
    assert _shape(OVERLAPS.merge(findings)) == [(f.code, []) for f in findings]
    once = OVERLAPS.merge([_f("TL101", 2, 9), _f("TL104", 2, 9), _f("TL402", 0, 1)])
    assert OVERLAPS.merge(once) == once
    assert [f.code for f in expand(once)] == ["TL101", "TL104", "TL402"]


def test_a_privacy_finding_is_never_related_to_another_group() -> None:
    table = (Precedence("TL201", "TL202", SAME, "r"),)
    rigged = Overlaps({"TL201": 0, "TL601": 1}, {("TL201", "TL601"): SAME}, frozenset({"TL601"}))
    assert len(rigged.merge([_f("TL201", 0, 4), _f("TL601", 0, 4)])) == 2
    assert Overlaps.build(GROUPS, table).rank == {"TL201": 0, "TL202": 1}


# -- the engine, end to end ---------------------------------------------------------------------

TICKET = Ticket(id="t1", messages=(
    Message(Role.CUSTOMER, "My wifi doesn't work since Monday. Can you fix it?"),
    Message(Role.AGENT, "Closed as PEBKAC. Please flush the DNS cache."),
))


def _lint(ticket: Ticket = TICKET, report_overlaps: bool = False) -> list[Finding]:
    config = Config(profile="audit", select=("ALL",), report_overlaps=report_overlaps)
    return list(Linter(config).lint(ticket).findings)


def test_the_engine_reports_one_finding_per_problem_and_the_switch_reports_all() -> None:
    merged, separate = _lint(), _lint(report_overlaps=True)
    shape = {(f.message_index, f.code): [r.code for r in f.related] for f in merged}
    assert shape[(0, "TL101")] == ["TL104"] and shape[(1, "TL401")] == ["TL202"]
    assert (1, "TL202") not in {(f.message_index, f.code) for f in merged if f.excerpt == "PEBKAC"}
    assert all(not f.related for f in separate)
    assert sorted(expand(merged), key=_key) == sorted(separate, key=_key)


def _key(f: Finding) -> tuple[int, int, str]:
    return f.message_index, f.span.start, f.code


def test_a_suppressed_primary_does_not_hide_the_related_rule() -> None:
    body = "Closed as PEBKAC. <!-- ticketlint: disable-line=TL401 -->"
    ticket = replace(TICKET, messages=(TICKET.messages[0], Message(Role.AGENT, body)))
    found = {(f.message_index, f.code): f for f in _lint(ticket)}
    assert (1, "TL401") not in found and not found[(1, "TL202")].related
    # the related rule suppressed: the primary is reported alone
    body = "Closed as PEBKAC. <!-- ticketlint: disable-line=TL202 -->"
    ticket = replace(TICKET, messages=(TICKET.messages[0], Message(Role.AGENT, body)))
    found = {(f.message_index, f.code): f for f in _lint(ticket)}
    assert (1, "TL202") not in found and not found[(1, "TL401")].related


# -- configuration and the command line -----------------------------------------------------------

def test_the_config_key_and_its_checks(tmp_path: Path) -> None:
    path = tmp_path / ".ticketlint.toml"
    path.write_text("report-overlaps = true\n", encoding="utf-8")
    assert load_config(path).report_overlaps is True
    path.write_text("report-overlaps = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="report-overlaps"):
        load_config(path)
    assert Config().report_overlaps is False


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "t.jsonl"
    rows = [{"id": "t1", "messages": [{"role": m.role.value, "body": m.body} for m in TICKET.messages]},
            {"id": "t2", "messages": [{"role": "customer", "body": "My printer keeps crashing."}]}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _check(*args: str) -> tuple[int, list[dict[str, Any]]]:
    result = CliRunner().invoke(main, ["check", "--isolated", "--select", "ALL", "--format", "jsonl", *args])
    return result.exit_code, [json.loads(line) for line in result.stdout.splitlines()]


def test_jsonl_related_and_counts_and_the_flag(tmp_path: Path) -> None:
    path = _write(tmp_path)
    code, rows = _check(str(path))
    findings = [r for r in rows if r["type"] == "finding"]
    summary = rows[-1]
    pebkac = next(r for r in findings if r["code"] == "TL401")
    assert [x["code"] for x in pebkac["related"]] == ["TL202"]
    related = pebkac["related"][0]
    assert set(related) >= {"code", "name", "message", "start", "end", "severity"}
    # counted once: by_code counts the reported findings, TL104 never (always under TL101 here)
    by_code = summary["by_code"]
    assert sum(by_code.values()) == len(findings) and "TL104" not in by_code
    code2, rows2 = _check("--report-overlaps", str(path))
    separate = [r for r in rows2 if r["type"] == "finding"]
    assert all(r["related"] == [] for r in separate)
    assert len(separate) == sum(1 + len(r["related"]) for r in findings)
    assert rows2[-1]["by_code"]["TL104"] == 2
    assert code == code2 == 1


def test_the_audit_counts_the_reported_finding(tmp_path: Path) -> None:
    path = _write(tmp_path)
    _, rows = _check("--profile", "audit", str(path))
    _, rows2 = _check("--profile", "audit", "--report-overlaps", str(path))
    rules = {r["code"]: r for r in rows[-1]["audit"]["rules"]}
    rules2 = {r["code"]: r for r in rows2[-1]["audit"]["rules"]}
    assert rules2["TL104"]["count"] == 2 and ("TL104" not in rules or rules["TL104"]["count"] == 0)
    assert rules["TL101"]["count"] == rules2["TL101"]["count"] == 2


def test_sarif_related_locations(tmp_path: Path) -> None:
    path = _write(tmp_path)
    out = CliRunner().invoke(main, ["check", "--isolated", "--select", "ALL", "--format", "sarif", str(path)]).stdout
    results = json.loads(out)["runs"][0]["results"]
    tl101 = [r for r in results if r["ruleId"] == "TL101"]
    assert len(tl101) == 2 and not [r for r in results if r["ruleId"] == "TL104"]
    for r in tl101:
        (loc,) = r["relatedLocations"]
        assert loc["id"] == 1 and loc["message"]["text"].startswith("TL104 missing-environment: ")
        assert loc["physicalLocation"]["region"] == r["locations"][0]["physicalLocation"]["region"]
        assert r["properties"]["related"][0]["ruleId"] == "TL104"


def test_text_and_concise_say_also(tmp_path: Path) -> None:
    path = _write(tmp_path)
    concise = CliRunner().invoke(main, ["check", "--isolated", "--select", "ALL", "--format", "concise", str(path)]).stdout
    assert sum(1 for line in concise.splitlines() if " TL101 " in line and line.endswith("(also: TL104)")) == 2
    text = CliRunner().invoke(main, ["check", "--isolated", "--select", "ALL", "--format", "text", str(path)]).stdout
    assert text.count("\n  = also: TL104\n") == 2 and "  = also: TL202\n" in text


def _out(path: Path, fmt: str) -> str:
    return CliRunner().invoke(main, ["check", "--isolated", "--select", "ALL", "--format", fmt, str(path)]).stdout


def test_csv_junit_github_gitlab_name_the_related_rules(tmp_path: Path) -> None:
    import csv
    import io
    import xml.etree.ElementTree as ET

    path = _write(tmp_path)
    _, jsonl = _check(str(path))
    expected = sorted((r["code"], r["excerpt"], " ".join(x["code"] for x in r["related"]))
                      for r in jsonl if r["type"] == "finding")
    rows = list(csv.DictReader(io.StringIO(_out(path, "csv"))))
    assert sorted((r["code"], r["excerpt"], r["related"]) for r in rows) == expected
    assert ("TL401", "PEBKAC", "TL202") in expected and sum(1 for e in expected if e[2] == "TL104") == 2
    bodies = [f.text or "" for f in ET.fromstring(_out(path, "junit")).iter("failure")]
    assert sum(1 for b in bodies if b.endswith("\nalso: TL104")) == 2
    github = [line for line in _out(path, "github").splitlines() if "title=TL101" in line]
    assert len(github) == 2 and all(line.endswith("%0Aalso: TL104") or "%0Aalso: TL104%0A" in line for line in github)
    issues = json.loads(_out(path, "gitlab"))
    assert sum(1 for i in issues if i["check_name"] == "TL101" and i["description"].endswith("(also: TL104)")) == 2


def test_the_html_report_shows_related_rules_under_the_example(tmp_path: Path) -> None:
    path = _write(tmp_path)
    html = CliRunner().invoke(main, ["check", "--isolated", "--select", "ALL", "--profile", "audit",
                                     "--format", "html", str(path)]).stdout
    assert "<div class=also>also: TL104</div>" in html  # TL104 has no section: every TL104 is under TL101
    assert "<div class=also>also: TL202</div>" in html or "also: <a href='#" in html


def test_per_file_ignores_of_the_primary_leave_the_related_rule(tmp_path: Path) -> None:
    path = _write(tmp_path)
    cfg = tmp_path / "cfg.toml"
    cfg.write_text('[per-file-ignores]\n"*.jsonl" = ["TL101"]\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--config", str(cfg), "--select", "ALL", "--format", "jsonl", str(path)])
    findings = [json.loads(line) for line in result.stdout.splitlines()][:-1]
    tl104 = [r for r in findings if r["code"] == "TL104"]
    assert len(tl104) == 2 and not [r for r in findings if r["code"] == "TL101"]


def test_baseline_holds_every_rule_and_a_new_related_problem_is_shown(tmp_path: Path) -> None:
    path = _write(tmp_path)
    base = tmp_path / "base.jsonl"
    _, rows = _check("--write-baseline", str(base), str(path))
    reported = [r for r in rows if r["type"] == "finding"]
    codes = {e["code"] for e in json.loads(base.read_text(encoding="utf-8"))["entries"]}
    assert {"TL101", "TL104"} <= codes  # the baseline holds every rule's finding, merged or not
    code, rows = _check("--baseline", str(base), str(path))
    assert [r for r in rows if r["type"] == "finding"] == []
    assert rows[-1]["findings_in_baseline"] == len(reported)  # counted one per problem
    # the same baseline, read with --report-overlaps, hides every rule's finding as well
    code, rows = _check("--report-overlaps", "--baseline", str(base), str(path))
    assert [r for r in rows if r["type"] == "finding"] == [] and code == 0


def test_eval_scores_every_rule_by_itself(tmp_path: Path) -> None:
    from ticketlint.evaluate import evaluate

    path = tmp_path / "set.jsonl"
    row = {"id": "1", "language": "en", "messages": [{"role": "customer", "body": "My printer keeps crashing."}],
           "expect": ["TL101", "TL104"], "expect_not": []}
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    assert [f.code for f in _lint(Ticket(id="1", messages=(Message(Role.CUSTOMER, "My printer keeps crashing."),)))] \
        == ["TL101"]  # merged when linting
    report = evaluate([str(path)], select=["TL101", "TL104"])
    assert report.cells[("TL104", "en")].tp == 1 and report.cells[("TL101", "en")].tp == 1  # each scored
