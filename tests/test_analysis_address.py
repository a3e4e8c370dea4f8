"""Whom a chat message opens by naming (analysis/address.py), and the reply rules skipping side remarks between helpers
(issue 13, chat14: `RuleMeta.replies_only`)."""

from __future__ import annotations

import pytest

from ticketlint.analysis import address
from ticketlint.analysis.text import fold
from ticketlint.config import Config
from ticketlint.document import Document
from ticketlint.engine import Linter
from ticketlint.model import Message, Role, Ticket


def _ticket(*msgs: tuple[str, str | None, str], language: str | None = None) -> Ticket:
    return Ticket("t", tuple(Message(Role.parse(r), b, author=a) for r, a, b in msgs), language=language)


def _doc(*msgs: tuple[str, str | None, str], language: str = "en") -> Document:
    return Document(_ticket(*msgs), language=language)


@pytest.mark.parametrize(("text", "name"), [
    ("nick2: no, that flag was removed in 22.04", "nick2"),
    ("Bob, yes", "bob"),
    ("  tux_: try it", "tux_"),
    ("hi bob, yes", "bob"),
    ("Hola Ana, sí", "ana"),
    ("Halo Kak Rina, bisa", "rina"),
    ("Bună Ioana, da", "ioana"),
    # a link's scheme, a time, a drive: no blank after the mark, or a digit first
    ("http://example.com is the mirror", None),
    ("10:30 works for me", None),
    ("C:\\Windows is the folder", None),
    # a word that opens a sentence with a colon or a comma names nobody
    ("Note: the flag was removed", None),
    ("Also, try the live CD", None),
    ("Hi, yes", None),
    ("ok: done", None),
    ("yes", None),
    ("jo: yes", None),  # fewer than three characters: a word or initials
])
def test_opening_name(text: str, name: str | None) -> None:
    assert address.opening_name(fold(text)) == name


def test_opening_names_reads_a_run_of_names() -> None:
    assert [n for n, _ in address.opening_names(fold("geneo93, swj: http://rute.sourceforge.net/"))] == ["geneo93", "swj"]
    assert [n for n, _ in address.opening_names(fold("carol, also: try this"))] == ["carol"]  # "also" names nobody
    assert address.opening_names(fold("Note: nothing")) == []


@pytest.mark.parametrize(("text", "name"), [
    ("bob2 : killin backups is worse", "bob2"),
    ("sinope[crashed] , it basically is Debian", "sinope[crashed]"),
    ("Note : the flag was removed", None),
])
def test_a_blank_before_the_mark_only_where_the_name_must_be_an_authors(text: str, name: str | None) -> None:
    assert address.opening_name(fold(text), spaced=True) == name
    assert address.opening_name(fold(text)) is None  # failure.py's reading: "Parah , tiba-tiba keluar ..." is no address


def _helpers(*msgs: tuple[str, str | None, str]) -> Document:
    """A chat: the customer ana asks, the helpers bob and carol answer."""
    return _doc(("customer", "ana", "Can I remove the old kernel?"), ("agent", "carol", "yes, with apt"), *msgs,
                ("agent", "dave2", "right"))


@pytest.mark.parametrize(("author", "body", "aside"), [
    ("bob", "carol: no, that flag was removed in 22.04", True),
    ("bob", "Carol, yes", True),
    ("bob", "hey carol, you should have read the man page", True),
    ("bob", "carol_: yes", True),  # a decorated nick names the author it begins with
    ("bob", "carol : no", True),  # one blank before the mark
    ("bob", "carol, dave2: no", True),  # several names, all the helpers'
    ("bob", "carol, ana: see the wiki", False),  # one of them the customer's
    ("bob", "carol, yes", True),
    ("bob", "@carol can you take this one?", True),
    ("bob", "ana: yes", False),  # the customer
    ("bob", "Hola Ana, sí", False),
    ("bob", "erin: yes", False),  # nobody of this thread
    ("bob", "@erin yes", False),
    ("bob", "@ana yes", False),
    ("bob", "yes", False),  # nobody
    ("bob", "Note: yes", False),
    ("bob", "10:30 works", False),
    ("bob", "bob: yes", False),  # the writer's own name
])
def test_side_remarks(author: str, body: str, aside: bool) -> None:
    doc = _helpers(("agent", author, body))
    assert (2 in doc.side_remarks) is aside


def test_no_side_remark_with_one_helper_or_none_to_a_participant_who_also_asked() -> None:
    # one helper: nobody else to talk to
    assert not _doc(("customer", "ana", "Is it free?"), ("agent", "bob", "ana: yes"), ("agent", "bob", "bob2: no")).side_remarks
    # carol wrote a customer message too: addressing her may answer a customer
    doc = _doc(("customer", "ana", "Is it free?"), ("agent", "carol", "it is"), ("customer", "carol", "Is it?"),
               ("agent", "bob", "carol: yes"))
    assert not doc.side_remarks


def test_names_are_folded_on_both_sides() -> None:
    doc = _doc(("customer", "Ana", "Pot șterge nucleul vechi?"), ("agent", "Ștefan", "da"), ("agent", "Ioana", "Stefan, nu"),
               language="ro")
    assert doc.side_remarks == frozenset({2})


def test_failure_reads_the_same_participants() -> None:
    # analysis/failure.py's addressee test: a shortened nick names the author it begins
    doc = _doc(("customer", "kimish_", "it fails"), ("agent", "bob", "kimish, the computer with the error doesn't have internet?"))
    assert address.participant("kimish", doc.messages[1], doc)
    assert not address.participant("dave", doc.messages[1], doc)
    assert address.participant("tux_", doc.messages[1], doc)  # written as only a nick is


_LINTER = Linter(Config(profile="audit", select=("TL301", "TL302", "TL303", "TL304", "TL402")))


def _codes(ticket: Ticket) -> set[tuple[str, int]]:
    return {(f.code, f.message_index) for f in _LINTER.lint(ticket).findings}


# (language, the customer's yes/no question, a bare answer, blame)
_LANGS = [
    ("en", "Can I remove the old kernel?", "yes", "you should have read the man page"),
    ("es", "¿Puedo borrar el kernel viejo?", "sí", "deberías haber leído el manual"),
    ("id", "Apakah saya bisa menghapus kernel lama?", "bisa", "harusnya kamu baca manualnya dulu"),
    ("ro", "Pot să șterg nucleul vechi?", "da", "trebuia să citești manualul"),
]


@pytest.mark.parametrize(("lang", "question", "bare", "blame"), _LANGS)
def test_reply_rules_skip_a_side_remark_to_another_helper(lang: str, question: str, bare: str, blame: str) -> None:
    for code, body in (("TL301", bare), ("TL402", blame)):
        # addressed to the customer: a reply, flagged
        to_customer = _ticket(("customer", "ana", question), ("agent", "carol", f"ana: {bare}"), ("agent", "bob", f"ana: {body}"),
                              language=lang)
        assert (code, 2) in _codes(to_customer), (lang, code)
        # the same words to the other helper: a side remark, not flagged by any reply rule
        aside = _ticket(("customer", "ana", question), ("agent", "carol", f"ana: {bare}"), ("agent", "bob", f"carol: {body}"),
                        language=lang)
        assert not {c for c, i in _codes(aside) if i == 2}, (lang, code)


# (language, a customer's report, a remark that gives no step)
_REPORTS = [
    ("en", "My printer stopped printing after the update.", "I had the same thing with my printer last year"),
    ("es", "Mi impresora dejó de imprimir después de la actualización.", "a mí me pasó lo mismo con mi impresora el año pasado"),
    ("id", "Printer saya tidak bisa mencetak setelah pembaruan.", "saya juga pernah mengalami hal yang sama dengan printer saya tahun lalu"),
    ("ro", "Imprimanta mea nu mai printează după actualizare.", "și mie mi s-a întâmplat la fel cu imprimanta mea anul trecut"),
]


@pytest.mark.parametrize(("lang", "report", "remark"), _REPORTS)
def test_tl303_skips_a_side_remark_to_another_helper(lang: str, report: str, remark: str) -> None:
    base = [("customer", "ana", report), ("agent", "carol", "ana: hmm")]
    to_customer = _ticket(*base, ("agent", "bob", f"ana: {remark}"), language=lang)
    aside = _ticket(*base, ("agent", "bob", f"carol: {remark}"), language=lang)
    assert ("TL303", 2) in _codes(to_customer)
    assert ("TL303", 2) not in _codes(aside)


def test_tl302_skips_a_side_remark_and_judges_the_reply_beside_it() -> None:
    question = "Can I export my invoices to CSV? And how do I change the billing address?"
    aside = _ticket(("customer", "ana", question), ("agent", "carol", "Hi"), ("agent", "bob", "carol: the export needs admin rights"))
    assert not {c for c, _ in _codes(aside) if c == "TL302"}
    reply = _ticket(("customer", "ana", question), ("agent", "carol", "Hi"), ("agent", "bob", "ana: the export needs admin rights"))
    assert ("TL302", 2) in _codes(reply) or ("TL302", 1) in _codes(reply)


def test_rule_metadata_says_which_rules_read_replies_only() -> None:
    from ticketlint.registry import default_registry

    flagged = {r.meta.code for r in default_registry() if r.meta.replies_only}
    # every agent rule judging a reply (issue 13, addr19: chat lines that are no reply, analysis/address.py `chat_asides`)
    assert {"TL201", "TL202", "TL301", "TL302", "TL303", "TL304", "TL402", "TL403", "TL407"} <= flagged
    assert not flagged & {"TL101", "TL102", "TL104"}  # customer and note rules read no replies


def test_tl303_a_short_line_after_a_side_remark_continues_it() -> None:
    base = [("customer", "ana", "My printer stopped printing after the update."), ("agent", "carol", "ana: which model is it?")]
    aside = _ticket(*base, ("agent", "bob", "carol: did she check the queue settings?"), ("agent", "bob", "I kid you not"))
    assert not {i for c, i in _codes(aside) if c == "TL303"}
    # after a reply to the customer that gives no step either, the short line is judged as before
    reply = _ticket(*base, ("agent", "bob", "ana: I had the same thing with my printer last year"), ("agent", "bob", "I kid you not"))
    assert ("TL303", 3) in _codes(reply)


@pytest.mark.parametrize(("lang", "greeting", "helper"), [
    ("en", "Hi all, no.", "allan"),
    ("en", "Hello everyone, no.", "eve"),
    ("en", "Hey folks, no.", "folkster"),
    ("es", "Hola a todos, no.", "todoslosdias"),
    ("es", "Buenas gente, no.", "gen"),
    ("id", "Halo semua, tidak bisa.", "semuanya_ok"),
    ("id", "Halo kalian, tidak bisa.", "kal"),
    ("ro", "Salut tuturor, nu.", "tuturorel"),
    ("ro", "Bună ziua tuturor, nu.", "tut"),
])
def test_a_greeting_to_everyone_is_a_reply_whatever_the_helpers_are_called(lang: str, greeting: str, helper: str) -> None:
    """'Hi all,' greets everyone, the customer too: no side remark to a helper whose nick 'all' begins ('allan') or who
    is called by its beginning ('eve' for 'everyone')."""
    doc = _doc(("customer", "ana", "?"), ("agent", "bob", greeting), ("agent", helper, "ok"), language=lang)
    assert 1 not in doc.side_remarks
    # the helper named by name is still one
    named = _doc(("customer", "ana", "?"), ("agent", "bob", f"{helper}: no."), ("agent", helper, "ok"), language=lang)
    assert 1 in named.side_remarks


@pytest.mark.parametrize(("lang", "word", "helper"), [
    ("en", "Solution: run sudo apt update.", "Sol"),
    ("en", "Anyway, run sudo apt update.", "any"),
    ("es", "Solución: ejecute sudo apt update.", "Sol"),
    ("es", "Primero, ejecute sudo apt update.", "prim"),
    ("id", "Solusi: jalankan sudo apt update.", "Sol"),
    ("id", "Caranya, jalankan sudo apt update.", "cara"),
    ("ro", "Soluție: rulați sudo apt update.", "Sol"),
    ("ro", "Apoi, rulați sudo apt update.", "apo"),
])
def test_a_word_that_begins_with_a_short_helpers_nick_names_nobody(lang: str, word: str, helper: str) -> None:
    """review15: "Solution: run X" in a thread with a helper "Sol" was a side remark to Sol. A nick names an author it
    begins with only when what it adds is a decoration (digits, punctuation: "sol_", "sol2"), not letters."""
    doc = _doc(("customer", "ana", "?"), ("agent", helper, "ok"), ("agent", "bob", word), language=lang)
    assert 2 not in doc.side_remarks
    nick = address.opening_name(fold(word))
    assert nick is not None and not address.participant(nick, doc.messages[2], doc)
    assert address.authors_named(nick, doc.messages[2], doc) == []
    # the helper named by the name, whole or decorated, is still one
    for name in (helper, f"{helper}_", f"{helper}2", f"{helper}|away"):
        named = _doc(("customer", "ana", "?"), ("agent", helper, "ok"), ("agent", "bob", f"{name}: {word}"), language=lang)
        assert 2 in named.side_remarks, name
        assert address.participant(fold(name), named.messages[2], named), name
