"""What every data rule type shares: text scopes, user options that extend a pack list, compiled lists.

A data rule has two scopes. Its role scope (`scope = ["agent"]`) says whose
messages it reads; its text scope (`within`) says which text of such a message
is one unit to check:

- `prose` (default): the message's own prose (quotes, signatures, logs and
  markup blanked, masking.py);
- `body`: the message as written, quotes and logs included;
- `sentence`: each sentence or line of the prose on its own (a `conditional`
  rule then needs its alternative in the same sentence, an `occurrence` rule
  counts per sentence).

A `conditional` rule may also look for its alternative in the ticket's
`subject` or anywhere in the thread's prose (`unless_in`): a subject is read
as context, never a place a finding can point to (findings are in messages).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from ... import packs
from ...analysis.text import sentences
from ...document import AnalysedMessage
from ...model import OptionSpec, RuleMeta
from ...packs import PackSchema, placeholders
from ...packs.files import on_reset
from ...patterns import Phrases, compile_patterns, compile_split
from ...textutil import fold as fold_accents

Within = Literal["prose", "body", "sentence"]
WITHIN: tuple[str, ...] = ("prose", "body", "sentence")


@dataclass(frozen=True, slots=True)
class ListOption:
    """A user option (a list of regular expressions) that extends the pack list `adds` of the rule."""

    name: str
    adds: str
    help: str

    def spec(self) -> OptionSpec:
        return OptionSpec(self.name, list, [], self.help, items=str, regex=True)


@dataclass(frozen=True, slots=True)
class Common:
    """The settings every data rule type reads from `rules/<CODE>.toml`."""

    meta: RuleMeta
    message: str
    all_languages: bool = False
    fold: bool = False
    within: Within = "prose"
    once_per_message: bool = False
    list_options: tuple[ListOption, ...] = ()
    origin: str = ""  # the file it was read from: rules/<CODE>.toml, or an organisation pack's file

    def langs(self, lang: str) -> tuple[str, ...]:
        """The packs a message in `lang` is checked with: its own, or every language's (`all_languages`)."""
        return packs.languages_of(self.meta.code) if self.all_languages else (lang,)

    def say(self, lang: str, key: str, **values: object) -> str | None:
        """Text `key` ("message", "suggestion") in language `lang`, from the `[messages]` of
        `rules/<lang>/<CODE>.toml`. A built-in rule has them in every language (its schema requires
        them); an organisation's rule without them says its own `message` and `suggestion` in every
        language (docs/packs.md)."""
        if speaks(self.meta.code, lang):
            return packs.message(self.meta.code, lang, key).format(**values)
        own = self.message if key == "message" else self.meta.suggestion if key == "suggestion" else self.meta.summary
        return own.format(**values) if own is not None and values else own

    def extra(self, options: Mapping[str, Any], adds: str) -> tuple[str, ...]:
        """The user's patterns extending list `adds` (every option that adds to it)."""
        return tuple(p for o in self.list_options if o.adds == adds for p in options.get(o.name, ()))


@functools.cache
def speaks(code: str, lang: str) -> bool:
    """Whether the data rule `code` has a `[messages]` table in language `lang` (looked up once)."""
    return packs.has_messages(code, lang)


def messages_schema(pack: PackSchema, data: Mapping[str, Any], *, required: bool) -> PackSchema:
    """A data rule's pack schema with its `[messages]`: `message`, and `suggestion`, `summary` and
    `rationale` when it has them, each with the placeholders of the rule's own text in `rules/<CODE>.toml`."""
    texts = {k: data.get(k) for k in ("message", "suggestion", "summary", "rationale")}
    wanted = {k: _fields(v) for k, v in texts.items() if isinstance(v, str)}
    return replace(pack, messages=wanted, messages_required=required)


def _fields(text: str) -> frozenset[str]:
    try:
        return placeholders(text)
    except ValueError:  # a text that was never formatted (a suggestion with a literal brace): no placeholder
        return frozenset()


def units(msg: AnalysedMessage, within: Within, folded: bool) -> tuple[str, str, list[tuple[int, int]]]:
    """(text as written, text to match, [(start, end)] of each unit) of a message for a text scope."""
    text = msg.body if within == "body" else msg.prose
    match_text = fold_accents(text) if folded else text
    spans = sentences(text) if within == "sentence" else [(0, len(text))]
    return text, match_text, spans


def list_ref(code: str, key: str) -> tuple[str, str]:
    """(pack, key) of a list a data rule names: `refusals` is the rule's own `rules/<lang>/<CODE>.toml`,
    `vocabulary:refusals` the shared vocabulary `rules/<lang>/vocabulary.toml` (one place per language
    for lists several rules read)."""
    pack, sep, name = key.partition(":")
    return (pack, name) if sep else (code, key)


def own_lists(keys: Sequence[str]) -> list[str]:
    """The names among `keys` that are lists of the rule's own pack (not `pack:key` references)."""
    return [k for k in keys if ":" not in k]


def words(code: str, lang: str, key: str) -> tuple[str, ...]:
    """List `key` (own or `pack:key`) of language `lang`."""
    pack, name = list_ref(code, key)
    return packs.words(pack, lang, name)


@functools.cache
def pack_lists(code: str, langs: tuple[str, ...], keys: tuple[str, ...], folded: bool, split: bool) -> tuple[Phrases, ...]:
    """Lists `keys` of the packs of `langs` (language by language, then key by key) as merged regexes.

    A key `pack:name` reads list `name` of the shared pack `rules/<lang>/<pack>.toml`.

    `split`: as `compile_split` (up to two patterns, by case), for callers that
    collect every match; else one alternation, for first-match callers.
    """
    patterns = [p for lang in langs for key in keys for p in words(code, lang, key)]
    prepared = [fold_accents(p) for p in patterns] if folded else patterns
    if split:
        return compile_split(prepared)
    one = compile_patterns(prepared)
    return (one,) if one is not None else ()


@functools.cache
def user_patterns(patterns: tuple[str, ...], folded: bool, word_bounded: bool = True) -> Phrases | None:
    """A user option's patterns compiled once, not once per ticket."""
    return compile_patterns([fold_accents(p) for p in patterns] if folded else patterns, word_bounded=word_bounded)


def parse_list_options(raw: Any, where: str, lists: Sequence[str]) -> tuple[ListOption, ...]:
    """`[options] name = { adds = "<list>", help = "..." }` of a data rule."""
    if not isinstance(raw, dict):
        raise packs.PackError(f"{where}: 'options' must be a table: name = {{ adds = \"<list>\", help = \"...\" }}")
    out = []
    for name, body in raw.items():
        if not isinstance(body, dict) or set(body) != {"adds", "help"} or not all(isinstance(v, str) for v in body.values()):
            raise packs.PackError(f"{where}: options.{name} needs exactly the string keys 'adds' and 'help'")
        if body["adds"] not in lists:
            raise packs.PackError(f"{where}: options.{name}.adds: '{body['adds']}' is not a list of this rule (known: {', '.join(lists)})")
        out.append(ListOption(name, body["adds"], body["help"]))
    return tuple(out)


on_reset(pack_lists.cache_clear)
on_reset(speaks.cache_clear)
on_reset(user_patterns.cache_clear)
