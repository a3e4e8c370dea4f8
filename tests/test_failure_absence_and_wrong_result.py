"""The failure told as the missing error message, and as a wrong result (issue 15, wrong15; analysis/failure.py).

"No error message appears" said of what the writer did reports a failure in the four languages alike; said as a
condition, of a success, after a check, as what stopped or in a question it does not, and "no errors" (the symptom
denied) never does. A wrong value the program shows or computes is a failure; said of the value alone it needs a
technical message; a parcel's wrong size or the user's own mistyped password is none.
"""

from __future__ import annotations

import pytest
from failure_util import failure_phrase as _failure


@pytest.mark.parametrize(
    ("lang", "text", "phrase"),
    [
        ("en", "I hit Upload and no error message appears, the file is not there.", "no error message appears"),
        ("es", "Le doy a subir y no me sale ningún mensaje de error.", "no me sale ningún mensaje de error"),
        ("id", "Sudah klik upload tapi tidak muncul pesan error sama sekali.", "tidak muncul pesan error"),
        ("ro", "Apăs pe încarcă și nu apare niciun mesaj de eroare.", "nu apare niciun mesaj de eroare"),
        ("en", "The statement screen displays the wrong balance since the update.", "displays the wrong balance"),
        ("en", "The counter shows 3 instead of 7.", "shows 3 instead of 7"),
        ("es", "La pantalla de pedidos muestra una fecha incorrecta.", "muestra una fecha incorrecta"),
        ("id", "Di aplikasi saldonya tidak sesuai sejak kemarin.", "saldonya tidak sesuai"),
        ("ro", "Aplicația afișează un total greșit la fiecare comandă.", "afișează un total greșit"),
    ],
)
def test_reports(lang: str, text: str, phrase: str) -> None:
    assert _failure(text, lang) == phrase


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # the absence as a condition, of a success, after a check, as what stopped, in a question; the symptom denied
        ("en", "If no warning is shown, the import went through."),
        ("en", "I tested it twice and no error message appears."),
        ("en", "There are no errors in the log."),
        ("es", "Si no sale ningún aviso, la importación terminó."),
        ("es", "Ahora funciona bien, no sale ningún mensaje de error."),
        ("es", "¿Y no te aparece ningún mensaje de error al guardar?"),
        ("id", "Kalau tidak muncul pesan error, artinya sudah tersimpan."),
        ("id", "Sudah dicek, tidak ada pesan error."),
        ("id", "Aplikasinya aman, tidak ada error."),
        ("ro", "Dacă nu apare niciun avertisment, importul a mers."),
        ("ro", "Am testat din nou și nu apare niciun mesaj de eroare."),
        ("ro", "Importul a mers fără erori."),
        # a wrong thing that is no value a program shows, or the user's own slip
        ("en", "The shop sent the wrong colour of the jacket."),
        ("en", "I entered the wrong PIN by mistake."),
        ("es", "Me llegó el color equivocado de la chaqueta."),
        ("id", "Warna jaketnya salah, mau tukar."),
        ("ro", "Am primit culoarea greșită la geacă."),
    ],
)
def test_not_reports(lang: str, text: str) -> None:
    assert _failure(text, lang) is None
