"""Core value types shared by every layer: tickets, rule metadata, findings.

Everything here is a frozen dataclass so that findings and tickets can be
hashed, compared in tests and sent safely to worker processes.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .frozen import fast_init
from .packs.files import languages as _pack_languages

if TYPE_CHECKING:
    from .audit import AuditReport
    from .packs.schema import PackSchema
    from .ruleoptions import RuleOptions


class Role(str, enum.Enum):
    """Who wrote a message; rules declare the roles they read (their scope)."""

    CUSTOMER = "customer"
    AGENT = "agent"
    NOTE = "note"

    @classmethod
    def parse(cls, value: str) -> "Role":
        try:
            return cls(value.strip().lower())
        except ValueError:
            allowed = ", ".join(r.value for r in cls)
            # a catalogue text (the config file's `role` is said in the run's locale); str() is the English as it was
            raise SaidError(said("read.role_unknown", value=repr(value), allowed=allowed)) from None


ALL_ROLES: frozenset[Role] = frozenset(Role)


class Severity(enum.IntEnum):
    """Ordered so that `severity >= Severity.WARNING` reads naturally."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise SaidError(said("config.severity", value=repr(value))) from None  # str(): the English as it was

    @property
    def label(self) -> str:
        return self.name.lower()


# The languages: the folders `rules/<lang>/` holding a language.toml (packs/files.py, which imports
# nothing of ticketlint, so that this module can ask it). Adding a language adds a folder, no code.
LANGUAGES: tuple[str, ...] = _pack_languages()


@fast_init
@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range [start, end) into one message body."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span {self.start}..{self.end}")


@fast_init
@dataclass(frozen=True, slots=True)
class Message:
    role: Role
    body: str
    author: str | None = None
    created_at: str | None = None
    language: str | None = None
    line: int | None = None  # where the message starts in its source file, when known
    id: str | None = None  # the helpdesk's own id of the message (comment, conversation, journal entry)
    # Written by the helpdesk's automation (a trigger, a bot, a system user), not by a person: rules
    # read it as the desk's reply, but no agent's quality figure counts it.
    automated: bool = False


@dataclass(frozen=True, slots=True)
class Gap:
    """A part of a ticket its export did not hold: which part, how much of it was read, how much there
    is (None: the export does not say, only that it stopped at its limit), and what says so.

    A ticket with gaps is linted on what was read and reported "read in part" (`PartialRead`), never
    passed off as whole: docs/helpdesk-exports.md ("Tickets read in part")."""

    part: str  # "comments", "conversations", "journal entries", or "text" (a message cut at a size limit)
    read: int  # comments read; for "text", characters read
    total: int | None  # comments there are; None when the export only shows it stopped at its limit
    # what in the record says so ("fields.comment.total is 99"): a catalogue text (`Said`), said in the run's
    # language with the rest of the notice (notices.gap_text), or a text said as written (a plugin's own)
    evidence: Said | str

    def __str__(self) -> str:
        if self.part == "text":
            return f"a message cut at {self.read:,} characters ({self.evidence})"
        if self.total is None:
            return f"{self.read:,} {self.part}, maybe more ({self.evidence})"
        return f"{self.read:,} of {self.total:,} {self.part} ({self.evidence})"


@fast_init
@dataclass(frozen=True, slots=True)
class Ticket:
    id: str
    messages: tuple[Message, ...]
    subject: str = ""
    language: str | None = None
    tags: tuple[str, ...] = ()
    source: str = "<memory>"  # file name, for locations
    line: int | None = None  # line of the ticket in its source file
    # The ticket's own fields a supervisor groups by (TICKET_FIELDS: agent, team, channel, ...), as read
    extra: tuple[tuple[str, str], ...] = ()
    # What the export did not hold of this ticket (empty: read whole); it is linted on what was read
    partial: tuple[Gap, ...] = ()


# Ticket fields every reader fills where its export has them; findings carry them so that an audit
# can be grouped by any of them. `group` is Zendesk's and ServiceNow's name for a team.
TICKET_FIELDS: tuple[str, ...] = ("agent", "team", "group", "channel", "status", "priority", "requester")


@dataclass(frozen=True, slots=True)
class Example:
    """A documented example of a rule; `ticketlint rule` shows it and tests run it.

    A single message written by `role` (the rule's first scope role when None),
    or a whole thread when `thread` is given.
    """

    text: str = ""
    lang: str = "en"
    role: Role | None = None
    thread: tuple[Message, ...] = ()


@dataclass(frozen=True, slots=True)
class OptionSpec:
    """A per-rule configuration option: name, type, default and what it is for.

    `items` is the type of a list's items or a dict's values; `regex` says
    that every item is a regular expression (compiled when the config loads,
    so that a bad one is an error naming the key, not a rule that fails on
    every ticket); `minimum` bounds a number; `keys` lists a dict's allowed keys.
    """

    name: str
    kind: type  # list, dict, int, float, bool, str
    default: object
    help: str
    items: type | None = None
    regex: bool = False
    minimum: float | None = None
    keys: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class RuleMeta:
    code: str
    name: str
    summary: str
    scope: frozenset[Role]
    severity: Severity = Severity.WARNING
    groups: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    rationale: str = ""
    seed: str = ""  # which source article the rationale comes from
    suggestion: str | None = None
    bad: tuple[Example, ...] = ()
    good: tuple[Example, ...] = ()
    # The rule's options: a `RuleOptions` dataclass (ruleoptions.py), declared once with types,
    # defaults and help; a tuple of `OptionSpec`s is still accepted (0.2 plugins).
    options: "type[RuleOptions] | tuple[OptionSpec, ...]" = ()
    languages: tuple[str, ...] = LANGUAGES
    # A rule whose hits are secrets (their `Hit.redacted` set). The engine runs
    # it on every ticket, selected or not, and masks what it finds before any
    # other rule reads the text, so that no finding can quote a secret.
    finds_secrets: bool = False
    # A rule that reads an agent message as a reply to the customer (TL301-TL304, TL402): an agent message addressed
    # to another agent of the thread ("nick2: no, that flag was removed"), a side remark between helpers in a
    # multi-party chat, is none, and the rule skips it (`Document.side_remarks`, analysis/address.py).
    replies_only: bool = False
    # What the rule's per-language packs `rules/<lang>/<CODE>.toml` may hold (packs/schema.py): a
    # key the schema does not declare, or a value of the wrong type, is an error naming file and key.
    pack: "PackSchema | None" = None

    @property
    def option_specs(self) -> tuple[OptionSpec, ...]:
        """The options as `OptionSpec`s (what docs show and config validation checks)."""
        if isinstance(self.options, tuple):
            return self.options
        return self.options.specs()

    @property
    def options_type(self) -> "type[RuleOptions]":
        """The class of `ctx.options` for this rule."""
        from .ruleoptions import NoOptions, from_specs

        if isinstance(self.options, tuple):
            return from_specs(self.options) if self.options else NoOptions
        return self.options

    @property
    def primary_role(self) -> Role:
        for role in (Role.CUSTOMER, Role.NOTE, Role.AGENT):
            if role in self.scope:
                return role
        return Role.NOTE


@fast_init
@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule reports: a span in one message; the engine adds the rest."""

    message_index: int
    span: Span
    message: str
    suggestion: str | None = None
    # For secrets: what to show instead of the span's text (e.g. "4111 **** **** 1111").
    # When set, no output shows the original text of the span.
    redacted: str | None = None


@fast_init
@dataclass(frozen=True, slots=True)
class Finding:
    ticket_id: str
    message_index: int
    code: str
    name: str
    severity: Severity
    message: str
    span: Span
    line: int
    column: int
    excerpt: str
    source: str = "<memory>"
    suggestion: str | None = None
    language: str | None = None
    redacted: bool = False
    # Who wrote the message the finding is on, and the ticket's fields (agent, team, ...): an audit
    # charges a finding to the message's author, never to the ticket's assignee alone.
    role: str | None = None
    author: str | None = None
    created_at: str | None = None
    fields: tuple[tuple[str, str], ...] = ()
    message_id: str | None = None  # the helpdesk's id of the message, when the export has one
    # Where the finding is in the input file (locate.py), when known: `line`/`column` above count inside
    # the message body; these count in the file (a JSON string's escapes accounted for). The end is
    # exclusive; the columns are None when only the line is known (a body converted from HTML).
    file_line: int | None = None
    file_column: int | None = None
    file_end_line: int | None = None
    file_end_column: int | None = None
    # Findings of other rules on the same problem (overlap.py): the same words of the same message,
    # reported once under this one, the most specific rule's. Empty with `report-overlaps = true`.
    related: tuple["Finding", ...] = ()

    def related_dicts(self) -> list[dict[str, object]]:
        """The related findings as output shows them: rule, message, span and suggestion."""
        return [{"code": r.code, "name": r.name, "severity": r.severity.label, "message": r.message,
                 "start": r.span.start, "end": r.span.end, "line": r.line, "column": r.column,
                 "excerpt": r.excerpt, "suggestion": r.suggestion} for r in self.related]

    def to_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "ticket_id": self.ticket_id,
            "message_index": self.message_index,
            "line": self.line,
            "column": self.column,
            "start": self.span.start,
            "end": self.span.end,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.label,
            "message": self.message,
            "excerpt": self.excerpt,
            "suggestion": self.suggestion,
            "language": self.language,
            "role": self.role,
            "author": self.author,
            "created_at": self.created_at,
            "message_id": self.message_id,
            "fields": dict(self.fields),
            "file_line": self.file_line,
            "file_column": self.file_column,
            "file_end_line": self.file_end_line,
            "file_end_column": self.file_end_column,
            "related": self.related_dicts(),
        }


def place(source: str, line: int | None) -> str:
    """"FILE:LINE", or the file alone when the record has no line: how every notice of a run names its place."""
    return source if line is None else f"{source}:{line}"


@dataclass(frozen=True, slots=True)
class RuleFailure:
    """A rule raised on a ticket: a result of the run, as sqlfluff reports an unexpected exception.

    It names the rule, the ticket (its source and line) and the exception, never
    the ticket's text: `detail` is the exception's message with every secret the
    secret finders found in the ticket masked, and empty when a secret finder
    itself failed (then nothing is known of where the secrets are). A run with a
    failure exits 2; `ticketlint.lint()` raises `RuleError` (strict by default).
    """

    code: str
    ticket_id: str
    exception: str  # the exception's type name, e.g. "KeyError"
    detail: str = ""  # its message, secrets masked, at most 200 characters
    source: str = ""
    line: int | None = None
    note: str = ""  # what the failure means for the ticket's findings (a secret finder: none shown)

    @property
    def message(self) -> str:
        """One sentence for a reader: which rule, what it raised, and what that means."""
        what = f"{self.exception}: {self.detail}" if self.detail else self.exception
        note = f"; {self.note}" if self.note else ""
        return f"rule {self.code} failed on this ticket ({what}){note}; please report it"

    def __str__(self) -> str:
        where = place(self.source, self.line)
        return f"{where}: {self.message} (ticket {self.ticket_id})"

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "source": self.source, "line": self.line, "ticket_id": self.ticket_id,
                "exception": self.exception, "detail": self.detail, "message": self.message}


@dataclass(frozen=True, slots=True)
class Size:
    """A parameter that is a size or a limit ("2,048 elements", "120,000 characters"): grouped in English
    too, where an int parameter (a count, a position) stays plain in English as ruff prints it (notices.number)."""

    n: int


@dataclass(frozen=True, slots=True)
class Listed:
    """Names said as written, joined by the run's word for `word` ("or", "and"): "Zendesk or Freshdesk".
    `commas`: "A, B or C"; else the word between each two ("zendesk or freshdesk or jsm")."""

    items: tuple[str, ...]
    word: str = "or"
    commas: bool = True


@dataclass(frozen=True, slots=True)
class Said:
    """A text of the run's catalogue (rules/<lang>/notices.toml) by its key and parameters, said in the run's
    language only when it is shown (notices.render). A reader raises and returns these, never an English
    sentence to be recognised again: a reworded text cannot fall back to English, and the key is the stable
    code machine formats give (`notice`). `at` is where in the record it is, before the text: a
    field path said as written ("messages[2]") or a catalogue text ("record 3", "line 12": `place.*`).
    A key with a `_one`/`_other` pair is a count of `n`."""

    key: str
    # each parameter: a text said as written (a file name, a field path, an OS's reason), a count or a
    # position (int), a decimal (float), a `Size`, a `Listed`, or another `Said` (said in the same language)
    params: tuple[tuple[str, object], ...] = ()
    at: tuple["Said | str", ...] = ()

    def within(self, *places: "Said | str") -> "Said":
        """The same text, further inside a record: `said.within("record 3")` says "record 3: ..."."""
        return Said(self.key, self.params, (*places, *self.at))

    @property
    def code(self) -> str:
        """The stable code of the text: its key ("read.json", "read.jira_csv" for either form of a count)."""
        return self.key

    def __str__(self) -> str:
        from .notices import render  # the catalogue imports this module

        return render(self, "en")

    def to_data(self) -> dict[str, object]:
        """The text as JSON data (an engine's findings table, a Spark column): `Said.of_data` reads it back."""
        return {"key": self.key, "params": {k: _param_data(v) for k, v in self.params},
                "at": [_param_data(a) for a in self.at]}

    @classmethod
    def of_data(cls, data: dict[str, object]) -> "Said":
        params = data.get("params") or {}
        at = data.get("at") or []
        assert isinstance(params, dict) and isinstance(at, list)
        return cls(str(data["key"]), tuple((str(k), _param_of(v)) for k, v in params.items()),
                   tuple(_param_of(a) for a in at))  # type: ignore[misc]


def text_data(text: "Said | str") -> object:
    """A text of the run as JSON data: a `Said` as its key and parameters, a text said as written as itself."""
    return text.to_data() if isinstance(text, Said) else text


def text_of(data: object) -> "Said | str":
    """`text_data` read back."""
    return Said.of_data(data) if isinstance(data, dict) else str(data)


def _param_data(value: object) -> object:
    if isinstance(value, Said):
        return {"said": value.to_data()}
    if isinstance(value, Size):
        return {"size": value.n}
    if isinstance(value, Listed):
        return {"listed": list(value.items), "word": value.word, "commas": value.commas}
    return value


def _param_of(data: object) -> object:
    if isinstance(data, dict):
        if "said" in data:
            return Said.of_data(data["said"])
        if "size" in data:
            return Size(int(data["size"]))
        return Listed(tuple(data["listed"]), str(data["word"]), bool(data["commas"]))
    return data


def said(key: str, /, **params: object) -> Said:
    """`Said(key, params)` from keyword arguments, in their order."""
    return Said(key, tuple(params.items()))


class SaidError(ValueError):
    """An error whose text is a catalogue text (`said`); `str()` is its English. Subclassed by the readers'
    errors so that the text travels to the `ReadError` as key and parameters. A plain string is still
    accepted (a plugin's own text, said as written in every language)."""

    def __init__(self, text: "Said | str") -> None:
        super().__init__(str(text))
        self.said = text


@dataclass(frozen=True, slots=True)
class ReadError:
    """A ticket or file that could not be read; never dropped silently.

    `said` is the reader's text as a catalogue key and parameters (`Said`), or a string said as written in
    every language (a text from outside ticketlint's catalogue: a plugin's own, an engine's row as stored)."""

    source: str
    line: int | None
    said: "Said | str"
    ticket_id: str | None = None

    @property
    def message(self) -> str:
        """The text in English."""
        return str(self.said)

    @property
    def notice(self) -> str | None:
        """The stable code of the text (`read.json`, ...), None for a text said as written."""
        return self.said.code if isinstance(self.said, Said) else None

    def __str__(self) -> str:
        where = place(self.source, self.line)
        tid = f" (ticket {self.ticket_id})" if self.ticket_id else ""
        return f"{where}: {self.message}{tid}"

    def to_dict(self) -> dict[str, object]:
        return {"source": self.source, "line": self.line, "ticket_id": self.ticket_id, "message": self.message}


@dataclass(frozen=True, slots=True)
class PartialRead:
    """A ticket read in part (`Ticket.partial`): linted on what was read, and said so in every output.

    A warning, not an error: the run's exit code is not changed by it (docs/helpdesk-exports.md)."""

    source: str
    line: int | None
    ticket_id: str
    gaps: tuple[Gap, ...]

    @classmethod
    def of(cls, ticket: "Ticket") -> "PartialRead":
        return cls(ticket.source, ticket.line, ticket.id, ticket.partial)

    @property
    def message(self) -> str:
        return f"read in part: {'; '.join(str(g) for g in self.gaps)}; linted on what was read"

    def __str__(self) -> str:
        where = place(self.source, self.line)
        return f"{where}: {self.message} (ticket {self.ticket_id})"

    def to_dict(self) -> dict[str, object]:
        return {"source": self.source, "line": self.line, "ticket_id": self.ticket_id, "message": self.message,
                "missing": [{"part": g.part, "read": g.read, "total": g.total, "evidence": str(g.evidence)}
                            for g in self.gaps]}


@dataclass(frozen=True, slots=True)
class Summary:
    tickets_read: int = 0
    tickets_linted: int = 0
    tickets_unreadable: int = 0
    files_unreadable: int = 0
    by_code: tuple[tuple[str, int], ...] = field(default_factory=tuple)
    by_severity: tuple[tuple[str, int], ...] = field(default_factory=tuple)
    # the --group-by fields (author, agent, team, language...), in the order asked
    group_by: tuple[str, ...] = ()
    # the audit's numbers (audit.AuditReport): per rule, family, group, agent and team
    audit: "AuditReport | None" = None
    # (source, read, linted, unreadable) per input file, in the order read: read = linted + unreadable
    per_file: tuple[tuple[str, int, int, int], ...] = field(default_factory=tuple)
    # with --since: tickets read but not linted, none of their messages being in the window (None: no --since)
    tickets_before_since: int | None = None
    # with --baseline: findings not shown (nor counted above) because the baseline has them (None: no --baseline)
    findings_in_baseline: int | None = None
    # rules that raised on a ticket (model.RuleFailure): each one is reported, and the run exits 2
    rule_failures: int = 0
    # tickets linted on what was read of them (Ticket.partial, model.PartialRead): a subset of tickets_linted
    tickets_partial: int = 0
    # (source, tickets read in part) per input file that had any, in the order read
    partial_per_file: tuple[tuple[str, int], ...] = field(default_factory=tuple)
