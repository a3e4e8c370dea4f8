"""TL104 recall on fresh GitHub openers in English, Indonesian and Spanish (issue 13, t104r21).

- `symptoms` (rules/<lang>/report.toml), new items: text a program renders unreadable, a search that finds nothing, what
  never refreshes, its use of battery, CPU or memory, broken images, output that comes out empty, a notification that will not
  go away; es/id/ro: an error the program "genera", a button or bot "tidak ada respon". Said of people, of the writer's own
  habits or of a support team, none of them is a report.
- Before the environment search: an issue form's question (`blank_form_questions`), a form's answer that says the writer does
  not know (`unknown_answers`, rules/<lang>/TL104.toml), names in code (`blank_code_names`, `code_name_suffixes`), a link to a
  discussion elsewhere (`not_environment`), and id: an "x" that is part of a version or an address.
"""

from __future__ import annotations

import pytest

from ticketlint import packs
from ticketlint.analysis import report
from ticketlint.checks.base import RuleContext
from ticketlint.checks.builtin.tl104_missing_environment import (
    MissingEnvironment,
    blank_code_names,
    blank_form_questions,
    blank_unknown_answers,
)
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
        ("en", "Dark mode\nWhen dark mode is on, the menu text is unreadable."),
        ("en", "White labels on a white background make the buttons illegible."),
        ("en", "Whatever I type, the search returns no results."),
        ("en", "Since yesterday none of my searches return results."),
        ("en", "I add the widget and then it never updates."),
        ("en", "After the last update it takes too much CPU in the background."),
        ("en", "The battery usage has increased dramatically since the update."),
        ("en", "On the product page the thumbnails show up as broken."),
        ("en", "Export to PDF generates an empty PDF when the preview is hidden."),
        ("en", "The delivery notification won't go away even after I open it."),
        ("es", "En modo oscuro el texto del menú es ilegible."),
        ("es", "La búsqueda no me devuelve ningún resultado aunque el producto existe."),
        ("es", "El listado nunca se actualiza aunque recargue."),
        ("es", "Desde la actualización consume demasiada batería en segundo plano."),
        ("es", "En las entradas del blog las imágenes se muestran rotas."),
        ("es", "Al imprimir el reporte genera error y no sale nada."),
        ("es", "El archivo exportado sale vacío."),
        ("id", "Di mode gelap tulisan menu tidak terbaca sama sekali."),
        ("id", "Pencarian produk tidak menampilkan hasil padahal barangnya ada."),
        ("id", "Sejak update terakhir aplikasinya boros baterai banget."),
        ("id", "Saya coba klik tombolnya namun tidak ada respon apapun."),
        ("id", "Notifikasi barang sampai tidak hilang walaupun sudah dibuka."),
        ("id", "Pdf hasil export laporan kosong."),
        ("ro", "În modul întunecat textul meniului este ilizibil."),
        ("ro", "Căutarea nu îmi returnează niciun rezultat."),
        ("ro", "Lista nu se actualizează niciodată."),
        ("ro", "De la actualizare consumă foarte multă baterie."),
        ("ro", "Fișierul exportat iese gol."),
    ],
)
def test_what_a_program_shows_or_does_wrong_is_a_report(lang: str, text: str) -> None:
    assert _report(text, lang) is not None
    assert len(_hits(text, lang)) == 1


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "I never update my apps, is that a problem for the plan?"),
        ("en", "I keep searching for a cheaper plan, can you help?"),
        ("en", "The handwriting on the delivery note was illegible."),
        ("en", "Does the laptop come with the battery included?"),
        ("es", "Nunca vamos a la tienda los lunes."),
        ("es", "¿Cuánta batería trae el paquete?"),
        ("id", "CS tidak ada respon dari kemarin, tolong dibalas."),
        ("id", "Saya tidak pernah belanja di toko ini sebelumnya."),
        ("ro", "Nu știu dacă pachetul include bateria."),
    ],
)
def test_the_same_words_of_people_or_of_no_program_are_no_report(lang: str, text: str) -> None:
    assert _report(text, lang) is None


def test_a_search_with_no_results_is_still_named_by_its_browser() -> None:
    assert _hits("Whatever I type, the search returns no results in Firefox 120.", "en") == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("### Can you reproduce this problem on https://try.example.com?\nyes\n", "yes"),
        ("**Do you use it from Google Play/F-Droid/other?**\nF-Droid\n", "F-Droid"),
    ],
)
def test_a_forms_question_is_blanked_and_its_answer_kept(text: str, kept: str) -> None:
    blanked = blank_form_questions(text)
    assert len(blanked) == len(text)
    assert "example" not in blanked and "Google Play" not in blanked
    assert kept in blanked


def test_a_writers_own_question_is_kept() -> None:
    text = "It crashes on Android 14, can you reproduce it?"
    assert blank_form_questions(text) == text


@pytest.mark.parametrize(
    ("lang", "text", "named"),
    [
        ("en", "The app crashes on start.\n\nDaemon version used: I dont know\n", "The app crashes on start.\n\nDaemon version used: 2.4.1\n"),
        ("es", "La app se cierra al abrirla.\n\n### Versión de ExampleApp\n\nno sé\n", "La app se cierra al abrirla.\n\n### Versión de ExampleApp\n\n2.4.1\n"),
        ("id", "Aplikasi tidak bisa dibuka.\n\n### Versi ExampleApp\n\ntidak bisa melihat\n", "Aplikasi tidak bisa dibuka.\n\n### Versi ExampleApp\n\nv2.4.1\n"),
        ("ro", "Aplicația nu se deschide.\n\nVersiune ExampleApp: nu știu\n", "Aplicația nu se deschide.\n\nVersiune ExampleApp: 2.4.1\n"),
    ],
)
def test_a_form_answer_that_says_i_do_not_know_is_an_empty_field(lang: str, text: str, named: str) -> None:
    assert len(_hits(text, lang)) == 1
    assert _hits(named, lang) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_unknown_answers_are_there_in_every_language(lang: str) -> None:
    assert packs.words("TL104", lang, "unknown_answers"), f"rules/{lang}/TL104.toml: 'unknown_answers' is empty"


def test_an_unknown_answer_inside_a_sentence_is_kept() -> None:
    text = "I don't know why it crashes on Android 14"
    assert blank_unknown_answers(text) == text


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        ("Error\tSyncActionResultExecutor.Execute => ReportController.GenerateDoc", "Controller", "Error"),
        ("The card on the TargetDetailView is white on white.", "TargetDetailView", "card"),
        ("MainActivity crashes, see NullPointerException", "MainActivity", "crashes"),
        ("It happens on YouTube.com and in ASP.NET pages", "", "YouTube.com"),
        ("It crashes on Android.Please help", "", "Android"),
        ("The AppManager app crashes", "", "AppManager"),
        ("[Nightly | LANCommander.Client Bug] Register button doesn't work.", "", "LANCommander.Client"),
        ("It fails in JsonParser.ReadAll() every time", "JsonParser.ReadAll", "fails"),
    ],
)
def test_names_in_code_are_blanked(text: str, gone: str, kept: str) -> None:
    blanked = blank_code_names(text)
    assert len(blanked) == len(text)
    if gone:
        assert gone not in blanked
    assert kept in blanked


@pytest.mark.parametrize(
    ("lang", "text", "named"),
    [
        ("en", "Report error\nThe screen goes blank. Log: ReportController.GenerateDoc failed", "Report error\nThe screen goes blank in Firefox 120."),
        ("es", "Error al generar reportes\nla pantalla se pone en blanco. Log: ReportController.GenerateDoc", "Error al generar reportes\nla pantalla se pone en blanco en Firefox 120."),
    ],
)
def test_a_failure_with_only_code_names_is_flagged(lang: str, text: str, named: str) -> None:
    assert len(_hits(text, lang)) == 1
    assert _hits(named, lang) == []


def test_a_link_to_a_discussion_names_no_environment() -> None:
    text = "The widget is not updating.\nAlso see: https://www.reddit.com/r/SomeLauncher/comments/g5ieun/how_often_do_widgets_update/"
    assert len(_hits(text, "en")) == 1
    assert _hits("The widget is not updating on https://www.example-launcher.com", "en") == []


def test_id_an_x_in_a_version_or_an_address_is_no_app() -> None:
    assert len(_hits("Selalu gagal login.\n\n| Versi PHP | 7.x\n", "id")) == 1
    assert _hits("Selalu gagal login di x.", "id") == []
