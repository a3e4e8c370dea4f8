"""Output formats, registered by name.

`FORMATTERS` maps each name to its class, imported when first looked up: a run
imports the one formatter it writes with (the others and their helpers were a
few tens of milliseconds of every start).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping

from .base import Formatter

# name -> (module in this package, class)
_WHERE: dict[str, tuple[str, str]] = {
    "text": ("text", "TextFormatter"),
    "json": ("jsonfmt", "JsonFormatter"),
    "jsonl": ("jsonfmt", "JsonLinesFormatter"),
    "csv": ("csvfmt", "CsvFormatter"),
    "markdown": ("markdown", "MarkdownFormatter"),
    "html": ("htmlfmt", "HtmlFormatter"),
    "concise": ("concise", "ConciseFormatter"),
    "github": ("github", "GithubFormatter"),
    "gitlab": ("gitlab", "GitlabFormatter"),
    "junit": ("junit", "JunitFormatter"),
    "sarif": ("sarif", "SarifFormatter"),
}


class _Formatters(Mapping[str, type[Formatter]]):
    """The formats by name, in `_WHERE`'s order; a class is imported on its first lookup."""

    def __init__(self) -> None:
        self._loaded: dict[str, type[Formatter]] = {}

    def __getitem__(self, name: str) -> type[Formatter]:
        cls = self._loaded.get(name)
        if cls is None:
            module, attr = _WHERE[name]  # KeyError for an unknown name, as a dict
            cls = getattr(importlib.import_module(f"{__name__}.{module}"), attr)
            assert isinstance(cls, type) and issubclass(cls, Formatter) and cls.name == name, name
            self._loaded[name] = cls
        return cls

    def __iter__(self) -> Iterator[str]:
        return iter(_WHERE)

    def __len__(self) -> int:
        return len(_WHERE)

    def __contains__(self, name: object) -> bool:
        return name in _WHERE


FORMATTERS: Mapping[str, type[Formatter]] = _Formatters()

__all__ = ["FORMATTERS", "Formatter"]
