"""Run the selected rules over a ticket and turn their hits into findings.

The engine owns everything rules should not care about: which rules run
(selection from profile, config and command line), their severity, their
options (validated against each rule's declared `OptionSpec`s), positions,
excerpts, sorting and inline suppressions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .checks.base import Rule, RuleContext
from .config import Config, ConfigError
from .document import Document
from .model import Finding, Hit, Role, Severity, Ticket
from .registry import Registry, SelectionError, default_registry
from .textutil import excerpt

# `ticketlint: disable=TL201,TL202` (or `disable=all`) anywhere in a message
# silences those codes for that message; a ticket tag `ticketlint:disable:TL101`
# silences a code for the whole ticket.
_INLINE = re.compile(r"ticketlint:\s*disable=([A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*)", re.IGNORECASE)
_TAG = "ticketlint:disable:"


class InputError(ValueError):
    """A ticket that cannot be linted (too large, no messages...)."""


@dataclass(frozen=True, slots=True)
class RuleFailure:
    """A rule raised on a ticket: reported, never allowed to stop a batch."""

    code: str
    ticket_id: str
    error: str


class Linter:
    """Built once per process (or worker) from a Config; lints many tickets."""

    def __init__(self, config: Config | None = None, registry: Registry | None = None, strict: bool = False) -> None:
        self.config = config or Config()
        self.registry = registry or default_registry()
        self.strict = strict
        self.rules: list[Rule] = self._select()
        self.severity: dict[str, Severity] = self._severities()
        self.options: dict[str, Mapping[str, Any]] = self._options()
        self.failures: list[RuleFailure] = []
        # What lint_ticket needs per rule, looked up once: it runs ~20 rules per
        # ticket over exports of millions. A rule below --min-severity is not run.
        self._plan: tuple[tuple[Rule, str, frozenset[Role], Mapping[str, Any], Severity], ...] = tuple(
            (r, r.meta.code, r.meta.scope, self.options[r.meta.code], self.severity[r.meta.code])
            for r in self.rules
            if self.severity[r.meta.code] >= self.config.min_severity
        )

    # -- configuration ---------------------------------------------------
    def _codes(self, selectors: Iterable[str], key: str) -> set[str]:
        out: set[str] = set()
        for sel in selectors:
            try:
                out |= self.registry.resolve(sel)
            except SelectionError as exc:
                raise ConfigError(f"{key}: {exc}") from None
        return out

    def _profile(self) -> Any:
        cfg = self.config
        if cfg.profile is None:
            return None
        if cfg.profile not in cfg.profiles:
            raise ConfigError(f"profile: unknown profile {cfg.profile!r} (known: {', '.join(sorted(cfg.profiles))})")
        return cfg.profiles[cfg.profile]

    def _select(self) -> list[Rule]:
        cfg = self.config
        profile = self._profile()
        if cfg.select is not None:
            selected = self._codes(cfg.select, "select")
        elif profile is not None:
            selected = self._codes(profile.select, f"profile {profile.name}")
            selected -= self._codes(profile.ignore, f"profile {profile.name}")
        else:
            selected = self._codes(["ALL"], "select")
        selected |= self._codes(cfg.extend_select, "extend-select")
        selected -= self._codes(cfg.ignore, "ignore")
        return [r for r in self.registry if r.meta.code in selected]

    def _severities(self) -> dict[str, Severity]:
        sev = {r.meta.code: r.meta.severity for r in self.registry}
        profile = self._profile()
        layers = [(profile.severity, f"profile {profile.name}")] if profile else []
        layers.append((self.config.severity, "severity"))
        for mapping, key in layers:
            for selector, level in mapping.items():
                for code in self._codes([selector], key):
                    sev[code] = level
        return sev

    def _options(self) -> dict[str, Mapping[str, Any]]:
        given: dict[str, dict[str, Any]] = {}
        for key, values in self.config.rule_options.items():
            try:
                rule = self.registry.get(key)
            except SelectionError:
                raise ConfigError(f"rules.{key}: unknown rule {key!r}") from None
            given.setdefault(rule.meta.code, {}).update(values)
        out: dict[str, Mapping[str, Any]] = {}
        for rule in self.registry:
            specs = {o.name: o for o in rule.meta.options}
            values = {name: spec.default for name, spec in specs.items()}
            for name, value in given.get(rule.meta.code, {}).items():
                spec = specs.get(name)
                if spec is None:
                    known = ", ".join(sorted(specs)) or "none"
                    raise ConfigError(f"rules.{rule.meta.name}.{name}: unknown option for {rule.meta.code} (known: {known})")
                if not isinstance(value, spec.kind) or (spec.kind is int and isinstance(value, bool)):
                    if not (spec.kind is float and isinstance(value, int) and not isinstance(value, bool)):
                        raise ConfigError(f"rules.{rule.meta.name}.{name}: must be of type {spec.kind.__name__}")
                values[name] = value
            out[rule.meta.code] = values
        return out

    # -- linting ---------------------------------------------------------
    def validate(self, ticket: Ticket) -> None:
        if not ticket.messages:
            raise InputError("ticket has no messages")
        limit = self.config.max_message_chars
        for i, msg in enumerate(ticket.messages):
            if len(msg.body) > limit:
                raise InputError(f"message {i} has {len(msg.body):,} characters, over the limit of {limit:,} (max-message-chars)")

    def lint_ticket(self, ticket: Ticket, plain: bool = False) -> list[Finding]:
        """Findings for one ticket, sorted by message and position."""
        self.validate(ticket)
        doc = Document(ticket, language=self.config.language, plain=plain)
        disabled_ticket = {t[len(_TAG):].upper() for t in ticket.tags if t.lower().startswith(_TAG)}
        disabled_msg: list[set[str]] | None = None  # inline suppressions, read once a rule has hits
        findings: list[Finding] = []
        roles = doc.roles
        for rule, code, scope, options, severity in self._plan:
            if code in disabled_ticket or roles.isdisjoint(scope):
                continue  # disabled, or nothing in the thread it reports on (most chat: one customer line)
            try:
                hits = list(rule.check(RuleContext(doc, options)))
            except Exception as exc:
                if self.strict:
                    raise
                self.failures.append(RuleFailure(code, ticket.id, f"{type(exc).__name__}: {exc}"))
                continue
            if hits and disabled_msg is None:
                disabled_msg = [_inline_disabled(m.body) for m in ticket.messages]
            for hit in hits:
                off = disabled_msg[hit.message_index] if disabled_msg is not None else ()
                if code in off or "ALL" in off:
                    continue
                findings.append(self._finding(rule, severity, hit, doc))
        findings.sort(key=lambda f: (f.message_index, f.span.start, f.code))
        return findings

    def _finding(self, rule: Rule, severity: Severity, hit: Hit, doc: Document) -> Finding:
        msg = doc.messages[hit.message_index]
        line, col = msg.position(hit.span.start)
        return Finding(
            ticket_id=doc.ticket.id,
            message_index=hit.message_index,
            code=rule.meta.code,
            name=rule.meta.name,
            severity=severity,
            message=hit.message,
            span=hit.span,
            line=line,
            column=col,
            excerpt=hit.redacted if hit.redacted is not None else excerpt(msg.body, hit.span.start, hit.span.end),
            source=doc.ticket.source,
            suggestion=hit.suggestion,
            language=msg.language,
            redacted=hit.redacted is not None,
        )


def _inline_disabled(body: str) -> set[str]:
    if "ticketlint" not in body.lower():
        return set()
    codes: set[str] = set()
    for m in _INLINE.finditer(body):
        codes |= {c.strip().upper() for c in m.group(1).split(",") if c.strip()}
    return codes
