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

It also gives the class a compact pickle, `(cls, field values)`, rebuilt
through that `__init__`. Tickets go to the worker processes of `check -j`
and outcomes (findings) come back pickled: a slotted dataclass's own pickle
is `copyreg.__newobj__` and a list of values that `__setstate__` sets one by
one with `object.__setattr__`, in Python, for every object. Measured on the
batches of 20,000 IRC threads (bench/README.md, round twelve): pickling the
tickets 0.139 -> 0.039 s, unpickling them 0.188 -> 0.087 s, in the parent's
feeder thread and in the workers.
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
    cls.__reduce_ex__ = _reducer(cls)  # type: ignore[assignment]
    return cls


def _reducer(cls: type) -> object:
    """`__reduce_ex__` for `cls`: the class and its field values in `__init__`'s order, so that unpickling
    (and `copy.copy`) calls the `__init__` above once, in C, instead of `__setstate__`'s loop.

    A subclass gets the default pickle: it may have fields this tuple would leave out."""
    names = [f.name for f in dataclasses.fields(cls)]
    namespace: dict[str, object] = {"_cls": cls, "_default": object.__reduce_ex__}
    values = "".join(f"self.{name}, " for name in names)
    source = (f"def __reduce_ex__(self, protocol):\n"
              f"    if type(self) is not _cls:\n"
              f"        return _default(self, protocol)\n"
              f"    return (_cls, ({values}))\n")
    exec(source, namespace)  # noqa: S102 - source built above from the class's own field names
    reduce = namespace["__reduce_ex__"]
    reduce.__qualname__ = f"{cls.__qualname__}.__reduce_ex__"  # type: ignore[attr-defined]
    return reduce
