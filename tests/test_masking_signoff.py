"""A social-media agent's initials at the end of a reply ("^JK", "-AB", "*TM") are a signature (masking.py)."""

from __future__ import annotations

import time

import pytest
from timing_util import settled_heap

from ticketlint.masking import mask


@pytest.mark.parametrize("body, initials", [
    ("Please DM us your order number and we'll look into it. ^JK", "^JK"),
    ("What device are you using? -AB", "-AB"),
    ("Sorry for the trouble, it is fixed now *TM\n", "*TM\n"),
    ("Gracias por escribirnos ~CR", "~CR"),
    ("Terima kasih kak. – RN", "– RN"),
])
def test_trailing_initials_are_blanked_as_a_signature(body: str, initials: str) -> None:
    masked = mask(body)
    assert len(masked.prose) == len(body)
    (sig,) = masked.signatures
    assert body[sig.start:].strip() == initials.strip()
    assert masked.prose.rstrip() == body[: sig.start].rstrip()


@pytest.mark.parametrize("body", [
    "Open the -AB panel and press Save.",  # not at the end
    "-AB",  # nothing before it: the whole message is no signature
    "The model is the X-AB",  # glued to a word
    "Set the option to -ab",  # lower case: a command-line flag, not initials
    "Use version 2.0 -ABCD",  # four letters: not initials
    "then run it again with chmod -R",  # one capital: a command-line flag, not initials
])
def test_other_marks_and_capitals_stay_prose(body: str) -> None:
    assert mask(body).signatures == ()


def test_the_search_reads_only_the_end_of_the_body() -> None:
    """However long the body, the initials are looked for in its last characters: a run of marks and
    capitals costs the same at 10x the size (linear at worst, here constant for the search)."""
    def timed(n: int) -> float:
        body = "^A -B *C " * n
        best = float("inf")
        for _ in range(5):  # the fastest of five: on a loaded machine, noise only ever adds time
            t = time.perf_counter()
            for _ in range(4):
                mask(body)
            best = min(best, time.perf_counter() - t)
        return best
    with settled_heap():  # the collector's scans of what earlier tests left are not the code's time
        small, large = timed(2_000), timed(20_000)
    assert large < small * 25  # masking itself is linear; the initials add nothing quadratic
