"""The service's limits and where its configuration comes from.

Frozen and JSON-serialisable, because `--workers N` starts N processes that
rebuild the app from an environment variable (uvicorn imports the factory by
name in each worker; it cannot pickle an app).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass

ENV_VAR = "TICKETLINT_SERVE_SETTINGS"


@dataclass(frozen=True, slots=True)
class ServeSettings:
    config_path: str | None = None  # --config; None: discover from the working directory, as the CLI does
    isolated: bool = False  # ignore every configuration file
    profile: str | None = None  # the default profile of requests that name none
    max_body_bytes: int = 1_000_000  # larger bodies get 413 before they are parsed
    max_messages: int = 200  # per ticket: a thread longer than this gets 422
    timeout: float = 5.0  # seconds per request: the engine's time budget, then 504
    max_concurrency: int = 4  # lint requests in flight per worker; more get 503 at once

    def to_env(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_env(cls) -> "ServeSettings":
        raw = os.environ.get(ENV_VAR)
        return cls(**json.loads(raw)) if raw else cls()
