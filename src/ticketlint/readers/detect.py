"""Which reader a record goes to: ticketlint's own format or one helpdesk's, decided from its shape.

Never from a guess that can misread: a record with `messages` is a ticketlint
ticket; otherwise it must be accepted by exactly one helpdesk's `matches`
(fields only that helpdesk has). The first record that decides holds for the
rest of the file, so a record of another shape later is an error for that
record, not a ticket read under other rules. Side data (a users export) is
loaded once per helpdesk and set of files, when a file first needs it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from .. import recache
from ..model import Listed, ReadError, Said, SaidError, Ticket, said
from .helpdesk.base import SideData, Vendor, Where
from .jsonstream import Record
from .ticket_json import TicketFormatError, is_mapping, ticket_from_dict

LABELS = {"zendesk": "Zendesk", "freshdesk": "Freshdesk", "jsm": "Jira", "servicenow": "ServiceNow"}
# Side files read beside an export (helpdesk.load_side tells each one's kind by its content): users,
# agents and contacts exports, ServiceNow's sys_user and sys_journal_field tables, comments and
# conversations pages (`comments.json`, `4812.comments.json`, `comments-4812.json`), JSON or JSONL, gzip'd
# or not. A directory walk does not read them as tickets.
_SIDE_NAME = recache.compile(
    r"(?:(?:users|groups|agents|contacts|sys_user|sys_user_group|sys_journal_field|journal|comments?|conversations)"
    r"(?:[-_.][\w-]*)?|[\w-]+[.-](?:comments?|conversations))\.(?:jsonl?|ndjson)(?:\.gz)?")


def is_side_file(name: str) -> bool:
    """Whether a file name is a side file of an export (users, comments, journal), not tickets."""
    return _SIDE_NAME.fullmatch(name.lower()) is not None


def label(vendor: Vendor) -> str:
    return LABELS.get(vendor.name, vendor.name)


def registered_vendors() -> tuple[Vendor, ...]:
    """The helpdesk readers installed (`readers.helpdesk.VENDORS`)."""
    from . import helpdesk

    return tuple(getattr(helpdesk, "VENDORS", ()))


class SideError(SaidError):
    """A side file (users export) that could not be read: ends the export that needed it."""


class Sides:
    """Side data per helpdesk: from `--users` files, else from the files beside each export."""

    def __init__(self, users: Sequence[str] = (),
                 loader: Callable[[str, Sequence[str]], SideData] | None = None) -> None:
        self.users = tuple(users)
        self._loader = loader
        self._cache: dict[tuple[str, tuple[str, ...]], SideData] = {}

    def paths_for(self, export: str) -> tuple[str, ...]:
        """`--users` files, then the side files beside the export (none for stdin or for a side file itself)."""
        if export == "-" or is_side_file(os.path.basename(export)):
            return self.users
        folder = os.path.dirname(export) or "."
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            names = []
        beside = tuple(p for name in names if is_side_file(name) and os.path.isfile(p := os.path.join(folder, name)))
        return self.users + tuple(p for p in beside if p not in self.users)

    def get(self, vendor: str, export: str) -> SideData:
        paths = self.paths_for(export)
        key = (vendor, paths)
        if key not in self._cache:
            self._cache[key] = self._load(vendor, paths)
        return self._cache[key]

    def _load(self, vendor: str, paths: tuple[str, ...]) -> SideData:
        loader = self._loader
        if loader is None:
            from . import helpdesk

            loader = getattr(helpdesk, "load_side", None)
        if loader is None or not paths:
            return SideData()
        try:
            return loader(vendor, list(paths))
        except OSError as exc:
            raise SideError(said("read.side_cannot_read", file=str(exc.filename or ", ".join(paths)),
                                 reason=str(exc.strerror or exc))) from None
        except ValueError as exc:  # helpdesk.SideDataError and TicketFormatError among them; they name the file
            text: Said | str = exc.said if isinstance(exc, SaidError) else str(exc)
            if any(str(text).startswith(p) for p in paths):
                raise SideError(said("read.side_unusable", problem=text)) from None
            raise SideError(said("read.side_unusable_in", files=", ".join(paths), problem=text)) from None


class Dispatch:
    """Records of one file to tickets or errors, with the reader held once decided."""

    def __init__(self, source: str, path: str, vendors: Sequence[Vendor], sides: Sides,
                 forced: Vendor | None = None, by_line: bool = False) -> None:
        self.source = source
        self.forced = forced
        self.by_line = by_line  # JSONL: a ticket without an id is named by its line, else by its index
        self.path = path
        self.vendors = tuple(vendors)
        self.sides = sides
        self.held: Vendor | None = forced
        self.own = False  # held: ticketlint's own format
        self._side: SideData | None = None

    def side(self, vendor: Vendor) -> SideData:
        if self._side is None:
            self._side = self.sides.get(vendor.name, self.path)
        return self._side

    def __call__(self, record: Record) -> Ticket | ReadError:
        value = record.value
        if self.own or (self.held is None and (not is_mapping(value) or "messages" in value)):
            self.own = is_mapping(value)
            return self._own(value, record)
        assert isinstance(value, Mapping) or self.held is not None
        if self.held is None:
            found = [v for v in self.vendors if v.matches(value)]  # type: ignore[arg-type]
            if len(found) != 1:
                return ReadError(self.source, record.line, self._undecided(found).within(_record(record)),
                                 _tid(value))
            self.held = found[0]
        vendor = self.held
        if not isinstance(value, Mapping):
            return ReadError(self.source, record.line, said("read.vendor_object", label=label(vendor),
                                                            type=type(value).__name__).within(_record(record)))
        if vendor is not self.forced and not vendor.matches(value):
            return ReadError(self.source, record.line,
                             said("read.vendor_mixed", label=label(vendor)).within(_record(record)), _tid(value))
        try:
            ticket = vendor.to_ticket(value, Where(self.source, record.line, record.index), self.side(vendor))
        except TicketFormatError as exc:
            return ReadError(self.source, record.line, exc.said, _tid(value))
        return ticket if ticket.source == self.source else replace(ticket, source=self.source)

    def _own(self, value: object, record: Record) -> Ticket | ReadError:
        try:
            fallback = f"line-{record.line}" if self.by_line or record.by_line else f"ticket-{record.index}"
            return ticket_from_dict(value, self.source, record.line, fallback)
        except TicketFormatError as exc:
            return ReadError(self.source, record.line, exc.said, _tid(value))

    def _undecided(self, found: Sequence[Vendor]) -> Said:
        if len(found) > 1:
            return said("read.vendor_alike", vendors=Listed(tuple(label(v) for v in found)),
                        formats=Listed(tuple(v.name for v in found), commas=False))
        if not self.vendors:
            return said("read.not_ticket")
        return said("read.not_ticket_nor", vendors=Listed(tuple(label(v) for v in self.vendors)))


def _tid(value: Any) -> str | None:
    if isinstance(value, Mapping):
        tid = value.get("id")
        if tid is not None and not isinstance(tid, (dict, list)):
            return str(tid)
    return None


def _record(record: Record) -> Said:
    """ "record 3": the record's place in its file, said in the run's language (`place.record`)."""
    return said("place.record", index=record.index)
