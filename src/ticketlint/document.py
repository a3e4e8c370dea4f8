"""Analysis of one ticket: per message, its prose, language and (lazily) sentences, words, links.

Rules read `AnalysedMessage` objects, never raw strings, so that masking,
language and the text layer (analysis/text.py) are computed once per message
however many rules run.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Hashable
from collections.abc import Callable as _Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from .analysis import address as _address
from .analysis import failure as _failure
from .analysis import handoff as _handoff
from .analysis import questions as _questions
from .analysis import replies as _replies
from .analysis import text as _text
from .analysis import thread as _thread
from .lang import detect as langdetect
from .masking import Masked, mask
from .model import Message, Role, Span, Ticket
from .textutil import line_starts, position

if TYPE_CHECKING:
    from .analysis.handoff import NoteScan
    from .analysis.questions import Question
    from .analysis.thread import Exchange
    from .patterns import Phrases

_T = TypeVar("_T")


_V = TypeVar("_V")


class lazy(Generic[_V]):
    """`functools.cached_property` without its lock: computed on first access, then an instance attribute.

    Python 3.11's cached_property takes a per-descriptor RLock on every first access (~7 µs,
    measured); a Document and its messages are built per ticket and each asks several of these
    once, so over millions of tickets the lock was a tenth of a rule's time. A Document is never
    shared between threads.
    """

    def __init__(self, func: _Callable[[Any], _V]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, objtype: Any = None) -> _V:
        if obj is None:  # looked up on the class (help(), docs)
            return self  # type: ignore[return-value]
        value = obj.__dict__[self.name] = self.func(obj)
        return value


@dataclass(frozen=True, slots=True)
class Authors:
    """The authors of a thread, folded (lower case, no diacritics: `analysis.text.fold`, as a name opening folded text is
    read), each with the number of its messages and the roles it wrote in; a message without an author is nobody's.

    `names` is sorted, so the authors a nick begins are one range of it (`bisect`); `messages` and `roles` are read per
    name. One index per thread (`Document.authors`), read by every analysis of authors, so that none keeps a map of its own.
    """

    names: tuple[str, ...]
    messages: dict[str, int]
    roles: dict[str, frozenset[Role]]

    @classmethod
    def of(cls, messages: list[AnalysedMessage]) -> Authors:
        counts: dict[str, int] = {}
        roles: dict[str, set[Role]] = {}
        for m in messages:
            author = m.message.author
            if author:
                key = _text.fold(author)
                counts[key] = counts.get(key, 0) + 1
                roles.setdefault(key, set()).add(m.role)
        return cls(tuple(sorted(counts)), counts, {name: frozenset(r) for name, r in roles.items()})

    def helper(self, name: str) -> bool:
        """Whether `name` (folded) is an author who wrote agent messages only: a helper of the chat, never its customer."""
        return self.roles.get(name) == _HELPER


_HELPER = frozenset((Role.AGENT,))


class AnalysedMessage:
    """One message of a thread, with its prose view and its lazily computed text layer."""

    def __init__(self, index: int, message: Message, language: str, plain: bool) -> None:
        self.index = index
        self.message = message
        self.role: Role = message.role
        self.body: str = message.body
        self.language = language
        self.plain = plain  # True when the input was a bare text, not a ticket
        self._masked: Masked | None = None
        self._text: dict[str, object] = {}

    @property
    def masked(self) -> Masked:
        if self._masked is None:
            self._masked = mask(self.body)
        return self._masked

    @property
    def prose(self) -> str:
        """The body with quotes, signatures and logs blanked out (same offsets)."""
        return self.masked.prose

    # The text layer (analysis/text.py), computed once per message whatever number of rules ask.
    def sentences(self) -> list[tuple[int, int]]:
        """(start, end) of each sentence or line of the prose (`analysis.text.sentences`)."""
        return self._text_cache("sentences", _text.sentences)

    def words(self) -> list[tuple[int, int]]:
        """(start, end) of each word of the prose: letters, inner apostrophes and hyphens (`text.WORD`)."""
        return self._text_cache("words", _text.words)

    def tokens(self) -> list[tuple[int, int]]:
        """(start, end) of each run of word characters of the prose, numbers included (`text.TOKEN`)."""
        return self._text_cache("tokens", _text.tokens)

    def list_items(self) -> list[tuple[int, int]]:
        """(marker start, item text start) of each list item of the prose (`text.LIST_ITEM`)."""
        return self._text_cache("list_items", _text.list_items)

    def links(self) -> list[_text.Link]:
        """URLs, e-mail addresses, `code`, paths and file names in the prose (`analysis.text.links`)."""
        return self._text_cache("links", _text.links)

    def _text_cache(self, key: str, compute: Callable[[str], _T]) -> _T:
        found = self._text.get(key)
        if found is None:
            found = self._text[key] = compute(self.prose)
        return found  # type: ignore[return-value]

    @lazy
    def line_starts(self) -> list[int]:
        return line_starts(self.body)

    def position(self, offset: int) -> tuple[int, int]:
        return position(self.line_starts, offset)

    @lazy
    def _masked_index(self) -> tuple[list[int], list[int]]:
        """Starts of the masked regions in order, and the furthest end among each prefix of them."""
        m = self.masked
        regions = sorted((r.start, r.end) for r in (*m.quotes, *m.signatures, *m.logs, *m.markup))
        starts = [s for s, _ in regions]
        reach: list[int] = []
        furthest = -1
        for _, e in regions:
            furthest = max(furthest, e)
            reach.append(furthest)
        return starts, reach

    def in_masked(self, span: Span) -> bool:
        """Whether a span lies inside a quote, signature, log or markup region (front matter, HTML comment).

        Bisected over the regions (sorted once per message): a scan of every region per call was
        quadratic for a rule asking about each of its hits in a message of many quoted or log lines.
        """
        starts, reach = self._masked_index
        i = bisect.bisect_right(starts, span.start)  # regions[:i] start at or before span.start
        return i > 0 and reach[i - 1] > span.start

    # --- The hand-off (analysis/handoff.py: TL103, TL105), cached per message ---

    @lazy
    def _handoffs(self) -> dict[tuple[int, Phrases | None], Span | None]:
        return {}

    def handoff(self, plain_min_words: int = 15, extra: Phrases | None = None) -> Span | None:
        """Where this note says it is a hand-off (marker to the end of its clause), or None.

        `plain_min_words`: a plain-text note this long is a hand-off; `extra`:
        the rule's own hand-off phrases (folded). TL103 and TL105 share the answer.
        """
        key = (plain_min_words, extra)
        cache = self._handoffs
        if key not in cache:
            cache[key] = _handoff.find_handoff(self, plain_min_words, extra)
        return cache[key]

    # -- questions (analysis/questions.py) ---------------------------------
    def prose_keys(self, lang: str) -> frozenset[str]:
        """The key words of the whole prose (`questions.key_words`, no stopwords), once per language: every reply of a
        run reads its customer block's, and a block of thousands of questions must not be read again per reply."""
        return self.memo("keys:" + lang, lambda: _questions.key_words(self.prose, lang, frozenset()))

    def memo(self, key: str, compute: Callable[[], _T]) -> _T:
        """A value an analysis derives from this message, or from the block of messages it ends (the customer block a
        run of replies answers), computed once: `key` names the value and everything it depends on."""
        if key not in self._text:
            self._text[key] = compute()
        return self._text[key]  # type: ignore[return-value]

    @lazy
    def _questions_found(self) -> dict[tuple[str, tuple[str, ...], tuple[str, ...]], tuple[Question, ...]]:
        return {}

    def questions(self, stop_language: str | None = None, ignore: tuple[str, ...] = (),
                  extend_stopwords: tuple[str, ...] = ()) -> tuple[Question, ...]:
        """The questions this message asks, cached per arguments. `stop_language`: whose stopwords
        decide the key words (a thread block's language; default this message's); `ignore`: extra
        patterns of questions that need no answer; `extend_stopwords`: extra stopwords."""
        key = (stop_language or self.language, ignore, extend_stopwords)
        found = self._questions_found.get(key)
        if found is None:
            stop = _questions.stopwords(key[0], extend_stopwords)
            found = self._questions_found[key] = _questions.find(self, stop, ignore)
        return found


class Document:
    """A ticket ready for the rules: messages analysed, languages resolved."""

    def __init__(self, ticket: Ticket, language: str = "auto", plain: bool = False) -> None:
        self.ticket = ticket
        self.plain = plain
        self._in_roles: dict[frozenset[Role], list[AnalysedMessage]] = {}
        self.messages: list[AnalysedMessage]
        self.message_languages: frozenset[str]  # the messages' languages: a rule covering all reads every message
        forced = None if language == "auto" else language
        if forced is None and ticket.language is None and len(ticket.messages) == 1 and not ticket.subject:
            # one message: its own language is the thread's (detected once; most chat and plain text)
            msg = ticket.messages[0]
            lang = msg.language or langdetect.detect(msg.body, default="en") or "en"
            self.language = lang
            self.messages = [AnalysedMessage(0, msg, lang, plain)]
            self.message_languages = frozenset((lang,))
            return
        thread_lang = forced or ticket.language or self._thread_language(ticket)
        declared = ticket.language is not None
        self.language = thread_lang
        self.messages = []
        for i, msg in enumerate(ticket.messages):
            lang = forced or msg.language or self._message_language(msg, thread_lang, declared)
            self.messages.append(AnalysedMessage(i, msg, lang, plain))
        self.message_languages = frozenset(m.language for m in self.messages)

    @staticmethod
    def _thread_language(ticket: Ticket) -> str:
        """The language most of the first 8 messages are written in (lang.detect.detect_thread)."""
        texts = [m.body[:1000] for m in ticket.messages[:8]]
        if ticket.subject:
            texts = [f"{ticket.subject}\n{texts[0] if texts else ''}", *texts[1:]]
        return langdetect.detect_thread(texts, default="en")

    @staticmethod
    def _message_language(msg: Message, thread_lang: str, declared: bool) -> str:
        """The thread's language unless the message is clearly in another (a short or code-switched
        reply keeps it; `declared`: the ticket gave its language, which asks for more evidence)."""
        return langdetect.detect_in_thread(msg.body, thread_lang, declared)

    @lazy
    def roles(self) -> frozenset[Role]:
        """The roles present in the thread (a rule whose scope misses all of them has nothing to read)."""
        return frozenset([m.role for m in self.messages])

    @lazy
    def authors(self) -> Authors:
        """The thread's one index of its authors (`Authors`), built on first use: the analyses that ask per message whether
        a name is a participant's, and whose (analysis/address.py: `participant`, `side_remarks`; TL104's addressees),
        read it; a scan of the thread each time was quadratic in its messages (tests/test_thread_linear.py)."""
        return Authors.of(self.messages)

    def in_roles(self, roles: frozenset[Role]) -> list[AnalysedMessage]:
        """The messages whose role is in `roles`, in thread order (cached per scope: ~20 rules ask)."""
        cache = self._in_roles
        found = cache.get(roles)
        if found is None:
            found = cache[roles] = [m for m in self.messages if m.role in roles]
        return found

    # --- The failure statement and the evidence (analysis/failure.py: TL101, TL102, TL104), the hand-off
    # thread (analysis/handoff.py: TL103, TL105); cached per ticket ---

    @lazy
    def _failures(self) -> dict[tuple[int, Phrases | None], Span | None]:
        return {}

    @lazy
    def _evidence(self) -> dict[tuple[Phrases | None, bool], bool]:
        return {}

    @lazy
    def _note_scans(self) -> dict[Hashable, NoteScan]:
        return {}

    @lazy
    def _technical_firsts(self) -> dict[str, dict[tuple[Role, str | None], int]]:
        return {}

    def first_technical(self, lang: str) -> dict[tuple[Role, str | None], int]:
        """Per writer (role, author), the index of their first technical message in `lang` (one scan per language)."""
        cache = self._technical_firsts
        if lang not in cache:
            cache[lang] = _failure.first_technical_by_writer(self, lang)
        return cache[lang]

    def failure(self, msg: AnalysedMessage, extra: Phrases | None = None) -> Span | None:
        """The first technical-failure statement in a message's prose (its language, then the thread's), or None.

        `extra`: the rule's own failure phrases (folded). TL101 and TL104 share the answer.
        """
        key = (msg.index, extra)
        cache = self._failures
        try:
            return cache[key]
        except KeyError:
            found = cache[key] = _failure.find_failure(msg, self, extra)
            return found

    def evidence(self, extra: Phrases | None = None, logs_count: bool = True) -> bool:
        """Whether the subject or a customer message or note holds an error code, message or (`logs_count`) log."""
        key = (extra, logs_count)
        cache = self._evidence
        if key not in cache:
            cache[key] = _failure.has_evidence(self, extra, logs_count)
        return cache[key]

    def earlier_notes(self, key: Hashable, test: Callable[[AnalysedMessage], bool]) -> NoteScan:
        """Whether a note before a message passes `test`, asked as `.any_before(index)`: linear over the thread.

        One scan per `key` and ticket (the key names the test and its inputs, e.g. `("TL103 steps", extra)`).
        """
        scans = self._note_scans
        scan = scans.get(key)
        if scan is None:
            scan = scans[key] = _handoff.NoteScan([m for m in self.messages if m.role is Role.NOTE], test)
        return scan

    # -- thread pairing (analysis/thread.py) -------------------------------
    @lazy
    def exchanges(self) -> tuple[Exchange, ...]:
        """(customer messages, agent run) pairs in thread order: which customer messages each reply answers."""
        return _thread.exchanges(self.messages)

    @lazy
    def reply_units(self) -> tuple[tuple[AnalysedMessage, ...], ...]:
        """The replies as the reply rules read them (`analysis.replies.reply_units`): one author's messages answering a
        customer block; in a chat, that author's lines across the others' lines between them."""
        return _replies.reply_units(self)

    @lazy
    def chat(self) -> bool:
        """Whether the thread is a chat (`analysis.address.chat_thread`): its replies are read whole, one author's lines
        across the others' (`reply_units`); an e-mail or a desk's ticket keeps each message's reading."""
        return _address.chat_thread(self)

    @lazy
    def reply_unit_of(self) -> dict[int, tuple[AnalysedMessage, ...]]:
        """The reply (`reply_units`) each agent message is part of, by message index; a side remark of a chat is in none."""
        return {m.index: unit for unit in self.reply_units for m in unit}

    @lazy
    def question_repliers(self) -> frozenset[int]:
        """The indices of the agent messages that open a reply to a customer's question (`analysis.questions`):
        what such a message says first is its answer (TL403: a hedge there is a low-confidence answer)."""
        return _questions.question_repliers(self.exchanges)

    @lazy
    def side_remarks(self) -> frozenset[int]:
        """The indices of the agent messages that are no reply to the customer (`analysis.address.chat_asides`; the rules
        whose `RuleMeta.replies_only` is set skip them, the audit counts them apart): a line addressed to another agent of
        the thread ("nick2: no, that flag was removed"), and, in a chat of three or more participants, the lines of a
        second customer (a participant asking for help of their own), of a participant the opener is helping, and the
        lines to a nick who is neither the customer nor a helper."""
        return _address.chat_asides(self)

    @lazy
    def participant_list(self) -> tuple[str, ...]:
        """The names of the thread's authors, longest first (`analysis.replies`: addressees in replies)."""
        return _replies.participant_list(self.messages)

    @lazy
    def participants(self) -> re.Pattern[str] | None:
        """One regex of the names of the thread's authors (`analysis.replies`: addressees in replies)."""
        return _replies.names_pattern(self.participant_list)

    @lazy
    def _addressees(self) -> dict[int, tuple[tuple[int, int], ...]]:
        return {}

    def addressees(self, msg: AnalysedMessage) -> tuple[tuple[int, int], ...]:
        """Spans of a message's prose that name someone (`analysis.replies.addressee_spans`), once per message:
        TL301 and TL303 both ask of every reply."""
        cache = self._addressees
        found = cache.get(msg.index)
        if found is None:
            found = cache[msg.index] = tuple(_replies.addressee_spans(msg, self))
        return found

    def customer_before(self, msg: AnalysedMessage) -> AnalysedMessage | None:
        """The customer message right before `msg` (notes skipped), None when an agent message comes first."""
        return _thread.customer_before(self.messages, msg)
