"""TL303 (t303en): what reads as a next step and gives none, in the four languages, with the hard negatives beside each.

- An offer with no content (pack `not_steps`): "If you have any other questions, feel free to contact us", "Si tiene
  alguna otra consulta, no dude en contactarnos", "Jika ada pertanyaan lain, jangan ragu menghubungi kami", "Dacă aveți
  alte întrebări, nu ezitați să ne contactați" invite the customer to write again about anything else: a closing
  formula, no step on the matter. An offer about the matter itself ("if it breaks again", "si vuelve a fallar", "kalau
  masih gagal", "dacă eroarea reapare") keeps its content and stays a step, and so does an invitation that names what to
  send ("Feel free to send us the log file").
- A fellow user's report of the same problem (pack `fellow_reports`): "I have the same issue", "Tengo el mismo
  problema", "Saya juga mengalami hal yang sama", "Am aceeași problemă". Its questions ask the team, its links are its
  own logs and its past reports are no work done for the customer; a question to the reader ("Did you update too?") or
  an instruction ("try clearing the cache") or what worked for the writer ("reinstalling fixed it for me", "me funcionó",
  pack `fellow_tips`) is still a step.
- A vague "as soon as possible" names no time ("we'll provide an update as soon as possible", es "lo antes posible", id
  "akan kami kabari secepatnya", ro "cât mai curând posibil"); "as soon as the fix is deployed" names an event and does.
- A time said of the past or of a habit (pack `past_times`): "I replied to your ticket this morning", "this happens every
  Wednesday morning", "Le respondimos esta tarde", "Sudah kami balas hari ini", "Am răspuns azi" tell when something was
  done or recurs, not when the team's next step comes; a future before the time keeps it ("we will deploy it this
  morning", "lo publicaremos hoy", "akan kami rilis hari ini", "îl vom publica azi").
"""

from __future__ import annotations

import pytest

from ticketlint.config import Config
from ticketlint.engine import Linter
from ticketlint.model import Message, Role, Ticket

_LINTER = Linter(Config(profile="audit", select=("TL303",)))

_ASK = {
    "en": "The export button does nothing since the update.",
    "es": "El botón de exportar no hace nada desde la actualización.",
    "id": "Tombol ekspor tidak berfungsi sejak update.",
    "ro": "Butonul de export nu face nimic de la actualizare.",
}


def _flagged(lang: str, agent: str) -> bool:
    ticket = Ticket("t", (Message(Role.CUSTOMER, _ASK[lang]), Message(Role.AGENT, agent)), language=lang)
    return any(f.code == "TL303" for f in _LINTER.lint(ticket).findings)


# (language, a reply whose only "step" is an offer with no content or a fellow user's own report)
_NO_STEP = [
    ("en", "We passed this on to the developers.\n\nIf you ever have any other problem, please feel free to contact us anytime!"),
    ("en", "We passed this on to the developers. Let us know if you have any further questions."),
    ("en", "The developers are aware of it. Please feel free to contact us if you need anything else."),
    ("en", "We passed this on to the developers. If you have any other questions, just reach out to us."),
    ("es", "Lo pasamos al equipo de desarrollo. Si tiene alguna otra consulta, no dude en contactarnos."),
    ("es", "Lo pasamos al equipo de desarrollo. Si tienes otra duda, escríbenos."),
    ("id", "Laporan sudah kami teruskan ke tim. Jika ada pertanyaan lain, jangan ragu menghubungi kami."),
    ("id", "Laporan sudah kami teruskan ke tim. Kalau ada kendala lain, silakan hubungi kami kembali."),
    ("ro", "Am transmis echipei tehnice. Dacă aveți alte întrebări, nu ezitați să ne contactați."),
    ("ro", "Am transmis echipei tehnice. Dacă mai aveți alte probleme, scrieți-ne."),
    # a fellow user's report: its question asks the team, its link is its own log, its past report is its own
    ("en", "I have the same issue since 2.1, is this the cause? No export works for me."),
    ("en", "Same problem here: https://paste.example.com/abc123"),
    ("en", "Having the same problem.\nOS: Linux Mint 21\nCPU: Core i3 9100"),
    ("es", "Tengo el mismo problema desde ayer, ¿alguien sabe por qué?"),
    ("id", "Saya juga mengalami hal yang sama, kenapa ya?"),
    ("ro", "Am aceeași problemă de ieri, de ce se întâmplă?"),
    # (review19) an es present tense in -iste ("existe", "persiste") is no 2nd-person preterite ("actualizaste"): it asks the team
    ("es", "Tengo el mismo problema. ¿Existe alguna solución?"),
    ("es", "Tengo el mismo problema. ¿El error persiste en la versión 2.1?"),
    # a time of the past or of a habit
    ("en", "Thanks for the report. I have replied to your email this morning."),
    ("en", "The servers were down for maintenance. This happens every Wednesday morning."),
    ("es", "Gracias por el aviso. Le hemos respondido el correo esta tarde."),
    ("id", "Terima kasih laporannya. Kami sudah membalas surel kakak hari ini."),
    ("ro", "Mulțumim pentru semnalare. Am răspuns la e-mail azi."),
    # a vague "as soon as possible"
    ("en", "We're tracking down the issue and will provide an update as soon as possible."),
    ("es", "Estamos revisando el error y lo solucionaremos lo antes posible."),
    ("id", "Kendala sedang kami cek, akan kami kabari secepatnya."),
    ("ro", "Analizăm eroarea și o vom rezolva cât mai curând posibil."),
    # en: a noun phrase whose second word takes "of" is no bare verb (es/id/ro imperatives have their own endings)
    ("en", "Side effect of a server restart. We know about it."),
    ("en", "Big walls of text are hard to handle, I would appreciate a little patience."),
]

# (language, a hard negative: an offer or a report that still gives the customer something to do or a question)
_STEP = [
    ("en", "The issue should be fixed now, but don't hesitate to reach out if it breaks again."),
    ("en", "Let us know if you still have this issue."),
    ("en", "Feel free to send us the log file."),
    ("en", "If you have any other questions, please read the FAQ at the bottom of the page."),
    ("es", "No dude en escribirnos si vuelve a fallar."),
    ("es", "Si tiene alguna otra consulta, revise la sección de ayuda."),
    ("id", "Jangan ragu menghubungi kami kalau masih gagal setelah update."),
    ("id", "Jika ada pertanyaan lain, silakan cek halaman bantuan."),
    ("ro", "Nu ezitați să ne contactați dacă eroarea reapare."),
    ("ro", "Dacă aveți alte întrebări, consultați pagina de ajutor."),
    # a fellow user's report with a question to the reader or an instruction
    ("en", "I have the same issue. Did you update to 2.1 as well?"),
    ("en", "Same here, try clearing the cache, that fixed it for me."),
    ("es", "Tengo el mismo problema. ¿Usted actualizó a la 2.1?"),
    ("es", "Tengo el mismo problema. ¿Actualizaste a la 2.1?"),
    ("es", "Tengo el mismo problema. ¿Hiciste copia de seguridad antes?"),
    ("id", "Saya juga mengalami hal yang sama. Kakak sudah update ke 2.1?"),
    ("ro", "Am aceeași problemă. Ați actualizat la 2.1?"),
    # what worked for the writer is a tip the customer can follow
    ("en", "I had the same problem on 2.1, reinstalling the app fixed it for me."),
    ("es", "Tuve el mismo problema, desinstalé todo y lo volví a instalar y me funcionó."),
    ("id", "Saya juga mengalami, install ulang aplikasinya berhasil di saya."),
    ("ro", "Am avut aceeași problemă, reinstalarea aplicației mi-a mers."),
    # a time still to come, though a past verb comes before it
    ("en", "We fixed the bug and will deploy the fix this morning."),
    ("es", "Ya encontramos el error y lo publicaremos esta tarde."),
    ("id", "Bug sudah ketemu dan akan kami rilis hari ini."),
    ("ro", "Am găsit eroarea și o vom publica azi."),
    # (review19) a plan's time, though a participle comes before it
    ("en", "The fix is planned for this afternoon."),
    ("en", "Our engineer is booked to call you this afternoon."),
    ("es", "Hemos programado la corrección para esta tarde."),
    ("id", "Perbaikannya sudah dijadwalkan hari ini."),
    ("ro", "Am programat corectarea pentru azi."),
    # a promise tied to an event
    ("en", "We will email you as soon as the fix is deployed."),
    ("es", "Le avisaremos en cuanto el arreglo esté publicado."),
    ("id", "Akan kami kabari setelah perbaikan dirilis."),
    ("ro", "Vă vom anunța când versiunea este publicată."),
    # en: orders whose third word is "of"
    ("en", "Take care of the old config before the update."),
    ("en", "Get rid of the cache folder."),
    ("en", "Delete all of them and sign in again."),
    ("en", "Use one of the older builds."),
]


@pytest.mark.parametrize(("lang", "agent"), _NO_STEP)
def test_no_step_is_flagged(lang: str, agent: str) -> None:
    assert _flagged(lang, agent)


@pytest.mark.parametrize(("lang", "agent"), _STEP)
def test_step_passes(lang: str, agent: str) -> None:
    assert not _flagged(lang, agent)
