"""Tickets read in part: each helpdesk reader marks the ticket whose export holds only part of it (from
the shapes the vendors document), the ticket is linted on what was read, and every output says so.
docs/helpdesk-exports.md, "Tickets read in part"."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsm_export import write as write_jsm

from ticketlint.audit import Audit
from ticketlint.cli import main
from ticketlint.model import Gap, PartialRead, Role, Ticket
from ticketlint.readers.csvinput import SPREADSHEET_CELL
from ticketlint.readers.helpdesk import SideData, Where, vendor_named
from ticketlint.readers.helpdesk.servicenow import CSV_CROP

W = Where("export.json", 3, 1)
DATA = Path(__file__).parent / "data"


def english(gaps: tuple[Gap, ...]) -> tuple[Gap, ...]:
    """The gaps with their evidence as its English text (`str()` of its catalogue text), as tests compare it."""
    return tuple(Gap(g.part, g.read, g.total, str(g.evidence)) for g in gaps)


def _adf(text: str) -> dict[str, Any]:
    return {"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": [{"type": "text", "text": text}]}]}


def jsm_issue(total: int | None, shown: int = 2, start: int = 0) -> dict[str, Any]:
    """An issue as `/rest/api/3/search/jql` returns it: `fields.comment` is a page of the comments."""
    agent = {"accountId": "5b10a2844c20165700ede21g", "displayName": "Bo Tan", "accountType": "atlassian"}
    customer = {"accountId": "qm:1e4a:c1", "displayName": "Ana Ruiz", "accountType": "customer"}
    comments = [{"id": str(10100 + i), "author": agent if i % 2 == 0 else customer,
                 "body": _adf("Which client version do you run?" if i % 2 == 0 else "Version 5.2, what should I try?"),
                 "created": f"2026-11-02T09:{10 + i:02d}:00.000+0000", "jsdPublic": True} for i in range(shown)]
    page: dict[str, Any] = {"startAt": start, "maxResults": shown, "comments": comments}
    if total is not None:
        page["total"] = total
    return {"id": "10001", "key": "HELP-1", "fields": {
        "summary": "VPN drops", "description": _adf("My VPN drops every ten minutes since the update."),
        "created": "2026-11-02T09:00:00.000+0000", "reporter": customer, "assignee": agent,
        "status": {"name": "Waiting for customer"}, "comment": page}}


# -- each reader's partial case -------------------------------------------------------------------------------

def test_jsm_a_comment_page_shorter_than_its_total_is_read_in_part() -> None:
    ticket = vendor_named("jsm").to_ticket(jsm_issue(99), W, SideData())
    assert english(ticket.partial) == (Gap("comments", 2, 99, "fields.comment.total is 99"),)
    assert len(ticket.messages) == 3  # linted on what was read: the description and the two comments
    assert str(ticket.partial[0]) == "2 of 99 comments (fields.comment.total is 99)"
    assert str(PartialRead.of(ticket)) == ("export.json:3: read in part: 2 of 99 comments (fields.comment.total "
                                           "is 99); linted on what was read (ticket HELP-1)")


@pytest.mark.parametrize("total", [2, None, 1])
def test_jsm_a_whole_comment_list_is_not_marked(total: int | None) -> None:
    assert vendor_named("jsm").to_ticket(jsm_issue(total), W, SideData()).partial == ()


def test_jsm_the_issues_comments_file_is_read_instead_of_a_cut_page() -> None:
    issue = jsm_issue(4)
    full = [*issue["fields"]["comment"]["comments"], *jsm_issue(4, shown=4)["fields"]["comment"]["comments"][2:]]
    ticket = vendor_named("jsm").to_ticket(issue, W, SideData(children={"HELP-1": full}))
    assert ticket.partial == () and len(ticket.messages) == 5


def test_jsm_a_comments_file_that_is_itself_short_still_leaves_the_issue_read_in_part() -> None:
    issue = jsm_issue(10, shown=2)
    three = jsm_issue(3, shown=3)["fields"]["comment"]["comments"]
    ticket = vendor_named("jsm").to_ticket(issue, W, SideData(children={"HELP-1": three}))
    assert english(ticket.partial) == (Gap("comments", 3, 10, "fields.comment.total is 10"),) and len(ticket.messages) == 4


def zendesk_ticket(comments: int, comment_count: int | None, embed: bool = True) -> dict[str, Any]:
    """A Zendesk ticket with its comments (the full JSON export), or an API ticket with only its
    `description`; `comment_count` as the `include=comment_count` sideload adds it."""
    record: dict[str, Any] = {"id": 4812, "subject": "Printer", "requester_id": 11, "submitter_id": 11,
                              "assignee_id": 22, "status": "open", "via": {"channel": "email"},
                              "description": "The printer on floor 3 jams on every page."}
    if embed:
        record["comments"] = [{"id": 500 + i, "public": True, "author_id": 11 if i % 2 == 0 else 22,
                               "body": "The printer on floor 3 jams on every page." if i == 0 else f"Reply {i}.",
                               "created_at": f"2026-11-02T10:{i:02d}:00Z"} for i in range(comments)]
    if comment_count is not None:
        record["comment_count"] = comment_count
    return record


def test_zendesk_comment_count_above_the_comments_read() -> None:
    zendesk = vendor_named("zendesk")
    assert english(zendesk.to_ticket(zendesk_ticket(3, 12), W, SideData()).partial) == (
        Gap("comments", 3, 12, "comment_count is 12"),)
    assert zendesk.to_ticket(zendesk_ticket(3, 3), W, SideData()).partial == ()
    assert zendesk.to_ticket(zendesk_ticket(3, None), W, SideData()).partial == ()
    # an API ticket with no comments: its description is the first comment of five
    only = zendesk.to_ticket(zendesk_ticket(0, 5, embed=False), W, SideData())
    assert english(only.partial) == (Gap("comments", 1, 5, "comment_count is 5"),) and len(only.messages) == 1
    # ... unless its comments file is beside it
    side = SideData(children={"4812": zendesk_ticket(5, 5)["comments"]})
    assert zendesk.to_ticket(zendesk_ticket(0, 5, embed=False), W, side).partial == ()


def freshdesk_ticket(conversations: int) -> dict[str, Any]:
    """`GET /api/v2/tickets/{id}?include=conversations`: "up to ten conversations"."""
    return {"id": 2212, "subject": "Invoice", "requester_id": 7, "responder_id": 9, "status": 2, "priority": 1,
            "source": 1, "description_text": "My invoice shows the wrong amount.",
            "created_at": "2026-11-02T10:00:00Z",
            "conversations": [{"id": 900 + i, "body_text": f"Message {i}.", "incoming": i % 2 == 1,
                               "private": False, "source": 0, "user_id": 7 if i % 2 else 9,
                               "created_at": f"2026-11-02T11:{i:02d}:00Z"} for i in range(conversations)]}


def test_freshdesk_ten_embedded_conversations_may_be_cut() -> None:
    freshdesk = vendor_named("freshdesk")
    ticket = freshdesk.to_ticket(freshdesk_ticket(10), W, SideData())
    assert english(ticket.partial) == (Gap("conversations", 10, None, "10 embedded, the most include=conversations returns"),)
    assert str(ticket.partial[0]) == "10 conversations, maybe more (10 embedded, the most include=conversations returns)"
    assert freshdesk.to_ticket(freshdesk_ticket(9), W, SideData()).partial == ()
    # the ticket's conversations file (List All Conversations of a Ticket) is read instead
    side = SideData(children={"2212": freshdesk_ticket(14)["conversations"]})
    whole = freshdesk.to_ticket(freshdesk_ticket(10), W, side)
    assert whole.partial == () and len(whole.messages) == 15


@pytest.mark.parametrize("embedded", [11, 12])
def test_freshdesk_more_than_ten_embedded_conversations_are_not_from_the_cap(embedded: int) -> None:
    """Ten is the most `include=conversations` returns: eleven or twelve embedded come from elsewhere (a
    merged export) and say nothing of a cut; the record is read whole, its side file left aside."""
    freshdesk = vendor_named("freshdesk")
    ticket = freshdesk.to_ticket(freshdesk_ticket(embedded), W, SideData())
    assert ticket.partial == () and len(ticket.messages) == embedded + 1
    side = SideData(children={"2212": freshdesk_ticket(14)["conversations"]})
    assert freshdesk.to_ticket(freshdesk_ticket(embedded), W, side).messages == ticket.messages


def servicenow_rows(comments: str, description: str = "Outlook shows no new mail since this morning.") -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["number", "short_description", "caller_id", "assigned_to", "state", "description", "comments"])
    writer.writerow(["INC0010023", "Email not syncing", "Abel Tuter", "Beth Anglin", "In Progress", description, comments])
    return out.getvalue()


def _journal(length: int) -> str:
    """A concatenated journal display value (newest first) padded to exactly `length` characters."""
    entries = [f"2026-04-09 10:{m:02d}:00 - {'Beth Anglin' if m % 2 else 'Abel Tuter'} (Additional comments)\n"
               f"{'Please re-add the account.' if m % 2 else 'Still broken.'}\n\n" for m in range(59, 0, -1)]
    text = "".join(entries)
    return (text + "x" * length)[:length] if len(text) < length else text[:length]


def _servicenow_csv(tmp_path: Path, text: str) -> list[dict[str, Any]]:
    path = tmp_path / "incident.csv"
    path.write_text(text, encoding="utf-8")
    r = CliRunner().invoke(main, ["check", "--isolated", "--format", "json", str(path)])
    return json.loads(r.stdout)["partial"]


def test_servicenow_csv_journal_cell_cropped_at_32000(tmp_path: Path) -> None:
    [notice] = _servicenow_csv(tmp_path, servicenow_rows(_journal(CSV_CROP)))
    [gap] = notice["missing"]
    assert gap["part"] == "journal entries" and gap["total"] is None and gap["read"] > 1
    assert "32,000 characters" in gap["evidence"] and "oldest entries are missing" in gap["evidence"]
    assert _servicenow_csv(tmp_path, servicenow_rows(_journal(CSV_CROP - 1))) == []


def test_servicenow_csv_description_cut_at_a_spreadsheet_cell(tmp_path: Path) -> None:
    long = ("The mailbox sync fails. " * 2000)[:SPREADSHEET_CELL]
    [notice] = _servicenow_csv(tmp_path, servicenow_rows("", description=long))
    assert notice["missing"] == [{"part": "text", "read": SPREADSHEET_CELL, "total": None,
                                  "evidence": "the description cell is 32,767 characters long, the most a "
                                              "spreadsheet cell holds"}]


def test_servicenow_json_values_are_not_judged_by_length() -> None:
    record = {"sys_id": "a1", "number": "INC1", "description": "x " * (CSV_CROP // 2), "comments": _journal(CSV_CROP)}
    assert vendor_named("servicenow").to_ticket(record, W, SideData()).partial == ()


def test_zendesk_and_mapped_csv_cells_cut_at_a_spreadsheet_cell(tmp_path: Path) -> None:
    long = ("My laptop will not boot after the update. " * 1000)[:SPREADSHEET_CELL]
    zd = tmp_path / "zendesk.csv"
    zd.write_text("Id,Subject,Requester,Assignee,Via,Description\n" f'4812,Boot,ana,bo,email,"{long}"\n', encoding="utf-8")
    plain = tmp_path / "plain.csv"
    plain.write_text("ticket,text\n" f'T-1,"{long}"\nT-2,short one\n', encoding="utf-8")
    r = CliRunner().invoke(main, ["check", "--isolated", "--format", "json", str(zd)])
    assert [p["missing"][0]["part"] for p in json.loads(r.stdout)["partial"]] == ["text"]
    r = CliRunner().invoke(main, ["check", "--isolated", "--format", "json", "--input-format", "csv",
                                  "--map", "id=ticket,body=text", str(plain)])
    doc = json.loads(r.stdout)
    assert [p["ticket_id"] for p in doc["partial"]] == ["T-1"] and doc["summary"]["tickets_linted"] == 2


# -- the notice in every output ----------------------------------------------------------------------------------

def _export(tmp_path: Path) -> Path:
    """Two issues, one cut (HELP-1: 2 of 99 comments), and one broken record (unreadable)."""
    whole = jsm_issue(2)
    whole = {**whole, "key": "HELP-2", "id": "10002"}
    path = tmp_path / "search.json"
    records = [jsm_issue(99), whole, {"key": "HELP-3", "fields": {"comment": 5}}]
    path.write_text('{"issues": [\n' + ",\n".join(json.dumps(r) for r in records) + "\n]}\n", encoding="utf-8")
    return path


def _check(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, ["check", "--isolated", *args])
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exc_info
    return r.exit_code, r.stdout, r.stderr


NOTICE = "read in part: 2 of 99 comments (fields.comment.total is 99); linted on what was read"


def test_text_output_has_a_line_per_ticket_and_the_count(tmp_path: Path) -> None:
    code, out, _ = _check(str(_export(tmp_path)))
    assert f"warning: {tmp_path / 'search.json'}:2: {NOTICE} (ticket HELP-1)" in out
    assert out.rstrip().splitlines()[-1].endswith("3 read, 1 unreadable, 1 read in part")
    assert code == 2  # the unreadable record's exit code; the partial read adds none (below)


def test_a_partial_read_alone_does_not_change_the_exit_code(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"issues": [jsm_issue(99)]}), encoding="utf-8")
    code, out, _ = _check("--select", "TL302", str(path))
    assert code == 0 and "1 read in part" in out


def test_json_and_jsonl(tmp_path: Path) -> None:
    _, out, _ = _check("--format", "json", str(_export(tmp_path)))
    doc = json.loads(out)
    assert [p["ticket_id"] for p in doc["partial"]] == ["HELP-1"]
    assert doc["partial"][0]["message"] == NOTICE
    assert doc["partial"][0]["missing"] == [{"part": "comments", "read": 2, "total": 99,
                                             "evidence": "fields.comment.total is 99"}]
    s = doc["summary"]
    assert (s["tickets_read"], s["tickets_linted"], s["tickets_unreadable"], s["tickets_partial"]) == (3, 2, 1, 1)
    assert s["tickets_read"] == s["tickets_linted"] + s["tickets_unreadable"]
    assert s["files"][0]["tickets_partial"] == 1 and s["audit"]["partial_tickets"] == 1
    _, out, _ = _check("--format", "jsonl", str(_export(tmp_path)))
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["ticket_id"] for r in rows if r["type"] == "partial"] == ["HELP-1"]
    assert rows[-1]["type"] == "summary" and rows[-1]["tickets_partial"] == 1


def test_sarif_a_warning_notification_and_a_successful_run(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"issues": [jsm_issue(99)]}), encoding="utf-8")
    _, out, _ = _check("--format", "sarif", str(path))
    doc = json.loads(out)
    [invocation] = doc["runs"][0]["invocations"]
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "warning" and note["descriptor"] == {"id": "partial-read"}
    assert note["message"]["text"] == f"{NOTICE} (ticket HELP-1)"
    assert invocation["executionSuccessful"] is True  # the run succeeded: its results stand
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(doc)
    _, out, _ = _check("--format", "sarif", str(_export(tmp_path)))  # with an unreadable record: not successful
    assert json.loads(out)["runs"][0]["invocations"][0]["executionSuccessful"] is False


def test_csv_says_it_on_stderr_with_the_summary(tmp_path: Path) -> None:
    _, out, err = _check("--format", "csv", str(_export(tmp_path)))
    assert "HELP-1" not in out.split("\n", 1)[1]  # rows are findings only
    assert f"warning: {tmp_path / 'search.json'}:2: {NOTICE} (ticket HELP-1)" in err
    assert "1 read in part" in err


@pytest.mark.parametrize("fmt,expected", [
    ("concise", f":2: warning: {NOTICE} (ticket HELP-1)"),
    ("github", "::warning file="),
    ("gitlab", '"check_name": "ticketlint/partial-read"'),
    ("junit", "<system-err>warning: "),
    ("markdown", "## Read in part (1)"),
    ("html", "<h2>Read in part (1)</h2>"),
])
def test_the_other_formats(tmp_path: Path, fmt: str, expected: str) -> None:
    _, out, _ = _check("--format", fmt, str(_export(tmp_path)))
    assert expected in out and "HELP-1" in out


def test_a_report_written_to_a_file_still_says_it_on_the_terminal(tmp_path: Path) -> None:
    report = tmp_path / "audit.html"
    _, _, err = _check("--format", "html", "-o", str(report), str(_export(tmp_path)))
    assert f"warning: {tmp_path / 'search.json'}:2: {NOTICE} (ticket HELP-1)" in err
    assert "1 read in part" in err and "Read in part (1)" in report.read_text(encoding="utf-8")


def test_statistics_count_tickets_read_in_part_per_agent(tmp_path: Path) -> None:
    _, out, _ = _check("--statistics", "--group-by", "agent", str(_export(tmp_path)))
    assert "tickets read in part (linted on what was read)" in out and "read in part" in out.split("quality per agent")[1]


# -- the audit's counts ----------------------------------------------------------------------------------------------

def test_audit_counts_partial_tickets_overall_and_per_agent_and_merges() -> None:
    from ticketlint.model import Message
    from ticketlint.runner import Outcome

    def ticket(tid: str, partial: bool) -> Ticket:
        return Ticket(tid, (Message(Role.CUSTOMER, "It fails.", "ana"), Message(Role.AGENT, "Try this.", "bo"),
                            Message(Role.AGENT, "And this.", "bo")), extra=(("team", "net"),),
                      partial=(Gap("comments", 2, 9, "fields.comment.total is 9"),) if partial else ())
    audit, other = Audit(("agent",)), Audit(("agent",))
    audit.add(ticket("a", True), Outcome([]))
    audit.add(ticket("b", False), Outcome([]))
    other.add(ticket("c", True), Outcome([]))
    report = audit.report()
    assert report.partial_tickets == 1 and report.tickets == 2
    assert [(q.who, q.partial_tickets) for q in report.agents] == [("bo", 1)]
    assert [(q.who, q.partial_tickets) for q in report.teams] == [("net", 1)]
    audit.merge(Audit.from_state(json.loads(json.dumps(other.state()))))
    merged = audit.report()
    assert merged.partial_tickets == 2 and merged.agents[0].partial_tickets == 2 and merged.teams[0].partial_tickets == 2
    assert merged.to_dict()["partial_tickets"] == 2


# -- workers: the same output ------------------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="-j 2 starts workers only on a machine with two cores")
def test_one_process_and_workers_say_the_same(tmp_path: Path) -> None:
    path = write_jsm(tmp_path / "jsm.json", 1100)  # past AUTO_MIN_TICKETS: --jobs auto starts workers
    one = _check("--format", "json", "-j", "1", str(path))
    doc = json.loads(one[1])
    s = doc["summary"]
    assert s["tickets_partial"] == len(doc["partial"]) > 50
    assert s["tickets_read"] == s["tickets_linted"] == 1100 and s["tickets_unreadable"] == 0
    for jobs in ("2", "auto"):
        assert _check("--format", "json", "--jobs", jobs, str(path)) == one, jobs
    text = _check("-j", "1", str(path))
    assert _check("--jobs", "auto", str(path)) == text


# -- a comments side file that is itself one page --------------------------------------------------------------------

def test_a_jira_comments_file_that_is_one_page_of_more(tmp_path: Path) -> None:
    issue = jsm_issue(None)
    del issue["fields"]["comment"]  # exported without comments: the comments file beside it holds them
    (tmp_path / "search.json").write_text(json.dumps({"issues": [issue]}), encoding="utf-8")
    page = jsm_issue(40, shown=5)["fields"]["comment"]  # GET /issue/HELP-1/comment: startAt 0, total 40
    (tmp_path / "HELP-1.comments.json").write_text(json.dumps(page), encoding="utf-8")
    _, out, _ = _check("--format", "json", str(tmp_path / "search.json"))
    [notice] = json.loads(out)["partial"]
    assert notice["missing"] == [{"part": "comments", "read": 5, "total": 40,
                                  "evidence": "HELP-1.comments.json: total is 40"}]
    (tmp_path / "HELP-1.comments.json").write_text(json.dumps({**page, "total": 5}), encoding="utf-8")
    _, out, _ = _check("--format", "json", str(tmp_path / "search.json"))
    assert json.loads(out)["partial"] == [] and json.loads(out)["summary"]["audit"]["messages"] == 6


@pytest.mark.parametrize("page,expected", [
    ({"next_page": "https://example.zendesk.com/api/v2/tickets/4812/comments.json?page=2", "count": 130},
     (3, 130, "4812.comments.json: next_page says there are more")),
    ({"meta": {"has_more": True, "after_cursor": "xxx"}}, (3, None, "4812.comments.json: meta.has_more says there are more")),
    ({"next_page": None, "count": 3}, None),
])
def test_a_zendesk_comments_file_that_is_one_page_of_more(tmp_path: Path, page: dict[str, Any],
                                                          expected: tuple[int, int | None, str] | None) -> None:
    record = zendesk_ticket(0, None, embed=False)
    (tmp_path / "tickets.json").write_text(json.dumps({"tickets": [record]}), encoding="utf-8")
    comments = zendesk_ticket(3, None)["comments"]
    (tmp_path / "4812.comments.json").write_text(json.dumps({"comments": comments, **page}), encoding="utf-8")
    _, out, _ = _check("--format", "json", str(tmp_path / "tickets.json"))
    partial = json.loads(out)["partial"]
    if expected is None:
        assert partial == []
    else:
        [notice] = partial
        assert [(g["read"], g["total"], g["evidence"]) for g in notice["missing"]] == [expected]


def _zendesk_pages(tmp_path: Path, *pages: dict[str, Any]) -> list[str]:
    """A ticket's comments saved one page a file (cursor pagination: no `count`), each comment with its
    `ticket_id`; the pages' files in the order given."""
    comments = [{**c, "ticket_id": 4812} for c in zendesk_ticket(2 * len(pages), None)["comments"]]
    paths = []
    for i, page in enumerate(pages):
        path = tmp_path / f"comments-page{i + 1}.json"
        path.write_text(json.dumps({"comments": comments[2 * i:2 * i + 2], **page}), encoding="utf-8")
        paths.append(str(path))
    return paths


FIRST = {"meta": {"has_more": True, "after_cursor": "xxx"}, "links": {"next": "https://example.zendesk.com/x"}}
LAST = {"meta": {"has_more": False, "after_cursor": None}, "links": {"next": None}}


def test_zendesk_cursor_pages_with_the_last_one_read_are_whole(tmp_path: Path) -> None:
    from ticketlint.readers.helpdesk import load_side

    zendesk, record = vendor_named("zendesk"), zendesk_ticket(0, None, embed=False)
    paths = _zendesk_pages(tmp_path, FIRST, LAST)
    for order in (paths, paths[::-1]):  # whichever page is read first
        side = load_side("zendesk", order)
        ticket = zendesk.to_ticket(record, W, side)
        assert ticket.partial == () and len(ticket.messages) == 4
    only_first = zendesk.to_ticket(record, W, load_side("zendesk", paths[:1]))
    assert english(only_first.partial) == (Gap("comments", 2, None, "comments-page1.json: meta.has_more says there are more"),)
    # offset pagination: the last page's next_page is null
    offset = _zendesk_pages(tmp_path, {"next_page": "https://example.zendesk.com/p2"}, {"next_page": None})
    assert zendesk.to_ticket(record, W, load_side("zendesk", offset)).partial == ()
    assert zendesk.to_ticket(record, W, load_side("zendesk", offset[:1])).partial != ()


def test_zendesk_cursor_pages_beside_the_export(tmp_path: Path) -> None:
    (tmp_path / "tickets.json").write_text(json.dumps({"tickets": [zendesk_ticket(0, None, embed=False)]}),
                                           encoding="utf-8")
    _zendesk_pages(tmp_path, FIRST, LAST)
    _, out, _ = _check("--format", "json", str(tmp_path / "tickets.json"))
    doc = json.loads(out)
    assert doc["partial"] == [] and doc["summary"]["audit"]["messages"] == 4
    (tmp_path / "comments-page2.json").unlink()
    _, out, _ = _check("--format", "json", str(tmp_path / "tickets.json"))
    [notice] = json.loads(out)["partial"]
    assert notice["missing"] == [{"part": "comments", "read": 2, "total": None,
                                  "evidence": "comments-page1.json: meta.has_more says there are more"}]


def test_zendesk_offset_pages_count_the_comments_of_every_page(tmp_path: Path) -> None:
    """Offset pagination: each page carries `count`, the ticket's comments on every page. The last page
    alone (`next_page` null) said "no more" and the ticket passed as whole with 2 of its 4 comments; its
    count says 2 are missing: read in part, as Jira's `total`. Every page read: whole."""
    from ticketlint.readers.helpdesk import load_side

    zendesk, record = vendor_named("zendesk"), zendesk_ticket(0, None, embed=False)
    offset = _zendesk_pages(tmp_path, {"next_page": "https://example.zendesk.com/p2", "count": 4},
                            {"next_page": None, "count": 4})
    for order in (offset, offset[::-1]):
        assert zendesk.to_ticket(record, W, load_side("zendesk", order)).partial == ()
    assert english(zendesk.to_ticket(record, W, load_side("zendesk", offset[1:])).partial) == (
        Gap("comments", 2, 4, "comments-page2.json: count is 4"),)
    assert english(zendesk.to_ticket(record, W, load_side("zendesk", offset[:1])).partial) == (
        Gap("comments", 2, 4, "comments-page1.json: next_page says there are more"),)
