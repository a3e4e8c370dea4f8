"""Shared helpers of the fuzzing suite: run the CLI in-process or as a process, and check the contract.

Not a test module (no `test_` prefix): imported by the tests in this folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from ticketlint.cli import main

# Secrets written in tickets: none of them may ever reach stdout or stderr.
PASSWORD = "Tr0ub4dor&3"
CARD = "4111 1111 1111 1111"
STRIPE = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"
AWS = "AKIAIOSFODNN7EXAMPLE"
SECRETS = (PASSWORD, CARD, STRIPE, AWS)
SECRET_BODIES = (
    f"password: {PASSWORD}",
    f"Your temporary password is {PASSWORD}.",
    f"My card is {CARD}, please charge it.",
    f"STRIPE_KEY={STRIPE}",
    f"aws_access_key_id = {AWS}",
)

GOOD = {"id": "ok-1", "messages": [{"role": "agent", "body": "Closed as PEBKAC."}]}


def ticket(tid: object = "t-1", body: object = "Closed as PEBKAC.", role: object = "agent", **extra: object) -> dict:
    return {"id": tid, "messages": [{"role": role, "body": body}], **extra}


def jsonl(*objs: object) -> str:
    return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objs)


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def both(self) -> str:
        return self.out + self.err

    def error_lines(self) -> list[str]:
        return [line for line in self.out.splitlines() if line.startswith("error:")]

    def json(self) -> dict:
        return json.loads(self.out)

    def jsonl(self) -> list[dict]:
        return [json.loads(line) for line in self.out.splitlines() if line.strip()]

    def summary(self) -> dict:
        """The summary of a json or jsonl run."""
        out = self.out.lstrip()
        if out.startswith("{\n") or out.startswith('{"findings"'):
            return self.json()["summary"]
        [summary] = [o for o in self.jsonl() if o.get("type") == "summary"]
        return summary


def cli(*args: str, input: str | bytes | None = None, env: dict | None = None) -> Run:
    """`ticketlint ARGS` in-process (click's CliRunner); asserts that nothing escaped as a Python exception."""
    result = CliRunner().invoke(main, list(args), input=input, env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    run = Run(result.exit_code, result.stdout, result.stderr)
    assert_no_traceback(run)
    return run


def check(*args: str, input: str | bytes | None = None, env: dict | None = None) -> Run:
    """`ticketlint check --isolated --no-color ARGS` in-process."""
    return cli("check", "--isolated", "--no-color", *args, input=input, env=env)


def proc(*args: str, input: bytes | None = None, timeout: float = 60, env: dict | None = None,
         cwd: str | Path | None = None, stdout: int | None = None) -> Run:
    """`python -m ticketlint ARGS` as a real process, under a timeout."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("TICKETLINT_DEBUG", None)
    cp = subprocess.run([sys.executable, "-m", "ticketlint", *args], input=input, timeout=timeout, env=full_env,
                        cwd=cwd, stdout=stdout if stdout is not None else subprocess.PIPE, stderr=subprocess.PIPE)
    out = cp.stdout.decode("utf-8", "backslashreplace") if cp.stdout is not None else ""
    run = Run(cp.returncode, out, cp.stderr.decode("utf-8", "backslashreplace"))
    assert_no_traceback(run)
    return run


def assert_no_traceback(run: Run) -> None:
    assert "Traceback" not in run.out, run.out[-3000:]
    assert "Traceback" not in run.err, run.err[-3000:]


def assert_no_secret(run: Run, secrets: tuple[str, ...] = SECRETS) -> None:
    for secret in secrets:
        assert secret not in run.out, (secret, run.out[-3000:])
        assert secret not in run.err, (secret, run.err[-3000:])


def assert_counts(summary: dict) -> None:
    """Nothing lost: every ticket read is linted or reported unreadable."""
    assert summary["tickets_read"] == summary["tickets_linted"] + summary["tickets_unreadable"], summary


_TEXT_SUMMARY = None


def text_counts(out: str) -> tuple[int, int, int]:
    """(read, linted, unreadable) from the last line of text output."""
    import re

    global _TEXT_SUMMARY
    if _TEXT_SUMMARY is None:
        _TEXT_SUMMARY = re.compile(r"in (\d+) tickets? linted; (\d+) read, (\d+) unreadable")
    matches = _TEXT_SUMMARY.findall(out)
    assert matches, out[-2000:]
    linted, read, unreadable = map(int, matches[-1])
    return read, linted, unreadable
