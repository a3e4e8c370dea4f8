"""TL301 recall, issue 13 (t301r): replies that only answer a closed question, in the four languages.

The mechanisms: a question numbered inside a line is read after its number (its yes/no reading); a clause that does not
know ("idk") beside a yes or no adds nothing; an Indonesian question announced to someone that asks to confirm
("mau tanya, emang ...") is a yes/no question; how much of it ("partly", "parte", "sebagian", "unele") scopes a yes or
no. Hard negatives: a yes with a step, a no with an alternative or a link, an answer to a wh-question, a long
explanation, a yes or no between helpers, "No problem!" after thanks, "Sure thing, here's how".
"""

from __future__ import annotations

import pytest

from ticketlint.analysis import questions as qa
from ticketlint.config import Config
from ticketlint.document import Document
from ticketlint.engine import Linter
from ticketlint.model import Message, Role, Ticket
from ticketlint.readers.ticket_json import ticket_from_dict

_LINTER = Linter(Config(select=("TL301",)))


def _flags(lang: str, *msgs: tuple[str, str]) -> bool:
    ticket = ticket_from_dict({"id": "t", "language": lang, "messages": [{"role": r, "body": b} for r, b in msgs]}, "test", None)
    return any(f.code == "TL301" for f in _LINTER.lint_ticket(ticket))


def _doc(lang: str, *msgs: tuple[str, str]) -> Document:
    return Document(Ticket("t", tuple(Message(Role.parse(r), b) for r, b in msgs)), language=lang)


@pytest.mark.parametrize(("lang", "text", "readings"), [
    ("en", "I have two questions. 1. How does the export work? 2. Is the export free?", [(False, True), (True, False)]),
    ("es", "Tengo dos preguntas. 1. ¿Cómo funciona la exportación? 2. ¿Es gratis la exportación?", [(False, True), (True, False)]),
    ("id", "Saya punya dua pertanyaan. 1. Bagaimana cara ekspor datanya? 2. Apakah ekspor datanya gratis?",
     [(False, True), (True, False)]),
    ("ro", "Am două întrebări. 1. Cum funcționează exportul? 2. Se poate exporta gratuit?", [(False, True), (True, False)]),
    # a version number opening the sentence is no item number: "2.0" stays in the question
    ("en", "I updated last week. 2.0 is out already?", [(False, False)]),
])
def test_a_question_numbered_inside_a_line_is_read_after_its_number(lang: str, text: str, readings: list[tuple[bool, bool]]) -> None:
    msg = _doc(lang, ("customer", text)).messages[0]
    assert [(q.yes_no, q.open) for q in msg.questions(lang)] == readings


@pytest.mark.parametrize(("lang", "question", "reply", "flagged"), [
    ("en", "Two questions. 1. How do I export? 2. Is the export free?", "1.idk 2.yes", True),
    ("en", "Two questions. 1. How do I export? 2. Is the export free?", "1. no idea 2. yes", True),
    ("en", "Two questions. 1. How do I export? 2. Is the export free?",
     "1. idk 2. yes, and for the export open Settings > Data and press Export", False),
    ("es", "Dos preguntas. 1. ¿Cómo exporto? 2. ¿Es gratis la exportación?", "1. ni idea 2. sí", True),
    ("es", "Dos preguntas. 1. ¿Cómo exporto? 2. ¿Es gratis la exportación?", "1. ni idea 2. sí, entra en Ajustes > Datos y pulsa Exportar", False),
    ("id", "Dua pertanyaan. 1. Bagaimana cara ekspor? 2. Apakah ekspor gratis?", "1. gak tau 2. iya", True),
    ("id", "Dua pertanyaan. 1. Bagaimana cara ekspor? 2. Apakah ekspor gratis?", "1. gak tau 2. iya, buka Pengaturan lalu tekan Ekspor", False),
    ("ro", "Două întrebări. 1. Cum export? 2. Se poate exporta gratuit?", "1. nu știu 2. da", True),
    ("ro", "Două întrebări. 1. Cum export? 2. Se poate exporta gratuit?", "1. nu știu 2. da, mergeți la Setări și apăsați Export", False),
])
def test_a_clause_that_does_not_know_beside_a_yes_or_no(lang: str, question: str, reply: str, flagged: bool) -> None:
    assert _flags(lang, ("customer", question), ("agent", reply)) is flagged


@pytest.mark.parametrize(("prose", "found"), [
    ("1.idk 2.yes", ["idk"]),
    ("no idea, sorry", ["no idea"]),
    ("I don't know why it fails on Windows", []),  # a clause goes on: it says what is not known
    ("ni idea. sí", ["ni idea"]),
    ("gak tau kak", []),  # "kak" follows, no clause end: read as before
    ("nu știu. da", ["nu știu"]),
])
def test_unknown_spans_are_clauses_of_their_own(prose: str, found: list[str]) -> None:
    assert [prose[s:e].lower() for s, e in qa.unknown_spans(prose)] == found


@pytest.mark.parametrize(("question", "reply", "flagged"), [
    # a question announced to someone that asks to confirm, without "?": the restated answer is bare
    ("mas mau tanya, emang sourcenya ada yang tidak berfungsi ya,", "Ada sebagian ngak fungsi kak", True),
    ("kak mau tanya, apa benar fitur ekspornya berbayar", "Betul kak", True),
    # ... and the answer with a step is not
    ("mas mau tanya, emang sourcenya ada yang tidak berfungsi ya,",
     "Ada sebagian yang tidak berfungsi kak, unduh versi terbaru dari halaman rilis lalu jalankan composer install", False),
])
def test_an_indonesian_question_asking_to_confirm(question: str, reply: str, flagged: bool) -> None:
    assert _flags("id", ("customer", question), ("agent", reply)) is flagged


@pytest.mark.parametrize(("lang", "question", "reply", "flagged"), [
    ("en", "Does the export work on the free plan?", "It works partly.", True),
    ("en", "Does the export work on the free plan?", "It works partly: CSV works, PDF needs the Pro plan from the Billing page.", False),
    ("es", "¿Es posible exportar en el plan gratuito?", "Funciona parcialmente.", True),
    ("es", "¿Es posible exportar en el plan gratuito?", "Funciona parcialmente: el CSV sí, el PDF necesita el plan Pro desde Facturación.", False),
    ("id", "Apakah ekspor berfungsi di paket gratis?", "Sebagian berfungsi kak.", True),
    ("id", "Apakah ekspor berfungsi di paket gratis?", "Sebagian berfungsi kak, CSV bisa, PDF perlu paket Pro dari halaman Tagihan.", False),
    ("ro", "Se poate exporta în planul gratuit?", "Funcționează parțial.", True),
    ("ro", "Se poate exporta în planul gratuit?", "Funcționează parțial: CSV da, PDF cere planul Pro din pagina Facturare.", False),
])
def test_how_much_of_it_scopes_a_yes_or_no(lang: str, question: str, reply: str, flagged: bool) -> None:
    assert _flags(lang, ("customer", question), ("agent", reply)) is flagged


@pytest.mark.parametrize(("lang", "msgs"), [
    # a yes followed by a step
    ("en", [("customer", "Can I change the billing address?"), ("agent", "Yes. Go to Settings > Billing and change it there.")]),
    ("es", [("customer", "¿Puedo cambiar la dirección de facturación?"), ("agent", "Sí. Entra en Ajustes > Facturación y cámbiala allí.")]),
    ("id", [("customer", "Apakah alamat tagihan bisa diganti?"), ("agent", "Bisa kak. Buka Pengaturan > Tagihan lalu ganti di sana.")]),
    ("ro", [("customer", "Pot schimba adresa de facturare?"), ("agent", "Da. Mergeți la Setări > Facturare și schimbați-o acolo.")]),
    # a no followed by an alternative or a link
    ("en", [("customer", "Is there an iOS app?"), ("agent", "No, but the web version works on iPhone: https://app.example.com")]),
    ("es", [("customer", "¿Hay aplicación para iOS?"), ("agent", "No, pero puedes usar la versión web en https://app.example.com")]),
    ("id", [("customer", "Apakah ada aplikasi iOS?"), ("agent", "Belum kak, tapi bisa pakai versi web di https://app.example.com")]),
    ("ro", [("customer", "Există aplicație pentru iOS?"), ("agent", "Nu, dar puteți folosi versiunea web: https://app.example.com")]),
    # an answer to a wh-question
    ("en", [("customer", "Where do I change the language?"), ("agent", "It's in Settings.")]),
    ("es", [("customer", "¿Dónde cambio el idioma?"), ("agent", "Está en Ajustes.")]),
    ("id", [("customer", "Di mana cara ganti bahasa?"), ("agent", "Ada di Pengaturan kak.")]),
    ("ro", [("customer", "Unde schimb limba?"), ("agent", "Este în Setări.")]),
    # a long explanation
    ("en", [("customer", "Is there an iOS app?"), ("agent", "Not yet. We build the Android app first because most of our users are "
            "there, and the iOS version needs a rewrite of the player. It is on the roadmap for next year. The web version already "
            "works in Safari on iPhone and keeps your data in sync.")]),
    ("es", [("customer", "¿Hay aplicación para iOS?"), ("agent", "Todavía no. Primero hacemos la de Android porque allí están casi todos "
            "los usuarios, y la de iOS necesita rehacer el reproductor. Está en el plan del año que viene. La versión web ya funciona "
            "en Safari y sincroniza tus datos.")]),
    ("id", [("customer", "Apakah ada aplikasi iOS?"), ("agent", "Belum kak. Kami membuat aplikasi Android dulu karena sebagian besar "
            "pengguna ada di sana, dan versi iOS perlu menulis ulang pemutarnya. Sudah masuk rencana tahun depan. Versi web sudah "
            "berjalan di Safari dan datanya tersinkron.")]),
    ("ro", [("customer", "Există aplicație pentru iOS?"), ("agent", "Încă nu. Facem întâi aplicația de Android, unde sunt cei mai mulți "
            "utilizatori, iar cea de iOS cere rescrierea playerului. Este în planul de anul viitor. Versiunea web merge deja în "
            "Safari și vă sincronizează datele.")]),
    # "No problem!" / "No worries" after thanks, "Sure thing, here's how"
    ("en", [("customer", "It works now, thanks a lot!"), ("agent", "No problem!")]),
    ("en", [("customer", "It works now, thanks a lot!"), ("agent", "No worries")]),
    ("en", [("customer", "Can I export to PDF?"), ("agent", "Sure thing, here's how: open the report and press Export > PDF.")]),
    ("es", [("customer", "Ya funciona, ¡muchas gracias!"), ("agent", "¡No hay problema!")]),
    ("es", [("customer", "¿Puedo exportar a PDF?"), ("agent", "Claro, así se hace: abre el informe y pulsa Exportar > PDF.")]),
    ("id", [("customer", "Sudah bisa, makasih kak!"), ("agent", "Sama-sama kak, gak apa-apa.")]),
    ("id", [("customer", "Bisa ekspor ke PDF?"), ("agent", "Tentu, caranya: buka laporan lalu tekan Ekspor > PDF.")]),
    ("ro", [("customer", "Merge acum, mulțumesc mult!"), ("agent", "Nicio problemă!")]),
    ("ro", [("customer", "Pot exporta în PDF?"), ("agent", "Sigur, iată cum: deschideți raportul și apăsați Export > PDF.")]),
])
def test_hard_negatives(lang: str, msgs: list[tuple[str, str]]) -> None:
    assert not _flags(lang, *msgs)


def test_a_yes_between_helpers_is_no_reply() -> None:
    """In a chat, one helper's "yes" to another helper's remark is no reply to the customer (`replies_only`)."""
    ticket = ticket_from_dict({"id": "t", "language": "en", "messages": [
        {"role": "customer", "author": "ana", "body": "ana: does the export work offline?"},
        {"role": "agent", "author": "bob", "body": "ana: open the app once online, then the export works offline"},
        {"role": "agent", "author": "cid", "body": "bob: did you mean the desktop app?"},
        {"role": "agent", "author": "bob", "body": "cid: yes"},
    ]}, "test", None)
    assert not any(f.code == "TL301" and f.message_index == 3 for f in _LINTER.lint_ticket(ticket))


@pytest.mark.parametrize(("lang", "question", "reply", "flagged"), [
    # the question's own verb said back before the yes or no: no new step
    ("en", "Is it safe to read the disk from the live system?", "read -- yes", True),
    ("en", "Is it safe to read the disk from the live system?", "read it with ddrescue first, then mount the copy", False),
    ("es", "¿Debo reiniciar después de actualizar?", "reinicia, sí", True),
    ("es", "¿Debo reiniciar después de actualizar?", "Reinicia dos veces y luego abre el instalador.", False),
    ("id", "Apakah perlu restart setelah update?", "restart, iya", True),
    ("id", "Apakah perlu restart setelah update?", "restart dua kali lalu buka installernya lagi", False),
    ("ro", "Trebuie să repornesc după actualizare?", "reporniți, da", True),
    ("ro", "Trebuie să repornesc după actualizare?", "Reporniți de două ori și apoi deschideți instalatorul.", False),
    # the yes or no itself after the restatement is no word of its own
    ("en", "Is this library still maintained?", "It is still maintained, yeah.", True),
    ("en", "Is this library still maintained?", "It is still maintained, yeah, and 2.0 ships next week with the new parser.", False),
    ("es", "¿Esta librería sigue mantenida?", "Sigue mantenida, correcto.", True),
    ("es", "¿Esta librería sigue mantenida?", "Sigue mantenida, correcto, y la 2.0 sale la semana que viene con el nuevo analizador.", False),
    ("id", "Apakah library ini masih dikembangkan?", "Masih dikembangkan kok, betul.", True),
    ("id", "Apakah library ini masih dikembangkan?", "Masih dikembangkan, betul, rilis berikutnya minggu depan dengan parser baru.", False),
    ("ro", "Biblioteca mai este întreținută?", "Este întreținută, sigur.", True),
    ("ro", "Biblioteca mai este întreținută?", "Este întreținută, sigur, iar versiunea 2.0 apare săptămâna viitoare cu noul parser.", False),
])
def test_the_question_said_back_with_its_yes_or_no(lang: str, question: str, reply: str, flagged: bool) -> None:
    assert _flags(lang, ("customer", question), ("agent", reply)) is flagged
