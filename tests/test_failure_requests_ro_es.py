"""Romanian and Spanish TL101 precision: requests, the program's text in ro/es forms, things that are not technical (issue 13, t101ro21).

The kinds come from a fresh gauge of 114 Romanian and Spanish openers judged by hand before any run
(`corpus/real/judged/t101ro21-fresh.labels`) and the dev false positives of the ro-*/es-* parts; the sentences here are written
for the tests, none copied. Each mechanism is stated in the four languages' `rules/<lang>/failure.toml`:

- A ticket whose title names it a request for a change (`request_titles`: "[Sugerencia]", "Feature request:", "rugăminte de
  îmbunătățire") or that opens with a user story (`user_stories`: "Como usuario, quiero ..."): its opening message says what
  does not happen yet in order to ask for it. Not a question's label ("Question: why does ... freeze"), not a verb of adding
  alone ("Agregar dos Cups ... me da error"), and no title in a message of one line (a review closing with "saran aja ...").
- The program's text in Spanish and Romanian forms: an error noun after a verb of showing, with no determiner, and the text on the
  next line ("me marca errores:\\n<line>"); messages announced on the same line after a few words and a colon ("Mesajele de eroare
  primite sunt toate de acelasi fel: Nivel studii lipsa!"); the message set in bold on the line after the one naming the error;
  an English "Failed to load resource: ..." line in a thread of another language (`foreign_evidence`).
- Not technical: attempts to reach someone without success, what cannot be done until one pays, content not yet updated, the
  ticket called a duplicate by its writer (`exceptions`); traffic lights (`physical_things`).
"""

from __future__ import annotations

import pytest
from failure_util import customer_document, failure_phrase

import ticketlint


def _tl101(body: str, lang: str, subject: str = "") -> list[str]:
    ticket = {"id": "t", "language": lang, "subject": subject, "messages": [{"role": "customer", "body": body}]}
    return [f.code for f in ticketlint.lint(ticket, config={"select": ["TL101"]})]


@pytest.mark.parametrize(
    ("lang", "body"),
    [
        ("es", "[Sugerencia] Horario\nEstaría bien que el planificador avise, ahora no puedo ver los choques de horario."),
        ("es", "Como usuario, quiero que la app me avise cuando no se sincroniza el calendario."),
        ("es", "Mejora: exportar notas\nHoy no se puede exportar el boletín a PDF."),
        ("ro", "Sugestie de îmbunătățire a raportului\nÎn raport nu apar sporurile și ar fi util să apară."),
        ("ro", "Ca utilizator vreau să primesc o notificare când nu se trimite declarația."),
        ("en", "Feature request: offline mode\nThe app does not work without a connection, please add an offline mode."),
        ("en", "As a user, I want to be told why my login failed."),
        ("id", "Usulan fitur: mode gelap\nAplikasinya tidak bisa diubah ke tema gelap."),
        ("id", "Sebagai pengguna, saya ingin diberi tahu kalau sinkronisasi gagal."),
    ],
)
def test_a_ticket_titled_as_a_request_reports_no_failure(lang: str, body: str) -> None:
    assert _tl101(body, lang) == []


@pytest.mark.parametrize(
    ("lang", "body", "subject"),
    [
        # the title as the ticket's subject
        ("es", "Ahora no se puede exportar el boletín a PDF.", "Propuesta: exportar el boletín"),
        ("en", "The dashboard does not show the weekly totals.", "[Feature] weekly totals"),
    ],
)
def test_a_request_subject_counts_as_the_title(lang: str, body: str, subject: str) -> None:
    assert _tl101(body, lang, subject) == []


@pytest.mark.parametrize(
    ("lang", "body"),
    [
        # a question's label is no request: the question may be about what fails
        ("es", "Pregunta: ¿por qué la app no abre desde ayer?"),
        ("ro", "Întrebare: de ce nu se deschide aplicația de ieri?"),
        ("en", "Question: why does the game load forever and then freeze?"),
        # a title that starts with a verb of adding, and the failure told in the body
        ("es", "Agregar un segundo contador\nProbé a añadir otra línea en la configuración pero me da error."),
        ("ro", "Adăugare al doilea contor\nAm încercat să adaug încă un contor dar nu funcționează."),
        # a request word later in the thread does not change the first message
        ("es", "La app no abre desde ayer.\nOjalá agreguen una sugerencia de solución."),
        # a message of one line has no title: a review that closes with a suggestion, a question asking for suggestions
        ("id", "aplikasinya tidak bisa dibuka dari kemarin, saran aja perbaiki servernya"),
        ("en", "my wireless is not working since the update, any suggestions?"),
        # a role named at the start with no story verb after it
        ("es", "Como usuario nuevo no puedo iniciar sesión y necesito ayuda"),
        ("en", "As a new user I can't log in since yesterday."),
        # a title unsure whether it reports a bug or asks for a feature names no request (review21)
        ("en", "Not sure if this is a bug or a feature request\nWhen I click Export the app crashes."),
        ("en", "Feature request or bug?\nWhen I click Export the app crashes."),
        ("es", "No sé si es un bug o una solicitud de funcionalidad\nCuando pulso Exportar la app se cierra."),
        ("id", "Bug atau permintaan fitur?\nSaat klik Ekspor aplikasinya force close."),
        ("ro", "Nu știu dacă e bug sau cerere de funcționalitate\nCând apăs Export aplicația se închide singură."),
    ],
)
def test_a_report_under_another_title_still_counts(lang: str, body: str) -> None:
    assert _tl101(body, lang) == ["TL101"]


def test_only_the_opening_message_is_read_under_the_title() -> None:
    ticket = {
        "id": "t",
        "language": "es",
        "messages": [
            {"role": "customer", "body": "[Sugerencia] Exportar\nSería útil exportar el horario."},
            {"role": "agent", "body": "Gracias, lo anotamos."},
            {"role": "customer", "body": "Por cierto, desde hoy la app no abre."},
        ],
    }
    assert [f.code for f in ticketlint.lint(ticket, config={"select": ["TL101"]})] == ["TL101"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # an error noun after a verb of showing, with no determiner, and its text on the next line
        ("es", "al subir el archivo me marca errores:\n\nUpload rejected by the storage server, quota exceeded\n\n¿qué hago?"),
        ("es", "al guardar aparecen errores:\nNo se pudo escribir el registro en la base de datos"),
        # messages announced on the same line after a few words and a colon
        ("ro", "Mesajele de eroare primite la transmitere sunt toate la fel: Nivel studii lipsa!, Functie lipsa!"),
        ("es", "Los errores que devuelve la API son siempre del mismo tipo: Campo fecha obligatorio."),
        ("en", "The error messages we get back are all the same: Field name missing!"),
        ("id", "Pesan error yang muncul semuanya sama: Tanggal lahir wajib diisi"),
        # the message in bold on the line after the one naming the error
        ("ro", "Rezultat actual - eroare la salvare\n**Data contractului trebuie să fie după data angajării!**"),
        ("es", "Resultado actual: error al guardar\n**La fecha de alta debe ser posterior a la de contrato.**"),
        ("en", "Actual result: an error on save\n**The start date must be later than the contract date.**"),
        ("id", "Hasilnya error saat simpan\n**Tanggal mulai harus setelah tanggal kontrak.**"),
    ],
)
def test_the_programs_text_is_evidence(lang: str, text: str) -> None:
    assert customer_document(text, lang).evidence()


@pytest.mark.parametrize("lang", ["es", "ro", "id"])
def test_an_english_failed_to_line_is_the_programs_text_in_another_language(lang: str) -> None:
    text = "nu se încarcă pagina, în consolă:\nFailed to load resource: the server responded with a status of 500"
    assert customer_document(text, lang).evidence()


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # the customer's own words after the colon, not the program's
        ("es", "al guardar aparecen errores:\nyo no sé qué hacer, ayuda por favor"),
        ("ro", "Mesajele de eroare sunt mereu aceleași: nu merge nimic de ieri"),
        ("es", "Los errores son siempre los mismos: no carga y se cierra"),
        # a bold heading is no message
        ("es", "Error al guardar\n**Pasos para reproducir**\n1. abrir la ficha"),
        ("ro", "Eroare la salvare\n**Pași de reproducere**\n1. deschid fișa"),
        # in an English thread an English "failed to" line is the writer's
        ("en", "the page failed to load: it shows nothing at all"),
    ],
)
def test_the_customers_words_are_no_evidence(lang: str, text: str) -> None:
    assert not customer_document(text, lang).evidence()


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # attempts to reach someone without success
        ("es", "Llamé sin éxito al menos diez veces al servicio de atención."),
        ("ro", "Am sunat de zece ori la call center fără succes."),
        ("en", "I called support five times without success."),
        ("id", "sudah telepon cs berkali-kali tapi tidak diangkat"),
        # what cannot be done until one pays
        ("es", "No podía hacer llamadas hasta que fuera a pagar la factura."),
        ("ro", "Nu puteam suna până nu plăteam restanța."),
        ("en", "I couldn't make calls until I paid the bill."),
        ("id", "gak bisa nelpon sampai bayar tagihan"),
        # content not yet updated
        ("ro", "Am observat că nomenclatorul CAEN nu a fost actualizat."),
        ("es", "La lista de códigos aún no ha sido actualizada con la norma nueva."),
        ("en", "The documentation has not been updated for the new release."),
        ("id", "dokumentasi API belum diperbarui untuk versi baru"),
        # the ticket called a duplicate by its writer
        ("ro", "Dacă bug-ul e duplicat îmi cer scuze."),
        ("es", "Si este issue es duplicado, lo cierro."),
        ("en", "Sorry if this issue is a duplicate."),
        ("id", "maaf kalau issue ini duplikat"),
        # traffic lights
        ("es", "El semáforo de la esquina no funciona desde hace un mes."),
        ("ro", "Semaforul de la intersecție nu funcționează de o săptămână."),
        ("en", "The traffic lights on Main Street do not work since Monday."),
        ("id", "lampu lalu lintas di perempatan mati sejak kemarin"),
    ],
)
def test_not_technical(lang: str, text: str) -> None:
    assert failure_phrase(text, lang) is None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a failure beside a contact attempt, or an app that will not let in until something other than paying
        ("es", "La app no abre desde ayer y llamé sin éxito al soporte."),
        ("es", "La app no me deja entrar hasta que reinstalo."),
        ("ro", "Aplicația nu se deschide de ieri, am sunat fără succes la suport."),
        ("en", "The list does not update when I press refresh."),
        ("id", "aplikasi tidak bisa dibuka dari kemarin"),
    ],
)
def test_a_failure_beside_them_still_counts(lang: str, text: str) -> None:
    assert failure_phrase(text, lang) is not None


def test_the_colloquial_nimica_reports_what_does_not_happen() -> None:
    assert failure_phrase("Aleg contractul, dau Transmite. Nu se întâmplă nimica.", "ro") is not None
    assert failure_phrase("Nu se intampla nimica rau daca reporniti serverul?", "ro") is None
