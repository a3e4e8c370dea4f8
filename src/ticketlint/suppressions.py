"""Suppression directives: which findings a ticket's own text or tags switch off.

A directive names rules by code, name or alias (or ALL), several comma-separated:

    ticketlint: disable=TL201,unexplained-acronym      the whole message, or a region up to an enable
    ticketlint: enable=TL201                             closes the region(s) the disables opened
    ticketlint: disable-line=TL301                       findings that start on this line
    ticketlint: disable-next-line=TL301                  findings that start on the next line

and may sit in an HTML comment (`<!-- ticketlint: disable-next-line=TL301 -->`, invisible to the
customer in a canned reply) or on a line of its own. A ticket tag `ticketlint:disable:CODE` switches a
rule off for the whole ticket. A `disable` that a later `enable` of the same item closes is a region
(from the disable's line to the enable's line); a `disable` that nothing closes covers the whole
message wherever it stands (as it always did), so a trailing `<!-- ticketlint: disable=TL201 -->` keeps
working. `enable=ALL` closes every open region; `enable=TL201` does not close a `disable=ALL`.

The engine parses each message once, blanks the directives out of the text the rules read (a
directive is not prose), asks `silenced()` for each hit, and at the end asks for the directives
that name no rule (reported as TL001 unknown-suppression) and, when asked to, for those that
silenced nothing (TL002 unused-suppression), as ruff's RUF102 and RUF100 do for `# noqa`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from . import packs, recache
from .model import ALL_ROLES, Example, RuleMeta, Severity
from .textutil import line_starts

UNKNOWN_CODE, UNKNOWN_NAME = "TL001", "unknown-suppression"
UNUSED_CODE, UNUSED_NAME = "TL002", "unused-suppression"
ENGINE_CODES = frozenset({UNKNOWN_CODE, UNUSED_CODE})

# What the engine reports about directives, documented like a rule so that `ticketlint rule TL001`,
# `ticketlint rules` and the docs explain a code the output shows; tests run the examples.
ENGINE_META: tuple[RuleMeta, ...] = (
    RuleMeta(
        code=UNKNOWN_CODE, name=UNKNOWN_NAME, severity=Severity.WARNING, scope=ALL_ROLES, groups=("suppressions",),
        summary="A suppression directive or ticket tag names no rule (a typo, or a rule that was renamed).",
        rationale="A directive that names no rule silences nothing, and the finding it was meant for goes on "
                  "being reported, or worse, the writer believes a rule is off that is not. As ruff's RUF102.",
        suggestion="Use a rule's code, name or alias (`ticketlint rules` lists them), or ALL.",
        bad=(Example("Gracias por su paciencia. <!-- ticketlint: disable=TL999 -->", lang="es", role=None),),
        good=(Example("Gracias por su paciencia. <!-- ticketlint: disable=TL406 -->", lang="es", role=None),),
    ),
    RuleMeta(
        code=UNUSED_CODE, name=UNUSED_NAME, severity=Severity.WARNING, scope=ALL_ROLES, groups=("suppressions",),
        summary="A suppression directive silenced no finding (reported with --report-unused-suppressions).",
        rationale="A directive left behind after the text changed hides the next real finding at that place; "
                  "reporting the ones that silence nothing keeps them honest. As ruff's RUF100.",
        suggestion="Remove the directive, or the items of it that silence nothing.",
        bad=(Example("Silakan coba lagi besok. <!-- ticketlint: disable=TL401 -->", lang="id", role=None),),
        good=(Example("Silakan coba lagi besok.", lang="id", role=None),),
    ),
)

# What the engine says of directives, per language: rules/<lang>/TL001.toml and TL002.toml, `[messages]`
# (the finding's message per kind of directive, its suggestion `fix`, and the help text).
_ITEMS = ("items", "more")
packs.declare(UNKNOWN_CODE, packs.PackSchema(examples=False, messages=packs.messages(
    "fix", "empty", tag=("items",), directive=("kind", "items"), more=_ITEMS)))
packs.declare(UNUSED_CODE, packs.PackSchema(examples=False, messages=packs.messages(
    "fix", "empty", tag=("items",), directive=("kind", "items"), enable=("kind", "items"), more=_ITEMS)))

ALL = "ALL"
TAG_PREFIX = "ticketlint:disable:"
_ITEM = r"[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*"  # a code, name or alias: never ends in "-" (so "ALL-->" is ALL)
# Linear: every repetition is separated by a literal ("," or "-"), the blanks are [ \t] only
# (a directive never spans lines), and a match can only start at "<!--" or "ticketlint".
_DIRECTIVE = recache.compile(
    r"(?:<!--[ \t]*)?ticketlint:[ \t]*(disable-next-line|disable-line|disable|enable)[ \t]*=[ \t]*"
    rf"({_ITEM}(?:[ \t]*,[ \t]*{_ITEM})*)(?:[ \t]*-->)?",
    re.IGNORECASE,
)
_NEEDLE = recache.compile("ticketlint", re.IGNORECASE)
_SHOWN_ITEM = recache.compile(r"[A-Za-z0-9_-]{1,40}")
MAX_ITEMS_SHOWN = 5


@dataclass(frozen=True, slots=True)
class Directive:
    """One directive as written: where it is and what it names.

    `message_index` is None for a ticket tag (it has no place in a message). `codes` holds the
    resolved code of each known item (or ALL), in the order written; `unknown` the items that
    name no rule.
    """

    kind: str  # disable, enable, disable-line, disable-next-line, tag
    message_index: int | None
    start: int
    end: int
    line: int
    items: tuple[str, ...]
    codes: tuple[str | None, ...]  # one per item; None where the item names no rule

    @property
    def unknown(self) -> tuple[str, ...]:
        return tuple(item for item, code in zip(self.items, self.codes) if code is None)


@dataclass(frozen=True, slots=True)
class Problem:
    """A directive to report: one naming no rule (TL001), or one that silenced nothing (TL002)."""

    code: str
    name: str
    key: str  # its message in rules/<lang>/<code>.toml: "tag", "directive" or "enable"
    items: tuple[str, ...]  # the items it is about, as written
    directive: Directive

    @property
    def message(self) -> str:
        """The message in English (the engine says it in the language of the directive's message)."""
        return self.say("en")

    def say(self, lang: str) -> str:
        """The message in language `lang`: the directive's kind and items are quoted as written."""
        return packs.message(self.code, lang, self.key).format(kind=self.directive.kind, items=shown_items(self.items, self.code, lang))

    def fix(self, lang: str) -> str:
        return packs.message(self.code, lang, "fix")


def shown_items(items: Sequence[str], code: str = UNKNOWN_CODE, lang: str = "en") -> str:
    """Items for a message a user reads: quoted, each cut to 40 characters, at most five."""
    shown = []
    for item in items[:MAX_ITEMS_SHOWN]:
        m = _SHOWN_ITEM.match(item)
        text = m.group(0) if m else ""
        shown.append(repr(text + ("..." if len(item) > len(text) else "")) if item else packs.message(code, lang, "empty"))
    more = len(items) - MAX_ITEMS_SHOWN
    listed = ", ".join(shown)
    return packs.message(code, lang, "more").format(items=listed, more=more) if more > 0 else listed


def mentions_directive(body: str) -> bool:
    """Whether a body may hold a directive (it says "ticketlint"): one without has none to parse."""
    return _NEEDLE.search(body) is not None


def parse_message(body: str, index: int, resolve: Callable[[str], str | None]) -> list[Directive]:
    """The directives of one message body, in order (none unless it says "ticketlint")."""
    if not mentions_directive(body):
        return []
    starts: list[int] | None = None
    found: list[Directive] = []
    for m in _DIRECTIVE.finditer(body):
        if starts is None:
            starts = line_starts(body)
        items = tuple(i.strip() for i in m.group(2).split(","))
        line = bisect.bisect_right(starts, m.start())
        found.append(Directive(m.group(1).lower(), index, m.start(), m.end(), line, items,
                               tuple(resolve(i) for i in items)))
    return found


def parse_tags(tags: Iterable[str], resolve: Callable[[str], str | None]) -> list[Directive]:
    """The ticket tags `ticketlint:disable:CODE` (code, name or alias), as directives for the whole ticket."""
    found = []
    for i, tag in enumerate(tags):
        if tag.lower().startswith(TAG_PREFIX):
            item = tag[len(TAG_PREFIX):].strip()
            # `start` is the tag's place in the list: what tells two tags apart
            found.append(Directive("tag", None, i, i, 0, (item,), (resolve(item),)))
    return found


def blanked(body: str, directives: Sequence[Directive]) -> str:
    """The body with each directive replaced by spaces (same offsets): rules never read one as prose."""
    if not directives:
        return body
    parts: list[str] = []
    pos = 0
    for d in directives:
        parts += [body[pos:d.start], " " * (d.end - d.start)]
        pos = d.end
    parts.append(body[pos:])
    return "".join(parts)


def _region_start(region: tuple[int, int, Directive, int]) -> int:
    return region[0]


class Suppressions:
    """The directives of one ticket, and which of their items silenced something.

    Mutable on purpose: it lives for one ticket inside `Linter.lint` and records, item by item,
    what was used, which is what the unused report needs.
    """

    def __init__(self, bodies: Sequence[str], tags: Iterable[str], resolve: Callable[[str], str | None]) -> None:
        self.by_message: list[list[Directive]] = [parse_message(b, i, resolve) for i, b in enumerate(bodies)]
        self.tags = parse_tags(tags, resolve)
        self._starts: dict[int, list[int]] = {}
        self._bodies = bodies
        # What each item of each directive covers, keyed by code (or ALL), with the item's index:
        # the whole ticket (tags, message None) or message; regions (start, end offsets, in order);
        # lines (message, 1-based line).
        self._whole: dict[tuple[int | None, str], list[tuple[Directive, int]]] = {}
        self._regions: dict[tuple[int, str], list[tuple[int, int, Directive, int]]] = {}
        self._lines: dict[tuple[int, int, str], list[tuple[Directive, int]]] = {}
        self._closing: set[tuple[int, int, int]] = set()  # (message, directive start, item) of enables that closed a region
        self.used: set[tuple[int | None, int, int]] = set()  # (message, directive start, item index)
        for d in self.tags:
            for k, code in enumerate(d.codes):
                if code is not None:
                    self._whole.setdefault((None, code), []).append((d, k))
        for index, directives in enumerate(self.by_message):
            self._index_message(index, directives)

    @property
    def any(self) -> bool:
        return bool(self.tags) or any(self.by_message)

    def _index_message(self, index: int, directives: list[Directive]) -> None:
        open_: dict[str, tuple[Directive, int]] = {}
        for d in directives:
            if d.kind in ("disable-line", "disable-next-line"):
                line = d.line + (d.kind == "disable-next-line")
                for k, code in enumerate(d.codes):
                    if code is not None:
                        self._lines.setdefault((index, line, code), []).append((d, k))
            elif d.kind == "disable":
                for k, code in enumerate(d.codes):
                    if code is not None and code not in open_:
                        open_[code] = (d, k)
            elif d.kind == "enable":
                for k, code in enumerate(d.codes):
                    if code is None:
                        continue
                    closed = [c for c in open_ if c == code or code == ALL]
                    for c in closed:
                        opener, j = open_.pop(c)
                        start, end = self._line_bounds(index, opener.start)[0], self._line_bounds(index, d.end)[1]
                        self._regions.setdefault((index, c), []).append((start, end, opener, j))
                    if closed:
                        self._closing.add((index, d.start, k))
        for code, (d, k) in open_.items():  # never closed: the whole message
            self._whole.setdefault((index, code), []).append((d, k))

    def _line_starts(self, index: int) -> list[int]:
        starts = self._starts.get(index)
        if starts is None:
            starts = self._starts[index] = line_starts(self._bodies[index])
        return starts

    def _line(self, index: int, offset: int) -> int:
        return bisect.bisect_right(self._line_starts(index), offset)

    def _line_bounds(self, index: int, offset: int) -> tuple[int, int]:
        """Start and end offsets of the line holding `offset` (bisected: many regions on one long line stay linear)."""
        starts = self._line_starts(index)
        line = bisect.bisect_right(starts, offset)
        end = starts[line] - 1 if line < len(starts) else len(self._bodies[index])
        return starts[line - 1], end

    def silenced(self, code: str, index: int, offset: int) -> bool:
        """Whether a hit of `code` at `offset` of message `index` is switched off; credits the directive."""
        # A hit several directives cover is credited to the broadest (tag, message, region, line), as ruff
        # does with a file-level exemption and a line's noqa: the narrower one is then reported unused.
        for key in ((None, code), (None, ALL), (index, code), (index, ALL)):
            scopes = self._whole.get(key)
            if scopes:
                d, k = scopes[0]
                self.used.add((d.message_index, d.start, k))
                return True
        for c in (code, ALL):
            regions = self._regions.get((index, c))
            if regions:
                i = bisect.bisect_right(regions, offset, key=_region_start) - 1
                # regions of one code are disjoint and in order, so only the last starting before can hold it
                if i >= 0 and regions[i][0] <= offset <= regions[i][1]:
                    _, _, d, k = regions[i]
                    self.used.add((index, d.start, k))
                    return True
        if self._lines:
            line = self._line(index, offset)
            for c in (code, ALL):
                found = self._lines.get((index, line, c))
                if found:
                    d, k = found[0]
                    self.used.add((index, d.start, k))
                    return True
        return False

    def problems(self, ran: Callable[[str], bool], report_unused: bool) -> list[Problem]:
        """Directives to report: items naming no rule, and (when asked) items that silenced nothing.

        `ran(code)` tells whether a rule ran to the end on this ticket: an item for a rule that was not
        selected, below the minimum severity, out of time or failed is never called unused, since
        it may well silence something in a run that selects it.
        """
        out: list[Problem] = []
        for d in [*self.tags, *(d for ds in self.by_message for d in ds)]:
            key = "tag" if d.kind == "tag" else "directive"
            if d.unknown:
                out.append(Problem(UNKNOWN_CODE, UNKNOWN_NAME, key, tuple(d.unknown), d))
            if not report_unused:
                continue
            unused = []
            for k, (item, code) in enumerate(zip(d.items, d.codes)):
                if code is None or not (code == ALL or ran(code)):
                    continue
                if d.kind == "enable":
                    if (d.message_index, d.start, k) not in self._closing:
                        unused.append(item)
                elif (d.message_index, d.start, k) not in self.used:
                    unused.append(item)
            if unused:
                out.append(Problem(UNUSED_CODE, UNUSED_NAME, "enable" if d.kind == "enable" else key, tuple(unused), d))
        return out
