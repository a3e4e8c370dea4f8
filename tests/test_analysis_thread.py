"""The analysis layer of the reply rules: thread pairing, questions, the shared vocabulary."""

from __future__ import annotations

import pytest

from ticketlint import packs
from ticketlint.analysis import questions, vocabulary
from ticketlint.analysis.text import fold
from ticketlint.checks.builtin import tl302_unanswered_question as tl302
from ticketlint.document import Document
from ticketlint.model import Message, Role, Ticket
from ticketlint.packs.files import PackError


def _doc(*msgs: tuple[str, str], language: str = "en") -> Document:
    return Document(Ticket("t", tuple(Message(Role.parse(r), b) for r, b in msgs)), language=language)


def test_exchanges_pair_each_agent_run_with_the_customer_block_before_it() -> None:
    doc = _doc(
        ("customer", "How do I export?"),
        ("customer", "And can I import?"),
        ("note", "internal"),
        ("agent", "Go to Settings."),
        ("agent", "Also: yes."),
        ("customer", "Thanks! One more: where is the log?"),
        ("agent", "In /var/log."),
    )
    ex = doc.exchanges
    assert [[m.index for m in e.customers] for e in ex] == [[0, 1], [5]]
    assert [[m.index for m in e.replies] for e in ex] == [[3, 4], [6]]


def test_a_follow_up_run_answers_the_last_customer_message_of_the_block_before() -> None:
    doc = _doc(("customer", "Q1?"), ("customer", "Q2?"), ("agent", "A."), ("note", "n"), ("agent", "B."))
    assert [m.index for m in doc.exchanges[0].customers] == [0, 1]  # notes do not end a run
    doc = _doc(("agent", "Hello."), ("customer", "Q?"), ("agent", "A."))
    assert [(tuple(m.index for m in e.customers), tuple(m.index for m in e.replies)) for e in doc.exchanges] == [((), (0,)), ((1,), (2,))]


def test_customer_before_skips_notes_and_stops_at_an_agent_message() -> None:
    doc = _doc(("customer", "It works now."), ("note", "n"), ("agent", "Great."), ("agent", "Closing."))
    assert doc.customer_before(doc.messages[2]) is doc.messages[0]
    assert doc.customer_before(doc.messages[3]) is None
    assert doc.customer_before(doc.messages[0]) is None


def test_questions_are_cached_per_arguments_and_merge_repeats() -> None:
    doc = _doc(("customer", "Can I export my invoices to CSV? Can I export invoices to CSV? How do I change the billing address?"))
    msg = doc.messages[0]
    found = msg.questions()
    assert found is msg.questions()
    assert len(found) == 3 and len(questions.merge(found)) == 2
    assert found[0].yes_no and not found[2].yes_no and found[2].open
    assert "invoi" in found[0].keys


def test_a_tag_question_ending_in_other_punctuation_asks_yes_no() -> None:
    # Deliberate fix: the pack's `\W*$` was lowered to `\w*$` when patterns were folded by
    # lower-casing them, so "..., right?!" was not recognised as a tag question.
    doc = _doc(("customer", "You already refunded the March invoice, right?!"))
    (q,) = doc.messages[0].questions()
    assert q.yes_no
    tags = packs.phrases("questions", "tag_questions", None, fold=True, word_bounded=False)
    assert tags is not None and tags.search(fold("you did it, right?!")) is not None
    assert tags.search(fold("right? then what")) is None


def test_min_questions_default_is_declared_once() -> None:
    assert tl302.Options().min_questions == 2
    assert [s.default for s in tl302.Options.specs() if s.name == "min-questions"] == [2]


def test_vocabulary_is_one_schema_checked_place_per_language() -> None:
    assert packs.schema_of("vocabulary") is vocabulary.SCHEMA
    greet = vocabulary.phrases("greetings", "ro")
    assert greet is not None and greet.match(fold("Bună ziua")) is not None
    assert vocabulary.phrases("signoffs") is not None
    with pytest.raises(PackError, match="vocabulary.toml: 'farewells' is not a key"):
        packs.words("vocabulary", "en", "farewells")


def test_indonesian_key_words_are_snowball_stems() -> None:
    # The hand-written affix list read "memasang" as "asang", "memahami" as "aham" and left "berjalan" whole.
    assert questions.stem("memasang", "id") == "pasan"
    assert questions.stem("berjalan", "id") == "jalan"
    assert questions.stem("memahami", "id") == "paham"
    assert questions.stem("invoices", "en") == "invoi"  # English: only cut (its stemmer measured worse)
