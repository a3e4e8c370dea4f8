"""--baseline / --write-baseline: only what is new, across re-exports, never a secret in the file."""

from __future__ import annotations

import json
import random
from pathlib import Path

from click.testing import CliRunner

from ticketlint.cli import main

PASSWORD = "Zq7!vortex-Kiwi"

# Written for these tests: one thread per language, with findings to be had (no error code, vague claims,
# bare answers, jargon), message ids in some tickets, author and time in others, neither in the last.
THREADS = {
    "en": ["The VPN client crashed again. I didn't change anything.", "Yes.", "Customer says it broke, no logs."],
    "es": ["La impresora no funciona desde ayer. No hice nada.", "Sí.", "El cliente dice que se rompió."],
    "id": ["Aplikasi tidak bisa login, error terus. Saya tidak mengubah apa pun.", "Ya.", "Pelanggan bilang rusak."],
    "ro": ["Imprimanta nu merge de ieri. Nu am schimbat nimic.", "Da.", "Clientul spune că s-a stricat."],
}
ROLES = ("customer", "agent", "note")


def _tickets(stamp_style: str = "Z") -> list[dict]:
    out = []
    for n, (lang, bodies) in enumerate(THREADS.items()):
        for copy in range(2):
            tid = f"{lang}-{copy}"
            messages = []
            for i, (role, body) in enumerate(zip(ROLES, bodies)):
                m: dict = {"role": role, "body": body}
                if copy == 0:
                    m["id"] = f"{tid}-m{i}"
                elif n % 2 == 0:
                    m["author"] = "ana" if role == "customer" else "tom"
                    m["created_at"] = f"2024-03-0{i + 1}T08:02:11Z" if stamp_style == "Z" else f"2024-03-0{i + 1} 10:02:11+02:00"
                messages.append(m)
            out.append({"id": tid, "messages": messages})
    out[0]["messages"][2]["body"] += f" Login for the test account: password: {PASSWORD}"
    return out


def _write(path: Path, tickets: list[dict]) -> Path:
    path.write_text("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in tickets), encoding="utf-8")
    return path


def _check(*args: str) -> tuple[int, list[dict], str]:
    r = CliRunner().invoke(main, ["check", "--isolated", "--profile", "audit", "--format", "jsonl", *args])
    rows = [json.loads(line) for line in r.stdout.splitlines() if line.startswith("{")]
    return r.exit_code, rows, r.stderr


def _findings(rows: list[dict]) -> list[dict]:
    return [r for r in rows if r["type"] == "finding"]


def test_a_rerun_on_a_reordered_reexport_shows_nothing_new(tmp_path: Path) -> None:
    first = _write(tmp_path / "export-march.jsonl", _tickets())
    base = tmp_path / "baseline.json"
    _, rows, _ = _check("--write-baseline", str(base), str(first))
    total = len(_findings(rows))
    assert total > 10 and base.exists()
    # the next export: other name, other order, other whitespace, times written another way
    again = _tickets(stamp_style="offset")
    random.Random(3).shuffle(again)
    for t in again:
        for m in t["messages"]:
            m["body"] = "  " + m["body"].replace(". ", ".   \n ") + " \n\n"
    second = _write(tmp_path / "zendesk-april.jsonl", again)
    code, rows, _ = _check("--baseline", str(base), str(second))
    assert _findings(rows) == []
    assert rows[-1]["findings_in_baseline"] == total
    assert code == 0


def test_an_edited_message_shows_its_new_finding_only(tmp_path: Path) -> None:
    base = tmp_path / "b.json"
    _check("--write-baseline", str(base), str(_write(tmp_path / "a.jsonl", _tickets())))
    edited = _tickets()
    edited[2]["messages"][1]["body"] = "Cerrado: PEBKAC."  # es-0's agent reply: now an insulting code word
    _, rows, _ = _check("--baseline", str(base), str(_write(tmp_path / "b.jsonl", edited)))
    new = _findings(rows)
    assert new and {(f["ticket_id"], f["message_index"]) for f in new} == {("es-0", 1)}
    assert "TL401" in {f["code"] for f in new}


def test_identical_findings_are_counted(tmp_path: Path) -> None:
    two = [{"id": "T", "messages": [{"role": "agent", "body": "Closed as PEBKAC. Closed as PEBKAC."}]}]
    three = [{"id": "T", "messages": [{"role": "agent", "body": "Closed as PEBKAC. Closed as PEBKAC. Closed as PEBKAC."}]}]
    base = tmp_path / "b.json"
    _, rows, _ = _check("--select", "TL401", "--write-baseline", str(base), str(_write(tmp_path / "two.jsonl", two)))
    assert len(_findings(rows)) == 2
    assert '"count": 2' in base.read_text()
    _, rows, _ = _check("--select", "TL401", "--baseline", str(base), str(_write(tmp_path / "three.jsonl", three)))
    assert len(_findings(rows)) == 1 and rows[-1]["findings_in_baseline"] == 2


def test_the_file_is_stable_sorted_and_holds_no_secret(tmp_path: Path) -> None:
    tickets = _tickets()
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    _, rows, _ = _check("--write-baseline", str(a), str(_write(tmp_path / "x.jsonl", tickets)))
    assert "TL601" in {f["code"] for f in _findings(rows)}  # the secret was found...
    _check("--write-baseline", str(b), str(_write(tmp_path / "y.jsonl", list(reversed(tickets)))))
    text = a.read_bytes()
    assert text == b.read_bytes()  # same findings, same bytes, whatever the order
    assert PASSWORD.encode() not in text and b"vortex" not in text  # ...and is not in the file
    assert b"crashed" not in text and b"ana" not in text  # no excerpt, no author in clear
    doc = json.loads(text)
    assert doc["version"] == 1 and doc["tool"].startswith("ticketlint ")
    keys = [(e["ticket"], e["code"], e["fingerprint"]) for e in doc["entries"]]
    assert keys == sorted(keys)
    assert len(text.splitlines()) == len(doc["entries"]) + 2  # one entry per line


def test_a_missing_or_corrupt_baseline_is_one_line_and_exit_2(tmp_path: Path) -> None:
    export = str(_write(tmp_path / "x.jsonl", _tickets()))
    bad = tmp_path / "bad.json"
    for content, expected in [(None, "cannot read the baseline"), ('{"version": 1, "entries": [', "invalid JSON"),
                              ('{"findings": []}', "not a baseline file"),
                              ('{"version": 1, "entries": [{"ticket": "a", "code": "TL101", "fingerprint": "zz"}]}',
                               "entries[0]")]:
        if content is not None:
            bad.write_text(content)
        code, rows, err = _check("--baseline", str(bad if content is not None else tmp_path / "none.json"), export)
        assert code == 2 and rows == []
        assert len(err.strip().splitlines()) == 1 and expected in err and "Traceback" not in err


def test_text_and_json_output_say_how_many_were_in_the_baseline(tmp_path: Path) -> None:
    export = str(_write(tmp_path / "x.jsonl", _tickets()))
    base = tmp_path / "b.json"
    _check("--write-baseline", str(base), export)
    r = CliRunner().invoke(main, ["check", "--isolated", "--profile", "audit", "--baseline", str(base), export])
    assert r.exit_code == 0
    assert r.stdout.splitlines()[-1].endswith("findings in the baseline not shown")
    r = CliRunner().invoke(main, ["check", "--isolated", "--profile", "audit", "--format", "json", "--baseline", str(base), export])
    doc = json.loads(r.stdout)
    assert doc["findings"] == [] and doc["summary"]["findings_in_baseline"] > 0


def test_a_baseline_that_cannot_be_written_is_one_line_after_the_output(tmp_path: Path) -> None:
    export = str(_write(tmp_path / "x.jsonl", _tickets()))
    code, rows, err = _check("--write-baseline", str(tmp_path / "no-such-dir" / "b.json"), export)
    assert code == 2 and rows[-1]["type"] == "summary" and len(_findings(rows)) > 0  # the output is all there
    assert err.strip().count("\n") == 0 and "cannot write the baseline" in err and "Traceback" not in err
