"""The hooks of .pre-commit-hooks.yaml, run by the real pre-commit (from PyPI) as a team would.

A temporary git repository holds a `.pre-commit-config.yaml` that points at
this checkout by path and at a commit of it: the checkout's files as they are
now (uncommitted changes included) are copied into a temporary clone and
committed there, so the test proves the working tree, not the last commit.
pre-commit builds its own virtualenv and pip-installs ticketlint into it
(dependencies from the configured package index); PRE_COMMIT_HOME lives in
the test's temporary folder, built once for the module.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
HOOKS = ("ticketlint", "ticketlint-notes", "ticketlint-tickets")

# Canned replies and notes of our own, in four languages.
BAD_REPLY = "Hola, reinicie el router y vuelva a intentarlo. (Nota: otro caso PEBKAC.)\n"
CLEAN_REPLY = ("Thank you for your patience. Please restart the router, wait two minutes and try again; "
               "if the light stays red, reply here and we will call you today.\n")
BAD_NOTE = "Pelanggan sudah dihubungi. Masalah layer 8, tidak perlu eskalasi.\n"
DRAFT = "Ciornă: problemă PEBKAC, de rescris.\n"
BAD_TICKET = ('{"id": "T-7", "messages": [{"role": "agent", "body": "Closed: PEBKAC, the caps lock was on."}]}\n')


def _git(*args: str, cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(cwd), **extra}
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def _snapshot(dest: Path) -> str:
    """A clone of the working tree as it is (tracked and untracked, not ignored), committed; its commit id."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True, timeout=60).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():  # a tracked file deleted in the working tree is left out, as it is
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    assert (dest / ".pre-commit-hooks.yaml").is_file()
    _git("init", "-q", cwd=dest)
    _git("add", "-A", cwd=dest)
    done = _git("commit", "-q", "--no-verify", "-m", "snapshot of the working tree", cwd=dest)
    assert done.returncode == 0, done.stderr
    return _git("rev-parse", "HEAD", cwd=dest).stdout.strip()


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of ticketlint")
    pytest.importorskip("pre_commit")
    base = tmp_path_factory.mktemp("precommit")
    src, proj = base / "ticketlint", base / "project"
    src.mkdir()
    proj.mkdir()
    rev = _snapshot(src)
    hooks = "\n".join(f"      - id: {h}" for h in HOOKS)
    (proj / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {src}\n    rev: {rev}\n    hooks:\n{hooks}\n", encoding="utf-8")
    (proj / ".ticketlint.toml").write_text('exclude = ["replies/drafts"]\n', encoding="utf-8")
    _git("init", "-q", cwd=proj)
    _git("add", "-A", cwd=proj)
    assert _git("commit", "-q", "--no-verify", "-m", "config", cwd=proj).returncode == 0
    installed = _pre_commit(proj, "install", "--install-hooks")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return proj


def _pre_commit(proj: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(proj.parent / "cache"), "HOME": str(proj),
           "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=proj, env=env, capture_output=True,
                          text=True, timeout=600)


def _commit(proj: Path, files: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Add the files and commit them through the installed git hook (pre-commit runs the hooks)."""
    for name, text in files.items():
        (proj / name).parent.mkdir(parents=True, exist_ok=True)
        (proj / name).write_text(text, encoding="utf-8")
    _git("add", *files, cwd=proj)
    return _git("commit", "-m", "add " + ", ".join(files), cwd=proj, PRE_COMMIT_HOME=str(proj.parent / "cache"))


def _reset(proj: Path) -> None:
    _git("reset", "-q", "--hard", "HEAD", cwd=proj)
    _git("clean", "-qfd", cwd=proj)


def test_a_reply_with_a_finding_fails_the_commit(project: Path) -> None:
    r = _commit(project, {"replies/router-es.md": BAD_REPLY})
    out = r.stdout + r.stderr
    assert r.returncode != 0, out
    assert "ticketlint (canned replies)" in out and "Failed" in out
    assert "replies/router-es.md:1:" in out and "TL401" in out and "PEBKAC" in out
    assert _git("log", "--oneline", cwd=project).stdout.count("\n") == 1  # nothing was committed
    _reset(project)


def test_a_clean_reply_passes(project: Path) -> None:
    r = _commit(project, {"replies/router-en.md": CLEAN_REPLY})
    out = r.stdout + r.stderr
    assert r.returncode == 0, out
    assert "ticketlint (canned replies)" in out and "Passed" in out
    assert "add replies/router-en.md" in _git("log", "--oneline", cwd=project).stdout


def test_notes_tickets_and_exclude(project: Path) -> None:
    note = _commit(project, {"internal/handoff-id.txt": BAD_NOTE})
    out = note.stdout + note.stderr
    assert note.returncode != 0 and "ticketlint (internal notes)" in out and "TL401" in out, out
    _reset(project)
    ticket = _commit(project, {"tickets/t-7.jsonl": BAD_TICKET})
    out = ticket.stdout + ticket.stderr
    assert ticket.returncode != 0 and "ticketlint (ticket JSON/JSONL)" in out and "TL401" in out, out
    _reset(project)
    # --force-exclude in the hooks: the project's `exclude` applies to the files pre-commit passes
    draft = _commit(project, {"replies/drafts/ciorna-ro.md": DRAFT})
    out = draft.stdout + draft.stderr
    assert draft.returncode == 0 and "TL401" not in out, out
