"""Spanish and Romanian failure wording and the program's text, read off fresh GitHub openers (issue 13, t1es19).

The kinds come from 59 Spanish and Romanian issue openers judged by hand before any run
(`corpus/real/judged/t1es19-fresh.labels`); the sentences here are written for the tests, none copied.

- Morphology: the dative clitic between "se" and the verb ("se me queda en negro"); the failure said with "parecer" and a
  negated infinitive ("parece no andar"), its en/ro forms ("seems not to work", "pare să nu meargă").
- A control that does nothing when used ("el botón Editar no realiza ninguna acción"), in all four languages.
- The program's text: the program speaking to the user in the second person after a verb of showing ("me salía o has sido
  desconectado del servidor"), in all four languages; a message noun with a that-clause after a verb of appearing ("surge la leyenda que ..."); a quote opened
  after an error noun and never closed ('me sale un error "los datos ...'), es and ro.
- TL104: an issue form's product field as a heading with its value below ("### Integrarea vizată\\n\\nMyENGIE România").
"""

from __future__ import annotations

import pytest
from failure_util import customer_document, failure_phrase

import ticketlint


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # the dative clitic between "se" and the verb
        ("es", "desde ayer el juego se me queda en negro al iniciarlo"),
        ("es", "al abrir el visor se nos pone en blanco la ventana"),
        # "parecer" with a negated infinitive, and its en/ro forms
        ("es", "la extensión parece no andar desde la última versión"),
        ("es", "los filtros parecen no cargar en la página de búsqueda"),
        ("en", "the sync seems not to work since the update"),
        ("ro", "aplicația pare să nu meargă de ieri"),
        # a control that does nothing when used, four languages
        ("es", "El botón Guardar no realiza ninguna acción."),
        ("en", "The Export button does not perform any action."),
        ("ro", "Butonul Salvează nu face nicio acțiune."),
        ("id", "tombol simpan tidak melakukan apa-apa"),
    ],
)
def test_reports_a_failure(lang: str, text: str) -> None:
    assert failure_phrase(text, lang) is not None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # "parecer" with an infinitive that is no failure
        ("es", "parece no ser necesario reiniciar el equipo, ¿verdad?"),
        ("en", "it seems not to matter which of the two options I choose"),
        ("ro", "pare să nu fie nevoie de o programare nouă"),
        # a control word beside something other than doing nothing
        ("es", "¿el botón de exportar hace algo más que guardar el archivo?"),
        ("ro", "butonul de export face și copie de siguranță?"),
    ],
)
def test_reports_no_failure(lang: str, text: str) -> None:
    assert failure_phrase(text, lang) is None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "No carga mi horario y surge la leyenda que ha ocurrido un error al actualizar los datos"),
        ("es", "no puedo entrar, me salta un cartel que la sesión caducó por inactividad"),
        ("es", 'al abrir la partida me sale un error "los datos guardados están dañados, y no me deja jugar'),
        ("ro", 'când pornesc jocul îmi apare o eroare "datele salvate sunt corupte și nu mă lasă să joc'),
        # the program speaking to the user in the second person after a verb of showing, four languages
        ("es", "hoy no me deja entrar, me sale o has sido desconectado del servidor"),
        ("en", "it won't let me in, it says you have been disconnected from the server"),
        ("ro", "nu mă lasă să intru, îmi apare ai fost deconectat de la server"),
        ("id", "ga bisa masuk, muncul anda telah terputus dari server"),
    ],
)
def test_the_programs_text_is_evidence(lang: str, text: str) -> None:
    assert customer_document(text, lang).evidence()


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # the error told only as "there was an error"
        ("es", "No carga la página y me sale un cartel que hubo un error."),
        # a notice that something went well
        ("es", "Guardo la ficha, me sale un mensaje que se guardó correctamente, pero al volver no está."),
        # the customer's own message quoted, not closed
        ("es", 'no funciona el chat, les mandé un mensaje "hola, ¿me pueden ayudar con la cuenta'),
        ("ro", 'nu merge chatul, le-am trimis un mesaj "bună ziua, mă puteți ajuta cu contul'),
        # a closed quote after an error noun holds the text, an unclosed one the rest of its line: not the next line
        ("es", 'no me deja pagar, me sale un error "\ny no sé qué hacer'),
        # a second person without a verb of showing is someone else talking, not the program
        ("es", "no puedo entrar y sé que has sido desconectado por el admin"),
        ("en", "I can't log in, and I heard you were banned from the forum too"),
    ],
)
def test_the_customers_words_are_no_evidence(lang: str, text: str) -> None:
    assert not customer_document(text, lang).evidence()


def _tl104(body: str) -> list[str]:
    ticket = {"id": "t", "messages": [{"role": "customer", "body": body}]}
    return [f.code for f in ticketlint.lint(ticket, config={"select": ["TL104"]})]


@pytest.mark.parametrize(
    "body",
    [
        "### Integrarea vizată\n\nMyENGIE România\n\n### Descrierea problemei\n\nSenzorii nu se mai actualizează de ieri.",
        "### Aplicación\n\nUOC Notifier\n\n### Descripción\n\nLas notificaciones no se actualizan desde ayer.",
        "### App\n\nTimetable Pro\n\n### What happened?\n\nThe timetable does not load anymore.",
    ],
)
def test_a_product_field_names_the_environment(body: str) -> None:
    assert _tl104(body) == []


def test_a_product_field_left_as_a_placeholder_names_nothing() -> None:
    assert _tl104("### Aplicación\n\n.\n\n### Descripción\n\nLas notificaciones no se actualizan desde ayer.") == ["TL104"]


@pytest.mark.parametrize(
    "body",
    [
        "el juego se queda en negro al iniciarlo, ya instalé otros juegos de ps2 y van bien",
        "the game freezes on the loading screen on my ps4",
        "jocul se blochează la încărcare pe ps5",
    ],
)
def test_a_console_names_the_environment(body: str) -> None:
    assert _tl104(body) == []


def test_ps_without_a_console_context_names_nothing() -> None:
    assert _tl104("la página no carga, ps: gracias por la ayuda") == ["TL104"]
