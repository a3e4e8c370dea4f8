"""The `conditional` check type: flag a phrase X unless a phrase Y appears in scope.

Vale's `conditional` (an acronym unless its definition is there); here the
support case: a refusal unless the reply also offers an alternative (TL304).
`rules/<CODE>.toml` names the lists, the language packs hold them:

    type = "conditional"
    first = "refusals"                   # X: pack list whose matches are candidates
    unless = ["alternatives", "pointers"]  # Y: pack lists, any match anywhere in scope clears the unit
    unless_patterns = ['https?://\\S+']  # Y too: language-neutral regexes, matched as written (not word-bounded)
    unless_in = "unit"                   # where Y is looked for: the same unit (default), "reply" (the unit, or another
                                         # message of the same run of agent messages), "subject", "ticket"
    skip_questions = true                # an X inside a sentence ending in "?" is no X ("is it not possible...?")
    gated = "answer_refusals"            # X too, but only in a reply to a customer message that matches `gate`
    gate = "requests"                    # ("Not yet." refuses a customer who asked "Is there a Mac version?";
                                         #  to "Is it fixed?" it only reports a state)
    unless_own_language = true           # Y lists of the message's own language only (default: every language the
                                         # rule reads X in); `unless_patterns` (links, addresses) are read in any
    instructions = "imperatives"         # Y too: a clause after X that opens with one of these (an instruction:
    instruction_leads = "leads"          # "We can't refund it. Please open a dispute with your bank."), after any
                                         # of the leads ("please", "then"); all three read in the message's language
    instruction_exceptions = "closes"    # not a clause that opens with one of these ("Please close this")

A match of X that overlaps a match of the pack list `exceptions` is no X; a match
of Y that overlaps X's own words is no Y (it is part of the refusal).
One finding per unit (the text scope `within`, checks/types/common.py), on its
first X: several refusals without an alternative are one problem. The
message's `{match}` is the matched text with its whitespace collapsed.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Literal

from ... import recache
from ...analysis.text import sentences
from ...analysis.thread import Exchange
from ...document import AnalysedMessage, Document
from ...model import Hit, Span
from ...packs import Key, PackSchema
from ...packs.files import on_reset
from ...patterns import Phrases, spans
from ...textutil import fold as fold_accents
from ..base import RuleContext
from .common import Common, own_lists, pack_lists, units, user_patterns, words

UnlessIn = Literal["unit", "reply", "subject", "ticket"]
UNLESS_IN: tuple[str, ...] = ("unit", "reply", "subject", "ticket")


def conditional_schema(first: str, unless: Sequence[str], exceptions: str = "exceptions", gated: str | None = None,
                       gate: str | None = None, instructions: Sequence[str] = ()) -> PackSchema:
    """The rule's own pack: the lists it names without a `pack:` prefix (those live in shared packs)."""
    keys: dict[str, Key] = {}
    if ":" not in first:
        keys[first] = Key("patterns", "phrases flagged unless an alternative is in scope", required=True)
    if gated is not None and ":" not in gated:
        keys[gated] = Key("patterns", "phrases flagged only in a reply to a customer message that matches the gate")
    if gate is not None and ":" not in gate:
        keys[gate] = Key("patterns", "what the customer message answered must say for the gated phrases to count")
    if ":" not in exceptions:
        keys[exceptions] = Key("patterns", f"phrases that look like '{first}' but are not")
    keys.update({k: Key("patterns", "phrases that clear the finding when present in scope") for k in own_lists(unless)})
    keys.update({k: Key("patterns", "an instruction opening a clause after the candidate, or the words before it") for k in own_lists(instructions)})
    return PackSchema(keys=keys, macros=True)


# Where a clause starts after a refusal: a sentence end, a line break, a comma, colon or semicolon, a dash between
# blanks. Each alternative is one run of a class, tried once per offset: linear.
_CLAUSE_BREAK = recache.compile(r"[.!?;:,]++[^\S\n]++|\n\s*+|[^\S\n][-–—][^\S\n]++")
_LEAD_GAP = recache.compile(r"[\s,]*+")


@functools.cache
def _raw(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    return recache.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None


class ConditionalRule:
    def __init__(self, common: Common, first: str, unless: Sequence[str], unless_patterns: Sequence[str] = (),
                 unless_in: UnlessIn = "unit", skip_questions: bool = False, exceptions: str = "exceptions",
                 gated: str | None = None, gate: str | None = None, unless_own_language: bool = False,
                 instructions: str | None = None, instruction_leads: str | None = None,
                 instruction_exceptions: str | None = None) -> None:
        self.common = common
        self.meta = common.meta
        self.first = first
        self.exceptions = exceptions
        self.unless = tuple(unless)
        self.unless_raw = _raw(tuple(unless_patterns))
        self.unless_in = unless_in
        self.skip_questions = skip_questions
        self.gated = gated
        self.gate = gate
        self.unless_own_language = unless_own_language
        self.instructions = instructions
        self.instruction_leads = instruction_leads
        self.instruction_exceptions = instruction_exceptions
        self._memo: dict[tuple[str, int], tuple[Any, tuple[Phrases | None, Phrases | None, list[Phrases]]]] = {}

    def _lists(self, lang: str, ctx: RuleContext[Any]) -> tuple[Phrases | None, Phrases | None, list[Phrases]]:
        """X (pack list and user's extension, one alternation), its exceptions, and the Y lists.

        Memoised per language and options object (the engine passes the same one every ticket;
        holding it in the entry keeps its id from being reused).
        """
        key = (lang, id(ctx.options))
        found = self._memo.get(key)
        if found is not None and found[0] is ctx.options:
            return found[1]
        lists = self._compile(lang, ctx)
        self._memo[key] = (ctx.options, lists)
        return lists

    def _compile(self, lang: str, ctx: RuleContext[Any]) -> tuple[Phrases | None, Phrases | None, list[Phrases]]:
        c, langs, code = self.common, self.common.langs(lang), self.meta.code
        first = _first(code, langs, self.first, c.extra(ctx.options, self.first), c.fold)
        exceptions = pack_lists(code, langs, (self.exceptions,), c.fold, False)
        unless: list[Phrases] = []
        for key in self.unless:
            unless += pack_lists(code, self._own(lang, langs), (key,), c.fold, False)
            extra = user_patterns(c.extra(ctx.options, key), c.fold)
            if extra is not None:
                unless.append(extra)
        return first, (exceptions[0] if exceptions else None), unless

    def _own(self, lang: str, langs: tuple[str, ...]) -> tuple[str, ...]:
        """The languages whose Y lists are read for a message in `lang`: its own (`unless_own_language`: "via e-mail"
        is an Indonesian pointer, "sent via e-mail to the users" in English points nowhere), else all of `langs`. A
        language the rule has no pack for reads them all."""
        return (lang,) if self.unless_own_language and lang in langs else langs

    def _instructs(self, lang: str, match_text: str, start: int, end: int, from_start: bool = False) -> bool:
        """A clause of `match_text[start:end]` (after the candidate) that opens with an instruction (`instructions`,
        after any of `instruction_leads`, and not one of `instruction_exceptions`: "Please close this" withdraws the
        request), in the message's language: "We can't refund it. Please open a dispute with
        your bank." says what the customer can do instead. Only clauses after the refusal count: an instruction
        before it is what the refusal answers ("Send me the logs ... We can't restore it."). `from_start`: `start` opens a
        clause too (a later message of the reply)."""
        if self.instructions is None:
            return False
        c, code = self.common, self.meta.code
        own = self._own(lang, c.langs(lang))
        verbs = pack_lists(code, own, (self.instructions,), c.fold, False)
        if not verbs:
            return False
        leads = pack_lists(code, own, (self.instruction_leads,), c.fold, False) if self.instruction_leads else ()
        nots = pack_lists(code, own, (self.instruction_exceptions,), c.fold, False) if self.instruction_exceptions else ()
        heads = (m.end() for m in _CLAUSE_BREAK.finditer(match_text, start, end))
        for head in itertools.chain((start,) if from_start else (), heads):
            for _ in range(3):  # "so please just ...": a few leads at most
                lead = next((m for p in leads if (m := p.match(match_text, head, end)) is not None and m.end() > head), None)
                if lead is None:
                    break
                gap = _LEAD_GAP.match(match_text, lead.end(), end)
                head = gap.end() if gap is not None else lead.end()
            # a verb joined by a slash names a thing, it gives no order ("Also, add/remove isn't as complete")
            if any((v := p.match(match_text, head, end)) is not None and match_text[v.end() : v.end() + 1] != "/" for p in verbs) \
                    and not any(x.match(match_text, head, end) for x in nots):
                return True
        return False

    def check(self, ctx: RuleContext[Any]) -> Iterator[Hit]:
        runs = _Runs(ctx.document) if self.gated is not None or self.unless_in == "reply" else None
        for msg in ctx.in_scope(self):
            yield from self._check_message(msg, ctx, runs)

    def _gated(self, msg: AnalysedMessage, runs: _Runs | None, match_text: str) -> list[re.Match[str]]:
        """Matches of the `gated` list, when the customer messages this reply answers match `gate`.

        Some answers refuse or not by what was asked: "Not yet." to "Is there a Mac version?" declines the
        request, to "Is it fixed?" it reports a state. A reply with no customer message before it (a lone
        agent text) has nothing asked: no gated match counts.
        """
        if self.gated is None or self.gate is None or runs is None:
            return []
        c, langs, code = self.common, self.common.langs(msg.language), self.meta.code
        gated = pack_lists(code, langs, (self.gated,), c.fold, False)
        if not gated:
            return []
        found = [m for p in gated for m in p.finditer(match_text)]
        if not found:  # the gate is read only when a candidate is there (nearly never)
            return []
        gates = pack_lists(code, langs, (self.gate,), c.fold, False)
        asked = runs.asked(msg, lambda m: any(g.search(fold_accents(m.prose) if c.fold else m.prose) for g in gates))
        return found if asked else []

    def _cleared(self, text: str, match_text: str, unless: list[Phrases], inside: tuple[int, int] | None = None) -> bool:
        """Y in `text`. A match of Y that overlaps X's own words (`inside`, offsets in `text`) is part of X,
        not an alternative: in "this is not something we can help you with" the "we can help you" of the
        refusal offers nothing (issue 13, rep4)."""
        if self.unless_raw is not None and self.unless_raw.search(text):
            return True
        if inside is None:
            return any(p.search(match_text) for p in unless)
        s, e = inside
        return any(y.end() <= s or y.start() >= e for p in unless for y in p.finditer(match_text))

    def _instructs_later(self, msg: AnalysedMessage, runs: _Runs) -> bool:
        """An instruction in a later message of `msg`'s run ("blkthndr: nope, ain't gonna happen." then "blkthndr: try
        googling it."): the reply goes on with what to do."""
        fold = self.common.fold

        def instructs(r: AnalysedMessage) -> bool:
            text = fold_accents(r.prose) if fold else r.prose
            return self._instructs(msg.language, text, 0, len(text), from_start=True)

        return runs.later_in_run(msg, instructs)

    def _in_run(self, msg: AnalysedMessage, runs: _Runs, unless: list[Phrases]) -> bool:
        """Y in another message of the run of agent messages that `msg` belongs to (`unless_in = "reply"`): a reply
        sent in two messages ("Tebex does not issue refunds ..." then "please contact https://...") is one reply."""
        fold = self.common.fold
        return runs.elsewhere_in_run(msg, lambda r: self._cleared(r.prose, fold_accents(r.prose) if fold else r.prose, unless))

    def _elsewhere(self, document: Document, unless: list[Phrases]) -> bool:
        """Y in the subject or in any message's prose of the thread (`unless_in`)."""
        if self.unless_in == "subject":
            texts = [document.ticket.subject]
        else:
            texts = [m.prose for m in document.messages]
        return any(self._cleared(t, fold_accents(t) if self.common.fold else t, unless) for t in texts)

    def _check_message(self, msg: AnalysedMessage, ctx: RuleContext[Any], runs: _Runs | None) -> Iterator[Hit]:
        first, exceptions, unless = self._lists(msg.language, ctx)
        if first is None:
            return
        text, match_text, unit_spans = units(msg, self.common.within, self.common.fold)
        # The exceptions are scanned at the first candidate, not before: most replies hold none.
        # finditer's matches come in order and do not overlap, so their ends rise too: the one
        # exception that can overlap a candidate is the first ending after the candidate's start
        # (bisect, not a scan of every exception per candidate: quadratic on many of both).
        excepted: list[tuple[int, int]] | None = None
        excepted_ends: list[int] = []
        sents: list[tuple[int, int]] | None = None  # split once, not once per candidate
        reported: set[int] = set()
        unit_starts = [a for a, _ in unit_spans]
        candidates: Iterable[re.Match[str]] = first.finditer(match_text)
        gated = self._gated(msg, runs, match_text)
        if gated:
            candidates = sorted([*candidates, *gated], key=lambda x: x.start())
        for m in candidates:
            u = bisect.bisect_right(unit_starts, m.start()) - 1
            if u < 0 or u in reported or m.end() > unit_spans[u][1]:
                continue
            if excepted is None:
                excepted = spans(exceptions, match_text)
                excepted_ends = [xe for _, xe in excepted]
            i = bisect.bisect_right(excepted_ends, m.start())
            if i < len(excepted) and excepted[i][0] < m.end():
                continue
            if self.skip_questions:
                if sents is None:
                    sents = unit_spans if self.common.within == "sentence" else sentences(text)
                sent = _holding(sents, m.start())
                if sent is not None and text[sent[0] : sent[1]].rstrip(" \"'”’)").endswith("?"):
                    continue
            reported.add(u)
            a, b = unit_spans[u]
            if self.unless_in in ("unit", "reply"):
                if self._cleared(text[a:b], match_text[a:b], unless, (m.start() - a, m.end() - a)) or self._instructs(
                        msg.language, match_text, m.end(), b) or (
                        runs is not None and self.unless_in == "reply" and (self._in_run(msg, runs, unless) or self._instructs_later(msg, runs))):
                    if len(unit_spans) == 1:
                        return
                    continue
            elif self._elsewhere(ctx.document, unless):
                return
            phrase = " ".join(msg.body[m.start() : m.end()].split())
            lang = ctx.locale or msg.language
            said = self.common.say(lang, "message", match=phrase)
            yield Hit(msg.index, Span(m.start(), m.end()), said or "", self.common.say(lang, "suggestion"))
            if len(unit_spans) == 1:
                return


class _Runs:
    """Per thread, built once per check: the exchange each agent message belongs to, and which messages of a run hold
    an alternative. Looked up per message, a thread of thousands of agent messages in one run was rescanned for each of
    them: 2,000 refusals took 66 s (tests/test_rule_types.py times it)."""

    def __init__(self, document: Document) -> None:
        self._document = document
        self._holding: dict[tuple[int, str | None], tuple[int, ...]] = {}
        self._later: dict[tuple[int, str | None], tuple[int, ...]] = {}
        self._asked: dict[tuple[int, str | None], bool] = {}

    @functools.cached_property
    def _exchange_of(self) -> dict[int, Exchange]:
        """Built at the first candidate that asks (most threads have none)."""
        return {r.index: ex for ex in self._document.exchanges for r in ex.replies}

    def asked(self, msg: AnalysedMessage, holds: Callable[[AnalysedMessage], bool]) -> bool:
        """Whether a customer message that `msg`'s reply answers `holds` (the gate), read once per exchange and language,
        not once per reply: one customer message of n questions answered by n bare refusals ("No, you can't use it.")
        read the block of questions once per refusal, quadratic (t304r21, tests/test_thread_linear.py)."""
        ex = self._exchange_of.get(msg.index)
        if ex is None:
            return False
        key = (ex.replies[0].index, msg.language)
        found = self._asked.get(key)
        if found is None:
            found = self._asked[key] = any(holds(m) for m in ex.customers)
        return found

    def later_in_run(self, msg: AnalysedMessage, holds: Callable[[AnalysedMessage], bool]) -> bool:
        """Whether a message of `msg`'s run that comes after it `holds` (an instruction; not once per refusal before it:
        the last holding message is compared)."""
        found = self._held(msg, holds, self._later)
        return bool(found) and found[-1] > msg.index

    def elsewhere_in_run(self, msg: AnalysedMessage, holds: Callable[[AnalysedMessage], bool]) -> bool:
        """Whether another message of `msg`'s run `holds` (the alternatives of `msg`'s language)."""
        return any(i != msg.index for i in self._held(msg, holds, self._holding))

    def _held(self, msg: AnalysedMessage, holds: Callable[[AnalysedMessage], bool],
              memo: dict[tuple[int, str | None], tuple[int, ...]]) -> tuple[int, ...]:
        """The indices, in order, of the messages of `msg`'s run that `holds`: cached in `memo` (one per predicate) per
        run and language, each message read once."""
        # In a chat the run is the reply the message is part of (`Document.reply_units`: one author's lines of the exchange,
        # across the others' lines; chat21), not every participant's lines; elsewhere, the exchange's agent messages.
        if self._document.chat:
            unit = self._document.reply_unit_of.get(msg.index)
        else:
            ex = self._exchange_of.get(msg.index)
            unit = ex.replies if ex is not None else None
        if unit is None:
            return ()
        key = (unit[0].index, msg.language)
        found = memo.get(key)
        if found is None:
            found = memo[key] = tuple(r.index for r in unit if holds(r))
        return found


@functools.cache
def _first(code: str, langs: tuple[str, ...], key: str, extra: tuple[str, ...], folded: bool) -> Phrases | None:
    """The candidates: the packs' list and the user's extension in ONE alternation (the first match wins)."""
    patterns = [p for lang in langs for p in words(code, lang, key)] + list(extra)
    return user_patterns(tuple(patterns), folded)


def _holding(sents: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    """The sentence holding `offset` (sentences are in order and do not overlap: bisect)."""
    i = bisect.bisect_right(sents, (offset, float("inf"))) - 1
    if i >= 0 and sents[i][0] <= offset < sents[i][1]:
        return sents[i]
    return None


on_reset(_first.cache_clear)
on_reset(_raw.cache_clear)
