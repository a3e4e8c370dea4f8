"""Per-rule YAML case files, sqlfluff style; public so plugin authors reuse it.

    rule: TL101
    cases:
      - id: en-printer-no-code
        lang: en                 # optional (default: auto-detect)
        role: customer           # for `text`; default: the rule's first scope role
        text: "The printer doesn't work."
        expect: fail             # fail | pass
        count: 1                 # optional: exact number of this rule's findings
        match: "doesn't work"    # optional: some finding's excerpt contains this
      - id: en-thread
        thread:
          - {role: customer, body: "..."}      # optional: author (the name a chat reply may address)
          - {role: agent, body: "..."}
        expect: pass

`run_case` lints with only that rule selected and returns a reason string
when the case does not hold (None when it does).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .config import Config
from .engine import Linter
from .model import Message, Role, Ticket

_CASE_KEYS = {"id", "lang", "role", "text", "thread", "expect", "count", "match", "subject", "options"}


class CaseError(ValueError):
    """A malformed case file; names the file and case."""


@dataclass(frozen=True, slots=True)
class Case:
    rule: str
    id: str
    ticket: Ticket
    expect_fail: bool
    count: int | None
    match: str | None
    language: str
    options: tuple[tuple[str, Any], ...]
    source: str


def load_cases(path: Path) -> list[Case]:
    import yaml  # optional dependency: ticketlint[testing]

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "rule" not in data or not isinstance(data.get("cases"), list):
        raise CaseError(f"{path}: needs 'rule: CODE' and a 'cases:' list")
    rule = str(data["rule"])
    cases = []
    seen: set[str] = set()
    for i, raw in enumerate(data["cases"]):
        where = f"{path}: case {i}"
        if not isinstance(raw, dict):
            raise CaseError(f"{where}: must be a mapping")
        unknown = set(raw) - _CASE_KEYS
        if unknown:
            raise CaseError(f"{where}: unknown key {sorted(unknown)[0]!r}")
        cid = str(raw.get("id", f"case-{i}"))
        if cid in seen:
            raise CaseError(f"{where}: duplicate id {cid!r}")
        seen.add(cid)
        expect = raw.get("expect")
        if expect not in ("fail", "pass"):
            raise CaseError(f"{where} ({cid}): expect must be 'fail' or 'pass'")
        if "thread" in raw:
            msgs = tuple(Message(role=Role.parse(m["role"]), body=str(m["body"]), author=str(m["author"]) if m.get("author") else None) for m in raw["thread"])
        elif "text" in raw:
            role = Role.parse(raw["role"]) if "role" in raw else None
            msgs = (Message(role=role or Role.NOTE, body=str(raw["text"])),) if role else ()
            if not role:
                msgs = (Message(role=_primary_role(rule), body=str(raw["text"])),)
        else:
            raise CaseError(f"{where} ({cid}): needs 'text' or 'thread'")
        ticket = Ticket(id=cid, messages=msgs, subject=str(raw.get("subject", "")), source=str(path))
        options = raw.get("options", {})
        cases.append(Case(rule, cid, ticket, expect == "fail", raw.get("count"), raw.get("match"),
                          str(raw.get("lang", "auto")), tuple(sorted(options.items())), str(path)))
    return cases


def _primary_role(rule: str) -> Role:
    from .registry import default_registry

    return default_registry().get(rule).meta.primary_role


def run_case(case: Case) -> str | None:
    """None when the case holds, else a description of what went wrong."""
    cfg = Config(select=(case.rule,), language=case.language, rule_options={case.rule: dict(case.options)} if case.options else {})
    findings = [f for f in Linter(cfg, strict=True).lint_ticket(case.ticket) if f.code == case.rule]
    shown = "; ".join(f"{f.excerpt!r} (msg {f.message_index})" for f in findings) or "no findings"
    if case.expect_fail and not findings:
        return f"{case.id}: expected {case.rule} to fire, it did not"
    if not case.expect_fail and findings:
        return f"{case.id}: expected no {case.rule}, got {shown}"
    if case.count is not None and len(findings) != case.count:
        return f"{case.id}: expected {case.count} findings, got {len(findings)}: {shown}"
    if case.match is not None and not any(case.match.lower() in f.excerpt.lower() for f in findings):
        return f"{case.id}: no finding's excerpt contains {case.match!r}: {shown}"
    return None
