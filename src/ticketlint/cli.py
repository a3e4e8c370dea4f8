"""The command line: a thin click layer over config, runner and formatters.

Exit codes (a gate must tell a lint failure from a failure of the tool):

    0    no finding at or above `--fail-on` (default: error)
    1    findings at or above `--fail-on`
    2    usage, configuration or input error, or a rule failure: bad options
         or config, a file or ticket that could not be read or fully linted,
         a rule that raised on a ticket (reported in every output format as a
         rule failure, as sqlfluff reports an unexpected exception), output
         that could not be written
    3    internal error: a worker process died, or ticketlint itself crashed
         (please report it)
    130  interrupted (Ctrl-C, SIGINT); 143 terminated (SIGTERM)
    141  the output pipe was closed (`ticketlint check ... | head`)

Fast paths (`--help`, `rules`, `rule`) compile no pack: rules load their
patterns on the first ticket.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .formatters.escape import printable
from .model import LANGUAGES, Role, Said, Severity

if TYPE_CHECKING:  # pragma: no cover
    from .registry import Registry

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_BROKEN_PIPE, EXIT_INTERRUPTED, EXIT_TERMINATED = 141, 130, 143
FORMAT_ENV = "TICKETLINT_OUTPUT_FORMAT"  # the output format when --format is not given


def _fail(message: "str | BaseException | Said", lang: str = "en") -> "click.exceptions.Exit":
    """"ticketlint: error: ..." on stderr, exit 2. An error that carries a catalogue text (`ConfigError.said`)
    is said in `lang` (the run's --locale, or the config's once it is read); any other text as written."""
    from . import notices
    from .model import said

    text = getattr(message, "said", str(message)) if isinstance(message, BaseException) else message
    _say(notices.render(said("cli.error", text=text), notices.run_language(lang)))
    return click.exceptions.Exit(EXIT_ERROR)


def _say(line: str) -> None:
    """One line on stderr, escaped; never raises (stderr may be closed too)."""
    from .progress import above

    try:
        if not above(printable(line)):
            click.echo(printable(line), err=True)
    except (OSError, ValueError):
        pass


class _Terminated(BaseException):
    """SIGTERM, turned into an exception so that worker processes are stopped on the way out."""


def _on_sigterm(signum: int, frame: Any) -> None:
    raise _Terminated


def _silence_stdout() -> None:
    """After a closed pipe or a full disk, point stdout at /dev/null so the interpreter's last
    flush cannot raise again (the recipe of Python's signal documentation)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (a test runner's buffer)


def _freeze_at_exit() -> None:
    """Keep every object out of the interpreter's last cyclic collections (an `atexit` handler).

    At exit the interpreter collects again as it clears the modules, walking every object left: the
    compiled packs, the language data, the regex cache's entries, ~0.16-0.21 s of CPU after a parallel
    `check` of 20,000 IRC threads (its parent unfreezes what it froze for the workers), ~0.07 s after
    `-j 1` on 5,000, when the output is written and nothing more is to be done (bench/README.md, round
    fifteen). Frozen, they are freed as before by their reference counts, and the OS takes the rest.
    What is written is written before: the output is committed or flushed by the command, the regex
    cache by its own handler, and the standard streams by the interpreter."""
    import gc

    gc.freeze()


class _Main(click.Group):
    """The command group, with every way a run can end mapped to a documented exit code
    and one line on stderr: never a traceback (TICKETLINT_DEBUG=1 re-raises)."""

    def invoke(self, ctx: click.Context) -> Any:
        import atexit

        atexit.unregister(_freeze_at_exit)  # registered once, however many commands a process runs (tests)
        atexit.register(_freeze_at_exit)
        for stream in (sys.stdout, sys.stderr):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:  # a lone surrogate in a ticket must not stop the output
                reconfigure(errors="backslashreplace")
        previous = signal.signal(signal.SIGTERM, _on_sigterm) if _main_thread() else None
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()
            return result
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except BrokenPipeError:
            _silence_stdout()
            ctx.exit(EXIT_BROKEN_PIPE)
        except KeyboardInterrupt:
            _say("ticketlint: interrupted")
            ctx.exit(EXIT_INTERRUPTED)
        except _Terminated:
            _say("ticketlint: terminated")
            ctx.exit(EXIT_TERMINATED)
        except OSError as exc:
            if os.environ.get("TICKETLINT_DEBUG"):
                raise
            _silence_stdout()
            _say(f"ticketlint: error: cannot write the output ({exc.strerror or exc})")
            ctx.exit(EXIT_ERROR)
        except Exception as exc:  # noqa: BLE001 - the last line of defence against a traceback
            if os.environ.get("TICKETLINT_DEBUG"):
                raise
            _say(f"ticketlint: internal error: {type(exc).__name__}: {exc} "
                 "(please report it; TICKETLINT_DEBUG=1 shows the traceback)")
            ctx.exit(EXIT_INTERNAL)
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def _finite(value: float | None) -> float | None:
    import math

    if value is not None and not math.isfinite(value):
        raise click.BadParameter(f"{value} is not a number of seconds")
    return value


def _since(value: str | None) -> Any:
    """--since as an aware datetime; a value that is not an ISO date is a usage error (exit 2)."""
    if value is None:
        return None
    from .since import parse_since

    try:
        return parse_since(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _split(values: tuple[str, ...]) -> tuple[str, ...] | None:
    if not values:
        return None
    return tuple(v.strip() for raw in values for v in raw.split(",") if v.strip())


def _registry(config_path: Path | None = None, isolated: bool = True, locale: str | None = None) -> Registry:
    """The rule registry, or a one-line error naming the broken pack or plugin.

    With a configuration (`isolated=False`: the one `check` would use), its organisation packs
    are activated first, so that `rules` and `rule` list and document the organisation's data rules.
    """
    from .config import ConfigError, load_config
    from .packs.files import PackError
    from .registry import RegistryError, default_registry

    try:
        if not isolated or config_path is not None:
            config = load_config(config_path, discover=not isolated)
            if config.packs:
                from . import packs

                packs.activate([Path(p) for p in config.packs])
        return default_registry()
    except (RegistryError, PackError, ConfigError) as exc:
        raise _fail(exc, locale or getattr(exc, "locale", None) or "en") from None


class _Jobs(click.ParamType):  # type: ignore[type-arg]
    """`-j`: a number of worker processes (1-64) or `auto` (runner.AUTO)."""

    name = "jobs"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        if str(value).strip().lower() == "auto":
            return 0  # runner.AUTO (not imported here: the fast paths do not load the runner)
        return int(click.IntRange(1, 64).convert(value, param, ctx))


_JOBS = _Jobs()
_LOCALE_OPTION = click.option(
    "--locale", type=click.Choice(["auto", *LANGUAGES]), default=None,
    help="Language of findings' messages and suggestions [default: auto, the language of the message each is on], "
         "and of the run's notices, summary line and reports [default: en].")


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
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
@_LOCALE_OPTION
@click.option("--role", type=click.Choice([r.value for r in Role]), help="Role of a plain-text input [default: note].")
@click.option("--format", "output_format", default=None,
              help="Output format: text, json, jsonl, csv, markdown, html, concise, github, gitlab, junit, sarif "
                   "[default: $TICKETLINT_OUTPUT_FORMAT, else text].")
@click.option("--input-format", default="auto", show_default=True,
              type=click.Choice(["auto", "text", "json", "jsonl", "csv", "zendesk", "freshdesk", "jsm", "servicenow"]),
              help="How to read the inputs: ticketlint's formats, a CSV with --map, or a helpdesk's export.")
@click.option("--map", "csv_map", multiple=True, metavar="KEY=COLUMN,...",
              help="Columns of a CSV export: id, body, role or role-column (+ role-map=Value:role;...), author, "
                   "created-at, subject, language, agent, team, channel, status, priority, message-id, delimiter.")
@click.option("--users", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="A helpdesk's users export (who is an agent); default: users.json(l) beside the export.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), help="Config file (default: nearest .ticketlint.toml or pyproject.toml).")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--report-unused-suppressions", is_flag=True, default=None,
              help="Report suppression directives that silenced nothing (TL002 unused-suppression).")
@click.option("--report-overlaps", is_flag=True, default=None,
              help="Report every rule's finding by itself, not one per problem with the others as related (docs/overlap.md).")
@click.option("--statistics", is_flag=True, help="Print only the audit's tables and the summary line, not each finding.")
@click.option("--group-by", multiple=True, metavar="FIELD[,FIELD...]",
              help="Audit tables per author, agent, team, group, channel, status, priority, requester, language, role "
                   "or source (repeatable or comma-separated).")
@click.option("-o", "--output-file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to FILE (replaced only when the run completes) instead of stdout.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr [default: when stderr is a terminal and the output is not].")
@click.option("-j", "--jobs", type=_JOBS, metavar="N|auto",
              help="Worker processes, at most one per core; auto: one per core when the input is large "
                   "(1,000 tickets, or 400,000 characters in 64; never stdin), else 1 [default: auto].")
@click.option("--stdin-filename", help="The name to report for input read from stdin ('-').")
@click.option("--time-budget", type=click.FloatRange(0, min_open=True), callback=lambda ctx, param, v: _finite(v),
              help="Seconds per ticket; rules not run in time are reported [default: none].")
@click.option("--color/--no-color", default=None, help="Colour output [default: when writing to a terminal].")
@click.option("--since", "since_text", metavar="DATE", callback=lambda ctx, param, v: _since(v),
              help="Report only findings on messages created at or after DATE (ISO date or date and time; UTC if no zone).")
@click.option("--baseline", "baseline_path", metavar="FILE", help="Report only findings absent from this baseline file.")
@click.option("--write-baseline", "write_baseline", metavar="FILE", help="Write the findings of this run to FILE as a baseline.")
@click.option("--force-exclude", is_flag=True, default=None,
              help="Apply the config's `exclude` to paths named on the command line too (for pre-commit hooks).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where to lint: here, or on a Dask cluster (pip install 'ticketlint[dask]'; docs/engines.md).")
@click.option("--scheduler", metavar="ADDRESS",
              help="--engine dask: the scheduler (tcp://host:8786) [default: a local cluster of -j workers, else one per core].")
@click.option("--report", "report_file", type=click.Path(dir_okay=False, path_type=Path),
              help="--engine dask: write the HTML audit report to FILE (-o FILE.parquet or .jsonl takes the findings).")
def check(paths: tuple[str, ...], select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...],
          profile: str | None, min_severity: str | None, fail_on: str | None, language: str | None, locale: str | None,
          role: str | None, output_format: str | None, input_format: str, csv_map: tuple[str, ...], users: tuple[str, ...],
          config_path: Path | None, isolated: bool, exit_zero: bool,
          statistics: bool, group_by: tuple[str, ...], output_file: Path | None, progress: bool | None,
          jobs: int | None, stdin_filename: str | None, time_budget: float | None, color: bool | None,
          since_text: Any, baseline_path: str | None, write_baseline: str | None,
          report_unused_suppressions: bool | None = None, force_exclude: bool | None = None,
          report_overlaps: bool | None = None, engine: str = "local", scheduler: str | None = None,
          report_file: Path | None = None) -> None:
    """Lint tickets: ticketlint JSON/JSONL, helpdesk exports (Zendesk, Freshdesk, Jira Service
    Management, ServiceNow; JSON or CSV, gzip'd or not), mapped CSV, text files, directories, or -
    for stdin."""
    from .audit import check_fields
    from .baseline import BaselineError
    from .baseline import load as load_baseline
    from .config import ConfigError, Overrides, load_config
    from .formatters import FORMATTERS
    from .model import said
    from .packs.files import PackError
    from .registry import RegistryError

    lang = locale or "en"  # the usage errors' language: --locale, then the config's once it is read
    if output_format is None:  # as ruff's RUFF_OUTPUT_FORMAT: a CI job sets the format once for every run
        output_format = os.environ.get(FORMAT_ENV) or "text"
        if output_format not in FORMATTERS:
            raise _fail(said("cli.format_env", env=FORMAT_ENV, value=repr(output_format), known=", ".join(FORMATTERS)),
                        lang)
    if output_format not in FORMATTERS:
        raise _fail(said("cli.format", value=repr(output_format), known=", ".join(FORMATTERS)), lang)
    try:
        config = load_config(config_path, discover=not isolated) if not isolated or config_path else load_config(None, discover=False)
        lang = locale or config.locale
        try:  # after the config, so that an unknown field is said in its locale too
            fields = check_fields(_split(group_by) or ())
        except ValueError as exc:
            raise _fail(exc, lang) from None
        # the flags, as overrides over the file: what resets what is the config layer's (Config.merged)
        config = config.merged(Overrides(
            profile=profile,
            select=_split(select),
            extend_select=_split(extend_select) or (),
            ignore=_split(ignore) or (),
            min_severity=Severity.parse(min_severity) if min_severity else None,
            fail_on=Severity.parse(fail_on) if fail_on else None,
            language=language,
            locale=locale,
            role=Role.parse(role) if role else None,
            jobs=jobs,
            time_budget=time_budget,
            report_unused_suppressions=report_unused_suppressions,
            report_overlaps=report_overlaps,
            force_exclude=force_exclude,
        ))
        mapping = config.csv_mapping
        if csv_map:
            from .readers.csvmap import MappingError, merged, parse_map_option

            try:
                mapping = merged(config.csv_mapping, parse_map_option(csv_map))
            except MappingError as exc:
                raise ConfigError.of(exc, "--map") from None
        if engine == "dask" or scheduler or report_file:
            workers = jobs if jobs else (config.jobs if config.jobs > 1 else (os.cpu_count() or 1))  # 0: auto
            _dask_check(list(paths), config, fields, input_format, mapping, users, output_file, report_file, scheduler,
                        engine=engine, since=since_text, baseline_path=baseline_path, write_baseline=write_baseline,
                        exit_zero=exit_zero, workers=workers)
        baseline = load_baseline(baseline_path) if baseline_path is not None else None
        result = _report(list(paths), config, output_format, output_file, statistics=statistics, color=color,
                         progress=progress, fmt=input_format, group_by=fields, stdin_name=stdin_filename,
                         csv_map=mapping, users=users, since=since_text, baseline=baseline,
                         write_baseline=write_baseline)
    except (ConfigError, RegistryError, PackError, BaselineError) as exc:
        # an error in the config file that sets `locale`: said in it, unless --locale says otherwise
        raise _fail(exc, locale or getattr(exc, "locale", None) or lang) from None
    if result.internal_errors:
        raise click.exceptions.Exit(EXIT_INTERNAL)
    if result.input_errors or result.rule_failures:
        raise click.exceptions.Exit(EXIT_ERROR)
    if exit_zero:
        raise click.exceptions.Exit(EXIT_OK)
    failing = result.worst is not None and result.worst >= config.fail_on
    raise click.exceptions.Exit(EXIT_FINDINGS if failing else EXIT_OK)


def _dask_check(paths: list[str], config: Any, fields: tuple[str, ...], input_format: str, mapping: Any,
                users: tuple[str, ...], output_file: Path | None, report_file: Path | None, scheduler: str | None, *,
                engine: str, since: Any, baseline_path: str | None, write_baseline: str | None, exit_zero: bool,
                workers: int) -> None:
    """`check --engine dask`: the export linted on a Dask cluster; findings to -o, the report to --report,
    --since, --baseline and --write-baseline as in the local run. Every unreadable file or record (and
    rule failure) is one line on stderr, in input order, and so is every ticket read in part ("warning: "). Always ends the command (raises click's Exit
    with the code `check` would give)."""
    from . import notices
    from .baseline import load as load_baseline
    from .model import said

    lang = notices.run_language(config.locale)
    if engine != "dask":
        raise _fail(said("dask.needs_engine"), lang)
    if "-" in paths:
        raise _fail(said("dask.stdin"), lang)
    if output_file is not None and output_file.suffix.lower() not in (".parquet", ".parq", ".jsonl"):
        raise _fail(said("dask.output", file=str(output_file)), lang)
    try:
        from . import dask as engine_dask
    except ImportError as exc:
        raise _fail(said("dask.extra", reason=str(exc)), lang) from None  # the import's reason, as written
    from .frames import Options
    from .output import OutputError
    from .readers import Inputs
    from .readers.detect import Sides

    baseline = load_baseline(baseline_path) if baseline_path is not None else None  # BaselineError: exit 2
    options = Options(config, fields, Inputs(fmt=input_format, role=config.role, mapping=mapping, sides=Sides(users)),
                      since=since, baseline=baseline, write_baseline=write_baseline is not None)
    try:
        result = engine_dask.check(paths, options, engine_dask.Outputs(output_file, report_file, write_baseline),
                                   scheduler=scheduler, workers=workers,
                                   on_error=lambda error: _say(notices.line(error, lang)),
                                   on_partial=lambda notice: _say(f"{notices.kind(lang, notice)}: {notices.line(notice, lang)}"))
    except (OutputError, ImportError) as exc:
        raise _fail(exc if isinstance(exc, OutputError) else str(exc), lang) from None
    from .formatters.tables import summary_line

    click.echo(summary_line(result.summary, lang))
    if result.internal_errors:
        raise click.exceptions.Exit(EXIT_INTERNAL)
    if result.input_errors or result.rule_failures:
        raise click.exceptions.Exit(EXIT_ERROR)
    failing = result.worst is not None and result.worst >= config.fail_on
    raise click.exceptions.Exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_OK)


def _report(paths: list[str], config: Any, output_format: str, output_file: Path | None, *, statistics: bool,
            color: bool | None, progress: bool | None, **run_args: Any) -> Any:
    """Run the batch into the chosen formatter, on stdout or atomically into `output_file`."""
    from .formatters import FORMATTERS
    from .output import AtomicOutput, OutputError
    from .progress import progress_bar
    from .runner import run

    to_terminal = output_file is None and sys.stdout.isatty()
    use_color = color if color is not None else (output_format == "text" and to_terminal)
    show = progress if progress is not None else (_isatty(sys.stderr) and not to_terminal)
    try:
        sink = AtomicOutput(output_file) if output_file is not None else None
    except OutputError as exc:
        raise _fail(exc, config.locale) from None
    try:
        stream = sink.stream if sink is not None else sys.stdout
        formatter = FORMATTERS[output_format](stream, color=use_color, statistics=statistics, locale=config.locale)
        if output_file is not None and not formatter.errors_on_stderr:
            # the terminal sees nothing else: say why a run exits 2 there too (and the summary, below)
            from .formatters.echo import EchoErrors

            formatter = EchoErrors(formatter, _say, str(output_file))
        with progress_bar(show, paths, config.locale) as tick:
            result = run(paths, config, formatter, jobs=config.jobs, on_ticket=tick, **run_args)
        if sink is not None:
            sink.commit()
            if not formatter.errors_on_stderr:  # the terminal saw nothing else: the summary ends the run there
                from .formatters.tables import summary_line

                _say(summary_line(result.summary, formatter.lang))
    except OutputError as exc:
        raise _fail(exc, config.locale) from None
    finally:
        if sink is not None:
            sink.discard()  # a run that did not complete leaves no half report (no-op after commit)
    return result


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


_HELP_LOCALE_OPTION = click.option(
    "--locale", type=click.Choice(["auto", *LANGUAGES]), default=None,
    help="Language of the help text (summary, suggestion, severity, scope) [default: the config's locale, else en].")
_CONFIG_OPTION = click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
                              help="Config file whose organisation packs to include (default: nearest .ticketlint.toml or pyproject.toml).")
_ISOLATED_OPTION = click.option("--isolated", is_flag=True, help="Ignore all configuration files (built-in and plugin rules only).")


@main.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_HELP_LOCALE_OPTION
@_CONFIG_OPTION
@_ISOLATED_OPTION
def rules_cmd(output_format: str, locale: str | None, config_path: Path | None, isolated: bool) -> None:
    """List every rule: code, name, scope, severity, languages."""
    import json

    from .ruledoc import localized, say
    from .suppressions import ENGINE_META

    metas = [*ENGINE_META, *(r.meta for r in _registry(config_path, isolated, locale))]  # TL001/TL002: what the engine says of directives
    lang = _help_locale(locale, config_path, isolated)
    metas = [localized(m, lang) for m in metas]
    if output_format == "json":
        rows = [
            {"code": m.code, "name": m.name, "scope": sorted(x.value for x in m.scope),
             "severity": m.severity.label, "groups": list(m.groups), "languages": list(m.languages),
             "summary": m.summary}
            for m in metas
        ]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    # severity and scope as the rule page says them in the locale (rules/<lang>/ruledoc.toml); English: the identifiers
    width = max((len(m.name) for m in metas), default=10)
    severities = {m.severity.label: say(lang, f"severity.{m.severity.label}") for m in metas}
    sev_width = max(7, *(len(s) for s in severities.values()))
    scopes = [", ".join(say(lang, f"role.{r.value}") for r in Role if r in m.scope) for m in metas]
    scope_width = max(22, *(len(s) for s in scopes))
    for m, scope in zip(metas, scopes):
        click.echo(f"{m.code}  {m.name:<{width}}  {severities[m.severity.label]:<{sev_width}}  {scope:<{scope_width}}  "
                   f"{','.join(m.languages)}  {m.summary}")


@main.command("rule")
@click.argument("code")
@_HELP_LOCALE_OPTION
@_CONFIG_OPTION
@_ISOLATED_OPTION
def rule_cmd(code: str, locale: str | None, config_path: Path | None, isolated: bool) -> None:
    """Print the documentation of one rule (by code, name or alias)."""
    from .registry import SelectionError
    from .ruledoc import page
    from .rulemap import sources
    from .suppressions import ENGINE_META

    engine = {m.code.lower(): m for m in ENGINE_META} | {m.name.lower(): m for m in ENGINE_META}
    try:
        rule = _registry(config_path, isolated, locale).get(code)
    except SelectionError as exc:
        if code.lower() not in engine:
            raise _fail(exc, _help_locale(locale, config_path, isolated)) from None
        click.echo(page(engine[code.lower()], _help_locale(locale, config_path, isolated)), nl=False)
        return
    click.echo(page(rule.meta, _help_locale(locale, config_path, isolated), where=sources(rule)), nl=False)


def _help_locale(locale: str | None, config_path: Path | None, isolated: bool) -> str:
    """The language of help text: --locale, else the config's `locale`, else English."""
    if locale is not None and locale != "auto":
        return locale
    from .config import ConfigError, load_config

    try:
        config = load_config(config_path, discover=not isolated) if not isolated or config_path else None
    except ConfigError as exc:
        raise _fail(exc, locale or exc.locale or "en") from None
    chosen = config.locale if config is not None else "auto"
    return "en" if chosen == "auto" else chosen


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


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default: put a proxy in front to expose it).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="Worker processes.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), help="Config file (default: nearest .ticketlint.toml or pyproject.toml).")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--profile", help="Default profile of requests that name none.")
@click.option("--max-body-bytes", default=1_000_000, show_default=True, type=click.IntRange(1), help="Larger request bodies get 413.")
@click.option("--max-messages", default=200, show_default=True, type=click.IntRange(1), help="Longer threads get 422.")
@click.option("--timeout", default=5.0, show_default=True, type=click.FloatRange(0, min_open=True), help="Seconds per request (the engine's time budget).")
@click.option("--max-concurrency", default=4, show_default=True, type=click.IntRange(1, 256), help="Lint requests in flight per worker; more get 503.")
def serve_cmd(host: str, port: int, workers: int, config_path: Path | None, isolated: bool, profile: str | None,
              max_body_bytes: int, max_messages: int, timeout: float, max_concurrency: int) -> None:
    """Serve the JSON API (/v1/lint, /v1/rules, /openapi.json) and the page for agents at /."""
    from .server.run import serve

    serve(host=host, port=port, workers=workers, config_path=config_path, isolated=isolated, profile=profile,
          max_body_bytes=max_body_bytes, max_messages=max_messages, timeout=timeout, max_concurrency=max_concurrency)


if __name__ == "__main__":  # pragma: no cover
    main()
