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
- `reports_done(prose)`: the reply reports the requested work done ("I've merged the fix",
  "Your account is unlocked", "it works again"), `answers_question(prose, customers)`: the reply
  answers what the customer asked ("That option is only in the Pro version", "Yes, the API returns
  UTC"). Either way the reply owes the customer no next step (TL303, the RULES.md-only reading of
  "no next step": what was asked is given).
- `names_pattern(participant_list(messages))`: one regex of the authors' names, built once
  per ticket (`Document.participants`) and only for text that is not ASCII;
  ASCII text is searched for the names (`Document.participant_list`) with
  str.find, the same spans without compiling a regex per thread.

The vocabulary of answers, refusals, imperatives, work done (`done_reports`,
`done_openings`), deferrals (`pending`) and denials (`negations`) is in
`rules/<lang>/vocabulary.toml` (analysis/vocabulary.py); this module holds no
words of any language but the few joining words after which a clause starts
(`_CLAUSE_START`: "and", "y", "dan", "și": "found it and refunded").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .. import recache
from ..patterns import Phrases
from . import questions as _questions
from . import vocabulary
from .text import fold, sentences
from .thread import block_memo

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


def reply_units(doc: Document) -> tuple[tuple[AnalysedMessage, ...], ...]:
    """The replies of the thread as the reply rules read them (TL301, TL303, TL304; chat21): one author's answer to the
    customer messages of an exchange (`Document.exchanges`), in order of its first message.

    - In a chat (`Document.chat`, `address.chat_thread`: authors known, two or more, one line per message) a helper's answer
      runs over several lines, and another participant's line often comes between them ("bob2: no it's not" - "lol" -
      "it's called openssh-server"): a reply is every agent line of one author in the exchange, up to the customer's next
      message, across the others' lines; its step, reason or pointer may be in any of them. A line that is no reply to the
      customer (`Document.side_remarks`: to another helper, to a nick who is not the customer, a second customer's) is in
      no reply.
    - Elsewhere (e-mail, a desk's ticket) a reply is a run of consecutive agent messages of one author (`reply_runs`):
      the messages are each a whole answer, and the rules keep their reading of each.
    """
    if not doc.chat:
        return tuple(reply_runs(doc))
    aside = doc.side_remarks
    units: list[tuple[AnalysedMessage, ...]] = []
    for ex in doc.exchanges:
        by_author: dict[str, list[AnalysedMessage]] = {}
        for m in ex.replies:
            if m.index not in aside:
                by_author.setdefault(fold(m.message.author or ""), []).append(m)
        units += (tuple(lines) for lines in by_author.values())  # dicts keep the order of each author's first line
    return tuple(units)


# -- what a reply gives when it owes no next step ------------------------------------------------

# Where a clause starts inside a sentence: after a comma, a colon, a dash between blanks, or "and" / "y" / "dan" / "și"
# ("Okay, unprotected it.", "Hey man - just sent it.", "found it and refunded"). Folded text.
_CLAUSE_START = recache.compile(r"[,;:]\s++|\s[-–—]\s++|\s(?:and|y|e|dan|lalu|si)\s++")
# How far before a report of work done a negation denies it ("it's not fixed yet", "no, not done"): a few words.
_NEGATION_REACH = 14


def _lang_phrases(key: vocabulary.Word, langs: Sequence[str]) -> list[Phrases]:
    """The vocabulary list `key` of each language in `langs` (in order, no repeats), folded, word-bounded."""
    out: list[Phrases] = []
    for lang in dict.fromkeys(langs):
        pat = vocabulary.phrases(key, lang)
        if pat is not None:
            out.append(pat)
    return out


def reports_done(prose: str, langs: Sequence[str]) -> bool:
    """Whether `prose` (a reply, quotes and addressees blanked) reports work done: a perfective verb of doing in the
    first person or the passive, or a state restored (vocabulary `done_reports` of `langs`: "I've merged the fix",
    "I unlocked your account", "your account has been deleted", "it's fixed now", "should be working again", "ya está
    arreglado", "sudah kami perbaiki", "contul a fost deblocat"), or a participle of it opening a clause
    (`done_openings`: "Fixed it.", "Okay, unprotected it.", "done!", "Sudah kak", "Rezolvat."). Not in a question,
    after a condition or a time still to come ("if it's fixed", "once it is merged"), or after a negation ("it hasn't
    been fixed"): the future and the conditional promise the work, they do not report it (TL303 reads those as a
    promise, which needs its time). A sentence that also defers (`pending`: "Fixed via #14986 in an upcoming patch")
    or denies after it (`negations`: "Done it twice but didn't receive anything") reports nothing done.
    """
    folded = fold(prose)
    refusals = vocabulary.phrases("refusals")
    if refusals is not None and refusals.search(folded):
        return False  # "There is no way to restore the data. We sent a message to all users in December.": refused
    reports = _lang_phrases("done_reports", langs)
    openings = _lang_phrases("done_openings", langs)
    if not reports and not openings:
        return False
    pending = _lang_phrases("pending", langs)
    negations = _lang_phrases("negations", langs)
    before = [*_lang_phrases("conditions", langs), *_lang_phrases("hedges", langs)]
    contrasts = _lang_phrases("contrasts", langs)
    for s, e in sentences(prose):
        text = folded[s:e].rstrip()
        if text.endswith("?") or any(p.search(text) for p in pending):
            continue  # a question, or work still to come in the same sentence ("Fixed via #14986 in an upcoming patch")

        # Read once per sentence (a sentence of many reports, "fixed, fixed, fixed ...", is not rescanned per report):
        # where the first condition or guess starts, where the last negation starts, where each contrast is.
        first_before = min((m.start() for p in before if (m := p.search(text)) is not None), default=len(text) + 1)
        last_negation = max((m.start() for p in negations for m in p.finditer(text)), default=-1)
        contrast_at = sorted((m.start(), m.end()) for p in contrasts for m in p.finditer(text))

        def reported(start: int, end: int, text: str = text, first_before: int = first_before, last_negation: int = last_negation,
                     contrast_at: list[tuple[int, int]] = contrast_at) -> bool:
            """No condition or guess before it ("if it's fixed", "I assume it's been fixed"), no negation right before it,
            no contrast and negation after it ("Done it twice but didn't receive anything")."""
            if first_before < start or any(p.search(text, max(0, start - _NEGATION_REACH), start) for p in negations):
                return False
            i = bisect.bisect_left(contrast_at, (end, -1))
            return not (i < len(contrast_at) and contrast_at[i][1] <= last_negation)

        for pat in reports:
            if any(reported(m.start(), m.end()) for m in pat.finditer(text)):
                return True
        for at in (0, *(m.end() for m in _CLAUSE_START.finditer(text))):
            if any((m := pat.match(text, at)) is not None and reported(at, m.end()) for pat in openings):
                return True
    return False


_WORD = recache.compile(r"[^\W_]+")
_URL = recache.compile(r"https?://\S+|\bwww\.\S+", re.IGNORECASE)
_LEAD_CHARS = " \t\n,.;:!-*_>"
# A reply sentence of fewer words is no stated answer: a name, a signature line, a bare "Yes." (TL301's).
_ANSWER_MIN_WORDS = 3


_CLAUSE_END = recache.compile(r"[^,;:.!?\n]*+")


def _blank_matches(pat: Phrases | None, text: str, to_clause_end: bool = False) -> str:
    """`text` with the matches of `pat` replaced by blanks (offsets kept); `to_clause_end`: each up to the end of its
    clause ("thanks for the bug report" blanks "bug report" too)."""
    if pat is None:
        return text
    out, last = [], 0
    for m in pat.finditer(text):
        if m.start() < last:
            continue
        end = m.end()
        if to_clause_end:
            tail = _CLAUSE_END.match(text, end)
            end = tail.end() if tail is not None else end
        out += [text[last : m.start()], " " * (end - m.start())]
        last = end
    return "".join(out) + text[last:] if out else text


def answers_question(prose: str, customers: Sequence[AnalysedMessage], langs: Sequence[str]) -> bool:
    """Whether `prose` (a reply, quotes and addressees blanked) answers what the customer messages it replies to
    asked: one of them asks something (`AnalysedMessage.questions`: a "?", a question opening or an indirect
    question of its language; or a clause opening as a question after a statement, `questions.asks_in_clause`) and a
    sentence of the reply states an answer, that is:

    - it says something: key words of its own beyond thanks, apologies and acknowledgements (questions.toml
      `no_answer_words`, vocabulary `fillers`; an `acknowledgements` clause whole: "Thanks for the bug report",
      "sorry to hear about the outage") and the customers' names;
    - it settles the matter: no work still to come or handed on (vocabulary `pending`: "we'll look into it",
      "forwarded to the team", "not yet"), no denial or regret (`negations`: a "no" leaves the customer where
      they were), no doubt (`hedges`: "I don't think so"), no refusal (`refusals`); when the first sentence that says
      something defers, doubts or opens with a denial ("Not planned. Lots of headache for developing iOS."), the rest
      is its reason and the reply answers nothing;
    - it answers this question: it shares a key word with the asking messages ("It's free for any purpose" to "Is it
      free for cultural purpose?"), or opens with a yes and says more ("yes but donations are welcome").

    `langs`: the languages whose vocabulary is read (the reply's and its thread's).
    """
    lang = customers[-1].language if customers else None
    if lang is None:
        return False
    stop = _questions.stopwords(lang)

    def read_block() -> tuple[bool, frozenset[str]]:
        asking = [c for c in customers if c.questions(lang) or _questions.asks_in_clause(c, lang)]
        return bool(asking), frozenset().union(*(_questions.key_words(c.prose, lang, stop) for c in asking))

    any_asks, asked = block_memo(customers, "answers-asked:" + lang, read_block)  # once per block, not per reply
    if not any_asks:
        return False
    pending = _lang_phrases("pending", langs)
    negations = _lang_phrases("negations", langs)
    hedges = _lang_phrases("hedges", langs)
    skip = [*pending, *negations, *hedges, *_lang_phrases("refusals", langs)]
    no_answer = _questions.filler_stems(lang) | block_memo(customers, "name-keys", lambda: _questions.name_keys(customers))
    fillers = vocabulary.phrases("fillers")
    acks = vocabulary.phrases("acknowledgements")
    yes = _questions.answer_openings()
    folded = fold(_blank_matches(_URL, prose))  # a link's words ("Duplicate of https://github.com/OpenSID/...") answer nothing
    refusals = vocabulary.phrases("refusals")
    if refusals is not None and refusals.search(folded):
        return False  # what was asked is refused (TL304's), not given
    first = True
    greeting = _questions.greeting_prefix()
    for s, e in sentences(prose):
        text = folded[s:e]
        g = greeting.match(text)
        if g is not None:
            text = text[g.end() :]  # "Hi Curtis," is no answer, though the customer signed with the name
        if len(_WORD.findall(text)) < _ANSWER_MIN_WORDS:
            continue  # a name, a signature, a bare "Yes." (TL301's)
        bare = _blank_matches(fillers, _blank_matches(acks, text, to_clause_end=True))
        keys = _questions.key_words(bare, lang, stop) - no_answer
        if not keys:
            continue
        if any(p.search(text) for p in skip):
            if first and (any(p.search(text) for p in (*pending, *hedges)) or any(p.match(text.lstrip(_LEAD_CHARS)) for p in negations)):
                return False  # the reply opens with a "no" or a deferral ("Not planned. Lots of headache ..."): what follows is its reason
            first = False
            continue
        first = False
        if keys & asked:
            return True
        start = bare.strip(" \t\n,.;:!-")
        if yes is not None and yes.match(start) is not None:
            return True
    return False
