"""The jargon lexicon and what is not prose in a reply: shared by TL201 (jargon) and TL202 (acronyms).

TL201 reports a term of the lexicon used unexplained; TL202 skips those terms
when asked (`skip-jargon`) and suggests their explanation. Both read the same
scrubbed prose (`scrub`: links, paths, `code` and command lines blanked) and
test an explanation by its word initials (`initials_overlap`), so these live
here rather than in either rule.

The lexicon is TL201's pack, `rules/<lang>/TL201.toml` (schema `SCHEMA`):
`[terms]` maps a canonical term to a plain-language explanation and
`[variants]` gives the regex of its spellings; `after` / `before` are the
connectors of an explanation, `exceptions` the uses that are not the term,
`not_explanation` parentheses that explain nothing, `commands` the command
names whose lines are not prose.

The ordinary words of each language (`rules/<lang>/words.toml`, generated from
wordfreq by bench/common_words.py) tell a word written in capitals for
emphasis ("a LOT", "MUY", "SANGAT", "FOARTE") from an acronym (`emphasis`).

The organisation vocabulary (`Vocabulary`, declared in the config and the
organisation packs: packs/vocab.py) is read here too, so that every rule that
reads terms reads the same one: an accepted term silences TL201 and TL202
alike, a rejected term is reported by TL201 (with the preferred wording) and
left alone by TL202. The rules' own allow-style options (TL201 `known`,
TL202 `allow`) are accepted entries of the same kind, for that rule only
(`Vocabulary.accepting`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from .. import packs, recache
from ..model import LANGUAGES
from ..packs import Key, PackError, PackSchema
from ..packs.vocab import EMPTY, VocabularySpec, matches, normalise
from ..patterns import starts
from .text import TERM, TERM_PART, blank, links

CODE = "TL201"
SCHEMA = PackSchema(keys={
    "terms": Key("table", "canonical term -> plain-language explanation (shown in the suggestion)", required=True),
    "variants": Key("table", "canonical term -> regex of its spellings (default: the term itself)"),
    "suffix": Key("text", "regex of an ending a term may carry (plural, Romanian/Indonesian suffixes)"),
    "after": Key("patterns", "what, right after a term, explains it (', which is', 'i.e.', 'means')"),
    "before": Key("patterns", "what, right before a term, defines it ('known as', 'called')"),
    "exceptions": Key("patterns", "uses of a term's spelling that are not the term"),
    "not_explanation": Key("patterns", "parentheses after a term that do not explain it"),
    "commands": Key("words", "command names: a command line written in prose is not read"),
})
# What TL201 says (rules/<lang>/TL201.toml, [messages]): its finding and suggestions, and the organisation's rejected terms
SCHEMA = SCHEMA.saying("explain", "rejected_plain", term=("term",), explain_as=("term", "explanation"), rejected=("term",),
                       rejected_swap=("preferred",))
packs.declare(CODE, SCHEMA)

# An acronym candidate (TL202): 2 to 6 capitals, one optional digit, a plural "s"; not a code, a model,
# a number or part of a hyphenated code. `[0-9]{2}` in the lookahead (not `{2,}`): same test, without
# running down a long digit string.
ACRONYM = recache.compile(r"(?<![\w#@$&+])(?<![A-Za-z0-9]-)([A-Z]{2,6}[0-9]?)(s?)(?![\w@+=%]|-[A-Z0-9]|\.[A-Za-z0-9]|[-\s]?[0-9]{2}|[:#][0-9])")
# A word that is exactly an acronym candidate (or its plural): where an acronym's other uses can start.
CAPS_WORD = recache.compile(r"(?<!\w)[A-Z]{2,6}[0-9]?s?(?!\w)")

WORDS = "words"  # rules/<lang>/words.toml: the language's ordinary words (bench/common_words.py)
packs.declare(WORDS, PackSchema(keys={
    "common": Key("words", "ordinary words of 2-6 letters a-z, frequent in this language and not in the others (generated)",
                  required=True),
}, examples=False))


@functools.cache
def common_words(lang: str) -> frozenset[str]:
    """The ordinary words of `lang` (lower case, accents folded): what chat writes in capitals for emphasis."""
    return frozenset(w.lower() for w in packs.words(WORDS, lang, "common"))


def emphasis(token: str, lang: str, acronyms: frozenset[str] = frozenset()) -> bool:
    """Whether a token in capitals ("LOT", "ALMOST", "MUY", "SANGAT", "FOARTE") is an ordinary word of the
    message's language, or of English (chat in every language borrows it), written in capitals for emphasis.
    A word the acronym lists name (`acronyms`, upper case: IT, US, CEO, IDK) or that is one of the jargon
    lexicon's all-capital terms (DNS, RAID) stays an acronym."""
    t = token.upper()
    if t in acronyms or t in capital_terms():
        return False
    w = token.lower()
    return w in common_words(lang) or (lang != "en" and w in common_words("en"))


@functools.cache
def capital_terms() -> frozenset[str]:
    """The jargon lexicon's terms written in capitals (DNS, RAID, GRUB), of every language: acronyms."""
    out: set[str] = set()
    for lang in LANGUAGES:
        out |= {str(k).upper() for k in packs.table(CODE, lang, "terms") if re.fullmatch(r"[A-Z][A-Z0-9]+", str(k))}
    return frozenset(out)


def compound_spells(acronym: str, word: str) -> bool:
    """Whether one long word spells the acronym as a compound: its first letter is the acronym's and the
    other letters follow in order ("database" for DB, "firmware" for FW, "keyboard" for KB). Only a word of
    at least twice the acronym's length plus two letters counts: a short word holds any letters by chance."""
    letters = [c for c in acronym.lower() if c.isalpha()]
    w = word.lower()
    if len(letters) < 2 or len(w) < 2 * len(letters) + 2 or w[0] != letters[0]:
        return False
    pos = 1
    for c in letters[1:]:
        pos = w.find(c, pos) + 1
        if pos == 0:
            return False
    return True


_SMALL = recache.compile(r"[a-z\u00e0-\u024f]{1,3}")  # "and", "of", "de", "y", "dan", "și": between the words


def spelled_in(acronym: str, text: str) -> bool:
    """Whether `text` spells the acronym out anywhere as a run of capitalised words whose initials are its
    letters in order, small lower-case words between them allowed: "SICCO ... Specific, Informative, Concise,
    Complete, and On-Topic" (a hyphenated word gives the initial of each part: "On-Topic", O and T). Three
    letters at least: two capitalised words in a row ("Hi Dave") spell a two-letter token by chance."""
    letters = [c for c in acronym.upper() if c.isalpha()]
    n = len(letters)
    if n < 3:
        return False
    run: list[str] = []  # initials of the current run of capitalised words
    pos = 0
    for m in TERM_PART.finditer(text.replace("-", " ") if "-" in text else text):
        word = m.group(0)
        gap = text[pos : m.start()]
        pos = m.end()
        if word[0].isupper():
            if any(c in gap for c in ".!?;:\n") and run:
                run = []  # a sentence or line ends: the run is broken
            run.append(word[0])
            if len(run) >= n and run[-n:] == letters:
                return True
        elif not _SMALL.fullmatch(word):
            run = []
    return False


@functools.cache
def _commands() -> tuple[frozenset[str], tuple[re.Pattern[str], ...]]:
    """Command lines written in prose, as patterns applied one after the other by `scrub` (each on the
    text the previous ones blanked):

    1. a command name followed by an option, a path, an address or another command ("sudo apt-get
       update", "ping 8.8.8.8"), a quoted command, or a line holding a pipe into a command that is no
       ordinary word ("lspci | grep VGA --> ... VGA compatible controller: VIA ...": a command and, often,
       its output; not "Estado: abierto | su VPN está caída", nor a Markdown table row "| 1 | touch the
       MFA prompt |");
    2. a command name that is no ordinary word of any language (sudo, dpkg, iwconfig; not "make",
       "touch", "ping": rules/<lang>/words.toml), up to three words that are no ordinary words either (a
       program, its arguments), then an option, path or placeholder: "sudo eject /dev/hdd", "sudo rsync
       -aS ..." (group `words`: `scrub` keeps the text when one of them is an ordinary word, "ping the
       servers in /etc/resolv.conf");
    3. a line that starts (after an addressee, "nick: ") with such a name, then a word that is no ordinary
       word (group `program`): a command to type ("sudo iwlist eth1 scan"; not "sudo is a command ...").

    What is an ordinary word there: `_ordinary_word`.
    """
    names: set[str] = set()
    for lang in LANGUAGES:
        names |= set(packs.words(CODE, lang, "commands"))
    if not names:
        return frozenset(), ()
    # longest first; equal lengths in a fixed order (a set's order changes from run to run, and so would
    # the pattern: never found in the regex cache). Two names of one length never match at one place.
    alt = _alternation(names)
    flag = r"-{1,2}[A-Za-z]|/[A-Za-z?]|~/|<[\w -]{1,40}>|\$[A-Za-z{]|\d+\.\d|[\w-]+\.[a-z]{2,}\b"
    arg = rf"{flag}|(?:{alt})(?![\w-])"
    until = r"[^\n]*?(?=[.;,!?)](?:\s|$)|[\"'`\u201d\u2019]|\n|$)"  # to the end of the clause or line
    run = rf"(?<![\w-])(?:{alt})(?=[ \t]+(?:{arg})){until}"
    quoted = rf"[\"'\u201c\u2018](?:{alt})[ \t][^\"'\u201d\u2019\n]*[\"'\u201d\u2019]"
    rare = _alternation(names - _ordinary())
    pipe = rf"^(?![ \t]*\|)[^\n]*?\|[ \t]*(?:{rare})(?![\w-])[^\n]*"
    words = rf"(?<![\w-])(?:{rare})(?=(?P<words>(?:[ \t]+[\w.=-]{{1,40}}){{1,3}}?)[ \t]+(?:{flag})){until}"
    line = rf"^[ \t]*(?:[^\s:,]{{1,30}}[:,][ \t]+)?(?:{rare})[ \t]+(?P<program>[a-z][\w-]{{0,40}}){until}"
    return frozenset(names), (
        recache.compile(f"{quoted}|{run}|{pipe}", re.MULTILINE),
        recache.compile(words),
        recache.compile(line, re.MULTILINE),
    )


@functools.cache
def _ordinary() -> frozenset[str]:
    """The ordinary words of every language (rules/<lang>/words.toml)."""
    return frozenset().union(*(common_words(lang) for lang in LANGUAGES))


@functools.lru_cache(maxsize=512)
def ordinary_extensions(term: str) -> tuple[str, ...]:
    """The ordinary words (rules/<lang>/words.toml, every language) that are `term` (lower case) and more
    letters: "guide", "guides", "guided" for GUID, "sudor" for sudo. A customer's word built on one of them
    ("guide", "guidelines") is not a longer form of the term; "sudoers", "guids", "raid1" are."""
    return tuple(sorted(w for w in _ordinary() if len(w) > len(term) and w.startswith(term)))


_NAME_TOKEN = recache.compile(r"[\w-]+")
_PLAIN = recache.compile(r"[^\W\d_]+")


def _alternation(words: set[str]) -> str:
    """A regex alternation of plain words, longest first and in a fixed order (the pattern, and so its cache
    entry, is the same from run to run)."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))) or "(?!)"


def _spaces(m: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", m.group(0))


# An ordinary word longer than words.toml's 6 letters: lower-case letters only, with a vowel
_LONG_WORD = recache.compile(r"(?=[a-z]*[aeiouy])[a-z]{7,}")


def _ordinary_word(token: str) -> bool:
    """Whether a word after a command name is prose, not a program or an argument: a part of it is one of
    the ordinary words (rules/<lang>/words.toml: 2 to 6 letters), or it is a word of lower-case letters
    longer than those ("technicians", "required", "happened", "address", "necesar") and no command name.
    A program written after `sudo` is a command name, or short, or holds digits, dots or hyphens ("iwlist",
    "eth1", "nvidia-settings")."""
    if any(w.lower() in _ordinary() for w in _PLAIN.findall(token)):
        return True
    return _LONG_WORD.fullmatch(token) is not None and token not in _commands()[0]


def _command_spaces(m: re.Match[str]) -> str:
    """A command line blanked; kept when its program or argument words hold an ordinary word ("sudo is a
    command ...", "ping the servers in /etc/resolv.conf", "service technicians will check ..."): a
    sentence about the command, or one that starts with a word that is also a command name."""
    for group in ("program", "words"):
        found = m.groupdict().get(group)
        if found and any(_ordinary_word(w) for w in found.split()):
            return m.group(0)
    return _spaces(m)


@functools.lru_cache(maxsize=1024)
def scrub(prose: str) -> str:
    """The prose with URLs, e-mail addresses, paths, file names, command lines and `code`
    blanked (same length). Cached: TL201 and TL202 scrub the same messages."""
    names, commands = _commands()
    if commands and not names.isdisjoint(_NAME_TOKEN.findall(prose)):
        for pattern in commands:
            prose = pattern.sub(_command_spaces, prose)
    return blank(prose, links(prose))


def customer_text(body: str) -> str:
    """What a customer has written or seen: the whole body (their logs, command output, quoted errors and
    `code` included), without URLs and e-mail addresses ("http" in a link is not the word HTTP). Same length."""
    return blank(body, [link for link in links(body) if link.kind in ("url", "email", "host")])


# A run of five or more single words (or names) separated by commas: a list of nicknames, package
# names or tags, not a sentence. Items are bounded (a real name is at most 40 characters) and separated
# by a comma, so a try from a word start costs at most 40 steps per item.
_NAME_LIST = recache.compile(r"(?<![^\s,])(?:[^\s,]{1,40},[ \t]*){4,}[^\s,]{1,40}(?![^\s,])")


def reading_prose(prose: str) -> str:
    """What a reader reads as sentences: `scrub` (links, paths, command lines, `code` blanked), and
    lists of single words separated by commas blanked too (same length). TL203 scores this."""
    text = scrub(prose)
    if text.count(",") < 4:
        return text
    return blank(text, [m.span() for m in _NAME_LIST.finditer(text)])


def initials(text: str) -> list[str]:
    """Upper-cased initials of the words of `text`, plus inner capitals ("PowerShell" -> P, S)."""
    out: list[str] = []
    for w in TERM_PART.findall(text.replace("-", " ")):
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

    source: str | None  # `pattern`'s text
    keys: tuple[str, ...]
    explanations: Mapping[str, str]
    after: re.Pattern[str] | None
    before: re.Pattern[str] | None
    exceptions: re.Pattern[str] | None
    not_explanation: re.Pattern[str] | None
    # Speed: the terms split by their possible first character, tried only at word starts.
    buckets: Mapping[str, re.Pattern[str]]
    starts: re.Pattern[str] | None

    @functools.cached_property
    def pattern(self) -> re.Pattern[str] | None:
        """Every term; group `t<i>` is keys[i]. Compiled when first asked for: the rules find terms with
        the buckets and test a whole word with `fullmatches`, so a run seldom needs it."""
        return recache.compile(self.source, re.IGNORECASE) if self.source is not None else None

    def fullmatches(self, text: str) -> bool:
        """Whether `text` is one term as a whole (`pattern.fullmatch`). A word of ASCII letters and digits
        is tried against the bucket of its first character only: it holds, for each of a-z and 0-9, every
        term that can start with it, and `pattern`'s left guard holds at a text's start."""
        if text.isascii() and text[:1].isalnum():
            bucket = self.buckets.get(text[0].lower())
            return bucket is not None and bucket.fullmatch(text) is not None
        return self.pattern is not None and self.pattern.fullmatch(text) is not None

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
    by_char: dict[str, list[str]] = {}
    anywhere: list[str] = []
    for alt, chars in zip(alternatives, starts(alternatives, re.IGNORECASE)):
        if chars is None:
            anywhere.append(alt)
            continue
        for c in chars:
            by_char.setdefault(c, []).append(alt)
    for c in by_char:
        by_char[c] += anywhere
    buckets = {c: recache.compile(f"(?:{'|'.join(alts)}){_RIGHT}", re.IGNORECASE) for c, alts in by_char.items()}
    if anywhere:
        # a term whose first character is unknown: try it at every word start
        generic = recache.compile(f"(?:{'|'.join(anywhere)}){_RIGHT}", re.IGNORECASE)
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
    return recache.compile(f"(?:{body})\\s*$" if at_end else f"(?:{body})", re.IGNORECASE)


@functools.cache
def jargon(lang: str, extra: tuple[tuple[str, str], ...] = ()) -> Jargon:
    """The compiled TL201 pack of `lang`, plus `extra` (term, explanation) pairs (cached)."""
    where = f"rules/{lang}/{CODE}.toml"
    terms = packs.table(CODE, lang, "terms")
    variants = packs.table(CODE, lang, "variants")
    suffix = packs.text(CODE, lang, "suffix") or ""
    explanations: dict[str, str] = {str(k): str(v) for k, v in terms.items()}
    regexes: dict[str, str] = {}
    for key in explanations:
        regexes[key] = _term_regex(key, variants.get(key))
    for key, text in extra:
        explanations[key] = text
        regexes[key] = _term_regex(key, None)
    keys = tuple(sorted(regexes, key=lambda k: (-len(k), k)))
    source = None
    buckets: dict[str, re.Pattern[str]] = {}
    starts = None
    if keys:
        alternatives = [f"(?P<t{i}>{regexes[k]}){suffix}" for i, k in enumerate(keys)]
        source = f"{_LEFT}(?:{'|'.join(alternatives)}){_RIGHT}"
        try:
            # every alternative is compiled in a bucket (a bad one raises here); the whole only when asked
            buckets, starts = _buckets(alternatives)
        except re.error as exc:
            raise PackError(f"{where}: bad term regex: {exc}") from None
    return Jargon(
        source=source,
        keys=keys,
        explanations=explanations,
        after=_anchored(list(packs.words(CODE, lang, "after"))),
        before=_anchored(list(packs.words(CODE, lang, "before")), at_end=True),
        exceptions=_anchored(list(packs.words(CODE, lang, "exceptions"))),
        not_explanation=_anchored(list(packs.words(CODE, lang, "not_explanation"))),
        buckets=buckets,
        starts=starts,
    )


class Vocabulary:
    """The organisation vocabulary, compiled: `accepts(term)`, `rejects(term)`, `rejected(text)`.

    Entries are plain terms (packs/vocab.py): a lower-case entry matches any case, an entry with
    a capital only as written; inner whitespace matches any run of whitespace.
    """

    __slots__ = ("spec", "_exact", "_loose", "_reject_exact", "_reject_loose", "_pattern", "_groups")

    def __init__(self, spec: VocabularySpec) -> None:
        self.spec = spec
        self._exact = frozenset(t for t in spec.accept if t != t.lower())
        self._loose = frozenset(t for t in spec.accept if t == t.lower())
        self._reject_exact = {t: p for t, p in spec.reject if t != t.lower()}
        self._reject_loose = {t: p for t, p in spec.reject if t == t.lower()}
        self._groups: tuple[tuple[str, str], ...] = tuple(spec.reject)
        self._pattern: re.Pattern[str] | None = None
        if spec.reject:
            # One alternation of escaped literals (longest first), each in its own case mode, bounded by
            # non-word characters: no repeat but `\s+` between literal words, so linear in the text.
            order = sorted(range(len(spec.reject)), key=lambda i: (-len(spec.reject[i][0]), i))
            alts = []
            for i in order:
                term = spec.reject[i][0]
                body = r"\s+".join(re.escape(w) for w in term.split(" ")).replace("'", "['\u2019]")  # the dialect's apostrophe
                flags = "i" if term == term.lower() else "-i"
                alts.append(f"(?P<r{i}>(?{flags}:{body}))")
            self._pattern = re.compile(rf"(?<![\w@#$/\\-])(?:{'|'.join(alts)})(?![\w@]|-\w)")

    def __bool__(self) -> bool:
        return bool(self.spec)

    def accepts(self, term: str) -> bool:
        """Whether `term` (as written in the text, or a canonical term) is accepted."""
        if not self.spec.accept:
            return False
        t = normalise(term).replace("\u2019", "'")
        return t in self._exact or t.lower() in self._loose

    def rejects(self, term: str) -> bool:
        if not self.spec.reject:
            return False
        t = normalise(term).replace("\u2019", "'")
        return t in self._reject_exact or t.lower() in self._reject_loose

    def rejected(self, text: str) -> Iterator[tuple[str, str, int, int]]:
        """(entry, preferred wording or "", start, end) of every rejected term used in `text`."""
        if self._pattern is None:
            return
        for m in self._pattern.finditer(text):
            name = m.lastgroup or ""
            term, preferred = self._groups[int(name[1:])]
            yield term, preferred, m.start(), m.end()

    def accepting(self, extra: tuple[str, ...]) -> Vocabulary:
        """This vocabulary with `extra` accepted too (a rule's own allow-style option), cached."""
        return vocabulary(self.spec, extra)


@functools.lru_cache(maxsize=64)
def vocabulary(spec: VocabularySpec = EMPTY, extra: tuple[str, ...] = ()) -> Vocabulary:
    """The compiled vocabulary of `spec` with the terms of `extra` accepted too (cached: built once per config).

    An `extra` term that the vocabulary rejects stays rejected (the organisation's list wins over a rule option)."""
    if extra:
        more = tuple(t for t in (normalise(x) for x in extra) if t and not any(matches(r, t) for r, _ in spec.reject))
        spec = VocabularySpec(accept=tuple(dict.fromkeys(spec.accept + more)), reject=spec.reject)
    return Vocabulary(spec)


NO_VOCABULARY = vocabulary()

_FOLLOWING_WORD = recache.compile(r"[ \t]+" + TERM.pattern)
# "... the internet's address book (": two or more terms right before an opening parenthesis
_TWO_WORDS_THEN_PAREN = recache.compile(f"{TERM.pattern}[ \t,-]+{TERM.pattern}[ \t]*\\($")
_PAREN = recache.compile(r"\s*\(([^()\n]{3,200})\)")
_MENU = recache.compile(r"[>\u2192\u00bb|]|\b(?:ctrl|alt|shift|cmd)\s*\+", re.IGNORECASE)


def _paren_explains(lex: Jargon, inner: str, term: str) -> bool:
    inner = inner.strip()
    if lex.not_explanation is not None and lex.not_explanation.match(inner):
        return False
    if _MENU.search(inner):
        return False
    words = TERM_PART.findall(inner)
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
    if re.match(r"\s*\)", text[end : end + 3]) and _TWO_WORDS_THEN_PAREN.search(head):
        return True
    return False


