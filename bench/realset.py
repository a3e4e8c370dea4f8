"""The real-text development set (corpus/real): how it was drawn, and how it is evaluated.

    python bench/realset.py sample-en   # the seeded IRC draw (unlabelled) -> bench/out/realset/en-irc.sample.jsonl
    python bench/realset.py sample-en2  # the second IRC draw (none of the first) -> .../en-irc2.sample.jsonl
    python bench/realset.py sample-en3  # the third IRC draw (none of en-irc*), mostly one-line reports -> .../en-irc3.sample.jsonl
    python bench/realset.py sample-en4  # the fourth IRC draw (none of en-irc{,2,3}), same strata -> .../en-irc4.sample.jsonl
    python bench/realset.py sample-en5  # the fifth IRC draw (none of en-irc{,2,3,4}, en-irc-cue) -> .../en-irc5.sample.jsonl
    python bench/realset.py sample-id   # the seeded review draw -> bench/out/realset/id-reviews.sample.jsonl
    python bench/realset.py sample-id2  # the second draw (ids not labelled in the first) -> .../id-reviews2.sample.jsonl
    python bench/realset.py sample-id3  # the third draw (ids in neither earlier draw) -> .../id-reviews3.sample.jsonl
    python bench/realset.py sample-cue  # the TL102 cue draw (bench/realset_cues.py): 150 reviews + 100 IRC threads
                                        #   -> .../id-reviews-cue.sample.jsonl, .../en-irc-cue.sample.jsonl
    python bench/realset.py sample-id4  # the fourth draw (ids in no earlier draw) -> .../id-reviews4.sample.jsonl
    python bench/realset.py sample-id5  # the fifth draw (ids in no earlier draw, cue draw included) -> .../id-reviews5.sample.jsonl
    python bench/realset.py eval        # ticketlint eval on every part (en, id, es/ro if present)
    python bench/realset.py eval --format markdown --part test

The Indonesian reviews carry no licence: corpus/real keeps only their ids and
labels. `eval` joins the text from ../shared/corpora/id-gplay-reviews.jsonl.xz
into temporary ticket JSONL files and runs `ticketlint eval` on them (with the
same interpreter, so run it with PYTHONPATH=src from a checkout). The English
parts (CC BY 4.0 derived sample) are committed whole and evaluated as they are.

Sampling is described in corpus/real/README.md; the constants below are the
draw. Changing them changes the set: the labelled files are the frozen truth,
the sampler only documents where they came from.
"""

from __future__ import annotations

import argparse
import json
import lzma
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "corpus" / "real"
SHARED = ROOT.parent / "shared" / "corpora"
ID_ARCHIVE = SHARED / "id-gplay-reviews.jsonl.xz"
OUT = ROOT / "bench" / "out" / "realset"

SEED = 13  # issue 13
EN_MULTI = 160  # threads of 2-8 messages, at most 1,500 characters in all
EN_SINGLE = 90  # one-message tickets of at least 6 words and 25 characters
ID_N = 300
ID2_N = 200  # second Indonesian draw (corpus/real/id-reviews2.dev.labels): none of the ids labelled in the first
ID2_SEED = "13:id-reviews2"
ID3_N = 200  # third Indonesian draw (corpus/real/id-reviews3.dev.labels): none of the ids of id-reviews{,2}.*
ID3_SEED = "13:id-reviews3"
ID4_N = 200  # fourth Indonesian draw (corpus/real/id-reviews4.dev.labels): none of the ids of id-reviews{,2,3}.*
ID4_SEED = "13:id-reviews4"
ID5_N = 200  # fifth Indonesian draw (corpus/real/id-reviews5.dev.labels): none of the ids of id-reviews{,2,3,4,-cue}.*
ID5_SEED = "13:id-reviews5"
EN2_SEED = "13:irc2"  # second IRC draw (corpus/real/en-irc2.dev.jsonl): none of the threads of en-irc.{dev,test}
EN2_MULTI = 150  # same strata and caps as the first draw; more multi threads (where customers report things)
EN2_SINGLE = 50
EN3_SEED = "13:irc3"  # third IRC draw (corpus/real/en-irc3.dev.jsonl): none of the threads of en-irc, en-irc2
EN3_MULTI = 80  # weighted to what customers write on the held-out set (short one-message reports):
EN3_SINGLE = 120  # 120 one-message tickets, 80 short threads; same filters as the first draw
CUE_SEED = "13:cue"  # the TL102 cue draw (branch t102): texts holding a cue of bench/realset_cues.py; a BIASED draw
CUE_ID_N = 150  # reviews labelled in no id-reviews{,2,3}.* file -> corpus/real/id-reviews-cue.dev.labels
CUE_EN_N = 100  # customer-opened IRC threads in no en-irc{,2,3}.* file -> corpus/real/en-irc-cue.dev.jsonl
CUE_EN_MAX_MSGS = 20  # wider caps than sample_en's 8 / 1,500: only 43 threads with a cue fit those, 111 fit these
CUE_EN_MAX_CHARS = 4000
EN4_SEED = "13:irc4"  # fourth IRC draw (corpus/real/en-irc4.dev.jsonl): none of en-irc, en-irc2, en-irc3; EN3's strata
EN5_SEED = "13:irc5"  # fifth IRC draw (corpus/real/en-irc5.dev.jsonl): none of en-irc{,2,3,4} nor en-irc-cue; EN3's strata
TEST_SHARE = 0.4  # per language: a seeded draw puts 40% of the labelled tickets in `test`


def sample_en(seed: int | str = SEED, n_multi: int = EN_MULTI, n_single: int = EN_SINGLE,
              exclude: frozenset[str] = frozenset()) -> list[dict]:
    sys.path.insert(0, str(ROOT / "bench"))
    from irc_threads import load_threads  # noqa: PLC0415

    tickets = [t for t in load_threads() if "irc:" + t.id not in exclude]
    multi = [t for t in tickets if 2 <= len(t.messages) <= 8 and sum(len(m.body) for m in t.messages) <= 1500
             and any(m.role.value == "agent" for m in t.messages)]
    single = [t for t in tickets if len(t.messages) == 1 and len(t.messages[0].body.split()) >= 6
              and len(t.messages[0].body) >= 25]
    rng = random.Random(seed)
    picked = [("multi", t) for t in rng.sample(multi, n_multi)] + [("single", t) for t in rng.sample(single, n_single)]
    out = []
    for stratum, t in picked:
        out.append({
            "id": "irc:" + t.id,
            "language": "en",
            "stratum": stratum,
            "messages": [{"role": m.role.value, "author": m.author, "body": m.body} for m in t.messages],
        })
    return out


def sample_en2() -> list[dict]:
    """The second IRC draw: same strata and caps, seed EN2_SEED, over the threads not in en-irc.{dev,test}
    (ids compared in code; nothing of those files is shown)."""
    rows = sample_en(EN2_SEED, EN2_MULTI, EN2_SINGLE, frozenset(_labelled_ids("en-irc.*.jsonl")))
    return [{**r, "draw": n} for n, r in enumerate(rows)]


def _sample_en_after(seed: str, earlier: tuple[str, ...], n_multi: int, n_single: int) -> list[dict]:
    """A later IRC draw: sample_en's filters with seed, over the threads whose id is in none of the files matching
    `earlier` (ids compared in code; nothing else of those files is read or shown), numbered by draw index. The
    patterns are explicit so that a draw's own file never excludes its own draw."""
    rows = sample_en(seed, n_multi, n_single, frozenset(_labelled_ids(*earlier)))
    return [{**r, "draw": n} for n, r in enumerate(rows)]


def sample_en3() -> list[dict]:
    """The third IRC draw: same filters as sample_en, seed EN3_SEED, 80 multi + 120 single, over the threads
    not in en-irc.{dev,test}.jsonl or en-irc2.dev.jsonl."""
    return _sample_en_after(EN3_SEED, ("en-irc.*.jsonl", "en-irc2.*.jsonl"), EN3_MULTI, EN3_SINGLE)


def sample_en4() -> list[dict]:
    """The fourth IRC draw: sample_en3's filters and strata (80 multi + 120 single), seed EN4_SEED, over the
    threads in none of en-irc.{dev,test}, en-irc2 and en-irc3."""
    return _sample_en_after(EN4_SEED, ("en-irc.*.jsonl", "en-irc2.*.jsonl", "en-irc3.*.jsonl"),
                            EN3_MULTI, EN3_SINGLE)


def sample_en5() -> list[dict]:
    """The fifth IRC draw: sample_en3's filters and strata (80 multi + 120 single), seed EN5_SEED, over the
    threads in none of en-irc.{dev,test}, en-irc2, en-irc3, en-irc4 and the cue draw en-irc-cue (named, not
    globbed as en-irc*: en-irc5's own file must not take its ids out of the pool)."""
    return _sample_en_after(EN5_SEED, ("en-irc.*.jsonl", "en-irc2.*.jsonl", "en-irc3.*.jsonl", "en-irc4.*.jsonl",
                                       "en-irc-cue.*.jsonl"), EN3_MULTI, EN3_SINGLE)


def _reviews() -> dict[str, dict]:
    with lzma.open(ID_ARCHIVE, "rt", encoding="utf-8") as fh:
        return {r["id"]: r for r in map(json.loads, fh)}


def sample_id() -> list[dict]:
    reviews = _reviews()
    ids = sorted(reviews)
    picked = random.Random(SEED).sample(ids, ID_N)
    return [{"id": i, "text": reviews[i]["text"]} for i in picked]


def _labelled_ids(*patterns: str) -> set[str]:
    """The ids of every label file matching one of patterns in corpus/real (ids only: nothing else is read or shown)."""
    ids: set[str] = set()
    for pattern in patterns:
        for lab in REAL.glob(pattern):
            for line in lab.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    ids.add(json.loads(line)["id"])
    return ids


def sample_id2() -> list[dict]:
    """The second review draw: ID2_N ids over the sorted ids not labelled in id-reviews.{dev,test}."""
    reviews = _reviews()
    taken = _labelled_ids("id-reviews.*.labels")
    ids = sorted(set(reviews) - taken)
    picked = random.Random(ID2_SEED).sample(ids, ID2_N)
    return [{"id": i, "draw": n, "text": reviews[i]["text"]} for n, i in enumerate(picked)]


def _sample_later(seed: str, n: int, earlier: tuple[str, ...]) -> list[dict]:
    """A later review draw: n ids drawn with random.Random(seed) over the sorted ids labelled in no earlier draw.

    The earlier draws are named (their label-file stems), not globbed as id-reviews*: once this draw's
    own label file exists a glob would take its ids out and change the draw."""
    reviews = _reviews()
    ids = sorted(set(reviews) - _labelled_ids(*(f"{stem}.*.labels" for stem in earlier)))
    picked = random.Random(seed).sample(ids, n)
    return [{"id": i, "draw": k, "text": reviews[i]["text"]} for k, i in enumerate(picked)]


def sample_id3() -> list[dict]:
    """The third review draw: ID3_N ids over the sorted ids of neither id-reviews.* nor id-reviews2.*."""
    return _sample_later(ID3_SEED, ID3_N, ("id-reviews", "id-reviews2"))


def sample_id4() -> list[dict]:
    """The fourth review draw: ID4_N ids over the sorted ids of none of id-reviews.*, id-reviews2.*, id-reviews3.*."""
    return _sample_later(ID4_SEED, ID4_N, ("id-reviews", "id-reviews2", "id-reviews3"))


def sample_id5() -> list[dict]:
    """The fifth review draw: ID5_N ids over the sorted ids labelled in none of id-reviews.*, id-reviews2.*,
    id-reviews3.*, id-reviews4.* and the TL102 cue draw id-reviews-cue.* (named, as `_sample_later` wants)."""
    return _sample_later(ID5_SEED, ID5_N, ("id-reviews", "id-reviews2", "id-reviews3", "id-reviews4", "id-reviews-cue"))


def _cue_module():  # noqa: ANN202
    sys.path.insert(0, str(ROOT / "bench"))
    import realset_cues  # noqa: PLC0415

    return realset_cues


def sample_cue_id() -> list[dict]:
    """The TL102 cue draw of reviews: CUE_ID_N ids, `random.Random(CUE_SEED).sample` over the sorted ids of the
    reviews that hold an Indonesian cue (`realset_cues.has_cue(text, "id")`) and are labelled in none of
    id-reviews.*, id-reviews2.*, id-reviews3.* (named, not globbed: the cue file's own ids never leave the pool)."""
    cues = _cue_module()
    reviews = _reviews()
    taken = _labelled_ids("id-reviews.*.labels", "id-reviews2.*.labels", "id-reviews3.*.labels")
    ids = sorted(i for i in set(reviews) - taken if cues.has_cue(reviews[i]["text"], "id"))
    picked = random.Random(CUE_SEED).sample(ids, CUE_ID_N)
    return [{"id": i, "draw": n, "cues": cues.cues_in(reviews[i]["text"], "id"), "text": reviews[i]["text"]}
            for n, i in enumerate(picked)]


def sample_cue_en() -> list[dict]:
    """The TL102 cue draw of IRC threads: CUE_EN_N threads, `random.Random(CUE_SEED).sample` over the
    customer-opened threads (2 to CUE_EN_MAX_MSGS messages, at most CUE_EN_MAX_CHARS characters, at least one
    agent answer: sample_en's `multi` filter with wider caps) in none of en-irc.*, en-irc2.*, en-irc3.* whose
    customer messages hold an English cue."""
    cues = _cue_module()
    sys.path.insert(0, str(ROOT / "bench"))
    from irc_threads import load_threads  # noqa: PLC0415

    taken = _labelled_ids("en-irc.*.jsonl", "en-irc2.*.jsonl", "en-irc3.*.jsonl")
    pool = []
    for t in load_threads():
        if "irc:" + t.id in taken or not 2 <= len(t.messages) <= CUE_EN_MAX_MSGS:
            continue
        if sum(len(m.body) for m in t.messages) > CUE_EN_MAX_CHARS:
            continue
        if not any(m.role.value == "agent" for m in t.messages):
            continue
        said = "\n".join(m.body for m in t.messages if m.role.value == "customer")
        if cues.has_cue(said, "en"):
            pool.append(t)
    picked = random.Random(CUE_SEED).sample(pool, CUE_EN_N)
    return [{"id": "irc:" + t.id, "language": "en", "stratum": "cue", "draw": n,
             "cues": cues.cues_in("\n".join(m.body for m in t.messages if m.role.value == "customer"), "en"),
             "messages": [{"role": m.role.value, "author": m.author, "body": m.body} for m in t.messages]}
            for n, t in enumerate(picked)]


def split(ids: list[str], salt: str) -> set[str]:
    """The ids that go to `test`: a seeded draw of TEST_SHARE of them (sorted first, so order does not matter)."""
    ids = sorted(ids)
    return set(random.Random(f"{SEED}:{salt}").sample(ids, round(len(ids) * TEST_SHARE)))


def _write(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def _join_id(labels: Path, dest: Path, reviews: dict[str, dict]) -> None:
    rows = []
    for line in labels.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        lab = json.loads(line)
        rev = reviews[lab["id"]]
        rows.append({"id": lab["id"], "language": "id", "expect": lab.get("expect", []),
                     "expect_not": lab.get("expect_not", []),
                     "messages": [{"role": "customer", "body": rev["text"]}]})
    _write(dest, rows)


def parts(part: str) -> list[tuple[str, list[Path]]]:
    """(name, files) per language and part, joining the Indonesian text into temporary files."""
    out: list[tuple[str, list[Path]]] = []
    wanted = ("dev", "test") if part == "all" else (part,)
    tmp = Path(tempfile.mkdtemp(prefix="realset-"))
    reviews = None
    for p in wanted:
        en = REAL / f"en-irc.{p}.jsonl"
        if en.exists():
            out.append((f"en {p}", [en]))
        # id-reviews.{p}.labels ("id {p}", the first draw) and every later draw id-reviews<N>.{p}.labels
        for lab in sorted(REAL.glob(f"id-reviews*.{p}.labels")):
            reviews = reviews or _reviews()
            stem = lab.name[: -len(f".{p}.labels")]
            dest = tmp / "id" / f"{stem}.{p}.jsonl"
            _join_id(lab, dest, reviews)
            out.append((f"id {p}" if stem == "id-reviews" else f"{stem} {p}", [dest]))
        # every other real part: <lang>-<source>.<part>.jsonl (GitHub threads, support replies; README there)
        for f in sorted(REAL.glob(f"*-*.{p}.jsonl")):
            name = f.name[: -len(f".{p}.jsonl")]
            if name != "en-irc":
                out.append((f"{name} {p}", [f]))
    return out


# Each single draw: its command, the stem of the sample file it writes to bench/out/realset/, and its function.
_DRAWS: dict[str, tuple[str, Callable[[], list[dict]]]] = {
    "sample-en": ("en-irc", sample_en), "sample-en2": ("en-irc2", sample_en2), "sample-en3": ("en-irc3", sample_en3),
    "sample-en4": ("en-irc4", sample_en4), "sample-en5": ("en-irc5", sample_en5),
    "sample-id": ("id-reviews", sample_id), "sample-id2": ("id-reviews2", sample_id2),
    "sample-id3": ("id-reviews3", sample_id3), "sample-id4": ("id-reviews4", sample_id4),
    "sample-id5": ("id-reviews5", sample_id5),
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=[*_DRAWS, "sample-cue", "eval"])
    ap.add_argument("--part", choices=["dev", "test", "all"], default="all")
    ap.add_argument("--format", choices=["text", "markdown", "json"], default="text")
    ap.add_argument("--only", default="", help="comma-separated substrings: evaluate only the parts whose name "
                    "holds one (e.g. 'replies' or 'en-replies,id-github')")
    args = ap.parse_args(argv)
    if args.command in _DRAWS:
        stem, draw = _DRAWS[args.command]
        _write(OUT / f"{stem}.sample.jsonl", draw())
        print(OUT / f"{stem}.sample.jsonl")
        return 0
    if args.command == "sample-cue":
        _write(OUT / "id-reviews-cue.sample.jsonl", sample_cue_id())
        _write(OUT / "en-irc-cue.sample.jsonl", sample_cue_en())
        print(OUT / "id-reviews-cue.sample.jsonl", OUT / "en-irc-cue.sample.jsonl")
        return 0
    rc = 0
    wanted = [w for w in args.only.split(",") if w]
    for name, files in parts(args.part):
        if wanted and not any(w in name for w in wanted):
            continue
        print(f"## {name}\n", flush=True)
        r = subprocess.run([sys.executable, "-m", "ticketlint", "eval", "--format", args.format, *map(str, files)],
                           check=False)
        rc = max(rc, r.returncode)
        print(flush=True)
    return rc


if __name__ == "__main__":
    raise SystemExit(main())
