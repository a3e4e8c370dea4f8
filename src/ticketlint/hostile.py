"""Families of hostile text, and a way to time a linter on them.

A support export holds text nobody controls: pasted base64 blobs, one log
line of a megabyte, a key held down, a quoted history repeated forty times.
Every check must stay linear in the size of such text. Each family here
builds a message of about `n` characters from one hostile shape; timing a
family at two sizes tells whether some check grows faster than the text.

Used by `bench/hostile.py` (10 KB / 100 KB / 1 MB, growth per 10x) and by
the test suite (20 KB against 200 KB). Public so that a plugin's author can
time their own rules the same way.
"""

from __future__ import annotations

import math
import random
import string
import time
from collections.abc import Callable
from dataclasses import dataclass

from .model import Message, Role, Ticket


def _rep(unit: str) -> Callable[[int], str]:
    def build(n: int) -> str:
        return unit * max(1, n // len(unit))

    return build


def _wrap(head: str, unit: str, tail: str) -> Callable[[int], str]:
    def build(n: int) -> str:
        return head + unit * max(1, (n - len(head) - len(tail)) // len(unit)) + tail

    return build


def _until(n: int, piece: Callable[[int], str], sep: str = " ") -> str:
    """Pieces (the i-th from `piece(i)`) joined by `sep` until about `n` characters."""
    out: list[str] = []
    size = i = 0
    while size < n:
        out.append(piece(i))
        size += len(out[-1]) + len(sep)
        i += 1
    return sep.join(out)[:n]  # never over n: at 1 MB that would pass max-message-chars


def _acronyms(n: int) -> str:
    rng = random.Random(7)
    return _until(n, lambda _: "".join(rng.choice(string.ascii_uppercase) for _ in range(rng.randint(2, 5))))


def _questions(n: int) -> str:
    return _until(n, lambda i: f"How do I fix item {i}?")


BLOB_PERIOD = 4096


def _base64(n: int) -> str:
    """One token of `n` characters with no space: a pasted blob, 4 KB of random base64 letters over and over.

    What is hostile in a blob is its length (one word for every pattern that reads a word), not the variety of its
    letters. Letters random to the end let a literal gate (`patterns.LiteralGate`, a credential format's hints, a
    failure list's key literals) admit at 200 KB a text whose first 20 KB it turns away: a linear scan that starts
    between the two sizes and reads as growth (12-14x per 10x measured, over the test's bound on a loaded machine,
    while each scan alone stays linear). Repeated, every size holds the same literals, so the two sizes run the same
    scans and their times compare the code.
    """
    rng = random.Random(11)
    alphabet = string.ascii_letters + string.digits + "+/"
    period = "".join(rng.choice(alphabet) for _ in range(BLOB_PERIOD))
    return (period * (n // BLOB_PERIOD + 1))[:n]


def _words(n: int) -> str:
    rng = random.Random(13)
    return _until(n, lambda _: "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(1, 9))))


PROSE = (
    "Hi, since the update yesterday the VPN client crashes when I connect from home. I didn't change anything. "
    "Error 0x80070005 shows up, then it closes. Could you check? We have a deadline on Friday and 20 people are "
    "blocked. Regards, Ana\n"
)


@dataclass(frozen=True, slots=True)
class Family:
    """One shape of hostile text: `build(n)` gives about `n` characters of it."""

    name: str
    build: Callable[[int], str]


FAMILIES: tuple[Family, ...] = (
    Family("prose-repeated", _rep(PROSE)),
    Family("yes-then-capitals", _wrap("Yes.\n", "A", "!")),
    Family("capitals", _rep("A")),
    Family("one-word-x", _rep("x")),
    Family("dots", _rep(".")),
    Family("bangs", _rep("!")),
    Family("questions", _rep("?")),
    Family("parens", _rep("(")),
    Family("close-parens", _rep(")")),
    Family("a-dot", _rep("a.")),
    Family("jwt-like", _wrap("eyJ", "a", "")),
    Family("bearer", _wrap("Bearer ", "A", "")),
    Family("jwt-segments", _rep("eyJaaaaaaaaa.")),
    Family("slack-token", _wrap("xoxb-", "a-", "")),
    Family("on-wrote", _wrap("On ", "x", " wrote")),
    Family("combining-marks", _rep("e\u0301")),
    Family("emoji", _rep("\U0001F600")),
    Family("turkish-dotted-i", _rep("\u0130")),
    Family("phone-digits", _rep("+1 555 0100 ")),
    Family("digit-run", _rep("4")),
    Family("card-groups", _rep("4111 ")),
    Family("yes-repeated", _rep("Yes. ")),
    Family("private-key-headers", _rep("-----BEGIN PRIVATE KEY-----\n")),
    Family("no-bangs", _rep("no!!! ")),
    Family("my-pin-is", _rep("my pin is ")),
    Family("password-lines", _rep("password: Tr0ub4dor&3\n")),
    Family("etc", _rep("etc. ")),
    Family("eg", _rep("e.g. ")),
    Family("distinct-acronyms", _acronyms),
    Family("ping-me", _rep("ping me ")),
    Family("quoted-history", _rep("> On Monday Bob wrote: it still fails\n")),
    Family("indented-quote", _rep("   > \n")),
    Family("shouting", _rep("STOP THIS NOW!!! ")),
    Family("base64-blob", _base64),
    Family("log-line", _rep("2024-01-01 12:00:00 ERROR app.worker: job failed code=0x80070005 ")),
    Family("stack-trace", _rep("    at com.example.Foo.bar(Foo.java:12)\n")),
    Family("spaces", _rep(" ")),
    Family("newlines", _rep("\n")),
    Family("tabs", _rep("\t")),
    Family("crlf", _rep("a\r\n")),
    Family("numbered-list", _rep("1. ")),
    Family("dashes", _rep("- ")),
    Family("hyphen-word", _rep("a-")),
    Family("underscores", _rep("_")),
    Family("url-scheme", _rep("http://")),
    Family("slashes", _rep("a/")),
    Family("at-signs", _rep("a@")),
    Family("emails", _rep("ana@example.com ")),
    Family("urls", _rep("https://example.com/a?b=c ")),
    Family("error-words", _rep("error ")),
    Family("hex-codes", _rep("0x8007 ")),
    Family("why-questions", _rep("Why? ")),
    Family("no-change-claim", _rep("I didn't touch anything. ")),
    Family("cjk", _rep("\u4e2d")),
    Family("zero-width", _rep("\u200b")),
    Family("disable-directives", _rep("ticketlint: disable=")),
    Family("colons", _rep(":")),
    Family("equals", _rep("=")),
    Family("backticks", _rep("`")),
    Family("code-fences", _rep("```\n")),
    Family("random-words", _words),
    Family("signature-dashes", _rep("--\n")),
    Family("digits-and-dots", _rep("1.")),
    Family("version-like", _rep("v1.2.3 ")),
    Family("spanish-prose", _rep("No funciona la impresora desde ayer, no hice nada. ")),
    Family("indonesian-prose", _rep("aplikasi tidak bisa login, error terus, tolong diperbaiki. ")),
    Family("romanian-prose", _rep("Nu merge imprimanta de ieri, nu am schimbat nimic. ")),
    # a contextual failure phrase an exception skips, again and again, before a technical word: whether the
    # message is technical was asked again per match (quadratic, 6.4 s at 20 KB)
    Family("daca-nu-merge", _wrap("", "dacă nu merge ", "aplicația")),
    # failure phrases said of a thing that is not technical, each read in its clause (analysis/failure.py `_said_of_other`):
    # every match is skipped and the scan goes on, so each clause must be read at a bounded cost
    Family("not-technical-clauses", _rep("el repartidor no funciona, la entrega a domicilio no funciona ")),
    Family("not-technical-no-punctuation", _wrap("aplicația ", "livrarea nu funcționează ", "")),
    # failure phrases whose clause names nothing, after a physical thing: each looks back for the last thing named
    # (analysis/failure.py `_antecedent_other`) over a bounded window, whatever the number of phrases
    Family("physical-antecedent", _rep("My new washing machine. It stopped working. It stopped working. ")),
    Family("handoff-quoted", _wrap("Escalating to tier 2.\n", "   > \n", "")),
    Family("no-need-to-escalate", _rep("No need to escalate. ")),
    Family("if-you-get-an-error", _rep("if you get an error ")),
    Family("restarted-nothing-changed", _rep("I restarted the router and nothing changed ")),
    Family("dots-then-x", _wrap("", ".", "x")),
    Family("semicolons-then-x", _wrap("", ";", "x")),
    Family("could-you-please", _wrap("", "could you please ", "x")),
    Family("caps-then-commas", _wrap("AA BB CC ", ",", "x")),
    # command lines written in prose (analysis/jargon.py `scrub`): a rare command name then words, pipes
    # that lead to no command, a line start with a command name; a long model-number token in capitals (TL407)
    Family("sudo-words", _rep("sudo aa ")),
    Family("sudo-lines", _rep("sudo x\n")),
    Family("grep-then-pipes", _wrap("grep ", "a|", "")),
    Family("caps-then-model-token", _wrap("AAA BBB CCC X", "B", "1")),
    # t101a: a single quote opened after a display verb and never closed, over English contractions; "no" before words
    Family("says-quote-contractions", _wrap("it says '", "can't won't ", "")),
    Family("no-words-then-available", _rep("no aa bb cc ")),
    Family("saying-blockquotes", _rep("a page saying:\n\n> ")),
    Family("unclosed-quotes", _rep(' "gagal x ')),
    Family("one-open-quote", _wrap('it says "unable ', "x ", "")),
    Family("capitalised-initials", _rep("Ab Cd and ")),
    Family("hyphen-labels-dot", _wrap("", "a-", ".A")),
    Family("and-lead-ins", _rep("and ")),
    Family("esta-repeated", _rep("está ")),
    Family("dumneavoastra", _wrap("abonamentul ", "dumneavoastră ", "")),
    Family("disponible", _rep("disponible ")),
    Family("sudah-tidak", _wrap("seharusnya Anda ", "sudah tidak ", " salah Anda")),
    Family("distinct-questions", _questions),
    Family("user-error-closing", _rep("it says user error, closing. ")),
    Family("refusal-questions", _rep("We can't do that? ")),
    Family("refusal-then-a-dots", _wrap("We can't do that. ", "a.", "")),
    # t304r21: the refusals' and alternatives' new bounded runs of words ("no X Y planned", "PRs X Y Z are welcome", a no after
    # lead words, "solo <verb>") on text that repeats their openings without their ends
    Family("plans-and-welcomes", _rep("Hi, no, no aa bb PRs aa bb cc dd ee solo cerrar hanya bisa doar ")),
    # TL403's governance (hedge13/hedge13b): every bare hedge cue is a candidate; the exceptions (one reads 300
    # characters after each hedge) were scanned for all of them, the sentence starts listed again per hedge
    # (2.4 s at 48 KB), and the answer path searched its sentence per hedge
    Family("maybe-repeated", _rep("maybe ")),
    Family("maybe-sentences", _rep("maybe. ")),
    Family("hedged-steps", _rep("maybe try it. ")),
    Family("hedged-noes", _rep("not sure, no. ")),
    Family("i-think-clauses", _rep("I think x, ")),
    # markup that is not prose (masking: front matter, HTML comments)
    Family("comment-openers", _rep("<!--")),
    Family("comments-and-prose", _rep("<!-- PEBKAC --> Please reset the ONT.\n")),
    Family("front-matter-long", _wrap("---\n", "title: Reset the ONT\n", "---\nPlease reset it.")),
    Family("front-matter-no-colon", _wrap("---\n", "a", "\n---\n")),
    # the program's text in indirect speech and a status given as a result (analysis/failure.py `status_result`, failure.toml
    # `evidence`, issue 13 t101rep21): a failure with a long run of what looks like the speech's words, and of status lines
    Family("says-indirect", _wrap("The app crashed. It says the ", "app ", "did not")),
    Family("status-explained", _wrap("The site is down.\n", "503 = server ", "down")),
    Family("mensaje-que", _wrap("La app no funciona, me sale un mensaje que ", "no se ", "pudo")),
    Family("muncul-notif", _wrap("Aplikasi tidak bisa login, muncul notif gagal ", "disimpan ", "lagi")),
)

ROLES: tuple[Role, ...] = (Role.CUSTOMER, Role.AGENT, Role.NOTE)


def tickets_for(text: str) -> list[Ticket]:
    """The text as a message of each role, and as both sides of a thread."""
    single = [Ticket(id=f"hostile-{r.value}", messages=(Message(role=r, body=text),)) for r in ROLES]
    thread = Ticket(id="hostile-thread", messages=(Message(role=Role.CUSTOMER, body=text),
                                                   Message(role=Role.AGENT, body=text)))
    return [*single, thread]


def warm_up(lint: Callable[[Ticket], object]) -> None:
    """Lint prose in every language and role once, so that the packs' patterns (compiled on
    first use, per language) are built before anything is timed."""
    for name in ("prose-repeated", "spanish-prose", "indonesian-prose", "romanian-prose", "password-lines", "emoji"):
        family = next(f for f in FAMILIES if f.name == name)
        for ticket in tickets_for(family.build(3000)):
            lint(ticket)


def time_text(lint: Callable[[Ticket], object], text: str, repeat: int = 1) -> float:
    """CPU seconds of this process to lint `text` in every role (the fastest of `repeat` runs). CPU time, not the
    wall: on a shared machine another process holding the core is not this code's time (tests/timing_util.py)."""
    tickets = tickets_for(text)
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        for ticket in tickets:
            lint(ticket)
        best = min(best, time.process_time() - t0)
    return best


def growth_per_10x(small: float | None, large: float | None, small_size: int, large_size: int) -> float | None:
    """How many times slower per 10x more text (10 is linear, 100 quadratic); None if unknown."""
    if small is None or large is None or small <= 0:
        return None
    return float((large / small) ** (1 / math.log10(large_size / small_size)))
