"""TL404 upsell-deflection: an upgrade offered as the fix for an unsolved problem.

An agent reply's prose is searched for an upsell (pack `upsells`: "upgrade
to Premium", "only available in our Pro plan", "actualice a Premium",
"upgrade ke paket Pro", "treceți la abonamentul Premium"...). Software
upgrades ("upgrade to the latest version") are not upsells: the patterns need
a plan, tier or paid edition word.

Not flagged when the upsell's sentence offers the plan as an option
("if you ever need more, ...": pack `optional`) without selling it as the fix
(pack `solves`: "fixes", "the problem"...), nor when the problem was fixed or explained before the upsell (pack
`fixed`: "works again", "we fixed", "the cause was", "your plan allows 10
exports a day", "ya funciona", "sudah kami perbaiki", "funcționează din
nou"...), either earlier in the same reply or in an earlier agent message, or
when the customer said it is solved; nor when the customer asked about plans
or upgrading themselves (pack `customer_asks`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ... import packs
from ...analysis.text import fold, sentences
from ...document import AnalysedMessage
from ...model import LANGUAGES, Hit, Role, RuleMeta, Severity, Span
from ...patterns import Phrases, compile_patterns
from ...ruleoptions import RuleOptions, option
from ..base import BaseRule, RuleContext

CODE = "TL404"
PACK = packs.PackSchema(
    keys={
        "upsells": packs.Key("patterns", "an upgrade or paid plan offered (needs a plan, tier or paid edition word)", required=True),
        "upgrade_verbs": packs.Key("patterns", "verbs of upgrading, before a plan name of the options", required=True),
        "fixed": packs.Key("patterns", "the problem was fixed or explained", required=True),
        "optional": packs.Key("patterns", "the plan offered as an option ('if you ever need more')"),
        "solves": packs.Key("patterns", "the plan sold as what solves the problem"),
        "customer_asks": packs.Key("patterns", "the customer asked about plans or upgrading"),
        "customer_solved": packs.Key("patterns", "the customer said the problem is solved"),
    }
)


def _pack(key: str, extra: tuple[str, ...] = ()) -> Phrases | None:
    """List `key` of every language's TL404 pack (a reply may mix languages), folded, one cached regex."""
    return packs.phrases(CODE, key, None, fold=True, extra=extra)


@dataclass(frozen=True, slots=True)
class Options(RuleOptions):
    plan_names: tuple[str, ...] = option((), "names of your paid plans or editions (regular expressions), e.g. 'Gold', 'Team Plus'", regex=True)
    extend_fixed: tuple[str, ...] = option((), "extra regular expressions that show the problem was fixed or explained", regex=True)


class UpsellDeflection(BaseRule[Options]):
    meta = RuleMeta(
        code=CODE,
        name="upsell-deflection",
        summary="Flags an upgrade or paid plan offered as the fix while the customer's problem is neither fixed nor explained.",
        scope=frozenset({Role.AGENT}),
        severity=Severity.WARNING,
        groups=("tone",),
        rationale=(
            "Seed 000 (section 3) warns about support agents who double as salespeople: offering a higher "
            "tier or an upgraded product during the call is common, and some companies use it to avoid "
            "giving support at all, a kind of 'upgrade and the problem goes away'. A customer who came with "
            "a problem and leaves with a sales pitch has not been helped and will not trust the next answer. "
            "Fix or explain the problem first; a plan can be mentioned after that, as information."
        ),
        seed="seed 000 (es), section 3: 'una especie de \"actualización y este problema desaparece\"'",
        suggestion="Fix or explain the problem first; mention plans or upgrades only after that, as an option.",
        options=Options,
        pack=PACK.saying(upsell=("phrase",)),
    )

    def check(self, ctx: RuleContext[Options]) -> Iterator[Hit]:
        msgs = ctx.document.messages
        for msg in ctx.in_scope(self):
            hit = self._check(msg, ctx.options, msgs, ctx)
            if hit is not None:
                yield hit

    def _check(self, msg: AnalysedMessage, options: Options, msgs: Sequence[AnalysedMessage], ctx: RuleContext[Options]) -> Hit | None:
        folded = fold(msg.prose)
        upsells = _pack("upsells")
        if upsells is None:
            return None
        m = upsells.search(folded)
        names = tuple(n for n in options.plan_names if n)
        if names:
            custom = _custom(names)
            c = custom.search(folded) if custom is not None else None
            if c is not None and (m is None or c.start() < m.start()):
                m = c
        if m is None:
            return None
        # "If you ever need more room, the Plus plan has ...": an option offered, not the fix sold.
        optional = _pack("optional")
        solves = _pack("solves")
        for s, e in sentences(msg.prose):
            if s <= m.start() < e:
                sent = folded[s:e]
                if optional is not None and optional.search(sent) and not (solves is not None and solves.search(sent)):
                    return None
                break
        fixed = _pack("fixed", options.extend_fixed)
        if fixed is not None and fixed.search(folded, 0, m.start()):
            return None
        # Earlier in the thread: the problem fixed by an agent, solved for the customer, or plans asked about.
        asks = _pack("customer_asks")
        solved = _pack("customer_solved")
        for prev in msgs[: msg.index]:
            text = fold(prev.prose)
            if prev.role is Role.AGENT and fixed is not None and fixed.search(text):
                return None
            if prev.role is Role.CUSTOMER:
                if asks is not None and asks.search(text):
                    return None
                if solved is not None and solved.search(text):
                    return None
        phrase = " ".join(msg.body[m.start() : m.end()].split())
        return Hit(
            msg.index,
            Span(m.start(), m.end()),
            ctx.say(msg, "upsell", phrase=phrase),
            ctx.say(msg, "suggestion"),
        )


@functools.cache
def _custom(names: tuple[str, ...]) -> Phrases | None:
    """'upgrade to <plan name>' for the plan names given in the options."""
    verbs: list[str] = []
    for lang in LANGUAGES:
        verbs += packs.words(CODE, lang, "upgrade_verbs")
    if not verbs:
        return None
    verb = "|".join(f"(?:{v})" for v in verbs)
    name = "|".join(f"(?:{n})" for n in names)
    return compile_patterns([fold(rf"(?:{verb})\W+(?:\w+\W+){{0,3}}?(?:{name})")])
