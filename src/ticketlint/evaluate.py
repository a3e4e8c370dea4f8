"""Precision and recall of every rule, per language, against labelled tickets.

A labelled ticket is a ticket in ticketlint's JSON format with two extra
keys: `expect` (codes that must fire somewhere in the ticket) and
`expect_not` (codes that must not). A code in neither list is unlabelled for
that ticket and does not count. Scoring is per ticket, not per span: the
question a supervisor asks is "did the linter flag this ticket for this
reason", and span-level labels would tie the corpus to one implementation.

The evaluation runs every rule (profile-independent, all severities) with the
default options, so the numbers describe the shipped defaults.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .config import Config
from .engine import InputError, Linter, RuleError
from .model import LANGUAGES, Ticket
from .readers.ticket_json import TicketFormatError, ticket_from_dict


class EvalError(Exception):
    """A labelled file that cannot be used; the message names file and line."""


@dataclass(frozen=True, slots=True)
class Cell:
    """Counts for one rule in one language."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def support(self) -> int:
        return self.tp + self.fp + self.fn + self.tn


@dataclass(frozen=True, slots=True)
class Miss:
    """One wrong decision, for the report's error list."""

    code: str
    lang: str
    ticket_id: str
    kind: str  # "false positive" | "false negative"
    where: str  # file:line
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Report:
    cells: dict[tuple[str, str], Cell]
    misses: tuple[Miss, ...]
    tickets: int
    errors: tuple[str, ...] = field(default_factory=tuple)

    def codes(self) -> list[str]:
        return sorted({c for c, _ in self.cells})

    def languages(self) -> list[str]:
        present = {lang for _, lang in self.cells}
        return [lang for lang in LANGUAGES if lang in present] + sorted(present - set(LANGUAGES))

    def below(self, min_precision: float | None, min_recall: float | None) -> list[str]:
        """Cells under the targets (cells with no positives/predictions are not judged)."""
        out: list[str] = []
        for (code, lang), cell in sorted(self.cells.items()):
            p, r = cell.precision, cell.recall
            if min_precision is not None and p is not None and p < min_precision:
                out.append(f"{code} {lang}: precision {p:.2f} < {min_precision}")
            if min_recall is not None and r is not None and r < min_recall:
                out.append(f"{code} {lang}: recall {r:.2f} < {min_recall}")
        return out


@dataclass(frozen=True, slots=True)
class Labelled:
    ticket: Ticket
    expect: frozenset[str]
    expect_not: frozenset[str]
    where: str


def _files(paths: Iterable[str]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out += sorted(f for f in path.rglob("*") if f.suffix in {".jsonl", ".json"})
        elif path.exists():
            out.append(path)
        else:
            raise EvalError(f"{p}: no such file or directory")
    return out


def _codes(obj: dict[str, Any], key: str, where: str) -> frozenset[str]:
    value = obj.get(key, [])
    if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
        raise EvalError(f"{where}: '{key}' must be a list of rule codes")
    return frozenset(value)


def _parse(text: str, where: str, whole_file: bool = False) -> object:
    """One JSON value; any problem is one EvalError naming `where` (file:line, or the file, whose
    line the decoder then gives)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        line = f":{exc.lineno}" if whole_file else ""
        raise EvalError(f"{where}{line}: invalid JSON ({exc.msg})") from None
    except (ValueError, RecursionError) as exc:  # a number of 5,000 digits, nesting 100,000 deep
        raise EvalError(f"{where}: invalid JSON ({'nested too deeply' if isinstance(exc, RecursionError) else exc})") from None


def _labelled_rows(path: Path) -> Sequence[tuple[int, object]]:
    """(line, object) pairs of a labelled file; any problem is one EvalError naming the file and line."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise EvalError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise EvalError(f"{path}:{line}: invalid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8") from None
    if path.suffix == ".json":
        parsed = _parse(text, str(path), whole_file=True)
        return [(i + 1, o) for i, o in enumerate(parsed if isinstance(parsed, list) else [parsed])]
    return [(n, _parse(line, f"{path}:{n}")) for n, line in enumerate(text.splitlines(), 1) if line.strip()]


def load_labelled(paths: Iterable[str]) -> Iterator[Labelled]:
    """Labelled tickets from JSONL files (or JSON arrays), in file order."""
    for path in _files(paths):
        for n, obj in _labelled_rows(path):
            where = f"{path}:{n}"
            if not isinstance(obj, dict):
                raise EvalError(f"{where}: a labelled ticket must be a JSON object")
            try:
                ticket = ticket_from_dict(obj, str(path), n)
            except TicketFormatError as exc:
                raise EvalError(f"{where}: {exc}") from None
            expect, expect_not = _codes(obj, "expect", where), _codes(obj, "expect_not", where)
            if expect & expect_not:
                raise EvalError(f"{where}: {', '.join(sorted(expect & expect_not))} both expected and not expected")
            yield Labelled(ticket, expect, expect_not, where)


def _language(item: Labelled) -> str:
    if item.ticket.language:
        return item.ticket.language
    parent = Path(item.where.rsplit(":", 1)[0]).parent.name
    return parent if parent in LANGUAGES else "?"


def evaluate(paths: Iterable[str], select: Sequence[str] | None = None) -> Report:
    """Lint every labelled ticket with all rules and count agreements per rule x language."""
    # every rule scored by itself: a finding reported under another rule's (overlap.py) still counts
    linter = Linter(Config(select=tuple(select) if select else ("ALL",), report_overlaps=True))
    known = {r.meta.code for r in linter.rules}
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    misses: list[Miss] = []
    errors: list[str] = []
    n = 0
    for item in load_labelled(paths):
        n += 1
        unknown = (item.expect | item.expect_not) - {r.meta.code for r in linter.registry}
        if unknown:
            errors.append(f"{item.where}: unknown rule code(s) {', '.join(sorted(unknown))}")
            continue
        try:
            findings = linter.lint_ticket(item.ticket)
        except (InputError, RuleError) as exc:
            errors.append(f"{item.where}: {exc}")
            continue
        fired: dict[str, str] = {}
        for f in findings:
            fired.setdefault(f.code, f"{f.message_index}:{f.line}:{f.column} {f.message}")
        lang = _language(item)
        for code in sorted((item.expect | item.expect_not) & known):
            c = counts[(code, lang)]
            hit = code in fired
            if code in item.expect:
                c[0 if hit else 2] += 1
                if not hit:
                    misses.append(Miss(code, lang, item.ticket.id, "false negative", item.where))
            else:
                c[1 if hit else 3] += 1
                if hit:
                    misses.append(Miss(code, lang, item.ticket.id, "false positive", item.where, fired[code]))
    if n == 0:
        raise EvalError("no labelled tickets found in " + ", ".join(str(p) for p in paths))
    cells = {k: Cell(*v) for k, v in counts.items()}
    return Report(cells=cells, misses=tuple(misses), tickets=n, errors=tuple(errors))


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}"


def _rows(report: Report) -> list[list[str]]:
    rows = []
    for code in report.codes():
        for lang in report.languages():
            cell = report.cells.get((code, lang))
            if cell is None:
                continue
            rows.append(_row(code, lang, cell))
        cells = [c for (k, _), c in report.cells.items() if k == code]
        if len(cells) > 1:
            total = Cell(*(sum(getattr(c, f) for c in cells) for f in ("tp", "fp", "fn", "tn")))
            rows.append(_row(code, "all", total))
    return rows


def _row(code: str, lang: str, cell: Cell) -> list[str]:
    return [code, lang, _fmt(cell.precision), _fmt(cell.recall), str(cell.tp), str(cell.fp), str(cell.fn), str(cell.tn)]


HEADER = ["rule", "lang", "precision", "recall", "tp", "fp", "fn", "tn"]


def render_table(report: Report, fmt: str = "text") -> str:
    """The report as an aligned text table, Markdown, or JSON."""
    rows = _rows(report)
    if fmt == "json":
        return json.dumps({
            "tickets": report.tickets,
            "cells": [dict(zip(HEADER, r)) for r in rows],
            "misses": [asdict(m) for m in report.misses],
            "errors": list(report.errors),
        }, ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(lines) + "\n"
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(HEADER)]
    out = ["  ".join(h.ljust(w) for h, w in zip(HEADER, widths))]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows]
    out.append(f"\n{report.tickets} labelled tickets; {len(report.misses)} wrong decisions")
    for m in report.misses:
        out.append(f"  {m.kind}: {m.code} [{m.lang}] {m.ticket_id} ({m.where}){'  ' + m.detail if m.detail else ''}")
    for e in report.errors:
        out.append(f"error: {e}")
    return "\n".join(out) + "\n"
