"""The contract between the export readers (streaming, detection, CSV rows) and the
per-helpdesk mappers (what a Zendesk comment or a ServiceNow journal entry means).

A mapper knows one helpdesk's record shape and nothing about files: the reader
hands it one decoded record (a JSON object, or a CSV row as a dict) with where
it came from, and gets back a `Ticket` or a `TicketFormatError` naming the
field. Side data (a users export, journal entries) is loaded once per run and
passed in, so that a mapper stays a pure function of its inputs.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

from ...model import ReadError, Said, Ticket


@dataclass(frozen=True, slots=True)
class Where:
    """Where a record was read: file, line (when known) and its index among the file's records (1-based)."""

    source: str
    line: int | None
    index: int


@dataclass(frozen=True, slots=True)
class Person:
    """A helpdesk user from a users export: display name and which side of the desk they are on."""

    id: str
    name: str | None = None
    role: str | None = None  # "customer", "agent" or "system"; None when the export does not say


@dataclass(frozen=True, slots=True)
class SideData:
    """Data read beside an export, keyed by the helpdesk's own ids."""

    users: Mapping[str, Person] = field(default_factory=dict)
    # ServiceNow sys_journal_field entries per incident sys_id, Zendesk comments per ticket id...
    children: Mapping[str, Sequence[Mapping[str, Any]]] = field(default_factory=dict)
    # A comments file that is one page of a longer list (a Jira page's `total`, a Zendesk page's
    # `next_page`): ticket id -> (comments there are, None when the page only says there are more;
    # what says so). The ticket is then read in part (docs/helpdesk-exports.md).
    more: Mapping[str, tuple[int | None, Said | str]] = field(default_factory=dict)


class Vendor(Protocol):
    """One helpdesk's export shapes."""

    name: ClassVar[str]  # the --input-format value: zendesk, freshdesk, jsm, servicenow
    wrappers: ClassVar[tuple[str, ...]]  # top-level keys of an API page that hold the records

    def matches(self, record: Mapping[str, Any]) -> bool:
        """Whether one JSON record has this helpdesk's shape (decided on fields only it has)."""

    def to_ticket(self, record: Mapping[str, Any], where: Where, side: SideData) -> Ticket:
        """The ticket of one record; raises TicketFormatError naming the field when it cannot."""

    def matches_header(self, header: Sequence[str]) -> bool:
        """Whether a CSV header row is this helpdesk's list export."""

    def csv_tickets(self, rows: Iterator[tuple[int, Mapping[str, str]]], source: str,
                    side: SideData) -> Iterator[Ticket | ReadError]:
        """Tickets of a CSV export, from (line, row) pairs; a bad row is a ReadError (file, line, why) in the stream."""
