"""What a pack file may hold: a schema per rule and per shared vocabulary.

Every file under `rules/<lang>/` is read through a declared `PackSchema`: a
key the schema does not name, or a value of the wrong type, is an error
naming the file and the key (`rules/es/TL102.toml: unknown key 'exeptions'`),
never a list silently left empty. A rule declares its schema in its metadata
(`RuleMeta.pack`); a shared vocabulary (failure statements, hand-off markers,
greetings...) is declared by the analysis module that reads it
(`packs.declare`).
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

# patterns: a list of regular expressions in the pack dialect (packs/dialect.py);
# words: a list of plain words or phrases, matched literally; table: string -> string;
# text: one string.
Kind = Literal["patterns", "words", "table", "text"]


@dataclass(frozen=True, slots=True)
class Key:
    """One key of a pack: its kind, what it is for, and whether every language must have it."""

    kind: Kind
    help: str
    required: bool = False


@dataclass(frozen=True, slots=True)
class PackSchema:
    """The keys a pack file may hold.

    `examples`: the file may carry `bad` and `good` example lists (rule packs);
    `macros`: it may define `macros = {name = "regex"}` used as `{{name}}` in
    its patterns; `messages`: the keys of its `[messages]` table (what a
    rule says, in the file's language: finding messages, suggestions, help
    text), each with the `{placeholders}` its text must use, no more, no
    fewer. With `messages_required`, every language's file must hold every
    key (a missing one is an error when the file is read, never a fallback
    to English).
    """

    keys: Mapping[str, Key] = field(default_factory=dict)
    examples: bool = True
    macros: bool = False
    messages: Mapping[str, frozenset[str]] = field(default_factory=dict)
    messages_required: bool = True

    def saying(self, *plain: str, **with_fields: tuple[str, ...]) -> PackSchema:
        """This schema with a `[messages]` table: the help text plus these keys (see `messages`)."""
        return replace(self, messages=messages(*plain, **with_fields))


# The help text every rule has in every language (`ticketlint rule CODE --locale es`); the English one
# is also the rule's metadata (RuleMeta.summary, .suggestion, .rationale), which tests/test_messages_i18n.py compares.
HELP_KEYS: tuple[str, ...] = ("summary", "suggestion", "rationale")

# An option's description in the pack's language: `option.<name> = "..."` in `[messages]` (a TOML dotted key,
# read as `messages.option.<name>`). Every built-in rule has one per option in every language
# (tests/test_messages_i18n.py); a plugin's or an organisation's rule without one shows its `OptionSpec.help`.
OPTION_PREFIX = "option."


# Where the rule's rationale comes from (`RuleMeta.seed`), in the pack's language: `source = "..."`; as optional
# as an option's description, for the same reason.
SOURCE_KEY = "source"


def option_key(name: str) -> str:
    return OPTION_PREFIX + name


# The name of a language in the pack's (`lang.es = "Spanish"`, rules/<lang>/ruledoc.toml): a language added
# later has none in the others' files yet, which then say its `language.toml` name.
LANGUAGE_PREFIX = "lang."


def optional_message(key: str) -> bool:
    """Whether a `[messages]` key may be left out of a complete file (an option's description, the source,
    a language's name)."""
    return key.startswith((OPTION_PREFIX, LANGUAGE_PREFIX)) or key == SOURCE_KEY


def with_options(schema: PackSchema, names: Iterable[str], source: bool = False) -> PackSchema:
    """`schema` with an `option.<name>` message (no placeholder) for each of the rule's options, and `source`
    when the rule names one, when it has a `[messages]` table at all (a schema without one stays as it is)."""
    if not schema.messages:
        return schema
    extra = {option_key(n): frozenset[str]() for n in names} | ({SOURCE_KEY: frozenset[str]()} if source else {})
    if not extra:
        return schema
    return replace(schema, messages={**schema.messages, **extra})


def flat_messages(table: Mapping[str, object]) -> dict[str, object]:
    """A `[messages]` table with its dotted keys joined again: `{"option": {"allow": "..."}}` is
    `{"option.allow": "..."}` (one level, the only one a pack writes)."""
    out: dict[str, object] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            out.update({f"{key}.{sub}": text for sub, text in value.items()})
        else:
            out[key] = value
    return out


def messages(*plain: str, **with_fields: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """The `[messages]` keys of a rule pack: the help text, `plain` keys (no placeholder) and keys with
    their placeholders: `messages(failure=("phrase",))`."""
    out = {k: frozenset[str]() for k in (*HELP_KEYS, *plain)}
    out.update({k: frozenset(v) for k, v in with_fields.items()})
    return out


def placeholders(text: str) -> frozenset[str]:
    """The named `{fields}` of a message text (ValueError on a malformed one, e.g. a lone '{')."""
    out = set()
    for _, name, spec, _ in string.Formatter().parse(text):
        if name is None:
            continue
        if not name.isidentifier():
            raise ValueError(f"'{{{name}}}' is not a named placeholder")
        out.add(name)
        if spec:
            out |= placeholders(spec)
    return frozenset(out)
