"""ticketlint: a linter for support tickets.

    >>> import ticketlint
    >>> [f.code for f in ticketlint.lint("The VPN client crashed again.", role="customer")]
    ['TL101']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"
__all__ = ["lint", "__version__", "Config", "ConfigError", "Finding", "LintResult", "Message", "Role", "RuleError",
           "RuleFailure", "Severity", "Ticket"]

if TYPE_CHECKING:  # pragma: no cover
    from .api import LintResult, lint
    from .config import Config, ConfigError
    from .engine import RuleError
    from .model import Finding, Message, Role, RuleFailure, Severity, Ticket


def __getattr__(name: str) -> Any:
    """Lazy exports: `import ticketlint` stays cheap for the CLI's fast paths."""
    if name in {"lint", "LintResult"}:
        from . import api

        return getattr(api, name)
    if name in {"Config", "ConfigError"}:
        from . import config

        return getattr(config, name)
    if name == "RuleError":
        from .engine import RuleError

        return RuleError
    if name in {"Finding", "Ticket", "Message", "Role", "Severity", "RuleFailure"}:
        from . import model

        return getattr(model, name)
    raise AttributeError(name)
