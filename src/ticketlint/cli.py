"""The command line: a thin click layer over config, runner and formatters.

Exit codes: 0 no finding at or above `--fail-on` (default: error), 1 such
findings, 2 usage, configuration or input error. Fast paths (`--help`,
`rules`, `rule`) never import spaCy.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import click

from . import __version__
from .model import LANGUAGES, Role, Severity

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _fail(message: str) -> "click.exceptions.Exit":
    click.echo(f"ticketlint: error: {message}", err=True)
    return click.exceptions.Exit(EXIT_ERROR)


def _split(values: tuple[str, ...]) -> tuple[str, ...] | None:
    if not values:
        return None
    return tuple(v.strip() for raw in values for v in raw.split(",") if v.strip())


def _registry():  # type: ignore[no-untyped-def]
    """The rule registry, or a one-line error naming the broken pack or plugin."""
    from .registry import RegistryError, default_registry
    from .resources import PackError

    try:
        return default_registry()
    except (RegistryError, PackError) as exc:
        raise _fail(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ticketlint")
def main() -> None:
    """A linter for support tickets (en, es, id, ro)."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--select", multiple=True, help="Rules to run: codes, prefixes (TL1), names, groups or ALL (comma-separated).")
@click.option("--extend-select", multiple=True, help="Rules to add to the selection.")
@click.option("--ignore", multiple=True, help="Rules to leave out.")
@click.option("--profile", help="Workflow profile: escalation, reply, audit, privacy (or one from config).")
@click.option("--min-severity", type=click.Choice(["info", "warning", "error"]), help="Report findings at or above this severity.")
@click.option("--fail-on", type=click.Choice(["info", "warning", "error"]), help="Exit 1 on findings at or above this severity [default: error].")
@click.option("--lang", "language", type=click.Choice(["auto", *LANGUAGES]), help="Language of the text [default: auto, per message].")
@click.option("--role", type=click.Choice([r.value for r in Role]), help="Role of a plain-text input [default: note].")
@click.option("--format", "output_format", default="text", show_default=True, help="Output format: text, json, jsonl.")
@click.option("--input-format", default="auto", show_default=True, type=click.Choice(["auto", "text", "json", "jsonl"]), help="How to read the inputs.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), help="Config file (default: nearest .ticketlint.toml or pyproject.toml).")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--statistics", is_flag=True, help="Print the count of findings per rule.")
@click.option("--group-by", type=click.Choice(["agent", "team", "group", "channel", "status", "priority", "language", "source"]),
              default=None, help="With --statistics (or JSON output): counts per rule for each agent, team, ...")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), help="Worker processes for large batches [default: 1].")
@click.option("--color/--no-color", default=None, help="Colour output [default: when writing to a terminal].")
def check(paths: tuple[str, ...], select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...],
          profile: str | None, min_severity: str | None, fail_on: str | None, language: str | None, role: str | None,
          output_format: str, input_format: str, config_path: Path | None, isolated: bool, exit_zero: bool,
          statistics: bool, group_by: str | None, jobs: int | None, color: bool | None) -> None:
    """Lint ticket files (.json, .jsonl, text), directories, or - for stdin."""
    from .config import ConfigError, load_config
    from .formatters import FORMATTERS
    from .registry import RegistryError
    from .resources import PackError
    from .runner import run

    if output_format not in FORMATTERS:
        raise _fail(f"unknown --format {output_format!r} (known: {', '.join(FORMATTERS)})")
    try:
        config = load_config(config_path, discover=not isolated) if not isolated or config_path else load_config(None, discover=False)
        if profile is not None and profile not in config.profiles:
            raise ConfigError(f"--profile: unknown profile {profile!r} (known: {', '.join(sorted(config.profiles))})")
        overrides: dict[str, object] = {
            "profile": profile,
            "select": _split(select),
            "min_severity": Severity.parse(min_severity) if min_severity else None,
            "fail_on": Severity.parse(fail_on) if fail_on else None,
            "language": language,
            "role": Role.parse(role) if role else None,
            "jobs": jobs,
        }
        if select:
            # as in ruff: a selection on the command line replaces the file's whole selection
            config = replace(config, ignore=(), extend_select=())
        config = config.with_overrides(**overrides)
        if profile is not None and not select:
            # a profile named on the command line replaces the file's own selection
            config = replace(config, select=None)
        ext, ign = _split(extend_select), _split(ignore)
        if ext:
            config = config.with_overrides(extend_select=config.extend_select + ext)
        if ign:
            config = config.with_overrides(ignore=config.ignore + ign)
        use_color = color if color is not None else (output_format == "text" and sys.stdout.isatty())
        formatter = FORMATTERS[output_format](sys.stdout, color=use_color, statistics=statistics)
        result = run(list(paths), config, formatter, fmt=input_format, jobs=config.jobs, group_by=group_by)
    except (ConfigError, RegistryError, PackError) as exc:
        raise _fail(str(exc)) from None
    if result.input_errors:
        raise click.exceptions.Exit(EXIT_ERROR)
    if exit_zero:
        raise click.exceptions.Exit(EXIT_OK)
    failing = result.worst is not None and result.worst >= config.fail_on
    raise click.exceptions.Exit(EXIT_FINDINGS if failing else EXIT_OK)


@main.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_cmd(output_format: str) -> None:
    """List every rule: code, name, scope, severity, languages."""
    import json

    from .ruledoc import scope_text

    reg = _registry()
    if output_format == "json":
        rows = [
            {"code": r.meta.code, "name": r.meta.name, "scope": sorted(x.value for x in r.meta.scope),
             "severity": r.meta.severity.label, "groups": list(r.meta.groups), "languages": list(r.meta.languages),
             "summary": r.meta.summary}
            for r in reg
        ]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    width = max((len(r.meta.name) for r in reg), default=10)
    for r in reg:
        m = r.meta
        click.echo(f"{m.code}  {m.name:<{width}}  {m.severity.label:<7}  {scope_text(m):<22}  {','.join(m.languages)}  {m.summary}")


@main.command("rule")
@click.argument("code")
def rule_cmd(code: str) -> None:
    """Print the documentation of one rule (by code, name or alias)."""
    from .registry import SelectionError
    from .ruledoc import render

    try:
        rule = _registry().get(code)
    except SelectionError as exc:
        raise _fail(str(exc)) from None
    click.echo(render(rule.meta), nl=False)


@main.command("eval")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@click.option("--select", multiple=True, help="Only these rules.")
@click.option("--min-precision", type=float, default=None, help="Exit 1 if a rule/language cell is below this precision.")
@click.option("--min-recall", type=float, default=None, help="Exit 1 if a rule/language cell is below this recall.")
def eval_cmd(paths: tuple[str, ...], output_format: str, select: tuple[str, ...], min_precision: float | None,
             min_recall: float | None) -> None:
    """Precision and recall per rule and language against labelled tickets."""
    from .evaluate import EvalError, evaluate, render_table

    try:
        report = evaluate(list(paths), select=_split(select))
    except EvalError as exc:
        raise _fail(str(exc)) from None
    click.echo(render_table(report, output_format), nl=False)
    if report.errors:
        raise click.exceptions.Exit(EXIT_ERROR)
    below = report.below(min_precision, min_recall)
    if below:
        for line in below:
            click.echo(f"below target: {line}", err=True)
        raise click.exceptions.Exit(EXIT_FINDINGS)


if __name__ == "__main__":  # pragma: no cover
    main()
