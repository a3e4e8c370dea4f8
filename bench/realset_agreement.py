"""Two blind labellers on the same real threads: how often their frozen labels agree, per rule.

    python bench/realset_agreement.py
    python bench/realset_agreement.py --pair corpus/real/en-replies3.dev.jsonl corpus/real/agreement/en-replies3.label2.labels
    python bench/realset_agreement.py --join /tmp/label2 && python -m ticketlint eval /tmp/label2/all.jsonl

The third form writes, for every second labeller's file in corpus/real/agreement/, the part's threads
with the second labeller's labels in place of the first (`DIR/<part>.jsonl`, and all of them in
`DIR/all.jsonl`), so that `ticketlint eval` scores the rules against the labeller who read only
RULES.md. The threads are real text: write them outside the repository.

The second form compares any two label files (JSON lines with `id`, `expect`, `expect_not`), such as a
frozen part and a second labeller's blind labels of the same tickets (corpus/real/agreement/).

The support-reply gatherers (corpus/real/README.md) did not open the earlier GitHub parts, to stay
blind, and 83 of their threads turned out to be there already (same source_url). Those threads were
dropped from the replies parts, but their labels, frozen in the gatherers' commits, are a free
inter-labeller check: where two labellers who both read only RULES.md disagree, a rule cannot be
expected to agree with either. (Both labellers were helpers of the same kind, so agreement is an upper
bound on what two people would reach.)
"""

from __future__ import annotations

import collections
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "corpus" / "real"
# (commit where the gatherer froze its labels, language) before the duplicates were dropped
FROZEN = (("a61f76c", "en"), ("ea8b08c", "id"), ("0eab4b1", "es"), ("0eab4b1", "ro"))


def _labels(ticket: dict[str, object]) -> dict[str, bool]:
    expect, expect_not = ticket.get("expect", []), ticket.get("expect_not", [])
    assert isinstance(expect, list) and isinstance(expect_not, list)
    return {**{r: False for r in expect_not}, **{r: True for r in expect}}


def _read(path: Path) -> dict[str, dict[str, bool]]:
    """Labels per ticket id of a JSON-lines label file."""
    return {t["id"]: _labels(t) for t in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if t}


def join(out: Path) -> None:
    """Each part's threads labelled by its second labeller: `out/<part>.jsonl` and `out/all.jsonl`."""
    out.mkdir(parents=True, exist_ok=True)
    with (out / "all.jsonl").open("w", encoding="utf-8") as every:
        for path in sorted((REAL / "agreement").glob("*.label2.labels")):
            part = path.name.split(".")[0]
            threads = REAL / f"{part}.dev.jsonl"
            if not threads.exists():  # labels of a part whose text is not in the repository (the reviews)
                continue
            labels = {t["id"]: t for t in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if t}
            with (out / f"{part}.jsonl").open("w", encoding="utf-8") as fh:
                for ticket in map(json.loads, threads.read_text(encoding="utf-8").splitlines()):
                    if ticket["id"] in labels:
                        second = labels[ticket["id"]]
                        line = json.dumps(dict(ticket, expect=second["expect"], expect_not=second["expect_not"]),
                                          ensure_ascii=False) + "\n"
                        fh.write(line)
                        every.write(line)
            print(f"{out / part}.jsonl")


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--join":
        join(Path(sys.argv[2]))
        return
    if len(sys.argv) == 4 and sys.argv[1] == "--pair":
        _table(_read(Path(sys.argv[2])), _read(Path(sys.argv[3])))
        return
    first: dict[str, dict[str, bool]] = {}
    for f in REAL.glob("*-github.*.jsonl"):
        for line in f.read_text(encoding="utf-8").splitlines():
            t = json.loads(line)
            first[t["source_url"]] = _labels(t)
    second: dict[str, dict[str, bool]] = {}
    for commit, lang in FROZEN:
        for part in ("dev", "test"):
            text = subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:corpus/real/{lang}-replies.{part}.jsonl"],
                                  capture_output=True, text=True, check=True).stdout
            for line in text.splitlines():
                t = json.loads(line)
                second[t["source_url"]] = _labels(t)
    _table(first, second)


def _table(first: dict[str, dict[str, bool]], second: dict[str, dict[str, bool]]) -> None:
    """Per rule: tickets both labelled, how many labels agree, positives by either and by both, and the second
    file's P / R against the first (the ceiling a rule can reach when the first is the truth)."""
    both = sorted(set(first) & set(second))
    labelled: collections.Counter[str] = collections.Counter()
    agree: collections.Counter[str] = collections.Counter()
    either: collections.Counter[str] = collections.Counter()
    pos_both: collections.Counter[str] = collections.Counter()
    for url in both:
        a, b = first[url], second[url]
        for rule in set(a) & set(b):
            labelled[rule] += 1
            agree[rule] += a[rule] == b[rule]
            if a[rule] or b[rule]:
                either[rule] += 1
                pos_both[rule] += a[rule] and b[rule]
    print(f"{len(both)} threads labelled by two labellers\n")
    print("| rule | labelled by both | agree | positive by either | positive by both |")
    print("|---|---:|---:|---:|---:|")
    for rule in sorted(r for r in labelled if either[r]):
        print(f"| {rule} | {labelled[rule]} | {agree[rule]} | {either[rule]} | {pos_both[rule]} |")
    print("\nAs a ceiling: with the first file as truth, the second labeller's P / R on the positives.")
    for rule in sorted(r for r in labelled if either[r]):
        tp = sum(1 for i in both if rule in first[i] and rule in second[i] and first[i][rule] and second[i][rule])
        fp = sum(1 for i in both if rule in first[i] and rule in second[i] and not first[i][rule] and second[i][rule])
        fn = sum(1 for i in both if rule in first[i] and rule in second[i] and first[i][rule] and not second[i][rule])
        p = f"{tp / (tp + fp):.2f}" if tp + fp else "-"
        r = f"{tp / (tp + fn):.2f}" if tp + fn else "-"
        print(f"  {rule}: P {p} R {r} ({tp} {fp} {fn})")


if __name__ == "__main__":
    main()
