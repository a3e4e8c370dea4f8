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
