"""Side files: data an export needs from beside it (users, comments, journal entries).

`load_side(vendor, paths)` reads every file given (the reader passes `--users FILE` and the side
files it found beside the export; docs/helpdesk-exports.md says which) and tells each file's
kind from its content, not its name:

| vendor | file content | becomes |
|---|---|---|
| zendesk | `{"users": [...]}`, or records with `role` (end-user / agent / admin) | users: end-user -> customer, agent/admin -> agent |
| zendesk | `{"groups": [...]}` (`/api/v2/groups`) | group names for `group_id` (kept as `group:ID`, apart from user ids) |
| zendesk | `{"comments": [...]}` (the API's per-ticket comments page), or comment records | comments per ticket: each comment's `ticket_id`, else the number in the file name (`4812.comments.json`, `comments-4812.json`, `4812/comments.json`) |
| freshdesk | agent records (`{"id", "contact": {"name"}}`) | users, role agent |
| freshdesk | contact records (`{"id", "name"}`) | users, role customer |
| freshdesk | conversation records (`body_text`/`body`, `ticket_id`) | conversations per ticket |
| jsm | `{"comments": [...]}` (`/issue/{key}/comment`) | comments per issue key, from the file name (`HELP-142.comments.json`, `HELP-142/comment.json`) |
| servicenow | `sys_journal_field` records (`element_id`, `element`, `value`) | journal entries per incident sys_id |
| servicenow | `sys_user` records (`user_name`) | users by sys_id and by user_name; `sys_user_group` records (`name`) give group names |

A comments file that is one page of a longer list (a Jira page whose `total` is larger than its
comments, a Zendesk page with `next_page` or `meta.has_more`) is noted in `SideData.more`: its
ticket is read in part (docs/helpdesk-exports.md, "Tickets read in part"), unless another of its
pages is the last one (`next_page` null, `meta.has_more` false): every page was then supplied.

Files are JSON (an array, or one of the wrappers `users`, `comments`, `result`, `records`,
`agents`, `contacts`), JSONL, or either gzip'd (`.gz`). A file that cannot be used is a
SideDataError naming the file and line (or record index); no value of a record is quoted.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ... import recache
from ...model import Said, SaidError, said
from ...notices import outside
from .base import Person, SideData

_WRAPPERS = ("users", "groups", "comments", "result", "records", "agents", "contacts", "conversations")
_NAMED = {  # a side file named after its ticket: 4812.comments.json, comments-4812.json, HELP-142.comments.json
    "jsm": recache.compile(r"(?:comments?[-_])?([A-Z][A-Z0-9_]{0,30}-\d{1,12})(?:[-_]comments?)?"),
    "other": recache.compile(r"(?:(?:comments?|conversations?)[-_])?(\d{1,20})(?:[-_](?:comments?|conversations?))?"),
}
_DIR = {"jsm": recache.compile(r"[A-Z][A-Z0-9_]{0,30}-\d{1,12}"), "other": recache.compile(r"\d{1,20}")}


class SideDataError(SaidError):
    """A side file that cannot be used: the text starts with the file (and line): `_at`."""


def _at(path: str, where: int | None = None) -> str:
    """ "users.json:3": the place a side file's error names first (said as written)."""
    return path if where is None else f"{path}:{where}"


def _records(path: str) -> tuple[str | None, list[tuple[int, Any]]]:
    """(wrapper key or None, [(line or record index, record)]) of a JSON or JSONL file."""
    wrapper, records, _top = _page(path)
    return wrapper, records


def _page(path: str) -> tuple[str | None, list[tuple[int, Any]], Mapping[str, Any]]:
    """`_records`, with the top-level object of a wrapped file (a page: its `total`, `next_page`...)."""
    try:
        raw = gzip.open(path, "rb").read() if path.endswith(".gz") else Path(path).read_bytes()
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except OSError as exc:
        raise SideDataError(said("read.cannot", reason=str(exc.strerror or exc)).within(_at(path))) from None
    except (UnicodeDecodeError, EOFError, gzip.BadGzipFile):
        raise SideDataError(said("read.side_not_utf8").within(_at(path))) from None
    try:
        top = json.loads(text)
    except RecursionError:
        raise SideDataError(said("read.json_deep").within(_at(path))) from None
    except json.JSONDecodeError as whole:
        lines = [(n, ln) for n, ln in enumerate(text.splitlines(), start=1) if ln.strip()]
        if len(lines) < 2:
            raise SideDataError(said("read.json", column=whole.colno, reason=outside(whole.msg))
                                .within(_at(path, whole.lineno))) from None
        out = []
        for n, ln in lines:
            try:
                out.append((n, json.loads(ln)))
            except (json.JSONDecodeError, RecursionError) as exc:
                col = getattr(exc, "colno", 1)
                raise SideDataError(said("read.json_line", column=col).within(_at(path, n))) from None
        return None, out, {}
    if isinstance(top, list):
        return None, list(enumerate(top, start=1)), {}
    if isinstance(top, Mapping):
        for key in _WRAPPERS:
            value = top.get(key)
            if isinstance(value, list):
                return key, list(enumerate(value, start=1)), top
            if key == "result" and isinstance(value, Mapping):
                return key, [(1, value)], top
        return None, [(1, top)], {}
    raise SideDataError(said("read.side_shape").within(_at(path)))


def _str(value: object) -> str | None:
    """A string or integer id, or the `value` of a ServiceNow {value, display_value} field."""
    if isinstance(value, Mapping):
        value = value.get("value")
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (str, int)):
        return str(value) or None
    return None


def _display(value: object) -> str | None:
    if isinstance(value, Mapping):
        shown = value.get("display_value")
        return shown if isinstance(shown, str) and shown else _str(value)
    return _str(value)


def _owner_from_name(path: str, vendor: str) -> str | None:
    """The ticket id (Zendesk, Freshdesk: a number) or issue key (JSM) a side file is named after."""
    p = Path(path)
    kind = "jsm" if vendor == "jsm" else "other"
    m = _NAMED[kind].fullmatch(p.name.split(".")[0])
    if m:
        return m.group(1)
    return p.parent.name if _DIR[kind].fullmatch(p.parent.name) else None  # 4812/comments.json


def load_side(vendor_name: str, paths: Sequence[str]) -> SideData:
    """The side data of one helpdesk's export, from the given files (see the module doc)."""
    users: dict[str, Person] = {}
    children: dict[str, list[Mapping[str, Any]]] = {}
    more: dict[str, tuple[int | None, Said | str]] = {}
    ended: set[str] = set()  # tickets one of whose comments pages says it is the last
    counted: dict[str, tuple[int | None, Said | str]] = {}  # a Zendesk offset page's `count`: the ticket's comments there are
    for path in paths:
        wrapper, records, top = _page(path)
        for where, rec in records:
            if not isinstance(rec, Mapping):
                raise SideDataError(said("read.side_record_object").within(_at(path, where)))
        loader = {"zendesk": _zendesk, "freshdesk": _freshdesk, "jsm": _jsm, "servicenow": _servicenow}.get(vendor_name)
        if loader is None:
            raise SideDataError(said("read.side_format", format=repr(vendor_name)).within(_at(path)))
        loader(path, wrapper, records, users, children)
        if wrapper == "comments" and vendor_name in ("jsm", "zendesk"):
            _more(path, vendor_name, top, records, more, ended, counted)
    more = {owner: found for owner, found in more.items() if owner not in ended}  # its last page was read too
    for owner, found in counted.items():  # compared with every comment read, across the pages (zendesk.py)
        more.setdefault(owner, found)
    return SideData(users=users, children={k: tuple(v) for k, v in children.items()}, more=more)


def _more(path: str, vendor: str, top: Mapping[str, Any], records: list[tuple[int, Any]],
          more: dict[str, tuple[int | None, Said | str]], ended: set[str],
          counted: dict[str, tuple[int | None, Said | str]] | None = None) -> None:
    """Whether a comments file is one page of a longer list: a Jira page whose `total` is larger than
    the comments it holds (`startAt`, `maxResults`, `total`), a Zendesk page with a `next_page` (offset
    pagination: "the URL of the next page of results, if any") or `meta.has_more` (cursor pagination).

    A ticket's comments may come as several pages, one file each: its mark stands only while none of its
    pages is the last. A Zendesk page with `next_page` null or `meta.has_more` false says there is no
    more, so its ticket goes in `ended` and `load_side` drops the mark (a Jira page needs no such rule:
    the reader compares `total` with every comment read, across the pages).

    A Zendesk offset page also carries `count`, the number of the ticket's comments (of every page): a
    count above the page's comments goes in `counted`, which `ended` does not drop, since the reader
    compares it with every comment read across the pages. So the last page alone (`next_page` null,
    `count` 130, 30 comments) reads the ticket in part, as Jira's `total` does; every page read, whole."""
    name = Path(path).name
    owners = {_str(r.get("ticket_id")) for _, r in records} - {None} or {_owner_from_name(path, vendor)}
    total = top.get("total") if vendor == "jsm" else top.get("count")
    total = total if isinstance(total, int) and not isinstance(total, bool) else None
    meta = top.get("meta")
    if vendor == "zendesk" and total is not None and total > len(records) and counted is not None:
        for owner in owners:
            if owner is not None:
                counted[owner] = (total, said("evidence.field_is", field="count", value=total).within(name))
    if vendor == "zendesk" and (("next_page" in top and top["next_page"] is None)
                                or (isinstance(meta, Mapping) and meta.get("has_more") is False)):
        ended.update(owner for owner in owners if owner is not None)  # the last page: nothing after it
        return
    if vendor == "jsm":
        if total is None or total <= len(records):
            return
        found: tuple[int | None, Said | str] = (total, said("evidence.field_is", field="total", value=total).within(name))
    elif top.get("next_page") or (isinstance(meta, Mapping) and meta.get("has_more") is True):
        found = (total if total is not None and total > len(records) else None,
                 said("evidence.more", field="next_page" if top.get("next_page") else "meta.has_more").within(name))
    else:
        return
    for owner in owners:
        if owner is not None:
            more[owner] = found


def _add_children(path: str, vendor: str, records: Iterable[tuple[int, Mapping[str, Any]]],
                  id_key: str, children: dict[str, list[Mapping[str, Any]]]) -> None:
    fallback = _owner_from_name(path, vendor)
    for where, rec in records:
        owner = _str(rec.get(id_key)) if id_key else None
        owner = owner or fallback
        if owner is None:
            raise SideDataError((said("read.side_owner", key=id_key) if id_key else said("read.side_owner_id"))
                                .within(_at(path, where)))
        children.setdefault(owner, []).append(rec)


def _zendesk(path: str, wrapper: str | None, records: list[tuple[int, Any]],
             users: dict[str, Person], children: dict[str, list[Mapping[str, Any]]]) -> None:
    roles = {"end-user": "customer", "agent": "agent", "admin": "agent"}
    if wrapper == "users" or (wrapper is None and records and all("role" in r and "public" not in r for _, r in records)):
        for where, rec in records:
            uid = _str(rec.get("id"))
            if uid is None:
                raise SideDataError(said("read.side_user_id").within(_at(path, where)))
            name = rec.get("name") if isinstance(rec.get("name"), str) else None
            role = rec.get("role")
            users[uid] = Person(uid, name, roles.get(role) if isinstance(role, str) else None)
    elif wrapper == "groups":
        for where, rec in records:
            gid = _str(rec.get("id"))
            if gid is None:
                raise SideDataError(said("read.side_group_id").within(_at(path, where)))
            name = rec.get("name") if isinstance(rec.get("name"), str) else None
            users[f"group:{gid}"] = Person(gid, name, None)
    elif wrapper == "comments" or all("public" in r or "plain_body" in r for _, r in records):
        _add_children(path, "zendesk", records, "ticket_id", children)
    else:
        raise SideDataError(said("read.side_zendesk").within(_at(path)))


def _freshdesk(path: str, wrapper: str | None, records: list[tuple[int, Any]],
               users: dict[str, Person], children: dict[str, list[Mapping[str, Any]]]) -> None:
    if all("body_text" in r or "body" in r for _, r in records) and records:
        _add_children(path, "freshdesk", records, "ticket_id", children)
        return
    for where, rec in records:
        uid = _str(rec.get("id"))
        if uid is None:
            raise SideDataError(said("read.side_person_id").within(_at(path, where)))
        contact = rec.get("contact")
        if isinstance(contact, Mapping):  # an agent: its person is in `contact`
            name = contact.get("name") if isinstance(contact.get("name"), str) else None
            users[uid] = Person(uid, name, "agent")
        elif isinstance(rec.get("name"), str) or isinstance(rec.get("email"), str):
            users[uid] = Person(uid, rec.get("name") if isinstance(rec.get("name"), str) else None, "customer")
        else:
            raise SideDataError(said("read.side_freshdesk").within(_at(path, where)))


def _jsm(path: str, wrapper: str | None, records: list[tuple[int, Any]],
         users: dict[str, Person], children: dict[str, list[Mapping[str, Any]]]) -> None:
    if wrapper != "comments" and not all("body" in r for _, r in records):
        raise SideDataError(said("read.side_jira").within(_at(path)))
    _add_children(path, "jsm", records, "", children)


def _servicenow(path: str, wrapper: str | None, records: list[tuple[int, Any]],
                users: dict[str, Person], children: dict[str, list[Mapping[str, Any]]]) -> None:
    for where, rec in records:
        if "element_id" in rec:
            owner = _str(rec.get("element_id"))
            if owner is None:
                raise SideDataError(said("read.side_element_id").within(_at(path, where)))
            children.setdefault(owner, []).append(rec)
        elif "user_name" in rec:
            user_name = _str(rec.get("user_name"))
            if user_name is None:
                raise SideDataError(said("read.side_user_name").within(_at(path, where)))
            person = Person(user_name, _display(rec.get("name")), None)
            users[user_name] = person
            sys_id = _str(rec.get("sys_id"))
            if sys_id:
                users[sys_id] = person
        elif "sys_id" in rec and "name" in rec:  # sys_user_group: a group's name for assignment_group
            sys_id = _str(rec.get("sys_id"))
            if sys_id:
                users[sys_id] = Person(sys_id, _display(rec.get("name")), None)
        else:
            raise SideDataError(said("read.side_servicenow").within(_at(path, where)))
