"""What a pack file may hold: a schema per rule and per shared vocabulary.

Every file under `rules/<lang>/` is read through a declared `PackSchema`: a
key the schema does not name, or a value of the wrong type, is an error
naming the file and the key (`rules/es/TL102.toml: unknown key 'exeptions'`),
never a list silently left empty. A rule declares its schema in its metadata
(`RuleMeta.pack`); a shared vocabulary (failure statements, hand-off markers,
greetings...) is declared by the analysis module that reads it
(`packs.declare`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

# patterns: a list of regular expressions in the pack dialect (packs/dialect.py);
# words: a list of plain words or phrases, matched literally; table: string -> string;
# text: one string.
Kind = Literal["patterns", "words", "table", "text"]


@dataclass(frozen=True, slots=True)
class Key:
    """One key of a pack: its kind, what it is for, and whether every language must have it."""

    kind: Kind
    help: str
    required: bool = False


@dataclass(frozen=True, slots=True)
class PackSchema:
    """The keys a pack file may hold.

    `examples`: the file may carry `bad` and `good` example lists (rule packs);
    `macros`: it may define `macros = {name = "regex"}` used as `{{name}}` in
    its patterns.
    """

    keys: Mapping[str, Key] = field(default_factory=dict)
    examples: bool = True
    macros: bool = False
