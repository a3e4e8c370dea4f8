"""TL303: a time whose bound is said before it is a timeframe, in four languages.

"Le responderemos en un plazo de 24 horas" promises a time as plainly as "en 24 horas"; the
bound ("en un plazo de", "within a maximum of", "paling lambat", "într-un termen de") put
before the quantity hid it from the timeframe reading (review19 noticed the Spanish case).
A vague bound with no quantity ("en un plazo razonable") names no time and stays flagged.
"""

from __future__ import annotations

import pytest

from ticketlint.api import lint


def _tl303(text: str, lang: str) -> bool:
    return any(f.code == "TL303" for f in lint(text, {"select": ["TL303"], "language": lang}, role="agent"))


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "Le responderemos en un plazo de 24 horas."),
        ("es", "Le contestaremos en el plazo de una semana."),
        ("es", "Le responderemos en un máximo de 48 horas."),
        ("es", "Revisaremos su caso dentro de un periodo de 5 días hábiles."),
        ("en", "We will reply within a maximum of 5 business days."),
        ("en", "We will reply in a maximum of 48 hours."),
        ("en", "Our team will review the case within a period of 3 working days."),
        ("id", "Kami akan membalas paling lambat 24 jam."),
        ("id", "Tim kami akan menghubungi Anda maksimal 3 hari kerja."),
        ("id", "Dana akan kembali selambat-lambatnya 14 hari."),
        ("ro", "Vă vom răspunde într-un termen de 48 de ore."),
        ("ro", "Vom verifica solicitarea într-un interval de maximum 5 zile."),
    ],
)
def test_a_bounded_time_is_a_timeframe(lang: str, text: str) -> None:
    assert not _tl303(text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "Le responderemos en un plazo razonable."),
        ("es", "Lo revisaremos en el plazo que corresponda."),
        ("id", "Kami akan membalas dalam waktu yang wajar."),
        ("id", "Kami akan menindaklanjuti paling lambat secepatnya."),
        ("ro", "Vă vom răspunde într-un termen rezonabil."),
        ("en", "We will look into it at the latest possible moment."),
    ],
)
def test_a_bound_without_a_quantity_names_no_time(lang: str, text: str) -> None:
    assert _tl303(text, lang)
