"""The language of short, code-switched and mixed messages (lang/detect.py, Document's choice).

A message's language picks the packs that read it and the language of its findings: a short
reply or an Indonesian line with English tech words must keep the thread's language, a reply
written in another language must leave it, and a declared language wins unless a message is
clearly in another one.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest

from ticketlint.document import Document
from ticketlint.lang import detect as d
from ticketlint.languages import language
from ticketlint.model import Message, Role, Ticket

ID_REPORT = "Halo kak, aplikasi saya tidak bisa login sejak kemarin, sudah coba install ulang tapi masih sama."
ES_REPORT = "Hola, la aplicación no me deja entrar a mi cuenta desde ayer y ya reinstalé todo."


def _langs(*bodies: str, language: str | None = None) -> list[str]:
    roles = [Role.CUSTOMER, Role.AGENT] * len(bodies)
    ticket = Ticket(id="t", language=language,
                    messages=tuple(Message(role=r, body=b) for r, b in zip(roles, bodies)))
    return [m.language for m in Document(ticket).messages]


@pytest.mark.parametrize("reply", [
    "Oke thanks, mantap..",
    "problem fixed gan",
    "maaf, double issue #63",
    "ok, solved terimakasih..",
    "Npm i yarn udah kah ?",
    "ctrl+c y npm start :v",
    "https://t.me/c/1890895110/15667",
])
def test_short_or_mixed_line_keeps_an_indonesian_thread(reply: str) -> None:
    assert _langs(ID_REPORT, reply) == ["id", "id"]


@pytest.mark.parametrize("reply", ["tira error 404", "No me guarda el progreso https://github.com/user-attachments/assets/5370"])
def test_short_line_keeps_a_spanish_thread(reply: str) -> None:
    assert _langs(ES_REPORT, reply) == ["es", "es"]


@pytest.mark.parametrize("line", [
    "Dr_Willis: true",
    "eyemean: gksudo /boot/grub/menu.lst",
    "e01: Settings in /etc/default/grub",
    "Jay-Oh-En, u want file-roller",
    "Ziber: You're welcome.",
])
def test_chat_lines_keep_an_english_thread(line: str) -> None:
    thread = "my wifi stopped working after the update, what should i check first?"
    assert _langs(thread, line) == ["en", "en"]


def test_a_clearly_english_reply_in_an_indonesian_thread_is_english() -> None:
    reply = "hi bro, to fix your trouble try this fix, i see it in another issue, it works for me"
    assert _langs(ID_REPORT, reply) == ["id", "en"]
    assert _langs(ID_REPORT, reply, language="id") == ["id", "en"]  # declared, but clearly English


def test_a_clearly_indonesian_reply_in_an_english_thread_is_indonesian() -> None:
    thread = "The app does not start any more since the last update, what can I do?"
    assert _langs(thread, ID_REPORT) == ["en", "id"]


def test_the_declared_language_wins_over_a_mixed_message() -> None:
    # an English issue template filled in Spanish: English leads, but not clearly enough
    body = ("Facturas rechazadas. Impacted versions: 13. Steps to reproduce: emitir una factura. "
            "Current behavior: la factura es rechazada por hacienda. Expected behavior: que sea aceptada.")
    assert _langs(body, "Gracias, ya lo revisamos.", language="es") == ["es", "es"]
    # a ticket declared Spanish keeps Spanish on a short English line
    assert _langs(ES_REPORT, "please check the logs", language="es") == ["es", "es"]


@pytest.mark.parametrize("text", [
    "aplikasi error terus, please fix",
    "gak bisa login, udah update tetap error",
    "Kenapa tidak bisa login pleas help me",
    "tolong dong min, app nya error terus",
    "sering logout sendiri sama susah login",
    "gak bisa daftar/login",  # one slash between words is prose, not a path
])
def test_code_switched_indonesian_is_indonesian(text: str) -> None:
    assert d.detect(text, default="en") == "id"
    assert _langs(text) == ["id"]  # a one-message ticket: its own language


@pytest.mark.parametrize(("text", "lang"), [
    ("porfa q alguien me ayude, la app no abre", "es"),
    ("nu merge aplicatia, va rog sa ma ajutati", "ro"),
    ("the app does not open and I get an error", "en"),
    ("Amaranth, im geting a error message", "en"),  # "error" is evidence of no language
    ("App lu jelek, sering error", "id"),  # "sering" is not English -ing
    ("Insano No me deja entrar ala app", "es"),  # "no" and "me": mostly Spanish by their use
])
def test_chat_forms_of_each_language(text: str, lang: str) -> None:
    assert d.detect(text) == lang


def _share(word: str, lang: str, *others: str) -> float:
    """`word`'s share for `lang` from the [frequency] tables: its use in `lang` over its use in all four."""
    from ticketlint.languages import language
    from ticketlint.model import LANGUAGES
    use = [10 ** dict(language(x).frequency).get(word, d.FLOOR if x in (lang, *others) else 0.0) for x in LANGUAGES]
    return use[LANGUAGES.index(lang)] / sum(use)


def test_a_shared_word_weighs_by_how_much_each_language_uses_it() -> None:
    # "no" is English and Spanish: each gets its share of the word's use, whatever order they come in
    no = d.scores("no")
    assert no["es"] == pytest.approx(_share("no", "es", "en")) and no["en"] == pytest.approx(_share("no", "en", "es"))
    assert 0.7 < no["es"] < 0.95 and no["en"] + no["es"] <= 1.0
    # a word one language lists, but another uses too ("ya": Indonesian and Spanish) weighs less than 1
    assert d.scores("tidak")["id"] == pytest.approx(_share("tidak", "id"))
    assert d.scores("tidak")["id"] > 0.99


def test_a_borrowed_word_weighs_a_quarter_of_its_share_in_any_order() -> None:
    assert d.scores("please")["en"] == pytest.approx(d.BORROWED * _share("please", "en"))
    owners = d._profiles()[0]
    for word in ("please", "thanks", "ok", "problem"):
        weights = dict(owners[word])
        assert weights[0] <= d.BORROWED  # English (index 0) lends it, whichever language lists it first


@pytest.mark.parametrize("word", ["error", "login", "update", "server", "app", "loading", "updated"])
def test_english_tech_words_are_evidence_of_no_language(word: str) -> None:
    assert d.scores(f"{word} {word}") == d.scores("")


def test_a_terse_english_note_with_error_is_english() -> None:
    # "error" is Spanish too: it used to make this note Spanish, and its finding Spanish
    note = "Escalating: customer says VPN broken. ID-10T error."
    assert d.detect(note, default="en") == "en"
    assert d.detect(note, default="es") == "en"
    assert _langs(note) == ["en"]


@pytest.mark.parametrize(("text", "lang"), [
    # no function word, but affixes: Indonesian meN-/di-/ke-an/-nya, Romanian -ul/-ului, Spanish -ción/-ado
    ("kesalahan teknis waktu login", "id"),
    ("errornya dibiarkan berhari-hari", "id"),
    ("produsul facturii lipseste", "ro"),
    ("conexión rechazada otra vez", "es"),
    ("escalated, reported, pending", "en"),
])
def test_affixes_tell_a_language_without_function_words(text: str, lang: str) -> None:
    assert d.detect(text, default="xx") == lang


@pytest.mark.parametrize(("text", "lang"), [
    ("Bagus banget :)", "id"),
    ("Nu merge", "ro"),
    ("Gracias igual", "es"),
    ("ok thanks", None),  # borrowed words only: too weak to leave the default
])
def test_a_short_text_with_one_clear_language_is_that_language(text: str, lang: str | None) -> None:
    assert d.detect(text, default=None) == lang


def test_styled_letters_read_as_the_letters_they_are() -> None:
    styled = "𝙺𝚘𝚔 𝚖𝚊𝚔𝚒𝚗 𝚋𝚊𝚗𝚢𝚊𝚔 𝚎𝚛𝚛𝚘𝚛 𝚗𝚒𝚑 𝚊𝚙𝚕𝚒𝚔𝚊𝚜𝚒, 𝚐𝚊 𝚋𝚒𝚜𝚊 𝚖𝚞𝚝𝚊𝚛 𝚟𝚒𝚍𝚎𝚘"
    assert d.detect(styled, default="en") == "id"


@pytest.mark.parametrize(("thread", "body"), [
    ("id", "Port berubah? Apakah port untuk database nya memang dirubah?\nIlluminate\\Database\\QueryException: "
           "SQLSTATE[08006] could not connect to server: Connection refused. Is the server running on that host "
           "and accepting TCP/IP connections on the port that you have configured for it?"),
    ("id", "Gak bisa di scan QR\n**Describe the bug**\nA clear and concise description of what the bug is.\n"
           "**To Reproduce**\nSteps to reproduce the behavior: go to the page, click on the button and see the error."),
    ("es", "La descarga masiva no funciona desde ayer.\nTraceback (most recent call last): the server returned an "
           "error for this request and the client could not read the response that it was given by the server."),
    ("ro", "Nu mai merge descarcarea facturilor de ieri.\nError: the request could not be completed because the "
           "server is not responding and the connection has been closed by the remote host after the timeout."),
    ("en", "No puedo entrar.\nHere is what the log says, it was there in the morning and it is still there now."),
])
def test_a_sentence_in_the_declared_language_keeps_a_message_with_pasted_english(thread: str, body: str) -> None:
    assert d.detect_in_thread(body, thread, declared=True) == thread


def test_a_quoted_line_does_not_keep_a_reply_in_the_thread_language() -> None:
    reply = ("> no me funciona la aplicación desde ayer\n"
             "Thanks for the report. This was fixed in the last release, please update and tell us if it happens again.")
    assert d.detect_in_thread(reply, "es", declared=True) == "en"


def test_urls_paths_and_mentions_do_not_vote() -> None:
    assert d.scores("https://github.com/the/thing/with/whatever") == d.scores("")
    assert d.scores("@the_maintainer /usr/share/thing menu.lst") == d.scores("menu lst")


def test_too_short_to_tell_is_the_default() -> None:
    assert d.detect("ok thanks", default="id") == "id"
    assert d.detect_in_thread("gracias amigo", "en") == "en"


Build = Callable[[int], str]
_BASELINE = re.compile(r"(?<!\S)x")  # a pattern linear by construction, timed on the same text


def _ratio(pattern: re.Pattern[str], build: Build) -> float:
    """Growth per 10x text of `pattern`, over the baseline's on the same texts (10,000 and 100,000
    characters). On a shared machine the CPU caches make even a linear pattern grow 8-22x per
    10x here; against the baseline a linear pattern stays near 1, a quadratic one near 10."""
    def timed(p: re.Pattern[str], text: str) -> float:
        best = float("inf")
        for _ in range(3):
            t0 = time.process_time()
            for _ in range(5):
                p.sub(" ", text)
            best = min(best, time.process_time() - t0)
        return best

    small, large = build(10_000), build(100_000)
    growth = [timed(p, large) / max(timed(p, small), 1e-6) for p in (pattern, _BASELINE)]
    return growth[0] / growth[1]


@pytest.mark.parametrize("build", [
    lambda n: "a" * n,                # one long token without a noise character
    lambda n: "a/" * (n // 2),        # one long noise token
    lambda n: "ab " * (n // 3),       # many short prose tokens
    lambda n: "a/b " * (n // 4),      # many short noise tokens
    lambda n: "é" * n,
    lambda n: ":" * n,
    lambda n: "." * n,                # a run of sentence ends without a space after it
    lambda n: " " * n,                # a line of blanks that never reaches a ">"
    lambda n: "> a\n" * (n // 4),     # many quoted lines
    lambda n: "ab" * (n // 2),        # letters that never repeat three times
], ids=["long-word", "long-noise", "words", "noise", "non-ascii", "colons", "dots", "blanks", "quotes", "pairs"])
def test_noise_patterns_are_linear(build: Build) -> None:
    for pattern in (d._NOISE, d._NICK, d._QUOTE, d._SENTENCE, d._STRETCHED):
        ratio = _ratio(pattern, build)
        if ratio > 3:
            ratio = min(ratio, _ratio(pattern, build))
        assert ratio <= 3, f"{pattern.pattern}: {ratio:.1f}x the growth of a linear pattern"


@pytest.mark.parametrize(("text", "lang"), [
    # complaint tweets and brand replies, terse, with English tech words and chat forms
    ("still no signal after the router reset", "en"),
    ("cant login since the last update smh", "en"),
    ("DM us your account number and we'll check", "en"),
    ("llevo 3 días sin internet y nadie responde", "es"),
    ("otra vez caído el servidor, qué vergüenza", "es"),
    ("la app se cierra sola al abrir el chat", "es"),
    ("knp ga bisa login y min", "id"),
    ("internetnya lemot bgt dari pagi", "id"),
    ("paket sudah dibayar tapi statusnya masih menunggu", "id"),
    ("produsul a venit deteriorat, nu recomand", "ro"),
    ("aplicatia se blocheaza la fiecare update", "ro"),
    ("livrarea a durat doua saptamani, dezamagit", "ro"),
])
def test_short_real_style_texts(text: str, lang: str) -> None:
    assert d.detect(text, default="xx") == lang


@pytest.mark.parametrize(("thread", "reply"), [
    ("id", "udah update tapi masih error login"),
    ("es", "sigue el error al hacer login"),
    ("ro", "tot eroare la login dupa update"),
    ("en", "still the same error after the update"),
])
def test_a_reply_with_english_tech_words_keeps_its_thread(thread: str, reply: str) -> None:
    assert d.detect_in_thread(reply, thread) == thread
    assert d.detect_in_thread(reply, thread, declared=True) == thread


TEMPLATE = ("**Describe the bug**\nA clear and concise description of what the bug is.\n**To Reproduce**\n"
            "Steps to reproduce the behavior:\n1. Go to the page\n2. Click on the button\n3. See the error\n"
            "**Expected behavior**\nA clear and concise description of what you expected to happen.")


def test_a_thread_is_in_the_language_most_of_its_messages_are_in() -> None:
    # an Indonesian issue over GitHub's English template: its words are mostly English, its messages not
    thread = ["Gak bisa scan QR nya\n" + TEMPLATE, "udah coba restart belum bisa juga", "masih sama gan, gimana ini",
              "Gini terus"]
    assert d.detect_thread(thread, default="en") == "id"
    assert _langs(*thread) == ["id", "id", "id", "id"]
    # a tie (or no message long enough to vote) falls back to all the words together
    assert d.detect_thread(["the app does not start", "aplikasi tidak bisa dibuka"], default="es") in ("en", "id")
    assert d.detect_thread(["ok", "thanks"], default="es") == "es"


@pytest.mark.parametrize(("text", "lang"), [
    ("wiiii bagussss bangettt", "id"),
    ("pleaseee fix ittt", "en"),
    ("nu mergeee deloc aplicatiaaa", "ro"),
    ("no funcionaaa nadaaa", "es"),
])
def test_stretched_words_read_as_the_word(text: str, lang: str) -> None:
    assert d.detect(text, default="xx") == lang


def test_app_names_are_evidence_of_no_language() -> None:
    # "WhatsApp" has English "wh", but Indonesian, Spanish and Romanian reviews name it as much
    assert d.scores("whatsapp twitter youtube") == d.scores("")


# Short English reports whose words only start like Indonesian ke-/di-/per-/ter- words ("keeps",
# "display", "disabled", "permissions"): int13 read them Indonesian (main: English).
SHORT_ENGLISH = ["app keeps crashing", "screen keeps freezing", "different message displayed",
                 "Display keeps flickering", "Keyboard disconnects randomly", "Personal account disabled",
                 "Device keeps rebooting", "Permissions reset overnight", "Terrible performance lately"]


@pytest.mark.parametrize("text", SHORT_ENGLISH)
def test_short_english_with_affix_shaped_words_is_english(text: str) -> None:
    assert d.detect_thread([text], "en") == "en"
    # not the default at work: English leads whatever the fallback
    assert d.detect_thread([text], "es") == "en"
    assert d.detect(text, "ro") == "en"


@pytest.mark.parametrize(("text", "lang"), [
    ("gk bisa login", "id"),
    ("no me deja entrar", "es"),
    ("nu merge aplicatia", "ro"),
    ("dipake error terus", "id"),
    ("kenapa gak bisa diakses", "id"),
    ("udah direstart tapi masih sama", "id"),
    ("twitternya error terus dari pagi", "id"),
])
def test_short_texts_in_each_language_stay_right(text: str, lang: str) -> None:
    assert d.detect_thread([text], "en") == lang
    assert d.detect(text, "xx") == lang


def _evidence_for(word: str, lang: str) -> float:
    i = d.LANGUAGES.index(lang)
    return sum(w for j, w in d._evidence(word) if j == i)


@pytest.mark.parametrize(("word", "lang"), [
    # English words shaped like Indonesian affixed words: an English ending or cluster no Indonesian
    # word has (rules/id `foreign`)
    ("keeps", "id"), ("display", "id"), ("displayed", "id"), ("disabled", "id"), ("different", "id"),
    ("disconnects", "id"), ("disconnecting", "id"), ("permissions", "id"), ("terrible", "id"),
    ("performance", "id"), ("keyboard", "id"), ("something", "id"), ("didn't", "id"),
    # Spanish and Romanian words with Indonesian prefixes: their letters are no Indonesian
    ("dirección", "id"), ("persistă", "id"),
    # Spanish affixes or markers on English and Indonesian words: k, w, sh, th, -ng, -ed, -ly are no Spanish
    ("kepada", "es"), ("following", "es"), ("really", "es"), ("quickly", "es"),
    # Romanian: Indonesian "ny", English endings
    ("banyaknya", "ro"), ("installed", "ro"),
    # English: Indonesian "nya"/"ngg", Spanish and Romanian letters
    ("menyaring", "en"), ("tersungging", "en"),
])
def test_a_word_with_a_foreign_sequence_gets_no_shape_evidence(word: str, lang: str) -> None:
    assert _evidence_for(word, lang) == 0


@pytest.mark.parametrize(("word", "lang"), [
    # an Indonesian affix on an English stem is Indonesian chat: the suffix ends the word, and a
    # prefix on a neutral word counts whatever its letters
    ("twitternya", "id"), ("settingan", "id"), ("direstart", "id"), ("diupdated", "id"), ("diakses", "id"),
    ("dibuka", "id"), ("kesalahan", "id"),
    # Romanian articles on English stems
    ("feedback-ul", "ro"), ("dashboardul", "ro"),
    ("instalación", "es"), ("escalating", "en"),
])
def test_affixed_words_of_each_language_keep_their_evidence(word: str, lang: str) -> None:
    assert _evidence_for(word, lang) > 0


@pytest.mark.parametrize("lang", d.LANGUAGES)
def test_no_listed_word_or_affix_has_its_own_languages_foreign_sequence(lang: str) -> None:
    data = language(lang)
    for item in (*data.function_words, *data.prefixes, *data.suffixes):
        padded = f" {item.lower()} "
        assert not [f for f in data.foreign if f in padded], (lang, item)


def test_a_short_english_report_keeps_its_english_findings() -> None:
    # end to end: read Indonesian, "Screen keeps freezing" lost its TL101 finding
    ticket = Ticket(id="t", language=None, messages=(Message(role=Role.CUSTOMER,
                                                             body="Screen keeps freezing\napp keeps crashing"),))
    assert [m.language for m in Document(ticket).messages] == ["en"]


def test_the_word_memo_keeps_no_long_words() -> None:
    # a word can be 4,000 characters (a pasted blob, a run of letters): 100,000 of them memoised held
    # ~410 MB; only words of _EVIDENCE_WORD characters or fewer are kept, and their evidence is the same
    d._profiles()
    long_word = "ab" * 500
    short_word = "dibuka"
    d._EVIDENCE.pop(long_word, None)
    assert d.detect(f"{long_word} {short_word} terus", "xx") == "id"
    assert long_word not in d._EVIDENCE
    assert short_word in d._EVIDENCE
    edge = "k" + "a" * (d._EVIDENCE_WORD - 1)
    d.scores(edge)
    assert edge in d._EVIDENCE
    assert d.scores(long_word) == d.scores(long_word)  # worked out each time, the same


# --- lang13b: the lexicon gates shape evidence, a frame does not decide, unsupported languages ---

@pytest.mark.parametrize(("word", "lang"), [
    # Indonesian words ending like English -ing: the lexicons know them as Indonesian
    ("penting", "en"), ("kucing", "en"), ("anjing", "en"), ("pusing", "en"), ("kuning", "en"),
    # English words starting like Indonesian di-; Romanian words ending like Indonesian -an, -kan
    ("different", "id"), ("distance", "id"),
])
def test_a_word_the_lexicons_know_gives_no_shape_evidence_to_another_language(word: str, lang: str) -> None:
    assert _evidence_for(word, lang) < 0.02


def test_a_word_used_in_two_languages_counts_by_its_share() -> None:
    # "posting" is used about as much in Indonesian as in English: half of the -ing evidence
    assert 0.0 < _evidence_for("posting", "en") < _evidence_for("crashing", "en")


@pytest.mark.parametrize(("text", "lang"), [
    ("Hi team,\ngk bs login dr kmrn\nThanks and regards,\nAndi", "id"),
    ("Hi team, paket data ilang mulu. Thank you, regards", "id"),
    ("Hello team,\npesanan blm dtg, tlg dicek\nThank you and best regards,\nRina", "id"),
    ("Hi team,\nLa factura llegó duplicada.\nThanks and regards,\nPedro", "es"),
    ("Hello,\nComanda nu a ajuns.\nThank you and have a nice day,\nMaria", "ro"),
    ("Hola equipo,\nthe invoice was charged twice this month.\nSaludos,\nAna", "en"),
    ("Thanks and regards", "en"),
])
def test_the_body_decides_over_a_greeting_and_a_sign_off(text: str, lang: str) -> None:
    assert d.detect(text, "en") == lang


@pytest.mark.parametrize(("text", "lang"), [
    # the body a frame leaves is too short to tell its language: the whole text does
    ("Hola, no funciona. Gracias", "es"),
    ("Hola, no sirve. Gracias", "es"),
    ("Hola, urgente. Gracias", "es"),
    ("Hi, not working. Thanks", "en"),
    ("Halo, gak bisa login. Makasih", "id"),
    ("Halo, gak bisa. Makasih", "id"),
    ("Bună, nu merge. Mulțumesc", "ro"),
    ("Bună ziua, nu merge. Mulțumesc frumos", "ro"),
    # ...but a short body that tells its language alone still decides over a frame in another one
    ("Hi team, gk bisa. Thanks", "id"),
    ("Hello, nu merge. Thanks", "ro"),
])
def test_a_short_framed_message_is_read_whole_when_its_body_says_too_little(text: str, lang: str) -> None:
    assert d.detect(text, None) == lang
    assert d.identify(text) == lang
    assert d.detect_thread([text], "xx") == lang


@pytest.mark.parametrize(("text", "lang"), [
    ("non mi funziona bene compiz", "it"),
    ("Ciao, il mio telefono non si accende più da ieri, cosa posso fare?", "it"),
    ("Olá, meu celular não liga desde ontem, o que eu posso fazer?", "pt"),
    ("Oi, minha conta foi bloqueada e não consigo entrar, alguém pode ajudar?", "pt"),
    # Portuguese's own everyday words below its 150 most frequent ("olá", "ontem", "aplicação"): not Spanish
    ("Olá, não consigo entrar no aplicativo desde ontem", "pt"),
    ("A aplicação não abre desde ontem", "pt"),
    ("il y a des graphistes ? Car j'ai une image PNG avec un fond blanc", "fr"),
])
def test_a_language_we_do_not_support_is_not_read_as_the_nearest_one(text: str, lang: str) -> None:
    assert d.identify(text) == lang
    assert d.detect(text, None) is None
    assert d.detect_in_thread(text, "en") == "en"


@pytest.mark.parametrize(("text", "lang"), [
    ("La aplicación no funciona en mi teléfono desde ayer", "es"),
    ("no me llega el codigo de verificacion, ya intente 3 veces", "es"),
    ("Buenas tardes, desde el lunes no tengo internet en casa", "es"),
    ("nu merge aplicatia de ieri", "ro"),
    ("Aplikasi tidak bisa dibuka per hari ini", "id"),
    ("Screen keeps freezing, the app keeps crashing since the update", "en"),
    ("how do I come back to the old version? the new one is slow", "en"),
    ("am o problemă cu comanda, nu a venit nici azi", "ro"),
    ("nu mai merge aplicatia dupa update, ce sa fac?", "ro"),
    ("pesanan saya belum sampai padahal sudah lewat seminggu", "id"),
    ("tolong cek akun saya, tidak bisa login sejak kemarin", "id"),
    ("la app no me deja pagar con tarjeta, que hago?", "es"),
    # words Spanish writes as well as Portuguese ("consigo", "entrar", "desde") are no Portuguese evidence
    ("Hola, no consigo entrar", "es"),
    ("no consigo entrar a la app desde ayer", "es"),
])
def test_our_languages_stay_ours(text: str, lang: str) -> None:
    assert d.detect(text, "en") == lang
    assert d.identify(text) == lang


@pytest.mark.parametrize(("text", "lang"), [
    ("[Bug]: gabisa install\n### Problem description\nTidak bisa install paket, muncul error terus\n"
     "### What steps will reproduce the bug?\nbuka termux lalu ketik pkg install", "id"),
    ("**Describe the bug**\nLa aplicación se cierra sola al abrir la cámara\n**Smartphone**\n- Device: Pixel 6", "es"),
    ("### Descrierea problemei\nNu se mai descarcă factura după ultima actualizare", "ro"),
])
def test_a_forms_headings_and_bold_labels_are_not_the_writers_words(text: str, lang: str) -> None:
    assert d.detect(text, "en") == lang


def test_a_message_of_headings_only_is_still_read() -> None:
    assert d.detect("### Steps to reproduce the problem with the login", None) == "en"


def test_a_framed_body_in_another_language_leaves_an_english_thread() -> None:
    # an Indonesian customer writing over an English greeting and sign-off, in a thread detected English
    body = "Hi team,\nsaya sudah bayar tagihan tapi internet masih belum bisa dipakai sampai sekarang\nThanks and regards,\nBudi"
    assert d.detect_in_thread(body, "en") == "id"
    assert d.detect_thread([body, "Tolong dibantu ya kak, sudah 3 hari"], "en") == "id"
