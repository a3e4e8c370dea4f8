"""`Jargon.fullmatches` (a word against the bucket of its first character) answers as `pattern.fullmatch`."""

from __future__ import annotations

import re

import pytest

from ticketlint.analysis.jargon import jargon
from ticketlint.model import LANGUAGES


@pytest.mark.parametrize("lang", LANGUAGES)
def test_fullmatches_answers_as_the_whole_pattern(lang: str) -> None:
    lex = jargon(lang)
    assert lex.pattern is not None and lex.keys
    words = {w for key in lex.keys for w in (key, key.upper(), key.title(), key + "s", key[:-1], key.replace(" ", "  "))}
    words |= {"SSL", "TLS", "VPN", "DNS", "XYZ", "AB", "CRM", "GPO", "x", "1", "-", "é", "Ärger", "2FA", "_x", " SSL"}
    words |= {m.group(0) for key in lex.keys for m in re.finditer(r"\w+", key)}
    assert len(words) > 100
    for word in sorted(words):
        assert lex.fullmatches(word) == (lex.pattern.fullmatch(word) is not None), word
