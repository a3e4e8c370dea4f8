"""Turn the hand labels (bench/realset_labels/*.labels.txt, one line per drawn ticket, by its index
in the seeded draw) into the frozen files of corpus/real. Run once, before any ticketlint run.

A label line is `index|CODE: why; CODE: why|NEG NEG|WITHDRAWN`: positives with a one-line reason,
extra negatives, and defaults withdrawn (codes the labeller could not judge on that ticket).
Defaults (negatives for every ticket unless labelled otherwise): see DEFAULTS below.
`python bench/realset_build.py en-irc2` builds only corpus/real/en-irc2.dev.jsonl (the second IRC draw);
`... en-irc3` only corpus/real/en-irc3.dev.jsonl (the third), `... en-irc4` only corpus/real/en-irc4.dev.jsonl
(the fourth), `... en-irc5` only corpus/real/en-irc5.dev.jsonl (the fifth).
`python bench/realset_build.py id-reviews3` builds only corpus/real/id-reviews3.dev.labels (the third review draw);
`... id-reviews4` only corpus/real/id-reviews4.dev.labels (the fourth), `... id-reviews5` only
corpus/real/id-reviews5.dev.labels (the fifth).
`python bench/realset_build.py cue` builds corpus/real/id-reviews-cue.dev.labels and en-irc-cue.dev.jsonl (the TL102 cue
draw of `realset.py sample-cue`; a biased draw, see corpus/real/README.md).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from realset import OUT, REAL, ROOT, split  # noqa: E402

LABELS = ROOT / "bench" / "realset_labels"
# Rules that fire on phrases a reader can rule out at a glance (no code word, no secret, no card
# number, no no-change claim; for agent text no refusal, blame, upsell, marketing, stock phrase, shouting).
DEFAULTS_ALL = ["TL102", "TL401", "TL601", "TL602"]
DEFAULTS_AGENT = ["TL304", "TL402", "TL404", "TL405", "TL406", "TL407"]


def parse(path: Path) -> dict[int, tuple[dict[str, str], set[str], set[str]]]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        idx, pos, neg, off = (line.split("|") + ["", "", ""])[:4]
        why = {}
        last = None
        for item in filter(None, (p.strip() for p in pos.split(";"))):
            code, _, reason = item.partition(":")
            if re.fullmatch(r"TL\d{3}", code.strip()):
                last = code.strip()
                why[last] = reason.strip()
            else:  # a ';' inside a reason
                why[last] += "; " + item
        out[int(idx)] = (why, set(neg.split()), set(off.split()))
    return out


def labels(why: dict[str, str], neg: set[str], off: set[str], defaults: list[str]) -> dict:
    expect = sorted(why)
    expect_not = sorted((set(defaults) | neg) - set(why) - off)
    return {"expect": expect, "expect_not": expect_not, "why": why}


def main() -> None:
    en = [json.loads(x) for x in (OUT / "en-irc.sample.jsonl").read_text(encoding="utf-8").splitlines()]
    lab = parse(LABELS / "en-irc.labels.txt")
    rows = []
    for i, t in enumerate(en):
        if i not in lab:
            continue
        has_agent = any(m["role"] == "agent" for m in t["messages"])
        d = DEFAULTS_ALL + (DEFAULTS_AGENT if has_agent else [])
        rows.append({"id": t["id"], "language": "en", "stratum": t["stratum"], "draw": i, **labels(*lab[i], d),
                     "messages": t["messages"]})
    test = split([r["id"] for r in rows], "en")
    for part, keep in (("dev", False), ("test", True)):
        sel = [r for r in rows if (r["id"] in test) == keep]
        (REAL / f"en-irc.{part}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in sel), encoding="utf-8")
    ids = [json.loads(x) for x in (OUT / "id-reviews.sample.jsonl").read_text(encoding="utf-8").splitlines()]
    lab = parse(LABELS / "id-reviews.labels.txt")
    rows = [{"id": r["id"], "draw": i, **labels(*lab[i], DEFAULTS_ALL)} for i, r in enumerate(ids) if i in lab]
    test = split([r["id"] for r in rows], "id")
    for part, keep in (("dev", False), ("test", True)):
        sel = [r for r in rows if (r["id"] in test) == keep]
        (REAL / f"id-reviews.{part}.labels").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in sel), encoding="utf-8")


# The second IRC draw (bench/realset.py sample-en2) labels only these rules; every ticket is dev.
EN2_DEFAULTS_ALL = ["TL102"]
EN2_DEFAULTS_AGENT = ["TL301"]


def build_irc(name: str, defaults_all: list[str], defaults_agent: list[str]) -> None:
    """corpus/real/NAME.dev.jsonl from bench/realset_labels/NAME.labels.txt (all of it dev): the draw in
    bench/out/realset/NAME.sample.jsonl, `defaults_all` negatives for every ticket and `defaults_agent` where
    the thread has an agent message."""
    en = [json.loads(x) for x in (OUT / f"{name}.sample.jsonl").read_text(encoding="utf-8").splitlines()]
    lab = parse(LABELS / f"{name}.labels.txt")
    rows = []
    for t in en:
        i = t["draw"]
        if i not in lab:
            continue
        has_agent = any(m["role"] == "agent" for m in t["messages"])
        d = defaults_all + (defaults_agent if has_agent else [])
        rows.append({"id": t["id"], "language": "en", "stratum": t["stratum"], "draw": i, **labels(*lab[i], d),
                     "messages": t["messages"]})
    (REAL / f"{name}.dev.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                            encoding="utf-8")


def build_en2() -> None:
    """corpus/real/en-irc2.dev.jsonl (the second IRC draw, its own defaults)."""
    build_irc("en-irc2", EN2_DEFAULTS_ALL, EN2_DEFAULTS_AGENT)


def build_en3() -> None:
    """corpus/real/en-irc3.dev.jsonl (the third IRC draw; the first draw's defaults: DEFAULTS_ALL, and
    DEFAULTS_AGENT where the thread has an agent message)."""
    build_irc("en-irc3", DEFAULTS_ALL, DEFAULTS_AGENT)


def build_en4() -> None:
    """corpus/real/en-irc4.dev.jsonl (the fourth IRC draw; the defaults of the third)."""
    build_irc("en-irc4", DEFAULTS_ALL, DEFAULTS_AGENT)


def build_id_labels(name: str) -> None:
    """corpus/real/NAME.dev.labels from bench/realset_labels/NAME.labels.txt (ids + labels, all dev), reading the ids of
    the draw in bench/out/realset/NAME.sample.jsonl (`realset.py sample-id3`, `sample-id4`, `sample-id5`, `sample-cue`)."""
    ids = [json.loads(x) for x in (OUT / f"{name}.sample.jsonl").read_text(encoding="utf-8").splitlines()]
    lab = parse(LABELS / f"{name}.labels.txt")
    rows = [{"id": r["id"], "draw": r["draw"], **labels(*lab[r["draw"]], DEFAULTS_ALL)} for r in ids if r["draw"] in lab]
    (REAL / f"{name}.dev.labels").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                              encoding="utf-8")


def build_cue() -> None:
    """The TL102 cue draw: id-reviews-cue.dev.labels (ids + labels) and en-irc-cue.dev.jsonl (threads + labels), the
    first draw's defaults (DEFAULTS_ALL; DEFAULTS_AGENT where a thread has an agent message)."""
    build_id_labels("id-reviews-cue")
    build_irc("en-irc-cue", DEFAULTS_ALL, DEFAULTS_AGENT)


if __name__ == "__main__":
    if sys.argv[1:] == ["en-irc2"]:
        build_en2()
    elif sys.argv[1:] == ["en-irc3"]:
        build_en3()
    elif sys.argv[1:] == ["en-irc4"]:
        build_en4()
    elif sys.argv[1:] == ["en-irc5"]:
        build_irc("en-irc5", DEFAULTS_ALL, DEFAULTS_AGENT)  # the fifth IRC draw; the defaults of the third
    elif sys.argv[1:] in (["id-reviews3"], ["id-reviews4"], ["id-reviews5"]):
        build_id_labels(sys.argv[1])
    elif sys.argv[1:] == ["cue"]:
        build_cue()
    else:
        main()
