"""Runs every per-rule YAML case file under tests/cases/ (sqlfluff style)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ticketlint.testing import Case, load_cases, run_case

CASE_DIR = Path(__file__).parent / "cases"
CASES: list[Case] = [c for path in sorted(CASE_DIR.glob("*.yml")) for c in load_cases(path)]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}-{c.id}" for c in CASES])
def test_case(case: Case) -> None:
    problem = run_case(case)
    assert problem is None, problem
