"""TL301: a reassurance with its intensifier ("nu vă faceți griji deloc", "no se preocupe para nada") is one
reassurance: the intensifier is no bare "no" of its own (issue 13, the round's note: TL301 read ro "Nu vă faceți griji"
as the no). After a statement nothing is answered; after a closing yes/no question the whole reassurance is the answer,
as without the intensifier (t301: `reassurance_answers`)."""

from __future__ import annotations

import pytest

from ticketlint.config import Config
from ticketlint.engine import Linter
from ticketlint.model import Message, Role, Ticket

_LINTER = Linter(Config(profile="audit", select=("TL301",)))

# (language, a statement, a closing yes/no question, a reassurance with an intensifier)
_CASES = [
    ("en", "My order is late.", "Do I need to do anything?", "Don't worry at all."),
    ("es", "Mi pedido llegó tarde.", "¿Tengo que hacer algo?", "No se preocupe para nada."),
    ("es", "Mi pedido llegó tarde.", "¿Tengo que hacer algo?", "No te preocupes en absoluto."),
    ("id", "Pesanan saya terlambat.", "Apakah saya harus melakukan sesuatu?", "Jangan khawatir sama sekali."),
    ("ro", "Comanda mea a întârziat.", "Trebuie să fac ceva?", "Nu vă faceți griji deloc."),
    ("ro", "Comanda mea a întârziat.", "Trebuie să fac ceva?", "Nu vă faceţi griji."),  # cedilla ţ, as typed on older keyboards
]


def _excerpts(lang: str, customer: str, agent: str) -> list[str]:
    ticket = Ticket("t", (Message(Role.CUSTOMER, customer), Message(Role.AGENT, agent)), language=lang)
    return [f.excerpt for f in _LINTER.lint(ticket).findings if f.code == "TL301"]


@pytest.mark.parametrize(("lang", "statement", "question", "reassurance"), _CASES)
def test_a_reassurance_with_its_intensifier_is_one_reassurance(lang: str, statement: str, question: str, reassurance: str) -> None:
    assert _excerpts(lang, statement, reassurance) == []  # nothing was asked: no bare answer
    assert _excerpts(lang, question, reassurance) == [reassurance.rstrip(".")]  # the whole reassurance answers
