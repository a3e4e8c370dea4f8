"""The data rule types (checks/types/): existence, conditional, occurrence, substitution, and text scopes.

Each type is tried on a rule written as data in a temporary organisation pack
(the way a team would write one): positives, negatives, and a hostile text
whose time must grow linearly.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from timing_util import settled_heap

from ticketlint.config import Config
from ticketlint.datarules import build_rule, load_data_rules
from ticketlint.engine import Linter
from ticketlint.model import Message, Role, Ticket
from ticketlint.packs import PackError
from ticketlint.packs.files import org_rule, reset
from ticketlint.registry import Registry

RULES = {
    "TST101.toml": """
code = "TST101"
name = "tst-refusal"
type = "conditional"
summary = "refusal unless alternative"
scope = ["agent"]
first = "refusals"
unless = ["alternatives"]
unless_patterns = ['https?://\\S+']
skip_questions = true
fold_accents = true
message = "'{match}' refuses"
[options]
extend-alternatives = { adds = "alternatives", help = "more alternatives" }
""",
    "TST102.toml": """
code = "TST102"
name = "tst-apologies"
type = "occurrence"
summary = "too many apologies"
scope = ["agent"]
max = 1
message = "{count} apologies (at most {max})"
""",
    "TST103.toml": """
code = "TST103"
name = "tst-swap"
type = "substitution"
summary = "plain words"
scope = ["agent"]
fold_accents = true
message = "'{match}': write '{replacement}'"
suggestion = "Write '{replacement}'."
""",
    "TST104.toml": """
code = "TST104"
name = "tst-per-sentence"
type = "conditional"
summary = "escalation unless a team in the same sentence"
scope = ["agent"]
first = "escalations"
unless = ["teams"]
within = "sentence"
message = "'{match}' names no team"
""",
    "TST105.toml": """
code = "TST105"
name = "tst-subject"
type = "conditional"
summary = "refusal unless the subject says it is a known limit"
scope = ["agent"]
first = "refusals"
unless = ["known"]
unless_in = "subject"
message = "'{match}'"
""",
    "TST106.toml": """
code = "TST106"
name = "tst-gated"
type = "conditional"
summary = "a bare answer refuses when the customer asked for something"
scope = ["agent"]
first = "refusals"
unless = ["alternatives"]
gated = "bare"
gate = "asks"
message = "'{match}'"
""",
    "TST107.toml": """
code = "TST107"
name = "tst-instructed"
type = "conditional"
summary = "a refusal unless an alternative, or an instruction after it"
scope = ["agent"]
first = "refusals"
unless = ["alternatives"]
instructions = "verbs"
instruction_leads = "leads"
unless_own_language = true
message = "'{match}'"
""",
}
PACKS = {
    "TST101.toml": 'refusals = ["we can\'t (?:do|change) (?:that|it)", "no es posible"]\n'
                   'alternatives = ["instead", "you can"]\nexceptions = ["we can\'t do that yet"]\n',
    "TST102.toml": 'tokens = ["sorry", "apologi[sz]e"]\n',
    "TST107.toml": 'refusals = ["we can\'t refund (?:it|this)"]\nalternatives = ["instead"]\nverbs = ["open", "contact"]\n'
                   'leads = ["please", "then"]\n',
    "TST103.toml": 'swap = { "utili[sz]e" = "use", "kindly do the needful" = "please", "peticion" = "request" }\n'
                   'exceptions = ["utilise the api"]\n',
    "TST104.toml": 'escalations = ["I will escalate"]\nteams = ["billing team"]\n',
    "TST105.toml": 'refusals = ["not possible"]\nknown = ["limitation"]\n',
    "TST106.toml": 'refusals = ["not possible"]\nalternatives = ["instead"]\nbare = ["not yet"]\nasks = ["is there an? \\\\w+"]\n',
}


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("org")
    (root / "en").mkdir()
    for name, text in RULES.items():
        (root / name).write_text(text, encoding="utf-8")
    for name, text in PACKS.items():
        (root / "en" / name).write_text(text, encoding="utf-8")
    reset([root])
    try:
        yield root
    finally:
        reset(())


def _linter(pack: Path, code: str, options: dict[str, object] | None = None) -> Linter:
    reg = Registry()
    reg.register(build_rule(org_rule(pack / f"{code}.toml"), code))
    rule_options = {code: options} if options else {}
    return Linter(Config(select=("ALL",), language="en", rule_options=rule_options), registry=reg)


def _found(linter: Linter, *bodies: str, subject: str = "") -> list[tuple[int, str, str]]:
    msgs = tuple(Message(Role.AGENT, b) for b in bodies)
    linted = linter.lint(Ticket("t", msgs, subject=subject))
    return [(f.message_index, bodies[f.message_index][f.span.start:f.span.end], f.message)
            for f in linted.findings if f.code.startswith("TST")]


def test_conditional_flags_x_without_y(pack: Path) -> None:
    lint = _linter(pack, "TST101")
    assert _found(lint, "Sorry, we can't do that.") == [(0, "we can't do that", "'we can't do that' refuses")]
    assert _found(lint, "We can't do that. Instead, export the file.") == []
    assert _found(lint, "We can't change it, see https://example.com/help") == []
    assert _found(lint, "Is it true we can't do that?") == []  # a question is no refusal
    assert _found(lint, "We can't do that yet.") == []  # an exception overlaps it
    assert _found(lint, "No es posible.") == [(0, "No es posible", "'No es posible' refuses")]  # folded, any case
    assert len(_found(lint, "We can't do that. We can't change it.")) == 1  # one finding per unit


def test_conditional_option_extends_a_list(pack: Path) -> None:
    lint = _linter(pack, "TST101", {"extend-alternatives": ["our partner shop"]})
    assert _found(lint, "We can't do that; our partner shop does.") == []


def test_conditional_sentence_scope(pack: Path) -> None:
    lint = _linter(pack, "TST104")
    text = "I will escalate it to the billing team. Then I will escalate the refund."
    assert _found(lint, text) == [(0, "I will escalate", "'I will escalate' names no team")]
    assert text.index("I will escalate the") == 45


def test_conditional_subject_scope(pack: Path) -> None:
    lint = _linter(pack, "TST105")
    assert _found(lint, "That is not possible.", subject="Known limitation: exports") == []
    assert len(_found(lint, "That is not possible.", subject="Export")) == 1


def test_conditional_gated_list_counts_after_a_matching_customer_message(pack: Path) -> None:
    lint = _linter(pack, "TST106")

    def found(customer: str, reply: str) -> list[str]:
        msgs = (Message(Role.CUSTOMER, customer), Message(Role.AGENT, reply))
        return [f.message for f in lint.lint(Ticket("t", msgs)).findings if f.code == "TST106"]

    assert found("Is there a Mac version?", "Not yet.") == ["'Not yet'"]
    assert found("Is it fixed?", "Not yet.") == []  # the gate: nothing was asked for
    assert found("Is there a Mac version?", "Not yet, use the web app instead.") == []  # Y still clears it
    assert _found(lint, "Not yet.") == []  # no customer message, nothing asked
    assert len(_found(lint, "That is not possible.")) == 1  # the first list needs no gate
    with pytest.raises(PackError, match=r"'gated' and 'gate' go together"):
        build_rule({"code": "X1", "name": "x", "type": "conditional", "summary": "", "scope": [], "message": "",
                    "first": "a", "gated": "b"}, "x.toml")


def test_conditional_instruction_after_x_clears_it(pack: Path) -> None:
    """refuse17: a clause after the refusal that opens with an instruction (after a lead word) is the alternative; one
    before the refusal, or a verb inside a clause, is not."""
    lint = _linter(pack, "TST107")
    assert _found(lint, "We can't refund it. Please open a dispute with your bank.") == []
    assert _found(lint, "We can't refund it; then, contact your bank.") == []
    assert _found(lint, "We can't refund it - open a dispute.") == []
    assert len(_found(lint, "Open the app. We can't refund it.")) == 1  # before it: what the refusal answers
    assert len(_found(lint, "We can't refund it. The bank may open a dispute.")) == 1  # no clause opens with it
    assert len(_found(lint, "We can't refund it. Please note the date.")) == 1  # a lead without an instruction
    with pytest.raises(PackError, match=r"'instruction_leads' needs 'instructions'"):
        build_rule({"code": "X1", "name": "x", "type": "conditional", "summary": "", "scope": [], "message": "",
                    "first": "a", "instruction_leads": "b"}, "x.toml")


def test_occurrence_counts_per_unit(pack: Path) -> None:
    lint = _linter(pack, "TST102")
    assert _found(lint, "Sorry for the wait, we apologise.") == [(0, "apologise", "2 apologies (at most 1)")]
    assert _found(lint, "Sorry for the wait.") == []


def test_substitution_names_the_replacement(pack: Path) -> None:
    lint = _linter(pack, "TST103")
    linted = lint.lint(Ticket("t", (Message(Role.AGENT, "Please utilize the form and kindly do the needful."),)))
    got = [(f.message, f.suggestion) for f in linted.findings]
    assert got == [("'utilize': write 'use'", "Write 'use'."), ("'kindly do the needful': write 'please'", "Write 'please'.")]
    assert _found(lint, "You can utilise the API now.") == []  # inside an exception
    assert _found(lint, "Su petición fue recibida.") == [(0, "petición", "'petición': write 'request'")]


def test_bad_rule_files_name_file_and_key(pack: Path) -> None:
    with pytest.raises(PackError, match=r"x\.toml: unknown key 'frist' for a rule of type 'conditional'"):
        build_rule({"code": "X1", "name": "x", "type": "conditional", "summary": "", "scope": ["agent"],
                    "message": "", "frist": "refusals"}, "x.toml")
    with pytest.raises(PackError, match=r"x\.toml: unknown rule type 'regex'"):
        build_rule({"code": "X1", "name": "x", "type": "regex", "summary": "", "scope": [], "message": ""}, "x.toml")
    with pytest.raises(PackError, match=r"x\.toml: 'within' must be one of"):
        build_rule({"code": "X1", "name": "x", "type": "existence", "summary": "", "scope": [], "message": "",
                    "within": "paragraph"}, "x.toml")
    with pytest.raises(PackError, match=r"x\.toml: options\.extend-x\.adds: 'nope' is not a list"):
        build_rule({"code": "X1", "name": "x", "type": "conditional", "summary": "", "scope": [], "message": "",
                    "first": "a", "options": {"extend-x": {"adds": "nope", "help": "h"}}}, "x.toml")


def test_org_rules_are_loaded(pack: Path) -> None:
    codes = {r.meta.code for r in load_data_rules()}
    assert {"TST101", "TST102", "TST103", "TST104", "TL304", "TL401"} <= codes
    tst = next(r for r in load_data_rules() if r.meta.code == "TST101")
    assert tst.meta.languages == ("en",)  # the languages it has a pack for


@pytest.mark.parametrize(("code", "unit"), [
    ("TST101", "we can't do that yet. "), ("TST101", "we can't "), ("TST102", "sorry "),
    ("TST103", "utilise the api "), ("TST104", "I will escalate "), ("TST101", "a" * 50 + "."),
])
def test_hostile_text_is_linear(pack: Path, code: str, unit: str) -> None:
    lint = _linter(pack, code)

    def timed(n: int) -> float:
        ticket = Ticket("t", (Message(Role.AGENT, unit * (n // len(unit))),))
        best = float("inf")
        for _ in range(2):
            start = time.process_time()
            lint.lint(ticket)
            best = min(best, time.process_time() - start)
        return max(best, 0.002)

    timed(2_000)
    with settled_heap():  # the collector's scans of what earlier tests left are not the rule's time
        small, large = timed(20_000), timed(200_000)
    assert large / small < 30, f"{code} on {unit[:20]!r}: {small:.4f}s -> {large:.4f}s for 10x the text"
