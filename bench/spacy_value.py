"""What spaCy would add to ticketlint's text layer, measured on real support text.

Issue 12 asks to build on spaCy where it does the job (tokens and sentences
from the blank pipelines, lemmas from `spacy-lookups-data`, token attributes
for acronyms, numbers and capitals) or, if it adds nothing over what
`ticketlint.analysis.text` does, to take it out of the core dependencies.
This script gives the figures, on the prose of real messages (Ubuntu IRC
threads, Indonesian app reviews: the texts bench/snapshot.py reads):

(a) speed: spaCy blank tokenizer + sentencizer vs `analysis.text` sentences
    and words on the same prose;
(b) agreement: sentence boundaries (spaCy's sentencizer vs
    `analysis.text.sentences`), and the token attributes TL202 / TL407 would
    read (`is_upper` for acronyms and shouting, `like_num` for numbers)
    vs the decisions of the rules' own tokens;
(c) lemmas: what `spacy-lookups-data` lemmas (and Snowball stems) change for
    TL302's key words (which question words a reply echoes).

    python bench/spacy_value.py --limit 20000
    PYTHONPATH=src:/path/to/spacy-lookups-data python bench/spacy_value.py   # (c) needs the lookups package

(c) is skipped when `spacy-lookups-data` / `snowballstemmer` are not importable.
"""

from __future__ import annotations

import argparse
import gzip
import json
import lzma
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from irc_threads import DEFAULT_ARCHIVE, load_threads  # noqa: E402
from timing import fastest  # noqa: E402

from ticketlint.analysis import text as T  # noqa: E402
from ticketlint.document import Document  # noqa: E402
from ticketlint.model import Message, Role, Ticket  # noqa: E402
from ticketlint.textutil import fold  # noqa: E402

REVIEWS = DEFAULT_ARCHIVE.parent / "id-gplay-reviews.jsonl.xz"
# TL202's acronym candidate (analysis/jargon.py ACRONYM) and TL407's word test, as the rules decide
_ACRONYM = re.compile(r"(?<![\w#@$&+])(?<![A-Za-z0-9]-)([A-Z]{2,6}[0-9]?)(s?)(?![\w@+=%]|-[A-Z0-9]|\.[A-Za-z0-9]|[-\s]?[0-9]{2}|[:#][0-9])")
_STRIP = re.compile(r"^[\W_]+|(?<![\W_])[\W_]+$")
_WORD_ONLY = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")


def prose_by_language(limit: int) -> dict[str, list[tuple[Role, str]]]:
    """(role, prose) of every message of the first `limit` IRC tickets and `limit` reviews, by language."""
    tickets = list(load_threads(DEFAULT_ARCHIVE, limit))
    if REVIEWS.exists():
        with lzma.open(REVIEWS, "rt", encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                if n >= limit:
                    break
                row = json.loads(line)
                tickets.append(Ticket(id=row["id"], messages=(Message(role=Role.CUSTOMER, body=row["text"]),), source="reviews"))
    out: dict[str, list[tuple[Role, str]]] = {}
    for t in tickets:
        for m in Document(t).messages:
            if m.prose.strip():
                out.setdefault(m.language, []).append((m.role, m.prose))
    return out


def speed(lang: str, texts: list[str]) -> dict[str, float]:
    import spacy

    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    tok = spacy.blank(lang)
    list(nlp.pipe(texts[:50]))  # warm up

    def ours() -> None:
        for t in texts:
            T.sentences(t)
            T.WORD.findall(t)

    def ours_tokens() -> None:
        for t in texts:
            T.TOKEN.findall(t)

    def spacy_tok() -> None:
        for _ in tok.pipe(texts, batch_size=1000):
            pass

    def spacy_sents() -> None:
        for d in nlp.pipe(texts, batch_size=1000):
            for _ in d.sents:
                pass

    return {"ours_sentences_words_s": fastest(ours), "ours_tokens_s": fastest(ours_tokens),
            "spacy_tokenizer_s": fastest(spacy_tok), "spacy_tokenizer_sentencizer_s": fastest(spacy_sents)}


def sentence_agreement(lang: str, texts: list[str]) -> dict[str, object]:
    import spacy

    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    same = 0
    ours_ends = spacy_ends = common = 0
    examples: list[tuple[str, list[str], list[str]]] = []
    for t, d in zip(texts, nlp.pipe(texts, batch_size=1000)):
        a = {e for _, e in T.sentences(t)}
        b: set[int] = set()
        for s in d.sents:
            text = s.text_with_ws
            stripped = text.rstrip()
            if stripped.strip():
                b.add(s.start_char + len(stripped))
        same += a == b
        ours_ends += len(a)
        spacy_ends += len(b)
        common += len(a & b)
        if a != b and len(examples) < 4 and len(t) < 160:
            examples.append((t, [t[s:e] for s, e in T.sentences(t)], [s.text.strip() for s in d.sents if s.text.strip()]))
    return {"messages": len(texts), "same_split": same / max(1, len(texts)),
            "ends_ours": ours_ends, "ends_spacy": spacy_ends, "ends_common": common, "examples": examples}


def attribute_agreement(lang: str, texts: list[str]) -> dict[str, object]:
    """TL202's acronym candidates and TL407's capitalised words vs spaCy's `is_upper` / `like_num`."""
    import spacy

    nlp = spacy.blank(lang)
    acr_ours = acr_spacy_same = 0
    caps_ours = caps_spacy = caps_agree = words = 0
    num_regex = num_spacy = num_agree = 0
    missed: Counter[str] = Counter()
    for t, d in zip(texts, nlp.pipe(texts, batch_size=1000)):
        by_start = {tok.idx: tok for tok in d}
        for m in _ACRONYM.finditer(t):
            acr_ours += 1
            tok = by_start.get(m.start())
            if tok is not None and tok.is_upper and tok.idx + len(tok) == m.end(2) and 2 <= len(tok.text.rstrip("s")) <= 7:
                acr_spacy_same += 1
            else:
                missed[tok.text if tok is not None else t[m.start():m.end()]] += 1
        for m in re.finditer(r"\S+", t):  # TL407's words
            w = _STRIP.sub("", m.group(0))
            if len(w) >= 2 and _WORD_ONLY.match(w):
                words += 1
                ours = w.isupper()
                tok = by_start.get(m.start() + m.group(0).find(w))
                sp = tok is not None and tok.is_upper and tok.text == w
                caps_ours += ours
                caps_spacy += sp
                caps_agree += ours == sp
        digits = {m.start() for m in re.finditer(r"(?<![\w.])\d+(?:[.,]\d+)*(?![\w.])", t)}
        spn = {tok.idx for tok in d if tok.like_num and not tok.is_alpha}
        num_regex += len(digits)
        num_spacy += len(spn)
        num_agree += len(digits & spn)
    return {"acronyms_tl202": acr_ours, "acronyms_same_spacy_token_is_upper": acr_spacy_same,
            "acronyms_not_one_spacy_token": missed.most_common(8),
            "words_tl407": words, "caps_tl407": caps_ours, "caps_spacy": caps_spacy, "caps_agree": caps_agree,
            "numbers_regex": num_regex, "numbers_spacy_like_num": num_spacy, "numbers_both": num_agree}


def lemma_effect(lang: str, pairs: list[tuple[str, str]]) -> dict[str, object] | None:
    """How often a customer's key word is echoed by the next agent message, per normaliser.

    TL302 decides "answered" from shared key words; a normaliser that merges more forms of a
    word makes more questions look answered. `prefix5` is TL302's own (pack affixes, then
    the first five letters)."""
    try:
        import snowballstemmer
        import spacy_lookups_data
    except ImportError:
        return None
    from ticketlint.checks.builtin import tl302_unanswered_question as tl302

    path = Path(spacy_lookups_data.__file__).parent / "data" / f"{lang}_lemma_lookup.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        table: dict[str, str] = json.load(fh)
    names = {"en": "english", "es": "spanish", "id": "indonesian", "ro": "romanian"}
    stemmer = snowballstemmer.stemmer(names[lang])
    stop = tl302._stopwords(lang, ())

    def words(text: str) -> list[str]:
        return [w for w in T.TOKEN.findall(fold(text).lower()) if len(w) >= 3 and not w.isdigit() and w not in stop]

    normalisers: dict[str, Callable[[str], str]] = {
        "exact": lambda w: w,
        "prefix5": lambda w: tl302._stem(w, lang),
        "lookup_lemma": lambda w: fold(table.get(w, w)).lower(),
        "snowball": lambda w: stemmer.stemWord(w),
    }
    out: dict[str, object] = {"pairs": len(pairs)}
    vocab: set[str] = set()
    for q, _ in pairs:
        vocab.update(words(q))
    out["distinct_words"] = len(vocab)
    out["inflected_in_lookup_table"] = sum(w in table and table[w] != w for w in vocab)
    for name, norm in normalisers.items():
        echoed = total = 0
        for q, a in pairs:
            qa = {norm(w) for w in words(q)}
            aa = {norm(w) for w in words(a)}
            total += len(qa)
            echoed += len(qa & aa)
        out[f"echoed_{name}"] = round(echoed / max(1, total), 4)
    # words on which the lookup lemma and the prefix stem disagree about merging with another word
    diff = Counter()
    by_prefix: dict[str, set[str]] = {}
    by_lemma: dict[str, set[str]] = {}
    for w in vocab:
        by_prefix.setdefault(normalisers["prefix5"](w), set()).add(w)
        by_lemma.setdefault(normalisers["lookup_lemma"](w), set()).add(w)
    merged_prefix = sum(len(v) for v in by_prefix.values() if len(v) > 1)
    merged_lemma = sum(len(v) for v in by_lemma.values() if len(v) > 1)
    out["words_merged_prefix5"] = merged_prefix
    out["words_merged_lookup_lemma"] = merged_lemma
    out["lemma_examples"] = sorted(((k, sorted(v)[:4]) for k, v in by_lemma.items() if len(v) > 1), key=lambda x: -len(x[1]))[:5]
    del diff
    return out


def qa_pairs(limit: int) -> list[tuple[str, str]]:
    """(customer message, next agent message) prose pairs of the IRC threads."""
    out: list[tuple[str, str]] = []
    for t in load_threads(DEFAULT_ARCHIVE, limit):
        msgs = Document(t).messages
        for a, b in zip(msgs, msgs[1:]):
            if a.role is Role.CUSTOMER and b.role is Role.AGENT and "?" in a.prose:
                out.append((a.prose, b.prose))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=20000, help="IRC tickets and reviews read (each)")
    ap.add_argument("-o", "--output", type=Path, help="write the figures as JSON too")
    args = ap.parse_args()
    by_lang = prose_by_language(args.limit)
    report: dict[str, object] = {}
    for lang in ("en", "id"):
        texts = [p for _, p in by_lang.get(lang, [])]
        if not texts:
            continue
        words = sum(len(T.WORD.findall(t)) for t in texts)
        sp = speed(lang, texts)
        sa = sentence_agreement(lang, texts)
        aa = attribute_agreement(lang, texts)
        report[lang] = {"messages": len(texts), "words": words, **sp, **{k: v for k, v in sa.items() if k != "examples"}, **aa}
        print(f"== {lang}: {len(texts)} messages, {words} words")
        print(f"(a) ours (sentences + words) {sp['ours_sentences_words_s']:.2f} s, ours (tokens) {sp['ours_tokens_s']:.2f} s; "
              f"spaCy tokenizer {sp['spacy_tokenizer_s']:.2f} s, tokenizer + sentencizer {sp['spacy_tokenizer_sentencizer_s']:.2f} s "
              f"(x{sp['spacy_tokenizer_sentencizer_s'] / sp['ours_sentences_words_s']:.1f})")
        print(f"(b) sentences: same split in {sa['same_split']:.1%} of messages; ends ours {sa['ends_ours']}, "
              f"spaCy {sa['ends_spacy']}, both {sa['ends_common']}")
        for text, ours, theirs in sa["examples"]:  # type: ignore[attr-defined]
            print(f"    {text!r}\n      ours:  {ours}\n      spaCy: {theirs}")
        print(f"    acronyms (TL202): {aa['acronyms_tl202']}, of which one spaCy token with is_upper: "
              f"{aa['acronyms_same_spacy_token_is_upper']}; not: {aa['acronyms_not_one_spacy_token']}")
        print(f"    capitals (TL407): {aa['words_tl407']} words, caps ours {aa['caps_tl407']}, spaCy is_upper {aa['caps_spacy']}, "
              f"same decision {aa['caps_agree'] / max(1, aa['words_tl407']):.2%}")  # type: ignore[operator]
        print(f"    numbers: regex {aa['numbers_regex']}, spaCy like_num {aa['numbers_spacy_like_num']}, both {aa['numbers_both']}")
    pairs = qa_pairs(args.limit)
    le = lemma_effect("en", pairs)
    if le is None:
        print("(c) skipped: spacy-lookups-data / snowballstemmer not importable")
    else:
        report["lemmas_en"] = le
        print(f"(c) TL302 key words, {le['pairs']} question/reply pairs, {le['distinct_words']} distinct question words "
              f"({le['inflected_in_lookup_table']} inflected forms the lookup table maps to a lemma)")
        for k in ("exact", "prefix5", "lookup_lemma", "snowball"):
            print(f"    echoed by the reply with {k}: {le[f'echoed_{k}']:.2%}")
        print(f"    words merged with another: prefix5 {le['words_merged_prefix5']}, lookup lemma {le['words_merged_lookup_lemma']}")
        print(f"    e.g. {le['lemma_examples']}")
    if args.output:
        args.output.write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
