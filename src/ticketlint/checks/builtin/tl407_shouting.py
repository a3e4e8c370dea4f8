"""TL407 shouting: sentences in ALL CAPS and runs of "!!!" in replies and notes.

Works on the prose (quoted history, signatures and pasted logs are blanked,
so a stack trace in capitals is never read). A sentence shouts when it has
at least `min-words` words written in capitals and they make at least three
quarters of its words. Only tokens made of letters count as words: error
codes (ERROR_ACCESS_DENIED, 0x80070005, HTTP/2), numbers and paths are
neutral, and so are the acronyms listed in the language packs (`acronyms`)
or in the `allow` option. A single word or two in capitals for emphasis
("do NOT restart", "DO NOT delete it") is accepted: it is below the
threshold, and often the clearest way to warn. A short heading ending in a
colon ("STEPS TO REPRODUCE:") is a label, not shouting. A clause that holds
a model or part number (letters and digits in one token: "GSA-4163B",
"RT-AC68U", "X800") names a device, as pasted output does ("hdb: HL-DT-ST
DVDRAM GSA-4163B, ATAPI CD/DVD-ROM drive"): its capitals are a product name.

At most one finding per message for capitals and one for exclamation marks;
the message says how many there are.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator
from dataclasses import dataclass

from ... import packs, recache
from ...analysis.text import CLAUSE, WORD
from ...document import AnalysedMessage
from ...model import LANGUAGES, Hit, Role, RuleMeta, Severity, Span
from ...packs import Key, PackSchema
from ...ruleoptions import RuleOptions, option
from ..base import BaseRule, RuleContext

CODE = "TL407"
SCHEMA = PackSchema(keys={
    "acronyms": Key("words", "words in capitals that are names or acronyms, never shouting (all languages merged)"),
})
_TOKEN = recache.compile(r"\S+")
# `(?<![\W_])`: the trailing run is only tried from its first character (same matches; from every
# character of a long run of punctuation inside a token it was quadratic).
_STRIP = recache.compile(r"^[\W_]+|(?<![\W_])[\W_]+$")
_BANG = recache.compile(r"[!?¡¿‼⁉]{3,}|‼+[!?‼⁉]*|⁉+[!?‼⁉]*")
_CAPS_RUN = recache.compile(r"[A-ZÀ-ÖØ-ÞĂÂÎȘŞȚŢ]{2,}")
HEADING_MAX_WORDS = 5
_TABLE = recache.compile(r"\S {3,}\S.* {3,}\S|\t\S.*\t")
# A model or part number: a token that starts with a letter and holds two digits or more, hyphens allowed
# ("GSA-4163B", "RT-AC68U", "VT8378", "X800"); not a time or a quantity ("10PM", "5GB": a digit first), nor
# a version ("WPA2", "MP3": one digit).
_MODEL = recache.compile(r"(?<![\w-])(?=[\w-]*\d[\w-]*\d)[A-Za-z][\w-]{2,30}(?![\w-])")
# A clause with a model number and at most this many other words in capitals is the product's name
# ("HL-DT-ST DVDRAM GSA-4163B"), not shouting; a longer one shouts around it ("THE XPS13 WILL BE REPLACED TOMORROW").
PRODUCT_MAX_CAPS = 4


@functools.cache
def _acronyms() -> frozenset[str]:
    words: set[str] = set()
    for lang in LANGUAGES:
        words |= {w.upper() for w in packs.words(CODE, lang, "acronyms")}
    return frozenset(words)


def _bangs(run: str) -> int:
    return sum(2 if c in "‼⁉" else 1 for c in run if c in "!¡‼⁉")


@dataclass(frozen=True, slots=True)
class Options(RuleOptions):
    min_words: int = option(3, "capitalised words a sentence needs to count as shouting", minimum=1)
    allow: tuple[str, ...] = option((), "words in capitals that are never shouting (product names, internal codes)")
    min_exclamations: int = option(3, "length of a run of '!' / '?!' marks that counts as shouting", minimum=1)


class Shouting(BaseRule[Options]):
    meta = RuleMeta(
        code=CODE,
        name="shouting",
        summary="Flags sentences written in ALL CAPS and runs of exclamation marks ('!!!', '!?!?') in replies and notes.",
        scope=frozenset({Role.AGENT, Role.NOTE}),
        severity=Severity.WARNING,
        replies_only=True,  # a chat line that is no reply to the customer is skipped (analysis/address.py)
        groups=("tone",),
        rationale=(
            "Capitals and strings of exclamation marks read as shouting. The seed's law 9 says respect and "
            "common sense must exist on both sides: the agent is nobody's punching bag, and nor is the customer; "
            "a reply that shouts escalates a conversation that should calm down. Internal notes are in scope too: "
            "customers can ask for a copy of every ticket about them, and an all-caps note about them reads as "
            "anger. Acronyms, error codes and product names in capitals are not shouting."
        ),
        seed="seed 004 (ro), law 9: 'Nu ești calul de bătaie a nimănui' (respect on both sides)",
        suggestion="Write it in sentence case and state the urgency in words (e.g. 'this is urgent: ...').",
        options=Options,
        pack=SCHEMA.saying("all_caps_message", all_caps_one=("text",), all_caps=("count",), bangs=("bangs",), bangs_runs=("bangs", "count")),
    )

    def check(self, ctx: RuleContext[Options]) -> Iterator[Hit]:
        min_words = max(1, ctx.options.min_words)
        allow = _acronyms() | {str(w).upper() for w in ctx.options.allow}
        min_bangs = max(2, ctx.options.min_exclamations)
        for msg in ctx.in_scope(self):
            shouting: list[tuple[int, int]] = []
            yield from self._caps(msg, min_words, allow, shouting, ctx)
            yield from self._exclamations(msg, min_bangs, shouting, ctx)

    def _caps(self, msg: AnalysedMessage, min_words: int, allow: frozenset[str], shouting: list[tuple[int, int]],
              ctx: RuleContext[Options]) -> Iterator[Hit]:
        """One hit for the sentences in capitals; their spans are appended to `shouting`."""
        prose = msg.prose
        # Cheap pass: where are runs of 2+ capitals? Only clauses with enough of them are tokenized.
        runs = [m.start() for m in _CAPS_RUN.finditer(prose)]
        if len(runs) < min_words:
            return
        for m in CLAUSE.finditer(prose):
            if bisect.bisect_left(runs, m.end()) - bisect.bisect_left(runs, m.start()) < min_words:
                continue
            clause = m.group(0)
            models = [mm.start() for mm in _MODEL.finditer(clause)] if any(c.isdigit() for c in clause) else []
            caps = lower = 0
            first = last = None
            for t in _TOKEN.finditer(clause):
                if models and any(t.start() <= s < t.end() for s in models):
                    continue  # a model or part number, an order reference ("XPS13", "AB1234"): neither counted nor shouting
                word = _STRIP.sub("", t.group(0))
                if not word or not WORD.fullmatch(word):
                    continue
                letters = [c for c in word if c.isalpha()]
                if len(letters) < 2:
                    continue
                if word.isupper():
                    if first is None:
                        first = m.start() + t.start()
                    last = m.start() + t.end()
                    if word.upper() in allow or word.replace("’", "'").split("'")[0] in allow:
                        continue
                    caps += 1
                else:
                    lower += 1
            if caps < min_words or caps * 4 < (caps + lower) * 3:
                continue
            if _TABLE.search(clause):
                continue  # column headers of pasted command output ("USER   PID %CPU")
            if models and caps <= PRODUCT_MAX_CAPS:
                continue  # a device or product name with its model number ("HL-DT-ST DVDRAM GSA-4163B")
            if clause.rstrip().endswith(":") and caps + lower <= HEADING_MAX_WORDS:
                continue  # a heading such as "STEPS TO REPRODUCE:"
            assert first is not None and last is not None
            # Extend to the clause's closing punctuation ("... NOW!!").
            end = last
            while end < m.end() and prose[end] in ".!?":
                end += 1
            shouting.append((first, end))
        if not shouting:
            return
        total_caps = total_lower = 0
        for t in _TOKEN.finditer(prose):
            word = _STRIP.sub("", t.group(0))
            if len(word) >= 2 and WORD.fullmatch(word):
                if not word.isupper():
                    total_lower += 1
                elif word.upper() not in allow:
                    total_caps += 1
        start, end = shouting[0]
        if len(shouting) == 1 and total_caps < total_lower * 9:
            text = " ".join(prose[start:end].split())
            if len(text) > 50:
                text = text[:47] + "..."
            message = ctx.say(msg, "all_caps_one", text=text)
        elif total_lower * 10 <= (total_caps + total_lower):
            message = ctx.say(msg, "all_caps_message")
        else:
            message = ctx.say(msg, "all_caps", count=len(shouting))
        yield Hit(msg.index, Span(start, end), message, ctx.say(msg, "suggestion"))

    def _exclamations(self, msg: AnalysedMessage, min_bangs: int, shouting: list[tuple[int, int]],
                      ctx: RuleContext[Options]) -> Iterator[Hit]:
        """One hit for the runs of '!!!'; a run that closes a sentence in capitals is part of that hit."""
        prose = msg.prose
        if "!" not in prose and "‼" not in prose and "⁉" not in prose:
            return
        # `shouting` is sorted and disjoint: a run is inside one of its spans iff it is inside the
        # last span starting at or before it (a bisection, not a scan of every span per run).
        starts = [s for s, _ in shouting]

        def in_shouting(pos: int) -> bool:
            i = bisect.bisect_right(starts, pos) - 1
            return i >= 0 and pos <= shouting[i][1]

        runs = [m for m in _BANG.finditer(prose) if _bangs(m.group(0)) >= 2 and
                (len(m.group(0)) >= min_bangs or "‼" in m.group(0) or "⁉" in m.group(0)) and
                not in_shouting(m.start())]
        if not runs:
            return
        first = runs[0]
        said = ctx.say(msg, "bangs_runs", bangs=first.group(0), count=len(runs)) if len(runs) > 1 else ctx.say(msg, "bangs", bangs=first.group(0))
        yield Hit(msg.index, Span(first.start(), first.end()), said, ctx.say(msg, "suggestion"))
