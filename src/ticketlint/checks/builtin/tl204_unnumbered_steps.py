"""TL204 unnumbered-steps: three or more instructions written as running prose.

How instructions are counted (per message, prose only):

1. Lines that are list items ("1.", "1)", "a)", "-", "*", "•", "Step 2:") are
   skipped: steps given as a list are what the rule asks for. So is a line that
   numbers its own items in sequence ("1) Open a terminal 2) Type ... 3) ...",
   common in chat).
2. The remaining text is cut into clauses at sentence ends, commas,
   semicolons, colons and the language's connectors ("and", "then",
   "after that", "luego", "lalu", "apoi", ...).
3. A clause is an instruction when, after optional polite or sequencing
   prefixes ("please", "then", "por favor", "silakan", "vă rugăm să", ...), it
   starts with an imperative verb from the language pack (`verbs`).
4. Once a sentence has a declarative subject ("we", "I", "the technician",
   "kami", "hemos", ...), its following coordinated clauses describe what
   someone did or will do, not instructions ("We'll check the logs, update the
   driver and restart the server"), until a clause opens with an explicit
   request or condition ("please", "if", ...). A first-person pronoun anywhere
   in a clause (`first_person`: "after I installed it, reboot and ...") has
   the same effect.
5. An instruction right after an alternative connector ("or", "o", "atau",
   "sau": the pack's `alternatives`) that follows an instruction is another
   way to do the same step ("remove the line or add a # in front of it"),
   not a step of its own.

Matching is done on lower-cased text with diacritics removed (pack patterns
are folded the same way), so "Reinicie", "reinicie" and "reinície" all match.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ... import packs, recache
from ...analysis.text import STEP_ITEM
from ...document import AnalysedMessage
from ...model import LANGUAGES, Hit, Role, RuleMeta, Span
from ...packs import Key, PackSchema
from ...ruleoptions import RuleOptions, option
from ...textutil import fold
from ..base import BaseRule, RuleContext

CODE = "TL204"
SCHEMA = PackSchema(keys={
    "verbs": Key("patterns", "imperative verbs that open an instruction", required=True),
    "connectors": Key("patterns", "words that join clauses ('and', 'then', 'after that'): a clause starts after one"),
    "prefixes": Key("patterns", "polite or sequencing words allowed before the verb ('please', 'then')"),
    "not_after": Key("patterns", "words after a verb that make it something else than an instruction"),
    "clitics": Key("patterns", "pronouns glued to a verb ('reinícielo')"),
    "hyphen_suffixes": Key("patterns", "pronouns joined to a verb by a hyphen ('importați-l')"),
    "subjects": Key("patterns", "declarative subjects: the clauses after one narrate ('we', 'the technician')"),
    "first_person": Key("patterns", "first-person pronouns: a clause holding one narrates"),
    "resets": Key("patterns", "explicit requests or conditions that end a narration ('please', 'if')"),
    "alternatives": Key("patterns", "connectors that join alternatives ('or'): an instruction after one is another way "
                        "to do the same step, not a new step"),
})


@functools.cache
def _alt(lang: str, key: str) -> str:
    items = packs.words(CODE, lang, key)
    return "|".join(f"(?:{fold(p).lower()})" for p in items if p)


@functools.cache
def _patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str] | None, re.Pattern[str] | None, re.Pattern[str] | None, re.Pattern[str] | None]:
    connectors = _alt(lang, "connectors")
    # `(?<![.!?;])[.!?;]++`: a run of end marks is only tried from its first character (a match
    # is always the whole run, and no other separator ends in one of them): tried from each of its
    # characters, a long run not followed by a space ("....x") was quadratic. Same matches.
    splitter = recache.compile(
        r"(?<![.!?;])[.!?;]++(?=\s|$|[\"'”)])|:(?=\s)|,|\n|\(|\)|—|–|" + (rf"(?<![\w-])(?:{connectors})(?![\w-])" if connectors else r"(?!x)x")
    )
    prefixes = _alt(lang, "prefixes")
    verbs = _alt(lang, "verbs")
    not_after = _alt(lang, "not_after")
    clitics = _alt(lang, "clitics")
    # At most MAX_PREFIXES polite/sequencing prefixes before the verb: "could you please" is one
    # prefix or two ("could you" + "please"), so an unbounded run of them ("could you please" x 100)
    # backtracked through 2^n parses before failing. Real clauses stack three or four.
    lead = rf"^[\s\"'“‘¿¡*]*(?:(?:{prefixes})(?![\w])[\s,]*){{0,{MAX_PREFIXES}}}" if prefixes else r"^[\s\"'“‘¿¡*]*"
    instruction = None
    if verbs:
        # Pronouns joined by a hyphen ("importați-l", "conectează-te") only where the pack lists them:
        # in English "add-on" and "check-in" are nouns.
        hyphen = _alt(lang, "hyphen_suffixes")
        tail = (rf"(?:{clitics})?" if clitics else "") + (rf"(?:-(?:{hyphen}))?" if hyphen else "") + r"(?![\w'’-])"
        guard = rf"(?!\s*(?:{not_after})(?![\w]))" if not_after else ""
        instruction = recache.compile(rf"{lead}(?P<verb>{verbs}){tail}{guard}")
    subjects = _alt(lang, "subjects")
    subject = recache.compile(rf"{lead}(?:{subjects})(?![\w])") if subjects else None
    first = _alt(lang, "first_person")
    first_person = recache.compile(rf"(?<![\w'’-])(?:{first})(?![\w'’-])") if first else None
    resets = _alt(lang, "resets")
    reset = recache.compile(rf"^[\s\"'“‘¿¡*]*(?:{resets})(?![\w])") if resets else None
    return splitter, instruction, subject, reset, first_person


@functools.cache
def _alternative(lang: str) -> re.Pattern[str] | None:
    """A separator of `_patterns`'s splitter that is an alternative connector ("or")."""
    alts = _alt(lang, "alternatives")
    return re.compile(rf"(?:{alts})$") if alts else None


MAX_PREFIXES = 8

_INLINE_ITEM = recache.compile(r"(?:^|(?<=[\s:;,.]))\(?(\d{1,2})[.)](?=\s)")


def _inline_list(line: str) -> bool:
    """A line holding its own numbered list ("1) Open a terminal 2) Type ... 3) Press enter"):
    at least two items numbered in sequence."""
    numbers = [int(m.group(1)) for m in _INLINE_ITEM.finditer(line)]
    return any(b == a + 1 for a, b in zip(numbers, numbers[1:]))


def _sentence_span(prose: str, start: int) -> Span:
    begin = max(prose.rfind(c, 0, start) for c in ".!?\n") + 1
    ends = [i for i in (prose.find(c, start) for c in ".!?\n") if i != -1]
    end = min(ends) + 1 if ends else len(prose)
    while begin < end and prose[begin].isspace():
        begin += 1
    while end > begin and prose[end - 1].isspace():
        end -= 1
    return Span(begin, end)


def find_instructions(prose: str, lang: str) -> list[tuple[int, str]]:
    """(offset, verb) of each instruction clause in the running prose of `prose`."""
    if lang not in LANGUAGES:
        return []  # the one language policy (packs/): no packs, no instructions found
    splitter, instruction, subject, reset, first_person = _patterns(lang)
    if instruction is None:
        return []
    alternative = _alternative(lang)
    folded = fold(prose).lower()
    if len(folded) != len(prose):  # a few characters change length when lower-cased
        folded = "".join(c if len(c.lower()) != 1 else c.lower() for c in fold(prose))
    found: list[tuple[int, str]] = []
    pos = 0
    for line in folded.split("\n"):
        line_start = pos
        pos += len(line) + 1
        if not line.strip() or STEP_ITEM.match(line) or _inline_list(line):
            continue
        declarative = False
        cut = 0
        after_or = False  # the clause follows an alternative connector ("or")
        last_was_step = False  # the previous clause was an instruction
        for m in (*splitter.finditer(line), None):
            end = m.start() if m else len(line)
            clause = line[cut:end]
            if clause.strip():
                if reset is not None and reset.match(clause):
                    declarative = False
                hit = instruction.match(clause)
                if hit and not clause[hit.end():].strip() and m is not None and m.group(0) == ":":
                    hit = None  # "Update:" is a heading, not an instruction
                if hit and not declarative:
                    if not (after_or and last_was_step):  # "remove it or add a #": one step, two ways
                        found.append((line_start + cut + hit.start("verb"), hit.group("verb")))
                    last_was_step = True
                elif subject is not None and subject.match(clause):
                    declarative = True
                elif first_person is not None and first_person.search(clause):
                    declarative = True  # "After I go through the installer, reboot ..." narrates
            if clause.strip() and not (hit and not declarative):
                last_was_step = False
            if m is None:
                break
            sep = m.group(0)
            if sep and sep[0] in ".!?;\n":
                declarative = False
                last_was_step = False
            # ", or" is two separators: a comma, then "or"
            after_or = bool(alternative is not None and sep and alternative.match(sep)) or (after_or and not clause.strip())
            cut = m.end()
    return found


@dataclass(frozen=True, slots=True)
class Options(RuleOptions):
    min_steps: int = option(3, "how many instructions in running prose make a finding", minimum=1)


class UnnumberedSteps(BaseRule[Options]):
    meta = RuleMeta(
        code=CODE,
        name="unnumbered-steps",
        summary="Flags three or more instructions written in running prose instead of a numbered list.",
        scope=frozenset({Role.AGENT}),
        groups=("clarity",),
        rationale=(
            "Seed 002 describes how support works from a flowchart: the customer is asked to check or do one "
            "thing, then the next depends on the answer. Steps buried in a paragraph ('open Settings, click "
            "Network, then select Wi-Fi and restart the router') are easy to skip or do out of order, and the "
            "customer cannot say at which step it failed; QA scorecards (AutoQA 'readability') check for it. "
            "Instructions already given as a numbered or bulleted list are not flagged."
        ),
        seed="seed 002 (es), the flowchart and the work order; AutoQA 'readability'",
        suggestion="Put the steps in a numbered list, one action per line.",
        options=Options,
        pack=SCHEMA.saying(steps=("count", "verbs")),
    )

    def check_message(self, msg: AnalysedMessage, ctx: RuleContext[Options]) -> Iterator[Hit]:
        min_steps = max(2, ctx.options.min_steps)
        found = find_instructions(msg.prose, msg.language)
        if len(found) < min_steps:
            return
        verbs = ", ".join(f"'{msg.body[o:o + len(v)]}'" for o, v in found[:4]) + (", ..." if len(found) > 4 else "")
        yield Hit(
            msg.index,
            _sentence_span(msg.prose, found[0][0]),
            ctx.say(msg, "steps", count=len(found), verbs=verbs),
            ctx.say(msg, "suggestion"),
        )
