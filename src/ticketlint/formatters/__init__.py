"""Output formats, registered by name."""

from __future__ import annotations

from .base import Formatter
from .jsonfmt import JsonFormatter, JsonLinesFormatter
from .text import TextFormatter

FORMATTERS: dict[str, type[Formatter]] = {f.name: f for f in (TextFormatter, JsonFormatter, JsonLinesFormatter)}

__all__ = ["FORMATTERS", "Formatter"]
