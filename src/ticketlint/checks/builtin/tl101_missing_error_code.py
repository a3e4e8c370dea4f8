"""TL101 missing-error-code: a failure is reported and the ticket quotes no error.

Also home of the helpers shared with TL104 (and TL102): accent folding and the
failure-statement finder over the shared lexicon `rules/<lang>/failure.toml`.

Matching is done on a *folded* copy of the text: accents and Romanian
comma/cedilla variants are mapped to their base letter one character for one
character (á -> a, ș = ş -> s), so offsets stay valid and a pack pattern
written with or without diacritics matches text written either way.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ...document import AnalysedMessage, Document
from ...model import LANGUAGES, Hit, OptionSpec, Role, RuleMeta, Severity, Span
from ...packs.files import lexicon, str_list
from ...patterns import Phrases, compile_patterns
from ...textutil import fold
from ..base import BaseRule, RuleContext

FAILURE = "failure"  # rules/<lang>/failure.toml


def compile_folded(patterns: Iterable[str]) -> Phrases | None:
    return compile_patterns([fold(p) for p in patterns])


@functools.cache
def folded_pack(code: str, lang: str, key: str) -> Phrases | None:
    """`key` of `rules/<lang>/<code>.toml`, folded and compiled (None when empty/missing)."""
    if lang not in LANGUAGES:
        return None
    return compile_folded(str_list(lexicon(lang, code), key, f"rules/{lang}/{code}.toml"))


@functools.cache
def folded_pack_all(code: str, key: str) -> Phrases | None:
    """Union over the four languages of `key` in `rules/<lang>/<code>.toml`."""
    patterns: list[str] = []
    for lang in LANGUAGES:
        patterns += str_list(lexicon(lang, code), key, f"rules/{lang}/{code}.toml")
    return compile_folded(patterns)


@functools.lru_cache(maxsize=64)
def extra_pattern(patterns: tuple[str, ...]) -> Phrases | None:
    """A user option (list of regexes), folded and compiled once."""
    return compile_folded(patterns)


def option_pattern(options: Any, name: str) -> Phrases | None:
    value = options.get(name) or []
    return extra_pattern(tuple(str(v) for v in value))


def message_languages(msg: AnalysedMessage, document: Document) -> list[str]:
    """The message's language first, then the thread's (short messages are often misdetected)."""
    return list(dict.fromkeys(x for x in (msg.language, document.language) if x in LANGUAGES))


def _spans(pattern: Phrases | None, text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in pattern.finditer(text)] if pattern is not None else []


def find_failure(
    msg: AnalysedMessage, document: Document, extra: Phrases | None = None
) -> tuple[int, int] | None:
    """Span of the first technical-failure statement in the message's prose, or None.

    A match lying inside one of the language's `exceptions` (hypotheticals,
    "no error", "an error in my invoice", "that time doesn't work for me") is
    not a failure report. Memoised on the message: TL101 and TL104 both ask.
    """
    key = (FAILURE, extra)
    try:
        return msg.derived[key]  # type: ignore[no-any-return]
    except KeyError:
        found = msg.derived[key] = _find_failure(msg, document, extra)
        return found


def _find_failure(
    msg: AnalysedMessage, document: Document, extra: Phrases | None
) -> tuple[int, int] | None:
    prose = msg.prose
    if not prose.strip():
        return None
    text = fold(prose)
    best: tuple[int, int] | None = None
    for lang in message_languages(msg, document):
        excluded: list[tuple[int, int]] | None = None  # scanned only once a failure matches (most text has none)
        excluded_starts: list[int] = []
        for pattern in (folded_pack(FAILURE, lang, "patterns"), extra):
            if pattern is None:
                continue
            for m in pattern.finditer(text):
                if best is not None and m.start() >= best[0]:
                    break
                if m.end() == m.start():
                    continue
                if excluded is None:
                    excluded = _spans(folded_pack(FAILURE, lang, "exceptions"), text)
                    excluded_starts = [s for s, _ in excluded]
                # The exception spans (one finditer: sorted, not overlapping) are bisected: the last one
                # starting at or before the match is the only one that can hold it. Testing every span for
                # every match was quadratic ("if you get an error" repeated: 1.6 s at 80 KB).
                i = bisect.bisect_right(excluded_starts, m.start())
                if i and m.end() <= excluded[i - 1][1]:
                    continue
                best = (m.start(), m.end())
                break
    return best


def first_failure(
    messages: Sequence[AnalysedMessage], document: Document, extra: Phrases | None = None
) -> tuple[AnalysedMessage, tuple[int, int]] | None:
    for msg in messages:
        span = find_failure(msg, document, extra)
        if span is not None:
            return msg, span
    return None


def thread_texts(document: Document) -> Iterator[str]:
    """Folded subject and whole bodies (quotes, logs and signatures included).

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


def quote_phrase(msg: AnalysedMessage, span: tuple[int, int]) -> str:
    phrase = " ".join(msg.body[span[0] : span[1]].split())
    return phrase if len(phrase) <= 60 else phrase[:57] + "..."


_MIN_LOG_CHARS = 12


def has_evidence(document: Document, extra: Phrases | None, logs_count: bool) -> bool:
    """Whether the subject or a customer message or note (masked regions included) holds an error."""
    pattern = folded_pack_all("TL101", "evidence")
    for text in thread_texts(document):
        if pattern is not None and pattern.search(text):
            return True
        if extra is not None and extra.search(text):
            return True
    if logs_count:
        for msg in document.messages:
            if msg.role is Role.AGENT:
                continue
            for span in msg.masked.logs:
                chunk = msg.body[span.start : span.end]
                if sum(1 for c in chunk if not c.isspace()) >= _MIN_LOG_CHARS:
                    return True
    return False


class MissingErrorCode(BaseRule):
    meta = RuleMeta(
        code="TL101",
        name="missing-error-code",
        summary="A technical failure is reported but the ticket quotes no error code, error message, status code or log.",
        scope=frozenset({Role.CUSTOMER, Role.NOTE}),
        severity=Severity.WARNING,
        groups=("evidence",),
        rationale=(
            "Seed 004 (ro), law 2, 'Orice are un cod de eroare' (everything has an error code): with the error, "
            "troubleshooting is quick; without it support must first build a list of possible causes and check "
            "them one by one, so 'ask the customer for the error: the error is sacred'. A report such as "
            "'it doesn't work' or 'no funciona' that reaches the next tier without the error code or message "
            "sends it back to the customer. The rule looks for evidence anywhere in the ticket: the subject, every "
            "customer message and note, pasted logs and quoted text included: hex codes (0x80070005), HTTP or "
            "exit codes, event ids, quoted error text, stack traces, exception and errno names. Public agent "
            "replies are not evidence: what they quote is what the customer should see next."
        ),
        seed="seed 004 (ro), law 2: 'Orice are un cod de eroare'; ask for the error",
        suggestion="Ask the customer for the exact error code or message (a screenshot or the text, copied as is).",
        options=(
            OptionSpec("extend-failure", list, [], "extra failure phrases (regular expressions, any language)", items=str, regex=True),
            OptionSpec("extend-evidence", list, [], "extra patterns that count as an error code or message (e.g. your product's codes)", items=str, regex=True),
            OptionSpec("logs-are-evidence", bool, True, "a pasted log (indented or fenced block) counts as evidence"),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        document = ctx.document
        found = first_failure(ctx.in_scope(self), document, option_pattern(ctx.options, "extend-failure"))
        if found is None:
            return
        if has_evidence(document, option_pattern(ctx.options, "extend-evidence"), bool(ctx.options.get("logs-are-evidence", True))):
            return
        msg, span = found
        yield Hit(
            msg.index,
            Span(*span),
            f"'{quote_phrase(msg, span)}' reports a failure, but the ticket has no error code or error message",
            self.meta.suggestion,
        )
