"""ticketlint's own ticket format (JSON object, JSON array or JSONL).

    {"id": "T-1", "subject": "...", "language": "es", "tags": ["vip"],
     "messages": [{"role": "customer", "author": "ana", "created_at": "...", "body": "..."}]}

Schema: `ticketlint/schema/ticket.schema.json`; docs: docs/ticket-format.md.
Validation errors are `TicketFormatError`s whose text (a catalogue key and parameters, `Said`) names the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeGuard

from .. import recache
from ..model import LANGUAGES, TICKET_FIELDS, Message, Role, Said, SaidError, Ticket, said

EXTRA_FIELDS = TICKET_FIELDS


class TicketFormatError(SaidError):
    """A ticket object that does not follow the format; names the field (`said`: its catalogue text)."""


_ROLES = {r.value: r for r in Role}
_WORDLIKE = recache.compile(r"[A-Za-z][A-Za-z_-]{0,23}")


def shown_value(value: str) -> str | Said:
    """A bad value as an error line may quote it: a short word as is, anything else by its length.

    A field holding a pasted password or card number must not print it: an
    error line is output too, and no output shows a secret.
    """
    return repr(value) if _WORDLIKE.fullmatch(value) else said("value.length", n=len(value))


def is_mapping(value: object) -> TypeGuard[Mapping[str, Any]]:
    """`isinstance(value, Mapping)`, a dict (what json gives) told by its type first: the ABC check
    costs several times a type test, and it is asked for every record and every message."""
    return type(value) is dict or isinstance(value, Mapping)


def _opt_str(obj: Mapping[str, Any], key: str, where: tuple[str, ...]) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise TicketFormatError(said("read.field_string", key=key).within(*where))
    return str(value)


def ticket_from_dict(obj: Any, source: str, line: int | None, fallback_id: str = "-") -> Ticket:
    if not is_mapping(obj):
        raise TicketFormatError(said("read.ticket_object", type=type(obj).__name__))
    tid = _opt_str(obj, "id", ()) or fallback_id
    raw_msgs = obj.get("messages")
    if raw_msgs is None:
        raise TicketFormatError(said("read.no_messages_key"))
    if not isinstance(raw_msgs, list):
        raise TicketFormatError(said("read.messages_list"))
    if not raw_msgs:
        raise TicketFormatError(said("read.messages_empty"))
    language = _opt_str(obj, "language", ())
    if language is not None:
        language = language.lower()
        if language == "auto":
            language = None
        elif language not in LANGUAGES:
            raise TicketFormatError(said("read.language", value=shown_value(language), languages=", ".join(LANGUAGES)))
    tags = obj.get("tags", [])
    if not isinstance(tags, list) or (tags and not all(isinstance(t, str) for t in tags)):  # most tickets: none
        raise TicketFormatError(said("read.tags"))
    messages = []
    for i, raw in enumerate(raw_msgs):
        where = (f"messages[{i}]",)
        if not is_mapping(raw):
            raise TicketFormatError(said("read.message_object").within(*where))
        role_raw = raw.get("role")
        if not isinstance(role_raw, str):
            raise TicketFormatError(said("read.role_missing").within(*where))
        try:
            role = _ROLES.get(role_raw) or Role.parse(role_raw)  # most exports: the exact value, one lookup
        except ValueError:
            allowed = ", ".join(r.value for r in Role)
            raise TicketFormatError(said("read.role_unknown", value=shown_value(role_raw), allowed=allowed).within(*where)) from None
        body = raw.get("body")
        if not isinstance(body, str):
            raise TicketFormatError(said("read.body").within(*where))
        automated = raw.get("automated", False)
        if not isinstance(automated, bool):
            raise TicketFormatError(said("read.automated").within(*where))
        mlang = _opt_str(raw, "language", where)
        if mlang is not None and mlang.lower() not in LANGUAGES:
            raise TicketFormatError(said("read.language_bare", value=shown_value(mlang)).within(*where))
        messages.append(
            Message(
                role=role,
                body=body,
                author=_opt_str(raw, "author", where),
                created_at=_opt_str(raw, "created_at", where),
                language=mlang.lower() if mlang else None,
                id=_opt_str(raw, "id", where),
                automated=automated,
            )
        )
    subject = _opt_str(obj, "subject", ()) or ""
    extra = tuple([(k, str(obj[k])) for k in EXTRA_FIELDS if obj.get(k) is not None])
    return Ticket(
        id=tid, messages=tuple(messages), subject=subject, language=language,
        tags=tuple(tags), source=source, line=line, extra=extra,
    )
