"""`--baseline FILE` / `--write-baseline FILE`: report only what is new since the last audit.

A finding's fingerprint must survive what happens between two exports of
the same helpdesk: tickets come in another order, the file has another
name, whitespace in a body changes, line numbers move. So it is built from
the ticket's id; the message's helpdesk id when the export has one, else
its author and time, else its index in the thread; the rule's code; and the
excerpt, casefolded with its whitespace collapsed. Those parts are hashed
(sha256, 20 hex digits): the file never holds an excerpt, an author or a
secret in clear, only the ticket id and the code beside the hash, so that a
`git diff` of two baselines says which tickets and rules changed.

Fingerprints are counted: two identical findings in one message are two
entries, and a third one is new.

The file is JSON, one entry per line, sorted, so the same findings always
give the same bytes:

    {"version": 1, "tool": "ticketlint 0.2.0", "entries": [
    {"ticket": "4812", "code": "TL101", "fingerprint": "3f0c9a...", "count": 1},
    ...
    ]}
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC

from . import __version__, recache
from .model import Finding, SaidError, Ticket, said
from .since import parse_timestamp

VERSION = 1
_WS = recache.compile(r"\s+")
_HEX = recache.compile(r"[0-9a-f]{20}")

Key = tuple[str, str, str]  # ticket id, code, fingerprint


class BaselineError(SaidError):
    """A baseline file that cannot be read or written; one line naming the file: a catalogue text (`baseline.*`),
    said in the run's locale by the CLI; `str()` is its English."""


def _message_key(ticket: Ticket, index: int) -> str:
    """Which message a finding is on, in terms that survive a re-export."""
    message = ticket.messages[index] if 0 <= index < len(ticket.messages) else None
    if message is None:
        return f"#{index}"
    if message.id:
        return f"id:{message.id}"
    if message.author or message.created_at:
        when = message.created_at or ""
        try:
            when = parse_timestamp(when).astimezone(UTC).isoformat() if when else ""  # one instant, one key
        except ValueError:
            pass
        return f"at:{message.author or ''}\x1f{when}"
    return f"#{index}"


def fingerprint(ticket: Ticket, finding: Finding) -> Key:
    """(ticket id, code, hash of ticket id + message + code + normalised excerpt)."""
    excerpt = _WS.sub(" ", finding.excerpt.casefold()).strip()
    parts = "\x1e".join((ticket.id, _message_key(ticket, finding.message_index), finding.code, excerpt))
    return ticket.id, finding.code, hashlib.sha256(parts.encode("utf-8", "surrogatepass")).hexdigest()[:20]


@dataclass(frozen=True, slots=True)
class Baseline:
    """The findings of a former run, as counted fingerprints."""

    entries: tuple[tuple[Key, int], ...]

    def matcher(self) -> "Matcher":
        return Matcher(Counter(dict(self.entries)))


class Matcher:
    """Takes findings out of a baseline one by one: a finding whose fingerprint is still there is known."""

    def __init__(self, remaining: Counter[Key]) -> None:
        self.remaining = remaining
        self.known = 0  # findings not shown because the baseline has them
        self.used: Counter[Key] = Counter()  # the entries they took (an engine's partitions are reconciled by it)

    def new(self, ticket: Ticket, found: list[tuple[Finding, str]]) -> list[tuple[Finding, str]]:
        out = []
        for item in found:
            key = fingerprint(ticket, item[0])
            if self.remaining[key] > 0:
                self.remaining[key] -= 1
                self.known += 1
                self.used[key] += 1
            else:
                out.append(item)
        return out


def load(path: str) -> Baseline:
    """Read a baseline file; BaselineError (one line: file, line or entry, what is wrong) otherwise."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise BaselineError(said("baseline.cannot_read", reason=str(exc.strerror or exc)).within(path)) from None
    try:
        doc = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise BaselineError(said("baseline.not_utf8").within(path)) from None
    except json.JSONDecodeError as exc:  # the json module's reason, said in the locale when the catalogue knows it
        from .notices import outside

        raise BaselineError(said("baseline.json", column=exc.colno, reason=outside(exc.msg)).within(f"{path}:{exc.lineno}")) \
            from None
    except (ValueError, RecursionError):
        raise BaselineError(said("baseline.invalid_json").within(path)) from None
    if not isinstance(doc, dict) or "entries" not in doc or "version" not in doc:
        raise BaselineError(said("baseline.shape").within(path))
    if doc["version"] != VERSION:
        raise BaselineError(said("baseline.version", value=repr(doc["version"]), expected=VERSION).within(path))
    if not isinstance(doc["entries"], list):
        raise BaselineError(said("baseline.entries").within(path))
    entries: Counter[Key] = Counter()
    for i, e in enumerate(doc["entries"]):
        ok = (isinstance(e, dict) and isinstance(e.get("ticket"), str) and isinstance(e.get("code"), str)
              and isinstance(e.get("fingerprint"), str) and _HEX.fullmatch(e["fingerprint"]) is not None
              and type(e.get("count", 1)) is int and e.get("count", 1) >= 1)
        if not ok:
            raise BaselineError(said("baseline.entry").within(path, f"entries[{i}]"))
        entries[(e["ticket"], e["code"], e["fingerprint"])] += e.get("count", 1)
    return Baseline(tuple(sorted(entries.items())))


class Writer:
    """Collects the fingerprints of a run's findings and writes them as a baseline file."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.counts: Counter[Key] = Counter()

    def add(self, ticket: Ticket, found: Iterable[tuple[Finding, str]]) -> None:
        for finding, _ in found:
            self.counts[fingerprint(ticket, finding)] += 1

    def render(self) -> str:
        head = json.dumps({"version": VERSION, "tool": f"ticketlint {__version__}"}, ensure_ascii=True)
        lines = [json.dumps({"ticket": t, "code": c, "fingerprint": h, "count": n}, ensure_ascii=True)
                 for (t, c, h), n in sorted(self.counts.items())]
        return head[:-1] + ', "entries": [\n' + ",\n".join(lines) + ("\n" if lines else "") + "]}\n"

    def write(self) -> None:
        """Write the file atomically (a reader never sees half of it); BaselineError when it cannot be written."""
        from .output import target

        real, atomic = target(self.path)  # a link is followed; /dev/null or a FIFO is written in place
        try:
            if not atomic:
                with open(real, "w", encoding="ascii", newline="\n") as fh:
                    fh.write(self.render())
                return
            fd, tmp = tempfile.mkstemp(prefix=".baseline-", dir=real.parent)
            try:
                with os.fdopen(fd, "w", encoding="ascii", newline="\n") as fh:
                    fh.write(self.render())
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(tmp, 0o666 & ~umask)  # as any file the user writes, not mkstemp's 0600
                os.replace(tmp, real)
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError as exc:
            raise BaselineError(said("baseline.cannot_write", reason=str(exc.strerror or exc)).within(self.path)) from None
