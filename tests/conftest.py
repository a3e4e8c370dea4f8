from __future__ import annotations

import os

# Hypothesis profile: thorough but bounded for CI (2 cores).
from hypothesis import settings

settings.register_profile("ci", max_examples=150, deadline=None)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

# The compiled-regex cache (recache.py) of the test run lives in a temporary folder, not in the
# user's ~/.cache: set before ticketlint is imported, inherited by the CLI subprocesses the tests start.
if "TICKETLINT_CACHE_DIR" not in os.environ:
    import tempfile

    os.environ["TICKETLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="ticketlint-test-cache-")
