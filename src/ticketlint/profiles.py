"""Workflow profiles: which rules run, and how severe, at one moment of work.

RULES.md defines four. A profile is only a selection plus severity
overrides; configuration can extend one (`extends = "reply"`) or redefine it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .model import Severity


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    select: tuple[str, ...]
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)  # selector -> severity
    description: str = ""


BUILTIN_PROFILES: dict[str, Profile] = {
    "escalation": Profile(
        name="escalation",
        description="before a hand-off: the evidence rules become errors; insults and secrets still block",
        select=("TL1", "TL401", "TL6"),
        severity={"TL1": Severity.ERROR},
    ),
    "reply": Profile(
        name="reply",
        description="before sending a public reply: clarity, completeness and tone (TL2xx-TL4xx)",
        select=("TL2", "TL3", "TL4"),
    ),
    "audit": Profile(
        name="audit",
        description="everything, for batch audits of exports",
        select=("ALL",),
    ),
    "privacy": Profile(
        name="privacy",
        description="secrets only, for redaction pipelines",
        select=("TL6",),
    ),
}
