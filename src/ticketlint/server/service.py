"""What a lint request means: parse it, pick the Linter, lint, shape the answer.

Kept free of HTTP so that the rules of the API (which fields, which limits,
which error names which field) can be read and tested in one place. Linters
are built once per selection and reused: a config with rule options runs
each configured rule on a probe thread when its Linter is built, which no
request should pay twice.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..config import Config, ConfigError, Overrides, load_config
from ..engine import InputError, Linter
from ..model import LANGUAGES, Message, Role, Ticket
from ..readers.ticket_json import TicketFormatError, shown_value, ticket_from_dict
from ..registry import RegistryError
from .settings import ServeSettings

# Query parameters a lint request may carry, as the CLI's options of the same names.
SELECTION_PARAMS = ("profile", "select", "ignore", "extend-select", "min-severity", "locale")
_MAX_LINTERS = 32  # distinct selections kept warm; the oldest is dropped beyond that


class RequestError(ValueError):
    """A request the API refuses: `status` (400 or 422) and the `field` at fault."""

    def __init__(self, status: int, field: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.field = field


@dataclass(frozen=True, slots=True)
class Selection:
    profile: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    min_severity: str | None = None
    locale: str | None = None  # the language of findings' messages (as `check --locale`); None: each message's


def _split(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(p.strip() for p in value.split(",") if p.strip())


def selection_from_query(query: Mapping[str, str]) -> Selection:
    unknown = sorted(k for k in query if k not in SELECTION_PARAMS)
    if unknown:
        raise RequestError(400, unknown[0], f"unknown query parameter {shown_value(unknown[0])} "
                           f"(known: {', '.join(SELECTION_PARAMS)})")
    sev = query.get("min-severity")
    if sev is not None and sev not in ("info", "warning", "error"):
        raise RequestError(400, "min-severity", f"min-severity: expected info, warning or error, not {shown_value(sev)}")
    locale = query.get("locale")
    if locale is not None and locale != "auto" and locale not in LANGUAGES:
        raise RequestError(400, "locale", f"locale: expected auto or one of {', '.join(LANGUAGES)}, not {shown_value(locale)}")
    return Selection(
        locale=locale,
        profile=query.get("profile") or None,
        select=_split(query.get("select")),
        ignore=_split(query.get("ignore")) or (),
        extend_select=_split(query.get("extend-select")) or (),
        min_severity=sev,
    )


class Linters:
    """The base Config (read once, as the CLI reads it) and one Linter per selection."""

    def __init__(self, settings: ServeSettings) -> None:
        self.settings = settings
        path = Path(settings.config_path) if settings.config_path else None
        self.config: Config = load_config(path, discover=not settings.isolated)
        self.config = self.config.merged(Overrides(profile=settings.profile))  # --profile: as `check --profile`
        self.config = replace(self.config, time_budget=settings.timeout)
        self._cache: OrderedDict[Selection, Linter] = OrderedDict()
        self._lock = threading.Lock()
        # Built now, outside get(): a bad config is a ConfigError at start (one line, exit 2), not a 422 per request.
        self.default = Linter(self.config)
        self._cache[Selection()] = self.default
        self._warm_up()

    def _warm_up(self) -> None:
        """Lint a short thread in each language once, with no time budget: the first request
        must not pay the lazy loading of the language pipelines (nor skip rules for it)."""
        from ..engine import _PROBE

        ticket = Ticket(id="warm-up", messages=tuple(Message(role=r, body=b) for r, b in _PROBE))
        budget, self.default.budget = self.default.budget, None
        try:
            self.default.lint(ticket)
        finally:
            self.default.budget = budget

    def _config_for(self, sel: Selection) -> Config:
        """The server's config with the request's selection over it: the CLI's precedence (Config.merged)."""
        from ..model import Severity

        if sel.profile is not None and sel.profile not in self.config.profiles:
            raise RequestError(422, "profile", f"profile: unknown profile {shown_value(sel.profile)} "
                               f"(known: {', '.join(sorted(self.config.profiles))})")
        return self.config.merged(Overrides(
            profile=sel.profile, select=sel.select, extend_select=sel.extend_select, ignore=sel.ignore,
            min_severity=Severity.parse(sel.min_severity) if sel.min_severity is not None else None,
            locale=sel.locale,
        ))

    def get(self, sel: Selection) -> Linter:
        with self._lock:
            linter = self._cache.get(sel)
            if linter is not None:
                self._cache.move_to_end(sel)
                return linter
        try:
            linter = Linter(self._config_for(sel))
        except (ConfigError, RegistryError) as exc:
            raise RequestError(422, _selection_field(str(exc), sel), str(exc)) from None
        with self._lock:
            self._cache[sel] = linter
            while len(self._cache) > _MAX_LINTERS:
                self._cache.popitem(last=False)
        return linter


def _selection_field(message: str, sel: Selection) -> str:
    """The query parameter a selection error is about: the one it names ('ignore: unknown rule selector ...'),
    else `select` when the request selected rules, else `profile`."""
    named = message.split(":", 1)[0]
    if named in ("select", "ignore", "extend-select", "profile"):
        return named
    return "select" if sel.select is not None or sel.extend_select or sel.ignore else "profile"


# What the CLI refuses in a bare text before it reads it (readers/__init__.py, `_unreadable`): nothing but ASCII
# white space ("empty file: nothing to lint", exit 2), or a NUL character ("binary file"). The service refuses the
# same `text`, naming the field, instead of answering 200 with no finding.
_ASCII_SPACE = " \t\n\r\x0b\x0c"


def _check_text(text: str) -> None:
    if not text.strip(_ASCII_SPACE):
        raise RequestError(422, "text", "text: empty: nothing to lint" if not text else
                           "text: only white space: nothing to lint")
    if "\x00" in text:
        raise RequestError(422, "text", "text: a NUL character: not text")


def _language(value: Any, field: str) -> str | None:
    if value is None or value == "auto":
        return None
    if not isinstance(value, str) or value.lower() not in LANGUAGES:
        shown = shown_value(value) if isinstance(value, str) else type(value).__name__
        raise RequestError(422, field, f"{field}: unsupported language {shown} (supported: auto, {', '.join(LANGUAGES)})")
    return value.lower()


def ticket_from_request(body: Any, settings: ServeSettings, default_role: Role) -> tuple[Ticket, bool]:
    """The ticket a request body holds, and whether it was a bare text (`plain`)."""
    if not isinstance(body, Mapping):
        raise RequestError(422, "body", f"the body must be a JSON object, not {type(body).__name__}")
    if "text" in body and "messages" in body:
        raise RequestError(422, "text", "give either 'text' or 'messages', not both")
    if "text" in body:
        text = body["text"]
        if not isinstance(text, str):
            raise RequestError(422, "text", "'text' must be a string")
        _check_text(text)
        role_raw = body.get("role")
        role = default_role
        if role_raw is not None:
            if not isinstance(role_raw, str):
                raise RequestError(422, "role", "'role' must be a string (customer, agent or note)")
            try:
                role = Role.parse(role_raw)
            except ValueError:
                raise RequestError(422, "role", f"role: unknown role {shown_value(role_raw)} "
                                   "(expected one of: customer, agent, note)") from None
        lang = _language(body.get("lang"), "lang")
        return Ticket(id="-", messages=(Message(role=role, body=text, language=lang),), source="<request>"), True
    msgs = body.get("messages")
    if isinstance(msgs, list) and len(msgs) > settings.max_messages:
        raise RequestError(422, "messages", f"messages: {len(msgs)} messages, over the limit of "
                           f"{settings.max_messages} (max-messages)")
    if "messages" not in body:
        raise RequestError(422, "messages", "the body needs 'messages' (a ticket) or 'text' (one message)")
    try:
        return ticket_from_dict(body, "<request>", None), False
    except TicketFormatError as exc:
        raise RequestError(422, _field_of(str(exc)), str(exc)) from None


def _field_of(message: str) -> str:
    """The field a ticket-format error names: 'messages[2].role', 'tags', ..."""
    prefix = ""
    if message.startswith("messages[") and "]: " in message:
        prefix, message = message.split(": ", 1)
    for key in ("role", "body", "automated", "language", "author", "created_at", "id", "tags", "messages", "subject"):
        if f"'{key}'" in message or f" {key} " in f" {message} ":
            return f"{prefix}.{key}" if prefix else key
    return prefix or "body"


def lint_ticket(linter: Linter, ticket: Ticket, plain: bool) -> dict[str, Any]:
    """The response of a lint: findings as the JSON formatter writes them, masked by the engine."""
    try:
        linted = linter.lint(ticket, plain)
    except InputError as exc:
        raise RequestError(422, "messages", str(exc)) from None
    findings = [f.to_dict() for f in linted.findings]
    for f in findings:
        f.pop("source", None)  # always "<request>": noise in an API answer
    locale = linter.config.locale
    return {
        "ticket_id": ticket.id,
        "profile": linter.config.profile,
        # the language of the findings' messages when one was asked for (?locale=, the config's locale);
        # null: each finding is in its message's language (`language`)
        "locale": locale if locale in LANGUAGES else None,
        "findings": findings,
        "languages": list(linted.languages),
        "skipped": list(linted.skipped),  # rules not run: the time budget ran out
        # a rule that raised: its code and the exception's type, never its text (it may quote the ticket)
        "failures": [{"code": f.code, "error": f.exception} for f in linted.failures],
    }
