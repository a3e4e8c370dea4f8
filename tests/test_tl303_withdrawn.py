"""TL303: a customer's new request taken back in the same message ("Can you add X? never mind") leaves nothing asked
after "it works" (issue 13, the TL303 reviewer's note), in the four languages. The reading of "it works" as owing no
next step is the `closings` reading (option closings-pass; off by default since t303r21: a closing line gives no action,
time or question), so these cases run with it on."""

from __future__ import annotations

import pytest

from ticketlint.config import Config
from ticketlint.engine import Linter
from ticketlint.model import Message, Role, Ticket

_LINTER = Linter(Config(profile="audit", select=("TL303",), rule_options={"TL303": {"closings-pass": True}}))
_DEFAULT = Linter(Config(profile="audit", select=("TL303",)))

# (language, solved and a request, withdrawn, the agent's closing without a next step)
_CASES = [
    ("en", "I reinstalled it and it worked. Can you add an auto-updater?", "Never mind, it updates by itself.",
     "Interesting, many users mention the same thing."),
    ("es", "Lo reinstalé y ya funciona. ¿Pueden agregar una actualización automática?", "No importa, ya se actualiza solo.",
     "La actualización automática es un pedido frecuente de los usuarios."),
    ("id", "Sudah saya instal ulang dan sudah bisa. Bisa tambahkan pembaruan otomatis?", "Gak jadi deh, ternyata sudah otomatis.",
     "Pembaruan otomatis memang sering diminta pengguna."),
    ("ro", "L-am reinstalat și acum merge bine. Puteți adăuga actualizare automată?", "Nu mai contează, se actualizează singur.",
     "Interesant, mulți utilizatori spun același lucru."),
]


def _flagged(lang: str, customer: str, agent: str) -> bool:
    ticket = Ticket("t", (Message(Role.CUSTOMER, customer), Message(Role.AGENT, agent)), language=lang)
    return any(f.code == "TL303" for f in _LINTER.lint(ticket).findings)


@pytest.mark.parametrize(("lang", "asked", "withdrawn", "reply"), _CASES)
def test_a_request_withdrawn_in_the_same_message_leaves_nothing_asked(lang: str, asked: str, withdrawn: str, reply: str) -> None:
    assert _flagged(lang, asked, reply)  # a new request after "it works": the reply owes a next step
    assert not _flagged(lang, f"{asked} {withdrawn}", reply)
    # withdrawn first, then asked: the request stands
    assert _flagged(lang, f"{withdrawn} {asked}", reply)
    assert not _flagged(lang, asked.split("?")[0].rsplit(".", 1)[0] + ".", reply)  # solved, nothing asked


# (language, a condition the customer does not mind after the request: the request stands; review15)
_NOT_WITHDRAWN = [
    ("en", "Never mind if it takes a while."),
    ("en", "Never mind how long it takes."),
    ("es", "No importa si tarda."),
    ("es", "Ya no importa cuánto cueste."),
    ("id", "Gak jadi masalah kalau lama."),
    ("id", "Tidak jadi soal kalau harus menunggu."),
    ("ro", "Nu mai contează dacă durează."),
    ("ro", "Nu mai contează cât costă."),
]


@pytest.mark.parametrize(("lang", "indifferent"), _NOT_WITHDRAWN)
def test_not_minding_a_condition_withdraws_nothing(lang: str, indifferent: str) -> None:
    """"no importa si tarda" ("it does not matter if it takes a while") keeps the request: what does not matter is the
    condition that follows, not the request. Bare ("No importa, ya se actualiza solo") it still takes the request back."""
    asked, _, reply = next((a, w, r) for la, a, w, r in _CASES if la == lang)
    assert _flagged(lang, f"{asked} {indifferent}", reply)


# (language, a withdrawal that names what it takes back: the question, the request, what was asked; review16)
_NAMED_WITHDRAWN = [
    ("en", "Never mind the question, it updates by itself."),
    ("en", "Never mind my last question, it updates by itself."),
    ("en", "Never mind what I asked, it updates by itself."),
    ("es", "No importa la pregunta, ya se actualiza solo."),
    ("es", "No importa lo que pregunté, ya se actualiza solo."),
    ("id", "Gak jadi nanya deh, ternyata sudah otomatis."),
    ("ro", "Nu mai contează întrebarea, se actualizează singur."),
    ("ro", "Nu mai contează ce am întrebat, se actualizează singur."),
]


@pytest.mark.parametrize(("lang", "withdrawn"), _NAMED_WITHDRAWN)
def test_a_withdrawal_naming_the_question_still_withdraws(lang: str, withdrawn: str) -> None:
    """The condition after "never mind" ("if it takes a while") keeps the request; the question or what was asked named
    after it ("never mind the question", "no importa lo que pregunté") is the request taken back."""
    asked, _, reply = next((a, w, r) for la, a, w, r in _CASES if la == lang)
    assert _flagged(lang, asked, reply)
    assert not _flagged(lang, f"{asked} {withdrawn}", reply)


@pytest.mark.parametrize(("lang", "asked", "withdrawn", "reply"), _CASES)
def test_by_default_a_reply_after_it_works_still_owes_a_next_step(lang: str, asked: str, withdrawn: str, reply: str) -> None:
    """Without closings-pass the customer's "it works" does not excuse the reply (RULES.md: no action, time or question)."""
    ticket = Ticket("t", (Message(Role.CUSTOMER, asked.split("?")[0].rsplit(".", 1)[0] + "."), Message(Role.AGENT, reply)), language=lang)
    assert any(f.code == "TL303" for f in _DEFAULT.lint(ticket).findings)
