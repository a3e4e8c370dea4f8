"""TL101: a program that closes at the moment it is opened, and a payment that does not go through.

review19 found "Aplicația se închide când o deschid." and "My payment won't go through" read as no failure,
while Spanish already read "se cierra cuando la abro". Both are broad phrases, read only in a technical
message (`contextual`), so a shop that closes when the door opens, or a payment held by accounting, is no
failure report.
"""

from __future__ import annotations

import pytest

from ticketlint.api import lint


def _tl101(text: str, lang: str) -> bool:
    return any(f.code == "TL101" for f in lint(text, {"select": ["TL101"], "language": lang}, role="customer"))


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The app closes when I open it."),
        ("en", "The game crashes every time I launch it."),
        ("en", "My payment won't go through on the app."),
        ("en", "The transfer never went through in the app, it just says pending."),
        ("es", "La app se cierra cada vez que la inicio."),
        ("es", "Los pagos no pasan en la aplicación."),
        ("id", "Aplikasinya tertutup setiap kali dibuka."),
        ("id", "Pembayarannya gak bisa diproses di aplikasi."),
        ("ro", "Aplicația se închide când o deschid."),
        ("ro", "Când o pornesc, aplicația se blochează imediat."),
    ],
)
def test_reported(lang: str, text: str) -> None:
    assert _tl101(text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The shop closes when I open the door."),
        ("en", "Did my message go through?"),
        ("en", "We went through the settings together and it works now."),
        ("es", "La tienda se cierra a las 8."),
        ("id", "Pesanan saya tidak bisa diproses karena stok habis."),
        ("id", "Tokonya tutup jam 8 kalau dibuka hari Minggu."),
        ("ro", "Magazinul se închide când deschid eu ușa din spate."),
    ],
)
def test_not_reported(lang: str, text: str) -> None:
    assert not _tl101(text, lang)
