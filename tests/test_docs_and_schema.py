"""Docs come from metadata and stay in sync; the shipped JSON Schema matches the reader."""

from __future__ import annotations

import importlib.resources
import json
from pathlib import Path

from ticketlint.model import LANGUAGES, Role
from ticketlint.readers.ticket_json import EXTRA_FIELDS
from ticketlint.ruledoc import render_all

ROOT = Path(__file__).resolve().parents[1]


def test_docs_rules_md_is_generated_from_metadata() -> None:
    on_disk = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert on_disk == render_all(), "docs/rules.md is stale: run `python -m ticketlint.ruledoc > docs/rules.md`"


def _schema() -> dict:
    return json.loads((importlib.resources.files("ticketlint") / "schema" / "ticket.schema.json").read_text("utf-8"))


def test_schema_is_shipped_and_matches_the_reader() -> None:
    schema = _schema()
    msg = schema["properties"]["messages"]["items"]
    assert set(msg["properties"]["role"]["enum"]) == {r.value for r in Role}
    assert set(msg["properties"]["language"]["enum"]) == set(LANGUAGES)
    assert set(schema["properties"]["language"]["enum"]) == set(LANGUAGES) | {"auto"}
    assert set(EXTRA_FIELDS) <= set(schema["properties"])
    assert schema["required"] == ["messages"] and msg["required"] == ["role", "body"]


def test_every_corpus_ticket_follows_the_schema_shape() -> None:
    """The bundled corpus is read without errors and uses only documented fields."""
    from ticketlint.readers import read_source

    known = set(_schema()["properties"])
    files = sorted((ROOT / "corpus").rglob("*.jsonl"))
    assert files, "no corpus files"
    for path in files:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                assert set(json.loads(line)) <= known, f"{path}:{n}: undocumented field"
        items = list(read_source(str(path)))
        assert items and all(it.error is None for it in items), [it.error for it in items if it.error]
