"""Per-path settings: `exclude`, `per-file-ignores` and the role of plain-text files, by glob.

A repository of canned replies keeps agent text in `replies/`, notes in
`internal/` and drafts nobody should gate on; one role and one selection for
every file cannot say that. Globs are read as ruff and .gitignore read them:

- a glob without `/` (`drafts`, `*.tmp.md`) matches any one component of
  the path: a file of that name, or a directory of that name and everything
  under it;
- a glob with `/` (`replies/**`, `internal/*.md`) is anchored at the
  project root (the folder of the configuration file, else the current
  directory) and matches the path or one of its parent directories; `**`
  is a whole component and stands for any number of them.

Matching needs no regular expression of ours: components are compared with
`fnmatch` (linear in a component for the patterns it builds) and `**` by a
walk over the components (a set of positions in the glob, advanced once per
component), so a path of any depth costs time proportional to its length.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import Any

from .model import Role, SaidError, said

# Never a ticket: version control, virtual environments, caches and packages (ruff's defaults, in short).
DEFAULT_EXCLUDE = (
    ".git", ".hg", ".svn", ".bzr", ".venv", "venv", ".tox", ".nox", "node_modules", "site-packages",
    "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache",
)


class GlobError(SaidError):
    """A glob that cannot be read; the message says why (the caller names the key): a catalogue text (`glob.*`)."""


@dataclass(frozen=True, slots=True)
class Glob:
    """One glob, split into path components (`**` kept as a component of its own)."""

    text: str
    parts: tuple[str, ...]
    anchored: bool  # has a '/': matched from the project root, else against every component

    @classmethod
    def parse(cls, text: str) -> "Glob":
        if not isinstance(text, str) or not text.strip():
            raise GlobError(said("glob.empty"))
        cleaned = text.strip().replace("\\", "/")
        if cleaned.startswith("./"):
            cleaned = cleaned[2:]
        anchored = "/" in cleaned.rstrip("/")
        parts = tuple(p for p in cleaned.strip("/").split("/") if p not in ("", "."))
        if not parts:
            raise GlobError(said("glob.no_path", glob=repr(text)))
        for part in parts:
            if part == "..":
                raise GlobError(said("glob.dotdot", glob=repr(text)))
            if "**" in part and part != "**":
                raise GlobError(said("glob.doublestar", glob=repr(text)))
            if not _brackets_closed(part):
                raise GlobError(said("glob.bracket", glob=repr(text)))
        return cls(text, parts, anchored)

    def matches(self, rel: tuple[str, ...] | None, components: tuple[str, ...]) -> bool:
        """Whether the glob matches a path: `rel` its components from the project root (None: outside it),
        `components` every component to try an unanchored glob on."""
        if not self.anchored:
            pattern = self.parts[0]
            return pattern == "**" or any(fnmatchcase(c, pattern) for c in components)
        return rel is not None and _prefix_match(self.parts, rel)


def _brackets_closed(part: str) -> bool:
    i = 0
    while i < len(part):
        if part[i] == "[":
            j = part.find("]", i + 2)  # "[]...]": a ']' first in the set is a character of it
            if j == -1:
                return False
            i = j
        i += 1
    return True


def _closure(parts: tuple[str, ...], states: set[int]) -> set[int]:
    """Add the positions reached by letting a `**` match no component."""
    out = set(states)
    todo = list(states)
    while todo:
        k = todo.pop()
        if k < len(parts) and parts[k] == "**" and k + 1 not in out:
            out.add(k + 1)
            todo.append(k + 1)
    return out


def _prefix_match(parts: tuple[str, ...], path: tuple[str, ...]) -> bool:
    """Whether the glob matches `path` or one of its parent directories (so a directory's glob covers its files).

    An NFA walk: at most len(parts)+1 positions per component, each advanced once.
    """
    end = len(parts)
    first = parts[0]
    if path and first != "**" and not any(c in first for c in "*?[") and path[0] != first:
        return False  # most paths of a walk: the glob's first folder is not theirs
    states = _closure(parts, {0})
    for component in path:
        nxt: set[int] = set()
        for k in states:
            if k == end:
                continue
            if parts[k] == "**":
                nxt.add(k)
            elif fnmatchcase(component, parts[k]):
                nxt.add(k + 1)
        states = _closure(parts, nxt)
        if end in states:
            return True
        if not states:
            return False
    return False


@dataclass(frozen=True, slots=True)
class _GlobSet:
    """Globs sorted for speed: plain names in a set, the other unanchored globs, the anchored ones."""

    names: frozenset[str]
    wild: tuple[str, ...]
    anchored: tuple[Glob, ...]

    def matches(self, rel: tuple[str, ...] | None, components: tuple[str, ...]) -> bool:
        if any(c in self.names for c in components):
            return True
        if self.wild and any(fnmatchcase(c, w) for w in self.wild for c in components):
            return True
        return rel is not None and any(_prefix_match(g.parts, rel) for g in self.anchored)


@functools.cache
def _globset(globs: tuple[Glob, ...]) -> _GlobSet:
    """Built once per set of globs: a walk asks about every entry it meets (17 globs, ~150 µs an entry unsorted)."""
    loose = [g.parts[0] for g in globs if not g.anchored]
    return _GlobSet(frozenset(p for p in loose if not any(c in p for c in "*?[")),
                    tuple(p for p in loose if any(c in p for c in "*?[")),
                    tuple(g for g in globs if g.anchored))


@dataclass(frozen=True, slots=True)
class PathRules:
    """What the configuration says about paths; `root` None means the current directory."""

    root: str | None = None
    exclude: tuple[Glob, ...] = ()
    force_exclude: bool = False  # apply `exclude` to paths named on the command line too (as ruff)
    per_file_ignores: tuple[tuple[Glob, tuple[str, ...]], ...] = ()
    roles: tuple[tuple[Glob, Role], ...] = ()
    defaults: tuple[Glob, ...] = tuple(Glob.parse(g) for g in DEFAULT_EXCLUDE)
    _excludes: _GlobSet | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_excludes", _globset((*self.defaults, *self.exclude)))

    def _where(self, path: str, anchored: bool = True) -> tuple[tuple[str, ...] | None, tuple[str, ...]]:
        if not anchored:  # no glob needs the path from the root: its components as given are enough
            return None, tuple(p for p in os.path.normpath(path).replace("\\", "/").split("/") if p not in ("", ".", ".."))
        absolute = os.path.abspath(path)
        root = os.path.abspath(self.root or os.getcwd())
        if absolute == root:
            rel = "."
        elif absolute.startswith(root.rstrip(os.sep) + os.sep):
            rel = absolute[len(root.rstrip(os.sep)) + 1 :]
        else:
            rel = ".."
        if rel == "..":
            given = tuple(p for p in os.path.normpath(path).replace("\\", "/").split("/") if p not in ("", ".", ".."))
            return None, given
        parts = tuple(p for p in rel.split(os.sep) if p not in ("", "."))
        return parts, parts

    def excluded(self, path: str, *, walked: bool = False) -> bool:
        """Whether `path` (a file or a directory) is left out of directory walks (and, with force_exclude,
        of the command line).

        `walked`: an entry met in a walk, whose parent folders were checked on the way down; a glob
        without '/' is tried on its own name only, so that a folder named on the command line is
        walked even when its name is excluded (ruff does the same).
        """
        globs = self._excludes
        assert globs is not None
        if walked and not globs.anchored:
            name = os.path.basename(path.rstrip("/\\")) or path
            return name in globs.names or any(fnmatchcase(name, w) for w in globs.wild)
        rel, components = self._where(path, bool(globs.anchored))
        if walked:
            components = components[-1:]
        return globs.matches(rel, components)

    def role(self, path: str, default: Role) -> Role:
        """The role of a plain-text file: the last glob of `roles` that matches (as in .gitattributes)."""
        if not self.roles:
            return default
        rel, components = self._where(path)
        found = default
        for glob, role in self.roles:
            if glob.matches(rel, components):
                found = role
        return found

    def ignored(self, path: str) -> tuple[str, ...]:
        """The selectors `per-file-ignores` leaves out for `path` (every matching glob's)."""
        if not self.per_file_ignores:
            return ()
        rel, components = self._where(path)
        out: list[str] = []
        for glob, selectors in self.per_file_ignores:
            if glob.matches(rel, components):
                out.extend(selectors)
        return tuple(out)


def parse_path_rules(table: Mapping[str, Any], root: str | None, where: Any) -> PathRules:
    """Read `exclude`, `force-exclude`, `per-file-ignores` and `roles` from a settings table.

    `where(key, problem)` builds the error naming the key (config._err with the file and prefix).
    """
    exclude: list[Glob] = []
    if "exclude" in table:
        raw = table["exclude"]
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list):
            raise where("exclude", said("glob.list"))
        for i, text in enumerate(raw):
            exclude.append(_glob(text, where, f"exclude[{i}]"))
    force = False
    if "force-exclude" in table:
        if not isinstance(table["force-exclude"], bool):
            raise where("force-exclude", said("config.bool"))
        force = table["force-exclude"]
    ignores: list[tuple[Glob, tuple[str, ...]]] = []
    if "per-file-ignores" in table:
        raw = table["per-file-ignores"]
        if not isinstance(raw, dict):
            raise where("per-file-ignores", said("glob.ignores_table"))
        for text, codes in raw.items():
            key = f"per-file-ignores.{_quoted(text)}"
            if isinstance(codes, str):
                codes = [codes]
            if not isinstance(codes, list) or not codes or not all(isinstance(c, str) and c.strip() for c in codes):
                raise where(key, said("glob.ignores_codes"))
            ignores.append((_glob(text, where, key), tuple(c.strip() for c in codes)))
    roles: list[tuple[Glob, Role]] = []
    if "roles" in table:
        raw = table["roles"]
        if not isinstance(raw, dict):
            raise where("roles", said("glob.roles_table"))
        for text, value in raw.items():
            key = f"roles.{_quoted(text)}"
            try:
                role = Role.parse(value) if isinstance(value, str) else None
            except ValueError:
                role = None
            if role is None:
                raise where(key, said("map.roles_not", value=repr(value)[:80]))
            roles.append((_glob(text, where, key), role))
    return PathRules(root=root, exclude=tuple(exclude), force_exclude=force, per_file_ignores=tuple(ignores),
                     roles=tuple(roles))


def _quoted(text: str) -> str:
    return f'"{text}"' if any(c in text for c in './*?[] ') else text


def _glob(text: Any, where: Any, key: str) -> Glob:
    try:
        return Glob.parse(text)
    except GlobError as exc:
        raise where(key, exc.said) from None
