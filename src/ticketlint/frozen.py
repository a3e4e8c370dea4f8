"""A faster `__init__` for the frozen, slotted dataclasses built once or more per ticket.

A frozen dataclass's generated `__init__` sets each field with
`object.__setattr__(self, "name", value)`, the way round its own
`__setattr__` that refuses; a slot's own descriptor sets the same slot for
half the cost (`RuleContext` did this by hand). A batch builds about eight
such objects per ticket (the record read, the ticket and its messages, the
masking, the lint result, the outcome): over a chat archive of one-line
tickets that was a few percent of the run.

`fast_init` replaces the generated `__init__` by one with the same
parameters (names, order, defaults) that sets the slots through their
descriptors, then calls `__post_init__` when the class has one. Classes
with a `default_factory`, keyword-only or `init=False` fields are refused:
their `__init__` does more than set slots.
"""

from __future__ import annotations

import dataclasses
from typing import TypeVar

_C = TypeVar("_C", bound=type)


def fast_init(cls: _C) -> _C:
    """Give a frozen, slotted dataclass an `__init__` that sets its slots through their descriptors
    (apply it above `@dataclass(frozen=True, slots=True)`)."""
    params: list[str] = []
    lines: list[str] = []
    namespace: dict[str, object] = {}
    for f in dataclasses.fields(cls):
        if not f.init or f.kw_only or f.default_factory is not dataclasses.MISSING:
            raise TypeError(f"fast_init: {cls.__name__}.{f.name} needs the generated __init__")
        namespace[f"_set_{f.name}"] = cls.__dict__[f.name].__set__  # the slot's member descriptor
        if f.default is dataclasses.MISSING:
            params.append(f.name)
        else:
            namespace[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        lines.append(f"    _set_{f.name}(self, {f.name})")
    if hasattr(cls, "__post_init__"):
        lines.append("    self.__post_init__()")
    source = f"def __init__(self, {', '.join(params)}) -> None:\n" + ("\n".join(lines) or "    pass") + "\n"
    exec(source, namespace)  # noqa: S102 - source built above from the class's own field names
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"  # type: ignore[attr-defined]
    cls.__init__ = init  # type: ignore[misc]
    return cls
