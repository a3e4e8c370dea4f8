"""Whether a customer message is a technical report on grounds other than a failure word (TL104).

TL104 flags "a technical report without any device, OS, browser, app or version" (RULES.md). The failure reading
(analysis/failure.py) finds most reports by their failure words, and reads the broad ones ("nu apare", "se borra",
"ga bisa di buka", `contextual` in failure.toml) only in a message with a technical word. A report filed in a
tracker often has neither: "In extras contract nu apare \"Interval timp\"", "al guardar las materias ... se borra".
What makes such a message a report is said here, per language, in `rules/<lang>/report.toml`:

- `fields`: an issue form's field of what happens or how to reproduce it ("Steps to reproduce", "Actual behaviour",
  "Comportamiento actual", "Langkah-langkah reproduksi", "Rezultat actual"), written as a label or heading on its
  own line. A message that fills in such a field reports a malfunction, whatever words it uses.
- `expectations`: what should happen, told beside what happens ("it should stay saved", "debería aparecer",
  "seharusnya tidak bisa", "ar trebui să apară", "Așteptarea este"), and `software`: what one does with a program or
  sees in it where no machine is named ("when saving", "al guardar", "setelah diperbarui", "la secțiunea"). In such a
  message a `contextual` failure phrase counts without a technical word (`failure.contextual_failure`).
- `defects` and `shown`: the writer calls what they report a bug or a glitch ("I found a bug", "un bug me puso el juego
  en inglés", a title ending in "bug"), or quotes a program's message they keep getting ("I just get the message",
  "it keeps saying \"Loading data.\"").
- `symptoms`: a program's misbehaviour told in words the failure packs do not hold as a failure ("when i open the app its
  automatically close", "The Save button isn't currently functional", "Notifications are not coming", "hace como que realmente
  está subiendo algo"; t104x, fresh GitHub openers): a report as `defects` is, read for TL104 only.
- `requests`: a feature request's words ("[Request]", "it would be great if"): such a message asks for something new,
  and neither of the readings above makes it a report.

Only TL104 reads this; TL101's rule is a failure without evidence, and its failure reading stays as it is. Feature
requests are kept out by `requests`; how-to and account questions hold no report field and seldom a broad failure phrase
beside an expectation (a wrong amount "that should be 40" said of a booking is still read as a report: no dev case had
one). A chat line addressed to another participant about their system is advice, as in the failure reading
(`failure.addressed_to_other`). Matching is on text folded by `textutil.fold`, as the failure packs are.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .. import packs, recache
from ..model import Span
from ..packs.files import on_reset
from ..patterns import Phrases, compile_patterns
from ..textutil import fold
from . import failure as _failure

if TYPE_CHECKING:
    from ..document import AnalysedMessage, Document

REPORT = "report"  # rules/<lang>/report.toml

packs.declare(
    REPORT,
    packs.PackSchema(
        keys={
            "fields": packs.Key(
                "patterns",
                "an issue form's fields of what happens or how to reproduce it ('Steps to reproduce', 'Actual behaviour'),"
                " read as a label or heading on its own line: a message filling one in is a technical report",
                required=True,
            ),
            "expectations": packs.Key(
                "patterns",
                "what should happen ('it should stay', 'debería aparecer', 'seharusnya', 'ar trebui să'): beside one, a"
                " `contextual` failure phrase of failure.toml counts without a technical word",
                required=True,
            ),
            "software": packs.Key(
                "patterns",
                "what one does with a program or sees in it, where the `technical` words of failure.toml name no machine"
                " ('when saving', 'after refreshing', 'in the field', 'la sectiunea'): beside one, a `contextual` failure"
                " phrase counts too",
            ),
            "defects": packs.Key(
                "patterns",
                "the writer calls what they report a software defect ('I found a bug', 'there is a glitch', 'un bug me',"
                " 'am găsit un bug', a title ending in 'bug'): a technical report whatever the words after it",
            ),
            "shown": packs.Key(
                "patterns",
                "a program's message the writer keeps getting where they meant to go on ('I just get the message', 'it keeps"
                " saying \"Loading\"', 'me sale siempre el mensaje'): a report, as the message is what goes wrong",
            ),
            "requests": packs.Key(
                "patterns",
                "a feature request's words ('[Request]', 'it would be great if', 'sugerencia', 'saran', 'ar fi util dacă'): a"
                " message holding one asks for something new and is no report by this reading",
            ),
            "symptoms": packs.Key(
                "patterns",
                "a program's misbehaviour told without a failure word ('it closes automatically', 'isn't functional', 'notifications"
                " are not coming', 'hace como que está subiendo', 'se închide automat'): a technical report, as `defects` is",
            ),
        },
        examples=False,
    ),
)


@functools.cache
def _pack(key: str, lang: str) -> Phrases | None:
    """`key` of the language's report.toml, folded."""
    return packs.phrases(REPORT, key, lang, fold=True)


on_reset(_pack.cache_clear)

_READINGS = ("fields", "defects", "shown", "expectations", "software", "symptoms")


@functools.cache
def _any(lang: str) -> Phrases | None:
    """Every reading's phrases of the language as one alternation: a message holding none of them is no report here, and
    is passed with one scan (most chat lines; six scans of it cost as much as TL104's whole failure reading)."""
    return compile_patterns([p for key in _READINGS for p in packs.patterns(REPORT, key, lang, fold=True)])


on_reset(_any.cache_clear)

# A field is a label or a heading: only heading, list or emphasis marks before it on its line, and after it a colon,
# emphasis marks or the line's end (a question mark of a form's wording, "What happened?", too). Bounded either way.
_BEFORE = recache.compile(r"(?:^|\n)[ \t>#*_\-\d.)]{0,12}\Z")
_AFTER = recache.compile(r"[ \t*_]{0,4}(?:\([^()\n]{0,60}\))?[ \t*_]{0,4}[:?]?[ \t*_]{0,4}(?:\n|\Z)|[ \t*_]{0,4}:")


def _field(text: str, pattern: Phrases) -> tuple[int, int] | None:
    """The first match of `pattern` in folded `text` written as a form's label or heading (see `_BEFORE`, `_AFTER`).

    A field worded as a question ("What happened?", "¿Qué pasó?", "Apa yang terjadi?") is a form's only with a heading or
    emphasis mark on its line: bare on a line of its own it is the writer's own question ("What happened?\nI was charged
    twice"), which opens billing and delivery complaints as often as bug reports (review18)."""
    for m in pattern.finditer(text):
        before = _BEFORE.search(text, max(0, m.start() - 13), m.start())
        after = _AFTER.match(text, m.end()) if before is not None else None
        if before is None or after is None:
            continue
        if "?" in after.group() and not any(c in "#*_" for c in before.group() + after.group()):
            continue
        return m.start(), m.end()
    return None


def report_span(msg: AnalysedMessage, document: Document) -> Span | None:
    """Where the message shows it is a technical report without a failure word (`fields`, or `expectations` beside a
    `contextual` failure phrase), in its language then the thread's; None when it does not."""
    prose = msg.prose
    if not prose.strip():
        return None
    text = fold(prose)  # one character for one: offsets are the message's
    for lang in _failure.message_languages(msg, document):
        gate = _any(lang)
        if gate is None or gate.search(text) is None:
            continue
        requests = _pack("requests", lang)
        if requests is not None and requests.search(text) is not None:
            continue  # a feature request tells what is wanted: "the user adds it back thinking something went wrong"
        fields = _pack("fields", lang)
        found = _field(text, fields) if fields is not None else None
        for key in ("defects", "shown", "symptoms"):
            if found is not None:
                break
            pattern = _pack(key, lang)
            m = pattern.search(text) if pattern is not None else None
            if m is not None and m.end() > m.start():
                found = m.span()
        if found is not None:
            # a chat line to another participant about their system is advice, not a report ("nick: it's a bug in your bios")
            return None if _failure.addressed_to_other(msg, document, found[1]) else Span(*found)
        expectations, software = _pack("expectations", lang), _pack("software", lang)
        if (expectations is not None and expectations.search(text) is not None) or (
            software is not None and software.search(text) is not None
        ):
            span = _failure.contextual_failure(msg, document, lang)
            if span is not None:
                return span
    return None


def first_report(messages: Iterable[AnalysedMessage], document: Document) -> tuple[AnalysedMessage, Span] | None:
    """The first of `messages` that is a technical report by `report_span`, and where."""
    for msg in messages:
        span = report_span(msg, document)
        if span is not None:
            return msg, span
    return None
