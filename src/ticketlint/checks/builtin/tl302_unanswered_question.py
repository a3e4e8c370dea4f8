"""TL302 unanswered-question: the customer asked N questions, the reply addresses fewer.

Pairing (analysis/thread.py, `Document.exchanges`): a reply is a run of
consecutive agent messages answering the customer messages written since the
previous agent message. A question counts as addressed when any agent message
of the run addresses it; the finding is reported on the first agent message of
the run (the reply proper). In chat the customer often interjects while the
answer is still being written ("ok", "thanks", a comment): agent messages after
customer messages that ask nothing, up to the customer's next question, can
answer a question the reply left open (they clear a finding, never add one). Each message of the reply that opens with a yes or a
no answers one yes/no question.

Questions and key words: analysis/questions.py (`AnalysedMessage.questions`,
vocabulary in rules/<lang>/questions.toml). This module holds the decision.

Addressing: the key words of a question (folded: lower case, no accents;
not a stopword; three letters or more, or a number; stemmed and cut to
five letters) are compared with those of the reply.
Key words shared by every question of the block ("invoice" in three
questions about invoices) do not tell them apart and are ignored when the
question has others. A question is addressed when half of its distinctive
key words (two at most) occur in the reply; a question without key words
cannot be judged and counts as addressed. A reply opening with a yes/no
answer ("Yes.", "Hi Dana, no:", "Bisa,", "Da.") addresses one yes/no question.

Precision first: by default (`min-questions` = 2) a lone question is not
judged (answers to one question often share no word with it), and a reply
that shares no key word with any of several questions is not reported
either (synonyms, or a reply about something else: TL301/TL303 speak to
those); when no question is clearly addressed but the reply is on topic, the
best-matching question is taken as answered in other words. What is
reported is the typical slip: two or more questions, some answered, one
forgotten. With `min-questions` = 1 a lone question is also reported when the
reply shares none of its key words.

Written tickets: a customer message of several lines (an issue's title line and
body, an e-mail with its greeting) is written to be answered in writing, and its
lone question is the point of the ticket; there `written-min-questions` (1)
applies instead, so a reply that shares none of the question's key words
("Can't reproduce", "Segera saya perbaiki" to "apa saya installnya gag bener
kah?") is reported, unless it asks a question back, gives a link (the answer
is behind it: "bisa dilihat disini: http://...") or explains at length
(LONG_ANSWER_WORDS words or more: an answer in other words, "Site down?" -
"the website recently changed hosting providers ..."). Chat lines (one line
each) keep `min-questions`.

A question asked right after another and depending on its answer ("Is there a
way to X? If not, can I Y?", "Si no, ...", "Kalau tidak, ...", "Dacă nu, ...";
`conditional_leads`) is answered with it, or made moot, when the reply answers
the one before in its words; after a bare "No." it is still open.

Questions the customer did not write are not counted (analysis/questions.py):
an issue form's headings ("##### What operating system are you using?",
"**Apa kekurangan yg ingin diatasi?**"), and a title line that asks the
question the body asks again ("Site down?" above "Is this a temporary thing,
or is the hosted version shut down?") is one question with it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ... import packs, recache
from ...analysis import questions as qa
from ...analysis.questions import Question
from ...analysis.text import first_sentence, quote
from ...analysis.thread import Exchange
from ...document import AnalysedMessage
from ...model import Hit, Role, RuleMeta, Severity, Span
from ...ruleoptions import RuleOptions, option
from ..base import BaseRule, RuleContext

CODE = "TL302"
_DIGIT = recache.compile(r"\d")
_WORD = recache.compile(r"[^\W\d_]{2}")
_LINK = recache.compile(r"https?://|\bwww\.", re.IGNORECASE)
_WORDS = recache.compile(r"[^\W\d_]+")
# A reply of this many words to a lone question explains something: it answers in other words, the way a
# short "Can't reproduce" or "Segera saya perbaiki" does not (issue 13: on the dev replies, both lone
# questions reported after a long explanation had been answered in other words).
LONG_ANSWER_WORDS = 30


@dataclass(frozen=True, slots=True)
class Options(RuleOptions):
    min_questions: int = option(
        2, "report only when the customer asked at least this many questions (1: also a lone question the reply shares no key word with)", minimum=1
    )
    written_min_questions: int = option(
        1, "the same for a block with a customer message of several lines (a written ticket: title and body, an e-mail)", minimum=1
    )
    extend_stopwords: tuple[str, ...] = option((), "extra words that never count as key words of a question")
    ignore_questions: tuple[str, ...] = option((), "extra regular expressions of questions that need no answer", regex=True)


# The placeholders of its finding (rules/<lang>/TL302.toml, [messages] asked_one and asked)
_ASKED = ("asked", "addressed", "unanswered")


def _written(msg: AnalysedMessage) -> bool:
    """A message of two lines or more with words (a title line and a body, a greeting and a question): a written ticket."""
    return sum(1 for line in msg.prose.splitlines() if _WORD.search(line)) >= 2


class UnansweredQuestion(BaseRule[Options]):
    meta = RuleMeta(
        code=CODE,
        name="unanswered-question",
        summary="Flags a reply that addresses fewer of the customer's questions than the customer asked.",
        scope=frozenset({Role.AGENT}),
        replies_only=True,  # a side remark between helpers of a chat is no reply (analysis/address.py)
        severity=Severity.WARNING,
        groups=("completeness",),
        rationale=(
            "When a customer asks several things and the reply answers one, the customer has to write again "
            "and wait again, and the ticket's handling time doubles. The seed article lists replying only in "
            "part among ten bad help-desk habits (habit 6) and quotes: 'try to answer fully and to answer all "
            "of the customer's questions the first time'; only 11% of companies manage it. The rule reads the "
            "customer messages a reply answers, counts their questions and checks that the reply speaks to "
            "each (by shared key words), so a forgotten question is caught before sending."
        ),
        seed="seed 003 (es), habit 6: 'contestar todas las preguntas del cliente la primera vez'",
        suggestion="Answer each of the customer's questions, e.g. as a numbered list that follows their order.",
        options=Options,
        # examples and messages only: the vocabulary is rules/<lang>/questions.toml (analysis/questions.py)
        pack=packs.PackSchema().saying(asked_one=_ASKED, asked=_ASKED),
    )

    def check(self, ctx: RuleContext[Options]) -> Iterator[Hit]:
        exchanges = ctx.document.exchanges
        aside = ctx.document.side_remarks  # side remarks between helpers answer nothing of the customer's (replies_only)

        def replies_of(exchange: Exchange) -> tuple[AnalysedMessage, ...]:
            return tuple(r for r in exchange.replies if r.index not in aside) if aside else exchange.replies

        for i, exchange in enumerate(exchanges):
            own = replies_of(exchange)
            if not own:
                continue
            hit = self._check_block(exchange.customers, own, ctx)
            if hit is None:
                continue
            # In chat the customer often interjects ("ok", "thanks", a comment) while the answer is still being
            # written: a question the agent messages after such an interjection address, up to the customer's
            # next question, is answered. Only a finding of the reply proper can be cleared this way (reading
            # the longer reply never adds one), and it stays on the first reply.
            run = list(own)
            for later in exchanges[i + 1 :]:
                if not later.customers or any(self._asks(c, ctx.options) for c in later.customers):
                    break
                run += replies_of(later)
            if len(run) > len(own) and self._check_block(exchange.customers, run, ctx) is None:
                continue
            yield hit

    @staticmethod
    def _asks(msg: AnalysedMessage, options: Options) -> bool:
        return bool(msg.questions(msg.language, options.ignore_questions, options.extend_stopwords))

    # -- the decision --------------------------------------------------------
    def _check_block(self, customers: Sequence[AnalysedMessage], run: Sequence[AnalysedMessage], ctx: RuleContext[Options]) -> Hit | None:
        options = ctx.options
        if not customers:
            return None
        lang = customers[-1].language  # the block's language decides the stopwords of its questions
        questions: list[Question] = []
        for c in customers:
            questions += c.questions(lang, options.ignore_questions, options.extend_stopwords)
        questions = qa.merge(questions)
        n = len(questions)
        least = min(options.min_questions, options.written_min_questions) if any(_written(c) for c in customers) else options.min_questions
        if n == 0 or n < least:
            return None
        reply_keys: set[str] = set()
        content_keys: set[str] = set()
        names = qa.name_keys(customers)
        for a in run:
            stop = qa.stopwords(a.language, options.extend_stopwords)
            reply_keys |= qa.key_words(a.prose, a.language, stop)
            content_keys |= qa.content_keys(a, stop) - qa.filler_stems(a.language) - names
        # Each message of the reply that opens with a yes or a no answers one yes/no question
        # ("yeah, I'm at home" / "no, no family in Perth").
        yes_no_count = sum(qa.opens_with_yes_no([a]) for a in run)
        yes_no = yes_no_count > 0
        if not content_keys:
            # No answer content: an empty or greeting-only reply is left to other rules, but a bare
            # "Yes." / "Da." answers one question at most, and a reply made only of stock phrases
            # (thanks, apologies, "forwarded to the relevant department") answers none.
            if not yes_no and not reply_keys:
                return None
            if n < 2 or any(_DIGIT.search(a.prose) or "?" in a.prose for a in run):
                return None  # "2.0.8" is an answer; a question back ("which version?") asks before answering
            left = list(questions)
            for _ in range(yes_no_count):
                if left:
                    left.remove(self._answered_by_yes_no(left))
            return self._hit(run, n, left, ctx) if left else None
        common = frozenset.intersection(*(q.keys for q in questions)) if n > 1 else frozenset()
        unanswered: list[Question] = []
        for q in questions:
            if len(q.keys) < (2 if n == 1 else 1):
                continue  # nothing to compare: taken as answered
            distinct = (q.keys - common) or q.keys
            hits = len(distinct & reply_keys)
            if n == 1:
                if any("?" in a.prose for a in run):
                    return None  # a question back ("npm i yarn udah kah?") asks before answering
                if any(_LINK.search(a.prose) for a in run):
                    return None  # the answer is behind a link ("bisa dilihat disini: http://..."), in other words
                if sum(len(_WORDS.findall(a.prose)) for a in run) >= LONG_ANSWER_WORDS:
                    return None  # an explanation ("Site down?" - "the website recently changed hosting providers ...")
                if q.yes_no and qa.concludes_yes_no(run):
                    return None  # the yes or no closes a condition or a reason ("Unless you had backups created then no..")
                if qa.gives_step(run) or qa.echoes_polar(run, q, lang) or qa.answers_place(run, q, lang) or qa.answers_quantity(run, q, lang):
                    # a step answers "why?" / "how?" in other words ("Knpa di bang??" - "coba install bash dulu"), saying
                    # back the question's aspect word answers a yes/no one ("masih berjalan?" - "Masih di-maintain kok"),
                    # a place answers "where?" ("apikey ambil dimana bang?" - "Di web apinya gan"), and a number or a quantity
                    # word "how many?" ("How many devices ...?" - "... unlimited, using buymeacoffee 4 times.")
                    return None
                if not q.keys & reply_keys:
                    unanswered.append(q)
            elif hits < min(2, max(1, math.ceil(len(distinct) / 2))) and not (q.context & reply_keys):
                unanswered.append(q)  # (a question pointing back is answered by a word of the sentence before it)
        # A question depending on the answer to the one before ("Is there a way to X? If not, can I Y?") is answered
        # with it, or made moot, when the reply answers that one in its words; after a bare "No." it stays open.
        depends = {id(q): id(p) for p, q in zip(questions, questions[1:]) if q.conditional and p.msg == q.msg}
        if depends and unanswered:
            still_open = {id(q) for q in unanswered}
            answered = {id(q) for q in questions if q.keys and id(q) not in still_open}
            unanswered = [q for q in unanswered if depends.get(id(q)) not in answered]
        for _ in range(yes_no_count):
            # "Yes." answers one yes/no question; when none was recognised as one, any question.
            if unanswered and (any(q.yes_no for q in unanswered) or not any(q.yes_no for q in questions)):
                unanswered.remove(self._answered_by_yes_no(unanswered))
        if not unanswered:
            return None
        if n > 1 and len(unanswered) == n:
            # No question clearly addressed. When the reply still shares key words with the questions
            # (on topic, answering one in other words), take the best-matching one as addressed and
            # report only those sharing none of their distinctive key words; else not sure enough.
            # the first of the best (enumerate: questions.index(q) per question was quadratic)
            best = max(enumerate(questions), key=lambda iq: (len(iq[1].keys & reply_keys), -iq[0]))[1]
            if not best.keys & reply_keys or any("?" in a.prose for a in run):
                return None  # off topic, or a question back ("which order is it?") before answering
            unanswered = [
                q for q in unanswered
                if q is not best and depends.get(id(q)) != id(best) and not (((q.keys - common) or q.keys) & reply_keys)
            ]
            if not unanswered:
                return None
        return self._hit(run, n, unanswered, ctx)

    def _hit(self, run: Sequence[AnalysedMessage], n: int, unanswered: list[Question], ctx: RuleContext[Options]) -> Hit:
        first = run[0]
        s, e = first_sentence(first, qa.greetings())
        addressed = n - len(unanswered)
        shown = "; ".join(f"'{quote(q.text)}'" for q in unanswered[:3])
        return Hit(
            first.index,
            Span(s, e),
            ctx.say(first, "asked_one" if n == 1 else "asked", asked=n, addressed=addressed, unanswered=shown),
            ctx.say(first, "suggestion"),
        )

    @staticmethod
    def _answered_by_yes_no(questions: list[Question]) -> Question:
        """The question a bare yes/no answers: a yes/no one, else the first not opening with a question word."""
        for q in questions:
            if q.yes_no:
                return q
        for q in questions:
            if not q.open:
                return q
        return questions[0]

