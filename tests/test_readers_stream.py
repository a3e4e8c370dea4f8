"""Streaming readers: JSON arrays, API pages and JSONL read one record at a time, with exact lines,
in linear time and bounded memory; gzip'd exports read directly, a damaged one reported after the
tickets before the damage; counts per file."""

from __future__ import annotations

import gzip
import json
import os
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from ticketlint.cli import main
from ticketlint.readers import jsonstream, read_source, source
from ticketlint.readers.jsonstream import json_records

BODIES = {
    "en": "The VPN drops every hour.\nI tried rebooting twice.",
    "es": "La VPN se desconecta cada hora; reinicié el router dos veces.",
    "id": "VPN terputus setiap jam, saya sudah mencoba menyalakan ulang.",
    "ro": "VPN-ul se deconectează în fiecare oră; am repornit routerul.",
}


def tickets(n: int) -> list[dict[str, object]]:
    langs = sorted(BODIES)
    return [{"id": f"T-{i}", "language": langs[i % 4], "agent": f"a{i % 3}",
             "messages": [{"role": "customer", "body": BODIES[langs[i % 4]] + " ñ€😀"},
                          {"role": "agent", "body": f"Reply {i}: closed as PEBKAC."}]} for i in range(n)]


def start_lines(text: str, ids: list[str]) -> list[int]:
    """The line each ticket object starts on, found by the text (each is pretty-printed with its id first)."""
    out = []
    pos = 0
    for tid in ids:
        at = text.index(f'"id": "{tid}"', pos)
        brace = text.rindex("{", 0, at)
        out.append(text.count("\n", 0, brace) + 1)
        pos = at
    return out


@pytest.fixture
def tiny_chunks(monkeypatch: pytest.MonkeyPatch):
    def set_size(n: int) -> None:
        monkeypatch.setattr(source, "CHUNK", n)
        monkeypatch.setattr(source, "HEAD", n)
    return set_size


@pytest.mark.parametrize("size", [1, 2, 3, 7, 64, 1 << 20])
@pytest.mark.parametrize("shape", ["array", "wrapped", "result", "jsonl"])
def test_every_chunk_size_gives_the_same_tickets_and_lines(tmp_path: Path, tiny_chunks, size: int, shape: str) -> None:
    tiny_chunks(size)
    data = tickets(12)
    ids = [t["id"] for t in data]
    if shape == "jsonl":
        text = "".join(json.dumps(t, ensure_ascii=False) + ("\r\n" if i % 2 else "\n") for i, t in enumerate(data))
        lines = list(range(1, 13))
        path = tmp_path / "x.jsonl"
    else:
        key = {"wrapped": "tickets", "result": "result"}.get(shape)
        doc: object = data if key is None else {"meta": {"tickets": ["not this"]}, key: data, "next_page": None}
        text = json.dumps(doc, indent=2, ensure_ascii=False)
        lines = start_lines(text, ids)
        path = tmp_path / "x.json"
    path.write_text(text, encoding="utf-8")
    items = list(read_source(str(path)))
    assert [i.error for i in items if i.error] == []
    assert [i.ticket.id for i in items] == ids
    assert [i.ticket.line for i in items] == lines
    assert items[5].ticket.messages[0].body == data[5]["messages"][0]["body"]  # a character split between chunks


def test_escaped_wrapper_key_counts_and_a_nested_one_does_not(tmp_path: Path) -> None:
    path = tmp_path / "page.json"
    path.write_text('{"meta": {"tickets": [1, 2]}, "\\u0074ickets": ' + json.dumps(tickets(2)) + "}", encoding="utf-8")
    assert [i.ticket.id for i in read_source(str(path))] == ["T-0", "T-1"]


def test_one_record_in_a_wrapper_object(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"result": tickets(1)[0]}), encoding="utf-8")
    [item] = read_source(str(path))
    assert item.ticket is not None and item.ticket.id == "T-0"


@pytest.mark.parametrize(("text", "expected"), [
    ("[]", []), ('{"tickets": [], "next_page": null}', []), ("  \n", ["empty file: nothing to lint"]),
])
def test_an_empty_page_is_no_ticket_and_an_empty_file_an_error(tmp_path: Path, tiny_chunks, text: str,
                                                               expected: list[str]) -> None:
    tiny_chunks(1)
    for name in ("x.json", "x.jsonl"):
        path = tmp_path / name
        path.write_text(text if name == "x.json" else text.replace("[]", ""), encoding="utf-8")
        items = list(read_source(str(path)))
        if name == "x.json" or not text.strip():
            assert [i.error.message for i in items] == expected


def test_a_wrapper_key_given_twice_reads_both_lists(tmp_path: Path) -> None:
    """json.loads would keep the last list only: a ticket is never dropped silently."""
    path = tmp_path / "dup.json"
    two = tickets(3)
    path.write_text(f'{{"tickets": {json.dumps(two[:1])}, "tickets": {json.dumps(two[1:])}}}', encoding="utf-8")
    assert [i.ticket.id for i in read_source(str(path))] == ["T-0", "T-1", "T-2"]


def test_a_damaged_array_yields_the_tickets_before_then_one_error_with_its_line(tmp_path: Path, tiny_chunks) -> None:
    tiny_chunks(50)
    text = json.dumps(tickets(6), indent=2)
    cut = text.index('"id": "T-4"')
    broken = text[:cut] + '"id": "T-4", "messages": [tru, ]}]'
    path = tmp_path / "bad.json"
    path.write_text(broken, encoding="utf-8")
    items = list(read_source(str(path)))
    assert [i.ticket.id for i in items if i.ticket] == ["T-0", "T-1", "T-2", "T-3"]
    [err] = [i for i in items if i.error]
    assert err.fatal and err.error.line == broken.count("\n") + 1
    assert err.error.message.startswith("invalid JSON at column")


def test_invalid_utf8_in_an_array_names_its_line_after_the_tickets_before(tmp_path: Path, tiny_chunks) -> None:
    tiny_chunks(64)
    text = json.dumps(tickets(5), indent=2).encode()
    at = text.index(b"T-3")
    data = text[:at] + b"\xff" + text[at:]
    path = tmp_path / "latin.json"
    path.write_bytes(data)
    items = list(read_source(str(path)))
    assert [i.ticket.id for i in items if i.ticket] == ["T-0", "T-1", "T-2"]
    [err] = [i.error for i in items if i.error]
    assert err.line == data[:at].count(b"\n") + 1 and "invalid UTF-8" in err.message


def test_a_record_larger_than_many_chunks_is_parsed_a_logarithmic_number_of_times(monkeypatch: pytest.MonkeyPatch) -> None:
    """Linear time: a 2 MB record read in 1 KB chunks is retried after the buffer doubles, not per chunk."""
    calls = 0
    real = jsonstream.DECODER.raw_decode

    class Counting:
        def raw_decode(self, text: str, pos: int):  # type: ignore[no-untyped-def]
            nonlocal calls
            calls += 1
            return real(text, pos)

    monkeypatch.setattr(jsonstream, "DECODER", Counting())
    big = {"id": "big", "messages": [{"role": "note", "body": "log line\n" * 230_000}]}
    data = json.dumps([big, big]).encode()
    chunks = [data[i:i + 1024] for i in range(0, len(data), 1024)]
    records = list(json_records(chunks))
    assert [r.value["id"] for r in records] == ["big", "big"]  # type: ignore[index]
    assert calls < 40, calls  # about log2(2 MB / 64 KB) per record; per chunk it would be 2,000


def test_a_50_megabyte_array_is_read_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    body = "Pasted log: connection reset by peer. " * 250  # ~10 KB per message
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("[\n")
        for i in range(5_000):
            fh.write(("," if i else "") + json.dumps({"id": f"T-{i}", "messages": [{"role": "note", "body": body}]}) + "\n")
        fh.write("]\n")
    size = path.stat().st_size
    assert size > 45e6
    tracemalloc.start()
    try:
        count = sum(1 for item in read_source(str(path)) if item.ticket is not None)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 5_000
    assert peak < size / 10, f"peak {peak / 1e6:.1f} MB for a {size / 1e6:.0f} MB file"


# --- gzip --------------------------------------------------------------------------------------------


def write_gz(path: Path, data: bytes) -> Path:
    path.write_bytes(gzip.compress(data))
    return path


@pytest.mark.parametrize("name", ["export.jsonl.gz", "export.json.gz", "export.json", "export"])
def test_gzip_is_read_by_its_magic_bytes(tmp_path: Path, name: str) -> None:
    data = tickets(3)
    text = "".join(json.dumps(t) + "\n" for t in data) if "jsonl" in name or name == "export" else json.dumps(data)
    path = write_gz(tmp_path / name, text.encode())
    assert [i.ticket.id for i in read_source(str(path)) if i.ticket] == ["T-0", "T-1", "T-2"]


def test_csv_gz(tmp_path: Path) -> None:
    path = write_gz(tmp_path / "export.csv.gz", b"id,text\n7,Closed as PEBKAC.\n")
    result = CliRunner().invoke(main, ["check", "--isolated", "--select", "TL401", "--format", "json",
                                       "--map", "id=id,body=text,role=agent", str(path)])
    out = json.loads(result.output)
    assert [f["ticket_id"] for f in out["findings"]] == ["7"]


def test_truncated_gzip_lints_the_tickets_before_and_reports_the_file(tmp_path: Path) -> None:
    lines = "".join(json.dumps(t) + "\n" for t in tickets(400)).encode()
    whole = gzip.compress(lines)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(whole[: len(whole) * 2 // 3])
    result = CliRunner().invoke(main, ["check", "--isolated", "--no-color", "--select", "TL401", str(path)])
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and str(path) in errors[0] and "truncated gzip" in errors[0], errors
    assert "TL401" in result.output  # the tickets before the damage were linted
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_corrupt_gzip_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.json.gz"
    data = bytearray(gzip.compress(json.dumps(tickets(50)).encode()))
    data[30:60] = b"\x00" * 30
    path.write_bytes(bytes(data))
    items = list(read_source(str(path)))
    errors = [i for i in items if i.error]
    assert len(errors) == 1 and errors[0].fatal and "gzip" in errors[0].error.message


# --- directory walks and counts per file ---------------------------------------------------------------


def test_directory_walk_reads_csv_tsv_and_gz_but_not_users_exports(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress((json.dumps(tickets(1)[0]) + "\n").encode()))
    (tmp_path / "b.csv").write_text("id,text\n1,hello\n", encoding="utf-8")
    (tmp_path / "c.tsv").write_text("id\ttext\n1\thello\n", encoding="utf-8")
    (tmp_path / "users.json").write_text("[]", encoding="utf-8")
    (tmp_path / "notes.bin").write_bytes(b"\x00")
    from ticketlint.runner import expand_paths

    assert [os.path.basename(str(p)) for p in expand_paths([str(tmp_path)])] == ["a.jsonl.gz", "b.csv", "c.tsv"]


def test_counts_per_file(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text("".join(json.dumps(t) + "\n" for t in tickets(3)), encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(tickets(1)[0]) + "\n{oops\n" + json.dumps({"id": "e", "messages": []}) + "\n",
                   encoding="utf-8")
    args = ["check", "--isolated", "--no-color", "--select", "TL401"]
    out = json.loads(CliRunner().invoke(main, [*args, "--format", "json", str(good), str(bad)]).output)
    assert out["summary"]["files"] == [
        {"source": str(good), "tickets_read": 3, "tickets_linted": 3, "tickets_unreadable": 0, "tickets_partial": 0},
        {"source": str(bad), "tickets_read": 3, "tickets_linted": 1, "tickets_unreadable": 2, "tickets_partial": 0},
    ]
    text = CliRunner().invoke(main, [*args, str(good), str(bad)]).output
    assert "tickets per file:" in text
    assert f"{bad} 3 read, 1 linted, 2 unreadable" in [" ".join(line.split()) for line in text.splitlines()]
    assert "4 tickets linted; 6 read, 2 unreadable" in text  # the summary line is unchanged
    alone = CliRunner().invoke(main, [*args, str(bad)]).output
    assert "tickets per file:" not in alone  # one file: the summary line says it all


@pytest.mark.parametrize("size", [1, 2, 3])
def test_a_byte_order_mark_split_between_chunks(tmp_path: Path, tiny_chunks, size: int) -> None:
    tiny_chunks(size)
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(tickets(2)).encode())
    assert [i.ticket.id for i in read_source(str(path))] == ["T-0", "T-1"]


def test_a_bad_key_is_one_error_at_its_line(tmp_path: Path, tiny_chunks) -> None:
    tiny_chunks(64)
    path = tmp_path / "key.json"
    path.write_text('{"tick\\qets": [' + ",".join(json.dumps(t) for t in tickets(200)) + "]}", encoding="utf-8")
    [item] = read_source(str(path))
    assert item.fatal and item.error.line == 1 and "Invalid \\escape" in item.error.message


def test_a_number_cut_at_a_chunk_boundary_is_read_whole() -> None:
    """"1e" at the end of a chunk is the start of 1e999, not the number 1 followed by junk (found by the
    chunk-size fuzz test)."""
    from ticketlint.readers import jsonstream

    data = b'[12.5, 1e3, -7, 1e999]'
    for size in (1, 2, 3, 5):
        chunks = (data[i:i + size] for i in range(0, len(data), size))
        assert [r.value for r in jsonstream.json_records(chunks)] == [12.5, 1000.0, -7, float("inf")]
