"""TL102 vague-no-change-claim: "I didn't do anything" with no word on what last changed.

Data in `rules/<lang>/TL102.toml`:
- `claims`: unambiguous claims ("I didn't touch anything", "no toqué nada",
  "it just stopped working"); flagged unless a change is stated.
- `effect_claims`: phrases that are claims only when no action precedes them
  ("nothing changed" vs "I restarted and nothing changed"); skipped when the
  text before them in the sentence or the previous sentence matches
  `action_context`, when the text before them in the sentence matches
  `effect_links` ("and", "but", "pero", "tapi", "dar"), or when what follows
  them matches `effect_after` ("... after I rebooted").
- `changes`: what did change ("except the Windows update", "only installed",
  "excepto", "kecuali", "în afară de"), searched after the claim up to the end
  of the next sentence, and before it in the same sentence.
- `exceptions`: a claim overlapping one of these is not one ("I haven't done
  anything yet", "didn't change anything else").
- `sudden_claims`: "it suddenly stopped working", flagged like `claims`
  unless the sentence before them, or the words right after them, match
  `recurring`: "suddenly" then describes a recurring symptom ("when I download music it suddenly force closes", "tiba-tiba
  berhenti terus"), not when the problem began.
- `decline`: a gradual worsening ("makin lama makin lemot", "cada vez más lento", "din ce în ce mai
  greu", "slower and slower"); in a message telling one, "it used to be fine" compares quality over
  time, not a working state with a broken one, so the message holds no claim in that language.
- `named_changes`: a change the writer names anywhere in what they wrote (any sentence of the
  message, or another message of theirs in the thread): "since the update", "after I installed X",
  "semenjak di update", "desde la actualización", "după actualizare", "before the upgrade". Only
  forms that place the change before the failure are listed, not a bare "I reinstalled it" (a step
  tried after it, which leaves the claim standing). A claim next to a named change is not vague
  however far apart the two are: chat spreads a report over lines, a review names the update in its
  first sentence and says "it used to work" in its last.
- `named_times`: when it last worked or when it stopped, named anywhere in the writer's text ("it was
  fine last night", "since yesterday", "until 2 days ago", "kemarin masih bisa", "desde ayer", "de ieri"),
  read only with the option `times-excuse` (off by default): the judges read RULES.md's "with no statement
  of what last changed or when" as any time, the example tickets do not, and a time says when, not what
  changed. With it on, a claim beside a time is not vague however far apart the two are (as `named_changes`). A time of a failed attempt ("yesterday
  I tried and it failed") dates no working state and is not listed.
- `frequency`: a frequency word ("often", "always", "sering", "selalu", "a menudo", "des") in the
  sentence of a `sudden_claims` claim or the one before it: "suddenly" then tells how a recurring
  fault looks ("vn sering error. tiba-tiba hp mati"), not when a problem began.
- `conduct`: an account sanction (a ban, a block, a suspension, a lock); in a
  message naming one, "I did nothing" defends the customer's conduct and
  "suddenly" describes the sanction, neither a claim about what changed on
  the system, so the message holds no claim in that language.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator
from dataclasses import dataclass

from ... import packs, recache
from ...analysis.failure import message_languages, quote_phrase, user_phrases
from ...document import AnalysedMessage
from ...model import Hit, Role, RuleMeta, Severity, Span
from ...packs.files import on_reset
from ...patterns import Phrases, spans
from ...ruleoptions import RuleOptions, option
from ...textutil import fold, join_reduplication
from ..base import BaseRule, RuleContext

_PACK = packs.PackSchema(
    keys={
        "claims": packs.Key("patterns", "unambiguous no-change claims", required=True),
        "effect_claims": packs.Key("patterns", "claims only when no action precedes them ('nothing changed')", required=True),
        "effect_links": packs.Key("patterns", "links that make an ambiguous claim the result of a step ('and', 'but')", required=True),
        "action_context": packs.Key("patterns", "actions that, before an ambiguous claim, make it the effect of a step", required=True),
        "effect_after": packs.Key("patterns", "what, after an ambiguous claim, makes it the effect of a step", required=True),
        "concessives": packs.Key(
            "patterns", "'although', right before an ambiguous claim: the claim set against the failure, not a step's effect", required=True
        ),
        "changes": packs.Key("patterns", "statements of what did change, which excuse a claim", required=True),
        "exceptions": packs.Key("patterns", "phrases holding a claim that are not one ('anything else')", required=True),
        "sudden_claims": packs.Key(
            "patterns", "'it suddenly stopped working' claims, excused by `recurring`", required=True
        ),
        "recurring": packs.Key(
            "patterns", "before a `sudden_claims` claim in its sentence, or right after it: a recurring symptom ('when', 'sometimes')", required=True
        ),
        "conduct": packs.Key(
            "patterns", "account sanctions (ban, block, suspension, lock): a message naming one defends conduct, no claim", required=True
        ),
        "decline": packs.Key(
            "patterns", "a gradual worsening ('slower and slower'): 'it used to be fine' then compares quality, no claim", required=True
        ),
        "named_changes": packs.Key(
            "patterns", "a change named anywhere in the writer's text ('since the update'): excuses every claim", required=True
        ),
        "named_times": packs.Key(
            "patterns", "when it last worked or stopped, named anywhere in the writer's text ('since yesterday'): excuses every claim", required=True
        ),
        "frequency": packs.Key(
            "patterns", "a frequency word in a `sudden_claims` claim's sentence or the one before: a recurring symptom", required=True
        ),
    },
    macros=True,  # id: negation, "bisa" and reduplication forms as in failure.toml ({{neg}}, {{can}}, {{negcan}}, {{rep}})
)


@dataclass(frozen=True, slots=True)
class Options(RuleOptions):
    extend_claims: tuple[str, ...] = option((), "extra no-change claims to flag (regular expressions, any language)", regex=True)
    extend_changes: tuple[str, ...] = option(
        (), "extra phrases that state what changed and so excuse a claim", regex=True
    )
    times_excuse: bool = option(
        False,
        "a time of the last working state or of the stop, named anywhere ('fine last night', 'since yesterday'), "
        "excuses a claim, as the judged rounds read RULES.md's 'or when'; off by default: the example tickets "
        "('since this morning ... I didn't do anything') and the first labellers flag it, a time says when, not what changed",
    )


# How far before an ambiguous claim its "although" may start ("a pesar de que", "cu toate că" and a comma fit).
_CONCESSIVE_REACH = 24


@functools.cache
def _pack(lang: str, key: str) -> Phrases | None:
    """List `key` of the language's TL102 pack, folded (a positional cache: three lists are asked per message)."""
    return packs.phrases("TL102", key, lang, fold=True)


on_reset(_pack.cache_clear)


# Local text primitive (not analysis.text.sentences, on purpose): the claim's sentence, the one before
# and the one after are cut at terminal punctuation followed by a blank, or a line break, with no
# abbreviation handling; changing the cut would change which claims are excused.
_BOUNDARY = recache.compile(r"[.!?;…¿¡]+(?=\s|$)|\n")
_SKIP = recache.compile(r"[\s,:\-–—]*")


def _sentence_cuts(text: str) -> list[int]:
    """Offsets where a sentence starts (after each boundary), in increasing order."""
    return [m.end() for m in _BOUNDARY.finditer(text)]


def _sentence_bounds(cuts: list[int], length: int, start: int, end: int) -> tuple[int, int, int, int]:
    """(previous sentence start, sentence start, sentence end, next sentence end) around [start, end).

    `cuts` come from `_sentence_cuts` once per text and are bisected: collecting them again for every
    candidate claim was quadratic in the length of a text with many claims.
    """
    i = bisect.bisect_right(cuts, start)  # cuts[:i] are <= start
    s_start = cuts[i - 1] if i else 0
    j = bisect.bisect_left(cuts, s_start)  # cuts[:j] are < s_start
    prev_start = (cuts[j - 1] if j else 0) if s_start else 0
    k = bisect.bisect_left(cuts, end)  # cuts[k:] are >= end
    s_end = cuts[k] if k < len(cuts) else length
    n_end = cuts[k + 1] if k + 1 < len(cuts) else length
    return prev_start, s_start, s_end, n_end


def _overlaps(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of `spans` (sorted, non-overlapping: the matches of one finditer).

    Bisected: testing every span for every candidate was quadratic.
    """
    i = bisect.bisect_left(starts, end)  # spans[:i] start before `end`; the last of them ends last
    return i > 0 and spans[i - 1][1] > start


class VagueNoChangeClaim(BaseRule[Options]):
    meta = RuleMeta(
        code="TL102",
        name="vague-no-change-claim",
        summary="\"I didn't do anything\" / \"nothing changed\" / \"it just stopped working\" with no statement of what last changed.",
        scope=frozenset({Role.CUSTOMER, Role.NOTE}),
        severity=Severity.WARNING,
        groups=("evidence",),
        rationale=(
            "Seed 004 (ro), law 1: when the customer says 'nu am făcut nimic' (I did nothing) and that 'suddenly' "
            "something stopped working, it is only a starting point: 'I did nothing' really means 'I did nothing "
            "just now' or 'nothing recently', without counting past actions that can have effects now. Take "
            "nothing for granted and ask for details. A ticket that records the claim without what last changed "
            "(an update, new software, a password or network change) or when it last worked sends the next tier "
            "down the same dead end. An action that had no effect ('restarting didn't do anything') is not a claim."
        ),
        seed="seed 004 (ro), law 1: '„Nu am făcut nimic” este, de fapt, „nu am făcut nimic de curând”'",
        suggestion="Ask what changed recently (updates, new software, password or network changes) and when it last worked.",
        options=Options,
        pack=_PACK.saying(claim=("phrase",)),
    )

    def check(self, ctx: RuleContext[Options]) -> Iterator[Hit]:
        extra_claims = user_phrases(ctx.options.extend_claims)
        extra_changes = user_phrases(ctx.options.extend_changes)
        named: dict[tuple[Role, tuple[str, ...]], bool] = {}  # per writer's role and languages, read once per thread
        for msg in ctx.in_scope(self):
            hit = self._check(msg, ctx, extra_claims, extra_changes, named)
            if hit is not None:
                yield hit

    def _check(
        self, msg: AnalysedMessage, ctx: RuleContext[Options], extra_claims: Phrases | None, extra_changes: Phrases | None,
        named: dict[tuple[Role, tuple[str, ...]], bool],
    ) -> Hit | None:
        document = ctx.document
        prose = msg.prose
        if not prose.strip():
            return None
        text = join_reduplication(fold(prose))  # "tiba tiba" as "tiba-tiba", as for the failure statement
        best: tuple[int, int] | None = None
        for lang in message_languages(msg, document):
            found = self._first_claim(text, lang, extra_claims, extra_changes)
            if found is not None and (best is None or found[0] < best[0]):
                best = found
        if best is None:
            return None
        key = (msg.role, tuple(message_languages(msg, document)))
        if key not in named:
            named[key] = self._names_a_change(msg, ctx, ctx.options.times_excuse)
        if named[key]:
            return None
        return Hit(
            msg.index,
            Span(*best),
            ctx.say(msg, "claim", phrase=quote_phrase(msg, Span(*best))),
            ctx.say(msg, "suggestion"),
        )

    @staticmethod
    def _names_a_change(msg: AnalysedMessage, ctx: RuleContext[Options], times: bool) -> bool:
        """Whether the writer names a change (`named_changes`) or a time of the last working state or of the
        stop (`named_times`) in any of their messages of the thread.

        Asked once a claim is found, and once per thread for each role and languages (the caller keeps the answer: a
        thread of thousands of claims joined the writer's text again for each, quadratic; tests/test_thread_linear.py)."""
        document = ctx.document
        mine = [m for m in document.messages if m.role == msg.role]
        text = "\n".join(join_reduplication(fold(m.prose)) for m in mine)
        for lang in message_languages(msg, document):
            for key in ("named_changes", "named_times") if times else ("named_changes",):
                named = _pack(lang, key)
                if named is not None and named.search(text):
                    return True
        return False

    def _first_claim(
        self, text: str, lang: str, extra_claims: Phrases | None, extra_changes: Phrases | None
    ) -> tuple[int, int] | None:
        claims = _pack(lang, "claims")
        sudden = _pack(lang, "sudden_claims")
        effect = _pack(lang, "effect_claims")
        candidates: list[tuple[int, int, str]] = []
        for pattern, kind in ((claims, "claim"), (extra_claims, "claim"), (sudden, "sudden"), (effect, "effect")):
            if pattern is not None:
                candidates += [(m.start(), m.end(), kind) for m in pattern.finditer(text) if m.end() > m.start()]
        if not candidates:
            return None
        conduct = _pack(lang, "conduct")
        if conduct is not None and conduct.search(text):
            return None  # a defence against a ban or a block, not a claim about the system
        decline = _pack(lang, "decline")
        if decline is not None and decline.search(text):
            return None  # "it used to be fine" beside a slow decline compares quality, it dates no breakage
        exceptions = _pack(lang, "exceptions")
        excluded = spans(exceptions, text)
        excluded_starts = [s for s, _ in excluded]
        changes = _pack(lang, "changes")
        cuts: list[int] | None = None
        for start, end, kind in sorted(candidates):
            if _overlaps(excluded, excluded_starts, start, end):
                continue
            if cuts is None:
                cuts = _sentence_cuts(text)
            prev_start, s_start, s_end, n_end = _sentence_bounds(cuts, len(text), start, end)
            if kind == "effect" and self._is_effect(text, lang, prev_start, s_start, start, end, s_end):
                continue
            if kind == "sudden" and self._is_recurring(text, lang, prev_start, s_start, start, end, s_end):
                continue
            before, after = text[s_start:start], text[end:n_end]
            if any(p is not None and (p.search(after) or p.search(before)) for p in (changes, extra_changes)):
                continue
            return start, end
        return None

    @staticmethod
    def _is_recurring(text: str, lang: str, prev_start: int, s_start: int, start: int, end: int, s_end: int) -> bool:
        """Whether a "suddenly" claim describes a recurring symptom ("when I open it, it suddenly closes")."""
        frequency = _pack(lang, "frequency")
        if frequency is not None and frequency.search(text, prev_start, s_end):
            return True
        recurring = _pack(lang, "recurring")
        if recurring is None:
            return False
        if recurring.search(text, s_start, start):
            return True
        skip = _SKIP.match(text, end)  # always matches (possibly empty)
        pos = skip.end() if skip is not None else end
        return pos < s_end and recurring.match(text, pos, s_end) is not None

    @staticmethod
    def _is_effect(text: str, lang: str, prev_start: int, s_start: int, start: int, end: int, s_end: int) -> bool:
        """Whether an ambiguous 'nothing changed' reports the (lack of) effect of an action.

        Not when "although" opens it ("the Wi-Fi keeps dropping, although nothing has changed", "putus-putus terus,
        padahal tidak ada yang berubah", "deși nu s-a schimbat nimic"): a concession sets the claim against the
        failure, whatever link or action came earlier in the sentence (`concessives`)."""
        concessive = _pack(lang, "concessives")
        if concessive is not None:
            for m in concessive.finditer(text, max(s_start, start - _CONCESSIVE_REACH), start):
                if not text[m.end() : start].strip(" ,"):
                    return False
        context = _pack(lang, "action_context")
        if context is not None and context.search(text, prev_start, start):
            return True
        links = _pack(lang, "effect_links")
        if links is not None and links.search(text, s_start, start):
            return True
        after = _pack(lang, "effect_after")
        if after is not None:
            skip = _SKIP.match(text, end)  # always matches (possibly empty)
            pos = skip.end() if skip is not None else end
            if pos < s_end and after.match(text, pos, s_end):
                return True
        return False
