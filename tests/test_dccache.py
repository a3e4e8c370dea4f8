"""dccache.py: dataclass methods compiled once and kept between runs, the classes unchanged."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = str(Path(__file__).resolve().parents[1] / "src")

_PROBE = """
import dataclasses, sys
from ticketlint import dccache
from ticketlint.model import Span, Ticket, Message, Role

@dataclasses.dataclass(frozen=True, slots=True)
class P:
    a: int
    b: str = "x"
    c: tuple[int, ...] = dataclasses.field(default_factory=tuple)

p = P(1)
assert p == P(1, "x", ()) and p != P(2) and hash(p) == hash(P(1)) and repr(p) == "P(a=1, b='x', c=())"
try:
    p.a = 3
except dataclasses.FrozenInstanceError:
    pass
else:
    raise AssertionError("not frozen")
assert Span(1, 2) == Span(1, 2) and Ticket("t", (Message(Role.AGENT, "hi"),)).messages[0].body == "hi"
print(bool(dccache._installed), len(dccache._codes))
"""


def _run(cache: Path) -> tuple[bool, int]:
    env = dict(os.environ, PYTHONPATH=SRC, TICKETLINT_CACHE_DIR=str(cache))
    done = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, env=env, check=True)
    installed, count = done.stdout.split()
    return installed == "True", int(count)


@pytest.mark.skipif(sys.implementation.name != "cpython" or sys.version_info[:2] not in ((3, 11), (3, 12)),
                    reason="installed only where dataclasses._create_fn is the one dccache replicates")
def test_dataclasses_behave_the_same_and_their_code_is_kept(tmp_path: Path) -> None:
    first = _run(tmp_path)
    assert first[0] and first[1] > 20  # the methods of model.py's dataclasses and of the probe's
    files = list(tmp_path.glob("dataclasses-*.marshal"))
    assert len(files) == 1
    second = _run(tmp_path)  # read back: the same entries, nothing new to write
    assert second == first
    files[0].write_bytes(b"not marshal")  # a damaged file is ignored and replaced
    assert _run(tmp_path) == first


def test_off_installs_nothing(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=SRC, TICKETLINT_CACHE_DIR="off")
    done = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.split() == ["False", "0"]
