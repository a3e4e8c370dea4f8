"""Compiled regular expressions kept between runs: most of ticketlint's start-up.

The rule packs' phrase lists are merged into a few large alternations
(`patterns.compile_patterns`), some 250,000 characters of pattern text for
the four languages. `re` parses and translates them in pure Python at every
start: measured with cProfile, more than half of `ticketlint check` on a few
hundred messages. `compile` keeps what `re` makes of a pattern (the
arguments it hands to `_sre.compile`: flags, opcode list, group names) in
one file under the user's cache directory, keyed by the Python version and
the `_sre` engine's magic number; a later run passes them straight to
`_sre.compile`, which checks the opcodes itself. The pattern object is the
one `re.compile` would have made, so the matches are the same. A pattern not
in the cache is parsed and translated once (by `re`'s own steps, `_translate`)
and handed to `_sre.compile` the same way; a caller that assembles a pattern
from pieces it has parsed already (`patterns` does, for merged lists) passes
`translate` to skip parsing the whole again.

Where: `$TICKETLINT_CACHE_DIR`, else `$XDG_CACHE_HOME/ticketlint`, else
`~/.cache/ticketlint`; `TICKETLINT_CACHE_DIR=off` (or `0`, `none`) turns it
off. A cache that cannot be read or written is ignored (the patterns are
compiled as usual); entries are written once, when the process exits, with an
atomic rename, so concurrent runs never see half a file. A run reads the
file's index, then each entry when it is first asked for (`_lookup`). The file is bounded
(`_MAX_ENTRIES` entries, `_MAX_BYTES` bytes): beyond either, a save keeps only
the entries its run used, so old versions' patterns do not slow every start.

Beside the compiled patterns, the same file keeps *plans* (`plan`,
`keep_plan`): what a caller derived from its inputs before compiling, such
as the merged, dispatched and lower-cased alternation `patterns.compile_patterns`
builds from a pack list by parsing every phrase (as long again as compiling
it). A plan is keyed by a hash of its inputs and by a tag the caller derives
from its own source, so a changed algorithm never reads an old plan; a tag's
*family* is the part before its first '-' ("patterns-1a2b..."), and when a
run uses a family under a new tag, the plans of its old tags are dropped at
save (a new version or an edited source does not grow the file forever).
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import array
import atexit
import hashlib
import marshal
import os
import re
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from re import _compiler, _parser  # type: ignore[attr-defined]
from typing import Any

_OFF = {"off", "0", "none", "false", "no"}
_MAX_ENTRIES = 4096  # beyond this, only the entries this run used are kept
# Beyond this many bytes too: the whole file was read at every start (its index only since perf10), and one version's patterns for the four
# languages take ~21 MB. Entries are kept until a new version or an edited pack makes new ones, so upgrades and
# configurations (`extend-*` lists) once grew a developer's file to 317 MB, 3,228 entries, under the entry cap:
# every run then spent 0.6 s more CPU reading it, 3.9 s the first time (issue 13, perf8).
_MAX_BYTES = 64 * 1024 * 1024
_IMPL = sys.implementation.name == "cpython" and sys.version_info >= (3, 11)

# (flags, opcodes, groups - 1, group index, group names); the opcodes as the bytes of an
# array('I') (unmarshalled as one block, not a million small ints: half the load time)
Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
# What `_translate` gives: the same with the opcodes as a list, `_sre.compile`'s arguments
Translated = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
_PLAN = "\x00plan"  # first item of a plan's key: (_PLAN, tag, inputs); a pattern's key is (pattern, flags)

_lock = threading.Lock()
_entries: dict[Any, Any] | None = None  # None: not loaded yet; (pattern, flags) -> Entry, plans
_used: set[Any] = set()
_dirty = False
_registered: list[object] = []


# The cache file per (TICKETLINT_CACHE_DIR, XDG_CACHE_HOME, HOME): asked at every compile, and building
# the path each time was ~15 ms of a run over 5,000 threads. Read from the environment each time, so a
# changed variable is followed.
_FILES: dict[tuple[str, str, str], Path | None] = {}


def cache_file() -> Path | None:
    """The cache file of this Python, or None when caching is off."""
    environ = os.environ
    key = (environ.get("TICKETLINT_CACHE_DIR", ""), environ.get("XDG_CACHE_HOME", ""), environ.get("HOME", ""))
    try:
        return _FILES[key]
    except KeyError:
        found = _FILES[key] = _cache_file(key[0], key[1])
        return found


def _cache_file(where: str, xdg: str) -> Path | None:
    if where.strip().lower() in _OFF and where:
        return None
    if where:
        base = Path(where)
    else:
        base = (Path(xdg) if xdg else Path.home() / ".cache") / "ticketlint"
    tag = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-sre{_sre.MAGIC}"
    return base / f"regex-{tag}.marshal"


# The file: _MAGIC, the length of the index (8 bytes, little-endian), the index (marshal: key -> (offset, length)
# of its entry after the index), then each entry marshalled alone. A run reads the index and only the entries it
# asks for: a check of English text uses about half of the four languages' patterns, and unmarshalling the whole
# file (~28 MB) was ~30 ms of every start (perf10). A file of the older form (one marshalled dict) is still read.
_MAGIC = b"ticketlint-regex-cache-1\n"
_HEAD = len(_MAGIC) + 8  # the magic and the index's length
_index: dict[Any, tuple[int, int]] = {}  # the file's entries not read yet
_source: Any = None  # the open file they are read from (binary), or None
_base = 0  # where the entries start in it


def _index_size(head: bytes) -> int | None:
    """The length of the index after `head` (the file's first `_HEAD` bytes), or None for a file of the older form."""
    if head[: len(_MAGIC)] != _MAGIC:
        return None
    return int.from_bytes(head[len(_MAGIC) : _HEAD], "little")


def _open_index(path: Path) -> dict[Any, Any]:
    """The entries of an older file (all of them), or {} after opening an indexed one (its index kept)."""
    global _source, _base, _index
    fh = path.open("rb")
    try:
        size = _index_size(fh.read(_HEAD))
        if size is None:
            fh.seek(0)
            data = marshal.loads(fh.read())  # the older form: one dict
            fh.close()
            return data if isinstance(data, dict) else {}
        index = marshal.loads(fh.read(size))
        if not isinstance(index, dict):
            raise ValueError("not an index")
    except BaseException:
        fh.close()
        raise
    _index, _source, _base = index, fh, _HEAD + size
    return {}


def _load() -> dict[Any, Any]:
    """The entries read so far and this run's new ones (`_lookup` reads more from the file as they are asked)."""
    global _entries
    if _entries is None:
        loaded: dict[Any, Any] = {}
        path = cache_file()
        if path is not None:
            try:
                loaded = _open_index(path)
            except (OSError, ValueError, EOFError, TypeError):
                pass  # missing or unreadable: start afresh
        _entries = loaded
        if not _registered:
            _registered.append(atexit.register(save))
    return _entries


def _lookup(key: Any) -> Any:
    """The entry for `key` (None when there is none), read from the file at its first use (call under `_lock`)."""
    entries = _load()
    found = entries.get(key)
    if found is None and key in _index:
        offset, size = _index.pop(key)
        try:
            found = entries[key] = marshal.loads(_read_at(_base + offset, size))
        except (OSError, ValueError, EOFError, TypeError):
            found = None  # a damaged entry: made afresh
    return found


def _read_at(offset: int, size: int) -> bytes:
    """`size` bytes of the open file at `offset`. A positional read (`os.pread`) where there is one: forked
    workers share the file's offset with the parent and with each other, and a seek then a read could
    interleave with another process's and return another entry."""
    if _source is None:
        raise OSError("no cache file open")
    if hasattr(os, "pread"):
        return os.pread(_source.fileno(), size, offset)
    _source.seek(offset)  # no fork without pread (Windows): one process, under _lock
    return bytes(_source.read(size))


def _read_all(path: Path) -> dict[Any, Any]:
    """Every entry of the file at `path`, of either form ({} when it cannot be read)."""
    try:
        with path.open("rb") as fh:
            data = fh.read()
        size = _index_size(data[:_HEAD])
        if size is None:
            found = marshal.loads(data)
            return found if isinstance(found, dict) else {}
        view = memoryview(data)[_HEAD:]
        index = marshal.loads(view[:size])
        return {k: marshal.loads(view[size + o : size + o + n]) for k, (o, n) in index.items()}
    except (OSError, ValueError, EOFError, TypeError, AttributeError):
        return {}


def _dumps(entries: dict[Any, Any]) -> bytes:
    """The file's bytes for `entries` (see _MAGIC)."""
    parts: list[bytes] = []
    index: dict[Any, tuple[int, int]] = {}
    offset = 0
    for key, value in entries.items():
        blob = marshal.dumps(value)
        index[key] = (offset, len(blob))
        parts.append(blob)
        offset += len(blob)
    head = marshal.dumps(index)
    return b"".join([_MAGIC, len(head).to_bytes(8, "little"), head, *parts])


def _translate(pattern: str, flags: int) -> Translated:
    """What `re._compiler.compile` hands to `_sre.compile` (its own code, step for step): the entry,
    with the opcodes as a list. Raises re.error for a bad pattern, as `re.compile` does."""
    p = _parser.parse(pattern, flags)
    code = _compiler._code(p, flags)
    groupindex = dict(p.state.groupdict)
    indexgroup: list[str | None] = [None] * p.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    return (int(flags | p.state.flags), code, int(p.state.groups - 1), groupindex, tuple(indexgroup))


def compile(  # noqa: A001  (re.compile's name, on purpose)
    pattern: str, flags: int = 0, translate: Callable[[], Translated | None] | None = None
) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, from the cache when this Python compiled it before.

    `translate`: when the cache does not hold the pattern, a cheaper way to `_translate`'s result
    than parsing `pattern` (`patterns` assembles a merged list from its phrases, parsed once each),
    or None to parse after all; it must give exactly what `_translate(pattern, flags)` would."""
    global _dirty
    if not _IMPL or not isinstance(pattern, str) or flags & re.DEBUG:
        return re.compile(pattern, flags)
    caching = cache_file() is not None
    if not caching and translate is None:
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    entry = None
    if caching:
        with _lock:
            entry = _lookup(key)
    if entry is not None:
        try:
            code = array.array("I")
            code.frombytes(entry[1])  # TypeError for an entry of another form: compiled afresh below
            compiled: re.Pattern[str] = _sre.compile(pattern, entry[0], code.tolist(), entry[2], entry[3], entry[4])
            with _lock:
                _used.add(key)
            return compiled
        except (RuntimeError, TypeError, ValueError, IndexError, OverflowError):
            pass  # an entry the engine refuses: compile afresh, replace it
    # Parsed and translated once, by `re`'s own steps, and handed to `_sre.compile` as `re.compile`
    # would: compiling with `re.compile` and translating again for the cache parsed every pattern
    # twice, a third of a first run.
    made = None
    if translate is not None:
        try:
            made = translate()
        except Exception:  # noqa: BLE001  (the parse below decides, and raises re.error for a bad pattern)
            made = None
    try:
        made = made or _translate(pattern, int(flags))
        compiled = _sre.compile(pattern, made[0], made[1], made[2], made[3], made[4])
    except re.error:
        raise
    except Exception:  # noqa: BLE001  (an internal of `re` that changed: no caching, same result)
        return re.compile(pattern, flags)
    if not caching:
        return compiled
    entry = (made[0], array.array("I", made[1]).tobytes(), made[2], made[3], made[4])
    with _lock:
        _load()[key] = entry
        _used.add(key)
        _dirty = True
    return compiled


def _digest(inputs: tuple[Any, ...]) -> bytes:
    """A plan's key: a hash of its inputs (strings, numbers, tuples of them), not the phrases again."""
    return hashlib.blake2b(repr(inputs).encode("utf-8", "surrogatepass"), digest_size=20).digest()


def _stale(key: Any, tags: set[str]) -> bool:
    """A plan of a family this run used, under a tag this run did not use."""
    if not (isinstance(key, tuple) and len(key) == 3 and key[0] == _PLAN and isinstance(key[1], str)):
        return False
    family = key[1].split("-", 1)[0]
    return key[1] not in tags and any(t.split("-", 1)[0] == family for t in tags)


_TAGS: dict[str, str] = {}


def source_tag(name: str, source_file: str) -> str:
    """A plan tag for the module at `source_file`: `name` plus its source, hashed (once per process), so a
    plan made by other code, or by an older version of the module, is never read."""
    tag = _TAGS.get(source_file)
    if tag is None:
        try:
            source = Path(source_file).read_bytes()
        except OSError:
            source = repr(sys.version).encode()  # no source (a frozen build): the version decides
        tag = _TAGS[source_file] = f"{name}-" + hashlib.blake2b(source, digest_size=12).hexdigest()
    return tag


def plan(tag: str, inputs: tuple[Any, ...]) -> Any:
    """The plan kept for `inputs` under `tag` (see the module's docstring), or None.

    The caller checks its shape: a damaged file may hold anything."""
    if cache_file() is None:
        return None
    key = (_PLAN, tag, _digest(inputs))
    with _lock:
        found = _lookup(key)
        if found is not None:
            _used.add(key)
    return found


def keep_plan(tag: str, inputs: tuple[Any, ...], value: Any) -> None:
    """Keep `value` (marshal-able: strings, numbers, None, tuples) as the plan for `inputs` under `tag`."""
    global _dirty
    if cache_file() is None:
        return
    key = (_PLAN, tag, _digest(inputs))
    try:
        marshal.dumps((key, value))  # a value marshal refuses would make the whole file unwritable
    except ValueError:
        return
    with _lock:
        if _lookup(key) != value:
            _load()[key] = value
            _dirty = True
        _used.add(key)


def save() -> None:
    """Write this run's new entries (merged with the file's) atomically; errors are ignored."""
    global _dirty
    path = cache_file()
    with _lock:
        if not _dirty or _entries is None or path is None:
            return
        merged = _read_all(path)
        merged.update(_entries)
        tags = {k[1] for k in _used if isinstance(k, tuple) and len(k) == 3 and k[0] == _PLAN}
        if tags:
            merged = {k: v for k, v in merged.items() if not _stale(k, tags)}
        if len(merged) > _MAX_ENTRIES:
            merged = {k: v for k, v in _entries.items() if k in _used}
        try:
            blob = _dumps(merged)
            if len(blob) > _MAX_BYTES:  # keep what this run used: the next run like it reads only that
                blob = _dumps({k: v for k, v in _entries.items() if k in _used})
            path.parent.mkdir(parents=True, exist_ok=True)
            _close_source()  # Windows replaces no file held open (an entry asked after this is compiled afresh)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".regex-", suffix=".tmp")
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


def forked() -> None:
    """In a forked worker: what the parent compiled is the parent's to save (its `save` at exit), so the worker
    starts clean and writes the file at its own exit only if it compiled something itself (`runner._init_worker`;
    with what it inherited, the same entries the parent writes)."""
    global _dirty
    with _lock:
        _dirty = False


def _close_source() -> None:
    """Close the file the entries are read from (call under `_lock`)."""
    global _source, _index
    if _source is not None:
        _source.close()
    _source, _index = None, {}


def _reset_for_tests() -> None:
    """Forget what was loaded (the next `compile` reads the file again)."""
    global _entries, _dirty
    with _lock:
        _entries = None
        _used.clear()
        _dirty = False
        _close_source()

