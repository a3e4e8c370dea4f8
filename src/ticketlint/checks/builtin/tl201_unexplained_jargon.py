"""TL201 unexplained-jargon: a technical term the customer may not know, used unexplained.

The jargon lexicon is per language (`rules/<lang>/TL201.toml`): `[terms]` maps a
canonical term to a plain-language explanation (used in the suggestion) and
`[variants]` gives the regex of its spellings. A term is reported once per
agent message, at its first use, unless:

- some use of it in the message is explained: a parenthesis of two or more
  words right after it ("cache (the copies of pages ...)"), an appositive or
  definition after it (", which is ...", "i.e.", " - the ...", "means",
  "is the ...", ", es decir," / ", yaitu" / ", adică" ...; the pack's `after`
  list), or a definition before it ("known as DNS", "the address book (DNS)");
- the customer used it in an earlier message, or an agent explained it in an
  earlier message;
- it is in the option `known` (the organisation's glossary of terms its
  customers know).

Terms inside URLs, e-mail addresses, file paths, host/file names and `code`
are not looked at (quotes, signatures and logs are already blanked in
`msg.prose`). The helpers here (`scrub`, `jargon`, `initials_overlap`) are
shared with TL202, which skips the acronyms of this lexicon.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ...model import LANGUAGES, Hit, OptionSpec, Role, RuleMeta, Severity, Span
from ...packs.files import PackError, lexicon, str_list
from ...patterns import first_chars
from ..base import BaseRule, RuleContext

CODE = "TL201"

# Regions that are not prose even after masking: they are replaced by spaces.
# Linearity: the e-mail local part, path segments, host labels and the number of labels are
# bounded (RFC 5321's 64, NAME_MAX 255, DNS's 63, 32 labels) and possessive. Unbounded, `[\w.+-]+@`
# and `(?:[\w.$~%-]+[\\/])+` rescanned the rest of a long token ("a.a.a.a...", a JWT, 20 KB of
# capitals after a dot) from every start position: quadratic. Possessive is exact here (the next
# character, "@", ".", "/", cannot be one of the run); the bounds only change tokens no real
# address, path or host name has.
_SCRUB = re.compile(
    r"""(?:https?|ftp|file|smb)://\S+            # URLs
      | \bwww\.\S+
      | [\w.+-]{1,64}+@[\w-]++(?:\.[\w-]++)+      # e-mail addresses
      | `[^`\n]*`                                 # inline code
      | (?<![\w/])(?:[A-Za-z]:)?[\\/]?(?:[\w.$~%-]{1,255}+[\\/])+[\w.$~%-]*+   # paths: a/b/c, C:\x\y, /etc/x
      | (?<![\w.])(?:[A-Za-z0-9-]{1,63}+\.){1,32}[a-z][a-z0-9]{1,5}(?![\w.]|\.\w)  # host and file names
      | (?<![\w.])\.[a-z]\w*/?                    # dot-files and extensions (.bashrc)
    """,
    re.VERBOSE,
)
_PATHLIKE_MIN_SEPARATORS = 2  # "TCP/IP", "and/or" are words, "/etc/hosts" is a path


def _blank(m: re.Match[str]) -> str:
    text = m.group(0)
    if text[0] != "`" and "://" not in text and "@" not in text and not text.startswith("www."):
        seps = text.count("/") + text.count("\\")
        if 0 < seps < _PATHLIKE_MIN_SEPARATORS and not re.match(r"[A-Za-z]:|[/\\~.]", text):
            return text  # "TCP/IP", "and/or", "on/off": words, not a path
    return re.sub(r"[^\n]", " ", text)


@functools.cache
def _commands() -> tuple[frozenset[str], re.Pattern[str] | None]:
    """Command lines written in prose: a command name followed by an option, a path, an
    address or another command ("sudo apt-get update", "ping 8.8.8.8"), or quoted."""
    names: set[str] = set()
    for lang in LANGUAGES:
        names |= set(str_list(lexicon(lang, CODE), "commands", f"rules/{lang}/{CODE}.toml"))
    if not names:
        return frozenset(), None
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    arg = rf"-{{1,2}}[A-Za-z]|/[A-Za-z?]|~/|\d+\.\d|[\w-]+\.[a-z]{{2,}}\b|(?:{alt})(?![\w-])"
    run = rf"(?<![\w-])(?:{alt})(?=[ \t]+(?:{arg}))[^\n]*?(?=[.;,!?)](?:\s|$)|[\"'`\u201d\u2019]|\n|$)"
    quoted = rf"[\"'\u201c\u2018](?:{alt})[ \t][^\"'\u201d\u2019\n]*[\"'\u201d\u2019]"
    return frozenset(names), re.compile(f"{quoted}|{run}")


_NAME_TOKEN = re.compile(r"[\w-]+")
_SCRUB_TRIGGERS = ("/", "\\", "@", "`", ".")


def _spaces(m: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", m.group(0))


@functools.lru_cache(maxsize=1024)
def scrub(prose: str) -> str:
    """The prose with URLs, e-mail addresses, paths, file names, command lines and `code`
    blanked (same length). Cached: TL201 and TL202 scrub the same messages."""
    names, commands = _commands()
    if commands is not None and not names.isdisjoint(_NAME_TOKEN.findall(prose)):
        prose = commands.sub(_spaces, prose)
    if any(t in prose for t in _SCRUB_TRIGGERS):
        prose = _SCRUB.sub(_blank, prose)
    return prose


_WORD = re.compile(r"[^\W\d_][\w'\u2019]*")


def initials(text: str) -> list[str]:
    """Upper-cased initials of the words of `text`, plus inner capitals ("PowerShell" -> P, S)."""
    out: list[str] = []
    for w in _WORD.findall(text.replace("-", " ")):
        out.append(w[0].upper())
        out += [c for c in w[1:] if c.isupper() and not w.isupper()]
    return out


def initials_overlap(acronym: str, text: str) -> float:
    """Share of the acronym's letters found among the initials of `text` (order-free)."""
    letters = [c for c in acronym.upper() if c.isalpha()]
    if not letters:
        return 0.0
    pool = initials(text)
    hit = 0
    for c in letters:
        if c in pool:
            pool.remove(c)
            hit += 1
    return hit / len(letters)


@dataclass(frozen=True)
class Jargon:
    """A compiled language pack of TL201."""

    pattern: re.Pattern[str] | None  # every term; group `t<i>` is keys[i] (for fullmatch tests)
    keys: tuple[str, ...]
    explanations: Mapping[str, str]
    after: re.Pattern[str] | None
    before: re.Pattern[str] | None
    exceptions: re.Pattern[str] | None
    not_explanation: re.Pattern[str] | None
    # Speed: the terms split by their possible first character, tried only at word starts.
    buckets: Mapping[str, re.Pattern[str]]
    starts: re.Pattern[str] | None

    def _matches(self, text: str) -> Iterator[re.Match[str]]:
        if self.starts is None:
            return
        resume = 0
        buckets = self.buckets
        for w in self.starts.finditer(text):
            pos = w.start()
            if pos < resume:
                continue
            bucket = buckets.get(text[pos].lower())
            m = bucket.match(text, pos) if bucket is not None else None
            if m is not None:
                resume = m.end()
                yield m

    def find(self, text: str) -> Iterator[tuple[str, int, int, int]]:
        """(canonical term, start, end of the term, end with its suffix) of every use, exceptions removed."""
        excluded: list[tuple[int, int]] | None = None
        skip = 0
        for m in self._matches(text):
            s, e = m.span()
            if excluded is None:
                excluded = [x.span() for x in self.exceptions.finditer(text)] if self.exceptions is not None else []
            # The exception spans are sorted and disjoint, and so are the matches: skip the spans
            # that end before this match instead of testing all of them (quadratic with many).
            while skip < len(excluded) and excluded[skip][1] <= s:
                skip += 1
            if skip < len(excluded) and excluded[skip][0] < e:
                continue
            name = m.lastgroup or ""
            yield self.keys[int(name[1:])], s, m.end(name), e


_LEFT = r"(?<![\w@.#$/\\-])"
_RIGHT = r"(?![\w@]|-[A-Z0-9])"


def _buckets(alternatives: list[str]) -> tuple[dict[str, re.Pattern[str]], re.Pattern[str] | None]:
    from re import _parser  # type: ignore[attr-defined]

    by_char: dict[str, list[str]] = {}
    anywhere: list[str] = []
    for alt in alternatives:
        info = first_chars(_parser.parse(alt, re.IGNORECASE))
        if info is None or info[1]:
            anywhere.append(alt)
            continue
        for c in info[0]:
            by_char.setdefault(c, []).append(alt)
    for c in by_char:
        by_char[c] += anywhere
    buckets = {c: re.compile(f"(?:{'|'.join(alts)}){_RIGHT}", re.IGNORECASE) for c, alts in by_char.items()}
    if anywhere:
        # a term whose first character is unknown: try it at every word start
        generic = re.compile(f"(?:{'|'.join(anywhere)}){_RIGHT}", re.IGNORECASE)
        return {**buckets, **{c: generic for c in "abcdefghijklmnopqrstuvwxyz0123456789" if c not in buckets}}, re.compile(f"{_LEFT}\\w")
    firsts = "".join(sorted({re.escape(c) for c in buckets} | {re.escape(c.upper()) for c in buckets}))
    return buckets, re.compile(f"{_LEFT}[{firsts}]") if buckets else None


def _term_regex(key: str, variant: str | None) -> str:
    if variant:
        body = variant
    elif re.fullmatch(r"[A-Z0-9]+", key):
        body = f"(?-i:{re.escape(key)})"
    else:
        body = re.escape(key).replace(r"\ ", r"\s+")
    return f"(?:{body})"


def _anchored(patterns: list[str], at_end: bool = False) -> re.Pattern[str] | None:
    parts = [p for p in patterns if p]
    if not parts:
        return None
    body = "|".join(f"(?:{p})" for p in parts)
    return re.compile(f"(?:{body})\\s*$" if at_end else f"(?:{body})", re.IGNORECASE)


@functools.cache
def jargon(lang: str, extra: tuple[tuple[str, str], ...] = ()) -> Jargon:
    """The compiled TL201 pack of `lang`, plus `extra` (term, explanation) pairs (cached)."""
    data = lexicon(lang, CODE)
    where = f"rules/{lang}/{CODE}.toml"
    terms = data.get("terms", {})
    variants = data.get("variants", {})
    if not isinstance(terms, dict) or not isinstance(variants, dict):
        raise PackError(f"{where}: [terms] and [variants] must be tables")
    suffix = data.get("suffix", "")
    explanations: dict[str, str] = {str(k): str(v) for k, v in terms.items()}
    regexes: dict[str, str] = {}
    for key in explanations:
        regexes[key] = _term_regex(key, variants.get(key))
    for key, text in extra:
        explanations[key] = text
        regexes[key] = _term_regex(key, None)
    keys = tuple(sorted(regexes, key=lambda k: (-len(k), k)))
    pattern = None
    buckets: dict[str, re.Pattern[str]] = {}
    starts = None
    if keys:
        alternatives = [f"(?P<t{i}>{regexes[k]}){suffix}" for i, k in enumerate(keys)]
        try:
            pattern = re.compile(f"{_LEFT}(?:{'|'.join(alternatives)}){_RIGHT}", re.IGNORECASE)
            buckets, starts = _buckets(alternatives)
        except re.error as exc:
            raise PackError(f"{where}: bad term regex: {exc}") from None
    return Jargon(
        pattern=pattern,
        keys=keys,
        explanations=explanations,
        after=_anchored(str_list(data, "after", where)),
        before=_anchored(str_list(data, "before", where), at_end=True),
        exceptions=_anchored(str_list(data, "exceptions", where)) if data.get("exceptions") else None,
        not_explanation=_anchored(str_list(data, "not_explanation", where)),
        buckets=buckets,
        starts=starts,
    )


_FOLLOWING_WORD = re.compile(r"[ \t]+[^\W\d_][\w'\u2019-]*")
_PAREN = re.compile(r"\s*\(([^()\n]{3,200})\)")
_MENU = re.compile(r"[>\u2192\u00bb|]|\b(?:ctrl|alt|shift|cmd)\s*\+", re.IGNORECASE)


def _paren_explains(lex: Jargon, inner: str, term: str) -> bool:
    inner = inner.strip()
    if lex.not_explanation is not None and lex.not_explanation.match(inner):
        return False
    if _MENU.search(inner):
        return False
    words = _WORD.findall(inner)
    if len(words) < 2:
        return False
    # "(the copies of pages ...)" explains; "(Google Chrome)" names a product,
    # unless its initials spell the term ("(Domain Name System)").
    if any(w[0].islower() and len(w) >= 3 for w in words):
        return True
    return term.isupper() and initials_overlap(term, inner) >= 0.6


def explained(lex: Jargon, text: str, start: int, end: int) -> bool:
    """Whether the term at text[start:end] is explained or defined right there."""
    term = re.split(r"[-\s]", text[start:end])[0]
    # after the term, or after up to two words that follow it ("DNS settings, which ...")
    pos = end
    for _ in range(3):
        m = _PAREN.match(text, pos)
        if m and _paren_explains(lex, m.group(1), term):
            return True
        if lex.after is not None and lex.after.match(text, pos):
            return True
        w = _FOLLOWING_WORD.match(text, pos)
        if not w:
            break
        pos = w.end()
    head = text[max(0, start - 80) : start]
    if lex.before is not None and lex.before.search(head):
        return True
    # "... the internet's address book (DNS)": the term in parentheses after two or more words
    # (the cheap test first: the search costs up to 80^2 steps per use of the term)
    if re.match(r"\s*\)", text[end : end + 3]) and re.search(r"[^\W\d_][\w'\u2019-]*[ \t,-]+[^\W\d_][\w'\u2019-]*[ \t]*\($", head):
        return True
    return False


def _extra_pairs(value: Any) -> tuple[tuple[str, str], ...]:
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), "" if v is None else str(v)) for k, v in value.items() if str(k).strip()))
    return ()


class UnexplainedJargon(BaseRule):
    meta = RuleMeta(
        code=CODE,
        name="unexplained-jargon",
        summary="A technical term from the jargon lexicon (DNS, cache, firmware, registry, SSO, MFA, proxy, ...) used in a reply without explaining it.",
        scope=frozenset({Role.AGENT}),
        severity=Severity.WARNING,
        groups=("clarity",),
        aliases=("jargon",),
        rationale=(
            "Technicians live and breathe their references, acronyms and jargon every day and come to assume, "
            "without noticing, that customers understand them too; a customer who already feels helpless feels "
            "more so when the reply is full of terms they do not know. A short explanation the first time a term "
            "is used (in parentheses, or as 'which is ...') keeps the reply precise and understandable. Terms the "
            "customer used first, or that were explained earlier in the thread, are not flagged."
        ),
        seed="seed 003 (es), habit 9: assuming customers understand the same technical references, acronyms and jargon",
        suggestion="Explain the term in plain words where it is first used, e.g. 'DNS (the internet's address book)'.",
        options=(
            OptionSpec("known", list, [], "terms your customers know (an organisation glossary); never flagged", items=str),
            OptionSpec(
                "extra",
                dict,
                {},
                "more jargon: a table term -> plain explanation (an empty explanation gives a generic suggestion)",
                items=str,
            ),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        known = {str(k).strip().lower() for k in ctx.options.get("known", [])}
        extra = _extra_pairs(ctx.options.get("extra", {}))
        settled: set[str] = set()  # terms the customer used or an agent explained
        agents = [m.index for m in ctx.document.messages if m.role is Role.AGENT]
        if not agents:
            return  # nothing to check; customer messages only matter before a reply
        for msg in ctx.document.messages[: agents[-1] + 1]:
            if msg.role not in (Role.CUSTOMER, Role.AGENT):
                continue
            lex = jargon(msg.language, extra)
            if lex.starts is None:
                continue
            text = scrub(msg.prose)
            uses: dict[str, list[tuple[int, int, int]]] = {}
            for key, s, e, full in lex.find(text):
                uses.setdefault(key, []).append((s, e, full))
            if msg.role is Role.CUSTOMER:
                settled.update(uses)
                continue
            for key, spans in uses.items():
                if key in settled:
                    continue
                first = msg.body[spans[0][0] : spans[0][1]]
                if key.lower() in known or first.lower() in known:
                    continue
                if any(explained(lex, text, s, full) for s, _, full in spans):
                    settled.add(key)
                    continue
                yield Hit(
                    message_index=msg.index,
                    span=Span(spans[0][0], spans[0][1]),
                    message=f"'{first}' is not explained where it is first used",
                    suggestion=_suggestion(first, lex.explanations.get(key, "")),
                )


def _suggestion(term: str, explanation: str) -> str:
    if explanation:
        return f"Explain it in plain words where it is first used, e.g. '{term} ({explanation})'"
    return "Explain it in plain words where it is first used, or use an everyday word instead"
