"""One vocabulary of the second and first person per language (analysis/person.py, rules/<lang>/person.toml; issue 13, voc20).

The failure reading (a chat line to another participant about their system), the chat reading (a second user's own
problem, an opener's question about a participant's setup) and TL303 (a fellow user's question to the reader) ask the
same question of the same words: each test here puts the same second-person sentences, in the four languages, to each
of them. The words of one language are not read in a text of another where they are an ordinary word there ("AI" in
English is no Romanian "ai", Spanish "ya" no English "ya", Spanish "lo" no Indonesian "lo").
"""

from __future__ import annotations

import pytest
from failure_util import failure_phrase

from ticketlint import packs
from ticketlint.analysis import address, failure, person
from ticketlint.config import Config
from ticketlint.engine import Linter
from ticketlint.model import LANGUAGES, Message, Role, Ticket
from ticketlint.packs import PackError
from ticketlint.textutil import fold

# (language, a question to the reader whose only word of the second person is a verb form, an ending or a chat form)
_TO_READER = [
    ("en", "did ya update the driver?"),
    ("en", "are you on the open driver?"),
    ("es", "¿actualizaste el controlador?"),
    ("es", "¿usas el controlador libre?"),
    ("id", "drivermu sudah diupdate?"),
    ("id", "kakak pakai driver yang mana?"),
    ("ro", "ai actualizat driverul?"),
    ("ro", "folosești driverul liber?"),
]

# (language, a sentence in no one's voice, or in the writer's, that a word list read too widely takes for "you")
_NOT_TO_READER = [
    ("en", "ya it works now"),
    ("en", "haha ya, me too"),
    ("en", "a US keyboard layout"),
    ("en", "Is AI supported?"),
    ("en", "U-Boot stops at the logo"),
    ("es", "¿existe alguna solución?"),
    ("es", "el error persiste"),
    ("id", "menunya gak ketemu"),
    ("id", "ilmu jaringan saya kurang"),
    ("id", "jaraknya cuma 5 km dari kantor"),
    ("ro", "problema va fi rezolvată mâine"),
    ("ro", "prietenii ai mei au aceeași problemă"),
    ("ro", "livrarea în București întârzie"),
]


@pytest.mark.parametrize(("lang", "text"), _TO_READER)
def test_the_second_person_of_each_language(lang: str, text: str) -> None:
    assert person.to_reader(fold(text), (lang,))
    assert not person.of_writer(fold(text), (lang,))


@pytest.mark.parametrize(("lang", "text"), _NOT_TO_READER)
def test_words_that_only_look_like_the_second_person(lang: str, text: str) -> None:
    assert not person.to_reader(fold(text), (lang,))


@pytest.mark.parametrize(("lang", "text", "mine"), [
    ("en", "ill try the other driver", True),
    ("en", "ok thanks ill give it a shot", True),
    ("en", "id like to keep the data", True),
    ("en", "sken: id use synaptic then", True),
    ("en", "we're on gentoo in production", True),
    ("en", "the user id is wrong", False),
    ("en", "did you check the commit id?", False),
    ("en", "use ssh-copy-id", False),
    ("en", "Bus 005 Device 003: ID 0ac8:0323", False),
    ("en", "the ill-formed file stops the parser", False),
    ("en", "he is ill today", False),
    ("en", "would it be illegal in the US?", False),
    ("es", "intenté reinstalar", True),
    ("id", "laptop saya mati", True),
    ("ro", "nu pot porni laptopul", True),
    ("ro", "fișierele nu se pot deschide", False),
])
def test_the_first_person_of_each_language(lang: str, text: str, mine: bool) -> None:
    assert person.of_writer(fold(text), (lang,)) is mine


@pytest.mark.parametrize(("text", "langs", "to_reader"), [
    # a word of another language read as well (the thread's, English in a chat) does not count where it is an ordinary word
    # of the text's language, or written in capitals as an acronym is
    ("Is AI supported?", ("en", "ro"), False),
    ("ya lo probé y nada", ("es", "en"), False),
    ("lo reinstalé y sigue igual", ("es", "id"), False),
    ("it has crashed again", ("en", "es"), False),
    ("Which OS is it?", ("en", "es"), False),
    ("Graphics chip: ATI Technologies Inc", ("en", "ro"), False),
    # an ordinary word in capitals is said so for emphasis: it is still the person
    ("what do YOU mean how?", ("en",), True),
    ("you'll have to wait for the fix", ("en",), True),
    ("There ya go!", ("en",), True),
    # ... and counts where it is none: the thread's language in a short line
    ("¿actualizaste?", ("id", "es"), True),
    ("kamu pakai apa", ("en", "id"), True),
    # the text's own language always counts
    ("ai încercat?", ("ro", "en"), True),
    ("te rog încearcă", ("ro", "es"), True),
    ("¿te funciona?", ("es", "ro"), True),
])
def test_which_languages_words_apply(text: str, langs: tuple[str, ...], to_reader: bool) -> None:
    assert person.to_reader(fold(text), langs) is to_reader


def test_a_language_without_a_pack_reads_nothing() -> None:
    assert not person.to_reader("you", ("de",))
    assert person.to_reader("you", ("de", "en"))  # the first language with a pack is the text's


# -- each reading, on the same sentences --------------------------------------------------------------------------------

# (language, a chat line to another user about their system, whose failure is theirs; the same about the writer's)
_ADDRESSED = [
    ("en", "bob_: y'all can't boot that usb stick without the firmware", "bob_: my laptop can't boot that usb stick"),
    ("es", "pablo_m: si usas ubuntu 8.04 el wifi no funciona con ese driver", "pablo_m: en ubuntu 8.04 mi wifi no funciona"),
    ("id", "budi99, laptopmu gak bisa connect karena drivernya belum ada", "budi99, laptop saya gak bisa connect"),
    ("ro", "andrei_x: dacă folosești driverul ăsta placa de rețea nu merge", "andrei_x: placa mea de rețea nu merge"),
]


@pytest.mark.parametrize(("lang", "theirs", "mine"), _ADDRESSED)
def test_failure_reading_a_line_to_another_user(lang: str, theirs: str, mine: str) -> None:
    assert failure_phrase(theirs, lang) is None  # advice about the addressee's system, no report
    assert failure_phrase(mine, lang) is not None


@pytest.mark.parametrize(("lang", "line", "own"), [
    ("en", "my wifi keeps dropping, did ya update the driver?", False),
    ("en", "my wifi keeps dropping", True),
    ("es", "no puedo conectar, ¿actualizaste el controlador?", False),
    ("es", "no puedo conectar con el controlador", True),
    ("id", "laptop saya gak bisa connect, drivermu versi berapa?", False),
    ("id", "laptop saya gak bisa connect", True),
    ("ro", "nu pot conecta, folosești driverul liber?", False),
    ("ro", "nu pot conecta laptopul", True),
])
def test_chat_reading_a_second_users_own_problem(lang: str, line: str, own: bool) -> None:
    assert address.own_request(fold(line), lang) is own


@pytest.mark.parametrize(("lang", "text"), _TO_READER)
def test_chat_reading_a_question_about_a_participants_setup(lang: str, text: str) -> None:
    assert address.asks_of_them(fold(text), lang)


@pytest.mark.parametrize(("lang", "text"), [("en", "did you update the driver? i can't"), ("es", "¿actualizaste el controlador? yo no puedo"),
                                            ("id", "drivermu sudah diupdate? saya belum bisa"), ("ro", "ai actualizat driverul? eu nu pot")])
def test_chat_reading_the_openers_own_words_ask_for_the_opener(lang: str, text: str) -> None:
    assert not address.asks_of_them(fold(text), lang)


_TL303 = Linter(Config(profile="audit", select=("TL303",)))
_ASK = {
    "en": "The export button does nothing since the update.",
    "es": "El botón de exportar no hace nada desde la actualización.",
    "id": "Tombol ekspor tidak berfungsi sejak update.",
    "ro": "Butonul de export nu face nimic de la actualizare.",
}
_SAME = {"en": "I have the same issue since yesterday.", "es": "Tengo el mismo problema desde ayer.",
         "id": "Saya juga mengalami hal yang sama sejak kemarin.", "ro": "Am aceeași problemă de ieri."}


def _tl303_flags(lang: str, reply: str) -> bool:
    ticket = Ticket("t", (Message(Role.CUSTOMER, _ASK[lang]), Message(Role.AGENT, reply)), language=lang)
    return any(f.code == "TL303" for f in _TL303.lint(ticket).findings)


@pytest.mark.parametrize(("lang", "question"), _TO_READER)
def test_tl303_a_fellow_users_question_to_the_reader_is_a_step(lang: str, question: str) -> None:
    assert not _tl303_flags(lang, f"{_SAME[lang]} {question[0].upper()}{question[1:]}")


@pytest.mark.parametrize(("lang", "question"), [
    ("en", "Is AI supported at all?"),  # English "AI" is no Romanian "ai"
    ("en", "Is the OS the cause?"),
    ("es", "¿Existe alguna solución?"),
    ("id", "Kenapa menunya gak ketemu?"),
    ("ro", "Va fi rezolvată curând?"),  # the future's "va" is no "vă"
])
def test_tl303_a_fellow_users_question_to_the_team_is_none(lang: str, question: str) -> None:
    assert _tl303_flags(lang, f"{_SAME[lang]} {question}")


# -- the pack -------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_states_both_persons(lang: str) -> None:
    schema = packs.schema_of(person.PERSON)
    assert schema is not None and set(schema.keys) == {"second_person", "first_person"}
    for key in schema.keys:
        assert packs.patterns(person.PERSON, key, lang), f"rules/{lang}/person.toml: '{key}' is empty"


@pytest.mark.parametrize("pack", [failure.FAILURE, address.CHAT])
def test_the_person_words_are_stated_once(pack: str) -> None:
    # the failure and chat packs no longer hold person words: an organisation's pack that gives them there is told so
    schema = packs.schema_of(pack)
    assert schema is not None
    with pytest.raises(PackError, match="unknown key 'second_person'"):
        packs.validate(f"org/en/{pack}.toml", {"second_person": ["you"]}, schema, complete=False)
