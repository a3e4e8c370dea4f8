"""TL303 (t303p): forms of a next step the rule did not see in es, id and ro, with their en equivalents, and the hard
negatives beside each (replies that still give nothing to do).

- A "?" followed by other punctuation ("versión?.", "versión?, la ...") still ends a question (every language).
- The team's next event is the time ("arreglada en el próximo reinicio", "În următorul release va fi introdus", "In the
  next release this will be fixed", "di versi berikutnya akan ..."); a hope is none ("Esperamos que con la próxima ...").
- An obligation said for later ("van a tener que", "va trebui să adăugați", "you're going to have to", "nanti kakak harus").
- A preference with "if" and the customer's verb ("es mejor para todos si nos dicen", "it's better for everyone if you").
- es: the infinitive of command opening a clause ("Colocar en el reporte ..."), the vosotros imperative ("Tened en
  cuenta"), "porfavor", a 2nd person preterite opening a question without "?" ("Te fijaste en la consola ...");
  "puede no estar" is a possibility, not an action.
- id: "bisa + active -kan verb" ("bisa sertakan ..."), a passive command marked by "saja/dulu" ("Dihapus saja ..."), a
  topic-comment command ending its clause ("Enternya hapus.").
- the verbs of fixing in command form (id "perbaiki", es "corrija", ro "corectați").
"""

from __future__ import annotations

import pytest

from ticketlint.config import Config
from ticketlint.engine import Linter
from ticketlint.model import Message, Role, Ticket

_LINTER = Linter(Config(profile="audit", select=("TL303",)))


def _flagged(lang: str, agent: str, customer: str = "") -> bool:
    ask = customer or {
        "en": "The export button does nothing since the update.",
        "es": "El botón de exportar no hace nada desde la actualización.",
        "id": "Tombol ekspor tidak berfungsi sejak update.",
        "ro": "Butonul de export nu face nimic de la actualizare.",
    }[lang]
    ticket = Ticket("t", (Message(Role.CUSTOMER, ask), Message(Role.AGENT, agent)), language=lang)
    return any(f.code == "TL303" for f in _LINTER.lint(ticket).findings)


# (language, a reply that gives a next step in a form the rule did not read)
_STEPS = [
    # a "?" followed by punctuation
    ("en", "On the latest build?, the old one had this bug."),
    ("es", "Estás usando la última versión?, la anterior tenía este fallo."),
    ("id", "Sudah pakai versi terbaru?. Versi lama memang ada bug ini."),
    ("ro", "Ultima versiune?, cea veche avea această problemă."),
    # the team's next event as the time
    ("en", "In the next release this will be fixed."),
    ("es", "Arreglado, se aplica en el próximo reinicio del servidor."),
    ("es", "Queda corregido cuando reinicien el servidor."),
    ("id", "Di versi berikutnya fitur ini akan kami tambahkan."),
    ("id", "Kalau ada rilis baru, nanti diumumkan di repo ini."),
    ("ro", "În următoarea versiune va fi inclus și exportul."),
    # an obligation said for later
    ("en", "You're going to have to re-add the last invoice by hand."),
    ("es", "El tag de entrega lo van a tener que crear ustedes."),
    ("id", "Nanti kakak harus login ulang di aplikasi."),
    ("ro", "La prima deschidere va trebui să adăugați ultima factură."),
    # a preference with "if" and the customer's verb
    ("en", "It's much better for everyone if you ask in the room."),
    ("es", "Es mucho mejor para todos si nos dicen la duda en la sala."),
    ("id", "Lebih baik kalau kakak tanya langsung di kelas."),
    ("ro", "Ar fi mai bine dacă ne scrieți pe e-mail."),
    # es: infinitive of command, vosotros, "porfavor", a preterite question without "?"
    ("es", "Colocar en el reporte el nombre del personaje."),
    ("es", "Agregar una descripción del error y fotos."),
    ("es", "Tened en cuenta que el proxy es lento."),
    ("es", "Porfavor usar el issue fijado para las librerías."),
    ("es", "Te fijaste en la consola del navegador si hay errores."),
    # id: bisa + -kan, passive command with saja/dulu, topic-comment at the end
    ("id", "Mas, bisa sertakan template suratnya."),
    ("id", "Dihapus saja logo yang lama, kemudian insert ulang."),
    ("id", "Enternya hapus."),
    # the verbs of fixing in command form
    ("id", "Jangan malas, perbaiki sendiri filenya."),
    ("es", "Corrija el campo de la fecha."),
    ("ro", "Corectați câmpul cu data."),
]


@pytest.mark.parametrize(("lang", "agent"), _STEPS)
def test_a_next_step_in_these_forms_passes(lang: str, agent: str) -> None:
    assert not _flagged(lang, agent)


# (language, a reply beside those forms that still gives nothing to do)
_NOTHING = [
    ("en", "The page index.php?id=3 lists them."),
    ("en", "The next release adds export."),
    ("es", "Esperamos que con la próxima actualización quede resuelto."),
    ("id", "Versi berikutnya ada fitur ekspor."),
    ("ro", "Următoarea versiune aduce exportul."),
    ("en", "We're going to have to look into it."),
    ("es", "Vamos a tener que revisarlo."),
    ("id", "Nanti kami harus cek dulu."),
    ("ro", "Va trebui să ne gândim la o soluție."),
    ("en", "It's better for everyone if the server stays up."),
    ("es", "Es mejor si el servidor sigue igual."),
    ("id", "Lebih baik kalau servernya tetap jalan."),
    ("ro", "Ar fi mai bine dacă serverul ar rămâne pornit."),
    ("es", "Ayer el servidor estuvo caído."),
    ("es", "La ciudad tiene cortes de luz."),
    ("es", "Usted tiene razón, gracias por avisar."),
    ("es", "Porfavor tenga paciencia."),
    ("es", "Dijiste que ya funcionaba."),
    ("es", "Tranquilos, el protocolo puede no estar perfecto todavía."),
    ("id", "Bisa dipertimbangkan."),
    ("id", "Tidak bisa tambahkan fitur itu."),
    ("id", "Ditutup dulu issue ini."),
]


@pytest.mark.parametrize(("lang", "agent"), _NOTHING)
def test_a_reply_with_nothing_to_do_is_still_flagged(lang: str, agent: str) -> None:
    assert _flagged(lang, agent)


# (language, a reply that gives nothing to do: a forward with no time, thanks for patience, a past clock time)
_HARD = [
    ("id", "Sudah kami teruskan ke tim terkait."),
    ("es", "Gracias por tu paciencia."),
    ("ro", "Mulțumim pentru înțelegere."),
    ("en", "Thanks for your patience."),
    ("es", "Tu entrega fue subida a las 17:22 del jueves, fuera de plazo."),
    ("ro", "Tema încărcată la ora 17 a ajuns după termen."),
    ("en", "Your report was uploaded at 5:22 pm, after the deadline."),
    ("id", "Bisa didiskusikan nanti."),
]


@pytest.mark.parametrize(("lang", "agent"), _HARD)
def test_replies_that_only_forward_thank_or_tell_a_past_time_are_flagged(lang: str, agent: str) -> None:
    assert _flagged(lang, agent)


@pytest.mark.parametrize(
    ("lang", "agent"),
    [("es", "Te llamamos mañana a las 10."), ("ro", "Vă sunăm la ora 10."), ("en", "We will call you back at 10 am.")],
)
def test_a_coming_clock_time_still_passes(lang: str, agent: str) -> None:
    assert not _flagged(lang, agent)
