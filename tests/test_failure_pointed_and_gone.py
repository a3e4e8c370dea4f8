"""The program's text pointed at or half remembered, and what is no failure of the writer (issue 13, t1en19).

Hand-judged fresh IRC threads (corpus/real/judged/t1en19-fresh.labels) and the blind judge's round-13 findings showed
TL101 taking the program's message for the writer's words when it is written out without quotes and then pointed at
("... partition names. How do I resolve this error", `pointers`), or half remembered ("something like wrong fs type",
"cannot connect to source, or something like that"), and reading as failures a person's will ("we won't help"), a
law's limit ("the DMCA won't allow it"), a diagnostic that finds nothing ("the logs don't show anything interesting"),
a failure told as gone ("don't have black screen anymore"), a chat nick's status tag ("sinope[crashed]") and a guessed
cause asked as a question ("maybe the linux installer failed to set that?"). Wrong
behaviour told with no failure verb now counts in a technical message: the progressive "is showing X instead of Y",
"is using X, not Y", an item a list lacks ("there is no windows entry"), a program that does not ask.
"""

from __future__ import annotations

import pytest
from failure_util import customer_document
from failure_util import failure_phrase as _failure


def _evidence(text: str, lang: str) -> bool:
    return customer_document(text, lang).evidence()


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # the program's message written out as a sentence of its own, then pointed at
        ("en", "loop disk labels do not support partition names.  How do I resolve this error to make my usb stick bootable?"),
        ("en", "Certificate store missing, please insert the token and retry. getting this error while signing, any workaround."),
        ("es", "Certificado digital no encontrado, inserte el token. ¿Cómo soluciono este error?"),
        ("id", "Sertifikat digital tidak ditemukan, silakan pasang token. Error ini gimana solusinya?"),
        ("ro", "Certificatul digital lipsește, introduceți tokenul. Cum rezolv eroarea asta?"),
        # the message half remembered
        ("en", "the mount fails, i get an error when mounting: something like wrong fs type, bad option etc."),
        ("en", "minitube fails, cannot connect to source, or something like that"),
        ("es", "no arranca, me sale un error al montar: algo como tipo de sistema incorrecto"),
        ("id", "gagal terus, muncul pesan semacam koneksi ke server terputus"),
        ("ro", "nu merge, apare o eroare ceva de genul conexiune la server refuzată"),
        # the program's status that there is none of something
        ("en", "I am unable to install ubuntu, it tells me there is no root file system"),
        ("en", "the installer keeps wanting to reformat my partition and saying that there is no root partition"),
        # a status the program shows, quoted after what it is labelled as
        ("en", "the partitioner fails, the rest of the space becomes labeled as 'unusable'"),
        ("es", "no funciona, el disco aparece como 'no disponible'"),
        ("id", "gagal terus, disknya ditandai 'tidak tersedia'"),
        ("ro", "nu merge, discul apare ca 'indisponibil'"),
    ],
)
def test_program_text_is_evidence(lang: str, text: str) -> None:
    assert _evidence(text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # the sentence pointed at is the writer's own: a first-person word, a failure phrase, a question, the past told
        ("en", "My laptop crashes when I close the lid. How do I fix this error?"),
        ("en", "The wifi keeps dropping. How do I fix this error?"),
        ("en", "it was working fine. but now i installed new ati drivers and got that error"),
        ("en", "Is the driver loaded? What does this error mean"),
        ("es", "La aplicación no abre. ¿Cómo soluciono este error?"),
        ("id", "Aplikasi tidak bisa dibuka. Error ini kenapa ya?"),
        ("ro", "Aplicația nu pornește. Cum rezolv eroarea asta?"),
        # an approximation of something that is no message
        ("en", "the upload fails and it takes something like 20 minutes to give up"),
        ("en", "it crashed three times, or something like that"),
        ("id", "gagal terus, udah nunggu kurang lebih 20 menit"),
    ],
)
def test_writer_words_are_not_evidence(lang: str, text: str) -> None:
    assert not _evidence(text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "we won't help with your debian problems here"),
        ("en", "they won't answer my questions in the channel"),
        ("en", "Amaranth, but the DMCA won't allow it when the data is encrypted, right?"),
        ("en", "awktion: the X server logs don't show anything interesting. the session log has a few lines"),
        ("en", "but don't have black screen anymore"),
        ("en", "sinope[crashed] , yeah"),
        ("es", "los logs no muestran nada raro después del arranque"),
        ("es", "ya no me sale la pantalla negra al arrancar"),
        ("id", "lognya tidak menunjukkan apa-apa yang aneh"),
        ("id", "udah gak ada layar hitam lagi pas booting"),
        ("ro", "logurile nu arată nimic neobișnuit după pornire"),
        ("ro", "nu mai am ecran negru la pornire"),
        # a guessed cause asked as a question
        ("en", "ok so maybe the linux installer failed to set that? =/"),
        ("es", "¿a lo mejor el instalador no lo configuró bien?"),
        ("id", "jangan-jangan drivernya gak ke-load?"),
        ("ro", "poate că instalatorul n-a setat asta?"),
        # (review19) a law's limit in the other three languages, as in English
        ("es", "La ley no permite enviarlo. Uso la app en Android 14."),
        ("es", "El tribunal no nos permite publicarlo. La app está en la versión 2.1."),
        ("id", "Hukum tidak mengizinkan kami mengirimnya. Saya pakai aplikasi di Android 14."),
        ("ro", "Legea nu ne permite să-l trimitem. Folosesc aplicația pe Android 14."),
    ],
)

def test_not_a_failure_of_the_writer(lang: str, text: str) -> None:
    assert _failure(text, lang) is None


@pytest.mark.parametrize(
    ("lang", "text", "phrase"),
    [
        # the same words that are still failures
        ("en", "the installer won't start on my laptop", "won't start"),
        ("en", "it won't let me log in to the server", "won't let"),
        # (review19) "they" of things: what they won't do is a failure, not a person's will
        ("en", "I uploaded my photos to the app but they won't load in the gallery.", "won't load"),
        ("en", "I added two printers and they won't print anything.", "won't print"),
        ("en", "The updates are downloaded but they won't install on Windows 11.", "won't install"),
        ("en", "I don't have sound anymore on my laptop", "don't have sound"),
        ("en", "the screen goes black now and I don't get the login screen anymore", "screen goes black"),
        ("es", "ya no me sale la pantalla de inicio y la aplicación no funciona", "no funciona"),
        ("id", "udah gak bisa login lagi ke aplikasi", "gak bisa login"),
        ("ro", "aplicația nu mai merge de ieri", "nu mai merge"),
        # a licence key or a program that fails is no law's limit
        ("es", "la licencia no funciona en el servidor", "no funciona"),
        ("es", "La app no permite enviarlo. Uso Android 14.", "no permite enviarlo"),
        # wrong behaviour with no failure verb, in a technical message
        ("en", "nautilus is showing my home folder on the desktop instead of ~/Desktop", "is showing my home folder on the desktop instead of"),
        ("en", "when I use the date command on the server, it is using my local timezone, not BST", "is using my local timezone, not BST"),
        ("en", "in the grub list when booting, there is no windows entry", "there is no windows entry"),
        ("en", "help with : missing devices in /dev (kernel 2.6.15)", "missing devices in"),
        ("en", "when I run the installer it doesn't ask me which disk to use", "doesn't ask me"),
        ("en", "after the update grub still boots the old kernel", "still boots the old kernel"),
        ("en", "since the upgrade the panel is empty on my desktop", "panel is empty"),
        # a hedge that is an offer, or the writer's own machine, keeps the report
        ("en", "Is there anything I can do, maybe paste stuff from syslog so I can find out why my laptop freezes?", "freezes"),
    ],
)
def test_still_a_failure(lang: str, text: str, phrase: str) -> None:
    assert _failure(text, lang) == phrase


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a person's doing, a wish, a person who does not ask: no failure
        ("en", "I'm using xfce instead of gnome on this laptop"),
        ("en", "there is no option to change the wallpaper in the settings?"),
        ("en", "the support agent never asked me for the logs of the server"),
        ("en", "he didn't ask me which kernel to install"),
        ("en", "I'm using an old kernel on this laptop, is that a problem for the update?"),
        ("en", "the fridge is bare and my shopping list is empty, what should I cook tonight"),
    ],
)
def test_not_wrong_behaviour(lang: str, text: str) -> None:
    assert _failure(text, lang) is None


@pytest.mark.parametrize(
    ("lang", "text", "phrase"),
    [
        # a question that asks why, not a guess: still the writer's failure
        ("ro", "oare de ce nu merge aplicația pe telefon?", "nu merge"),
        ("es", "¿por qué la aplicación no funciona en mi teléfono?", "no funciona"),
    ],
)
def test_a_why_question_is_no_guess(lang: str, text: str, phrase: str) -> None:
    assert _failure(text, lang) == phrase
