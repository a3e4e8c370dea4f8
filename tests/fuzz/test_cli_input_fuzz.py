"""Hostile and broken input files through `ticketlint check`: one clear error line per problem, the right
exit code, never a traceback, nothing lost (read = linted + unreadable), and the other tickets still linted.

Every case runs in-process (click's CliRunner) in the text and the json formats.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fuzzkit import GOOD, assert_counts, assert_no_secret, check, jsonl, text_counts, ticket

G = json.dumps(GOOD).encode()  # one good JSONL line: TL401 fires on it ("PEBKAC")
G2 = json.dumps({**GOOD, "id": "ok-2"}).encode()
DIGITS = "9" * 5000  # more than Python's 4,300-digit int conversion limit
DEEP = b"[" * 100_000


def lint_both(path: Path | str, *args: str, input: bytes | str | None = None):
    """(json run, text run) of the same input, each checked for tracebacks and lost tickets."""
    rj = check("--format", "json", *args, str(path), input=input)
    data = rj.json()
    assert_counts(data["summary"])
    rt = check(*args, str(path), input=input)
    read, linted, unreadable = text_counts(rt.out)
    assert read == linted + unreadable
    assert (read, linted, unreadable) == (data["summary"]["tickets_read"], data["summary"]["tickets_linted"],
                                          data["summary"]["tickets_unreadable"])
    assert rj.code == rt.code
    return rj, rt


def expect_errors(rj, rt, name: str, expected: list[tuple[int | None, str]]) -> None:
    """The json errors and the text `error: FILE:LINE: message` lines are exactly the expected ones."""
    errors = rj.json()["errors"]
    assert len(errors) == len(expected), errors
    for err, (line, fragment) in zip(errors, expected):
        assert err["source"].endswith(name), err
        if line is not None:
            assert err["line"] == line, err
        assert fragment.lower() in err["message"].lower(), (fragment, err)
    lines = rt.error_lines()
    assert len(lines) == len(expected), rt.out
    for text, (line, _fragment) in zip(lines, expected):
        where = f"{name}:{line}: " if line is not None else f"{name}"
        assert where in text, (where, text)
        assert "\n" not in text


# -- whole files that cannot be read ---------------------------------------------------------------------


UNREADABLE = [
    ("empty.json", b"", None, "empty"),
    ("empty.jsonl", b"", None, "empty"),
    ("empty.txt", b"", None, "empty"),
    ("blank.txt", b" \n\t\r\n  \n", None, "empty"),
    ("blank.json", b"   \n\n", None, "empty"),
    ("blank.jsonl", b"\n\n   \n", None, "empty"),
    ("nul.txt", b"hello\nwor\x00ld\n", 2, "binary"),
    ("nul.json", b'{"id": "x",\n "messages": [\x00]}', 2, "binary"),
    ("nul.jsonl", G + b"\n" + b"\x00\x01\x02" * 50, 2, "binary"),
    ("latin1.txt", "first line\ncaf\xe9 cr\xe8me".encode("latin-1"), 2, "invalid UTF-8 at column 4"),
    ("latin1.json", b'{"id": "x", "messages": [\n{"role": "agent", "body": "caf\xe9"}]}', 2, "invalid UTF-8 at column"),
    ("utf16le.txt", "Closed as PEBKAC.\n".encode("utf-16"), 1, "UTF-16"),
    ("utf16le.json", json.dumps(GOOD).encode("utf-16"), 1, "UTF-16"),
    ("utf16le.jsonl", json.dumps(GOOD).encode("utf-16"), 1, "UTF-16"),
    ("utf16be.jsonl", b"\xfe\xff" + json.dumps(GOOD).encode("utf-16-be"), 1, "UTF-16"),
    ("trunc.json", b'{"id": "x", "messages": [{"role": "agent", "bo', 1, "invalid JSON"),
    ("deep.json", DEEP, None, "nested too deeply"),
    ("deep-closed.json", b"[" * 100_000 + b"]" * 100_000, None, "nested too deeply"),
    ("deep.txt", DEEP, None, "nested too deeply"),
    ("deep-objects.json", b'{"a":' * 100_000, None, "JSON"),
]


@pytest.mark.parametrize(("name", "content", "line", "fragment"), UNREADABLE, ids=[c[0] for c in UNREADABLE])
def test_unreadable_file_is_one_error_line_and_exit_2(tmp_path: Path, name: str, content: bytes, line: int | None,
                                                      fragment: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    rj, rt = lint_both(path)
    assert rj.code == 2
    expect_errors(rj, rt, name, [(line, fragment)])
    assert rj.json()["findings"] == []


def test_a_truncated_array_lints_the_tickets_before_the_damage(tmp_path: Path) -> None:
    """Arrays are read as a stream: the tickets before a truncation are linted, the damage is one
    error line naming where it is, and the run exits 2 (never a clean pass on half an export)."""
    path = tmp_path / "trunc-array.json"
    path.write_bytes(b"[" + G + b",\n" + G[:20])
    rj, rt = lint_both(path)
    assert rj.code == 2
    expect_errors(rj, rt, "trunc-array.json", [(2, "invalid JSON")])
    assert {f["ticket_id"] for f in rj.json()["findings"]} == {"ok-1"}
    assert rj.json()["summary"]["tickets_linted"] == 1


def test_invalid_utf8_in_jsonl_names_line_and_column_and_lints_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(G + b'\n{"id": "bad", "messages": [{"role": "agent", "body": "caf\xe9"}]}\n' + G2 + b"\n")
    rj, rt = lint_both(path)
    assert rj.code == 2
    expect_errors(rj, rt, "mixed.jsonl", [(2, "invalid UTF-8 at column 58")])
    s = rj.json()["summary"]
    assert (s["tickets_read"], s["tickets_linted"], s["tickets_unreadable"]) == (3, 2, 1)


# -- line endings ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "content", "tickets"), [
    ("crlf.jsonl", G + b"\r\n" + G2 + b"\r\n", 2),
    ("crlf.json", b"[\r\n" + G + b",\r\n" + G2 + b"\r\n]\r\n", 2),
    ("cr.json", b"[\r" + G + b",\r" + G2 + b"\r]\r", 2),
    ("crlf.txt", b"Hello,\r\nthis was PEBKAC.\r\n", 1),
    ("cr.txt", b"Hello,\rthis was PEBKAC.\r", 1),
    ("cr.jsonl", G + b"\r" + G2 + b"\r", 2),  # old Mac line ends: each ticket is still one record
], ids=["crlf.jsonl", "crlf.json", "cr.json", "crlf.txt", "cr.txt", "cr.jsonl"])
def test_crlf_and_lone_cr_line_endings_work(tmp_path: Path, name: str, content: bytes, tickets: int) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    rj, rt = lint_both(path, "--role", "agent")
    data = rj.json()
    assert data["errors"] == [], data["errors"]
    assert data["summary"]["tickets_linted"] == tickets
    assert {f["code"] for f in data["findings"]} >= {"TL401"}
    assert rj.code == 1


# -- malformed records in JSONL: reported one by one, the rest linted --------------------------------------

FIELD_CASES = [
    ("id-list", ticket(["a"]), "'id'"),
    ("id-dict", ticket({"a": 1}), "'id'"),
    ("id-bool", ticket(True), "'id'"),
    ("messages-dict", {"id": "m", "messages": {"role": "agent", "body": "hi"}}, "'messages'"),
    ("messages-string", {"id": "m", "messages": "hello"}, "'messages'"),
    ("messages-null", {"id": "m", "messages": None}, "'messages'"),
    ("messages-missing", {"id": "m"}, "'messages'"),
    ("messages-empty", {"id": "m", "messages": []}, "messages"),
    ("message-string", {"id": "m", "messages": ["Closed as PEBKAC."]}, "messages[0]"),
    ("message-null", {"id": "m", "messages": [None]}, "messages[0]"),
    ("role-missing", {"id": "m", "messages": [{"body": "hi"}]}, "role"),
    ("role-int", ticket(role=3), "role"),
    ("role-null", ticket(role=None), "role"),
    ("role-unknown", ticket(role="boss"), "role 'boss'"),
    ("body-null", ticket(body=None), "'body'"),
    ("body-missing", {"id": "m", "messages": [{"role": "agent"}]}, "'body'"),
    ("body-number", ticket(body=42), "'body'"),
    ("body-list", ticket(body=["a", "b"]), "'body'"),
    ("author-dict", {"id": "m", "messages": [{"role": "agent", "body": "hi", "author": {"n": 1}}]}, "'author'"),
    ("created-dict", {"id": "m", "messages": [{"role": "agent", "body": "hi", "created_at": {}}]}, "'created_at'"),
    ("msg-language-dict", {"id": "m", "messages": [{"role": "agent", "body": "hi", "language": {}}]}, "'language'"),
    ("msg-language-unsupported", {"id": "m", "messages": [{"role": "agent", "body": "hi", "language": "tlh"}]},
     "unsupported language"),
    ("language-dict", ticket(language={"x": 1}), "'language'"),
    ("language-unsupported", ticket(language="klingon"), "unsupported language"),
    ("tags-string", ticket(tags="vip"), "'tags'"),
    ("tags-ints", ticket(tags=[1, 2]), "'tags'"),
    ("subject-list", ticket(subject=["a"]), "'subject'"),
    ("ticket-list", [GOOD], "JSON object"),
    ("ticket-string", "just a string", "JSON object"),
    ("ticket-number", 12, "JSON object"),
    ("ticket-null", None, "JSON object"),
]


@pytest.mark.parametrize(("case", "obj", "fragment"), FIELD_CASES, ids=[c[0] for c in FIELD_CASES])
@pytest.mark.parametrize("suffix", [".jsonl", ".txt"])
def test_wrong_field_type_is_one_error_naming_line_and_field(tmp_path: Path, case: str, obj: object, fragment: str,
                                                             suffix: str) -> None:
    """A ticket with a field of the wrong type: one error on its line naming the field; the tickets around it linted."""
    path = tmp_path / f"{case}{suffix}"
    path.write_text(jsonl(GOOD, obj, {**GOOD, "id": "ok-2"}), encoding="utf-8")
    rj, rt = lint_both(path)
    assert rj.code == 2
    expect_errors(rj, rt, path.name, [(2, fragment)])
    data = rj.json()
    assert {f["ticket_id"] for f in data["findings"]} == {"ok-1", "ok-2"}
    s = data["summary"]
    assert (s["tickets_read"], s["tickets_linted"], s["tickets_unreadable"]) == (3, 2, 1)


@pytest.mark.parametrize(("case", "obj", "fragment"), FIELD_CASES[:12], ids=[c[0] for c in FIELD_CASES[:12]])
def test_wrong_field_type_in_a_json_array_names_the_ticket_line(tmp_path: Path, case: str, obj: object,
                                                                fragment: str) -> None:
    path = tmp_path / f"{case}.json"
    path.write_text("[\n" + json.dumps(GOOD) + ",\n" + json.dumps(obj) + ",\n" + json.dumps({**GOOD, "id": "ok-2"})
                    + "\n]\n", encoding="utf-8")
    rj, rt = lint_both(path)
    assert rj.code == 2
    expect_errors(rj, rt, path.name, [(3, fragment)])
    assert rj.json()["summary"]["tickets_linted"] == 2


MALFORMED_LINES = [
    ("truncated", b'{"id": "t", "messages": [{"role": "agent", "body": "hi"', "invalid JSON"),
    ("unquoted-key", b"{id: 1}", "invalid JSON"),
    ("trailing-comma", b'{"id": "t", "messages": [],}', "invalid JSON"),
    ("extra-data", G + b" {}", "invalid JSON"),
    ("bare-word", b"hello world", "invalid JSON"),
    ("lone-brace", b"{", "invalid JSON"),
    ("lone-bracket", b"]", "invalid JSON"),
    ("deep-open", DEEP, "nested too deeply"),
    ("deep-closed-in-field", b'{"id": "d", "x": ' + b"[" * 100_000 + b"]" * 100_000
     + b', "messages": [{"role": "agent", "body": "PEBKAC"}]}', "nested too deeply"),
    ("nan", b'{"id": NaN, "messages": [{"role": "agent", "body": "hi"}]}', "'id'"),
    ("huge-id", b'{"id": ' + DIGITS.encode() + b', "messages": [{"role": "agent", "body": "hi"}]}', "'id'"),
    ("huge-negative-id", b'{"id": -' + DIGITS.encode() + b', "messages": [{"role": "agent", "body": "hi"}]}', "'id'"),
    ("huge-body", b'{"id": "h", "messages": [{"role": "agent", "body": ' + DIGITS.encode() + b"}]}", "'body'"),
    ("huge-role", b'{"id": "h", "messages": [{"role": ' + DIGITS.encode() + b', "body": "hi"}]}', "role"),
    ("huge-subject-array", b'{"id": "h", "subject": [' + DIGITS.encode() + b'], "messages": [{"role": "agent", "body": "hi"}]}', "'subject'"),
    ("lone-surrogate-key-only", b'{"\\ud800": 1}', "messages"),
    ("bom-mid-file", b"\xef\xbb\xbf\xef\xbb\xbf" + G, "invalid JSON"),
]


@pytest.mark.parametrize(("case", "line", "fragment"), MALFORMED_LINES, ids=[c[0] for c in MALFORMED_LINES])
def test_malformed_jsonl_line_is_reported_and_the_rest_linted(tmp_path: Path, case: str, line: bytes,
                                                               fragment: str) -> None:
    path = tmp_path / f"{case}.jsonl"
    path.write_bytes(G + b"\n" + line + b"\n" + G2 + b"\n")
    rj, rt = lint_both(path)
    assert rj.code == 2
    expect_errors(rj, rt, path.name, [(2, fragment)])
    s = rj.json()["summary"]
    assert (s["tickets_read"], s["tickets_linted"], s["tickets_unreadable"]) == (3, 2, 1)


def test_huge_number_in_an_unknown_field_is_ignored(tmp_path: Path) -> None:
    """Other keys are ignored (docs): a 5,000-digit number in one does not stop the ticket."""
    line = b'{"id": "h", "views": ' + DIGITS.encode() + b', "messages": [{"role": "agent", "body": "PEBKAC"}]}'
    for name, content in (("u.jsonl", G + b"\n" + line + b"\n"), ("u.json", line)):
        path = tmp_path / name
        path.write_bytes(content)
        rj, _ = lint_both(path)
        assert rj.json()["errors"] == []
        assert rj.code == 1
        assert "h" in {f["ticket_id"] for f in rj.json()["findings"]}


@pytest.mark.parametrize("where", ["id", "body", "unknown"])
@pytest.mark.parametrize("how", ["json-file", "jsonl-file", "stdin-json", "stdin-jsonl"])
def test_number_of_more_than_4300_digits(tmp_path: Path, where: str, how: str) -> None:
    fields = {"id": '"n"', "body": '"PEBKAC"', "unknown": "1"}
    fields[where] = DIGITS
    obj = ('{{"id": {id}, "unknown": {unknown}, "messages": [{{"role": "agent", "body": {body}}}]}}'.format(**fields)).encode()
    if how.endswith("jsonl"):
        content, name = G + b"\n" + obj + b"\n" + G2 + b"\n", "n.jsonl"
    else:
        content, name = obj, "n.json"
    if how.startswith("stdin"):
        rj, rt = lint_both("-", input=content)
        name = "<stdin>"
    else:
        path = tmp_path / name
        path.write_bytes(content)
        rj, rt = lint_both(path)
    data = rj.json()
    if where == "unknown":
        assert data["errors"] == [] and rj.code == 1
        assert "n" in {f["ticket_id"] for f in data["findings"]}
    else:
        assert rj.code == 2
        line = 2 if how.endswith("jsonl") else 1
        expect_errors(rj, rt, name, [(line, f"'{where}'")])
    if how.endswith("jsonl"):
        assert {"ok-1", "ok-2"} <= {f["ticket_id"] for f in data["findings"]}
    assert DIGITS not in rt.out  # a 5,000-digit value is not pasted into a report line
    for err in data["errors"]:
        assert len(json.dumps(err)) < 1000, err


@pytest.mark.parametrize("content", [DEEP, b"[" * 100_000 + b"]" * 100_000, b'{"a":' * 100_000],
                         ids=["open", "closed", "objects"])
def test_deeply_nested_json_on_stdin(content: bytes) -> None:
    rj, rt = lint_both("-", input=content)
    assert rj.code == 2
    [err] = rj.json()["errors"]
    assert err["source"] == "<stdin>"
    assert len(rt.error_lines()) == 1


def test_deeply_nested_line_on_stdin_jsonl_lints_the_others() -> None:
    rj, rt = lint_both("-", input=G + b"\n" + DEEP + b"\n" + G2 + b"\n")
    assert rj.code == 2
    expect_errors(rj, rt, "<stdin>", [(2, "nested too deeply")])
    assert rj.json()["summary"]["tickets_linted"] == 2


# -- sizes and duplicates --------------------------------------------------------------------------------


def test_huge_body_is_reported_not_linted_and_the_others_are(tmp_path: Path) -> None:
    big = {"id": "big", "messages": [{"role": "agent", "body": "PEBKAC " * 150_000}]}  # 1,050,000 characters
    path = tmp_path / "big.jsonl"
    path.write_text(jsonl(GOOD, big, {**GOOD, "id": "ok-2"}), encoding="utf-8")
    rj, rt = lint_both(path)
    assert rj.code == 2
    expect_errors(rj, rt, "big.jsonl", [(2, "max-message-chars")])
    data = rj.json()
    assert {f["ticket_id"] for f in data["findings"]} == {"ok-1", "ok-2"}
    s = data["summary"]
    assert (s["tickets_read"], s["tickets_linted"], s["tickets_unreadable"]) == (3, 2, 1)
    assert "big" in rt.error_lines()[0]  # names the ticket


@pytest.mark.parametrize("suffix", [".jsonl", ".json"])
def test_duplicate_ids_are_both_linted_and_counted(tmp_path: Path, suffix: str) -> None:
    a = {"id": "dup", "messages": [{"role": "agent", "body": "That is PEBKAC."}]}
    b = {"id": "dup", "messages": [{"role": "agent", "body": "A layer 8 problem again."}]}
    path = tmp_path / f"dup{suffix}"
    path.write_text(jsonl(a, b) if suffix == ".jsonl" else json.dumps([a, b]), encoding="utf-8")
    rj, _ = lint_both(path)
    data = rj.json()
    assert data["summary"]["tickets_read"] == 2 and data["summary"]["tickets_linted"] == 2
    tl401 = [f for f in data["findings"] if f["code"] == "TL401"]
    assert len(tl401) == 2, tl401
    assert rj.code == 1


# -- JSONL wherever it comes from ------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["stdin", "txt", "no-suffix", "md", "ndjson"])
def test_jsonl_is_read_as_jsonl_whatever_the_name(tmp_path: Path, how: str) -> None:
    """Each line a ticket, bad lines reported one by one: never linted as one plain-text message."""
    content = (G + b"\n" + b'{"id": "broken", "messages": [\n' + json.dumps({"id": "nomsg", "messages": []}).encode()
               + b"\n" + G2 + b"\n")
    if how == "stdin":
        rj, rt = lint_both("-", input=content)
        name = "<stdin>"
    else:
        name = {"txt": "export.txt", "no-suffix": "export", "md": "export.md", "ndjson": "export.ndjson"}[how]
        path = tmp_path / name
        path.write_bytes(content)
        rj, rt = lint_both(path)
    assert rj.code == 2
    expect_errors(rj, rt, name, [(2, "invalid JSON"), (3, "no messages")])
    data = rj.json()
    assert {f["ticket_id"] for f in data["findings"]} == {"ok-1", "ok-2"}
    s = data["summary"]
    assert (s["tickets_read"], s["tickets_linted"], s["tickets_unreadable"]) == (4, 2, 2)


@pytest.mark.parametrize("first", [b'{"id": "broken", "mess', b"{oops", b'{"id": 1,'])
def test_jsonl_on_stdin_whose_first_line_is_broken_is_still_jsonl(first: bytes) -> None:
    rj, rt = lint_both("-", input=first + b"\n" + G + b"\n" + G2 + b"\n")
    assert rj.code == 2
    expect_errors(rj, rt, "<stdin>", [(1, "invalid JSON")])
    assert rj.json()["summary"]["tickets_linted"] == 2


def test_truncated_jsonl_is_never_a_clean_plain_text_message() -> None:
    """An export cut in the middle of its only line is an error, not one prose message with no findings."""
    rj, rt = lint_both("-", input=G[: len(G) // 2])
    assert rj.code == 2
    assert rj.json()["summary"]["tickets_linted"] == 0


@pytest.mark.parametrize("wrapper", [
    b'{"meta": {"tickets": ["x"]}, "tickets": [%s, %s]}',
    b'{"tickets": [%s, %s], "meta": {"tickets": ["x"]}}',
    b'{"meta": {"tickets": ["x"]}, "\\u0074ickets": [%s, %s]}',
    b'{"\\u0074\\u0069ckets": [%s, %s], "meta": {"tickets": "x"}}',
    b'{"meta": "\\"tickets\\": [1]", "tickets": [%s, %s]}',
    b'{"tickets": [], "tickets": [%s, %s]}',
], ids=["meta-first", "meta-last", "escaped", "escaped-twice", "key-in-string", "duplicate-key"])
@pytest.mark.parametrize("how", ["json", "stdin"])
def test_tickets_wrapper_lints_the_real_top_level_tickets(tmp_path: Path, wrapper: bytes, how: str) -> None:
    content = wrapper % (G, G2)
    if how == "stdin":
        rj, _ = lint_both("-", input=content)
    else:
        path = tmp_path / "export.json"
        path.write_bytes(content)
        rj, _ = lint_both(path)
    data = rj.json()
    assert data["errors"] == [], data["errors"]
    assert {f["ticket_id"] for f in data["findings"] if f["code"] == "TL401"} == {"ok-1", "ok-2"}
    assert data["summary"]["tickets_linted"] == 2
    assert rj.code == 1


def test_plain_text_secret_file_keeps_the_secret_out(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Customer said password: Tr0ub4dor&3 and card 4111 1111 1111 1111\n", encoding="utf-8")
    for role in ("customer", "agent", "note"):
        rj, rt = lint_both(path, "--role", role, "--select", "ALL")
        assert_no_secret(rj)
        assert_no_secret(rt)
