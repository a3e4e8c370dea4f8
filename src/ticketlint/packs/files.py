"""Loading of the data files shipped under `ticketlint/rules/` (package data).

Rule packs and lexicons are TOML so that a support team can read and extend
them without touching Python. Every load is cached: a file is parsed once per
process, however many tickets are linted.
"""

from __future__ import annotations

import functools
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from ..model import LANGUAGES


class PackError(Exception):
    """A rule pack or lexicon is malformed; the message names the file."""


@functools.cache
def _rules_root() -> Any:
    """The packs: `ticketlint.rules`, or the rules/ folder of the source checkout this module runs from.

    A checkout run with `PYTHONPATH=src` (the benches, a second worktree beside an editable
    install) must read its own packs, not those the editable install's finder maps
    `ticketlint.rules` to.
    """
    here = Path(__file__).resolve().parent.parent
    checkout = here.parent.parent / "rules"
    if here.parent.name == "src" and (checkout / "__init__.py").is_file():
        return checkout
    return resources.files("ticketlint.rules")


@functools.cache
def load_toml(relpath: str) -> dict[str, Any]:
    """Parse `rules/<relpath>`; a missing file is an empty table."""
    node = _rules_root().joinpath(relpath)
    if not node.is_file():
        return {}
    try:
        return tomllib.loads(node.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise PackError(f"rules/{relpath}: {exc}") from None


def lexicon(lang: str, name: str) -> dict[str, Any]:
    """The per-language data file `rules/<lang>/<name>.toml`."""
    return load_toml(f"{lang}/{name}.toml")


def lexicon_all(name: str) -> dict[str, dict[str, Any]]:
    """`rules/<lang>/<name>.toml` for every supported language."""
    return {lang: lexicon(lang, name) for lang in LANGUAGES}


def pack_files() -> list[str]:
    """Names of the language-neutral data rule definitions `rules/*.toml`."""
    return sorted(p.name for p in _rules_root().iterdir() if p.name.endswith(".toml") and p.is_file())


def str_list(table: dict[str, Any], key: str, where: str) -> list[str]:
    """A list of strings from a pack table, or a PackError naming file and key."""
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PackError(f"{where}: '{key}' must be a list of strings")
    return value
