"""TL104 reads the environment only in a message that reports a failure, so the hostile families of
test_linear_time (no failure word in them) never reach its environment patterns. These put a failure
before each family that once grew quadratically there (issue 13, l2tl104: "1.1.1.1..." after "it crashes"
took 130 s for 100 KB: a version pattern "1.2.3 release" tried from every digit to the end of the run)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from timing_util import assert_grows_linearly

from ticketlint.config import Config
from ticketlint.engine import Linter
from ticketlint.hostile import FAMILIES
from ticketlint.model import Message, Role, Ticket

_LINTER = Linter(Config(select=("TL104",)))
_FAMILIES = ("digits-and-dots", "version-like", "digit-run", "hyphen-word", "underscores", "at-signs", "slashes")


@pytest.mark.parametrize("name", _FAMILIES)
def test_environment_scan_grows_linearly_after_a_failure(name: str) -> None:
    family = next(f for f in FAMILIES if f.name == name)

    def prepare(n: int) -> Callable[[], object]:
        ticket = Ticket(id="t", messages=(Message(role=Role.CUSTOMER, body="The app crashes. " + family.build(n)),), language="en")
        return lambda: _LINTER.lint_ticket(ticket)

    assert_grows_linearly(prepare, 5_000, 50_000, max_ratio=15)
