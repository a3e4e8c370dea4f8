"""analysis/questions.py, issue 15 (q15): a question that depends on the answer to the one before ("If not, ...?") is
marked conditional, and a yes or no closing a condition or a reason ("... then no") answers a lone yes/no question. Positive
and hard-negative cases in the four languages."""

from __future__ import annotations

import pytest

from ticketlint.analysis import questions as qa
from ticketlint.document import Document
from ticketlint.model import Message, Role, Ticket


def _doc(lang: str, *msgs: tuple[str, str]) -> Document:
    return Document(Ticket("t", tuple(Message(Role.parse(r), b) for r, b in msgs)), language=lang)


@pytest.mark.parametrize(("lang", "text", "conditional"), [
    ("en", "Is there a way to restore an archived project? If not, can I copy its settings to a new one?", [False, True]),
    ("en", "Does the plugin run on PHP 7? If yes: which release should I take?", [False, True]),
    ("en", "Is the export included in the free plan? If it is, where do I find it?", [False, True]),
    # hard negatives: a condition of its own is a question of its own, and so is one that does not follow a question
    ("en", "Is there a way to restore an archived project? If I upgrade the plan, do I keep the old invoices?", [False, False]),
    ("en", "I archived a project by mistake. If not, how do I restore it? Can I also export its invoices?", [False, False]),
    ("es", "¿Se puede restaurar un proyecto archivado? Si no, ¿puedo copiar su configuración a uno nuevo?", [False, True]),
    ("es", "¿Entra toda la materia al examen? Si es toda, ¿entra más la última unidad?", [False, True]),
    ("es", "¿Se puede restaurar un proyecto archivado? Si no me equivoco, ¿las facturas se borran también?", [False, False]),
    ("id", "Apakah proyek yang diarsipkan bisa dipulihkan? Kalau tidak, apakah bisa salin pengaturannya ke proyek baru?", [False, True]),
    ("id", "Apakah plugin ini jalan di PHP 7? Jika iya, versi berapa yang harus dipakai?", [False, True]),
    ("id", "Apakah proyek yang diarsipkan bisa dipulihkan? Kalau tidak salah, faktur lamanya ikut terhapus ya?", [False, False]),
    ("ro", "Se poate restaura un proiect arhivat? Dacă nu, pot copia setările într-unul nou?", [False, True]),
    ("ro", "Merge extensia pe PHP 7? Dacă da, ce versiune trebuie folosită?", [False, True]),
    ("ro", "Se poate restaura un proiect arhivat? Dacă nu mă înșel, facturile se șterg și ele?", [False, False]),
])
def test_a_question_depending_on_the_one_before(lang: str, text: str, conditional: list[bool]) -> None:
    msg = _doc(lang, ("customer", text)).messages[0]
    assert [q.conditional for q in msg.questions(lang)] == conditional


@pytest.mark.parametrize(("lang", "reply", "concludes"), [
    ("en", "Unless you had backups created then no.. unfortunately", True),
    ("en", "The data lives only in the browser, so no.", True),
    ("en", "Unless you had backups created then maybe the support can help.", False),  # no yes or no closes it
    ("en", "No idea where the backups are, ask the admin.", False),  # a no opening a phrase, no closing answer
    ("es", "Si no tenías una copia de seguridad, entonces no, lamentablemente.", True),
    ("es", "Si no tenías una copia de seguridad, entonces pregunta al administrador.", False),
    ("id", "Kalau tidak ada backup maka tidak bisa.", True),
    ("id", "Kalau tidak ada backup maka coba tanya admin.", False),
    ("ro", "Dacă nu ați făcut o copie de rezervă, atunci nu, din păcate.", True),
    ("ro", "Dacă nu ați făcut o copie de rezervă, atunci întrebați administratorul.", False),
])
def test_a_yes_or_no_closing_a_condition(lang: str, reply: str, concludes: bool) -> None:
    run = _doc(lang, ("customer", "Can I get my data back?"), ("agent", reply)).messages[1:]
    assert qa.concludes_yes_no(run) is concludes


def _question(lang: str, text: str) -> qa.Question:
    (q,) = _doc(lang, ("customer", text)).messages[0].questions(lang)
    return q


@pytest.mark.parametrize(("lang", "question", "reply", "answers"), [
    ("en", "How many devices can I use with one licence?", "Same account on the store: unlimited.", True),
    ("en", "How many devices can I use with one licence?", "Up to 3 with the desktop app.", True),
    ("en", "How many devices can I use with one licence?", "Please sign in with the same account.", False),
    ("en", "Why does the licence page stay blank?", "Version 2 fixed that.", False),  # no how-many: a number is no answer
    ("es", "¿Cuántos dispositivos puedo usar con una licencia?", "Con la misma cuenta, ilimitados.", True),
    ("es", "¿En cuanto a la licencia, sirve en el portátil?", "Sí, desde la versión 2.", False),  # "en cuanto a": regarding
    ("id", "Bisa dipakai di berapa perangkat?", "Pakai akun yang sama, tidak terbatas kak.", True),
    ("id", "Bisa dipakai di berapa perangkat?", "Login pakai akun yang sama kak.", False),
    ("ro", "Pe câte dispozitive pot folosi licența?", "Cu același cont, nelimitat.", True),
    ("ro", "Puteți rezolva cât mai repede problema licenței?", "Versiunea 2 o rezolvă.", False),  # "cât mai repede": asap
])
def test_a_count_answers_how_many(lang: str, question: str, reply: str, answers: bool) -> None:
    run = _doc(lang, ("customer", question), ("agent", reply)).messages[1:]
    assert qa.answers_quantity(run, _question(lang, question), lang) is answers


@pytest.mark.parametrize(("lang", "reply", "step"), [
    ("en", "@dana try a clean install of the package.", True),
    ("en", "That module is missing, install python3 first.", True),
    ("en", "That module is missing on your system.", False),
    ("es", "@dana prueba reinstalar el paquete.", True),
    ("es", "Falta ese módulo, instala python3 primero.", True),
    ("es", "Falta ese módulo en tu sistema.", False),
    ("id", "@dandy coba jalanin aplikasinya pakai nginx.", True),
    ("id", "Itu pythonnya gak terinstall, ketik: apt install python", True),
    ("id", "Itu pythonnya gak terinstall di sistem kamu.", False),
    ("ro", "@dana instalați din nou pachetul.", True),
    ("ro", "Lipsește modulul, instalați python3 mai întâi.", True),
    ("ro", "Lipsește modulul din sistem.", False),
])
def test_a_step_after_a_mention_or_its_reason(lang: str, reply: str, step: bool) -> None:
    run = _doc(lang, ("customer", "Why does it crash?"), ("agent", reply)).messages[1:]
    assert qa.gives_step(run) is step


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "¿Esto quiere decir que no me recogieron la tarea? ¿Puede ser que al hacer pull no haya recogido la tarea?"),
    ("id", "Berarti tugas saya tidak terkumpul? Apakah karena pull tugas saya tidak terkumpul?"),
    ("ro", "Asta înseamnă că nu mi-ați preluat tema? Se poate ca la pull să nu fi preluat tema?"),
])
def test_means_is_no_key_word(lang: str, text: str) -> None:
    # "does this mean X?" then "could it be that X because of Y?": the same question, the second a guess at its cause
    msg = _doc(lang, ("customer", text)).messages[0]
    assert len(qa.merge(msg.questions(lang))) == 1
