"""Find the parts of a message that are not the writer's own prose.

Quoted history, signatures and pasted logs must not trigger prose rules
(a stack trace is full of acronyms and ALL CAPS), yet a pasted log is evidence
for TL101. So instead of deleting them we *blank them out*: the prose text has
the same length as the body, with masked characters turned into spaces and
newlines kept, so every offset a rule reports is valid in the original body.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .model import LANGUAGES, Span
from .resources import lexicon, str_list
from .textutil import blank_out

_LOG_LINE = re.compile(
    r"""^\s*(?:
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
_INDENTED = re.compile(r"^(?: {4,}|\t)\S")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s")
_FENCE = re.compile(r"^\s*(?:```|~~~)")
_QUOTE = re.compile(r"^\s*>")
_SIG_DASHES = re.compile(r"^--\s?$")


@dataclass(frozen=True, slots=True)
class Masked:
    prose: str
    quotes: tuple[Span, ...]
    signatures: tuple[Span, ...]
    logs: tuple[Span, ...]


@functools.cache
def _joined(key: str) -> re.Pattern[str] | None:
    patterns: list[str] = []
    for lang in LANGUAGES:
        patterns += str_list(lexicon(lang, "masking"), key, f"rules/{lang}/masking.toml")
    if not patterns:
        return None
    return re.compile(r"^\s*(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\s*$", re.IGNORECASE)


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
    quotes: list[Span] = []
    sigs: list[Span] = []
    logs: list[Span] = []
    headers = _joined("reply_headers")
    signoffs = _joined("signoffs")

    in_fence = False
    cut = len(lines)  # index of the first line of trailing history/signature
    for i, (s, e, line) in enumerate(lines):
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

    if not (quotes or sigs or logs):
        return Masked(body, (), (), ())  # most messages: nothing to blank, no copy
    chars = list(body)
    for span in (*quotes, *sigs, *logs):
        blank_out(chars, span.start, min(span.end, len(body)))
    return Masked("".join(chars), tuple(quotes), tuple(sigs), tuple(logs))
