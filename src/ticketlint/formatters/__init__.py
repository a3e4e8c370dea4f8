"""Output formats, registered by name."""

from __future__ import annotations

from .base import Formatter
from .csvfmt import CsvFormatter
from .htmlfmt import HtmlFormatter
from .jsonfmt import JsonFormatter, JsonLinesFormatter
from .markdown import MarkdownFormatter
from .text import TextFormatter

FORMATTERS: dict[str, type[Formatter]] = {
    f.name: f for f in (TextFormatter, JsonFormatter, JsonLinesFormatter, CsvFormatter, MarkdownFormatter, HtmlFormatter)
}

__all__ = ["FORMATTERS", "Formatter"]
