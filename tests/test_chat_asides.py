"""Who a line of a multi-party chat is for, and who is a customer there (analysis/address.py `chat_asides`, issue 13,
addr19): a second user's own help request, the lines of a participant the opener is helping, a line to a nick who is
not the asker. Every agent rule skips them (`Document.side_remarks`, `RuleMeta.replies_only`); a thread of two
participants (a helpdesk ticket) is never read this way."""

from __future__ import annotations

import pytest

from ticketlint import packs
from ticketlint.analysis import address
from ticketlint.analysis.text import fold
from ticketlint.config import Config
from ticketlint.document import Document
from ticketlint.engine import Linter
from ticketlint.model import LANGUAGES, Message, Role, Ticket


def _ticket(*msgs: tuple[str, str | None, str], language: str | None = "en") -> Ticket:
    return Ticket("t", tuple(Message(Role.parse(r), b, author=a) for r, a, b in msgs), language=language)


def _asides(*msgs: tuple[str, str | None, str], language: str = "en") -> set[int]:
    return set(Document(_ticket(*msgs, language=language), language=language).side_remarks)


def _codes(ticket: Ticket, *codes: str) -> list[tuple[str, int]]:
    found = Linter(Config(select=codes)).lint_ticket(ticket)
    return [(f.code, f.message_index) for f in found]


# A second user's first line asking for help of their own, in each language; the line of a helper to them.
_SECOND = {
    "en": ("my wifi keeps dropping every few minutes", "try the other driver", "does anyone know how to get sound working on a T60?",
           "dave9: check alsamixer first"),
    "es": ("mi wifi se cae cada pocos minutos", "prueba el otro controlador", "alguien sabe cómo hacer funcionar el sonido en una T60?",
           "dave9: revisa alsamixer primero"),
    "id": ("wifi saya putus terus tiap beberapa menit", "coba driver yang lain", "ada yang tahu cara bikin suara jalan di T60?",
           "dave9: cek alsamixer dulu"),
    "ro": ("wifi-ul meu se tot deconectează la câteva minute", "încearcă celălalt driver", "știe cineva cum pornesc sunetul pe un T60?",
           "dave9: verifică alsamixer întâi"),
}


@pytest.mark.parametrize("lang", sorted(_SECOND))
def test_a_second_users_own_request_and_the_lines_to_them_are_no_replies(lang: str) -> None:
    ask, step, other, to_other = _SECOND[lang]
    asides = _asides(("customer", "ana", ask), ("agent", "bob", f"ana: {step}"), ("agent", "dave9", other),
                     ("agent", "bob", to_other), ("agent", "dave9", "ana: " + step), language=lang)
    # dave9's own request and bob's line to dave9 are no replies; bob's line to ana is one, and so is dave9's line naming ana
    assert asides == {2, 3}


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "my box runs it fine, you should update the kernel"),
    ("en", "have you tried a newer kernel?"),
    ("es", "mi equipo lo corre bien, tú deberías actualizar el kernel"),
    ("id", "laptop saya jalan normal, kamu coba update kernel"),
    ("ro", "la mine merge, tu ar trebui să actualizezi kernelul"),
])
def test_a_helpers_first_line_speaking_to_someone_keeps_them_a_helper(lang: str, line: str) -> None:
    assert _asides(("customer", "ana", _SECOND[lang][0]), ("agent", "bob", "ana: hi"), ("agent", "carl", line), language=lang) == set()


@pytest.mark.parametrize(("lang", "opening", "answer"), [
    ("en", "theine: are you using the proprietary drivers?", "I'm using the open-source radeon drivers anyway"),
    ("es", "theine: ¿usas los controladores privativos?", "uso los controladores libres de radeon"),
    ("id", "theine: kamu pakai driver proprietary?", "saya pakai driver radeon yang open source"),
    ("ro", "theine: folosești driverele proprietare?", "folosesc driverele libere radeon"),
])
def test_the_participant_the_opener_helps_writes_no_replies(lang: str, opening: str, answer: str) -> None:
    asides = _asides(("customer", "excyber", opening), ("agent", "theine", f"excyber: {answer}"),
                     ("agent", "carol", "excyber: nice"), language=lang)
    assert asides == {1}


@pytest.mark.parametrize(("lang", "opening"), [
    ("en", "theine: do you know where apt-get puts the binaries?"),
    ("en", "theine: can you help me with my sound?"),
    ("en", "theine: failed."),
    ("es", "theine: ¿sabes dónde pone apt-get los binarios?"),
    ("id", "theine: kamu tahu di mana apt-get menaruh binary?"),
    ("ro", "theine: știi unde pune apt-get fișierele?"),
])
def test_an_opener_asking_a_participant_for_help_leaves_them_a_helper(lang: str, opening: str) -> None:
    assert _asides(("customer", "excyber", opening), ("agent", "theine", "excyber: /usr/bin"),
                   ("agent", "carol", "excyber: yes"), language=lang) == set()


def test_a_line_to_a_nick_nobody_in_the_thread_bears() -> None:
    thread = (("customer", "ana", "my wifi keeps dropping"), ("agent", "bob", "ana: try the other driver"),
              ("agent", "bob", "netcat_: use a live CD and check the partition"),
              ("agent", "bob", "!grub | netcat_"), ("agent", "bob", "!wifi | ana"),
              ("agent", "carl", "Sorry, I don't know that card"), ("agent", "carl", "edju: medibuntu is a repository"))
    # a nick (a nick's punctuation, or a colon in a thread that addresses by name) is someone else; a word before a comma is
    # nobody; a factoid to the asker is a reply
    assert _asides(*thread) == {2, 3, 6}


def test_a_two_party_thread_is_never_read_this_way() -> None:
    # a helpdesk ticket: the customer names the agent before the agent writes, the agent tells of their own setup
    assert _asides(("customer", "Ana Pop", "John, are you there? The invoice page is blank"),
                   ("agent", "John", "my colleague fixed it, I have no problem on my side"),
                   ("agent", "John", "netcat_: test")) == set()


def test_the_agent_rules_skip_a_second_users_own_report() -> None:
    ticket = _ticket(("customer", "ana", "my wifi keeps dropping"), ("agent", "bob", "ana: try the other driver"),
                     ("agent", "phillyj", "i got a kernel panic when booting, can someone help me?"),
                     ("agent", "carl", "phillyj: YOU NEED TO REINSTALL THE WHOLE THING NOW"),
                     ("agent", "carl", "ana: the kernel driver is broken, reinstall it, no way around it!!!"))
    found = _codes(ticket, "TL201", "TL407")
    assert ("TL201", 2) not in found and ("TL407", 3) not in found  # a second customer's report, a line to them
    assert ("TL201", 4) in found and ("TL407", 4) in found  # the reply to the asker is still read


def test_a_helpdesk_reply_is_read_as_before() -> None:
    ticket = _ticket(("customer", "Ana Pop", "The app crashes on start."),
                     ("agent", "John", "Please clear the cache and reinstall. I have a problem with my own laptop too!!!"))
    assert ("TL201", 1) in _codes(ticket, "TL201") and ("TL407", 1) in _codes(ticket, "TL407")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_the_chat_pack(lang: str) -> None:
    for key, spec in packs.schema_of(address.CHAT).keys.items():  # type: ignore[union-attr]
        assert spec.required
        values = packs.words(address.CHAT, lang, key) if spec.kind == "words" else packs.patterns(address.CHAT, key, lang)
        assert values, f"rules/{lang}/chat.toml: '{key}' is empty"


@pytest.mark.parametrize(("lang", "text", "own"), [
    ("en", "im having a problem with cron not working", True),
    ("en", "you need to restart cron", False),
    ("en", "my cron job never runs", True),
    ("en", "my cron job runs fine, check yours", False),
    ("es", "tengo un problema con cron", True),
    ("es", "tienes que reiniciar cron", False),
    ("id", "ada yang tahu kenapa cron tidak jalan?", True),
    ("id", "kamu harus restart cron", False),
    ("ro", "am o problemă cu cron", True),
    ("ro", "trebuie să repornești cron", False),
    # (review19) wanting to know what the reader has is a helper's question; wanting to know how to do a thing is one's own
    ("en", "i need to know which video card you have", False),
    ("en", "we need to know what kernel you are running", False),
    ("en", "i want to know how to mount my ntfs drive", True),
    ("es", "necesito saber qué tarjeta tienes", False),
    ("es", "quiero saber cómo montar mi disco ntfs", True),
    ("id", "saya mau tahu kamu pakai kartu apa", False),
    ("id", "saya mau tahu cara mount disk ntfs", True),
    ("ro", "vreau să știu ce placă video ai", False),
    ("ro", "vreau să știu cum montez discul ntfs", True),
])
def test_own_request(lang: str, text: str, own: bool) -> None:
    assert address.own_request(fold(text), lang) is own


def test_the_answer_to_a_line_between_helpers_is_none_either() -> None:
    thread = (("customer", "ana", "my wifi keeps dropping"), ("agent", "bob2", "ana: which card is it?"),
              ("agent", "carl", "bob2: did you use the ndiswrapper one?"), ("agent", "bob2", "no"),
              ("agent", "carl", "ana: try the other driver"), ("agent", "bob2", "yes"))
    # bob2's "no" answers carl's line to him; his "yes" after carl's line to the asker stays a reply
    assert _asides(*thread) == {2, 3}


def test_an_export_with_the_desks_own_roles_is_never_read_as_a_chat() -> None:
    # an issue thread: several customers, a maintainer whose first comment tells what he cannot do
    issue = (("customer", "reporter", "Dark mode\nmy eyes are getting burnt"), ("customer", "other", "I have the same problem on my phone"),
             ("agent", "maintainer", "It's currently not planned.\nI cannot promise anything at this point."),
             ("agent", "helper2", "@other thanks, noted"))
    assert _asides(*issue) == set()
    # a helpdesk ticket with a subject and two agents: the second agent's own words are no second customer's
    ticket = Ticket("t", (Message(Role.CUSTOMER, "The invoice page is blank", author="ana"),
                          Message(Role.AGENT, "my laptop won't print either", author="john"),
                          Message(Role.AGENT, "netcat_: please check", author="mary")), subject="Invoice page", language="en")
    assert set(Document(ticket, language="en").side_remarks) == set()
    # the same lines as a chat (one line each, no subject) are read as one
    chat = Ticket("t", ticket.messages, language="en")
    assert set(Document(chat, language="en").side_remarks) == {1, 2}


@pytest.mark.parametrize(("lang", "call"), [
    ("en", "wilee: you there?"), ("es", "wilee: ¿estás ahí?"), ("id", "wilee: kamu masih ada?"), ("ro", "wilee: mai ești acolo?")])
def test_calling_on_a_helper_asks_for_help(lang: str, call: str) -> None:
    assert _asides(("customer", "xtriz", call), ("agent", "wilee", "xtriz: yes"), ("agent", "dr", "xtriz: ok"), language=lang) == set()


def test_a_bare_nick_to_a_helper_and_the_writer_going_on() -> None:
    thread = (("customer", "ana", "my wifi keeps dropping"), ("agent", "jimbo", "ana: which card is it?"),
              ("agent", "guest", "jimbo no, wrong, you mount file systems"), ("agent", "guest", "not partitions"),
              ("agent", "guest", "ana: try the other driver"), ("agent", "guest", "and reboot"))
    # guest's line to jimbo and his next line are no replies; his line to the asker and what follows it are
    assert _asides(*thread) == {2, 3}


def test_a_helpdesk_ticket_without_a_subject_is_no_chat() -> None:
    # (review19) a desk's ticket with one customer, two agents, one line each and no subject (a CSV mapped without its
    # subject column): its participants are e-mail addresses or its comments carry the desk's own ids, which no chat
    # line has; the second agent telling what they tried is no second customer
    lines = (("customer", "ana@example.com", "Hi, our VPN drops every hour since the update."),
             ("agent", "maria@desk.example", "Hi Ana, could you send the logs?"),
             ("agent", "jon@desk.example", "I'm using the same client and see the SSO token expire; please re-login via the IdP."))
    assert _asides(*lines) == set()
    ticket = _ticket(*lines)
    assert ("TL202", 2) in _codes(ticket, "TL202")
    named = Ticket("t", tuple(Message(Role.parse(r), b, author=a.split("@")[0], id=f"c{i}")
                              for i, (r, a, b) in enumerate(lines)), language="en")
    assert set(Document(named, language="en").side_remarks) == set()
    # the same lines from nicks, with no ids, are a chat: the third participant's own setup makes them a second customer
    chat = Ticket("t", tuple(Message(Role.parse(r), b, author=a.split("@")[0]) for r, a, b in lines), language="en")
    assert set(Document(chat, language="en").side_remarks) == {2}


def test_a_helper_asking_what_the_opener_has_stays_a_helper() -> None:
    # (review19) "i need to know which video card you have" asks the opener; it made bob a second customer, and his
    # shouted reply to the opener went unread
    ticket = _ticket(("customer", "ana", "my screen is black after the install"), ("agent", "bob", "i need to know which video card you have"),
                     ("customer", "ana", "nvidia 8600"), ("agent", "bob", "INSTALL THE NVIDIA DRIVER FROM RESTRICTED!!!"),
                     ("agent", "carl", "ana: or boot with nomodeset"))
    assert set(Document(ticket, language="en").side_remarks) == set()
    assert ("TL407", 3) in _codes(ticket, "TL407")


@pytest.mark.parametrize("nick", ["try", "check", "will"])
def test_a_nick_that_is_an_ordinary_word_opens_no_line_bare(nick: str) -> None:
    # (review19) "try the nvidia driver" from bob, with a helper called "try" in the thread, is bob's reply to the opener
    ticket = _ticket(("customer", "ana", "my screen is black after the install"), ("agent", nick, "ana: which card?"),
                     ("agent", "bob", f"{nick} the nvidia driver from restricted"))
    assert set(Document(ticket, language="en").side_remarks) == set()
