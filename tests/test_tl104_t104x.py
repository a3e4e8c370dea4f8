"""TL104 recall on fresh GitHub openers (issue 13, t104x): reports the rule did not see, environments it saw where none is named.

- `symptoms` (rules/<lang>/report.toml): a program's misbehaviour told without a failure word ("its automatically close",
  "isn't functional", "notifications are not coming") is a technical report, as `defects` is; the same words said of what
  should happen ("the dialog closes automatically after saving") or of people are none.
- Images (`blank_images`): a screenshot's file name or an image's address names nothing the writer says.
- `form_statements` (rules/<lang>/TL104.toml): an issue form's checkbox statement is the form's wording, not the writer's; a
  checkbox that is an option ("- [x] Android") keeps its name.
- A form's example version left in place ("0.0.0.XXXX") names no version (`not_environment`, merged over the languages).
- es/ro: a capitalised common noun after an access, failure or install verb ("Acceder al Sistema", "accesez Contul") is no name.
"""

from __future__ import annotations

import pytest

from ticketlint import packs
from ticketlint.analysis import report
from ticketlint.checks.base import RuleContext
from ticketlint.checks.builtin.tl104_missing_environment import MissingEnvironment
from ticketlint.document import Document
from ticketlint.model import LANGUAGES, Hit, Message, Role, Ticket
from ticketlint.registry import default_registry

default_registry(plugins=False)


def _doc(text: str, lang: str) -> Document:
    return Document(Ticket(id="t", messages=(Message(role=Role.CUSTOMER, body=text),)), language=lang)


def _report(text: str, lang: str) -> str | None:
    doc = _doc(text, lang)
    span = report.report_span(doc.messages[0], doc)
    return None if span is None else text[span.start : span.end]


def _hits(text: str, lang: str) -> list[Hit]:
    rule = MissingEnvironment()
    doc = _doc(text, lang)
    return list(rule.check(RuleContext(doc, rule.meta.options_type.build({}), code=rule.meta.code)))


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "App close on open\nwhen i start the app its automatically close after a second"),
        ("en", "The app closes automatically after I tap on an episode."),
        ("en", "The Export button isn't currently functional."),
        ("en", "Push notifications are not coming since Monday, they are allowed in the settings."),
        ("en", "The inventory won't come up when I press the key."),
        ("en", "Anyone else? The app says its offline all the time."),
        ("es", "Al subir sin elegir archivo, hace como que realmente está subiendo algo."),
        ("es", "Al reproducir el video me aparece siempre \"formato no soportado\" y nada más."),
        ("es", "La app se cierra automáticamente al entrar al carrito."),
        ("es", "El botón de exportar no es funcional."),
        ("id", "Aplikasinya selalu keluar sendiri tiap habis update."),
        ("id", "Pas upload file, aplikasinya pura-pura mengunggah padahal tidak ada apa-apa."),
        ("ro", "Aplicația se închide singură după câteva secunde."),
        ("ro", "Butonul de export nu este funcțional."),
    ],
)
def test_a_symptom_is_a_report(lang: str, text: str) -> None:
    assert _report(text, lang) is not None
    assert len(_hits(text, lang)) == 1


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # what should happen, people, a software-engineering term, a promise
        ("en", "Is it normal that the dialog closes automatically after saving? Just curious."),
        ("en", "My parents are not coming to the meeting tomorrow."),
        ("en", "We need to write the non-functional requirements for the new portal."),
        ("en", "The updates are not coming soon, the team said."),
        ("es", "¿Es normal que la ventana se cierre al guardar? Solo pregunto."),
        ("es", "Mis padres no vienen a la reunión de mañana."),
        ("id", "Ibu saya keluar rumah sendiri tadi pagi."),
        ("ro", "Părinții mei nu vin la ședință mâine."),
    ],
)
def test_no_symptom(lang: str, text: str) -> None:
    assert _hits(text, lang) == []


@pytest.mark.parametrize(
    ("lang", "text", "named"),
    [
        ("en", "The save button does nothing.\n![Screenshot_2025_com.android.chrome.jpg](https://example.org/a.png)", "The save button does nothing on Android."),
        ("es", "El botón de guardar no hace nada.\n<img alt=\"captura android\" src=\"https://example.org/a.png\">", "El botón de guardar no hace nada en Android."),
        ("id", "Tombol simpan tidak berfungsi.\n![android_chrome.png](https://example.org/a.png)", "Tombol simpan tidak berfungsi di Android."),
        ("ro", "Butonul de salvare nu funcționează.\n![captura_android.png](https://example.org/a.png)", "Butonul de salvare nu funcționează pe Android."),
    ],
)
def test_an_image_names_nothing(lang: str, text: str, named: str) -> None:
    assert len(_hits(text, lang)) == 1
    assert _hits(named, lang) == []


@pytest.mark.parametrize(
    ("lang", "text", "option"),
    [
        ("en", "- [x] I know what my device, OS and Foo Manager 2.1.0 versions are\n\nThe app crashes when I open the settings.", "- [x] Android\n\nThe app crashes when I open the settings."),
        ("en", "- [X] By checking this box, I confirm this happened on THIS website (example.github.io)\n\nThe page does not load.", "- [X] example.github.io\n\nThe page does not load."),
        ("es", "- [x] He buscado en los issues de Windows 11\n\nLa app se cierra al abrir el carrito.", "- [x] Windows 11\n\nLa app se cierra al abrir el carrito."),
        ("id", "- [x] Saya sudah memakai versi 3.2.1\n\nAplikasi tidak bisa dibuka.", "- [x] versi 3.2.1\n\nAplikasi tidak bisa dibuka."),
        ("ro", "- [x] Am căutat în issue-urile pentru Android\n\nAplicația nu se deschide.", "- [x] Android\n\nAplicația nu se deschide."),
    ],
)
def test_a_form_checkbox_statement_is_not_the_writers(lang: str, text: str, option: str) -> None:
    assert len(_hits(text, lang)) == 1
    assert _hits(option, lang) == []


def test_a_forms_example_version_names_nothing() -> None:
    left = "My game won't go past the loading screen.\n\n**Game Version:** 0.0.0.XXXX\n\n**Operating System & Version:**\n"
    filled = left.replace("0.0.0.XXXX", "0.13.2.1045")
    assert len(_hits(left, "en")) == 1
    assert _hits(filled, "en") == []
    assert len(_hits("The app crashes every time I open it.\nVersion: x.y.z", "en")) == 1


@pytest.mark.parametrize(
    ("lang", "text", "named"),
    [
        ("es", "Pasos:\n1.- Acceder al Sistema\n2.- Observar que manda un error al darle clic", "Pasos:\n1.- Acceder al Moodle\n2.- Observar que manda un error al darle clic"),
        ("es", "No funciona la Plataforma desde ayer.", "No funciona Mercadoenvíos desde ayer."),
        ("ro", "Nu pot să accesez Contul de ieri, nu merge.", "Nu pot să accesez Revisal de ieri, nu merge."),
    ],
)
def test_a_capitalised_common_noun_is_no_name(lang: str, text: str, named: str) -> None:
    assert len(_hits(text, lang)) == 1
    assert _hits(named, lang) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_new_keys_are_there_in_every_language(lang: str) -> None:
    assert packs.words(report.REPORT, lang, "symptoms"), f"rules/{lang}/report.toml: 'symptoms' is empty"
    assert packs.words("TL104", lang, "form_statements"), f"rules/{lang}/TL104.toml: 'form_statements' is empty"


@pytest.mark.parametrize(
    ("lang", "text", "named"),
    [
        ("en", "THere the app crashes every time I open it.", "THere VMware crashes every time I open it."),
        ("es", "NO TEngo idea, la app se cierra sola al abrirla.", "NO TEngo idea, GParted se cierra solo al abrirlo."),
        ("id", "KArena aplikasi tidak bisa dibuka sejak kemarin.", "KArena aplikasi VMware tidak bisa dibuka sejak kemarin."),
        ("ro", "PEntru că aplicația nu se deschide deloc.", "PEntru că aplicația VMware nu se deschide deloc."),
    ],
)
def test_a_word_typed_with_shift_held_is_no_name(lang: str, text: str, named: str) -> None:
    assert len(_hits(text, lang)) == 1
    assert _hits(named, lang) == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Check in process did not happen\nI tried it for 4 flights last night."),
        ("es", "El proceso de sincronización no se completó anoche."),
        ("id", "Proses sinkronisasi tidak berjalan sejak semalam."),
        ("ro", "Sincronizarea nu a pornit aseară."),
    ],
)
def test_a_process_that_did_not_take_place_is_a_report(lang: str, text: str) -> None:
    assert _report(text, lang) is not None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The party did not happen because of the rain."),
        ("es", "La reunión no se realizó por la lluvia."),
        ("id", "Acara tidak berjalan karena hujan."),
        ("ro", "Ședința nu a avut loc din cauza ploii."),
    ],
)
def test_an_event_that_did_not_take_place_is_none(lang: str, text: str) -> None:
    assert _report(text, lang) is None
