"""A customer's questions, their key words, and what in a reply can answer them (TL302).

Questions (customer prose: quotes, signatures and logs are already blanked):
sentences ending with "?" or opened with "¿", sentences opening with a
question phrase of the pack (`question_starts`: "how do I", "apakah",
"cum pot", "quisiera saber si", ...), and items of a numbered list under a
line announcing questions. Generic requests ("can you help me?", "any
update?", "has anyone else seen this?": pack `not_questions`) and form fields
filled in with a guess ("OS: Windows?") are not counted; "...? Or ...?" is one
question with two alternatives. A question right after another that depends
on its answer ("Is there a way to X? If not, is it possible to Y?", pack
`conditional_leads`) is marked `conditional`: TL302 takes it as answered when
the reply answers the one before in its words. `merge` drops repeats (same key words).

Key words of a text (folded: lower case, no accents; not a stopword of the
pack; three letters or more, or a number) are stemmed and cut to five letters,
so that "invoices" in a question meets "invoice" in the reply.

The vocabulary is `rules/<lang>/questions.toml`, declared here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import packs, recache
from ..model import LANGUAGES
from ..packs.files import on_reset
from ..patterns import Phrases
from . import vocabulary
from .text import ADDRESSEE, COMMAND_LINE, QUESTION_ITEM, QUESTION_MARKER, TOKEN, LineCursor, ListMarkers, blank, fold, sentences
from .thread import Exchange, block_memo

if TYPE_CHECKING:  # document.py imports this module: no cycle at run time
    from ..document import AnalysedMessage

SCHEMA = packs.PackSchema(
    keys={
        "question_starts": packs.Key("patterns", "a sentence opening with one of these is a question even without '?'", required=True),
        "yes_no_starts": packs.Key("patterns", "openings of a yes/no question", required=True),
        "tag_questions": packs.Key("patterns", "tag questions ('..., right?'), not word-bounded", required=True),
        "yes_no_answers": packs.Key("patterns", "a reply sentence opening with one of these answers a yes/no question", required=True),
        "open_question_starts": packs.Key("patterns", "question words: a bare yes or no cannot answer these", required=True),
        "alternative_leads": packs.Key("patterns", "a question opening with one of these is an alternative of the one before ('or')"),
        "conditional_leads": packs.Key(
            "patterns", "a question opening with one of these depends on the answer to the question just before ('if not, ...')"),
        "question_headers": packs.Key("patterns", "a line announcing a list of questions (not word-bounded)"),
        "lead_ins": packs.Key("patterns", "words skipped before a question ('and', 'also', 'second question:')"),
        "not_questions": packs.Key("patterns", "questions that need no separate answer ('can you help?', 'any update?')"),
        "not_question_starts": packs.Key("patterns", "sentences opening with these continue a statement ('since ...?')"),
        "stopwords": packs.Key("words", "never key words (space-separated words per item)", required=True),
        "no_answer_words": packs.Key("words", "words of stock phrases (thanks, apologies, forwarding): no answer"),
        "restatement_words": packs.Key(
            "words", "words a reply may add when it restates a yes/no answer: negation, tense and aspect, plans, possibility"),
        "permission_modals": packs.Key(
            "words", "modals of permission ('can', 'puede', 'bisa', 'puteți'): 'yes, you can use it' to 'Can I use it?' says the yes back"),
        "plan_words": packs.Key(
            "words", "a refusal holding one of these denies a plan or support ('We don't have such a plan'): a bare no, not only a refusal"),
        "place_questions": packs.Key("patterns", "question words asking where ('where', 'dónde', 'unde', 'di mana')"),
        "place_answers": packs.Key("patterns", "a reply sentence opening with one of these names a place ('in', 'en', 'în', 'di'): it answers a 'where?'"),
        "quantity_questions": packs.Key("patterns", "question words asking a number or amount ('how many', 'cuántos', 'berapa', 'câte')"),
        "quantity_answers": packs.Key("patterns", "words of a quantity ('unlimited', 'ilimitado', 'tidak terbatas', 'nelimitat'): with a number, they answer a 'how many?'"),
        "regret_answers": packs.Key(
            "patterns", "a reply opening with one of these answers a yes/no question with a no, whatever the statement after it "
            "('Unfortunately the EU shop has fewer options.', 'Lamentablemente ...', 'Sayangnya ...', 'Din păcate ...')"),
        "polar_adverbs": packs.Key(
            "patterns", "a polarity adverb opening the reply before the verb it governs ('belum saya tambahkan', 'todavía no lo "
            "añadí', 'încă nu l-am adăugat', 'not yet added'): the yes or no itself, the verb its restatement"),
        "reassurance_answers": packs.Key(
            "patterns", "a reassurance ('no worries', 'no te preocupes', 'gak apa-apa', 'nu vă faceți griji'): alone after a yes/no "
            "question that closes the customer's message ('Should I send you the $9?'), the bare no"),
        "indirect_question_starts": packs.Key(
            "patterns", "an indirect question ('I wanted to know if', 'quería saber si'): a question without '?', also after a clause of its own"),
        "unknown_answers": packs.Key(
            "patterns", "a reply that does not know ('idk', 'ni idea', 'gak tau', 'nu știu'), as a clause of its own: beside a yes or no to "
            "another question it adds nothing (TL301)"),
    },
    examples=False,
)
packs.declare("questions", SCHEMA)

_PACK = "questions"
_DIGIT = recache.compile(r"\d")
# A character that is not list-marker text: the line before a sentence holds none of them when the
# sentence is a list item ("1. 2. Foo?" counts: prose[line_start:s].strip(...) was empty).
_NOT_MARKER_TEXT = recache.compile(r"[^ \t\-*•0123456789.)]")


@dataclass(frozen=True, slots=True)
class Question:
    """A customer's question: where it is, its words as shown, its key words, whether it asks yes/no."""

    msg: int
    span: tuple[int, int]
    text: str
    keys: frozenset[str]
    yes_no: bool
    open: bool = False  # opens with a question word ("when", "cuándo", "kapan", "când"): a bare yes cannot answer it
    # A question of fewer than two key words points back ("¿Cómo podría gestionarlo?" after "necesitaría una
    # factura"): the key words of the sentence before it, which a reply may answer it by.
    context: frozenset[str] = frozenset()
    # Asked right after another question and depending on its answer ("Is there a way to X? If not, can I Y?",
    # `conditional_leads`): a reply answering the one before in its words answers it or makes it moot (TL302).
    conditional: bool = False


def _phrases(key: str, lang: str | None, *, word_bounded: bool = True, extra: tuple[str, ...] = ()) -> Phrases | None:
    return packs.phrases(_PACK, key, lang, fold=True, word_bounded=word_bounded, extra=extra)


# -- key words ------------------------------------------------------------


@functools.cache
def stopwords(lang: str, extra: tuple[str, ...] = ()) -> frozenset[str]:
    """Words that are never key words in `lang` (English ones too: replies mix them in), plus `extra`."""
    return pack_words(lang, "stopwords") | {fold(w) for w in extra}


@functools.cache
def pack_words(lang: str, key: str) -> frozenset[str]:
    """The folded words of the questions pack's list `key` in `lang` and in English (replies mix English in).
    A language without packs adds no words of its own (the one language policy, packs/)."""
    out: set[str] = set()
    for lg in dict.fromkeys(x for x in (lang, "en") if x in LANGUAGES):
        for w in packs.words(_PACK, lg, key):
            out |= set(fold(w).split())
    return frozenset(out)


@functools.cache
def filler_stems(lang: str) -> frozenset[str]:
    """Stems of the pack's `no_answer_words` (all languages: stock phrases travel): words of thanks,
    apologies, acknowledgement and forwarding that carry no answer to a question."""
    out: set[str] = set()
    for lg in LANGUAGES:
        words = tuple(word for w in packs.words(_PACK, lg, "no_answer_words") for word in fold(w).split())
        out.update(_pack_stems(words, lg))
    return frozenset(out)


def _pack_stems(words: tuple[str, ...], lang: str) -> tuple[str, ...]:
    """`stem` of each word, kept between runs (`recache.plan`) for a language with a Snowball stemmer:
    importing snowballstemmer (every language's stemmer) cost ~70 ms of each start that replied to a
    question, to stem the same Indonesian pack words again. Keyed by the words, this module's source and
    the stemmer's installed files, so a changed stemmer or list stems afresh."""
    if lang not in _SNOWBALL:
        return tuple(stem(w, lang) for w in words)
    source = _stemmer_files()
    inputs = ("stems", lang, words, source)
    kept = recache.plan(_plan_tag(), inputs) if source else None
    if isinstance(kept, tuple) and len(kept) == len(words) and all(isinstance(x, str) for x in kept):
        return kept
    out = tuple(stem(w, lang) for w in words)
    if source:
        recache.keep_plan(_plan_tag(), inputs, out)
    return out


def _stemmer_files() -> tuple[tuple[str, int, int], ...]:
    """Path, size and modification time of the installed snowballstemmer's modules (found, not imported);
    empty when it cannot be found."""
    import importlib.util
    import os

    try:
        spec = importlib.util.find_spec("snowballstemmer")
    except (ImportError, ValueError):
        return ()
    if spec is None or not spec.origin:
        return ()
    folder = os.path.dirname(spec.origin)
    out = []
    for name in ("__init__.py", "basestemmer.py", "among.py", *(f"{v}_stemmer.py" for v in sorted(set(_SNOWBALL.values())))):
        try:
            st = os.stat(os.path.join(folder, name))
        except OSError:
            continue
        out.append((os.path.join(folder, name), st.st_size, st.st_mtime_ns))
    return tuple(out)



def _plan_tag() -> str:
    """This module's plan tag (its source, hashed: plans made by other code are never read)."""
    return recache.source_tag("questions", __file__)


# Snowball's Indonesian stemmer (snowballstemmer: pure Python, maintained) strips the affixes of
# Indonesian words ("mengirimkannya" -> "kirim"), which replaced a hand-written prefix/suffix list.
# English, Spanish and Romanian words are only cut to five letters: their Snowball stemmers were
# measured on the 176k Ubuntu IRC threads and made TL302 worse (15 findings added, 10 removed; of
# the changes judged, 9 worse, 6 better: more questions matched in part means more "one forgotten"
# findings on replies that answer in other words).
_SNOWBALL = {"id": "indonesian"}


@functools.cache
def _stemmer(lang: str) -> Any:
    name = _SNOWBALL.get(lang)
    if name is None:
        return None
    import snowballstemmer  # type: ignore[import-untyped]  # here: its import (every language's stemmer) costs 70 ms of a start

    return snowballstemmer.stemmer(name)


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str, lang: str) -> str:
    """The key form of a folded word: its Snowball stem where the language has one (see
    `_SNOWBALL`), cut to five letters.

    Cached: a stem costs tens of microseconds in pure Python, and the words of
    support threads repeat (the cut keeps the key short; a stem longer than five
    letters rarely tells two questions apart that its first five do not).
    """
    stemmer = _stemmer(lang)
    return (stemmer.stemWord(word) if stemmer is not None else word)[:5]


_AMP_NAME = recache.compile(r"(?<![^\W_])[^\W_]{1,4}&[^\W_]{1,4}(?![^\W_])")


def key_words(text: str, lang: str, stop: frozenset[str]) -> frozenset[str]:
    """The key words of `text`: numbers of two digits or more, stems of words of three letters
    or more that are not in `stop`, and short names joined by "&" ("J&T", "AT&T", "H&M": their letters
    alone are too short to count)."""
    folded = fold(text)
    out = set(_AMP_NAME.findall(folded)) if "&" in folded else set()
    for w in TOKEN.findall(folded):
        if w.isdigit():
            if len(w) >= 2:
                out.add(w)
            continue
        if len(w) < 3 or w in stop or w.replace("_", "").isdigit():
            continue
        out.add(stem(w, lang))
    return frozenset(out)


def content_keys(msg: AnalysedMessage, stop: frozenset[str]) -> frozenset[str]:
    """Key words of a reply past each sentence's greeting and addressee ("Dear Lena,", "Halo Kak Rina,", "nick:")."""
    out: set[str] = set()
    for s, e in sentences(msg.prose):
        text = fold(msg.prose[s:e])
        g = greeting_prefix().match(text)
        if g is not None:
            text = text[g.end() :]
        elif (lead := ADDRESSEE.match(text)) is not None and len(text[: lead.end()].split()) <= 2:
            text = text[lead.end() :]
        out |= key_words(text, msg.language, stop)
    return frozenset(out)


def name_keys(messages: Iterable[AnalysedMessage]) -> frozenset[str]:
    """Key words of the authors' names: addressing "Ana" or "Bu Ani" is no answer."""
    out: set[str] = set()
    for c in messages:
        author = c.message.author or ""
        for w in TOKEN.findall(fold(author.split("@")[0])):
            if len(w) >= 3 and not w.isdigit():
                out.add(w[:5])
    return frozenset(out)


# -- a restated answer ------------------------------------------------------

# A restated answer is short: "Yes, we will continue to support Laraplans in the future." Longer
# replies say more than the answer.
RESTATED_MAX_WORDS = 14


@functools.cache
def restatement_words(lang: str) -> frozenset[str]:
    """Folded `restatement_words` of `lang` and English (replies mix them in)."""
    return pack_words(lang, "restatement_words")


@functools.cache
def plan_words(lang: str) -> frozenset[str]:
    """Folded `plan_words` of `lang` and English."""
    return pack_words(lang, "plan_words")


def _denies_plan(refusal: str, lang: str) -> bool:
    """The refusal denies a plan or support ("we do not plan support PLX", "blm support"), not a request."""
    words = plan_words(lang)
    return any(w in words for w in _RESTATED_WORD.findall(refusal))


def _denies_permission(refusal: str, lang: str, customers: Sequence[AnalysedMessage]) -> bool:
    """The refusal denies, with a permission modal, what a yes/no question asked leave or means for ("no se puede ocupar"
    to "¿está permitido usar numpy?", "tidak bisa" to "bisa ...?"): the no itself, as a denied plan is (issue 13, l2agent:
    both labellers flagged such replies as bare answers; TL304 reports the refusal as well). Not when the question asked
    for something else ("¿Hay un formato específico?" - "no puedes usar el CSD" answers what to consider)."""
    modals = permission_modals(lang)
    if not any(w in modals for w in _RESTATED_WORD.findall(refusal)):
        return False

    def asks(c: AnalysedMessage) -> bool:
        return any(q.yes_no and any(w in modals for w in _RESTATED_WORD.findall(fold(q.text))) for q in c.questions(lang))

    if not customers:
        return False
    return block_memo(customers, "asks-permission:" + lang, lambda: any(asks(c) for c in customers))


@functools.cache
def permission_modals(lang: str) -> frozenset[str]:
    """Folded `permission_modals` of `lang` and English."""
    return pack_words(lang, "permission_modals")


def _permits(alternative: str, lang: str, allowed: frozenset[str]) -> bool:
    """The alternative is only a permission modal and function words ("you can", "pueden", "anda bisa", "puteți")."""
    words = _RESTATED_WORD.findall(alternative)
    modals = permission_modals(lang)
    return any(w in modals for w in words) and all(w in allowed or w in modals for w in words)


def _echoes(key: str, asked: frozenset[str]) -> bool:
    """A key of the reply is one of the customer's, or one is the other's start ("plan" / "plann")."""
    return key in asked or (len(key) >= 4 and any(k.startswith(key) or key.startswith(k) for k in asked if len(k) >= 4))


@dataclass(frozen=True)
class _Block:
    """What the replies of a run read of the customer block they answer: the messages that ask, with their questions,
    and the key words of those messages and of the whole block."""

    asking: tuple[tuple[AnalysedMessage, tuple[Question, ...]], ...]
    asking_keys: frozenset[str]
    all_keys: frozenset[str]
    yes_no: bool  # some question a yes or no can answer


def _block(customers: Sequence[AnalysedMessage], lang: str) -> _Block:
    """The block's reading, once per block and language (`thread.block_memo`; 2,000 questions answered by 2,000 replies
    took 21 s read per reply)."""
    def compute() -> _Block:
        asking = tuple((c, qs) for c in customers if (qs := c.questions(lang)))
        return _Block(asking, frozenset().union(*(c.prose_keys(lang) for c, _ in asking)),
                      frozenset().union(*(c.prose_keys(lang) for c in customers)), any(q.yes_no for _, qs in asking for q in qs))
    return block_memo(customers, "block:" + lang, compute)


def _says_back(phrase: str, lang: str, asked: frozenset[str]) -> bool:
    """Every word of `phrase` (folded) of three letters or more is one of the customer's (same key, `_echoes`)."""
    words = [w for w in _RESTATED_WORD.findall(phrase) if len(w) >= 3]
    return bool(words) and all(_echoes(stem(w.replace("'", ""), lang), asked) for w in words)


def restates(text: str, lang: str, customers: Sequence[AnalysedMessage]) -> bool:
    """Whether `text` (a reply with its greetings, thanks, sign-off and addressee blanked) only
    restates a yes or a no to the customers' question: every word is a word of the customer messages
    that ask (same key), a stopword or a `restatement_words` word of the language, and at least one
    says yes or no: a `yes_no_answers` opening anywhere, a restatement word (negation, aspect,
    plans: "The project is still maintained." to "Is this project still maintained?", "We don't have
    such a plan." to "Are you planning to add a dark theme?"), or, to a yes/no question, its own
    words said back (an echo answer: "se arregló" to "¿se arregla o no?"). The customers must have
    asked a yes/no question, or the reply says yes or no in so many words ("saat ini blm support")
    and they asked any question. A reply with a number or a word of its own (a step, a reason, an
    alternative), a link, a question, an instruction or an alternative is more than an answer; a
    refused request ("unificar cuentas no es posible") is TL304's, but a denied plan or support in the
    question's words (`plan_words`: "We don't have such a plan.") stays a bare no (TL304 reports the
    refusal as well).
    """
    if not customers or "?" in text or "¿" in text or "://" in text or "www." in text or _BOT_COMMAND.search(text):
        return False  # a question, a link, or a chat bot's factoid sent to the customer ("!mount | nick")
    folded = fold(_SHORTCODE.sub(" ", text)).replace("’", "'")
    words = _RESTATED_WORD.findall(folded)
    if not words or len(words) > RESTATED_MAX_WORDS:
        return False
    # The customers' questions first: most replies answer no question (chat), and the questions are read
    # anyway, once per message (TL302 asks the same of the same messages); the vocabulary scans below are not.
    block = _block(customers, lang)
    asking = block.asking
    if not asking:
        return False
    start = folded.strip(" \t\n,.;:!-")
    allowed = restatement_words(lang) | stopwords(lang)
    steps: tuple[vocabulary.Word, ...] = ("imperatives", "alternatives", "pointers", "refusals")
    for key in steps:
        pat = vocabulary.phrases(key)
        if pat is None:
            continue
        m = pat.match(start) if key == "imperatives" else pat.search(folded)  # an instruction opens the reply
        if m is not None and key == "imperatives" and _says_back(m.group(), lang, block.asking_keys):
            # the question's own verb said back before the yes or no ("read -- yes" to "is it safe to read/write ntfs?"):
            # the question's word, no new step (issue 13, t301r); the words after it are checked below like any other
            m = None
        if m is not None and key == "alternatives" and _permits(m.group(), lang, allowed):
            # A permission said back, a modal and its subject ("sí lo pueden usar" to "¿Se puede usar eso?", "yes, you can
            # use numpy" to "Can I use numpy?"), is the yes, not another way (issue 13, ref6): the words after it are
            # checked against the question's below. "you need to", "you should" still name a step.
            m = next((x for x in pat.finditer(folded) if not _permits(x.group(), lang, allowed)), None)
        if m is not None and not (key == "refusals" and (_denies_plan(m.group(), lang) or _denies_permission(m.group(), lang, customers))):
            # "try #bash", "you can install ndiswrapper": a step, not a bare answer; "unificar cuentas no es
            # posible": a request refused, TL304's (a bare "No es posible." stays a bare answer). A denied plan
            # or support in the question's words ("We don't have such a plan." to "Are you planning a dark
            # theme?") is a bare no all the same: TL304 reports the refusal, TL301 that nothing else was said.
            return False
    yes_no = _phrases("yes_no_answers", lang)
    said = yes_no is not None and yes_no.search(folded) is not None
    if not (said or block.yes_no):
        return False
    polar = restatement_words(lang)
    keys = block.asking_keys  # the words of the messages that ask ("It was a accident" asks nothing)
    echoed = False
    if said and yes_no is not None:
        # the yes or no itself is no word of its own wherever it stands ("restart, iya", "it is maintained, yeah"; issue 13,
        # t301r): its words are not read against the question's
        words = _RESTATED_WORD.findall(blank(folded, [m.span() for m in yes_no.finditer(folded)]))
    for w in words:
        if w in allowed:
            said = said or w in polar
            continue
        if w.isdigit() or len(w) < 3:
            if w in keys:
                continue
            return False  # a number of its own ("Fixed in 4.2"), an interjection ("um")
        if not _echoes(stem(w.replace("'", ""), lang), keys):
            return False
        echoed = echoed or w not in names(tuple(c.prose for c, _ in asking))
    # An echo answer: the yes/no question's own verb or words said back ("se arregló" to "¿se arregla
    # o no?", "Funcționează." to "Funcționează?", "Bisa." ...) is a yes in every language here; a name
    # said back picks one of those the customer named ("Leonhard" to "which member should I reach out to,
    # or does it matter?"; issue 13, ref6): no yes or no.
    return said or (echoed and any(q.yes_no for _, qs in asking for q in qs))


# A capitalised word after a lower-case word or a comma, inside a sentence: a name ("... Nico, Julian Staudt, and Leonhard").
_MID_NAME = recache.compile(r"(?<=[a-z,] )[A-Z][a-z]{2,30}+(?![\w'])")


@functools.lru_cache(maxsize=256)
def names(texts: tuple[str, ...]) -> frozenset[str]:
    """Folded words written capitalised inside a sentence of `texts`: names, not the words of a question."""
    return frozenset(fold(m.group()) for t in texts for m in _MID_NAME.finditer(t))


# A bare yes or no with a short reason of its own: at most this many words after the answer.
ANSWER_REASON_MAX_WORDS = 15
# ... and at most this many words of its own (`own_words`): "yes, it can be fixed", "Sí, se preguntarán." say the yes or
# no back; "Not planned. Lots of headache for developing iOS.", "Not yet, I don't own a Mac and Apple requires a developer
# subscription" give a reason, which RULES.md's "only yes/no" does not cover (the second blind labellers of eleven replies
# parts flagged none of those; issue 13, ref6).
ANSWER_OWN_MAX_WORDS = 1
# The answer opening the reply ends at punctuation or a line end ("Yes.", "No,", "Not planned."), not
# inside a sentence ("Right now we are ...", "No one can ..."), or before a contrast that qualifies it ("yes but
# donations are welcome", "sí pero ...", "ya tapi ...", "da, dar ..."; issue 13, rep5): the reason after it is read
# like any other (a step or an alternative there still makes it more than an answer). The text is folded.
_ANSWER_END = recache.compile(r"[ \t]*+(?:[,.;:!)]|\n|$)|[ \t]++(?=(?:but|though|although|pero|aunque|tapi|tetapi|namun|dar|insa|totusi)\b)")
# The first sentence of a reply (up to its full stop, "!" or line end).
_FIRST_SENTENCE = recache.compile(r"[^.!;\n]{1,200}+")
# Where a clause of the reason starts, after a joining word and a request marker: an instruction opening it is a
# step ("Yes, go to Settings", "Not right now, but keep an eye on our site", "Yes. Please use the mirror until it is
# back", "Sí. Por favor, use ...", "Da. Vă rugăm să folosiți ..."; issue 13, rep4). The text is folded.
_CLAUSE_START = recache.compile(
    r"(?:^|[,.;:!\n]|\s[-–—]\s)[\s\W]*+(?:(?:but|and|or|so|then|just|pero|y|o|entonces|tapi|dan|atau|lalu|jadi|dar|si|și|sau|apoi)\s++)?"
    r"(?:(?:please|pls|plz|kindly|por favor|silakan|silahkan|mohon|va rog sa|va rugam sa|te rog sa)\b[,\s]*+)?"
)


def own_words(words: Sequence[str], lang: str, customers: Sequence[AnalysedMessage]) -> list[str]:
    """The words of a reply's reason that are its own: not a stopword or restatement word of the
    language, not a word of the customers' messages (same key), not a number."""
    allowed = restatement_words(lang) | stopwords(lang)
    keys = _block(customers, lang).all_keys if customers else frozenset()
    return [w for w in words if w not in allowed and len(w) >= 3 and not _echoes(stem(w.replace("'", ""), lang), keys)]


def _asks_polar_clause(customers: Sequence[AnalysedMessage], lang: str) -> bool:
    """A customer message of the block asks a yes/no question in a clause, without its "?" (`asks_in_clause`), once per block."""
    if not customers:
        return False

    def compute() -> bool:
        return any(asks_in_clause(c, lang, yes_no=True) for c in customers)

    return block_memo(customers, "asks-polar-clause:" + lang, compute)


def answer_led(text: str, lang: str, customers: Sequence[AnalysedMessage]) -> bool:
    """Whether `text` (a reply with its greetings, thanks, sign-off and addressee blanked), to customers
    who asked a question a yes or no can answer (not only "what", "why", "how"), opens with a bare yes or no of any language (`yes_no_answers`: "Yes.", "No,", "Not planned.", "Todavía no,") and
    adds little else: at most ANSWER_REASON_MAX_WORDS words, at most ANSWER_OWN_MAX_WORDS of them its own
    (`own_words`: not the question's, not a stopword or restatement word), with no number, link,
    question, instruction, alternative, pointer or refused request ("yes, it can be fixed", "Not yet.
    Sorry."). A reason in words of its own ("Not planned. Lots of headache for developing iOS.", "Yes, the
    license is valid for every computer you personally own.") is more than a yes or no: RULES.md flags a
    reply that is only one (issue 13, ref6; rep3 had counted those). A denied plan in the rest keeps it
    bare, as in `restates`; a regret opening
    the reply (`regret_answers`: "Unfortunately, not for the EU shop.") is the no to a yes/no
    question; a plan or
    support denied in the first sentence is the "no" itself ("We currently don't have plans for an iOS
    app."), the reason counted from where the denial ends. To an
    open question ("anybody can tell me why ...") a "no" with a clause is no bare answer.
    """
    if not any(q.yes_no or not q.open for c in customers for q in c.questions(lang)) and not _asks_polar_clause(customers, lang):
        # asked nothing, or only what/why/how: a yes or no answers none of it. A yes/no question opening a clause after a
        # statement, without its "?", is asked all the same ('The document said "Lifetime Updates Included", Does this mean
        # the license only needs to be paid once.' - "Yes, you pay for a license once."; issue 13, t301)
        return False
    if "?" in text or "¿" in text or "://" in text or "www." in text or _BOT_COMMAND.search(text):
        return False
    folded = fold(_SHORTCODE.sub(" ", text)).replace("’", "'").strip(" \t\n,.;:!-")
    yes_no = _phrases("yes_no_answers", None)
    m = yes_no.match(folded) if yes_no is not None else None
    regret = _phrases("regret_answers", None)
    r = regret.match(folded) if regret is not None else None
    if m is not None and _ANSWER_END.match(folded, m.end()) is not None:
        rest = folded[m.end():]
    elif r is not None and any(q.yes_no for c in customers for q in c.questions(lang)):
        # A regret opening a statement is the "no" to a yes/no question ("Would that be possible for the EU shop
        # too?" - "Unfortunately the EU apparel has much less options. Sorry."; issue 13, rep5): the statement is
        # its reason, read like any other.
        rest = folded[r.end():]
    elif (adverb := _polar_adverb(folded, lang)) is not None:
        # A polarity adverb before the verb it governs is the answer where the language puts it there ("blm saya tambahkan
        # ke library kak" to "Untuk pembayaran melalui qris bisa?", "todavía no lo añadí", "încă nu l-am adăugat"; issue 13,
        # t301): what follows is read as a yes or no's rest, so a word of its own beyond one still makes it more.
        rest = folded[adverb:]
    elif (tail := _concluding_answer(folded)) is not None:
        # The answer closing the reply after its reason ("The Mac version is basically the web version so I don't
        # think so.", "... así que no.", "... jadi tidak.", "... deci nu."; issue 13, rep5): the reason is what precedes it.
        rest = folded[:tail]
    else:
        # A plan or support denied in the first sentence is the "no" ("We currently don't have plans for an
        # iOS app, ...", "I'm not planning on releasing an iOS version soon."): the reason may follow it.
        first = _FIRST_SENTENCE.match(folded)
        refusals = vocabulary.phrases("refusals")
        denial = refusals.search(first.group()) if first is not None and refusals is not None else None
        if denial is None or not (_denies_plan(denial.group(), lang) or _denies_permission(denial.group(), lang, customers)):
            return False
        rest = folded[denial.end():]
    words = _RESTATED_WORD.findall(rest)
    if len(words) > ANSWER_REASON_MAX_WORDS or any(w.isdigit() for w in words):
        return False
    if len(own_words(words, lang, customers)) > ANSWER_OWN_MAX_WORDS:
        return False  # a reason of its own: the why is given, more than a yes or no (issue 13, ref6)
    imperatives = vocabulary.phrases("imperatives")
    if imperatives is not None and any(imperatives.match(rest, c.end()) for c in _CLAUSE_START.finditer(rest)):
        return False  # "Yes, go to Settings and ...": a step
    allowed = restatement_words(lang) | stopwords(lang)
    for key in ("alternatives", "pointers", "refusals"):
        pat = vocabulary.phrases(key)
        hit = pat.search(rest) if pat is not None else None
        if hit is not None and key == "alternatives" and pat is not None and _permits(hit.group(), lang, allowed):
            # the question's modal said back ("No, no se puede ocupar.", "yes, you can"): the answer, not another way (as in `restates`)
            hit = next((x for x in pat.finditer(rest) if not _permits(x.group(), lang, allowed)), None)
        if hit is not None and not (key == "refusals" and (_denies_plan(hit.group(), lang) or _denies_permission(hit.group(), lang, customers))):
            return False
    return True


# Text after a question that leaves it the last thing the customer said: closing punctuation, emoji, a sign-off's blanks.
_TRAILER = recache.compile(r"[\W_]*+")


def reassurance(prose: str, lang: str, customers: Sequence[AnalysedMessage]) -> tuple[int, int] | None:
    """Where a reassurance (`reassurance_answers` of every language: "No worries.", "No te preocupes", "Gak apa-apa kak",
    "Nu vă faceți griji") stands in `prose`, a reply whose words are otherwise all greetings, thanks, apologies and
    sign-off, when the customer's last message closes on a yes/no question ("Would you like me to just send you $9 for
    December?" - "Sorry for the delay. No worries."): the reassurance is the no, and nothing else is said (issue 13, t301;
    both label sets flag it). None when the customer thanked or said more after the question (a "no worries" after thanks
    answers the thanks), or asked only what, why or how."""
    pat = _phrases("reassurance_answers", None)
    if pat is None or not customers:
        return None
    m = pat.search(fold(prose))
    if m is None:
        return None
    last = customers[-1]
    qs = last.questions(lang)
    if not qs or not qs[-1].yes_no or qs[-1].open:
        return None
    if _TRAILER.fullmatch(last.prose, qs[-1].span[1]) is None:
        return None
    return m.span()


# Where a clause ends after an "I don't know": punctuation, a line end, the text's end, or the next item's number.
_UNKNOWN_END = recache.compile(r"[ \t]*+(?:[,.;:!)\n]|$|\d)")


def unknown_spans(prose: str) -> list[tuple[int, int]]:
    """Where `prose` says it does not know as a clause of its own (`unknown_answers` of every language: "idk", "no idea",
    "ni idea", "gak tau", "nu știu"), followed by punctuation, a line end or the next item's number. Beside a yes or a no
    to another of the customer's questions such a clause adds nothing the customer can act on: "1.idk 2.yes" is a bare yes
    (issue 13, t301r; both label sets flag it). TL301 blanks it only when something else is left: alone, the reply is
    read as before. `fold` keeps offsets, so the spans are `prose`'s."""
    pat = _phrases("unknown_answers", None)
    if pat is None:
        return []
    folded = fold(prose)
    return [m.span() for m in pat.finditer(folded) if _UNKNOWN_END.match(folded, m.end()) is not None]


def _polar_adverb(folded: str, lang: str) -> int | None:
    """Where a `polar_adverbs` phrase of `lang` opening `folded` ends, when a word follows it (None otherwise)."""
    pat = _phrases("polar_adverbs", lang)
    m = pat.match(folded) if pat is not None else None
    if m is None or not folded[m.end():m.end() + 2].strip():
        return None
    return m.end()


# A connective that closes a reason before the answer it leads to ("..., so no.", "... so I don't think so"; folded).
_CONCLUDES = recache.compile(r"(?:[,;:]|\b(?:so|thus|therefore|hence|asi que|por lo tanto|por eso|jadi|jadinya|makanya|deci|asa ca|prin urmare))[ \t]*+$")


@functools.cache
def _closing_answers() -> re.Pattern[str] | None:
    """Every language's `yes_no_answers`, folded, as an answer that ends the text (punctuation or an emoji may follow).

    Anchored at the end, the alternatives are tried until one reaches it: "nu" fails before " cred." and
    "nu cred" is found, where the list read from the left stops at its first alternative.
    """
    alts = packs.patterns(_PACK, "yes_no_answers", None, fold=True)
    if not alts:
        return None
    return recache.compile(r"(?<!\w)(?:" + "|".join(f"(?:{a})" for a in alts) + r")(?![\w])(?=[\W_]*$)", re.IGNORECASE)


on_reset(_closing_answers.cache_clear)
on_reset(permission_modals.cache_clear)
on_reset(pack_words.cache_clear)


def _concluding_answer(folded: str, connective: re.Pattern[str] = _CONCLUDES) -> int | None:
    """Where a yes or no closing `folded` after a connective starts (None when the reply does not end so)."""
    pat = _closing_answers()
    if pat is None:
        return None
    for m in pat.finditer(folded):
        if m.start() > 0 and connective.search(folded[:m.start()].rstrip()) is not None:
            return m.start()
    return None


# The connectives of `_CONCLUDES` and the "then" closing a condition ("Unless you had backups then no", "si no hay copia,
# entonces no", "kalau tidak ada backup maka tidak", "daca nu aveti backup atunci nu"; folded).
_CONCLUDES_CONDITION = recache.compile(
    r"(?:[,;:]|\b(?:so|thus|therefore|hence|then|asi que|por lo tanto|por eso|entonces|jadi|jadinya|makanya|maka|deci|asa ca|prin urmare|atunci))[ \t]*+$"
)


def concludes_yes_no(run: Sequence[AnalysedMessage]) -> bool:
    """Whether one of the first three sentences of a reply closes with a yes or a no after its condition or reason
    ("Unless you had backups created then no.. unfortunately", "... así que no.", "... jadi tidak.", "... deci nu."): the
    answer to a lone yes/no question, put last (issue 15). A regret after it (`regret_answers`) is passed over."""
    regret = _phrases("regret_answers", None)
    for a in run:
        for s, e in sentences(a.prose)[:3]:
            folded = fold(a.prose[s:e]).rstrip()
            if regret is not None:
                tail = regret.search(folded, max(0, len(folded) - 40))
                if tail is not None and not folded[tail.end():].strip(" \t.!,;:"):
                    folded = folded[: tail.start()].rstrip(" \t.!,;:")
            if _concluding_answer(folded, _CONCLUDES_CONDITION) is not None:
                return True
    return False


# A word of a restated answer: letters with inner apostrophes ("don't" is a stopword as written), or a number.
_RESTATED_WORD = recache.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*|\d+")
# A chat bot command opening a word ("!mount", "!nfs | nick"): the bot answers with the instructions.
_BOT_COMMAND = recache.compile(r"(?:^|(?<=\s))![a-z]", re.IGNORECASE)
# An emoji shortcode (":smiley:", ":+1:"): no word of the answer.
_SHORTCODE = recache.compile(r":[a-z0-9_+-]{1,30}:")


# -- greetings and answers -------------------------------------------------


def asks_in_clause(msg: AnalysedMessage, lang: str, yes_no: bool = False) -> bool:
    """Whether a clause of `msg` opens with a question opening of `lang` (`question_starts`), without its "?" and after
    a statement in the same sentence ('The document said "Lifetime Updates Included", does this mean the license is paid
    once.'): an interrogative form that `find` does not count, as its questions open their sentence. `yes_no`: only a
    question a yes or no answers (the opening is also one of `yes_no_starts`: "does this mean ...", not "how do I ...")."""
    starts = _phrases("question_starts", lang)
    polar = _phrases("yes_no_starts", lang) if yes_no else None
    if starts is None or (yes_no and polar is None):
        return False
    folded = fold(msg.prose)

    def opens(pos: int, end: int) -> bool:
        return starts.match(folded, pos, end) is not None and (polar is None or polar.match(folded, pos, end) is not None)

    for s, e in sentences(msg.prose):
        if opens(s, e) or any(opens(m.end(), e) for m in _CLAUSE_JOIN.finditer(folded, s, e)):
            return True
    return False


def answer_openings() -> Phrases | None:
    """Every language's `yes_no_answers`, folded: a reply sentence opening with one answers a yes/no question."""
    return _phrases("yes_no_answers", None)


def greetings() -> Phrases | None:
    """The greetings of every language (shared vocabulary, folded), skipped before a question or an answer."""
    return vocabulary.phrases("greetings")


@functools.cache
def greeting_prefix() -> re.Pattern[str]:
    """A greeting with up to two words after it and its punctuation: "hi anna, ", "halo kak rina: "."""
    greet = greetings()
    inner = greet.pattern if greet is not None else "(?!)"
    return recache.compile(rf"^{inner}(?:\s+[\w.]+){{0,2}}\s*[,!:]\s*", re.IGNORECASE)


def _reply_opens(run: Sequence[AnalysedMessage], first: int, test: Callable[[AnalysedMessage, str], bool], *,
                 strip: str = "", skip_greeting: bool = True) -> bool:
    """Whether one of the first `first` sentences of a reply (folded, `strip` characters taken off its
    start) passes `test`, tried as it is and past up to three addressees ("Hi Dana, no:", "dana: yes");
    a short greeting line ("Hi Anna,") is passed over where `skip_greeting`. The walk the answer checks
    below share: only what a sentence must open with differs."""
    greet = greetings() if skip_greeting else None
    for a in run:
        for s, e in sentences(a.prose)[:first]:
            text = fold(a.prose[s:e]).lstrip(strip) if strip else fold(a.prose[s:e])
            if greet is not None and greet.match(text) and len(text.split()) <= 4 and text.rstrip().endswith((",", "!", ":")):
                continue
            for _ in range(3):
                if test(a, text):
                    return True
                lead = ADDRESSEE.match(text) or _MENTION.match(text)
                if lead is None:
                    break
                text = text[lead.end() :]
    return False


# A GitHub mention addressing the reply ("@dandy coba jalanin ..."; folded), passed over like an addressee (issue 15).
_MENTION = recache.compile(r"@\w[\w.-]{0,38}(?:\s*+[,:])?\s++")
# Where a clause starts after a comma, a semicolon or a colon: "Itu pythonnya gak terinstall, ketik: ..." (issue 15).
_CLAUSE_COMMA = recache.compile(r"[,;:]\s++")


def opens_with_yes_no(run: Sequence[AnalysedMessage]) -> bool:
    """Whether one of the first three sentences of a reply opens with a yes or a no ("Yes.",
    "Hi Dana, no:", "dana: yes", "Bisa,", "Da."), past a greeting line or an addressee."""
    def test(a: AnalysedMessage, text: str) -> bool:
        yes_no = _phrases("yes_no_answers", a.language)
        return yes_no is not None and yes_no.match(text) is not None

    return _reply_opens(run, 3, test)


def gives_step(run: Sequence[AnalysedMessage]) -> bool:
    """Whether one of the first sentences of a reply opens with an instruction (vocabulary `imperatives`:
    "coba install bash dulu", "install ulang", "Pastikan ...", "Try ...") or a command line to run
    ("pkg install jq"), past a greeting line or an
    addressee (a name, or a mention: "@dandy coba ..."), also opening a clause after a comma or a colon ("Itu pythonnya
    gak terinstall, ketik: ..."). A step answers a lone "why?" / "how?" / "what now?" in other words ("Knpa di bang??" -
    "coba install bash dulu"; "tidak keluar qr code gimana solusinya?" - "install ulang")."""
    verbs = vocabulary.phrases("imperatives")
    if verbs is None:
        return False

    def test(_a: AnalysedMessage, text: str) -> bool:
        if verbs.match(text) is not None or COMMAND_LINE.match(text) is not None:
            return True
        # the step after its reason, in a clause of its own ("Itu pythonnya gak terinstall, ketik: ...", "That's a
        # missing package; install python3 first"; issue 15)
        return any(verbs.match(text, m.end()) is not None for m in _CLAUSE_COMMA.finditer(text))

    return _reply_opens(run, 5, test, strip=" \t-*>")


def echoes_polar(run: Sequence[AnalysedMessage], question: Question, lang: str) -> bool:
    """Whether the reply opens by saying back the aspect or negation word of a yes/no question, the way
    Indonesian answers one ("apakah projeknya masih berjalan?" - "Masih di-maintain kok", "sudah bisa?" -
    "Sudah, ..."): a `restatement_words` word that the question holds, first word of a reply sentence."""
    if not question.yes_no:
        return False
    polar = restatement_words(lang)
    asked = set(_POLAR_WORD.findall(fold(question.text)))
    said = polar & asked
    if not said:
        return False
    for a in run:
        for s, e in sentences(a.prose)[:3]:
            first = _POLAR_WORD.search(fold(a.prose[s:e]))
            if first is not None and first.group() in said:
                return True
    return False


_POLAR_WORD = recache.compile(r"[a-z]+")


def answers_place(run: Sequence[AnalysedMessage], question: Question, lang: str) -> bool:
    """Whether a "where?" question (`place_questions`) is answered by a reply sentence opening with a
    place (`place_answers`): "apikey ambil dimana bang?" - "Di web apinya gan", "Where is the export?" -
    "Under Settings > Data"."""
    asks = _phrases("place_questions", lang)
    if asks is None or asks.search(fold(question.text)) is None:
        return False

    def test(a: AnalysedMessage, text: str) -> bool:
        places = _phrases("place_answers", a.language) or _phrases("place_answers", lang)
        return places is not None and places.match(text) is not None

    return _reply_opens(run, 3, test, strip=" \t-*>", skip_greeting=False)


_NUMBER = recache.compile(r"\d")


def answers_quantity(run: Sequence[AnalysedMessage], question: Question, lang: str) -> bool:
    """Whether a "how many?" / "how much?" question (`quantity_questions`) is answered by a number or a quantity word
    (`quantity_answers`) in the first sentences of the reply: "How many devices can I use after purchase?" - "Same email
    play store unlimited, using buymeacoffee 4 times." (issue 15). A count is the answer, wherever the reply puts it."""
    asks = _phrases("quantity_questions", lang)
    if asks is None or asks.search(fold(question.text)) is None:
        return False
    for a in run:
        words = _phrases("quantity_answers", a.language) or _phrases("quantity_answers", lang)
        for s, e in sentences(a.prose)[:3]:
            text = fold(a.prose[s:e])
            if _NUMBER.search(text) is not None or (words is not None and words.search(text) is not None):
                return True
    return False


# -- finding questions -----------------------------------------------------


# The number of a question numbered inside a line ("I have two questions. 1. How does it work? 2. Is it free?"): no
# list item (those open a line), but the question opens after it, so its yes/no or open reading is made on the words
# after the number (issue 13, t301r: "2. Is it free?" had been read as neither). A number before a letter or a "¿" only ("2.0
# is out?" keeps its version).
_INLINE_NUMBER = recache.compile(r"\A\s*+\d{1,2}[.)][ \t]*+(?=[¿¡]?[^\W\d_])")


def find(msg: AnalysedMessage, stop: frozenset[str], ignore: tuple[str, ...] = ()) -> tuple[Question, ...]:
    """The questions of a customer message, in order; `ignore`: extra `not_questions` patterns."""
    lang = msg.language
    if lang not in LANGUAGES:
        return ()  # the one language policy (packs/): a language without packs asks nothing we can read
    prose = msg.prose
    folded = fold(prose)
    starts = _phrases("question_starts", lang)
    yn_starts = _phrases("yes_no_starts", lang)
    headers = _phrases("question_headers", lang, word_bounded=False)
    not_questions = _phrases("not_questions", None, extra=ignore)
    lead = _phrases("lead_ins", lang)
    never = _phrases("not_question_starts", None)
    alt = _phrases("alternative_leads", lang)
    cond = _phrases("conditional_leads", lang)
    tags = _phrases("tag_questions", None, word_bounded=False)
    opens = _phrases("open_question_starts", lang)
    indirect = _phrases("indirect_question_starts", lang)
    prefix = greeting_prefix()
    out: list[Question] = []
    # Alternatives merged into the question before them ("...? Or ...?"): texts and key words are
    # collected here and joined once, not concatenated per alternative (quadratic on a long run).
    merged: dict[int, tuple[list[str], set[str]]] = {}
    under_header = False
    # Line starts, list markers and the extent of marker text are worked out once per line, not
    # once per sentence (each was a rescan of the line: quadratic on one long line of sentences).
    lines = LineCursor(prose)
    markers = ListMarkers(prose, QUESTION_MARKER)
    marker_text: dict[int, int] = {}
    form_heading: dict[int, bool] = {}
    previous: tuple[int, int] | None = None
    for s, e in _with_orphan_marks(prose, sentences(prose)):
        before, previous = previous, (s, e)
        text = folded[s:e]
        line_start = lines.line_start(s)
        if line_start not in form_heading:  # once per line, not per sentence of it
            form_heading[line_start] = _FORM_HEADING.match(msg.body, line_start) is not None
        if form_heading[line_start]:
            continue  # "##### What operating system are you using?", "**Apa kekurangan yg ingin diatasi?**": the form asks
        if line_start not in marker_text:
            other = _NOT_MARKER_TEXT.search(prose, line_start)
            marker_text[line_start] = other.start() if other is not None else len(prose)
        is_item = marker_text[line_start] >= s and markers.end(line_start, e) is not None
        body = QUESTION_ITEM.sub("", text, count=1) if is_item else _INLINE_NUMBER.sub("", text, count=1)
        # Markdown emphasis around a question ("_**¿Entra al examen?**_") is no part of it (issue 13, rorep).
        body = body.lstrip(_EMPHASIS)
        unmarked = text.rstrip(_EMPHASIS + " \t")
        # skip a greeting ("Hi Anna, can I ...") and lead-ins: "and", "also,", "second question:", "y", "dan", "și"
        g = prefix.match(body)
        if g is not None:
            body = body[g.end() :]
        alternative = alt is not None and alt.match(body) is not None
        if lead is not None:
            # Matched at an offset, one slice at the end: slicing `body` past each lead-in was
            # quadratic on a sentence of many ("and and and ..."). The lead-ins are word-bounded,
            # all begin with a letter and use no other look-behind, so a match at `at` is the
            # match on body[at:]: the character before `at` is a stripped one, or ends a lead-in
            # and then the character at `at` is not a letter and no lead-in can start there.
            at = 0
            m = lead.match(body)
            while m is not None and m.end() > at:
                at = m.end()
                while at < len(body) and body[at] in " ,:;-":
                    at += 1
                m = lead.match(body, at)
            body = body[at:]
        # "If not, is it possible to ...?" right after a question depends on its answer (issue 15)
        conditional = (
            cond is not None and cond.match(body) is not None and before is not None and bool(out) and out[-1].span[1] >= before[1]
        )
        is_q = unmarked.rstrip(" \"'”’)").endswith("?") or body.startswith("¿") or "?" in unmarked[-3:]
        if not is_q and starts is not None and starts.match(body) and not text.rstrip().endswith(":"):
            is_q = True
        if not is_q and indirect is not None and not text.rstrip().endswith(":"):
            # An indirect question after a clause of its own: "No pude asistir a la clase y quisiera saber si ...",
            # "I installed it and I wanted to know if ..." (issue 13, rorep). Only these openings: "..., could be a
            # bug" is no question.
            for clause in _CLAUSE_JOIN.finditer(body):
                if indirect.match(body, clause.end()):
                    is_q, body = True, body[clause.end() :]
                    break
            else:
                is_q = indirect.match(body) is not None
        if not is_q and under_header and is_item:
            is_q = True
        if headers is not None and headers.search(text) and text.rstrip().endswith(":"):
            under_header = True
        elif not is_item:
            under_header = False
        if not is_q:
            continue
        bare = body.lstrip("¿ ")
        if not_questions is not None and (m := not_questions.match(bare)) is not None and len(TOKEN.findall(body)) <= 12:
            if not key_words(bare[m.end() :], lang, stop):
                continue
        colon = body.rfind(": ")
        if colon > 0 and len(TOKEN.findall(body[colon:])) >= 3:
            body = body[colon + 2 :]  # "Two questions: how do I ...?"
        elif colon > 0:
            continue  # a form field filled in with a guess ("OS (e.g. Ubuntu 16.04): Windows?"), not a question
        if never is not None and never.match(body):
            continue  # "since this is a new install?": a continuation, not a question
        if len(TOKEN.findall(body)) < 2:
            continue  # "huh?", "anyone?": too short to be a question to answer
        keys = key_words(body, lang, stop)
        bare = body.lstrip("¿ ")
        yn = bool(yn_starts is not None and yn_starts.match(bare)) or bool(tags is not None and tags.search(text))
        if not yn and yn_starts is not None:
            # the question after a statement in one sentence: "The new blue is vivid - can we have a dark mode?"
            parts = _CLAUSE_BREAK.split(bare)
            yn = len(parts) > 1 and bool(yn_starts.match(parts[-1].lstrip())) and not (opens is not None and opens.match(bare))
        g = prefix.match(text)
        cut = g.end() if g is not None else 0
        colon = text.rfind(": ")
        if colon >= cut and len(TOKEN.findall(text[colon:])) >= 3:
            cut = colon + 2
        shown = msg.body[s + cut : e]
        is_open = not yn and opens is not None and bool(opens.match(bare))
        if alternative and out and out[-1].msg == msg.index:
            # "Is it installed by default? Or do I install it myself?": one question with two alternatives
            p = out[-1]
            texts, all_keys = merged.setdefault(len(out) - 1, ([p.text], set(p.keys)))
            texts.append(shown)
            all_keys |= keys
            out[-1] = Question(p.msg, (p.span[0], e), p.text, p.keys, p.yes_no, p.open)
            continue
        # a question pointing back to a statement (not to another question: "And what's the price?" is its own)
        points_back = before is not None and len(keys) < 2 and not (out and out[-1].msg == msg.index and out[-1].span[1] >= before[1])
        context = key_words(folded[before[0] : before[1]], lang, stop) - keys if before is not None and points_back else frozenset()
        out.append(Question(msg.index, (s, e), shown, keys, yn, is_open, context, conditional))
    for i, (texts, all_keys) in merged.items():
        p = out[i]
        out[i] = Question(p.msg, p.span, " ".join(texts), frozenset(all_keys), p.yes_no, p.open)
    if msg.index == 0 and len(out) > 1 and out[0].span[1] <= _first_line_end(prose) < out[1].span[0]:
        # The title line of a written ticket ("Site down?") sums up the question its body asks ("Is this a
        # temporary thing, or is the hosted version shut down?"): one question, with the title's key words.
        t, q = out[0], out[1]
        out[:2] = [Question(q.msg, q.span, q.text, q.keys | t.keys, q.yes_no or t.yes_no, q.open and t.open)]
    return tuple(out)


# A line of an issue form: a Markdown heading or a line in bold only. Its question is the form's, not the
# customer's. One try at a line start; the bold text is bounded.
_FORM_HEADING = recache.compile(r"[ \t]*+(?:#{1,6}[ \t]|\*\*[^*\n]{1,300}+\*\*[ \t]*+(?:\n|$)|__[^_\n]{1,300}+__[ \t]*+(?:\n|$))")


def _first_line_end(prose: str) -> int:
    """The end of the first line with content (a ticket's title line)."""
    start = len(prose) - len(prose.lstrip())
    end = prose.find("\n", start)
    return len(prose) if end < 0 else end


# A break between a statement and the question that ends its sentence (" - ", "; ", ", ").
_CLAUSE_BREAK = recache.compile(r"\s[-–—]\s|[;,]\s")
# Where a clause starts inside a sentence: after a comma or a joining word of any language (indirect questions).
_CLAUSE_JOIN = recache.compile(r"[,;]\s++|\s(?:y|e|pero|and|but|so|dan|tapi|jadi|terus|si|și|dar|deci)\s++")
# Markdown emphasis marks around a sentence: "**", "__", "_", "~~".
_EMPHASIS = "*_~"


def _with_orphan_marks(prose: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences with a lone question mark after them ("... muncul pak. ? aplikasi ...": the mark alone
    is no sentence) ending at that mark. Each gap between sentences is read once."""
    out: list[tuple[int, int]] = []
    for i, (s, e) in enumerate(spans):
        gap_end = spans[i + 1][0] if i + 1 < len(spans) else len(prose)
        mark = prose.find("?", e, gap_end)
        out.append((s, mark + 1 if mark >= 0 and not prose[e:mark].strip(" \t.!") else e))
    return out


# -- repeats ---------------------------------------------------------------


def repeats(q: Question, p: Question) -> bool:
    """Whether `q` repeats `p` (same key words, or most of them; or the same words when neither has any)."""
    if q.keys and p.keys:
        inter = len(q.keys & p.keys)
        return q.keys == p.keys or inter / len(q.keys | p.keys) >= 0.6 or (inter >= 2 and inter / min(len(q.keys), len(p.keys)) >= 0.75)
    return not q.keys and not p.keys and fold(q.text).strip() == fold(p.text).strip()


def merge(questions: Sequence[Question]) -> list[Question]:
    """The questions without those repeating an earlier kept one.

    Comparing each question with every kept one was quadratic in the number of distinct
    questions ("How do I fix item 10? How do I fix item 11? ..."). Only likely pairs are
    compared now, with the same test (`repeats`), and the same questions are kept:
    - same key words, or no key words and the same text: a set lookup;
    - otherwise a repeat shares at least t = max(2, ceil(3/4 of the smaller key set)) key
      words (a Jaccard index of 0.6 needs 3/8 of both sets together; two keys at least,
      since one shared key only passes the tests when the sets are equal). With the key
      words ordered rarest first, a set sharing t words with another has one of them among
      its first len - t + 1 ("prefix"). The smaller set's prefix is therefore looked up:
      a kept set as large or larger is found from the question's prefix among all kept
      key words; a smaller kept set is filed under its own prefix and found from any key
      of the question. Rare words (an item number) make the prefixes, so the common
      words shared by every question ("fix", "item") are seldom looked up.
    """
    freq: dict[str, int] = {}
    for q in questions:
        for k in q.keys:
            freq[k] = freq.get(k, 0) + 1

    def needed(size: int) -> int:
        return max(2, (3 * size + 3) // 4)

    def prefix(keys: frozenset[str]) -> list[str]:
        ranked = sorted(keys, key=lambda k: (freq[k], k))
        return ranked[: max(1, len(keys) - needed(len(keys)) + 1)]

    out: list[Question] = []
    same_keys: set[frozenset[str]] = set()
    same_text: set[str] = set()
    by_key: dict[str, list[int]] = {}  # every key word of a kept question -> its index in out
    by_prefix: dict[str, list[int]] = {}  # the prefix words of a kept question -> its index
    for q in questions:
        if not q.keys:
            text = fold(q.text).strip()
            if text in same_text:
                continue
            out.append(q)
            same_text.add(text)
            continue
        if q.keys in same_keys:
            continue
        candidates: set[int] = set()
        for k in prefix(q.keys):  # kept sets at least as large as q's
            candidates.update(by_key.get(k, ()))
        for k in q.keys:  # smaller kept sets
            candidates.update(i for i in by_prefix.get(k, ()) if len(out[i].keys) < len(q.keys))
        if any(repeats(q, out[i]) for i in candidates):
            continue
        i = len(out)
        out.append(q)
        same_keys.add(q.keys)
        for k in q.keys:
            by_key.setdefault(k, []).append(i)
        for k in prefix(q.keys):
            by_prefix.setdefault(k, []).append(i)
    return out


def question_repliers(exchanges: Sequence[Exchange]) -> frozenset[int]:
    """The indices of the messages that open a reply to a question: the first agent message of each exchange whose
    customer block asks one (`AnalysedMessage.questions`, as TL302 reads them). What that message says first is its
    answer to what the customer asked (TL403: a hedge there is a low-confidence answer, whatever it hedges)."""
    return frozenset(ex.replies[0].index for ex in exchanges
                     if ex.replies and any(c.questions(c.language) for c in ex.customers))
