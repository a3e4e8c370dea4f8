"""`ticketlint serve`: a JSON API and a page for agents, on Starlette + uvicorn.

Optional: `pip install 'ticketlint[server]'`. Nothing here is imported by the
CLI's other commands, so the linter itself never needs the web stack.
"""

from __future__ import annotations

from .settings import ServeSettings

__all__ = ["ServeSettings", "create_app"]


def create_app(settings: ServeSettings | None = None):  # type: ignore[no-untyped-def]
    """The ASGI app (imported lazily: Starlette is an optional dependency)."""
    from .app import create_app as _create

    return _create(settings)
