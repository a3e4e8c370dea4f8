"""TL301's whole-reply pattern holds the answer list once: `W (A N W)+` accepts what `W A (N W A)* N W` did."""

from __future__ import annotations

import random
import re
import tomllib
from pathlib import Path

from ticketlint.analysis import vocabulary
from ticketlint.checks.builtin.tl301_yes_no_only_reply import _answers_full

ROOT = Path(__file__).resolve().parents[1]


def test_the_answer_list_once_accepts_what_it_twice_did() -> None:
    answers = vocabulary.phrases("answers", fold=False, word_bounded=False)
    full = _answers_full(())
    assert answers is not None and full is not None
    ans = f"(?:{answers.pattern})"
    twice = re.compile(rf"[\W_]*(?:{ans})(?:(?![\w])[\W_]*(?:{ans}))*(?![\w])[\W_]*", re.IGNORECASE)
    assert full.pattern.count(answers.pattern) == 1
    words = [w for path in sorted(ROOT.glob("rules/*/vocabulary.toml"))
             for w in tomllib.loads(path.read_text(encoding="utf-8"))["answers"] if re.fullmatch(r"[\w' ]+", w)]
    rnd = random.Random(13)
    seps = ["", " ", ", ", "! ", "...", " :) ", "-", "_", "x", "\n", "\U0001f44d", "?"]
    texts = []
    for _ in range(4000):
        text = rnd.choice(seps[:6]) + "".join(rnd.choice(words) + rnd.choice(seps) for _ in range(rnd.randint(1, 4)))
        text = text.upper() if rnd.random() < 0.3 else text
        texts.append(text[: rnd.randint(0, len(text))] if rnd.random() < 0.2 else text)
    assert 500 < sum(1 for t in texts if twice.fullmatch(t)) < len(texts) - 500  # both kinds are tried
    assert [bool(full.fullmatch(t)) for t in texts] == [bool(twice.fullmatch(t)) for t in texts]


def test_a_possessive_extra_answer_keeps_the_list_twice() -> None:
    full = _answers_full(("ok++",))
    assert full is not None and full.pattern.count("ok++") == 2
