"""A mypyc-compiled copy of the check path, built in a scratch folder, to time beside the pure tree.

Measured in round seven (bench/README.md, branch perf7): what mypyc 2.4.1 can
compile of the check path made the lint loop ~1.13x faster in CPU, `ticketlint
check` ~1.09x end to end; a compiled build is not shipped. This script keeps
the measurement repeatable (a newer mypyc may compile more):

    PYTHONPATH=src python bench/mypyc_probe.py /tmp/tl-mypyc          # copy, compile (minutes)
    PYTHONPATH=src python bench/peers.py --limit 5000 --compare-src /tmp/tl-mypyc/src ...
    PYTHONPATH=src python bench/snapshot.py --limit 3000 -o /tmp/pure.jsonl
    (cd /tmp/tl-mypyc && PYTHONPATH=src python bench/snapshot.py --limit 3000 -o /tmp/compiled.jsonl)

The copy is this checkout without .git; the modules of `COMPILED` are compiled
in place (`build_ext --inplace`, a `.so` beside each `.py`), the others stay
Python. Left out, and why (mypyc 2.4.1, CPython 3.11):

- checks/builtin/*, checks/types/*: each rule's `Options` is a frozen dataclass
  over `RuleOptions`; a compiled dataclass over an interpreted base fails at
  import ("attribute '__dict__' of 'type' objects is not writable"), with or
  without slots; tl202 also stops mypyc itself (an internal error on
  `reversed()` of a list typed Any);
- checks/base: the slots' own setters read from `RuleContext.__dict__` (mypyc
  refuses the class's `__dict__`); `Rule` is a `runtime_checkable` Protocol, which
  a compiled module cannot make; `RuleContext`, a generic frozen dataclass, fails
  like the rules' options;
- document: `lazy` caches in the instance `__dict__`, which a native class has
  not (and a compiled method has no `__name__` for its constructor);
- runner: `run`'s nested generator with `nonlocal` counters fails at run time
  ("attribute '__mypyc_env__' ... undefined");
- cli, formatters, server, engines: not on the per-ticket path.

Two annotations are rewritten in the copy only: a dataclass field annotated
`object` raises KeyError: 'object' when the compiled class is created
(`builtins.object` does not).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

COMPILED = """
analysis/failure analysis/handoff analysis/jargon analysis/questions analysis/replies analysis/text
analysis/thread analysis/vocabulary audit engine lang/detect locate masking model overlap patterns
readability recache suppressions textutil readers/ticket_json readers/jsonstream readers/detect
readers/numbers packs/api
""".split()

# (module, text, replacement): the mypyc workaround, applied to the copy only
REWRITES = (
    ("model", "    default: object\n", "    default: builtins.object\n"),
    ("readers/jsonstream", "    value: object\n", "    value: builtins.object\n"),
)

SETUP = """
import os
from setuptools import setup
from mypyc.build import mypycify
files = os.environ["MYPYC_PROBE_FILES"].split()
setup(name="ticketlint-mypyc-probe", packages=[], ext_modules=mypycify(files, opt_level="3", multi_file=True))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dest", type=Path, help="scratch folder for the copy (replaced)")
    args = ap.parse_args()
    dest: Path = args.dest.resolve()
    if dest == ROOT or ROOT in dest.parents:
        ap.error("the copy must be outside this checkout")
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(".git", ".venv", "build", "__pycache__", "*.so", ".mypy_cache"))
    pkg = dest / "src" / "ticketlint"
    for module, old, new in REWRITES:
        path = pkg / f"{module}.py"
        text = path.read_text(encoding="utf-8")
        if old not in text:
            raise SystemExit(f"mypyc_probe: {module}.py no longer holds {old.strip()!r}: update REWRITES")
        future = "from __future__ import annotations\n"
        path.write_text(text.replace(future, future + "\nimport builtins\n", 1).replace(old, new), encoding="utf-8")
    (dest / "mypyc_setup.py").write_text(SETUP, encoding="utf-8")
    files = [f"ticketlint/{m}.py" for m in COMPILED]
    cmd = [sys.executable, str(dest / "mypyc_setup.py"), "build_ext", "--inplace"]
    print(f"mypyc_probe: compiling {len(files)} modules in {dest / 'src'} ...", file=sys.stderr)
    env = dict(os.environ, MYPYC_PROBE_FILES=" ".join(files))
    done = subprocess.run(cmd, cwd=dest / "src", capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise SystemExit(f"mypyc_probe: the build failed:\n{(done.stderr or done.stdout)[-3000:]}")
    built = sorted(p.relative_to(dest / "src") for p in (dest / "src").rglob("*.so"))
    print(f"mypyc_probe: {len(built)} extension modules; time it with --compare-src {dest / 'src'}", file=sys.stderr)


if __name__ == "__main__":
    main()
