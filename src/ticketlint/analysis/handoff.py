"""Hand-off notes, steps tried and what earlier notes said (TL103, TL105).

What counts as an escalation / hand-off note (decided for precision):

- a note (internal message) whose prose contains a hand-off marker from
  `rules/<lang>/handoff.toml` (`markers`: "escalating to tier 2", "passing to
  the network team", "para nivel 2", "dieskalasi ke tim jaringan",
  "escaladez către nivelul 2", "hand-off", ...), unless the marker is negated
  (`exceptions`: "no need to escalate", "no es necesario escalar", ...);
- or one matching the rule's own `extend-handoff` phrases;
- or, for plain-text input (`ticketlint check -`, whose default role `note` is
  the escalation use case), any note of at least `plain-min-words` words.

Other internal notes ("Called customer, no answer") are not hand-offs. A
hand-off is complete when it, or a note before it, says something (steps
tried for TL103, impact for TL105): `Document.earlier_notes()` answers "does
a note before this one say it" in linear time over the thread, however many
hand-offs it holds (a rescan of the earlier notes per hand-off was quadratic).

Matching is on text folded by `textutil.fold` against patterns folded the
same way (`packs.phrases(..., fold=True)`), case-insensitive. Language
policy (the one of packs/): a message in a language without packs says
nothing here (no hand-off, no steps, no impact), never what English would.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from .. import packs, recache
from ..model import LANGUAGES, Role, Span
from ..patterns import Phrases, spans
from ..readability import word_count
from ..textutil import fold
from .text import LIST_LINE

if TYPE_CHECKING:
    from ..document import AnalysedMessage

HANDOFF = "handoff"  # rules/<lang>/handoff.toml

packs.declare(
    HANDOFF,
    packs.PackSchema(
        keys={
            "markers": packs.Key("patterns", "phrases that mark a note as an escalation or hand-off", required=True),
            "exceptions": packs.Key("patterns", "negated or non-hand-off uses of a marker", required=True),
        },
        examples=False,
    ),
)

# Local text primitive (not analysis.text.LIST_ITEM, on purpose): a list line here also takes "+" and
# "–" markers and needs a non-blank after the marker, possibly on the next line; LIST_ITEM would
# change which notes count as listing their steps. Leading blanks of the line only ([^\S\n], not \s):
# under MULTILINE, ^\s* ran from every line start across all the blank (or masked) lines after it,
# quadratic in their number. The marker found from a line start is the first non-space character
# after it either way, so the count of list lines is the same.


def pack_language(lang: str) -> str | None:
    """The language whose packs a message reads: its own, or None when ticketlint has no packs for it.

    Rules only get messages in their languages (`RuleContext.in_scope`), but the thread-level
    reading (earlier notes) meets the others; they contribute nothing.
    """
    return lang if lang in LANGUAGES else None


def mentions(text: str, *patterns: Phrases | None) -> bool:
    """Whether one of `patterns` (folded pack or user phrases) occurs in `text`."""
    folded = fold(text)
    return any(p is not None and p.search(folded) for p in patterns)


def lists_steps(msg: AnalysedMessage) -> bool:
    """Whether the message's prose holds a list of at least two items (steps, usually)."""
    return len(LIST_LINE.findall(msg.prose)) >= 2


def find_handoff(msg: AnalysedMessage, plain_min_words: int, extra: Phrases | None) -> Span | None:
    """Where a note says it is a hand-off (the marker to the end of its clause), or None.

    Use `AnalysedMessage.handoff()`, which caches this (TL103 and TL105 both ask).
    """
    if msg.role is not Role.NOTE:
        return None
    text = fold(msg.prose)
    lang = pack_language(msg.language)
    markers = packs.phrases(HANDOFF, "markers", lang, fold=True) if lang is not None else None
    if markers is not None:
        exceptions = packs.phrases(HANDOFF, "exceptions", lang, fold=True)
        excluded = spans(exceptions, text)
        excluded_starts = [s for s, _ in excluded]
        for m in markers.finditer(text):
            # The exception spans (one finditer: sorted, not overlapping) are bisected: testing each
            # marker against all of them was quadratic ("No need to escalate." repeated).
            i = bisect.bisect_right(excluded_starts, m.start())
            if not (i and m.start() < excluded[i - 1][1]):
                return clause_span(msg.prose, m.start(), m.end())
    if msg.plain and word_count(msg.prose) >= plain_min_words:
        return _first_sentence(msg.prose)
    if extra is not None:
        found = extra.search(text)
        if found is not None:
            return clause_span(msg.prose, found.start(), found.end())
    return None


_CLAUSE_END = recache.compile(r"[.:;!?](?=\s|$)|\n")


def clause_span(prose: str, start: int, end: int) -> Span:
    """The marker extended to the end of its clause ("Escalating" -> "Escalating to tier 2")."""
    m = _CLAUSE_END.search(prose, end)
    stop = m.start() if m else len(prose)
    stop = min(stop, end + 60)
    return Span(start, max(end, len(prose[:stop].rstrip())))


def _first_sentence(prose: str) -> Span:
    """Local text primitive: the note up to its first ". ", "! ", "? " or line break.

    Not analysis.text.first_sentence, which skips greetings and knows
    abbreviations: this is the span a plain-text hand-off is reported on, kept as it was.
    """
    start = len(prose) - len(prose.lstrip())
    ends = [i for i in (prose.find(c, start) for c in (". ", "\n", "! ", "? ")) if i != -1]
    end = min(ends) + 1 if ends else len(prose.rstrip())
    return Span(start, max(start, min(end, len(prose.rstrip()))))


class NoteScan:
    """Whether some note before a message passes a test, each note tested at most once.

    The notes are tested in thread order, only as far as a question needs, and
    the first that passes is remembered: asking for every hand-off of a
    thread of n notes costs n tests in all (the old per-hand-off rescan of the
    earlier notes cost n^2 / 2).
    """

    __slots__ = ("_notes", "_test", "_next", "_first")

    def __init__(self, notes: Sequence[AnalysedMessage], test: Callable[[AnalysedMessage], bool]) -> None:
        self._notes = notes
        self._test = test
        self._next = 0  # notes[:_next] were tested
        self._first: int | None = None  # index (in the thread) of the first note that passed

    def any_before(self, index: int) -> bool:
        """Whether a note of the thread before message `index` passes the test."""
        if self._first is not None:
            return self._first < index
        notes = self._notes
        while self._next < len(notes) and notes[self._next].index < index:
            note = notes[self._next]
            self._next += 1
            if self._test(note):
                self._first = note.index
                return True
        return False
