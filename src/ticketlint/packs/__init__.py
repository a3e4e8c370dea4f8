"""One way to read the packs: schema-checked keys, one pattern dialect, one language policy.

Rules and analysis modules never open a TOML file or walk a table: they ask

    packs.words("TL201", "es", "commands")          # tuple[str, ...]
    packs.table("TL202", "en", "expansions")        # Mapping[str, str]
    packs.phrases("failure", "patterns", "ro", fold=True)   # one compiled alternation, cached

where the first argument names a pack file, `rules/<lang>/<name>.toml` (a
rule code, or a shared vocabulary such as `failure`, `handoff`,
`vocabulary`). `lang=None` merges every language that has the pack (short replies are
too short to identify). A rule runs only on the languages it covers, and each
of those must have its pack (the language policy, packs/api.py). Every key is checked against the file's declared `PackSchema`
(packs/schema.py), and patterns are written in one dialect (packs/dialect.py:
`{{macro}}`, `'` matching `’`, optional accent folding) wherever they are used.
"""

from __future__ import annotations

from .api import (
    check_org_packs,
    covers,
    declare,
    declared,
    has_messages,
    languages_of,
    message,
    owned_by,
    patterns,
    phrases,
    rule_schema,
    schema_of,
    table,
    text,
    validate,
    words,
)
from .files import PackError, activate, languages
from .schema import (
    HELP_KEYS,
    OPTION_PREFIX,
    SOURCE_KEY,
    Key,
    PackSchema,
    flat_messages,
    messages,
    option_key,
    optional_message,
    placeholders,
)

__all__ = [
    "HELP_KEYS", "OPTION_PREFIX", "SOURCE_KEY", "Key", "flat_messages", "option_key", "optional_message", "rule_schema", "PackError", "has_messages", "message", "messages", "placeholders", "PackSchema", "activate", "check_org_packs", "covers", "declare", "declared", "languages", "languages_of", "owned_by", "owned_by",
    "patterns", "phrases", "schema_of", "table", "text", "validate", "words",
]
