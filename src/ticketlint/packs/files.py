"""Where the pack files are and how they are parsed: the built-in rules/ folder plus organisation packs.

Rule packs and lexicons are TOML so that a support team can read and extend
them without touching Python. Every load is cached: a file is parsed once per
process, however many tickets are linted.

This module imports nothing else of ticketlint: `model.LANGUAGES` is derived
from the folders found here (`languages()`), so it must not need it.

Two kinds of folder share one layout (`<CODE>.toml` data rules at the top,
`<lang>/<name>.toml` language packs below):

- the built-in packs, `ticketlint.rules` (or the rules/ folder of the source
  checkout this module runs from); the environment variable
  `TICKETLINT_RULES_DIR` replaces them with another folder of the same layout
  (a language being written, the test that adds a made-up language);
- organisation packs (`packs = ["./support-style"]` in the config), activated
  once per process by `activate()` before the first pack is read: their
  `<lang>/<name>.toml` files EXTEND the built-in file of the same name (lists
  are appended, tables updated, texts replaced), their `<CODE>.toml` files
  are more data rules. They add no language: a language is a built-in
  folder holding a `language.toml`.
"""

from __future__ import annotations

import functools
import marshal
import os
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from .. import recache

ENV_RULES_DIR = "TICKETLINT_RULES_DIR"


class PackError(Exception):
    """A rule pack or lexicon is malformed; the message names the file."""


@functools.cache
def _rules_root() -> Any:
    """The built-in packs: `$TICKETLINT_RULES_DIR`, the rules/ folder of this source checkout, or `ticketlint.rules`.

    A checkout run with `PYTHONPATH=src` (the benches, a second worktree beside an editable
    install) must read its own packs, not those the editable install's finder maps
    `ticketlint.rules` to.
    """
    override = os.environ.get(ENV_RULES_DIR)
    if override:
        root = Path(override)
        if not root.is_dir():
            raise PackError(f"{ENV_RULES_DIR}={override}: not a folder")
        return root
    here = Path(__file__).resolve().parent.parent
    checkout = here.parent.parent / "rules"
    if here.parent.name == "src" and (checkout / "__init__.py").is_file():
        return checkout
    return resources.files("ticketlint.rules")


@functools.cache
def languages() -> tuple[str, ...]:
    """The languages: the built-in folders `rules/<lang>/` holding a `language.toml`, sorted."""
    root = _rules_root()
    return tuple(sorted(
        p.name for p in root.iterdir()
        if p.is_dir() and not p.name.startswith(("_", ".")) and p.joinpath("language.toml").is_file()
    ))


# The organisation packs of this process (activate()); and whether a pack was read already.
_ORG_ROOTS: tuple[Path, ...] = ()
_READ = False


def activate(roots: Sequence[Path]) -> None:
    """Use the organisation pack folders `roots` (in order) beside the built-in packs.

    The pack set is fixed for a process once a pack has been read: every
    compiled pattern downstream is cached, so changing it later could mix two
    sets. Activating the same set again is a no-op; another one is an error.
    """
    global _ORG_ROOTS
    wanted = tuple(Path(r).resolve() for r in roots)
    if wanted == _ORG_ROOTS:
        return
    if _READ:
        raise PackError("the organisation packs of a process are fixed once a pack has been read "
                        f"(active: {', '.join(map(str, _ORG_ROOTS)) or 'none'}; asked: {', '.join(map(str, wanted)) or 'none'})")
    for root in wanted:
        if not root.is_dir():
            raise PackError(f"{root}: organisation pack folder not found")
    _ORG_ROOTS = wanted


_CLEARERS: list[Callable[[], None]] = []


def on_reset(clear: Callable[[], None]) -> None:
    """Register a cache of pack-derived data that `reset` must drop (packs/api.py, checks/types/)."""
    _CLEARERS.append(clear)


def reset(roots: Sequence[Path] = ()) -> None:
    """Tests only: forget every parsed pack and use the organisation packs `roots`.

    Drops the caches of the pack API and of the data rule types; the code
    rules' own caches are not dropped, so a test may only use it with rules
    that have not read the packs it changes.
    """
    global _ORG_ROOTS, _READ
    for cached in (_rules_root, languages, _builtin, _org, load_toml):
        cached.cache_clear()
    for clear in _CLEARERS:
        clear()
    _ORG_ROOTS, _READ = tuple(Path(r).resolve() for r in roots), False


def org_roots() -> tuple[Path, ...]:
    return _ORG_ROOTS


def _parse(text: str, where: str) -> dict[str, Any]:
    """The TOML table of a pack file. What `tomllib` made of the same text is kept between runs
    (`recache.plan`, keyed by a hash of the text): parsing the ~90 built-in files took a tenth of a
    second at every start."""
    kept = recache.plan("toml", (text,))
    if isinstance(kept, bytes):
        try:
            table = marshal.loads(kept)  # a fresh copy each time: callers own what they get
        except (ValueError, EOFError, TypeError):
            table = None
        if isinstance(table, dict):
            return table
    import tomllib  # here: a warm start reads every pack from the cache and never needs it

    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PackError(f"{where}: {exc}") from None
    try:
        recache.keep_plan("toml", (text,), marshal.dumps(table))
    except ValueError:
        pass  # a value marshal cannot hold (a TOML date): parsed at every start
    return table


@functools.cache
def _builtin(relpath: str) -> dict[str, Any]:
    global _READ
    _READ = True
    node = _rules_root().joinpath(relpath)
    if not node.is_file():
        return {}
    return _parse(node.read_text(encoding="utf-8"), f"rules/{relpath}")


def builtin_schema(relpath: str) -> dict[str, Any]:
    """A built-in file read as a schema when a module is imported (notices.py: the English catalogue is the
    schema of the others): not a pack read for linting, so the organisation packs may still be activated after."""
    node = _rules_root().joinpath(relpath)
    return _parse(node.read_text(encoding="utf-8"), f"rules/{relpath}") if node.is_file() else {}


@functools.cache
def _org(root: Path, relpath: str) -> dict[str, Any] | None:
    path = root / relpath
    if not path.is_file():
        return None
    return _parse(path.read_text(encoding="utf-8"), str(path))


def builtin_exists(relpath: str) -> bool:
    return bool(_rules_root().joinpath(relpath).is_file())


def sources(relpath: str) -> list[tuple[str, dict[str, Any]]]:
    """Every file that contributes to `rules/<relpath>`: (name shown in errors, parsed table), built-in first."""
    out: list[tuple[str, dict[str, Any]]] = []
    if builtin_exists(relpath):
        out.append((f"rules/{relpath}", _builtin(relpath)))
    for root in _ORG_ROOTS:
        data = _org(root, relpath)
        if data is not None:
            out.append((str(root / relpath), data))
    return out


def merge(tables: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Organisation files extend the built-in one: lists appended, tables updated, anything else replaced."""
    if len(tables) == 1:
        return tables[0]
    out: dict[str, Any] = {}
    for table in tables:
        for key, value in table.items():
            old = out.get(key)
            if isinstance(old, list) and isinstance(value, list):
                out[key] = old + value
            elif isinstance(old, dict) and isinstance(value, dict):
                out[key] = {**old, **value}
            else:
                out[key] = value
    return out


@functools.cache
def load_toml(relpath: str) -> dict[str, Any]:
    """`rules/<relpath>` with the organisation packs' files of the same path merged in; missing: an empty table."""
    found = sources(relpath)
    if not found:
        global _READ
        _READ = True
        return {}
    return merge([data for _, data in found])


def lexicon(lang: str, name: str) -> dict[str, Any]:
    """The per-language data file `rules/<lang>/<name>.toml` (organisation extensions merged)."""
    return load_toml(f"{lang}/{name}.toml")


def lexicon_all(name: str) -> dict[str, dict[str, Any]]:
    """`rules/<lang>/<name>.toml` for every language."""
    return {lang: lexicon(lang, name) for lang in languages()}


def pack_files() -> list[str]:
    """Names of the built-in data rule definitions `rules/*.toml`."""
    return sorted(p.name for p in _rules_root().iterdir() if p.name.endswith(".toml") and p.is_file())


def builtin_rule(fname: str) -> dict[str, Any]:
    """A built-in data rule `rules/<CODE>.toml` (never merged: an organisation's `<CODE>.toml` is its own rule)."""
    return _builtin(fname)


def org_rule_files() -> list[Path]:
    """The organisation packs' data rules `<root>/*.toml`, folder by folder."""
    return [p for root in _ORG_ROOTS for p in sorted(root.glob("*.toml")) if p.is_file()]


def org_rule(path: Path) -> dict[str, Any]:
    return _org(path.parent, path.name) or {}


def str_list(table: dict[str, Any], key: str, where: str) -> list[str]:
    """A list of strings from a pack table, or a PackError naming file and key."""
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PackError(f"{where}: '{key}' must be a list of strings")
    return value
