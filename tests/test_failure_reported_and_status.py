"""The program's message told in indirect speech, and a status code given as a check's result (issue 13, t101rep21).

In support threads the error's text is often in the thread without quote marks: a customer tells what the program said ("it says
the application did not respond", "te envía un mensaje que es necesario iniciar sesión", "muncul notif gagal disimpan ...",
"îmi apare un mesaj că nu se poate conecta"), or a staff member tries the failing thing and writes the status that came back
("hasilnya 403 alias webnya nolak", "I get a 502 too") or explains the code of a screenshot ("521 = Server Down"). Either puts the
error's text or code in the ticket (RULES.md, TL101: "anywhere"), so TL101 has nothing to ask. The hard negatives keep the report:
a person who says the app fails, a chat message that cannot be sent, a notice named with no text, a message from a courier, a
status the staff only ask about, a number that is no status.
"""

from __future__ import annotations

import pytest
from failure_util import customer_document

from ticketlint.document import Document
from ticketlint.model import Message, Role, Ticket


def _thread(lang: str, *messages: tuple[Role, str]) -> Document:
    msgs = tuple(Message(role=role, body=body) for role, body in messages)
    return Document(Ticket(id="t", messages=msgs, subject=""), language=lang)


@pytest.mark.parametrize(
    ("lang", "text", "evidence"),
    [
        # the program's message in indirect speech, after the thing that says it or at a sentence's start
        ("en", "The bot joined my server but when I use a command it says the application did not respond.", True),
        ("en", "Hey the app can no longer sync. Says sync failed, will try again later.", True),
        ("en", "I can't log in to the server, it says I'm banned although the ban was lifted.", True),
        ("es", "No puedo entrar: al iniciar sesión te envía un mensaje que es necesario iniciar sesión otra vez.", True),
        ("es", "La app no guarda, me sale un aviso de que no se pudo guardar el archivo.", True),
        ("id", "Verifikasi email tidak jalan, lalu muncul notif gagal disimpan tidak berhasil mengirim verifikasi email.", True),
        ("id", "Aplikasinya tidak bisa login, keluar keterangan tidak dapat terhubung ke server.", True),
        ("ro", "Aplicația nu merge, îmi apare un mesaj că nu se poate conecta la server.", True),
        ("ro", "Nu pot intra în cont, afișează un avertisment că parola a expirat deși am schimbat-o.", True),
        # the thing that says it named, as en "it says the application did not respond" (review21: ro had no equivalent)
        ("ro", "Nu pot actualiza nimic: aplicația spune că actualizarea a eșuat.", True),
        ("ro", "Nu mă pot conecta de azi, site-ul îmi zice că serverul nu răspunde.", True),
        # hard negatives: a person says it, a chat message that cannot be sent, a notice with no text, a person's message
        ("en", "My friend says the app doesn't work on his phone either.", False),
        ("en", "The site does not load. Support said they are looking into it.", False),
        ("es", "La app no funciona. Le mandé un mensaje que no contestó.", False),
        ("id", "Bot tidak bisa kirim, ada pesan tidak bisa terkirim terus.", False),
        ("id", "Aplikasi error terus, muncul pesan error.", False),
        ("ro", "Aplicația nu merge deloc de ieri, am reinstalat-o și tot nu pornește.", False),
        ("ro", "Prietenul meu spune că aplicația nu merge nici pe telefonul lui.", False),
        ("ro", "Aplicația nu merge. Clientul spune că imprimanta nu mai printează.", False),  # "clientul" is the customer
        # a message that says the action succeeded is no error's text
        ("es", "La app no funciona bien: me sale un aviso de que se guardó, pero no se guarda nada.", False),
        ("ro", "Aplicația nu merge: apare un mesaj că s-a salvat, dar nu se salvează nimic.", False),
    ],
)
def test_program_text_in_indirect_speech(lang: str, text: str, evidence: bool) -> None:
    doc = customer_document(text, lang)
    assert doc.failure(doc.messages[0], None) is not None  # every case reports a failure
    assert doc.evidence() is evidence


@pytest.mark.parametrize(
    ("lang", "customer", "agent", "evidence"),
    [
        # a staff member tries it and writes the status that came back, or explains the screenshot's code
        ("id", "Yang download gak work bg", "Sabar dulu ya, sudah saya coba, hasilnya 403 alias webnya nolak diakses", True),
        ("id", "Server down?\n![image](https://example.org/s.png)", "521 = Server Down\n522 = RDP mati", True),
        ("en", "The dashboard does not load since this morning.", "I tried it just now and I get a 502 too, looking into it.", True),
        ("es", "La web no carga desde ayer.", "Lo probé y el resultado es 503, ya lo estamos revisando.", True),
        ("ro", "Site-ul nu merge de azi dimineață.", "Am verificat, rezultatul e 504, ne uităm acum.", True),
        # a status only asked about, a number that is no status, a reply with no code
        ("en", "The site is down.", "Do you get a 403 or a 502?", False),
        ("id", "Webnya tidak bisa dibuka.", "Hasilnya 403 atau 502 kak?", False),
        ("es", "La web no carga.", "¿A ti también te da 500?", False),
        ("ro", "Site-ul nu merge.", "Am verificat, la noi merge, încearcă din nou.", False),
    ],
)
def test_status_given_as_result_in_a_reply(lang: str, customer: str, agent: str, evidence: bool) -> None:
    doc = _thread(lang, (Role.CUSTOMER, customer), (Role.AGENT, agent))
    assert doc.failure(doc.messages[0], None) is not None
    assert doc.evidence() is evidence


@pytest.mark.parametrize(
    ("lang", "text", "evidence"),
    [
        ("en", "The shop is broken, the result is a 500 error every time I pay.", True),
        ("id", "Aplikasinya error, saya juga dapat 502 terus dari tadi.", True),
        # a number that is no status
        ("en", "The shop is broken, I got 500 coins less than I paid for.", False),
        ("id", "Aplikasinya error, saldo saya tinggal 500 saja.", False),
    ],
)
def test_status_result_in_a_customer_message(lang: str, text: str, evidence: bool) -> None:
    doc = customer_document(text, lang)
    assert doc.failure(doc.messages[0], None) is not None
    assert doc.evidence() is evidence
