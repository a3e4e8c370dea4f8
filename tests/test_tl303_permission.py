"""TL303 (t303c): what the rule no longer takes as a next step, and what it still must, in the four languages.

- A permission modal said back to a customer who asked leave ("Can I use numpy?" - "You can use numpy.") is the yes or
  the no, not a step: it answers. Whether an answer owes a next step is the thread language's `given_passes` (es and id
  flag it, en and ro pass it as an answer).
- A wish about what the customer does ("Sería mejor que nos cuentes", "We'd prefer that you ...") is a step.
- es: the 1st person preterite ("Revisé este punto") is no usted imperative ("Revise este punto"), which folding
  the accent away makes of it.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ticketlint.config import Config
from ticketlint.engine import Linter
from ticketlint.model import Message, Role, Ticket

_LINTER = Linter(Config(profile="audit", select=("TL303",)))
_NO_ANSWERS = Linter(Config(profile="audit", select=("TL303",), rule_options={"TL303": {"answers-pass": False}}))


def _flagged(lang: str, customer: str, agent: str, linter: Linter = _LINTER) -> bool:
    ticket = Ticket("t", (Message(Role.CUSTOMER, customer), Message(Role.AGENT, agent)), language=lang)
    return any(f.code == "TL303" for f in linter.lint(ticket).findings)


# (language, a question asking leave, a permission said back)
_GRANTS = [
    ("en", "Is it allowed to use numpy for the second assignment?", "Yes, you can use numpy for it."),
    ("en", "Can I hand in the report as a PDF file?", "You may hand in the report as a PDF."),
    ("es", "¿Está permitido usar la librería numpy en la tarea?", "Sí, se puede."),
    ("es", "¿Se puede utilizar la librería numpy en la parte I?", "Sí, puedes usar la librería numpy."),
    ("es", "¿Puedo entregar el informe en PDF?", "Sí, puedes entregarlo en PDF."),
    ("id", "Apakah boleh memakai numpy untuk tugas kedua?", "Boleh kok, kamu bisa pakai numpy."),
    ("id", "Bolehkah saya kirim laporan dalam bentuk PDF?", "Boleh, kamu bisa kirim dalam bentuk PDF."),
    ("ro", "Pot folosi biblioteca numpy la tema a doua?", "Da, puteți folosi biblioteca numpy."),
    ("ro", "Se poate preda raportul ca PDF?", "Da, puteți preda raportul ca PDF."),
]


@pytest.mark.parametrize(("lang", "asked", "granted"), _GRANTS)
def test_a_permission_said_back_is_an_answer_not_a_step(lang: str, asked: str, granted: str) -> None:
    # read as an answer, not as a step: flagged with no answer passing (answers-pass off), and by default where the
    # language's readers flag answers (es, id: no `given_passes`)
    assert _flagged(lang, asked, granted, _NO_ANSWERS)
    if lang in ("es", "id"):
        assert _flagged(lang, asked, granted)


# (language, a customer message, a reply whose modal is a way to get what was asked, or holds another step)
_STEPS = [
    # a request to the team beside the leave asked: "you can contact me" is how to get it
    ("en", "I want to sell it commercially. Is it possible? Can you give me your contact details?",
     "Commercial use is fine. You can contact me on Discord."),
    ("es", "Quiero venderlo. ¿Se puede? ¿Me pueden dar un contacto?", "El uso comercial está bien. Me puedes escribir por Discord."),
    ("id", "Saya mau menjualnya. Apakah boleh? Bisa minta kontaknya?", "Boleh. Kakak bisa hubungi saya di Discord."),
    ("ro", "Vreau să îl vând. Se poate? Îmi puteți da un contact?", "Se poate. Îmi puteți scrie pe Discord."),
    # an open question: the modal tells how
    ("en", "How do I change the e-mail address of my account?", "You can change it on your profile page."),
    ("es", "¿Cómo cambio el correo de mi cuenta?", "Puedes cambiarlo en la página de tu perfil."),
    ("ro", "Cum schimb adresa de e-mail a contului?", "Puteți să o schimbați din pagina de profil."),
    # leave granted, and a step besides
    ("es", "¿Se puede usar numpy en la tarea?", "Sí, se puede. Pueden enviarnos el código por correo si tienen dudas."),
    ("en", "Can I use numpy for the homework?", "You can, and you can send us the notebook if it fails."),
]


@pytest.mark.parametrize(("lang", "asked", "reply"), _STEPS)
def test_a_modal_that_is_a_way_stays_a_step(lang: str, asked: str, reply: str) -> None:
    assert not _flagged(lang, asked, reply, _NO_ANSWERS)


# (language, a wish about what the customer does: a step)
_WISHES = [
    ("en", "We'd prefer that you open a new issue for the second crash."),
    ("en", "It would be better if you sent the full log by e-mail."),
    ("es", "Sería mejor que nos cuentes por correo el uso que le quieres dar."),
    ("es", "Preferimos que no utilices numpy en esta tarea."),
    ("id", "Lebih baik kakak kirim lognya lewat email."),
    ("id", "Kami lebih suka jika anda membuka issue baru untuk crash kedua."),
    ("ro", "Ar fi mai bine să ne scrieți pe e-mail jurnalul complet."),
    ("ro", "Preferăm să nu folosiți numpy la această temă."),
]


@pytest.mark.parametrize(("lang", "wish"), _WISHES)
def test_a_wish_about_what_the_customer_does_is_a_step(lang: str, wish: str) -> None:
    asked = {"en": "The app crashes again on start.", "es": "La aplicación se cierra otra vez al abrirla.",
             "id": "Aplikasinya keluar sendiri lagi waktu dibuka.", "ro": "Aplicația se închide iar la pornire."}[lang]
    assert not _flagged(lang, asked, wish, _NO_ANSWERS)


_ES_ISSUE = "Hay un error en el changelog de la versión 1.7."


@pytest.mark.parametrize("reply", [
    "¡Gracias por avisar! Revisé este punto y en el manuscrito actual ya está resuelto.",
    "Solicité a la ayudante que suba una nueva versión del enunciado.",
    "Cambié la clave de su cuenta.",
])
def test_es_a_preterite_is_no_usted_imperative(reply: str) -> None:
    assert _flagged("es", _ES_ISSUE, reply, _NO_ANSWERS)


@pytest.mark.parametrize("reply", [
    "Revise este punto del manuscrito actual.",
    "Solicite a la ayudante una nueva versión del enunciado.",
    "Cambie la clave de su cuenta.",
    "Revise el changelog de la versión 1.8.",
])
def test_es_the_usted_imperative_stays_a_step(reply: str) -> None:
    assert not _flagged("es", _ES_ISSUE, reply, _NO_ANSWERS)


def test_the_permission_answer_is_read_in_time_linear_in_the_reply() -> None:
    """review17: each permission modal's clause was read to the next clause end, which a reply without punctuation
    ("you can you can ...") puts at the end of the text: one scan of the rest per modal, 0.28 s at 5,000 characters and
    72 s at 80,000. The clause read for a grant is bounded, so the reply is read once."""
    from timing_util import assert_grows_linearly

    def prepare(n: int) -> Callable[[], object]:
        ticket = Ticket("t", (Message(Role.CUSTOMER, "Can I use numpy?"), Message(Role.AGENT, ("you can " * n)[:n])), language="en")
        return lambda: _LINTER.lint(ticket)

    assert_grows_linearly(prepare, 4_000, 40_000, max_ratio=20)


@pytest.mark.parametrize(("lang", "reply"), [
    # review17: "es mejor que" compares as often as it wishes: "mejor que nada", "mejor que la anterior" give no step
    ("es", "El pedido ya salió. Es mejor que nada."),
    ("es", "La versión nueva es mucho mejor que la anterior."),
    ("es", "Ya lo corregimos y ahora es mejor que antes."),
    # a wish about the past reproaches, it asks nothing now ("It would be better if you had told us")
    ("en", "It would be better if you had told us earlier, but the order has already shipped."),
])
def test_a_comparison_or_a_past_wish_is_no_step(lang: str, reply: str) -> None:
    asked = {"en": "The app crashes again on start.", "es": "La aplicación se cierra otra vez al abrirla."}[lang]
    assert _flagged(lang, asked, reply, _NO_ANSWERS)
