"""The one JSON decoder of the readers: integers of any length do not stop a file.

Python refuses to convert an integer of more than 4,300 digits; such a value
becomes a `HugeNumber` marker, so the field holding it is reported as of the
wrong type and the rest of the file is read.
"""

from __future__ import annotations

import json


class HugeNumber:
    """An integer too long for Python to convert (over 4,300 digits)."""

    __slots__ = ("digits",)

    def __init__(self, digits: str) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return f"<a number of {len(self.digits):,} digits>"

    __str__ = __repr__


def _parse_int(digits: str) -> int | HugeNumber:
    return int(digits) if len(digits) <= 4000 else HugeNumber(digits)


DECODER = json.JSONDecoder(parse_int=_parse_int)


def loads(text: str, start: int = 0) -> object:
    """The one JSON value of `text` (from `start`); anything after it but whitespace is an error there."""
    obj, end = DECODER.raw_decode(text, start)
    tail = text[end:]
    if tail.strip():
        raise json.JSONDecodeError("extra data after the JSON value", text, end + len(tail) - len(tail.lstrip()))
    return obj
