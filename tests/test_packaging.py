"""The rule packs live in the top-level rules/ folder and must ship inside every install.

pyproject.toml maps `ticketlint.rules` onto rules/ and lists the packages by
hand (a folder outside src/ cannot be found by `packages.find`); these tests
catch a package left out of that list and a wheel without its packs.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _listed() -> set[str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return set(data["tool"]["setuptools"]["packages"])


def test_every_package_under_src_is_listed() -> None:
    found = {
        ".".join(p.parent.relative_to(ROOT / "src").parts) for p in (ROOT / "src").rglob("__init__.py")
    }
    missing = sorted(found - _listed())
    assert not missing, f"add to [tool.setuptools] packages in pyproject.toml: {missing}"


def test_rules_package_is_the_top_level_folder() -> None:
    import ticketlint.rules

    assert Path(ticketlint.rules.__file__).resolve().parent == ROOT / "rules"


@pytest.mark.slow
def test_wheel_carries_every_pack(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True)
    (wheel,) = tmp_path.glob("ticketlint-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    packs = {f"ticketlint/rules/{p.relative_to(ROOT / 'rules').as_posix()}" for p in (ROOT / "rules").rglob("*.toml")}
    assert packs and not packs - names, sorted(packs - names)[:5]
    assert "ticketlint/rules/__init__.py" in names and "ticketlint/py.typed" in names


def test_the_engines_are_extras_and_import_nothing_heavy_until_used() -> None:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    core = " ".join(data["project"]["dependencies"]).lower()
    extras = data["project"]["optional-dependencies"]
    assert not any(name in core for name in ("dask", "pyspark", "pandas", "pyarrow"))
    assert any(d.startswith("distributed") for d in extras["dask"]) and any(d.startswith("pyspark") for d in extras["spark"])
    code = ("import sys, ticketlint, ticketlint.frames, ticketlint.dask, ticketlint.spark, ticketlint.spark_job; "
            "print(sorted(m for m in ('pandas', 'pyarrow', 'dask', 'pyspark', 'distributed') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
    assert done.stdout.strip() == "[]"
