"""The library entry point: `ticketlint.lint(ticket_or_text, config=None)`.

The CLI is a thin layer over the same `Linter`; this function is for code
that lints one ticket or one reply at a time.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .config import Config, parse_table
from .engine import Linter
from .model import Finding, Message, Role, Ticket
from .readers.ticket_json import ticket_from_dict

_LINTERS: dict[int, Linter] = {}


def _config(config: Config | Mapping[str, Any] | None) -> Config:
    if config is None:
        return Config()
    if isinstance(config, Config):
        return config
    return parse_table(config, "<lint() config>")


def lint(
    ticket_or_text: Ticket | str | Mapping[str, Any],
    config: Config | Mapping[str, Any] | None = None,
    *,
    role: Role | str | None = None,
) -> list[Finding]:
    """Lint a Ticket, a ticket dict (ticketlint's JSON format) or plain text.

    Plain text is one message written by `role` (default: the config's role,
    `note`). `config` is a Config or a table shaped like `[tool.ticketlint]`.
    """
    cfg = _config(config)
    key = id(cfg) if config is not None else 0
    linter = _LINTERS.get(key) if config is None else None
    if linter is None:
        linter = Linter(cfg)
        if config is None:
            _LINTERS[key] = linter
    if isinstance(ticket_or_text, Ticket):
        return linter.lint_ticket(ticket_or_text)
    if isinstance(ticket_or_text, str):
        r = Role.parse(role) if isinstance(role, str) else (role or cfg.role)
        ticket = Ticket(id="-", messages=(Message(role=r, body=ticket_or_text),))
        return linter.lint_ticket(ticket, plain=True)
    if isinstance(ticket_or_text, Mapping):
        return linter.lint_ticket(ticket_from_dict(ticket_or_text, "<dict>", None))
    raise TypeError(f"lint() takes a Ticket, a dict or a str, not {type(ticket_or_text).__name__}")
