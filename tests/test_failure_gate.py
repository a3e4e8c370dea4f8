"""The failure reading's one gate per message (`failure.reading_gate`, `patterns.GroupGate`) must never change a finding.

`find_failure` asks, once per message, which of its language's `patterns` and `contextual` can match, from the lists'
own literal requirement sets compared in `patterns.gate_form`, and skips the lists (and the preparation of the text)
that cannot; the report reading (analysis/report.py) skips `contextual_failure` the same way. Checked here: the form
merges the copies the two readings scan; strings built to match each phrase of every failure list (four languages)
always open their list's bit; the failure and report readings give the same spans with and without the gate on the
labelled tickets, hostile text and chat written to test the form; the cached form is the form of the prose.
"""

from __future__ import annotations

import random
import re

import pytest
from test_literal_gate import _HOSTILE, _sample
from test_patterns import TEXTS

from ticketlint import patterns
from ticketlint.analysis import failure, report
from ticketlint.document import Document
from ticketlint.model import LANGUAGES, Message, Role, Ticket
from ticketlint.patterns import GroupGate, gate_form, lower_pattern, lower_same_length, typographic_apostrophes
from ticketlint.textutil import fold, join_reduplication

pytestmark = pytest.mark.skipif(patterns.ahocorasick is None, reason="pyahocorasick is not installed")

# chat written to exercise what the form merges: reduplication joined by the failure reading, runs of spaces, hyphens,
# a Greek capital sigma (`str.lower` writes it final or not by its neighbours), text that is not ASCII
_FORMS = [
    "aplikasinya mati mati terus",
    "gak bisa  bisa login",
    "my app  stopped   working",
    "the log-in page is not  loading",
    "Ο ΚΩΔΙΚΟΣ ΔΕΝ ΛΕΙΤΟΥΡΓΕΙ  - ΣΦΑΛΜΑ",
    "nu   merge   aplicația, nu apare butonul",
    "la  app  no  funciona  desde  ayer",
    "error error error  the screen  is blank - blank",
    "İSTANBUL  office: can't  log in",
]
_TEXTS = TEXTS[::2] + _HOSTILE + _FORMS


def _prepared(text: str) -> str:
    """The copy `find_failure` scans."""
    return failure.squeeze_spaces(join_reduplication(fold(text)))[0]


def test_the_form_merges_the_copies_the_readings_scan() -> None:
    for text in _TEXTS:
        folded = fold(text)
        assert gate_form(lower_same_length(_prepared(text))) == gate_form(lower_same_length(folded)), text[:80]
        assert len(gate_form("a  -  b")) == 5 and "-" not in gate_form("log-in") and "  " not in gate_form("a   b")


def _lists() -> list[tuple[str, int, object]]:
    out = []
    for lang in LANGUAGES:
        for bit, pattern in zip((failure.PATTERNS_BIT, failure.CONTEXTUAL_BIT), failure._failure_packs(lang)):
            if pattern is not None:
                out.append((lang, bit, pattern))
    return out


LISTS = _lists()


def test_every_language_has_a_gate() -> None:
    for lang in LANGUAGES:
        assert isinstance(failure.reading_gate(lang), GroupGate), lang


@pytest.mark.parametrize("lang,bit,pattern", LISTS, ids=[f"{lang}-{bit}" for lang, bit, _ in LISTS])
def test_every_match_of_every_phrase_opens_its_list(lang: str, bit: int, pattern: object) -> None:
    """Strings built to match each phrase of the list (in a sentence, with doubled spaces, in capitals) always set the
    list's bit, in the form the failure reading asks it."""
    gate = failure.reading_gate(lang)
    assert gate is not None
    key = "patterns" if bit == failure.PATTERNS_BIT else "contextual"
    parts = failure.packs.patterns(failure.FAILURE, key, lang, fold=True)
    rng = random.Random(f"{lang}{key}")
    tried = 0
    for part in parts:
        low = lower_pattern(typographic_apostrophes(part))
        assert low is not None
        tree = re._parser.parse(low, 0)  # type: ignore[attr-defined]
        for _ in range(8):
            core = _sample(tree.data, rng)
            for text in (f"so {core} now.", f"it  {core}  again", core.upper()):
                if pattern.search(_prepared(text)) is None:  # type: ignore[attr-defined]
                    continue
                tried += 1
                assert gate.admitted(gate_form(lower_same_length(fold(text)))) & bit, (lang, key, part, text)
    assert tried >= len(parts) // 2, f"{lang} {key}: too few strings matched their phrase ({tried})"


def _documents() -> list[Document]:
    docs = []
    for n, text in enumerate(_TEXTS):
        lang = LANGUAGES[n % len(LANGUAGES)]
        messages = (Message(role=Role.CUSTOMER, body=text, author="ana"), Message(role=Role.AGENT, body="ok", author="bo"))
        docs.append(Document(Ticket(id=str(n), messages=messages, language=lang)))
        docs.append(Document(Ticket(id=f"{n}a", messages=messages[:1])))  # the language detected
    return docs


def _readings(docs: list[Document]) -> list[object]:
    out: list[object] = []
    for d in docs:
        for m in d.messages:
            out.append(failure.find_failure(m, d, None))
            out.append(report.report_span(m, d))
            for lang in failure.message_languages(m, d):
                out.append(failure.contextual_failure(m, d, lang))
    return out


def test_the_readings_find_the_same_with_and_without_the_gate(monkeypatch: pytest.MonkeyPatch) -> None:
    gated = _readings(_documents())
    assert any(x is not None for x in gated)
    monkeypatch.setattr(failure, "reading_gate", lambda lang: None)
    assert _readings(_documents()) == gated


def test_the_gate_skips_most_chat_lines() -> None:
    """What it is for: a chat line with no failure word opens no list; one with a failure phrase opens its list."""
    gate = failure.reading_gate("en")
    assert gate is not None
    for line in ("ok thanks", "is it on the desktop?", "thanks, that did it", "what does uname -a say"):
        assert gate.admitted(gate_form(line)) == 0, line
    assert gate.admitted(gate_form("my wifi stopped working")) & failure.PATTERNS_BIT


def test_the_cached_form_is_the_form_of_the_prose() -> None:
    """`gate_text` is kept on the message: it is the form of its prose, whichever reader asked first."""
    for d in _documents()[:200]:
        for m in d.messages:
            first = failure.gate_text(m)
            assert first == gate_form(lower_same_length(fold(m.prose)))
            assert failure.gate_text(m) is first
            assert failure.failure_lists(m, d.language) == failure.failure_lists(m, d.language)


def test_a_damaged_group_admits_its_list() -> None:
    """Requirement sets read back from a damaged cache entry, or none: that list is always scanned."""
    gate = GroupGate([((("ok",), (3,)),), None, ((("crash",),),)])  # type: ignore[list-item]
    assert gate.admitted("nothing here") == 0b011
    assert gate.admitted("it will crash") == 0b111


def test_without_pyahocorasick_there_is_no_gate(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patterns, "ahocorasick", None)
    assert patterns.group_gate(failure._failure_packs("en")) is None
