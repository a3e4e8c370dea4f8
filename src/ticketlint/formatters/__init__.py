"""Output formats, registered by name."""

from __future__ import annotations

from .base import Formatter
from .concise import ConciseFormatter
from .csvfmt import CsvFormatter
from .github import GithubFormatter
from .gitlab import GitlabFormatter
from .htmlfmt import HtmlFormatter
from .jsonfmt import JsonFormatter, JsonLinesFormatter
from .junit import JunitFormatter
from .markdown import MarkdownFormatter
from .sarif import SarifFormatter
from .text import TextFormatter

FORMATTERS: dict[str, type[Formatter]] = {
    f.name: f for f in (TextFormatter, JsonFormatter, JsonLinesFormatter, CsvFormatter, MarkdownFormatter, HtmlFormatter,
                        ConciseFormatter, GithubFormatter, GitlabFormatter, JunitFormatter, SarifFormatter)
}

__all__ = ["FORMATTERS", "Formatter"]
