"""The methods `dataclasses` writes for ticketlint's classes, compiled once and kept between runs.

`@dataclass` writes the source of each class's `__init__`, `__repr__`,
`__eq__`, `__hash__` and (frozen) `__setattr__`/`__delattr__` and compiles it
with `exec` at import: ticketlint defines ~80 dataclasses, ~480 such
functions, and compiling their text was ~45 ms of every start (~0.07 s with
the rest of `dataclasses`' work; a `check` of one ticket takes ~0.33 s of CPU).
The text depends only on the class, so the code object `compile` makes of it
is the same at every start: `install` has `dataclasses` run a cached one, kept
in a small file beside the regex cache (`recache.cache_file`), keyed by the
text itself and by the Python version (the file's name). Running the cached
code object is what `exec` of the text does, so the classes are the same.

Only classes of ticketlint's own modules are served (the `globals` dataclasses
passes are the defining module's); any other text is compiled as usual and
not kept. With caching off (`TICKETLINT_CACHE_DIR=off`), or a file that cannot
be read or written, the text is compiled as before.
"""

from __future__ import annotations

import atexit
import builtins
import dataclasses
import marshal
import os
import tempfile
import threading
import types
from pathlib import Path
from typing import Any

_PACKAGE = __name__.rpartition(".")[0]  # "ticketlint"
_lock = threading.Lock()
_codes: dict[str, types.CodeType] | None = None  # None: not loaded yet
_used: set[str] = set()  # the texts this run asked for
_dirty = False


_FILES: dict[Path, Path] = {}  # the regex cache's file -> this one's (asked for every generated function)


def _file() -> Path | None:
    from . import recache  # here: `import ticketlint` installs this module and stays cheap

    regex = recache.cache_file()
    if regex is None:
        return None
    found = _FILES.get(regex)
    if found is None:
        found = _FILES[regex] = regex.with_name("dataclass-" + regex.name.removeprefix("regex-"))
    return found


def _load(path: Path) -> dict[str, types.CodeType]:
    global _codes
    if _codes is None:
        codes: dict[str, types.CodeType] = {}
        try:
            data = marshal.loads(path.read_bytes())
            if isinstance(data, dict):
                codes = {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, types.CodeType)}
        except (OSError, ValueError, EOFError, TypeError):
            pass  # missing or unreadable: compile afresh
        _codes = codes
        atexit.register(save)
    return _codes


def _compile(source: str) -> types.CodeType:
    """What `exec(source)` called from `dataclasses` compiles: that module has no `__future__` imports, and
    this one's (`annotations`) must not reach the generated functions (`dont_inherit`)."""
    return compile(source, "<string>", "exec", dont_inherit=True)


def cached_exec(source: Any, globals: dict[str, Any] | None = None, locals: Any = None) -> None:  # noqa: A002
    """`exec(source, globals, locals)`, with the code object of a ticketlint class's generated text kept."""
    global _dirty
    if not isinstance(source, str):
        builtins.exec(source, globals, locals)  # noqa: S102 - dataclasses' own call, as it was
        return
    path = _file() if globals is not None and str(globals.get("__name__", "")).startswith(_PACKAGE) else None
    if path is None:
        builtins.exec(_compile(source), globals, locals)  # noqa: S102 - dataclasses' own text, as it was
        return
    with _lock:
        code = _load(path).get(source)
        _used.add(source)
    if code is None:
        code = _compile(source)
        with _lock:
            _load(path)[source] = code
            _dirty = True
    builtins.exec(code, globals, locals)  # noqa: S102 - a code object compiled from dataclasses' text


def install() -> None:
    """Have `dataclasses` compile through `cached_exec` (its module-level `exec` name, looked up at each call)."""
    if getattr(dataclasses, "exec", None) is None:
        dataclasses.exec = cached_exec  # type: ignore[attr-defined]


def save() -> None:
    """Write the code objects of this run's new texts (merged with the file's) atomically; errors are ignored."""
    global _dirty
    path = _file()
    with _lock:
        if not _dirty or _codes is None or path is None:
            return
        merged: dict[str, types.CodeType] = {}
        try:
            data = marshal.loads(path.read_bytes())
            if isinstance(data, dict):
                merged.update(data)
        except (OSError, ValueError, EOFError, TypeError):
            pass
        merged.update(_codes)
        if len(merged) > 2 * len(_used) + 256:  # texts of older versions piling up: keep this run's
            merged = {k: v for k, v in merged.items() if k in _used}
        try:
            blob = marshal.dumps(merged)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".dataclass-", suffix=".tmp")
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
