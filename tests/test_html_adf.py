"""HTML and Atlassian Document Format to text: the structure rules rely on is kept, and hostile
input is read in linear time or refused with an error (never a hang or a RecursionError)."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import pytest
from timing_util import settled_heap

from ticketlint.masking import mask
from ticketlint.readers.helpdesk.adf import MAX_DEPTH as ADF_DEPTH
from ticketlint.readers.helpdesk.adf import AdfError, wiki_to_text
from ticketlint.readers.helpdesk.adf import to_text as adf
from ticketlint.readers.helpdesk.html import HtmlError
from ticketlint.readers.helpdesk.html import to_text as html
from ticketlint.readers.helpdesk.servicenow import parse_journal, strip_code

# -- HTML structure ---------------------------------------------------------------------------

@pytest.mark.parametrize("markup,text", [
    ("<p>One</p><p>Two</p>", "One\n\nTwo"),
    ("a<br>b<br><br>c", "a\nb\n\nc"),
    ("<p>  lots   of\n  space  </p>", "lots of space"),
    ("<ul><li>x</li><li>y<ol start=\"3\"><li>z</li><li>w</li></ol></li></ul>", "- x\n- y\n  3. z\n  4. w"),
    ("<p>Mine</p><blockquote><p>theirs</p><blockquote>older</blockquote></blockquote>", "Mine\n\n> theirs\n>\n> > older"),
    ("<p>Hi</p><div class=\"gmail_quote\">On Mon, Ana wrote:<br><blockquote>q</blockquote></div>", "Hi\n\n> On Mon, Ana wrote:\n>\n> > q"),
    ("<p>Reply</p><div id=\"divRplyFwdMsg\"><b>From:</b> Ana<br><b>Sent:</b> Monday</div><div>old body</div>",
     "Reply\n\n> From: Ana\n> Sent: Monday\n> old body"),
    ("<a href=\"https://kb.test/x\">the guide</a> <a href=\"https://kb.test\">https://kb.test</a> "
     "<a href=\"mailto:ana@example.com\">ana@example.com</a> <a href=\"#top\">top</a>",
     "the guide (https://kb.test/x) https://kb.test ana@example.com top"),
    ("<pre>  indented\n\n  kept</pre><p>x <code>rm -rf</code> y</p>", "```\n  indented\n\n  kept\n```\n\nx rm -rf y"),
    ("<script>alert(1)</script><style>p{color:red}</style><p>only this</p>", "only this"),
    ("<p>&lt;tag&gt; &amp; caf&eacute; &#8364; &nbsp;x</p>", "<tag> & café € x"),
    ("<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>", "A | B\n1 | 2"),
    ("plain text\n\nno tags", "plain text\n\nno tags"),
    ("no markup:\n    at com.acme.Main(Main.java:3)\r\n", "no markup:\n    at com.acme.Main(Main.java:3)"),
    ("<!-- nothing -->", ""),
    ("", ""),
    ("<p>unclosed <b>bold <i>both", "unclosed bold both"),
    ("<ul><li><p>a</p></li><li><p>b</p></li></ul>", "- a\n- b"),
    ('<p class="MsoNormal">Hi Ana,<o:p></o:p></p><p class="MsoNormal"><o:p>&nbsp;</o:p></p>'
     '<p class="MsoNormal">It works now.<o:p></o:p></p><p class="MsoNormal">Thanks,<o:p></o:p></p><p class="MsoNormal">Ion<o:p></o:p></p>',
     "Hi Ana,\n\nIt works now.\nThanks,\nIon"),
])
def test_html_structure(markup, text):
    assert html(markup) == text


def test_html_quotes_and_code_are_masked_as_such():
    text = html("<p>It fails.</p><pre>Traceback (most recent call last):\nValueError: x</pre><blockquote>old mail</blockquote>")
    m = mask(text)
    assert m.prose.strip() == "It fails."
    assert m.quotes and m.logs


# -- ADF structure ----------------------------------------------------------------------------

def _doc(*content):
    return {"type": "doc", "version": 1, "content": list(content)}


def _p(*inline):
    return {"type": "paragraph", "content": list(inline)}


def _t(text):
    return {"type": "text", "text": text}


def test_adf_structure():
    doc = _doc(
        {"type": "heading", "attrs": {"level": 1}, "content": [_t("Title")]},
        _p(_t("line one"), {"type": "hardBreak"}, _t("line two")),
        {"type": "bulletList", "content": [
            {"type": "listItem", "content": [_p(_t("a")), {"type": "orderedList", "attrs": {"order": 5}, "content": [
                {"type": "listItem", "content": [_p(_t("five"))]}]}]},
            {"type": "listItem", "content": [_p(_t("b"))]}]},
        {"type": "codeBlock", "attrs": {"language": "sh"}, "content": [_t("$ ls\nerror: x")]},
        {"type": "blockquote", "content": [_p(_t("quoted"))]},
        _p({"type": "mention", "attrs": {"id": "abc"}}, _t(" "), {"type": "emoji", "attrs": {"shortName": ":ok:"}},
           {"type": "date", "attrs": {"timestamp": "1780000000000"}}),
        {"type": "rule"},
        {"type": "panel", "attrs": {"panelType": "note"}, "content": [_p(_t("in a panel"))]},
        {"type": "mediaSingle", "content": [{"type": "media", "attrs": {"id": "x"}}]},
        {"type": "futureNode", "content": [_p(_t("still read"))]},
        "not a node", {"type": "paragraph", "content": "not a list"}, {"type": 7},
    )
    assert adf(doc) == ("Title\n\nline one\nline two\n\n- a\n  5. five\n- b\n\n```\n$ ls\nerror: x\n```\n\n> quoted\n\n"
                        "@abc :ok: 2026-05-28\n\nin a panel\n\nstill read")


def test_adf_code_and_quote_are_masked_as_such():
    m = mask(adf(_doc(_p(_t("It crashed.")), {"type": "codeBlock", "content": [_t("FATAL: out of memory")]},
                      {"type": "blockquote", "content": [_p(_t("earlier mail"))]})))
    assert m.prose.strip() == "It crashed."
    assert m.logs and m.quotes


def test_wiki_markup_cleanup():
    text = wiki_to_text("h1. Title\nSee [docs|https://d.test] and [https://x.test|https://x.test], cc [~accountid:5f00]\n"
                        "{code:java}\nnull pointer\n{code}\n{quote}old\nmail{quote}\n{noformat}raw {quote} stays{noformat}")
    assert text == ("Title\nSee docs (https://d.test) and https://x.test, cc @5f00\n\n```\nnull pointer\n```\n\n> old\n> mail\n\n"
                    "```\nraw {quote} stays\n```")
    assert wiki_to_text("{code}never closed") == "```\nnever closed\n```"


def test_servicenow_code_tags_and_journal_headers():
    assert strip_code("see [code]<b>bold</b>[/code] and [CODE]<i>x</i>[/code]") == "see bold and x"
    assert strip_code("[code]" * 3 + "tail") == "[code][code][code]tail"
    entries = parse_journal("2026-04-09 10:14:02 - Ana Pop (Additional comments)\nnewer\n\n"
                            "2026-04-09 09:50:11 - Beth Lee (Work notes)\nolder\nwith two lines", "comments")
    assert entries == [("work_notes", "2026-04-09 09:50:11", "Beth Lee", "older\nwith two lines"),
                       ("comments", "2026-04-09 10:14:02", "Ana Pop", "newer")]
    assert parse_journal("no header here", "work_notes") == [("work_notes", None, None, "no header here")]


# -- hostile input ----------------------------------------------------------------------------

def _best(fn: Callable[[], object], repeat: int = 3) -> float:
    best = math.inf
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


# Linear code grows about 10x for 10x the input, a quadratic path 100x; the machine is shared
# and noisy, so the bound leaves room and a slow large run is measured again before it fails.
MAX_GROWTH = 20


def _growth(build: Callable[[int], object], run: Callable[[object], object], small: int) -> tuple[float, float]:
    """Seconds to `run` the input built at `small` and at 10x `small` (inputs built before timing;
    the larger measured once more if it looks slow)."""
    x, y = build(small), build(small * 10)
    with settled_heap():  # the collector's scans of what earlier tests left are not the code's time
        a = max(_best(lambda: run(x)), 0.005)  # below a few ms the clock decides
        b = _best(lambda: run(y), repeat=1)
        if b / a > MAX_GROWTH:
            b = _best(lambda: run(y), repeat=2)
    return a, b


def _html_or_error(markup: str) -> None:
    try:
        html(markup)
    except HtmlError:
        pass


HOSTILE_HTML = {
    "lt": lambda n: "<" * n,
    "lt_a": lambda n: "<a" * (n // 2),
    "unclosed_comment": lambda n: "<!--" + "a" * n,
    "unclosed_attribute": lambda n: '<a href="' + "x" * n,
    "lt_bang": lambda n: "<!" * (n // 2),
    "amp": lambda n: "&" * n,
    "amp_hash": lambda n: "&#" * (n // 2),
    "close_tags": lambda n: "</" * (n // 2),
    "formatting_soup": lambda n: "<p><b><i>" * (n // 9),
    "nested_div": lambda n: "<div>" * (n // 5),
    "nested_list": lambda n: "<ul><li>x" * (n // 9),
    "nested_quote": lambda n: "<blockquote>q" * (n // 13),
    "table_soup": lambda n: "<table><tr><td>" * (n // 15),
    "br": lambda n: "<br>" * (n // 4),
    "outlook_paragraphs": lambda n: '<p class="MsoNormal"><span>x' * (n // 31),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_HTML))
def test_hostile_html_is_linear(name):
    build = HOSTILE_HTML[name]
    small, large = _growth(build, _html_or_error, 100_000)
    assert large / small <= MAX_GROWTH, f"{name}: {small:.3f} s at 100 KB, {large:.3f} s at 1 MB"
    assert large < 10


def test_html_nested_past_the_limit_is_an_error_not_a_cut():
    with pytest.raises(HtmlError, match="nested more than 2,048 elements deep"):
        html("<div>" * 10_000 + "text" + "</div>" * 10_000 + "<p>after</p>")
    assert html("<div>" * 1_000 + "deep" + "</div>" * 1_000 + "<p>after</p>") == "deep\n\nafter"


def test_deep_nesting_does_not_blow_up_the_text():
    # prefixes stop growing: the text stays proportional to the input
    text = html("<blockquote>q" * 1_500)  # 20 KB of HTML
    assert len(text) < 80_000 and text.splitlines()[-1].startswith("> " * 8 + "q")
    text = html("<ul><li>x" * 1_000)
    assert len(text) < 80_000


def test_hostile_adf_depth_is_an_error_quickly():
    node: dict = _t("x")
    for _ in range(100_000):
        node = {"type": "blockquote", "content": [node]}
    t0 = time.process_time()
    with pytest.raises(AdfError, match=f"nested more than {ADF_DEPTH} levels deep"):
        adf(_doc(node))
    assert time.process_time() - t0 < 1


def test_adf_at_the_limit_is_read():
    node: dict = _t("bottom")
    for _ in range(ADF_DEPTH - 2):
        node = {"type": "panel", "content": [node]}
    assert adf(_doc(node)) == "bottom"


@pytest.mark.parametrize("name,build", [
    ("wide_paragraphs", lambda n: _doc(*[_p(_t("word ")) for _ in range(n // 10)])),
    ("many_breaks", lambda n: _doc(_p(*[{"type": "hardBreak"} for _ in range(n // 10)]))),
    ("long_list", lambda n: _doc({"type": "bulletList", "content": [{"type": "listItem", "content": [_p(_t("i"))]}] * (n // 10)})),
])
def test_adf_is_linear(name, build):
    small, large = _growth(build, adf, 20_000)
    assert large / small <= MAX_GROWTH, f"{name}: {small:.3f} s, {large:.3f} s"


@pytest.mark.parametrize("name,build", [
    ("braces", lambda n: "{" * n),
    ("code_open", lambda n: "{code" * (n // 5)),
    ("code_markers", lambda n: "{code}" * (n // 6)),
    ("mention_open", lambda n: "[~" * (n // 2)),
    ("link_open", lambda n: "[a|" * (n // 3)),
])
def test_wiki_cleanup_is_linear(name, build):
    small, large = _growth(build, wiki_to_text, 200_000)
    assert large / small <= MAX_GROWTH, f"{name}: {small:.3f} s, {large:.3f} s"


@pytest.mark.parametrize("name,build", [
    ("code_tags", lambda n: "[code]" * (n // 6)),
    ("journal_like", lambda n: ("2026-04-09 10:14:02 - " + "a (" * 60 + "\n") * (n // 200)),
    ("long_header_line", lambda n: "2026-04-09 10:14:02 - " + " (Additional comments" * (n // 21)),
])
def test_servicenow_text_is_linear(name, build):
    small, large = _growth(build, lambda text: (strip_code(text), parse_journal(text, "comments")), 100_000)
    assert large / small <= MAX_GROWTH, f"{name}: {small:.3f} s, {large:.3f} s"
