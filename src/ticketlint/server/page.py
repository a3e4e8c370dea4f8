"""The page for agents at `/`: one self-contained HTML file (inline CSS and JS).

It loads nothing from anywhere but this server's own API, so it works with
no network and under a strict Content-Security-Policy; every text it shows
goes through `textContent`, never HTML.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def page_html() -> str:
    return resources.files("ticketlint.server").joinpath("page.html").read_text(encoding="utf-8")
