"""Where a rule lives: its definition, its packs, the analysis it reads, its tests.

A newcomer opening one rule should not have to read another to find its
parts. `ticketlint rule CODE` and docs/rules.md print this map, derived from
the loaded rule (never written by hand, so it cannot go stale):

- the definition: the rule's module (a code rule) or `rules/<CODE>.toml` (a
  data rule);
- its packs: `rules/<lang>/<CODE>.toml` for each language that has one, plus
  the shared vocabularies its analysis modules declared (`packs.declare`);
- the analysis modules it calls (`ticketlint.analysis.*`), found in the
  module's own names;
- its tests: the YAML cases `tests/cases/<CODE>.yml` and the examples, which
  tests/test_rule_examples.py runs.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

from . import packs
from .checks.base import Rule
from .model import LANGUAGES

_ANALYSIS = "ticketlint.analysis."


@dataclass(frozen=True, slots=True)
class RuleSources:
    definition: str
    packs: tuple[str, ...]
    analysis: tuple[str, ...]
    tests: tuple[str, ...]
    data_type: str = ""  # a data rule's type (`existence`, ...): the definition is its rules/<CODE>.toml
    plugin: bool = False  # the definition is a plugin's module


def _package_path(module: str) -> str:
    """`ticketlint.checks.builtin.tl101_x` -> `src/ticketlint/checks/builtin/tl101_x.py` (the checkout's path)."""
    return "src/" + module.replace(".", "/") + ".py"


def _analysis_modules(module_name: str) -> tuple[str, ...]:
    module = sys.modules.get(module_name)
    if module is None:
        return ()
    found: set[str] = set()
    for value in vars(module).values():
        if isinstance(value, types.ModuleType):
            name = value.__name__
        else:
            name = getattr(value, "__module__", None) or ""
        if name.startswith(_ANALYSIS):
            found.add(name)
    return tuple(sorted(found))


def _pack_files(code: str) -> tuple[str, ...]:
    root = resources.files("ticketlint.rules")
    return tuple(f"rules/{lang}/{code}.toml" for lang in LANGUAGES if root.joinpath(lang, f"{code}.toml").is_file())


def sources(rule: Rule) -> RuleSources:
    """The map of one loaded rule (built-in, data or plugin)."""
    meta = rule.meta
    module = type(rule).__module__
    common = getattr(rule, "common", None)
    origin: str = getattr(common, "origin", "") or f"rules/{meta.code}.toml"
    builtin = module.startswith("ticketlint.") and origin.startswith("rules/")
    data_type = ""
    if module.startswith("ticketlint.checks.types."):
        definition, data_type = origin, module.rsplit(".", 1)[1]
    elif module.startswith("ticketlint."):
        definition = _package_path(module)
    else:
        definition = module
    modules = _analysis_modules(module)
    shared = tuple(f for m in modules for name in packs.owned_by(m) if name != meta.code for f in _pack_files(name))
    pack_files = (_pack_files(meta.code) if builtin else ()) + shared
    analysis = tuple(_package_path(m) for m in modules)
    tests = (f"tests/cases/{meta.code}.yml", "tests/test_rule_examples.py") if builtin else ()
    return RuleSources(definition, pack_files, analysis, tests, data_type, not module.startswith("ticketlint."))


def render(src: RuleSources, heading: str = "##", title: str = "Where it lives",
           labels: Mapping[str, str] | None = None) -> str:
    """The "Where it lives" section; `title` and `labels` (format strings for `definition`, `packs`,
    `analysis`, `tests`, `data_rule`, `plugin`; `examples`: what tests/test_rule_examples.py tests) give its words in another language (ruledoc.py reads them from the packs)."""
    say = {"definition": "Definition: {path}", "packs": "Packs: {packs}", "analysis": "Analysis it reads: {modules}",
           "tests": "Tests: {tests}", "examples": "the examples", "data_rule": "{path} (data rule, type `{type}`)",
           "plugin": "plugin module {path}", **(labels or {})}
    path = say["data_rule"].format(path=src.definition, type=src.data_type) if src.data_type else \
        say["plugin"].format(path=src.definition) if src.plugin else src.definition
    out = [f"{heading} {title}", "", "- " + say["definition"].format(path=path)]
    if src.packs:
        by_name: dict[str, list[str]] = {}
        for path in src.packs:  # rules/<lang>/<name>.toml
            _, lang, name = path.split("/")
            by_name.setdefault(name, []).append(lang)
        out.append("- " + say["packs"].format(packs=", ".join(f"rules/<lang>/{n} ({', '.join(ls)})" for n, ls in by_name.items())))
    if src.analysis:
        out.append("- " + say["analysis"].format(modules=", ".join(src.analysis)))
    if src.tests:
        shown = (t + (f" ({say['examples']})" if t.endswith("test_rule_examples.py") else "") for t in src.tests)
        out.append("- " + say["tests"].format(tests=", ".join(shown)))
    return "\n".join(out) + "\n"
