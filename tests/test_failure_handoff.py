"""The failure and hand-off analysis (analysis/failure.py, analysis/handoff.py) and the rules TL101-TL105 on it."""

from __future__ import annotations

import random
import time

import pytest

from ticketlint import packs
from ticketlint.analysis import failure, handoff
from ticketlint.analysis.handoff import NoteScan
from ticketlint.checks.base import RuleContext
from ticketlint.checks.builtin.tl101_missing_error_code import MissingErrorCode
from ticketlint.checks.builtin.tl103_missing_steps_tried import MissingStepsTried
from ticketlint.checks.builtin.tl104_missing_environment import MissingEnvironment
from ticketlint.checks.builtin.tl105_missing_business_impact import MissingBusinessImpact
from ticketlint.document import AnalysedMessage, Document
from ticketlint.model import LANGUAGES, Hit, Message, Role, Span, Ticket
from ticketlint.patterns import Phrases
from ticketlint.registry import default_registry
from ticketlint.ruleoptions import RuleOptions

RULES = (MissingErrorCode(), MissingStepsTried(), MissingEnvironment(), MissingBusinessImpact())
default_registry(plugins=False)  # a rule's pack schema (RuleMeta.pack) is declared when the rule is registered


def _doc(*messages: tuple[Role, str], language: str = "en", subject: str = "") -> Document:
    ticket = Ticket(id="t", messages=tuple(Message(role=r, body=b) for r, b in messages), subject=subject)
    return Document(ticket, language=language)


def _hits(rule: object, doc: Document, **options: object) -> list[Hit]:
    opts_type: type[RuleOptions] = rule.meta.options_type  # type: ignore[attr-defined]
    return list(rule.check(RuleContext(doc, opts_type.build(options), code=rule.meta.code)))  # type: ignore[attr-defined]


# --- NoteScan: "does a note before this one pass the test", each note tested at most once ---


@pytest.mark.parametrize("seed", range(20))
def test_note_scan_answers_as_a_rescan_would(seed: int) -> None:
    rnd = random.Random(seed)
    roles = [rnd.choice([Role.NOTE, Role.NOTE, Role.CUSTOMER, Role.AGENT]) for _ in range(30)]
    passes = {i for i in range(30) if rnd.random() < 0.15}
    doc = _doc(*((r, f"message {i}") for i, r in enumerate(roles)))
    tested: list[int] = []

    def test(m: AnalysedMessage) -> bool:
        tested.append(m.index)
        return m.index in passes

    scan = doc.earlier_notes(("test", seed), test)
    for index in sorted(rnd.sample(range(31), 12)):
        expected = any(m.role is Role.NOTE and m.index < index and m.index in passes for m in doc.messages)
        assert scan.any_before(index) is expected
    assert len(tested) == len(set(tested)), "a note was tested twice"
    assert all(roles[i] is Role.NOTE for i in tested)
    assert doc.earlier_notes(("test", seed), test) is scan  # one scan per key and ticket


def test_note_scan_tests_no_note_past_the_question() -> None:
    doc = _doc(*((Role.NOTE, f"note {i}") for i in range(10)))
    tested: list[int] = []

    def test(m: AnalysedMessage) -> bool:
        tested.append(m.index)
        return m.index == 7

    scan = NoteScan(doc.messages, test)
    assert not scan.any_before(3)
    assert tested == [0, 1, 2]
    assert scan.any_before(9) and not scan.any_before(7) and scan.any_before(8)
    assert tested == list(range(8))


# --- The quadratic that was: TL103/TL105 rescanned the earlier notes for every hand-off ---


def _handoff_thread(n: int) -> Document:
    note = "Escalating to tier 2: export to PDF fails with error 0x80004005."
    return _doc(*((Role.NOTE, note) for _ in range(n)))


def _time_rules(n: int, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        doc = _handoff_thread(n)  # fresh caches
        for m in doc.messages:
            m.prose  # noqa: B018  (masking is not what is timed)
        start = time.process_time()
        hits = _hits(MissingStepsTried(), doc) + _hits(MissingBusinessImpact(), doc)
        best = min(best, time.process_time() - start)
        assert len(hits) == 2 * n  # every note is an incomplete hand-off
    return best


def test_handoff_rules_are_linear_in_the_number_of_notes() -> None:
    _time_rules(50, 1)  # packs compiled
    for _attempt in range(2):
        small = max(_time_rules(200, 3), 0.002)
        large = _time_rules(2000, 1)
        if large / small <= 25:
            break
    assert large / small <= 25, f"200 notes: {small:.4f} s, 2,000 notes: {large:.4f} s ({large / small:.0f}x for 10x)"


# --- Caches shared by the rules, and the language policy ---


def test_failure_and_evidence_are_computed_once_per_ticket(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = {"failure": 0, "evidence": 0}
    find, has = failure.find_failure, failure.has_evidence

    def counting_find(msg: AnalysedMessage, document: Document, extra: Phrases | None) -> Span | None:
        calls["failure"] += 1
        return find(msg, document, extra)

    def counting_has(document: Document, extra: Phrases | None, logs_count: bool) -> bool:
        calls["evidence"] += 1
        return has(document, extra, logs_count)

    monkeypatch.setattr(failure, "find_failure", counting_find)
    monkeypatch.setattr(failure, "has_evidence", counting_has)
    doc = _doc((Role.CUSTOMER, "The VPN doesn't work since this morning."))
    assert [h.span for h in _hits(MissingErrorCode(), doc)] == [Span(8, 20)]
    assert len(_hits(MissingEnvironment(), doc, **{"ignore-with-error": True})) == 1
    assert calls == {"failure": 1, "evidence": 1}


def test_handoff_is_computed_once_per_note(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    find = handoff.find_handoff

    def counting(msg: AnalysedMessage, plain_min_words: int, extra: Phrases | None) -> Span | None:
        calls.append(msg.index)
        return find(msg, plain_min_words, extra)

    monkeypatch.setattr(handoff, "find_handoff", counting)
    doc = _doc((Role.NOTE, "Escalating to tier 2: VPN down."), (Role.NOTE, "Called customer, no answer."))
    assert len(_hits(MissingStepsTried(), doc)) == 1 and len(_hits(MissingBusinessImpact(), doc)) == 1
    assert calls == [0, 1]


def test_a_language_without_packs() -> None:
    """The one policy (packs/): a rule does not run on a message in a language it has no packs for."""
    text = "The VPN is not working since this morning. Escalating to tier 2."
    assert len(_hits(MissingErrorCode(), _doc((Role.NOTE, text)))) == 1
    doc = _doc((Role.NOTE, text), language="xx")
    assert _hits(MissingErrorCode(), doc) == [] and _hits(MissingEnvironment(), doc) == []
    assert _hits(MissingStepsTried(), doc) == [] and _hits(MissingBusinessImpact(), doc) == []


def test_user_patterns_are_folded_and_compiled_once() -> None:
    assert failure.user_phrases(("sincronización rota",)) is failure.user_phrases(("sincronización rota",))
    assert failure.user_phrases(()) is None
    doc = _doc((Role.NOTE, "Pasando a Ana: la sincronizacion rota otra vez."), language="es")
    assert _hits(MissingStepsTried(), doc) == []
    hits = _hits(MissingStepsTried(), doc, **{"extend-handoff": ("pasando a ana",)})
    assert [doc.messages[0].body[h.span.start : h.span.end] for h in hits] == ["Pasando a Ana"]
    # the rule's user patterns: a step phrase excuses the note, an error pattern is evidence
    assert _hits(MissingStepsTried(), doc, **{"extend-handoff": ("pasando a ana",), "extend-steps": ("rota",)}) == []
    doc = _doc((Role.CUSTOMER, "The sync doesn't work, it shows ACME-42."))
    assert len(_hits(MissingErrorCode(), doc)) == 1
    assert _hits(MissingErrorCode(), doc, **{"extend-evidence": (r"(?-i:ACME-\d+)",)}) == []


def test_options_are_typed_with_the_documented_names_and_defaults() -> None:
    specs = {r.meta.code: {s.name: s.default for s in r.meta.option_specs} for r in RULES}
    assert specs["TL101"] == {"extend-failure": [], "extend-evidence": [], "logs-are-evidence": True}
    assert specs["TL103"] == {"extend-steps": [], "extend-handoff": [], "plain-min-words": 15}
    assert specs["TL104"] == {"extend-failure": [], "ignore-with-error": False, "extend-environment": []}
    assert specs["TL105"] == {"extend-impact": [], "extend-handoff": [], "plain-min-words": 15}


@pytest.mark.parametrize("name", ["failure", "handoff", "TL101", "TL102", "TL103", "TL104", "TL105"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_pack_key_is_declared_and_every_required_key_present(name: str, lang: str) -> None:
    schema = packs.schema_of(name)
    assert schema is not None, f"no schema declared for rules/*/{name}.toml"
    for key, spec in schema.keys.items():
        value = packs.words(name, lang, key)  # raises on an undeclared or mistyped key in the file
        assert value or not spec.required, f"rules/{lang}/{name}.toml: required key '{key}' is missing or empty"


# --- what fails: a failure phrase said of a thing that is not technical (failure.toml `not_technical`; issue 13, t101b) ---


@pytest.mark.parametrize(
    ("lang", "text", "phrase", "other"),
    [
        ("es", "pague con tarjeta en la web. la entrega a domicilio no funciona en mi zona", "no funciona", True),
        ("es", "la entrega a domicilio va bien, pero la app no funciona en mi zona", "no funciona", False),
        ("ro", "am platit online. livrarea nu functioneaza in zona mea", "nu functioneaza", True),
        ("ro", "adresa de livrare nu se salveaza", "nu se salveaza", False),  # a complement, no subject: data of the program
        ("en", "i paid in the app. my parcel didn't work out, the courier never came", "didn't work", True),
        ("id", "pak kurir tidak bisa datang hari ini", "tidak bisa", True),
        ("id", "tidak muncul konfigurasi untuk pilihan kurir", "tidak muncul", False),
    ],
)
def test_a_failure_phrase_said_of_a_thing_that_is_not_technical(lang: str, text: str, phrase: str, other: bool) -> None:
    start = text.index(phrase)
    assert failure._said_of_other(text, start, start + len(phrase), lang) is other


def test_the_clause_of_a_failure_phrase_ends_at_punctuation_and_is_bounded() -> None:
    text = "mi paquete llego. " + "x" * 200 + " no funciona " + "y" * 200
    start = text.index("no funciona")
    lo, hi = failure._clause(text, start, start + len("no funciona"))
    assert (lo, hi) == (start - failure._CLAUSE_REACH, start + len("no funciona") + failure._CLAUSE_REACH)
    text = "el repartidor, otra vez: no funciona; la app si"
    start = text.index("no funciona")
    assert text[slice(*failure._clause(text, start, start + len("no funciona")))] == " no funciona"
