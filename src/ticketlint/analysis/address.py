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
from typing import TYPE_CHECKING, NamedTuple

from .. import recache
from ..model import Role
from . import questions
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
