"""Checking a rule's option values against its declared `OptionSpec`s.

Done once, when the configuration is turned into a `Linter`: a wrong type, a
number out of range or a regular expression that does not compile is an
error naming the key (`rules.TL601.allow[0]`), because a rule that fails on
every ticket would otherwise turn itself off in a gate without a word.
"""

from __future__ import annotations

import re
from typing import Any

from .config import ConfigError
from .model import OptionSpec, Said, said

_NAMES = {list: "list", dict: "table", int: "integer", float: "number", bool: "boolean", str: "string"}  # option.kind_*


def _type_ok(value: Any, kind: type) -> bool:
    if kind is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


def _name(kind: type) -> Said | str:
    """What a value of `kind` is called ("a list"), in the run's language; a type of a plugin's as it is named."""
    return said(f"option.kind_{_NAMES[kind]}") if kind in _NAMES else f"a {kind.__name__}"


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def check_value(spec: OptionSpec, value: Any, where: str) -> Any:
    """The value, checked; raises ConfigError naming `where` (e.g. 'rules.TL601.allow')."""
    if not _type_ok(value, spec.kind):
        raise ConfigError(said("option.type", kind=_name(spec.kind), type=type(value).__name__, value=_shown(value))
                          .within(where))
    if spec.minimum is not None and spec.kind in (int, float) and value < spec.minimum:
        raise ConfigError(said("option.minimum", minimum=float(spec.minimum), value=_shown(value)).within(where))
    items: list[tuple[str, Any]] = []
    if isinstance(value, list):
        items = [(f"{where}[{i}]", v) for i, v in enumerate(value)]
    elif isinstance(value, dict):
        if spec.keys is not None:
            for key in value:
                if key not in spec.keys:
                    raise ConfigError(said("config.unknown_key_known", known=", ".join(spec.keys)).within(f"{where}.{key}"))
        items = [(f"{where}.{k}", v) for k, v in value.items()]
    for at, item in items:
        if spec.items is not None and not _type_ok(item, spec.items):
            raise ConfigError(said("option.type", kind=_name(spec.items), type=type(item).__name__, value=_shown(item))
                              .within(at))
        if spec.minimum is not None and spec.items in (int, float) and item < spec.minimum:
            raise ConfigError(said("option.minimum", minimum=float(spec.minimum), value=_shown(item)).within(at))
        if spec.regex:
            try:
                re.compile(item)
            except re.error as exc:
                raise ConfigError(said("option.regex", value=_shown(item), reason=str(exc)).within(at)) from None  # re's reason
    return value
