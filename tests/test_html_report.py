"""The HTML report of a real run, rendered in headless Chromium (Debian's `chromium`, installed by
`make test` where missing): what is on the page, numbers that match the JSON output, a ticket's
`<script>` shown as text, nothing loaded from the network."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from ticketlint.cli import main

CHROMIUM = next((p for p in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")) if p), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium not found (make test installs Debian's chromium)")

TICKETS = [
    {"id": "H-1", "agent": "maria", "team": "tier1", "messages": [
        {"role": "customer", "author": "ana@example.com", "body": "La impresora no funciona desde ayer. No hice nada."},
        {"role": "agent", "author": "maria", "body": "<script>document.title='pwned'</script> Closed: PEBKAC."},
    ]},
    {"id": "H-2", "agent": "maria", "team": "tier2", "messages": [
        {"role": "customer", "author": "budi", "body": "Aplikasi tidak bisa login, error terus. Kenapa?"},
        {"role": "note", "author": "ion", "body": "Escalated to L2. Customer sent password: Tr0ub4dor&3 in chat."},
        {"role": "agent", "author": "ion", "body": "Ya."},
    ]},
]


def _check(path: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["check", "--isolated", "--profile", "audit", *args, str(path)])


def _chromium(*args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run([CHROMIUM, "--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars", *args],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str, dict, Path]:
    tmp = tmp_path_factory.mktemp("html")
    export = tmp / "export.jsonl"
    export.write_text("".join(json.dumps(t) + "\n" for t in TICKETS), encoding="utf-8")
    report = tmp / "report.html"
    run = _check(export, "--format", "html", "-o", str(report), "--group-by", "author,team")
    assert run.exit_code == 1, run.output
    data = json.loads(_check(export, "--format", "json", "--group-by", "author,team").stdout)
    dom = _chromium("--dump-dom", report.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    return report.read_text(encoding="utf-8"), dom.stdout, data, tmp


def _text(dom: str) -> str:
    """The page's visible text, roughly: tags out, entities decoded, spaces collapsed."""
    body = re.sub(r"<style>.*?</style>", " ", dom, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def test_page_shows_titles_and_the_json_numbers(rendered: tuple[str, str, dict, Path]) -> None:
    _, dom, data, _ = rendered
    text = _text(dom)
    for title in ("Ticket audit", "Findings per family", "Findings per rule", "Quality per agent",
                  "Quality per team", "Per language", "Findings per author", "Examples per rule"):
        assert title in text, title
    audit = data["summary"]["audit"]
    assert f"TICKETS LINTED {data['summary']['tickets_linted']}" in text.upper()
    assert f"FINDINGS {audit['findings']}" in text.upper()
    assert f"MESSAGES {audit['messages']}" in text.upper()
    for rule in audit["rules"]:  # each rule's row: code, name, count
        assert re.search(rf"{rule['code']} {re.escape(rule['name'])} .*? {rule['count']} ", text), rule
    maria = next(q for q in audit["agents"] if q["name"] == "maria")
    share = f"{100 * maria['clean_share']:.1f}%"
    assert re.search(rf"maria {maria['replies']} {maria['notes']} {re.escape(share)}", text)
    assert "<title>Ticket audit: 2 tickets</title>" in dom  # the ticket's script did not run


def test_script_in_a_ticket_is_shown_as_text(rendered: tuple[str, str, dict, Path]) -> None:
    source, dom, _, _ = rendered
    assert "<script" not in source.lower()
    assert "&lt;script&gt;document.title" in source
    assert "<script>document.title='pwned'</script>" in _text(dom)
    assert "Tr0ub4dor" not in source and "Tr0ub4dor" not in dom  # masked, as everywhere


def test_nothing_is_loaded_from_the_network(rendered: tuple[str, str, dict, Path]) -> None:
    source, _, _, _ = rendered
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", source, re.I)
    assert "@import" not in source and "url(" not in source
    assert "<link" not in source.lower() and "<img" not in source.lower()
    links = re.findall(r"""href=["']?([^"' >]+)""", source)
    # links stay inside the file (it is forwarded alone): each rule's code leads to its own section
    assert links and all(link.startswith("#rule-tl") for link in links)
    assert all(f"id='{link[1:]}'" in source for link in links)
    assert "Offsets (line, column) refer to the text that was linted" in source


def test_screenshot(rendered: tuple[str, str, dict, Path]) -> None:
    _, _, _, tmp = rendered
    shot = tmp / "report.png"
    run = _chromium("--window-size=1280,2400", f"--screenshot={shot}", (tmp / "report.html").as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
