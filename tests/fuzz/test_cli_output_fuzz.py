"""What ticketlint writes: never a secret, never a raw terminal escape, always some output for lone
surrogates, and a clean exit 2 when the output cannot be written (/dev/full)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from fuzzkit import (
    AWS,
    CARD,
    GOOD,
    PASSWORD,
    SECRET_BODIES,
    STRIPE,
    Run,
    assert_counts,
    assert_no_secret,
    assert_no_traceback,
    check,
    cli,
    jsonl,
)

FORMATS = ["text", "json", "jsonl"]


def summary_of(run: Run, fmt: str) -> dict | None:
    if fmt == "json":
        return run.json()["summary"]
    if fmt == "jsonl":
        return run.summary()
    return None


# -- secrets ---------------------------------------------------------------------------------------------

# Bodies written so that other rules fire on the same line as the secret (shouting, jargon, no next step,
# hard to read, blame), and so quote it if it were not masked.
NOISY_BODIES = (
    *SECRET_BODIES,
    f"WHY DOES THE VPN REJECT MY PASSWORD!!! password: {PASSWORD} !!!",
    f"It was PEBKAC, as usual. Your temporary password is {PASSWORD}.",
    f"Yes. Your temporary password is {PASSWORD}",
    f"You should have read the docs. password: {PASSWORD}",
    f"> On Mon, Bob wrote:\n> password: {PASSWORD}\nStill broken, card {CARD}",
    f"Per the SLA and the KB, rotate the IAM creds (aws_access_key_id = {AWS}) and the STRIPE_KEY={STRIPE} ASAP!!!",
    "Notwithstanding the aforementioned considerations pertaining to the reconfiguration of the authentication "
    f"subsystem, your temporary password is {PASSWORD}. My card is {CARD}, please charge it.",
)


def secret_ticket(role: str) -> dict:
    return {"id": "s-1", "subject": "login", "messages": [{"role": role, "body": b} for b in NOISY_BODIES]}


SELECTIONS = [
    ("--select", "ALL"), ("--select", "TL303"), ("--select", "TL2"), ("--select", "TL4"), ("--select", "TL407"),
    ("--select", "TL601"), ("--select", "TL602"), ("--select", "TL1"), ("--profile", "reply"),
    ("--profile", "escalation"), ("--profile", "audit"), ("--profile", "privacy"), (), ("--ignore", "TL601,TL602"),
]


@pytest.mark.parametrize("selection", SELECTIONS, ids=[" ".join(s) or "default" for s in SELECTIONS])
@pytest.mark.parametrize("role", ["customer", "agent", "note", "mixed"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_no_secret_in_any_output(selection: tuple[str, ...], role: str, fmt: str) -> None:
    """A secret written by any role reaches neither stdout nor stderr, whatever the rules and the format."""
    if role == "mixed":
        t = secret_ticket("customer")
        for i, m in enumerate(t["messages"]):
            m["role"] = ("customer", "agent", "note")[i % 3]
    else:
        t = secret_ticket(role)
    run = check(*selection, "--format", fmt, "--statistics", "--group-by", "agent", "-", input=json.dumps(t))
    assert_no_secret(run)
    assert run.code in (0, 1), run.both[-2000:]
    if fmt != "text":
        assert_counts(summary_of(run, fmt))


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_secret_in_error_lines_of_a_bad_ticket(fmt: str) -> None:
    """A ticket that cannot be linted is reported without quoting its secret (role, language, id, huge body)."""
    bad = [
        {"id": "r", "messages": [{"role": f"password: {PASSWORD}", "body": "hi"}]},
        {"id": "l", "language": f"card {CARD}", "messages": [{"role": "agent", "body": "hi"}]},
        {"id": "m", "messages": [{"role": "agent", "body": "hi", "language": STRIPE}]},
        {"id": "b", "messages": [{"role": "agent", "body": f"password: {PASSWORD} " + "x" * 1_000_001}]},
        {"id": "t", "tags": [AWS, 1], "messages": [{"role": "agent", "body": "hi"}]},
    ]
    text = jsonl(*bad) + '{"id": "j", "messages": [{"role": "agent", "body": "password: ' + PASSWORD + '"\n'
    run = check("--format", fmt, "-", input=text)
    assert run.code == 2
    assert_no_secret(run)


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_no_secret_through_eval(tmp_path: Path, fmt: str) -> None:
    """`ticketlint eval` (labelled tickets, misses listed with details) never prints a secret either."""
    rows = []
    for i, body in enumerate(NOISY_BODIES):
        for role in ("customer", "agent", "note"):
            rows.append({"id": f"e-{i}-{role}", "language": "en", "messages": [{"role": role, "body": body}],
                         "expect": ["TL303", "TL202"], "expect_not": ["TL601", "TL602", "TL407", "TL401", "TL201"]})
    path = tmp_path / "labels.jsonl"
    path.write_text(jsonl(*rows), encoding="utf-8")
    run = cli("eval", "--format", fmt, str(path))
    assert run.code in (0, 1), run.both[-2000:]
    assert_no_secret(run)


@pytest.mark.parametrize(("name", "content"), [
    ("bad.jsonl", '{"id": "x", "messages": [\n'),
    ("role.jsonl", json.dumps({"id": "x", "messages": [{"role": "boss", "body": f"password: {PASSWORD}"}]}) + "\n"),
    ("labels.jsonl", json.dumps({"id": "x", "messages": [{"role": "agent", "body": "hi"}], "expect": "TL303"}) + "\n"),
    ("empty.jsonl", ""),
    ("both.jsonl", json.dumps({"id": "x", "messages": [{"role": "agent", "body": "hi"}], "expect": ["TL303"],
                               "expect_not": ["TL303"]}) + "\n"),
    ("big.jsonl", json.dumps({"id": "x", "messages": [{"role": "agent", "body": "x" * 1_000_001}]}) + "\n"),
    ("array.json", json.dumps([1, 2])),
    ("broken.json", '[{"id": '),
    ("latin1.jsonl", None),
], ids=lambda v: v if isinstance(v, str) and len(v) < 20 else "")
def test_eval_bad_labelled_file_is_one_line_exit_2(tmp_path: Path, name: str, content: str | None) -> None:
    path = tmp_path / name
    if content is None:
        path.write_bytes(b'{"id": "caf\xe9", "messages": [{"role": "agent", "body": "hi"}]}\n')
    else:
        path.write_text(content, encoding="utf-8")
    run = cli("eval", str(path))
    assert run.code == 2, run.both[-2000:]
    assert name in run.both
    assert_no_secret(run)


# -- terminal escapes -------------------------------------------------------------------------------------

ESCAPES = ["\x1b[2J", "\x1b]0;pwned\x07", "\x9b31m", "\u202e", "\x1b[31m", "\x07", "\x00", "\x7f", "\u2066", "\x85"]
RAW = ("\x1b", "\x9b", "\u202e", "\x07", "\u2066", "\x85")


def assert_no_raw_escape(run: Run) -> None:
    for ch in RAW:
        assert ch not in run.out, (ch, run.out[-2000:])
        assert ch not in run.err, (ch, run.err[-2000:])


@pytest.mark.parametrize("esc", ESCAPES, ids=[repr(e) for e in ESCAPES])
def test_terminal_escapes_in_body_and_id_are_escaped_in_text_output(esc: str) -> None:
    t = {"id": f"id{esc}x", "agent": f"maria{esc}", "messages": [
        {"role": "agent", "body": f"That was PEBKAC{esc} again.{esc}\n{esc}PEBKAC{esc}", "author": esc},
        {"role": "customer", "body": f"WHY{esc}!!! password: {PASSWORD}{esc}"},
    ]}
    run = check("--select", "ALL", "--statistics", "--group-by", "agent", "-", input=json.dumps(t))
    assert run.code == 1
    assert_no_raw_escape(run)
    assert_no_secret(run)
    if esc.startswith("\x1b"):
        assert "\\x1b" in run.out


@pytest.mark.parametrize("esc", ["\x1b[2J", "\x1b]0;pwned\x07", "\x9b", "\u202e"], ids=repr)
def test_terminal_escapes_in_error_lines_are_escaped(esc: str) -> None:
    bad = [
        {"id": f"a{esc}", "messages": [{"role": f"boss{esc}", "body": "hi"}]},
        {"id": f"b{esc}", "language": f"kl{esc}", "messages": [{"role": "agent", "body": "hi"}]},
        {"id": f"c{esc}", "messages": []},
    ]
    run = check("--stdin-filename", f"in{esc}put.jsonl", "-", input=jsonl(*bad) + f"{{oops{esc}\n")
    assert run.code == 2
    assert len(run.error_lines()) == 4, run.out
    assert_no_raw_escape(run)


def test_terminal_escapes_in_file_names_are_escaped(tmp_path: Path) -> None:
    good = tmp_path / "evil\x1b]0;pwned\x07\u202e.json"
    good.write_text(json.dumps({"messages": [{"role": "agent", "body": "PEBKAC"}]}), encoding="utf-8")
    bad = tmp_path / "bad\x1b[2J\x9b.jsonl"
    bad.write_text("{oops\n", encoding="utf-8")
    missing = tmp_path / "missing\x1b[31m.txt"
    run = check(str(good), str(bad), str(missing))
    assert run.code == 2
    assert_no_raw_escape(run)
    assert "\\x1b" in run.out
    dir_run = check(str(tmp_path))  # found by walking a directory
    assert_no_raw_escape(dir_run)


@pytest.mark.parametrize("args", [
    ("--select", "\x1b[2JTL9"), ("--ignore", "\u202eTL9"), ("--profile", "\x1b]0;pwned\x07"),
    ("--format", "\x9bx"), ("--stdin-filename", "\x1b[2J"),
], ids=["select", "ignore", "profile", "format", "stdin-filename"])
def test_terminal_escapes_in_options_are_escaped_on_stderr(args: tuple[str, str]) -> None:
    run = check(*args, "-", input=jsonl({"id": "x", "messages": []}))
    assert run.code == 2
    assert_no_raw_escape(run)


def test_terminal_escapes_in_config_keys_are_escaped(tmp_path: Path) -> None:
    cfg = tmp_path / ".ticketlint.toml"
    cfg.write_text('[rules."\\u001b]0;pwned\\u0007"]\nx = 1\n', encoding="utf-8")
    run = check("--config", str(cfg), "-", input=json.dumps(GOOD))
    assert run.code == 2
    assert_no_raw_escape(run)


# -- lone surrogates --------------------------------------------------------------------------------------

SURROGATE_TICKETS = (
    '{"id": "s\\ud800\\u001b]0;pwned\\u0007", "agent": "\\udfff", "messages": [{"role": "agent", "body": "PEBKAC \\ud800 again \\udc00"}]}\n'
    '{"id": "\\udbff", "messages": [{"role": "customer", "author": "\\ud800", "body": "\\ud83d WHY!!! \\ude00"}]}\n'
)


@pytest.mark.parametrize("fmt", FORMATS)
def test_lone_surrogates_in_body_and_id_still_write_output(fmt: str) -> None:
    run = check("--select", "ALL", "--format", fmt, "--group-by", "agent", "--statistics", "-", input=SURROGATE_TICKETS)
    assert run.code == 1, run.both[-2000:]
    if fmt != "text":
        s = summary_of(run, fmt)
        assert_counts(s)
        assert s["tickets_linted"] == 2
    else:
        assert "2 tickets linted" in run.out


def test_lone_surrogates_in_a_real_process(tmp_path: Path) -> None:
    """PYTHONIOENCODING=utf-8 (a strict error handler): every format still writes everything, exit 1;
    the text format writes no raw terminal escape byte (ESC, BEL) to the real stdout."""
    encoding = "utf-8"
    path = tmp_path / "s.jsonl"
    path.write_text(SURROGATE_TICKETS, encoding="utf-8", errors="surrogatepass")
    procs = {fmt: subprocess.Popen([sys.executable, "-m", "ticketlint", "check", "--isolated", "--format", fmt,
                                    str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   env={**_env(), "PYTHONIOENCODING": encoding})
             for fmt in FORMATS}
    for fmt, p in procs.items():
        out, err = p.communicate(timeout=120)
        run = Run(p.returncode, out.decode("utf-8", "backslashreplace"), err.decode("utf-8", "backslashreplace"))
        assert_no_traceback(run)
        assert run.code == 1, (fmt, run.both[-2000:])
        if fmt == "text":
            assert "2 tickets linted" in run.out
            for raw in (b"\x1b", b"\x07"):
                assert raw not in out and raw not in err, (raw, out[-2000:])
        else:
            s = summary_of(run, fmt)
            assert s["tickets_linted"] == 2 and s["tickets_read"] == 2


def _env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env.pop("TICKETLINT_DEBUG", None)
    return env


# -- a full disk ------------------------------------------------------------------------------------------


def test_output_to_a_full_disk_is_exit_2_and_one_line(tmp_path: Path) -> None:
    """`> /dev/full`, every format, with and without findings: exit 2, `ticketlint: error: cannot write the output`."""
    with_findings = tmp_path / "f.jsonl"
    with_findings.write_text(jsonl(*[{**GOOD, "id": f"t{i}"} for i in range(50)]), encoding="utf-8")
    clean = tmp_path / "c.jsonl"
    clean.write_text(jsonl({"id": "c", "messages": [{"role": "customer", "body": "Hello."}]}), encoding="utf-8")
    procs = {}
    with open("/dev/full", "wb") as full:
        for fmt in FORMATS:
            for path, sel in ((with_findings, "ALL"), (clean, "TL401")):
                procs[(fmt, path.name)] = subprocess.Popen(
                    [sys.executable, "-m", "ticketlint", "check", "--isolated", "--select", sel, "--format", fmt,
                     str(path)], stdout=full, stderr=subprocess.PIPE, env=_env())
        for key, p in procs.items():
            _, err = p.communicate(timeout=120)
            run = Run(p.returncode, "", err.decode("utf-8", "backslashreplace"))
            assert_no_traceback(run)
            assert run.code == 2, (key, run.err)
            lines = [line for line in run.err.splitlines() if line.strip()]
            assert len(lines) == 1, (key, run.err)
            assert lines[0].startswith("ticketlint: error: cannot write the output ("), (key, lines)
