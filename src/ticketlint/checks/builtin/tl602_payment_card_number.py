"""TL602 payment-card-number: a card number written into a ticket.

A candidate is 13 to 19 digits, either in one run or in groups (first group
of 4 digits, then groups of 2 to 6) joined by one consistent separator (a
space or a dash). It is a card number only when it passes the Luhn check
AND its length fits the issuer of its leading digits (Visa 4: 13/16/19;
Mastercard 51-55 and 2221-2720: 16; Amex 34/37: 15; Discover 6011, 644-649,
65; JCB 3528-3589; Diners 300-305, 36, 38-39; UnionPay 62; Maestro 50,
56-58, 6304, 6759, 676770/676774; Mir 2200-2204).

Not card numbers: a run embedded in a longer run of digits or of groups
(IBANs, UUIDs, long references), numbers glued to letters, '+', '/', '.',
phone numbers, and numbers right after a word that names another kind of
number ("order", "IMEI", "tracking", "pedido", "resi", "comanda": the packs'
`other_numbers`) in the same clause (no comma, semicolon or sentence end
between them), unless a card word ("card", "tarjeta", "kartu", "cardul":
`card_words`) is as close. The body is scanned, quotes and logs included;
terminal colour codes pasted with a number ("\x1b[31m4111...") are read as blanks.
The finding shows `4111 **** **** 1111`: first 4 and last 4 digits, separators kept.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

from ... import packs, recache
from ...analysis.text import without_ansi
from ...model import ALL_ROLES, LANGUAGES, Hit, RuleMeta, Severity, Span
from ...packs import Key, PackSchema
from ...patterns import Phrases, compile_patterns
from ...ruleoptions import RuleOptions, option
from ..base import BaseRule, RuleContext

CODE = "TL602"
SCHEMA = PackSchema(keys={
    "other_numbers": Key("patterns", "words naming another kind of long number ('order', 'IMEI', 'pedido', 'resi')"),
    "card_words": Key("patterns", "words naming a card ('card', 'tarjeta', 'kartu', 'cardul')"),
})
# At least 13 digits anywhere (possessive \D*+: one pass from the start, stopping at the 13th digit;
# findall built a list of every digit of a pasted number run).
_THIRTEEN_DIGITS = recache.compile(r"(?:\D*+\d){13}")
_CANDIDATE = recache.compile(
    r"(?<![\w+\-/.,@])(?<!\d[.,:/\-])"
    r"(?:\d{13,19}|\d{4}(?P<sep>[ \-])\d{2,6}(?:(?P=sep)\d{2,6}){1,4})"
    r"(?![\w@]|[.,/\-:]\d|[ \-]\d)"
)
# A group of letters/digits with a digit, right before (an IBAN's "RO49 ", a UUID part).
_GROUP_BEFORE = recache.compile(r"(?:^|[^\w])(?=[A-Za-z0-9]*\d)[A-Za-z0-9]{2,8}[ \-]$")
# Ends a clause between a word and the number after it (". 4111" after "no." does not: an abbreviation).
_CLAUSE_BREAK = recache.compile(r"[,;!?\n]|\.\s+(?=[^\d\s])")
_CONTEXT = 40  # characters before a number searched for words naming it


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def issuer(digits: str) -> str | None:
    """The card scheme whose number ranges and lengths fit, or None."""
    n = len(digits)
    p2, p3, p4, p6 = int(digits[:2]), int(digits[:3]), int(digits[:4]), int(digits[:6])
    if digits[0] == "4" and n in (13, 16, 19):
        return "Visa"
    if (51 <= p2 <= 55 or 2221 <= p4 <= 2720) and n == 16:
        return "Mastercard"
    if p2 in (34, 37) and n == 15:
        return "American Express"
    if (p4 == 6011 or 644 <= p3 <= 649 or p2 == 65) and 16 <= n <= 19:
        return "Discover"
    if 3528 <= p4 <= 3589 and 16 <= n <= 19:
        return "JCB"
    if (300 <= p3 <= 305 or p2 in (36, 38, 39)) and 14 <= n <= 19:
        return "Diners Club"
    if p2 == 62 and 16 <= n <= 19:
        return "UnionPay"
    if 2200 <= p4 <= 2204 and 16 <= n <= 19:
        return "Mir"
    if (p2 in (50, 56, 57, 58) or p4 in (6304, 6759) or p6 in (676770, 676774)) and 13 <= n <= 19:
        return "Maestro"
    return None


def redact(number: str) -> str:
    """First 4 and last 4 digits kept, the others starred, separators kept."""
    total = sum(c.isdigit() for c in number)
    out = []
    seen = 0
    for c in number:
        if c.isdigit():
            seen += 1
            out.append(c if seen <= 4 or seen > total - 4 else "*")
        else:
            out.append(c)
    return "".join(out)


@functools.cache
def _words(key: str) -> Phrases | None:
    patterns: list[str] = []
    for lang in LANGUAGES:
        patterns += packs.words(CODE, lang, key)
    return compile_patterns(patterns)


@dataclass(frozen=True, slots=True)
class Options(RuleOptions):
    allow: tuple[str, ...] = option(
        (), "numbers (regular expressions over the digits only) never to flag, e.g. test cards", regex=True)


class PaymentCardNumber(BaseRule[Options]):
    meta = RuleMeta(
        code=CODE,
        name="payment-card-number",
        summary="Flags payment card numbers (Luhn-valid, with a known issuer prefix) written into a ticket; the finding masks them.",
        scope=ALL_ROLES,
        severity=Severity.ERROR,
        groups=("privacy",),
        finds_secrets=True,
        rationale=(
            "A full card number in a ticket is cardholder data outside any PCI DSS-controlled system: tickets are "
            "exported, searched, e-mailed and kept for years, and customers can ask for a copy of them. Support "
            "never needs more than the last four digits to identify a card."
        ),
        seed="",
        suggestion=(
            "Delete the card number from the ticket (keep at most the last 4 digits) and tell the customer never "
            "to send card details by e-mail or chat; point them to the payment page or the phone line."
        ),
        options=Options,
        pack=SCHEMA.saying(card=("scheme",)),
    )

    def check(self, ctx: RuleContext[Options]) -> Iterator[Hit]:
        allow = compile_patterns(ctx.options.allow, word_bounded=False)
        other = _words("other_numbers")
        card = _words("card_words")
        for msg in ctx.in_scope(self):
            body = msg.body
            if _THIRTEEN_DIGITS.match(body) is None:  # fewer digits than the shortest card: most messages
                continue
            body = without_ansi(body)  # "\x1b[31m4111 ...": a number pasted in colour starts after the code
            for m in _CANDIDATE.finditer(body):
                text = m.group(0)
                digits = "".join(c for c in text if c.isdigit())
                if not 13 <= len(digits) <= 19 or not _luhn(digits):
                    continue
                scheme = issuer(digits)
                if scheme is None:
                    continue
                if allow is not None and allow.fullmatch(digits):
                    continue
                before = body[max(0, m.start() - _CONTEXT) : m.start()]
                if _GROUP_BEFORE.search(before):
                    continue  # the tail of a longer grouped code (IBAN, licence key)
                if other is not None:
                    # A word naming another number names this one only within its clause: "la tarjeta de mi
                    # cuenta, la nueva es 4111 ..." is a card ("cuenta" belongs to the clause before).
                    last_other = max((x.end() for x in other.finditer(before) if not _CLAUSE_BREAK.search(before, x.end())),
                                     default=-1)
                    last_card = max((x.end() for x in card.finditer(before)), default=-1) if card is not None else -1
                    if last_other > last_card:
                        continue
                yield Hit(msg.index, Span(m.start(), m.end()),
                          ctx.say(msg, "card", scheme=scheme),
                          ctx.say(msg, "suggestion"), redacted=redact(text))
