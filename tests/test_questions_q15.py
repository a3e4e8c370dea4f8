"""analysis/questions.py, issue 15 (q15): a question that depends on the answer to the one before ("If not, ...?") is one
question with it, and a yes or no closing a condition or a reason ("... then no") answers a lone yes/no question. Positive
and hard-negative cases in the four languages."""

from __future__ import annotations

import pytest

from ticketlint.analysis import questions as qa
from ticketlint.document import Document
from ticketlint.model import Message, Role, Ticket


def _doc(lang: str, *msgs: tuple[str, str]) -> Document:
    return Document(Ticket("t", tuple(Message(Role.parse(r), b) for r, b in msgs)), language=lang)


def _questions(lang: str, text: str) -> int:
    msg = _doc(lang, ("customer", text)).messages[0]
    return len(msg.questions(lang))


@pytest.mark.parametrize(("lang", "text", "count"), [
    ("en", "Is there a way to restore an archived project? If not, can I copy its settings to a new one?", 1),
    ("en", "Does the plugin run on PHP 7? If yes: which release should I take?", 1),
    ("en", "Is the export included in the free plan? If it is, where do I find it?", 1),
    # hard negatives: a condition of its own is a question of its own, and so is one that does not follow a question
    ("en", "Is there a way to restore an archived project? If I upgrade the plan, do I keep the old invoices?", 2),
    ("en", "I archived a project by mistake. If not, how do I restore it? Can I also export its invoices?", 2),
    ("es", "¿Se puede restaurar un proyecto archivado? Si no, ¿puedo copiar su configuración a uno nuevo?", 1),
    ("es", "¿Entra toda la materia al examen? Si es toda, ¿entra más la última unidad?", 1),
    ("es", "¿Se puede restaurar un proyecto archivado? Si no me equivoco, ¿las facturas se borran también?", 2),
    ("id", "Apakah proyek yang diarsipkan bisa dipulihkan? Kalau tidak, apakah bisa salin pengaturannya ke proyek baru?", 1),
    ("id", "Apakah plugin ini jalan di PHP 7? Jika iya, versi berapa yang harus dipakai?", 1),
    ("id", "Apakah proyek yang diarsipkan bisa dipulihkan? Kalau tidak salah, faktur lamanya ikut terhapus ya?", 2),
    ("ro", "Se poate restaura un proiect arhivat? Dacă nu, pot copia setările într-unul nou?", 1),
    ("ro", "Merge extensia pe PHP 7? Dacă da, ce versiune trebuie folosită?", 1),
    ("ro", "Se poate restaura un proiect arhivat? Dacă nu mă înșel, facturile se șterg și ele?", 2),
])
def test_a_question_depending_on_the_one_before(lang: str, text: str, count: int) -> None:
    assert _questions(lang, text) == count


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
