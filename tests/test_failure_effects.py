"""A failure told by its effect, with no failure verb (issue 13, t101gh21: `effects` in `rules/<lang>/failure.toml`).

The kinds come from 151 English and Indonesian GitHub openers judged by hand before any run
(`corpus/real/judged/t101gh21-fresh.labels`) and the dev misses of en-github*/id-github; the sentences here are written
for the tests, none copied.

- A page or a program frozen, stalled or made unresponsive ("the dashboard is frozen", "the editor stalls").
- A screen that is black or blank while the rest plays ("the video is black but the sound plays").
- Messages that don't seem to come through, or that the writer is missing.
- A process that did not happen ("the nightly backup did not run"), jobs that stop being processed.
- A thing one cannot get to update; a title that opens with "Unable to ..."; "nothing happenes", "closed force" as typed.
- id: a bot that "gabisa respond" (the English spelling), a notification with no ring, "longin".

The hard negatives: the same words about design, wishes, reassurance and colours.
"""

from __future__ import annotations

import pytest
from failure_util import failure_phrase

from ticketlint.analysis.failure import failure_phrases


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # frozen, stalled, unresponsive
        ("en", "The dashboard is frozen after I switch tabs."),
        ("en", "Opening the sidebar makes the whole window non-responsive."),
        ("en", "The editor stalls every few minutes."),
        ("es", "El panel se queda congelado al cambiar de pestaña."),
        ("ro", "Fereastra a rămas înghețată după salvare."),
        ("id", "Tampilannya jadi tidak responsif setelah login."),
        # a black screen while the rest plays
        ("en", "The video is black but the sound plays."),
        ("es", "El video sale en negro pero se escucha el sonido."),
        ("ro", "Imaginea este neagră, dar sunetul merge."),
        # messages that do not come through
        ("en", "Password reset emails don't seem to arrive at all."),
        ("en", "We're missing most of the push notifications since Monday."),
        ("es", "Los correos de confirmación no parecen llegar."),
        ("ro", "Mesajele de confirmare nu par să ajungă."),
        ("id", "Notifikasi chat jadi gak ada bunyinya."),
        # a process that did not take place, jobs no longer processed
        ("en", "The nightly backup did not run yesterday."),
        ("en", "Invoices stop being sent after the first one."),
        ("es", "La copia de seguridad no se realizó anoche."),
        ("es", "Los pedidos dejan de sincronizarse después de una hora."),
        ("ro", "Backup-ul de noapte nu a avut loc."),
        ("ro", "Facturile nu se mai trimit după prima."),
        ("id", "Proses backup tidak berjalan semalam."),
        # what one cannot get to update; a title "Unable to ..."; nothing when clicked
        ("en", "I can't get the calendar to refresh after editing."),
        ("en", "Unable to delete the draft"),
        ("es", "No se puede borrar el borrador"),
        ("ro", "Nu se poate șterge ciorna"),
        ("es", "Cuando hago clic en Exportar no pasa nada."),
        ("id", "Tombol export diklik tapi tidak terjadi apa-apa."),
        # silence, no effect, an empty list
        ("en", "The export silently fails on large files."),
        ("en", "The dark mode toggle has no effect after the update."),
        ("en", "Search returns an empty list for every query."),
        ("en", "The inbox stays empty although mail arrives on my phone."),
        ("es", "La exportación falla en silencio con archivos grandes."),
        ("es", "El filtro de fechas no tiene ningún efecto."),
        ("es", "La bandeja se queda vacía después de sincronizar."),
        ("ro", "Exportul eșuează în tăcere la fișiere mari."),
        ("ro", "Filtrul de date nu are niciun efect."),
        ("ro", "Lista rămâne goală după sincronizare."),
        ("id", "Tombol filter tidak ada efeknya."),
        ("id", "Daftarnya tetap kosong setelah sinkron."),
        ("id", "Draftnya hilang sendiri setelah ditutup."),
        # as typed
        ("en", "I press save and nothing happenes."),
        ("en", "the launcher closed force twice today"),
        ("id", "botnya gabisa respond dari kemarin"),
        ("id", "saya tidak bisa longin"),
    ],
)
def test_an_effect_reports_a_failure(lang: str, text: str) -> None:
    assert failure_phrase(text, lang) is not None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The screen is black and white in this theme, as designed."),
        ("en", "I'm missing the notifications settings page from the old version, please add it back."),
        ("en", "Unable to find the docs for this, where are they?"),
        # a program's message pasted at the start of a message is its text, not a title
        ("en", "Unable to create a required folder. Please create the following folder, or set permissions."),
        ("es", "No se puede abrir el archivo. Compruebe que existe y vuelva a intentarlo."),
        ("en", "Could you make the page freeze its header when scrolling?"),
        ("es", "La pantalla está en blanco y negro por diseño."),
        ("es", "No pasa nada, gracias por avisar."),
        ("ro", "Ecranul este alb-negru, așa e designul."),
        ("id", "Tidak ada apa-apa yang perlu diubah, terima kasih."),
        ("id", "Kapan fitur backup otomatis ditambahkan?"),
        ("id", "Obatnya tidak berpengaruh, saya masih pusing."),
        ("en", "It worked without any error, but thanks for the quick reply."),
    ],
)
def test_the_same_words_report_nothing(lang: str, text: str) -> None:
    assert failure_phrase(text, lang) is None


@pytest.mark.parametrize("lang", ["en", "es", "id", "ro"])
def test_every_language_states_its_effects(lang: str) -> None:
    """`effects` is read with `patterns` in every language: the merged alternation exists and finds a pattern of each."""
    assert failure_phrases(lang) is not None
