"""One reply per author of an exchange (analysis/replies.py `reply_units`, issue 13, chat21).

In a chat a helper's answer runs over several lines, often with another participant's line between them: the reply rules
read every line of one author up to the customer's next message as one reply, so its reason, step or pointer may be in
any of them. A line that is no reply to the customer (`Document.side_remarks`) is in none. An e-mail or desk thread keeps
its reading: each message is a whole answer.
"""

from __future__ import annotations

import pytest

from ticketlint.analysis import address
from ticketlint.config import Config
from ticketlint.document import Document
from ticketlint.engine import Linter
from ticketlint.model import Message, Role, Ticket


def _ticket(*msgs: tuple[str, str | None, str], language: str = "en", subject: str | None = None) -> Ticket:
    return Ticket("t", tuple(Message(Role.parse(r), b, author=a) for r, a, b in msgs), subject=subject, language=language)


def _units(ticket: Ticket) -> list[list[int]]:
    doc = Document(ticket, language=ticket.language)
    return [[m.index for m in unit] for unit in doc.reply_units]


def _found(ticket: Ticket, *codes: str) -> list[tuple[str, int]]:
    return [(f.code, f.message_index) for f in Linter(Config(select=codes)).lint_ticket(ticket)]


def test_a_helpers_lines_across_another_participants_line_are_one_reply() -> None:
    chat = _ticket(("customer", "cuga", "is the ssh server still openssh?"), ("agent", "bob2", "cuga: no it's not"),
                   ("agent", "elroy", "lol"), ("agent", "bob2", "it's called openssh-server"),
                   ("customer", "cuga", "bob2: thanks"), ("agent", "bob2", "cuga: np"))
    assert _units(chat) == [[1, 3], [2], [5]]  # the customer's next message ends the reply


def test_a_line_to_another_helper_is_in_no_reply() -> None:
    chat = _ticket(("customer", "ana", "my wifi keeps dropping"), ("agent", "bob", "ana: which card is it?"),
                   ("agent", "carl", "bob: it's the intel one, she said so"), ("agent", "bob", "ana: try the iwlwifi driver"))
    doc = Document(chat, language="en")
    assert doc.chat and 2 in doc.side_remarks
    assert _units(chat) == [[1, 3]]


def test_an_email_thread_with_two_agents_keeps_its_runs() -> None:
    email = _ticket(("customer", "ana@example.com", "Hello,\nmy invoice is wrong."),
                    ("agent", "Sam", "Hi Ana,\nI checked your invoice."), ("agent", "Kim", "Hi Ana,\nKim here from billing."),
                    ("agent", "Sam", "Ana,\nplease reply with the invoice number."), subject="Invoice")
    doc = Document(email, language="en")
    assert not doc.chat
    assert _units(email) == [[1], [2], [3]]  # runs split where the author changes, not joined across Kim's message


def test_a_chat_of_two_is_a_chat_but_a_desk_export_is_not() -> None:
    two = _ticket(("customer", "ana", "is there a gui for rsync?"), ("agent", "bob", "ana: yes"), ("agent", "bob", "grsync"))
    assert Document(two, language="en").chat
    for desk in (
        _ticket(("customer", "ana", "is there a gui for rsync?"), ("agent", "bob", "ana: yes"), subject="rsync"),
        _ticket(("customer", "ana", "is there a gui\nfor rsync?"), ("agent", "bob", "ana: yes")),
        _ticket(("customer", None, "is there a gui for rsync?"), ("agent", "bob", "ana: yes")),
    ):
        assert not Document(desk, language="en").chat


@pytest.mark.parametrize("channel", ["email", "Email", "Outbound Email", "web", "Portal", "phone"])
def test_a_thread_whose_channel_is_a_desks_is_no_chat(channel: str) -> None:
    """An export's own channel field that names e-mail, a web form or the phone is a desk's mark (review21): a mapped CSV of
    one-line e-mails with no subject keeps each message's reading; a chat's channel does not change the reading."""
    rows = (("customer", "Ana", "My invoice is wrong."), ("agent", "Sam", "I checked your invoice."),
            ("agent", "Kim", "We'll fix it by Friday."), ("agent", "Sam", "Please reply with the invoice number."))
    email = Ticket("t", tuple(Message(Role.parse(r), b, author=a) for r, a, b in rows), language="en", extra=(("channel", channel),))
    assert not Document(email, language="en").chat
    assert ("TL303", 1) in [(f.code, f.message_index) for f in Linter(Config(select=("TL303",))).lint_ticket(email)]
    chat = Ticket("t", email.messages, language="en", extra=(("channel", "chat"),))
    assert Document(chat, language="en").chat


# A bare yes/no, another participant's line, then the same helper's reason or step; each language.
_ANSWERS = {
    "en": ("can I use the ntfs partition from ubuntu?", "no", "lol", "it is mounted read only, use ntfs-3g to write to it"),
    "es": ("¿puedo usar la partición ntfs desde ubuntu?", "no", "jaja", "se monta solo de lectura, usa ntfs-3g para escribir en ella"),
    "id": ("bisa pakai partisi ntfs dari ubuntu?", "tidak", "wkwk", "itu dipasang baca saja, pakai ntfs-3g untuk menulis ke sana"),
    "ro": ("pot folosi partiția ntfs din ubuntu?", "nu", "haha", "e montată doar pentru citire, folosește ntfs-3g ca să scrii pe ea"),
}


@pytest.mark.parametrize("lang", sorted(_ANSWERS))
def test_a_bare_answer_whose_reason_is_in_the_same_helpers_next_line_is_no_bare_answer(lang: str) -> None:
    question, bare, other, reason = _ANSWERS[lang]
    chat = _ticket(("customer", "ana", question), ("agent", "bob", f"ana: {bare}"), ("agent", "carl", other),
                   ("agent", "bob", reason), language=lang)
    assert ("TL301", 1) not in _found(chat, "TL301")
    alone = _ticket(("customer", "ana", question), ("agent", "bob", f"ana: {bare}"), ("agent", "carl", other),
                    ("customer", "ana", "ok"), ("agent", "bob", reason), language=lang)
    assert ("TL301", 1) in _found(alone, "TL301")  # after the customer's next message it is another reply


def test_a_reaction_or_a_restatement_alone_gives_no_reason() -> None:
    chat = _ticket(("customer", "ana", "does ubuntu have mplayer?"), ("agent", "bob", "ana: yes"), ("agent", "carl", "hi all"),
                   ("agent", "bob", "heh"))
    assert ("TL301", 1) in _found(chat, "TL301")


# A line with no next step, another participant's line, then the same helper's step; each language.
_STEPS = {
    "en": ("my sound stopped working after the upgrade", "that happened to me too after the last upgrade", "same here",
           "run alsamixer and unmute the master channel"),
    "es": ("mi sonido dejó de funcionar después de la actualización", "eso me pasó también después de la última actualización",
           "a mí también", "abre alsamixer y activa el canal master"),
    "id": ("suara saya mati setelah upgrade", "itu juga terjadi sama saya setelah upgrade terakhir", "sama",
           "jalankan alsamixer lalu nyalakan kanal master"),
    "ro": ("sunetul meu nu mai merge după actualizare", "asta mi s-a întâmplat și mie după ultima actualizare", "și la mine",
           "rulează alsamixer și pornește canalul master"),
}


@pytest.mark.parametrize("lang", sorted(_STEPS))
def test_a_line_without_a_step_whose_step_is_in_the_same_helpers_next_line(lang: str) -> None:
    problem, remark, other, step = _STEPS[lang]
    chat = _ticket(("customer", "ana", problem), ("agent", "bob", remark), ("agent", "carl", other), ("agent", "bob", step),
                   language=lang)
    assert ("TL303", 1) not in _found(chat, "TL303")


def test_an_email_reply_keeps_its_finding_though_the_next_message_gives_a_step() -> None:
    email = _ticket(("customer", "ana@example.com", "Hello,\nmy sound stopped working after the upgrade."),
                    ("agent", "Sam", "Hi Ana,\nthat happened to other customers after the last upgrade as well.\nSam"),
                    ("agent", "Sam", "Hi Ana,\nplease run the sound troubleshooter and unmute the master channel.\nSam"),
                    subject="Sound")
    assert ("TL303", 1) in _found(email, "TL303")


# A chat cut from a conversation already going on: its first line, the opener's, answers the participant it names.
_OPENING_ANSWERS = {
    "en": ("karhu: open a terminal and type sudo apt-get -f install", "i typed it and it printed nothing"),
    "es": ("karhu: abre una terminal y escribe sudo apt-get -f install", "lo escribí y no salió nada"),
    "id": ("karhu: buka terminal lalu ketik sudo apt-get -f install", "sudah saya ketik dan tidak keluar apa-apa"),
    "ro": ("karhu: deschide un terminal și scrie sudo apt-get -f install", "am scris și nu a afișat nimic"),
}


@pytest.mark.parametrize("lang", sorted(_OPENING_ANSWERS))
def test_the_participant_the_opening_line_answers_writes_no_replies(lang: str) -> None:
    opening, answer = _OPENING_ANSWERS[lang]
    chat = _ticket(("customer", "nalioth", opening), ("agent", "karhu", f"nalioth: {answer}"),
                   ("agent", "carol", "nalioth: nice"), language=lang)
    assert set(Document(chat, language=lang).side_remarks) == {1}


@pytest.mark.parametrize("opening", ["karhu: failed.", "karhu: my sound card still drops out after the upgrade"])
def test_an_opening_line_that_reports_to_them_leaves_them_a_helper(opening: str) -> None:
    # a result reported to a helper, the opener's own setup
    chat = _ticket(("customer", "nalioth", opening), ("agent", "karhu", "nalioth: because the kernel thinks it is no module"),
                   ("agent", "carol", "nalioth: yes"))
    assert set(Document(chat, language="en").side_remarks) == set()


@pytest.mark.parametrize(("lang", "opening", "answers"), [
    *((lang, opening, True) for lang, (opening, _) in sorted(_OPENING_ANSWERS.items())),
    ("en", "karhu: failed.", False),
    ("en", "karhu: why is it again that the module was not compiled right?", False),
    ("es", "karhu: ¿por qué el módulo no estaba bien compilado?", False),
    ("id", "karhu: kenapa modulnya tidak dikompilasi dengan benar?", False),
    ("ro", "karhu: de ce modulul nu a fost compilat bine?", False),
    ("en", "karhu: can someone help me with the sound card driver here", False),
    ("es", "karhu: alguien sabe cómo instalar el controlador de sonido", False),
])
def test_an_opening_line_answers_them_unless_it_asks_or_reports(lang: str, opening: str, answers: bool) -> None:
    chat = _ticket(("customer", "nalioth", opening), ("agent", "karhu", "nalioth: ok"), ("agent", "carol", "hi"), language=lang)
    doc = Document(chat, language=lang)
    assert address.answers_them(doc.messages[0]) is answers
