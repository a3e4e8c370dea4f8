"""A column mapping for a CSV/TSV export of any helpdesk: which column holds what.

Given in config (`[tool.ticketlint.input.csv]`, `[input.csv]` in
.ticketlint.toml) or on the command line (`--map id=Ticket,body=Text`).
Checked when it is loaded, with errors naming the key: a mapping that
misreads an export (a body column that holds the subject, an unmapped role)
would lint the wrong text without a word.

Two shapes: with `role-column`, one row per message (rows with the same id,
one after another, form a ticket); without it, one row per ticket whose body
is one message of the fixed `role`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..model import Role, Said, SaidError, said

# config key -> attribute; every column key names a header cell
COLUMN_KEYS: dict[str, str] = {
    "id": "id", "body": "body", "role-column": "role_column", "author": "author", "created-at": "created_at",
    "subject": "subject", "language": "language", "agent": "agent", "team": "team", "group": "group",
    "channel": "channel", "status": "status", "priority": "priority", "requester": "requester",
    "message-id": "message_id",
}
OTHER_KEYS = ("role", "role-map", "delimiter")
KEYS = (*COLUMN_KEYS, *OTHER_KEYS)
TICKET_COLUMNS = ("agent", "team", "group", "channel", "status", "priority", "requester")  # model.TICKET_FIELDS


class MappingError(SaidError):
    """A bad mapping; `key` is the key at fault ("" for the mapping as a whole), `problem` a catalogue text
    (`map.*`) said in the run's locale where it is shown (`said`: the problem after its key)."""

    def __init__(self, key: str, problem: Said) -> None:
        super().__init__(problem.within(key) if key else problem)
        self.key = key
        self.problem = problem


@dataclass(frozen=True, slots=True)
class CsvMapping:
    """Which header column holds each field; None when the export has no such column."""

    body: str
    id: str | None = None
    role: Role | None = None  # the role of every row (one row per ticket)
    role_column: str | None = None  # one row per message: the column saying who wrote it
    role_map: tuple[tuple[str, Role], ...] = ()  # value of role_column -> role
    author: str | None = None
    created_at: str | None = None
    subject: str | None = None
    language: str | None = None
    agent: str | None = None
    team: str | None = None
    group: str | None = None
    channel: str | None = None
    status: str | None = None
    priority: str | None = None
    requester: str | None = None
    message_id: str | None = None
    delimiter: str | None = None

    @property
    def per_message(self) -> bool:
        return self.role_column is not None

    def columns(self) -> tuple[tuple[str, str], ...]:
        """(key, column) of every mapped column, in KEYS order."""
        out = []
        for key, attr in COLUMN_KEYS.items():
            column = getattr(self, attr)
            if column is not None:
                out.append((key, column))
        return tuple(out)

    def to_table(self) -> dict[str, Any]:
        """The mapping as a config table (the inverse of `mapping_from_table`)."""
        table: dict[str, Any] = dict(self.columns())
        if self.role is not None:
            table["role"] = self.role.value
        if self.role_map:
            table["role-map"] = {raw: role.value for raw, role in self.role_map}
        if self.delimiter is not None:
            table["delimiter"] = self.delimiter
        return table

    def role_of(self, value: str) -> Role | None:
        """The role a role-column value means: the role map (exact, then ignoring case and spaces), or a role's name."""
        for raw, role in self.role_map:
            if raw == value:
                return role
        folded = value.strip().casefold()
        for raw, role in self.role_map:
            if raw.strip().casefold() == folded:
                return role
        if not self.role_map:
            try:
                return Role.parse(value)
            except ValueError:
                return None
        return None


def _key(raw: str) -> str:
    return raw.strip().lower().replace("_", "-")


def _role(value: Any, key: str) -> Role:
    if not isinstance(value, str):
        raise MappingError(key, said("map.roles"))
    try:
        return Role.parse(value)
    except ValueError:
        raise MappingError(key, said("map.roles_not", value=repr(value.strip()[:30]))) from None


def mapping_from_table(table: Mapping[str, Any]) -> CsvMapping:
    """A mapping from a config table; MappingError names the key at fault."""
    if not isinstance(table, Mapping):
        raise MappingError("", said("map.table"))
    values: dict[str, Any] = {}
    for raw_key, value in table.items():
        key = _key(raw_key)
        if key not in KEYS:
            raise MappingError(raw_key, said("config.unknown_key_known", known=", ".join(KEYS)))
        if key in COLUMN_KEYS:
            if not isinstance(value, str) or not value.strip():
                raise MappingError(raw_key, said("map.column"))
            values[COLUMN_KEYS[key]] = value.strip()
        elif key == "role":
            values["role"] = _role(value, raw_key)
        elif key == "delimiter":
            if isinstance(value, str) and value.strip().lower() in ("\\t", "tab"):  # as typed on a command line
                value = "\t"
            if not isinstance(value, str) or len(value) != 1 or value in "\"\r\n":
                raise MappingError(raw_key, said("map.delimiter"))
            values["delimiter"] = value
        else:  # role-map
            if not isinstance(value, Mapping) or not value:
                raise MappingError(raw_key, said("map.role_map"))
            values["role_map"] = tuple((str(k), _role(v, f"{raw_key}.{k}")) for k, v in value.items())
    return _checked(values)


def _checked(values: dict[str, Any]) -> CsvMapping:
    if "body" not in values:
        raise MappingError("body", said("map.no_body"))
    if values.get("role_column") and values.get("role"):
        raise MappingError("role", said("map.role_both"))
    if values.get("role_map") and not values.get("role_column"):
        raise MappingError("role-map", said("map.role_map_alone"))
    if values.get("role_column") and not values.get("id"):
        raise MappingError("id", said("map.no_id"))
    return CsvMapping(**values)


def parse_map_option(specs: tuple[str, ...] | list[str]) -> dict[str, Any]:
    """`--map key=Column,key=Column` (several options add up) as a table for `mapping_from_table`.

    `role-map=Value:role;Value:role` maps role-column values; a column name
    holding a comma cannot be given here (use the config file).
    """
    table: dict[str, Any] = {}
    for spec in specs:
        for part in spec.split(","):
            if not part.strip():
                continue
            key, sep, value = part.partition("=")
            if not sep or not key.strip():
                raise MappingError("", said("map.expected", value=repr(part.strip()[:40])))
            if _key(key) == "role-map":
                pairs: dict[str, str] = {}
                for pair in value.split(";"):
                    raw, colon, role = pair.rpartition(":")
                    if not colon or not raw:
                        raise MappingError("role-map", said("map.expected_role_map", value=repr(pair[:40])))
                    pairs[raw] = role
                table[key.strip()] = pairs
            else:
                table[key.strip()] = value if _key(key) == "delimiter" else value.strip()
    return table


def merged(base: CsvMapping | None, table: Mapping[str, Any]) -> CsvMapping:
    """The config's mapping with the command line's keys put over it (a key given on both: the command line wins).

    A fixed `role` on the command line replaces the config's role column, and a
    role column replaces the config's fixed role.
    """
    given = {_key(k): v for k, v in table.items()}
    if base is None:
        return mapping_from_table(given)
    out = base.to_table()
    if "role" in given:
        out.pop("role-column", None), out.pop("role-map", None)
    if "role-column" in given:
        out.pop("role", None)
    out.update(given)
    return mapping_from_table(out)
