"""TL202 unexplained-acronym: an acronym in a reply that is never spelled out in the thread.

What counts as an acronym: a token of 2 to 6 capital letters A-Z, optionally
followed by one digit ("VPN", "HTTP2", "WPA2") and a plural "s" ("URLs"),
or a Romanian/Indonesian ending after a hyphen ("VPN-ul", "VPN-nya").
Tokens starting with a digit ("2FA") or with two or more digits ("XPS13",
"T480", "INC0012345") are not: those are error codes, ticket ids and product
models (2FA is in TL201's lexicon).

Not reported:
- acronyms spelled out anywhere in the thread, in a customer or agent message
  (internal notes are not read by the customer): "Virtual Private Network
  (VPN)", "VPN (Virtual Private Network)", "VPN, or virtual private network",
  "virtual private network, or VPN". The expansion's word initials must cover
  roughly the acronym's letters in any order, so Spanish/Romanian word order
  works ("red privada virtual (VPN)"); an acronym in parentheses after two or
  more words is always taken as expanded. A gloss of one compound word that
  holds the letters in order counts ("DB (database)", "database (DB)", "the
  DB, i.e. the database"), and so does a run of capitalised words, anywhere
  in a message that uses the acronym, whose initials spell it in order
  ("SICCO questions: Specific, Informative, Concise, Complete, and On-Topic");
- the allow-list: the pack's `allow` (OK, PDF, USB and a few universally known
  ones; units, currencies, time zones; see `rules/<lang>/TL202.toml`);
- the organisation vocabulary's accepted terms (`[vocabulary] accept`, pack
  vocabularies: docs/packs.md) and the option `allow` (accepted for this rule,
  read through the same vocabulary); its rejected terms are TL201's to report;
- with the option `skip-jargon = true`, acronyms in TL201's jargon lexicon
  (DNS, VPN, MFA, ...), for teams that run both rules and want such a term
  reported once, by TL201 with its explanation. Off by default: RULES.md asks
  for every acronym to be expanded, and a plain-language explanation of DNS is
  not its expansion;
- acronyms the customer used in an earlier message, in any case ("sql",
  "Sata": the customer knows the word), in their prose or in what they
  pasted (a log, a command's output, a quoted error); words the thread also writes as a
  name, a capital then lower case ("Wine" and "WINE"); and the names of the thread's
  authors written in capitals ("IKE: open a terminal");
- an acronym already used in an earlier agent message: it is reported once
  per thread, at its first use (the problem is that it was never expanded,
  not each time it is repeated);
- words in all-caps sentences (shouting, TL407's job; a short sentence of
  two letters or more besides the word counts when all of it is in capitals:
  "SPEAK UP"), runs of three or more
  all-caps words (names, headings), emphasised common words ("NOT", "NU",
  "TIDAK": the pack's `not_acronyms` and the language detector's function
  words; "a LOT", "ALMOST", "MUY", "SANGAT", "FOARTE": the ordinary words of
  the message's language or of English, `rules/<lang>/words.toml`, unless
  an acronym list names them: `allow`, `acronyms`, `[expansions]`, TL201's
  terms in capitals), emoticons ("XD"), roman numerals, keys in combinations ("CTRL+ALT+DEL"), a single word
  in quotes (a UI label), an acronym followed by a number ("HTTP 502", "ISO
  9001": an error/status code or a standard), hyphenated codes ("RT-AC68U"),
  and anything in URLs, paths, e-mail addresses, file names or `code`.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from ... import packs, recache
from ...analysis.jargon import (
    ACRONYM,
    CAPS_WORD,
    compound_spells,
    customer_text,
    emphasis,
    initials_overlap,
    jargon,
    scrub,
    spelled_in,
)
from ...analysis.text import LETTER, SENTENCE_MARK, TERM
from ...document import AnalysedMessage
from ...languages import language
from ...model import LANGUAGES, Hit, Role, RuleMeta, Severity, Span
from ...packs import Key, PackSchema
from ...ruleoptions import RuleOptions, option
from ..base import BaseRule, RuleContext

CODE = "TL202"
SCHEMA = PackSchema(keys={
    "allow": Key("words", "acronyms everybody knows (OK, PDF, USB), units, currencies, time zones: never reported"),
    "not_acronyms": Key("words", "common words written in capitals for emphasis (NOT, NU, TIDAK), emoticons (XD)"),
    "acronyms": Key("words", "acronyms that the language also writes as ordinary words (IT, US, CEO): never read as emphasis"),
    "after": Key("patterns", "connectors right after an acronym that introduce its expansion (', or', 'stands for')"),
    "before": Key("patterns", "connectors right before an acronym that follow its expansion (', or', 'known as')"),
    "expansions": Key("table", "acronym -> its expansion, for the suggestion"),
})

_ROMAN = recache.compile(r"(?=[IVXL]+$)L?X{0,3}(?:IX|IV|V?I{0,3})")
_QUOTES = {'"': '"', "'": "'", "\u201c": "\u201d", "\u201e": "\u201d", "\u2018": "\u2019", "\u00ab": "\u00bb", "`": "`", "[": "]"}
_WORDS_BEFORE = recache.compile(r"((?:[^\W\d_][\w'\u2019]*[ \t,/-]+){1,10})\(\s*$")
_PAREN_AFTER = recache.compile(r"\s*\(([^()\n]{3,150})\)")
_MODEL_BEFORE = recache.compile(r"\b\d+[ \t]$")


@dataclass(frozen=True)
class Pack:
    allow: frozenset[str]
    acronyms: frozenset[str]  # upper case: allowed, listed as acronyms or with an expansion, in any language
    common_words: frozenset[str]  # lower-case words that are emphasis, not acronyms, in caps
    expansions: Mapping[str, str]
    after: re.Pattern[str] | None  # connector right after an acronym: ", or", "stands for"
    before: re.Pattern[str] | None  # connector right before it: ", or", "known as"


@functools.cache
def pack(lang: str) -> Pack:
    expansions = packs.table(CODE, lang, "expansions")
    common: set[str] = set()
    allow: set[str] = set()
    acronyms: set[str] = set()
    for other in LANGUAGES:  # country, currency and ID-card acronyms of any language may appear in any ticket
        allow |= set(packs.words(CODE, other, "allow"))
        acronyms |= {w.upper() for w in packs.words(CODE, other, "acronyms")}
        acronyms |= {str(k).upper() for k in packs.table(CODE, other, "expansions")}
    for other in LANGUAGES:  # emphasised words of any language may appear in any ticket
        common |= {w.lower() for w in packs.words(CODE, other, "not_acronyms")}
        common |= {w.lower() for w in language(other).function_words}
    after = packs.words(CODE, lang, "after")
    before = packs.words(CODE, lang, "before")
    return Pack(
        allow=frozenset(allow),
        acronyms=frozenset(acronyms | {a.upper() for a in allow}),
        common_words=frozenset(common),
        expansions={str(k): str(v) for k, v in expansions.items()},
        after=recache.compile("(?:" + "|".join(f"(?:{p})" for p in after) + ")", re.IGNORECASE) if after else None,
        before=recache.compile("(?:" + "|".join(f"(?:{p})" for p in before) + r")\s*$", re.IGNORECASE) if before else None,
    )


def _name_forms(author: str | None) -> set[str]:
    """Lower-cased forms of an author's name that may be written as a capitalised token: the whole
    handle, also without trailing digits or underscores ("ike_"). Not the words of a team handle:
    "crm-support" writing "CRM" still uses an acronym."""
    if not author:
        return set()
    a = author.strip().lower()
    return {f for f in (a, a.rstrip("_-`|^"), a.rstrip("_-`|^0123456789")) if len(f) >= 2}


class _Index:
    """Where the letters, capitals, sentence ends and candidate acronyms of one text are, built once.

    Linearity: `_shouted` used to slice and count the whole sentence after each token, and
    `_expanded_in_thread` to scan every message for each distinct acronym: quadratic on a long
    sentence of acronyms, or many distinct ones. Counting is now a bisection in these lists.
    """

    __slots__ = ("text", "_letters", "_upper", "_ends", "_words")

    def __init__(self, text: str) -> None:
        self.text = text
        self._letters: list[int] | None = None
        self._upper: list[int] = []
        self._ends: list[int] = []
        self._words: dict[str, list[int]] | None = None

    def _build(self) -> None:
        text = self.text
        self._letters = [m.start() for m in LETTER.finditer(text)]
        self._upper = [i for i in self._letters if text[i].isupper()]
        self._ends = [m.start() for m in SENTENCE_MARK.finditer(text)]

    def shouted(self, start: int, end: int) -> bool:
        """Same as `_shouted(self.text, start, end)`."""
        if self._letters is None:
            self._build()
        letters, upper, ends = self._letters, self._upper, self._ends
        assert letters is not None
        lo = max(0, start - 200)
        j = bisect.bisect_left(ends, start) - 1
        left = ends[j] + 1 if j >= 0 and ends[j] >= lo else lo
        k = bisect.bisect_left(ends, end)
        right = ends[k] if k < len(ends) else min(len(self.text), end + 200)
        n = bisect.bisect_left(letters, start) - bisect.bisect_left(letters, left)
        n += bisect.bisect_left(letters, right) - bisect.bisect_left(letters, end)
        if n < 2:
            return False
        up = bisect.bisect_left(upper, start) - bisect.bisect_left(upper, left)
        up += bisect.bisect_left(upper, right) - bisect.bisect_left(upper, end)
        if n < 6:
            return up == n  # a short sentence all in capitals ("SPEAK UP", "YES IT WORKS"): shouted
        return up / n >= 0.6

    def starts_of(self, acr: str) -> list[int]:
        """Offsets where `_pattern_for(acr)` can match: it needs a non-word character before and
        after `acr` or `acr + "s"`, so only at the start of a word that is exactly one of them."""
        if self._words is None:
            self._words = {}
            for m in CAPS_WORD.finditer(self.text):
                self._words.setdefault(m.group(0), []).append(m.start())
        return sorted(self._words.get(acr, []) + self._words.get(acr + "s", []))


def _shouted(text: str, start: int, end: int) -> bool:
    """Whether the sentence around text[start:end] is written in capitals (reference of `_Index.shouted`)."""
    left = max((m.end() for m in SENTENCE_MARK.finditer(text, max(0, start - 200), start)), default=max(0, start - 200))
    m = SENTENCE_MARK.search(text, end)
    right = m.start() if m else min(len(text), end + 200)
    sentence = text[left:start] + text[end:right]  # without the token itself
    letters: list[str] = LETTER.findall(sentence)
    if len(letters) < 2:
        return False
    if len(letters) < 6:
        return all(c.isupper() for c in letters)
    return sum(c.isupper() for c in letters) / len(letters) >= 0.6


def _caps_run(text: str, start: int, end: int) -> bool:
    """Part of three or more consecutive all-caps words (a name, a heading)."""
    before = re.findall(r"[^\W\d_]+", text[max(0, start - 40) : start])[-2:]
    after = re.findall(r"[^\W\d_]+", text[end : end + 40])[:2]
    run = 1
    for w in reversed(before):
        if not (w.isupper() and len(w) > 1):
            break
        run += 1
    for w in after:
        if not (w.isupper() and len(w) > 1):
            break
        run += 1
    return run >= 3


def _quoted_alone(text: str, start: int, end: int) -> bool:
    if start == 0 or end >= len(text):
        return False
    close = _QUOTES.get(text[start - 1])
    return close is not None and text[end] == close


def _in_key_combo(text: str, start: int, end: int) -> bool:
    return text[max(0, start - 2) : start].strip().endswith("+") or text[end : end + 2].strip().startswith("+")


def expanded_at(acr: str, text: str, start: int, end: int, p: Pack) -> bool:
    """Whether the acronym at text[start:end] is spelled out right there."""
    n = len([c for c in acr if c.isalpha()])
    # "VPN (Virtual Private Network)", "VPN (red privada virtual)"
    m = _PAREN_AFTER.match(text, end)
    if m and len(TERM.findall(m.group(1))) >= 2 and initials_overlap(acr, m.group(1)) >= 0.5:
        return True
    if m and _compound(acr, TERM.findall(m.group(1))[:2]):  # "DB (database)", "DB (the database)"
        return True
    # "VPN, or virtual private network", "VPN stands for ...", "VPN, adică ..."
    if p.after is not None:
        c = p.after.match(text, end)
        if c:
            words = TERM.findall(text[c.end() : c.end() + 120])[: n + 3]
            if len(words) >= 2 and initials_overlap(acr, " ".join(words)) >= 0.66:
                return True
            if _compound(acr, words[:2]):  # "the DB, i.e. the database", "DB is a database of ..."
                return True
    head = text[max(0, start - 120) : start]
    # "Virtual Private Network (VPN)", "Red Privada Virtual (VPN)": two or more words, then "(ACR)"
    m = _WORDS_BEFORE.search(head)
    if m and re.match(r"s?\s*[),;]", text[end : end + 4]):
        before = TERM.findall(m.group(1))
        if len(before) >= 2 or _compound(acr, before[-1:]):  # "... (DB)", "database (DB)"
            return True
    # "virtual private network, or VPN", "known as VPN"
    if p.before is not None:
        c = p.before.search(head)
        if c:
            words = TERM.findall(head[: c.start()])[-(n + 3) :]
            if len(words) >= 2 and initials_overlap(acr, " ".join(words)) >= 0.66:
                return True
            if _compound(acr, words[-1:]):  # "the database, or DB"
                return True
    return False


def _compound(acr: str, words: Sequence[str]) -> bool:
    """One of `words` (the few words of a gloss) spells the acronym as a compound: "database" for DB."""
    return any(compound_spells(acr, w) for w in words)


def _pattern_for(acr: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w#@$&+]){re.escape(acr)}s?(?![\w@+]|-[A-Z0-9])")


@dataclass(frozen=True, slots=True)
class Options(RuleOptions):
    allow: tuple[str, ...] = option((), "acronyms never reported; extends the built-in allow-list (OK, PDF, USB, ...)")
    skip_jargon: bool = option(
        False, "leave acronyms of TL201's jargon lexicon (DNS, VPN, MFA, ...) to TL201, so each is reported once")


class UnexplainedAcronym(BaseRule[Options]):
    meta = RuleMeta(
        code=CODE,
        name="unexplained-acronym",
        summary="An acronym (2-6 capital letters) in a reply that is never spelled out anywhere in the thread.",
        scope=frozenset({Role.AGENT}),
        severity=Severity.WARNING,
        replies_only=True,  # a chat line that is no reply to the customer is skipped (analysis/address.py)
        groups=("clarity",),
        aliases=("acronym",),
        rationale=(
            "Support staff use acronyms all day and assume, without noticing, that customers know them too; to a "
            "customer who already feels helpless an unexplained acronym is one more wall. Spelling an acronym out "
            "once, the first time it appears in the thread, costs a few words. Acronyms everybody knows (OK, PDF, "
            "USB, ...) are allowed, acronyms the customer used first are not flagged."
        ),
        seed="seed 003 (es), habit 9: technicians assume customers understand the same references, acronyms and jargon",
        suggestion="Spell it out the first time it is used, e.g. 'Multi-Factor Authentication (MFA)'.",
        options=Options,
        pack=SCHEMA.saying(acronym=("acronym",), spell_out_as=("acronym", "expansion"), explain_as=("acronym", "explanation"), spell_out=("acronym",)),
    )

    def check(self, ctx: RuleContext[Options]) -> Iterator[Hit]:
        # `allow` goes through the organisation vocabulary: accepted for this rule, cased as written
        allow = tuple(str(a).strip() for a in ctx.options.allow)
        vocab = ctx.vocabulary.accepting(allow) if allow else ctx.vocabulary
        skip_jargon = ctx.options.skip_jargon
        aside = ctx.asides(self)  # a chat line that is no reply to the customer is not read (analysis/address.py)
        messages = [m for m in ctx.document.messages if m.role in (Role.CUSTOMER, Role.AGENT) and m.index not in aside]
        if not any(m.role is Role.AGENT for m in messages):
            return
        texts = {m.index: scrub(m.prose) for m in messages}
        # What the customer wrote includes what they pasted (logs, output, quoted errors): they have seen those words.
        bodies = {m.index: customer_text(m.body) for m in messages if m.role is Role.CUSTOMER}
        # Only an acronym of an agent message is reported: a thread whose replies hold no candidate (about three
        # in four chat threads) needs neither the customers' words nor the thread's capitalised names.
        if not any(ACRONYM.search(texts[m.index]) for m in messages if m.role is Role.AGENT):
            return
        index = {i: _Index(t) for i, t in texts.items()}
        # Participants' names written in capitals ("IKE: open a terminal", "Hi MAX,") are not acronyms.
        names = {n for m in ctx.document.messages for n in _name_forms(m.message.author)}
        customer_used: set[str] = set()  # lower-cased words of the customer's messages so far
        # Words the thread also writes as a name, capital then lower case ("Wine" and "WINE", "Cedega" and
        # "CEDEGA"): a name or a word written in capitals for emphasis, not an acronym to expand. (An agent's
        # "ssh" in lower case does not count: chat writes acronyms in lower case too.)
        cased = {w.lower() for m in messages for w in TERM.findall(texts[m.index]) if w[:1].isupper() and w[1:].islower()}
        expanded: dict[str, bool] = {}
        reported: set[str] = set()  # acronyms used in an agent message already: judged at their first use
        for msg in messages:
            text = texts[msg.index]
            if msg.role is Role.CUSTOMER:
                body = bodies[msg.index]
                words = [w.lower() for w in TERM.findall(body)]
                customer_used.update(words)
                customer_used.update(w.rstrip("0123456789") for w in words)  # "raid1": they know RAID
                customer_used.update(t.group(1).lower() for t in ACRONYM.finditer(body))  # "CRM-ul", "VPN-nya"
                continue
            p = pack(msg.language)
            lex = jargon(msg.language) if skip_jargon else None
            used_here: list[str] = []
            for t in ACRONYM.finditer(text):
                acr = t.group(1)
                s, e = t.span(1)
                base = acr.rstrip("0123456789")  # "XFCE4" is allowed when "XFCE" is
                if acr in reported:
                    continue
                used_here.append(acr)
                if acr.lower() in customer_used or (acr + t.group(2)).lower() in customer_used or base in p.allow:
                    continue
                if acr.lower() in cased:
                    continue
                if vocab and (vocab.accepts(acr) or vocab.accepts(base) or vocab.rejects(acr)):
                    continue  # known to the organisation's customers, or reported by TL201 as a rejected term
                if acr.lower() in names:
                    continue
                if _MODEL_BEFORE.search(text, max(0, s - 4), s):  # "Audigy 2 ZS": part of a model name
                    continue
                if acr.lower() in p.common_words or _ROMAN.fullmatch(acr):
                    continue
                if emphasis(acr, msg.language, p.acronyms):  # "a LOT", "ALMOST", "MUY", "SANGAT": a word, stressed
                    continue
                if lex is not None and lex.fullmatches(acr):
                    continue
                if _quoted_alone(text, s, t.end()) or _in_key_combo(text, s, t.end()):
                    continue
                if index[msg.index].shouted(s, e) or _caps_run(text, s, e):
                    continue
                if acr not in expanded:
                    expanded[acr] = self._expanded_in_thread(acr, messages, texts, index)
                if expanded[acr]:
                    continue
                reported.add(acr)
                yield Hit(
                    message_index=msg.index,
                    span=Span(s, e),
                    message=ctx.say(msg, "acronym", acronym=acr),
                    suggestion=_suggestion(ctx, msg, acr, p),
                )
            reported.update(used_here)

    @staticmethod
    def _expanded_in_thread(acr: str, messages: Sequence[AnalysedMessage], texts: dict[int, str], index: dict[int, _Index]) -> bool:
        pat = _pattern_for(acr)
        for msg in messages:
            text = texts[msg.index]
            starts = [i for i in index[msg.index].starts_of(acr) if pat.match(text, i)]  # = pat.finditer(text)
            if not starts:
                continue
            p = pack(msg.language)
            if any(expanded_at(acr, text, i, i + len(acr), p) for i in starts):
                return True
            if spelled_in(acr, text):  # "SICCO ... Specific, Informative, Concise, Complete, and On-Topic"
                return True
        return False


def _suggestion(ctx: RuleContext[Options], msg: AnalysedMessage, acr: str, p: Pack) -> str:
    expansion = p.expansions.get(acr) or pack("en").expansions.get(acr)
    if expansion:
        return ctx.say(msg, "spell_out_as", acronym=acr, expansion=expansion)
    lex = jargon(msg.language)
    if lex.fullmatches(acr):
        key = next((k for k, _, _, _ in lex.find(acr)), None)
        if key and lex.explanations.get(key):
            return ctx.say(msg, "explain_as", acronym=acr, explanation=lex.explanations[key])
    return ctx.say(msg, "spell_out", acronym=acr)


__all__ = ["UnexplainedAcronym"]
