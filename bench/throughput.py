"""Throughput of ticketlint on real support chat, as a ratio to bare spaCy tokenization.

Machines here are shared and noisy, so absolute words/s mean little; the
ratio to `spacy.blank("en")` tokenizing the same message texts in the same
process, measured right before, is the figure to compare across runs.

    python bench/throughput.py                       # the six foundation rules, whole archive
    python bench/throughput.py --profile audit       # every rule
    python bench/throughput.py --profile audit --per-rule --limit 20000
    python bench/throughput.py --limit 20000 --cli-jobs 2    # the CLI figure with two workers

Beside the in-process loop, the figure a user sees: `ticketlint check` run
end to end (start-up, reading a JSONL file of the same threads, linting
with the default rule set, i.e. every rule, text output to /dev/null) in a
fresh process, also as a ratio to the same baseline (`--no-cli` skips it).

Targets: ratio >= 0.4 (six rules), >= 0.3 (profile audit).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from irc_threads import DEFAULT_ARCHIVE, load_threads  # noqa: E402
from timing import baseline, cli_env, ticketlint_cmd, timed  # noqa: E402

from ticketlint.checks.base import RuleContext  # noqa: E402
from ticketlint.config import Config  # noqa: E402
from ticketlint.document import Document  # noqa: E402
from ticketlint.engine import Linter  # noqa: E402

FOUNDATION = ("TL101", "TL102", "TL201", "TL202", "TL301", "TL401")


def write_jsonl(tickets: list, path: Path) -> None:
    """The threads in ticketlint's own JSONL format, for the CLI to read."""
    with path.open("w", encoding="utf-8") as fh:
        for t in tickets:
            messages = [{"role": m.role.value, "body": m.body, **({"author": m.author} if m.author else {})} for m in t.messages]
            fh.write(json.dumps({"id": t.id, "messages": messages}, ensure_ascii=False) + "\n")


def cli_seconds(path: Path, jobs: str) -> float:
    """Wall seconds of `ticketlint check` (default rules) on `path`, end to end, output to /dev/null
    (bytecode cached as installed, the user's regex cache: `timing.cli_env`)."""
    return timed(ticketlint_cmd(str(path), jobs=jobs), cli_env(Path(__file__).resolve().parents[1] / "src"))


def per_rule(linter: Linter, tickets: list) -> tuple[float, dict[str, float]]:
    """Seconds spent analysing documents (masking, language) and in each rule's check."""
    analysis = 0.0
    spent: Counter[str] = Counter()
    for ticket in tickets:
        t0 = time.perf_counter()
        doc = Document(ticket, language=linter.config.language)
        for m in doc.messages:
            m.prose  # noqa: B018  (forces masking, as the first prose rule would)
        analysis += time.perf_counter() - t0
        roles = doc.roles
        for rule in linter.rules:
            if roles.isdisjoint(rule.meta.scope):
                continue  # the engine skips it too
            t0 = time.perf_counter()
            list(rule.check(RuleContext(doc, linter.options[rule.meta.code], code=rule.meta.code)))
            spent[rule.meta.code] += time.perf_counter() - t0
    return analysis, dict(spent)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE)
    ap.add_argument("--profile", default=None, help="a profile (e.g. audit) instead of the six foundation rules")
    ap.add_argument("--select", default=None, help="comma-separated selection instead of the six foundation rules")
    ap.add_argument("--limit", type=int, default=None, help="only the first N tickets")
    ap.add_argument("--per-rule", action="store_true", help="also time each rule (a second pass)")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    ap.add_argument("--repeat", type=int, default=3, help="alternate baseline and ticketlint this many times; keep the fastest of each")
    ap.add_argument("--no-cli", action="store_true", help="skip the end-to-end `ticketlint check` figure")
    ap.add_argument("--cli-jobs", default="1", help="-j for the end-to-end figure: a number or auto [1]")
    args = ap.parse_args()

    tickets = load_threads(args.archive, args.limit)
    texts = [m.body for t in tickets for m in t.messages]
    words = sum(len(t.split()) for t in texts)
    if args.profile:
        config = Config(profile=args.profile)
    else:
        config = Config(select=tuple(args.select.split(",")) if args.select else FOUNDATION)

    linter = Linter(config)
    linter.lint(tickets[0])  # build lazy resources (patterns, spaCy pipelines) before timing
    # Baseline and ticketlint alternate, `--repeat` times; the fastest run of each is kept, since
    # on a shared machine noise only ever adds time.
    base_runs: list[float] = []
    lint_runs: list[float] = []
    findings: Counter[str] = Counter()
    failures = 0
    for _ in range(args.repeat):
        base_runs.append(baseline(texts))
        findings = Counter()
        failures = 0  # counted per run, as the findings are: rules that raised (each is a bug to report)
        t0 = time.perf_counter()
        for ticket in tickets:
            linted = linter.lint(ticket)
            failures += len(linted.failures)
            for f in linted.findings:
                findings[f.code] += 1
        lint_runs.append(time.perf_counter() - t0)
    cli_runs: list[float] = []
    if not args.no_cli:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "threads.jsonl"
            write_jsonl(tickets, path)
            for _ in range(args.repeat):
                base_runs.append(baseline(texts))  # in the same alternation, so the ratio is fair
                cli_runs.append(cli_seconds(path, args.cli_jobs))
    base_s, lint_s = min(base_runs), min(lint_runs)

    result = {
        "tickets": len(tickets), "messages": len(texts), "words": words,
        "rules": [r.meta.code for r in linter.rules],
        "baseline_s": round(base_s, 3), "baseline_words_per_s": round(words / base_s),
        "lint_s": round(lint_s, 3), "lint_words_per_s": round(words / lint_s),
        "ratio": round(base_s / lint_s, 3),
        "runs": {"baseline_s": [round(x, 3) for x in base_runs], "lint_s": [round(x, 3) for x in lint_runs]},
        **({"cli_s": round(min(cli_runs), 3), "cli_words_per_s": round(words / min(cli_runs)),
            "cli_ratio": round(base_s / min(cli_runs), 3), "cli_jobs": args.cli_jobs,
            "cli_runs_s": [round(x, 3) for x in cli_runs]} if cli_runs else {}),
        "findings": dict(sorted(findings.items())),
        "rule_failures": failures,
    }
    if args.per_rule:
        analysis, spent = per_rule(linter, tickets)
        result["per_rule_s"] = {"(analysis)": round(analysis, 3), **{k: round(v, 3) for k, v in sorted(spent.items(), key=lambda kv: -kv[1])}}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{result['tickets']} tickets, {result['messages']} messages, {words} words; rules: {' '.join(result['rules'])}")
    print(f"baseline spacy.blank('en') tokenization: {base_s:.2f} s ({result['baseline_words_per_s']:,} words/s)")
    print(f"in-process lint loop ({len(result['rules'])} rules):       {lint_s:.2f} s ({result['lint_words_per_s']:,} words/s)")
    print(f"ratio (baseline time / ticketlint time): {result['ratio']:.3f}  (fastest of {args.repeat} alternating runs each)")
    if cli_runs:
        print(f"ticketlint check (CLI, default rules, -j {args.cli_jobs}, end to end): {result['cli_s']:.2f} s "
              f"({result['cli_words_per_s']:,} words/s), ratio {result['cli_ratio']:.3f}")
    print("findings: " + ", ".join(f"{k} {v}" for k, v in result["findings"].items()))
    if args.per_rule:
        print("time per rule (s): " + ", ".join(f"{k} {v}" for k, v in result["per_rule_s"].items()))


if __name__ == "__main__":
    main()
