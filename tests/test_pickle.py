"""The objects that cross the process boundary of `check -j` (tickets in, outcomes out) pickle compactly
and come back equal: `frozen.fast_init` gives its classes a `(cls, field values)` pickle (bench/README.md,
round twelve), and a value it left out would be a finding or a ticket field lost between processes."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from multiprocessing.reduction import ForkingPickler
from pathlib import Path

import pytest
from export_util import four_language_export

from ticketlint.config import Config
from ticketlint.engine import Linter
from ticketlint.frozen import fast_init
from ticketlint.model import Finding, Message, Role, RuleFailure, Severity, Span, Ticket
from ticketlint.readers import read_source
from ticketlint.runner import Outcome, lint_for_output


def _round_trip(value: object) -> object:
    return pickle.loads(ForkingPickler.dumps(value))  # what multiprocessing's queues do


def _every_field_set() -> Ticket:
    """A ticket whose every field (of the ticket and of a message) holds a value other than its default."""
    message = Message(role=Role.AGENT, body="Restart it.", author="ana", created_at="2026-12-06T10:00:00Z",
                      language="en", line=3, id="m-1", automated=True)
    return Ticket(id="T-1", messages=(Message(Role.CUSTOMER, "The VPN crashed."), message), subject="VPN",
                  language="en", tags=("vip", "net"), source="export.jsonl", line=2,
                  extra=(("agent", "ana"), ("team", "network")))


def test_tickets_read_from_a_file_round_trip_equal(tmp_path: Path) -> None:
    items = list(read_source(str(four_language_export(tmp_path, 40, "Closed as PEBKAC."))))
    assert items and all(item.ticket is not None for item in items)
    assert _round_trip(items) == items  # the reader's Item, Ticket, Message and Origin
    assert _round_trip(_every_field_set()) == _every_field_set()


def test_outcomes_with_findings_round_trip_equal(tmp_path: Path) -> None:
    linter = Linter(Config())
    outcomes = [lint_for_output(linter, item.ticket, item.plain)
                for item in read_source(str(four_language_export(tmp_path, 12, "Closed as PEBKAC.")))
                if item.ticket is not None]
    found = [f for o in outcomes for f, _ in o.found]
    assert found
    back = _round_trip(outcomes)
    assert back == outcomes
    assert [type(f.severity) for o in back for f, _ in o.found] == [Severity] * len(found)  # members, not ints
    failure = RuleFailure("TL101", "T-1", "KeyError", "x", "export.jsonl", 2, "none shown")
    other = Outcome([], "too large", (failure,), ("TL203",), ("en", "es"))
    assert _round_trip(other) == other


def test_a_finding_with_every_field_and_related_findings_round_trips() -> None:
    related = Finding("T-1", 0, "TL104", "no-environment", Severity.INFO, "m", Span(0, 4), 1, 1, "x")
    finding = Finding("T-1", 1, "TL101", "no-evidence", Severity.WARNING, "msg", Span(2, 9), 1, 3, "excerpt",
                      "export.jsonl", "say", "en", True, "customer", "ana", "2026", (("team", "n"),), "m-1",
                      4, 5, 4, 12, (related,))
    assert _round_trip(finding) == finding
    assert copy.copy(finding) == finding and copy.deepcopy(finding) == finding


def test_the_pickle_is_the_class_and_its_values() -> None:
    span = Span(1, 3)
    assert span.__reduce_ex__(4) == (Span, (1, 3))
    assert _round_trip(span) == span
    with pytest.raises(ValueError):  # rebuilt through __init__: the same checks as any other Span
        pickle.loads(pickle.dumps(span).replace(b"K\x01K\x03", b"K\x03K\x01"))


@fast_init
@dataclasses.dataclass(frozen=True, slots=True)
class _Base:
    a: int
    b: str = "b"


@dataclasses.dataclass(frozen=True, slots=True)
class _Wider(_Base):
    c: int = 0


def test_a_subclass_keeps_the_default_pickle_with_all_its_fields() -> None:
    assert _round_trip(_Base(1, "x")) == _Base(1, "x")
    wider = _Wider(1, "x", 7)
    assert _round_trip(wider) == wider
