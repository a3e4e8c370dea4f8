"""Escaping text for a terminal: ticket bodies, ids and file names are nobody's to trust.

A ticket can hold `ESC [2J` (clear the screen), an OSC sequence that retitles
the window, a bidirectional override that makes a line read differently from
what it is, or a lone surrogate that no encoding can write. Text output shows
each as an escape (`\\x1b`) instead; JSON output escapes them by itself.
"""

from __future__ import annotations

import re

from .. import recache

# C0/C1 controls and DEL (tab excepted), bidirectional marks and overrides, lone surrogates.
_UNPRINTABLE = recache.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every character that could drive a terminal written as an escape (ESC -> \\x1b)."""
    return _UNPRINTABLE.sub(_escape, text)
