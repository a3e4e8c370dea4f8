"""Whom a reply speaks to, and which agent messages make one reply (TL301, TL303).

Support chat (IRC, chat widgets, social media) opens a reply with the
addressee's name, "ChiFLiiiii,  sure", "daniel_: yes", or ends it with the
name, "not as far as I'm aware sven-tek". The name is no content of the
answer: a reply rule that asks "is this only a yes?" or "does this give a next
step?" reads the reply without it.

- `addressee_spans(msg, doc)`: spans of the prose that name someone: the
  thread's participants (the `author` of its messages, any language), and an
  IRC-style addressee opening the message ("nick:", one token before a colon),
  and social-media mentions ("@user123 Yes, that's correct").
  A reader that must not lose an answer word ("No: ...") checks the span's text
  itself (TL301 does). `addressees(msg, doc)` gives the same spans, computed
  once per message of a document (TL301 and TL303 both read every reply's).
- `names_pattern(participant_list(messages))`: one regex of the authors' names, built once
  per ticket (`Document.participants`) and only for text that is not ASCII;
  ASCII text is searched for the names (`Document.participant_list`) with
  str.find, the same spans without compiling a regex per thread.

The vocabulary of answers, refusals, imperatives is in
`rules/<lang>/vocabulary.toml` (analysis/vocabulary.py); this module holds no
words of any language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .. import recache

if TYPE_CHECKING:  # document.py imports this module: no cycle at run time
    from ..document import AnalysedMessage, Document

# At most this many distinct names are looked for: every message is scanned once with the alternation of
# the names, so a thread of thousands of authors (a pasted channel log) would make the scan quadratic in
# the thread's size. Real support threads have a handful of participants.
MAX_NAMES = 24
# A name is 2-40 characters; shorter ones ("a", "J") are words or initials, longer ones are not nicks.
_MIN_NAME, _MAX_NAME = 2, 40
# The opening addressee of chat: one token of name characters right before a colon, at the start of the
# message ("daniel_: yes", "Tedd|: use tab complete", "nubbe> just apt-get install ntfsprogs"). Bounded token: one try at offset 0, linear.
OPENING = recache.compile(r"[^\S\n]*+([^\W\d][\w|.`^\[\]{}-]{1,39})[^\S\n]*+(?::(?![/\\\d])|>(?!>))[^\S\n]*+")

_PUNCT_AFTER = recache.compile(r"[^\S\n]*+[,:;]")
# A social-media mention ("@user123 Yes, that's correct", "Thanks @Sam_B!"): it addresses someone, it says
# nothing. A handle is a bounded run of letters, digits, underscores and inner dots or hyphens ("@ana.m",
# "@marcie-n"), or a team ("@org/team"), not glued to a word or an e-mail address on its left
# ("jo@example.com" is no mention).
MENTION = recache.compile(r"(?<![\w@.])@\w(?:[\w.-]{0,38}\w)?(?:/\w(?:[\w.-]{0,38}\w)?)?(?![\w@])")


def participant_list(messages: Sequence[AnalysedMessage]) -> tuple[str, ...]:
    """The authors' names in the thread (first MAX_NAMES seen, one per case-folded form), longest first
    (stable), the order in which `names_pattern` tries them."""
    names: list[str] = []
    seen: set[str] = set()
    for m in messages:
        author = (m.message.author or "").strip()
        key = author.casefold()
        if not (_MIN_NAME <= len(author) <= _MAX_NAME) or key in seen:
            continue
        seen.add(key)
        names.append(author)
        if len(names) >= MAX_NAMES:
            break
    # Longest first, so that "ana" does not cut "anastasia"
    return tuple(sorted(names, key=len, reverse=True))


def names_pattern(names: Sequence[str]) -> re.Pattern[str] | None:
    """The names (in the order given) as one case-insensitive regex, or None when there are none."""
    if not names:
        return None
    # a name is bounded by characters that cannot be in a nick on either side (`|`, `_`, `-` can).
    alternation = "|".join(re.escape(n) for n in names)
    # re.compile, not recache: the names are the ticket's own, a disk cache of them would only grow.
    return re.compile(rf"(?<![\w|`^-])(?:{alternation})(?![\w|`^-])", re.IGNORECASE)


# What may not touch a name on either side (the regex's `[\w|`^-]`), for ASCII text
_NICK_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_|`^-")


def _ascii_name_spans(prose: str, names: Sequence[str]) -> list[tuple[int, int]]:
    """The spans `names_pattern(names).finditer(prose)` gives, for ASCII prose and names, without compiling it.

    Compiling a regex of a thread's names costs about a millisecond (re's parser is pure Python), more
    than linting the rest of the thread. Over ASCII, IGNORECASE is `lower()` on both sides. The regex
    takes, at the leftmost position where a name fits its bounds, the first name in order, and goes on
    after it: the same is done here over every bounded occurrence of each name (str.find, linear per name).
    """
    text = prose.lower()
    n = len(text)
    found: list[tuple[int, int, int]] = []
    for order, name in enumerate(names):
        low = name.lower()
        size = len(low)
        at = text.find(low)
        while at != -1:
            end = at + size
            if (at == 0 or text[at - 1] not in _NICK_CHARS) and (end == n or text[end] not in _NICK_CHARS):
                found.append((at, order, end))
            at = text.find(low, at + 1)
    spans: list[tuple[int, int]] = []
    pos = 0
    for start, _, end in sorted(found):
        if start >= pos:
            spans.append((start, end))
            pos = end
    return spans


def addressees(msg: AnalysedMessage, doc: Document) -> tuple[tuple[int, int], ...]:
    """`addressee_spans` of a message, computed once per message (`Document.addressees` keeps them): TL301 and
    TL303 both read every reply's."""
    return doc.addressees(msg)


def addressee_spans(msg: AnalysedMessage, doc: Document) -> list[tuple[int, int]]:
    """Spans of `msg.prose` naming the people of the thread, the opening "nick:" addressee and social-media
    mentions, in order and without overlaps."""
    prose = msg.prose
    found: list[tuple[int, int]] = []
    opening = OPENING.match(prose)
    if opening is not None:
        found.append((opening.start(1), opening.end()))
    if "@" in prose:
        found += (_with_punct(prose, m.start(), m.end()) for m in MENTION.finditer(prose))
    names = doc.participant_list
    if names:
        own = (msg.message.author or "").casefold()
        if prose.isascii() and all(n.isascii() for n in names):
            named = _ascii_name_spans(prose, names)
        else:
            pattern = doc.participants
            named = [(m.start(), m.end()) for m in pattern.finditer(prose)] if pattern is not None else []
        # an agent signing with their own name is a signature, not an addressee
        found += (_with_punct(prose, start, end) for start, end in named if prose[start:end].casefold() != own)
    spans: list[tuple[int, int]] = []
    for start, end in sorted(found, key=lambda se: (se[0], -se[1])):  # the longest span at a start
        if spans and start < spans[-1][1]:
            continue  # inside an earlier span ("@sam" and the participant "sam")
        spans.append((start, end))
    return spans


def _with_punct(prose: str, start: int, end: int) -> tuple[int, int]:
    """The span of a name with the punctuation right after it ("Steve-cal, they may ...": the comma goes with it)."""
    after = _PUNCT_AFTER.match(prose, end)
    return start, after.end() if after is not None else end


def reply_runs(doc: Document) -> list[tuple[AnalysedMessage, ...]]:
    """The replies of the thread: runs of consecutive agent messages (`Document.exchanges`), split where
    the author changes (two helpers answering in a chat are two replies; unknown authors never split).

    A reply sent in several messages ("use tab compplete" then "*complete"; a question then "Sorry,
    filesystem...") is judged whole: its next step may be in any of its messages.
    """
    runs: list[tuple[AnalysedMessage, ...]] = []
    for ex in doc.exchanges:
        run: list[AnalysedMessage] = []
        author: str | None = None
        for m in ex.replies:
            who = (m.message.author or "").casefold() or None
            if run and who is not None and author is not None and who != author:
                runs.append(tuple(run))
                run = []
            run.append(m)
            author = who or author
        if run:
            runs.append(tuple(run))
    return runs
