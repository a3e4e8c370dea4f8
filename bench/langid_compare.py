"""Language detection: ticketlint's function-word detector against py3langid.

ticketlint restricts detection to its four languages and uses a small
function-word detector (`ticketlint.lang.detect`) instead of py3langid,
because py3langid's model takes 0.6-0.9 s to load: more than half the
1.5 s budget of a single check. This script measures both on the same texts:
accuracy, per-text cost, and load time.

Texts: the messages of the labelled corpus (`corpus/<lang>/tickets.jsonl`,
language from the ticket), sentences of the seed articles
(`../shared/seeds/`, es/id/ro), and English IRC lines from the benchmark
archive. Short texts (< 3 words) are skipped: neither detector can do much
with "ok thanks", and ticketlint then falls back to the thread's language.

    python bench/langid_compare.py          (needs the `dev` extra: py3langid)
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
SEED_LANG = {"000": "es", "001": "id", "002": "es", "003": "es", "004": "ro"}
LANGS = ("en", "es", "id", "ro")


def texts() -> list[tuple[str, str, str]]:
    """(source, language, text) triples."""
    out: list[tuple[str, str, str]] = []
    for lang in LANGS:
        path = ROOT / "corpus" / lang / "tickets.jsonl"
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    t = json.loads(line)
                    out += [("corpus", t.get("language", lang), m["body"]) for m in t["messages"]]
    for path in sorted(SEEDS.glob("*.txt")):
        lang = SEED_LANG.get(path.name[:3])
        if lang:
            out += [("seeds", lang, s.strip()) for s in path.read_text(encoding="utf-8", errors="replace").splitlines()]
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from irc_threads import load_threads

    irc = [m.body for t in load_threads(limit=4000) for m in t.messages]
    random.Random(7).shuffle(irc)
    out += [("irc", "en", s) for s in irc[:1500]]
    return [(src, lang, t) for src, lang, t in out if len(t.split()) >= 3]


def main() -> None:
    from ticketlint.lang.detect import detect

    data = texts()
    t0 = time.perf_counter()
    import py3langid
    from py3langid import langid

    langid.set_languages(list(LANGS))  # loads the model
    ident = langid
    load_s = time.perf_counter() - t0

    results = {}
    for name, fn in (("ticketlint", lambda s: detect(s, default="en")), ("py3langid", lambda s: ident.classify(s)[0])):
        fn(data[0][2])
        right: Counter[tuple[str, str]] = Counter()
        total: Counter[tuple[str, str]] = Counter()
        t0 = time.perf_counter()
        for src, lang, text in data:
            total[(src, lang)] += 1
            right[(src, lang)] += fn(text) == lang
        spent = time.perf_counter() - t0
        results[name] = (right, total, spent)
    print(f"{len(data)} texts of >= 3 words; {py3langid.__name__} model load {load_s:.2f} s")
    keys = sorted(results["ticketlint"][1])
    print(f"{'source':8} {'lang':5} {'n':>5}  " + "  ".join(f"{n:>12}" for n in results))
    for key in keys:
        row = "  ".join(f"{results[n][0][key] / results[n][1][key]:12.3f}" for n in results)
        print(f"{key[0]:8} {key[1]:5} {results['ticketlint'][1][key]:5}  {row}")
    for name, (right, total, spent) in results.items():
        n = sum(total.values())
        print(f"{name:12} accuracy {sum(right.values()) / n:.3f}   {1e6 * spent / n:6.1f} µs/text")


if __name__ == "__main__":
    main()
