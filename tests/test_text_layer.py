"""The text layer (analysis/text.py) and its cached methods on `AnalysedMessage`."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

import pytest

from ticketlint.analysis import text
from ticketlint.analysis.jargon import scrub
from ticketlint.config import Config
from ticketlint.document import Document
from ticketlint.engine import Linter
from ticketlint.model import Message, Role, Ticket


def _msg(body: str, role: Role = Role.AGENT):  # type: ignore[no-untyped-def]
    return Document(Ticket(id="t", messages=(Message(role=role, body=body),)), language="en").messages[0]


def test_sentences_words_tokens_of_a_message() -> None:
    m = _msg("Hi Ana. Restart it, e.g. the router, then wait 30 s!\nThanks")
    assert [m.prose[s:e] for s, e in m.sentences()] == ["Hi Ana.", "Restart it, e.g. the router, then wait 30 s!", "Thanks"]
    assert [m.prose[s:e] for s, e in m.words()][:4] == ["Hi", "Ana", "Restart", "it"]
    assert "30" in [m.prose[s:e] for s, e in m.tokens()] and "30" not in [m.prose[s:e] for s, e in m.words()]
    assert m.sentences() is m.sentences()  # computed once per message


def test_words_keep_inner_apostrophes_and_hyphens() -> None:
    assert [w for w in text.WORD.findall("don't re-enter the e-mail’s 2FA")] == ["don't", "re-enter", "the", "e-mail’s", "FA"]


def test_list_items() -> None:
    m = _msg("Steps:\n1. Open Settings\n  - Network\n2) Restart\nNot 3. a list\n")
    items = m.list_items()
    assert [m.prose[a:b] for a, b in items] == ["1. ", "- ", "2) "]
    assert [m.prose[b : m.prose.index("\n", b)] for _, b in items] == ["Open Settings", "Network", "Restart"]


def test_links_kinds_and_word_pairs() -> None:
    body = "See https://x.org/a?b=1, mail ops@example.com, run `ls -l` in /etc/hosts or C:\\Temp\\x, open .bashrc on host.example.com; TCP/IP and and/or are words"
    found = {(body[lk.start : lk.end], lk.kind) for lk in text.links(body)}
    assert found == {
        ("https://x.org/a?b=1,", "url"), ("ops@example.com", "email"), ("`ls -l`", "code"), ("/etc/hosts", "path"),
        ("C:\\Temp\\x", "path"), (".bashrc", "dotfile"), ("host.example.com", "host"),
    }
    assert text.links("no links here") == []


def test_scrub_blanks_links_and_keeps_offsets() -> None:
    prose = "Check https://a.b/c and TCP/IP, then run sudo apt-get update.\nok"
    out = scrub(prose)
    assert len(out) == len(prose) and out.endswith("\nok")
    assert "https" not in out and "TCP/IP" in out and "apt-get" not in out


def test_message_links_are_on_the_prose() -> None:
    m = _msg("Open https://example.com/reset now.\n\n> quoted https://old.example.com/x\n")
    assert [m.prose[lk.start : lk.end] for lk in m.links()] == ["https://example.com/reset"]


def test_without_ansi_keeps_offsets() -> None:
    s = "\x1b[1mpassword\x1b[0m: x \x1b[38;5;196mred"
    out = text.without_ansi(s)
    assert len(out) == len(s) and "\x1b" not in out and out.index("password") == s.index("password")
    assert text.without_ansi("plain") == "plain"


_LINTER = Linter(Config(select=("TL601", "TL602")))


def _codes(body: str, **options: object) -> list[str]:
    linter = Linter(Config(select=("TL601",), rule_options={"TL601": options})) if options else _LINTER
    ticket = Ticket(id="t", messages=(Message(role=Role.CUSTOMER, body=body),))
    return [f.code for f in linter.lint_ticket(ticket)]


def test_secrets_pasted_after_a_colour_code_are_found() -> None:
    assert _codes("\x1b[1mpassword: Tr0ub4dor&3") == ["TL601"]
    assert _codes("\x1b[31m4111111111111111\x1b[0m") == ["TL602"]
    assert _codes("\x1b[31m4111 1111 1111 1111") == ["TL602"]


def test_extend_labels_is_honoured() -> None:
    """A label of the option without any of the built-in labels' words was never tried before 0.3."""
    body = "jiraauth: Zq8vLm2x"
    assert _codes(body) == []
    assert _codes(body, **{"extend-labels": ["jiraauth"]}) == ["TL601"]


# Hostile input: 10x the text must cost about 10x the time (a quadratic path costs 100x).
_HOSTILE: dict[str, Callable[[int], str]] = {
    "dots": lambda n: "a." * (n // 2),
    "slashes": lambda n: "a/" * (n // 2),
    "at signs": lambda n: "a@" * (n // 2),
    "backticks": lambda n: "`" * n,
    "one letter": lambda n: "a" * n,
    "capitals": lambda n: "A" * n,
    "blanks": lambda n: " " * n,
    "list markers": lambda n: "1. " * (n // 3),
    "apostrophes": lambda n: "a'" * (n // 2),
    "escapes": lambda n: "\x1b[" + ";" * n,
    "escape runs": lambda n: "\x1b[1" * (n // 3),
}


def _time(fn: Callable[[str], object], s: str, repeat: int) -> float:
    """Best of `repeat` runs, the garbage collector paused: after the
    suite's other tests the heap is large, and a full collection inside one timed run is not the
    text layer's cost."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeat):
            t0 = time.perf_counter()
            fn(s)
            best = min(best, time.perf_counter() - t0)
    finally:
        gc.enable()
    return best


@pytest.mark.slow
@pytest.mark.parametrize("family", sorted(_HOSTILE))
def test_text_layer_is_linear(family: str) -> None:
    def layer(s: str) -> None:
        text.links(s)
        text.words(s)
        text.tokens(s)
        text.list_items(s)
        text.without_ansi(s)
        text.sentences(s)
        for regex in (text.TERM_PART, text.PUNCTUATED, text.CLAUSE, text.SENTENCE_MARK, text.LETTER):
            regex.findall(s)
        for line in s.split("\n"):
            text.STEP_ITEM.match(line)

    build = _HOSTILE[family]
    growth = 0.0
    for _ in range(3):  # a shared machine is noisy: a linear path passes one of three tries
        small = max(_time(layer, build(20_000), 3), 0.002)
        large = _time(layer, build(200_000), 1)
        growth = large / small
        if growth <= 15:
            break
    assert growth <= 15, f"{family}: {growth:.1f}x for 10x the text"


def test_every_builtin_credential_label_holds_a_head_word() -> None:
    """TL601 only tries its labels around the packs' `anchors`: a label holding none would never be tried."""
    from ticketlint.checks.builtin import tl601_credential_in_ticket as tl601
    from ticketlint.registry import default_registry

    default_registry()
    assert tl601.uncovered_labels() == []


def test_join_reduplication_keeps_offsets() -> None:
    from ticketlint.textutil import join_reduplication

    assert join_reduplication("telepon mati mati trs") == "telepon mati-mati trs"
    assert join_reduplication("Tiba tiba keluar") == "Tiba-tiba keluar"  # compared without case
    assert join_reduplication("gak bisa bisa,  bisa bisa") == "gak bisa-bisa,  bisa-bisa"
    # not letters, one letter, two spaces, different words: unchanged
    for same in ("2 2 jam", "a a", "mati  mati", "mati matikan", "x"):
        assert join_reduplication(same) == same
    long = "kata " * 50_000
    assert len(join_reduplication(long)) == len(long)
