"""The texts a user reads of a lint run, outside the findings, in the language of `--locale`.

A run says more than its findings: a file or record it could not read (`ReadError`), a ticket read
in part (`PartialRead`), a rule that raised (`RuleFailure`), the summary line, and the fixed words
of the text, Markdown and HTML reports. Each is a key of one catalogue with its parameters (file,
line, ticket, counts), rendered in the chosen language at the edge (a formatter, the CLI): the
model keeps the English text and the machine formats keep their keys and codes.

The catalogue is a pack like the rules' messages and the rule pages' words (ruledoc.py):
`rules/<lang>/notices.toml`, `[messages]`, checked by the same schema machinery. The English file is
the schema: every language has exactly its keys, each with the same `{placeholders}` (a missing key
is an error when the file is read, never a silent fallback). A count has a `_one`/`_other` pair;
`number.many` says how a number of 20 and more stands before a noun (Romanian "20 de tichete").

Language: `--locale` (or the config's `locale`); `auto` and no locale are English, since a batch's
texts have no one language (a finding's own text keeps the language of its message).

A reader's error is a sentence in English today (the readers and their tests state them so); `recognise`
finds its key and parameters from the English templates of `read.*`, so that it is said in the locale
and named by a stable code (`ReadError.notice`, JSON's `notice`). A reader's text the catalogue does not
know stays as written.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING

from . import packs
from .model import LANGUAGES, place
from .packs import PackSchema, files
from .packs.schema import flat_messages, placeholders

if TYPE_CHECKING:
    from .model import Gap, PartialRead, ReadError, RuleFailure

NAME = "notices"
ENGLISH = "en"


@functools.cache
def english() -> Mapping[str, str]:
    """The built-in English catalogue: the schema of every language's (an organisation pack may reword a text,
    never add a key), and the templates a reader's English message is recognised by. Read when this module is
    imported, without fixing the organisation packs (`files.builtin_schema`)."""
    data = files.builtin_schema(f"{ENGLISH}/{NAME}.toml")
    return {k: v for k, v in flat_messages(data.get("messages", {})).items() if isinstance(v, str)}


packs.declare(NAME, PackSchema(examples=False, messages={k: placeholders(v) for k, v in english().items()}))


def run_language(locale: str | None) -> str:
    """The language of a run's texts: the locale asked for, else English (`auto` too)."""
    return locale if locale in LANGUAGES else ENGLISH


@functools.cache
def template(lang: str, key: str) -> str:
    """The text `key` in `lang` as its pack says it (organisation packs merged); a language without the pack:
    English. Cached (a text line says two or three per finding), until the packs are reset."""
    return packs.message(NAME, lang if packs.covers(NAME, lang) else ENGLISH, key)


files.on_reset(template.cache_clear)


def say(lang: str, key: str, **fields: object) -> str:
    """The text `key` in `lang`, its placeholders filled."""
    text = template(lang, key)
    return text.format(**fields) if fields else text.format()


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def number(lang: str, n: int) -> str:
    """A number with its thousands grouped as the language writes them ("1,234", "1.234")."""
    return f"{n:,}".replace(",", template(lang, "number.thousands"))


def decimal(lang: str, text: str) -> str:
    """A formatted decimal ("12.5") with the language's decimal mark ("12,5")."""
    return text.replace(".", template(lang, "number.decimal")) if lang != ENGLISH else text


def count(lang: str, key: str, n: int, *, group: bool = False, **fields: object) -> str:
    """`key_one` or `key_other` with `{n}`: the number as it stands before a noun in `lang`
    (`number.many`: Romanian puts "de" after a number whose last two digits are 00 or 20 to 99)."""
    shown = number(lang, n) if group else str(n)
    if n != 1 and (n % 100 >= 20 or (n and n % 100 == 0)):
        shown = template(lang, "number.many").format(n=shown)
    return say(lang, f"{key}_{'one' if n == 1 else 'other'}", n=shown, **fields)


def of_ticket(lang: str, ticket_id: str | None) -> str:
    """" (ticket ID)" after a notice's text, in `lang` ("" without a ticket)."""
    return f" {say(lang, 'notice.ticket', ticket=ticket_id)}" if ticket_id else ""


# -- notices -----------------------------------------------------------------------------------------------


def gap_text(gap: Gap, lang: str) -> str:
    """What `str(gap)` says, in `lang`: every number before a noun said through `count` (its singular, and
    Romanian "20 de comentarii")."""
    if lang == ENGLISH:
        return str(gap)
    if gap.part == "text":
        return count(lang, "gap.text", gap.read, group=True, evidence=gap.evidence)
    read = _part(lang, gap.part, gap.read)
    if gap.total is None:
        return say(lang, "gap.maybe", read=read, evidence=gap.evidence)
    return say(lang, "gap.of", read=number(lang, gap.read), total=_part(lang, gap.part, gap.total),
               evidence=gap.evidence)


def _part(lang: str, part: str, n: int) -> str:
    """ "20 de comentarii": `n` of a ticket's part, counted (`part.*`), or the part's name as written when the
    catalogue does not know it."""
    key = "part." + part.replace(" ", "_")
    return count(lang, key, n, group=True) if f"{key}_one" in english() else f"{number(lang, n)} {part}"


def partial_text(notice: PartialRead, lang: str) -> str:
    """What `PartialRead.message` says, in `lang`."""
    if lang == ENGLISH:
        return notice.message
    return say(lang, "partial.text", gaps="; ".join(gap_text(g, lang) for g in notice.gaps))


def failure_text(failure: RuleFailure, lang: str) -> str:
    """What `RuleFailure.message` says, in `lang` (the exception's own text as raised)."""
    if lang == ENGLISH:
        return failure.message
    what = f"{failure.exception}: {failure.detail}" if failure.detail else failure.exception
    if not failure.note:
        return say(lang, "failure.text", code=failure.code, what=what)
    note = say(lang, "failure.secrets") if failure.note == english()["failure.secrets"] else failure.note
    return say(lang, "failure.noted", code=failure.code, what=what, note=note)


def error_text(error: ReadError, lang: str) -> str:
    """A reader's message in `lang`: its `read.*` key recognised and said again, else as written."""
    if lang == ENGLISH:
        return error.message
    prefix, rest = _prefix(error.message)
    found = recognise(rest)
    if found is None:
        return error.message
    key, params = found
    fields = {k: _local_list(lang, v) if k in ("vendors", "formats") else _reason(lang, v) if k == "reason" else
              _number(lang, v) if k in _NUMBERS else _value(lang, v) if k == "value" else v
              for k, v in params.items()}
    base = _pair(key)
    if base and params.get("n", "").isdigit():
        del fields["n"]
        return prefix + count(lang, base, int(params["n"]), group=True, **fields)
    return prefix + say(lang, key, **fields)


def _pair(key: str) -> str | None:
    """The count a key is one form of ("read.jira_csv" for "read.jira_csv_one"), or None (not a count pair:
    "read.json_other" is a key of its own)."""
    base, _, form = key.rpartition("_")
    return base if form in ("one", "other") and {f"{base}_one", f"{base}_other"} <= english().keys() else None


def _value(lang: str, text: str) -> str:
    """A reader's bad value: "(a value of 40 characters)" (`shown_value`, a value that may be a secret shown by
    its length) said in `lang`, any other as written (a quoted word)."""
    for form in ("one", "other"):
        head, _, tail = english()[f"value.length_{form}"].partition("{n}")
        middle = text[len(head):len(text) - len(tail)]
        if text.startswith(head) and text.endswith(tail) and middle.isdigit():
            return count(lang, "value.length", int(middle), group=True)
    return text


# The parameters of a reader's message that are numbers: said again as the language groups them ("1.500")
_NUMBERS = frozenset({"n", "column", "byte", "seconds"})


def _number(lang: str, text: str) -> str:
    """A number of a reader's English message as `lang` writes it ("1500" -> "1.500", "0.5" -> "0,5"); any
    other text as written."""
    if text.isdigit():
        return number(lang, int(text))
    whole, dot, part = text.partition(".")
    if dot and whole.isdigit() and part.isdigit():
        return number(lang, int(whole)) + template(lang, "number.decimal") + part
    return text


@functools.cache
def _reasons() -> Mapping[str, str]:
    return {text: key for key, text in english().items() if key.startswith("reason.")}


def _reason(lang: str, text: str) -> str:
    """A JSON parser's reason in `lang` when the catalogue has it (`reason.*`), else as written."""
    key = _reasons().get(text)
    return say(lang, key) if key else text


def _prefix(message: str) -> tuple[str, str]:
    """A reader's message as the place it names ("record 3: ", "messages[2]: ", as identifiers, said as
    written in every language) and the rest."""
    at = 0
    while True:
        head = next((h for h in ("record ", "messages[") if message.startswith(h, at)), None)
        colon = message.find(": ", at) if head else -1
        if head is None or colon == -1 or not message[at + len(head):colon].rstrip("]").isdigit():
            return message[:at], message[at:]
        at = colon + 2


def line(notice: ReadError | PartialRead | RuleFailure, lang: str) -> str:
    """"FILE:LINE: TEXT (ticket ID)": what `str(notice)` says, in `lang`."""
    from .model import PartialRead, RuleFailure

    if lang == ENGLISH:
        return str(notice)
    if isinstance(notice, RuleFailure):
        text = failure_text(notice, lang)
    elif isinstance(notice, PartialRead):
        text = partial_text(notice, lang)
    else:
        text = error_text(notice, lang)
    return f"{place(notice.source, notice.line)}: {text}{of_ticket(lang, notice.ticket_id)}"


def kind(lang: str, notice: ReadError | PartialRead | RuleFailure) -> str:
    """The word a notice line starts with: "error", "warning" (read in part) or "rule failure"."""
    from .model import PartialRead, RuleFailure

    key = "notice.rule_failure" if isinstance(notice, RuleFailure) else \
        "notice.warning" if isinstance(notice, PartialRead) else "notice.error"
    return say(lang, key)


def _local_list(lang: str, text: str) -> str:
    """ "Zendesk or Freshdesk": the joining words of a reader's list in `lang` (its names as written)."""
    for word in ("or", "and"):
        text = text.replace(f" {english()[f'word.{word}']} ", f" {say(lang, f'word.{word}')} ")
    return text


# -- a reader's English sentence -> key and parameters ---------------------------------------------------------


@functools.cache
def _templates() -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    """Each `read.*` template as its literal pieces and the names between them, the most specific first
    (the longest literal text), so that "cannot read: {reason}" is tried after its longer kin."""
    import string

    out = []
    for key, text in english().items():
        if not key.startswith("read."):
            continue
        lits, names = [], []
        for lit, name, _, _ in string.Formatter().parse(text):
            lits.append(lit)
            if name is not None:
                names.append(name)
        if len(lits) == len(names):
            lits.append("")
        out.append((key, tuple(lits), tuple(names)))
    return tuple(sorted(out, key=lambda t: -sum(len(x) for x in t[1])))


def _match(message: str, lits: tuple[str, ...], names: tuple[str, ...]) -> dict[str, str] | None:
    """The parameters of `message` read by one template: its literals found left to right (str.find, linear),
    the last one at the end, every parameter non-empty."""
    if not message.startswith(lits[0]) or not message.endswith(lits[-1]):
        return None
    if not names:
        return {} if message == lits[0] else None
    pos, end, out = len(lits[0]), len(message) - len(lits[-1]), {}
    for i, name in enumerate(names):
        if i == len(names) - 1:
            value, pos = message[pos:end], end
        else:
            at = message.find(lits[i + 1], pos + 1, end)
            if at == -1:
                return None
            value, pos = message[pos:at], at + len(lits[i + 1])
        if not value:
            return None
        out[name] = value
    return out if pos == end else None


def recognise(message: str) -> tuple[str, dict[str, str]] | None:
    """The `read.*` key and parameters of a reader's English message, or None (a text the catalogue does not
    know: shown as written)."""
    if len(message) > 20_000:
        return None
    for key, lits, names in _templates():
        params = _match(message, lits, names)
        if params is not None:
            return key, params
    return None


def code_of(message: str) -> str | None:
    """The stable code of a reader's message (`read.json`, ...), for the machine formats."""
    found = recognise(_prefix(message)[1])
    if found is None:
        return None
    return _pair(found[0]) or found[0]
