"""What is not a technical failure (evid17, issue 13): praise of a contrast, an option ruled out, a condition; and an X log line.

- "it shows totals instead of averages, which is exactly what we asked for": a contrast (`contrasts`) whose sentence approves
  of the result (`approvals`) is a preference or praise (left open by review16); the same contrast alone, or approved in
  another sentence, or "better before", still reports wrong behaviour.
- "I can't just let each bootloader stay on its own disk?": an option ruled out (exceptions of each pack); a failure told
  after it in the same sentence still counts.
- "as long as both OSes aren't running at the same time": a proviso, hypothetical; "whenever" (es "siempre que" with the
  indicative) still reports.
- "the fglrx driver doesn't work for 2.6.11 afaik": knowledge told with a hedge (exceptions of each pack), not the writer's
  failure; a failure in another sentence than the hedge still reports.
- "(WW) The directory ... does not exist": an X server log line is error text; the marker named alone is not.
- "resize2fs: Can't read a block bitmap": a command-line program's message is error text; a writer's label before their words
  ("problem: Can't log in") is not. The program's name is no order or receipt number: an identifier keyword of es/id/ro
  ("resi", "wa", "va") glued to the rest of a word ("resize2fs", "warning3", "valid2") named none (every language's
  identifiers count against every evidence match).
"""

from __future__ import annotations

import pytest
from failure_util import customer_document, failure_phrase

PRAISED = [
    ("en", "After the update the app shows totals instead of averages, which is exactly what we asked for."),
    ("en", "Since the update the app opens links in the browser instead of the app, works great now."),
    ("es", "La app me abre el navegador en vez de la aplicación, funciona perfecto."),
    ("es", "Tras actualizar, el programa muestra el total en lugar del promedio, justo lo que pedimos."),
    ("id", "aplikasinya menampilkan 0 bukannya 5, persis seperti yang saya mau"),
    ("id", "Sekarang aplikasinya menampilkan 10 bukannya 5, jadi lebih rapi"),
    ("ro", "Aplicația deschide browserul în loc de aplicație, merge perfect."),
    ("ro", "După actualizare aplicația afișează totalurile în loc de medii, exact ce am cerut."),
]

STILL_WRONG = [
    ("en", "The app opens the browser instead of the app.", "opens the browser instead of"),
    ("en", "The app opens the browser instead of the app. Works great on my old phone.", "opens the browser instead of"),
    ("en", "The app opens the browser instead of the app, it was much better before.", "opens the browser instead of"),
    ("es", "La app me abre el navegador en vez de la aplicación. Antes funcionaba perfecto.", "me abre el navegador en vez de"),
    ("id", "aplikasinya menampilkan 0 bukannya 5. Jadi lebih rapi di web", "menampilkan 0 bukannya 5"),
    # "malah" is no contrast of the packs: what it brings is told in complaints, and a comparison beside it is with another app
    ("id", "Udah pakai nomor telpon asli malah ditolak, aplikasi lain lebih gampang daftarnya", "malah ditolak"),
    ("ro", "Aplicația deschide browserul în loc de aplicație, mult mai bine înainte.", "deschide browserul în loc de"),
]


@pytest.mark.parametrize(("lang", "text"), PRAISED)
def test_an_approved_contrast_is_no_failure(lang: str, text: str) -> None:
    assert failure_phrase(text, lang) is None


@pytest.mark.parametrize(("lang", "text", "phrase"), STILL_WRONG)
def test_a_contrast_not_approved_in_its_sentence_still_reports(lang: str, text: str, phrase: str) -> None:
    assert failure_phrase(text, lang) == phrase


OPTIONS = [
    ("en", "So I have to use grub? I can't just let each bootloader stay on its own disk?"),
    ("en", "I can't exactly sell the laptop, it was a present."),
    ("es", "¿No puedo simplemente copiar la carpeta del programa?"),
    ("id", "gak bisa gitu aja pindahin folder aplikasinya?"),
    ("ro", "Nu pot pur și simplu să copiez folderul aplicației?"),
]

CONDITIONS = [
    ("en", "as long as both OSes arent running at the same time, they can share the swap partition"),
    ("es", "con tal de que la app no carga, usa la versión web"),
    ("id", "asalkan kedua OS tidak jalan bersamaan, swap bisa dipakai bersama"),
    ("ro", "cu condiția ca aplicația să nu se deschidă, folosiți site-ul"),
]

REPORTS = [
    ("en", "I can't simply log in, the app crashes", "crashes"),
    ("en", "as long as the app isn't running I can't sync it", "can't sync"),
    ("es", "siempre que no puedo entrar a la app, reinicio el router", "no puedo entrar"),
    ("id", "aplikasi gak bisa dibuka", "gak bisa dibuka"),
    ("ro", "Nu pot să mă conectez, aplicația se închide singură", "Nu pot să mă conectez"),
]


@pytest.mark.parametrize(("lang", "text"), OPTIONS + CONDITIONS)
def test_an_option_ruled_out_or_a_proviso_is_no_failure(lang: str, text: str) -> None:
    assert failure_phrase(text, lang) is None


@pytest.mark.parametrize(("lang", "text", "phrase"), REPORTS)
def test_a_failure_beside_them_still_reports(lang: str, text: str, phrase: str) -> None:
    assert failure_phrase(text, lang) == phrase


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ('this is the error in my log file (WW) The directory "/usr/share/X11/fonts/cyrillic" does not exist.', True),
        ('X does not start: (EE) Failed to load module "nvidia"', True),
        ("the log has (EE) lines", False),
        ("can someone tell me how to fix this... resize2fs: Can't read a block bitmap while trying to resize", True),
        ("every sudo prints sudo: Unable to resolve host myhost", True),
        ("after the upgrade the viewer says valid2: Cannot open display", True),
        ("problem: Can't log in to the app", False),
        ("Ubuntu: Can't boot after the update", False),
        ("usr13: Unable to resolve domain name", False),
        ("no, it said (WW) nothing", False),
    ],
)
def test_an_x_log_line_is_evidence(text: str, held: bool) -> None:
    assert customer_document(text, "en").evidence(None, logs_count=True) is held


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("id", "Nomor resi: JP1234567 tidak bisa dilacak di aplikasi"),
        ("id", "resinya 0812345 gak bisa dicek di aplikasi"),
        ("es", "no puedo ver el pedido 4567 en la app"),
        ("ro", "contractul nr. 24/2024 nu se poate transmite din aplicație"),
    ],
)
def test_an_order_or_receipt_number_is_still_no_error_code(lang: str, text: str) -> None:
    doc = customer_document(text, lang)
    assert failure_phrase(text, lang) is not None
    assert doc.evidence(None, logs_count=True) is False


HEDGED = [
    ("en", "because the fglrx driver doesn't work for 2.6.11 afaik?"),
    ("en", "afaik the driver doesn't work on 2.6.11"),
    # review17: the hedge closes its sentence before an emoticon too
    ("en", "the fglrx driver doesn't work for 2.6.11 afaik :)"),
    ("es", "el driver no funciona con el kernel 2.6, que yo sepa ;)"),
    ("es", "el driver no funciona con el kernel 2.6, que yo sepa"),
    ("id", "drivernya gak jalan di kernel 2.6 setahu saya"),
    ("ro", "driverul nu merge pe kernelul 2.6, din câte știu"),
]

HEDGE_ELSEWHERE = [
    ("en", "my sound doesn't work. afaik the driver is fine", "doesn't work"),
    ("es", "no funciona el wifi. Que yo sepa el router está bien", "no funciona"),
    ("id", "aplikasi gak bisa dibuka. setahu saya jaringan aman", "gak bisa dibuka"),
    ("ro", "aplicația nu se deschide. Din câte știu rețeaua e bună", "nu se deschide"),
]


@pytest.mark.parametrize(("lang", "text"), HEDGED)
def test_knowledge_told_with_a_hedge_is_no_failure(lang: str, text: str) -> None:
    assert failure_phrase(text, lang) is None


@pytest.mark.parametrize(("lang", "text", "phrase"), HEDGE_ELSEWHERE)
def test_a_failure_in_another_sentence_than_the_hedge_still_reports(lang: str, text: str, phrase: str) -> None:
    assert failure_phrase(text, lang) == phrase


# review17: the hedge governs its own clause, not a failure told beside it in the same sentence: the writer's own report,
# then a hedged remark about something else ("..., afaik nothing else changed"), or a hedged remark, then "but" and the report
HEDGE_BESIDE = [
    ("en", "My laptop won't boot since the update, afaik nothing else changed.", "won't boot"),
    ("en", "AFAIK nothing else changed, but my laptop won't boot since the update.", "won't boot"),
    ("es", "Mi portátil no arranca desde la actualización, que yo sepa no cambié nada más.", "no arranca"),
    ("es", "Que yo sepa no cambié nada, pero mi portátil no arranca desde la actualización.", "no arranca"),
    ("id", "Laptop saya tidak bisa nyala sejak update, setahu saya tidak ada yang berubah.", "tidak bisa nyala"),
    ("id", "Setahu saya tidak ada yang berubah, tapi laptop saya tidak bisa nyala sejak update.", "tidak bisa nyala"),
    ("ro", "Laptopul meu nu pornește de la actualizare, din câte știu nu s-a schimbat nimic altceva.", "nu pornește"),
    ("ro", "Din câte știu nu s-a schimbat nimic, dar laptopul meu nu pornește de la actualizare.", "nu pornește"),
]


@pytest.mark.parametrize(("lang", "text", "phrase"), HEDGE_BESIDE)
def test_a_failure_beside_a_hedge_in_the_same_sentence_still_reports(lang: str, text: str, phrase: str) -> None:
    assert failure_phrase(text, lang) == phrase


# review17: an approval said of another device, place or version in the same sentence compares, it does not praise the contrast
APPROVED_ELSEWHERE = [
    ("en", "Since the update the link opens the browser instead of the app, it works fine on my phone though.", "opens the browser instead of"),
    ("en", "Since the update the link opens the browser instead of the app, the old version was much better.", "opens the browser instead of"),
    ("es", "Desde la actualización el enlace abre el navegador en vez de la aplicación, funciona perfecto en el móvil.", "abre el navegador en vez de"),
    ("es", "Desde la actualización el enlace abre el navegador en vez de la aplicación, la versión vieja era mucho mejor.", "abre el navegador en vez de"),
    ("id", "Sejak update aplikasinya menampilkan 0 bukannya 5, jauh lebih lancar di hp lain.", "menampilkan 0 bukannya 5"),
    ("ro", "De la actualizare linkul deschide browserul în loc de aplicație, merge perfect pe telefon.", "deschide browserul în loc de"),
    ("ro", "De la actualizare linkul deschide browserul în loc de aplicație, versiunea veche era mult mai bine.", "deschide browserul în loc de"),
]


@pytest.mark.parametrize(("lang", "text", "phrase"), APPROVED_ELSEWHERE)
def test_an_approval_of_another_thing_leaves_the_contrast_a_failure(lang: str, text: str, phrase: str) -> None:
    assert failure_phrase(text, lang) == phrase
