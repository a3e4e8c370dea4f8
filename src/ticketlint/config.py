"""Configuration: `[tool.ticketlint]` in pyproject.toml or `.ticketlint.toml`.

Found by walking up from the current directory, as ruff does; the first file
that has ticketlint settings wins. Command-line options override the file,
which overrides the profile. Every key is checked: an unknown key, rule code
or rule option is an error that names it, because a typo in a gate's config
must not silently turn a rule off.

What overrides what lives here and nowhere else: `Config.merged(Overrides)`
applies command-line-style settings over a config (what `--select` and
`--profile` reset), and `resolve_selection(config, registry)` turns a config
into the rules that run and their severities. The CLI maps its flags to an
`Overrides`; a library user calling `Linter(config)` or `lint(text,
config=...)` gets exactly the selection the CLI gets for the same settings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .model import LANGUAGES, Role, Said, SaidError, Severity, said
from .packs.vocab import EMPTY as EMPTY_VOCABULARY
from .packs.vocab import VocabularyError, VocabularySpec, from_config
from .paths import PathRules, parse_path_rules
from .profiles import BUILTIN_PROFILES, Profile
from .suppressions import ENGINE_CODES, UNKNOWN_CODE, UNUSED_CODE

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterable

    from .readers.csvmap import CsvMapping

CONFIG_FILES = (".ticketlint.toml", "pyproject.toml")
DEFAULT_MAX_MESSAGE_CHARS = 1_000_000
# Rules judging prose (clarity, completeness, tone) read at most this much of a
# message; a pasted log of megabytes holds no prose worth judging there.
DEFAULT_PROSE_CHARS = 100_000
MAX_JOBS = 64

_TOP_KEYS = {
    "profile", "select", "extend-select", "ignore", "min-severity", "fail-on", "language", "locale",
    "role", "max-message-chars", "prose-chars", "time-budget", "severity", "rules", "profiles", "jobs",
    "input", "report-unused-suppressions", "report-overlaps", "exclude", "force-exclude", "per-file-ignores", "roles",
    "packs", "vocabulary",
}
_PROFILE_KEYS = {"select", "extend-select", "ignore", "severity", "extends", "description"}


class ConfigError(SaidError):
    """Invalid configuration; the text names the file and key: a catalogue text (`said`, `config.*` keys of
    rules/<lang>/notices.toml) that the CLI says in the run's --locale, or a string said as written.

    `locale`: the `locale` the file being read asks for, when the error is in that file and its value could be
    read (a valid `locale` key of a file that is TOML): the CLI says the error in it when no --locale is given,
    as it would say every other text of the run."""

    locale: str | None = None

    @classmethod
    def of(cls, exc: SaidError, *places: str) -> "ConfigError":
        """`exc`'s text further inside the configuration ("FILE: select: ..."), still a catalogue text."""
        text = exc.said
        if isinstance(text, Said):
            return cls(text.within(*places))
        return cls(": ".join((*places, text)))


@dataclass(frozen=True, slots=True)
class Config:
    profile: str | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    min_severity: Severity = Severity.INFO
    fail_on: Severity = Severity.ERROR
    language: str = "auto"
    # The language findings' messages and suggestions are written in: "auto" (each message's own) or one
    # of LANGUAGES (docs/configuration.md, "Locale")
    locale: str = "auto"
    role: Role = Role.NOTE
    max_message_chars: int = DEFAULT_MAX_MESSAGE_CHARS
    prose_chars: int = DEFAULT_PROSE_CHARS
    time_budget: float | None = None  # seconds per ticket; None: no budget
    severity: Mapping[str, Severity] = field(default_factory=dict)
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    profiles: Mapping[str, Profile] = field(default_factory=lambda: dict(BUILTIN_PROFILES))
    jobs: int = 0  # worker processes; 0: "auto", one per core on a large input (runner.AUTO)
    source: str | None = None  # the file the settings came from
    csv_mapping: "CsvMapping | None" = None  # from [input.csv]: how to read a CSV export
    report_unused_suppressions: bool = False  # TL002: report directives that silenced nothing
    # Every rule's finding by itself, not one per problem with the others as `related` (overlap.py)
    report_overlaps: bool = False
    paths: PathRules = field(default_factory=PathRules)  # exclude, per-file-ignores, roles by glob (paths.py)
    # Organisation pack folders (docs/packs.md), absolute; relative ones in a file are relative to its folder
    packs: tuple[str, ...] = ()
    # The organisation vocabulary (`[vocabulary]`, with the pack vocabularies it uses): packs/vocab.py
    vocabulary: VocabularySpec = EMPTY_VOCABULARY

    def with_overrides(self, **changes: Any) -> Config:
        """A copy with the non-None values applied as they are (no reset: see `merged`)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def merged(self, overrides: Overrides) -> Config:
        """This config with command-line-style `overrides` over it, as ruff layers its settings.

        Precedence: profile < file < overrides. `select` replaces the file's
        whole selection (its `select`, `extend-select` and `ignore`); `profile`
        replaces the file's `select` (its `extend-select` and `ignore` still
        apply); `extend-select` and `ignore` add to the file's. `role` also sets
        aside the file's `roles` globs. Every other value replaces the file's.
        """
        o = overrides
        cfg = self
        if o.profile is not None and o.profile not in cfg.profiles:
            raise ConfigError(said("config.unknown_profile", name=repr(o.profile),
                                   known=", ".join(sorted(cfg.profiles))).within("--profile"))
        if o.role is not None or o.force_exclude:
            # a role for every plain-text input: the config's roles per glob step aside
            cfg = replace(cfg, paths=replace(cfg.paths, roles=() if o.role is not None else cfg.paths.roles,
                                             force_exclude=bool(o.force_exclude) or cfg.paths.force_exclude))
        if o.select is not None:
            cfg = replace(cfg, select=o.select, extend_select=(), ignore=())
        elif o.profile is not None:
            cfg = replace(cfg, select=None)
        cfg = cfg.with_overrides(
            profile=o.profile, min_severity=o.min_severity, fail_on=o.fail_on, language=o.language, locale=o.locale,
            role=o.role,
            jobs=o.jobs, time_budget=o.time_budget, report_unused_suppressions=o.report_unused_suppressions or None,
            report_overlaps=o.report_overlaps or None,
        )
        if o.extend_select or o.ignore:
            cfg = replace(cfg, extend_select=cfg.extend_select + o.extend_select, ignore=cfg.ignore + o.ignore)
        return cfg


@dataclass(frozen=True, slots=True)
class Overrides:
    """Settings given over a config (the command line's flags); None or empty: not given."""

    profile: str | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    min_severity: Severity | None = None
    fail_on: Severity | None = None
    language: str | None = None
    locale: str | None = None
    role: Role | None = None
    jobs: int | None = None
    time_budget: float | None = None
    report_unused_suppressions: bool | None = None
    report_overlaps: bool | None = None
    force_exclude: bool | None = None


class _Meta(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def severity(self) -> Severity: ...


class _Rule(Protocol):
    @property
    def meta(self) -> _Meta: ...


class _Registry(Protocol):
    def __iter__(self) -> Iterator[_Rule]: ...
    def resolve(self, selector: str) -> set[str]: ...


@dataclass(frozen=True, slots=True)
class Selection:
    """What a config selects: the codes that run, every rule's severity, the engine's own reports."""

    codes: frozenset[str]
    severity: Mapping[str, Severity]
    report_unknown: bool  # TL001: a suppression naming no rule
    report_unused: bool  # TL002: a suppression that silenced nothing


def resolve_selection(config: Config, registry: _Registry) -> Selection:
    """The rules `config` selects and their severities, with the precedence of `Config.merged`:
    the profile's selection unless `select` is set, plus `extend-select`, minus `ignore`; severities
    from the rule, then the profile's `severity`, then the config's. Raises ConfigError naming the key
    of a selector that matches no rule, or when nothing is left to run."""
    from .registry import SelectionError

    def codes(selectors: Iterable[str], key: str) -> set[str]:
        out: set[str] = set()
        for sel in selectors:
            if sel.strip().upper() in ENGINE_CODES:
                continue  # TL001/TL002 are the engine's reports about directives (report_unknown/unused)
            try:
                out |= registry.resolve(sel)
            except SelectionError as exc:
                raise ConfigError.of(exc, key) from None
        return out

    profile: Profile | None = None
    if config.profile is not None:
        if config.profile not in config.profiles:
            raise ConfigError(said("config.unknown_profile", name=repr(config.profile),
                                   known=", ".join(sorted(config.profiles))).within("profile"))
        profile = config.profiles[config.profile]
    if config.select is not None:
        selected = codes(config.select, "select")
    elif profile is not None:
        selected = codes(profile.select, f"profile {profile.name}") - codes(profile.ignore, f"profile {profile.name}")
    else:
        selected = codes(["ALL"], "select")
    selected |= codes(config.extend_select, "extend-select")
    selected -= codes(config.ignore, "ignore")
    if not selected:
        raise ConfigError(said("config.no_rule"))
    severity = {r.meta.code: r.meta.severity for r in registry}
    layers = [(profile.severity, f"profile {profile.name}")] if profile is not None else []
    layers.append((config.severity, "severity"))
    for mapping, key in layers:
        for selector, level in mapping.items():
            for code in codes([selector], key):
                severity[code] = level
    named = {s.strip().upper() for s in (*(config.select or ()), *config.extend_select)}
    ignored = {s.strip().upper() for s in config.ignore}
    unused = (config.report_unused_suppressions or UNUSED_CODE in named) and UNUSED_CODE not in ignored
    return Selection(frozenset(selected), severity, UNKNOWN_CODE not in ignored, unused)


def find_config(start: Path | None = None) -> Path | None:
    """The nearest `.ticketlint.toml`, or pyproject.toml with a [tool.ticketlint] table."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_FILES:
            path = folder / name
            if not path.is_file():
                continue
            if name == "pyproject.toml":
                import tomllib  # here and in load_config: a run without a config file never needs it

                try:
                    data = tomllib.loads(path.read_text(encoding="utf-8"))
                except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError):
                    continue  # not ours to judge; a broken pyproject without our table is skipped
                if "ticketlint" not in data.get("tool", {}):
                    continue
            return path
    return None


def load_config(path: Path | None = None, *, discover: bool = True) -> Config:
    """Read a config file (or the discovered one); defaults when there is none."""
    if path is None and discover:
        path = find_config()
    if path is None:
        return Config()
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(said("read.cannot", reason=str(exc.strerror)).within(str(path))) from None
    except UnicodeDecodeError:
        raise ConfigError(said("config.utf8").within(str(path))) from None
    except tomllib.TOMLDecodeError as exc:  # tomllib's reason, said as written
        raise ConfigError(said("config.toml", reason=str(exc)).within(str(path))) from None
    except (ValueError, RecursionError) as exc:  # an integer of 5,000 digits, tables nested too deep
        raise ConfigError(_unparsable(path, exc).within(str(path))) from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("ticketlint", {})
        prefix = "[tool.ticketlint]"
    else:
        table = data
        prefix = ""
    try:
        return parse_table(table, str(path), prefix)
    except ConfigError as exc:
        exc.locale = _asked_locale(table)
        raise


def _asked_locale(table: object) -> str | None:
    """The `locale` a settings table asks for, when it is one ticketlint speaks (an error in the file is said
    in it, docs/configuration.md); None otherwise (`auto`, a bad value, no key)."""
    value = table.get("locale") if isinstance(table, Mapping) else None
    return value if isinstance(value, str) and value in LANGUAGES else None


def _unparsable(path: Path, exc: BaseException) -> Said:
    """Where tomllib gave up without a position: the key and line of an over-long number."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    m = re.search(r"^[ \t]*([\w.\"'-]+)[ \t]*=[ \t]*[+-]?\d{4000,}", text, re.MULTILINE)
    if m is not None:
        return said("config.number_too_long").within(said("place.line", line=text.count(chr(10), 0, m.start()) + 1),
                                                     m.group(1))
    if isinstance(exc, RecursionError):
        return said("config.too_deep")
    return said("read.cannot", reason=str(exc)[:100])  # the parser's reason, said as written


def _problem(exc: ValueError) -> Said | str:
    """A parser's reason (`Severity.parse`, `Role.parse`): its catalogue text when it has one, said in the locale."""
    return exc.said if isinstance(exc, SaidError) else str(exc)


def _err(source: str, prefix: str, key: str, problem: Said | str) -> ConfigError:
    """The file and key (said as written), then the problem (`config.*`, said in the locale)."""
    where = f"{prefix}.{key}" if prefix else key
    if isinstance(problem, Said):
        return ConfigError(problem.within(source, where))
    return ConfigError(f"{source}: {where}: {problem}")


def _strs(value: Any, source: str, prefix: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _err(source, prefix, key, said("config.strings"))
    return tuple(value)


def _severity_map(value: Any, source: str, prefix: str, key: str) -> dict[str, Severity]:
    if not isinstance(value, dict):
        raise _err(source, prefix, key, said("config.severity_table"))
    out = {}
    for code, level in value.items():
        try:
            out[code] = Severity.parse(str(level))
        except ValueError as exc:
            raise _err(source, prefix, f"{key}.{code}", _problem(exc)) from None
    return out


def parse_table(table: Mapping[str, Any], source: str = "<config>", prefix: str = "") -> Config:
    """Validate a settings table (keys as in the docs) into a Config."""
    for key in table:
        if key not in _TOP_KEYS:
            raise _err(source, prefix, key, said("config.unknown_key"))
    cfg = Config(source=source)
    changes: dict[str, Any] = {}
    for key, attr in (("select", "select"), ("extend-select", "extend_select"), ("ignore", "ignore")):
        if key in table:
            changes[attr] = _strs(table[key], source, prefix, key)
    for key, attr, parse in (("min-severity", "min_severity", Severity.parse), ("fail-on", "fail_on", Severity.parse),
                             ("role", "role", Role.parse)):
        if key in table:
            try:
                changes[attr] = parse(str(table[key]))
            except ValueError as exc:
                raise _err(source, prefix, key, _problem(exc)) from None
    if "language" in table:
        lang = str(table["language"])
        if lang != "auto" and lang not in LANGUAGES:
            raise _err(source, prefix, "language", said("config.language", value=repr(lang), languages=", ".join(LANGUAGES)))
        changes["language"] = lang
    if "locale" in table:
        locale = str(table["locale"])
        if locale != "auto" and locale not in LANGUAGES:
            raise _err(source, prefix, "locale", said("config.locale", value=repr(locale), languages=", ".join(LANGUAGES)))
        changes["locale"] = locale
    if table.get("jobs") == "auto":
        changes["jobs"] = 0  # runner.AUTO
    for key, attr, top in (("max-message-chars", "max_message_chars", None), ("prose-chars", "prose_chars", None),
                           ("jobs", "jobs", MAX_JOBS)):
        if key in table and not (key == "jobs" and table[key] == "auto"):
            value = table[key]
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise _err(source, prefix, key, said("config.positive_or_auto" if key == "jobs" else "config.positive"))
            if top is not None and value > top:
                raise _err(source, prefix, key, said("config.at_most", top=top))
            changes[attr] = value
    if "time-budget" in table:
        value = table["time-budget"]
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 < value < float("inf"):  # nan fails too
            raise _err(source, prefix, "time-budget", said("config.seconds"))
        changes["time_budget"] = float(value)
    if "report-unused-suppressions" in table:
        if not isinstance(table["report-unused-suppressions"], bool):
            raise _err(source, prefix, "report-unused-suppressions", said("config.bool"))
        changes["report_unused_suppressions"] = table["report-unused-suppressions"]
    if "report-overlaps" in table:
        if not isinstance(table["report-overlaps"], bool):
            raise _err(source, prefix, "report-overlaps", said("config.bool"))
        changes["report_overlaps"] = table["report-overlaps"]
    if "severity" in table:
        changes["severity"] = _severity_map(table["severity"], source, prefix, "severity")
    if "rules" in table:
        rules = table["rules"]
        if not isinstance(rules, dict) or not all(isinstance(v, dict) for v in rules.values()):
            raise _err(source, prefix, "rules", said("config.rules_tables"))
        changes["rule_options"] = {k: dict(v) for k, v in rules.items()}
    profiles = dict(BUILTIN_PROFILES)
    if "profiles" in table:
        raw = table["profiles"]
        if not isinstance(raw, dict):
            raise _err(source, prefix, "profiles", said("config.profiles_tables"))
        for name, body in raw.items():
            profiles[name] = _profile(name, body, profiles, source, f"{prefix}.profiles" if prefix else "profiles")
        changes["profiles"] = profiles
    if "input" in table:
        changes["csv_mapping"] = _input_table(table["input"], source, f"{prefix}.input" if prefix else "input")
    if any(k in table for k in ("exclude", "force-exclude", "per-file-ignores", "roles")):
        # globs are relative to the folder of the file that holds them (the project root), as in ruff
        root = str(Path(source).resolve().parent) if Path(source).is_file() else None
        changes["paths"] = parse_path_rules(table, root, lambda key, problem: _err(source, prefix, key, problem))
    if "packs" in table:
        base = Path(source).resolve().parent if Path(source).is_file() else Path.cwd()
        folders = tuple(str((base / p).resolve()) for p in _strs(table["packs"], source, prefix, "packs"))
        for folder in folders:
            if not Path(folder).is_dir():
                raise _err(source, prefix, "packs", said("config.not_folder", folder=folder))
        changes["packs"] = folders
    if "vocabulary" in table:
        try:
            changes["vocabulary"] = from_config(table["vocabulary"], f"{prefix}.vocabulary" if prefix else "vocabulary",
                                                changes.get("packs", ()))
        except VocabularyError as exc:
            raise ConfigError(exc.said.within(source) if isinstance(exc.said, Said) else f"{source}: {exc}") from None
    if "profile" in table:
        name = str(table["profile"])
        if name not in profiles:
            raise _err(source, prefix, "profile", said("config.unknown_profile", name=repr(name),
                                                      known=", ".join(sorted(profiles))))
        changes["profile"] = name
    return replace(cfg, **changes)


def _input_table(value: Any, source: str, prefix: str) -> "CsvMapping | None":
    """`[input.csv]`: the column mapping of CSV exports, checked now (a key it does not know is named)."""
    from .readers.csvmap import MappingError, mapping_from_table

    if not isinstance(value, dict):
        raise ConfigError(said("config.input_table", prefix=prefix).within(source, prefix))
    for key in value:
        if key != "csv":
            raise _err(source, prefix, key, said("config.unknown_key_known", known="csv"))
    if "csv" not in value:
        return None
    try:
        return mapping_from_table(value["csv"])
    except MappingError as exc:
        raise _err(source, f"{prefix}.csv", exc.key, exc.problem) if exc.key else \
            ConfigError(exc.problem.within(source, f"{prefix}.csv")) from None


def _profile(name: str, body: Any, known: Mapping[str, Profile], source: str, prefix: str) -> Profile:
    if not isinstance(body, dict):
        raise _err(source, prefix, name, said("config.table"))
    for key in body:
        if key not in _PROFILE_KEYS:
            raise _err(source, prefix, f"{name}.{key}", said("config.unknown_key"))
    base_name = body.get("extends", name if name in known else None)
    base = known.get(base_name) if base_name else Profile(name=name, select=("ALL",))
    if base is None:
        raise _err(source, prefix, f"{name}.extends", said("config.unknown_profile_bare", name=repr(base_name)))
    sub = f"{prefix}.{name}"
    severity = dict(base.severity)
    if "severity" in body:
        severity.update(_severity_map(body["severity"], source, sub, "severity"))
    select = _strs(body["select"], source, sub, "select") if "select" in body else base.select
    extend = _strs(body.get("extend-select", []), source, sub, "extend-select")
    ignore = base.ignore + _strs(body.get("ignore", []), source, sub, "ignore")
    return Profile(
        name=name,
        description=str(body.get("description", base.description)),
        select=select + extend,
        ignore=ignore,
        severity=severity,
    )
