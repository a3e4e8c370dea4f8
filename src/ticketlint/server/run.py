"""Start uvicorn for `ticketlint serve`: check the config once, then hand over.

The config is read here first so that a bad file or profile is one line and
exit 2 before any port is bound, as in `ticketlint check`.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from .settings import ENV_VAR, ServeSettings


def serve(*, host: str, port: int, workers: int, config_path: Path | None, isolated: bool, profile: str | None,
          max_body_bytes: int, max_messages: int, timeout: float, max_concurrency: int) -> None:
    try:
        import starlette  # noqa: F401
        import uvicorn
    except ImportError:
        click.echo("ticketlint: error: serve needs the server extra: pip install 'ticketlint[server]'", err=True)
        raise click.exceptions.Exit(2) from None
    from ..config import ConfigError
    from ..registry import RegistryError
    from .service import Linters

    settings = ServeSettings(config_path=str(config_path) if config_path else None, isolated=isolated, profile=profile,
                             max_body_bytes=max_body_bytes, max_messages=max_messages, timeout=timeout,
                             max_concurrency=max_concurrency)
    try:
        Linters(settings)
    except (ConfigError, RegistryError) as exc:
        click.echo(f"ticketlint: error: {exc}", err=True)
        raise click.exceptions.Exit(2) from None
    os.environ[ENV_VAR] = settings.to_env()
    # access_log off: uvicorn's lines are fine (no body), but ours say more (findings, ms) and say it once
    uvicorn.run("ticketlint.server.app:app_from_env", factory=True, host=host, port=port, workers=workers,
                access_log=False, log_level="info", server_header=False, timeout_graceful_shutdown=5)
