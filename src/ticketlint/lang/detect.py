"""Language detection restricted to the languages of rules/ (en, es, id and ro today).

Why not py3langid: it is accurate, but loading its 97-language model costs
0.6-0.9 s per process (measured here), which alone breaks the 1.5 s budget of
checking one short ticket. Telling four well-separated languages apart needs
far less: frequent function words, the affixes of the other words (Indonesian
meN-/di-/-nya, Romanian -ul/-ului, Spanish -ción) and the letters only one of
them uses (ñ/¿ for Spanish, ă/ș/ț for Romanian), each weighed for a language by
how much that language uses it among the four (the [frequency] tables, from
wordfreq: bench/langid_frequency.py). English tech words (error, login, update)
are evidence of no language: every language's support text uses them. An affix
or a marker is a guess from a word's shape, so it counts for a language only on a
word that could be one of its words (none of its `foreign` letter sequences:
"keeps", "display" are no Indonesian ke-/di- words). Profiles
live in `rules/<lang>/language.toml`; `bench/langid_compare.py` measures this
detector against py3langid on the labelled corpus, `bench/langid_real.py` on
the real dev parts (py3langid, restricted to the four languages, measured
there: 43 of 61 hand-judged hard messages right against 40 for this detector,
but 342 against 182 disagreements with the ticket's language on the other
10,187 messages, 2.5-3x the cost a message, and a 1.4 s load or more).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

from .. import recache
from ..languages import language
from ..model import LANGUAGES
from .others import OTHERS

# Languages ticketlint has no packs for whose text shares words with ours (lang/others.py): their
# scores come after ours. A text one of them leads is in none of ours (`_unsupported`).
UNSUPPORTED: tuple[str, ...] = tuple(OTHERS)
_N = len(LANGUAGES)

_WORD = recache.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
# Tokens that are not prose: URLs and paths (a leading / or ~, two slashes: "a/b/c", "://"),
# e-mail addresses and @mentions, code, identifiers with digits or underscores ("e01", "Dr_Willis",
# "/boot/grub/menu.lst"). Their letters would vote ("th" in a URL, "men" in "menu.lst"), so they
# are blanked before scoring; one slash between words ("daftar/login") is prose. A match starts at
# the whitespace before its token (the text gets a leading space) and reads the token once: linear.
# Most messages have none of these characters: _NOISY finds out in one scan, and they skip the rest.
_NOISY = recache.compile(r"[/@\\{}<>=_#`|~$%*+\[\]0-9]")
_NOISE = recache.compile(r"\s(?:[/~]|[^\s/@\\{}<>=_#`|~$%*+\[\]0-9]*(?:[@\\{}<>=_#`|~$%*+\[\]0-9]|/[^\s/]*/))\S*")
# A quoted line (e-mail, GitHub: "> no me funciona"): one scan of the line, linear.
_QUOTE = recache.compile(r"^[ \t]*>[^\n]*", re.MULTILINE)
# A markdown heading line ("### Problem description") and a bold label ("**Describe the bug**"), for
# `_prose`: one scan each; the bold span stops at a line end or after 200 characters (linear).
_HEADING = recache.compile(r"^[ \t]*#{1,6}[ \t][^\n]*", re.MULTILINE)
_BOLD = recache.compile(r"\*\*[^*\n]{1,200}\*\*")
_LETTER = recache.compile(r"[^\W\d_]")
# A letter three times or more in a row ("bagussss"): a backreference to one character, each run
# read once (linear).
_STRETCHED = recache.compile(r"([^\W\d_])\1\1+")
# "nick: " opening a chat line (IRC) or a label: a name, not a word of the message.
_NICK = recache.compile(r"\A\s*[^\s:]{1,32}:(?=\s)")
MIN_WORDS = 3  # below this a message borrows the thread's language
OTHER_MIN = 1.0  # the least evidence of an unsupported language that can lead a text (`_unsupported`)
CLEAR = 0.75  # ...and a text without a thread the default, unless one language alone scores this much
BORROWED = 0.25  # the weight of a `borrowed` word (language.toml): English "please", "thanks" in other languages' text
AFFIX = 0.5  # the weight of a word that only a prefix or suffix ties to a language (before its share)
STEM = 3  # an affix counts on a word with at least this many other letters ("dibuka", not "dia")
SHARE = 0.02  # a language's share of a lexicon word's use below which its shape says nothing for it
FLOOR = 3.0  # the Zipf frequency of an item a language lists but its [frequency] table leaves out
# A message leaves its thread's language only on clear evidence: another language leads the
# thread's by MARGIN words and the thread's score is below RATIO of the leader's (tuned on the dev
# parts of corpus/real with bench/langid_real.py). A declared language (the export's `language`)
# asks for more: the thread's score below DECLARED_RATIO of the leader's (an English issue template
# filled in Spanish keeps the declared language).
MARGIN = 2.0
RATIO = 0.5
DECLARED_MARGIN = 2.0
DECLARED_RATIO = 0.3
# ...unless one of its sentences is clearly in the thread's language (scores KEEP there and leads):
# the writer writes the thread's language and pastes an English error or fills an English template.
KEEP = 0.5
# Sentence ends: . ! ? before a space (a version "4.7.x" or "file.json" is one word). One character,
# no quantifier: a run of dots without a space after it costs one test per dot (linear).
_SENTENCE = recache.compile(r"[.!?](?=\s)")
# A clause of a message, for its frame (`_body`): the text between , . ! ? : ; and line ends.
_CLAUSE = recache.compile(r"[^,.!?:;\n]+")
_STOPS = tuple(",.!?:;\n")


Owned = tuple[tuple[int, float], ...]


def _shares(item: str, listing: set[int], tables: list[dict[str, float] | None]) -> dict[int, float]:
    """How much of the evidence of `item` (a word, "meng-", "-nya") goes to each language listing it:
    its frequency in that language over its summed frequency in all of them ([frequency] tables).

    "no" is Spanish 7.16 and English 6.35 (Zipf): in text of one of the four it is Spanish about
    six times in seven, whichever language is listed first. A language that does not list the item
    gets no share, but its use still dilutes the others' ("ya" is Spanish as well as Indonesian).
    A missing figure is 0 for a language not listing the item and FLOOR for one listing it; a language
    without a table (a new one) is taken to use its items as much as the most frequent other does.
    """
    known = [tab.get(item, FLOOR if i in listing else 0.0) for i, tab in enumerate(tables) if tab is not None]
    top = max(known, default=FLOOR)
    mass = [10 ** (tab.get(item, FLOOR if i in listing else 0.0) if tab is not None else (top if i in listing else 0.0))
            for i, tab in enumerate(tables)]
    total = sum(mass)
    return {i: mass[i] / total for i in listing}


Shares = tuple[float, ...]


@functools.cache
def _profiles() -> tuple[dict[str, Owned], dict[str, Owned], dict[str, Owned], tuple[int, ...], tuple[int, ...],
                         frozenset[str], tuple[tuple[tuple[str, float], ...], ...], tuple[tuple[tuple[str, float], ...], ...],
                         tuple[tuple[str, ...], ...], dict[str, Shares], frozenset[str], dict[str, Owned]]:
    """Word -> (language index, weight) pairs; prefix and suffix -> pairs and their lengths; the neutral
    words; per language, the (marker, weight) pairs read in words and those read in the text, and the
    letter sequences its words do not have (`foreign`); the lexicon: per word the lexicons know that
    carries another language's affix, each language's share of its use (`_lexicon`).

    A word listed by several languages counts for each its share of their use (`_shares`); a
    `borrowed` word counts BORROWED of its share for the language lending it, in whatever order the
    languages come. A `neutral` word (English tech vocabulary) counts for none. Built once so that
    scoring is one pass over the words (a memoised lookup each, `_evidence`): detection runs on every
    message of every ticket, so it is on the hot path of a batch.
    """
    _EVIDENCE.clear()  # the word memo was worked out from the tables being rebuilt
    datas = [language(lang) for lang in LANGUAGES]
    tables = [dict(d.frequency) if d.frequency else None for d in datas]
    neutral = frozenset(w for d in datas for w in d.neutral)
    listed: dict[str, set[int]] = {}
    prefixes: dict[str, set[int]] = {}
    suffixes: dict[str, set[int]] = {}
    markers: list[tuple[tuple[str, float], ...]] = []
    for i, data in enumerate(datas):
        for w in {w.lower() for w in data.function_words} - neutral:
            listed.setdefault(w, set()).add(i)
        for a in data.prefixes:
            prefixes.setdefault(a, set()).add(i)
        for a in data.suffixes:
            suffixes.setdefault(a, set()).add(i)
        # non-ASCII letters are strong evidence (0.5), ASCII sequences weak (0.2)
        markers.append(tuple((m, 0.2 if m.isascii() else 0.5) for m in data.markers if m.strip()))

    def owned(item: str, langs: set[int], base: float, borrowed: bool) -> Owned:
        pairs = []
        for i, share in sorted(_shares(item, langs, tables).items()):
            lent = borrowed and item in datas[i].borrowed
            pairs.append((i, base * share * (BORROWED if lent else 1.0)))
        return tuple(pairs)

    owners = {w: owned(w, langs, 1.0, True) for w, langs in listed.items()}
    # an unsupported language's frequent word counts its share of the word's use among ours and the
    # unsupported ones; one that a list of ours names too ("que", "desde" are Portuguese too) is read
    # only in a text where a word of an unsupported language alone was met (`_raw_scores`): ours are
    # most texts, and their frequent words would cost a second look each
    shared: dict[str, Owned] = {}
    for k, words in enumerate(OTHERS.values()):
        for w, share in words.items():
            if w in neutral:
                continue
            if w in listed:
                shared[w] = (*shared.get(w, ()), (_N + k, share))
            else:
                owners[w] = (*owners.get(w, ()), (_N + k, share))
    pre = {a: owned(f"{a}-", langs, AFFIX, False) for a, langs in prefixes.items()}
    suf = {a: owned(f"-{a}", langs, AFFIX, False) for a, langs in suffixes.items()}
    # A marker with a letter ("ñ", "ul ", " th") is read in each word (" " + word + " ", so that "ul "
    # ends a word and " th" starts one), memoised with the word, and not in a neutral word ("loading"
    # has no Indonesian "ng "); one without ("¿", "¡") is counted in the text.
    in_words = tuple(tuple(p for p in pairs if any(c.isalpha() for c in p[0])) for pairs in markers)
    in_text = tuple(tuple(p for p in pairs if not any(c.isalpha() for c in p[0])) for pairs in markers)
    foreign = tuple(tuple(f for f in d.foreign if f) for d in datas)
    return (owners, pre, suf, tuple(sorted({len(a) for a in pre}, reverse=True)),
            tuple(sorted({len(a) for a in suf}, reverse=True)), neutral, in_words, in_text, foreign,
            _lexicon(tables, set(listed) | neutral), frozenset(w for d in datas for w in d.frame), shared)


def _lexicon(tables: list[dict[str, float] | None], listed: set[str]) -> dict[str, Shares]:
    """Each language's share of the use of every word the [frequency] tables hold that no list names
    (the words of any language's 30,000 most frequent that carry another language's affix,
    bench/langid_frequency.py): its frequency there over its summed frequency in all of them, a
    figure a table leaves out (below Zipf 1) counted as none.

    "penting" (Indonesian 5.73, English none) ends like English -ing, "kucing" (4.95 / 1.27) too;
    "different" (English 5.5, Indonesian ~2) starts like Indonesian di-; "posting" is used about as
    much in both (4.39 / 4.37)."""
    out: dict[str, Shares] = {}
    words = {w for tab in tables if tab for w in tab if not w.startswith("-") and not w.endswith("-")} - listed
    for w in words:
        mass = [10 ** tab[w] if tab and w in tab else 0.0 for tab in tables]
        total = sum(mass)
        if total:
            out[w] = tuple(m / total for m in mass)
    return out


def _prose(text: str) -> str:
    """The lowered text without its non-prose tokens, quoted lines and a form's headings and bold
    labels (at most 4,000 characters are read). Non-ASCII text is NFKC-normalised first: styled
    letters (𝙺𝚘𝚔, ｆｕｌｌｗｉｄｔｈ) read as the letters they are. A line opening with ">" quotes
    someone else: not the writer's language. An issue filed over GitHub's English template
    ("**Describe the bug**", "###### Steps to reproduce:") is written in the words under the labels."""
    head = text[:4000]
    if not head.isascii():
        head = unicodedata.normalize("NFKC", head)
    if ">" in head:
        head = _QUOTE.sub("", head)
    if "#" in head or "**" in head:
        # a form's own words: markdown headings and bold labels ("### Steps to reproduce",
        # "**Describe the bug**") are the template's, not the writer's (read only if nothing else is left)
        form = _BOLD.sub(" ", _HEADING.sub("", head)) if "**" in head else _HEADING.sub("", head)
        if _LETTER.search(form):
            head = form
    lowered = head.lower()
    if ":" in lowered:
        lowered = _NICK.sub("", lowered)
    if _NOISY.search(lowered):
        lowered = _NOISE.sub(" ", " " + lowered)[1:]
    return lowered


_EVIDENCE: dict[str, Owned] = {}  # word -> its evidence, memoised: words repeat (Zipf), affix tests do not
# The memo keeps at most _EVIDENCE_MAX words of at most _EVIDENCE_WORD characters: 10-14 MB when full
# (tracemalloc, words of 8 to 40 letters). Later new words and longer ones are worked out each time:
# a word can be up to 4,000 characters (the text `_prose` reads), and 100,000 of those held ~410 MB a
# process; a 40-letter word is no word that repeats (a run of letters, a hash, a pasted blob).
_EVIDENCE_MAX = 100_000
_EVIDENCE_WORD = 40


def _evidence(w: str) -> Owned:
    """What one word says: its function-word weights, nothing for a neutral word, else the weights of
    its longest known prefix and suffix on a stem of STEM letters or more ("dibuka", "produsul").

    An affix or a marker is a guess from the word's shape, so it counts for a language only when the
    word could be one of its words: none of the language's `foreign` letter sequences in it. "keeps",
    "display", "disabled", "different" start like Indonesian ke-/di- words but have "ee", a final
    "y", "ed", "ff", which no Indonesian word has; "crashing" ends like Indonesian "-ng" but has "sh".
    A prefix on a neutral word ("direstart", "diupdate") is the writer's language on an English word:
    it counts whatever the stem's letters.

    A word the lexicons know is no guess: an affix or a marker on it counts for each language by that
    language's share of the word's use (`_lexicon`), below SHARE not at all. Indonesian "penting",
    "kucing", "anjing" end like English -ing, Spanish "están" like Indonesian -an, English "different"
    starts like Indonesian di-: none of them is evidence of the affix's language, and "posting", used
    as much in Indonesian as in English, is half of it. The rule is the same for every affix and
    marker of every language. Both tests apply: "keyboard" is used in Indonesian text too (a quarter of
    its use), but "rd " is no Indonesian ending, so it is no Indonesian ke- word.
    """
    return tuple((i, wt) for i, wt, _ in _shape(w))


def _shape(w: str) -> list[tuple[int, float, str]]:
    """The evidence of one word with where each part comes from ("word", "marker:ng ", "prefix:di",
    "suffix:ing"): `_evidence` without the labels (bench/langid_affixes.py counts them)."""
    owners, pre, suf, pre_lens, suf_lens, neutral, in_words, _, foreign, lexicon, _, _ = _profiles()
    if _STRETCHED.search(w):
        # "bagussss", "bangettt", "pleaseee", "sekaliii": a letter typed three times or more is the
        # writer stretching the word (tweets, reviews, in every language): read it once
        w = _STRETCHED.sub(r"\1", w)
    if w in neutral:
        return []
    owned = owners.get(w)
    padded = f" {w} "
    # a listed word is read as before; a word no list names is read by its shape, only for a language
    # whose `foreign` sequences it does not have and, on a word the lexicons know, by that language's
    # share of the word's use
    known = lexicon.get(w) if owned is None else None
    barred = [owned is None and ((known is not None and known[i] < SHARE) or any(f in padded for f in seqs))
              for i, seqs in enumerate(foreign)]
    pairs: list[tuple[int, float, str]] = [(i, wt, "word") for i, wt in owned] if owned is not None else []
    for i, markers in enumerate(in_words):
        if barred[i]:
            continue
        for m, weight in markers:
            c = padded.count(m)
            if c:
                pairs.append((i, weight * c * (known[i] if known else 1.0), "marker:" + m))
    if owned is not None:
        return pairs
    n = len(w) - STEM
    for lens, table, cut in ((pre_lens, pre, True), (suf_lens, suf, False)):
        for k in lens:
            if k <= n and (hit := table.get(w[:k] if cut else w[-k:])) is not None:
                on_neutral = cut and w[k:] in neutral
                label = f"prefix:{w[:k]}" if cut else f"suffix:{w[-k:]}"
                pairs.extend((i, wt * (known[i] if known and not on_neutral else 1.0), label)
                             for i, wt in hit if on_neutral or not barred[i])
                break
    return pairs


def _read(text: str) -> tuple[str, list[str]]:
    """The prose of `text` (`_prose`) and the words of its body (`_body`)."""
    lowered = _prose(text)
    words = _WORD.findall(lowered)
    if words:
        frame = _profiles()[10]
        if frame.issuperset(words):  # all frame ("thanks!", "hi all"): read it whole
            return lowered, words
        if (words[0] in frame and frame.issuperset(_CLAUSE.search(lowered).group().split())) or (  # type: ignore[union-attr]
                (words[-1] in frame or (len(words) > 1 and words[-2] in frame)) and _framed_end(lowered, frame)):
            body, inside = _body(lowered, words, frame)
            if len(inside) >= MIN_WORDS or _short_decides(_raw_scores(body, inside)):
                return body, inside
    return lowered, words


def _short_decides(raw: list[float]) -> bool:
    """Whether a text of fewer than MIN_WORDS words tells its language: one of ours alone has CLEAR
    evidence (`detect`).

    A body a frame leaves that does not ("Hola, no funciona. Gracias" leaves "no funciona": Spanish
    3.7 but English 0.13 for "no"; "Hi, not working. Thanks" leaves two words) is read with its
    frame: the greeting and the sign-off are words of the writer's language too, and the whole text
    has enough of them to weigh languages against each other. Without that the message said nothing,
    got the default language, and lost its findings. The frame decides only then: a body that tells
    its language ("Hi team, gk bisa. Thanks" is Indonesian) is still read alone."""
    if _unsupported(raw):
        return False
    ranked = sorted(raw[:_N], reverse=True)
    return ranked[0] >= CLEAR and ranked[1] == 0


def _framed_end(lowered: str, frame: frozenset[str]) -> bool:
    """Whether the last clause, or the one before a last clause of one or two words (a name), is made
    of `frame` words: a cheap test before `_body` splits the whole message."""
    cut = max(map(lowered.rfind, _STOPS))
    last = lowered[cut + 1:].split() or lowered[:max(cut, 0)].rstrip(",.!?:;\n \t").rsplit("\n", 1)[-1].split()
    if last and frame.issuperset(last):
        return True
    if 0 < cut and len(last) <= 2:
        before = max(map(lowered[:cut].rfind, _STOPS))
        words = lowered[before + 1:cut].split()
        return bool(words) and frame.issuperset(words)
    return False


def _body(lowered: str, words: list[str], frame: frozenset[str]) -> tuple[str, list[str]]:
    """The body a greeting and a sign-off frame: without the clauses at either end made only of
    `frame` words (any language's: "hi team", "dear support team", "thanks and regards", "salam",
    "saludos") and the name signed after a sign-off (one or two words no list names).

    "Hi team, gk bs login dr kmrn. Thanks and regards, Andi" is Indonesian: the English frame
    outweighed a short body written in slang. A message that is all frame ("Thanks and regards")
    is read whole. A clause ends at , . ! ? : ; or a line end (one character class: linear)."""
    found = ((m, _WORD.findall(m.group())) for m in _CLAUSE.finditer(lowered))
    clauses = [c for c in found if c[1]]
    owners = _profiles()[0]
    start, end = 0, len(clauses)
    while start < end and all(w in frame for w in clauses[start][1]):
        start += 1
    if (end - start >= 2 and len(clauses[end - 1][1]) <= 2 and all(w not in owners and w not in frame for w in clauses[end - 1][1])
            and all(w in frame for w in clauses[end - 2][1])):
        end -= 1  # a name signed after a sign-off ("Regards, Budi")
    while end > start and all(w in frame for w in clauses[end - 1][1]):
        end -= 1
    if start == end or (start == 0 and end == len(clauses)):
        return lowered, words
    # the body as written between the frames: its sentences and lines stay whole (`_writes_in` reads them)
    body = lowered[clauses[start][0].start():clauses[end - 1][0].end()]
    return body, [w for c in clauses[start:end] for w in c[1]]


def _raw_scores(lowered: str, words: list[str]) -> list[float]:
    """Evidence per language: ours (LANGUAGES) then, when the text has a word of one, the unsupported
    ones (UNSUPPORTED)."""
    in_text = _profiles()[7]
    result = [0.0] * (_N + len(UNSUPPORTED))
    memo = _EVIDENCE
    for w in words:
        owned = memo.get(w)
        if owned is None:
            owned = _evidence(w)
            if len(w) <= _EVIDENCE_WORD and len(memo) < _EVIDENCE_MAX:
                memo[w] = owned
        for i, wt in owned:
            result[i] += wt
    if any(result[_N:]):  # a word of a language we do not support: its words ours share count too
        shared = _profiles()[11]
        for w in words:
            for i, wt in shared.get(w, ()):
                result[i] += wt
    else:
        del result[_N:]  # most texts: ours only, and `_unsupported` need not be asked
    if not lowered.isascii():  # ASCII text has no "¿" or "¡" (most chat): skip their count() calls
        for i, pairs in enumerate(in_text):
            for m, weight in pairs:
                c = lowered.count(m)
                if c:
                    result[i] += weight * c
    return result


def scores(text: str) -> dict[str, float]:
    """Evidence per language: function words count 1 (shared by k languages: 1/k; borrowed: a quarter),
    marker hits 0.5 (non-ASCII) or 0.2; URLs, paths, code and mentions are not read."""
    lowered = _prose(text)
    return dict(zip(LANGUAGES, _raw_scores(lowered, _WORD.findall(lowered))))


def _unsupported(raw: list[float]) -> bool:
    """Whether a language we have no packs for (UNSUPPORTED: Italian, Portuguese, French) leads the
    text: its frequent words weigh at least a word (OTHER_MIN) and more than the best of ours.

    Italian "non mi funziona bene" and Portuguese "meu celular não liga" share "mi", "la", "o",
    "desde" with Spanish: read among our four languages only, they are Spanish and get Spanish
    findings on text that is not Spanish. A user expects what LanguageTool does: the language is
    told apart and, not being supported, gets no language's reading. The detector then answers as for
    a text that says nothing: `detect` the default, a message in a thread the thread's language."""
    if len(raw) == _N:
        return False
    other = max(raw[_N:])
    return other >= OTHER_MIN and other > max(raw[:_N])


def detect(text: str, default: str | None = None) -> str | None:
    """Best language for `text`, or `default` when the text is too short to tell (fewer than MIN_WORDS
    words, unless one language alone has CLEAR evidence), says nothing, or is in a language we have
    no packs for (`_unsupported`: Italian, Portuguese, French)."""
    lowered, words = _read(text)
    if not words:
        return default
    raw = _raw_scores(lowered, words)
    ranked = sorted(zip(raw, LANGUAGES), reverse=True)
    (top, best), (second, _) = ranked[0], ranked[1]
    if _unsupported(raw):
        return default
    if len(words) < MIN_WORDS:
        # too short to weigh languages against each other, but not to read one that alone has a
        # full word's evidence: "Bagus banget :)" is Indonesian, "ok thanks" (borrowed) the default
        return best if top >= CLEAR and second == 0 else default
    if top <= 0 or top == second:
        return default
    return best


def identify(text: str) -> str | None:
    """The language `text` is written in among ours and the unsupported ones we can tell (UNSUPPORTED),
    or None when it says nothing: "it" for Italian, which `detect` answers with its default. For a
    caller that wants to tell the user which language it met and that it is not supported."""
    lowered, words = _read(text)
    raw = _raw_scores(lowered, words) if words else []
    if not raw or max(raw) <= 0:
        return None
    if _unsupported(raw):
        return UNSUPPORTED[raw[_N:].index(max(raw[_N:]))]
    return detect(text)


def detect_thread(texts: Sequence[str], default: str) -> str:
    """The language of a thread whose messages are `texts`: the one most of them are written in
    (each message of MIN_WORDS words or more votes for its own best language), else, on a tie or
    with no vote, the best over all their words (`default` when that says nothing).

    Summing the words alone let one message outweigh the thread: an Indonesian issue filed over
    GitHub's untouched English template, or with a long English stack trace pasted, made the whole
    thread English and kept its short Indonesian replies ("gini gmn", "Gini terus") English too.
    Each text is read once: its scores vote and add to the sum.
    """
    total = [0.0] * len(LANGUAGES)
    count = 0
    votes: dict[str, int] = {}
    for text in texts:
        lowered, words = _read(text)
        if not words:
            continue
        raw = _raw_scores(lowered, words)
        total = [a + b for a, b in zip(total, raw[:_N])]
        count += len(words)
        if len(words) >= MIN_WORDS and not _unsupported(raw):
            ranked = sorted(zip(raw, LANGUAGES), reverse=True)
            if ranked[0][0] > 0 and ranked[0][0] != ranked[1][0]:
                votes[ranked[0][1]] = votes.get(ranked[0][1], 0) + 1
    if votes:
        polled = sorted(votes.values(), reverse=True)
        if len(polled) == 1 or polled[0] > polled[1]:
            return max(votes, key=lambda lang: votes[lang])
    ranked = sorted(zip(total, LANGUAGES), reverse=True)
    (top, best), (second, _) = ranked[0], ranked[1]
    if count < MIN_WORDS:
        return best if top >= CLEAR and second == 0 else default
    if top <= 0 or top == second:
        return default
    return best


def detect_in_thread(text: str, thread: str, declared: bool = False) -> str:
    """The language of one message of a thread in `thread`: the thread's unless another language
    clearly wins (MARGIN and RATIO; `declared`: the thread's language was given, DECLARED_*).

    Short replies ("ok thanks", "tira error 404") and code-switched lines ("aplikasi error terus,
    please fix") keep the thread's language; a reply written in another language leaves it.
    """
    lowered, words = _read(text)
    if len(words) < MIN_WORDS:
        return thread
    raw = _raw_scores(lowered, words)
    ranked = sorted(zip(raw, LANGUAGES), reverse=True)
    (top, best), (second, _) = ranked[0], ranked[1]
    if best == thread or top == second or _unsupported(raw):
        return thread
    own_i = LANGUAGES.index(thread) if thread in LANGUAGES else -1
    own = raw[own_i] if own_i >= 0 else 0.0
    margin, ratio = (DECLARED_MARGIN, DECLARED_RATIO) if declared else (MARGIN, RATIO)
    if top - own >= margin and own < ratio * top and not (own >= KEEP and _writes_in(lowered, own_i)):
        return best
    return thread


def _writes_in(lowered: str, i: int) -> bool:
    """Whether a sentence or line of the message, not quoted, is clearly in language `i`: it has
    MIN_WORDS words, `i` leads it and scores KEEP or more.

    The writer of "Port berubah? Apakah port untuk database nya memang dirubah? Illuminate\\Database
    \\QueryException: SQLSTATE[08006] could not connect to server..." writes Indonesian and pastes an
    English error; "Gak bisa di scan QR" over GitHub's untouched English issue template is Indonesian
    too. Their English outweighs their own words, so the message as a whole would leave the thread's
    language: a sentence of the thread's language keeps it. A reply quoting the customer ("> no me
    funciona") does not write what it quotes. Asked only of a message about to leave its thread (a
    few in a thousand), so the extra scoring costs nothing in a batch.
    """
    for line in lowered.splitlines():
        if line.lstrip().startswith(">"):
            continue
        for sentence in _SENTENCE.split(line):
            words = _WORD.findall(sentence)
            if len(words) < MIN_WORDS:
                continue
            raw = _raw_scores(sentence, words)
            if raw[i] >= KEEP and raw[i] > max(s for j, s in enumerate(raw) if j != i):
                return True
    return False
