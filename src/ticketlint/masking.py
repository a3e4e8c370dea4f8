"""Find the parts of a message that are not the writer's own prose.

Quoted history, signatures and pasted logs must not trigger prose rules
(a stack trace is full of acronyms and ALL CAPS), yet a pasted log is evidence
for TL101. Markup is not prose either: the YAML front matter of a Markdown
canned reply (`---` ... `---` at the top) and HTML comments (`<!-- ... -->`,
where a reply keeps notes and directives the customer never sees). So instead of deleting them we *blank them out*: the prose text has
the same length as the body, with masked characters turned into spaces and
newlines kept, so every offset a rule reports is valid in the original body.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from re import _parser  # type: ignore[attr-defined]

from . import packs, recache
from .frozen import fast_init
from .model import Span
from .patterns import first_chars

# Leading whitespace is possessive (\s*+) in the line patterns below: every alternative starts with a
# non-space character, so giving whitespace back could never lead to a match, and on a long run of
# spaces the backtracking tried every alternative at every position of the run.
_LOG_LINE = recache.compile(
    r"""^\s*+(?:
        \[?\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}            # ISO timestamp
      | \[?\d{1,2}:\d{2}:\d{2}\b                         # hh:mm:ss
      | \[\s*\d+\.\d+\]                                  # dmesg
      | \[?(?:ERROR|WARN(?:ING)?|INFO|DEBUG|FATAL|CRITICAL|TRACE|SEVERE)\]?[:\s]
      | Traceback\ \(most\ recent\ call\ last\)
      | File\ ".*",\ line\ \d+
      | at\ [\w$.<>]+\(.*\)\s*$                          # Java/.NET frame
      | Exception\ in\ thread
      | (?:[\w.]+\.)?\w+(?:Error|Exception):\s         # Python/Java exception line
      | \$\ \S                                           # shell prompt
      | [A-Z]:\\[^>\n]*>                                 # Windows prompt
      | PS\ [A-Z]:\\
      | >>>\ 
    )""",
    re.VERBOSE,
)
_INDENTED = recache.compile(r"^(?: {4,}|\t)\S")
_LIST_ITEM = recache.compile(r"^\s*+(?:[-*•]|\d+[.)])\s")
_FENCE = recache.compile(r"^\s*+(?:```|~~~)")
_QUOTE = recache.compile(r"^\s*+>")
_NOT_NEWLINE = recache.compile(r"[^\n]")
_SIG_DASHES = recache.compile(r"^--\s?$")
# Social-media agents sign a reply with their initials (two or three capitals; one is a flag like "-R") after a
# mark: "... for you. ^JK", "-AB", "*TM", "~CR".
# Searched only in the last characters of the body (anchored at its end), so its cost does not grow with it.
_SIGN_INITIALS = recache.compile(r"(?:^|[^\S\n])[\^*~/–—-][^\S\n]?[A-Z]{2,3}[^\S\n]*$")
_INITIALS_TAIL = 12
_FRONT_OPEN = recache.compile(r"---[ \t\r]*")  # fullmatch on the first line
_FRONT_CLOSE = recache.compile(r"(?:---|\.\.\.)[ \t\r]*")
# A line of a YAML block: blank, a comment, a list item, an indented continuation, or `key:` (one
# bounded run of non-colons, then the colon): a message that merely starts with a rule of dashes is prose.
_YAML_LINE = recache.compile(r"[ \t\r]*$|[#\s-]|[^\s:#][^:\n]*:(?:[ \t\r]|$)")


@fast_init
@dataclass(frozen=True, slots=True)
class Masked:
    prose: str
    quotes: tuple[Span, ...]
    signatures: tuple[Span, ...]
    logs: tuple[Span, ...]
    markup: tuple[Span, ...] = ()  # front matter and HTML comments


def _front_matter(lines: list[tuple[int, int, str]]) -> Span | None:
    """The YAML front matter at the top of a message: `---`, lines of YAML, then `---` or `...`."""
    if not lines or not _FRONT_OPEN.fullmatch(lines[0][2]):
        return None
    for _s, e, line in lines[1:]:
        if _FRONT_CLOSE.fullmatch(line):
            return Span(0, e) if len(lines) > 1 else None
        if not _YAML_LINE.match(line):
            return None
    return None  # never closed: not front matter, the text stays prose


def _without(lines: list[tuple[int, int, str]], spans: list[Span]) -> list[tuple[int, int, str]]:
    """The lines (same start and end) with the characters of `spans` taken out of their text.

    One pass over lines and merged spans: a span is looked at once for each line it covers.
    """
    merged: list[list[int]] = []
    for span in sorted(spans, key=lambda sp: sp.start):
        if merged and span.start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], span.end)
        else:
            merged.append([span.start, span.end])
    out: list[tuple[int, int, str]] = []
    j = 0
    for s, e, line in lines:
        while j < len(merged) and merged[j][1] <= s:
            j += 1
        if j == len(merged) or merged[j][0] >= e:
            out.append((s, e, line))
            continue
        pieces: list[str] = []
        pos = s
        k = j
        while k < len(merged) and merged[k][0] < e:
            a, b = max(merged[k][0], s), min(merged[k][1], e)
            pieces.append(line[pos - s : max(pos, a) - s])
            pos = max(pos, b)
            k += 1
        pieces.append(line[pos - s :])
        out.append((s, e, "".join(pieces)))
    return out


def _comments(body: str) -> list[Span]:
    """Every closed HTML comment (`<!--` ... `-->`); an unclosed one hides nothing (a typo must not hide a reply)."""
    out: list[Span] = []
    start = body.find("<!--")
    while start != -1:
        end = body.find("-->", start + 4)
        if end == -1:
            break
        out.append(Span(start, end + 3))
        start = body.find("<!--", end + 3)
    return out


# rules/<lang>/masking.toml: what starts quoted history and a signature, per language.
packs.declare("masking", packs.PackSchema(keys={
    "reply_headers": packs.Key("patterns", "lines that start quoted history (masked to the end)", required=True),
    "signoffs": packs.Key("patterns", "sign-off lines: from one, a short block to the end is a signature", required=True),
}, examples=False))


@functools.cache
def _joined(key: str) -> re.Pattern[str] | None:
    patterns = packs.patterns("masking", key, None)  # every language's: quoted history is in any language
    if not patterns:
        return None
    # Possessive leading whitespace (see _LOG_LINE) when no pattern can start with whitespace or match empty.
    # Decided by parsing every pattern (pure Python): kept between runs as a plan, the regex in the regex cache.
    inputs = ("lead", tuple(patterns))
    lead = recache.plan(_plan_tag(), inputs)
    if lead not in (r"^\s*+", r"^\s*"):
        lead = r"^\s*+" if all(_starts_solid(p) for p in patterns) else r"^\s*"
        recache.keep_plan(_plan_tag(), inputs, lead)
    return recache.compile(lead + "(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\s*$", re.IGNORECASE)


@functools.cache
def _empty_is_plain() -> bool:
    """Whether an empty line is plain prose: no reply header matches it (asked once, not per message)."""
    headers = _joined("reply_headers")
    return headers is None or headers.match("") is None


def _plan_tag() -> str:
    """This module's plan tag (its source, hashed: plans made by other code are never read)."""
    return recache.source_tag("masking", __file__)


def _starts_solid(pattern: str) -> bool:
    """Whether every match of `pattern` starts with a known non-whitespace character."""
    try:
        info = first_chars(_parser.parse(pattern, re.IGNORECASE))
    except (re.error, TypeError, ValueError):
        return False
    return info is not None and not info[1] and bool(info[0]) and not any(c.isspace() for c in info[0])


def _lines(text: str) -> list[tuple[int, int, str]]:
    out = []
    start = 0
    for raw in text.split("\n"):
        out.append((start, start + len(raw), raw))
        start += len(raw) + 1
    return out


def mask(body: str) -> Masked:
    """Compute prose (same length as body) and the masked regions by kind."""
    lines = _lines(body)
    markup: list[Span] = _comments(body) if "<!--" in body else []
    front = _front_matter(lines) if body.startswith("---") else None
    if front is not None:
        markup.append(front)
    if markup:
        # the other regions are found in the lines without their markup: a `--` line inside a comment
        # is no signature delimiter, and the text after a comment is not indented like a log
        lines = _without(lines, markup)
    quotes: list[Span] = []
    sigs: list[Span] = []
    logs: list[Span] = []
    headers = _joined("reply_headers")
    signoffs = _joined("signoffs")

    in_fence = False
    cut = len(lines)  # index of the first line of trailing history/signature
    # An empty line matches none of the line patterns (unless a reply header can match it): skip the six
    # regex calls ("\n" * n was ~3 µs a line).
    empty_is_plain = _empty_is_plain()
    for i, (s, e, line) in enumerate(lines):
        if not line and empty_is_plain:
            if in_fence:
                logs.append(Span(s, e))
            continue
        if _FENCE.match(line):
            logs.append(Span(s, e))
            in_fence = not in_fence
            continue
        if in_fence:
            logs.append(Span(s, e))
            continue
        if headers is not None and headers.match(line):
            cut = i
            quotes.append(Span(s, len(body)))
            break
        if _SIG_DASHES.match(line):
            cut = i
            sigs.append(Span(s, len(body)))
            break
        if _QUOTE.match(line):
            quotes.append(Span(s, e))
        elif _LOG_LINE.match(line) or (_INDENTED.match(line) and not _LIST_ITEM.match(line)):
            logs.append(Span(s, e))

    if signoffs is not None:
        for i in range(max(0, cut - 6), cut):
            s, _, line = lines[i]
            if signoffs.match(line):
                tail = [ln for _, _, ln in lines[i + 1 : cut] if ln.strip()]
                if len(tail) <= 4 and all(len(t) < 60 for t in tail):
                    sigs.append(Span(s, lines[cut - 1][1] if cut else len(body)))
                    break

    if not sigs:
        kept = body.rstrip()
        # initials end the text (`[A-Z]{2,3}` then only spaces up to its end): a text ending otherwise has none
        if kept and "A" <= kept[-1] <= "Z":
            initials = _SIGN_INITIALS.search(kept, max(0, len(kept) - _INITIALS_TAIL))
            if initials is not None and initials.start() > 0:
                sigs.append(Span(initials.start(), len(body)))

    if not (quotes or sigs or logs or markup):
        return Masked(body, (), (), ())  # most messages: nothing to blank, no copy
    return Masked(_blanked(body, (*quotes, *sigs, *logs, *markup)), tuple(quotes), tuple(sigs), tuple(logs),
                  tuple(markup))


def _blanked(body: str, spans: tuple[Span, ...]) -> str:
    """`body` with every character of the spans but newlines turned into a space.

    Built from slices of the merged spans (as textutil.blank_out would leave a list of the
    characters, without a Python step per character).
    """
    merged: list[list[int]] = []
    for span in sorted(spans, key=lambda sp: sp.start):
        start, end = span.start, min(span.end, len(body))
        if end <= start:
            continue
        if merged and (start <= merged[-1][1] or (start == merged[-1][1] + 1 and body[start - 1] == "\n")):
            # overlapping, or the next line (a newline stays a newline): one region, one substitution
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out: list[str] = []
    pos = 0
    for start, end in merged:
        out.append(body[pos:start])
        out.append(_NOT_NEWLINE.sub(" ", body[start:end]))
        pos = end
    out.append(body[pos:])
    return "".join(out)
