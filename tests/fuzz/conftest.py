"""Fuzzing suite: hypothesis profile for long local campaigns, and the helpers' folder on sys.path.

`pytest tests/fuzz --hypothesis-profile=fuzz-long` runs every property test with 20,000 examples.
The profile is only registered here, never loaded: the default profile (tests/conftest.py) stays fast.
"""

from __future__ import annotations

import os
import sys

from hypothesis import HealthCheck, settings

settings.register_profile(
    "fuzz-long",
    max_examples=20_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

_HERE = os.path.dirname(os.path.abspath(__file__))
if _HERE not in sys.path:  # `import fuzzkit` works in every pytest import mode
    sys.path.insert(0, _HERE)
