"""Load the data rules `rules/<CODE>.toml` (built-in and organisation packs) into rule objects.

A data rule is metadata plus a check `type` (existence, conditional,
occurrence, substitution: one module each in checks/types/); its
per-language lists live in `rules/<lang>/<CODE>.toml`, read through the
schema its type derives (registered with the rule, `RuleMeta.pack`).
Errors name the file and the key. docs/packs.md documents every key.
"""

from __future__ import annotations

from typing import Any

from . import packs
from .checks.types.common import WITHIN, Common, ListOption, Within, messages_schema, parse_list_options
from .checks.types.conditional import UNLESS_IN, ConditionalRule, UnlessIn, conditional_schema
from .checks.types.existence import EXISTENCE_OPTIONS, ExistenceRule, Governance, existence_schema
from .checks.types.occurrence import OCCURRENCE_OPTIONS, OCCURRENCE_SCHEMA, OccurrenceRule
from .checks.types.substitution import SUBSTITUTION_OPTIONS, SUBSTITUTION_SCHEMA, SubstitutionRule
from .model import OptionSpec, Role, RuleMeta, Severity
from .packs.files import PackError, builtin_rule, org_rule, org_rule_files, pack_files

TYPES = ("existence", "conditional", "occurrence", "substitution")
_REQUIRED = ("code", "name", "type", "summary", "scope", "message")
_COMMON = set(_REQUIRED) | {
    "severity", "groups", "aliases", "rationale", "seed", "suggestion", "languages", "all_languages",
    "fold_accents", "once_per_message", "within", "options", "replies_only",
}
_BY_TYPE = {
    "existence": {"optional", "governed_by", "governed_at_clause", "ungoverned", "governed_as_answer", "answer_holds"},
    "conditional": {"first", "unless", "unless_patterns", "unless_in", "skip_questions", "exceptions", "gated", "gate",
                    "unless_own_language", "instructions", "instruction_leads", "instruction_exceptions"},
    "occurrence": {"min", "max"},
    "substitution": set(),
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


def _typed(data: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str, default: Any) -> Any:
    value = data.get(key, default)
    if value is not default and (not isinstance(value, kind) or isinstance(value, bool) and kind is not bool):
        raise PackError(f"{where}: '{key}' has the wrong type ({type(value).__name__})")
    if isinstance(value, list) and not all(isinstance(v, str) for v in value):
        raise PackError(f"{where}: '{key}' must be a list of strings")
    return value


def _meta(data: dict[str, Any], where: str, options: tuple[OptionSpec, ...], pack: packs.PackSchema) -> RuleMeta:
    try:
        scope = frozenset(Role.parse(r) for r in _typed(data, "scope", list, where, []))
        severity = Severity.parse(_typed(data, "severity", str, where, "warning"))
    except ValueError as exc:
        raise PackError(f"{where}: {exc}") from None
    code = data["code"]
    if _typed(data, "all_languages", bool, where, False):
        default_langs = packs.languages()
    else:  # the languages it has a pack for (the language policy, packs/api.py)
        default_langs = tuple(lg for lg in packs.languages() if packs.files.sources(f"{lg}/{code}.toml"))
    languages = tuple(_typed(data, "languages", list, where, list(default_langs)))
    return RuleMeta(
        code=code,
        name=_typed(data, "name", str, where, ""),
        summary=_typed(data, "summary", str, where, ""),
        scope=scope,
        severity=severity,
        groups=tuple(_typed(data, "groups", list, where, [])),
        aliases=tuple(_typed(data, "aliases", list, where, [])),
        rationale=_typed(data, "rationale", str, where, ""),
        seed=_typed(data, "seed", str, where, ""),
        suggestion=_typed(data, "suggestion", str, where, None),
        options=options,
        languages=languages,
        pack=pack,
        replies_only=_typed(data, "replies_only", bool, where, False),
    )


def build_rule(data: dict[str, Any], where: str, *, builtin: bool = False) -> Any:
    """One data rule from its table; `where` names the file in errors. A built-in rule must have its
    `[messages]` in every language pack; an organisation's rule may leave them out (docs/packs.md)."""
    for key in _REQUIRED:
        if key not in data:
            raise PackError(f"{where}: missing key '{key}'")
    kind = data["type"]
    if kind not in TYPES:
        raise PackError(f"{where}: unknown rule type {kind!r} (known: {', '.join(TYPES)})")
    unknown = set(data) - _COMMON - _BY_TYPE[kind]
    if unknown:
        known = ", ".join(sorted(_COMMON | _BY_TYPE[kind]))
        raise PackError(f"{where}: unknown key '{sorted(unknown)[0]}' for a rule of type {kind!r} (known: {known})")
    within = _typed(data, "within", str, where, "prose")
    if within not in WITHIN:
        raise PackError(f"{where}: 'within' must be one of {', '.join(WITHIN)}, not {within!r}")

    def common(options: tuple[OptionSpec, ...], pack: packs.PackSchema, list_options: tuple[ListOption, ...] = ()) -> Common:
        return Common(
            meta=_meta(data, where, options, messages_schema(pack, data, required=builtin)),
            message=_typed(data, "message", str, where, ""),
            all_languages=_typed(data, "all_languages", bool, where, False),
            fold=_typed(data, "fold_accents", bool, where, False),
            within=_within(within),
            once_per_message=_typed(data, "once_per_message", bool, where, False),
            list_options=list_options,
            origin=where,
        )

    if "options" in data and kind != "conditional":
        raise PackError(f"{where}: 'options' is for conditional rules (the other types have fixed options)")
    if kind == "existence":
        optional = _optional(data, where)
        specs = EXISTENCE_OPTIONS + tuple(OptionSpec(o, bool, False, h) for o, _, h in optional)
        lists = {k: tuple(_typed(data, k, list, where, [])) for k in ("governed_by", "governed_at_clause", "ungoverned", "answer_holds")}
        gov = Governance(lists["governed_by"], lists["governed_at_clause"], lists["ungoverned"],
                         answer_sentences=_typed(data, "governed_as_answer", int, where, 0), answer_holds=lists["answer_holds"])
        if gov.answer_sentences and not gov.active:
            raise PackError(f"{where}: 'governed_as_answer' needs 'governed_by' or 'governed_at_clause' (else every token counts)")
        if gov.ungoverned and not gov.active:
            raise PackError(f"{where}: 'ungoverned' lists need 'governed_by' or 'governed_at_clause' (else every token is ungoverned)")
        own = [k for k in (*gov.anywhere, *gov.at_clause, *gov.ungoverned, *gov.answer_holds) if ":" not in k]
        schema = existence_schema([k for _, k, _ in optional], list(dict.fromkeys(own)))
        return ExistenceRule(common(specs, schema), [(o, k) for o, k, _ in optional], gov)
    if kind == "conditional":
        first = _typed(data, "first", str, where, None)
        if first is None:
            raise PackError(f"{where}: missing key 'first' (the pack list of phrases to flag)")
        unless = tuple(_typed(data, "unless", list, where, []))
        unless_in = _typed(data, "unless_in", str, where, "unit")
        if unless_in not in UNLESS_IN:
            raise PackError(f"{where}: 'unless_in' must be one of {', '.join(UNLESS_IN)}, not {unless_in!r}")
        raw = tuple(_typed(data, "unless_patterns", list, where, []))
        _check_regexes(raw, where, "unless_patterns")
        exceptions = _typed(data, "exceptions", str, where, "exceptions")
        gated, gate = _typed(data, "gated", str, where, None), _typed(data, "gate", str, where, None)
        if (gated is None) != (gate is None):
            raise PackError(f"{where}: 'gated' and 'gate' go together (candidates counted only when the message answered matches 'gate')")
        instructions, leads = _typed(data, "instructions", str, where, None), _typed(data, "instruction_leads", str, where, None)
        nots = _typed(data, "instruction_exceptions", str, where, None)
        for key, value in (("instruction_leads", leads), ("instruction_exceptions", nots)):
            if value is not None and instructions is None:
                raise PackError(f"{where}: '{key}' needs 'instructions' (the words an instruction opens with)")
        list_options = parse_list_options(data.get("options", {}), where, (first, *unless))
        schema = conditional_schema(first, unless, exceptions, gated, gate, [k for k in (instructions, leads, nots) if k is not None])
        return ConditionalRule(
            common(tuple(o.spec() for o in list_options), schema, list_options),
            first, unless, raw, _unless_in(unless_in), _typed(data, "skip_questions", bool, where, False), exceptions,
            gated, gate, _typed(data, "unless_own_language", bool, where, False), instructions, leads, nots,
        )
    if kind == "occurrence":
        low, high = _typed(data, "min", int, where, None), _typed(data, "max", int, where, None)
        if low is None and high is None or any(v is not None and v < 0 for v in (low, high)):
            raise PackError(f"{where}: an occurrence rule needs 'min' or 'max' (counts >= 0)")
        return OccurrenceRule(common(OCCURRENCE_OPTIONS, OCCURRENCE_SCHEMA), low, high)
    return SubstitutionRule(common(SUBSTITUTION_OPTIONS, SUBSTITUTION_SCHEMA))


def _check_regexes(patterns: tuple[str, ...], where: str, key: str) -> None:
    import re

    from . import recache

    for p in patterns:
        try:
            recache.compile(p)  # a pattern compiled by an earlier run is valid: read from the regex cache
        except re.error as exc:
            raise PackError(f"{where}: '{key}': {p!r} is not a regular expression ({exc})") from None


def _within(value: str) -> Within:
    return "body" if value == "body" else "sentence" if value == "sentence" else "prose"


def _unless_in(value: str) -> UnlessIn:
    return "subject" if value == "subject" else "ticket" if value == "ticket" else "reply" if value == "reply" else "unit"


def load_data_rules() -> list[Any]:
    """The built-in data rules, then those of the active organisation packs (packs.activate)."""
    rules = [build_rule(builtin_rule(fname), f"rules/{fname}", builtin=True) for fname in pack_files()]
    rules += [build_rule(org_rule(path), str(path)) for path in org_rule_files()]
    return rules
