"""TL303: steps and times in the forms the fresh staff replies of round 16 showed (t303r21), in four languages.

A wish about what the customer does ("the idea is that you", "la idea es que uses", "idenya kakak", "ideea este să
folosiți"), the conditional of an obligation ("ar trebui să reinstalați", as "you should", "deberías", "sebaiknya"), "it
would be good if you" ("sería bueno que", "bagus kalau kakak"), the Spanish plural "recuerden + infinitive" and the
hortative "-monos" (as "let's", "mari kita", "hai să"), and times the packs lacked: "in less than a day", "en unos minutos",
"antes del próximo lunes", a date range ahead, "on the next version". Each with the near miss that stays flagged.
"""

from __future__ import annotations

import pytest

from ticketlint.config import Config
from ticketlint.engine import Linter
from ticketlint.model import Message, Role, Ticket

_LINTER = Linter(Config(profile="audit", select=("TL303",)))

_CUSTOMER = {"en": "The app crashes when I open it.", "es": "La aplicación se cierra al abrirla.",
             "id": "Aplikasinya error waktu dibuka.", "ro": "Aplicația se închide când o deschid."}


def _flagged(lang: str, reply: str) -> bool:
    ticket = Ticket("t", (Message(Role.CUSTOMER, _CUSTOMER[lang]), Message(Role.AGENT, reply)), language=lang)
    return any(f.code == "TL303" for f in _LINTER.lint(ticket).findings)


STEPS = [
    ("en", "The idea is that you clone your own repository and push there."),
    ("en", "It would be good if you attached the crash log."),
    ("en", "I am working on a new version. It should be coming in less than a day."),
    ("en", "The fix is merged and will be deployed on the next version."),
    ("en", "The new servers will be online from the 10th to the 25th of November."),
    ("es", "La idea es que uses pandas para leer el archivo."),
    ("es", "Sería bueno que reinstales la aplicación desde la tienda."),
    ("es", "Esperamos logren resolverlo sin esas librerías."),
    ("es", "Queda a su criterio, pero recuerden especificarlo en el README."),
    ("es", "Si el issue está resuelto, acostumbrémonos a cerrarlo."),
    ("es", "La hora se mantiene. En unos minutos se mandará un aviso con el formulario."),
    ("es", "Las notas deberían estar antes del próximo lunes."),
    ("es", "La tarea va a ser del 10 al 25 de noviembre."),
    ("es", "Estoy subiendo una versión nueva, estará en menos de un día."),
    ("id", "Idenya kakak clone repo sendiri lalu push ke sana."),
    ("id", "Baiknya bookmark di browser aja pak."),
    ("id", "Bagus kalau kakak kirim log errornya."),
    ("id", "Perbaikannya sedang kami buat, kurang dari sehari sudah rilis."),
    ("id", "Server baru aktif tanggal 10 sampai 25 November."),
    ("ro", "Ar trebui să reinstalați aplicația din magazin."),
    ("ro", "Ne așteptăm să folosiți versiunea nouă a modulului."),
    ("ro", "Lucrăm la o versiune nouă, va fi gata în mai puțin de o zi."),
    ("ro", "Serverele noi vor funcționa între 10 și 25 noiembrie."),
    # what the customer can see still times the promise, and an instruction after an interjection is still one
    ("en", "We will let you know once the fix is deployed."),
    ("en", "Please restart it and see if it works."),
    ("en", "Haha, restart the router and it will work."),
    ("en", "Perfect, restart the router then."),
    ("es", "Les avisaremos en cuanto se publique la versión."),
    ("id", "Akan kami kabari setelah versi baru rilis."),
    ("ro", "Vă vom anunța după ce publicăm versiunea nouă."),
]

NO_STEPS = [
    ("en", "The idea is good, but the dashboard is not developed yet."),
    ("en", "It would be good to have this feature one day."),
    ("en", "This took less than a day to fix last time."),
    ("es", "La idea es buena, pero no está en los planes."),
    ("es", "Recuerden que los ayudantes también tienen receso."),
    ("es", "Nos acostumbramos a cerrar los issues resueltos."),
    ("es", "Las notas del control estuvieron del 10 de octubre en adelante."),
    ("id", "Seharusnya tidak merestart tunnel karena tidak dicentang."),
    ("id", "Idenya bagus, tapi belum ada rencana."),
    ("ro", "Ar trebui să funcționeze acum, am publicat versiunea nouă."),
    ("ro", "Ideea este bună, dar nu e în plan."),
    # English recall (t303r21): the writer's own "see if", the team's own progress as the event, an interjection or "cuz"
    # opening the reply; with their equivalents where the language has the form
    ("en", "Glad you resolved the issue. I will see if I can add a few notes in the README."),
    ("en", "Don't think it will be ready. We'll update as soon as we have some new info."),
    ("en", "Sure, I'll run tests and get a new release tagged once done."),
    ("en", "haha no problem. Good luck finding a new web client."),
    ("en", "Cuz the dashboard isn't developed yet, it's on the roadmap."),
    ("en", "Awesome to hear, the update fixed it then."),
    ("es", "Les avisaremos en cuanto tengamos novedades."),
    ("es", "Le escribiremos cuando tengamos más información."),
    ("es", "jajaja la verdad no sé qué pasa con ese módulo."),
    ("id", "Akan kami kabari setelah ada kabar dari tim."),
    ("ro", "Vă vom anunța imediat ce avem mai multe informații."),
    ("ro", "Vă vom anunța când avem noutăți."),
]


@pytest.mark.parametrize(("lang", "reply"), STEPS)
def test_a_step_or_time_in_these_forms_passes(lang: str, reply: str) -> None:
    assert not _flagged(lang, reply)


@pytest.mark.parametrize(("lang", "reply"), NO_STEPS)
def test_the_near_miss_stays_flagged(lang: str, reply: str) -> None:
    assert _flagged(lang, reply)
