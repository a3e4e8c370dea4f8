"""ticketlint: a linter for support tickets.

    >>> import ticketlint
    >>> [f.code for f in ticketlint.lint("The VPN client crashed again.", role="customer")]
    ['TL101']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"
__all__ = ["lint", "__version__", "Config", "Finding", "Ticket", "Message", "Role", "Severity"]

if TYPE_CHECKING:  # pragma: no cover
    from .api import lint
    from .config import Config
    from .model import Finding, Message, Role, Severity, Ticket


def __getattr__(name: str) -> Any:
    """Lazy exports: `import ticketlint` stays cheap for the CLI's fast paths."""
    if name == "lint":
        from .api import lint

        return lint
    if name == "Config":
        from .config import Config

        return Config
    if name in {"Finding", "Ticket", "Message", "Role", "Severity"}:
        from . import model

        return getattr(model, name)
    raise AttributeError(name)
