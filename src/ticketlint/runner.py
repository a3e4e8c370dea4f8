"""Batch runs: read every input, lint every ticket, stream to a formatter.

Counts what it read so that nothing is lost: every ticket read is either
linted or reported unreadable, and a directory that cannot be listed is
reported, not skipped. With `jobs > 1` (or AUTO on a large input) tickets are
linted in batches in worker processes of our own; the parent builds and warms
one Linter (every pack compiled, every language's data read) and the workers
inherit it through fork, so none compiles anything again. A worker that dies is reported with the tickets it held;
Ctrl-C or a closed output pipe stops the workers at once.
"""

from __future__ import annotations

import gc
import os
import signal
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import chain, islice
from typing import TYPE_CHECKING

from . import recache
from .audit import Audit
from .baseline import Baseline, Matcher
from .baseline import Writer as BaselineWriter
from .config import Config
from .engine import InputError, Linter
from .formatters.base import Formatter
from .frozen import fast_init
from .locate import Origin, locate
from .model import Finding, PartialRead, ReadError, RuleFailure, Said, Severity, Summary, Ticket, said
from .overlap import expand
from .paths import PathRules
from .readers import Inputs, Item, read_source
from .readers.csvmap import CsvMapping
from .readers.detect import Sides, is_side_file
from .since import TimestampError, window
from .textutil import line_of

if TYPE_CHECKING:
    from concurrent.futures import Future

SUFFIXES = {".json", ".jsonl", ".ndjson", ".txt", ".eml", ".md", ".csv", ".tsv"}


def _wanted(name: str) -> bool:
    """A file a directory walk reads: a ticket, text or CSV file, gzip'd or not, but not a users export
    (read as side data beside the export, see readers.detect.is_side_file)."""
    lower = name.lower()
    if is_side_file(lower):
        return False
    stem, ext = os.path.splitext(lower)
    if ext == ".gz":
        ext = os.path.splitext(stem)[1]
    return ext in SUFFIXES
BATCH = 32  # tickets of the first batches sent to a worker; later batches grow to MAX_BATCH
# Fewer hand-offs (each wakes three threads of the parent and pickles a batch each way; measured with
# bench/jobs.py --split: the parent's CPU after the fork 0.26-0.32 s against 0.35-0.39 s with batches
# of 32, 5,000 threads), while the last batch stays short and a dead worker loses at most a few hundred
MAX_BATCH = 128
# Batches per worker that may be done and wait for an older, slower one to be output (_Pool.map): a worker
# runs ahead of a slow batch of its neighbour instead of waiting idle for it (bench/README.md, round twelve)
AHEAD = 8
AUTO = 0  # `jobs`: one worker per available core, when the input is large enough that forking pays
# `jobs = auto` starts workers only past either size, read ahead before anything is linted: below it,
# forking and the pool cost more than a second core saves (measured: bench/jobs.py, CHANGELOG "perf9")
AUTO_MIN_TICKETS = 1000
AUTO_MIN_CHARS = 400_000  # characters of message text: a few hundred long e-mail threads


@dataclass(frozen=True, slots=True)
class RunResult:
    summary: Summary
    worst: Severity | None  # highest severity among reported findings
    input_errors: int  # unreadable files + tickets, and tickets not fully linted
    rule_failures: int = 0  # rules that raised on a ticket (each reported as a RuleFailure): exit 2
    internal_errors: int = 0  # tickets lost to a dead worker process: a fault of ticketlint itself, exit 3


@fast_init
@dataclass(frozen=True, slots=True)
class Outcome:
    """What linting one ticket gave: findings with their context lines, or why it could not be linted."""

    found: list[tuple[Finding, str]]
    problem: Said | str | None = None  # the ticket could not be linted (too large...)
    failures: tuple[RuleFailure, ...] = ()  # rules that raised on this ticket
    skipped: tuple[str, ...] = ()  # rules not run: the time budget ran out
    languages: tuple[str, ...] = ()  # each message's language, as detected (for the audit)
    side_remarks: frozenset[int] = frozenset()  # agent messages that are no reply to the customer (for the audit)


def lint_for_output(linter: Linter, ticket: Ticket, plain: bool) -> Outcome:
    """Findings of one ticket, each with the line it is on (secrets masked), ready for a formatter."""
    try:
        linted = linter.lint(ticket, plain=plain)
    except InputError as exc:
        return Outcome([], exc.said)
    # Every rule's finding by itself, each with its own line: the runner filters them per rule
    # (per-file-ignores, --baseline) and then reports one per problem (overlap.py).
    found = [(f, line_of(linted.shown[f.message_index], f.span.start)[0]) for f in expand(linted.findings)]
    return Outcome(found, None, linted.failures, linted.skipped, linted.languages, linted.side_remarks)


def expand_paths(paths: Iterable[str], rules: PathRules | None = None,
                 wanted: Callable[[str], bool] = _wanted) -> Iterator[str | ReadError]:
    """Files to read: directories are walked for ticket and text files, sorted.

    A sub-directory that cannot be listed, or a link that leads nowhere, is a
    `ReadError`: "0 read, exit 0" for a folder ticketlint could not open would
    let a gate pass on nothing. `rules.exclude` (and the built-in excludes:
    .git, .venv, node_modules...) prune the walks; paths named on the command
    line are left out only with `force_exclude`, as ruff does, so that a file
    named on purpose is linted. `wanted` picks the files of a walk by name (the engines add Parquet).
    """
    rules = rules if rules is not None else PathRules()
    for p in paths:
        if p != "-" and rules.force_exclude and rules.excluded(p):
            continue
        if p == "-" or not os.path.isdir(p):
            yield p
            continue
        found: list[str] = []
        problems: list[ReadError] = []

        def onerror(exc: OSError, problems: list[ReadError] = problems, p: str = p) -> None:
            problems.append(ReadError(exc.filename or p, None, said("read.cannot_dir", reason=str(exc.strerror or exc))))

        left_out = 0
        for folder, dirs, files in os.walk(p, onerror=onerror):
            kept = sorted(d for d in dirs if not rules.excluded(os.path.join(folder, d), walked=True))
            left_out += len(dirs) - len(kept)
            dirs[:] = kept
            for name in files:
                full = os.path.join(folder, name)
                if not wanted(name):
                    continue
                if rules.excluded(full, walked=True):
                    left_out += 1
                    continue
                if not os.path.exists(full):
                    problems.append(ReadError(full, None, said("read.broken_link")))
                else:
                    found.append(full)
        if not found and not problems:  # a gate pointed at the wrong folder must not pass on nothing
            suffixes = ", ".join(sorted(SUFFIXES))
            problems.append(ReadError(p, None, said("read.no_files_excluded", suffixes=suffixes, n=left_out)
                                      if left_out else said("read.no_files", suffixes=suffixes)))
        yield from problems
        yield from sorted(found)


def _items(paths: Iterable[str], inputs: Inputs, rules: PathRules | None = None) -> Iterator[Item]:
    for path in expand_paths(paths, rules):
        if isinstance(path, ReadError):
            yield Item(error=path, fatal=True)
            continue
        if rules is not None and rules.roles:  # the role of a plain-text file, by glob (config `roles`)
            named = (inputs.name or "") if path == "-" else path
            role = rules.role(named, inputs.role) if named else inputs.role
            if role is not inputs.role:
                yield from read_source(path, inputs=replace(inputs, role=role))
                continue
        yield from read_source(path, inputs=inputs)


_WORKER: Linter | None = None
Batch = list[tuple[Ticket, bool]]


def _init_worker(linter: Linter | None, config: Config) -> None:
    """Use the parent's Linter, inherited through fork with every pattern already compiled
    (`warm`); build one only when the start method could not inherit it."""
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the workers
    if hasattr(signal, "pthread_sigmask"):  # forked with SIGINT held (_sigint_held): one held meanwhile is dropped
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _WORKER = linter if linter is not None else Linter(config)
    # What a worker compiles that the warm-up did not (a pattern only some text reaches) is written to the regex
    # cache when the worker exits, as `-j 1` writes it at its own exit: a forked process ends without `atexit`,
    # so with only parallel runs those patterns were compiled again by every worker of every run (~0.3 s of each
    # worker's CPU on 2,000 IRC threads; bench/README.md, round fifteen). `save` merges with the file and writes
    # it whole (atomic), only when the worker compiled something new; a worker killed saves nothing.
    from multiprocessing import util

    recache.forked()
    util.Finalize(None, recache.save, exitpriority=0)


@contextmanager
def _sigint_held() -> Iterator[None]:
    """SIGINT held back (blocked, not lost) while this thread forks the workers and starts the pool's threads.

    A child starts with the parent's handler, which raises KeyboardInterrupt, until `_init_worker` ignores
    SIGINT: a Ctrl-C to the process group in between printed each worker's traceback. Forked with SIGINT
    blocked, a worker drops it when it ignores it; this process gets it when the block ends, and the
    pool's threads, started inside, keep it blocked so that it always reaches the main thread."""
    if not hasattr(signal, "pthread_sigmask"):  # not POSIX: there is no fork either
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def warm(linter: Linter) -> None:
    """Build what a Linter builds lazily (compiled phrase packs, language data) for every language,
    by linting a short thread once per language: done in the parent before forking, the workers inherit
    it instead of each compiling it again (measured: ~7 s of CPU per process with the audit profile)."""
    from .engine import _PROBE
    from .model import LANGUAGES, Message

    for lang in LANGUAGES:
        messages = tuple(Message(role=role, body=body, language=lang) for role, body in _PROBE)
        try:
            linter.lint(Ticket(id="warm-up", messages=messages))
        except Exception:  # noqa: BLE001 - a rule that fails here fails (and is reported) on real tickets
            pass
    for rule in linter.rules:  # what the short thread does not reach (TL203's textstat: BaseRule.warm)
        warm_rule = getattr(rule, "warm", None)  # a plugin need not derive from BaseRule
        if callable(warm_rule):
            try:
                warm_rule()
            except Exception:  # noqa: BLE001 - as above: the rule then builds it lazily, or fails on real tickets
                pass


def _lint_batch(batch: Batch) -> list[Outcome]:
    assert _WORKER is not None
    return [lint_for_output(_WORKER, t, plain) for t, plain in batch]


class _Pool:
    """Worker processes linting batches in order, with a bounded number in flight.

    Built on `concurrent.futures` rather than `multiprocessing.Pool`: a worker
    killed by the OS (out of memory, a signal) fails the batches in flight with
    `BrokenProcessPool` instead of hanging the run forever. Those tickets are
    reported as not linted; the batches after them are handed back (None) to
    be linted in the calling process.
    """

    def __init__(self, jobs: int, config: Config, linter: Linter | None = None) -> None:
        # Imported here: multiprocessing and concurrent.futures cost 40 ms of every start, and one job needs neither
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        # fork: the workers inherit `linter` (warmed) as it is in memory; initargs are not pickled
        self.executor = ProcessPoolExecutor(jobs, mp_context=mp.get_context("fork"), initializer=_init_worker,
                                            initargs=(linter, config))
        self.depth = jobs * 2  # batches handed to the workers and not done: what a dead worker can lose
        self.ahead = jobs * AHEAD  # batches done out of turn that may wait for the one before them
        self.broken: Said | None = None
        self.started = False  # the workers are forked (by the first submit)

    def map(self, batches: Iterator[Batch]) -> Iterator[tuple[Batch, list[Outcome] | Said | None]]:
        """(batch, result) in input order: outcomes, an error text (its worker died), or None (lint it yourself).

        At most `depth` batches are handed to the workers and not done yet (a dead worker loses at most
        those); a batch done out of turn waits here, up to `ahead` of them, while the workers go on. The
        batches' costs differ tenfold (a few long threads): handing over only when the oldest batch was
        taken left the other worker idle behind a slow batch (measured, 20,000 IRC threads, two
        workers: ~2.2 s of each worker's ~11 s between batches with four in flight; bench/README.md,
        round twelve)."""
        from concurrent.futures.process import BrokenProcessPool

        window: deque[tuple[Batch, Future[list[Outcome]]]] = deque()
        for batch in batches:
            if self.broken is None:
                try:
                    if self.started:
                        window.append((batch, self.executor.submit(_lint_batch, batch)))
                    else:
                        with _sigint_held():  # the first submit forks the workers
                            window.append((batch, self.executor.submit(_lint_batch, batch)))
                        self.started = True
                except BrokenProcessPool as exc:
                    self.broken = _died(exc)
            if self.broken is not None:
                while window:
                    yield self._take(window)
                yield batch, None
                continue
            while window and not self._room(window):
                if window[0][1].done():
                    yield self._take(window)
                elif not self._wait_any(window) and self._breaking():
                    break  # the next batch (or the end) takes what the window holds, each result or the error
        while window:
            yield self._take(window)

    def _room(self, window: deque[tuple[Batch, "Future[list[Outcome]]"]]) -> bool:
        """Whether another batch may be handed over: fewer than `depth` not done, fewer than `ahead` untaken."""
        if len(window) >= self.ahead:
            return False
        busy = 0
        for _, future in window:
            busy += not future.done()
        return busy < self.depth

    @staticmethod
    def _wait_any(window: deque[tuple[Batch, "Future[list[Outcome]]"]]) -> bool:
        """Wait until one more batch of the window is done (True), or half a second (False: then ask
        `_breaking`, as `_take` does)."""
        from concurrent.futures import FIRST_COMPLETED, wait

        done, _ = wait([future for _, future in window if not future.done()], timeout=0.5,
                       return_when=FIRST_COMPLETED)
        return bool(done)

    def _take(self, window: deque[tuple[Batch, "Future[list[Outcome]]"]]) -> tuple[Batch, list[Outcome] | Said]:
        from concurrent.futures.process import BrokenProcessPool

        batch, future = window.popleft()
        while True:
            try:
                return batch, future.result(timeout=0.5)
            except TimeoutError:
                if self._breaking():
                    assert self.broken is not None
                    return batch, self.broken
            except BrokenProcessPool as exc:
                self.broken = self.broken or _died(exc)
                return batch, self.broken

    def _breaking(self) -> bool:
        """Whether the pool is broken though no future says so (then `broken` is set): asked after waiting
        half a second for a batch."""
        from concurrent.futures.process import BrokenProcessPool

        # Python 3.11 can lose a batch submitted while the pool was breaking: it is never
        # failed, and result() would wait forever. The executor's own flag tells.
        if getattr(self.executor, "_broken", False):
            self.broken = self.broken or _died(BrokenProcessPool(self.executor._broken))
            return True
        # A worker that died half-way through sending its result (killed by the OS, out of memory)
        # leaves part of a message in the result pipe and the pipe's write lock held: the executor's
        # manager thread waits for the rest of that message and never sees the death, no result of
        # the other workers can be sent, and this batch would wait forever. Workers of this pool
        # exit only when it shuts down, so one that has exited is dead: the pool is broken.
        if self._a_worker_died():
            self.broken = self.broken or _died(BrokenProcessPool("a worker process exited"))
            return True
        return False

    def _a_worker_died(self) -> bool:
        processes = getattr(self.executor, "_processes", None) or {}
        return any(proc.exitcode is not None for proc in list(processes.values()))

    def close(self, *, kill: bool = False) -> None:
        if kill or self.broken:
            # A worker killed half-way through writing its result (3.11 writes a result of more than 16 KiB
            # as its length, then its bytes) leaves part of a message in the result pipe; the executor's
            # manager thread then reads on, waiting for the rest, and shutdown() below joins that thread.
            # The rest never comes, and neither does end-of-file while this process holds the pipe's write
            # end too (a copy it never writes with): close it, and once the killed workers are gone the
            # read ends, the pool breaks and shuts down. Measured: Ctrl-C during `-j 2` hung 4 runs in 400 (CPU
            # load beside it), all here; none in 400 with this.
            results = getattr(self.executor, "_result_queue", None)
            writer = getattr(results, "_writer", None)
            if writer is not None:
                writer.close()
            # Python 3.11 joins the surviving workers of a broken pool, which may wait
            # forever on a queue lock the dead one held: stop them first.
            for proc in list((getattr(self.executor, "_processes", None) or {}).values()):
                proc.kill()
        self.executor.shutdown(wait=True, cancel_futures=True)


def _died(exc: BaseException) -> Said:
    """What a ticket whose worker died says: the pool's own reason as written, or "killed"."""
    return said("read.worker_died_ticket", reason=str(exc) if str(exc) else said("reason.killed"))


def _batches(tickets: Iterator[tuple[Ticket, bool]]) -> Iterator[Batch]:
    """Batches of BATCH tickets, then twice as many each time up to MAX_BATCH: the workers start on
    small ones at once, and a long run sends few (each hand-off costs both processes some CPU)."""
    size = BATCH
    while batch := list(islice(tickets, size)):
        yield batch
        size = min(size * 2, MAX_BATCH)


def _per_file_ignores(linter: Linter, config: Config) -> Callable[[str], frozenset[str]]:
    """The codes `per-file-ignores` leaves out, per source file (resolved once per file).

    Every selector is resolved now, before anything is read: an unknown code
    under a glob is a configuration error naming the key, not a silent no-op.
    """
    from .config import ConfigError
    from .registry import SelectionError

    rules = config.paths
    resolved: dict[str, frozenset[str]] = {}
    for glob, selectors in rules.per_file_ignores:
        for i, sel in enumerate(selectors):
            try:
                resolved[sel] = frozenset(linter.registry.resolve(sel))
            except SelectionError as exc:
                raise ConfigError.of(exc, config.source or "<config>", f"per-file-ignores.\"{glob.text}\"[{i}]") from None
    cache: dict[str, frozenset[str]] = {}

    def codes(source: str) -> frozenset[str]:
        if not rules.per_file_ignores:
            return frozenset()
        found = cache.get(source)
        if found is None:
            found = cache[source] = frozenset().union(*(resolved[s] for s in rules.ignored(source)))
        return found
    return codes


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity, as `os.process_cpu_count` of Python 3.13)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def effective_jobs(jobs: int) -> int:
    """Worker processes actually started: never more than the machine's cores; AUTO: one per available core."""
    if jobs == AUTO:
        return available_cores()
    return max(1, min(jobs, os.cpu_count() or 1))


def _read_ahead(stream: Iterator[tuple[Ticket, bool]], jobs: int, paths: list[str]) -> tuple[list[tuple[Ticket, bool]], int]:
    """The tickets read before deciding, and the worker processes to start (1: lint here).

    An explicit `jobs` > 1 starts workers past two batches (64 tickets). AUTO reads on until the input
    is large (AUTO_MIN_TICKETS or AUTO_MIN_CHARS) or ends: a few files (pre-commit), a short export
    or a single ticket are linted in this process, with no fork and no pool; standard input too (an
    editor, or a pipe whose size is not known)."""
    workers = effective_jobs(jobs)
    if jobs != AUTO:
        first = list(islice(stream, BATCH * 2))
        return first, workers if len(first) >= BATCH * 2 else 1  # a small input is linted here: forking costs more
    if workers == 1 or "-" in paths:
        return [], 1
    first = []
    chars = 0
    for item in stream:
        first.append(item)
        chars += sum(len(m.body) for m in item[0].messages)
        if len(first) >= AUTO_MIN_TICKETS or (chars >= AUTO_MIN_CHARS and len(first) >= BATCH * 2):
            return first, workers  # (a few huge tickets are no batch: one ticket is linted by one process)
    return first, 1


def run(paths: list[str], config: Config, formatter: Formatter, *, fmt: str = "auto", jobs: int = 1,
        group_by: tuple[str, ...] | str | None = None, stdin_name: str | None = None,
        on_ticket: Callable[[], None] | None = None, csv_map: CsvMapping | None = None,
        users: tuple[str, ...] = (), since: datetime | None = None,
        baseline: Baseline | Matcher | None = None, write_baseline: str | BaselineWriter | None = None,
        items: Iterable[Item] | None = None, linter: Linter | None = None, audit: Audit | None = None) -> RunResult:
    """Lint every input; `group_by` names the audit's --group-by fields (audit.GROUP_FIELDS);
    `on_ticket` is called once per ticket done (linted or not), for a progress bar; `csv_map` reads
    CSV exports (default: the config's), `users` are users exports. `since`: report only findings on
    messages created at or after it (tickets with no such message are not linted); `baseline`: report
    only findings it does not hold; `write_baseline`: write the findings reported before the baseline
    filter (those of the --since window) to this file. A Dask or Spark partition (frames.py) passes its
    own `baseline` Matcher and a baseline Writer (not written here: the engine merges the partitions'), its
    `items` (read already: `paths` is then not read), the `linter` its worker process keeps, and the `audit`
    to accumulate into, so that its parts can be merged."""
    fields = (group_by,) if isinstance(group_by, str) else tuple(group_by or ())
    linter = linter or Linter(config)  # validates config and selection before reading anything
    audit = audit or Audit(fields, {r.meta.code: r.meta for r in linter.registry})
    inputs = Inputs(fmt=fmt, role=config.role, name=stdin_name, mapping=csv_map or config.csv_mapping,
                    sides=Sides(users))
    files: dict[str, list[int]] = {}  # source -> [read, linted, unreadable]
    ignored_here = _per_file_ignores(linter, config)

    def count(source: str, column: int) -> None:
        files.setdefault(source, [0, 0, 0])[column] += 1
    read = linted = unreadable = files_bad = incomplete = failed = died = before_since = 0
    partial: Counter[str] = Counter()  # source -> tickets linted on what was read of them (Ticket.partial)
    matcher = baseline.matcher() if isinstance(baseline, Baseline) else baseline
    in_baseline = 0  # findings not shown because the baseline has them, one per problem (overlap.py)
    writer = BaselineWriter(write_baseline) if isinstance(write_baseline, str) else write_baseline
    by_code: Counter[str] = Counter()
    by_sev: Counter[Severity] = Counter()
    worst: Severity | None = None
    origins: dict[int, Origin] = {}  # id(ticket) -> its source text, while it is linted (locate.py)
    formatter.start()

    def tickets() -> Iterator[tuple[Ticket, bool]]:
        nonlocal read, unreadable, files_bad, before_since
        for item in _items(paths, inputs, config.paths) if items is None else items:
            if item.error is not None:
                files.setdefault(item.error.source, [0, 0, 0])
                if item.fatal:
                    files_bad += 1
                else:
                    read += 1
                    unreadable += 1
                    count(item.error.source, 0)
                    count(item.error.source, 2)
                formatter.error(item.error)
                continue
            assert item.ticket is not None
            if item.origin is not None:
                origins[id(item.ticket)] = item.origin
            read += 1
            count(item.ticket.source, 0)
            if since is not None:
                try:
                    in_window = window(item.ticket, since)
                except TimestampError as exc:
                    unreadable += 1
                    count(item.ticket.source, 2)
                    t = item.ticket
                    origins.pop(id(t), None)
                    formatter.error(ReadError(t.source, t.line, exc.said, t.id))
                    continue
                if not any(in_window):
                    before_since += 1  # nothing new in it: not linted at all
                    origins.pop(id(item.ticket), None)
                    continue
            yield item.ticket, item.plain

    def outcomes() -> Iterator[tuple[Ticket, Outcome | Said]]:
        stream = tickets()
        first, workers = _read_ahead(stream, jobs, paths if items is None else [])
        if workers == 1:
            for ticket, plain in chain(first, stream):
                yield ticket, lint_for_output(linter, ticket, plain)
            return
        # All four languages, not only the first batch's (tried in perf9): a pattern compiled in a worker is
        # never written to the regex cache (recache saves when the parent exits), so a language first met
        # after the fork would be compiled again by every worker of every run. With the cache filled, warming
        # the languages an input lacks costs ~0.03-0.1 s of the parent's CPU.
        # Warming builds objects that live for the whole run (compiled packs, language data): the cyclic
        # collector is held off meanwhile, as they are frozen right after (its full collections during the
        # warm-up walked the whole heap twice for nothing: ~0.07 s of the parent's CPU before the fork, while
        # no worker runs; bench/README.md, round fifteen). The probe threads' garbage is a few KB, kept.
        collecting = gc.isenabled()
        gc.disable()
        try:
            warm(linter)
        finally:
            gc.freeze()  # the inherited objects stay out of the workers' collections: their pages stay shared
            if collecting:
                gc.enable()
        pool = _Pool(workers, config, linter)
        clean = fallback = False
        try:
            for batch, result in pool.map(_batches(chain(first, stream))):
                if result is None and not fallback:
                    fallback = True
                    formatter.error(ReadError("ticketlint", None, said("read.worker_died")))
                for i, (ticket, plain) in enumerate(batch):
                    if result is None:
                        yield ticket, lint_for_output(linter, ticket, plain)
                    else:
                        yield ticket, result if isinstance(result, Said) else result[i]
            clean = True
        finally:
            pool.close(kill=not clean)
            gc.unfreeze()

    for ticket, outcome in outcomes():
        origin = origins.pop(id(ticket), None)
        if on_ticket is not None:
            on_ticket()
        if isinstance(outcome, Said):  # its worker died
            died += 1
            unreadable += 1
            count(ticket.source, 2)
            formatter.error(ReadError(ticket.source, ticket.line, outcome, ticket.id))
            continue
        if outcome.problem is not None:
            unreadable += 1
            count(ticket.source, 2)
            formatter.error(ReadError(ticket.source, ticket.line, outcome.problem, ticket.id))
            continue
        linted += 1
        count(ticket.source, 1)
        formatter.ticket(ticket)
        if ticket.partial:  # read in part: linted on what was read, and said so (a warning, not an error)
            partial[ticket.source] += 1
            formatter.partial(PartialRead.of(ticket))
        for failure in outcome.failures:
            failed += 1
            formatter.failure(failure)
        if outcome.skipped:
            incomplete += 1
            formatter.error(ReadError(ticket.source, ticket.line, said(
                "read.time_budget", seconds=float(config.time_budget or 0), rules=", ".join(outcome.skipped)), ticket.id))
        # The filter step: what --since and --baseline leave of the ticket's findings.
        found = outcome.found
        dropped = ignored_here(ticket.source)
        if dropped:
            found = [item for item in found if item[0].code not in dropped]
        counted = window(ticket, since) if since is not None else None  # read once already: cannot raise
        if counted is not None:
            found = [item for item in found if counted[item[0].message_index]]
        if writer is not None:
            writer.add(ticket, found)
        if matcher is not None:
            new = matcher.new(ticket, found)
            kept = {id(item) for item in new}
            known = [item for item in found if id(item) not in kept]
            # counted as reported: one per problem, as they would have been shown
            in_baseline += len(linter.overlaps.merge_items(known)) if linter.overlaps is not None else len(known)
            found = new
        found = locate(ticket, found, origin)  # each one placed in the file, related ones too
        if linter.overlaps is not None:  # one finding per problem, of those the filters left
            found = linter.overlaps.merge_items(found)
        # the audit counts what is reported: the --since window's messages, the findings not in the baseline,
        # one per problem (a related finding is not counted again)
        # (most tickets have no finding: the outcome as it is, without dataclasses.replace's ~10 us)
        audit.add(ticket, replace(outcome, found=found) if found or outcome.found else outcome, counted)
        for finding, line_text in found:
            by_code[finding.code] += 1
            by_sev[finding.severity] += 1
            for severity in (finding.severity, *(r.severity for r in finding.related)):  # --fail-on: related too
                worst = severity if worst is None else max(worst, severity)
            formatter.finding(finding, line_text)

    summary = Summary(
        tickets_read=read,
        tickets_linted=linted,
        tickets_unreadable=unreadable,
        files_unreadable=files_bad,
        by_code=tuple(sorted(by_code.items())),
        by_severity=tuple((s.label, by_sev[s]) for s in sorted(by_sev, reverse=True)),
        group_by=audit.fields,
        audit=audit.report(),
        per_file=tuple((source, *counts) for source, counts in files.items()),  # type: ignore[misc]
        tickets_before_since=before_since if since is not None else None,
        findings_in_baseline=in_baseline if matcher is not None else None,
        rule_failures=failed,
        tickets_partial=sum(partial.values()),
        partial_per_file=tuple((source, partial[source]) for source in files if partial[source]),
    )
    formatter.stop(summary)
    if writer is not None and isinstance(write_baseline, str):
        writer.write()  # BaselineError when it cannot: one line, exit 2, after the run's normal output
    return RunResult(summary, worst, unreadable + files_bad + incomplete, failed, died)
