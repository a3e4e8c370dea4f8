"""Precision and recall on every real part (corpus/real), an older tree against this one, as one table.

    git worktree add /tmp/old caf0e57
    python bench/realset_compare.py /tmp/old               # every cell with a positive or a false positive
    python bench/realset_compare.py /tmp/old --min-positives 10

Each tree runs `ticketlint eval --format json` (its own src/ and rules/) on the same files, which
`realset.parts` assembles (the Indonesian review text joined from ../shared), so the labels are the
frozen ones whichever tree is scored.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import realset  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
_NAMES = {"en": "en-irc", "id": "id-reviews"}


def _cells(tree: Path, files: list[Path]) -> dict[str, dict[str, str]]:
    env = dict(os.environ, PYTHONPATH=str(tree / "src"), TICKETLINT_RULES_DIR=str(tree / "rules"))
    out = subprocess.run([sys.executable, "-m", "ticketlint", "eval", "--format", "json", *map(str, files)],
                         capture_output=True, text=True, env=env, cwd=tree, check=False)
    if not out.stdout.strip():
        raise SystemExit(f"{tree}: ticketlint eval printed nothing: {out.stderr.strip()[-300:]}")
    return {c["rule"]: c for c in json.loads(out.stdout)["cells"] if c["lang"] != "all"}


def _fmt(c: dict[str, str] | None) -> str:
    return "–" if c is None else f"{c['precision']} / {c['recall']} ({c['tp']} {c['fp']} {c['fn']})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("before", type=Path, help="a checkout of the older tree (its src/ and rules/ are used)")
    ap.add_argument("--min-positives", type=int, default=0)
    args = ap.parse_args()
    rows: list[tuple[str, str, str, str, int]] = []
    for part in ("dev", "test"):
        for name, files in realset.parts(part):
            old, new = _cells(args.before, files), _cells(ROOT, files)
            lang, _, p = name.partition(" ")
            label = f"{_NAMES.get(lang, lang)} {'**test**' if p == 'test' else p}"
            for rule in sorted(set(old) | set(new)):
                cell = new.get(rule) or old[rule]
                positives = int(cell["tp"]) + int(cell["fn"])
                false_pos = any(int(c["fp"]) for c in (old.get(rule), new.get(rule)) if c)
                if positives >= max(args.min_positives, 1) or (not args.min_positives and false_pos):
                    rows.append((rule, label, _fmt(old.get(rule)), _fmt(new.get(rule)), positives))
    print(f"| rule | set (part) | before: {args.before} | now | positives |")
    print("|---|---|---|---|---|")
    for rule, label, old_cell, new_cell, positives in sorted(rows, key=lambda r: r[0]):
        print(f"| {rule} | {label} | {old_cell} | {new_cell} | {positives} |")


if __name__ == "__main__":
    main()
