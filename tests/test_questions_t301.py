"""analysis/questions.py, issue 13 (t301): a yes/no question asked in a clause, a reassurance as the bare no, a polarity
adverb opening the reply. Positive and hard-negative cases in the four languages."""

from __future__ import annotations

import pytest

from ticketlint.analysis import questions as qa
from ticketlint.document import Document
from ticketlint.model import Message, Role, Ticket


def _doc(lang: str, *msgs: tuple[str, str]) -> Document:
    return Document(Ticket("t", tuple(Message(Role.parse(r), b) for r, b in msgs)), language=lang)


@pytest.mark.parametrize(("lang", "text", "asks"), [
    ("en", "The page says lifetime updates, does this mean I pay once.", True),
    ("en", "I read the page, how do I install it.", False),  # asked, but not a yes/no question
    ("en", "I restarted it and did the update.", False),  # "did" after "and" opens no question
    ("es", "La página dice que es gratis, existe la posibilidad de pagar una vez.", True),
    ("es", "Reinicié el equipo y está igual.", False),
    ("id", "Di halaman tertulis gratis, apakah berarti bayar sekali.", True),
    ("id", "Sudah saya restart dan tetap sama.", False),
    ("ro", "Pagina spune că e gratuit, ați putea confirma că plătesc o dată.", True),
    ("ro", "Am repornit și e la fel.", False),
])
def test_a_yes_no_question_opening_a_clause(lang: str, text: str, asks: bool) -> None:
    msg = _doc(lang, ("customer", text)).messages[0]
    assert qa.asks_in_clause(msg, lang, yes_no=True) is asks


@pytest.mark.parametrize(("lang", "question", "reply", "found"), [
    ("en", "I was not billed for March. Should I send you the $9?", "Sorry for the delay. No worries!", "no worries"),
    ("en", "Is it fixed? It works now, thanks a lot!", "No worries!", None),  # the thanks close the message
    ("en", "How do I pay the missing month?", "No worries.", None),  # a how-question: no yes or no answers it
    ("es", "¿Puedo enviarles los 9 dólares?", "No se preocupe.", "no se preocupe"),
    ("es", "¿Cómo pago el mes que falta?", "No se preocupe.", None),
    ("id", "Apakah perlu saya transfer lagi?", "Gak apa-apa kak.", "gak apa-apa"),
    ("id", "Sudah bisa, makasih kak!", "Gak apa-apa kak.", None),
    ("ro", "Pot să vă trimit din nou banii?", "Nu vă faceți griji.", "nu va faceti griji"),
    ("ro", "Merge acum, mulțumesc mult!", "Nicio grijă.", None),
])
def test_a_reassurance_after_a_closing_yes_no_question(lang: str, question: str, reply: str, found: str | None) -> None:
    doc = _doc(lang, ("customer", question), ("agent", reply))
    where = qa.reassurance(doc.messages[1].prose, lang, (doc.messages[0],))
    assert (qa.fold(reply[where[0]:where[1]]) if where else None) == found


@pytest.mark.parametrize(("lang", "question", "reply", "bare"), [
    ("en", "Can I pay with a QR code?", "not yet added", True),
    ("en", "Can I pay with a QR code?", "not yet, use a bank transfer from the Invoices page", False),
    ("es", "¿Se puede pagar con código QR?", "todavía no lo añadí", True),
    ("es", "¿Se puede pagar con código QR?", "todavía no, usa una transferencia desde la página de facturas", False),
    ("id", "Bisa bayar pakai QRIS?", "belum saya tambahkan kak", True),
    ("id", "Bisa bayar pakai QRIS?", "tidak perlu QRIS, transfer bank sudah otomatis terverifikasi dalam lima menit", False),
    ("ro", "Se poate plăti cu cod QR?", "încă nu l-am adăugat", True),
    ("ro", "Se poate plăti cu cod QR?", "încă nu, dar puteți plăti prin transfer bancar din pagina Facturi", False),
])
def test_a_polarity_adverb_opening_the_reply(lang: str, question: str, reply: str, bare: bool) -> None:
    doc = _doc(lang, ("customer", question), ("agent", reply))
    assert qa.answer_led(reply, lang, (doc.messages[0],)) is bare
