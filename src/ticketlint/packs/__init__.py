"""One way to read the packs: schema-checked keys, one pattern dialect, one language policy.

Rules and analysis modules never open a TOML file or walk a table: they ask

    packs.words("TL201", "es", "commands")          # tuple[str, ...]
    packs.table("TL202", "en", "expansions")        # Mapping[str, str]
    packs.phrases("failure", "patterns", "ro", fold=True)   # one compiled alternation, cached

where the first argument names a pack file, `rules/<lang>/<name>.toml` (a
rule code, or a shared vocabulary such as `failure`, `handoff`,
`vocabulary`). `lang=None` merges every language (short replies are too short
to identify). Every key is checked against the file's declared `PackSchema`
(packs/schema.py), and patterns are written in one dialect (packs/dialect.py:
`{{macro}}`, `'` matching `’`, optional accent folding) wherever they are used.
"""

from __future__ import annotations

from .api import declare, phrases, schema_of, table, text, words
from .files import PackError
from .schema import Key, PackSchema

__all__ = ["Key", "PackError", "PackSchema", "declare", "phrases", "schema_of", "table", "text", "words"]
