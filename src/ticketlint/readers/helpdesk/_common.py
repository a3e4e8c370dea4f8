"""What the four mappers share: typed field access with errors that name the field, labels for
codes, and the assembly of a `Ticket` that refuses a record with no message text.

Errors are `TicketFormatError`s whose text names the field (`comments[3].public must be true or
false`) and never quotes a value but a short word (`ticket_json.shown_value`): a field may hold a
pasted password, and an error line is output too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeGuard

from ...model import TICKET_FIELDS, Gap, Message, Role, Said, Size, Ticket, said
from ..csvinput import SPREADSHEET_CELL as _SPREADSHEET_CELL
from ..ticket_json import TicketFormatError, shown_value
from .adf import AdfError
from .base import Where
from .html import HtmlError
from .html import to_text as html_to_text

__all__ = ["TicketFormatError", "shown_value"]


def is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def type_name(value: object) -> Said:
    """What a JSON value is, as an error says it ("a list"), in the run's language (`type.*`)."""
    if value is None:
        return said("type.null")
    if isinstance(value, bool):
        return said("type.bool")
    if isinstance(value, (int, float)):
        return said("type.number")
    if isinstance(value, str):
        return said("type.string")
    if isinstance(value, list):
        return said("type.list")
    if isinstance(value, Mapping):
        return said("type.object")
    return said("type.other")


def opt_id(obj: Mapping[str, Any], key: str, path: str) -> str | None:
    """An id or short text field: a string or an integer, or absent/null."""
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, str) or is_int(value):
        return str(value)
    raise TicketFormatError(said("read.field_id", field=f"{path}{key}", type=type_name(value)))


def opt_text(obj: Mapping[str, Any], key: str, path: str) -> str | None:
    """A text field: a string, or absent/null."""
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        return value
    raise TicketFormatError(said("read.field_text", field=f"{path}{key}", type=type_name(value)))


def opt_bool(obj: Mapping[str, Any], key: str, path: str, default: bool | None = None) -> bool | None:
    value = obj.get(key, default)
    if value is None or isinstance(value, bool):
        return value
    raise TicketFormatError(said("read.field_bool", field=f"{path}{key}"))


def opt_obj(obj: Mapping[str, Any], key: str, path: str) -> Mapping[str, Any] | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, Mapping):
        return value
    raise TicketFormatError(said("read.field_object", field=f"{path}{key}", type=type_name(value)))


def opt_list(obj: Mapping[str, Any], key: str, path: str) -> list[Any] | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, list):
        return value
    raise TicketFormatError(said("read.field_list", field=f"{path}{key}", type=type_name(value)))


def id_set(obj: Mapping[str, Any], keys: Iterable[str]) -> set[str]:
    """The ids listed under any of `keys` (Zendesk's collaborator_ids, ...); wrong types are ignored."""
    out: set[str] = set()
    for key in keys:
        values = obj.get(key)
        if isinstance(values, list):
            out.update(str(v) for v in values if isinstance(v, str) or is_int(v))
    return out


def label(value: object, labels: Mapping[int, str]) -> str | None:
    """A code as its label (Freshdesk's 2 -> Open); an unknown code stays its number, a label stays a label."""
    if value is None or isinstance(value, bool):
        return None
    if is_int(value):
        return labels.get(value, str(value))
    if isinstance(value, str):
        text = value.strip()
        if text.isdigit() and len(text) < 10:
            return labels.get(int(text), text)
        return text or None
    return None


def html_body(markup: str, path: str) -> str:
    try:
        return html_to_text(markup)
    except HtmlError as exc:
        raise TicketFormatError(exc.said.within(path) if isinstance(exc.said, Said) else f"{path}: {exc}") from None


def adf_error(exc: AdfError, path: str) -> TicketFormatError:
    return TicketFormatError(exc.said.within(path) if isinstance(exc.said, Said) else f"{path}: {exc}")


def fields(**values: str | None) -> tuple[tuple[str, str], ...]:
    """The ticket's fields a supervisor groups by, in model.TICKET_FIELDS order, empty ones left out."""
    unknown = set(values) - set(TICKET_FIELDS)
    if unknown:
        raise ValueError(f"not ticket fields: {sorted(unknown)}")
    return tuple((k, values[k].strip()) for k in TICKET_FIELDS if values.get(k) and values[k].strip())  # type: ignore[union-attr]


def message(role: Role, body: str, author: str | None, created_at: str | None, mid: str | None,
            automated: bool = False) -> Message:
    return Message(role=role, body=body, author=author or None, created_at=created_at or None, id=mid,
                   automated=automated)


def make_ticket(tid: str | None, where: Where, messages: Sequence[Message], *, subject: str | None = None,
                tags: Sequence[str] = (), extra: tuple[tuple[str, str], ...] = (), partial: Sequence[Gap] = ()) -> Ticket:
    """The ticket; messages with no text (an attachment-only comment) are left out, and a record
    with no message text at all is an error ("no messages"), never an empty ticket. `partial`: what
    the record shows it does not hold (a comment list cut short): the ticket is read in part."""
    kept = tuple(m for m in messages if m.body.strip())
    if not kept:
        raise TicketFormatError(said("read.no_message_text"))
    return Ticket(
        id=tid or f"record-{where.index}", messages=kept, subject=subject or "", tags=tuple(tags),
        source=where.source, line=where.line, extra=extra, partial=tuple(partial),
    )


# -- tickets read in part (docs/helpdesk-exports.md, "Tickets read in part") -----------------------

SPREADSHEET_CELL = _SPREADSHEET_CELL  # a CSV saved from a spreadsheet has every longer cell cut to this length


def count_gap(part: str, read: int, total: object, evidence: Said | str) -> Gap | None:
    """A gap when the export states a count (`total`) larger than what the record holds."""
    if is_int(total) and total > read:
        return Gap(part, read, total, evidence)
    return None


def field_is(field: str, value: object) -> Said:
    """The evidence of a count a record states ("comment_count is 12"), said in the run's language."""
    return said("evidence.field_is", field=field, value=value if is_int(value) else repr(value))


def cut_cell(value: str | None, column: str, limits: Mapping[int, Said]) -> Gap | None:
    """A message cell of exactly one of `limits`' lengths (32,767: a spreadsheet's cell): the export
    cut it there, and the end of the text is missing. `limits` says what each length is the most of."""
    if value is not None and len(value) in limits:
        return Gap("text", len(value), None, said("evidence.cell", column=column, n=Size(len(value)),
                                                  limit=limits[len(value)]))
    return None


def tags_of(obj: Mapping[str, Any], key: str = "tags") -> tuple[str, ...]:
    values = obj.get(key)
    if isinstance(values, list):
        return tuple(v for v in values if isinstance(v, str))
    return ()
