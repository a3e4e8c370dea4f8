"""TL601/TL602 findings never echo the secret, in any output format."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ticketlint.cli import main

SECRETS = ["Hunter2xyz", "4111 1111 1111 1111", "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "AKIAIOSFODNN7EXAMPLE"]
TICKET = {"id": "p-1", "messages": [
    {"role": "customer", "body": "My card 4111 1111 1111 1111 and password: Hunter2xyz\nStill failing."},
    {"role": "note", "body": "Customer pasted:\n    STRIPE_KEY=sk_live_4eC39HqLyjWDarjtT1zdp7dc\n    aws AKIAIOSFODNN7EXAMPLE"},
]}


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "concise", "github", "gitlab", "junit", "sarif"])
@pytest.mark.parametrize("select", ["TL6", "ALL"])
def test_no_output_format_echoes_a_secret(fmt: str, select: str) -> None:
    r = CliRunner().invoke(main, ["check", "--isolated", "--select", select, "--format", fmt, "-"],
                           input=json.dumps(TICKET))
    assert r.exit_code == 1, r.output
    for secret in SECRETS:
        assert secret not in r.output, (secret, r.output)
    codes = {"TL601", "TL602"}
    assert all(c in r.output for c in codes)
    if fmt == "text":
        assert "4111 **** **** 1111" in r.output


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_a_secret_inside_another_secret_is_not_shown_by_the_outer_ones_redaction(fmt: str) -> None:
    """A card's redacted form keeps its first four digits; where a password is those digits
    (`PASSWD:4111 111111 111111`, found by the property test), neither the line shown nor either
    finding's excerpt may keep them: overlapping secrets are shown as stars."""
    ticket = {"id": "p-2", "messages": [{"role": "customer", "body": "PASSWD:4111 111111 111111"}]}
    r = CliRunner().invoke(main, ["check", "--isolated", "--select", "TL6", "--format", fmt, "-"], input=json.dumps(ticket))
    assert r.exit_code == 1 and "TL601" in r.output and "TL602" in r.output, r.output
    assert "4111" not in r.output, r.output
