"""Jira Service Management: issues (`key`, `fields`) from search results (`{"issues": [...]}`),
API v2 (wiki-markup strings) and v3 (Atlassian Document Format) alike.

The description is the first message: the reporter's (customer), at `fields.created`. Comments
(`fields.comment.comments`, or a side file of the issue's comments), by
docs/dev/helpdesk-exports.md §3.4:

1. Internal -> note: `jsdPublic: false`, a `visibility` restriction, or the
   `sd.public.comment` property with `internal: true` (Data Center).
2. `author.accountType`: customer -> customer; app (Automation for Jira, integrations) ->
   agent, shown as "<name> (automation)"; atlassian -> customer when the author is the
   reporter (internal-IT desks: employees have full accounts), else agent.
3. No accountType (Jira Data Center): the reporter -> customer; the assignee and anyone who
   wrote an internal comment on the issue -> agent; anyone else -> customer (an unknown
   author is never charged to the agents).

Read in part: `fields.comment` is a page (`startAt`, `maxResults`, `total`, `comments`) and may hold
only the first comments of the issue (`total` larger than the list). The issue's comments file
(`HELP-142.comments.json`), when there is one, is read instead; otherwise the issue is linted on
the comments it holds and marked read in part ("2 of 99 comments"), never passed off as whole.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, ClassVar

from ...model import Gap, ReadError, Role, Ticket, said
from . import _common as c
from .adf import AdfError, wiki_to_text
from .adf import to_text as adf_to_text
from .base import SideData, Where


def _user(obj: Mapping[str, Any] | None) -> tuple[str | None, str | None, str | None]:
    """(id, display name, accountType) of a Jira user object; Data Center users have `name`/`key`."""
    if not obj:
        return None, None, None
    uid = next((obj[k] for k in ("accountId", "key", "name") if isinstance(obj.get(k), str)), None)
    name = obj.get("displayName") if isinstance(obj.get("displayName"), str) else None
    kind = obj.get("accountType") if isinstance(obj.get("accountType"), str) else None
    return uid, name, kind


def _body(value: object, path: str) -> str:
    """A v2 string (wiki markup) or a v3 ADF document."""
    if value is None:
        return ""
    if isinstance(value, str):
        return wiki_to_text(value)
    if isinstance(value, Mapping):
        try:
            return adf_to_text(value)
        except AdfError as exc:
            raise c.adf_error(exc, path) from None
    raise c.TicketFormatError(said("read.field_adf", field=path, type=c.type_name(value)))


def _internal(raw: Mapping[str, Any], path: str) -> bool:
    public = c.opt_bool(raw, "jsdPublic", path)
    if public is False:
        return True
    if raw.get("visibility"):
        return True
    props = raw.get("properties")
    if isinstance(props, list):
        for prop in props:
            if isinstance(prop, Mapping) and prop.get("key") == "sd.public.comment":
                value = prop.get("value")
                if isinstance(value, Mapping) and value.get("internal") is True:
                    return True
    return False


class Jsm:
    name: ClassVar[str] = "jsm"
    wrappers: ClassVar[tuple[str, ...]] = ("issues",)

    def matches(self, record: Mapping[str, Any]) -> bool:
        """A Jira issue: a string `key` and a `fields` object."""
        return isinstance(record.get("key"), str) and isinstance(record.get("fields"), Mapping)

    def to_ticket(self, record: Mapping[str, Any], where: Where, side: SideData) -> Ticket:
        if not isinstance(record, Mapping):
            raise c.TicketFormatError(said("read.jira_object"))
        tid = c.opt_id(record, "key", "") or c.opt_id(record, "id", "")
        f = c.opt_obj(record, "fields", "")
        if f is None:
            raise c.TicketFormatError(said("read.jira_fields"))
        reporter, reporter_name, _ = _user(c.opt_obj(f, "reporter", "fields."))
        assignee, assignee_name, _ = _user(c.opt_obj(f, "assignee", "fields."))
        messages = [c.message(Role.CUSTOMER, _body(f.get("description"), "fields.description"),
                              reporter_name or reporter, c.opt_text(f, "created", "fields."), None)]
        comment = c.opt_obj(f, "comment", "fields.")
        comments = c.opt_list(comment, "comments", "fields.comment.") if comment else None
        total = comment.get("total") if comment else None
        gap = None
        if comments is None or (c.is_int(total) and total > len(comments)):
            key = tid if tid and tid in side.children else str(record.get("id"))
            fetched = list(side.children.get(key, ()))
            if comments is None or len(fetched) > len(comments):
                comments = fetched  # the issue's own comments file: the whole list, unless it is one page
                page_total, evidence = side.more.get(key, (None, ""))
                if evidence:
                    gap = Gap("comments", len(comments), None, evidence) if page_total is None else \
                        c.count_gap("comments", len(comments), page_total, evidence)
        gap = gap or c.count_gap("comments", len(comments), total, c.field_is("fields.comment.total", total))
        parsed = []
        note_authors: set[str] = set()
        for i, raw in enumerate(comments):
            path = f"fields.comment.comments[{i}]."
            if not isinstance(raw, Mapping):
                raise c.TicketFormatError(said("read.field_object", field=f"fields.comment.comments[{i}]", type=c.type_name(raw)))
            uid, name, kind = _user(c.opt_obj(raw, "author", path))
            internal = _internal(raw, path)
            if internal and uid:
                note_authors.add(uid)
            parsed.append((internal, uid, name, kind, _body(raw.get("body"), f"{path}body"),
                           c.opt_text(raw, "created", path), c.opt_id(raw, "id", path)))
        agents = note_authors | ({assignee} if assignee else set())
        for internal, uid, name, kind, body, created, mid in parsed:
            author = name or uid
            bot = kind == "app" and not internal
            if internal:
                role = Role.NOTE
            elif kind == "customer":
                role = Role.CUSTOMER
            elif kind == "app":
                role, author = Role.AGENT, f"{author} (automation)" if author else "automation"
            elif kind == "atlassian":
                role = Role.CUSTOMER if uid is not None and uid == reporter else Role.AGENT
            else:  # no accountType: Data Center, or an unknown kind
                role = Role.AGENT if uid in agents and uid != reporter else Role.CUSTOMER
            messages.append(c.message(role, body, author, created, mid, automated=bot))
        status = c.opt_obj(f, "status", "fields.")
        priority = c.opt_obj(f, "priority", "fields.")
        extra = c.fields(
            agent=assignee_name or assignee,
            status=c.opt_text(status, "name", "fields.status.") if status else None,
            priority=c.opt_text(priority, "name", "fields.priority.") if priority else None,
            requester=reporter_name or reporter,
        )
        labels = f.get("labels")
        tags = tuple(x for x in labels if isinstance(x, str)) if isinstance(labels, list) else ()
        return c.make_ticket(tid, where, messages, subject=c.opt_text(f, "summary", "fields."), tags=tags, extra=extra,
                             partial=(gap,) if gap else ())

    def matches_header(self, header: Sequence[str]) -> bool:
        return False  # Jira's CSV export was not researched: use the REST API JSON

    def csv_tickets(self, rows: Iterator[tuple[int, Mapping[str, str]]], source: str,
                    side: SideData) -> Iterator[Ticket | ReadError]:
        count = sum(1 for _ in rows)
        yield ReadError(source, 1, said("read.jira_csv", n=count))
