"""Load the data rules `rules/<CODE>.toml` into rule objects.

A data rule is metadata plus a check `type`; its per-language words live in
`rules/<lang>/<CODE>.toml`. Errors name the file and the key.
"""

from __future__ import annotations

from typing import Any

from .checks.types.existence import EXISTENCE_OPTIONS, ExistenceRule
from .model import LANGUAGES, OptionSpec, Role, RuleMeta, Severity
from .packs.files import PackError, load_toml, pack_files

_REQUIRED = ("code", "name", "type", "summary", "scope", "message")
_KNOWN = set(_REQUIRED) | {
    "severity", "groups", "aliases", "rationale", "seed", "suggestion", "languages", "all_languages",
    "fold_accents", "optional", "once_per_message",
}


def _optional(data: dict[str, Any], where: str) -> list[tuple[str, str, str]]:
    """`optional = [{option, key, help}]`: boolean options that add a pack list to the tokens."""
    raw = data.get("optional", [])
    out = []
    if not isinstance(raw, list):
        raise PackError(f"{where}: 'optional' must be a list of tables")
    for item in raw:
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("option", "key", "help")):
            raise PackError(f"{where}: each 'optional' entry needs string keys 'option', 'key' and 'help'")
        out.append((item["option"], item["key"], item["help"]))
    return out


def _meta(data: dict[str, Any], where: str) -> RuleMeta:
    for key in _REQUIRED:
        if key not in data:
            raise PackError(f"{where}: missing key '{key}'")
    unknown = set(data) - _KNOWN
    if unknown:
        raise PackError(f"{where}: unknown key '{sorted(unknown)[0]}'")
    try:
        scope = frozenset(Role.parse(r) for r in data["scope"])
        severity = Severity.parse(data.get("severity", "warning"))
    except ValueError as exc:
        raise PackError(f"{where}: {exc}") from None
    return RuleMeta(
        code=data["code"],
        name=data["name"],
        summary=data["summary"],
        scope=scope,
        severity=severity,
        groups=tuple(data.get("groups", ())),
        aliases=tuple(data.get("aliases", ())),
        rationale=data.get("rationale", ""),
        seed=data.get("seed", ""),
        suggestion=data.get("suggestion"),
        options=EXISTENCE_OPTIONS + tuple(OptionSpec(o, bool, False, h) for o, _, h in _optional(data, where)),
        languages=tuple(data.get("languages", LANGUAGES)),
    )


def load_data_rules() -> list[Any]:
    rules = []
    for fname in pack_files():
        where = f"rules/{fname}"
        data = load_toml(fname)
        kind = data.get("type")
        if kind == "existence":
            rules.append(ExistenceRule(
                _meta(data, where), data["message"], bool(data.get("all_languages", False)),
                fold_accents=bool(data.get("fold_accents", False)),
                optional=[(o, k) for o, k, _ in _optional(data, where)],
                once_per_message=bool(data.get("once_per_message", False)),
            ))
        else:
            raise PackError(f"{where}: unknown rule type {kind!r} (known: existence)")
    return rules
