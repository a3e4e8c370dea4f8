"""TL201 unexplained-jargon: a technical term the customer may not know, used unexplained.

The jargon lexicon is per language (`rules/<lang>/TL201.toml`): `[terms]` maps a
canonical term to a plain-language explanation (used in the suggestion) and
`[variants]` gives the regex of its spellings. A term is reported once per
agent message, at its first use, unless:

- some use of it in the message is explained: a parenthesis of two or more
  words right after it ("cache (the copies of pages ...)"), an appositive or
  definition after it (", which is ...", "i.e.", " - the ...", "means",
  "is the ...", ", es decir," / ", yaitu" / ", adică" ...; the pack's `after`
  list), or a definition before it ("known as DNS", "the address book (DNS)");
- it was used earlier in the thread: by the customer (who then knows it: in
  any case, in their prose or in what they pasted, such as a log line or a
  quoted error, and as the start of a longer word of theirs, "sudoers" for
  "sudo", "partitioning" for "partition", unless that word is an ordinary
  word longer than the term or built on one: "guide" is not GUID), or
  by an agent, explained there or not (a term is judged where it is first
  used: a later use is not a new problem, and was reported, if at all, at
  its first use);
- it is accepted by the organisation vocabulary (`[vocabulary] accept`, or
  a pack vocabulary's accept.txt: docs/packs.md), or is in the option `known`
  (terms this rule accepts, in any case; read through the same vocabulary).

A term the organisation vocabulary rejects is reported at its first use in
each agent message, explained or not, with the preferred wording when the
vocabulary gives one (and not again as unexplained jargon).

Terms inside URLs, e-mail addresses, file paths, host/file names, `code` and
command lines to type ("sudo eject /dev/hdd", "sudo iwlist eth1 scan", "lspci |
grep VGA": an instruction to type, like `code`, not a term to understand; see
`analysis.jargon.scrub`) are not looked at (quotes, signatures and logs are already blanked in
`msg.prose`). The lexicon and the scrubbing live in `analysis/jargon.py`,
shared with TL202, which skips the acronyms of this lexicon.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from ... import recache
from ...analysis.jargon import CODE, SCHEMA, Vocabulary, customer_text, explained, jargon, ordinary_extensions, scrub
from ...document import AnalysedMessage
from ...model import Hit, Role, RuleMeta, Severity, Span
from ...ruleoptions import RuleOptions, option
from ..base import BaseRule, RuleContext


def _extra_pairs(value: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((str(k), "" if v is None else str(v)) for k, v in value.items() if str(k).strip()))


@dataclass(frozen=True, slots=True)
class Options(RuleOptions):
    known: tuple[str, ...] = option((), "terms your customers know (an organisation glossary); never flagged")
    extra: Mapping[str, str] = option(
        {}, "more jargon: a table term -> plain explanation (an empty explanation gives a generic suggestion)")


class UnexplainedJargon(BaseRule[Options]):
    meta = RuleMeta(
        code=CODE,
        name="unexplained-jargon",
        summary="A technical term from the jargon lexicon (DNS, cache, firmware, registry, SSO, MFA, proxy, ...) used in a reply without explaining it.",
        scope=frozenset({Role.AGENT}),
        severity=Severity.WARNING,
        replies_only=True,  # a chat line that is no reply to the customer is skipped (analysis/address.py)
        groups=("clarity",),
        aliases=("jargon",),
        rationale=(
            "Technicians live and breathe their references, acronyms and jargon every day and come to assume, "
            "without noticing, that customers understand them too; a customer who already feels helpless feels "
            "more so when the reply is full of terms they do not know. A short explanation the first time a term "
            "is used (in parentheses, or as 'which is ...') keeps the reply precise and understandable. Terms the "
            "customer used first, or that were explained earlier in the thread, are not flagged."
        ),
        seed="seed 003 (es), habit 9: assuming customers understand the same technical references, acronyms and jargon",
        suggestion="Explain the term in plain words where it is first used, e.g. 'DNS (the internet's address book)'.",
        options=Options,
        pack=SCHEMA,
    )

    def check(self, ctx: RuleContext[Options]) -> Iterator[Hit]:
        # `known` goes through the organisation vocabulary (any case, as this option always matched)
        known = tuple(str(k).strip().lower() for k in ctx.options.known)
        vocab = ctx.vocabulary.accepting(known) if known else ctx.vocabulary
        extra = _extra_pairs(ctx.options.extra)
        settled: set[str] = set()  # terms used earlier in the thread (by the customer, or by an agent)
        customer = _CustomerWords()  # every word the customer wrote or pasted so far
        aside = ctx.asides(self)  # a chat line that is no reply to the customer neither reports nor settles a term
        agents = [m.index for m in ctx.document.messages if m.role is Role.AGENT and m.index not in aside]
        if not agents:
            return  # nothing to check; customer messages only matter before a reply
        for msg in ctx.document.messages[: agents[-1] + 1]:
            if msg.role not in (Role.CUSTOMER, Role.AGENT) or msg.index in aside:
                continue
            rejected: list[tuple[int, int]] = []
            if vocab.spec.reject and msg.role is Role.AGENT:
                yield from self._rejected(vocab, msg.index, scrub(msg.prose), msg.body, rejected, functools.partial(ctx.say, msg))
            lex = jargon(msg.language, extra)
            if lex.starts is None:
                continue
            text = scrub(msg.prose)
            uses: dict[str, list[tuple[int, int, int]]] = {}
            for key, s, e, full in lex.find(text):
                uses.setdefault(key, []).append((s, e, full))
            if msg.role is Role.CUSTOMER:
                settled.update(uses)
                customer.add(customer_text(msg.body))
                continue
            earlier = frozenset(settled)
            settled.update(uses)  # judged here, at its first use in the thread: later uses are not reported again
            for key, spans in uses.items():
                if key in earlier:
                    continue
                first = msg.body[spans[0][0] : spans[0][1]]
                if customer.knows(first):
                    continue  # the customer wrote it (any case, maybe in a pasted log) or a longer word made from it
                if vocab and (vocab.accepts(key) or vocab.accepts(first)):
                    continue  # the organisation's customers know it
                if rejected and any(s < r_end and r_start < full for s, _, full in spans for r_start, r_end in rejected):
                    continue  # reported as a rejected term, once
                if any(explained(lex, text, s, full) for s, _, full in spans):
                    continue
                yield Hit(
                    message_index=msg.index,
                    span=Span(spans[0][0], spans[0][1]),
                    message=ctx.say(msg, "term", term=first),
                    suggestion=_suggestion(ctx, msg, first, lex.explanations.get(key, "")),
                )

    @staticmethod
    def _rejected(vocab: Vocabulary, index: int, text: str, body: str, spans: list[tuple[int, int]],
                  say: Callable[..., str]) -> Iterator[Hit]:
        """The first use of each term of the organisation's reject list in an agent message (`spans` gets them all)."""
        seen: set[str] = set()
        for term, preferred, s, e in vocab.rejected(text):
            spans.append((s, e))
            if term in seen:
                continue
            seen.add(term)
            written = body[s:e]
            yield Hit(
                message_index=index,
                span=Span(s, e),
                message=say("rejected", term=written),
                suggestion=say("rejected_swap", preferred=preferred) if preferred else say("rejected_plain"),
            )


_WORD = recache.compile(r"[^\W_]+")
PREFIX_MIN = 4  # a term of at least this many letters is known from a longer word starting with it


class _CustomerWords:
    """The words of the customer's messages, whole bodies (pasted logs and quoted errors included), lower case."""

    __slots__ = ("_words", "_sorted", "_texts")

    def __init__(self) -> None:
        self._words: set[str] = set()
        self._sorted: list[str] | None = []
        self._texts: list[str] = []  # each message's words, space-separated, for a term of several words

    def add(self, body: str) -> None:
        words = _WORD.findall(body.lower())
        self._words.update(words)
        self._sorted = None
        self._texts.append(f" {' '.join(words)} ")

    def knows(self, term: str) -> bool:
        """Whether the customer wrote `term` (any case), or, for one word of PREFIX_MIN letters or more, a
        longer word that starts with it ("sudoers" for "sudo", "raid1" for RAID) and is not an ordinary word
        longer than the term or made from one ("guide", "guidelines" for GUID; "sudor" for sudo:
        `ordinary_extensions`)."""
        if not self._words:
            return False
        parts = _WORD.findall(term.lower())
        if not parts:
            return False
        if len(parts) > 1:
            phrase = f" {' '.join(parts)} "
            return any(phrase in t for t in self._texts)
        word = parts[0]
        if word in self._words:
            return True
        if len(word) < PREFIX_MIN:
            return False
        if self._sorted is None:
            self._sorted = sorted(self._words)
        i = bisect.bisect_left(self._sorted, word)
        ordinary = ordinary_extensions(word)
        while i < len(self._sorted) and self._sorted[i].startswith(word):
            if not any(self._sorted[i].startswith(o) for o in ordinary):
                return True
            i += 1
        return False


def _suggestion(ctx: RuleContext[Options], msg: AnalysedMessage, term: str, explanation: str) -> str:
    if explanation:
        return ctx.say(msg, "explain_as", term=term, explanation=explanation)
    return ctx.say(msg, "explain")
