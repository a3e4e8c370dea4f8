from __future__ import annotations

import os

# Hypothesis profile: thorough but bounded for CI (2 cores).
from hypothesis import settings

settings.register_profile("ci", max_examples=150, deadline=None)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")
