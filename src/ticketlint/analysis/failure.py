"""The failure statement and the evidence of a ticket (TL101, TL102, TL104).

A *failure statement* is where a customer or a note reports that something
technical fails ("the VPN doesn't connect", "no funciona", "nu mă pot
conecta"): the shared vocabulary `rules/<lang>/failure.toml` (`patterns`,
and `exceptions` that are not reports: "no error", "an error in my
invoice", hypotheticals). A broad phrase that is a failure only when the
message is about something technical ("gak bisa nonton video" but not "gak
bisa datang") is listed in `contextual`: it counts when a `technical` word of
the same language is in the message. Slang and informal spellings are pack
data (`macros` for negations, "can" and their fused forms such as
"gabisa"). TL101 and TL104 both start from the first one of
a ticket. *Evidence* is an error code, error message, stack trace or pasted
log anywhere a customer or note wrote (`evidence` in the same files): TL101
asks, and TL104 when `ignore-with-error` is set. What is *not* an error code is
stated once as well: `identifiers` ("order number 4567891", "código de reserva
XJ5K22", "nomor pesanan 123", a quoted web address); an evidence match overlapping one does not
count, and neither does one overlapping a form's category label (`labels`:
"Bug/error: the QR code does not show", where "error:" names the kind of
report, not the message). A screenshot counts only when the text says it
shows the error ("screenshot of the error attached"); "Screenshot attached"
alone leaves the ticket without error text. A customer who writes that no error message appears has reported a
failure (a pattern of the packs), and TL101 still asks: the ticket holds no
error text, and RULES.md flags exactly that. An agent reply that quotes an
error ("`SSL Error: ...`", "Code Error 2") gives the ticket its error text:
a match there counts when it is a quote naming one of the `error_words` and
not the customer's own words quoted back. A pasted log counts only for its
lines of program output: an issue form's checklist, environment fields
("- OS: ios") and code placeholders are not a log.

Matching is done on a copy of the text folded by `textutil.fold` (accents
and Romanian comma/cedilla variants to their base letter, one character for
one, case kept for the `(?-i:...)` parts of the packs) with a word repeated
after a space joined by a hyphen (`textutil.join_reduplication`: "mati mati"
is read as "mati-mati", the form `{{rep}}` of the packs knows), against pack patterns
folded the same way (`packs.phrases(..., fold=True)`): offsets found in the
folded copy are offsets in the message.

Language policy (today's behaviour): a failure is looked for in the
message's language, then the thread's; a language without a pack (outside
`model.LANGUAGES`) contributes nothing, so a message in such a language is
never reported. Evidence is searched with the patterns of every language.
The rules reach this module through `Document.failure()` and
`Document.evidence()` (cached per ticket: TL101 and TL104 share the work).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from .. import packs, recache
from ..model import LANGUAGES, Role, Span
from ..packs.files import on_reset
from ..patterns import Phrases, compile_gate, compile_patterns, spans
from ..textutil import fold, join_reduplication
from . import address as _address
from . import person
from .text import blank

if TYPE_CHECKING:
    from ..document import AnalysedMessage, Document

FAILURE = "failure"  # rules/<lang>/failure.toml

packs.declare(
    FAILURE,
    packs.PackSchema(
        keys={
            "patterns": packs.Key("patterns", "phrases that report a technical failure", required=True),
            "exceptions": packs.Key("patterns", "phrases holding a failure phrase that are not a failure report", required=True),
            "evidence": packs.Key("patterns", "error codes, error messages and traces (every language's list counts)", required=True),
            "contextual": packs.Key(
                "patterns", "broad failure phrases ('gak bisa <anything>') that report a failure only in a technical message"
            ),
            "technical": packs.Key("patterns", "words that make a message technical (for `contextual`)"),
            "not_technical": packs.Key(
                "patterns",
                "things that are not technical (a parcel, a courier, a plan, an idea): a failure phrase said of one, in a"
                " clause with no `technical` word, reports no technical failure",
            ),
            "physical_things": packs.Key(
                "patterns",
                "physical products and a building's fixtures (a washing machine, a fridge, the heating, a lift, the power supply, an"
                " offer): read like `not_technical`, in the failure phrase's clause and as the last thing named before a clause"
                " that names nothing",
            ),
            "identifiers": packs.Key(
                "patterns", "order, booking, flight and account numbers: a number here is not an error code (every language's list counts)"
            ),
            "labels": packs.Key(
                "patterns", "an issue form's category labels ('Bug/error:'): not the error's text (every language's list counts)"
            ),
            "foreign_evidence": packs.Key(
                "patterns",
                "the language's program text ('we couldn't find an account', 'please wait'): an error message when it stands in a"
                " thread of another language, where the customer quotes it rather than writes it",
            ),
            "addressee_requests": packs.Key(
                "patterns",
                "a request to the addressee that names the writer only as who is to be told ('tell me', 'let me know'): its"
                " first-person word does not make the message speak of the writer's own system",
            ),
            "error_words": packs.Key(
                "patterns", "words that make an agent's quoted text an error ('error', 'failed'): such a quote is evidence (every language's list counts)"
            ),
            "contrasts": packs.Key(
                "patterns",
                "a contrast of what the program does with something else ('instead of', 'en vez de', 'în loc de'): a failure phrase"
                " holding one is a preference or praise when its sentence approves of the result (`approvals`)",
            ),
            "approvals": packs.Key(
                "patterns",
                "words that approve of what a program does ('works great', 'exactly what we asked for', 'much better'): said in the"
                " sentence of a contrast (`contrasts`), the contrast is what the writer wanted, not a failure",
            ),
            "not_report_fields": packs.Key(
                "patterns",
                "an issue form's section headings whose field is not a report of what fails (a request type, a suggestion, its"
                " benefit, a priority, the expected behaviour): a failure phrase in such a section names a category or a wish",
            ),
            "pointers": packs.Key(
                "patterns",
                "words that point back at an error just written out ('this error', 'este error', 'error ini', 'eroarea asta'): the"
                " sentence before one, in no one's voice and telling no failure, is the program's text copied without quotes",
            ),
            "status_results": packs.Key(
                "patterns",
                "an HTTP status given as the result of a check or explained ('the result is 403', 'hasilnya 403', '521 = Server"
                " Down'): evidence in any message, a staff reply's included (every language's list counts)",
            ),
            "program_words": packs.Key(
                "patterns",
                "words a program's message of trouble holds ('not', 'missing', 'unable', 'tidak', 'nu'): a sentence"
                " pointed at by `pointers` is the program's text only with one ('it was working fine' is the writer's)",
            ),
            "effects": packs.Key(
                "patterns",
                "a failure told by its effect, with no failure verb ('the page is frozen', 'the screen is black', 'notifications"
                " don't seem to come through', 'the check-in did not happen'): read with `patterns`, as one of them",
            ),
            "request_titles": packs.Key(
                "patterns",
                "a ticket's title that names it a request for a change ('[Sugerencia]', 'Feature request:', 'rugăminte/sugestie"
                " îmbunătățire'): the failure phrases of the message it opens describe what is wanted",
            ),
            "user_stories": packs.Key(
                "patterns",
                "the opening of a user story ('Como usuario, quiero ...', 'As a user, I want ...'): a ticket that opens so asks"
                " for what it says does not happen yet",
            ),
        },
        examples=False,
        macros=True,
    ),
)


@functools.lru_cache(maxsize=256)
def user_phrases(patterns: tuple[str, ...]) -> Phrases | None:
    """A rule option's regular expressions, folded like the packs and compiled once (None when empty)."""
    return compile_patterns([fold(p) for p in patterns])


def message_languages(msg: AnalysedMessage, document: Document) -> tuple[str, ...]:
    """The message's language first, then the thread's (short messages are often misdetected).

    Only languages with packs: a message in another language has none.
    """
    own, thread = msg.language, document.language
    if own == thread:  # most messages: one lookup, no tuple built from a generator
        return (own,) if own in LANGUAGES else ()
    return tuple(x for x in (own, thread) if x in LANGUAGES)


@functools.cache
def _pack(key: str, lang: str) -> Phrases | None:
    """`key` of the language's failure.toml, folded (a positional cache: asked for every message)."""
    return packs.phrases(FAILURE, key, lang, fold=True)


on_reset(_pack.cache_clear)


@functools.cache
def _failure_packs(lang: str) -> tuple[Phrases | None, Phrases | None]:
    """The language's `patterns` (with its `effects`: `failure_phrases`) and `contextual`, looked up once (asked for every
    message)."""
    return failure_phrases(lang), _pack("contextual", lang)


@functools.cache
def failure_phrases(lang: str) -> Phrases | None:
    """The language's `patterns` and `effects` as one alternation: a failure told by its effect ("the page is frozen", "the
    screen is black", "the check-in did not happen") is a failure phrase like the others, read under the same `exceptions`,
    clause and addressee readings, and one scan of the message finds the first of either (issue 13: outages described by
    their effect; t101gh21, fresh GitHub openers). A list of its own so that the effects are stated, and read, once."""
    effects = packs.patterns(FAILURE, "effects", lang, fold=True)
    if not effects:
        return _pack("patterns", lang)
    return compile_patterns(packs.patterns(FAILURE, "patterns", lang, fold=True) + effects)


on_reset(failure_phrases.cache_clear)


on_reset(_failure_packs.cache_clear)


def quote_phrase(msg: AnalysedMessage, span: Span) -> str:
    """The text of `span` on one line, at most 60 characters, for a finding's message."""
    phrase = " ".join(msg.body[span.start : span.end].split())
    return phrase if len(phrase) <= 60 else phrase[:57] + "..."


class _Scans:
    """What a failure phrase matched in folded `text` must not be, for both readers of it (`find_failure` and
    `contextual_failure`, which asks for the `contextual` phrases without the technical gate): inside one of the language's
    `exceptions`, a form's heading or a field that reports nothing, said of a non-technical thing, an approved contrast.
    The exception spans (per language) and the headings are scanned once, at the first match (most text holds none)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._excluded: dict[str, tuple[list[tuple[int, int]], list[int]]] = {}
        self._headings: tuple[list[tuple[int, int]], list[int]] | None = None

    def counts(self, start: int, end: int, lang: str, *, pack_phrase: bool = True) -> bool:
        """Whether the phrase at `start`-`end` reads as a failure; `pack_phrase` False: the user's own phrase (`extra`),
        which is not read for what it is said of nor as a contrast."""
        text = self.text
        if lang not in self._excluded:
            excluded_spans = spans(_pack("exceptions", lang), text)
            self._excluded[lang] = excluded_spans, [s for s, _ in excluded_spans]
        excluded, excluded_starts = self._excluded[lang]
        # The exception spans (one finditer: sorted, not overlapping) are bisected: the last one
        # starting at or before the match is the only one that can hold it. Testing every span for
        # every match was quadratic ("if you get an error" repeated: 1.6 s at 80 KB).
        i = bisect.bisect_right(excluded_starts, start)
        if i and end <= excluded[i - 1][1]:
            return False
        if self._headings is None:
            found = spans(_HEADING, text)
            self._headings = found, [h for h, _ in found]
        headings, heading_starts = self._headings
        j = bisect.bisect_right(heading_starts, start)
        if j and end <= headings[j - 1][1] and text[headings[j - 1][0] : headings[j - 1][1]].lstrip(" \t")[:1] == "#":
            return False  # an issue form's section heading ("### Descripción del error") names a field, it reports nothing
        if j and _not_report_section(text, headings, j - 1, lang):
            return False  # the field below "### Tipul cererii" or "### Describe the solution you'd like" reports nothing
        if pack_phrase and _said_of_other(text, start, end, lang):
            return False  # "el repartidor no llega", "coletul nu merge": what fails is no technical thing
        if pack_phrase and _approved_contrast(text, start, end, lang):
            return False  # "it shows totals instead of averages, which is exactly what we asked for": praise, not a failure
        return True


def find_failure(msg: AnalysedMessage, document: Document, extra: Phrases | None) -> Span | None:
    """Span of the first technical-failure statement in the message's prose, or None.

    A match lying inside one of the language's `exceptions` is not a failure
    report. `extra`: the user's own failure phrases (folded), tried after the
    pack of each language. Use `Document.failure()`, which caches this.
    """
    prose = msg.prose
    if not prose.strip():
        return None
    text = join_reduplication(fold(prose))  # "mati mati" as "mati-mati": the packs write reduplication once ({{rep}})
    text, where = squeeze_spaces(text)  # "can not  play": the packs write one space between words
    best: tuple[int, int] | None = None
    scans = _Scans(text)
    for lang in message_languages(msg, document):
        in_context: bool | None = None  # whether a contextual phrase counts here: asked once, at its first match
        patterns, contextual = _failure_packs(lang)
        for key, pattern in (("patterns", patterns), ("extra", extra), ("contextual", contextual)):
            if pattern is None:
                continue
            for m in pattern.finditer(text):
                if best is not None and m.start() >= best[0]:
                    break
                if m.end() == m.start():
                    continue
                # A contextual phrase counts in a technical message only. Asked at its first match, not
                # before the scan: most messages hold no contextual phrase, and the technical words (and
                # the writer's earlier messages) cost more to scan than the phrases. Asked once per language:
                # every contextual match an exception skips ("dacă nu merge" repeated) asked it again, a scan of
                # the whole message each time (quadratic: 35 s at 80 KB).
                if key == "contextual":
                    if in_context is None:
                        in_context = is_technical(text, lang) or _earlier_technical(msg, document, lang)
                    if not in_context:
                        break
                if not scans.counts(m.start(), m.end(), lang, pack_phrase=key != "extra"):
                    continue
                best = (m.start(), m.end())
                break
    if best is None:
        return None
    # Asked only once a failure phrase is found (most messages hold none): the opening message of a ticket titled as a
    # request describes what is wanted.
    if titled_as_request(msg, document) or _addressed_to_other(text, msg, document, best[1]):
        return None
    if where is not None:  # back to offsets in the message
        return Span(where[best[0]], where[best[1] - 1] + 1)
    return Span(*best)


_STORY_REACH = 200  # how much of a message's start a user story's opening is looked for in


def titled_as_request(msg: AnalysedMessage, document: Document) -> bool:
    """Whether `msg` opens a ticket whose title names it a request for a change (`request_titles` of its languages), or
    opens with a user story (`user_stories`).

    A feature request or a user story says what does not happen yet in order to ask for it: "[Sugerencia] Sobre ramos que
    \"no cumplen requisitos\" ... yo no puedo tener mi malla ahora", "Como usuario, debo ser notificado de la razón por la cual
    no pude iniciar mi sesión", "Sectiunea de Extrase – rugam imbunatatire rapoarte ... In extrase NU apar salariile" (issue
    13, t101ro21: fresh es/ro GitHub openers and ro-complaints/ro-github, no positive of any label set under such a title).
    The title is the ticket's subject, or else the first line of its first message when more lines follow it; a message of
    one line (a review, a chat line) has no title: "Saran aja ..." closing a Play review and "Any suggestions?" closing an IRC
    question are no label. Only that first message is read so, a later message of the thread that reports a failure still
    does. A question's label ("Întrebare", "Pregunta", "Question:") is no request: "Question: why does the game load
    forever" reports, and so does a title that only starts with a verb of adding ("Agregar dos Cups ... me da error").
    """
    if msg.index != 0 or msg.plain:
        return False
    opening = fold(msg.body.lstrip()[:_STORY_REACH])
    for lang in message_languages(msg, document):
        stories = _pack("user_stories", lang)
        if stories is not None and stories.match(opening) is not None:
            return True
    title = document.ticket.subject
    if not title:
        first, sep, rest = msg.body.strip().partition("\n")
        if not sep or not rest.strip():
            return False
        title = first
    if not title.strip():
        return False
    folded = fold(title)
    for lang in message_languages(msg, document):
        titles = _pack("request_titles", lang)
        if titles is not None and titles.search(folded) is not None:
            return True
    return False


_SPACES = recache.compile(r"(?<= ) +")
# A chat line that opens by naming its addressee ("nick: ...", "nick, ...") and the words that name nobody: shared with the
# reply rules (analysis/address.py). Not "@nick ...": on a tracker a customer writes "@maintainer your app crashes", a report
# about the addressee's product.
_ADDRESS, _NOT_NICK, _participant = _address.ADDRESS, _address.NOT_NICK, _address.participant


def _addressed_to_other(text: str, msg: AnalysedMessage, document: Document, end: int) -> bool:
    """Whether folded `text` is addressed to someone ("nick: ...", "nick, ...") and speaks of their system, not the writer's.

    In a chat a helper is often the thread's "customer" of another conversation, and a customer answers a helper: "dbernar1,
    you can't start gnome-volume-manager in a bash terminal", "hitman1985, your ntfs is broken", "reka, you won't find it in
    hoary" are advice and diagnoses, not reports (issue 13, l2tl101: the judged IRC findings' largest class, "advice or a
    question to another user"). Such a message names its addressee first, holds a second-person word of its language
    and no first-person one (analysis/person.py, `rules/<lang>/person.toml`): "Seveas: it still doesn't work on my laptop"
    is a report.
    A question put to another participant of the conversation about what fails is asked of their system as well, even
    without "you": "aceb747: and \"apt-get install w32codecs\" doesn't work?", "Kimish, the computer with the error doesn't have
    internet?", "slong002: Lost IP address? Unable to resolve domain name?" (issue 13, ntq: 4 judged IRC false positives, no
    true positive in any label set). The addressee must be a participant: the author of another message of the thread, or
    a name written as only a chat nick is (a digit or a chat nick's punctuation in it: "aceb747", "slong002", "tux_"), since
    a chat excerpt may hold the one line; a brand named in a complaint ("Telkomsel, kok sinyal hilang?", "Comcast, the
    internet doesn't work again?") is neither. The sentence of the failure phrase, which ends at `end` in `text`, must end
    with a question mark.
    """
    m = _ADDRESS.match(text)
    if m is None:
        return False
    nick = m.group(1).lower()
    if nick in _NOT_NICK:
        return False
    langs = message_languages(msg, document)
    if not langs:
        return False
    rest = text[m.end() :]
    without = rest
    for lang in langs:
        without = _without_requests(without, lang)
    if person.of_writer(without, langs):
        return False
    if person.to_reader(rest, langs):
        return True
    return _QUESTION_END.match(text, end) is not None and _participant(nick, msg, document)


def _without_requests(text: str, lang: str) -> str:
    """Folded `text` with the language's requests to the addressee (`addressee_requests`) blanked, offsets kept.

    "shock: Please try to put a file in your trashcan, and tell me if the file disappears" is an instruction to another user:
    its "me" is who is to be told, not whose system fails, while "Seveas: it still doesn't work on my laptop" speaks of the
    writer's (issue 13, t101a: the judged IRC findings' advice to another user). Only the first-person test reads the blanked
    copy; a message with any other word of the writer ("my laptop ..., let me know") stays a report.
    """
    requests = _pack("addressee_requests", lang)
    if requests is None:
        return text
    return blank(text, spans(requests, text))


# the rest of a sentence up to its end, when that end is a question mark (one sentence, one line, bounded)
_QUESTION_END = recache.compile(r"[^.!?\n]{0,160}\?")


# A Markdown section heading of level 2 or more on its own line: issue forms name their fields with them
# ("### Descripcion del error", "### Paso a paso para reproducir el error", "## Expected behavior"). The title
# of a ticket is its first line without "#", so a heading never holds the report itself (issue 13, es-complaints).
# Older issue templates name their fields with a line that is bold and nothing else ("**Is your feature request related to a
# problem? Please describe.**", "**Describe the solution you'd like**"; issue 13, l2tl101): such a line bounds a section too, so a
# field named in `not_report_fields` is read as one; a failure phrase inside a bold line still counts (a customer may bold the report).
_HEADING = recache.compile(r"(?m)^[ \t]{0,3}(?:#{2,6}[ \t][^\n]*|\*\*[^*\n]{3,160}\*\*[ \t]*:?[ \t]*$)")


def _not_report_section(text: str, headings: list[tuple[int, int]], i: int, lang: str) -> bool:
    """Whether the section under heading `i` of folded `text` is a field that reports nothing (`not_report_fields`).

    Issue forms ask for a request type, a suggestion and its benefit, a priority or the expected behaviour under
    headings of their own: "### Tipul cererii / Eroare de validare a licenței" names a category, "### Care este
    beneficiul acestei îmbunătățiri? / alți utilizatori pot considera integrarea ca nefuncțională" and "### Describe the
    solution you'd like / the export should not fail" say what is wanted. A failure phrase there is no report; the
    description field of the same form still is (issue 13, esro5: the licence and feedback forms of ro-github4).
    """
    fields = _pack("not_report_fields", lang)
    if fields is None:
        return False
    start, end = headings[i]
    return fields.search(text, start, end) is not None


def squeeze_spaces(text: str) -> tuple[str, list[int] | None]:
    """`text` with runs of spaces written as one, and the offset in `text` of each character kept (None: unchanged).

    Chat and hand-typed mail often put two spaces between words ("my totem can not  play RMVB"); the
    packs write one. One scan: linear in the text.
    """
    if "  " not in text:
        return text, None
    kept: list[int] = []
    parts: list[str] = []
    pos = 0
    for m in _SPACES.finditer(text):
        parts.append(text[pos : m.start()])
        kept.extend(range(pos, m.start()))
        pos = m.end()
    parts.append(text[pos:])
    kept.extend(range(pos, len(text)))
    return "".join(parts), kept


# What ends a clause around a failure phrase, and how far either way it is read: the thing that fails is said next to its
# predicate ("el paquete no llega", "no funciona el repartidor", "nu merge coletul"), not two sentences away.
_CLAUSE_END = recache.compile(r"[.!?;:,()\n]")
_CLAUSE_REACH = 60


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause of folded `text` around a failure phrase at `start`-`end`: at most `_CLAUSE_REACH` characters either
    way, cut at the nearest punctuation."""
    return _around(text, start, end, _CLAUSE_END, _CLAUSE_REACH)


def _around(text: str, start: int, end: int, cuts: re.Pattern[str], reach: int) -> tuple[int, int]:
    """The span of `text` around `start`-`end` up to the nearest match of `cuts` either way, at most `reach` characters
    either way (bounded: linear in the text whatever the number of phrases). `_clause` and `_sentence`."""
    lo = max(0, start - reach)
    for cut in cuts.finditer(text, lo, start):
        lo = cut.end()
    hi = min(len(text), end + reach)
    after = cuts.search(text, end, hi)
    return lo, (after.start() if after is not None else hi)


def _said_of_other(text: str, start: int, end: int, lang: str) -> bool:
    """Whether the failure phrase at `start`-`end` of folded `text` is said of something that is not technical.

    What makes a failure technical is the thing that fails: software, a device, a site, a connection. "No funciona",
    "nu merge", "no va", "doesn't work", "tidak bisa" are said of anything at all: a parcel, a courier, a plan, an idea
    ("la entrega a domicilio no funciona", "el plan no funciona", "livrarea nu funcționează", "my plan didn't work"). Such a thing
    is named in the phrase's clause (`_clause`), before it or after it (Spanish and Romanian put the subject after the
    verb). When the clause names one of the language's `not_technical` or `physical_things` and none of its `technical`
    words, the phrase reports no technical failure, whatever else the message is about (issue 13, t101b: "nu merge" about
    anything at all). A clause that names both ("no puedo rastrear mi paquete en la web") stays a report. A clause that
    names nothing ("it just stopped", "dejó de funcionar") is said of the last thing named before it (`_antecedent_other`),
    when that is a physical thing: an order, a plan or a parcel named before is what the writer did or got, not what fails
    ("I placed my order yesterday. Since then it keeps crashing." is the app's failure; review20).
    Persons are not in the lists: "mi esposo no puede conectarse" is how a technical failure is told; only who brings the
    parcel is.
    """
    other, physical = _pack("not_technical", lang), _pack("physical_things", lang)
    if other is None and physical is None:
        return False
    lo, hi = _clause(text, start, end)
    technical = _pack("technical", lang)
    if technical is not None and technical.search(text, lo, hi) is not None:
        return False
    if any(p is not None and p.search(text, lo, hi) is not None for p in (other, physical)):
        return True
    return _antecedent_other(text, lo, physical, technical)


# How far back a clause that names nothing looks for what it is said of, never past a blank line (a new paragraph)
_ANTECEDENT_REACH = 160
_PARAGRAPH = recache.compile(r"\n[ \t]*\n")


def _antecedent_other(text: str, lo: int, physical: Phrases | None, technical: Phrases | None) -> bool:
    """Whether the last thing named in the `_ANTECEDENT_REACH` characters before a clause starting at `lo` is a physical
    one (`physical_things`) rather than a `technical` word.

    A failure is often told with no subject: "My washing machine broke down today. It just stopped.", "compré un refrigerador
    y nueve días después, dejó de funcionar", "am luat un aspirator nou ... a cedat din nou". What stopped is the last thing
    named before the clause (issue 13, t101ctx: product reviews and complaints about appliances, a hotel's heating, a lift);
    "The app crashed after the update. It just stopped." is still the app's failure, and so is "I bought a new fridge. Now my
    laptop won't boot", whose clause names the laptop. `not_technical` is not read back: "my order", "our plan", "the terms"
    named before "Since then it keeps crashing" / "Ahora no carga" are what the writer did or got, and the failure is the
    program's (review20: the four languages' reports that read it back lost TL101). Bounded: linear in the text whatever the
    number of phrases.
    """
    if physical is None:
        return False
    start = max(0, lo - _ANTECEDENT_REACH)
    for cut in _PARAGRAPH.finditer(text, start, lo):
        start = cut.end()
    last_other = _last_end(physical, text, start, lo)
    if last_other < 0:
        return False
    return last_other > _last_end(technical, text, start, lo)


def _last_end(pattern: Phrases | None, text: str, lo: int, hi: int) -> int:
    """The end of the last match of `pattern` in `text[lo:hi]`, or -1."""
    last = -1
    if pattern is not None:
        for m in pattern.finditer(text, lo, hi):
            last = m.end()
    return last


# The sentence around a phrase, cut at its end punctuation or a line break, at most `_SENTENCE_REACH` characters either way
_SENTENCE_END = recache.compile(r"[.!?\n]")
_SENTENCE_REACH = 160


def _approved_contrast(text: str, start: int, end: int, lang: str) -> bool:
    """Whether the failure phrase at `start`-`end` of folded `text` is a contrast its sentence approves of.

    "It opens the browser instead of the app" reports wrong behaviour (issue 16, wrong16); "the report shows totals instead of
    averages, which is exactly what we asked for", "la app abre el navegador en vez de la aplicación, funciona perfecto" tell
    what the writer wanted or prefers: praise, not a failure (left open by review16). When the phrase holds one of the
    language's `contrasts` and its sentence (`_sentence`) holds one of its `approvals`, it reports no failure. Only a contrast
    is read so: an approval word beside any other failure phrase is often irony ("great, now it crashes").
    """
    contrasts = _pack("contrasts", lang)
    if contrasts is None or contrasts.search(text, start, end) is None:
        return False
    approvals = _pack("approvals", lang)
    if approvals is None:
        return False
    lo, hi = _sentence(text, start, end)
    return approvals.search(text, lo, hi) is not None


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of folded `text` around `start`-`end`: cut at end punctuation or a line break, at most
    `_SENTENCE_REACH` characters either way."""
    return _around(text, start, end, _SENTENCE_END, _SENTENCE_REACH)


def is_technical(text: str, lang: str) -> bool:
    """Whether folded `text` holds one of the language's `technical` words (an app, an account, a video...)."""
    pattern = _pack("technical", lang)
    return pattern is not None and pattern.search(text) is not None


def _earlier_technical(msg: AnalysedMessage, document: Document, lang: str) -> bool:
    """Whether an earlier message of the same writer is technical: in chat a report spreads over several lines
    ("i tried to install kde plasma on ubuntu 14.04" ... "any ideas what went wrong?")."""
    first = document.first_technical(lang).get((msg.role, msg.message.author))
    return first is not None and first < msg.index


def first_technical_by_writer(document: Document, lang: str) -> dict[tuple[Role, str | None], int]:
    """Per writer (role, author), the index of their first message holding a `technical` word of `lang`."""
    firsts: dict[tuple[Role, str | None], int] = {}
    for m in document.messages:
        key = (m.role, m.message.author)
        if key not in firsts and is_technical(fold(m.prose), lang):
            firsts[key] = m.index
    return firsts


def first_failure(
    messages: Iterable[AnalysedMessage], document: Document, extra: Phrases | None = None
) -> tuple[AnalysedMessage, Span] | None:
    """The first of `messages` that reports a failure, and where."""
    for msg in messages:
        span = document.failure(msg, extra)
        if span is not None:
            return msg, span
    return None


def thread_texts(document: Document) -> Iterator[str]:
    """Folded subject and whole bodies of customers and notes (quotes, logs and signatures included).

    Public agent replies are left out: what an agent quotes there is what the
    customer should see next ('wait until it says "Up to date"'), not the
    customer's error. An agent who finds the error records it in a note,
    which counts; a customer's error quoted back in a reply is in the
    customer's own message as well.
    """
    subject = document.ticket.subject
    if subject:
        yield fold(subject)
    for msg in document.messages:
        if msg.role is not Role.AGENT:
            yield fold(msg.body)


@functools.cache
def _evidence_split() -> tuple[Phrases, ...]:
    """The `evidence` lists of every language again, as a yes/no gate (`patterns.compile_gate`).

    A gate, not the test: a text none of the gate's patterns matches holds no match of the merged list
    either (the same phrases, each in one of them), and that is most text. The merged list keeps its
    cased phrases' IGNORECASE for all of its ~220 phrases (~50 µs a chat line); the gate reads the
    caseless ones lowered and routed, each phrase once, and the few a first character does not route
    (log timestamps, paths, quotes) apart. Where the gate finds something, the merged list's first match
    decides as before (which match comes first matters for identifiers, labels and quotes).
    """
    return compile_gate(packs.patterns(FAILURE, "evidence", None, fold=True))


on_reset(_evidence_split.cache_clear)


def may_hold_evidence(text: str) -> bool:
    """False when folded `text` cannot hold an `evidence` match (see `_evidence_split`)."""
    return any(p.search(text) is not None for p in _evidence_split())


_MIN_LOG_CHARS = 12
_MAX_RESTARTS = 64  # evidence searches resumed after a match that overlaps an identifier or a label


def has_evidence(document: Document, extra: Phrases | None, logs_count: bool) -> bool:
    """Whether the subject or a customer message or note (masked regions included) holds an error.

    `extra`: the user's own evidence patterns; `logs_count`: a pasted log of
    at least a few characters counts. A pack match that overlaps an
    identifier (`identifiers`: "order number 12345", "código de reserva
    XJ5K22") is not evidence: the number names a thing, not an error. Use
    `Document.evidence()`, which caches this.
    """
    pattern: Phrases | None = None  # the merged list, asked for when a text first passes the gate
    texts: list[str] = []  # folded once, read again by `_foreign_program_text`
    for text in thread_texts(document):
        texts.append(text)
        if may_hold_evidence(text):
            if pattern is None:
                pattern = _merged_evidence()
            if pattern is not None and _evidence_in(pattern, text):
                return True
        if extra is not None and extra.search(text):
            return True
    if _agent_quotes_error(document):
        return True
    if _pointed_error(document):
        return True
    if status_result(document):
        return True
    if _foreign_program_text(document, texts):
        return True
    if logs_count:
        for msg in document.messages:
            if msg.role is Role.AGENT:
                continue
            for span in msg.masked.logs:
                if _is_log(msg.body[span.start : span.end]):
                    return True
    return False


_POINTED_SENTENCE = recache.compile(r"[.!?\n]")
_POINTED_REACH = 200  # how far back the pointed-at sentence and its start are looked for (bounded: linear in the text)
_POINTED_WORDS = 3


def _pointed_error(document: Document) -> bool:
    """Whether a customer message or note points back at an error it has just written out without quote marks.

    Chat and short reports paste the program's message as a sentence of their own and then refer to it: "loop disk labels
    do not support partition names.    How do I resolve this error", "digital signature certificate missing please plugin
    the token & click on the process to proceed with signing. getting this error while accessing digital signature" (issue
    13, t1en19: fresh IRC, dev en-github2). The pointer (`pointers`: "this error", "este error", "error ini", "eroarea
    asta") says the sentence before it is the error. That sentence is the program's text only when it is in no one's voice
    and tells no failure in the writer's words: it holds no word of the writer or the addressee (analysis/person.py)
    and no failure phrase of the language (`patterns`), it is no question, it has a few words, and it holds
    a word a program's message of trouble holds (`program_words`: "not", "missing", "unable"), and it is not the title
    of a message of several lines (the writer's summary: "No abre el juego al parchearlo\n... sale este error"). "My app crashes.
    How do I fix this error?", "Aplikasi tidak bisa dibuka. Error ini kenapa?" describe the failure and "it was working
    fine. but now ... i got that error" tells the past: no text.
    """
    for msg in document.messages:
        if msg.role is Role.AGENT:
            continue
        text: str | None = None
        for lang in message_languages(msg, document):
            pointers = _pack("pointers", lang)
            if pointers is None:
                continue
            if text is None:
                text = fold(msg.body)
            for m in itertools.islice(pointers.finditer(text), _MAX_RESTARTS):
                if _points_at_program_text(text, m.start(), lang):
                    return True
    return False


def _points_at_program_text(text: str, at: int, lang: str) -> bool:
    """Whether the sentence of folded `text` before the one holding a pointer at `at` reads as a program's message (see
    `_pointed_error`)."""
    lo = max(0, at - _POINTED_REACH)
    own = lo
    for cut in _POINTED_SENTENCE.finditer(text, lo, at):
        own = cut.start()  # the end mark of the sentence before the pointer's
    if own <= lo or text[own] == "?":
        return False
    start = max(0, own - _POINTED_REACH)
    for cut in _POINTED_SENTENCE.finditer(text, start, own):
        start = cut.end()
    if start == 0 and text[own] == "\n":
        return False  # the first line of a message with more lines is its title: the writer's summary, not the program's text
    sentence = text[start:own]
    if len(sentence.split()) < _POINTED_WORDS:
        return False
    patterns, _contextual = _failure_packs(lang)
    if person.of_writer(sentence, (lang,)) or person.to_reader(sentence, (lang,)):
        return False
    if patterns is not None and patterns.search(sentence) is not None:
        return False
    words = _pack("program_words", lang)
    return words is not None and words.search(sentence) is not None


def _foreign_program_text(document: Document, texts: Sequence[str]) -> bool:
    """Whether a customer message or note, or the subject, of a thread in one language holds program text of another.

    A Spanish, Indonesian or Romanian customer who writes "Sorry, we couldn't find an account with the provided credentials"
    or "Repository ... does not have any directory and won't be able to update" has copied the program's message: they
    would not describe their trouble in English (issue 13, l2tl101: first and second labellers alike count such text as the
    error given). Each language states its program text as `foreign_evidence`; it counts only in a thread of another language.
    `texts`: the thread's `thread_texts`, folded by the caller.
    """
    for lang in LANGUAGES:
        if lang == document.language:
            continue
        pattern = _pack("foreign_evidence", lang)
        if pattern is None:
            continue
        if any(pattern.search(t) is not None for t in texts):
            return True
    return False


# A line the masking layer keeps apart from prose that is not output of a program: an issue form's checklist
# ("[x] I have searched the issues"), a fence, an environment field ("- OS: ios", "Device: Pixel 7"), a code
# comment left by a template ("// Paste your code here") or the template's own placeholder left in its log block
# ("Insert your webserver log here", "Pega aquí el log", "Tempel log di sini", "Lipiți aici jurnalul"; issue 13,
# en-github3), or an issue title in the "[version][module] title" form of some projects ("[17.0] l10n_es_sii_oca | No envía
# algunas facturas", "[10.0][ncf_manager] Error al imprimir factura": a version tag and the reporter's words, no colon; issue
# 13, evid16). A pasted log is what a program printed.
_NOT_LOG = recache.compile(
    r"\s*(?:[-*+]\s*)?(?:\[\s*[xX✓ ]?\s*\]"
    r"|`{3}|~{3}"
    r"|[<\[(]?(?:insert|paste|put|add|copy|attach|drop|place|include|enter|write|provide|pega|pegue|pegar|inserta|inserte|insertar"
    r"|introduce|introduzca|agrega|agregue|coloca|coloque|tempel|tempelkan|masukkan|salin|taruh|lipi\w*|insera\w*|introdu\w*"
    r"|adaug\w*)\b[^\n]{0,60}?\b(?:here|aqu[ií]|di ?sini|disini|aici)\b[^\n]{0,60}$"
    r"|(?://|#|<!--|/\*)"
    r"|\[v?\d{1,2}\.\d{1,2}\](?:\[[\w.-]{1,40}\])?\s{0,3}(?:[\w.-]{1,40}\s{0,3}\|\s{0,3})?[^\n:\[\]]{1,120}$"
    r"|(?!(?:error|err|fatal|exception|warning|warn|failed|failure|caused by|info|debug|trace)\b)[A-Za-z][\w ()./-]{0,30}\s*:\s*\S[^:\n]{0,40}$)",
    re.IGNORECASE,
)


# A line of prose the masking layer keeps apart because it is indented is not program output either ("estimados:\n
#                     No ha llegado correo de confirmacion para activar la cuenta"). Prose: six words or more, almost
# all made of letters, none of a log's punctuation (":", "=", "/", brackets) and no error word (an error message
# printed by a program is output, and evidence). A colon that ends the sentence announces what follows ("vizualizez
# următoarele:"), it is no field of a log (issue 13, evid16).
_LOG_PUNCT = recache.compile(r"[:=/\\{}\[\]<>()|#$%]")
_ERROR_WORD = recache.compile(
    r"\b(?:err\w*|eroa?r\w*|fail\w*|fall[oaóé]\w*|gagal|fatal|exception\w*|excepci\w+|denied|denegad\w*|refused|rechazad\w*"
    r"|warn\w*|cannot|unable|could not|not found|no encontrad\w*|traceback)\b",
    re.IGNORECASE,
)


def _is_prose(line: str) -> bool:
    """Whether a line is a sentence, not program output (see `_LOG_PUNCT`, `_ERROR_WORD`)."""
    words = line.split()
    body = line.rstrip().removesuffix(":")  # a sentence that announces what follows
    if len(words) < 6 or _LOG_PUNCT.search(body) or _ERROR_WORD.search(line):
        return False
    letters = sum(1 for w in words if w.strip(".,;:!?¿¡\"'*_").isalpha())  # "**bold**" and "_emphasis_" are prose too
    return letters >= 0.8 * len(words)


def _is_log(chunk: str) -> bool:
    """Whether a masked log region holds a line of program output of a few characters (see `_NOT_LOG`, `_is_prose`)."""
    kept = sum(
        sum(1 for c in line if not c.isspace()) for line in chunk.splitlines() if not _NOT_LOG.match(line) and not _is_prose(line)
    )
    return kept >= _MIN_LOG_CHARS


# what makes an agent's match a quote and not a description ("the error message is a general one"): quote marks,
# code, a "Label: text" colon or a number ("Code Error 2")
_QUOTED = recache.compile(r"[\"“”«»„‘’`:\d]")


def _merged_evidence() -> Phrases | None:
    """The `evidence` lists of every language as one pattern, the one whose first match decides.

    Asked only for a text the gate (`may_hold_evidence`) lets through, not at every `has_evidence`: it is
    the largest pattern of the packs (~780,000 opcode words, ~25 ms to build from the regex cache), and a
    run over a few tickets that report a failure without error text (a pre-commit hook, one ticket) never
    needs it (perf10)."""
    return packs.phrases(FAILURE, "evidence", None, fold=True)


_STATUS_DIGITS = recache.compile(r"[45]\d\d")


def status_result(document: Document) -> bool:
    """Whether a message of the thread, a staff reply's included, gives an HTTP status as the result of a check (`status_results`).

    Staff who try the failing thing and write what came back ("Sabar dulu, w dah coba, hasilnya 403 alias webnya nolak", "I get a
    502 too") or explain the code of the customer's screenshot ("521 = Server Down") put the error's code in the ticket, as a
    customer who writes it does (RULES.md, TL101: "no ... status code ... anywhere"); a reply is otherwise evidence only where it
    quotes an error (`_agent_quotes_error`), since what it quotes is mostly what the customer should see next. A status asked
    about ("do you get a 403?") is not one seen: the sentence it ends in must not be a question (issue 13, t101rep21: the fresh
    Indonesian threads' staff replies).
    """
    pattern = packs.phrases(FAILURE, "status_results", None, fold=True)
    if pattern is None:
        return False
    for msg in document.messages:
        if _STATUS_DIGITS.search(msg.body) is None:  # most messages hold no 4xx/5xx number: one cheap scan
            continue
        text = fold(msg.body)
        for m in pattern.finditer(text):
            if _ASKED.match(text, m.end()) is None:
                return True
    return False


def _agent_quotes_error(document: Document) -> bool:
    """Whether a public agent reply quotes an error ("you got `SSL Error: ...`", "that is Code Error 2").

    Agent replies are left out of `thread_texts`: what an agent quotes there is mostly what the customer
    should see next ('wait until it says "Up to date"'). An evidence match there counts only when it is a
    quote (quote marks, code, a colon or a number) and its own text names an error in one of the languages'
    `error_words` (the labels of corpus/real count an agent's quoted error as the ticket's error text).
    """
    words = packs.phrases(FAILURE, "error_words", None, fold=True)
    if words is None:
        return False
    bounded = _error_words_bounded()
    customers = ""  # built once an agent's match qualifies (most threads have none)
    for msg in document.messages:
        if msg.role is not Role.AGENT:
            continue
        text = fold(msg.body)
        if bounded and words.search(text) is None:
            continue  # no error word anywhere in the reply, so none inside a quote of it (see `_error_words_bounded`)
        if not may_hold_evidence(text):
            continue
        pattern = _merged_evidence()
        if pattern is None:
            return False
        labels: tuple[list[int], list[int]] | None = None  # starts and reach, found once a match of this reply qualifies
        for m in itertools.islice(pattern.finditer(text), _MAX_RESTARTS):
            if _QUOTED.search(m.group()) is None or words.search(m.group()) is None:
                continue
            # a label is no error's text in a reply either: a quoted bare "failure" in scare quotes, a quoted address
            # (`labels`; issue 13, evid16)
            if labels is None:
                label_spans = spans(packs.phrases(FAILURE, "labels", None, fold=True), text)
                labels = ([a for a, _ in label_spans], list(itertools.accumulate((b for _, b in label_spans), max)))
            if _overlaps(labels[0], labels[1], m.start(), m.end()):
                continue
            # an error the agent asks about is not one the customer saw ("is there a 403 error?", "¿te sale el error
            # 0x80?"; issue 13, en-github3): the sentence the match ends in is a question
            if _ASKED.match(text, m.end()) is not None:
                continue
            # an agent who quotes the customer's own words back ("„a dat eroare”") adds no error text
            inner = _QUOTE_INNER.search(m.group())
            if inner is not None:
                if not customers:
                    customers = "\n".join(fold(x.body) for x in document.messages if x.role is not Role.AGENT)
                if inner.group(1).strip(" _.,;:") in customers:
                    continue
            return True
    return False


# What lets a phrase match differently inside a substring than in the whole text: a lookaround, or an anchor of the
# string or the line. `\b` is not among them: an evidence match starts and ends at a word's edge (its list is word-bounded).
_EDGE_SENSITIVE = recache.compile(r"\(\?<?[=!]|[\^$]|\\[AZ]")


@functools.cache
def _error_words_bounded() -> bool:
    """Whether a reply with no `error_words` match anywhere can be passed over by `_agent_quotes_error`.

    A quote qualifies when `error_words` matches inside its evidence match; that match starts and ends at
    a word's edge, so a phrase with no lookaround and no anchor that matches inside it matches at the same
    place in the whole reply. One search of the short word list then spares most replies the evidence
    gate (~1.2 µs a character; 0.017 s over the agent lines of the 234 IRC threads of 5,000 that report
    a failure, perf11). A list holding such a phrase keeps every reply on the gate: the answer is the same.
    """
    return not any(_EDGE_SENSITIVE.search(p) for p in packs.patterns(FAILURE, "error_words", None, fold=True))


on_reset(_error_words_bounded.cache_clear)


# the rest of a sentence up to its end, when that end is a question mark (bounded: one sentence, one line)
_ASKED = recache.compile(r"[^.!?\n]{0,120}\?")
_QUOTE_INNER = recache.compile(r"[\"“”«»„‘’`]_?([^\"“”«»„‘’`\n]{3,})")


def _evidence_in(pattern: Phrases, text: str) -> bool:
    """Whether folded `text` holds a match of `pattern` that does not overlap an identifier or a label.

    An identifier wholly inside a longer match does not take it away: the match is a message that quotes the number
    ('eroarea:\n„Data consemnării ... contractului Vol180 ... trebuie să fie ulterioară ...”', 'Error: order 4567 could not
    be processed'), not the number taken for an error code (issue 13, t101b: ro-github dev). A match that starts or ends
    inside one ("código de reserva XJ5K22", "nr. 12345") is still the number.
    """
    first = pattern.search(text)
    if first is None:
        return False
    ids = spans(packs.phrases(FAILURE, "identifiers", None, fold=True), text)
    labels = spans(packs.phrases(FAILURE, "labels", None, fold=True), text)
    if not ids and not labels:
        return True
    idents = sorted(ids + labels)
    starts = [s for s, _ in idents]
    reach = list(itertools.accumulate((e for _, e in idents), max))
    id_starts = [s for s, _ in ids]  # one finditer: sorted, not overlapping
    id_reach = list(itertools.accumulate((e for _, e in ids), max))
    label_starts = [s for s, _ in labels]
    label_reach = list(itertools.accumulate((e for _, e in labels), max))
    m: re.Match[str] | None = first
    for _ in range(_MAX_RESTARTS):
        if m is None:
            return False
        # identifier and label spans are sorted; each list is disjoint, merged they may nest: the furthest end
        # among those starting before the match's end decides (`reach`)
        i = bisect.bisect_left(starts, m.end())
        if not (i and reach[i - 1] > m.start()):
            return True
        if not _overlaps(label_starts, label_reach, m.start(), m.end()) and not _crosses(id_starts, id_reach, m.start(), m.end()):
            return True  # only identifiers wholly inside the match: a message quoting a number
        # the excluded match may have swallowed real evidence after the label ("Bug/error: Failed to load
        # resource: ... (Internal Server Error)"): search again from the end of what it overlapped
        m = pattern.search(text, max(reach[i - 1], m.start() + 1))
    return False  # a text made of labels and identifiers: the bound keeps the search linear


def _overlaps(starts: list[int], reach: list[int], start: int, end: int) -> bool:
    """Whether one of the sorted spans (`starts`, cumulative max of their ends `reach`) overlaps `start`-`end`."""
    i = bisect.bisect_left(starts, end)
    return bool(i) and reach[i - 1] > start


def _crosses(starts: list[int], reach: list[int], start: int, end: int) -> bool:
    """Whether one of the sorted spans overlaps `start`-`end` without lying strictly inside it (it covers its start or
    its end). Spans starting at or before `start` overlap only by covering it; of those starting inside, one reaching
    `end` or beyond crosses it (those before end at or before `start`, or one of them covers it)."""
    j = bisect.bisect_right(starts, start)
    if j and reach[j - 1] > start:
        return True
    i = bisect.bisect_left(starts, end)
    return i > j and reach[i - 1] >= end


def contextual_failure(msg: AnalysedMessage, document: Document, lang: str) -> Span | None:
    """The first of `lang`'s `contextual` phrases in the message's prose that reads as a failure, the technical gate aside.

    `find_failure` counts a broad phrase ("nu apare", "se borra", "ga bisa di buka") only in a message with a `technical`
    word. A reader that knows the message is a technical report on other grounds (analysis/report.py: an issue form's
    fields, what should happen told beside what happens) asks here for the phrase itself: not inside an `exceptions`
    span, not a form's heading or a field that reports nothing (`not_report_fields`), not said of a non-technical thing
    (`_said_of_other`), not an approved contrast, and not advice to another participant (`_addressed_to_other`). TL101
    never asks this (its own rule is a failure without evidence, read by `find_failure`).
    """
    contextual = _pack("contextual", lang)
    prose = msg.prose
    if contextual is None or not prose.strip():
        return None
    text, where = squeeze_spaces(join_reduplication(fold(prose)))
    scans = _Scans(text)
    for m in contextual.finditer(text):
        if m.end() == m.start() or not scans.counts(m.start(), m.end(), lang):
            continue
        if _addressed_to_other(text, msg, document, m.end()):
            return None
        if where is not None:
            return Span(where[m.start()], where[m.end() - 1] + 1)
        return Span(m.start(), m.end())
    return None


def addressed_to_other(msg: AnalysedMessage, document: Document, end: int) -> bool:
    """`_addressed_to_other` on the message's folded prose, for a reader that found its own phrase ending at `end`
    (analysis/report.py): "egycoder90: well, it's a bug in your bios" speaks of the addressee's system, not the writer's."""
    return _addressed_to_other(fold(msg.prose), msg, document, end)
