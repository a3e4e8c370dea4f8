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

A reader's error is a catalogue text already when it is raised: a `Said` (model.py), its key and
parameters, that `render` says in the run's language when it is shown; its key is the stable code of the
machine formats (`ReadError.notice`, JSON's `notice`). No English sentence is recognised again, but for
texts that come from outside ticketlint (`outside`: the json module's reasons); an OS's reason is said as
written.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING

from . import packs
from .model import LANGUAGES, Listed, Said, Size, place
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


def number(lang: str, n: int, *, tally: bool = False) -> str:
    """A number of the run's texts as the language writes it: the one function every count, position and
    size of a notice, a summary line and a report goes through (`number.thousands`: "1,255", "1.255").
    `tally`: a count or a position in a one-line text a script may read (the summary line, a reader's
    error: "1255 findings", "column 12345"): English writes it plain, as ruff, flake8 and ESLint print
    theirs ("Found 1255 errors"), and as its tests pin it; es/id/ro group it as everywhere else (a reader
    of "1255 de constatări" beside cards saying "1.255" sees two ways of writing one number)."""
    if tally and lang == ENGLISH:
        return str(n)
    return f"{n:,}".replace(",", template(lang, "number.thousands"))


def decimal(lang: str, text: str) -> str:
    """A formatted decimal ("12.5") with the language's decimal mark ("12,5")."""
    return text.replace(".", template(lang, "number.decimal")) if lang != ENGLISH else text


def _before_noun(lang: str, n: int, tally: bool = False) -> str:
    """`n` as it stands before a noun in `lang` (`number.many`: Romanian puts "de" after a number whose
    last two digits are 00 or 20 to 99)."""
    shown = number(lang, n, tally=tally)
    if n != 1 and (n % 100 >= 20 or (n and n % 100 == 0)):
        shown = template(lang, "number.many").format(n=shown)
    return shown


def count(lang: str, key: str, n: int, **fields: object) -> str:
    """`key_one` or `key_other` with `{n}`: the number (`number`) as it stands before a noun."""
    return say(lang, f"{key}_{'one' if n == 1 else 'other'}", n=_before_noun(lang, n), **fields)


def tally(lang: str, key: str, n: int) -> str:
    """`count` of a one-line text a script may read (the summary line): English writes the number plain."""
    return say(lang, f"{key}_{'one' if n == 1 else 'other'}", n=_before_noun(lang, n, tally=True))


def of_ticket(lang: str, ticket_id: str | None) -> str:
    """" (ticket ID)" after a notice's text, in `lang` ("" without a ticket)."""
    return f" {say(lang, 'notice.ticket', ticket=ticket_id)}" if ticket_id else ""


# -- notices -----------------------------------------------------------------------------------------------


def gap_text(gap: Gap, lang: str) -> str:
    """What `str(gap)` says, in `lang`: every number before a noun said through `count` (its singular, and
    Romanian "20 de comentarii")."""
    if lang == ENGLISH:
        return str(gap)
    evidence = render(gap.evidence, lang)  # "fields.comment.total es 99": a catalogue text, or as written
    if gap.part == "text":
        return count(lang, "gap.text", gap.read, evidence=evidence)
    read = _part(lang, gap.part, gap.read)
    if gap.total is None:
        return say(lang, "gap.maybe", read=read, evidence=evidence)
    return say(lang, "gap.of", read=number(lang, gap.read), total=_part(lang, gap.part, gap.total),
               evidence=evidence)


def _part(lang: str, part: str, n: int) -> str:
    """ "20 de comentarii": `n` of a ticket's part, counted (`part.*`), or the part's name as written when the
    catalogue does not know it."""
    key = "part." + part.replace(" ", "_")
    return count(lang, key, n) if f"{key}_one" in english() else f"{number(lang, n)} {part}"


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
    """A reader's text in `lang`: its key and parameters said by the catalogue (`render`); a text said as
    written (a plugin's own) as it is."""
    return render(error.said, lang)


def render(text: Said | str, lang: str) -> str:
    """A catalogue text (`Said`) in `lang`, its parameters said in `lang` too; a string as written.

    English is the built-in catalogue's, whatever organisation packs say: it is the model's text
    (`str(said)`, `ReadError.message`) that tests and scripts read. A key with a `_one`/`_other` pair is a
    count of its `n` (`count`): an int, or a `Size` (grouped in English too: "32,767 characters")."""
    if isinstance(text, str):
        return text
    fields = {name: _param(lang, value) for name, value in text.params}
    key = text.key
    if f"{key}_one" in english():
        n = dict(text.params).get("n")
        assert isinstance(n, (int, Size)), f"{key}: a count needs an integer n"
        # a count (int) is written plain in English's one-line texts; a size (`Size`: "32,767 characters") grouped
        amount = n.n if isinstance(n, Size) else n
        key, fields["n"] = f"{key}_{'one' if amount == 1 else 'other'}", \
            _before_noun(lang, amount, tally=not isinstance(n, Size))
    said = (english()[key] if lang == ENGLISH else template(lang, key)).format(**fields)
    return "".join(f"{render(at, lang)}: " for at in text.at) + said


def _param(lang: str, value: object) -> str:
    """A parameter of a catalogue text as `lang` says it: numbers grouped as it groups them (`number`), a
    decimal with its mark, a list with its "or"/"and", a nested text rendered, any other text as written."""
    if isinstance(value, Said):
        return render(value, lang)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return number(lang, value, tally=True)
    if isinstance(value, Size):
        return number(lang, value.n)
    if isinstance(value, float):
        return decimal(lang, f"{value:g}")
    if isinstance(value, Listed):
        return _listed(lang, value)
    return str(value)


def _listed(lang: str, value: Listed) -> str:
    """ "Zendesk, Freshdesk or Jira" with the language's word for "or" (its names as written)."""
    word = f" {english()[f'word.{value.word}'] if lang == ENGLISH else say(lang, f'word.{value.word}')} "
    items = value.items
    if not value.commas or len(items) <= 1:
        return word.join(items)
    return ", ".join(items[:-1]) + word + items[-1]


@functools.cache
def _reasons() -> Mapping[str, str]:
    return {text: key for key, text in english().items() if key.startswith("reason.")}


def outside(text: str) -> Said | str:
    """A text that comes from outside ticketlint (the json module's reason for refusing a document): its
    `reason.*` key when the catalogue knows the text, so that it is said in the locale, else the text as
    written. The one place a text is recognised by its English wording; an OS's reason (`strerror`) is said
    as written (the OS's own language)."""
    key = _reasons().get(text)
    return Said(key) if key else text


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
