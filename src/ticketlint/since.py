"""`--since DATE`: which messages of a thread an audit counts.

The whole thread is linted (a reply is judged against the question before
it), but only findings on messages created at or after DATE are reported
and counted. A message without a timestamp counts as in the window: an
export that lacks times must not make an audit silently empty. Times are
compared as instants: a time without a zone (ServiceNow's `2024-04-09
07:58:30`, or a bare DATE) is UTC, which is what the helpdesks export.
"""

from __future__ import annotations

from datetime import UTC, datetime

from .model import SaidError, Ticket, said
from .readers.ticket_json import shown_value

MAX_CHARS = 64  # no ISO timestamp is longer; a longer value is not parsed (nor quoted)


class TimestampError(SaidError):
    """A message's created_at that is not a date and time; names the message, never quotes a long value."""


def parse_timestamp(text: str) -> datetime:
    """An aware datetime from the ISO 8601 forms helpdesks export (`Z`, `+0200`, `+02:00`, a space for `T`,
    fractions of a second, or none: then UTC); ValueError when it is none of them."""
    text = text.strip()
    if not text or len(text) > MAX_CHARS:
        raise ValueError(text)
    value = datetime.fromisoformat(text)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def parse_since(text: str) -> datetime:
    """The --since value: an ISO date (`2024-03-01`, midnight UTC) or date and time (zone optional, default UTC)."""
    try:
        return parse_timestamp(text)
    except ValueError:
        raise ValueError(f"{text!r} is not an ISO date or date and time "
                         "(e.g. 2024-03-01, 2024-03-01T08:00:00Z, 2024-03-01 08:00+02:00)") from None


def window(ticket: Ticket, since: datetime) -> tuple[bool, ...]:
    """For each message: is it counted (created at or after `since`, or without a timestamp)?

    Raises TimestampError for a created_at that cannot be read: the ticket is
    reported, since no one can tell whether its findings are new.
    """
    counted = []
    for i, message in enumerate(ticket.messages):
        if message.created_at is None or not message.created_at.strip():
            counted.append(True)
            continue
        try:
            counted.append(parse_timestamp(message.created_at) >= since)
        except ValueError:
            raise TimestampError(said("read.since_timestamp", value=shown_value(message.created_at))
                                 .within(f"messages[{i}]")) from None
    return tuple(counted)
