"""Helpdesk exports: one mapper per helpdesk (record in, `Ticket` out) and their side files.

The export readers call `VENDORS` (detection by record shape or CSV header), `vendor_named`
(`--input-format zendesk|freshdesk|jsm|servicenow`) and `load_side` (users, comments and journal
files read once per run). User docs: docs/helpdesk-exports.md.
"""

from __future__ import annotations

from .base import Person, SideData, Vendor, Where
from .freshdesk import Freshdesk
from .jsm import Jsm
from .servicenow import ServiceNow
from .side import SideDataError, load_side
from .zendesk import Zendesk

VENDORS: tuple[Vendor, ...] = (Zendesk(), Freshdesk(), Jsm(), ServiceNow())


def vendor_named(name: str) -> Vendor:
    """The mapper of `--input-format NAME`; ValueError listing the names for anything else."""
    for vendor in VENDORS:
        if vendor.name == name:
            return vendor
    raise ValueError(f"unknown helpdesk {name!r} (expected one of: {', '.join(v.name for v in VENDORS)})")


__all__ = ["VENDORS", "Person", "SideData", "SideDataError", "Vendor", "Where", "load_side", "vendor_named"]
