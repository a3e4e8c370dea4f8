"""Static checks in `make test`: mypy (strict, configured in pyproject.toml) on the package and ruff on the
source, the tests and the benchmarks. Skipped, with the reason, only when the tool is not installed
(`pip install -e '.[dev]'` installs both)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec(tool) is None:
        pytest.skip(f"{tool} is not installed in this environment (pip install -e '.[dev]')")
    return subprocess.run([sys.executable, "-m", tool, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=900, check=False)


@pytest.mark.slow
def test_mypy_strict_passes() -> None:
    result = _run("mypy")  # files and strictness from [tool.mypy] in pyproject.toml
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]


def test_ruff_passes() -> None:
    result = _run("ruff", "check", "--no-cache", "src", "tests", "bench")
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
