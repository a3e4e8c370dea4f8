"""A JSON Lines export of `n` small tickets in the four languages, for the tests that run -j workers."""

from __future__ import annotations

import json
from pathlib import Path

BODIES = ["The VPN crashed again. I didn't change anything.", "La impresora no funciona desde ayer.",
          "Aplikasi tidak bisa login, error terus.", "Imprimanta nu merge, nu am schimbat nimic."]


def four_language_export(tmp_path: Path, n: int, reply: str) -> Path:
    """Ticket i: a customer message in language i % 4, then `reply` (every third ticket: "Restart it.")."""
    path = tmp_path / "export.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            ticket = {"id": f"t{i}", "messages": [{"role": "customer", "body": BODIES[i % 4]},
                                                  {"role": "agent", "body": reply if i % 3 else "Restart it."}]}
            fh.write(json.dumps(ticket) + "\n")
    return path


# -- a larger export for the engines' tests (tests/test_engines_*.py) and bench/engines.py ----------
CORPUS = Path(__file__).resolve().parent.parent / "corpus"
TEAMS = ("billing", "network", "devices", "accounts")
SECRET_CARD = "4111 1111 1111 1111"
SECRET_PASSWORD = "Hunter22!Zq"


def corpus_tickets() -> list[dict[str, object]]:
    """The labelled corpus's tickets in the four languages (en, es, id, ro), tuning then held-out sets."""
    files = [CORPUS / lang / "tickets.jsonl" for lang in ("en", "es", "id", "ro")]
    files += sorted((CORPUS / "heldout").glob("*.jsonl"))
    out = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                ticket = json.loads(line)
                for label in ("expect", "expect_not", "note"):  # the corpus's labels, not ticket fields
                    ticket.pop(label, None)
                out.append(ticket)
    return out


def synthetic_tickets(n: int) -> list[dict[str, object]]:
    """`n` tickets made deterministically from the corpus: ticket i is corpus ticket i mod N, on every
    second round with its replies taken from another ticket of the same language, with its own id and
    a team. Ticket 5 carries a card number and a password (secrets that no output may show)."""
    base = corpus_tickets()
    by_language: dict[object, list[dict[str, object]]] = {}
    for t in base:
        by_language.setdefault(t.get("language"), []).append(t)
    out = []
    for i in range(n):
        t = base[i % len(base)]
        rnd = i // len(base)
        messages = list(t["messages"])  # type: ignore[call-overload]
        if rnd % 2:
            same = by_language[t.get("language")]
            other = same[(i * 7 + rnd) % len(same)]
            messages = messages[:1] + list(other["messages"])[1:]  # type: ignore[call-overload]
        ticket = {**t, "id": f"{t['id']}-{i}", "team": TEAMS[i % len(TEAMS)], "messages": messages}
        if i == 5:
            ticket["messages"] = [*messages, {"role": "customer", "body": f"My card is {SECRET_CARD} and my "
                                              f"password: {SECRET_PASSWORD} please fix it"}]
        out.append(ticket)
    return out


def parquet_schema() -> object:
    """One schema for every part file (as an export job writes them): inferred per file, a part whose
    tickets all have empty tags would say list<null>, and Spark reads a dataset by one file's schema."""
    import pyarrow as pa

    message = pa.struct([("role", pa.string()), ("author", pa.string()), ("created_at", pa.string()), ("body", pa.string())])
    return pa.schema([("id", pa.string()), ("subject", pa.string()), ("language", pa.string()),
                      ("tags", pa.list_(pa.string())), ("messages", pa.list_(message)), ("team", pa.string())])


def write_export(folder: Path, n: int, parts: int, fmt: str = "jsonl", broken: bool = True) -> list[Path]:
    """`synthetic_tickets(n)` in `parts` part files (part-00000.jsonl or .parquet) in `folder`. With
    `broken`, part 1 also holds a record that is not JSON (JSONL) and part 2 a ticket with no messages."""
    folder.mkdir(parents=True, exist_ok=True)
    tickets = synthetic_tickets(n)
    size = -(-n // parts)
    paths = []
    for p in range(parts):
        chunk: list[object] = list(tickets[p * size:(p + 1) * size])
        if broken and p == 2:
            chunk.insert(len(chunk) // 2, {"id": f"empty-{p}", "messages": []})
        path = folder / f"part-{p:05d}.{fmt}"
        if fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            pq.write_table(pa.Table.from_pylist(chunk, schema=parquet_schema()), path)  # type: ignore[arg-type]
        else:
            lines = [json.dumps(t, ensure_ascii=False) for t in chunk]
            if broken and p == 1:
                lines.insert(3, '{"id": "cut-off", "messages": [{"role": "customer", "body": "half')
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths
