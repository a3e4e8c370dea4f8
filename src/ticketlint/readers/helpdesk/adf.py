"""Atlassian Document Format (Jira Cloud API v3 bodies) and v2 wiki markup to ticket text.

ADF is a JSON tree (`{"type": "doc", "version": 1, "content": [...]}`). It is
flattened as docs/dev/helpdesk-exports.md §3.5 says, through the same line
writer as HTML (textout.py): paragraphs and headings separated by blank
lines, hardBreak a newline, list items one per line ("- ", "1. ", nested ones
indented), code blocks fenced with ``` (masking.py treats them as code/log),
blockquotes as "> " lines (quoted history), mentions, emoji, status, date and
cards as their text, tables as rows of cells joined by " | ".

A node of an unknown type is walked into (its `content`), never an error:
Atlassian adds node types. The walk is iterative and refuses documents
nested more than MAX_DEPTH deep with an AdfError, so a hostile body is an
error line, not a RecursionError.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from typing import Any

from ... import recache
from ...model import SaidError, said
from .textout import LineWriter

MAX_DEPTH = 256


class AdfError(SaidError):
    """An ADF document that cannot be read (nested too deeply)."""


_PARAGRAPHS = frozenset({"paragraph", "heading", "panel", "expand", "nestedExpand", "decisionList", "taskList",
                         "layoutSection", "layoutColumn", "bodiedExtension", "table", "rule"})
_LINES = frozenset({"taskItem", "decisionItem"})
_ENTER, _EXIT = 0, 1


def _attrs(node: Mapping[str, Any]) -> Mapping[str, Any]:
    attrs = node.get("attrs")
    return attrs if isinstance(attrs, dict) else {}


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _date(timestamp: object) -> str:
    """ADF dates are milliseconds since the epoch, as a string: shown as an ISO date (UTC)."""
    text = str(timestamp) if isinstance(timestamp, (str, int)) and not isinstance(timestamp, bool) else ""
    if not text.isdigit() or len(text) > 15:
        return text
    return _dt.datetime.fromtimestamp(int(text) / 1000, tz=_dt.UTC).date().isoformat()


def to_text(doc: Mapping[str, Any]) -> str:
    """The text of an ADF document (or any ADF node)."""
    out = LineWriter()
    rows: list[int] = []  # per open table row: cells written so far
    stack: list[tuple[int, Any, int]] = [(_ENTER, doc, 0)]
    while stack:
        phase, node, depth = stack.pop()
        if not isinstance(node, dict):
            continue
        kind = _str(node.get("type"))
        if phase == _EXIT:
            _leave(out, node, kind, rows)
            continue
        if depth > MAX_DEPTH:
            raise AdfError(said("read.adf_deep", depth=MAX_DEPTH))
        if _inline(out, node, kind):
            continue
        _enter(out, node, kind, rows)
        stack.append((_EXIT, node, depth))
        content = node.get("content")
        if isinstance(content, list):
            for child in reversed(content):
                stack.append((_ENTER, child, depth + 1))
    return out.result()


def _inline(out: LineWriter, node: Mapping[str, Any], kind: str) -> bool:
    """Write a leaf node; False when the node is a container to walk into."""
    attrs = _attrs(node)
    if kind == "text":
        text = _str(node.get("text"))
        out.text(text)
        marks = node.get("marks")
        if isinstance(marks, list):
            for mark in marks:
                if isinstance(mark, dict) and mark.get("type") == "link":
                    href = _str(_attrs(mark).get("href")).strip()
                    if href and href != text.strip() and href.removeprefix("mailto:") != text.strip():
                        out.text(f" ({href})")
        return True
    if kind == "hardBreak":
        out.line_break()
    elif kind == "mention":
        text = _str(attrs.get("text")) or ("@" + _str(attrs.get("id")) if attrs.get("id") else "")
        out.text(text if text.startswith("@") or not text else "@" + text)
    elif kind == "emoji":
        out.text(_str(attrs.get("text")) or _str(attrs.get("shortName")))
    elif kind in ("status", "date", "inlineCard"):
        # chips: a word of their own, even when the editor put no space around them
        word = _str(attrs.get("text")) if kind == "status" else _date(attrs.get("timestamp")) if kind == "date" else _str(attrs.get("url"))
        if word:
            out.text(f" {word} ")
    elif kind in ("blockCard", "embedCard"):
        out.block(2)
        out.text(_str(attrs.get("url")))
        out.block(2)
    elif kind in ("media", "mediaInline", "placeholder", "inlineExtension", "extension"):
        pass  # files, images and macros have no text of their own
    else:
        return False
    return True


def _enter(out: LineWriter, node: Mapping[str, Any], kind: str, rows: list[int]) -> None:
    attrs = _attrs(node)
    if kind == "bulletList":
        out.start_list(False)
    elif kind == "orderedList":
        order = attrs.get("order")
        out.start_list(True, order if isinstance(order, int) and not isinstance(order, bool) and 0 <= order < 10**6 else 1)
    elif kind == "listItem":
        out.start_item()
    elif kind == "codeBlock":
        out.start_code()
    elif kind == "blockquote":
        out.start_quote()
    elif kind in ("tableCell", "tableHeader"):
        if rows:
            if rows[-1]:
                out.text(" | ")  # cells of a row on one line
            rows[-1] += 1
    elif kind == "tableRow":
        out.block(1)
        rows.append(0)
    elif rows and kind == "paragraph":
        out.text(" ")  # paragraphs inside a cell stay on the row's line
    elif kind in _PARAGRAPHS:
        out.block(1 if kind == "paragraph" and out.in_list else 2)
        title = _str(attrs.get("title"))
        if title:
            out.text(title)
            out.block(1)
    elif kind in _LINES:
        out.block(1)


def _leave(out: LineWriter, node: Mapping[str, Any], kind: str, rows: list[int]) -> None:
    if kind == "bulletList" or kind == "orderedList":
        out.end_list()
    elif kind == "listItem":
        out.end_item()
    elif kind == "codeBlock":
        out.end_code()
    elif kind == "blockquote":
        out.end_quote()
    elif kind == "tableRow":
        if rows:
            rows.pop()
        out.block(1)
    elif kind in ("tableCell", "tableHeader") or (rows and kind == "paragraph"):
        pass
    elif kind in _PARAGRAPHS:
        out.block(1 if kind == "paragraph" and out.in_list else 2)
    elif kind in _LINES:
        out.block(1)


# -- v2 wiki markup ----------------------------------------------------------------------------

# Linear: no class can run past the next opening bracket, so a failed match gives back only the
# text up to it, and each character is looked at from one opening bracket at most.
_WIKI_BLOCK = recache.compile(r"\{(code|noformat|quote)(?::[^{}\n]{0,200})?\}")
_WIKI_MENTION = recache.compile(r"\[~(?:accountid:)?([^\[\]\n]{1,128})\]")
_WIKI_LINK = recache.compile(r"\[([^|\[\]\n]{1,500})\|([^\[\]\n]{1,2000})\]")
_WIKI_HEADING = recache.compile(r"^h[1-6]\. ", re.MULTILINE)


def wiki_to_text(markup: str) -> str:
    """Light cleanup of Jira v2 wiki markup: {code}/{noformat} fenced, {quote} as "> " lines,
    [~user] mentions as @user, [text|url] links as "text (url)", "h1. " dropped. Other markup
    (*bold*, _italic_) is left as typed: it reads as text."""
    text = markup.replace("\r\n", "\n").replace("\r", "\n")
    text = _WIKI_MENTION.sub(lambda m: "@" + m.group(1), text)
    text = _WIKI_LINK.sub(lambda m: m.group(1) if m.group(1) == m.group(2) else f"{m.group(1)} ({m.group(2)})", text)
    text = _WIKI_HEADING.sub("", text)
    out: list[str] = []
    mode = ""  # "code" (code or noformat) or "quote" while inside such a block
    pos = 0
    for m in _WIKI_BLOCK.finditer(text):
        out.append(_wiki_segment(text[pos:m.start()], mode))
        kind = "quote" if m.group(1) == "quote" else "code"
        if mode == "":
            mode = kind
            out.append("\n```\n" if kind == "code" else "\n")
        elif mode == kind:
            mode = ""
            out.append("\n```\n" if kind == "code" else "\n")
        else:
            out.append(m.group(0))  # {quote} inside {code} is code
        pos = m.end()
    out.append(_wiki_segment(text[pos:], mode))
    if mode == "code":
        out.append("\n```")
    lines = "".join(out).split("\n")
    kept: list[str] = []
    for line in lines:
        line = line.rstrip()
        if not line and kept and not kept[-1]:
            continue
        kept.append(line)
    return "\n".join(kept).strip("\n")


def _wiki_segment(segment: str, mode: str) -> str:
    if mode == "code":
        return segment.strip("\n")
    if mode != "quote":
        return segment
    return "\n".join("> " + line if line.strip() else line for line in segment.strip("\n").split("\n"))
