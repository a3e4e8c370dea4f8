"""Batch runs: read every input, lint every ticket, stream to a formatter.

Counts what it read so that nothing is lost: every ticket read is either
linted or reported unreadable. With `jobs > 1` tickets are linted in worker
processes of our own (spaCy's `n_process` was measured slower here); each
worker builds its Linter once.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .config import Config
from .engine import InputError, Linter
from .formatters.base import Formatter
from .model import Finding, ReadError, Role, Severity, Summary, Ticket
from .readers import Item, read_source
from .textutil import line_of

SUFFIXES = {".json", ".jsonl", ".ndjson", ".txt", ".eml", ".md"}


@dataclass(frozen=True, slots=True)
class RunResult:
    summary: Summary
    worst: Severity | None  # highest severity among reported findings
    input_errors: int  # unreadable files + tickets


def expand_paths(paths: Iterable[str]) -> list[str]:
    """Files to read: directories are walked for ticket and text files, sorted."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if p != "-" and path.is_dir():
            out += sorted(str(f) for f in path.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
        else:
            out.append(p)
    return out


def _items(paths: Iterable[str], fmt: str, role: Role) -> Iterator[Item]:
    for path in expand_paths(paths):
        yield from read_source(path, fmt=fmt, role=role)


_WORKER: Linter | None = None


def _init_worker(config: Config) -> None:
    global _WORKER
    _WORKER = Linter(config)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What linting one ticket gave: findings with their context lines, or why it could not be linted."""

    found: list[tuple[Finding, str]]
    problem: str | None = None  # the ticket could not be linted (too large...)
    failures: tuple[str, ...] = ()  # rules that raised on this ticket


def lint_for_output(linter: Linter, ticket: Ticket, plain: bool) -> Outcome:
    """Findings of one ticket, each with the line it is on, ready for a formatter."""
    try:
        findings = linter.lint_ticket(ticket, plain=plain)
    except InputError as exc:
        return Outcome([], str(exc))
    failures = tuple(f"rule {f.code} failed on this ticket ({f.error}); please report it" for f in linter.failures)
    linter.failures.clear()
    secrets = [f for f in findings if f.redacted]
    return Outcome([(f, context_line(ticket, f, secrets)) for f in findings], None, failures)


def context_line(ticket: Ticket, f: Finding, secrets: Sequence[Finding] = ()) -> str:
    """The line a finding is on, with every redacted span on it (this finding's and any
    other's: a line may hold a password and a card number) replaced by its excerpt."""
    body = ticket.messages[f.message_index].body
    line, begin = line_of(body, f.span.start)
    stop = begin + len(line)
    hidden = [s for s in (*secrets, f) if s.redacted and s.message_index == f.message_index
              and s.span.start < stop and s.span.end > begin]
    for s in sorted(set(hidden), key=lambda s: s.span.start, reverse=True):
        a, b = max(s.span.start, begin) - begin, min(s.span.end, stop) - begin
        shown = s.excerpt if s.span.start >= begin else "*" * (b - a)
        line = line[:a] + shown + line[b:]
    return line


def _lint_in_worker(arg: tuple[Ticket, bool]) -> Outcome:
    assert _WORKER is not None
    return lint_for_output(_WORKER, *arg)


GROUP_FIELDS = ("agent", "team", "group", "channel", "status", "priority", "language", "source")


def group_of(ticket: Ticket, field: str) -> str:
    """The value of a --group-by field for a ticket ("(none)" when the export lacks it)."""
    if field == "source":
        return ticket.source
    if field == "language":
        return ticket.language or "(auto)"
    return dict(ticket.extra).get(field) or "(none)"


def run(paths: list[str], config: Config, formatter: Formatter, *, fmt: str = "auto", jobs: int = 1,
        group_by: str | None = None) -> RunResult:
    linter = Linter(config)  # validates config and selection before reading anything
    read = linted = unreadable = files_bad = 0
    by_code: Counter[str] = Counter()
    by_sev: Counter[Severity] = Counter()
    group_tickets: Counter[str] = Counter()
    by_group: Counter[tuple[str, str]] = Counter()
    worst: Severity | None = None
    formatter.start()

    pending: deque[Ticket] = deque()
    pool = mp.get_context("fork").Pool(jobs, initializer=_init_worker, initargs=(config,)) if jobs > 1 else None

    def tickets() -> Iterator[tuple[Ticket, bool]]:
        nonlocal read, unreadable, files_bad
        for item in _items(paths, fmt, config.role):
            if item.error is not None:
                if item.fatal:
                    files_bad += 1
                else:
                    read += 1
                    unreadable += 1
                formatter.error(item.error)
                continue
            assert item.ticket is not None
            read += 1
            pending.append(item.ticket)
            yield item.ticket, item.plain

    try:
        if pool is not None:
            outcomes: Iterable[Outcome] = pool.imap(_lint_in_worker, tickets(), chunksize=32)
        else:
            outcomes = (lint_for_output(linter, t, plain) for t, plain in tickets())
        for outcome in outcomes:
            ticket = pending.popleft()
            if outcome.problem is not None:
                unreadable += 1
                formatter.error(ReadError(ticket.source, ticket.line, outcome.problem, ticket.id))
                continue
            linted += 1
            group = group_of(ticket, group_by) if group_by else ""
            if group_by:
                group_tickets[group] += 1
            for text in outcome.failures:
                formatter.error(ReadError(ticket.source, ticket.line, text, ticket.id))
            for finding, line_text in outcome.found:
                by_code[finding.code] += 1
                if group_by:
                    by_group[(group, finding.code)] += 1
                by_sev[finding.severity] += 1
                worst = finding.severity if worst is None else max(worst, finding.severity)
                formatter.finding(finding, line_text)
    finally:
        if pool is not None:
            pool.close()
            pool.join()

    summary = Summary(
        tickets_read=read,
        tickets_linted=linted,
        tickets_unreadable=unreadable,
        files_unreadable=files_bad,
        by_code=tuple(sorted(by_code.items())),
        by_severity=tuple((s.label, by_sev[s]) for s in sorted(by_sev, reverse=True)),
        group_by=group_by,
        group_tickets=tuple(sorted(group_tickets.items())),
        by_group=tuple(sorted((g, c, n) for (g, c), n in by_group.items())),
    )
    formatter.stop(summary)
    return RunResult(summary, worst, unreadable + files_bad)
