"""Freshdesk (API v2): a ticket with its `conversations[]` (embedded, or from side files keyed by
`ticket_id`).

The ticket's description is the first message: the requester's, at the ticket's `created_at`
(it is not among the conversations). Then each conversation, by
docs/dev/helpdesk-exports.md §2.4:

1. `private: true` -> note.
2. The author in the agents/contacts side data: an agent -> agent, a contact -> customer
   (`incoming` says how an item arrived, not who wrote it: an agent replying by email is
   incoming).
3. A public note (`source` 2) -> agent: only agents can add notes.
4. A reply: `incoming: true` -> customer, otherwise agent.

Read in part: "View a Ticket" with `include=conversations` "will return up to ten conversations"
(Freshdesk API v2); a record that embeds exactly ten conversations may lack the later ones, and
says nothing of how many there are (eleven or more cannot come from that cap: such a record is read
whole). The ticket's conversations file is read instead when there is
one; otherwise the ticket is linted on the ten and marked read in part ("10 conversations, maybe
more").

Status, priority and source codes become Freshdesk's labels; an unknown code (a custom
status) stays its number. Bodies: `body_text`, else the text of the HTML `body`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, ClassVar

from ...model import Gap, ReadError, Role, Ticket, said
from . import _common as c
from .base import SideData, Where

STATUS = {2: "Open", 3: "Pending", 4: "Resolved", 5: "Closed"}
PRIORITY = {1: "Low", 2: "Medium", 3: "High", 4: "Urgent"}
SOURCE = {1: "Email", 2: "Portal", 3: "Phone", 7: "Chat", 9: "Feedback Widget", 10: "Outbound Email"}
PUBLIC_NOTE = 2  # conversation source: a note (private or public)
EMBEDDED_CONVERSATIONS = 10  # the most `include=conversations` returns


class Freshdesk:
    name: ClassVar[str] = "freshdesk"
    wrappers: ClassVar[tuple[str, ...]] = ("results",)  # search API; list endpoints return bare arrays

    def matches(self, record: Mapping[str, Any]) -> bool:
        """Freshdesk tickets alone have `description_text`, `responder_id` or `conversations`."""
        return any(k in record for k in ("description_text", "responder_id", "conversations"))

    def to_ticket(self, record: Mapping[str, Any], where: Where, side: SideData) -> Ticket:
        if not isinstance(record, Mapping):
            raise c.TicketFormatError(said("read.freshdesk_object"))
        tid = c.opt_id(record, "id", "")
        requester = c.opt_id(record, "requester_id", "")
        req_obj = c.opt_obj(record, "requester", "")
        req_name = c.opt_text(req_obj, "name", "requester.") if req_obj else None
        messages = []
        first = c.opt_text(record, "description_text", "")
        if not (first and first.strip()):
            markup = c.opt_text(record, "description", "")
            first = c.html_body(markup, "description") if markup else ""
        messages.append(c.message(Role.CUSTOMER, first, req_name or self._name(requester, side),
                                  c.opt_text(record, "created_at", ""), None))
        conversations = c.opt_list(record, "conversations", "")
        embedded = conversations is not None
        if tid is not None and (conversations is None or len(conversations) == EMBEDDED_CONVERSATIONS):
            fetched = list(side.children.get(tid, ()))
            if fetched and (conversations is None or len(fetched) >= len(conversations)):
                conversations, embedded = fetched, False  # the ticket's conversations file: all of them
        gaps: list[Gap] = []
        if embedded and conversations is not None and len(conversations) == EMBEDDED_CONVERSATIONS:
            gaps.append(Gap("conversations", len(conversations), None, said("evidence.embedded", n=len(conversations))))
        for i, raw in enumerate(conversations or ()):
            path = f"conversations[{i}]."
            if not isinstance(raw, Mapping):
                raise c.TicketFormatError(said("read.field_object", field=f"conversations[{i}]", type=c.type_name(raw)))
            private = c.opt_bool(raw, "private", path, False)
            incoming = c.opt_bool(raw, "incoming", path, False)
            source = raw.get("source")
            if source is not None and not c.is_int(source):
                raise c.TicketFormatError(said("read.field_number", field=f"{path}source"))
            user = c.opt_id(raw, "user_id", path)
            body = c.opt_text(raw, "body_text", path)
            if not (body and body.strip()):
                markup = c.opt_text(raw, "body", path)
                body = c.html_body(markup, f"{path}body") if markup else ""
            role = self._role(bool(private), bool(incoming), source, user, side)
            author = self._name(user, side) or (req_name if user == requester and user else None)
            messages.append(c.message(role, body, author, c.opt_text(raw, "created_at", path), c.opt_id(raw, "id", path)))
        responder = c.opt_id(record, "responder_id", "")
        extra = c.fields(
            agent=self._name(responder, side),
            group=c.opt_id(record, "group_id", ""),
            channel=c.label(record.get("source"), SOURCE),
            status=c.label(record.get("status"), STATUS),
            priority=c.label(record.get("priority"), PRIORITY),
            requester=req_name or self._name(requester, side),
        )
        return c.make_ticket(tid, where, messages, subject=c.opt_text(record, "subject", ""),
                             tags=c.tags_of(record), extra=extra, partial=gaps)

    @staticmethod
    def _role(private: bool, incoming: bool, source: object, user: str | None, side: SideData) -> Role:
        if private:
            return Role.NOTE
        known = side.users[user].role if user and user in side.users else None
        if known in ("agent", "system"):
            return Role.AGENT
        if known == "customer":
            return Role.CUSTOMER
        if source == PUBLIC_NOTE:
            return Role.AGENT
        return Role.CUSTOMER if incoming else Role.AGENT

    @staticmethod
    def _name(uid: str | None, side: SideData) -> str | None:
        if uid is None:
            return None
        person = side.users.get(uid)
        return (person.name if person and person.name else None) or uid

    # -- CSV: Freshdesk's ticket CSV export has no conversation text -----------------------------
    def matches_header(self, header: Sequence[str]) -> bool:
        return False  # not researched (docs/dev/helpdesk-exports.md): use the API JSON

    def csv_tickets(self, rows: Iterator[tuple[int, Mapping[str, str]]], source: str,
                    side: SideData) -> Iterator[Ticket | ReadError]:
        count = sum(1 for _ in rows)
        yield ReadError(source, 1, said("read.freshdesk_csv", n=count))
