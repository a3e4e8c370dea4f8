"""Indonesian complaint wording read off fresh text, with the same mechanism in en/es/ro (issue 13, tid20).

Read off two gauges judged by hand before any run (`corpus/real/judged/tid20-fresh.labels`: 300 Play reviews for
TL101/TL104; `judged/tid20-fresh-replies.sheet`: 38 Indonesian staff replies for TL303); the kinds, not the texts: every
sentence below is written here, none copied.

TL101, what is no technical failure:
- a shortcoming named as one ("kekurangannya ga bisa ..."): a design complaint (en "the downside is", es "lo malo es que",
  ro "minusul e că");
- a wish that something not happen ("saya harap agar ... tidak muncul"; en "I hope ... don't", es "espero que no", ro "sper
  să nu");
- what other users can do and the writer cannot: a feature not yet rolled out ("gabisa diganti kayak punya yang lain"; en
  "like everyone else", es "como los demás", ro "ca ceilalți");
- a count said as "tidak bisa dihitung" (countless);
- a log-in failure caused by the writer's own number that is no longer in use, in chat spelling ("no.", "telfon",
  `gara"` for "gara-gara").
TL101, what is one: a modem's LOS light red or blinking (an outage told by its effect; en/es/ro alike), "ngecrash" (the nge- prefix), the regional negation "enda", a password refused though right (en
"rejects my password even though it is correct", es "rechaza mi contraseña aunque es correcta", ro "îmi respinge parola
deși e corectă"). The app's text reported with "kata y" (-nya written "y") or "selalu bilang" is evidence.
TL303: "mohon untuk sabar" names nothing to do; "di tunggu aja update" and a bare "VERB dulu" ("daftar dulu") are steps;
a calendar date after a forward word is a time (four languages).
"""

from __future__ import annotations

import pytest
from failure_util import customer_document, failure_phrase

from ticketlint.api import lint


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("id", "tiap buka menu pesan aplikasinya langsung ngecrash"),
        ("id", "udah nunggu lama tapi aplikasinya enda bisa dibuka padahal pakai wifi"),
        ("id", "pas mau masuk akun, sandi yang saya ketik dibilang salah terus padahal sudah benar"),
        ("id", "kode pin yg aku masukin salah mulu padahal bener, jadi gak bisa masuk"),
        ("en", "The app keeps rejecting my password even though it is correct."),
        ("es", "La aplicación rechaza mi contraseña aunque es correcta."),
        ("ro", "Aplicația îmi respinge parola deși e corectă."),
        # an outage told by the modem's line light (four languages)
        ("id", "modem di rumah los merah kedip-kedip dari semalam"),
        ("id", "lampu LOS nya nyala merah terus, tolong dicek"),
        ("en", "The LOS light on my router has been red since last night."),
        ("es", "La luz LOS del módem está en rojo desde anoche."),
        ("ro", "Ledul LOS de la router e roșu de aseară."),
        # the hard negatives' neighbours: a real failure told beside the same words
        ("id", "fotonya gak bisa dibuka sama sekali, padahal punya teman bisa"),
        ("en", "The problem is you can't log in at all since the update."),
        ("es", "Desde la actualización la aplicación se cierra y no puedo entrar."),
        ("ro", "De la actualizare aplicația se închide și nu mă pot loga."),
    ],
)
def test_reports_a_failure(lang: str, text: str) -> None:
    assert failure_phrase(text, lang) is not None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a shortcoming named as one
        ("id", "aplikasinya enak dipakai, kekurangannya cuma ga bisa download video langsung"),
        ("id", "kelemahannya kita tidak bisa edit postingan yang sudah dikirim"),
        ("en", "Nice app, the only downside is you can't download videos directly."),
        ("es", "Buena app, lo único malo es que no se pueden descargar videos."),
        ("ro", "Aplicație bună, singurul minus e că nu poți descărca videoclipuri."),
        # a wish that something not happen
        ("id", "saya berharap supaya iklan di beranda tidak muncul terus"),
        ("en", "I hope the ads in the feed don't show up so often."),
        ("es", "Espero que no aparezcan tantos anuncios en el inicio."),
        ("ro", "Sper să nu mai apară atâtea reclame în aplicație."),
        # what others can do and the writer cannot: a feature not rolled out yet
        ("id", "kenapa fitur stiker di aplikasiku gak bisa dipakai kayak punya yang lain"),
        ("id", "teman yang lain bisa pasang musik di story, kalo aku gak bisa"),
        ("en", "Why can't I use the sticker feature in the app like everyone else?"),
        ("es", "¿Por qué no puedo usar los stickers en la aplicación como los demás?"),
        ("ro", "De ce nu pot folosi stickerele în aplicație ca ceilalți?"),
        # a name, a room's light: no modem light
        ("id", "liburan ke los angeles seru, lampu kamar hotelnya mati pas malam"),
        ("en", "We flew to Los Angeles and the hotel lights were off."),
        # countless
        ("id", "sudah bikin akun baru berkali-kali sampai gak bisa dihitung lagi"),
        ("en", "I have made so many accounts in the app that I can't even count them."),
        ("es", "He creado tantas cuentas en la aplicación que no se pueden contar."),
        ("ro", "Am creat atâtea conturi în aplicație că nu se mai pot număra."),
        # the writer's own number no longer in use, in chat spelling
        ("id", 'login akun gak bisa gara" no. hp lama udah gak dipakai'),
        ("id", "karena no. saya sudah tidak aktif jadi ga bisa terima kode verifikasi"),
    ],
)
def test_reports_no_failure(lang: str, text: str) -> None:
    assert failure_phrase(text, lang) is None


@pytest.mark.parametrize(
    "text",
    [
        "mau daftar gak bisa y, kata y nomor ini tidak terdaftar",
        "verifikasi nomor gagal terus, selalu bilang terjadi kesalahan",
    ],
)
def test_the_apps_text_is_evidence(text: str) -> None:
    assert customer_document(text, "id").evidence()


def test_a_friend_told_is_no_evidence() -> None:
    # "bilang ke/sama" is the writer telling someone, not the app's text
    assert not customer_document("aplikasinya gak bisa dibuka, saya sudah bilang ke teman saya", "id").evidence()


def _tl303(text: str, lang: str) -> bool:
    return any(f.code == "TL303" for f in lint(text, {"select": ["TL303"], "language": lang}, role="agent"))


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("id", "Botnya ganti prefix dulu kayak di readme."),
        ("id", "Install node versi 18 dulu bang."),
        ("id", "Fiturnya belum ada, jadi di tunggu aja update berikutnya."),
        ("id", "Perbaikannya saya kerjakan mulai tanggal 5, sampai jumpa."),
        ("en", "I will publish the fixed build starting January 5th."),
        ("es", "Publicaré la versión corregida a partir del 5 de enero."),
        ("ro", "Voi publica versiunea corectată începând cu 5 ianuarie."),
    ],
)
def test_a_step_or_a_time_passes(lang: str, text: str) -> None:
    assert not _tl303(text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("id", "Terima kasih laporannya, mohon untuk sabar karena perbaikannya lama."),
        ("id", "Kami cek dulu ya."),
        ("id", "Nanti saya coba install dulu di server."),
        ("id", "Kami masih tunggu update dari vendor."),
        ("id", "Sudah diperbaiki tanggal 5."),
        ("en", "We fixed this on January 5th."),
        ("es", "Lo corregimos el 5 de enero."),
        ("ro", "Am corectat asta pe 5 ianuarie."),
    ],
)
def test_no_step_is_flagged(lang: str, text: str) -> None:
    assert _tl303(text, lang)
