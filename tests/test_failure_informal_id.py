"""Informal Indonesian failure wording, and what is a sanction or the app's own text (issue 13, t101id).

Read off a fresh draw of 300 Play reviews judged by hand before any run (`corpus/real/judged/t101id-fresh.labels`); the
kinds, not the reviews: written here, none copied.

- Morphology and spelling of the failure words: the di- passive written apart ("di gunakan"), ter-henti, a verification
  code that never comes told with its subject first ("kode verifikasinya gak ada masuk", "... tidak mengirimkannya",
  "menunggu berjam jam untuk kode"), notifications that rarely show up (en/es/ro alike), "-nya" on a technical word
  ("cara loginnya" makes the message technical), a retry the app asks for ("di suruh coba lagi").
- Not a failure: "tidak bisa" before a comparison or the agent of a passive ("tidak bisa seperti dulu", "tidak bisa kita
  dapatkan"), a sanction or a limit as the consequence in the same sentence (en/es/ro alike), how to lift a sanction
  (en/es/ro alike), an appeal rejected, a wish that the app not refresh by itself.
- The app's text: "kesalahan² teknis" (reduplicated), "Ulangi permintaan Anda nanti", "tulisan X terhenti yang muncul",
  a rate limit reported with "katanya".
"""

from __future__ import annotations

import pytest
from failure_util import customer_document, failure_phrase


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # the di- passive written apart from its stem
        ("id", "kenapa ya tidak bisa di gunakan"),
        # a verification code that never comes, its subject first; not sent; waited for for hours
        ("id", "mau daftar tapi kode verifikasi nya gak ada masuk dari tadi"),
        ("id", "mau login minta kode ke nomor saya, tapi dari pihak aplikasi tidak mengirimkannya"),
        ("id", "harus menunggu berjam jam untuk sebuah kode verifikasi"),
        # ter-henti by itself
        ("id", "semenjak diperbarui aplikasinya suka terhenti sendiri"),
        # notifications that rarely come (four languages)
        ("id", "notifnya jarang muncul padahal aplikasi dibuka"),
        ("id", "kenapa notif chat ga suka muncul ya"),
        ("en", "notifications rarely show up on my phone"),
        ("es", "las notificaciones casi nunca llegan al celular"),
        ("ro", "notificările vin rar pe telefon"),
        # "-nya" on a technical word makes the message technical; "ngga bisa bisa" reduplicated
        ("id", "gimana sih cara loginnya, berapa kali coba ngga bisa bisa?!"),
        # the feed jumps back to the top by itself, the adverb after
        ("id", "lagi scroll timeline eh naik lagi ke paling atas otomatis"),
        # the app asks to try again
        ("id", "pas buka profil malah di suruh coba lagi padahal sinyal bagus"),
        # a filler word between "susah" and what is hard
        ("id", "susah sekali untuk mendaftar akun baru"),
        # a limit named as a noun after a comma is another complaint, not the consequence of the failure before it
        ("id", "foto di beranda gak bisa di lihat padahal kuota penuh, pembatasan limit scrolling juga bikin kesal"),
    ],
)
def test_reports_a_failure(lang: str, text: str) -> None:
    assert failure_phrase(text, lang) is not None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # "tidak bisa" before the agent of a passive or a comparison
        ("id", "aplikasi bagus, informasinya tidak bisa kita dapatkan di tempat lain"),
        ("id", "setelah update timeline aplikasi tidak bisa seperti yang dulu"),
        # a limit or a sanction as the consequence, in the same sentence
        ("id", "scroll timeline gabisa sampai jauh, otomatis dibatasi"),
        ("id", "gak bisa bikin akun karena salah klik, jadi akun ke blokir permanen"),
        # the consequence ends where the sanction starts, so the sanction still covers what follows it
        ("id", "mau bikin akun baru ga bisa, akun yang disuspend ini ga bisa dihapus"),
        ("en", "I can't log in to the app, so my account got locked"),
        ("es", "no puedo publicar en la app, y me limitaron la cuenta"),
        ("ro", "nu pot posta în aplicație, așa că mi-au blocat contul"),
        # how to lift a sanction
        ("id", "cara mengatasi wa kena spam terus gimana ya"),
        ("en", "how do I fix this account suspension on the app?"),
        ("ro", "ce-i de făcut cu blocarea contului în aplicație?"),
        # (es reads "me bloquearon la cuenta, ¿cómo lo soluciono?" already: its sanction run covers what follows)
        ("es", "me bloquearon la cuenta en la app, ¿cómo lo soluciono?"),
        # an appeal rejected again and again, a suspension named as a noun
        ("id", "akun disuspend padahal ga ngapa-ngapain, ajukan banding tapi ditolak terus"),
        ("id", "tiba tiba ada penangguhan akun, sudah verifikasi email tapi tetap tidak bisa berjalan"),
        # a wish that the app not refresh by itself
        ("id", "tolong timeline jangan bisa auto refresh, biarkan pengguna yang refresh"),
        # content that rarely shows up is a feed matter, not a notification that fails
        ("id", "topik yang kita suka jarang muncul di timeline aplikasi"),
        # "susah" that is not about logging in: the signal is weak, yet it still works
        ("id", "aplikasi hemat data, sinyal susah masih bisa masuk pemberitahuannya"),
    ],
)
def test_reports_no_failure(lang: str, text: str) -> None:
    assert failure_phrase(text, lang) is None


@pytest.mark.parametrize(
    "text",
    [
        "login gabisa, kenapa ada kesalahan² teknis, coba ulangi",
        "Ada Kesalahan Teknisi Ulangi Permintaan Anda Nanti. buka app nya aja error",
        "setelah diperbarui tidak bisa dibuka, selalu tulisan twitter terhenti terus yang muncul",
        "mau login gabisa, lupa sandi katanya terlalu sering",
        "pas buka akun malah di suruh coba lagi",
    ],
)
def test_the_apps_text_is_evidence(text: str) -> None:
    assert customer_document(text, "id").evidence()


@pytest.mark.parametrize(
    "text",
    [
        # the customer's own retries and words, not the app's
        "udah coba ulangi berkali-kali tapi aplikasinya tetap error",
        "saya sudah coba lagi tapi tetap gagal login",
        "aplikasinya sering terhenti sendiri",
    ],
)
def test_the_customers_words_are_no_evidence(text: str) -> None:
    assert not customer_document(text, "id").evidence()
