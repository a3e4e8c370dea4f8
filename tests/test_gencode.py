"""The dataclass methods' code kept between runs (`ticketlint.gencode`): the same functions as compiled afresh."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import ticketlint

# Every generated method of every dataclass of the modules `check` loads: its annotations, flags, code, constants.
DUMP = """
import dataclasses, sys
import ticketlint.cli, ticketlint.runner, ticketlint.registry
ticketlint.registry.default_registry()
out = []
for name, mod in sorted(sys.modules.items()):
    if name.startswith("ticketlint"):
        for key, cls in sorted(vars(mod).items()):
            if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == name:
                for fn, f in sorted(cls.__dict__.items()):
                    code = getattr(f, "__code__", None)
                    if code is not None and code.co_filename == "<string>":
                        out.append(repr((name, key, fn, f.__annotations__, code.co_flags, code.co_code, code.co_consts)))
print(len(out), hash(tuple(out)))
"""


def _dump(cache: str) -> str:
    src = str(Path(ticketlint.__file__).resolve().parents[1])
    env = dict(os.environ, TICKETLINT_CACHE_DIR=cache, PYTHONPATH=src, PYTHONHASHSEED="0")
    done = subprocess.run([sys.executable, "-c", DUMP], capture_output=True, text=True, env=env, check=True)
    return done.stdout


def test_kept_code_makes_the_same_methods(tmp_path: Path) -> None:
    fresh = _dump("off")
    assert int(fresh.split()[0]) > 100
    first = _dump(str(tmp_path))  # compiles and writes the file
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("dataclass-")]
    again = _dump(str(tmp_path))  # runs the kept code objects
    assert fresh == first == again

