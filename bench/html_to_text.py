"""Bodies per second turning typical helpdesk HTML into ticket text, and the parsers compared.

Builds N typical bodies (default 10,000; deterministic): a Zendesk-style comment div with a few
paragraphs, sometimes a list, a link, a pasted log in <pre>, a Gmail or Outlook quoted reply,
entities, four languages. Times:

- ticketlint's converter (lxml + the line writer: readers/helpdesk/html.py);
- lxml parsing alone (what the converter pays for the parser);
- the standard library's html.parser with a bare text handler (no structure kept), for scale;
- selectolax (lexbor) parsing plus traversal, when it is installed (not a dependency).

    python bench/html_to_text.py            # 10,000 bodies
    python bench/html_to_text.py --n 2000
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from html.parser import HTMLParser

import lxml.etree

from ticketlint.readers.helpdesk.html import to_text

SENTENCES = [
    "The printer on the second floor stopped printing this morning.",
    "La impresora del segundo piso dejó de imprimir esta mañana.",
    "Printer di lantai dua berhenti mencetak pagi ini.",
    "Imprimanta de la etajul doi nu mai printează de azi-dimineață.",
    "We restarted the spooler &amp; cleared the queue, but nothing changed.",
    "Could you send us a screenshot of the error&nbsp;message?",
    "¿Podría decirnos qué versión del controlador tiene instalada?",
    "Mohon kirimkan tangkapan layar pesan kesalahan.",
    "Vă rugăm să ne trimiteți o captură de ecran cu eroarea.",
]


def body(rng: random.Random) -> str:
    parts = ['<div class="zd-comment" dir="auto">']
    for _ in range(rng.randint(1, 4)):
        parts.append(f"<p>{rng.choice(SENTENCES)} {rng.choice(SENTENCES)}</p>")
    if rng.random() < 0.3:
        parts.append("<ol>" + "".join(f"<li>{rng.choice(SENTENCES)}</li>" for _ in range(rng.randint(2, 5))) + "</ol>")
    if rng.random() < 0.3:
        parts.append('<p>See <a href="https://kb.helpdesk.test/articles/1234" target="_blank" rel="noopener">our guide</a>.</p>')
    if rng.random() < 0.15:
        parts.append("<pre>2026-03-01 08:02:11 ERROR spooler: job 42 failed\n2026-03-01 08:02:12 WARN retrying</pre>")
    if rng.random() < 0.25:
        parts.append('<div class="gmail_quote"><div class="gmail_attr">On Mon, 2 Mar 2026 at 10:15, Ana wrote:<br></div>'
                     f'<blockquote class="gmail_quote" style="margin:0 0 0 .8ex;border-left:1px #ccc solid">'
                     f"<div>{rng.choice(SENTENCES)}</div></blockquote></div>")
    elif rng.random() < 0.15:
        parts.append('<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri"><b>From:</b> Support<br><b>Sent:</b> Monday'
                     f"</font></div><div><p>{rng.choice(SENTENCES)}</p></div>")
    parts.append("</div>")
    return "".join(parts)


class _Bare(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []

    def handle_data(self, data: str) -> None:
        self.out.append(data)


def stdlib_text(markup: str) -> str:
    p = _Bare()
    p.feed(markup)
    p.close()
    return "".join(p.out)


_PARSER = lxml.etree.HTMLParser(huge_tree=True, remove_comments=True, encoding="utf-8")


def lxml_parse(markup: str) -> object:
    return lxml.etree.fromstring(markup.encode("utf-8"), _PARSER)


def timed(name: str, fn: Callable[[str], object], bodies: list[str]) -> None:
    fn(bodies[0])
    t0 = time.perf_counter()
    for b in bodies:
        fn(b)
    dt = time.perf_counter() - t0
    print(f"{name:<44} {dt:7.3f} s  {len(bodies) / dt:9,.0f} bodies/s  {dt / len(bodies) * 1e6:7.1f} µs/body")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    args = ap.parse_args()
    rng = random.Random(10)
    bodies = [body(rng) for _ in range(args.n)]
    size = sum(len(b) for b in bodies)
    print(f"{args.n:,} bodies, {size / args.n:,.0f} characters each on average")
    timed("ticketlint html.to_text (lxml + line writer)", to_text, bodies)
    timed("lxml parse only", lxml_parse, bodies)
    timed("stdlib html.parser, bare text", stdlib_text, bodies)
    try:
        from selectolax.lexbor import LexborHTMLParser
    except ImportError:
        print("selectolax not installed: skipped")
    else:
        timed("selectolax (lexbor) parse + traverse", lambda b: sum(1 for _ in LexborHTMLParser(b).root.traverse(include_text=True)), bodies)


if __name__ == "__main__":
    main()
