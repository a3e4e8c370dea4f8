"""The four helpdesk mappers, called directly: record in, Ticket out (the export readers that stream
files into them are tested with the readers). Fixtures: tests/fixtures/exports/<vendor>/."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pytest

from ticketlint.model import ReadError, Ticket
from ticketlint.readers.helpdesk import VENDORS, SideData, SideDataError, Where, load_side, vendor_named
from ticketlint.readers.ticket_json import TicketFormatError

EXPORTS = Path(__file__).parent / "fixtures" / "exports"
W = Where("export.json", 3, 2)


def records(path: Path, wrapper: str | None = None) -> list[dict]:
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    data = json.loads(path.read_text(encoding="utf-8"))
    return data[wrapper] if wrapper else data


def by_id(tickets: list[Ticket]) -> dict[str, Ticket]:
    return {t.id: t for t in tickets}


def thread(ticket: Ticket) -> list[tuple[str, str | None]]:
    return [(m.role.value, m.author) for m in ticket.messages]


def csv_rows(path: Path):
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header = list(reader.fieldnames or [])
        rows = [(reader.line_num, row) for row in reader]
    return header, rows


def test_vendor_names_and_lookup():
    assert [v.name for v in VENDORS] == ["zendesk", "freshdesk", "jsm", "servicenow"]
    assert vendor_named("jsm").name == "jsm"
    with pytest.raises(ValueError, match="unknown helpdesk 'kayako'.*zendesk, freshdesk, jsm, servicenow"):
        vendor_named("kayako")


@pytest.mark.parametrize("vendor,path,wrapper", [
    ("zendesk", "zendesk/export.jsonl", None),
    ("zendesk", "zendesk/api_tickets.json", "tickets"),
    ("freshdesk", "freshdesk/tickets.json", None),
    ("jsm", "jsm/search_v3.json", "issues"),
    ("jsm", "jsm/search_v2.json", "issues"),
    ("servicenow", "servicenow/incident_raw.json", "result"),
    ("servicenow", "servicenow/incident_display.json", "result"),
    ("servicenow", "servicenow/incident_jsonv2.json", "records"),
])
def test_each_record_matches_its_own_vendor_only(vendor, path, wrapper):
    for rec in records(EXPORTS / path, wrapper):
        assert [v.name for v in VENDORS if v.matches(rec)] == [vendor]
    assert wrapper is None or wrapper in vendor_named(vendor).wrappers


def test_own_ticket_format_matches_no_vendor():
    own = {"id": "T-1", "messages": [{"role": "customer", "body": "x"}]}
    assert not any(v.matches(own) for v in VENDORS)
    journal = records(EXPORTS / "servicenow/sys_journal_field.json", "result")[0]
    assert not any(v.matches(journal) for v in VENDORS)  # side data, not an incident



NO_SIDE_DATA = SideData()  # no users export: a default shared by the readers below (it is frozen)

# -- Zendesk ----------------------------------------------------------------------------------

def zendesk(side: SideData = NO_SIDE_DATA) -> dict[str, Ticket]:
    zd = vendor_named("zendesk")
    return by_id([zd.to_ticket(r, Where("export.jsonl", n, n), side) for n, r in enumerate(records(EXPORTS / "zendesk/export.jsonl"), 1)])


def test_zendesk_group_names_from_a_groups_export():
    """Team tables show "Devices", not 77: a groups page beside the export names the group ids (kept apart
    from user ids, which may be the same numbers)."""
    side = load_side("zendesk", [str(EXPORTS / "zendesk/users.json"), str(EXPORTS / "zendesk/groups.json")])
    t = zendesk(side)
    assert [dict(t[tid].extra).get("group") for tid in ("4812", "4813", "4814")] == ["Devices", "Redes", "Akun & Tagihan"]
    assert dict(zendesk()["4812"].extra)["group"] == "77"  # without the groups export, the id


def test_zendesk_roles_with_users_file():
    side = load_side("zendesk", [str(EXPORTS / "zendesk/users.json")])
    t = zendesk(side)
    assert thread(t["4812"]) == [
        ("customer", "Ana Ruiz"), ("agent", "Tom Becker (automation)"), ("note", "Tom Becker"),
        ("agent", "Tom Becker"), ("customer", "Carl Ruiz"),
    ]  # the attachment-only comment 10006 has no text: left out
    assert [m.id for m in t["4812"].messages] == ["10001", "10002", "10003", "10004", "10005"]
    assert [m.automated for m in t["4812"].messages] == [False, True, False, False, False]
    assert [m.automated for m in t["4814"].messages] == [False, False, True]
    assert thread(t["4813"]) == [("customer", "Lucía Gómez"), ("agent", "Pablo Ortiz"), ("customer", "Lucía Gómez"), ("note", "Marta Díaz")]
    # the submitter is an admin who typed the customer's phone call: the users file says agent
    assert thread(t["4814"]) == [("agent", "Sari Wulandari"), ("customer", "Budi Santoso"), ("agent", "automation")]
    assert thread(t["4815"]) == [("customer", "Ion Popescu"), ("agent", "Elena Ionescu")]


def test_zendesk_fallback_without_users_never_charges_unknown_authors_to_agents():
    t = zendesk()
    # the CC'd colleague 9002 is not known: customer side
    assert [m.role.value for m in t["4812"].messages] == ["customer", "agent", "note", "agent", "customer"]
    assert t["4812"].messages[4].author == "9002"
    # 503 is a follower (followers are agents in Zendesk)
    assert [m.role.value for m in t["4813"].messages] == ["customer", "agent", "customer", "note"]
    # 504 is assignee and submitter (not the requester): agent; -1 is Zendesk itself
    assert [m.role.value for m in t["4814"].messages] == ["agent", "customer", "agent"]
    # 505 is nobody the record knows: customer side, not an agent by guess
    assert [(m.role.value, m.author) for m in t["4815"].messages] == [("customer", "Ion Popescu"), ("customer", "505")]


def test_zendesk_bodies_fields_and_times():
    t = zendesk()["4812"]
    msgs = t.messages
    assert msgs[0].body == "The office printer queue is stuck since this morning. Nothing prints."
    assert msgs[2].body == "Spooler service on PRN-02 hung.\n\n```\nEvent 7031: The Print Spooler service terminated unexpectedly.\n```"
    assert msgs[3].body == ("Hi Ana,\n\nPlease try this:\n\n1. Open Devices\n2. Remove the printer and add it again\n\n"
                            "Steps are in our guide (https://kb.helpdesk.test/printers).")
    assert msgs[0].created_at == "2026-03-01T08:02:11Z"
    assert dict(t.extra) == {"agent": "Tom Becker", "group": "77", "channel": "email", "status": "open",
                             "priority": "high", "requester": "Ana Ruiz"}
    assert t.subject == "Printer queue stuck" and t.tags == ("printing",)
    assert (t.source, t.line) == ("export.jsonl", 1)
    quoted = zendesk()["4815"].messages[0].body
    assert quoted == "Am primit factura de două ori.\n\n> Pe 3 mar. 2026, Facturare a scris:\n>\n> > Factura dumneavoastră este atașată."


def test_zendesk_api_page_with_comments_side_file():
    side = load_side("zendesk", [str(EXPORTS / "zendesk/4901.comments.json"), str(EXPORTS / "zendesk/users.json")])
    zd = vendor_named("zendesk")
    t = by_id([zd.to_ticket(r, W, side) for r in records(EXPORTS / "zendesk/api_tickets.json", "tickets")])
    assert thread(t["4901"]) == [("customer", "Ana Ruiz"), ("agent", "Tom Becker")]
    # no comments file: the description is the one message, the requester's
    assert thread(t["4902"]) == [("customer", "Lucía Gómez")]
    assert t["4902"].messages[0].body == "Quiero cambiar mi plan al anual."
    assert dict(t["4902"].extra) == {"channel": "email", "status": "new", "requester": "Lucía Gómez"}


def test_zendesk_csv_without_comment_text_is_one_error_counting_the_tickets():
    zd = vendor_named("zendesk")
    header, rows = csv_rows(EXPORTS / "zendesk/tickets.csv")
    assert zd.matches_header(header)
    assert not any(v.matches_header(header) for v in VENDORS if v.name != "zendesk")
    out = list(zd.csv_tickets(iter(rows), "tickets.csv", SideData()))
    # every row is a ticket read and reported unreadable, so that read = linted + unreadable holds
    assert len(out) == 2 and all(isinstance(e, ReadError) for e in out)
    assert [(e.source, e.line, e.ticket_id) for e in out] == [("tickets.csv", 2, "4812"), ("tickets.csv", 3, "4813")]
    assert "holds no comment text" in out[0].message and "JSON" in out[0].message


def test_zendesk_csv_with_description_column():
    zd = vendor_named("zendesk")
    header, rows = csv_rows(EXPORTS / "zendesk/tickets_with_description.csv")
    assert zd.matches_header(header)
    out = list(zd.csv_tickets(iter(rows), "d.csv", SideData()))
    assert [type(x).__name__ for x in out] == ["Ticket", "ReadError", "Ticket"]
    first = out[0]
    assert first.messages[0].body == "The office printer queue is stuck since this morning.\nNothing prints."
    assert (first.id, first.line, first.tags) == ("4812", 3, ("printing", "vip"))  # the row ends on line 3
    assert dict(first.extra)["agent"] == "Tom Becker" and dict(first.extra)["channel"] == "Mail"
    assert out[1].line == 4 and out[1].ticket_id == "4816" and "no messages" in out[1].message


# -- Freshdesk --------------------------------------------------------------------------------

def freshdesk(side: SideData = NO_SIDE_DATA) -> dict[str, Ticket]:
    fd = vendor_named("freshdesk")
    return by_id([fd.to_ticket(r, W, side) for r in records(EXPORTS / "freshdesk/tickets.json")])


def test_freshdesk_roles_without_side_data():
    t = freshdesk()
    assert [m.role.value for m in t["2210"].messages] == ["customer", "note", "agent", "customer", "agent", "customer"]
    assert [m.id for m in t["2210"].messages] == [None, "1", "2", "3", "4", "5"]
    assert thread(t["2211"]) == [("customer", "Dewi Lestari"), ("agent", "77004")]
    assert thread(t["2212"]) == [("customer", "48003")]  # conversations are in a side file


def test_freshdesk_roles_with_agents_contacts_and_conversations():
    side = load_side("freshdesk", [str(EXPORTS / f"freshdesk/{n}") for n in ("agents.json", "contacts.json", "2212.conversations.json")])
    t = freshdesk(side)
    # conversation 5 is an agent replying by email (incoming): the agents file says agent
    assert thread(t["2210"]) == [("customer", "Nadia Haddad"), ("note", "Rosa Méndez"), ("agent", "Rosa Méndez"),
                                 ("customer", "Nadia Haddad"), ("agent", "Rosa Méndez"), ("agent", "Victor Marin")]
    assert thread(t["2212"]) == [("customer", "Mihai Stan"), ("agent", "Rosa Méndez"), ("customer", "Mihai Stan")]
    assert dict(t["2210"].extra) == {"agent": "Rosa Méndez", "group": "9003", "channel": "Email", "status": "Resolved",
                                     "priority": "Medium", "requester": "Nadia Haddad"}


def test_freshdesk_bodies_and_labels():
    t = freshdesk()
    assert t["2210"].messages[0].created_at == "2026-05-06T07:30:00Z"
    assert t["2210"].messages[2].body == "Could you send us your renewed exemption certificate?"  # HTML body only
    assert t["2210"].messages[3].body == "Attached, valid until 2028.\n\n> Could you send us your renewed exemption certificate?"
    assert t["2211"].messages[0].body == "Aplikasi langsung tertutup saat dibuka.\n\n- Android 14\n- Versi 3.1"
    # status 6 is a custom status: kept as its number; source 2 is the portal
    assert dict(t["2211"].extra) == {"channel": "Portal", "status": "6", "priority": "High", "requester": "Dewi Lestari"}


# -- Jira Service Management -------------------------------------------------------------------

def jsm(name: str, side: SideData = NO_SIDE_DATA) -> dict[str, Ticket]:
    return by_id([vendor_named("jsm").to_ticket(r, W, side) for r in records(EXPORTS / "jsm" / name, "issues")])


def test_jsm_v3_roles_and_adf_bodies():
    t = jsm("search_v3.json")["HELP-142"]
    assert thread(t) == [("customer", "Lena Vogt"), ("agent", "Automation for Jira (automation)"), ("note", "Raj Patel"),
                         ("agent", "Raj Patel"), ("customer", "Lena Vogt"), ("note", "Mia Chen")]
    assert [m.automated for m in t.messages] == [False, True, False, False, False, False]
    bodies = [m.body for m in t.messages]
    assert bodies[0] == ("Since Monday my VPN disconnects every ten minutes.\nClient: 4.2.1\n\n```\n"
                         "2026-06-03 09:01:12 ERROR tunnel reset by peer\n2026-06-03 09:11:13 ERROR tunnel reset by peer\n```")
    assert bodies[2] == "@Mia Chen known issue with gateway gw-2?"
    assert bodies[3] == ("Please try these steps:\n\n1. Update to 4.3\n2. Reboot 🙂\n\n"
                         "Release notes: 4.3 notes (https://docs.helpdesk.test/vpn-4.3)")
    assert bodies[4] == "Updated, still dropping.\n\n> Please try these steps:"
    assert [m.created_at for m in t.messages][:2] == ["2026-06-03T09:12:44.120+0200", "2026-06-03T09:13:00.000+0200"]
    assert dict(t.extra) == {"agent": "Raj Patel", "status": "Waiting for customer", "priority": "High", "requester": "Lena Vogt"}
    assert t.tags == ("network",) and t.subject == "VPN drops every 10 minutes"


def test_jsm_v3_internal_it_reporter_with_atlassian_account_is_the_customer():
    t = jsm("search_v3.json")["IT-77"]
    assert thread(t) == [("customer", "Sofía Romero"), ("customer", "Sofía Romero"), ("agent", "Mia Chen")]
    assert t.messages[0].body == "Problema\n\nEl portátil no arranca desde ayer.\n\nModelo | Serie\nX1 | SN-4411"
    assert t.messages[2].body == "Gracias. Lo recogemos hoy a las 15:00 PROGRAMADO"


def test_jsm_v2_wiki_bodies_and_data_center_fallback_roles():
    side = load_side("jsm", [str(EXPORTS / "jsm/SD-10.comments.json")])
    t = jsm("search_v2.json", side)
    # no accountType: the reporter is the customer, the assignee and internal-note authors are agents,
    # an unknown author is on the customer side
    assert thread(t["SD-9"]) == [("customer", "Ana Costa"), ("agent", "Eko Saputra"), ("note", "Rina Kusuma"),
                                 ("customer", "Ana Costa"), ("agent", "Rina Kusuma"), ("customer", "Ion Vasile")]
    assert t["SD-9"].messages[0].body == "Masalah\nEmail saya tidak terkirim sejak pagi.\n\n```\n550 5.7.1 Relaying denied\n```"
    assert t["SD-9"].messages[1].body == "Halo @ana.costa, apakah Anda memakai Outlook atau webmail?"
    assert t["SD-9"].messages[3].body == "Saya memakai Outlook.\n\n> apakah Anda memakai Outlook atau webmail?"
    assert thread(t["SD-10"]) == [("customer", "Ion Vasile"), ("customer", "Eko Saputra")]  # Eko unknown on SD-10


# -- ServiceNow -------------------------------------------------------------------------------

def servicenow(name: str, wrapper: str, side: SideData = NO_SIDE_DATA) -> dict[str, Ticket]:
    return by_id([vendor_named("servicenow").to_ticket(r, W, side) for r in records(EXPORTS / "servicenow" / name, wrapper)])


def test_servicenow_raw_values_with_journal_and_users_side_files():
    side = load_side("servicenow", [str(EXPORTS / "servicenow/sys_journal_field.json"), str(EXPORTS / "servicenow/sys_user.json")])
    t = servicenow("incident_raw.json", "result", side)
    first = t["INC0010023"]
    assert thread(first) == [("customer", "Abel Tuter"), ("note", "Beth Anglin"), ("agent", "Beth Anglin"), ("customer", "Abel Tuter")]
    assert [m.created_at for m in first.messages] == ["2026-04-09 07:58:30", "2026-04-09 08:10:00", "2026-04-09 08:14:02", "2026-04-09 09:02:47"]
    assert first.messages[2].body == "Please remove and re-add the account on your phone:\n\n1. Settings\n2. Accounts"
    assert dict(first.extra) == {"agent": "Beth Anglin", "group": "Service Desk", "channel": "email", "status": "Resolved",
                                 "priority": "Moderate", "requester": "Abel Tuter"}
    second = t["INC0010024"]
    assert thread(second) == [("customer", "Carla Ruiz"), ("agent", "Luis Mora"), ("agent", "system (automation)")]
    assert [m.automated for m in second.messages] == [False, False, True]
    assert dict(second.extra)["status"] == "9" and dict(second.extra)["priority"] == "Low"


def test_servicenow_raw_values_without_side_files_keep_ids():
    t = servicenow("incident_raw.json", "result")["INC0010023"]
    assert thread(t) == [("customer", "5137153cc611227c000bbd1bd8cd2005")]
    assert dict(t.extra)["agent"] == "46d44a23a9fe19810012d100cca80666"


def test_servicenow_display_values_parse_the_journal_text_in_thread_order():
    t = servicenow("incident_display.json", "result")["INC0010031"]
    assert thread(t) == [("customer", "Andrei Pop"), ("note", "Maria Ionescu"), ("agent", "Maria Ionescu"), ("customer", "Andrei Pop")]
    # the viewer's date format (day first with dots) is read and written as ISO
    assert [m.created_at for m in t.messages] == ["2026-04-09 10:00:00", "2026-04-09 10:25:00", "2026-04-09 10:30:00", "2026-04-09 11:20:05"]
    assert t.messages[3].body == "Am repornit-o, tot nu merge.\n\nAm verificat și cablul."
    assert dict(t.extra) == {"agent": "Maria Ionescu", "group": "Hardware", "channel": "Phone", "status": "In Progress",
                             "priority": "High", "requester": "Andrei Pop"}


def test_servicenow_jsonv2_display_value_all():
    t = servicenow("incident_jsonv2.json", "records")["INC0010040"]
    assert thread(t) == [("customer", "Rudi Hartono"), ("agent", "Putri Ayu"), ("customer", "Rudi Hartono")]
    assert t.messages[0].created_at == "2026-04-11 09:00:00"
    assert dict(t.extra) == {"agent": "Putri Ayu", "group": "Desktop Support", "channel": "Self-service", "status": "New",
                             "priority": "Low", "requester": "Rudi Hartono"}


@pytest.mark.parametrize("name", ["incident_list.csv", "incident_list_labels.csv"])
def test_servicenow_csv_with_field_names_or_labels(name):
    sn = vendor_named("servicenow")
    header, rows = csv_rows(EXPORTS / "servicenow" / name)
    assert sn.matches_header(header)
    assert [v.name for v in VENDORS if v.matches_header(header)] == ["servicenow"]
    out = list(sn.csv_tickets(iter(rows), name, SideData()))
    first = out[0]
    assert isinstance(first, Ticket)
    if name == "incident_list.csv":
        assert thread(first) == [("customer", "Pedro Sanz"), ("note", "Laura Gil"), ("agent", "Laura Gil"), ("customer", "Pedro Sanz")]
        assert first.messages[3].body == "Sí, uso wifi."
        assert dict(first.extra)["priority"] == "Moderate"
        assert isinstance(out[1], ReadError) and out[1].ticket_id == "INC0010051" and "no messages" in out[1].message
        assert out[1].line == 8  # the line the reader gives: csv.DictReader.line_num, where the row ends
    else:
        assert thread(first) == [("customer", "Kim Park"), ("agent", "Sam Cole")]
        assert dict(first.extra)["status"] == "Resolved"


# -- errors -----------------------------------------------------------------------------------

SECRET = "hunter2-Passw0rd!-4111111111111111"


@pytest.mark.parametrize("vendor,record,expected", [
    ("zendesk", {"id": 1, "submitter_id": 2, "comments": [{"public": True, "plain_body": "a"}, {"public": "yes", "plain_body": "b"}]},
     "comments[1].public must be true or false"),
    ("zendesk", {"id": 1, "submitter_id": 2, "comments": [{"plain_body": "a"}]}, "comments[0].public must be true or false"),
    ("zendesk", {"id": 1, "submitter_id": 2, "comments": [SECRET]}, "comments[0] must be an object, not a string"),
    ("zendesk", {"id": 1, "submitter_id": 2, "comments": [{"public": True, "plain_body": ["x"]}]}, "comments[0].plain_body must be a string, not a list"),
    ("zendesk", {"id": 1, "submitter_id": 2, "comments": []}, "no messages"),
    ("zendesk", {"id": 1, "submitter_id": 2, "comments": {"a": SECRET}}, "comments must be a list, not an object"),
    ("freshdesk", {"id": 1, "description_text": "hi", "conversations": [{"private": SECRET}]}, "conversations[0].private must be true or false"),
    ("freshdesk", {"id": 1, "description_text": "", "conversations": []}, "no messages"),
    ("freshdesk", {"id": 1, "description_text": "x", "conversations": [{"source": SECRET}]}, "conversations[0].source must be a number"),
    ("jsm", {"key": "A-1", "fields": {"description": 42}}, "fields.description must be a string or an Atlassian Document Format object, not a number"),
    ("jsm", {"key": "A-1", "fields": {"description": None}}, "no messages"),
    ("jsm", {"key": "A-1", "fields": {"description": "x", "comment": {"comments": [{"jsdPublic": SECRET, "body": "y"}]}}},
     "fields.comment.comments[0].jsdPublic must be true or false"),
    ("jsm", {"key": "A-1"}, "fields is missing"),
    ("servicenow", {"number": "INC1", "short_description": "s", "description": ""}, "no messages"),
    ("servicenow", {"number": "INC1", "short_description": "s", "description": [SECRET]}, "description must be a string or an object"),
])
def test_bad_records_name_the_field_and_never_quote_a_value(vendor, record, expected):
    with pytest.raises(TicketFormatError) as err:
        vendor_named(vendor).to_ticket(record, W, SideData())
    assert expected in str(err.value)
    assert "hunter2" not in str(err.value) and "4111" not in str(err.value)


def test_hostile_adf_is_an_error_not_a_recursion_error():
    node: dict = {"type": "text", "text": "deep"}
    for _ in range(100_000):
        node = {"type": "bulletList", "content": [{"type": "listItem", "content": [node]}]}
    record = {"key": "A-1", "fields": {"description": {"type": "doc", "version": 1, "content": [node]}}}
    with pytest.raises(TicketFormatError, match=r"fields.description: Atlassian Document Format body nested more than 256 levels deep"):
        vendor_named("jsm").to_ticket(record, W, SideData())


def test_hostile_html_body_is_an_error_naming_the_field():
    record = {"id": 1, "submitter_id": 2, "comments": [{"public": True, "html_body": "<div>" * 5000 + "x"}]}
    with pytest.raises(TicketFormatError, match=r"comments\[0\].html_body: HTML nested more than 2,048 elements deep"):
        vendor_named("zendesk").to_ticket(record, W, SideData())


def test_ticket_id_falls_back_to_the_record_index():
    t = vendor_named("freshdesk").to_ticket({"description_text": "Hola"}, Where("f.json", None, 7), SideData())
    assert t.id == "record-7" and t.source == "f.json" and t.line is None


# -- side files -------------------------------------------------------------------------------

def test_side_files_jsonl_and_gzip(tmp_path):
    users = tmp_path / "users.jsonl.gz"
    with gzip.open(users, "wt", encoding="utf-8") as fh:
        fh.write('{"id": 1, "name": "Ana", "role": "end-user"}\n{"id": 2, "name": "Tom", "role": "admin"}\n')
    side = load_side("zendesk", [str(users)])
    assert side.users["1"].role == "customer" and side.users["2"].role == "agent" and side.users["2"].name == "Tom"


def test_side_file_errors_name_file_and_line(tmp_path):
    bad = tmp_path / "users.jsonl"
    bad.write_text('{"id": 1, "role": "agent"}\n{"id": 2, "role": \n', encoding="utf-8")
    with pytest.raises(SideDataError, match=r"users.jsonl:2: invalid JSON line"):
        load_side("zendesk", [str(bad)])
    orphan = tmp_path / "comments.json"
    orphan.write_text(json.dumps({"comments": [{"public": True, "plain_body": SECRET}]}), encoding="utf-8")
    with pytest.raises(SideDataError, match=r"comments.json:1: cannot tell which ticket") as err:
        load_side("zendesk", [str(orphan)])
    assert "hunter2" not in str(err.value)
    with pytest.raises(SideDataError, match="cannot read"):
        load_side("servicenow", [str(tmp_path / "missing.json")])


def test_csv_rows_with_missing_or_extra_cells_do_not_crash():
    rows = [(2, {"Id": "1", "Subject": "s", "Requester": "Ana", "Description": None, None: ["extra"]}),
            (3, {"Id": "2", "Subject": "s", "Requester": "Ana", "Description": "It broke."})]
    out = list(vendor_named("zendesk").csv_tickets(iter(rows), "z.csv", SideData()))
    assert isinstance(out[0], ReadError) and "no messages" in out[0].message
    assert isinstance(out[1], Ticket) and out[1].messages[0].body == "It broke."
    sn_rows = [(2, {"number": "INC9", "description": None, None: ["x"], "comments": "c"})]
    out = list(vendor_named("servicenow").csv_tickets(iter(sn_rows), "s.csv", SideData()))
    assert isinstance(out[0], Ticket) and [m.role.value for m in out[0].messages] == ["customer"]
