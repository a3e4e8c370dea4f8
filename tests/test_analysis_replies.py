"""analysis/replies.py: whom a reply addresses, and which agent messages make one reply (TL301, TL303)."""

from __future__ import annotations

from ticketlint.analysis import replies, text
from ticketlint.document import Document
from ticketlint.model import Message, Role, Ticket


def _doc(*msgs: tuple[str, str | None, str]) -> Document:
    return Document(Ticket("t", tuple(Message(Role.parse(r), b, author=a) for r, a, b in msgs)), language="en")


def _texts(doc: Document, index: int) -> list[str]:
    msg = doc.messages[index]
    return [msg.prose[s:e] for s, e in replies.addressee_spans(msg, doc)]


def test_participants_and_a_chat_opening_are_addressees() -> None:
    doc = _doc(("customer", "sven-tek", "are there post-release images?"), ("agent", "morrolan", "not as far as I'm aware sven-tek"))
    assert _texts(doc, 1) == ["sven-tek"]
    doc = _doc(("customer", "daniel_", "does vb net work on ubuntu?"), ("agent", "helper", "daniel_: yes, see Mono, daniel_"))
    assert _texts(doc, 1) == ["daniel_: ", "daniel_"]
    doc = _doc(("customer", None, "hi"), ("agent", None, "nubbe> just apt-get install ntfsprogs"))
    assert _texts(doc, 1) == ["nubbe> "]


def test_a_name_takes_its_comma_but_not_a_longer_name_or_the_own_signature() -> None:
    doc = _doc(("customer", "Steve-cal", "why UUID?"), ("agent", "swb", "Steve-cal, they may change positions"))
    assert _texts(doc, 1) == ["Steve-cal,"]
    doc = _doc(("customer", "ana", "help"), ("agent", "Sam", "Anastasia knows the answer. Sam"))
    assert _texts(doc, 1) == []  # "ana" is not cut out of "Anastasia"; "Sam" signs his own reply


def test_an_opening_is_not_a_url_a_time_or_a_path() -> None:
    doc = _doc(("customer", None, "where?"), ("agent", None, "http://help.ubuntu.com/community"))
    assert _texts(doc, 1) == []
    doc = _doc(("customer", None, "when?"), ("agent", None, "at 10:30 tomorrow"))
    assert _texts(doc, 1) == []


def test_names_are_bounded_per_ticket() -> None:
    msgs = [("customer", f"user{i:03d}", "hello") for i in range(200)]
    pattern = replies.names_pattern(replies.participant_list(_doc(*msgs).messages))
    assert pattern is not None
    assert pattern.pattern.count("user") == replies.MAX_NAMES
    assert pattern.search("ask user023") and not pattern.search("ask user024")


def test_ascii_names_are_found_as_the_regex_finds_them() -> None:
    # the str.find path of ASCII text gives the spans of the compiled regex (leftmost, first name in order,
    # bounded, not overlapping), on random text built from the names, nick characters and spaces
    import random

    rng = random.Random(13)
    pieces = ["ana", "Ana", "anastasia", "sven-tek", "tek", "a|b", "x_", "_", "-", "|", "^", "`", " ", ", ", ": ", "1", "K"]
    for _ in range(3000):
        names = tuple(sorted({rng.choice(["ana", "anastasia", "sven-tek", "tek", "a|b", "Ana"]) for _ in range(rng.randint(1, 4))},
                             key=len, reverse=True))
        prose = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        pattern = replies.names_pattern(names)
        assert pattern is not None
        assert replies._ascii_name_spans(prose, names) == [(m.start(), m.end()) for m in pattern.finditer(prose)], (names, prose)


def test_non_ascii_text_still_uses_the_regex() -> None:
    doc = _doc(("customer", "José", "¿funciona?"), ("agent", "helper", "JOSÉ: sí, José"))
    assert _texts(doc, 1) == ["JOSÉ: ", "José"]


def test_reply_runs_split_where_the_author_changes() -> None:
    doc = _doc(
        ("customer", "ana", "Which Ubuntu for 3 GB?"),
        ("agent", "k1", "ana: run lscpu"),
        ("agent", "k1", "*lscpu"),
        ("agent", "bekks", "same here"),
        ("customer", "ana", "thanks"),
        ("agent", None, "np"),
        ("agent", None, "bye"),
    )
    assert [[m.index for m in run] for run in replies.reply_runs(doc)] == [[1, 2], [3], [5, 6]]


def test_blank_keeps_offsets_and_line_breaks() -> None:
    assert text.blank("ab:\ncd ef", [(0, 4), (7, 9)]) == "   \ncd   "


def test_social_media_mentions_are_addressees_but_not_email_addresses() -> None:
    doc = _doc(("customer", None, "is it fixed?"), ("agent", None, "@user123 Yes, that's correct. Thanks @ana.m!"))
    assert _texts(doc, 1) == ["@user123", "@ana.m"]
    doc = _doc(("customer", None, "why?"), ("agent", None, "@marcie-n @org/app-team it failed"))
    assert _texts(doc, 1) == ["@marcie-n", "@org/app-team"]
    doc = _doc(("customer", None, "where?"), ("agent", None, "Write to help@example.com or @help_desk, then wait."))
    assert _texts(doc, 1) == ["@help_desk,"]


def test_done_reports_and_answers_are_read_in_every_language() -> None:
    """The reading is recognised in all four languages; whether it passes TL303 is the thread language's data (pack
    `given_passes`, t303r): these es and id replies are flagged by TL303 though `reports_done` / `answers_question` read them."""
    for text_, lang in (("Resuelto en la versión 3.2.1, gracias por el aviso.", "es"), ("Ya debería estar solucionado.", "es"),
                        ("Lo sentimos mucho. Ya hemos desbloqueado su cuenta.", "es"),
                        ("Sudah diperbaiki di versi 3.2.1, terima kasih laporannya.", "id"), ("Oke, akunnya sudah dibuka.", "id"),
                        ("Fixed in version 3.2.1, thanks for the report.", "en"),
                        ("Salut, problema a fost rezolvată în versiunea 3.2.1.", "ro")):
        assert replies.reports_done(text_, (lang,)), text_
    for question, answer, lang in (("¿El examen cubre toda la materia?", "Sí, el examen cubre toda la materia, con énfasis en la última unidad.", "es"),
                                   ("Ujiannya mencakup semua materi?", "Iya, ujiannya mencakup semua materi, terutama bab terakhir.", "id")):
        doc = Document(Ticket("t", (Message(Role.CUSTOMER, question), Message(Role.AGENT, answer))), language=lang)
        assert replies.answers_question(doc.messages[1].prose, (doc.messages[0],), (lang,)), answer
