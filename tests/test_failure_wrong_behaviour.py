"""Wrong behaviour told in the domain's words, with no failure verb (issue 16, wrong16; rules/<lang>/failure.toml).

A program that duplicates, wipes, resets, shows nothing, does one thing instead of another, does nothing when asked or does
what "should not happen" has failed, though the customer never says "fails" or "doesn't work". The same frames are stated
once per language in `contextual`: they count in a technical message only, so the same words said of a parcel, a wish
("it should reset the form"), a how-to ("how do I clear the form?") or the user's own act ("I deleted the entries") are no
report.
"""

from __future__ import annotations

import pytest
from failure_util import failure_phrase as _failure


@pytest.mark.parametrize(
    ("lang", "text", "phrase"),
    [
        # made or sent twice
        ("en", "Since Monday the calendar sync duplicates every meeting on my phone.", "duplicates every meeting"),
        ("en", "In the app each invoice gets created twice.", "invoice gets created twice"),
        ("es", "Desde la actualización de la app se nos duplican las facturas.", "se nos duplican"),
        ("es", "En la aplicación me cobraron dos veces la misma suscripción.", "me cobraron dos veces"),
        ("id", "Di aplikasi transaksinya jadi dobel semua.", "transaksinya jadi dobel"),
        ("id", "Saldo kepotong 2x pas bayar di aplikasi.", "Saldo kepotong 2x"),
        ("ro", "În aplicație factura apare de două ori în listă.", "apare de două ori"),
        ("ro", "De ieri se dublează plățile în aplicație.", "se dublează"),
        # review16: a duplicate said once more, every day, is still one
        ("en", "In the app every order shows up twice, every day.", "order shows up twice"),
        ("id", "Notif di aplikasi masuk dua kali, tiap hari.", "masuk dua kali"),
        # wiped, reset, back to the start by itself
        ("en", "Pressing Submit in the app clears the whole form.", "clears the whole form"),
        ("en", "The thermostat app resets to default after every reboot.", "resets to default"),
        ("es", "Cuando cambio de carrera en la web se borran las notas guardadas.", "se borran"),
        ("es", "En la app el contador vuelve a su valor anterior al salir.", "vuelve a su valor anterior"),
        ("id", "Riwayat chatnya tiba-tiba hilang setelah ganti hp di aplikasi.", "Riwayat chatnya tiba-tiba hilang"),
        ("id", "Tiap buka aplikasi balik lagi ke halaman login.", "balik lagi ke halaman login"),
        ("ro", "În aplicație setările se resetează la fiecare pornire.", "se resetează"),
        ("ro", "Aplicația a schimbat singură data contractului.", "schimbat singură"),
        # nothing shown, instead of, expected but, should not happen, still there, nothing happens
        ("en", "After the update the dashboard shows 0 for every customer.", "shows 0"),
        ("en", "Tapping the link in the app opens the store instead of the article.", "opens the store instead of"),
        ("en", "The app lets me book a past date, which shouldn't happen.", "which shouldn't happen"),
        ("en", "The removed card still shows in the app after I deleted it.", "still shows in the app after"),
        ("es", "La web me lleva a la portada en vez de al carrito.", "me lleva a la portada en vez de"),
        ("es", "La app deja reservar dos veces la misma hora, lo cual no debería pasar.", "lo cual no debería pasar"),
        ("es", "Pulso en exportar en la app y no pasa nada.", "Pulso en exportar en la app y no pasa nada"),
        ("id", "Klik link di aplikasi malah kebuka di browser.", "malah kebuka"),
        ("id", "Datanya masih tampil di aplikasi padahal sudah dihapus.", "masih tampil di aplikasi padahal sudah dihapus"),
        ("ro", "Aplicația mă duce la pagina principală în loc de coș.", "mă duce la pagina principală în loc de"),
        ("ro", "Aplicația îmi permite o dată din trecut, ceea ce nu ar trebui să se întâmple.", "ceea ce nu ar trebui să se întâmple"),
        # the wrong place, a process that never ends
        ("en", "The link in the reset e-mail takes me to the wrong page.", "takes me to the wrong page"),
        ("en", "The nightly backup never finishes on the server.", "backup never finishes"),
        ("es", "El botón de la app me lleva a una pantalla equivocada.", "me lleva a una pantalla equivocada"),
        ("es", "La descarga de la app nunca termina.", "descarga de la app nunca termina"),
        ("id", "Tombol di aplikasi selalu diarahkan ke halaman lain.", "diarahkan ke halaman lain"),
        ("id", "Update aplikasinya gak selesai-selesai dari tadi.", "Update aplikasinya gak selesai-selesai"),
        ("ro", "Butonul din aplicație mă trimite la o pagină greșită.", "mă trimite la o pagină greșită"),
        ("ro", "Actualizarea aplicației nu se mai termină.", "Actualizarea aplicației nu se mai termină"),
        # review16: syncing is a technical word in every language (en "sync", ro "sincroniz" already; es, id were missing)
        ("en", "The sync never finishes.", "sync never finishes"),
        ("es", "La sincronización nunca termina.", "sincronización nunca termina"),
        ("id", "Sinkronisasinya gak selesai-selesai.", "Sinkronisasinya gak selesai-selesai"),
        ("ro", "Sincronizarea nu se mai termină.", "Sincronizarea nu se mai termină"),
    ],
)
def test_reports(lang: str, text: str, phrase: str) -> None:
    assert _failure(text, lang) == phrase


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # outside software: no technical word in the message
        ("en", "My parcel arrived twice, thanks!"),
        ("es", "El paquete me llegó dos veces, ¡gracias!"),
        ("id", "Paketnya datang dua kali, makasih ya."),
        ("ro", "Coletul a venit de două ori, mulțumesc!"),
        # a wish, a how-to or the user's own act, in a technical message
        ("en", "It would be great if the app could reset the form after saving."),
        ("en", "How do I clear the form in the app?"),
        ("en", "Could you delete my data from the app?"),
        ("en", "I deleted the entries in the app by mistake."),
        ("en", "I'd like the app to show the date instead of the time."),
        ("es", "¿Cómo se borra una cuenta en la app?"),
        ("es", "Quiero que la app muestre la fecha en vez de la hora."),
        ("es", "No pasa nada, gracias por la app."),
        ("id", "Mau mulai dari awal di aplikasi ini caranya gimana?"),
        ("id", "Cara hapus data aplikasi gimana ya?"),
        ("ro", "Cum se șterge un cont în aplicație?"),
        ("ro", "Aș vrea ca aplicația să afișeze data în loc de oră."),
        ("ro", "Am șters comenzile din aplicație din greșeală."),
        ("en", "Is there a way to have the app open instead of the browser?"),
        ("en", "The app shows the speed as a graph rather than a number."),
        # what the writer wants to avoid ("without losing my data"), in the four languages
        ("en", "Can I reinstall the app without losing my data?"),
        ("es", "¿Cómo reinstalo la app sin que se borren los datos?"),
        ("id", "Cara install ulang aplikasi tanpa data hilang gimana?"),
        ("id", "Sudah update aplikasi, datanya tidak hilang kok."),
        ("ro", "Cum reinstalez aplicația fără să se șteargă datele?"),
        # praise of a feature, the writer's own act done twice, content the writer did not ask for
        ("id", "Aplikasinya bagus, bisa mengembalikan file yang sudah kehapus."),
        ("id", "Sudah kirim aduan 2 kali lewat aplikasi tapi belum dibalas."),
        ("id", "Di aplikasi akun yang gak saya follow malah muncul di timeline."),
        # review16: "twice" as a frequency (a day, a week) or in a comparison ("twice as sharp") is no duplicate, four languages
        ("en", "In the app the notifications arrive twice a day, as I set them."),
        ("en", "My photos appear twice as sharp in the new app, love it."),
        ("es", "En la app las notificaciones llegan dos veces al día, como las configuré."),
        ("es", "Las fotos salen dos veces más nítidas en la app nueva, gracias."),
        ("id", "Bisa gak notif nya dikirim dua kali sehari di aplikasi? Biar gak lupa."),
        ("id", "Fotonya tampil dua kali lebih tajam di aplikasi baru, mantap."),
        ("ro", "Notificările din aplicație vin de două ori pe zi, cum le-am setat."),
        ("ro", "Pozele apar de două ori mai clare în aplicația nouă, mulțumesc."),
    ],
)
def test_not_reports(lang: str, text: str) -> None:
    assert _failure(text, lang) is None
