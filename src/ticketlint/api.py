"""The library entry point: `ticketlint.lint(ticket_or_text, config=None, strict=True)`.

The CLI is a thin layer over the same `Linter`; this function is for code
that lints one ticket or one reply at a time. A rule that raises is not
swallowed: by default `lint()` raises `RuleError` naming the rule and the
ticket; `strict=False` returns a `LintResult` holding the findings of the
rules that ran and the failures (`model.RuleFailure`) of those that did not.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, overload

from .config import Config, parse_table
from .engine import Linter, RuleError
from .model import Finding, Message, Role, RuleFailure, Ticket
from .readers.ticket_json import ticket_from_dict

# Linters built for a config, keyed by the config's content: building one validates every
# option and compiles the selected packs, far more than linting a reply costs.
_LINTERS: dict[str, Linter] = {}
MAX_CACHED_LINTERS = 16


@dataclass(frozen=True, slots=True)
class LintResult:
    """What `lint(..., strict=False)` returns: the findings, and the rules that failed on the ticket."""

    findings: tuple[Finding, ...]
    failures: tuple[RuleFailure, ...]


def _key(config: Config | Mapping[str, Any] | None) -> str:
    """The cache key of a config: its content, so that equal tables share one Linter."""
    if config is None:
        return ""
    if isinstance(config, Config):
        return "config:" + repr(config)
    return "table:" + json.dumps(config, sort_keys=True, default=repr)


def _config(config: Config | Mapping[str, Any] | None) -> Config:
    if config is None:
        return Config()
    if isinstance(config, Config):
        return config
    return parse_table(config, "<lint() config>")


def linter_for(config: Config | Mapping[str, Any] | None) -> Linter:
    """The (cached) Linter of a config; a bad config raises ConfigError on every call, never cached."""
    key = _key(config)
    linter = _LINTERS.get(key)
    if linter is None:
        linter = Linter(_config(config))
        if len(_LINTERS) >= MAX_CACHED_LINTERS:
            del _LINTERS[next(iter(_LINTERS))]  # the oldest: a service uses a few configs, not thousands
        _LINTERS[key] = linter
    return linter


@overload
def lint(ticket_or_text: Ticket | str | Mapping[str, Any], config: Config | Mapping[str, Any] | None = ..., *,
         role: Role | str | None = ..., strict: Literal[True] = ...) -> list[Finding]: ...
@overload
def lint(ticket_or_text: Ticket | str | Mapping[str, Any], config: Config | Mapping[str, Any] | None = ..., *,
         role: Role | str | None = ..., strict: Literal[False]) -> LintResult: ...
def lint(
    ticket_or_text: Ticket | str | Mapping[str, Any],
    config: Config | Mapping[str, Any] | None = None,
    *,
    role: Role | str | None = None,
    strict: bool = True,
) -> list[Finding] | LintResult:
    """Lint a Ticket, a ticket dict (ticketlint's JSON format) or plain text.

    Plain text is one message written by `role` (default: the config's role,
    `note`). `config` is a Config or a table shaped like `[tool.ticketlint]`;
    the selection it gives is the one `ticketlint check` gives for the same
    settings (config.resolve_selection). A bad config raises ConfigError.

    `strict` (default): a rule that raises on the ticket raises `RuleError`
    (its `failures` name each rule and the exception). `strict=False`: returns
    a `LintResult(findings, failures)` instead of raising.
    """
    linter = linter_for(config)
    plain = False
    if isinstance(ticket_or_text, Ticket):
        ticket = ticket_or_text
    elif isinstance(ticket_or_text, str):
        r = Role.parse(role) if isinstance(role, str) else (role or linter.config.role)
        ticket = Ticket(id="-", messages=(Message(role=r, body=ticket_or_text),))
        plain = True
    elif isinstance(ticket_or_text, Mapping):
        ticket = ticket_from_dict(ticket_or_text, "<dict>", None)
    else:
        raise TypeError(f"lint() takes a Ticket, a dict or a str, not {type(ticket_or_text).__name__}")
    linted = linter.lint(ticket, plain=plain)
    if not strict:
        return LintResult(linted.findings, linted.failures)
    if linted.failures:
        raise RuleError(linted.failures)
    return list(linted.findings)
