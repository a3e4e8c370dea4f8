"""The rule interface every check implements, built-in, data-driven or plugin.

A rule is an object with a `meta: RuleMeta` and a `check(ctx)` method yielding
`Hit`s. It reads the whole analysed ticket (`ctx.document`) because several
rules are thread-level: TL101 looks for evidence anywhere in the ticket, TL201
skips terms the customer used first, TL202 accepts an expansion anywhere.
The engine turns hits into findings (code, severity, position, suppression).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, Protocol, TypeVar, runtime_checkable

from .. import packs
from ..analysis.jargon import NO_VOCABULARY, Vocabulary
from ..document import AnalysedMessage, Document
from ..model import LANGUAGES, Example, Hit, Message, Role, RuleMeta
from ..packs.files import lexicon
from ..ruleoptions import RuleOptions

O = TypeVar("O", bound=RuleOptions)


@runtime_checkable
class Rule(Protocol):
    @property
    def meta(self) -> RuleMeta: ...

    def check(self, ctx: "RuleContext[Any]") -> Iterable[Hit]: ...


@dataclass(frozen=True, slots=True, init=False)
class RuleContext(Generic[O]):
    """What a rule sees: the analysed ticket, its options (an instance of the rule's `RuleOptions` class)
    and the organisation vocabulary of the config."""

    document: Document
    options: O
    vocabulary: Vocabulary = NO_VOCABULARY  # the organisation's accepted and rejected terms (analysis/jargon.py)
    code: str = ""  # the rule this context is for: whose `[messages]` `say` reads (the engine sets it)
    locale: str | None = None  # the language findings are written in (--locale); None: each message's own

    def __init__(self, document: Document, options: O, vocabulary: Vocabulary = NO_VOCABULARY, code: str = "",
                 locale: str | None = None) -> None:
        # The engine makes one per rule and ticket (~10 per chat line): a frozen dataclass's own __init__
        # goes through object.__setattr__ by name for each field, 4x the cost of the slots' setters.
        _set_document(self, document)
        _set_options(self, options)
        _set_vocabulary(self, vocabulary)
        _set_code(self, code)
        _set_locale(self, locale)

    def say(self, msg: AnalysedMessage, key: str, /, **values: object) -> str:
        """Text `key` of the rule's `[messages]`, in the language of `msg` (or the locale asked for), with
        its `{placeholders}` filled. Nothing falls back to another language: a pack without the key is an
        error (packs.message). Quoted matches are passed in `values` as written."""
        return self.say_in(self.locale or msg.language, key, **values)

    def say_in(self, lang: str, key: str, /, **values: object) -> str:
        if not self.code:
            raise ValueError("RuleContext.say: the context names no rule (RuleContext(..., code=CODE))")
        return packs.message(self.code, lang, key).format(**values)

    def asides(self, rule: Rule) -> frozenset[int]:
        """The agent messages a rule of replies to the customer (`RuleMeta.replies_only`) does not read: the document's
        side remarks (`Document.side_remarks`); none for another rule. A rule that walks the thread itself (it reads the
        customer's messages too) skips these as `in_scope` does."""
        if rule.meta.replies_only and Role.AGENT in rule.meta.scope:
            return self.document.side_remarks
        return frozenset()

    def in_scope(self, rule: Rule) -> list[AnalysedMessage]:
        """The messages of the rule's roles in the languages it covers (the language policy, packs/api.py); for a rule
        of replies to the customer (`RuleMeta.replies_only`), not the side remarks between helpers of a chat."""
        found = self.document.in_roles(rule.meta.scope)
        aside = self.asides(rule)
        if aside:
            found = [m for m in found if m.index not in aside]
        langs = _language_set(rule.meta.languages)
        if self.document.message_languages <= langs:  # every message is in a covered language (nearly always)
            return found
        return [m for m in found if m.language in langs]


# The slots' own setters (a frozen dataclass has no other way in that skips its __setattr__)
_set_document, _set_options, _set_vocabulary, _set_code, _set_locale = (
    RuleContext.__dict__[name].__set__ for name in ("document", "options", "vocabulary", "code", "locale")
)


@functools.cache
def _language_set(languages: tuple[str, ...]) -> frozenset[str]:
    return frozenset(languages)


def _example(raw: Any, lang: str, where: str) -> Example:
    if isinstance(raw, str):
        return Example(text=raw, lang=lang)
    if isinstance(raw, dict) and "thread" in raw:
        msgs = tuple(Message(role=Role.parse(m["role"]), body=m["body"]) for m in raw["thread"])
        return Example(lang=lang, thread=msgs)
    if isinstance(raw, dict) and "text" in raw:
        role = Role.parse(raw["role"]) if "role" in raw else None
        return Example(text=raw["text"], lang=lang, role=role)
    raise ValueError(f"{where}: an example is a string, {{text, role?}} or {{thread = [...]}}")


@functools.cache
def pack_examples(code: str) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    """Bad and good examples from every language's pack file of a rule."""
    bad: list[Example] = []
    good: list[Example] = []
    for lang in LANGUAGES:
        data = lexicon(lang, code)
        where = f"rules/{lang}/{code}.toml"
        bad += [_example(x, lang, where) for x in data.get("bad", [])]
        good += [_example(x, lang, where) for x in data.get("good", [])]
    return tuple(bad), tuple(good)


def examples(meta: RuleMeta) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    """A rule's bad and good examples: those in its metadata, then those in its language packs.

    Read on demand, not when rules are registered: the packs hold the
    lexicons too, and parsing all ~90 of them cost `ticketlint rules` 70 ms
    of its 150 ms budget for examples it never shows.
    """
    bad, good = pack_examples(meta.code)
    return meta.bad + bad, meta.good + good


class BaseRule(Generic[O]):
    """Convenience base: per-message checks over the messages in scope.

    Subclasses set `meta` (examples may be left empty: `examples()` adds those
    in the language packs) and override `check_message` or `check`. The type
    parameter is the rule's options class (`class R(BaseRule[Options])`), so
    that `ctx.options.min_words` is typed.
    """

    meta: ClassVar[RuleMeta]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """A rule's pack schema is known as soon as its class is: its packs can be read (by a test, a
        tool or another process) without building the registry first."""
        super().__init_subclass__(**kwargs)
        meta = cls.__dict__.get("meta")
        if isinstance(meta, RuleMeta) and meta.pack is not None:
            from .. import packs

            packs.declare(meta.code, packs.rule_schema(meta))

    def warm(self) -> None:
        """Build, before `runner` forks its workers, what the rule loads lazily and the warm-up thread does not reach.

        The workers inherit it through fork instead of each building it again (TL203: textstat and the hyphenation
        dictionaries, ~0.3 s of CPU a process). Most rules build everything on the warm-up thread: nothing to do.
        """

    def check(self, ctx: RuleContext[O]) -> Iterator[Hit]:
        for msg in ctx.in_scope(self):
            yield from self.check_message(msg, ctx)

    def check_message(self, msg: AnalysedMessage, ctx: RuleContext[O]) -> Iterable[Hit]:
        raise NotImplementedError
