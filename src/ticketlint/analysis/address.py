"""Whom a chat message is addressed to, when it opens by naming them: "nick: ...", "nick, ..." (issue 13, chat14).

In a multi-party chat (IRC, Slack, a community forum thread) a message opens with its addressee's name, the chat
convention: "daniel_: yes", "Kimish, the computer with the error doesn't have internet?". Two readers need that name:

- analysis/failure.py (TL101/TL104): a message addressed to another user that speaks of their system is advice, not a
  report (`ADDRESS`, `NOT_NICK`, `participant`).
- the reply rules (TL301-TL304, TL402: `RuleMeta.replies_only`): several people answer a customer and they also talk to
  each other ("nick2: no, that flag was removed in 22.04", "bob: yes", "alice: you should have read the man page"). A
  message of an agent that opens by naming another agent of the thread is a side remark between helpers, no reply to the
  customer (`side_remarks`). A message addressed to the customer, to a name that is nobody's in the thread, or to nobody,
  stays a reply.

The convention is not bound to a language: the name comes first, before a colon or a comma, and a greeting may come
before the name ("hi bob,", "Hola Ana,", "Halo Kak Rina,", "Bună Ioana,": questions.py `greeting_prefix`, the greetings of
every language's vocabulary).

A Slack- or GitHub-style "@name" opening a message counts for the reply rules only when it names, exactly, an agent of
the thread ("@bob can you take this one?"): a handle is completed or copied, so it is never a shortened nick, and an "@name"
that is not a participant's ("@maintainer your app crashes", a customer's report about the addressee's product; a
mention of someone outside the thread) decides nothing. The failure reader does not read "@name" at all.
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import TYPE_CHECKING, NamedTuple

from .. import packs, recache
from ..model import LANGUAGES, Role
from ..packs.files import on_reset
from ..patterns import Phrases
from . import person, questions
from .jargon import common_words
from .text import fold

if TYPE_CHECKING:  # document.py imports the analysis modules: no cycle at run time
    from ..document import AnalysedMessage, Authors, Document

# A chat line that opens by naming its addressee: "nick: ...", "nick, ..." (the chat convention), in folded or raw text.
# A blank must follow the mark, so a link's scheme ("http://"), a time ("10:30") or a drive ("C:\\") is no name; a name
# starts with a letter or a nick's punctuation, never a digit. Bounded name: one try at offset 0, linear.
ADDRESS = recache.compile(r"[ \t]*([A-Za-z_\[\]\\^{}|`][\w\[\]\\^{}|`-]{1,24})[:,][ \t]")
# The same with one blank before the mark, as some IRC users write it ("bob2 : killin backups is worse", "sinope[crashed] ,
# it basically is Debian"). Read only where the name must then be an author of the thread (`side_remarks`): in prose a
# word, a blank and a comma or colon is common ("Parah , tiba-tiba keluar ...", "Catatan : ..."), and failure.py, which
# takes any name written as a nick, does not read it.
SPACED_ADDRESS = recache.compile(r"[ \t]*([A-Za-z_\[\]\\^{}|`][\w\[\]\\^{}|`-]{1,24})[ \t][:,][ \t]")
# Words that open a message with a colon or comma but name nobody ("Update: ...", "Hi, ...", "Also, ...").
NOT_NICK = frozenset(
    "hi hello hey ok okay yes yeah yep no nope well so also and but then update edit note error problem issue thanks thank"
    " question ps btw fyi summary steps result results expected actual description environment version log output edit2"
    " hola gracias bueno pues entonces nota actualización actualizacion halo hai min gan kak bang oke ya tidak salut"
    " buna bună mulțumesc multumesc deci".split()
)
# Words that address everyone a message goes to, the customer too ("Hi all,", "Hello everyone,", "Hola a todos,", "Halo
# semua,", "Salut tuturor,"): no helper's name, though a helper's nick may begin with one ("allan") or be its beginning
# ("eve"); read by the side remarks (`_opening`) only, in folded text, four languages.
EVERYONE = frozenset(
    "all everyone everybody guys folks yall people team friends there"
    " todos todas chicos chicas gente equipo amigos"
    " semua semuanya kalian sekalian teman temen teman2 rekan"
    " tuturor toti toate lumea prieteni".split()
)
# what only a chat nick holds among the words that open a message with a comma or a colon: a digit, or a nick's punctuation
NICK_MARK = recache.compile(r"[\d_\[\]\\^{}|`]")
# A handle opening a message ("@bob ", "@ana.m,"): bounded, not glued to what follows.
_HANDLE = recache.compile(r"[ \t]*@(\w(?:[\w.-]{0,38}\w)?)(?![\w@])[:,]?[ \t]")
# The name a greeting prefix ends with ("hola ana, " -> "ana"; "halo kak rina: " -> "rina").
_LAST_WORD = recache.compile(r"([\w.]{1,40})\s*[,!:]\s*$")


def _opening(folded: str, spaced: bool) -> tuple[str, int] | None:
    """The first addressee a message (folded text) opens by naming, lowered, and where what follows it starts."""
    m = ADDRESS.match(folded)
    if m is None and spaced:
        m = SPACED_ADDRESS.match(folded)
    if m is not None:
        nick, end = m.group(1).lower(), m.end()
    else:
        lead = len(folded) - len(folded.lstrip(" \t"))
        g = questions.greeting_prefix().match(folded, lead)
        if g is None or (last := _LAST_WORD.search(g.group(0))) is None or last.start() == 0:
            return None
        nick, end = last.group(1).lower().strip("."), g.end()
    if nick in NOT_NICK or nick in EVERYONE or len(nick) < 3:
        return None
    return nick, end


def opening_name(folded: str, spaced: bool = False) -> str | None:
    """The addressee a message (folded text) opens by naming, lowered: "nick2: no ..." -> "nick2", "hola ana, sí" ->
    "ana"; None when it opens with no name, with a word that names nobody (`NOT_NICK`: "Note: ...", "Hi, ...") or with a
    name of fewer than three characters. `spaced`: a blank may come before the mark ("bob2 : ...", `SPACED_ADDRESS`), for
    a reader that then requires the name to be an author's."""
    found = _opening(folded, spaced)
    return found[0] if found is not None else None


def opening_names(folded: str, spaced: bool = False, most: int = 4) -> list[tuple[str, int]]:
    """The addressees a message opens by naming, in order, each with where what follows it starts: "geneo93, swj: http://..."
    -> geneo93, swj (a line to several people names each before the colon). The later ones are read as `ADDRESS` only;
    the caller decides where the names end (a word that names no participant is the message's first word)."""
    first = _opening(folded, spaced)
    if first is None:
        return []
    out = [first]
    while len(out) < most:
        m = ADDRESS.match(folded, out[-1][1])
        if m is None and spaced:
            m = SPACED_ADDRESS.match(folded, out[-1][1])
        if m is None or (nick := m.group(1).lower()) in NOT_NICK or nick in EVERYONE or len(nick) < 3:
            break
        out.append((nick, m.end()))
    return out


class Named(NamedTuple):
    """The authors a nick names (`named`): `authors.names[lo:hi]` (the sorted authors the nick begins), less the message's
    own author when `own_out` (it is in that range and wrote only this message), and `prefixes` (authors the nick begins
    with). The range is given by its bounds, not listed: a reader counts it, or sums over it, in constant time.
    `names_own`: the message's own author is among them (it wrote other messages too): a message to oneself is no side
    remark (`side_remarks`)."""

    lo: int
    hi: int
    own_out: bool
    prefixes: tuple[str, ...]
    names_own: bool

    def total(self) -> int:
        """How many authors the nick names."""
        return self.hi - self.lo - self.own_out + len(self.prefixes)


def named(nick: str, own: str, authors: Authors) -> Named:
    """The one rule of which authors of a thread `nick` (lowered, as a message opens with it) names, `own` being the folded
    author of the message that names it: every reader of names asks here (`authors_named`, `participant`, `side_remarks`).

    A nick names an author of a message other than this one (a message never names its own author, unless the author wrote
    others: "bob: ..." by bob answers nobody else):
    - whose name it is, or whose name it begins ("kimish" for "Kimish_": chats shorten nicks, and tab-completion copies
      them whole);
    - whose name of three letters or more it begins with, when what it adds begins with no letter: a decorated nick
      ("carol_", "bob2", "bob|away", "sinope[crashed]" for carol, bob, sinope). Letters after the name make another word:
      "Solution: run X", "Solución:", "Solusi:", "Soluție:" do not name a helper "Sol", nor "Anatomy, ..." one called
      "Ana" (review15). A nick is decorated with digits and punctuation, a word goes on in letters, and that holds in
      every language and needs no word list; a name that is written whole ("sol: ...") still names its author.
    In time logarithmic in the authors the nick begins, plus the nick's length: a thread of many helpers whose nicks share a
    beginning stays linear (tests/test_thread_linear.py)."""
    names, messages = authors.names, authors.messages
    lo = bisect.bisect_left(names, nick)
    hi = bisect.bisect_left(names, nick + "\U0010ffff", lo)
    while hi < len(names) and names[hi].startswith(nick):  # a name with U+10FFFF after the nick
        hi += 1
    own_in_range = own in messages and own.startswith(nick)
    own_out = own_in_range and messages[own] == 1
    prefixes = tuple(p for k in range(3, len(nick)) if not nick[k].isalpha() and messages.get(p := nick[:k], 0) > (p == own))
    return Named(lo, hi, own_out, prefixes, (own_in_range and not own_out) or own in prefixes)


def authors_named(nick: str, msg: AnalysedMessage, document: Document) -> list[str]:
    """The authors (folded) of messages other than `msg` that `nick` (lowered) names (`named`)."""
    if len(nick) < 3:
        return []
    authors = document.authors
    found = named(nick, fold(msg.message.author or ""), authors)
    ranged = authors.names[found.lo : found.hi]
    if found.own_out:
        own = fold(msg.message.author or "")
        ranged = tuple(a for a in ranged if a != own)
    return [*ranged, *found.prefixes]


def participant(nick: str, msg: AnalysedMessage, document: Document) -> bool:
    """Whether `nick` (lowered) is a chat participant: written as a nick (`NICK_MARK`), or naming the author of another
    message of the thread (`named`)."""
    if len(nick) < 3:
        return False
    if NICK_MARK.search(nick) is not None:
        return True
    return named(nick, fold(msg.message.author or ""), document.authors).total() > 0


def side_remarks(document: Document) -> frozenset[int]:
    """The indexes of the agent messages addressed to another agent of the thread: a side remark between helpers, no
    reply to the customer (the reply rules skip them, `RuleMeta.replies_only`).

    A message is one when it opens by naming its addressees (`opening_names`: "carol: ...", "carol, dave: ..."; or an
    "@handle" naming an author exactly) and every author the names name (`named`) wrote only agent messages and
    is not the message's own author: "geneo93, swj: http://..." names the customer swj too, and stays a reply.
    Addressed to the customer (an author with a customer message), to a name no other message's author bears, or to
    nobody, it stays a reply.
    """
    authors = document.authors
    if sum(1 for r in authors.roles.values() if Role.AGENT in r) < 2:
        return frozenset()  # one helper at most: nobody else for an agent to talk to
    names, messages, helper = authors.names, authors.messages, authors.helper
    # how many of the sorted authors before each are not helpers only (a customer's name): the authors a nick names are
    # a range of `names` and a few prefixes (`named`), so whether all of them are helpers is one subtraction, not a walk
    # of the range per message (a thread of many helpers whose nicks share a beginning was quadratic:
    # tests/test_thread_linear.py)
    not_helper = [0]
    for name in names:
        not_helper.append(not_helper[-1] + (not helper(name)))
    out: list[int] = []
    for msg in document.messages:
        if msg.role is not Role.AGENT:
            continue
        prose = msg.prose
        if ":" not in prose and "," not in prose and "@" not in prose:
            continue
        own = fold(msg.message.author or "")
        handle = _HANDLE.match(prose)
        if handle is not None:
            name = fold(handle.group(1))
            found, helpers = (1, name != own and helper(name)) if name in messages else (0, True)
        else:
            found, helpers = 0, True
            for nick, _ in opening_names(fold(prose[:120]), spaced=True):
                these = named(nick, own, authors)
                n = these.total()
                if not n:
                    break  # no participant's name: the message's own first word ("carol, thanks: ...")
                others = not_helper[these.hi] - not_helper[these.lo] - (these.own_out and not helper(own))
                found += n
                helpers = helpers and not others and not these.names_own and all(map(helper, these.prefixes))
        if found and helpers:
            out.append(msg.index)
    return frozenset(out)


# -- who a line of a multi-party chat is for, and who is a customer there (issue 13, addr19) -----------------------------
#
# A chat thread is read with its opener as the customer and everyone else as an agent (the IRC threads, a Slack or forum
# thread exported the same way). In a channel that is often wrong for a line, and the agent rules then judge as a reply a
# line that is none: a second user describing their own problem ("im having a problem with cron not working"), a line to
# a nick who is not the asker ("netcatc: use a live CD"; the bot's "!grub | netcatc"), the answers of a participant the
# opener is helping ("theine: are you using proprietary drivers?" - "Ex-Cyber: I'm using the open-source radeon drivers").
# `chat_asides` reads it once per thread and the agent rules skip those lines (`Document.side_remarks`,
# `RuleMeta.replies_only`). What makes a line a help request of the writer's own is said per language in
# rules/<lang>/chat.toml. A thread of two participants or fewer, a helpdesk or issue-tracker export (a subject, several
# customers, messages over several lines) is never read here (`chat_opener`).

CHAT = "chat"  # rules/<lang>/chat.toml

packs.declare(
    CHAT,
    packs.PackSchema(
        keys={
            "own_requests": packs.Key(
                "patterns",
                "a participant's first line asking for help for themselves ('anyone know how to', 'alguien sabe', 'ada yang"
                " tahu', 'știe cineva'): that participant is a second customer of the chat, not a helper",
                required=True,
            ),
            "own_states": packs.Key(
                "patterns",
                "the writer's own setup or problem in the first person ('my sound card', 'no puedo', 'laptop saya', 'nu pot'):"
                " a second customer when the first line holds no word to the reader (analysis/person.py)",
                required=True,
            ),
            "help_asks": packs.Key(
                "patterns",
                "what asks the one a line names for help ('do you know', '¿sabes dónde', 'bisa bantu', 'știi cum'): an opener's"
                " line to a participant holding one leaves that participant a helper",
                required=True,
            ),
        },
        examples=False,
    ),
)

# A bot's factoid sent to a nick ("!grub | netcatc", "!pastebin > sree"): for that nick, whoever typed it.
_FACTOID_TO = recache.compile(r"[ \t]*!\w[\w.+-]{0,39}[ \t]*[|>][ \t]*([A-Za-z_\[\]\\^{}|`][\w\[\]\\^{}|`-]{0,24})[ \t]*$")
# A nick written bare as a line's first word, without a colon or comma ("vee_ yeah, in the bios", "thor.. i got the file"):
# read only when it is, exactly, the name of an author of the thread.
_BARE = recache.compile(r"[ \t]*([A-Za-z_\[\]\\^{}|`][\w\[\]\\^{}|`-]{2,24})(?:[ \t]|[.!?]{1,3}(?:[ \t]|$)|$)")


@functools.cache
def _chat_phrases(key: str, lang: str) -> Phrases | None:
    """`key` of the language's chat.toml, folded."""
    return packs.phrases(CHAT, key, lang, fold=True)


on_reset(_chat_phrases.cache_clear)


def _chat_languages(lang: str) -> tuple[str, ...]:
    """The packs a chat line is read with: its own language's and English (chat mixes English in, and a short line's
    language is often mistaken)."""
    return tuple(dict.fromkeys(x for x in (lang, "en") if x in LANGUAGES))


def _ordinary(word: str, lang: str) -> bool:
    """Whether `word` (folded) is an ordinary word of the line's language or of English (rules/<lang>/words.toml): a nick
    that is one ("try", "check", "will") opens a line bare as that word does ("try the other driver"), naming no one."""
    return any(word in common_words(lg) for lg in _chat_languages(lang))


def _says(folded: str, keys: tuple[str, ...], langs: tuple[str, ...]) -> bool:
    """Whether a phrase of one of the chat.toml lists `keys`, in one of `langs`, is in the line (folded)."""
    return any((pat := _chat_phrases(key, lg)) is not None and pat.search(folded) is not None for lg in langs for key in keys)


def own_request(folded: str, lang: str) -> bool:
    """Whether a line (folded) asks for help for its writer or tells their own problem (rules/<lang>/chat.toml): an
    `own_requests` phrase, or an `own_states` phrase in a line with no word to the reader (analysis/person.py: "my wifi
    drops" is the writer's; "my box runs it fine, try yours" is a helper's, as it speaks to someone)."""
    langs = _chat_languages(lang)
    if _says(folded, ("own_requests",), langs):
        return True
    return _says(folded, ("own_states",), langs) and not person.to_reader(folded, langs)


def asks_of_them(folded: str, lang: str) -> bool:
    """Whether an opener's line (folded) to a participant asks about that participant's own setup, so that the opener is
    the one helping: it speaks to them (a word to the reader, analysis/person.py: "are you using proprietary drivers?",
    "if you get that file created ..."), and it holds none of the opener's own words ("can you help me?" asks for the
    opener) and no request for help (`help_asks`: "do you know where apt-get puts binaries?", `own_requests`). A bare
    report of a result ("bob: failed.") or a question with no "you" ("bob: any help with JRE?") asks nothing of them."""
    langs = _chat_languages(lang)
    return (person.to_reader(folded, langs) and not person.of_writer(folded, langs)
            and not _says(folded, ("help_asks", "own_requests"), langs))


_WORDS = recache.compile(r"[^\W\d_]+")
_ANSWER_WORDS = 4  # an opening line of fewer words (its addressee's name counted) is a result reported, not an answer


def answers_them(msg: AnalysedMessage) -> bool:
    """Whether the opener's line that opens the thread, addressed to a participant, answers them (chat21): a chat thread
    that opens with a line to someone ("nalioth: KArhuton: open a terminal and type ...", "kbrooks: sinope: it's best to rm
    -rf /home") was cut from a conversation already going on, and the opener is answering what that participant asked
    before it, so that what they write next is about their own setup; unless the line is short (fewer than
    `_ANSWER_WORDS` words, names included: "bob: failed."), tells the opener's own setup (a first-person word) or a failure
    (failure.toml `patterns`, `contextual`: "bob: it still doesn't work"), asks them something (a question:
    "bob2: why is it again you said the module wasn't compiled?", which `asks_of_them` reads) or asks them for help
    (`help_asks`, `own_requests`: "bob: can you help me", "guest__: anyone know where to find it")."""
    prose = msg.prose
    if "?" in prose or "¿" in prose:
        return False
    folded = fold(prose)
    langs = _chat_languages(msg.language)
    if len(_WORDS.findall(folded)) < _ANSWER_WORDS or person.of_writer(folded, langs) or _says(folded, ("help_asks", "own_requests"), langs):
        return False  # "bob: failed.", "bob: my card still drops": the opener reports their own result to their helper
    return not any((pat := packs.phrases("failure", key, lg, fold=True)) is not None and pat.search(folded) is not None
                   for lg in langs for key in ("patterns", "contextual"))  # "bob: it still doesn't work"


class _To(NamedTuple):
    """Whom a chat line is for, as its opening says: the authors it names (folded), and whether it names a nick that is
    nobody's in the thread."""

    authors: tuple[str, ...]
    outsider: bool


_MOST_NAMED = 4  # a nick naming more authors than this (many nicks sharing a beginning) names no one for `_line_to`


def _few_named(nick: str, msg: AnalysedMessage, document: Document) -> list[str]:
    """The authors `nick` names (`named`) when they are few; none when it names more than `_MOST_NAMED`, as a nick many
    authors begin names none of them surely, and listing them per line would make a thread of such nicks quadratic."""
    if len(nick) < 3:
        return []
    found = named(nick, fold(msg.message.author or ""), document.authors)
    if found.total() > _MOST_NAMED:
        return []
    return authors_named(nick, msg, document)


def _line_to(msg: AnalysedMessage, own: str, document: Document, nicks_used: bool) -> _To:
    """Whom a chat line opens by naming: "nick: ...", "nick, ..." and the spaced forms (`opening_names`), "@handle", a
    bot's factoid sent to a nick ("!grub | nick"), or an author's exact name as its bare first word ("vee_ yeah"), unless
    that name is an ordinary word ("try the other driver" from a thread with a "try" in it, `_ordinary`).

    A name that names no author is a nick of someone outside the thread when it is written as a nick (`NICK_MARK`: a
    digit or a nick's punctuation), or, in a thread whose lines address each other by name (`nicks_used`), when a colon
    follows it ("edju: medibuntu is ..."); a word before a comma ("Sorry, ...", "Actually, ...") names nobody."""
    authors = document.authors
    prose = msg.prose
    head = fold(prose[:120])
    factoid = _FACTOID_TO.match(head)
    if factoid is not None:
        nick = factoid.group(1).lower()
        targets = _few_named(nick, msg, document)
        return _To(tuple(targets), not targets and len(nick) >= 3 and named(nick, own, authors).total() == 0)
    handle = _HANDLE.match(prose)
    if handle is not None and (name := fold(handle.group(1))) in authors.messages and name != own:
        return _To((name,), False)
    names = opening_names(head, spaced=True)
    if names:
        found: list[str] = []
        outsider = False
        for i, (nick, end) in enumerate(names):
            these = _few_named(nick, msg, document)
            if these:
                found.extend(these)
                continue
            if i == 0 and named(nick, own, authors).total() == 0 and ADDRESS.match(head) is not None and (
                NICK_MARK.search(nick) is not None or (nicks_used and head[end - 2 : end - 1] == ":")
            ):
                outsider = True
            break
        return _To(tuple(found), outsider and not found)
    bare = _BARE.match(head)
    if bare is not None and (name := bare.group(1)) != own and authors.messages.get(name) and not _ordinary(name, msg.language):
        return _To((name,), False)
    return _To((), False)


# A ticket's `channel` field (Zendesk's "via", Freshdesk's source, ServiceNow's contact type, a mapped CSV's column) that names a
# desk's channel: e-mail (any word holding "mail": "email", "Outbound Email"), a web form or portal, the phone. Such a thread is
# no chat even when its messages are one line each and it has no subject (review21: a mapped CSV of one-line e-mails).
_DESK_CHANNEL = recache.compile(r"mail|^[ \t]*+(?:web(?: ?form)?|portal|phone|voice|self-service|walk-in|feedback widget)[ \t]*+$", re.IGNORECASE)


def chat_thread(document: Document) -> bool:
    """Whether the thread reads as a chat (chat21): every message has a known author, two or more authors write in it,
    and it has none of a desk's marks (no subject, no message ids, no e-mail addresses for authors, no internal notes,
    one line per message, as a chat line is). In a chat a helper's answer runs over several lines, often with another
    participant's line between them, and is read whole (`replies.reply_units`); an e-mail or ticket thread, whose
    messages are each a whole answer, is never read so. Unlike `chat_opener` it asks nothing of the roles (a chat
    exported with its desk's roles is a chat too) and two participants make one: a helper's answer over several lines
    is the same with or without a third."""
    messages = document.messages
    if len(document.authors.names) < 2 or document.ticket.subject:
        return False
    channel = dict(document.ticket.extra).get("channel")
    if channel and _DESK_CHANNEL.search(channel):
        return False  # the export says the thread came by e-mail, a form or the phone
    for m in messages:
        author = m.message.author or ""
        if not author.strip() or m.message.id or "@" in author or m.role is Role.NOTE or "\n" in m.body.strip():
            return False
    return True


def chat_opener(document: Document) -> str:
    """The opener (folded) of a thread read as a multi-party chat, or "" when it is none: three or more authors, the
    chat's roles (one author, the opener, writes every customer message; everyone else answers as an agent), no
    subject, and every message one line, as a chat line is. A helpdesk or issue-tracker export, whose roles are the
    desk's own (several customers, a maintainer) and whose messages run over lines, is never read as a chat; nor is a
    desk's ticket whose messages are one line each and come without a subject (a CSV mapped without its subject column,
    review19): its comments carry the desk's own ids (`Message.id`) or its participants are e-mail addresses, and no chat
    line or nick has either."""
    authors = document.authors
    if len(authors.names) < 3 or document.ticket.subject:
        return ""
    if any(m.message.id or "@" in (m.message.author or "") for m in document.messages):
        return ""
    customers = [name for name, roles in authors.roles.items() if Role.CUSTOMER in roles]
    if len(customers) != 1 or authors.roles[customers[0]] != frozenset((Role.CUSTOMER,)):
        return ""
    if any(m.role is Role.NOTE or "\n" in m.body.strip() for m in document.messages):
        return ""
    return customers[0]


def chat_asides(document: Document) -> frozenset[int]:
    """The agent messages of a multi-party chat that are no reply to its customer (the opener of the thread): the side
    remarks between helpers (`side_remarks`), and, in a thread read as a chat (`chat_opener`: three or more authors,
    one of them the only customer, one line per message):

    - every line of a **second customer**: a participant whose first line, not addressed to the opener, asks for help for
      themselves or tells their own problem (`own_request`), except a line of theirs that names the opener;
    - every line of a participant **the opener is helping**: the opener named them before they wrote anything, in a line
      that asks about their own setup (`asks_of_them`: "theine: are you using proprietary drivers?", "if you get that
      file created ..."), so that what they write is about their own setup; "bob: can you help me?" or "bob: do you know where
      ...?" asks bob for help and leaves bob a helper, "bob: failed." reports to him;
    - a line **to someone else**: it opens by naming only other participants than the opener (helpers, second
      customers, participants the opener is helping; also in the forms `side_remarks` does not read: a bare nick, a
      factoid "!grub | nick") or a nick that is nobody's in the thread (`_line_to`);
    - the **answer to such a line, or its continuation**: a line naming no one, right after a line to someone else
      that named its writer ("bob2: merriam: did you use -vo xv?" - "merriam: no") or was its writer's ("f_newton, lilo
      is used on ppc" - "grub can't boot off LVM").

    A line that names the opener, or no one, stays a reply, whatever its writer. One pass over the thread, each line read
    once (its opening names and, for a participant's first line, its words): linear in the thread."""
    remarks = side_remarks(document)
    opener = chat_opener(document)
    if not opener:
        return remarks
    messages = document.messages
    nicks_used = False  # whether some line of the thread opens with an author's name (the chat's addressing convention)
    lines: list[tuple[AnalysedMessage, str, _To]] = []
    for msg in messages:
        own = fold(msg.message.author or "")
        to = _line_to(msg, own, document, nicks_used)
        nicks_used = nicks_used or bool(to.authors)
        lines.append((msg, own, to))
    spoken: set[str] = set()
    kind: dict[str, str] = {}  # author -> "customer" (a second customer), "helped" (the opener helps them), "helper"
    out = set(remarks)
    before: tuple[int, tuple[str, ...], str] = (-1, (), "")  # the line just before: its index, whom it named, its writer
    opening_line = messages[0].index if messages else -1
    for msg, own, to in lines:
        last, before = before, (msg.index, to.authors, own)
        if own == opener:
            if msg.role is Role.CUSTOMER and to.authors and (
                asks_of_them(fold(msg.prose), msg.language) or (msg.index == opening_line and answers_them(msg))
            ):
                for name in to.authors:
                    if name != opener and name not in spoken:
                        kind.setdefault(name, "helped")
            spoken.add(own)
            continue
        first = own not in spoken
        spoken.add(own)
        if msg.role is not Role.AGENT or not own:
            continue
        names_opener = opener in to.authors
        if first and own not in kind:
            kind[own] = "customer" if not names_opener and own_request(fold(msg.prose), msg.language) else "helper"
        role = kind.get(own, "helper")
        if role == "helped" or (role == "customer" and not names_opener):
            out.add(msg.index)
        elif not names_opener and (to.outsider or to.authors):
            out.add(msg.index)  # to other participants only: helpers (a line `side_remarks` may not read: "jimbo no ..."),
            # second customers, participants the opener helps
        elif not to.authors and not to.outsider and last[0] in out and last[1] and (own in last[1] or own == last[2]):
            # naming no one, right after a line to someone else: the answer of the one it named, or its writer going on
            out.add(msg.index)
    return frozenset(out)
