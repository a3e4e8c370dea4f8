"""TL104 missing-environment: a failure report that names no device, OS, browser, app or version.

The failure statement (and, with `ignore-with-error`, the evidence) comes from
the analysis layer (analysis/failure.py), as for TL101; where there is none, a
technical report told without a failure word counts too (analysis/report.py:
an issue form's fields, what should happen beside a broad failure phrase). `environment` in
`rules/<lang>/TL104.toml`: device, OS, browser, app and version names; the
lists of every language are merged (product names are language-free).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ... import packs, recache
from ...analysis.failure import first_failure, quote_phrase, user_phrases
from ...analysis.report import first_report
from ...analysis.text import blank
from ...document import Document
from ...languages import language
from ...model import LANGUAGES, Hit, Role, RuleMeta, Severity
from ...packs.files import on_reset
from ...patterns import Phrases, compile_split, typographic_apostrophes
from ...ruleoptions import RuleOptions, option
from ...textutil import fold
from ..base import BaseRule, RuleContext

# An issue template's example left in place names nothing: "- Device: [e.g. Pixel 9]", "[ej. Windows 10]",
# "[de ex. Chrome]", "[mis. Android 12]" (issue 13, es-complaints: the customer kept the template's examples).
_PLACEHOLDER = recache.compile(
    r"\[ ?(?:e\.g\.?|eg\.|ex\.|ej\.|p\. ?ej\.|por ejemplo|de ex\.|de exemplu|mis\.|misalnya|contoh:?|example:?)[^\]\n]{0,80}\]",
    re.IGNORECASE,
)
# The issue template's section heading names nothing either: "**Smartphone (please complete the following information):**"
# stays when the customer fills in nothing below it (l2tl104: the second labellers read it as empty). Searched only in a text
# that holds the template's words: the heading's word before them is matched from every position, which costs on long text.
_TEMPLATE_WORDS = "(please complete the following information)"
_TEMPLATE_HEADING = recache.compile(r"[\w ]{1,30}\(please complete the following information\):?", re.IGNORECASE)


def blank_placeholders(text: str) -> str:
    """`text` with an issue template's examples ("[e.g. Pixel 9]") and its section headings blanked."""
    text = _PLACEHOLDER.sub(" ", text)
    if _TEMPLATE_WORDS in text.lower():
        text = _TEMPLATE_HEADING.sub(" ", text)
    return text

# An issue form's checkbox ("- [x] I have searched the issues") is no X (the platform once called Twitter, or X11)
# (issue 13, en-github3).
_CHECKBOX = recache.compile(r"(?m)^[ \t]*+(?:[-*+][ \t]*+)?\[[ xX✓]\]")
# An issue form's field left empty names nothing (issue 13, en-github3: "Android version:" then "Device model:"; "### OS"
# then the next heading): a label line, "Label:" with nothing after its colon or a Markdown heading, whose next line
# with text is another such line or the end of the text.
_LABEL_ONLY = recache.compile(
    r"[ \t]*+(?:[-*+][ \t]*+)?(?:\*\*|__)?[^\s:#*_][^:\n]{0,48}?(?:\*\*|__)?[ \t]*+:[ \t]*+(?:\*\*|__)?[ \t]*+|[ \t]{0,3}#{2,6}[ \t][^\n]{0,80}"
)


def blank_empty_fields(text: str) -> str:
    """`text` with an issue form's empty fields and checkboxes blanked (see `_LABEL_ONLY`, `_CHECKBOX`)."""
    text = _CHECKBOX.sub(" ", text)
    if ":" not in text and "#" not in text:
        return text
    lines = text.split("\n")
    labels = [_LABEL_ONLY.fullmatch(line) is not None for line in lines]
    nxt = True  # what follows the last line: the end of the text, as empty as a label
    for i in range(len(lines) - 1, -1, -1):
        if not lines[i].strip():
            continue
        if labels[i]:
            if nxt:
                lines[i] = ""
            nxt = True
        else:
            nxt = False
    return "\n".join(lines)


# An image pasted into the text names nothing the writer says: its alt text is a file name or a default ("Screenshot_2025-12-18
# _com.android.chrome.jpg", "Image") and its address a host's ("user-images.githubusercontent.com"); a Markdown image or an HTML
# <img> tag is blanked before the environment is searched (t104x, fresh GitHub openers: "com.android.chrome" in a screenshot's
# name read as Android). A link the writer words ("[my site](https://example.com)") is no image and stays. Language-free.
_IMAGE = recache.compile(r"!\[[^\]\n]{0,300}\]\([^()\s]{0,1000}\)|<img\b[^<>]{0,2000}>", re.IGNORECASE)


def blank_images(text: str) -> str:
    """`text` with its Markdown images and HTML <img> tags blanked (same length)."""
    if "![" not in text and "<img" not in text.lower():
        return text
    return blank(text, [m.span() for m in _IMAGE.finditer(text)])


@functools.cache
def _form_statements() -> re.Pattern[str] | None:
    """A checkbox line of an issue form whose text is the form's own statement, every language's `form_statements` merged.

    "- [x] I know what my device, OS and App Manager versions are", "- [x] By checking this box, I confirm that this bug
    occurred on THIS website (example.github.io)": the form's author wrote the product's name, not the writer, who only ticked
    it (t104x; issue 13, en-github3 Daboss7173.github.io#279). The whole line is blanked; a checkbox whose text is an option
    ("- [x] Android") holds no statement and keeps its name.
    """
    items = packs.patterns("TL104", "form_statements", None, fold=True)
    if not items:
        return None
    body = "|".join(f"(?:{p})" for p in items)
    return recache.compile(rf"(?m)^[ \t]*+(?:[-*+][ \t]*+)?\[[ xX✓]\][ \t]*+(?:\*\*|__)?(?:{body})\b[^\n]{{0,600}}", re.IGNORECASE)


on_reset(_form_statements.cache_clear)


def blank_form_statements(text: str) -> str:
    """Folded `text` with an issue form's checkbox statements blanked (see `_form_statements`; same length)."""
    if "[" not in text:
        return text
    pattern = _form_statements()
    if pattern is None:
        return text
    spans = [m.span() for m in pattern.finditer(text)]
    return blank(text, spans) if spans else text


# An issue form's question names nothing: "### Can you reproduce this problem on https://try.nextcloud.com?", "**Do you use X from
# Google Play/F-Droid/other?**" are the form's wording (a product, a site, a store it asks about); the writer's answer is on the
# lines below and is still read (t104r21; issue 13, en-github3 nextcloud/android#10369). A heading or a wholly emphasised line
# that ends with a question mark is blanked; a writer's sentence that asks something is neither. Language-free.
_FORM_QUESTION = recache.compile(r"(?m)^[ \t]{0,3}(?:#{1,6}[ \t][^\n]{0,300}\?|(?:\*\*|__)[^\n*_]{1,300}\?[ \t]*(?:\*\*|__))[ \t]*$")


def blank_form_questions(text: str) -> str:
    """`text` with an issue form's questions (a heading or an emphasised line ending in "?") blanked (same length)."""
    if "?" not in text:
        return text
    spans = [m.span() for m in _FORM_QUESTION.finditer(text)]
    return blank(text, spans) if spans else text


@functools.cache
def _unknown_answers() -> re.Pattern[str] | None:
    """Every language's `unknown_answers` as one pattern matching a form field's whole answer: at a line's start, after a
    label's colon or a table's bar, up to the line's end ("Versi OpenSID: tidak bisa melihat", "| OS | no sé", "idk")."""
    items = packs.patterns("TL104", "unknown_answers", None, fold=True)
    if not items:
        return None
    body = "|".join(f"(?:{p})" for p in items)
    return recache.compile(rf"(?m)(?:^|(?<=:)|(?<=\|))[ \t*_]{{0,6}}(?:{body})[ \t*_.!]{{0,6}}$", re.IGNORECASE)


on_reset(_unknown_answers.cache_clear)


def blank_unknown_answers(text: str) -> str:
    """Folded `text` with a form field's answer that says the writer does not know or cannot see it blanked (same length).

    "### Versi OpenSID\n\ntidak bisa melihat", "Daemon version used: I dont know": the field is then as empty as one left
    blank, and `blank_empty_fields` drops its label, whose product name is the form's (t104r21; issue 13, fresh id openers).
    """
    pattern = _unknown_answers()
    if pattern is None:
        return text
    spans = [m.span() for m in pattern.finditer(text) if m.end() > m.start()]
    return blank(text, spans) if spans else text


# A name in code is no product: a CamelCase name ending in a code word of `code_name_suffixes` ("TargetDetailView",
# "MainActivity", "NullPointerException"), and a member chain (a CamelCase or snake_case name, a dot, a capitalised name) that
# holds such a name or is called ("ReportController.GenerateDoc", "SyncActionResultExecutor.Execute", in a log line pasted in
# the text; "Foo.Bar()"); the environment's CamelCase pattern reads each as a product (t104r21; issue 13, fresh openers). A
# product's own namespace ("LANCommander.Client", en-github2), a domain ("YouTube.com"), "ASP.NET" and "Android.Please" (a
# sentence typed without a space) are kept.
_DOTTED_CODE = recache.compile(r"(?<![\w.])[A-Za-z_][a-z0-9_]{0,30}[A-Z_][A-Za-z0-9_]{0,60}(?:\.[A-Z][a-z][A-Za-z0-9_]{0,60}){1,8}(?![\w])")
_CAMEL = recache.compile(r"(?<![\w.])[A-Z][a-z0-9]{1,30}(?:[A-Z][a-z0-9]{0,30}){1,8}(?![\w])")


@functools.cache
def _code_suffixes() -> tuple[str, ...]:
    """Every language's `code_name_suffixes`, as they are written (a CamelCase name's last part)."""
    words: set[str] = set()
    for lang in LANGUAGES:
        words |= set(packs.words("TL104", lang, "code_name_suffixes"))
    return tuple(sorted(words))


on_reset(_code_suffixes.cache_clear)


def blank_code_names(text: str) -> str:
    """Folded `text` with names in code blanked: dotted members (`_DOTTED_CODE`) and CamelCase names ending in a code word
    (`code_name_suffixes`) (same length)."""
    suffixes = _code_suffixes()
    if "." in text:
        dotted = [
            m.span()
            for m in _DOTTED_CODE.finditer(text)
            if text.startswith("(", m.end()) or any(s.endswith(suffixes) and s not in suffixes for s in m.group().split("."))
        ]
        text = blank(text, dotted) if dotted else text
    if not suffixes:
        return text
    spans = [m.span() for m in _CAMEL.finditer(text) if m.group().endswith(suffixes) and m.group() not in suffixes]
    return blank(text, spans) if spans else text


# Agent replies are not read: "Are you on Windows or Mac?" asks for the environment, it does not name it.
_WRITERS = frozenset({Role.CUSTOMER, Role.NOTE})


@dataclass(frozen=True, slots=True)
class Options(RuleOptions):
    extend_failure: tuple[str, ...] = option((), "extra failure phrases (regular expressions, any language)", regex=True)
    ignore_with_error: bool = option(
        False,
        "do not report a ticket that quotes an error code or message (see TL101): the error names the failing product",
    )
    extend_environment: tuple[str, ...] = option(
        (), "extra device, product or version names that count as the environment (e.g. your product names)", regex=True
    )


@functools.cache
def _environment() -> tuple[Phrases, ...]:
    """The `environment` lists of every language, split by case handling (`patterns.compile_split`).

    Only whether a text holds a name matters, never which one or where, so the split pair answers as the
    merged list would (each phrase is in one of them); merged, the cased names ("(?-i:Edge)") kept the
    whole list of ~500 phrases on IGNORECASE: ~50 µs a chat line, against ~16 µs for the caseless half,
    which finds most names, and ~26 µs for the cased half when it does not (measured on IRC lines).
    """
    return compile_split(packs.patterns("TL104", "environment", None, fold=True))


on_reset(_environment.cache_clear)


@functools.cache
def _not_environment() -> Phrases | None:
    """The `not_environment` lists of every language, merged: a device or app word used for something else.

    A phone named as a number, a call or what is verified ("phone number", "nomor hp", "verifikasi ponsel
    anda", "an hour on the phone with support"), an app named as an account or a way to sign in ("sign in with
    Google", "daftar lewat facebook", "cuenta de gmail"), an office app as a file format ("format excel"), a MAC
    address, a link shortener a tweet carries ("https://t.co/..."): none names a device, OS, browser or app the
    failure happens on (env12, both label sets). These spans are blanked before the environment is searched, so
    the same word where the failure happens ("my phone", "Google Chrome", "Excel") still counts.
    """
    return packs.phrases("TL104", "not_environment", None, fold=True)


def blank_not_environment(text: str) -> str:
    """Folded `text` with what `not_environment` matches blanked (same length)."""
    pattern = _not_environment()
    if pattern is None:
        return text
    return blank(text, [m.span() for m in pattern.finditer(text) if m.end() > m.start()])


on_reset(_not_environment.cache_clear)

# The name of what fails, written next to the failure (issue 13, t104): "IGDM no me deja ingresar", "el SAT no muestra
# ningún comprobante", "trouble with k9copy", "OTRS merge extrem de greu", "Garuda CBT error 500", and what was updated or installed before the failure ("after updating gta5 the game does not
# start"). A product, plugin or
# service the lexicon cannot know is still named when the failure's subject or object is written as a name: in capitals
# (2-10 letters or digits), in CamelCase, or as letters with a digit ("gta5", "c9"). The `failing_names` patterns of each
# pack say where (`{name}` after a failure verb, `{subject}` before one, followed by a word in lower case: a shouted
# sentence "THE APP DOES NOT WORK" names nothing); what such a word is not is data too: a word of the language shouted
# (every language's `function_words`), a generic acronym ("VPN", "OTP", "PDF": `not_names`). A common noun with an
# article ("the app", "la página", "aplikasinya") never has the shape of a name.
_NAME = (
    r"(?-i:(?<![A-Z][A-Z] )(?<![A-Z]['’][A-Z] )(?<![\w.@#/-])([A-Z][A-Z0-9]{1,9}|[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]{0,30}|[a-z]{1,3}[A-Z][A-Za-z0-9]{1,30}"
    r"|[A-Za-z]{1,20}[0-9][A-Za-z0-9]{0,20})(?![\w-]))"
)
_SUBJECT = _NAME + r"(?=[ \t]+(?-i:[a-z]))"


@functools.cache
def _failing_names() -> re.Pattern[str] | None:
    """The `failing_names` patterns of every language as one alternation, each name a group (see `_NAME`)."""
    items = packs.patterns("TL104", "failing_names", None, fold=True)
    if not items:
        return None
    body = "|".join(f"(?:{typographic_apostrophes(p).replace('{subject}', _SUBJECT).replace('{name}', _NAME)})" for p in items)
    return recache.compile(rf"(?<![\w])(?:{body})", re.IGNORECASE)


@functools.cache
def _not_names() -> frozenset[str]:
    """Words of the shape of a name that name nothing: every language's `not_names` and function words, folded."""
    words: set[str] = set()
    for lang in LANGUAGES:
        words |= {fold(w) for w in packs.words("TL104", lang, "not_names")}
        words |= {fold(w) for w in language(lang).function_words}
    return frozenset(w.lower() for w in words)


@functools.cache
def _not_name_forms() -> re.Pattern[str] | None:
    """Every language's `not_name_forms` as one pattern a whole name must match: a word of the language written with a
    digit, which has a name's letters-and-digit shape ("tiba2", "baik2": Indonesian reduplication; "gr8", "salu2")."""
    items = packs.patterns("TL104", "not_name_forms", None, fold=True)
    if not items:
        return None
    return recache.compile("|".join(f"(?:{p})" for p in items), re.IGNORECASE)


on_reset(_failing_names.cache_clear)
on_reset(_not_names.cache_clear)
on_reset(_not_name_forms.cache_clear)


def names_failing_thing(text: str) -> bool:
    """Whether folded `text` names what fails by a name next to the failure (`_NAME`, `failing_names`)."""
    pattern = _failing_names()
    if pattern is None:
        return False
    stop = _not_names()
    forms = _not_name_forms()
    for m in pattern.finditer(text):
        name = next((g for g in m.groups() if g), "")
        if name and name.lower() not in stop and (forms is None or forms.fullmatch(name) is None):
            return True
    return False


# A chat line that opens with a participant's name and a colon or comma is addressed to that person ("ActionParsnip: i
# have tried this", "GNULinuxer, no sound at all"): the name is a nick, not a product, however it is written (CamelCase,
# letters with a digit: "terafl0ps: failed."). A participant is an author of the thread (`Document.authors`, read once per
# ticket) or a name written with a chat nick's punctuation ("Eric^^:", "tux_,", "[afk]bob:"; an underscore at either end), which no product name holds;
# the name is written in a nick's characters and is no link's scheme ("`https://...", "[https://...](url)").
# One match per line, so the test stays linear in the thread (t104, judged IRC and en-irc3).
_ADDRESS = recache.compile(r"(?m)^[ \t]*+([A-Za-z\[\]\\^_{|}][\w\[\]\\^{|}`-]{1,39})[ \t]*+(?::(?!//)|,)")
_NICK_PUNCTUATION = recache.compile(r"[\[\]\\^{}|`]|^_|_$")  # an underscore inside is a program's ("wpa_supplicant:")


def blank_addressees(text: str, authors: frozenset[str]) -> str:
    """Folded `text` with the name of a participant it addresses at a line's start blanked (same length)."""
    if ":" not in text and "," not in text:
        return text
    spans = [
        m.span(1)
        for m in _ADDRESS.finditer(text)
        if m.group(1).lower() in authors or _NICK_PUNCTUATION.search(m.group(1)) is not None
    ]
    return blank(text, spans) if spans else text


# A word of the language typed with the Shift key held one letter too long ("CUando le doy a comprar", "NO TEngo
# conocimientos", "THe app") has a product name's shape (two capitals, then lower case: "VMware", "GParted") but is the word
# (t104x; issue 13, es-github UOC-notifier-chrome#21, midudev-issues#319). It is blanked when, in lower case, it is a function
# word of any language or a `not_names` word: every language's list, as for the names next to a failure.
_STUCK_SHIFT = recache.compile(r"(?<![\w@#.])[A-Z]{2}[a-z]{1,20}(?![\w])")


def blank_stuck_capitals(text: str) -> str:
    """Folded `text` with a function word typed with two leading capitals blanked (see `_STUCK_SHIFT`; same length)."""
    stop = _not_names()
    spans = [m.span() for m in _STUCK_SHIFT.finditer(text) if m.group().lower() in stop]
    return blank(text, spans) if spans else text


def names_environment(document: Document, extra: Phrases | None) -> bool:
    """Whether the subject or a customer/note message (whole body) names a device, OS, browser, app or version."""
    patterns = _environment()
    texts = [document.ticket.subject] + [m.body for m in document.messages if m.role in _WRITERS]
    authors = frozenset(fold(a).lower() for a in document.authors.names)
    for text in map(fold, filter(None, texts)):
        text = blank_stuck_capitals(blank_form_statements(blank_images(text)))
        text = blank_form_questions(blank_unknown_answers(blank_placeholders(text)))
        text = blank_code_names(blank_addressees(blank_not_environment(blank_empty_fields(text)), authors))
        if any(p.search(text) for p in patterns):
            return True
        if names_failing_thing(text):
            return True
        if extra is not None and extra.search(text):
            return True
    return False


class MissingEnvironment(BaseRule[Options]):
    meta = RuleMeta(
        code="TL104",
        name="missing-environment",
        summary="A technical failure is reported but the ticket names no device, OS, browser, app or version.",
        scope=frozenset({Role.CUSTOMER, Role.NOTE}),
        severity=Severity.WARNING,
        groups=("evidence",),
        rationale=(
            "KCS records the 'Environment' of every issue (product, version, operating system, device) because "
            "the same symptom has different causes on different platforms. Seed 002 (es): the technician only "
            "knows what is written in the work order, and a badly written ticket leads to a bad work order; a "
            "report that 'the sync fails' without saying on which device, system or app version forces another "
            "round trip to the customer. The rule looks in the subject and in every customer message and note "
            "(an agent asking 'Windows or Mac?' does not name the environment). An exact error quote does not "
            "excuse the environment (the same code appears on every platform); teams whose error texts name the "
            "product can set 'ignore-with-error'. A report counts without a failure word too: an issue form's 'Steps to "
            "reproduce' or 'Actual behaviour', what should happen told beside what happens, 'I found a bug', a program's "
            "message the customer keeps getting, a program that closes by itself, a process that never took place; a feature request "
            "does not. A screenshot's file name, an issue form's own wording (a ticked 'I know my OS version', a question it asks, an "
            "answer 'I don't know') and a name in code ('ReportController.GenerateDoc') name nothing."
        ),
        seed="KCS 'Environment'; seed 002 (es): the work order only holds what the ticket says",
        suggestion="Ask which device, operating system or browser, and which app and version the customer uses.",
        options=Options,
        pack=packs.PackSchema(
            keys={
                "environment": packs.Key("patterns", "device, OS, browser, app and version names", required=True),
                "failing_names": packs.Key(
                    "patterns",
                    "where a name names what fails or what changed before it: '{subject} no funciona', 'trouble with {name}', 'updating {name}'",
                ),
                "not_names": packs.Key("words", "words of a name's shape that name nothing: generic acronyms (VPN, OTP), emphasis"),
                "not_name_forms": packs.Key(
                    "patterns", "a word written with a digit, which has a name's shape: 'tiba2' (reduplication), 'gr8', 'salu2'"
                ),
                "not_environment": packs.Key(
                    "patterns",
                    "a device or app word used for something else, blanked before the search: 'phone number', 'sign in with Google', 'format excel'",
                ),
                "form_statements": packs.Key(
                    "patterns",
                    "how an issue form's checkbox statement begins ('I have searched', 'By checking this box', 'He buscado'): the line is the form's, blanked before the search",
                ),
                "unknown_answers": packs.Key(
                    "patterns",
                    "a form field's answer that says the writer does not know or cannot see it ('I don't know', 'tidak bisa melihat', 'no sé'): the field counts as empty",
                ),
                "code_name_suffixes": packs.Key(
                    "words",
                    "the last part of a CamelCase name in code ('View', 'Controller', 'Exception'): such a name is code, not a product",
                ),
            }
        ).saying(failure=("phrase",), report=("phrase",)),
    )

    def check(self, ctx: RuleContext[Options]) -> Iterator[Hit]:
        document = ctx.document
        opts = ctx.options
        in_scope = ctx.in_scope(self)
        found = first_failure(in_scope, document, user_phrases(opts.extend_failure))
        key = "failure"
        if found is None:
            # a technical report without a failure word: an issue form's "Steps to reproduce", or what should happen told
            # beside a broad failure phrase ("nu apare", "se borra") with no technical word (analysis/report.py)
            found, key = first_report(in_scope, document), "report"
        if found is None:
            return
        if names_environment(document, user_phrases(opts.extend_environment)):
            return
        if opts.ignore_with_error and document.evidence(None, logs_count=True):
            return
        msg, span = found
        yield Hit(
            msg.index,
            span,
            ctx.say(msg, key, phrase=quote_phrase(msg, span)),
            ctx.say(msg, "suggestion"),
        )
