"""Typed rule options: declared once per rule as a frozen dataclass, validated when the config loads.

A rule declares its options as a subclass of `RuleOptions`, each field with
its type, its default and its help (`option(...)`):

    @dataclass(frozen=True, slots=True)
    class Options(RuleOptions):
        min_words: int = option(40, "replies with fewer words are not scored", minimum=0)
        allow: tuple[str, ...] = option((), "patterns never reported", regex=True)

and reads them as attributes (`ctx.options.min_words`): the default lives in
the declaration and nowhere else. The field `min_words` is the option
`min-words` in a config file. The documentation (`ticketlint rule CODE`,
docs/rules.md) and the validation at config load (`options.check_value`, an
error naming `rules.CODE.key` and the type expected) are derived from the
field types, so what is documented, what is checked and what the rule reads
cannot drift apart.

Field types understood: `bool`, `int`, `float`, `str`, `tuple[str, ...]` (a
list in TOML), `Mapping[str, float]` / `Mapping[str, int]` / `Mapping[str,
str]` (a table). A config's lists become tuples and its tables read-only
mappings, so an options object is hashable in spirit and never shared mutably
between tickets.

Rules that still declare `OptionSpec`s (plugins written for 0.2) get an
options class generated from them, and every options object answers
`options.get("min-words")` and `options["min-words"]` as the 0.2 mapping did.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar, TypeVar

from .model import OptionSpec

T = TypeVar("T", bound="RuleOptions")
_UNSET: Any = object()


def option(default: Any, help: str, *, minimum: float | None = None, regex: bool = False,
           keys: tuple[str, ...] | None = None) -> Any:
    """A field of a `RuleOptions` class: its default, its help and its checks.

    `regex`: every item is a regular expression (compiled when the config
    loads); `minimum` bounds a number; `keys` lists a table's allowed keys.
    Mutable defaults are frozen (a list becomes a tuple, a dict a read-only
    mapping), so a default can never be changed through one ticket's options.
    """
    frozen = _freeze(default)
    meta = {"help": help, "minimum": minimum, "regex": regex, "keys": keys}
    if isinstance(frozen, (tuple, types.MappingProxyType)):
        return dataclasses.field(default_factory=lambda: frozen, metadata=meta)
    return dataclasses.field(default=frozen, metadata=meta)


def _freeze(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, dict):
        return types.MappingProxyType(dict(value))
    return value


def dashed(field_name: str) -> str:
    return field_name.replace("_", "-")


@dataclasses.dataclass(frozen=True, slots=True)
class RuleOptions:
    """Base of every rule's options: attribute access, plus the 0.2 mapping interface."""

    _specs_cache: ClassVar[dict[type, tuple[OptionSpec, ...]]] = {}

    @classmethod
    def specs(cls) -> tuple[OptionSpec, ...]:
        """The options as `OptionSpec`s (name, kind, default, help, checks), derived from the fields."""
        found = RuleOptions._specs_cache.get(cls)
        if found is None:
            hints = typing.get_type_hints(cls)  # once per class, not once per field
            found = RuleOptions._specs_cache[cls] = tuple(_spec(cls, f, hints) for f in dataclasses.fields(cls))
        return found

    @classmethod
    def build(cls: type[T], values: Mapping[str, Any]) -> T:
        """An options object from checked config values keyed by option name (`min-words`)."""
        names = {dashed(f.name): f.name for f in dataclasses.fields(cls)}
        kwargs: dict[str, Any] = {}
        for key, value in values.items():
            if key not in names:
                raise KeyError(f"unknown option {key!r}")
            kwargs[names[key]] = _freeze(value)
        return cls(**kwargs)

    def get(self, name: str, default: Any = None) -> Any:
        """`options.get("min-words")`: the 0.2 interface, kept for plugins."""
        value = getattr(self, name.replace("-", "_"), _UNSET)
        return default if value is _UNSET else value

    def __getitem__(self, name: str) -> Any:
        value = getattr(self, name.replace("-", "_"), _UNSET)
        if value is _UNSET:
            raise KeyError(name)
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(dashed(f.name) for f in dataclasses.fields(self))

    def as_dict(self) -> dict[str, Any]:
        return {dashed(f.name): getattr(self, f.name) for f in dataclasses.fields(self)}


@dataclasses.dataclass(frozen=True, slots=True)
class NoOptions(RuleOptions):
    """A rule without options."""


_KINDS: dict[Any, type] = {bool: bool, int: int, float: float, str: str}


def _spec(cls: type, f: dataclasses.Field[Any], hints: dict[str, Any]) -> OptionSpec:
    """The option `f` of `cls`, its type read from `hints` (the class's `typing.get_type_hints`, read once)."""
    kind, items = _kind(hints[f.name], f"{cls.__qualname__}.{f.name}")
    default = f.default if f.default is not dataclasses.MISSING else typing.cast(Any, f.default_factory)()
    if isinstance(default, tuple):
        default = list(default)
    elif isinstance(default, types.MappingProxyType):
        default = dict(default)
    meta = f.metadata
    if "help" not in meta:
        raise TypeError(f"{cls.__qualname__}.{f.name}: declare it with option(default, help)")
    return OptionSpec(dashed(f.name), kind, default, meta["help"], items=items, regex=meta["regex"],
                      minimum=meta["minimum"], keys=meta["keys"])


def _kind(hint: Any, where: str) -> tuple[type, type | None]:
    if hint in _KINDS:
        return _KINDS[hint], None
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis and args[0] in _KINDS:
        return list, _KINDS[args[0]]
    if origin in (Mapping, dict, typing.Mapping) and len(args) == 2 and args[0] is str and args[1] in _KINDS:
        return dict, _KINDS[args[1]]
    raise TypeError(f"{where}: option type {hint!r} is not one of bool, int, float, str, tuple[X, ...], Mapping[str, X]")


# Keyed by the identity of the specs (an OptionSpec with a list default is not hashable); the
# specs are kept in the value so that an id cannot be reused while the entry lives.
_GENERATED: dict[tuple[int, ...], tuple[tuple[OptionSpec, ...], type[RuleOptions]]] = {}


def from_specs(specs: tuple[OptionSpec, ...], name: str = "Options") -> type[RuleOptions]:
    """An options class for a rule declared with `OptionSpec`s (a 0.2 plugin, a data rule's generated flags)."""
    key = tuple(id(s) for s in specs)
    found = _GENERATED.get(key)
    if found is not None:
        return found[1]
    fields: list[tuple[str, Any, Any]] = []
    for s in specs:
        hint: Any = s.kind
        if s.kind is list:
            hint = tuple[s.items or object, ...]  # type: ignore[misc]
        elif s.kind is dict:
            hint = Mapping[str, s.items or object]  # type: ignore[misc]
        fields.append((s.name.replace("-", "_"), hint,
                       option(s.default, s.help, minimum=s.minimum, regex=s.regex, keys=s.keys)))
    cls = dataclasses.make_dataclass(name, fields, bases=(RuleOptions,), frozen=True, slots=True)
    # The generated class's specs are the given ones (an `object` item type stays unchecked)
    RuleOptions._specs_cache[cls] = specs
    _GENERATED[key] = (specs, cls)
    return cls
