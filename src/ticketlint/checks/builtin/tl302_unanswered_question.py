"""TL302 unanswered-question: the customer asked N questions, the reply addresses fewer.

Pairing: messages are read in order, notes skipped. A *reply* is a run of
consecutive agent messages; it answers the customer messages written since
the previous agent message (the customer block). A question counts as
addressed when any agent message of the run addresses it, and the finding is
reported on the first agent message of the run (the reply proper).

Questions (customer prose: quotes, signatures and logs are already blanked):
sentences ending with "?" or opened with "¿", sentences opening with a
question phrase of the pack (`question_starts`: "how do I", "apakah",
"cum pot", "quisiera saber si", ...), and items of a numbered list under a
line announcing questions. Generic requests ("can you help me?", "any
update?": pack `not_questions`) are not counted. Duplicates (same key words)
are merged.

Addressing: the key words of a question (folded: lower case, no accents;
not a stopword of the pack; three letters or more, or a number; Indonesian
affixes stripped; cut to five letters) are compared with those of the reply.
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
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ...analysis.text import ADDRESSEE, LineCursor, ListMarkers, first_sentence, fold, folded_pattern, pack_list, quote, sentences
from ...document import AnalysedMessage
from ...model import LANGUAGES, Hit, OptionSpec, Role, RuleMeta, Severity, Span
from ..base import BaseRule, RuleContext

CODE = "TL302"

_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}[.)]|[a-h][.)]|[-*•])\s+")
_MARKER = re.compile(r"\d{1,2}[.)]|[a-h][.)]|[-*•]")  # _NUMBERED's marker, for ListMarkers
# A character that is not list-marker text: the line before a sentence holds none of them when the
# sentence is a list item ("1. 2. Foo?" counts: prose[line_start:s].strip(...) was empty).
_NOT_MARKER_TEXT = re.compile(r"[^ \t\-*•0123456789.)]")


@dataclass(frozen=True)
class Question:
    """A customer's question: where it is, its words as shown, its key words, whether it asks yes/no."""

    msg: int
    span: tuple[int, int]
    text: str
    keys: frozenset[str]
    yes_no: bool
    open: bool = False  # opens with a question word ("when", "cuándo", "kapan", "când"): a bare yes cannot answer it


@functools.cache
def _stopwords(lang: str, extra: tuple[str, ...]) -> frozenset[str]:
    words: set[str] = set()
    for lg in (lang, "en") if lang != "en" else ("en",):
        for w in pack_list(CODE, lg if lg in LANGUAGES else "en", "stopwords"):
            words |= set(fold(w).split())
    words |= {fold(w) for w in extra}
    return frozenset(words)


@functools.cache
def _filler(lang: str) -> frozenset[str]:
    """Stems of the pack's `no_answer_words` (all languages: stock phrases travel): words of thanks,
    apologies, acknowledgement and forwarding that carry no answer to a question."""
    out: set[str] = set()
    for lg in LANGUAGES:
        for w in pack_list(CODE, lg, "no_answer_words"):
            for word in fold(w).split():
                out.add(_stem(word, lg))
    return frozenset(out)


@functools.cache
def _affixes(lang: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    lg = lang if lang in LANGUAGES else "en"
    return tuple(pack_list(CODE, lg, "strip_prefixes")), tuple(pack_list(CODE, lg, "strip_suffixes"))


def _stem(word: str, lang: str) -> str:
    prefixes, suffixes = _affixes(lang)
    for suf in suffixes:
        if word.endswith(suf) and len(word) - len(suf) >= 4:
            word = word[: -len(suf)]
            break
    for pre in prefixes:
        if word.startswith(pre) and len(word) - len(pre) >= 4:
            word = word[len(pre) :]
            break
    return word[:5]


def key_words(text: str, lang: str, stop: frozenset[str]) -> frozenset[str]:
    out = set()
    for w in _WORD.findall(fold(text)):
        if w.isdigit():
            if len(w) >= 2:
                out.add(w)
            continue
        if len(w) < 3 or w in stop or w.replace("_", "").isdigit():
            continue
        out.add(_stem(w, lang))
    return frozenset(out)


@functools.cache
def _greeting_prefix() -> re.Pattern[str]:
    greet = folded_pattern(CODE, None, "greetings")
    inner = greet.pattern if greet is not None else "(?!)"
    return re.compile(rf"^{inner}(?:\s+[\w.]+){{0,2}}\s*[,!:]\s*", re.IGNORECASE)


def _blocks(messages: Sequence[AnalysedMessage]) -> Iterator[tuple[list[AnalysedMessage], list[AnalysedMessage]]]:
    """(customer block, agent run) pairs in thread order."""
    customers: list[AnalysedMessage] = []
    last_customers: list[AnalysedMessage] = []
    run: list[AnalysedMessage] = []
    for msg in messages:
        if msg.role is Role.NOTE:
            continue
        if msg.role is Role.CUSTOMER:
            if run:
                yield (customers or last_customers[-1:]), run
                last_customers = customers or last_customers
                customers, run = [], []
            customers.append(msg)
        else:
            run.append(msg)
    if run:
        yield (customers or last_customers[-1:]), run


class UnansweredQuestion(BaseRule):
    meta = RuleMeta(
        code=CODE,
        name="unanswered-question",
        summary="Flags a reply that addresses fewer of the customer's questions than the customer asked.",
        scope=frozenset({Role.AGENT}),
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
        options=(
            OptionSpec("min-questions", int, 2, "report only when the customer asked at least this many questions (1: also a lone question the reply shares no key word with)", minimum=1),
            OptionSpec("extend-stopwords", list, [], "extra words that never count as key words of a question", items=str),
            OptionSpec("ignore-questions", list, [], "extra regular expressions of questions that need no answer", items=str, regex=True),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        msgs = ctx.document.messages
        for customers, run in _blocks(msgs):
            hit = self._check_block(customers, run, ctx)
            if hit is not None:
                yield hit

    # -- questions --------------------------------------------------------
    def _questions(self, msg: AnalysedMessage, ctx: RuleContext, stop: frozenset[str]) -> list[Question]:
        lang = msg.language
        prose = msg.prose
        folded = fold(prose)
        starts = folded_pattern(CODE, lang, "question_starts")
        yn_starts = folded_pattern(CODE, lang, "yes_no_starts")
        headers = folded_pattern(CODE, lang, "question_headers", word_bounded=False)
        ignore = folded_pattern(CODE, None, "not_questions", tuple(ctx.options.get("ignore-questions", [])))
        lead = folded_pattern(CODE, lang, "lead_ins")
        never = folded_pattern(CODE, None, "not_question_starts")
        alt = folded_pattern(CODE, lang, "alternative_leads")
        out: list[Question] = []
        # Alternatives merged into the question before them ("...? Or ...?"): texts and key words are
        # collected here and joined once, not concatenated per alternative (quadratic on a long run).
        merged: dict[int, tuple[list[str], set[str]]] = {}
        under_header = False
        # Line starts, list markers and the extent of marker text are worked out once per line, not
        # once per sentence (each was a rescan of the line: quadratic on one long line of sentences).
        lines = LineCursor(prose)
        markers = ListMarkers(prose, _MARKER)
        marker_text: dict[int, int] = {}
        for s, e in sentences(prose):
            text = folded[s:e]
            line_start = lines.line_start(s)
            if line_start not in marker_text:
                other = _NOT_MARKER_TEXT.search(prose, line_start)
                marker_text[line_start] = other.start() if other is not None else len(prose)
            is_item = marker_text[line_start] >= s and markers.end(line_start, e) is not None
            body = _NUMBERED.sub("", text, count=1) if is_item else text
            # skip a greeting ("Hi Anna, can I ...") and lead-ins: "and", "also,", "second question:", "y", "dan", "și"
            g = _greeting_prefix().match(body)
            if g is not None:
                body = body[g.end() :]
            alternative = alt is not None and alt.match(body) is not None
            if lead is not None:
                # Matched at an offset, one slice at the end: slicing `body` past each lead-in was
                # quadratic on a sentence of many ("and and and ..."). The lead-ins are word-bounded,
                # all begin with a letter and use no other look-behind, so a match at `at` is the
                # match on body[at:]: the character before `at` is a stripped one, or ends a lead-in
                # and then the character at `at` is not a letter and no lead-in can start there.
                at = 0
                m = lead.match(body)
                while m is not None and m.end() > at:
                    at = m.end()
                    while at < len(body) and body[at] in " ,:;-":
                        at += 1
                    m = lead.match(body, at)
                body = body[at:]
            is_q = text.rstrip(" \"'”’)").endswith("?") or body.startswith("¿") or "?" in text[-3:]
            if not is_q and starts is not None and starts.match(body) and not text.rstrip().endswith(":"):
                is_q = True
            if not is_q and under_header and is_item:
                is_q = True
            if headers is not None and headers.search(text) and text.rstrip().endswith(":"):
                under_header = True
            elif not is_item:
                under_header = False
            if not is_q:
                continue
            if ignore is not None and ignore.match(body.lstrip("¿ ")) and len(_WORD.findall(body)) <= 12:
                m = ignore.match(body.lstrip("¿ "))
                rest = body.lstrip("¿ ")[m.end() :] if m else ""
                if len(key_words(rest, lang, stop)) == 0:
                    continue
            colon = body.rfind(": ")
            if colon > 0 and len(_WORD.findall(body[colon:])) >= 3:
                body = body[colon + 2 :]  # "Two questions: how do I ...?"
            if never is not None and never.match(body):
                continue  # "since this is a new install?": a continuation, not a question
            if len(_WORD.findall(body)) < 2:
                continue  # "huh?", "anyone?": too short to be a question to answer
            keys = key_words(body, lang, stop)
            tags = folded_pattern(CODE, None, "tag_questions", word_bounded=False)
            yn = bool(yn_starts is not None and yn_starts.match(body.lstrip("¿ "))) or bool(tags is not None and tags.search(text))
            g = _greeting_prefix().match(text)
            cut = g.end() if g is not None else 0
            colon = text.rfind(": ")
            if colon >= cut and len(_WORD.findall(text[colon:])) >= 3:
                cut = colon + 2
            shown = msg.body[s + cut : e]
            opens = folded_pattern(CODE, lang, "open_question_starts")
            is_open = not yn and opens is not None and bool(opens.match(body.lstrip("¿ ")))
            if alternative and out and out[-1].msg == msg.index:
                # "Is it installed by default? Or do I install it myself?": one question with two alternatives
                p = out[-1]
                texts, all_keys = merged.setdefault(len(out) - 1, ([p.text], set(p.keys)))
                texts.append(shown)
                all_keys |= keys
                out[-1] = Question(p.msg, (p.span[0], e), p.text, p.keys, p.yes_no, p.open)
                continue
            out.append(Question(msg.index, (s, e), shown, keys, yn, is_open))
        for i, (texts, all_keys) in merged.items():
            p = out[i]
            out[i] = Question(p.msg, p.span, " ".join(texts), frozenset(all_keys), p.yes_no, p.open)
        return out

    @staticmethod
    def _duplicates(q: Question, p: Question) -> bool:
        """Whether `q` repeats `p` (same key words, or most of them; or the same words when neither has any)."""
        if q.keys and p.keys:
            inter = len(q.keys & p.keys)
            return q.keys == p.keys or inter / len(q.keys | p.keys) >= 0.6 or (inter >= 2 and inter / min(len(q.keys), len(p.keys)) >= 0.75)
        return not q.keys and not p.keys and fold(q.text).strip() == fold(p.text).strip()

    @classmethod
    def _merge(cls, questions: list[Question]) -> list[Question]:
        """The questions without those repeating an earlier kept one.

        Comparing each question with every kept one was quadratic in the number of distinct
        questions ("How do I fix item 10? How do I fix item 11? ..."). Only likely pairs are
        compared now, with the same test (`_duplicates`), and the same questions are kept:
        - same key words, or no key words and the same text: a set lookup;
        - otherwise a repeat shares at least t = max(2, ceil(3/4 of the smaller key set)) key
          words (a Jaccard index of 0.6 needs 3/8 of both sets together; two keys at least,
          since one shared key only passes the tests when the sets are equal). With the key
          words ordered rarest first, a set sharing t words with another has one of them among
          its first len - t + 1 ("prefix"). The smaller set's prefix is therefore looked up:
          a kept set as large or larger is found from the question's prefix among all kept
          key words; a smaller kept set is filed under its own prefix and found from any key
          of the question. Rare words (an item number) make the prefixes, so the common
          words shared by every question ("fix", "item") are seldom looked up.
        """
        freq: dict[str, int] = {}
        for q in questions:
            for k in q.keys:
                freq[k] = freq.get(k, 0) + 1

        def needed(size: int) -> int:
            return max(2, (3 * size + 3) // 4)

        def prefix(keys: frozenset[str]) -> list[str]:
            ranked = sorted(keys, key=lambda k: (freq[k], k))
            return ranked[: max(1, len(keys) - needed(len(keys)) + 1)]

        out: list[Question] = []
        same_keys: set[frozenset[str]] = set()
        same_text: set[str] = set()
        by_key: dict[str, list[int]] = {}  # every key word of a kept question -> its index in out
        by_prefix: dict[str, list[int]] = {}  # the prefix words of a kept question -> its index
        for q in questions:
            if not q.keys:
                text = fold(q.text).strip()
                if text in same_text:
                    continue
                out.append(q)
                same_text.add(text)
                continue
            if q.keys in same_keys:
                continue
            candidates: set[int] = set()
            for k in prefix(q.keys):  # kept sets at least as large as q's
                candidates.update(by_key.get(k, ()))
            for k in q.keys:  # smaller kept sets
                candidates.update(i for i in by_prefix.get(k, ()) if len(out[i].keys) < len(q.keys))
            if any(cls._duplicates(q, out[i]) for i in candidates):
                continue
            i = len(out)
            out.append(q)
            same_keys.add(q.keys)
            for k in q.keys:
                by_key.setdefault(k, []).append(i)
            for k in prefix(q.keys):
                by_prefix.setdefault(k, []).append(i)
        return out

    # -- pairing ------------------------------------------------------------
    def _check_block(self, customers: list[AnalysedMessage], run: list[AnalysedMessage], ctx: RuleContext) -> Hit | None:
        if not customers:
            return None
        lang = customers[-1].language
        stop = _stopwords(lang, tuple(ctx.options.get("extend-stopwords", [])))
        questions: list[Question] = []
        for c in customers:
            questions += self._questions(c, ctx, stop)
        questions = self._merge(questions)
        n = len(questions)
        if n == 0 or n < int(ctx.options.get("min-questions", 1)):
            return None
        reply_keys: set[str] = set()
        content_keys: set[str] = set()
        names = self._names(customers)
        for a in run:
            keys = key_words(a.prose, a.language, _stopwords(a.language, tuple(ctx.options.get("extend-stopwords", []))))
            reply_keys |= keys
            content_keys |= self._content_keys(a, ctx) - _filler(a.language) - names
        yes_no = self._yes_no_answer(run)
        if not content_keys:
            # No answer content: an empty or greeting-only reply is left to other rules, but a bare
            # "Yes." / "Da." answers one question at most, and a reply made only of stock phrases
            # (thanks, apologies, "forwarded to the relevant department") answers none.
            if not yes_no and not reply_keys:
                return None
            if n < 2 or any(_DIGIT.search(a.prose) or "?" in a.prose for a in run):
                return None  # "2.0.8" is an answer; a question back ("which version?") asks before answering
            unanswered = list(questions)
            if yes_no:
                unanswered.remove(self._answered_by_yes_no(unanswered))
            return self._hit(run, n, unanswered)
        common = frozenset.intersection(*(q.keys for q in questions)) if n > 1 else frozenset()
        unanswered: list[Question] = []
        for q in questions:
            if len(q.keys) < (2 if n == 1 else 1):
                continue  # nothing to compare: taken as answered
            distinct = (q.keys - common) or q.keys
            hits = len(distinct & reply_keys)
            if n == 1:
                if not q.keys & reply_keys:
                    unanswered.append(q)
            elif hits < min(2, max(1, math.ceil(len(distinct) / 2))):
                unanswered.append(q)
        if unanswered and yes_no:
            # "Yes." answers one yes/no question; when none was recognised as one, any question.
            if any(q.yes_no for q in unanswered) or not any(q.yes_no for q in questions):
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
            unanswered = [q for q in unanswered if q is not best and not (((q.keys - common) or q.keys) & reply_keys)]
            if not unanswered:
                return None
        return self._hit(run, n, unanswered)

    def _hit(self, run: list[AnalysedMessage], n: int, unanswered: list[Question]) -> Hit:
        first = run[0]
        greet = folded_pattern(CODE, None, "greetings")
        s, e = first_sentence(first, greet)
        addressed = n - len(unanswered)
        shown = "; ".join(f"'{quote(q.text)}'" for q in unanswered[:3])
        plural = "question" if n == 1 else "questions"
        return Hit(
            first.index,
            Span(s, e),
            f"The customer asked {n} {plural}; the reply addresses {addressed} (unanswered: {shown})",
            self.meta.suggestion,
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

    @staticmethod
    def _content_keys(a: AnalysedMessage, ctx: RuleContext) -> set[str]:
        """Key words of a reply past each sentence's greeting and addressee ("Dear Lena,", "Halo Kak Rina,", "nick:")."""
        stop = _stopwords(a.language, tuple(ctx.options.get("extend-stopwords", [])))
        out: set[str] = set()
        for s, e in sentences(a.prose):
            text = fold(a.prose[s:e])
            g = _greeting_prefix().match(text)
            if g is not None:
                text = text[g.end() :]
            elif (lead := ADDRESSEE.match(text)) is not None and len(text[: lead.end()].split()) <= 2:
                text = text[lead.end() :]
            out |= key_words(text, a.language, stop)
        return out

    @staticmethod
    def _names(customers: list[AnalysedMessage]) -> frozenset[str]:
        """Key words of the customers' names: addressing "Ana" or "Bu Ani" is no answer."""
        out: set[str] = set()
        for c in customers:
            author = c.message.author or ""
            for w in _WORD.findall(fold(author.split("@")[0])):
                if len(w) >= 3 and not w.isdigit():
                    out.add(w[:5])
        return frozenset(out)

    @staticmethod
    def _yes_no_answer(run: list[AnalysedMessage]) -> bool:
        greet = folded_pattern(CODE, None, "greetings")
        for a in run:
            yes_no = folded_pattern(CODE, a.language, "yes_no_answers")
            if yes_no is None:
                continue
            for s, e in sentences(a.prose)[:3]:
                text = fold(a.prose[s:e])
                if greet is not None and greet.match(text) and len(text.split()) <= 4 and text.rstrip().endswith((",", "!", ":")):
                    continue
                # past a greeting or an addressee: "Hi Dana, yes ...", "dana: yes"
                for _ in range(3):
                    if yes_no.match(text):
                        return True
                    lead = ADDRESSEE.match(text)
                    if lead is None:
                        break
                    text = text[lead.end() :]
        return False
