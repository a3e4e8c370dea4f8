"""TL301 yes-no-only-reply: a public reply that is only "yes" or "no".

The reply's prose is reduced by blanking (same offsets) greetings with the
name that follows them, thanks, apologies, sign-offs and pleasantries (the
`fillers` and `greetings` of every language's rules/<lang>/vocabulary.toml,
analysis/vocabulary.py), then a trailing
signature-like line of capitalised words (the agent's name, "Support Team").
When what is left is nothing but answer words (vocabulary `answers`: "yes",
"no", "correct", "not possible", "sí", "tidak", "desigur", "kaga", "nop", ...),
the reply is flagged.

A bare answer in other words is flagged too (issue 13): a short residue that
restates a yes or a no in the words of the customer's question ("Hi @x, yes
this project is still maintained.", "We don't have such a plan." to "Are you
planning to add a dark theme?", "saat ini blm support u/ versi pro"), with no
word of its own, no number, link, question, instruction, alternative or
refusal (analysis/questions.py `restates`, the `restatement_words` of
rules/<lang>/questions.toml: negation, tense and aspect, plans, possibility).

A bare answer said back is flagged too (issue 13, rep3): the residue
opens with a yes or a no of any language ("Yes.", "No,", "Not planned.") and
adds at most one word that is neither the question's nor a stopword, with no
number, link, question, instruction, alternative, pointer or refused request
("yes, it can be fixed"). A reason in words of its own ("Not planned. Lots of
headache for developing iOS.") is more than a yes or no and is not flagged
(issue 13, ref6: RULES.md flags a reply that is *only* yes/no; the second
blind labellers flagged no such reply) (analysis/questions.py `answer_led`).

Names of the thread's participants and a chat "nick:" opening are blanked
too (analysis/replies.py): "daniel_: yes" is a bare yes. So are the markers
of a numbered list of two items or more: "1. yes 2. no" answers two
questions with a bare yes and a bare no. A clause that does not know
("idk", "ni idea", "gak tau", "nu știu"; analysis/questions.py
`unknown_spans`) is blanked when something else is left: "1.idk 2.yes" is
a bare yes (issue 13, t301r); alone it is read as before.

Lists from all four languages are used whatever the detected language:
replies this short are too short to detect reliably, and the words do not
clash (Indonesian "ya" tag particles are covered by fillers like
"terima kasih ya").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ... import packs, recache
from ...analysis import questions as qa
from ...analysis import replies, vocabulary
from ...analysis.text import TOKEN
from ...document import AnalysedMessage
from ...model import LANGUAGES, Hit, Role, RuleMeta, Severity, Span
from ...patterns import Assembly, Phrases, compile_patterns, typographic_apostrophes
from ...ruleoptions import RuleOptions, option
from ..base import BaseRule, RuleContext

CODE = "TL301"
_UPPER = "A-ZÁÉÍÓÚÑÜĂÂÎȘŞȚŢ"
_LOWER = "a-záéíóúñüăâîșşțţ"
# A person's name or an honorific after a greeting: capitalised words (case-sensitive).
# A dot only closes an initial ("Anna M."), so "Laura. Nu." stops before the answer.
_NAME = recache.compile(rf"(?:[ \t]*,?[ \t]*(?:(?-i:[{_UPPER}](?:[{_LOWER}'-]+|\.)?)))" r"{1,3}(?=[ \t]*(?:[,:;!.\n]|$))")
# A closing line made of capitalised words only: "Anna", "Anna M.", "The Acme Support Team".
# The word's tail and the blanks are possessive (`*+`): with plain `*`, a run of capitals
# ("AAAA...!") could be cut into up to five words in O(n^5) ways before failing (76 s at
# 200 characters). Giving back part of a word never helps a match (the rest of the run is
# word characters again, which the same word may as well keep), so the matches are the same.
_SIG_LINE = recache.compile(rf"^[ \t]*+(?:(?:[{_UPPER}][\w'.&-]*+|from|the|de|dari|din|la|y|și|dan|and|team|tim|equipo|echipa)[ \t]*+){{1,5}}$")
MAX_WORDS = 60  # longer replies say something beyond yes or no
_SAYS = object()  # `_check`'s answer for a message that says more than a yes or a no
# A numbered item's marker ("1. yes 2. no", "1) Sí\n2) No"): answers to the customer's numbered questions, one bare
# yes or no each, are a yes/no-only reply as one answer is (t303r; "1.idk 2.yes" both label sets flag). Blanked only
# when the reply holds two or more, at a line start or after a blank, before a letter.
_ITEM_NUMBER = recache.compile(r"(?:^|(?<=\s))\d{1,2}[.)](?=[ \t]*+[^\W\d_])", re.MULTILINE)


@functools.cache
def _answers_full(extra: tuple[str, ...]) -> Phrases | None:
    # The vocabulary's answers of every language, merged as `vocabulary.phrases("answers", fold=False,
    # word_bounded=False)` merges them, written with a hole per answer (`patterns.Assembly`): a first
    # run parses each answer once.
    asm = Assembly(re.IGNORECASE)
    answers = [typographic_apostrophes(p) for p in packs.patterns("vocabulary", "answers", None) if p]
    parts = [asm.routed(answers)] if answers else []
    extra_p = compile_patterns(extra, word_bounded=False)
    if extra_p is not None:
        parts.append(extra_p.pattern)
    if not parts:
        return None
    ans = "|".join(f"(?:{p})" for p in parts)
    # The whole residue: answer words separated by punctuation/space (emoji, ":)" are \W too).
    # `W A (N W A)* N W` and `W (A N W)+` (A an answer, N `(?![\w])`, W `[\W_]*`) are the same
    # sequences, so `fullmatch` (the only use) accepts the same texts; the second holds the answers
    # once, half the pattern to compile on a first run. Possessive or atomic parts (a user's) would
    # stop the search short differently: they keep the first form.
    if "(?>" in asm.text(ans) or _POSSESSIVE.search(asm.text(ans)):
        return asm.compile(rf"[\W_]*(?:{ans})(?:(?![\w])[\W_]*(?:{ans}))*(?![\w])[\W_]*")
    return asm.compile(rf"[\W_]*(?:(?:{ans})(?![\w])[\W_]*)+")


_POSSESSIVE = recache.compile(r"[*+?}]\+")


@dataclass(frozen=True, slots=True)
class Options(RuleOptions):
    extend_answers: tuple[str, ...] = option((), "extra regular expressions counted as a bare yes/no answer", regex=True)
    extend_fillers: tuple[str, ...] = option((), "extra greetings, thanks or pleasantries (regular expressions) to ignore", regex=True)


class YesNoOnlyReply(BaseRule[Options]):
    meta = RuleMeta(
        code=CODE,
        name="yes-no-only-reply",
        summary="Flags a public reply that, apart from greetings, thanks and sign-off, only says yes or no.",
        scope=frozenset({Role.AGENT}),
        replies_only=True,  # a side remark between helpers of a chat is no reply (analysis/address.py)
        severity=Severity.WARNING,
        groups=("completeness",),
        rationale=(
            "Answering a ticket with a bare 'yes' or 'no' inflates the 'emails sent' count but makes the "
            "customer write again: they still do not know why, or what to do now. The seed article lists it "
            "as habit 6 of ten bad help-desk habits ('Responde solo sí o no') and asks agents to answer fully, "
            "all of the customer's questions, the first time."
        ),
        seed="seed 003 (es), habit 6: 'Responde solo sí o no'",
        suggestion="Add the why and the next step: what the customer should do now.",
        options=Options,
        pack=packs.PackSchema().saying(bare=("answer",)),  # examples and messages: its words are the shared vocabulary
    )

    def check(self, ctx: RuleContext[Options]) -> Iterator[Hit]:
        full = _answers_full(ctx.options.extend_answers)
        extra_fill = compile_patterns(ctx.options.extend_fillers)
        if full is None:
            return
        blocks: dict[int, tuple[AnalysedMessage, ...]] | None = None  # reply index -> the customer messages it answers
        hits: list[Hit] = []
        says: set[int] = set()  # the messages that say more than a yes or a no
        restating: set[int] = set()  # the hits that restate the answer in the question's words ("it is openssh")
        for msg in ctx.in_scope(self):
            if blocks is None:
                blocks = {r.index: ex.customers for ex in ctx.document.exchanges for r in ex.replies}
            outcome = self._check(msg, full, extra_fill, ctx, blocks.get(msg.index, ()), restating)
            if isinstance(outcome, Hit):
                hits.append(outcome)
            elif outcome is _SAYS:
                says.add(msg.index)
        if not hits or not ctx.document.chat:
            yield from hits
            return
        # In a chat a bare yes or no is the whole reply only when no other line of the reply (one author's answer, across
        # the others' lines: analysis/replies.py `reply_units`) says more: "cuga: no it's not" - "it's called
        # openssh-server" gives the why (chat21). A line that restates the answer in the question's words says more
        # beside another line of the reply: the two together are an answer and its reason. Each message of an e-mail or
        # a desk's ticket is a whole answer, judged on its own.
        if len(hits) > 1:
            says |= restating
        units = ctx.document.reply_unit_of if says else {}
        for hit in hits:
            unit = units.get(hit.message_index, ())
            if not any(m.index in says for m in unit if m.index != hit.message_index):
                yield hit

    @staticmethod
    def _lang(msg: AnalysedMessage, customers: tuple[AnalysedMessage, ...]) -> str:
        """The language of the exchange: the customer's when known (a short reply is too short to detect)."""
        return customers[-1].language if customers and customers[-1].language in LANGUAGES else msg.language

    @staticmethod
    def _restates(msg: AnalysedMessage, text: str, customers: tuple[AnalysedMessage, ...]) -> bool:
        """The residue restates a yes or a no to the customer's question in the question's own words
        (analysis/questions.py `restates`): "Hi @x, yes this project is still maintained."."""
        if not customers:
            return False
        lang = customers[-1].language if customers[-1].language in LANGUAGES else msg.language
        return qa.restates(text, lang, customers)

    def _check(self, msg: AnalysedMessage, full: Phrases, extra_fill: Phrases | None, ctx: RuleContext[Options],
               customers: tuple[AnalysedMessage, ...], restating: set[int] | None = None) -> Hit | object | None:
        """A Hit (a bare yes or no), _SAYS (the message says more than a yes or a no) or None (it says nothing: empty,
        only greetings, names and fillers). A hit that is no bare answer word but restates one is added to `restating`."""
        prose = msg.prose
        if not prose.strip():
            return None
        if len(TOKEN.findall(prose)) > MAX_WORDS:
            return _SAYS
        chars = list(prose)

        def blank(s: int, e: int) -> None:
            for i in range(s, e):
                if chars[i] != "\n":
                    chars[i] = " "

        greetings = vocabulary.phrases("greetings", fold=False)
        if greetings is not None:
            for m in greetings.finditer(prose):
                blank(m.start(), m.end())
                name = _NAME.match(prose, m.end())
                if name is not None and not full.fullmatch(name.group(0)):
                    blank(name.start(), name.end())
        # Whom the reply speaks to ("daniel_: yes", "not as far as I'm aware sven-tek"): the thread's
        # participants and a chat "nick:" opening (analysis/replies.py), unless the name is itself an
        # answer word ("No: ...").
        for s, e in replies.addressees(msg, ctx.document):
            if not full.fullmatch(prose[s:e]):
                blank(s, e)
        for pattern in (vocabulary.phrases("fillers", fold=False), extra_fill):
            if pattern is not None:
                for m in pattern.finditer(prose):
                    blank(m.start(), m.end())
        items = list(_ITEM_NUMBER.finditer(prose))
        if len(items) >= 2:
            for m in items:
                blank(m.start(), m.end())
        # A clause that does not know ("1.idk 2.yes"), when something else is said: it adds nothing to the yes or no beside
        # it (analysis/questions.py `unknown_spans`). Alone it is kept for the readings below, as before.
        unknown = qa.unknown_spans(prose)
        if unknown:
            kept = list(chars)
            for s, e in unknown:
                blank(s, e)
            if not any(c.isalnum() for c in chars):
                chars[:] = kept
        text = "".join(chars)
        # A trailing closing line of capitalised words (the agent's name, the team), when text precedes it.
        lines = text.split("\n")
        offsets = []
        pos = 0
        for ln in lines:
            offsets.append(pos)
            pos += len(ln) + 1
        content = [i for i, ln in enumerate(lines) if ln.strip()]
        while len(content) > 1:
            i = content[-1]
            ln = lines[i]
            if not _SIG_LINE.match(ln) or full.fullmatch(ln):
                break
            blank(offsets[i], offsets[i] + len(ln))
            content.pop()
        text = "".join(chars)
        if not any(c.isalnum() for c in text):
            # Nothing but fillers: a reassurance among them is the bare no to a yes/no question that closed the customer's
            # message ("Sorry for the delay. No worries." to "Would you like me to send you the $9?"; analysis/questions.py)
            where = qa.reassurance(prose, self._lang(msg, customers), customers)
            if where is None:
                return None
            return Hit(msg.index, Span(*where), ctx.say(msg, "bare", answer=prose[where[0]:where[1]]), ctx.say(msg, "suggestion"))
        if full.fullmatch(text):
            pass
        elif self._restates(msg, text, customers) or qa.answer_led(text, self._lang(msg, customers), customers):
            if restating is not None:
                restating.add(msg.index)
        else:
            # One word left is a reaction ("lol", "hmm", "heh") unless it is a name of a thing ("ext3", "/etc/fstab")
            said = TOKEN.findall(text)
            return _SAYS if len(said) > 1 or any(not w.isalpha() for w in said) else None
        if "?" in text or "¿" in text:
            return _SAYS  # "Yes?", "Right?": the agent asks, it does not answer
        first = re.search(r"\w", text)
        assert first is not None
        start = first.start()
        # The span: the answer words, up to the first blanked filler or line end.
        end = start
        for i in range(start, len(text)):
            if text[i] == "\n":
                break
            if text[i].isalnum():
                end = i + 1
            elif text[i] == " " and prose[i] != " ":
                break  # a blanked filler follows
        answer = prose[start:end]
        return Hit(
            msg.index,
            Span(start, end),
            ctx.say(msg, "bare", answer=answer),
            ctx.say(msg, "suggestion"),
        )
