"""Zendesk: the full JSON export (one ticket per line with its `comments`), API ticket records
(`{"tickets": [...]}` pages, comments from side files) and the CSV ticket export.

Roles (docs/helpdesk-exports.md, research in docs/dev/helpdesk-exports.md §1.5):

1. `public: false` -> note, whoever wrote it.
2. An automatic comment (`metadata.flags` holds 4, or the system user -1) -> agent, its author
   shown as "<name> (automation)": the customer reads it as the desk's reply, so reply rules
   apply, and a per-author audit charges it to the automation, not to a person.
3. The author's role in the users export: end-user -> customer, agent or admin -> agent.
4. No users data for the author: the assignee, a follower (followers are agents in Zendesk), the
   submitter when not the requester, and anyone who wrote an internal note on the ticket (end
   users cannot) -> agent; everyone else, the requester and CCs included -> customer. An unknown
   author is put on the customer side on purpose: charging a customer's words to an agent makes
   an audit unfair, while an unknown agent's reply linted as a customer's only misses findings.

Read in part: a ticket fetched with the `comment_count` sideload (`include=comment_count`) says how
many comments it has; when its comments (embedded, from a comments side file, or only its
`description`, the first comment) are fewer, the ticket is linted on those and marked read in part
("3 of 12 comments"). A CSV Description cell of 32,767 characters was cut by a spreadsheet.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, ClassVar

from ...model import Gap, Message, ReadError, Role, Said, Ticket, said
from . import _common as c
from .base import Person, SideData, Where

AUTOMATIC_FLAG = 4  # metadata.flags: "the comment was automatically generated"
SYSTEM_USER = "-1"


def _people(record: Mapping[str, Any], side: SideData) -> dict[str, Person]:
    """Users by id: the users export, completed with the names the export embeds (requester, ...)."""
    people: dict[str, Person] = {}
    for key in ("requester", "submitter", "assignee"):
        obj = record.get(key)
        if isinstance(obj, Mapping) and (isinstance(obj.get("id"), str) or c.is_int(obj.get("id"))):
            name = obj.get("name") if isinstance(obj.get("name"), str) else None
            people[str(obj["id"])] = Person(str(obj["id"]), name, None)
    for uid, person in list(people.items()):
        known = side.users.get(uid)
        if known is not None:
            people[uid] = Person(uid, known.name or person.name, known.role)
    return people


def _display(uid: str | None, people: Mapping[str, Person], side: SideData) -> str | None:
    if uid is None:
        return None
    person = people.get(uid) or side.users.get(uid)
    return (person.name if person and person.name else None) or uid


NO_CSV_TEXT = said("read.zendesk_csv")


class Zendesk:
    name: ClassVar[str] = "zendesk"
    wrappers: ClassVar[tuple[str, ...]] = ("tickets", "results")

    def matches(self, record: Mapping[str, Any]) -> bool:
        """Only Zendesk tickets have `submitter_id`, or a `via` object beside `requester_id`."""
        return "submitter_id" in record or ("requester_id" in record and isinstance(record.get("via"), Mapping))

    def to_ticket(self, record: Mapping[str, Any], where: Where, side: SideData) -> Ticket:
        if not isinstance(record, Mapping):
            raise c.TicketFormatError(said("read.zendesk_object"))
        tid = c.opt_id(record, "id", "")
        requester = c.opt_id(record, "requester_id", "")
        assignee = c.opt_id(record, "assignee_id", "")
        submitter = c.opt_id(record, "submitter_id", "")
        people = _people(record, side)
        comments = c.opt_list(record, "comments", "")
        page: tuple[int | None, Said | str] = (None, "")
        if comments is None and tid is not None and tid in side.children:
            comments = list(side.children[tid])
            page = side.more.get(tid, page)  # a comments file that is one page of more
        if comments is None:
            messages = self._description_only(record, requester, people, side)
        else:
            messages = self._comments(record, comments, requester, assignee, submitter, people, side)
        read = len(comments) if comments is not None else len(messages)
        gap = c.count_gap("comments", read, record.get("comment_count"), c.field_is("comment_count", record.get("comment_count")))
        if gap is None and page[1]:
            gap = c.count_gap("comments", read, page[0], page[1]) if page[0] is not None else \
                Gap("comments", read, None, page[1])
        via = c.opt_obj(record, "via", "")
        group = record.get("group")
        group_name = group.get("name") if isinstance(group, Mapping) and isinstance(group.get("name"), str) else None
        extra = c.fields(
            agent=_display(assignee, people, side),
            group=group_name or _group(c.opt_id(record, "group_id", ""), side),
            channel=c.opt_text(via, "channel", "via.") if via else None,
            status=c.opt_text(record, "status", ""),
            priority=c.opt_text(record, "priority", ""),
            requester=_display(requester, people, side),
        )
        return c.make_ticket(tid, where, messages, subject=c.opt_text(record, "subject", ""),
                             tags=c.tags_of(record), extra=extra, partial=(gap,) if gap else ())

    def _description_only(self, record: Mapping[str, Any], requester: str | None,
                           people: Mapping[str, Person], side: SideData) -> list[Message]:
        """An API ticket with no comments: its `description` (the first comment's text) from the requester."""
        text = c.opt_text(record, "description", "")
        if not text:
            return []
        return [c.message(Role.CUSTOMER, text, _display(requester, people, side), c.opt_text(record, "created_at", ""), None)]

    def _comments(self, record: Mapping[str, Any], comments: Sequence[Any], requester: str | None,
                  assignee: str | None, submitter: str | None, people: Mapping[str, Person],
                  side: SideData) -> list[Message]:
        parsed: list[tuple[str, bool, str | None, bool, str, str | None, str | None]] = []
        note_authors: set[str] = set()
        for i, raw in enumerate(comments):
            path = f"comments[{i}]."
            if not isinstance(raw, Mapping):
                raise c.TicketFormatError(said("read.field_object", field=f"comments[{i}]", type=c.type_name(raw)))
            public = c.opt_bool(raw, "public", path)
            if public is None:
                raise c.TicketFormatError(said("read.field_bool", field=f"{path}public"))
            author = c.opt_id(raw, "author_id", path)
            metadata = c.opt_obj(raw, "metadata", path)
            flags = metadata.get("flags") if metadata else None
            automatic = author == SYSTEM_USER or (isinstance(flags, list) and AUTOMATIC_FLAG in flags)
            body = self._body(raw, path)
            if not public and author is not None:
                note_authors.add(author)
            parsed.append((path, public, author, automatic, body, c.opt_text(raw, "created_at", path), c.opt_id(raw, "id", path)))
        agents = {a for a in (assignee,) if a} | c.id_set(record, ("follower_ids",)) | note_authors
        if submitter and submitter != requester:
            agents.add(submitter)
        messages = []
        for _path, public, author, automatic, body, created, mid in parsed:
            name = _display(author, people, side)
            bot = False
            if not public:
                role = Role.NOTE
            elif automatic:
                role, name = Role.AGENT, f"{name} (automation)" if name and author != SYSTEM_USER else "automation"
                bot = True
            else:
                public_role = self._public_role(author, agents, people, side)
                if public_role is None:  # the users export says "system"
                    role, name = Role.AGENT, f"{name} (automation)" if name else "automation"
                    bot = True
                else:
                    role = public_role
            messages.append(c.message(role, body, name, created, mid, automated=bot))
        return messages

    @staticmethod
    def _public_role(author: str | None, agents: set[str], people: Mapping[str, Person], side: SideData) -> Role | None:
        person = people.get(author) if author else None
        known = person.role if person and person.role else (side.users[author].role if author and author in side.users else None)
        if known == "agent":
            return Role.AGENT
        if known == "customer":
            return Role.CUSTOMER
        if known == "system":
            return None
        return Role.AGENT if author in agents else Role.CUSTOMER

    @staticmethod
    def _body(raw: Mapping[str, Any], path: str) -> str:
        """plain_body, else body, else the text of html_body."""
        for key in ("plain_body", "body"):
            text = c.opt_text(raw, key, path)
            if text is not None and text.strip():
                return text
        markup = c.opt_text(raw, "html_body", path)
        return c.html_body(markup, f"{path}html_body") if markup else ""

    # -- CSV export ----------------------------------------------------------------------------
    _CSV_MARKERS = ("via", "submitter", "assignee", "requester id", "requester email")
    _CSV_BODY = ("description", "comment", "comments", "body")

    def matches_header(self, header: Sequence[str]) -> bool:
        names = {h.strip().lower() for h in header}
        return {"id", "subject"} <= names and ("requester" in names or "requester id" in names) and any(
            m in names for m in self._CSV_MARKERS)

    def csv_tickets(self, rows: Iterator[tuple[int, Mapping[str, str]]], source: str,
                    side: SideData) -> Iterator[Ticket | ReadError]:
        """Tickets from a CSV export that has a Description column; without one, every row is a ticket
        reported unreadable (the CSV export holds no comment text), so the counts stay true."""
        body_key: str | None = None
        for index, (line, row) in enumerate(rows, start=1):
            norm = {k.strip().lower(): v for k, v in row.items() if isinstance(k, str) and isinstance(v, str)}
            if index == 1:
                columns = {k.strip().lower() for k in row if isinstance(k, str)}
                body_key = next((k for k in self._CSV_BODY if k in columns), None)
            tid = (norm.get("id") or "").strip() or None
            if body_key is None:
                yield ReadError(source, line, NO_CSV_TEXT if index == 1 else said("read.zendesk_csv_row"), tid)
                continue
            try:
                yield self._csv_ticket(norm, body_key, tid, Where(source, line, index))
            except c.TicketFormatError as exc:
                yield ReadError(source, line, exc.said, tid)

    @staticmethod
    def _csv_ticket(norm: Mapping[str, str], body_key: str, tid: str | None, where: Where) -> Ticket:
        def col(*names: str) -> str | None:
            for n in names:
                value = norm.get(n)
                if value and value.strip():
                    return value.strip()
            return None

        requester = col("requester", "requester email", "requester id")
        body = norm.get(body_key) or ""
        messages = [c.message(Role.CUSTOMER, body, requester, col("created at", "created"), None)]
        extra = c.fields(agent=col("assignee", "assignee id"), group=col("group"), channel=col("via"),
                         status=col("status"), priority=col("priority"), requester=requester)
        tags = tuple(t for t in (col("tags") or "").replace(",", " ").split() if t)
        cut = c.cut_cell(body, body_key.capitalize(), {c.SPREADSHEET_CELL: said("limit.spreadsheet")})
        return c.make_ticket(tid, where, messages, subject=col("subject"), tags=tags, extra=extra,
                             partial=(cut,) if cut else ())


def _group(gid: str | None, side: SideData) -> str | None:
    """A group's name from a groups export beside the export (`groups.json`), else its id."""
    known = side.users.get(f"group:{gid}") if gid else None
    return (known.name if known and known.name else None) or gid
