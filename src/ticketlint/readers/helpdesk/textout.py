"""A line writer for turning a document tree (HTML, Atlassian Document Format) into ticket text.

Both converters walk their tree once and tell this writer what they meet:
inline text, a line break, the start or end of a block, a list item, a
quote, a code block. The writer owns the layout ticketlint's rules and
masking rely on, so that an HTML body and an ADF body read the same:

- paragraphs are separated by one blank line; a line break is a newline;
- list items are lines of their own, "- " or "1. ", nested ones indented;
- quoted history is "> " lines (masking.py treats them as quote);
- code is fenced with ``` lines (masking.py treats the fence as code/log).

The writer is linear in its output: each piece of text is appended once.
"""

from __future__ import annotations

from ... import recache

_SPACES = recache.compile(r"[ \t\n\r\f\v\u00a0]+")
# Prefixes stop growing past this depth: one "> " is all masking needs, and a prefix that grows
# with depth would make the text of a hostile, deeply nested body quadratic in its size.
MAX_SHOWN_DEPTH = 8


class LineWriter:
    """Collects lines; `text()` for inline content, `block()` for structure."""

    __slots__ = ("lines", "_cur", "_space", "_gap", "quote", "_lists", "_marker", "_captures", "_code")

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._cur: list[str] | None = None  # the open line, None between lines
        self._space = False  # the open line ends with a collapsed space
        self._gap = 0  # line breaks owed before the next content: 1 newline, 2 blank line
        self.quote = 0  # depth of quoted history
        self._lists: list[list[int]] = []  # per open list: [ordered (0/1), next number]
        self._marker: str | None = None  # an item marker waiting for its first text
        self._captures: list[list[str]] = []  # open link texts
        self._code = 0  # inside a code block: text kept verbatim

    # -- structure -------------------------------------------------------------------------
    def _prefix(self) -> str:
        return "> " * min(self.quote, MAX_SHOWN_DEPTH)

    def _open(self) -> None:
        if self._cur is not None:
            return
        if self.lines:
            if self._gap >= 2 and self.lines[-1].strip(" >"):
                self.lines.append(self._prefix().rstrip())
        self._gap = 0
        self._cur = [self._prefix()]
        if self._marker is not None:
            self._cur.append(self._marker)
            self._marker = None
        self._space = True

    def end_line(self) -> None:
        """Close the open line (if any) without owing a blank line."""
        if self._cur is not None:
            self.lines.append("".join(self._cur).rstrip())
            self._cur = None
        self._space = False

    def block(self, gap: int = 2) -> None:
        """A block boundary: the next content starts on a new line (gap 1) or after a blank line (gap 2)."""
        self.end_line()
        self._gap = max(self._gap, gap)

    def line_break(self) -> None:
        """A hard break (<br>, hardBreak): a newline, and an empty line when nothing was written since."""
        if self._cur is None:
            self._open()
        self.end_line()

    @property
    def in_list(self) -> bool:
        return bool(self._lists)

    def start_list(self, ordered: bool, start: int = 1) -> None:
        self.block(2 if not self._lists else 1)
        self._lists.append([1 if ordered else 0, start])

    def end_list(self) -> None:
        if self._lists:
            self._lists.pop()
        self.block(2 if not self._lists else 1)

    def start_item(self) -> None:
        self.block(1)
        indent = "  " * min(max(0, len(self._lists) - 1), MAX_SHOWN_DEPTH)
        if self._lists and self._lists[-1][0]:
            number = self._lists[-1][1]
            self._lists[-1][1] += 1
            self._marker = f"{indent}{number}. "
        else:
            self._marker = f"{indent}- "

    def end_item(self) -> None:
        self._marker = None
        self.block(1)

    def start_quote(self) -> None:
        self.block(2)
        if self.lines and self.lines[-1].strip(" >"):
            self.lines.append(self._prefix().rstrip())  # the blank line before a quote is outside it
        self._gap = 0
        self.quote += 1

    def end_quote(self) -> None:
        self.block(2)
        self.quote = max(0, self.quote - 1)

    def start_code(self) -> None:
        self.block(2)
        self._open()
        self._cur.append("```")  # type: ignore[union-attr]
        self.end_line()
        self._code += 1

    def end_code(self) -> None:
        self._code = max(0, self._code - 1)
        self.end_line()
        self._open()
        self._cur.append("```")  # type: ignore[union-attr]
        self.block(2)

    def start_capture(self) -> None:
        self._captures.append([])

    def end_capture(self) -> str:
        return "".join(self._captures.pop()) if self._captures else ""

    # -- content ---------------------------------------------------------------------------
    def text(self, value: str, *, verbatim: bool = False) -> None:
        """Inline text. Outside code, runs of whitespace are one space (as a browser shows them)."""
        if not value:
            return
        if self._code or verbatim:
            self._verbatim(value)
            return
        for cap in self._captures:
            cap.append(value)
        collapsed = _SPACES.sub(" ", value)
        if collapsed == " ":
            if self._cur is not None and not self._space:
                self._cur.append(" ")
                self._space = True
            return
        lead = collapsed.startswith(" ")
        collapsed = collapsed.strip(" ")
        if self._cur is None:
            self._open()
        elif lead and not self._space:
            self._cur.append(" ")
        self._cur.append(collapsed)  # type: ignore[union-attr]
        self._space = False
        if value[-1] in " \t\n\r\f\v\u00a0":
            self._cur.append(" ")  # type: ignore[union-attr]
            self._space = True

    def _verbatim(self, value: str) -> None:
        for cap in self._captures:
            cap.append(value)
        parts = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        for i, part in enumerate(parts):
            if i:
                if self._cur is None:
                    self._open()
                self.end_line()
            if part:
                if self._cur is None:
                    self._open()
                self._cur.append(part)  # type: ignore[union-attr]
                self._space = False

    def result(self) -> str:
        """The text: lines right-stripped, no runs of blank lines, no leading or trailing blank lines."""
        self.end_line()
        out: list[str] = []
        fenced = False
        for line in self.lines:
            if self._is_fence(line):
                fenced = not fenced
            elif not fenced and not line.strip(" >") and (not out or not out[-1].strip(" >")):
                continue  # a blank (or bare ">") line after another, or at the start
            out.append(line)
        while out and not out[-1].strip(" >"):
            out.pop()
        return "\n".join(out)

    @staticmethod
    def _is_fence(line: str) -> bool:
        return line.lstrip("> ").startswith("```")
