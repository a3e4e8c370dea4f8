"""The methods `dataclasses` writes for each dataclass, compiled once and kept between runs.

`@dataclass` builds `__init__`, `__repr__`, `__eq__`, `__hash__` and the frozen
`__setattr__` of every class as Python source and compiles it with `exec`:
ticketlint defines some eighty dataclasses, and compiling their ~480 small
functions was about a third of a warm start's CPU (measured: 0.13 s of 0.40 s
of importing the CLI and building a Linter). `install()` wraps
`dataclasses._create_fn` so that the source text it would `exec` is looked up
in a file beside the regex cache (`recache.cache_file`'s folder) and its code
object reused; the function made from it is the one `exec` would have made
(the same source, file name "<string>" and compiler flags), so every class
behaves the same. New entries are written once, at exit, atomically.

Only on the CPython versions whose `_create_fn` this replicates (3.11, 3.12),
checked by its variable names; anywhere else, or with the cache turned off
(`TICKETLINT_CACHE_DIR=off`), nothing is installed. Like `__pycache__`, the file
holds compiled code: it lives in the user's own cache folder.
"""

from __future__ import annotations

import atexit
import dataclasses
import marshal
import os
import sys
from collections.abc import Callable
from typing import Any

_OFF = {"off", "0", "none", "false", "no"}
_MAX_ENTRIES = 4096
# The variables of CPython 3.11's and 3.12's dataclasses._create_fn, which `_create_fn` below replicates
_EXPECTED = ("name", "args", "body", "globals", "locals", "return_type", "return_annotation", "txt", "local_vars", "ns")

_codes: dict[str, Any] = {}
_dirty = False
_installed: list[Callable[..., Any]] = []


def cache_path() -> str | None:
    """The file of this Python's compiled dataclass methods, or None when caching is off."""
    where = os.environ.get("TICKETLINT_CACHE_DIR", "")
    if where and where.strip().lower() in _OFF:
        return None
    if not where:
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        where = os.path.join(xdg or os.path.join(os.path.expanduser("~"), ".cache"), "ticketlint")
    return os.path.join(where, f"dataclasses-{sys.implementation.cache_tag}-{sys.hexversion:x}.marshal")


def _compiled(txt: str) -> Any:
    global _dirty
    code = _codes.get(txt)
    if code is None:
        code = _codes[txt] = compile(txt, "<string>", "exec", dont_inherit=True)
        _dirty = True
    return code


def _create_fn(name: str, args: list[str], body: list[str], *, globals: dict[str, Any] | None = None,  # noqa: A002
               locals: dict[str, Any] | None = None, return_type: Any = dataclasses.MISSING) -> Any:  # noqa: A002
    """CPython 3.11's `dataclasses._create_fn`, with the compiled source looked up first."""
    if locals is None:
        locals = {}
    return_annotation = ""
    if return_type is not dataclasses.MISSING:
        locals["_return_type"] = return_type
        return_annotation = "->_return_type"
    joined = ",".join(args)
    lines = "\n".join(f"  {b}" for b in body)
    txt = f" def {name}({joined}){return_annotation}:\n{lines}"
    local_vars = ", ".join(locals.keys())
    txt = f"def __create_fn__({local_vars}):\n{txt}\n return {name}"
    ns: dict[str, Any] = {}
    exec(_compiled(txt), globals, ns)  # noqa: S102  (what dataclasses does, with the code compiled once)
    return ns["__create_fn__"](**locals)


def install() -> None:
    """Use the kept code for dataclasses defined from now on (once per process; see the module's docstring)."""
    if _installed or sys.implementation.name != "cpython" or sys.version_info[:2] not in ((3, 11), (3, 12)):
        return
    original = getattr(dataclasses, "_create_fn", None)
    if original is None or getattr(getattr(original, "__code__", None), "co_varnames", None) != _EXPECTED:
        return  # not the function this module replicates
    path = cache_path()
    if path is None:
        return
    try:
        with open(path, "rb") as fh:
            data = marshal.load(fh)
        if isinstance(data, dict):
            _codes.update((k, v) for k, v in data.items() if isinstance(k, str) and type(v) is type(install.__code__))
    except (OSError, ValueError, EOFError, TypeError):
        pass
    _installed.append(original)
    dataclasses._create_fn = _create_fn  # type: ignore[attr-defined]
    atexit.register(save)


def save() -> None:
    """Write the compiled methods when this run compiled new ones (atomically; errors are ignored)."""
    global _dirty
    path = cache_path()
    if not _dirty or path is None:
        return
    import tempfile

    entries = _codes if len(_codes) <= _MAX_ENTRIES else {}
    try:
        blob = marshal.dumps(entries)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".dataclasses-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, ValueError):
        return
    _dirty = False


def uninstall() -> None:
    """Put `dataclasses._create_fn` back (tests)."""
    if _installed:
        dataclasses._create_fn = _installed.pop()  # type: ignore[attr-defined]
