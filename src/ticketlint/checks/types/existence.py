"""The `existence` check type: flag every occurrence of a listed phrase.

Vale's most useful rule type. A data rule declares it in `rules/<CODE>.toml`;
each language lists `tokens` (regular expressions, case-insensitive, matched
at word boundaries) and optional `exceptions` (a token match inside an
exception match is not reported) in `rules/<lang>/<CODE>.toml`.

Optional features, all off unless the rule asks for them:

- `fold_accents = true` in `rules/<CODE>.toml`: patterns and prose are matched
  with diacritics removed (one character for one, so offsets do not move), so
  that "va aducem la cunostinta" matches "vă aducem la cunoștință" and
  "razon" matches "razón". Tickets are often typed without accents.
- `macros = { you = "(?:anda|bapak|ibu)" }` in a language pack: `{{you}}` in
  that pack's tokens and exceptions is replaced by the macro's regex, so that
  a list of forms of address is written once (the pack dialect, packs/dialect.py).
- `within = "body"` or `"sentence"` in `rules/<CODE>.toml`: the text scope
  (checks/types/common.py); `once_per_message` then means once per unit.
- `once_per_message = true` in `rules/<CODE>.toml`: report only the first match
  of a message, for rules where several matches are one problem (a hedged
  answer hedges in three places; it is still one guess).
- `optional = [{ option = "flag-x", key = "x", help = "..." }]` in
  `rules/<CODE>.toml`: a boolean option (default off) that adds the language
  packs' list `x` to the tokens, for phrases a team may or may not want flagged.
- `governed_by = ["fixes", ...]` and `governed_at_clause = ["vocabulary:imperatives"]`
  in `rules/<CODE>.toml`: a token counts only where it governs something those
  lists name, in the sentence that holds it or in the sentence next to it that
  it introduces or closes ("Not sure, but" / "Try X. Not sure."). `governed_by`
  lists are searched anywhere in that sentence; `governed_at_clause` lists only
  where a clause starts (the sentence's start past an opening addressee, after
  `,;:(`, right after the token); a command line to run there is an
  instruction too (analysis/text.py `COMMAND_LINE`). A sentence that is the
  token alone closes the sentence before only when that one opens a clause
  with an instruction ("Try X. Not sure."; not "It was fixed. Maybe so."). A hedge is a problem only where it hedges a
  fix, not over a fact, a time or a risk (TL403). `ungoverned = ["x"]`: pack
  lists flagged like tokens without that test (a guessed cause names its own
  object); one that starts inside an exception is none. The user's
  `extend-tokens` are never governed.
- `governed_as_answer = N` (with `answer_holds = ["questions:yes_no_answers", ...]`):
  a token also counts in the first clause of the first N sentences of the reply that answers a
  customer's question (`Document.question_repliers`, analysis/questions.py) where that
  sentence holds the answer's yes or no and no exception: "Last time I checked
  that was a no" is a low-confidence answer, whatever it hedges (TL403).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ... import recache
from ...analysis.replies import OPENING
from ...analysis.text import COMMAND_LINE, sentences
from ...document import AnalysedMessage
from ...model import Hit, OptionSpec, Role, Span
from ...packs import Key, PackSchema
from ...patterns import Phrases, spans
from ..base import RuleContext
from .common import Common, pack_lists, units, user_patterns

EXISTENCE_OPTIONS = (
    OptionSpec("extend-tokens", list, [], "extra phrases (regular expressions) to flag, in any language", items=str, regex=True),
    OptionSpec("allow", list, [], "phrases (regular expressions) never to flag", items=str, regex=True),
)


# Where a clause starts inside a sentence: after a comma, semicolon, colon or opening bracket (and the spaces after it).
_CLAUSE_MARK = recache.compile(r"[,;:(][^\S\n]*+")
# What may follow a token that opens a sentence and still leaves the sentence to the next one: punctuation and at
# most one word ("Not sure, but", "No idea though.", "No estoy seguro, pero").
_INTRODUCES = recache.compile(r"[\W_]*+(?:\w+[\W_]*+)?")
_SKIP = recache.compile(r"[ \t,]*+")
# A sentence that is nothing but the token, past up to three words of address or interjection before it.
_BARE_BEFORE = recache.compile(r"[\W_]*+(?:[\w|.`^-]+[\W_]*+){0,3}")


# A word of the sentence outside the token (the answer path wants a statement, not a bare "not sure." / "no idea").
_WORD = recache.compile(r"[^\W_]+")
# A first clause of at most this many words before a comma is a greeting or an address ("Hi Dana,", "Halo kak,").
_GREETING_WORDS = 2


@dataclass(frozen=True, slots=True)
class _Answer:
    """One of the first sentences of a reply to a customer's question, for the answer path of the governance test:
    where it is, and where the words of `answer_holds` it holds start and end (the first end, the last start), so
    that "one of them lies outside the token" is two comparisons per token, not a search of the sentence."""

    start: int
    end: int
    first_end: int | None
    last_start: int | None
    clause_end: int  # the end of its first clause (past an opening greeting or address of two words at most)

    def states(self, text: str, a: int, b: int, holds: bool) -> bool:
        """Whether the sentence states an answer besides the token at [a, b): a word of `answer_holds` outside it
        (the yes or no: "Last time I checked it was not."), or without such lists two words outside it (not a bare
        "Not sure." or "No idea.": an honest "I don't know" answers nothing). The token must lie in the sentence's
        first clause, where the answer is given ("as far as I know, there is no recovery"); a hedge in a clause
        after it qualifies what follows the answer ("It's on purpose, but it seems not great either, I'll edit it")."""
        if a >= self.clause_end:
            return False
        if holds:
            return (self.first_end is not None and self.first_end <= a) or (self.last_start is not None and self.last_start >= b)
        words = 0
        for lo, hi in ((self.start, a), (b, self.end)):
            for _ in _WORD.finditer(text, lo, hi):  # stops at the second word: bounded per token
                words += 1
                if words >= 2:
                    return True
        return False


def _answers(text: str, firsts: Sequence[tuple[int, int]], holds: Sequence[Phrases]) -> list[_Answer]:
    """The reply's first sentences (`governed_as_answer`), each read once for the words of `answer_holds`."""
    out = []
    for s, e in firsts:
        found = [span for p in holds for span in spans(p, text, s, e)]
        opening = OPENING.match(text, s, e)
        at = opening.end() if opening else s
        marks = _CLAUSE_MARK.finditer(text, at, e)
        first = next(marks, None)
        clause_end = first.start() if first else e
        if first is not None and sum(1 for _ in _WORD.finditer(text, at, clause_end)) <= _GREETING_WORDS:
            second = next(marks, None)  # "Hi Dana, as far as I know, no": the greeting is no clause of the answer
            clause_end = second.start() if second else e
        out.append(_Answer(s, e, min((me for _, me in found), default=None), max((ms for ms, _ in found), default=None),
                           clause_end))
    return out


def existence_schema(optional_keys: Sequence[str] = (), own_keys: Sequence[str] = ()) -> PackSchema:
    """The language packs of an existence rule: tokens, exceptions, the lists its flag options add, and the
    lists its governance test reads (`governed_by`, `governed_at_clause`, `ungoverned`)."""
    keys = {
        "tokens": Key("patterns", "phrases to flag (regular expressions of the pack dialect)", required=True),
        "exceptions": Key("patterns", "phrases inside which a token is not flagged"),
    }
    keys.update({k: Key("patterns", "phrases flagged when the rule's option for them is on") for k in optional_keys})
    keys.update({k: Key("patterns", "phrases a token must govern, or flagged without that test (ungoverned)") for k in own_keys})
    return PackSchema(keys=keys, macros=True)


@dataclass(frozen=True, slots=True)
class Governance:
    """The lists of `governed_by`, `governed_at_clause` and `ungoverned` (empty: every token counts)."""

    anywhere: tuple[str, ...] = ()
    at_clause: tuple[str, ...] = ()
    ungoverned: tuple[str, ...] = ()
    # `governed_as_answer = N`: a token in the first N sentences of a reply to a customer's question counts too, where
    # that sentence holds what `answer_holds` names (a yes, a no, a negation: the answer itself)
    answer_sentences: int = 0
    answer_holds: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return bool(self.anywhere or self.at_clause)


@dataclass(frozen=True, slots=True)
class _Sentence:
    """What one sentence names, for the governance test: a predicate of the `governed_by` lists, its clause
    starts, and the clause starts where an instruction or a command line opens a clause."""

    predicate: bool
    starts: tuple[int, ...]
    instructions: tuple[int, ...]
    commands: tuple[int, ...]

    def instruction_apart_from(self, token_start: int | None) -> bool:
        """An instruction opens one of its clauses (a command line only where the token does not start: "maybe
        /etc/apt/sources.list" is a hedge, not a command)."""
        return bool(self.instructions) or any(pos != token_start for pos in self.commands)


class ExistenceRule:
    """Flags listed phrases in the text in scope of the messages in scope."""

    def __init__(self, common: Common, optional: Sequence[tuple[str, str]] = (), governance: Governance = Governance()) -> None:
        self.common = common
        self.meta = common.meta
        self.message = common.message
        self.optional = tuple(optional)  # (option name, pack list key)
        self.governance = governance
        self._governors: dict[str, tuple[tuple[Phrases, ...], tuple[Phrases, ...], tuple[Phrases, ...]]] = {}
        self._answer_words: dict[str, tuple[Phrases, ...]] = {}
        # hot-path caches: patterns per (language, optional lists), compiled options per mapping
        self._by_language: dict[tuple[str, tuple[str, ...]], tuple[tuple[Phrases, ...], tuple[Phrases, ...]]] = {}
        self._prepared: dict[int, tuple[Mapping[str, Any], tuple[Phrases | None, Phrases | None, tuple[str, ...]]]] = {}

    def _patterns(self, lang: str, extra_keys: tuple[str, ...]) -> tuple[tuple[Phrases, ...], tuple[Phrases, ...]]:
        found = self._by_language.get((lang, extra_keys))
        if found is None:
            langs, code, folded = self.common.langs(lang), self.meta.code, self.common.fold
            found = self._by_language[(lang, extra_keys)] = (
                pack_lists(code, langs, ("tokens", *extra_keys), folded, True),
                pack_lists(code, langs, ("exceptions",), folded, True),
            )
        return found

    def _governing(self, lang: str) -> tuple[tuple[Phrases, ...], tuple[Phrases, ...], tuple[Phrases, ...]]:
        """(lists searched anywhere, lists matched at a clause start, ungoverned tokens) for `lang`."""
        found = self._governors.get(lang)
        if found is None:
            langs, code, folded, gov = self.common.langs(lang), self.meta.code, self.common.fold, self.governance
            found = self._governors[lang] = (
                pack_lists(code, langs, gov.anywhere, folded, False),
                pack_lists(code, langs, gov.at_clause, folded, False),
                pack_lists(code, langs, gov.ungoverned, folded, True) if gov.ungoverned else (),
            )
        return found

    def _answer_holds(self, lang: str) -> tuple[Phrases, ...]:
        """The `answer_holds` lists for `lang` (empty: any statement of two words is an answer)."""
        found = self._answer_words.get(lang)
        if found is None:
            found = self._answer_words[lang] = pack_lists(
                self.meta.code, self.common.langs(lang), self.governance.answer_holds, self.common.fold, False)
        return found

    def _governs(self, text: str, sents: Sequence[tuple[int, int]], firsts: Sequence[int], a: int, b: int, lang: str,
                 memo: dict[tuple[int, int], _Sentence]) -> bool:
        """Whether the token at [a, b) governs what the `governed_by` lists name: in its own sentence, or in the
        next one when the token opens and ends its sentence ("Not sure, but" + "try ..."), or in the one before
        when the sentence is the token alone and that one tells the customer what to do ("Try X. Not sure.";
        after a report, "It was fixed in 3.1. Maybe so.", it doubts a fact). `memo`: what each sentence names,
        read once per message (a message of many hedges in one long sentence is not read once per hedge); `firsts`:
        the sentences' starts, listed once per message (not once per hedge)."""
        i = bisect.bisect_right(firsts, a) - 1
        if i < 0:
            return False
        s, e = sents[i]
        while b > e and i + 1 < len(sents):  # a token that runs into the next sentence governs that one too
            i += 1
            e = sents[i][1]
        own = self._sentence(text, s, e, lang, memo)
        if own.predicate or own.instruction_apart_from(a) or self._opens_clause(text, own, a, b, e, lang):
            return True
        if _INTRODUCES.fullmatch(text, b, e) is None:
            return False
        if i + 1 < len(sents):
            nxt = self._sentence(text, *sents[i + 1], lang, memo)
            if nxt.predicate or nxt.instruction_apart_from(None):
                return True
        if i > 0 and _BARE_BEFORE.fullmatch(text, s, a) is not None:
            return self._sentence(text, *sents[i - 1], lang, memo).instruction_apart_from(None)
        return False

    def _sentence(self, text: str, s: int, e: int, lang: str, memo: dict[tuple[int, int], _Sentence]) -> _Sentence:
        """What [s, e) names: a predicate of the `governed_by` lists, the clause starts, where an instruction
        (a `governed_at_clause` list, a command line) opens a clause."""
        found = memo.get((s, e))
        if found is None:
            anywhere, at_clause, _ = self._governing(lang)
            opening = OPENING.match(text, s, e)
            starts = sorted({opening.end() if opening else s, s, *(m.end() for m in _CLAUSE_MARK.finditer(text, s, e))})
            found = memo[(s, e)] = _Sentence(
                any(p.search(text, s, e) is not None for p in anywhere),
                tuple(starts),
                tuple(pos for pos in starts if pos < e and any(p.match(text, pos, e) for p in at_clause)),
                tuple(pos for pos in starts if pos < e and COMMAND_LINE.match(text, pos, e) is not None),
            )
        return found

    def _opens_clause(self, text: str, sent: _Sentence, a: int, b: int, e: int, lang: str) -> bool:
        """Whether an instruction opens a clause right after the token: only when the token opens its clause,
        past at most one word ("so maybe try", "nick: perhaps reinstall"); in "they will most likely reply"
        the verb after the hedge has its subject."""
        k = bisect.bisect_right(sent.starts, a) - 1
        clause = sent.starts[k] if k >= 0 else a
        if _INTRODUCES.fullmatch(text, clause, a) is None:
            return False
        pos = _SKIP.match(text, b, e)
        at = pos.end() if pos else b
        return at < e and any(p.match(text, at, e) for p in self._governing(lang)[1])

    def _prepare(self, options: Mapping[str, Any]) -> tuple[Phrases | None, Phrases | None, tuple[str, ...]]:
        """The user's options compiled, once per options mapping (the engine passes the same one every ticket)."""
        cached = self._prepared.get(id(options))
        if cached is not None and cached[0] is options:  # holding `options` keeps its id from being reused
            return cached[1]
        folded = self.common.fold
        extra = user_patterns(tuple(options.get("extend-tokens", ())), folded)
        allow = user_patterns(tuple(options.get("allow", ())), folded)
        keys = tuple(key for option, key in self.optional if options.get(option, False))
        self._prepared[id(options)] = (options, (extra, allow, keys))
        return extra, allow, keys

    def check(self, ctx: RuleContext[Any]) -> Iterator[Hit]:
        extra, allow, keys = self._prepare(ctx.options)
        document = ctx.document

        def answering(msg: AnalysedMessage) -> bool:
            """Whether `msg` opens a reply to a customer's question (read once per ticket, only when asked)."""
            return msg.index in document.question_repliers

        for msg in ctx.in_scope(self):
            yield from self._check_message(msg, extra, allow, keys, ctx.locale, answering)

    def _check_message(
        self, msg: AnalysedMessage, extra: Phrases | None, allow: Phrases | None, keys: tuple[str, ...] = (),
        locale: str | None = None, answering: Callable[[AnalysedMessage], bool] | None = None,
    ) -> Iterator[Hit]:
        tokens, exceptions = self._patterns(msg.language, keys)
        shown, text, spans_of_units = units(msg, self.common.within, self.common.fold)
        gov = self.governance
        loose = self._governing(msg.language)[2] if gov.active else ()
        found = [(m.start(), m.end()) for pattern in (*tokens, extra) if pattern is not None for m in pattern.finditer(text)]
        # the matches that need no governance test: the user's own phrases and the `ungoverned` lists
        free = {(m.start(), m.end()) for pattern in (*loose, extra) if pattern is not None for m in pattern.finditer(text)} if gov.active else set()
        seen = set(found)
        found += [f for f in free if f not in seen]
        if not found:
            return  # most messages: the exceptions need not be scanned
        # The governance test first, the exceptions only when a token passes it: in a long text of bare hedges
        # ("maybe maybe ...") none governs a fix and the exceptions, some of which read a few hundred characters
        # after each hedge, are not scanned at all. What each sentence names is read once (`memo`).
        answers: list[_Answer] = []
        if gov.active:
            sents = sentences(shown)
            starts_of = [s for s, _ in sents]
            memo: dict[tuple[int, int], _Sentence] = {}
            governed = [(a, b) for a, b in found if (a, b) in free or self._governs(text, sents, starts_of, a, b, msg.language, memo)]
            first = gov.answer_sentences
            # the answer path only for a token in the first sentences the fix test left out, and only then is the
            # thread asked whether this message answers a question (most messages: never)
            limit = sents[min(first, len(sents)) - 1][1] if first > 0 and sents else 0
            passed = set(governed)
            rest = [(a, b) for a, b in found if a < limit and (a, b) not in passed]
            if rest and answering is not None and msg.role is Role.AGENT and answering(msg):
                answers = _answers(text, sents[:first], self._answer_holds(msg.language))
                holds = bool(gov.answer_holds)
                passed |= {(a, b) for a, b in rest if any(x.start <= a < x.end and x.states(text, a, b, holds) for x in answers)}
                governed = [f for f in found if f in passed]
            found = governed
            if not found:
                return
        # Per exception pattern, finditer's matches come in order without overlapping, so their ends
        # rise with their starts: of those starting at or before a token, the last one reaches
        # furthest. One bisect per token and pattern instead of a scan of every exception match
        # (quadratic when a message repeats a phrase that is both a token and an exception).
        excluded = [spans(p, text) for p in (*exceptions, allow) if p]
        starts = [[xs for xs, _ in matches] for matches in excluded]

        def kept(a: int, b: int) -> bool:
            for matches, firsts in zip(excluded, starts):
                i = bisect.bisect_right(firsts, a) - 1
                if i >= 0 and b <= matches[i][1]:
                    return False
            return True

        def inside(a: int) -> bool:
            for matches, firsts in zip(excluded, starts):
                i = bisect.bisect_right(firsts, a) - 1
                if i >= 0 and a < matches[i][1]:
                    return True
            return False

        def overlaps(lo: int, hi: int) -> bool:
            """Whether an exception match overlaps [lo, hi) (matches of one pattern do not overlap: the last one
            starting before `hi` reaches furthest)."""
            for matches, firsts in zip(excluded, starts):
                i = bisect.bisect_left(firsts, hi) - 1
                if i >= 0 and matches[i][1] > lo:
                    return True
            return False

        def by_answer_only(a: int, b: int) -> bool:
            """Whether the token counts only as a hedged answer (no fix governed), whose sentence then must hold
            no exception ("not sure, I dunno how to fix your issue"; a time)."""
            return bool(answers) and (a, b) not in free and not self._governs(text, sents, starts_of, a, b, msg.language, memo)

        # an ungoverned match that starts inside an exception belongs to it ("mungkin bisa coba tanya di forum": a referral)
        counted = [(a, b) for a, b in found if kept(a, b) and not ((a, b) in free and inside(a))
                 and not (by_answer_only(a, b) and any(x.start <= a < x.end and overlaps(x.start, x.end) for x in answers))]
        if len(spans_of_units) > 1:  # within = "sentence": only what lies in one unit
            firsts = [u for u, _ in spans_of_units]
            by_unit: dict[int, list[tuple[int, int]]] = {}
            for a, b in counted:
                i = bisect.bisect_right(firsts, a) - 1
                if i >= 0 and b <= spans_of_units[i][1]:
                    by_unit.setdefault(i, []).append((a, b))
            groups = list(by_unit.values())
        else:
            groups = [counted] if counted else []
        lang = locale or msg.language
        for group in groups:
            chosen = [min(group)] if self.common.once_per_message else group
            for start, end in chosen:
                said = self.common.say(lang, "message", match=shown[start:end])
                yield Hit(msg.index, Span(start, end), said or "", self.common.say(lang, "suggestion"))
