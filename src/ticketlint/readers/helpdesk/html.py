"""HTML bodies (Zendesk `html_body`, Freshdesk `body`, ServiceNow `[code]` journal text) to ticket text.

Linting raw HTML changes results (tags read as words, a whole thread as one
line), so HTML becomes text with the structure rules depend on: paragraphs,
line breaks, list items, quoted history as "> " lines, code fenced with ```
(see textout.py), links as their text plus the URL when it differs.

The parser is lxml (libxml2's HTML parser, BSD). Chosen after measuring:
- the standard library's html.parser took 4 s on 1 MB of "<" and did not end
  within 5 minutes on 1 MB of "<a" (Python 3.11);
- selectolax (lexbor) is an HTML5 parser and fast on typical bodies, but its
  tree construction is quadratic in nesting depth (10,000 nested divs 0.2 s,
  40,000: 7 s), as the HTML5 "element in scope" checks are;
- libxml2 parses every hostile case measured in linear time and stops at a
  fixed depth (2,048 with huge_tree), which it reports; we turn that report
  into an error rather than lint a body whose end was dropped.
The tree is walked with `iterwalk` (start/end events, no Python recursion). On 10,000 typical
bodies (bench/html_to_text.py, 560 characters each, a shared 2-core machine): 170 µs a body,
17 of them in libxml2; the standard library's parser with a bare text handler and no structure
took 140 µs.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from ...model import SaidError, Size, said
from .textout import LineWriter

if TYPE_CHECKING:  # imported when a body is HTML: lxml costs 20 ms of every start
    import lxml.etree as etree

MAX_DEPTH = 2048  # libxml2's limit with huge_tree; deeper input is an error, not a silent cut


class HtmlError(SaidError):
    """HTML that cannot be turned into text without losing part of it."""


_SKIP = frozenset({"script", "style", "head", "title", "template", "noscript", "object", "iframe", "svg", "math"})
_PARAGRAPH = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "form", "fieldset", "figure", "address", "dl",
    "article", "section", "header", "footer", "main", "nav", "aside", "details", "center", "hr",
})
_LINE = frozenset({"div", "tr", "dt", "dd", "caption", "summary", "figcaption", "legend", "tbody", "thead", "tfoot"})
_CELL = frozenset({"td", "th"})
# Quoted email history: Gmail wraps it in div.gmail_quote, Yahoo in div.yahoo_quoted, Thunderbird
# puts div.moz-cite-prefix before a blockquote; Outlook starts it with div#divRplyFwdMsg (or
# #appendonsend) and leaves the quoted message as the following siblings.
_QUOTE_CLASSES = frozenset({"gmail_quote", "yahoo_quoted", "moz-cite-prefix", "protonmail_quote"})
_OUTLOOK_IDS = frozenset({"divrplyfwdmsg", "appendonsend"})
_LISTS = frozenset({"ul", "ol", "menu", "dir"})
# Tags that change the layout; any other (b, span, font...) only passes its text on.
_STRUCTURAL = _PARAGRAPH | _LINE | _CELL | _LISTS | {"blockquote", "br", "li", "pre", "a"}


@functools.cache
def _parser() -> etree.HTMLParser:
    """The one parser (its `error_log` is read after each parse)."""
    import lxml.etree as etree

    # etree's parser, not lxml.html's: plain elements, without a Python class lookup per element
    return etree.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True, encoding="utf-8")


def to_text(markup: str) -> str:
    """The text of an HTML fragment or document; raises HtmlError when nested too deeply to read whole."""
    if "<" not in markup and "&" not in markup:
        return _plain(markup)
    data = markup.replace("\x00", "").encode("utf-8", errors="replace")
    if not data.strip():
        return ""
    import lxml.etree as etree

    parser = _parser()
    try:
        root = etree.fromstring(data, parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return ""  # nothing but comments or whitespace: no document
    if root is None:
        return ""
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in entry.message:
            raise HtmlError(said("read.html_deep", depth=Size(MAX_DEPTH)))
    return _walk(root)


def _plain(plain: str) -> str:
    """A body with no markup at all is plain text, kept as written: its indentation (a pasted log)
    and its spacing mean what they show, as they would not in HTML."""
    return plain.replace("\r\n", "\n").replace("\r", "\n").strip("\n")


def _walk(root: etree._Element) -> str:
    import lxml.etree as etree

    out = LineWriter()
    skip = 0  # depth inside script/style/...
    pre = 0
    outlook_quote = False
    links: list[str | None] = []
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag
        if not isinstance(tag, str):
            tag = ""
        if event == "start":
            if skip or tag in _SKIP:
                skip += 1
                continue
            if tag in _STRUCTURAL:
                _start(out, el, tag, links)
                if tag == "pre":
                    pre += 1
                elif tag == "div" and not outlook_quote and (el.get("id") or "").lower() in _OUTLOOK_IDS:
                    outlook_quote = True
                    out.start_quote()  # the rest of the body is the quoted message
            text = el.text
            if text:
                out.text(text, verbatim=pre > 0)
        else:
            if skip:
                skip -= 1
                if skip:
                    continue
            elif tag in _STRUCTURAL:
                if tag == "pre":
                    pre -= 1
                _end(out, el, tag, links)
            tail = el.tail
            if tail:
                out.text(tail, verbatim=pre > 0)
    return out.result()


def _is_quote(el: etree._Element, tag: str) -> bool:
    if tag == "blockquote":
        return True
    classes = el.get("class")
    return bool(classes) and tag == "div" and any(c in _QUOTE_CLASSES for c in classes.split())


def _paragraph_gap(out: LineWriter, el: etree._Element, tag: str) -> int:
    """Lines between paragraphs: a blank one, but none for a paragraph inside a list item, and none
    for Outlook's MsoNormal paragraphs (one per line, with no margin: its blank lines are empty
    paragraphs, which give the blank line)."""
    if tag != "p":
        return 2
    if out.in_list:
        return 1
    if "msonormal" in (el.get("class") or "").lower():
        return 1 if "".join(el.itertext()).strip() else 2
    return 2


def _start(out: LineWriter, el: etree._Element, tag: str, links: list[str | None]) -> None:
    if _is_quote(el, tag):
        out.start_quote()
    elif tag in _PARAGRAPH:
        out.block(_paragraph_gap(out, el, tag))
    elif tag in _LINE:
        out.block(1)
    elif tag == "br":
        out.line_break()
    elif tag in _LISTS:
        start = el.get("start") or "1"
        out.start_list(tag == "ol", int(start) if start.isdigit() and len(start) < 7 else 1)
    elif tag == "li":
        out.start_item()
    elif tag == "pre":
        out.start_code()
    elif tag in _CELL:
        parent = el.getparent()
        if parent is not None and el.getprevious() is not None:
            out.text(" | ")
    elif tag == "a":
        links.append(el.get("href"))
        out.start_capture()


def _end(out: LineWriter, el: etree._Element, tag: str, links: list[str | None]) -> None:
    if _is_quote(el, tag):
        out.end_quote()
    elif tag in _PARAGRAPH:
        out.block(_paragraph_gap(out, el, tag))
    elif tag in _LINE:
        out.block(1)
    elif tag in _LISTS:
        out.end_list()
    elif tag == "li":
        out.end_item()
    elif tag == "pre":
        out.end_code()
    elif tag == "a":
        href = (links.pop() if links else None) or ""
        shown = out.end_capture().strip()
        target = href.strip()
        bare = target.removeprefix("mailto:").removeprefix("tel:")
        if target and not target.startswith(("#", "javascript:", "cid:")) and bare != shown and target != shown:
            out.text(f" ({target})" if shown else target)
