"""Third-party rules register through the `ticketlint.rules` entry-point group.

The test builds and pip-installs a tiny plugin distribution into a private
target directory, then runs the CLI in a subprocess with it on the path:
the same discovery path a real `pip install ticketlint-acme` takes.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

PLUGIN = '''
"""A tiny ticketlint plugin: flags the word 'ASAP' in agent replies."""
import re
from ticketlint.checks.base import BaseRule
from ticketlint.model import Hit, Role, RuleMeta, Span


class AsapRule(BaseRule):
    meta = RuleMeta(code="ACME001", name="no-asap", summary="Flags 'ASAP' in replies.",
                    scope=frozenset({Role.AGENT}), groups=("acme",), rationale="House style.")

    def check_message(self, msg, ctx):
        for m in re.finditer(r"\\bASAP\\b", msg.prose):
            yield Hit(msg.index, Span(m.start(), m.end()), "say when, not 'ASAP'")


class Duplicate(AsapRule):
    meta = RuleMeta(code="TL401", name="clash", summary="clashes", scope=frozenset({Role.AGENT}))
'''


def _wheel(tmp_path: Path, entry: str) -> Path:
    """A minimal but valid wheel, built by hand so the test needs no build backend."""
    dist = "ticketlint_acme-1.0.dist-info"
    files = {
        "acme_rules/__init__.py": PLUGIN,
        f"{dist}/METADATA": "Metadata-Version: 2.1\nName: ticketlint-acme\nVersion: 1.0\n",
        f"{dist}/WHEEL": "Wheel-Version: 1.0\nGenerator: ticketlint-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        f"{dist}/entry_points.txt": f"[ticketlint.rules]\nacme = {entry}\n",
    }
    record = []
    for name, text in files.items():
        data = text.encode()
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{name},sha256={digest},{len(data)}")
    files[f"{dist}/RECORD"] = "\n".join(record + [f"{dist}/RECORD,,"]) + "\n"
    path = tmp_path / "ticketlint_acme-1.0-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return path


def _install(tmp_path: Path, entry: str) -> dict[str, str]:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", "--target",
                    str(target), str(_wheel(tmp_path, entry))], check=True, capture_output=True)
    return dict(os.environ, PYTHONPATH=str(target))


def _cli(env: dict[str, str], *args: str, input: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ticketlint", *args], input=input, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.slow
def test_plugin_rule_is_discovered_and_runs(tmp_path: Path) -> None:
    env = _install(tmp_path, "acme_rules:AsapRule")
    listed = json.loads(_cli(env, "rules", "--format", "json").stdout)
    assert "ACME001" in {r["code"] for r in listed}
    r = _cli(env, "check", "--isolated", "--select", "acme", "--role", "agent", "--format", "json", "-",
             input="We will fix it ASAP.")
    assert r.returncode == 0, r.stderr  # warning only: below the default fail-on
    [f] = json.loads(r.stdout)["findings"]
    assert (f["code"], f["name"], f["excerpt"]) == ("ACME001", "no-asap", "ASAP")


@pytest.mark.slow
def test_plugin_with_duplicate_code_is_rejected(tmp_path: Path) -> None:
    env = _install(tmp_path, "acme_rules:Duplicate")
    r = _cli(env, "rules")
    assert r.returncode == 2
    assert "TL401" in r.stderr + r.stdout and "acme" in r.stderr + r.stdout
    assert "Traceback" not in r.stderr
