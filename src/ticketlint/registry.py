"""One registry of rules: built-in modules, data packs and plugins.

Codes, names and aliases share one namespace and must be unique: a clash is
an error at load time, never a silent override. Third-party rules register
through the entry-point group `ticketlint.rules`; an entry point may name a
rule class, a rule instance, or a callable returning an iterable of rules.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterable, Iterator
from typing import Any

from . import recache
from .checks.base import BaseRule, Rule
from .model import RuleMeta, SaidError, said

ENTRY_POINT_GROUP = "ticketlint.rules"
_CODE = recache.compile(r"^[A-Z]{1,5}\d{3,4}$")


class RegistryError(Exception):
    """Duplicate or malformed rule registration; the message names the rule."""


class SelectionError(SaidError):
    """A selector (code, prefix, name, group) matches no rule: a catalogue text (`select.*`), said in the run's
    locale by the CLI; `str()` is its English."""


class Registry:
    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}
        self._names: dict[str, str] = {}  # name or alias (lower) -> code

    def register(self, rule: Rule, origin: str = "") -> None:
        meta = getattr(rule, "meta", None)
        if not isinstance(meta, RuleMeta) or not callable(getattr(rule, "check", None)):
            raise RegistryError(f"{origin or rule!r}: not a rule (needs `meta: RuleMeta` and `check(ctx)`)")
        if not _CODE.match(meta.code):
            raise RegistryError(f"{origin}: rule code {meta.code!r} is not of the form ABC123")
        if meta.code in self._rules:
            raise RegistryError(f"{origin}: duplicate rule code {meta.code}")
        for label in (meta.name, *meta.aliases):
            key = label.lower()
            if key in self._names or key.upper() in self._rules:
                raise RegistryError(f"{origin}: rule {meta.code}: name or alias {label!r} is already used by {self._names.get(key, key.upper())}")
        if meta.pack is not None:
            from . import packs

            packs.declare(meta.code, packs.rule_schema(meta))  # its language packs are read through this schema
        self._rules[meta.code] = rule
        for label in (meta.name, *meta.aliases):
            self._names[label.lower()] = meta.code

    def __iter__(self) -> Iterator[Rule]:
        return iter(sorted(self._rules.values(), key=lambda r: r.meta.code))

    def __len__(self) -> int:
        return len(self._rules)

    def get(self, key: str) -> Rule:
        """A rule by code, name or alias."""
        code = key.upper() if key.upper() in self._rules else self._names.get(key.lower())
        if code is None:
            raise SelectionError(said("select.unknown_rule", value=repr(key)))
        return self._rules[code]

    def resolve(self, selector: str) -> set[str]:
        """Codes matched by a selector: ALL, a code, a code prefix, a name, alias or group."""
        sel = selector.strip()
        if not sel:
            raise SelectionError(said("select.empty"))
        if sel.upper() == "ALL":
            return set(self._rules)
        if sel.upper() in self._rules:
            return {sel.upper()}
        if sel.lower() in self._names:
            return {self._names[sel.lower()]}
        if re.match(r"^[A-Za-z]+\d*$", sel):
            by_prefix = {c for c in self._rules if c.startswith(sel.upper())}
            if by_prefix:
                return by_prefix
        by_group = {c for c, r in self._rules.items() if sel.lower() in r.meta.groups}
        if by_group:
            return by_group
        raise SelectionError(said("select.unknown", value=repr(selector)))

    def groups(self) -> list[str]:
        return sorted({g for r in self._rules.values() for g in r.meta.groups})


def _builtin_rules() -> Iterator[tuple[Rule, str]]:
    from .checks import builtin

    for info in sorted(pkgutil.iter_modules(builtin.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{builtin.__name__}.{info.name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, BaseRule)
                and value.__module__ == module.__name__
                and "meta" in value.__dict__
            ):
                yield value(), f"{module.__name__}.{value.__name__}"


def _may_have_plugins() -> bool:
    """Whether any installed distribution declares our entry-point group.

    `importlib.metadata` costs ~45 ms to import (it pulls in `email`), a third
    of the 150 ms budget of `ticketlint rules`; scanning the few
    `entry_points.txt` files on sys.path for the group name is ~2 ms, so the
    full machinery only loads when a plugin is actually installed.
    """
    import os
    import sys

    needle = f"[{ENTRY_POINT_GROUP}]"
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith((".dist-info", ".egg-info")):
                try:
                    with open(os.path.join(folder or ".", name, "entry_points.txt"), encoding="utf-8") as fh:
                        if needle in fh.read():
                            return True
                except OSError:
                    continue
    return False


def _plugin_rules() -> Iterator[tuple[Rule, str]]:
    if not _may_have_plugins():
        return
    from importlib.metadata import entry_points

    for ep in entry_points(group=ENTRY_POINT_GROUP):
        origin = f"plugin {ep.name} ({ep.value})"
        try:
            obj: Any = ep.load()
        except Exception as exc:  # a broken plugin must say which it is
            raise RegistryError(f"{origin}: cannot be loaded: {exc}") from None
        if isinstance(obj, type):
            items: Iterable[Any] = [obj()]
        elif hasattr(obj, "meta"):
            items = [obj]
        elif callable(obj):
            items = obj()
        else:
            items = obj
        for rule in items:
            yield rule, origin


_DEFAULT: Registry | None = None


def default_registry(plugins: bool = True) -> Registry:
    """Built-in, data and plugin rules; built once per process."""
    global _DEFAULT
    if _DEFAULT is not None and plugins:
        return _DEFAULT
    from .datarules import load_data_rules

    reg = Registry()
    for rule, origin in _builtin_rules():
        reg.register(rule, origin)
    for rule in load_data_rules():
        reg.register(rule, rule.common.origin)
    if plugins:
        for rule, origin in _plugin_rules():
            reg.register(rule, origin)
        _DEFAULT = reg
    return reg
