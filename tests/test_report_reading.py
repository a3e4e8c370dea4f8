"""A technical report without a failure word (analysis/report.py, rules/<lang>/report.toml; TL104 only).

TL104 flags "a technical report without any device, OS, browser, app or version" (RULES.md). Besides the failure reading it
counts a message that fills in an issue form's field of what happens, that tells a broad failure phrase beside what should
happen or beside the use of a program, that calls what it reports a bug, or that quotes a program's message the writer keeps
getting. Feature requests, how-to and account questions, and the same words said of a parcel stay out. TL101 does not read
this: its rule is a failure without evidence.
"""

from __future__ import annotations

import pytest

from ticketlint import packs
from ticketlint.analysis import report
from ticketlint.checks.base import RuleContext
from ticketlint.checks.builtin.tl101_missing_error_code import MissingErrorCode
from ticketlint.checks.builtin.tl104_missing_environment import MissingEnvironment
from ticketlint.document import Document
from ticketlint.model import LANGUAGES, Hit, Message, Role, Ticket
from ticketlint.registry import default_registry

default_registry(plugins=False)


def _doc(text: str, lang: str) -> Document:
    return Document(Ticket(id="t", messages=(Message(role=Role.CUSTOMER, body=text),)), language=lang)


def _report(text: str, lang: str) -> str | None:
    doc = _doc(text, lang)
    span = report.report_span(doc.messages[0], doc)
    return None if span is None else text[span.start : span.end]


def _hits(rule: MissingErrorCode | MissingEnvironment, text: str, lang: str) -> list[Hit]:
    doc = _doc(text, lang)
    return list(rule.check(RuleContext(doc, rule.meta.options_type.build({}), code=rule.meta.code)))


@pytest.mark.parametrize(
    ("lang", "text", "phrase"),
    [
        # an issue form's field of what happens or how to reproduce it, as a heading or a label
        ("en", "### Steps to reproduce\n1. Open the export page\n2. Pick last month", "Steps to reproduce"),
        ("en", "**Current behavior:** the totals column stays empty", "Current behavior"),
        ("es", "### Pasos para reproducir\n1. Entrar al listado\n2. Elegir el mes", "Pasos para reproducir"),
        ("es", "Comportamiento actual: la columna total queda vacía", "Comportamiento actual"),
        ("id", "### Langkah-langkah reproduksi\n1. Buka daftar\n2. Pilih bulan", "Langkah-langkah reproduksi"),
        ("id", "Perilaku saat ini:\nKolom total kosong", "Perilaku saat ini"),
        ("ro", "### Pași pentru reproducere\n1. Deschide lista\n2. Alege luna", "Pași pentru reproducere"),
        ("ro", "Rezultat actual: intervalul apare ca suspendare", "Rezultat actual"),
        # a program's message, told as coming from it (review18)
        ("en", "I keep getting a message from the app saying my session expired.", "I keep getting a message"),
        ("id", "Selalu dapat pesan dari aplikasi kalau sesi habis.", "Selalu dapat pesan"),
        ("ro", "Mereu primesc același mesaj de la aplicație că sesiunea a expirat.", "Mereu primesc același mesaj"),
        # the same question as a form's heading or in bold is the field (review18)
        ("en", "### What happened?\nThe totals column stays empty", "What happened"),
        ("es", "**¿Qué pasó?**\nLa columna total queda vacía", "¿Qué pasó"),
        ("id", "### Apa yang terjadi?\nKolom total kosong", "Apa yang terjadi"),
        ("ro", "**Ce s-a întâmplat?**\nColoana total rămâne goală", "Ce s-a întâmplat"),
        # a broad failure phrase beside what should happen, or beside the use of a program
        ("en", "When I export the report the total is wrong, it should match the sum of the rows.", "total is wrong"),
        ("en", "After I save the form the total is wrong.", "total is wrong"),
        ("es", "Al guardar las materias se borra el examen aprobado, debería quedar guardado.", "se borra"),
        ("id", "Tanggal lahir ga bisa dipilih, seharusnya bisa pilih tahun lain.", "ga bisa dipilih"),
        ("id", "Setelah disimpan totalnya salah.", "totalnya salah"),
        ("ro", 'In extras contract nu apare "Interval timp". Ar trebui să apară.', "nu apare"),
        # the writer calls it a bug
        ("en", "Account deletion bug\nI deleted my account and still get the warning every day.", "Account deletion bug"),
        ("en", "I found a bug: the check in never happened.", "found a bug"),
        ("en", "I found a bug in the food delivery app: the cart empties itself.", "found a bug"),
        ("en", "There are bugs in the room booking page, the dates reset.", "There are bugs"),
        ("es", "Encontré un bug: los diálogos se pusieron en inglés.", "Encontré un bug"),
        ("id", "Nemu bug pas ganti foto profil, fotonya balik ke yang lama.", "Nemu bug"),
        ("ro", "Am găsit un bug: dialogurile au trecut în engleză.", "Am găsit un bug"),
        # a program's message the writer keeps getting
        ("en", 'Anytime I start it I just get the message, "Synchronization was stopped".', "I just get the message"),
        ("en", "I enter my card but it just says saving.", "it just says saving"),
        ("id", 'Tiap buka selalu muncul tulisan "memuat data" terus.', "selalu muncul tulisan"),
        ("ro", 'De fiecare dată îmi apare mesajul "Se încarcă" și rămâne așa.', "De fiecare dată îmi apare mesajul"),
    ],
)
def test_a_technical_report_without_a_failure_word(lang: str, text: str, phrase: str) -> None:
    assert _report(text, lang) == phrase


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a feature request, even with a failure phrase or a form's words in it
        ("en", "<Request> Decline with reason\nThe user adds it back thinking something went wrong. A small field for text would be nice, it would be great if we had it."),
        ("es", "Sería genial que al guardar no se borre el filtro, debería quedar."),
        ("id", "Saran min, tolong tambahin fitur simpan draft, seharusnya ada."),
        ("ro", "Ar fi util dacă la salvare filtrul nu ar dispărea, ar trebui să rămână."),
        # how-to and account questions
        ("en", "How do I change my plan? Where is the option?"),
        ("es", "¿Cómo cambio mi plan? No encuentro la opción."),
        ("id", "Gimana cara ganti nomor hp?"),
        ("ro", "Cum schimb abonamentul? Ce ar trebui să fac?"),
        # an expectation said of a parcel
        ("en", "The courier should have come today, my parcel is missing."),
        ("es", "Mi paquete no llega, debería haber llegado ayer."),
        ("id", "Paket saya belum sampai, seharusnya kemarin sudah sampai."),
        ("ro", "Coletul nu a ajuns, ar trebui să ajungă ieri."),
        # a form's field named in prose, a request's field, a denied bug, a message that is news
        ("en", "I tried the steps to reproduce from the wiki and they are fine."),
        ("en", "### Describe the solution you'd like\nThe totals should be shown in bold."),
        ("en", "I haven't found a bug so far, works great."),
        ("en", "I got the message that my order shipped."),
        ("es", "No es un bug, era mi configuración."),
        ("id", "Aplikasi ini sangat bagus tidak ada bug yang terjadi"),
        ("ro", "Nu e un bug, e setarea mea."),
        # a verdict on what someone else tells, a guess, advice to another participant (the judged IRC findings)
        ("en", "sounds like a bug"),
        ("en", "egycoder90: well, it's a bug in your bios -"),
        ("en", "Maybe there is a bug or something."),
        ("es", "Creo que es un bug de tu configuración."),
        ("id", "Mungkin terdapat glitch di pengaturan kamu."),
        ("id", "Kayaknya itu glitch dari server kamu."),
        ("ro", "Pare un bug în BIOS-ul tău."),
        # a form's field asked as a question, bare on its own line, is the writer's own question (review18)
        ("en", "What happened?\nI was charged twice for my order 5512."),
        ("es", "¿Qué pasó?\nMe cobraron dos veces el pedido."),
        ("id", "Apa yang terjadi?\nSaya ditagih dua kali."),
        ("ro", "Ce s-a întâmplat?\nAm fost taxat de două ori."),
        # a message people send, not a program's (review18); es `shown` reads only what the program shows ("me sale")
        ("en", "I keep getting the same message from your sales team every day, please stop."),
        ("en", "We always get a promo message after each purchase."),
        ("id", "Saya masih dapat pesan promo terus, tolong berhenti."),
        ("id", "Saya selalu dapat pesan dari sales kalian tiap hari."),
        ("ro", "Mereu primesc același mesaj publicitar, vă rog opriți."),
        ("ro", "Tot primesc același mesaj de la agentul de vânzări."),
        # insects, not a defect (review18): "bug" is a loan word for a software defect in es/id/ro, English only has both senses
        ("en", "We found bugs in our hotel room last night and want a refund."),
        ("en", "There are bugs in my salad."),
        ("en", "I found a bug in my food order, a cockroach!"),
        ("en", "Bed bug\nWe were bitten all night in room 12."),
    ],
)
def test_no_report(lang: str, text: str) -> None:
    assert _report(text, lang) is None


_TOLD = {
    "en": "tells of a technical problem",
    "es": "cuenta un problema técnico",
    "id": "menceritakan masalah teknis",
    "ro": "descrie o problemă tehnică",
}


@pytest.mark.parametrize(
    ("lang", "text", "named"),
    [
        ("en", "### Steps to reproduce\n1. Open the export page\n2. Pick last month", "### Steps to reproduce\n1. On Windows 11, open the export page"),
        ("es", "Al guardar las materias se borra el examen aprobado, debería quedar guardado.", "En Chrome, al guardar las materias se borra el examen aprobado, debería quedar guardado."),
        ("id", "### Langkah-langkah reproduksi\n1. Buka daftar\n2. Pilih bulan", "### Langkah-langkah reproduksi\n1. Buka daftar di iPhone 13"),
        ("ro", 'In extras contract nu apare "Interval timp". Ar trebui să apară.', 'In extras contract nu apare "Interval timp" pe Android. Ar trebui să apară.'),
    ],
)
def test_tl104_asks_for_the_environment_and_tl101_stays_silent(lang: str, text: str, named: str) -> None:
    hits = _hits(MissingEnvironment(), text, lang)
    assert len(hits) == 1
    # the finding says a problem is told, not that a failure phrase was found (`report` of rules/<lang>/TL104.toml)
    assert _TOLD[lang] in hits[0].message
    assert _hits(MissingEnvironment(), named, lang) == []
    assert _hits(MissingErrorCode(), text, lang) == []  # TL101 reads failures only: no failure word, no finding


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_report_pack_is_declared_and_complete(lang: str) -> None:
    schema = packs.schema_of(report.REPORT)
    assert schema is not None
    for key, spec in schema.keys.items():
        value = packs.words(report.REPORT, lang, key)
        assert value or not spec.required, f"rules/{lang}/report.toml: required key '{key}' is missing or empty"
    for key in ("fields", "expectations", "software", "defects", "shown", "requests"):
        assert packs.words(report.REPORT, lang, key), f"rules/{lang}/report.toml: '{key}' is empty"
