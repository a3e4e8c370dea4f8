r"""Text primitives every rule shares: folding, words, sentences, list items, links, quoting.

One home for what "a word", "a sentence" and "a list item" are, so that the
rules split and fold the same way (before 0.3 there were six sentence
splitters, five list-item regexes and seven word regexes in rule modules).

Three notions of a word, each for a reason:

- `TOKEN` (`\w+`): any run of word characters, numbers included: key words of a
  question, counting words of a reply.
- `WORD`: letters only, with inner apostrophes and hyphens ("don't",
  "e-mail", "bun-venit"): language detection, readability, shouting.
- `TERM`: starts with a letter, then word characters, apostrophes and hyphens
  ("IPv6", "Win10", "2FA" is not one): the jargon and acronym rules.

Named variants, where a rule's results depend on its own cut (each says why):
`TERM_PART` (a term cut at hyphens: the initials of "Multi-Factor"), `LETTER`,
`SENTENCE_MARK` (a crude sentence end, for "the sentence around a word"),
`PUNCTUATED` (a run up to end marks, TL203's longest sentence), `CLAUSE`
(TL407: split at colons and semicolons too), `STEP_ITEM` (TL204: the list-item
markers of instructions, "Step 2:", "iii)", "#3" included).

`AnalysedMessage` (document.py) exposes the common ones as cached methods
over its prose: `sentences()`, `words()`, `tokens()`, `list_items()`, `links()`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from .. import recache
from ..model import LANGUAGES
from ..patterns import Phrases
from ..textutil import fold as _fold_accents

if TYPE_CHECKING:  # document.py delegates to this module: no import cycle at run time
    from ..document import AnalysedMessage

TOKEN = recache.compile(r"\w+")
WORD = recache.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
TERM = recache.compile(r"[^\W\d_][\w'’\-]*")
# A list item's marker at the start of a line: "-", "*", "•", "1.", "2)", "a)". The blanks before it
# are possessive so that a line of blanks is not rescanned from each of its characters.
LIST_ITEM = recache.compile(r"^[^\S\n]*+(?:[-*•·▪◦]|\(?\d{1,2}[.)]|\(?[a-zA-Z][.)])[^\S\n]+", re.MULTILINE)

# A term cut at hyphens and without digits first: "Multi-Factor" is two (their initials spell MFA).
TERM_PART = recache.compile(r"[^\W\d_][\w'’]*")
LETTER = recache.compile(r"[^\W\d_]")
# A crude sentence end (no abbreviations): the edges of "the sentence around" a word (TL202's shouting).
SENTENCE_MARK = recache.compile(r"[.!?\n]")
# A run of text up to its end marks or line break, marks included (TL203 quotes the longest one).
PUNCTUATED = recache.compile(r"[^.!?…\n]+(?:[.!?…]+|\n|$)")
# A clause: cut at sentence ends, line breaks, colons and semicolons, the end mark kept (TL407).
CLAUSE = recache.compile(r"[^.!?¡¿\n:;]+(?:[.!?¡¿]+|:|;)?")
# A line that is a step of a list (TL204): LIST_ITEM's markers, plus "+", "–", roman numerals, "#3" and
# "Step 2:" in the four languages (case-insensitive, run on folded text).
# Named variants of a list item, each where a rule's results depend on its own cut:
# LIST_LINE: a line that opens with a marker ("+" and "–" too) and has text after it (the hand-off
#   rules count such lines as a list of steps tried);
# ITEM_MARKER: the bare marker ("1.", "2)", "-", "*", "•") that TL303 finds at a line's start through
#   ListMarkers (which adds the blanks around it).
LIST_LINE = recache.compile(r"^[^\S\n]*(?:[-*•·▪◦+–]|\(?\d{1,2}[.)]|\(?[a-zA-Z][.)])\s+\S", re.MULTILINE)
ITEM_MARKER = recache.compile(r"\d{1,2}[.)]|[-*•]")
# QUESTION_ITEM: an item of a list of questions ("a) ...", "2. ...", "- ..."; letters a-h only, so that
#   "I) ..." or "x) ..." stays prose) and QUESTION_MARKER its bare marker, for ListMarkers.
QUESTION_ITEM = recache.compile(r"^\s*(?:\d{1,2}[.)]|[a-h][.)]|[-*•])\s+")
QUESTION_MARKER = recache.compile(r"\d{1,2}[.)]|[a-h][.)]|[-*•]")
# A run of two letters or more: a reply without one ("0:0:0", a pasted number) says nothing.
LETTER_RUN = recache.compile(r"[^\W\d_]{2,}")
STEP_ITEM = recache.compile(
    r"^\s*(?:[-*•·▪◦+–]|\(?\d{1,2}[.)]|\(?[a-zA-Z][.)]|\(?[ivx]{1,4}[.)]|#\d+|"
    r"(?:step|paso|langkah|pasul|pas)\s*\d+\s*[:.)-]?)(?=\s|$)",
    re.IGNORECASE,
)

# A command line to run (TL303 reads it as a next step, TL302 as a step answering "why?"), in any
# language: a first word followed right away by an option or a path ("cd ~/google-earth; sh uninstall",
# "lshw -C network", "nmap -sP 192.168.0.0/24").
# A shell prompt before it ("$ cd Neko-SPM", "$pkg install libwebp") or a package manager's or version control's
# subcommand ("pkg install jq", "composer update", "git pull") is one too, and so is a chat client's command with
# its argument ("/join #ubuntu-ru", "/msg nickserv help": issue 13, en-irc4), not a path ("/etc is where ...").
COMMAND_LINE = recache.compile(
    r"[a-z][\w.+-]{0,30}+[ \t]++(?:-{1,2}[a-z0-9]|[~.]?/[\w.~-])|\$[ \t]*+[a-z]"
    r"|/(?:join|j|msg|query|part|leave|nick|topic|whois|invite|ignore|server|list|mode)[ \t]++[#&\w]"
    r"|(?:sudo[ \t]++)?(?:pkg|apt|apt-get|npm|npx|pip|pip3|yarn|pnpm|composer|git|docker|brew|snap|opkg|yum|dnf|pacman|gem|cargo)[ \t]++"
    r"(?:install|i|add|update|upgrade|pull|clone|start|run|remove|uninstall|init|build|checkout|fetch|require|dump-autoload)\b"
)
# "dana: yes", "Hi Dana, no": the name or addressee before the first word that matters.
ADDRESSEE = recache.compile(r"^(?:[\w|.\-]+\s+){0,2}[\w|.\-]+\s*[:,]\s+")


def fold(text: str) -> str:
    """Lower case without diacritics, one character for one (offsets are kept)."""
    low = text.lower()
    if len(low) != len(text):  # a few characters change length when lowered (İ)
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    folded = _fold_accents(low)
    if folded is low:  # ASCII: already lower case
        return folded
    again = folded.lower()  # styled capitals fold to ASCII capitals (𝙺 -> K)
    return again if len(again) == len(folded) else folded


@functools.cache
def _abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    """Abbreviations and titles of every language (`rules/<lang>/language.toml`), merged: a reply may
    mix languages, and a full stop after "etc." or "dvs." never ends a sentence in any of them."""
    from ..languages import language

    abbrev = frozenset(a for lang in LANGUAGES for a in language(lang).abbreviations)
    titles = frozenset(t for lang in LANGUAGES for t in language(lang).titles)
    return abbrev | titles, titles


# The (?<!...) and the possessive `++` / `*+` keep the scan linear on a run of punctuation
# ("!!!!...!x"): without them every position of the run would rescan it to its end. A
# match cannot start inside a run whose start failed (the same run, the same end), nor
# end inside one, and giving back part of the run or of the closing quotes never helps
# the lookahead; so the matches are the same.
# A full stop right after a lower-case abbreviation that is a whole word ("etc.", "e.g.") never
# ends a sentence (sentences() would skip it: only a capitalised one can end a name), so the regex
# does not stop there at all: a run of "etc. etc. ..." costs no Python per abbreviation.
@functools.cache
def _end_pattern() -> re.Pattern[str]:
    """Where a sentence may end (built once, from the languages' abbreviations)."""
    lower_abbrev_before = "|".join(rf"(?<=(?<![\w.]){re.escape(a)})" for a in sorted(_abbreviations()[0]))
    # recache: re's pure-Python parser took ~5 ms of each start over the alternation of abbreviations
    return recache.compile(rf"(?=[.!?…])(?<![.!?…])(?!(?:{lower_abbrev_before})\.)[.!?…]++[\"'”’)\]]*+(?=\s|$)|\n")
# The word before a full stop, read backwards (on the reversed text) from the stop: the
# whole run of [\w.] before it, as `([\w.]+)$` on the text before it found, but without
# rescanning the sentence from its start at every stop (runs of "etc. etc." were quadratic).
_LAST_WORD_REVERSED = recache.compile(r"[\w.]++")
_NON_SPACE = recache.compile(r"\S")


def sentences(prose: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence or line of `prose`, trimmed, blanks skipped.

    A line break ends a sentence too: replies are written in lines (greeting,
    list items, sign-off) more often than in punctuated paragraphs.
    """
    out: list[tuple[int, int]] = []
    start = 0
    n = len(prose)
    reversed_prose: str | None = None
    first_content = -1  # first non-blank offset at or after `start`, computed once per start
    content_of = -1  # the `start` it was computed for
    abbreviations = _abbreviations()[0]
    for m in _end_pattern().finditer(prose):
        if m.group(0)[0] == ".":
            # Linear: the word is read backwards from the stop, and no slice of the sentence
            # so far is made (the sentence may run on across many "etc." and "e.g.").
            if reversed_prose is None:
                reversed_prose = prose[::-1]
            w = _LAST_WORD_REVERSED.match(reversed_prose, n - m.start(), n - start)
            if w is not None:
                word = prose[m.start() - (w.end() - w.start()) : m.start()]
                if content_of != start:
                    c = _NON_SPACE.search(prose, start)
                    first_content, content_of = (c.start() if c is not None else n), start
                alone = first_content >= m.start() - len(word)  # the sentence so far is only this word
                if word.lower() in abbreviations and not _name_ends(prose, alone, word, m.end()) or alone and word.isdigit():
                    continue  # "e.g." and "approx." do not end a sentence, nor "1." opening a list item
        end = m.end() if m.group(0) != "\n" else m.start()
        _add(prose, start, end, out)
        start = m.end()
    _add(prose, start, len(prose), out)
    return out


_NEXT_CAPITAL = recache.compile(r"\s+[\"'“‘(]?[^\W\d_]")


def _name_ends(prose: str, alone: bool, word: str, after: int) -> bool:
    """A capitalised word that is also an abbreviation ("Fibra Max.", "Plan No.") inside a sentence, before a
    capitalised word, is a name ending the sentence; titles ("Dr. Pop") never end one.

    `alone`: the sentence so far is only `word`."""
    if word.lower() in _abbreviations()[1] or not word[:1].isupper() or alone:
        return False
    m = _NEXT_CAPITAL.match(prose, after)
    return m is not None and prose[m.end() - 1].isupper()


_ALNUM = recache.compile(r"[^\W_]")  # what str.isalnum() accepts


def _add(prose: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    # Regex scans, not character loops in Python: a megabyte of blanks is one segment.
    if _ALNUM.search(prose, start, end) is None:
        return  # blank, or punctuation only
    first = _NON_SPACE.search(prose, start, end)
    assert first is not None
    start = first.start()
    end = start + len(prose[start:end].rstrip())
    out.append((start, end))


class LineCursor:
    """The start of the line holding an offset, for offsets visited in increasing order.

    `text.rfind("\\n", 0, offset)` per sentence rescans the whole line back to its
    start: quadratic on one long line of many sentences. Here each stretch of
    text is searched once (linear in total); an offset out of order falls back
    to the plain search.
    """

    __slots__ = ("text", "pos", "start")

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0  # offsets before this one were searched
        self.start = 0  # start of the line holding `pos`

    def line_start(self, offset: int) -> int:
        if offset < self.pos:
            return self.text.rfind("\n", 0, offset) + 1
        i = self.text.rfind("\n", self.pos, offset)
        if i >= 0:
            self.start = i + 1
        self.pos = offset
        return self.start


class ListMarkers:
    """`re.match(r"^\\s*(?:<marker>)\\s+", text[line_start:end])`, worked out once per line.

    The rules test every sentence of a line for a list marker at the line's start;
    matching the slice from the line's start per sentence is quadratic on one long
    line of many sentences ("1. 1. 1. ..."). Here the blanks, the marker and the blanks
    after it are found once per line; for a given `end` the match is the same as on
    the slice (a marker cut by `end` fails there too, and the blanks after it stop at
    `end`). `marker` must not match a blank or a line break as its first character.
    """

    __slots__ = ("text", "marker", "_lines")

    def __init__(self, text: str, marker: re.Pattern[str]) -> None:
        self.text = text
        self.marker = marker
        self._lines: dict[int, tuple[int, int] | None] = {}

    def end(self, line_start: int, end: int) -> int | None:
        """Offset in `text` where the match on `text[line_start:end]` ends, or None when it fails."""
        if line_start not in self._lines:
            first = _NON_SPACE.search(self.text, line_start)
            m = self.marker.match(self.text, first.start()) if first is not None else None
            blanks = _NON_SPACE.search(self.text, m.end()) if m is not None else None
            blanks_end = blanks.start() if blanks is not None else len(self.text)
            # no marker, or no blank after it: the slice never matches
            self._lines[line_start] = None if m is None or blanks_end == m.end() else (m.end(), blanks_end)
        found = self._lines[line_start]
        if found is None:
            return None
        marker_end, blanks_end = found
        if marker_end >= end:  # the marker cut, or no blank after it before `end`
            return None
        return min(blanks_end, end)


def first_sentence(msg: AnalysedMessage, skip: Phrases | None = None) -> tuple[int, int]:
    """The first sentence of a message, past a greeting line ("Hi Anna,") when one is given."""
    sents = msg.sentences()
    if not sents:
        return (0, min(len(msg.body), 80))
    for s, e in sents:
        text = fold(msg.prose[s:e])
        if skip is not None and len(text.split()) <= 4 and skip.match(text) and text.rstrip().endswith((",", "!", ":")):
            continue
        return (s, e)
    return sents[0]


def quote(text: str, limit: int = 70) -> str:
    """`text` on one line, shortened to `limit` characters, for quoting in a finding's message."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


LinkKind = Literal["url", "email", "code", "path", "host", "dotfile"]


@dataclass(frozen=True, slots=True)
class Link:
    """A stretch of a message that is not prose even after masking: a URL, an e-mail address, inline
    `code`, a file path, a host or file name, a dot-file. Terms inside it are not words of the reply."""

    start: int
    end: int
    kind: LinkKind


# Linearity: the e-mail local part, path segments, host labels and the number of labels are
# bounded (RFC 5321's 64, NAME_MAX 255, DNS's 63, 32 labels) and possessive. Unbounded, `[\w.+-]+@`
# and `(?:[\w.$~%-]+[\\/])+` rescanned the rest of a long token ("a.a.a.a...", a JWT, 20 KB of
# capitals after a dot) from every start position: quadratic. Possessive is exact here (the next
# character, "@", ".", "/", cannot be one of the run); the bounds only change tokens no real
# address, path or host name has. (Moved from TL201, where it was `_SCRUB`.)
LINK = recache.compile(
    r"""(?P<url>(?:https?|ftp|file|smb)://\S+ | \bwww\.\S+)
      | (?P<email>[\w.+-]{1,64}+@[\w-]++(?:\.[\w-]++)+)
      | (?P<code>`[^`\n]*`)
      | (?P<path>(?<![\w/])(?:[A-Za-z]:)?[\\/]?(?:[\w.$~%-]{1,255}+[\\/])+[\w.$~%-]*+)   # a/b/c, C:\x\y, /etc/x
      | (?P<host>(?<![\w.])(?:[A-Za-z0-9-]{1,63}+\.){1,32}[a-z][a-z0-9]{1,5}(?![\w.]|\.\w))  # host and file names
      | (?P<dotfile>(?<![\w.])\.[a-z]\w*/?)                                             # .bashrc
    """,
    re.VERBOSE,
)
_LINK_TRIGGERS = ("/", "\\", "@", "`", ".")
_PATHLIKE_MIN_SEPARATORS = 2  # "TCP/IP", "and/or" are words, "/etc/hosts" is a path
_PATH_HEAD = recache.compile(r"[A-Za-z]:|[/\\~.]")


def links(text: str) -> list[Link]:
    """The URLs, e-mail addresses, `code`, paths, host and file names of `text`, in order.

    A word pair with one slash ("TCP/IP", "and/or", "on/off") is not a path."""
    if not any(t in text for t in _LINK_TRIGGERS):
        return []
    out: list[Link] = []
    for m in LINK.finditer(text):
        kind = m.lastgroup
        assert kind is not None
        found = m.group(0)
        if found[0] != "`" and "://" not in found and "@" not in found and not found.startswith("www."):
            seps = found.count("/") + found.count("\\")
            if 0 < seps < _PATHLIKE_MIN_SEPARATORS and not _PATH_HEAD.match(found):
                continue
        out.append(Link(m.start(), m.end(), kind))  # type: ignore[arg-type]
    return out


_NOT_NEWLINE = recache.compile(r"[^\n]")


def blank(text: str, spans: "list[Link] | list[tuple[int, int]]") -> str:
    """`text` with the characters of `spans` (sorted, disjoint) turned into spaces, line breaks kept."""
    if not spans:
        return text
    parts: list[str] = []
    pos = 0
    for span in spans:
        start, end = (span.start, span.end) if isinstance(span, Link) else span
        parts.append(text[pos:start])
        parts.append(_NOT_NEWLINE.sub(" ", text[start:end]))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def words(text: str) -> list[tuple[int, int]]:
    """(start, end) of each `WORD` of `text`: letters with inner apostrophes and hyphens."""
    return [m.span() for m in WORD.finditer(text)]


def tokens(text: str) -> list[tuple[int, int]]:
    """(start, end) of each `TOKEN` of `text`: runs of word characters, numbers included."""
    return [m.span() for m in TOKEN.finditer(text)]


def list_items(text: str) -> list[tuple[int, int]]:
    """(start of the marker, start of the item's text) of each line of `text` that opens with a list
    marker (`LIST_ITEM`: "-", "*", "•", "1.", "2)", "a)")."""
    return [(m.end() - len(m.group(0).lstrip()), m.end()) for m in LIST_ITEM.finditer(text)]


# A terminal control sequence (CSI: colours, bold, cursor moves) pasted from a console: "\x1b[31m".
# Possessive runs: a long "\x1b[;;;;..." without a final byte is scanned once.
ANSI_ESCAPE = recache.compile(r"\x1b\[[0-9;?]*+[ -/]*+[@-~]")


def without_ansi(text: str) -> str:
    """`text` with terminal control sequences turned into spaces (same offsets): a secret or a label pasted
    in colour ("\\x1b[1mpassword: ...", "\\x1b[31m4111 ...") starts a word like any other."""
    if "\x1b" not in text:
        return text
    return ANSI_ESCAPE.sub(lambda m: " " * len(m.group(0)), text)
