"""The text formatter's fast path (no terminal) writes byte for byte what its rich path writes."""

from __future__ import annotations

import io
import random

from ticketlint.formatters.text import TextFormatter
from ticketlint.model import Finding, Severity, Span

_PIECES = ["abc", " ", "\t", "\t\t", "日本語", "é", "e\u0301", "\x1b[2J", "\u202e", "\ud800", "x" * 90, "  ", "🙂",
           "\r", "\x07", "[bold]", ":smile:", "ñ", "\u200b", "  \t "]


def _finding(rng: random.Random, line: str) -> Finding:
    start = rng.randrange(0, max(1, len(line)))
    end = min(len(line), start + rng.randrange(0, 12))
    return Finding(ticket_id=rng.choice(["T-1", "a\tb", "x\x1by", "-"]), message_index=rng.randrange(3), code="TL101",
                   name="missing-error-code", severity=rng.choice(list(Severity)),
                   message=rng.choice(["'crashed' reports\ta failure", "plain", "日本\t語"]), span=Span(start, end),
                   line=1, column=start + 1, excerpt=line[start:end], source=rng.choice(["export.jsonl", "dir/\tx.json"]),
                   suggestion=rng.choice([None, "Ask\tfor the code.", "[red]x[/red]"]))


def _render(f: Finding, line: str, plain: bool) -> str:
    buf = io.StringIO()
    fmt = TextFormatter(buf, color=False)
    fmt.start()
    assert fmt.console.color_system is None  # not a terminal: the fast path is the one taken
    (fmt._plain_finding if plain else fmt._rich_finding)(f, line)
    return buf.getvalue()


def test_the_plain_path_writes_what_rich_writes() -> None:
    rng = random.Random(7)
    for _ in range(600):
        line = "".join(rng.choice(_PIECES) for _ in range(rng.randrange(0, 30)))
        f = _finding(rng, line)
        assert _render(f, line, True) == _render(f, line, False), (f, line)


def test_a_long_line_is_cut_around_the_finding_the_same_way() -> None:
    line = "\t".join(["word"] * 120)
    f = Finding(ticket_id="T", message_index=0, code="TL201", name="unexplained-jargon", severity=Severity.WARNING,
                message="m", span=Span(300, 304), line=1, column=301, excerpt=line[300:304], source="s.jsonl")
    assert _render(f, line, True) == _render(f, line, False)


def test_the_summary_and_file_lines_are_written_as_rich_writes_them() -> None:
    from rich.text import Text

    from ticketlint.formatters.escape import printable

    rng = random.Random(11)
    for _ in range(300):
        text = printable("".join(rng.choice(_PIECES) for _ in range(rng.randrange(0, 30))))
        plain, rich = io.StringIO(), io.StringIO()
        TextFormatter(plain, color=False)._line(text, style="bold")
        fmt = TextFormatter(rich, color=False)
        fmt.start()
        fmt._print(Text(text, style="bold"))
        assert plain.getvalue() == rich.getvalue(), text
