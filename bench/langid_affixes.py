"""Shape evidence for the wrong language: how often an affix or a marker of another language fires on
the words of text whose language is known.

The detector reads a word no list names by its shape (lang/detect.py: prefixes, suffixes and in-word
markers of every language's language.toml). On a word of another language that happens to end or
start the same way it is evidence for the wrong language: English -ing on Indonesian "penting",
"kucing", "anjing"; Indonesian -an on Spanish "hablan"; Indonesian di- on English "different". This
counts, over a corpus of one known language, every such hit per (language, affix or marker), with the
words that give most of them, so that the figure is reproducible.

    python bench/langid_affixes.py                     # the Indonesian Play reviews (../shared/corpora)
    python bench/langid_affixes.py --dev               # the dev parts of corpus/real, each message in its ticket's language
    python bench/langid_affixes.py --no-lexicon        # as the detector read them before the lexicon (lang13b)
    python bench/langid_affixes.py --top 15            # the 15 words behind each of the biggest counts

A hit is a word occurrence whose evidence for the other language through that affix or marker is
above zero; `weight` sums that evidence. The reviews' text is printed only to the terminal (a word
and its count), never written to a file.
"""

from __future__ import annotations

import argparse
import json
import lzma
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REVIEWS = ROOT.parent / "shared" / "corpora" / "id-gplay-reviews.jsonl.xz"

from ticketlint.lang import detect as d  # noqa: E402
from ticketlint.model import LANGUAGES  # noqa: E402


def texts(dev: bool) -> list[tuple[str, str]]:
    """(language, text) pairs: the reviews (all Indonesian) or every dev message with its ticket's language."""
    if not dev:
        with lzma.open(REVIEWS, "rt", encoding="utf-8") as fh:
            return [(r.get("lang", "id"), r["text"]) for r in map(json.loads, fh) if r.get("text")]
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import langid_real  # noqa: PLC0415

    return [(t.language or "en", m.body) for _, t in langid_real.tickets("dev") for m in t.messages]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dev", action="store_true", help="the dev parts of corpus/real instead of the reviews")
    ap.add_argument("--no-lexicon", action="store_true", help="read every word by its shape (the detector before the lexicon)")
    ap.add_argument("--top", type=int, default=8, help="words shown for each of the biggest counts")
    ap.add_argument("--rows", type=int, default=12, help="(language, affix) rows shown")
    args = ap.parse_args(argv)
    if args.no_lexicon:
        d._profiles()[9].clear()
        d._EVIDENCE.clear()
    hits: Counter[tuple[str, str, str]] = Counter()
    weight: Counter[tuple[str, str, str]] = Counter()
    words: dict[tuple[str, str, str], Counter[str]] = {}
    own: Counter[str] = Counter()
    n_words = 0
    memo: dict[str, list[tuple[int, float, str]]] = {}
    for lang, text in texts(args.dev):
        for w in d._WORD.findall(d._prose(text)):
            n_words += 1
            shape = memo.get(w)
            if shape is None:
                shape = memo[w] = d._shape(w)
            for i, wt, label in shape:
                if label == "word" or wt <= 0:
                    continue
                if LANGUAGES[i] == lang:
                    own[lang] += 1
                    continue
                key = (lang, LANGUAGES[i], label)
                hits[key] += 1
                weight[key] += wt
                words.setdefault(key, Counter())[w] += 1
    print(f"{n_words} words; shape evidence for the text's own language: {dict(own)}")
    by_pair: Counter[tuple[str, str]] = Counter()
    for (lang, other, _), n in hits.items():
        by_pair[(lang, other)] += n
    print("hits for another language, by (text language -> evidence language):",
          ", ".join(f"{a}->{b} {n}" for (a, b), n in sorted(by_pair.items())))
    print(f"{'text':4} {'for':4} {'affix or marker':18} {'hits':>6} {'weight':>8}  words")
    for key, n in hits.most_common(args.rows):
        top = ", ".join(f"{w} {c}" for w, c in words[key].most_common(args.top))
        print(f"{key[0]:4} {key[1]:4} {key[2]:18} {n:6} {weight[key]:8.1f}  {top}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
