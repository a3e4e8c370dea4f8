"""What is not an error's text, and what still is (issue 13, evid16; rules/<lang>/failure.toml `evidence`).

A failure is reported, then something that is no error text was taken for it: a name quoted after "help with", a
message that says the action *succeeded* ("mesaj că s-a făcut modificarea", "mensaje de que se guardó"), a version
number, an order or booking number, the noun "failure" in scare quotes or as a key in code, a quoted web address, an
issue title "[10.0][module] title" or an indented sentence ending in a colon taken for a pasted log. None of them is an
error code or message (RULES.md, TL101), so the ticket still lacks one. The hard negatives keep the real thing: a code next to a version, an HTTP status, a quoted message after a
thing that shows it, a message that says the action failed, and quoted status text a device or site shows.
"""

from __future__ import annotations

import pytest
from failure_util import customer_document

from ticketlint.document import Document
from ticketlint.model import Message, Role, Ticket


def _evidence(text: str, lang: str) -> bool:
    return customer_document(text, lang).evidence()


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a name quoted after "with" that names what one needs help with or has trouble with
        ("en", 'I need help with "Ubuntu" system installation, the installer keeps failing.'),
        ("en", 'Can someone help me with "Thunderbird" setup? It does not start.'),
        # a message that says the action succeeded (the languages with a "message that ..." reading: es, ro)
        ("es", "Guardo los cambios, me sale un mensaje de que se guardó, pero el sistema no funciona igual."),
        ("es", "Aparece el aviso de que el pedido fue enviado con éxito pero la app no funciona."),
        ("es", "Recibo un mensaje de que se actualizó el perfil y luego la página no carga."),
        ("ro", "Am modificat datele, am primit mesaj că s-a făcut modificarea, dar aplicația tot nu merge."),
        ("ro", "Primesc mesajul că datele au fost salvate cu succes, însă sistemul nu funcționează."),
        ("en", "I got a message that it was saved, but the app still crashes."),
        ("id", "Muncul pesan bahwa data berhasil disimpan, tapi aplikasinya tetap tidak bisa dibuka."),
        # a version number is no error code
        ("en", "The app crashes on start, version v2.3.1."),
        ("es", "La aplicación no funciona desde la versión 5.2."),
        ("id", "Aplikasi tidak bisa dibuka sejak versi 5.2."),
        ("ro", "Aplicația nu merge de la versiunea 3."),
        # an order, booking, flight or invoice number is no code
        ("en", "Checkout fails for order number 4567891."),
        ("es", "No funciona el pago de la reserva, código de reserva XJ5K22."),
        ("id", "Pembayaran gagal terus untuk nomor pesanan 123456."),
        ("ro", "Plata nu merge pentru comanda nr. 12345."),
    ],
)
def test_not_evidence(lang: str, text: str) -> None:
    assert not _evidence(text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a thing that shows text, then "with" and the quote
        ("en", 'A popup with "Access denied" shows when I log in.'),
        ("en", 'I get an error with "The operation could not be completed" every time.'),
        # a message that says the action failed, even beside the success words
        ("es", "Me sale un mensaje de que no se guardó el archivo."),
        ("es", "Aparece un aviso de que el archivo no fue guardado."),
        ("ro", "Primesc mesajul că datele nu au fost salvate."),
        ("ro", "Reapare mesajul că CNPul nu a fost furnizat."),
        # a real code beside a version, an HTTP status, quoted error text that names a version
        ("en", "I get error 0x80070005 in version 2.3 when installing."),
        ("en", "The site fails with HTTP 502 since this morning."),
        ("es", 'Me sale el error "No se puede conectar" en la versión 5.2.'),
        ("id", 'Muncul error "Gagal memuat data" di versi 5.2.'),
        ("ro", 'Apare mesajul "Eroare la salvare" în versiunea 3.'),
        # quoted status text shown by a device or a site is evidence (issue 13)
        ("en", "My phone says 'No SIM' since yesterday and calls fail."),
        ("id", "Aplikasinya gak bisa dibuka, muncul tulisan 'gagal memuat'."),
    ],
)
def test_still_evidence(lang: str, text: str) -> None:
    assert _evidence(text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # the program's own words quoted, success or not, stay its text (only a paraphrased success is none)
        ("en", 'Your system confirmed with "Password reset instructions sent!" but no email arrives.'),
        ("es", 'Me sale el mensaje "Guardado correctamente" pero el archivo no aparece.'),
        ("ro", 'Apare mesajul "Salvat cu succes" dar fișierul nu apare.'),
        ("id", 'Muncul pesan "Berhasil disimpan" tapi datanya tidak ada.'),
    ],
)
def test_quoted_program_text_stays_evidence(lang: str, text: str) -> None:
    assert _evidence(text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a quoted noun "failure" names the kind (scare quotes, a key in code), as a quoted bare "error" does
        ("en", 'The proxy did not work; we fixed the root cause of this "failure" in our setup.'),
        ("en", 'My back_urls are array("success" => $ok, "failure" => $ko) and the redirect does not work.'),
        ("es", 'El pago no funciona, es un "fallo" de la pasarela.'),
        ("id", 'Aplikasi tidak bisa dibuka, ada "kegagalan" di server.'),
        ("ro", 'Aplicația nu merge, e un "eșec" al serverului.'),
        # an issue title in the "[version][module] title" form, kept apart as code, is no log
        ("es", "No imprime la factura.\n\n    [10.0][ncf_manager] Error al imprimir factura\n"),
        ("es", "Falla el envío.\n\n    [17.0] l10n_es_sii_oca | No envía algunas facturas\n"),
        # an indented sentence that ends in a colon announcing what follows is prose, no log
        ("ro", "Nu merge conectarea.\n\n    La încercarea de a conecta reprezentantul legal în aplicație vizualizez următoarele:\n"),
        ("en", "Login does not work.\n\n    When I try to sign in to the portal I see the following:\n"),
    ],
)
def test_not_evidence_kind_or_title(lang: str, text: str) -> None:
    assert not _evidence(text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", 'The upload fails with "Upload failed: file too large".'),
        ("en", 'The job fails:\n\n    {"status": "failure", "code": 17}\n'),
        ("id", "Pembayaran gagal, statusnya 'Gagal' terus."),
        ("en", "The service does not start.\n\n    [12:01:02] ERROR: connection refused on port 5432\n"),
        ("es", "No conecta.\n\n    [10.0] ERROR: psycopg2.OperationalError could not connect\n"),
        ("ro", "Nu merge.\n\n    2025-01-02 10:00:01 java.lang.NullPointerException at Foo.bar(Foo.java:12)\n"),
    ],
)
def test_still_evidence_status_or_log(lang: str, text: str) -> None:
    assert _evidence(text, lang)


@pytest.mark.parametrize(
    ("lang", "evidence", "text"),
    [
        ("es", False, 'El retorno no funciona: array("failure" => "https://server/pago/callback_fallo.php").'),
        ("en", False, 'The redirect does not work, it goes to "https://example.com/payment/failed".'),
        ("en", True, 'The page does not load: "Failed to load https://example.com/api: 502 Bad Gateway".'),
        ("id", True, 'Tidak bisa buka, muncul "Gagal memuat https://contoh.id/api".'),
        ("es", True, 'No funciona la descarga:\n<s:Fault><faultcode xmlns:a="http://schemas.example.com/none">a:ActionNotSupported</faultcode>'),
    ],
)
def test_quoted_address(lang: str, evidence: bool, text: str) -> None:
    assert _evidence(text, lang) is evidence


def _agent_evidence(customer: str, agent: str, lang: str) -> bool:
    msgs = (Message(role=Role.CUSTOMER, body=customer), Message(role=Role.AGENT, body=agent))
    return Document(Ticket(id="t", messages=msgs, subject=""), language=lang).evidence()


@pytest.mark.parametrize(
    ("lang", "customer", "agent", "evidence"),
    [
        # an agent's scare quotes around the kind are no quoted error (labels hold in replies too)
        ("en", "The site does not load.", 'Resolved. We fixed the root cause of this "failure" in our "fail over" setup.', False),
        ("es", "La web no carga.", 'Resuelto. Corregimos la causa de este "fallo" en el servidor.', False),
        ("id", "Situsnya tidak bisa dibuka.", 'Sudah beres, penyebab "kegagalan" itu sudah kami perbaiki.', False),
        ("ro", "Site-ul nu merge.", 'Rezolvat. Am reparat cauza acestui "eșec" din server.', False),
        # an agent who quotes the error the customer saw gives the ticket its error text
        ("en", "The site does not load.", 'You got `SSL Error: certificate has expired`, which we renewed.', True),
    ],
)
def test_agent_quote_label(lang: str, customer: str, agent: str, evidence: bool) -> None:
    assert _agent_evidence(customer, agent, lang) is evidence
